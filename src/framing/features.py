"""Features per document and per outlet, from lexicon hits.

Tidy tables for analysis (:func:`document_features`, :func:`outlet_features`,
:func:`term_usage`) and a scikit-learn transformer giving a document × feature
matrix (:class:`LexiconVectorizer`).
"""
from __future__ import annotations

import numpy as np
import pandas as pd

from ._checks import check_columns
from .text import count_words

__all__ = ["document_features", "outlet_features", "outlet_features_from", "term_usage"]

FEATURE_COLUMNS = ["doc_id", "lexicon", "dimension", "value", "voice", "count", "n_words", "rate"]


def _long_counts(hits: pd.DataFrame, voice_col: str) -> pd.DataFrame:
    """Counts per doc × lexicon × (category|side) × voice, long format."""
    parts = []
    for dim in ("category", "side"):
        h = hits[hits[dim].astype(str) != ""] if dim == "side" else hits
        if h.empty:
            continue
        g = h.groupby(["doc_id", "lexicon", dim, voice_col], observed=True).size()
        g = g.rename("count").reset_index().rename(columns={dim: "value", voice_col: "voice"})
        g.insert(2, "dimension", dim)
        parts.append(g)
    if not parts:
        return pd.DataFrame(columns=["doc_id", "lexicon", "dimension", "value", "voice", "count"])
    return pd.concat(parts, ignore_index=True)


def document_features(hits: pd.DataFrame, corpus: pd.DataFrame, *, voice: str = "voice",
                      lexicons=None) -> pd.DataFrame:
    """Counts and rates per 1,000 words of each category and side, per document and voice.

    Parameters
    ----------
    hits : DataFrame
        A hits table (:func:`framing.match_lexicon`).
    corpus : DataFrame
        The corpus the hits come from (``doc_id``, ``body``; ``n_words`` is used if present).
    voice : str, default "voice"
        Column of ``hits`` that splits counts by voice (``own``/``quoted``, or a
        three-way split from attribution). Every row also appears with voice ``all``.
    lexicons : list of str, optional
        Keep only these lexicons.

    Returns
    -------
    DataFrame
        ``doc_id, lexicon, dimension, value, voice, count, n_words, rate``: ``dimension``
        is ``category`` or ``side``; ``rate`` is per 1,000 words of the document
        (NaN for a document with no words). Documents with no hits appear in
        :func:`outlet_features` with zero counts; here only non-zero counts are listed.
        Rows follow the order of the documents in ``corpus``.

    Examples
    --------
    >>> import pandas as pd
    >>> c = pd.DataFrame({"doc_id": ["a"], "body": ["Artsakh and Artsakh again."]})
    >>> h = pd.DataFrame({"doc_id": ["a", "a"], "lexicon": ["naming"] * 2,
    ...                   "category": ["toponym"] * 2, "side": ["armenia"] * 2,
    ...                   "voice": ["own", "quoted"]})
    >>> f = document_features(h, c)
    >>> f[(f.dimension == "side") & (f.voice == "all")][["value", "count", "rate"]].values.tolist()
    [['armenia', 2, 500.0]]
    """
    check_columns(hits, ["doc_id", "lexicon", "category", "side", voice], "hits")
    check_columns(corpus, ["doc_id"], "corpus")
    if lexicons is not None:
        hits = hits[hits["lexicon"].isin(list(lexicons))]
    words = _words(corpus)
    long = _coded_counts(hits, corpus, voice, words)
    if long is not None:  # sorted already, n_words and rate to add
        n_words = long.pop("_n_words")
        long["n_words"] = n_words
        with np.errstate(divide="ignore", invalid="ignore"):
            long["rate"] = np.where(n_words > 0, 1000.0 * long["count"].to_numpy() / n_words,
                                    np.nan)
        return long[FEATURE_COLUMNS]
    both = pd.concat([hits.assign(**{voice: hits[voice].astype(str)}),
                      hits.assign(**{voice: "all"})], ignore_index=True)
    long = _long_counts(both, voice)
    long["n_words"] = long["doc_id"].map(words).astype(float)
    with np.errstate(divide="ignore", invalid="ignore"):
        long["rate"] = np.where(long["n_words"] > 0, 1000.0 * long["count"] / long["n_words"], np.nan)
    long["count"] = long["count"].astype(int)
    # documents in corpus order (so chunks of a corpus give the rows of the whole), then
    # lexicon, dimension, value and voice
    order = {d: i for i, d in enumerate(pd.unique(corpus["doc_id"]))}
    long["_doc"] = long["doc_id"].map(order).fillna(len(order)).astype(np.int64)
    long = long.sort_values(["_doc", "doc_id", "lexicon", "dimension", "value", "voice"],
                            ignore_index=True)
    return long[FEATURE_COLUMNS]


def _coded_counts(hits: pd.DataFrame, corpus: pd.DataFrame, voice: str, words: pd.Series):
    """The rows of :func:`document_features` before ``n_words`` and ``rate`` (with the
    documents' word counts as ``_n_words``, a float array), in their final order, from
    integer codes instead of grouping and sorting string columns (four times faster on a
    chunk of a run); None where this path does not apply (no hits, a missing value or
    a column that is not of strings), and the general path runs.

    Each key column is factorised in sorted order, so that one 64-bit number per row
    (document position in ``corpus``, document id, lexicon, dimension, value, voice)
    sorts as the rows of the general path do; counting the distinct numbers counts the
    groups, and the voice ``all`` is the same numbers with that voice's code.
    """
    cols = ["doc_id", "lexicon", "category", "side", voice]
    if not len(hits) or len(set(cols)) != len(cols):
        return None
    text = pd.Series(["a"]).dtype  # the default string dtype, that of the general path
    for c in cols:
        if hits[c].dtype != text or hits[c].hasnans:
            return None
    codes, uniqs = {}, {}
    for c in ("doc_id", "lexicon", "category", "side"):
        codes[c], uniqs[c] = pd.factorize(hits[c], sort=True)
    vcodes, vuniq = pd.factorize(hits[voice], sort=True)
    voices = sorted(set(vuniq.tolist()) | {"all"})
    vpos = np.array([voices.index(v) for v in vuniq.tolist()], dtype=np.int64)
    vcodes = vpos[vcodes]
    n_voice = len(voices)
    all_code = voices.index("all")
    # documents: position in the corpus (those not in it after, by id), then the id
    docs = uniqs["doc_id"]
    order = {d: i for i, d in enumerate(pd.unique(corpus["doc_id"]))}
    pos = np.array([order.get(d, len(order)) for d in docs.tolist()], dtype=np.int64)
    rank = np.empty(len(docs), dtype=np.int64)
    rank[np.lexsort((np.arange(len(docs)), pos))] = np.arange(len(docs))
    doc = rank[codes["doc_id"]]
    lex = codes["lexicon"].astype(np.int64)
    n_val = max(len(uniqs["category"]), len(uniqs["side"]))
    n_lex = len(uniqs["lexicon"])
    keys = []
    empty_side = uniqs["side"].get_indexer([""])[0]
    for dim, c in ((0, "category"), (1, "side")):
        val = codes[c].astype(np.int64)
        keep = slice(None) if dim == 0 or empty_side < 0 else val != empty_side
        base = (((doc[keep] * n_lex + lex[keep]) * 2 + dim) * n_val + val[keep]) * n_voice
        keys += [base + vcodes[keep], base + all_code]
    if len(docs) * n_lex * 2 * n_val * n_voice >= 2 ** 62:  # pragma: no cover - huge
        return None
    key, count = np.unique(np.concatenate(keys), return_counts=True)
    key, v = np.divmod(key, n_voice)
    key, val = np.divmod(key, n_val)
    key, dim = np.divmod(key, 2)
    d, lx = np.divmod(key, n_lex)
    by_rank = np.empty(len(docs), dtype=np.int64)
    by_rank[rank] = np.arange(len(docs))
    d = by_rank[d]  # back to the factorised document code
    val_cat = np.where(dim == 0, val, 0)
    val_side = np.where(dim == 1, val, 0)
    value = np.where(dim == 0, uniqs["category"].take(val_cat).to_numpy(dtype=object),
                     uniqs["side"].take(val_side).to_numpy(dtype=object))
    n_words = pd.Series(docs).map(words).astype(float).to_numpy()
    out = pd.DataFrame({
        "doc_id": pd.array(docs.take(d), dtype=text),
        "lexicon": pd.array(uniqs["lexicon"].take(lx), dtype=text),
        "dimension": pd.array(np.array(["category", "side"], dtype=object)[dim],
                              dtype=text),
        "value": pd.array(value, dtype=text),
        "voice": pd.array(np.array(voices, dtype=object)[v], dtype=text),
        "count": count.astype(np.int64),
    })
    out["_n_words"] = n_words[d]
    return out


def _words(corpus: pd.DataFrame) -> pd.Series:
    if "n_words" in corpus.columns:
        return pd.Series(corpus["n_words"].to_numpy(), index=corpus["doc_id"])
    check_columns(corpus, ["body"], "corpus")
    return pd.Series([count_words(b) if isinstance(b, str) else 0 for b in corpus["body"]],
                     index=corpus["doc_id"])


def outlet_features(hits: pd.DataFrame, corpus: pd.DataFrame, *, voice: str = "voice",
                    lexicons=None) -> pd.DataFrame:
    """Counts and rates per 1,000 words per outlet (pooled over its documents).

    Returns
    -------
    DataFrame
        ``outlet, lexicon, dimension, value, voice, count, n_docs, n_words, rate``.
        ``n_docs`` counts every document of the outlet in the corpus, including
        documents with no hits or no usable text; ``rate`` = 1,000 × count /
        words of all the outlet's documents. Every outlet × feature pair present
        anywhere in the corpus is listed, with zero counts where the outlet has none.
    """
    check_columns(corpus, ["doc_id", "outlet"], "corpus")
    feats = document_features(hits, corpus, voice=voice, lexicons=lexicons)
    return outlet_features_from(feats, corpus)


OUTLET_COLUMNS = ["outlet", "lexicon", "dimension", "value", "voice", "count", "n_docs",
                  "n_words", "rate"]


def outlet_features_from(feats: pd.DataFrame, corpus: pd.DataFrame) -> pd.DataFrame:
    """:func:`outlet_features` from a document-feature table (for streaming runs)."""
    outlet = corpus.set_index("doc_id")["outlet"].fillna("(unknown)").astype(str)
    words = _words(corpus)
    per_outlet: dict = {}
    for o, w in zip(outlet.to_numpy(), words.reindex(outlet.index).fillna(0).to_numpy()):
        cur = per_outlet.setdefault(o, [0, 0])
        cur[0] += 1
        cur[1] += int(w)
    counts: dict = {}
    if len(feats):
        f = feats.assign(outlet=feats["doc_id"].map(outlet))
        g = f.groupby(["outlet", "lexicon", "dimension", "value", "voice"], sort=False,
                      observed=True)["count"].sum()
        counts = dict(zip(g.index, g.to_numpy().tolist()))
    return outlets_from_counts(counts, per_outlet)


def outlets_from_counts(counts: dict, outlets: dict) -> pd.DataFrame:
    """The outlets table from summed counts: every outlet × every feature found anywhere.

    Parameters
    ----------
    counts : dict
        ``(outlet, lexicon, dimension, value, voice) -> count``.
    outlets : dict
        ``outlet -> [n_docs, n_words, ...]``.

    Returns
    -------
    DataFrame
        ``outlet, lexicon, dimension, value, voice, count, n_docs, n_words, rate``.
    """
    names = sorted(outlets)
    combos = sorted({k[1:] for k in counts})
    if not names or not combos:
        return pd.DataFrame({c: pd.Series(dtype=object if c in ("outlet", "lexicon", "dimension",
                                                                 "value", "voice") else float)
                             for c in OUTLET_COLUMNS})
    rows = [(o, *c, int(counts.get((o, *c), 0)), int(outlets[o][0]), int(outlets[o][1]))
            for o in names for c in combos]
    out = pd.DataFrame(rows, columns=OUTLET_COLUMNS[:-1])
    with np.errstate(divide="ignore", invalid="ignore"):
        out["rate"] = np.where(out["n_words"] > 0, 1000.0 * out["count"] / out["n_words"], np.nan)
    return out


def term_usage(hits: pd.DataFrame, corpus: pd.DataFrame, *, lexicon: str | None = None,
               by: str = "canonical") -> pd.DataFrame:
    """Which terms each outlet uses: counts per outlet × term, with side and voice.

    Returns
    -------
    DataFrame
        ``outlet, lexicon, category, side, <by>, voice, count``, sorted by count.
    """
    check_columns(hits, ["doc_id", "lexicon", "category", "side", by, "voice"], "hits")
    h = hits if lexicon is None else hits[hits["lexicon"] == lexicon]
    outlet = corpus.set_index("doc_id")["outlet"].fillna("(unknown)")
    h = h.assign(outlet=h["doc_id"].map(outlet))
    g = h.groupby(["outlet", "lexicon", "category", "side", by, "voice"], observed=True).size()
    return g.rename("count").reset_index().sort_values(["outlet", "count"],
                                                       ascending=[True, False], ignore_index=True)


def __getattr__(name):
    # scikit-learn takes seconds to import: the transformer is loaded on first use only
    if name == "LexiconVectorizer":
        from .vectorize import LexiconVectorizer

        return LexiconVectorizer
    raise AttributeError(name)
