"""Wire copy: near-duplicate documents across a corpus, grouped into copy clusters.

Outlets republish agency stories (Reuters, AFP, AP, state agencies) with small edits:
a changed word, another first paragraph, their own byline. Counted as each outlet's own
words, such a story inflates every outlet's rates and makes different outlets look
alike. :func:`find_copies` finds them in one or two linear passes:

1. every document's cleaned text (``body``) is cut into word shingles (``shingle``
   consecutive lower-cased ``\\w+`` tokens; a document shorter than that is one
   shingle);
2. a MinHash signature of ``num_perm`` 32-bit values summarises each document's set
   of shingles (vectorised numpy: one multiply-add per shingle and permutation on a
   64-bit hash of the shingle; signatures kept as ``uint32`` arrays);
3. locality-sensitive hashing: the signature is cut into bands of ``r`` rows; two
   documents that agree on a whole band are candidates (the band count is chosen so
   that a pair at Jaccard ``threshold`` is a candidate with probability >= 0.995);
4. candidates are verified: their exact Jaccard similarity (the default; after a
   cheap pre-filter by the MinHash estimate with a margin of five standard errors) or
   the MinHash estimate (share of equal signature values; ``exact=False``) must be >=
   ``threshold``; verified pairs are joined into copy clusters (connected components,
   i.e. union-find);
5. each cluster's origin is the document that is most plausibly the source: first a
   document whose outlet is a wire agency, then one whose byline or text names one
   (in its first or last 400 characters: the dateline and the credit line), then the
   earliest date, then the first in corpus order.

Memory: a corpus that can be read again (a DataFrame, a list of chunks,
:class:`framing.prepare.ReadAgain` as ``framing analyze`` passes it) is read twice. The
first reading keeps per document only the high 32 bits of its LSH band keys (4 bytes per
band, 84 at the defaults), a has-words flag and the doc id as a compact string (4 bytes
plus its UTF-8 bytes): about 100 bytes (97-98 measured with 8- and 9-character ids, 100
MB for a million documents; 755 bytes were kept before: signatures, 64-bit band keys,
dates, agency levels and the ids as str objects). The documents whose 32-bit key of a
band is shared (those of the candidate pairs, and a few more whose keys agree in 32 bits
only) are read again, and only for them are the signatures, the exact band keys, the
shingle sets, dates and agency levels computed; the candidate pairs, the pre-filter and
the verification are exactly those of one reading. What the second reading keeps (a
signature, 4 bytes per distinct shingle) is for the re-read documents only. A one-shot
iterator (or ``exact=False``) is read once and keeps ``4 * num_perm`` bytes per document
for the signatures (512 at 128 permutations), 8 per band for the keys, and with
``exact`` the distinct shingle keys (4 bytes each). The texts are read chunk by chunk
and not kept. Time: linear in the number of words (the bands are sorted, ``n log n`` on
a few integers per document).
"""
from __future__ import annotations

import bisect
import os
import re
import sys
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
_BLOCK = 1 << 14


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
        buf = np.empty(0, np.uint32)  # reused: a new array per block costs page faults
        for lo, hi in zip(bounds[:-1], bounds[1:]):
            s0 = int(ends[lo - 1]) if lo else 0
            s1 = int(ends[hi - 1])
            if buf.size < self.num_perm * (s1 - s0):
                buf = np.empty(self.num_perm * (s1 - s0), np.uint32)
            h = buf[:self.num_perm * (s1 - s0)].reshape(self.num_perm, s1 - s0)
            np.multiply(self.a, keys[None, s0:s1], out=h)
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


def _text_column(chunk, column: str) -> str:
    """The compared column of a chunk (``column``, else ``text``), checked."""
    if not isinstance(chunk, pd.DataFrame) or "doc_id" not in chunk.columns:
        raise FramingError("find_copies: each corpus chunk must be a DataFrame with a "
                           "doc_id column")
    col = column if column in chunk.columns else "text"
    if col not in chunk.columns:
        raise FramingError(f"find_copies: the corpus has no {column!r} or 'text' column")
    return col


def _sketch(chunk, column, hasher, rx, bands, rows, keep_sets) -> tuple:
    """What :func:`find_copies` keeps of one chunk: doc ids, MinHash signatures, the
    has-words mask, LSH band keys, agency level, dates, and (``keep_sets``) the distinct
    shingle keys of each document with their counts."""
    col = _text_column(chunk, column)
    shingles, counts = _shingle_keys(_texts(chunk, col), hasher.shingle)
    s, h = hasher.signatures(shingles, counts)
    u = c = None
    if keep_sets:
        u, c = _key_sets(shingles, counts)
    del shingles
    return (chunk["doc_id"].to_numpy(dtype=object), s, h, _band_keys(s[h], bands, rows),
            _agency_level(chunk, rx), _dates(chunk), u, c)


def _sketch_keys(chunk, column, hasher, bands, rows) -> tuple:
    """What the first pass over a corpus that can be read again keeps of one chunk:
    its doc ids (:func:`_compact_ids`), the has-words mask, and the high 32 bits of the
    LSH band keys of the documents with words (``bands x m`` uint32, band-major)."""
    col = _text_column(chunk, column)
    s, h = hasher.signatures(*_shingle_keys(_texts(chunk, col), hasher.shingle))
    k32 = (_band_keys(s[h], bands, rows) >> np.uint64(32)).astype(np.uint32)
    return _compact_ids(chunk), h, np.ascontiguousarray(k32.T)


def _compact_ids(chunk: pd.DataFrame):
    """The doc ids of a chunk: a pyarrow string array (4 bytes of offset plus the UTF-8
    bytes per id) when every id is a ``str``, else the object array itself."""
    ids = chunk["doc_id"].to_numpy(dtype=object)
    if all(type(x) is str for x in ids):
        import pyarrow as pa

        return pa.array(ids, type=pa.string())
    return ids


def _id_bytes(ids) -> int:
    if isinstance(ids, np.ndarray):
        return ids.nbytes + sum(sys.getsizeof(x) for x in ids)
    return ids.nbytes


class _FirstPass:
    """What :func:`find_copies` keeps per document between the two readings of a
    corpus that can be read again: the doc ids (compact), a has-words flag, and 32-bit
    band keys (the high half of the 64-bit keys of the LSH bands) of the documents with
    words. About ``4 * bands + 5 + len(doc_id)`` bytes per document (89 + the id's
    length at the defaults, 21 bands); the signatures, dates and agency levels are
    computed again in the second pass for the documents that share a band key."""

    def __init__(self, bands: int):
        self.ids: list = []  # per chunk: pyarrow StringArray or object ndarray
        self.starts: list[int] = []
        self.has: list[np.ndarray] = []
        self.keys: list[list[np.ndarray]] = [[] for _ in range(bands)]  # band, chunk
        self.n = 0

    def add(self, sketch: tuple) -> None:
        ids, has, k32 = sketch
        self.ids.append(ids)
        self.starts.append(self.n)
        self.n += len(ids)
        self.has.append(has)
        for j, row in enumerate(k32):
            self.keys[j].append(row)

    @property
    def nbytes(self) -> int:
        """Bytes of the arrays kept (the doc ids' str objects included when kept as
        objects)."""
        return (sum(_id_bytes(c) for c in self.ids) + sum(h.nbytes for h in self.has)
                + sum(k.nbytes for band in self.keys for k in band))

    def doc_ids(self, pos: int = 0, n: int | None = None) -> np.ndarray:
        """The doc ids at positions ``pos:pos + n`` as an object array (all by default)."""
        end = self.n if n is None else min(pos + n, self.n)
        out = np.empty(max(end - pos, 0), dtype=object)
        c, o = max(bisect.bisect_right(self.starts, pos) - 1, 0), 0
        while pos < end:
            ids, s = self.ids[c], self.starts[c]
            hi = min(end, s + len(ids))
            part = ids[pos - s:hi - s]
            out[o:o + hi - pos] = (part if isinstance(part, np.ndarray) else
                                   part.to_numpy(zero_copy_only=False))
            o, pos, c = o + hi - pos, hi, c + 1
        return out

    def shared(self) -> np.ndarray:
        """Positions (sorted) of the documents whose 32-bit key of some band is shared
        with another document: a superset of the documents in candidate pairs (equal
        64-bit keys have equal high halves). The band keys are freed band by band."""
        valid = np.flatnonzero(np.concatenate(self.has)) if self.has else np.zeros(0, int)
        mark = np.zeros(len(valid), bool)
        for j in range(len(self.keys)):
            k = np.concatenate(self.keys[j]) if self.keys[j] else np.zeros(0, np.uint32)
            self.keys[j] = []
            order = np.argsort(k, kind="stable")
            k = k[order]
            same = np.flatnonzero(k[1:] == k[:-1])
            mark[order[same]] = True
            mark[order[same + 1]] = True
            del k, order, same
        return valid[mark]


_SKETCH_ARGS: tuple = ()


_SKETCH_ARGS: tuple = ()


def _sketch_worker(chunk):  # pragma: no cover - runs in a worker process
    return _SKETCH_ARGS[0](chunk, *_SKETCH_ARGS[1:])


def _quiet_worker() -> None:  # pragma: no cover - runs in a worker process
    """Signals of a worker: the parent decides what an interrupt does, and a stop
    (SIGTERM, sent when the pool ends) ends it without the parent's handler."""
    from ._procs import worker_signals

    worker_signals()


def _sketches(chunks, args: tuple, n_jobs: int, fn=None):
    """``fn(chunk, *args)`` (default :func:`_sketch`) of every chunk, in corpus order:
    in this process, or (``n_jobs`` > 1, where processes can be forked) in ``n_jobs``
    worker processes while this one reads the next chunks. The result does not depend
    on ``n_jobs``."""
    fn = _sketch if fn is None else fn
    if n_jobs == 1 or not sys.platform.startswith("linux"):
        for chunk in chunks:
            yield fn(chunk, *args)
        return
    import collections
    import multiprocessing as mp

    global _SKETCH_ARGS
    _SKETCH_ARGS = (fn, *args)  # inherited by the forked workers
    try:
        from ._procs import signals_held

        with signals_held():  # a pool ended at once (bad first chunk) must not hang
            pool = mp.get_context("fork").Pool(n_jobs, initializer=_quiet_worker)
        with pool:
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


def _first_pass(corpus, column: str, hasher: _MinHasher, bands: int, rows: int,
                n_jobs: int) -> _FirstPass:
    """The first reading of a corpus that can be read again (:class:`_FirstPass`)."""
    kept = _FirstPass(bands)
    for sketch in _sketches(_as_chunks(corpus), (column, hasher, bands, rows), n_jobs,
                            _sketch_keys):
        kept.add(sketch)
    return kept


def _second_pass(corpus, need: np.ndarray, kept: _FirstPass, column: str,
                 hasher: _MinHasher, rx: _AgencyFinder, bands: int, rows: int) -> tuple:
    """The documents at positions ``need`` (sorted), read again from ``corpus``: their
    MinHash signatures, 64-bit band keys, distinct shingle keys (``sets``, with
    ``offsets``), agency levels and dates, in the order of ``need``."""
    sigs, keys, sets, counts, level, dates = [], [], [], [], [], []
    pos = 0
    for chunk in _as_chunks(corpus):
        n = len(chunk)
        if not isinstance(chunk, pd.DataFrame) or "doc_id" not in chunk.columns or \
                pos + n > kept.n or not np.array_equal(
                    chunk["doc_id"].to_numpy(dtype=object), kept.doc_ids(pos, n)):
            raise FramingError("find_copies: the corpus changed while it was read twice")
        lo, hi = np.searchsorted(need, [pos, pos + n])
        if hi > lo:
            local = need[lo:hi] - pos
            texts = _texts(chunk, _text_column(chunk, column))
            shingles, c = _shingle_keys([texts[p] for p in local.tolist()], hasher.shingle)
            sig, _ = hasher.signatures(shingles, c)
            sigs.append(sig)
            keys.append(_band_keys(sig, bands, rows))
            u, c = _key_sets(shingles, c)
            sets.append(u)
            counts.append(c)
            part = chunk.iloc[local]
            level.append(_agency_level(part, rx))
            dates.append(_dates(part))
        pos += n
    if pos != kept.n:
        raise FramingError("find_copies: the corpus changed while it was read twice")
    offsets = np.concatenate([[0], np.cumsum(np.concatenate(counts))]).astype(np.int64)
    return (np.concatenate(sigs), np.concatenate(keys), np.concatenate(sets), offsets,
            np.concatenate(level), np.concatenate(dates))


def find_copies(corpus, *, threshold: float = 0.8, num_perm: int = 128, shingle: int = 5,
                seed: int = 0, agencies=None, column: str = "body",
                exact: bool = True, n_jobs: int = 1) -> pd.DataFrame:
    """Find near-duplicate documents (wire copies) and the origin of each copy cluster.

    Parameters
    ----------
    corpus : DataFrame or iterable of DataFrame
        A corpus (:func:`framing.load_corpus`) or its chunks
        (:func:`framing.iter_corpus`). A frame or an iterable that can be read again
        (a list, :class:`framing.prepare.ReadAgain`) is read twice with ``exact``
        (see Notes); a one-shot iterator is read once. Uses ``doc_id`` and ``column``, and
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
        similarity and report it as ``similarity``. The shingle sets it needs are
        computed in a second reading of a corpus that can be read again (for the
        documents in candidate pairs only); a one-shot iterator keeps the distinct
        shingle keys of every document instead (4 bytes per distinct shingle, about
        1.1 GB for a million 300-word documents). With False the MinHash estimate is
        used (one reading; a pair just above ``threshold`` is then missed about half
        of the time, since the estimate falls below it).
    n_jobs : int, default 1
        Processes that compute the shingles and signatures of the chunks (-1: all
        cores) while this one reads the corpus (in the first reading; the second one,
        of the candidates only, runs in this process); the result does not depend on
        it.

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
    Memory kept per document while the corpus is read: about ``4 * bands + 5 +
    len(doc_id)`` bytes (98 with 9-character ids at the defaults: 21 bands of 6 rows)
    for a corpus read twice, ``4 * num_perm + 8 * bands`` bytes plus the id, the date,
    the agency level and (``exact``) the shingle sets for one read once. The result is
    the same either way. The second reading parses the whole corpus again, even when
    only a few documents share a band key (a few hundred in the 100 and 400 MB
    benchmark corpora, without copies: 3-6 % more CPU time than one reading there;
    on a corpus with 20 % copies two readings took 10 % less than before).

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
    # the pre-filter of candidate pairs: the MinHash estimate, with a margin of five
    # standard errors, before the exact similarity
    floor = threshold - 5 * np.sqrt(threshold * (1 - threshold) / num_perm) - 1e-9
    again = isinstance(corpus, pd.DataFrame) or (isinstance(corpus, Iterable) and
                                                  not isinstance(corpus, Iterator))
    if exact and again:
        # a corpus that can be read again: the first pass keeps 32-bit band keys and the
        # doc ids; the second computes everything else for the documents that share a
        # key (signatures, exact band keys, shingle sets, dates, agency levels)
        kept = _first_pass(corpus, column, hasher, bands, rows, n_jobs)
        need = kept.shared()
        if not len(need):
            return _table(kept.doc_ids())
        sig, keys, sets, offsets, level, dates = _second_pass(
            corpus, need, kept, column, hasher, rx, bands, rows)
        doc_ids = kept.doc_ids()
        del kept
        cand = _candidates(keys, need)
        del keys
        width = int(need.max()) + 1
        i, j = cand // width, cand % width

        def at(p):  # rows of the second pass's arrays
            return np.searchsorted(need, p)
        ok = _similarity(sig, at(i), at(j)) >= floor
        del sig
        i, j = i[ok], j[ok]
        ok = _exact(sets, offsets, at(i), at(j)) >= threshold
        return _table(doc_ids, i[ok], j[ok], level, dates, at,
                      lambda a, b: _exact(sets, offsets, at(a), at(b)))
    # read once: signatures (and, exact, the shingle sets) of every document kept
    args = (column, hasher, rx, bands, rows, exact)
    ids, sigs, has, keys, level, dates, sets, set_counts = [], [], [], [], [], [], [], []
    for sketch in _sketches(_as_chunks(corpus), args, n_jobs):
        for acc, v in zip((ids, sigs, has, keys, level, dates, sets, set_counts), sketch):
            if v is not None:
                acc.append(v)
    doc_ids = np.concatenate(ids) if ids else np.zeros(0, object)
    if not len(doc_ids):
        return _table(doc_ids)
    has = np.concatenate(has)
    sig = np.concatenate(sigs) if len(sigs) > 1 else sigs[0]
    del sigs
    valid = np.flatnonzero(has)
    cand = _candidates(np.concatenate(keys) if len(keys) > 1 else keys[0], valid)
    del keys
    width = int(valid.max()) + 1 if len(valid) else 1
    i, j = cand // width, cand % width
    if exact:
        ok = _similarity(sig, i, j) >= floor
        i, j = i[ok], j[ok]
        sets = np.concatenate(sets) if len(sets) != 1 else sets[0]
        offsets = np.concatenate([[0], np.cumsum(np.concatenate(set_counts))])

        def similarity(a, b):
            return _exact(sets, offsets, a, b)
        ok = similarity(i, j) >= threshold
    else:
        def similarity(a, b):
            return _similarity(sig, a, b)
        ok = similarity(i, j) >= threshold
    return _table(doc_ids, i[ok], j[ok], np.concatenate(level), np.concatenate(dates),
                  lambda p: p, similarity)


def _table(doc_ids: np.ndarray, i=None, j=None, level=None, dates=None, at=None,
           similarity=None) -> pd.DataFrame:
    """The result of :func:`find_copies` from the verified pairs ``(i, j)`` (corpus
    positions): clusters, origins and their similarities. ``level[at(p)]`` and
    ``dates[at(p)]`` are the agency level and date of the document at position ``p``;
    ``similarity(p, q)`` the similarity of the pairs of positions ``(p, q)``."""
    n = len(doc_ids)
    out = pd.DataFrame({"doc_id": doc_ids,
                        "cluster_id": pd.array([pd.NA] * n, dtype="Int64"),
                        "copy_of": pd.Series([None] * n, dtype=object),
                        "similarity": np.full(n, np.nan)})
    if i is None or not len(i):
        return out
    from scipy.sparse import coo_matrix
    from scipy.sparse.csgraph import connected_components

    g = coo_matrix((np.ones(len(i), np.int8), (i, j)), shape=(n, n))
    _, comp = connected_components(g, directed=False)
    size = np.bincount(comp)
    member = np.flatnonzero(size[comp] > 1)
    # origin: the highest agency level, then the earliest date, then corpus order
    order = np.lexsort((member, dates[at(member)], -level[at(member)].astype(np.int64),
                        comp[member]))
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
    sim = similarity(member, origin)
    cluster = np.full(n, -1, np.int64)
    cluster[member] = cid
    out["cluster_id"] = pd.array(np.where(cluster >= 0, cluster, 0), dtype="Int64")
    out.loc[cluster < 0, "cluster_id"] = pd.NA
    copy_of = np.full(n, None, dtype=object)
    is_copy = member != origin
    copy_of[member[is_copy]] = doc_ids[origin[is_copy]]
    out["copy_of"] = copy_of
    sims = np.full(n, np.nan)
    sims[member] = sim
    out["similarity"] = sims
    return out
