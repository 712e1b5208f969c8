"""Per-outlet sums behind the stage figures of a streamed run, in memory that does not
grow with the corpus.

The stage figures of the report (source balance, verb class by side, distancing
asymmetry, agency by side, tone toward each side) are tables per outlet and
side. Each of them is a function of a few sums over the rows of the stage
tables, so a run keeps those sums, chunk by chunk, instead of the rows: a
few kilobytes per outlet and side, whatever the number of documents (the rows
of a 400 MB run, kept as categories, took 70 MB and the figures built from
them another 500 MB at the end of the run).

:class:`StageSums` adds a chunk's stage tables and merges exactly (counts and
word sums are integers; means are kept as sums and counts of their values), and
gives the tables of :func:`framing.attribution.attribution_by_outlet`,
:func:`framing.attribution.verb_class_by_side` (``by_outlet=True``),
:func:`framing.agency.agency_by_outlet` and :func:`framing.stance.tone_by_outlet`
(of ``tone_sides``) equal to those functions on the whole tables (tested).

The distancing asymmetry's interval is a Poisson bootstrap over documents (the
weights of :func:`framing.aggregate.poisson_weights`, a hash of the document id
and the seed, as for the comparison intervals), accumulated per outlet and
side: :meth:`StageSums.distancing` gives the point estimates of
:func:`framing.attribution.distancing_asymmetry` and an interval that does not
depend on the order or the partitioning of the corpus. The in-memory function
resamples documents (the multinomial bootstrap); for more than a few documents
the two agree.
"""
from __future__ import annotations

from collections import Counter

import numpy as np
import pandas as pd

__all__ = ["StageSums"]

#: The verb class whose share the distancing figure compares (the default of
#: :func:`framing.attribution.distancing_asymmetry`).
DISTANCING = "distancing"

_ATT_COLS = ["outlet", "side", "n_attributions", "share_attributions", "n_direct",
             "n_indirect", "n_according_to", "quoted_words", "share_quoted_words",
             "attributed_words", "share_attributed_words", "n_docs"]


def _text(values) -> np.ndarray:
    """Values as str objects, missing ones as "" (as the stage functions read them)."""
    s = pd.Series(values, dtype=object)
    return s.where(s.notna(), "").astype(str).to_numpy(dtype=object)


#: Side of a mention in a table without the implied-side columns (not a side; never
#: counted).
_ABSENT = "\0absent"


class StageSums:
    """Mergeable per-outlet sums of the stage tables (see the module notes).

    Parameters
    ----------
    n_boot : int, default 1000
        Poisson-bootstrap replicates of the distancing interval.
    random_state : int, default 0
        Seed of the bootstrap weights.
    """

    def __init__(self, n_boot: int = 1000, random_state: int = 0):
        self.n_boot = int(n_boot)
        self.random_state = int(random_state)
        #: (outlet, side, kind, verb_class) -> [attributions, words]
        self.att: dict[tuple, list] = {}
        #: (outlet, agentless, agent_side, patient_side) -> mentions (None: missing side)
        self.agency: Counter = Counter()
        #: tone_sides: key columns, count columns, mean columns, and
        #: key -> [n_docs, count sums..., sums of means..., numbers of means...]
        self.tone_cols: tuple | None = None
        self.tone: dict[tuple, np.ndarray] = {}
        #: (outlet, side) -> [n, k, replicate sums of n (n_boot), of k (n_boot)]
        self.dist: dict[tuple, list] = {}

    # ------------------------------------------------------------------ adding
    def add(self, part: dict, outlets: pd.Series, weights: np.ndarray | None = None) -> None:
        """Add one chunk's stage tables.

        Parameters
        ----------
        part : dict
            The chunk's tables: ``attributions`` (with ``n_words``), ``agency``,
            ``tone_sides`` (those present).
        outlets : Series
            The outlet of each of the chunk's documents, indexed by ``doc_id``.
        weights : ndarray, optional
            The documents' Poisson-bootstrap weights (``len(outlets) x n_boot``, in the
            order of ``outlets``; :func:`framing.aggregate.poisson_weights` of their
            hashes with ``random_state``), when already computed.
        """
        index = pd.Index(outlets.index)
        names = outlets.to_numpy(dtype=object)
        # repeated ids: the last one's position (and outlet), as a dict would give
        last = None if index.is_unique else {d: i for i, d in enumerate(index)}

        def where(df: pd.DataFrame) -> tuple[np.ndarray, np.ndarray]:
            """Each row's document position in ``outlets`` (-1: none) and outlet."""
            if last is None:
                pos = index.get_indexer(df["doc_id"])
            else:
                pos = np.array([last.get(d, -1) for d in df["doc_id"]], dtype=np.int64)
            out = np.where(pos >= 0, names[np.maximum(pos, 0)] if len(names) else "",
                           "(unknown)").astype(object) if len(pos) else np.zeros(0, object)
            return pos, out

        att = part.get("attributions")
        if isinstance(att, pd.DataFrame) and len(att):
            pos, outlet = where(att)
            self._add_attributions(att, outlet, pos, weights)
        ag = part.get("agency")
        if isinstance(ag, pd.DataFrame) and len(ag):
            self._add_agency(ag, where(ag)[1])
        ts = part.get("tone_sides")
        if isinstance(ts, pd.DataFrame) and len(ts):
            self._add_tone(ts, where(ts)[1])

    def _add_attributions(self, att: pd.DataFrame, outlet: np.ndarray, pos: np.ndarray,
                          weights) -> None:
        side = _text(att["side"])
        kind = _text(att["kind"])
        vclass = _text(att["verb_class"]) if "verb_class" in att else \
            np.full(len(att), "", dtype=object)
        words = pd.to_numeric(att["n_words"], errors="coerce").fillna(0).to_numpy(np.int64) \
            if "n_words" in att else np.zeros(len(att), dtype=np.int64)
        codes, uniq = zip(*(pd.factorize(x, sort=False) for x in (outlet, side, kind, vclass)))
        key = np.zeros(len(att), np.int64)
        for c, u in zip(codes, uniq):
            key = key * len(u) + c
        keys, first, inv = np.unique(key, return_index=True, return_inverse=True)
        n = np.bincount(inv, minlength=len(keys))
        w = np.bincount(inv, weights=words, minlength=len(keys)).astype(np.int64)
        for f, nn, ww in zip(first.tolist(), n.tolist(), w.tolist()):
            self._count((outlet[f], side[f], kind[f], vclass[f]), nn, ww)
        # distancing: per document and side, attributions with a verb (n) and those with
        # a distancing verb (k), weighted by the document's bootstrap weights
        has_verb = vclass != ""
        if not has_verb.any():
            return
        from .aggregate import doc_hashes, poisson_weights

        docs = att["doc_id"].to_numpy(dtype=object)[has_verb]
        dcode, duniq = pd.factorize(docs, sort=False)
        scode, suniq = pd.factorize(side[has_verb], sort=False)
        pair = dcode.astype(np.int64) * len(suniq) + scode
        pairs, pfirst, pinv = np.unique(pair, return_index=True, return_inverse=True)
        n = np.bincount(pinv, minlength=len(pairs)).astype(np.float64)
        k = np.bincount(pinv, weights=(vclass[has_verb] == DISTANCING).astype(np.float64),
                        minlength=len(pairs))
        dpos = pos[has_verb][pfirst]
        if weights is not None and (dpos >= 0).all():
            wd = weights[dpos]
        else:  # the documents' weights computed here (the same values)
            wd = poisson_weights(doc_hashes(pd.Series(duniq), self.random_state),
                                 self.n_boot)[dcode[pfirst]]
        wd = wd.astype(np.float64)
        po, ps = outlet[has_verb][pfirst], side[has_verb][pfirst]
        gcode, groups = pd.factorize(pd.Series(list(zip(po, ps))), sort=False)
        for j, g in enumerate(groups):
            rows = np.flatnonzero(gcode == j)
            cur = self.dist.get(g)
            if cur is None:
                cur = self.dist[g] = [0, 0, np.zeros(self.n_boot), np.zeros(self.n_boot)]
            cur[0] += int(n[rows].sum())
            cur[1] += int(k[rows].sum())
            cur[2] += n[rows] @ wd[rows]
            cur[3] += k[rows] @ wd[rows]

    def _count(self, key: tuple, n: int, words: int) -> None:
        """Add ``n`` attributions with ``words`` words to the cell ``key``."""
        cur = self.att.get(key)
        if cur is None:
            self.att[key] = [n, words]
        else:
            cur[0] += n
            cur[1] += words

    def _add_agency(self, ag: pd.DataFrame, outlet: np.ndarray) -> None:
        from .agency import AGENTLESS_VOICES

        agentless = ag["voice"].isin(AGENTLESS_VOICES).to_numpy()

        def side(col):  # missing sides stay missing (value_counts leaves them out)
            s = pd.Series(ag[col].to_numpy(dtype=object))
            return s.where(s.notna(), None).to_numpy(dtype=object)

        implied = [side(c) if c in ag.columns else [_ABSENT] * len(ag)
                   for c in ("agent_side_implied", "patient_side_implied")]
        keys = zip(outlet, agentless.tolist(), side("agent_side"), side("patient_side"),
                   *implied)
        self.agency.update(Counter(keys))

    def _add_tone(self, ts: pd.DataFrame, outlet: np.ndarray) -> None:
        if self.tone_cols is None:  # the columns' roles, fixed by the first chunk
            numeric = [c for c in ts.columns if c != "doc_id"
                       and pd.api.types.is_numeric_dtype(ts[c])
                       and not pd.api.types.is_bool_dtype(ts[c])]
            keys = [c for c in ts.columns if c != "doc_id" and c not in numeric]
            counts = [c for c in numeric if c.startswith("n_")]
            means = [c for c in numeric if c not in counts]
            self.tone_cols = (tuple(keys), tuple(counts), tuple(means))
        keys, counts, means = (list(x) for x in self.tone_cols)
        missing = [c for c in keys + counts + means if c not in ts.columns]
        if missing:
            raise ValueError(f"tone_sides lacks the column(s) {', '.join(missing)} of the "
                             "earlier chunks")
        # a column that is empty in one chunk (all missing) keeps its role
        t = ts.assign(_outlet=outlet, **{c: pd.to_numeric(ts[c], errors="coerce")
                                          for c in counts + means})
        g = t.groupby(["_outlet"] + keys, sort=False, dropna=False)
        docs = g["doc_id"].nunique()
        parts = [docs.to_numpy(np.float64)]
        parts += [g[c].sum().to_numpy(np.float64) for c in counts]
        parts += [g[c].sum().to_numpy(np.float64) for c in means]  # NaN skipped
        parts += [g[c].count().to_numpy(np.float64) for c in means]
        mat = np.column_stack(parts)
        for key, row in zip(docs.index, mat):
            key = key if isinstance(key, tuple) else (key,)
            key = tuple(None if (isinstance(x, float) and np.isnan(x)) else x for x in key)
            cur = self.tone.get(key)
            self.tone[key] = row.copy() if cur is None else cur + row

    # ------------------------------------------------------------------ merging
    def merge(self, other: "StageSums") -> "StageSums":
        """Add the sums of other chunks (exact; the order does not matter)."""
        for key, (n, w) in other.att.items():
            self._count(key, n, w)
        self.agency.update(other.agency)
        if other.tone:
            if self.tone_cols is None:
                self.tone_cols = other.tone_cols
            elif other.tone_cols != self.tone_cols:
                raise ValueError(f"tone_sides columns differ between parts: "
                                 f"{other.tone_cols} and {self.tone_cols}")
            for key, row in other.tone.items():
                cur = self.tone.get(key)
                self.tone[key] = row.copy() if cur is None else cur + row
        for key, (n, k, bn, bk) in other.dist.items():
            cur = self.dist.get(key)
            if cur is None:
                self.dist[key] = [n, k, bn.copy(), bk.copy()]
            else:
                cur[0] += n
                cur[1] += k
                cur[2] += bn
                cur[3] += bk
        return self

    # ------------------------------------------------------------------ tables
    def attribution_sides(self) -> Counter:
        """Attributions per speaker side (all outlets)."""
        c: Counter = Counter()
        for (_o, s, _k, _v), (n, _w) in self.att.items():
            c[s] += n
        return c

    def attribution_crosstab(self) -> pd.DataFrame:
        """Attributions per outlet (rows) and speaker side (columns, "" as
        "(unresolved)")."""
        c: Counter = Counter()
        for (o, s, _k, _v), (n, _w) in self.att.items():
            c[(o, s or "(unresolved)")] += n
        if not c:
            return pd.DataFrame()
        s = pd.Series(c)
        s.index.names = ["outlet", "side"]
        return s.unstack("side", fill_value=0).sort_index().sort_index(axis=1)

    def attribution_by_outlet(self, n_docs: dict) -> pd.DataFrame:
        """The table of :func:`framing.attribution.attribution_by_outlet`; ``n_docs``:
        documents per outlet."""
        classes = sorted({v for (_o, _s, _k, v) in self.att if v})
        per: dict[tuple, dict] = {}
        tot: dict[str, list] = {}
        for (o, s, k, v), (n, w) in self.att.items():
            r = per.setdefault((o, s), {"n": 0, "direct": 0, "indirect": 0, "according_to": 0,
                                        "qw": 0, "aw": 0, "cls": Counter()})
            r["n"] += n
            if k in ("direct", "indirect", "according_to"):
                r[k] += n
            r["aw"] += w
            if k == "direct":
                r["qw"] += w
            if v:
                r["cls"][v] += n
            t = tot.setdefault(o, [0, 0, 0])  # attributions, quoted words, attributed words
            t[0] += n
            t[1] += w if k == "direct" else 0
            t[2] += w
        rows = []
        for (o, s) in sorted(per):
            r, t = per[(o, s)], tot[o]
            row = {"outlet": o, "side": s, "n_attributions": r["n"],
                   "share_attributions": r["n"] / t[0], "n_direct": r["direct"],
                   "n_indirect": r["indirect"], "n_according_to": r["according_to"],
                   "quoted_words": r["qw"],
                   "share_quoted_words": r["qw"] / t[1] if t[1] else np.nan,
                   "attributed_words": r["aw"],
                   "share_attributed_words": r["aw"] / t[2] if t[2] else np.nan,
                   "n_docs": int(n_docs.get(o, 0))}
            for c in classes:
                row[f"class_{c}"] = r["cls"].get(c, 0)
            rows.append(row)
        return pd.DataFrame(rows, columns=_ATT_COLS + [f"class_{c}" for c in classes])

    def verb_class_by_side(self) -> pd.DataFrame:
        """The table of :func:`framing.attribution.verb_class_by_side` with
        ``by_outlet=True``."""
        c: Counter = Counter()
        for (o, s, _k, v), (n, _w) in self.att.items():
            if v:
                c[(o, s, v)] += n
        rows = sorted(c.items())
        df = pd.DataFrame([(o, s, v, n) for (o, s, v), n in rows],
                          columns=["outlet", "side", "verb_class", "n"])
        df["share"] = df["n"] / df.groupby(["outlet", "side"])["n"].transform("sum")
        return df

    def agency_by_outlet(self) -> pd.DataFrame:
        """The table of :func:`framing.agency.agency_by_outlet`."""
        cols = ["outlet", "measure", "side", "count", "n", "value"]
        outlets = sorted({o for o, *_ in self.agency})
        # the implied reading when the agency tables had its columns (as the in-memory
        # function decides from the table's columns)
        readings = [("", 1, 2)]
        if any(k[4] != _ABSENT for k in self.agency):
            readings.append(("_implied", 3, 4))
        rows = []
        for outlet in outlets:
            items = [(al, *sides, c) for (o, al, *sides), c in self.agency.items()
                     if o == outlet]
            n = sum(it[-1] for it in items)
            rows.append((outlet, "n_mentions", "all", n, n, float(n)))
            for r, apos, ppos in readings:
                for measure, pos in ((f"agent_share{r}", apos), (f"patient_share{r}", ppos)):
                    cnt: Counter = Counter()
                    for it in items:
                        if it[pos] is not None:
                            cnt[it[pos]] += it[-1]
                    for side in sorted(cnt):
                        rows.append((outlet, measure, side, cnt[side], n, cnt[side] / n))
                if not r:
                    k = sum(it[-1] for it in items if it[0])
                    rows.append((outlet, "agentless_rate", "all", k, n, k / n))
                by: dict = {}
                for it in items:
                    p = it[ppos]
                    if p is not None:
                        cur = by.setdefault(p, [0, 0])
                        cur[0] += it[-1] if it[0] else 0
                        cur[1] += it[-1]
                for side in sorted(by):
                    k, m = by[side]
                    rows.append((outlet, f"agentless_rate{r}", side, k, m, k / m))
        return pd.DataFrame(rows, columns=cols)

    def tone_by_outlet(self) -> pd.DataFrame:
        """The table of :func:`framing.stance.tone_by_outlet` of the ``tone_sides``
        table."""
        if self.tone_cols is None:
            return pd.DataFrame()
        keys, counts, means = self.tone_cols
        rows = []
        for key in sorted(self.tone, key=lambda k: tuple((x is None, "" if x is None else x)
                                                        for x in k)):
            v = self.tone[key]
            m = len(means)
            sums, nums = v[1 + len(counts):1 + len(counts) + m], v[1 + len(counts) + m:]
            with np.errstate(invalid="ignore", divide="ignore"):
                mean = np.where(nums > 0, sums / np.where(nums > 0, nums, 1), np.nan)
            rows.append(list(key) + [int(v[0])] + [int(x) for x in v[1:1 + len(counts)]]
                        + mean.tolist())
        return pd.DataFrame(rows, columns=["outlet", *keys, "n_docs", *counts, *means])

    def distancing(self, side_a: str, side_b: str, n_docs: dict, *,
                   ci: float = 0.95) -> pd.DataFrame:
        """The table of :func:`framing.attribution.distancing_asymmetry` (``verb_class``
        "distancing"), its interval from the Poisson bootstrap; ``n_docs``: documents
        per outlet (one row per outlet in it)."""
        lo_q, hi_q = (1 - ci) / 2 * 100, (1 + ci) / 2 * 100
        zero = [0, 0, np.zeros(self.n_boot), np.zeros(self.n_boot)]
        rows = []
        for outlet in sorted(n_docs):
            na, ka, bna, bka = self.dist.get((outlet, side_a), zero)
            nb, kb, bnb, bkb = self.dist.get((outlet, side_b), zero)
            share_a = ka / na if na else np.nan
            share_b = kb / nb if nb else np.nan
            diff = share_a - share_b
            lo = hi = np.nan
            if not np.isnan(diff):
                with np.errstate(invalid="ignore", divide="ignore"):
                    d = bka / bna - bkb / bnb
                d = d[~np.isnan(d)]
                if len(d):
                    lo, hi = np.percentile(d, [lo_q, hi_q])
            rows.append((outlet, side_a, side_b, int(na), int(nb), share_a, share_b, diff,
                         lo, hi, int(n_docs[outlet])))
        return pd.DataFrame(rows, columns=["outlet", "side_a", "side_b", "n_a", "n_b",
                                           "share_a", "share_b", "difference", "ci_low",
                                           "ci_high", "n_docs"])
