"""Events: group the documents of a corpus without an ``event`` column into events.

Within-event comparison (how outlets covered *the same* event) needs an event per
document; real corpora rarely have one. :func:`infer_events` groups documents that
appeared within a few days of each other and share named places, actors and rare
names:

1. each document's features are the canonical forms of its hits of the study's
   ``places``, ``actors`` and ``naming`` lexicons (found by role) and its capitalised
   phrases ("Defence Ministry", "Tavush"), each phrase also word by word, without
   stopwords, month and day names; the first word of a sentence counts only if the
   corpus also capitalises it inside a sentence ("Officials said" is not a name);
2. TF-IDF weights (sublinear term frequency, smooth IDF, features found in more than
   ``max_df`` of the documents dropped), rows normalised: a place named by every
   document of the corpus counts for little, a village named by three counts a lot;
3. cosine similarities between documents at most ``window_days`` apart (documents
   without a date are compared with every document); pairs above ``threshold`` link
   documents into candidate groups (connected components);
4. each group is cut by average-linkage agglomerative clustering (a pair more than
   ``window_days`` apart has similarity 0), at ``threshold``: a chain of pairwise
   similar documents over weeks does not become one event.

``event_label`` is the event's top terms (summed TF-IDF weights of its documents).
"""
from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable

import numpy as np
import pandas as pd

from ._checks import FramingError

__all__ = ["infer_events", "event_purity", "EVENT_COLUMNS"]

#: Columns of :func:`infer_events`.
EVENT_COLUMNS = ["doc_id", "event_id", "event_label"]
#: Roles whose lexicon hits are event features (named places and actors, names).
EVENT_ROLES = ("places", "actors", "naming")
# a group larger than this is not cut by average linkage (quadratic memory); it stays
# one event (and a warning says so)
_MAX_LINKAGE = 4000

_CAPS = re.compile(r"(?<![\w'’-])[A-Z][\w'’-]*(?:[ \t]+(?:(?:of|the|de|al|el|and|for)[ \t]+)?"
                   r"[A-Z][\w'’-]*)*")
# what may stand before the first word of a sentence (searched back from a match)
_SENTENCE_START = re.compile(r"(?:\A|[.!?:]['’\"”)]*\s+|\n\s*|[\"“‘(]\s*)\Z")
_POSSESSIVE = re.compile(r"['’]s?$")
_CALENDAR = frozenset(
    "january february march april may june july august september october november december "
    "jan feb mar apr jun jul aug sep sept oct nov dec monday tuesday wednesday thursday "
    "friday saturday sunday mr mrs ms dr gen lt col maj sgt prof st".split())


def _stopwords() -> frozenset:
    from .compare import load_stopwords

    return load_stopwords("news") | _CALENDAR


def _capitalised(text: str, stop: frozenset) -> tuple[list, list, set]:
    """The capitalised phrases of ``text`` and their words, as (feature, surface form).

    Returns
    -------
    sure : list of (feature, form)
        Phrases and words capitalised inside a sentence.
    initial : list of (word, feature, form)
        Those that start with the first word of a sentence ("Officials said ...",
        "Kellmoor is under water"): names only if ``word`` is capitalised inside a
        sentence somewhere in the corpus (decided by the caller).
    inner : set of str
        The words capitalised inside a sentence in ``text``.
    """
    sure, initial, inner = [], [], set()
    for m in _CAPS.finditer(text):
        words = [_POSSESSIVE.sub("", w) for w in m.group().split()]
        first = _SENTENCE_START.search(text[max(0, m.start() - 6):m.start()]) is not None
        inner.update(words[1:] if first else words)
        for feat, form in _phrase_features(words, stop):
            if first and form.split()[0] == words[0]:
                initial.append((words[0], feat, form))
            else:
                sure.append((feat, form))
    return sure, initial, inner


def _phrase_features(words: list[str], stop: frozenset) -> list[tuple[str, str]]:
    """The phrase (without stopwords at its ends) and its words, as (feature, form)."""
    while words and words[0].lower() in stop:  # "The Defence Ministry", "On Monday"
        words = words[1:]
    while words and words[-1].lower() in stop:
        words = words[:-1]
    out = []
    if len(words) > 1:
        phrase = " ".join(words)
        out.append((phrase.lower(), phrase))
    out.extend((w.lower(), w) for w in words if w.lower() not in stop and len(w) > 1)
    return out


def _features(chunk: pd.DataFrame, matcher, stop, inner: set) -> tuple[list, list]:
    """Per document: its sure features and its sentence-initial candidates."""
    feats, pending = [], []
    col = "body" if "body" in chunk.columns else "text"
    for text in chunk[col].tolist():
        f, p = [], []
        if isinstance(text, str) and text:
            if matcher is not None:
                for s, li, e, ri in matcher._select(text):
                    canonical = matcher._hit_info[li][ri][4] or text[s:e]
                    f.append(("@" + canonical.lower(), canonical))
            sure, p, words = _capitalised(text, stop)
            f.extend(sure)
            inner.update(words)
        feats.append(f)
        pending.append(p)
    return feats, pending


def _days(chunk: pd.DataFrame) -> np.ndarray:
    """Days since the epoch as float (NaN without a date)."""
    if "date" not in chunk.columns:
        return np.full(len(chunk), np.nan)
    d = chunk["date"]
    if not pd.api.types.is_datetime64_any_dtype(d.dtype):
        d = pd.to_datetime(d, errors="coerce", utc=True, format="mixed")
    if getattr(d.dt, "tz", None) is not None:
        d = d.dt.tz_convert("UTC").dt.tz_localize(None)
    v = d.to_numpy(dtype="datetime64[ns]").astype(np.int64) / 86400e9
    v[d.isna().to_numpy()] = np.nan
    return v


def _pairs(X, days: np.ndarray, window: float, threshold: float):
    """Pairs (i < j) at most ``window`` days apart with cosine similarity >= threshold."""
    n = X.shape[0]
    dated = np.flatnonzero(~np.isnan(days))
    undated = np.flatnonzero(np.isnan(days))
    rows, cols, vals = [], [], []

    def block(a: np.ndarray, b: np.ndarray) -> None:
        if not len(a) or not len(b):
            return
        s = (X[a] @ X[b].T).tocoo()
        keep = s.data >= threshold
        i, j = a[s.row[keep]], b[s.col[keep]]
        m = i < j
        rows.append(i[m])
        cols.append(j[m])
        vals.append(s.data[keep][m])

    order = dated[np.argsort(days[dated], kind="stable")]
    d = days[order]
    day = np.floor(d)
    # no dated document: no day blocks (a corpus without dates is all 'undated' below)
    starts = np.flatnonzero(np.concatenate([[len(d) > 0], day[1:] != day[:-1]]))
    ends = np.concatenate([starts[1:], [len(order)]])
    for s0, e0 in zip(starts, ends):
        hi = np.searchsorted(d, day[s0] + 1 + window, side="left")
        block(order[s0:e0], order[s0:hi])
    if len(undated):
        block(undated, np.arange(n))
        block(dated, undated)
    if not rows:
        return np.zeros(0, np.int64), np.zeros(0, np.int64), np.zeros(0)
    i, j, v = np.concatenate(rows), np.concatenate(cols), np.concatenate(vals)
    # the date window in days (the day blocks above are a superset)
    ok = np.isnan(days[i]) | np.isnan(days[j]) | (np.abs(days[i] - days[j]) <= window + 1e-9)
    return i[ok], j[ok], v[ok]


def _cut(members: np.ndarray, X, days: np.ndarray, window: float, threshold: float):
    """Average-linkage clusters of ``members`` (labels 0..k-1)."""
    from scipy.cluster.hierarchy import fcluster, linkage
    from scipy.spatial.distance import squareform

    sub = X[members]
    sim = (sub @ sub.T).toarray()
    dd = days[members]
    far = np.abs(dd[:, None] - dd[None, :]) > window + 1e-9  # NaN compares False: undated
    sim[far] = 0.0
    dist = np.clip(1.0 - sim, 0.0, None)
    np.fill_diagonal(dist, 0.0)
    z = linkage(squareform(dist, checks=False), method="average")
    return fcluster(z, t=1.0 - threshold + 1e-9, criterion="distance") - 1


def infer_events(corpus, *, window_days: float = 3, threshold: float = 0.1, study=None,
                 max_df: float = 0.5, top_terms: int = 3) -> pd.DataFrame:
    """Group documents into events: close in date, sharing places, actors and names.

    Parameters
    ----------
    corpus : DataFrame or iterable of DataFrame
        A corpus (:func:`framing.load_corpus`) or its chunks, read once: ``doc_id``,
        ``body`` (or ``text``) and, when present, ``date``.
    window_days : float, default 3
        Documents further apart than this many days are never in one event.
    threshold : float, default 0.1
        Cosine similarity of TF-IDF feature vectors from which two documents are
        linked, and the average similarity at which the linkage stops merging.
    study : str, path or Study, optional
        Its ``places``, ``actors`` and ``naming`` lexicons give features (default: the
        default study; a study without them: capitalised phrases only).
    max_df : float, default 0.5
        Features found in more than this share of the documents are ignored (with
        at least 20 documents).
    top_terms : int, default 3
        Terms in each ``event_label``.

    Returns
    -------
    DataFrame
        One row per document in corpus order: ``doc_id``, ``event_id`` (int,
        numbered by the events' first dates, then corpus order; a document linked to
        no other is an event of its own) and ``event_label`` (the event's top terms,
        comma-separated; empty for a document without features).

    Examples
    --------
    >>> import pandas as pd
    >>> c = pd.DataFrame({"doc_id": ["a", "b", "c"], "date": ["2024-05-01", "2024-05-02",
    ...                   "2024-05-01"], "body": ["Floods hit Velmora and Tarsk.",
    ...                   "In Velmora, the floods in Tarsk rose.", "Elections in Brandor."]})
    >>> infer_events(c, study=False)["event_id"].tolist()
    [0, 0, 1]
    """
    if not window_days >= 0:
        raise FramingError(f"window_days must be >= 0, got {window_days!r}")
    if not 0 < threshold <= 1:
        raise FramingError(f"threshold must be in (0, 1], got {threshold!r}")
    matcher = None
    if study is not False:
        from .lexicons import Matcher
        from .studies import load_study

        st = load_study(study)
        lexes = [lx for lx in st.lexicons if lx.role in EVENT_ROLES]
        if lexes:
            matcher = Matcher(lexes)
    stop = _stopwords()
    chunks = [corpus] if isinstance(corpus, pd.DataFrame) else corpus
    if not isinstance(chunks, Iterable):
        raise FramingError("infer_events needs a corpus DataFrame or an iterable of chunks")
    ids, feats, pending, days, inner = [], [], [], [], set()
    for chunk in chunks:
        if "doc_id" not in chunk.columns or not ({"body", "text"} & set(chunk.columns)):
            raise FramingError("infer_events: the corpus needs doc_id and body (or text) "
                               "columns")
        f, p = _features(chunk, matcher, stop, inner)
        ids.extend(chunk["doc_id"].tolist())
        feats.extend(f)
        pending.extend(p)
        days.append(_days(chunk))
    surface = Counter()
    for f, p in zip(feats, pending):
        f.extend((feat, form) for word, feat, form in p if word in inner)
        surface.update(f)
    feats = [[feat for feat, _ in f] for f in feats]
    n = len(ids)
    if n == 0:
        return pd.DataFrame({"doc_id": [], "event_id": pd.Series([], dtype=np.int64),
                             "event_label": pd.Series([], dtype=object)})
    days = np.concatenate(days)
    X, vocab = _tfidf(feats, max_df if n >= 20 else 1.0)
    i, j, _ = _pairs(X, days, float(window_days), threshold)
    from scipy.sparse import coo_matrix
    from scipy.sparse.csgraph import connected_components

    _, comp = connected_components(coo_matrix((np.ones(len(i)), (i, j)), shape=(n, n)),
                                   directed=False)
    label = comp.astype(np.int64) * 0 - 1
    next_label = 0
    for c in np.unique(comp):
        members = np.flatnonzero(comp == c)
        if len(members) <= 2 or len(members) > _MAX_LINKAGE:
            if len(members) > _MAX_LINKAGE:
                import warnings

                warnings.warn(f"infer_events: a group of {len(members)} linked documents is "
                              "too large to be cut by average linkage; it stays one event")
            label[members] = next_label
            next_label += 1
            continue
        sub = _cut(members, X, days, float(window_days), threshold)
        label[members] = next_label + sub
        next_label += int(sub.max()) + 1
    # number events by first date, then first document
    first_day = pd.Series(np.where(np.isnan(days), np.inf, days)).groupby(label).min()
    first_doc = pd.Series(np.arange(n)).groupby(label).min()
    order = sorted(first_day.index, key=lambda e: (first_day[e], first_doc[e]))
    renum = {e: k for k, e in enumerate(order)}
    event_id = np.array([renum[e] for e in label], dtype=np.int64)
    labels = _labels(X, event_id, vocab, surface, top_terms)
    return pd.DataFrame({"doc_id": ids, "event_id": event_id,
                         "event_label": [labels[e] for e in event_id]})


def _tfidf(feats: list[list[str]], max_df: float):
    from scipy.sparse import csr_matrix

    vocab: dict[str, int] = {}
    indptr, indices = [0], []
    for f in feats:
        indices.extend(vocab.setdefault(t, len(vocab)) for t in f)
        indptr.append(len(indices))
    n, v = len(feats), len(vocab)
    tf = csr_matrix((np.ones(len(indices)), np.array(indices, dtype=np.int64),
                     np.array(indptr, dtype=np.int64)), shape=(n, max(v, 1)))
    tf.sum_duplicates()
    df = np.bincount(tf.indices, minlength=tf.shape[1])
    idf = np.log((1 + n) / (1 + df)) + 1
    idf[df > max_df * n] = 0.0
    tf.data = (1 + np.log(tf.data)) * idf[tf.indices]
    tf.eliminate_zeros()
    norms = np.sqrt(np.asarray(tf.multiply(tf).sum(axis=1)).ravel())
    norms[norms == 0] = 1.0
    from scipy.sparse import diags

    return (diags(1 / norms) @ tf).tocsr(), [t for t, _ in sorted(vocab.items(),
                                                                 key=lambda kv: kv[1])]


def _labels(X, event_id: np.ndarray, vocab: list, surface: Counter, top: int) -> dict:
    from scipy.sparse import csr_matrix

    k = int(event_id.max()) + 1
    n = len(event_id)
    membership = csr_matrix((np.ones(n), (event_id, np.arange(n))), shape=(k, n))
    weight = (membership @ X).tocsr()
    best_form: dict[str, tuple[int, str]] = {}
    for (feat, form), c in surface.items():
        if c > best_form.get(feat, (0, ""))[0]:
            best_form[feat] = (c, form)
    out = {}
    for e in range(k):
        row = weight.getrow(e)
        order = np.argsort(-row.data, kind="stable")
        names, seen = [], set()
        for idx in row.indices[order]:
            feat = vocab[idx]
            form = best_form.get(feat, (0, feat.lstrip("@")))[1]
            if form.lower() in seen:
                continue
            seen.add(form.lower())
            names.append(form)
            if len(names) == top:
                break
        out[e] = ", ".join(names)
    return out


def event_purity(labels_true, labels_pred) -> float:
    """Purity of a clustering: the share of documents in the majority true event of
    their predicted event.

    Examples
    --------
    >>> event_purity(["a", "a", "b", "b"], [0, 0, 0, 1])
    0.75
    """
    t = pd.Series(list(labels_true)).astype(str)
    p = pd.Series(list(labels_pred)).astype(str)
    if not len(t):
        return 1.0
    return float(pd.crosstab(p, t).max(axis=1).sum() / len(t))
