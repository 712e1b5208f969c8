"""Wire copy: near-duplicate documents across a corpus, grouped into copy clusters.

Outlets republish agency stories (Reuters, AFP, AP, state agencies) with small edits:
a changed word, another first paragraph, their own byline. Counted as each outlet's own
words, such a story inflates every outlet's rates and makes different outlets look
alike. :func:`find_copies` finds them in one linear pass:

1. every document's cleaned text (``body``) is cut into word shingles (``shingle``
   consecutive lower-cased ``\\w+`` tokens; a document shorter than that is one
   shingle);
2. a MinHash signature of ``num_perm`` 32-bit values summarises each document's set
   of shingles (vectorised numpy: one multiply-add per shingle and permutation on a
   64-bit hash of the shingle; signatures kept as ``uint32`` arrays);
3. locality-sensitive hashing: the signature is cut into bands of ``r`` rows; two
   documents that agree on a whole band are candidates (the band count is chosen so
   that a pair at Jaccard ``threshold`` is a candidate with probability >= 0.995);
4. candidates are verified: the MinHash estimate of their Jaccard similarity (share of
   equal signature values) must be >= ``threshold``; verified pairs are joined into
   copy clusters (connected components, i.e. union-find);
5. each cluster's origin is the document that is most plausibly the source: first a
   document whose outlet is a wire agency, then one whose byline or text names one
   (in its first or last 400 characters: the dateline and the credit line), then the
   earliest date, then the first in corpus order.

Memory: ``4 * num_perm`` bytes per document for the signatures (512 MB for a million
documents at 128 permutations) plus the band keys; the texts are read chunk by chunk
and not kept. Time: linear in the number of words (the bands are sorted, ``n log n``
on a few integers per document).
"""
from __future__ import annotations

import os
import re
from collections.abc import Iterable, Iterator
from functools import lru_cache
from importlib import resources

import numpy as np
import pandas as pd

from ._checks import FramingError

__all__ = ["find_copies", "wire_agencies", "COPY_COLUMNS"]

#: Columns of :func:`find_copies` (one row per document).
COPY_COLUMNS = ["doc_id", "cluster_id", "copy_of", "similarity"]
#: Characters at the start and at the end of a text searched for an agency name.
EDGE_CHARS = 400

_TOKEN = re.compile(r"\w+")
_M1 = np.uint64(0x9E3779B97F4A7C15)
_M2 = np.uint64(0xBF58476D1CE4E5B9)
_M3 = np.uint64(0x94D049BB133111EB)
# shingles per block of the MinHash (block x num_perm uint32 values in memory at once)
_BLOCK = 1 << 16


@lru_cache(maxsize=1)
def wire_agencies() -> tuple[str, ...]:
    """The wire agency names shipped with framing (``framing/data/wire_agencies.txt``).

    Returns
    -------
    tuple of str
        Agency names (Reuters, AFP, Associated Press, dpa, Xinhua, ...), matched
        case-sensitively as whole words.
    """
    text = resources.files("framing.data").joinpath("wire_agencies.txt").read_text("utf-8")
    return tuple(s.strip() for s in text.splitlines() if s.strip() and not s.startswith("#"))


class _AgencyFinder:
    """Whole-word, case-sensitive search for agency names (one Aho-Corasick pass)."""

    def __init__(self, agencies):
        import ahocorasick

        names = sorted({str(a).strip() for a in agencies if str(a).strip()})
        self.empty = not names
        self.auto = ahocorasick.Automaton()
        for name in names:
            self.auto.add_word(name, len(name))
        if names:
            self.auto.make_automaton()

    def search(self, text) -> bool:
        """True when ``text`` names an agency as a whole word."""
        if self.empty or not isinstance(text, str) or not text:
            return False
        for end, length in self.auto.iter(text):
            start = end - length + 1
            before = text[start - 1] if start else " "
            after = text[end + 1] if end + 1 < len(text) else " "
            if not (before.isalnum() or before in "_-") and \
                    not (after.isalnum() or after in "_-"):
                return True
        return False


def _mix(h: np.ndarray) -> np.ndarray:
    """splitmix64 finaliser, in place (uint64 arrays wrap on overflow)."""
    h ^= h >> np.uint64(30)
    h *= _M2
    h ^= h >> np.uint64(27)
    h *= _M3
    h ^= h >> np.uint64(31)
    return h


def _shingle_keys(texts: list[str], k: int) -> tuple[np.ndarray, np.ndarray]:
    """32-bit keys of the word shingles of each text, concatenated.

    Returns
    -------
    keys : ndarray of uint32
        The shingle keys of every text, text after text.
    counts : ndarray of int64
        Shingles per text (0 for a text without a word).
    """
    toks = [_TOKEN.findall(t.lower()) if isinstance(t, str) and t else [] for t in texts]
    lengths = np.fromiter(map(len, toks), np.int64, len(toks))
    total = int(lengths.sum())
    if total == 0:
        return np.zeros(0, np.uint32), np.zeros(len(texts), np.int64)
    flat = np.empty(total, dtype=object)
    flat[:] = [w for ts in toks for w in ts]
    codes, uniques = pd.factorize(flat)
    # deterministic 64-bit hashes of the distinct tokens (pandas' SipHash, fixed key)
    th = pd.util.hash_array(np.asarray(uniques, dtype=object), categorize=False)[codes]
    del flat, toks, codes, uniques
    n = total - k + 1
    if n > 0:
        sh = th[:n].copy()
        for j in range(1, k):
            sh *= _M1
            sh += th[j:n + j]
        _mix(sh)
    else:
        sh = np.zeros(0, np.uint64)
    ends = np.cumsum(lengths)
    starts = ends - lengths
    counts = np.maximum(lengths - k + 1, 0)
    counts[(lengths > 0) & (lengths < k)] = 1
    idx = np.repeat(starts, counts) + (np.arange(int(counts.sum())) -
                                       np.repeat(np.cumsum(counts) - counts, counts))
    keys = np.empty(len(idx), np.uint64)
    full = np.repeat(lengths >= k, counts)
    keys[full] = sh[idx[full]]
    last = np.cumsum(counts) - 1
    for i in np.flatnonzero((lengths > 0) & (lengths < k)):  # short texts: one shingle
        h = np.zeros(1, np.uint64)
        for j in range(starts[i], ends[i]):
            h *= _M1
            h += th[j]
        keys[last[i]] = _mix(h)[0]
    return (keys >> np.uint64(32)).astype(np.uint32), counts


class _MinHasher:
    """MinHash signatures: ``num_perm`` hash functions ``a * x + b`` (mod 2**32, ``a`` odd)
    of 32-bit shingle keys that are themselves 64-bit mixed hashes (unbiased Jaccard
    estimates with the binomial variance, checked in the tests)."""

    def __init__(self, num_perm: int, shingle: int, seed: int):
        rng = np.random.default_rng(seed)
        self.a = (rng.integers(0, 2 ** 31, num_perm, dtype=np.uint32) * np.uint32(2)
                  + np.uint32(1))[:, None]
        self.b = rng.integers(0, 2 ** 32, num_perm, dtype=np.uint32)[:, None]
        self.num_perm = num_perm
        self.shingle = shingle

    def signatures(self, keys: np.ndarray, counts: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Signatures (n x num_perm uint32) of the texts whose shingle keys are ``keys``
        (``counts`` per text, from :func:`_shingle_keys`), and a mask of the texts that
        have words."""
        sig = np.full((len(counts), self.num_perm), np.iinfo(np.uint32).max, np.uint32)
        has = counts > 0
        docs = np.flatnonzero(has)
        if not len(docs):
            return sig, has
        cnt = counts[docs]
        ends = np.cumsum(cnt)
        # blocks of whole documents with about _BLOCK shingles each
        cut = np.searchsorted(ends, np.arange(_BLOCK, int(ends[-1]) + _BLOCK, _BLOCK),
                              side="left") + 1
        bounds = np.unique(np.concatenate([[0], np.minimum(cut, len(docs))]))
        for lo, hi in zip(bounds[:-1], bounds[1:]):
            s0 = int(ends[lo - 1]) if lo else 0
            s1 = int(ends[hi - 1])
            h = self.a * keys[None, s0:s1]
            h += self.b
            offs = (np.concatenate([[s0], ends[lo:hi - 1]]) - s0).astype(np.int64)
            sig[docs[lo:hi]] = np.minimum.reduceat(h, offs, axis=1).T
        return sig, has


def lsh_bands(threshold: float, num_perm: int, *, target: float = 0.995) -> tuple[int, int]:
    """Bands and rows per band of the LSH index.

    The most rows per band (fewest spurious candidates) for which a pair at Jaccard
    ``threshold`` becomes a candidate with probability at least ``target``
    (``1 - (1 - t**r)**b``).

    Returns
    -------
    (bands, rows) : tuple of int
    """
    for r in range(min(num_perm, 32), 0, -1):
        b = num_perm // r
        if 1 - (1 - threshold ** r) ** b >= target:
            return b, r
    return num_perm, 1


def _band_keys(sig: np.ndarray, bands: int, rows: int) -> np.ndarray:
    """One 64-bit key per document and band (n x bands)."""
    out = np.empty((len(sig), bands), np.uint64)
    for j in range(bands):
        h = np.full(len(sig), (j * 0x94D049BB133111EB + 0x9E3779B97F4A7C15) % 2 ** 64, np.uint64)
        for c in range(j * rows, (j + 1) * rows):
            h ^= sig[:, c].astype(np.uint64)
            h *= _M2
        out[:, j] = _mix(h)
    return out


def _candidates(keys: np.ndarray, ids: np.ndarray) -> np.ndarray:
    """Candidate pairs (i < j, as one int64 code i * n + j) of documents sharing a band key.

    In a bucket of several documents each is paired with the first and with the next
    one (a star plus a chain: 2m pairs, not m**2; a cluster is reconnected by the
    other bands and by the verification of the star)."""
    n_all = int(ids.max()) + 1 if len(ids) else 1
    out = []
    for j in range(keys.shape[1]):
        order = np.argsort(keys[:, j], kind="stable")
        k = keys[order, j]
        same = k[1:] == k[:-1]
        if not same.any():
            continue
        pos = np.flatnonzero(same)  # order[pos] and order[pos + 1] share the key
        new = np.concatenate([[True], ~same])
        first = np.maximum.accumulate(np.where(new, np.arange(len(k)), 0))
        a = np.concatenate([ids[order[pos]], ids[order[first[pos + 1]]]])
        b = np.concatenate([ids[order[pos + 1]], ids[order[pos + 1]]])
        keep = a != b
        a, b = a[keep], b[keep]
        lo, hi = np.minimum(a, b), np.maximum(a, b)
        out.append(lo.astype(np.int64) * n_all + hi)
    if not out:
        return np.zeros(0, np.int64)
    codes = np.sort(np.concatenate(out))
    return codes[np.concatenate([[True], codes[1:] != codes[:-1]])]


def _key_sets(keys: np.ndarray, counts: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The distinct shingle keys of each text, sorted, concatenated; and their counts."""
    doc = np.repeat(np.arange(len(counts), dtype=np.uint64), counts)
    u = np.sort((doc << np.uint64(32)) | keys.astype(np.uint64))
    if len(u):
        u = u[np.concatenate([[True], u[1:] != u[:-1]])]
    return (u & np.uint64(0xFFFFFFFF)).astype(np.uint32), \
        np.bincount((u >> np.uint64(32)).astype(np.int64), minlength=len(counts))


def _exact(sets: np.ndarray, offsets: np.ndarray, i: np.ndarray, j: np.ndarray) -> np.ndarray:
    """Exact Jaccard similarities of the shingle sets of the pairs (i, j)."""
    out = np.empty(len(i), np.float64)
    for k, (a, b) in enumerate(zip(i.tolist(), j.tolist())):
        x = sets[offsets[a]:offsets[a + 1]]
        y = sets[offsets[b]:offsets[b + 1]]
        if len(x) > len(y):
            x, y = y, x
        pos = np.searchsorted(y, x)
        pos[pos == len(y)] = 0
        inter = int(np.count_nonzero(y[pos] == x)) if len(y) else 0
        union = len(x) + len(y) - inter
        out[k] = inter / union if union else 1.0
    return out


def _similarity(sig: np.ndarray, i: np.ndarray, j: np.ndarray, step: int = 1 << 16) -> np.ndarray:
    """MinHash Jaccard estimates of the pairs (i, j) (share of equal signature values)."""
    out = np.empty(len(i), np.float64)
    for s in range(0, len(i), step):
        out[s:s + step] = (sig[i[s:s + step]] == sig[j[s:s + step]]).mean(axis=1)
    return out


def _as_chunks(corpus, size: int = 10000) -> Iterable[pd.DataFrame]:
    if isinstance(corpus, pd.DataFrame):
        return (corpus.iloc[i:i + size] for i in range(0, max(len(corpus), 1), size))
    if isinstance(corpus, (str, bytes)) or not isinstance(corpus, Iterable):
        raise FramingError("find_copies needs a corpus DataFrame or an iterable of corpus "
                           f"chunks, got {type(corpus).__name__}")
    return corpus


def _texts(chunk: pd.DataFrame, column: str) -> list:
    return chunk[column].tolist() if column in chunk.columns else [""] * len(chunk)


def _agency_level(chunk: pd.DataFrame, rx: _AgencyFinder) -> np.ndarray:
    """2: the outlet is a wire agency; 1: the byline or the text's edges name one; 0: no."""
    level = np.zeros(len(chunk), np.int8)
    if rx.empty:
        return level
    if "outlet" in chunk.columns:
        level[[rx.search(o) for o in chunk["outlet"]]] = 2
    named = np.zeros(len(chunk), bool)
    for col in ("author", "byline", "authors"):
        if col in chunk.columns:
            named |= [rx.search(v) for v in chunk[col]]
    col = "text" if "text" in chunk.columns else "body"
    for i, t in enumerate(_texts(chunk, col)):
        if not named[i] and isinstance(t, str) and t:
            named[i] = rx.search(t if len(t) <= 2 * EDGE_CHARS else
                                 t[:EDGE_CHARS] + "\n" + t[-EDGE_CHARS:])
    level[(level == 0) & named] = 1
    return level


def _dates(chunk: pd.DataFrame) -> np.ndarray:
    """Dates as int64 nanoseconds, the largest value for a missing date (sorts last)."""
    if "date" not in chunk.columns:
        return np.full(len(chunk), np.iinfo(np.int64).max, np.int64)
    d = chunk["date"]
    if not pd.api.types.is_datetime64_any_dtype(d.dtype):
        d = pd.to_datetime(d, errors="coerce", utc=True, format="mixed")
    if getattr(d.dt, "tz", None) is not None:
        d = d.dt.tz_convert("UTC").dt.tz_localize(None)
    v = d.to_numpy(dtype="datetime64[ns]").astype(np.int64)
    v[d.isna().to_numpy()] = np.iinfo(np.int64).max
    return v


def _sketch(chunk, column, hasher, rx, bands, rows, keep_sets) -> tuple:
    """What :func:`find_copies` keeps of one chunk: doc ids, MinHash signatures, the
    has-words mask, LSH band keys, agency level, dates, and (``keep_sets``) the distinct
    shingle keys of each document with their counts."""
    if not isinstance(chunk, pd.DataFrame) or "doc_id" not in chunk.columns:
        raise FramingError("find_copies: each corpus chunk must be a DataFrame with a "
                           "doc_id column")
    col = column if column in chunk.columns else "text"
    if col not in chunk.columns:
        raise FramingError(f"find_copies: the corpus has no {column!r} or 'text' column")
    shingles, counts = _shingle_keys(_texts(chunk, col), hasher.shingle)
    s, h = hasher.signatures(shingles, counts)
    u = c = None
    if keep_sets:
        u, c = _key_sets(shingles, counts)
    del shingles
    return (chunk["doc_id"].to_numpy(dtype=object), s, h, _band_keys(s[h], bands, rows),
            _agency_level(chunk, rx), _dates(chunk), u, c)


_SKETCH_ARGS: tuple = ()


def _sketch_worker(chunk):  # pragma: no cover - runs in a worker process
    return _sketch(chunk, *_SKETCH_ARGS)


def _quiet_worker() -> None:  # pragma: no cover - runs in a worker process
    """Signals of a worker: the parent decides what an interrupt does, and a stop
    (SIGTERM, sent when the pool ends) ends it without the parent's handler."""
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)


def _sketches(chunks, args: tuple, n_jobs: int):
    """:func:`_sketch` of every chunk, in corpus order: in this process, or (``n_jobs``
    > 1, where processes can be forked) in ``n_jobs`` worker processes while this one
    reads the next chunks. The result does not depend on ``n_jobs``."""
    import sys

    if n_jobs == 1 or not sys.platform.startswith("linux"):
        for chunk in chunks:
            yield _sketch(chunk, *args)
        return
    import collections
    import multiprocessing as mp

    global _SKETCH_ARGS
    _SKETCH_ARGS = args  # inherited by the forked workers
    try:
        with mp.get_context("fork").Pool(n_jobs, initializer=_quiet_worker) as pool:
            pending: collections.deque = collections.deque()
            for chunk in chunks:  # at most 2 chunks per worker read ahead (bounded memory)
                pending.append(pool.apply_async(_sketch_worker, (chunk,)))
                if len(pending) >= 2 * n_jobs:
                    yield pending.popleft().get()
            while pending:
                yield pending.popleft().get()
            pool.close()
            pool.join()
    finally:
        _SKETCH_ARGS = ()


def _candidate_sets(corpus, need: np.ndarray, doc_ids: np.ndarray, column: str, k: int):
    """Shingle sets of the documents at positions ``need`` (sorted), read again from
    ``corpus``: ``(row, sets, offsets)``, where ``row[p]`` is the place of document ``p``
    among them (-1 for the others) and its set is ``sets[offsets[r]:offsets[r + 1]]``."""
    row = np.full(len(doc_ids), -1, np.int64)
    row[need] = np.arange(len(need))
    if not len(need):
        return row, np.zeros(0, np.uint32), np.zeros(1, np.int64)
    parts, counts = [], []
    pos = 0
    for chunk in _as_chunks(corpus):
        n = len(chunk)
        if pos + n > len(doc_ids) or not np.array_equal(
                chunk["doc_id"].to_numpy(dtype=object), doc_ids[pos:pos + n]):
            raise FramingError("find_copies: the corpus changed while it was read twice")
        lo, hi = np.searchsorted(need, [pos, pos + n])
        if hi > lo:
            col = column if column in chunk.columns else "text"
            texts = _texts(chunk, col)
            sub = [texts[p - pos] for p in need[lo:hi].tolist()]
            u, c = _key_sets(*_shingle_keys(sub, k))
            parts.append(u)
            counts.append(c)
        pos += n
    if pos != len(doc_ids):
        raise FramingError("find_copies: the corpus changed while it was read twice")
    sets = np.concatenate(parts) if parts else np.zeros(0, np.uint32)
    offsets = np.concatenate([[0], np.cumsum(np.concatenate(counts) if counts else [])])
    return row, sets, offsets.astype(np.int64)


def find_copies(corpus, *, threshold: float = 0.8, num_perm: int = 128, shingle: int = 5,
                seed: int = 0, agencies=None, column: str = "body",
                exact: bool = True, n_jobs: int = 1) -> pd.DataFrame:
    """Find near-duplicate documents (wire copies) and the origin of each copy cluster.

    Parameters
    ----------
    corpus : DataFrame or iterable of DataFrame
        A corpus (:func:`framing.load_corpus`) or its chunks
        (:func:`framing.iter_corpus`), read once. Uses ``doc_id`` and ``column``, and
        when present ``date``, ``outlet``, ``text`` and a byline column (``author``,
        ``byline`` or ``authors``) to find the origins.
    threshold : float, default 0.8
        Estimated Jaccard similarity of the shingle sets from which two documents are
        copies of each other.
    num_perm : int, default 128
        MinHash permutations (signature length); the standard error of an estimate
        is ``sqrt(J (1 - J) / num_perm)`` (0.035 at J = 0.8).
    shingle : int, default 5
        Words per shingle.
    seed : int, default 0
        Seed of the hash functions; results are deterministic for a seed.
    agencies : list of str, optional
        Wire agency names (default: :func:`wire_agencies`); an empty list decides
        origins by date and corpus order only.
    column : str, default "body"
        The text compared (``text`` when the corpus has no ``body``).
    exact : bool, default True
        Verify the candidate pairs of the LSH index with their exact Jaccard
        similarity (the distinct shingle keys of every document are kept: 4 bytes
        per distinct shingle, about 1.1 GB for a million 300-word documents) and
        report it as ``similarity``. With False the MinHash estimate is used (no
        memory beyond the signatures; a pair just above ``threshold`` is then
        missed about half of the time, since the estimate falls below it).
    n_jobs : int, default 1
        Processes that compute the shingles and signatures of the chunks (-1: all
        cores) while this one reads the corpus; the result does not depend on it.

    Returns
    -------
    DataFrame
        One row per document, in corpus order: ``doc_id``; ``cluster_id`` (Int64,
        numbered in the order of the clusters' first documents; NA for a document
        that is nobody's copy); ``copy_of`` (the ``doc_id`` of the cluster's origin;
        NA for origins and singletons); ``similarity`` (the estimated Jaccard
        similarity to the origin, exact or estimated (see ``exact``): 1.0 for an
        origin, NaN for a singleton).

    Notes
    -----
    Documents without a word are never copies. Clusters are connected components
    of verified pairs, so a chain of copies (A ~ B ~ C) is one cluster even when A and
    C are less similar than ``threshold``; ``similarity`` then shows it.

    Examples
    --------
    >>> import pandas as pd
    >>> story = "troops crossed the river at dawn and shelled the villages on the far bank " * 3
    >>> c = pd.DataFrame({"doc_id": ["a", "b", "c"], "outlet": ["X", "Reuters", "Z"],
    ...                   "body": [story, story, "a different story about the harvest"]})
    >>> find_copies(c)[["doc_id", "copy_of"]].fillna("-").values.tolist()
    [['a', 'b'], ['b', '-'], ['c', '-']]
    """
    if not 0 < threshold <= 1:
        raise FramingError(f"threshold must be in (0, 1], got {threshold!r}")
    if not isinstance(num_perm, (int, np.integer)) or num_perm < 2:
        raise FramingError(f"num_perm must be an integer >= 2, got {num_perm!r}")
    if not isinstance(shingle, (int, np.integer)) or shingle < 1:
        raise FramingError(f"shingle must be an integer >= 1, got {shingle!r}")
    if n_jobs == -1:
        n_jobs = os.cpu_count() or 1
    if not isinstance(n_jobs, (int, np.integer)) or n_jobs < 1:
        raise FramingError(f"n_jobs must be >= 1 or -1 (all cores), got {n_jobs!r}")
    rx = _AgencyFinder(wire_agencies() if agencies is None else agencies)
    hasher = _MinHasher(int(num_perm), int(shingle), seed)
    bands, rows = lsh_bands(threshold, int(num_perm))
    # a corpus that can be read again (a frame, a list, a re-readable source) keeps only
    # the signatures in the first pass; the shingle sets of the documents in candidate
    # pairs are computed in a second pass (1.9 of the 2.6 KB per document kept otherwise)
    again = isinstance(corpus, pd.DataFrame) or (isinstance(corpus, Iterable) and
                                                  not isinstance(corpus, Iterator))
    keep_sets = exact and not again
    args = (column, hasher, rx, bands, rows, keep_sets)
    ids, sigs, has, keys, level, dates, sets, set_counts = [], [], [], [], [], [], [], []
    for sketch in _sketches(_as_chunks(corpus), args, n_jobs):
        for acc, v in zip((ids, sigs, has, keys, level, dates, sets, set_counts), sketch):
            if v is not None:
                acc.append(v)
    doc_ids = np.concatenate(ids) if ids else np.zeros(0, object)
    n = len(doc_ids)
    out = pd.DataFrame({"doc_id": doc_ids,
                        "cluster_id": pd.array([pd.NA] * n, dtype="Int64"),
                        "copy_of": pd.Series([None] * n, dtype=object),
                        "similarity": np.full(n, np.nan)})
    if n == 0:
        return out
    has = np.concatenate(has)
    sig = np.concatenate(sigs) if len(sigs) > 1 else sigs[0]
    del sigs
    valid = np.flatnonzero(has)
    cand = _candidates(np.concatenate(keys) if len(keys) > 1 else keys[0], valid)
    del keys
    if not len(cand):
        return out
    width = int(valid.max()) + 1
    i, j = cand // width, cand % width
    if exact:
        # the estimate first (cheap), with a margin of five standard errors, then exact
        se = np.sqrt(threshold * (1 - threshold) / num_perm)
        ok = _similarity(sig, i, j) >= threshold - 5 * se - 1e-9
        i, j = i[ok], j[ok]
        if keep_sets:
            sets = np.concatenate(sets) if len(sets) != 1 else sets[0]
            offsets = np.concatenate([[0], np.cumsum(np.concatenate(set_counts))])
            row = None
        else:
            row, sets, offsets = _candidate_sets(corpus, np.union1d(i, j), doc_ids, column,
                                                 hasher.shingle)
        ok = _exact(sets, offsets, *((i, j) if row is None else (row[i], row[j]))) >= threshold
    else:
        ok = _similarity(sig, i, j) >= threshold
    i, j = i[ok], j[ok]
    if not len(i):
        return out
    from scipy.sparse import coo_matrix
    from scipy.sparse.csgraph import connected_components

    g = coo_matrix((np.ones(len(i), np.int8), (i, j)), shape=(n, n))
    _, comp = connected_components(g, directed=False)
    size = np.bincount(comp)
    member = np.flatnonzero(size[comp] > 1)
    level = np.concatenate(level)
    dates = np.concatenate(dates)
    # origin: the highest agency level, then the earliest date, then corpus order
    order = np.lexsort((member, dates[member], -level[member].astype(np.int64), comp[member]))
    ordered = member[order]
    c_sorted = comp[ordered]
    first = np.concatenate([[True], c_sorted[1:] != c_sorted[:-1]])
    origin_of = dict(zip(c_sorted[first].tolist(), ordered[first].tolist()))
    origin = np.array([origin_of[c] for c in comp[member]], dtype=np.int64)
    # clusters numbered by their first document in corpus order (member is sorted)
    comps, first_pos = np.unique(comp[member], return_index=True)
    number = dict(zip(comps[np.argsort(first_pos, kind="stable")].tolist(),
                      range(len(comps))))
    cid = np.array([number[c] for c in comp[member]], dtype=np.int64)
    if exact:
        sim = _exact(sets, offsets, *((member, origin) if row is None else
                                      (row[member], row[origin])))
    else:
        sim = _similarity(sig, member, origin)
    cluster = np.full(n, -1, np.int64)
    cluster[member] = cid
    out["cluster_id"] = pd.array(np.where(cluster >= 0, cluster, 0), dtype="Int64")
    out.loc[cluster < 0, "cluster_id"] = pd.NA
    copy_of = np.full(n, None, dtype=object)
    is_copy = member != origin
    copy_of[member[is_copy]] = doc_ids[origin[is_copy]]
    out["copy_of"] = copy_of
    similarity = np.full(n, np.nan)
    similarity[member] = sim
    out["similarity"] = similarity
    return out
