"""Mergeable aggregates of an analysis: what the outputs need, in bounded memory.

``framing analyze`` makes one pass over the documents. Each chunk (in this
process, in a worker process or in a Dask partition) is turned into its row
tables, which are written out at once, and into a :class:`RunAggregates`: per
outlet counts, the inputs of the bootstrap intervals, keyness counts, a small
seeded sample of documents for the evidence sentences, and the per-outlet sums
behind the stage figures (:class:`framing.stagesums.StageSums`). Aggregates of
chunks merge exactly (:meth:`RunAggregates.merge`), in any order, so one
process, ``--n-jobs N`` and a Dask cluster give the same results. Nothing after the pass reads or
matches the corpus again.

Intervals: the Poisson bootstrap
--------------------------------
The multinomial bootstrap of :func:`framing.compare_outlets` resamples the
documents of an outlet, which needs all of them at once. The streaming engine
uses the Poisson bootstrap instead (Hanley & MacGibbon 2006; Chamandy et al.
2012): each document gets, for each of ``n_boot`` replicates, a weight drawn
from Poisson(1), and a replicate's ratio is sum(w num) / sum(w den) over the
outlet's documents. The weights are a hash of the document id and the seed, so
they do not depend on the order or the partitioning of the corpus, and the sums
are accumulated chunk by chunk. For more than a few documents the two
bootstraps agree (the multinomial weights are asymptotically Poisson(1));
:func:`framing.compare_outlets` with ``method="poisson"`` gives the same
intervals in memory.

References
----------
Hanley, J. A., & MacGibbon, B. (2006). Creating non-parametric bootstrap samples
using Poisson frequencies. *Computer Methods and Programs in Biomedicine*, 83(1), 57-62.
Chamandy, N., Muralidharan, O., Najmi, A., & Naidu, S. (2012). Estimating
uncertainty for massive data streams. Google technical report.
"""
from __future__ import annotations

import hashlib
import math
from collections import Counter

import numpy as np
import pandas as pd

__all__ = ["RunAggregates", "feature_universe", "poisson_weights"]

_GOLDEN = np.uint64(0x9E3779B97F4A7C15)
_M1 = np.uint64(0xBF58476D1CE4E5B9)
_M2 = np.uint64(0x94D049BB133111EB)
# Poisson(1) cumulative distribution, k = 0..19 (the rest has probability < 1e-18)
_POISSON_CDF = np.cumsum([math.exp(-1) / math.factorial(k) for k in range(20)])


def _term_counts(lows: list[str]) -> dict[str, int]:
    """Counts of the words (:data:`framing.compare._TOKEN`) of lower-cased texts, in the
    order of their first occurrence: ``Counter(_TOKEN.findall(t.replace("\u2019", "'")))``
    summed over ``lows``, with the same keys in the same order.

    A word never holds white space, so the words of a text are those of its
    white-space separated pieces, and a piece made of letters only (``str.isalpha``:
    every such character is one of ``[^\\W\\d_]``) is one word. The pieces are counted
    first (in C) and the pattern runs once per distinct piece that is not all letters,
    instead of over every character of the texts: 40 % less time on news text. The
    first occurrences keep their order: the first piece holding a word comes first
    among the distinct pieces.
    """
    from .compare import _TOKEN

    text = "\n".join(lows)
    if "\u2019" in text:
        text = text.replace("\u2019", "'")
    findall = _TOKEN.findall
    out: dict[str, int] = {}
    get = out.get
    for piece, n in Counter(text.split()).items():
        if piece.isalpha():
            out[piece] = get(piece, 0) + n
        else:
            for w in findall(piece):
                out[w] = get(w, 0) + n
    return out


def doc_hashes(doc_ids, random_state: int = 0) -> np.ndarray:
    """A 64-bit hash of each document id, keyed by the seed."""
    key = int(random_state or 0).to_bytes(8, "little", signed=True)
    return np.fromiter((int.from_bytes(hashlib.blake2b(str(d).encode("utf-8"), digest_size=8,
                                                       key=key).digest(), "little")
                        for d in doc_ids), dtype=np.uint64, count=len(doc_ids))


def poisson_weights(hashes: np.ndarray, n_boot: int) -> np.ndarray:
    """Poisson(1) bootstrap weights, one row per document and one column per replicate.

    The weight of document *d* in replicate *b* depends only on ``hashes[d]`` and
    *b* (splitmix64 of the pair, then the inverse Poisson CDF), so it is the same
    whichever chunk or process the document is in.
    """
    with np.errstate(over="ignore"):
        z = hashes[:, None] + (np.arange(1, n_boot + 1, dtype=np.uint64) * _GOLDEN)[None, :]
        z = (z ^ (z >> np.uint64(30))) * _M1
        z = (z ^ (z >> np.uint64(27))) * _M2
        z = z ^ (z >> np.uint64(31))
    u = (z >> np.uint64(11)).astype(np.float64) * (1.0 / (1 << 53))
    return np.searchsorted(_POISSON_CDF, u, side="right").astype(np.float32)


def feature_universe(study, stages) -> list[str]:
    """Every comparison feature a study can produce (features that may be zero everywhere).

    Chunks are completed over this list, so that a document's denominator counts
    for a feature even in a chunk where no document has it.
    """
    from .studies import FRAMING_ROLES

    voices = ["own", "quoted", "all"]
    if "attribution" in stages:
        voices += ["direct", "indirect", "unattributed"]
    out = []
    for lx in study.match_lexicons:
        used = sorted(set(lx.terms["side"]) - {""})
        out += [f"{lx.name}:{s}@{v}" for s in used for v in voices]
        out += [f"{lx.name}:category={c}@all" for c in sorted(set(lx.terms["category"]))]
    actors = study.lexicon("actors")
    actor_sides = sorted(set(actors.terms["side"]) - {""}) if actors is not None else []
    if "attribution" in stages:
        sides = actor_sides + ["unknown"]
        verbs = study.lexicon("reporting_verbs")
        classes = sorted(set(verbs.terms["category"])) if verbs is not None else []
        out += [f"attribution:share:{s}" for s in sides]
        out += [f"attribution:quoted_words:{s}" for s in sides]
        out += [f"attribution:verb:{s}:{c}" for s in sides for c in classes]
    if "agency" in stages:
        places = study.lexicon("places")
        sides = sorted(set(actor_sides) | (set(places.terms["side"]) - {""} if places is not None
                                           else set())) + ["none"]
        out += [f"agency:agent:{s}" for s in sides] + [f"agency:patient:{s}" for s in sides]
        out += ["agency:agentless"] + [f"agency:agentless|patient:{s}" for s in sides]
        # the implied reading (the stated side, else the place's or the contrast's)
        out += [f"agency:agent_implied:{s}" for s in sides]
        out += [f"agency:patient_implied:{s}" for s in sides]
        out += [f"agency:agentless|patient_implied:{s}" for s in sides]
    if "tone" in stages:
        out += ["tone:all", "tone:own", "tone:quoted"]
        out += [f"tone_toward:{s}@{v}" for s in actor_sides for v in ("own", "quoted")]
    if study.contrast:
        out.append(f"stance:{study.contrast[0]}-{study.contrast[1]}")
    else:
        framing_sides = sorted({s for r in FRAMING_ROLES for lx in study.by_role(r)
                                for s in set(lx.terms["side"]) - {""}})
        out += [f"stance:{a}-{b}" for i, a in enumerate(framing_sides)
                for b in framing_sides[i + 1:]]
    return out


def _own(df: pd.DataFrame) -> pd.DataFrame:
    """``df`` with buffers of its own: a slice keeps its whole parent alive. A pickle round
    trip copies exactly the rows (Arrow slices are written as slices, numpy views as their
    values) and keeps every dtype; ``take`` of all rows would return the same buffers."""
    import pickle

    return pickle.loads(pickle.dumps(df, protocol=pickle.HIGHEST_PROTOCOL))


class _Boot:
    """Poisson-bootstrap sums of one outlet (or month and outlet): per feature, totals and
    per-replicate sums of the numerators; the denominators once per denominator class
    (:func:`den_key`: words, attributions, acts...), which features share: a tenth of
    the memory, and every document counts in a feature's denominator whichever chunk
    first had the feature."""

    __slots__ = ("num", "bnum", "cden", "cbden", "n_docs", "n_words")

    def __init__(self, n_boot: int):
        self.num = np.zeros(0)
        self.bnum = np.zeros((0, n_boot))
        self.cden: dict[str, float] = {}
        self.cbden: dict[str, np.ndarray] = {}
        self.n_docs = 0
        self.n_words = 0

    def grow(self, n: int) -> None:
        k = len(self.num)
        if n > k:
            self.num = np.concatenate([self.num, np.zeros(n - k)])
            self.bnum = np.vstack([self.bnum, np.zeros((n - k, self.bnum.shape[1]))])

    def add_den(self, cls: str, total: float, replicates: np.ndarray) -> None:
        """Add to the denominator class ``cls``."""
        self.cden[cls] = self.cden.get(cls, 0.0) + total
        cur = self.cbden.get(cls)
        self.cbden[cls] = replicates.copy() if cur is None else cur + replicates

    def add_dens(self, classes, den: np.ndarray, weights: np.ndarray) -> None:
        """Add the documents' denominator vectors ``den`` (documents x ``classes``) with
        their bootstrap ``weights`` (documents x replicates)."""
        for cls, total, reps in zip(classes, den.sum(axis=0), den.T @ weights):
            self.add_den(cls, float(total), reps)

    def merge(self, other: "_Boot", remap=None) -> None:
        """Add ``other`` (its feature ``k`` is this one's ``remap[k]``)."""
        k = len(other.num)
        at = slice(0, k) if remap is None else remap[:k]
        self.num[at] += other.num
        self.bnum[at] += other.bnum
        for cls in sorted(other.cden):
            self.add_den(cls, other.cden[cls], other.cbden[cls])
        self.n_docs += other.n_docs
        self.n_words += other.n_words

    def dens(self, classes: list[str]) -> tuple[np.ndarray, np.ndarray]:
        """Totals and per-replicate sums of the denominator classes ``classes``."""
        zero = np.zeros(self.bnum.shape[1])
        td = np.array([self.cden.get(c, 0.0) for c in classes])
        bd = np.stack([self.cbden.get(c, zero) for c in classes]) if classes else \
            np.zeros((0, len(zero)))
        return td, bd


class RunAggregates:
    """What the outputs of a run need, accumulated chunk by chunk; merges exactly.

    Parameters
    ----------
    study : Study
    stages : tuple of str
    n_boot : int, default 1000
        Bootstrap replicates of the comparison intervals.
    random_state : int, default 0
        Seed of the bootstrap weights and of the evidence sample.
    sample_docs : int, default 25
        Documents per outlet kept (bottom-k by seeded hash of the doc_id) for the
        evidence sentences of the report.
    """

    def __init__(self, study, stages, *, n_boot: int = 1000, random_state: int = 0,
                 sample_docs: int = 25):
        self.study = study
        self.stages = tuple(stages)
        self.n_boot = int(n_boot)
        self.random_state = int(random_state)
        self.sample_docs = int(sample_docs)
        self.universe = feature_universe(study, self.stages)
        self._universe_set = frozenset(self.universe)
        from .studies import FRAMING_ROLES

        framing = tuple(f"{n}:" for n in study.names(*FRAMING_ROLES))
        #: features followed over time (per month and outlet): the stance index and the
        #: framing lexicons' sides in the outlets' own words
        self.time_features = [f for f in self.universe if f.startswith("stance:")
                              or (f.startswith(framing) and f.endswith("@own")
                                  and ":category=" not in f)]
        self._time_set = frozenset(self.time_features)
        self.n_boot_time = min(self.n_boot, 200)
        self.time_boot: dict[tuple, _Boot] = {}
        self.n_docs = 0
        self.n_chars = 0
        self.status: Counter = Counter()
        self.outlets: dict[str, list] = {}          # outlet -> [n_docs, n_words, n_ok]
        self.counts: Counter = Counter()            # (outlet, lexicon, dim, value, voice)
        self.features: dict[str, int] = {}          # comparison feature -> row
        self.boot: dict[str, _Boot] = {}
        self.terms: dict[str, Counter] = {}
        self.sample: dict[str, list] = {}           # outlet -> [(hash, doc_id, tables)]
        from .stagesums import StageSums

        #: per-outlet sums behind the stage figures (kilobytes, whatever the corpus size)
        self.stage = StageSums(self.n_boot, self.random_state)
        self.docs_head: list = []
        self._problems: list = []  # (chunk index, [(doc_id, status)]): see problems
        self.rows: Counter = Counter()              # rows written per table
        self.columns: dict[str, list] = {}          # columns of each row table written

    def __getstate__(self) -> dict:
        # the last chunk's per-document values serve only :meth:`wide` of that chunk, in
        # the process that added it; they are not sent to the process that merges
        # (2.5 MB of a 31 MB aggregate of 1,000 sample documents)
        state = dict(self.__dict__)
        state.pop("last_values", None)
        state.pop("_results", None)
        return state

    def _memo(self, key, fn):
        """``fn()`` computed once until the next :meth:`add` or :meth:`merge` (the
        summaries are asked for by the outputs and again by the report)."""
        cache = self.__dict__.setdefault("_results", {})
        if key not in cache:
            cache[key] = fn()
        return cache[key]

    # ---------------------------------------------------------------- adding a chunk
    def add(self, part: dict, *, index: int = 0) -> None:
        """Add one chunk's tables (from :func:`framing.pipeline._assemble`); ``index``:
        the chunk's place in the corpus, which orders the documents shown first and the
        problems listed whatever order workers finish in."""
        self.__dict__.pop("_results", None)
        part = dict(part)
        if "attribution" in part:
            part["attributions"] = part.pop("attribution")
        att = part.get("attributions")
        if isinstance(att, pd.DataFrame) and "n_words" not in att.columns:
            from .text import count_words

            part["attributions"] = att.assign(n_words=[
                count_words(q) if isinstance(q, str) else 0 for q in att["quote"]])
        docs = part["documents"]
        self.n_docs += len(docs)
        self.n_chars += int(docs["n_chars"].sum()) if len(docs) else 0
        self.status.update(docs["status"].astype(str))
        bad = docs[docs["status"].astype(str) != "ok"]
        if len(bad):
            self._problems.append((index, list(zip(bad["doc_id"], bad["status"].astype(str)))
                                   [:1000]))
            self._trim("_problems", 1000)
        outlet = docs["outlet"].fillna("(unknown)").astype(str)
        words = docs["n_words"].fillna(0).astype(np.int64)
        ok = (docs["status"] == "ok").astype(int)
        for o, nd, nw, nk in zip(*(pd.DataFrame({"o": outlet, "d": 1, "w": words, "k": ok})
                                   .groupby("o", sort=False).sum().reset_index()[c]
                                   for c in ("o", "d", "w", "k"))):
            cur = self.outlets.setdefault(o, [0, 0, 0])
            cur[0] += int(nd)
            cur[1] += int(nw)
            cur[2] += int(nk)
        if len(docs):
            # take, not head: rows with buffers of their own (see _add_sample)
            self.docs_head.append((index, docs.take(np.arange(min(200, len(docs))))))
            self._trim("docs_head", 200)
        feats = part.get("features")
        if feats is not None and len(feats):
            f = feats.assign(outlet=feats["doc_id"].map(dict(zip(docs["doc_id"], outlet))))
            g = f.groupby(["outlet", "lexicon", "dimension", "value", "voice"], sort=False,
                          observed=True)["count"].sum()
            self.counts.update(dict(zip(g.index, g.to_numpy().tolist())))
        weights = self._add_boot(part, docs, outlet)
        self._add_terms(part["corpus"], docs)
        self._add_sample(part, docs, outlet)
        self.stage.add(part, pd.Series(outlet.to_numpy(dtype=object),
                                       index=docs["doc_id"].to_numpy(dtype=object)), weights)

    def _tables(self, part: dict, docs: pd.DataFrame) -> dict:
        t = {k: v for k, v in part.items() if isinstance(v, pd.DataFrame)}
        t["documents"] = docs
        t["study"] = self.study
        t["universe"] = self.universe
        return t

    def _add_boot(self, part: dict, docs: pd.DataFrame, outlet: pd.Series):
        """Add the chunk's bootstrap sums; returns its documents' Poisson weights
        (documents x ``n_boot``, None for an empty chunk)."""
        if not len(docs):
            return None
        vals = chunk_values(self._tables(part, docs), self.study, self.universe)
        self.last_values = vals
        present = [f for f in vals.cols if f not in self._universe_set]
        names = self.universe + sorted(present)
        for n in names:
            if n not in self.features:
                self.features[n] = len(self.features)
        # numerators: only the features this chunk has; denominators: one vector per class
        num_names = [n for n in names if n in vals.cols]
        num_gi = np.array([self.features[n] for n in num_names], dtype=np.int64)
        num = np.column_stack([vals.cols[n] for n in num_names]) if num_names else \
            np.zeros((len(docs), 0))
        # every denominator class of the chunk, whether or not a feature uses it yet
        classes = sorted({den_key(n) for n in names} | set(vals.den))
        den = np.column_stack([vals.den_vector(k) for k in classes])
        hashes = doc_hashes(docs["doc_id"], self.random_state)
        weights = poisson_weights(hashes, self.n_boot)
        words = docs["n_words"].fillna(0).to_numpy(dtype=np.int64)
        codes, groups = pd.factorize(outlet, sort=False)
        for k, o in enumerate(groups):
            rows = np.flatnonzero(codes == k)
            b = self.boot.get(o)
            if b is None:
                b = self.boot[o] = _Boot(self.n_boot)
            b.grow(len(self.features))
            b.n_docs += len(rows)
            b.n_words += int(words[rows].sum())
            # in float64: the sums then do not depend (beyond the last bit) on how the
            # corpus was cut into chunks (float32 products differed in the 7th digit)
            w = weights[rows].astype(np.float64)
            b.add_dens(classes, den[rows], w)
            if len(num_names):
                nm = num[rows]
                b.num[num_gi] += nm.sum(axis=0)
                nz = np.flatnonzero(nm.any(axis=0))
                if len(nz):
                    b.bnum[num_gi[nz]] += (nm[:, nz].T @ w)
        # over time: a few features per month and outlet, with fewer replicates
        tf = [i for i, n in enumerate(names) if n in self._time_set]
        if not tf or "date" not in docs.columns:
            return weights
        from .compare import periods

        month = periods(docs["date"], "month", index=docs.index).to_numpy(dtype=object)
        tnames = [names[i] for i in tf]
        tnum = np.column_stack([vals.cols[n] if n in vals.cols else np.zeros(len(docs))
                                for n in tnames])
        tclasses = sorted({den_key(n) for n in tnames})
        tden = np.column_stack([vals.den_vector(c) for c in tclasses])
        keys = pd.Series(list(zip(month, outlet.to_numpy(dtype=object))))
        tcodes, tgroups = pd.factorize(keys, sort=False)
        B = self.n_boot_time
        for k, key in enumerate(tgroups):
            rows = np.flatnonzero(tcodes == k)
            b = self.time_boot.get(key)
            if b is None:
                b = self.time_boot[key] = _Boot(B)
                b.grow(len(self.time_features))
            b.n_docs += len(rows)
            b.n_words += int(words[rows].sum())
            w = weights[rows, :B].astype(np.float64)  # replicate b's weight depends on b only
            idx = np.array([self.time_features.index(n) for n in tnames], dtype=np.int64)
            b.num[idx] += tnum[rows].sum(axis=0)
            b.bnum[idx] += tnum[rows].T @ w
            b.add_dens(tclasses, tden[rows], w)
        return weights

    def wide(self, docs: pd.DataFrame) -> pd.DataFrame:
        """The last chunk as one row per document and one column per lexicon feature.

        Columns: ``doc_id, outlet, date, n_words``, then the count of every lexicon
        side and voice (``naming:side_x@own``...) and category (``...:category=c@all``) of
        the study, in the same order for every chunk, then the stance index: a table
        ready for regression (use ``n_words`` as exposure or offset).
        """
        vals = getattr(self, "last_values", None)
        cols = {"doc_id": docs["doc_id"].to_numpy(),
                "outlet": docs["outlet"].fillna("(unknown)").astype(str).to_numpy(),
                "date": docs["date"].to_numpy() if "date" in docs.columns else None,
                "n_words": docs["n_words"].fillna(0).to_numpy(dtype=np.int64)}
        feats = [f for f in self.universe if den_key(f) in ("words", "one")]
        for f in feats:
            v = vals.cols.get(f) if vals is not None else None
            v = np.zeros(len(docs)) if v is None or len(v) != len(docs) else v
            cols[f] = v if f.startswith("stance:") else v.astype(np.int64)
        return pd.DataFrame(cols)

    def _add_terms(self, corpus: pd.DataFrame, docs: pd.DataFrame) -> None:
        from .compare import _TOKEN

        if "body" not in corpus.columns:
            return
        outlets = corpus["outlet"].fillna("(unknown)").astype(str) if "outlet" in corpus \
            else pd.Series("(unknown)", index=corpus.index)
        texts: dict[str, list[str]] = {}
        for o, body in zip(outlets, corpus["body"]):
            if isinstance(body, str) and body:
                texts.setdefault(o, []).append(body.lower())
        for o, lows in texts.items():
            c = self.terms.get(o)
            if c is None:
                c = self.terms[o] = Counter()
            c.update(_term_counts(lows))

    def _add_sample(self, part: dict, docs: pd.DataFrame, outlet: pd.Series) -> None:
        if self.sample_docs <= 0 or not len(docs):
            return
        hashes = doc_hashes(docs["doc_id"], self.random_state + 1)
        chosen = []
        frame = pd.DataFrame({"o": outlet.to_numpy(), "h": hashes, "d": docs["doc_id"].to_numpy()})
        for o, g in frame.groupby("o", sort=False):
            g = g.sort_values(["h", "d"], kind="stable").head(self.sample_docs)
            # only the documents that enter the sample (its smallest hashes, kept so far
            # and of this chunk together) get their rows copied
            cur = [(h, d) for h, d, _ in self.sample.get(o, [])]
            new = [(int(h), d) for h, d in zip(g["h"], g["d"])]
            keep = set(sorted(cur + new)[:self.sample_docs])
            chosen += [(o, h, d) for h, d in new if (h, d) in keep]
        if not chosen:
            return
        ids = {d for _, _, d in chosen}
        per_doc: dict = {d: {} for d in ids}
        for k, v in part.items():
            if isinstance(v, pd.DataFrame) and "doc_id" in v.columns and len(v):
                rows = np.flatnonzero(v["doc_id"].isin(ids).to_numpy())
                if not len(rows):
                    continue
                codes, uniq = pd.factorize(v["doc_id"].to_numpy()[rows], sort=False)
                order = np.argsort(codes, kind="stable")
                # one take per table: a taken frame has buffers of its own, holding only
                # the chosen documents' rows, while a slice of the chunk would keep its
                # whole Arrow buffers alive for the run (measured: the 100 sampled
                # documents of a 20 MB run pinned 270 MB for 2.7 MB of rows); each
                # document's rows are then slices of that small frame
                sub = v.take(rows[order])
                bounds = np.searchsorted(codes[order], np.arange(len(uniq) + 1))
                for d, a, b in zip(uniq, bounds[:-1], bounds[1:]):
                    per_doc[d][k] = sub.iloc[a:b]
        for o, h, d in chosen:
            self._keep(o, (h, d, per_doc[d]))

    def _keep(self, outlet: str, item: tuple) -> None:
        cur = self.sample.setdefault(outlet, [])
        cur.append(item)
        cur.sort(key=lambda x: (x[0], x[1]))
        del cur[self.sample_docs:]

    # ---------------------------------------------------------------- merging
    def merge(self, other: "RunAggregates") -> "RunAggregates":
        """Add the aggregates of other chunks (the result does not depend on the order)."""
        self.__dict__.pop("_results", None)
        self.n_docs += other.n_docs
        self.n_chars += other.n_chars
        self.status.update(other.status)
        self.rows.update(other.rows)
        for k, v in other.columns.items():
            self.columns.setdefault(k, v)
        self._problems += other._problems
        self._trim("_problems", 1000)
        for o, v in other.outlets.items():
            cur = self.outlets.setdefault(o, [0, 0, 0])
            for i in range(3):
                cur[i] += v[i]
        self.counts.update(other.counts)
        for n in sorted(other.features, key=other.features.get):
            if n not in self.features:
                self.features[n] = len(self.features)
        remap = np.array([self.features[n] for n in sorted(other.features,
                                                            key=other.features.get)],
                         dtype=np.int64)
        for o, ob in other.boot.items():
            b = self.boot.get(o)
            if b is None:
                b = self.boot[o] = _Boot(self.n_boot)
            b.grow(len(self.features))
            b.merge(ob, remap)
        for key, ob in other.time_boot.items():
            b = self.time_boot.get(key)
            if b is None:
                b = self.time_boot[key] = _Boot(self.n_boot_time)
                b.grow(len(self.time_features))
            b.merge(ob)
        for o, c in other.terms.items():
            self.terms.setdefault(o, Counter()).update(c)
        came: set = set()
        for o, items in other.sample.items():
            for item in items:
                self._keep(o, item)
            came.update(id(item) for item in items)
        # the documents of ``other`` that stay get rows of their own: in ``other`` they
        # are slices of one frame per table holding all the documents it chose, which
        # would otherwise stay alive for the run (measured: 2.7 MB more per 1,000-document
        # chunk, 54 MB pinned for 5 MB of rows after 20 chunks). One copy per table of
        # the staying documents' rows (a pickle round trip of their concatenation), then
        # slices of it: a copy per document and table took 0.3 s per merge.
        stay = [(o, k) for o in other.sample for k, item in enumerate(self.sample.get(o, []))
                if id(item) in came]
        if stay:
            fresh: dict = {key: {} for key in stay}
            names = dict.fromkeys(n for o, k in stay for n in self.sample[o][k][2])
            for name in names:
                parts = [(key, self.sample[key[0]][key[1]][2][name]) for key in stay
                         if name in self.sample[key[0]][key[1]][2]]
                whole = _own(pd.concat([df for _key, df in parts]))
                pos = 0
                for key, df in parts:
                    fresh[key][name] = whole.iloc[pos:pos + len(df)]
                    pos += len(df)
            for (o, k), tables in fresh.items():
                h, d, _old = self.sample[o][k]
                self.sample[o][k] = (h, d, tables)
        self.stage.merge(other.stage)
        self.docs_head += other.docs_head
        self._trim("docs_head", 200)
        return self

    def _trim(self, name: str, n: int) -> None:
        """Keep the parts (index, rows) of the first ``n`` rows in corpus order."""
        parts = sorted(getattr(self, name), key=lambda x: x[0])
        kept, total = [], 0
        for part in parts:
            if total >= n:
                break
            kept.append(part)
            total += len(part[1])
        setattr(self, name, kept)

    @property
    def problems(self) -> list:
        """``(doc_id, status)`` of the first 1,000 documents without usable text, in corpus
        order."""
        return [p for _i, rows in self._problems for p in rows][:1000]

    # ---------------------------------------------------------------- results
    def documents_head(self, n: int = 200) -> pd.DataFrame:
        """The first ``n`` rows of the documents table (for the report)."""
        from .pipeline import DOC_COLUMNS

        if not self.docs_head:
            return pd.DataFrame(columns=DOC_COLUMNS)
        return pd.concat([d for _i, d in self.docs_head], ignore_index=True).head(n)

    def outlets_table(self) -> pd.DataFrame:
        """Per outlet counts and rates: the table of :func:`framing.outlet_features`."""
        from .features import OUTLET_COLUMNS, outlets_from_counts

        return outlets_from_counts(self.counts, self.outlets) if self.outlets else \
            pd.DataFrame(columns=OUTLET_COLUMNS)

    def comparison(self, *, ci: float = 0.95) -> pd.DataFrame:
        """Every feature per outlet with its Poisson-bootstrap interval (see
        :meth:`_comparison`; computed once until the next add or merge)."""
        return self._memo(("comparison", ci), lambda: self._comparison(ci=ci)).copy()

    def over_time(self, *, ci: float = 0.95) -> pd.DataFrame:
        """The followed features per month and outlet (see :meth:`_over_time`; computed
        once until the next add or merge)."""
        return self._memo(("over_time", ci), lambda: self._over_time(ci=ci)).copy()

    def _comparison(self, *, ci: float = 0.95) -> pd.DataFrame:
        """Every feature per outlet with its Poisson-bootstrap interval.

        Returns
        -------
        DataFrame
            ``outlet, feature, value, ci_low, ci_high, n_docs, n_words``, in the
            order of :data:`feature_universe`, then the other features found.
        """
        from .compare import COMPARE_COLUMNS

        names = sorted(self.features, key=self.features.get)
        order = {f: i for i, f in enumerate(self.universe)}
        names = sorted(names, key=lambda f: (order.get(f, len(order)), f))
        idx = np.array([self.features[n] for n in names], dtype=np.int64)
        classes = [den_key(n) for n in names]
        scale = _scales(names)
        lo_q, hi_q = 100 * (1 - ci) / 2, 100 * (1 + ci) / 2
        frames = []
        for o in sorted(self.boot):
            b = self.boot[o]
            b.grow(len(self.features))
            tn, bn = b.num[idx], b.bnum[idx]
            td, bd = b.dens(classes)
            value, stats = _ratios(tn, td, bn, bd, scale)
            import warnings

            with warnings.catch_warnings():
                warnings.simplefilter("ignore", RuntimeWarning)
                lo, hi = (np.nanpercentile(stats, [lo_q, hi_q], axis=1) if len(idx)
                          else (np.zeros(0), np.zeros(0)))
            frames.append(pd.DataFrame({"outlet": o, "feature": names, "value": value,
                                        "ci_low": lo, "ci_high": hi, "n_docs": b.n_docs,
                                        "n_words": b.n_words}))
        if not frames:
            return pd.DataFrame(columns=COMPARE_COLUMNS)
        out = pd.concat(frames, ignore_index=True)[COMPARE_COLUMNS]
        for c in ("value", "ci_low", "ci_high"):
            out[c] = out[c].round(12)
        return out

    def _over_time(self, *, ci: float = 0.95) -> pd.DataFrame:
        """The followed features per month and outlet, with Poisson-bootstrap intervals.

        Returns
        -------
        DataFrame
            ``month, outlet, feature, value, ci_low, ci_high, n_docs, n_words`` (months
            without a date are "(no date)").
        """
        import warnings

        from .compare import COMPARE_COLUMNS

        lo_q, hi_q = 100 * (1 - ci) / 2, 100 * (1 + ci) / 2
        frames = []
        scale = _scales(self.time_features)
        classes = [den_key(n) for n in self.time_features]
        for key in sorted(self.time_boot):
            b = self.time_boot[key]
            td, bd = b.dens(classes)
            value, stats = _ratios(b.num, td, b.bnum, bd, scale)
            with warnings.catch_warnings():
                warnings.simplefilter("ignore", RuntimeWarning)
                lo, hi = np.nanpercentile(stats, [lo_q, hi_q], axis=1)
            frames.append(pd.DataFrame({"month": key[0], "outlet": key[1],
                                        "feature": self.time_features, "value": value,
                                        "ci_low": lo, "ci_high": hi, "n_docs": b.n_docs,
                                        "n_words": b.n_words}))
        if not frames:
            return pd.DataFrame(columns=["month"] + COMPARE_COLUMNS)
        out = pd.concat(frames, ignore_index=True)
        for c in ("value", "ci_low", "ci_high"):
            out[c] = out[c].round(12)
        return out

    def term_counts(self, *, min_count: int = 2) -> pd.DataFrame:
        """Outlet × term counts (terms with at least ``min_count`` occurrences in all)."""
        total: Counter = Counter()
        for c in self.terms.values():
            total.update(c)
        vocab = sorted(t for t, n in total.items() if n >= min_count)
        outlets = sorted(self.terms)
        mat = np.zeros((len(outlets), len(vocab)), dtype=np.int64)
        pos = {t: i for i, t in enumerate(vocab)}
        for r, o in enumerate(outlets):
            for t, n in self.terms[o].items():
                j = pos.get(t)
                if j is not None:
                    mat[r, j] = n
        df = pd.DataFrame(mat, index=pd.Index(outlets, name="outlet"),
                          columns=pd.Index(vocab, name="term"))
        return df

    def sample_tables(self) -> dict:
        """The tables of the sampled documents (evidence sentences for the report)."""
        parts: dict[str, list] = {}
        for o in sorted(self.sample):
            for _h, _d, tables in self.sample[o]:
                for k, v in tables.items():
                    parts.setdefault(k, []).append(v)
        return {k: pd.concat(v, ignore_index=True) for k, v in parts.items() if v}


# --------------------------------------------------------------------------------------
# Document-level feature values of a chunk, vectorised (the streaming engine's fast path)
# --------------------------------------------------------------------------------------
class ChunkValues:
    """Numerators of every feature and the denominators they share, for one chunk.

    The same definitions as the feature families of :mod:`framing.compare`
    (tested equal), computed with numpy: ``num[:, j]`` is feature ``names[j]``'s
    numerator per document; its denominator is the vector ``den[den_key(name)]``.
    A feature absent from the chunk has numerator 0 and the same denominator
    class, so chunks combine exactly.
    """

    def __init__(self, n_docs: int):
        self.n = n_docs
        self.cols: dict[str, np.ndarray] = {}
        self.den: dict[str, np.ndarray] = {}

    def add(self, feature: str, doc_idx: np.ndarray, values) -> None:
        col = self.cols.get(feature)
        if col is None:
            col = self.cols[feature] = np.zeros(self.n)
        np.add.at(col, doc_idx, values)

    def add_grouped(self, prefix: str, doc_idx: np.ndarray, keys: np.ndarray, values,
                    suffix: str = "") -> None:
        """Add ``values`` to feature ``prefix + key + suffix`` for each row."""
        if not len(doc_idx):
            return
        values = np.broadcast_to(np.asarray(values, dtype=float), doc_idx.shape)
        codes, uniq = pd.factorize(keys, sort=False)
        for k, key in enumerate(uniq):
            m = codes == k
            self.add(f"{prefix}{key}{suffix}", doc_idx[m], values[m])

    def den_vector(self, key: str) -> np.ndarray:
        v = self.den.get(key)
        return v if v is not None else np.zeros(self.n)

    def per_key(self, prefix: str, doc_idx: np.ndarray, keys: np.ndarray, values=1.0) -> None:
        """Denominator vectors ``prefix + key`` (counts per document and key)."""
        if not len(doc_idx):
            return
        values = np.broadcast_to(np.asarray(values, dtype=float), doc_idx.shape)
        codes, uniq = pd.factorize(keys, sort=False)
        for k, key in enumerate(uniq):
            m = codes == k
            self.den[f"{prefix}{key}"] = np.bincount(doc_idx[m], weights=values[m],
                                                     minlength=self.n)


def _scales(names) -> np.ndarray:
    """Per feature, what its ratio of sums is multiplied by: 1,000 for rates per 1,000
    words (denominator class ``words``, kept in words), else 1."""
    return np.array([1000.0 if den_key(n) == "words" else 1.0 for n in names])


def _ratios(num, den, bnum, bden, scale) -> tuple[np.ndarray, np.ndarray]:
    """``scale * num / den`` and the same for each bootstrap replicate (NaN where the
    denominator is 0)."""
    with np.errstate(divide="ignore", invalid="ignore"):
        value = np.where(den > 0, scale * num / np.where(den > 0, den, 1), np.nan)
        stats = np.where(bden > 0, scale[:, None] * bnum / np.where(bden > 0, bden, 1), np.nan)
    return value, stats


def den_key(feature: str) -> str:
    """The denominator class of a feature (features of one class share a denominator)."""
    fam, _, rest = feature.partition(":")
    if fam == "attribution":
        kind, _, tail = rest.partition(":")
        if kind == "share":
            return "att"
        if kind == "quoted_words":
            return "qw"
        return "verb:" + tail.partition(":")[0]
    if fam == "agency":
        if rest.startswith("agentless|patient:"):
            return "pat:" + rest.split(":", 1)[1]
        if rest.startswith("agentless|patient_implied:"):
            return "pati:" + rest.split(":", 1)[1]
        return "acts"
    if fam == "tone":
        return "tone:" + rest
    if fam == "tone_toward":
        return "tt:" + rest
    if fam == "stance":
        return "one"
    return "words"


def chunk_values(t: dict, study, universe=()) -> ChunkValues:
    """Every feature of one chunk's tables (see :class:`ChunkValues`)."""
    from .studies import FRAMING_ROLES
    from .text import count_words

    docs = t["documents"]
    index = pd.Index(docs["doc_id"])
    v = ChunkValues(len(docs))
    # words, not thousands of words: whole numbers, so that sums (times the whole-number
    # bootstrap weights) are exact whatever the chunks; rates are scaled by _SCALE
    v.den["words"] = docs["n_words"].fillna(0).to_numpy(dtype=float)
    v.den["one"] = np.ones(len(docs))

    def idx(frame):
        return index.get_indexer(frame["doc_id"])

    f = t.get("features")
    if isinstance(f, pd.DataFrame) and len(f):
        side = f[f["dimension"] == "side"]
        cat = f[(f["dimension"] == "category") & (f["voice"] == "all")]
        keys = (side["lexicon"].astype(str) + ":" + side["value"].astype(str) + "@"
                + side["voice"].astype(str)).to_numpy()
        v.add_grouped("", idx(side), keys, side["count"].to_numpy(dtype=float))
        keys = (cat["lexicon"].astype(str) + ":category=" + cat["value"].astype(str)
                + "@all").to_numpy()
        v.add_grouped("", idx(cat), keys, cat["count"].to_numpy(dtype=float))
    hits = t.get("hits")
    att = t.get("attributions")
    if isinstance(hits, pd.DataFrame) and len(hits) and isinstance(att, pd.DataFrame) \
            and "speech" in hits.columns:
        h = hits[hits["side"].fillna("").astype(str) != ""]
        sp = h["speech"].replace({"own": "unattributed"}).astype(str)
        keys = (h["lexicon"].astype(str) + ":" + h["side"].astype(str) + "@" + sp).to_numpy()
        v.add_grouped("", idx(h), keys, 1.0)
    if isinstance(att, pd.DataFrame):
        a_side = att["side"].fillna("").astype(str).replace("", "unknown").to_numpy()
        a_idx = idx(att)
        v.den["att"] = np.bincount(a_idx, minlength=v.n).astype(float) if len(att) \
            else np.zeros(v.n)
        v.add_grouped("attribution:share:", a_idx, a_side, 1.0)
        if "quote" in att.columns or "n_words" in att.columns:
            d = (att["kind"] == "direct").to_numpy()
            words = att["n_words"].to_numpy(dtype=float) if "n_words" in att.columns else \
                np.array([count_words(q) if isinstance(q, str) else 0 for q in att["quote"]],
                         dtype=float)
            v.den["qw"] = np.bincount(a_idx[d], weights=words[d], minlength=v.n)
            v.add_grouped("attribution:quoted_words:", a_idx[d], a_side[d], words[d])
        vc = att["verb_class"].fillna("").astype(str).to_numpy()
        m = vc != ""
        v.per_key("verb:", a_idx[m], a_side[m])
        v.add_grouped("attribution:verb:", a_idx[m],
                      np.char.add(np.char.add(a_side[m].astype(str), ":"), vc[m].astype(str))
                      if m.any() else np.array([], dtype=object), 1.0)
    ag = t.get("agency")
    if isinstance(ag, pd.DataFrame):
        from .agency import AGENTLESS_VOICES  # here: a run without agency need not load it

        g_idx = idx(ag)
        agent = ag["agent_side"].fillna("").astype(str).replace("", "none").to_numpy()
        patient = ag["patient_side"].fillna("").astype(str).replace("", "none").to_numpy()
        agentless = ag["voice"].isin(AGENTLESS_VOICES).to_numpy(dtype=float)
        v.den["acts"] = np.bincount(g_idx, minlength=v.n).astype(float) if len(ag) \
            else np.zeros(v.n)
        v.add_grouped("agency:agent:", g_idx, agent, 1.0)
        v.add_grouped("agency:patient:", g_idx, patient, 1.0)
        if len(ag):
            v.add("agency:agentless", g_idx, agentless)
        v.per_key("pat:", g_idx, patient)
        v.add_grouped("agency:agentless|patient:", g_idx, patient, agentless)
        if "agent_side_implied" in ag.columns and "patient_side_implied" in ag.columns:
            agent_i = ag["agent_side_implied"].fillna("").astype(str).replace("", "none").to_numpy()
            patient_i = ag["patient_side_implied"].fillna("").astype(str).replace(
                "", "none").to_numpy()
            v.add_grouped("agency:agent_implied:", g_idx, agent_i, 1.0)
            v.add_grouped("agency:patient_implied:", g_idx, patient_i, 1.0)
            v.per_key("pati:", g_idx, patient_i)
            v.add_grouped("agency:agentless|patient_implied:", g_idx, patient_i, agentless)
    sent = t.get("tone_sentences")
    if isinstance(sent, pd.DataFrame):
        s_idx = idx(sent)
        for part, col in (("all", "compound"), ("own", "compound_own"),
                          ("quoted", "compound_quoted")):
            if col not in sent.columns:
                continue
            x = sent[col].to_numpy(dtype=float)
            ok = ~np.isnan(x)
            v.den[f"tone:{part}"] = np.bincount(s_idx[ok], minlength=v.n).astype(float)
            if ok.any():
                v.add(f"tone:{part}", s_idx[ok], x[ok])
    ts = t.get("tone_sides")
    if isinstance(ts, pd.DataFrame) and len(ts):
        ts = ts[ts["tone_mean"].notna()]
        keys = (ts["side"].astype(str) + "@" + ts["voice"].astype(str)).to_numpy()
        n = ts["n_sentences"].to_numpy(dtype=float)
        v.per_key("tt:", idx(ts), keys, n)
        v.add_grouped("tone_toward:", idx(ts), keys, ts["tone_mean"].to_numpy(dtype=float) * n)
    pairs = [tuple(x.split(":", 1)[1].split("-", 1)) for x in universe
             if x.startswith("stance:")]
    if pairs and isinstance(hits, pd.DataFrame):
        h = hits[hits["lexicon"].isin(study.names(*FRAMING_ROLES)) & (hits["voice"] == "own")]
        h_idx, h_side = idx(h), h["side"].fillna("").astype(str).to_numpy()
        for a, b in pairs:
            na = np.bincount(h_idx[h_side == a], minlength=v.n).astype(float)
            nb = np.bincount(h_idx[h_side == b], minlength=v.n).astype(float)
            v.cols[f"stance:{a}-{b}"] = (na - nb) / (na + nb + 1.0)
    return v
