"""Comparing outlets: per-outlet features with bootstrap intervals, keyness, evidence.

Three questions, three functions:

* :func:`compare_outlets` -- how does each outlet score on every framing
  feature (naming, loaded terms by voice, whose voice is heard and how it is
  introduced, agency, tone), with a seeded bootstrap interval over documents,
  overall or within each event?
* :func:`keyness` -- which words distinguish one outlet from the others
  (Monroe, Colaresi & Quinn 2008 log-odds with an informative Dirichlet prior;
  G² and χ² as options), one outlet against the rest or every pair?
* :func:`feature_evidence` -- which sentences produced a number (keyword in
  context, :func:`framing.kwic`)?

Document-level features
-----------------------
Every feature is a *ratio* computed per document as a numerator and a
denominator (:func:`extract_features`); an outlet's value is the ratio of the
sums over its documents (a ratio estimator: long articles weigh more, exactly
as when the outlet's documents are pooled). The bootstrap resamples documents
within the outlet and recomputes the ratio of sums in each resample (Efron &
Tibshirani 1993, ch. 13). Features are named ``family:detail``:

=====================================  ==============================================  ============
feature                                numerator / denominator (per document)          unit
=====================================  ==============================================  ============
``naming:armenia@own``                 hits of the ``naming`` lexicon reflecting side   per 1,000
                                       ``armenia`` in the outlet's own voice / words    words
                                       (voices: ``own``, ``quoted``, ``all``; with
                                       attributions also ``direct``, ``indirect``,
                                       ``unattributed``)
``loaded:category=aggression@all``     hits of a lexicon category / words               per 1,000
``attribution:share:armenia``          attributions to side speakers / attributions     share
``attribution:quoted_words:armenia``   words of direct quotes by side / quoted words    share
``attribution:verb:armenia:distancing``  side's attributions with a verb of the class /  share
                                       side's attributions with a reporting verb
``agency:agent:armenia``               violent acts with the side as agent / acts       share
``agency:patient:armenia``             ... as patient / acts                            share
``agency:agentless``                   acts with the agent left out / acts              share
``agency:agentless|patient:armenia``   agentless acts with patient on side / acts with  share
                                       patient on side
``agency:agent_implied:armenia``       the same three with the implied sides            share
``agency:patient_implied:armenia``     (``agent_side_implied``, ``patient_side_implied``:
``agency:agentless|patient_implied:``  the stated side, else the place's or the
``armenia``                            contrast's; when the agency table has them)
``tone:own``                           sum of VADER compounds / sentences (``all``,     compound
                                       ``own``, ``quoted`` parts)
``tone_toward:armenia@own``            sum of compounds / sentences mentioning the side compound
``stance:armenia-azerbaijan``          stance index of the document / 1 (a mean over    index
                                       documents; :func:`framing.stance.stance_index`)
=====================================  ==============================================  ============

Each family is a :class:`FeatureFamily` in :data:`FEATURE_FAMILIES`; a new
stage contributes features by registering one with :func:`register_feature`.
A family only runs when the tables it needs are present.
"""
from __future__ import annotations

import fnmatch
import math
import re
import warnings
import zlib
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from functools import lru_cache

import numpy as np
import pandas as pd

from ._checks import FramingError, check_choice, check_columns, did_you_mean

__all__ = [
    "COMPARE_COLUMNS",
    "KEYNESS_COLUMNS",
    "FEATURE_FAMILIES",
    "FeatureFamily",
    "register_feature",
    "extract_features",
    "compare_outlets",
    "count_terms",
    "keyness",
    "feature_evidence",
    "features_evidence",
    "load_stopwords",
    "benjamini_hochberg",
]

#: Columns of :func:`compare_outlets` (the ``by`` column first when ``by`` is given).
COMPARE_COLUMNS = ["outlet", "feature", "value", "ci_low", "ci_high", "n_docs", "n_words"]

#: Columns of :func:`keyness` (``z`` is added for ``method="log_odds"``).
KEYNESS_COLUMNS = ["target", "reference", "term", "stat", "p", "p_adjusted", "n_target",
                   "n_reference", "effect"]

VALUE_COLUMNS = ["doc_id", "feature", "num", "den"]

NO_EVENT = "(no event)"


# --------------------------------------------------------------------------------------
# Tables: accept an Analysis or a dict of tables
# --------------------------------------------------------------------------------------
def _tables(analysis_or_tables) -> dict:
    """A plain dict of tables from an :class:`~framing.Analysis` or a mapping."""
    if isinstance(analysis_or_tables, Mapping):
        t = dict(analysis_or_tables)
    elif hasattr(analysis_or_tables, "documents") and hasattr(analysis_or_tables, "tables"):
        a = analysis_or_tables
        t = dict(a.tables)
        t.update(documents=a.documents, features=a.features, hits=a.hits, corpus=a.corpus)
        if getattr(a, "study", None) is not None:
            t["study"] = a.study
    else:
        raise FramingError(
            "analysis_or_tables must be an Analysis (framing.analyze) or a dict of tables "
            f"with at least 'documents'; got {type(analysis_or_tables).__name__}")
    if "documents" not in t and "corpus" in t:
        t["documents"] = t["corpus"]
    if "documents" not in t:
        raise FramingError("the tables need 'documents' (doc_id, outlet, n_words): pass "
                           f"framing.analyze(corpus); tables given: {', '.join(t) or '(none)'}")
    docs = t["documents"]
    check_columns(docs, ["doc_id", "outlet"], "documents")
    if "n_words" not in docs.columns:
        from .text import count_words

        if "body" not in docs.columns:
            raise FramingError("documents needs 'n_words' or 'body' to count words")
        docs = docs.assign(n_words=[count_words(b) if isinstance(b, str) else 0
                                    for b in docs["body"]])
    docs = docs.assign(outlet=docs["outlet"].fillna("(unknown)").astype(str))
    if "event" not in docs.columns:
        docs = docs.assign(event=None)
    t["documents"] = docs
    return t


def _has(t: dict, name: str) -> bool:
    """Whether table ``name`` is present (``"a|b"``: either of them)."""
    return any(isinstance(t.get(n), pd.DataFrame) for n in name.split("|"))


# --------------------------------------------------------------------------------------
# The registry of feature families
# --------------------------------------------------------------------------------------
@dataclass(frozen=True)
class FeatureFamily:
    """A family of document-level features contributed by one stage.

    Attributes
    ----------
    name : str
        Prefix of the family's feature names (``name:...``).
    requires : tuple of str
        Tables the family needs (keys of :attr:`framing.Analysis.tables`, or
        ``features``/``hits``; ``"a|b"`` for either); the family is skipped
        when one is missing.
    values : callable
        ``values(tables) -> DataFrame`` with ``doc_id, feature, num, den``
        (one row per document and feature; the outlet value is
        ``sum(num) / sum(den)`` over its documents).
    evidence : callable, optional
        ``evidence(tables, feature) -> DataFrame`` with ``doc_id, start, end``
        (and ``voice``): the character spans that produced the feature, used by
        :func:`feature_evidence`.
    description : str
    """

    name: str
    requires: tuple
    values: Callable
    evidence: Callable | None = None
    description: str = ""


#: The registered feature families, by name, in the order they are computed.
FEATURE_FAMILIES: dict[str, FeatureFamily] = {}


def register_feature(name: str, *, requires: Iterable[str] = (), evidence: Callable | None = None,
                     description: str = ""):
    """Register a feature family (decorator of its ``values(tables)`` function).

    Parameters
    ----------
    name : str
        Family name; every feature it returns must start with ``name + ":"``
        (the built-in ``lexicon`` family is the exception: its features are
        named after each lexicon, ``naming:...``, ``loaded:...``).
    requires : iterable of str
        Tables needed (e.g. ``("agency",)``).
    evidence : callable, optional
        ``evidence(tables, feature) -> DataFrame(doc_id, start, end[, voice])``.
    description : str

    Examples
    --------
    >>> @register_feature("length", requires=("documents",))
    ... def _length(tables):
    ...     d = tables["documents"]
    ...     return pd.DataFrame({"doc_id": d["doc_id"], "feature": "length:words",
    ...                          "num": d["n_words"], "den": 1.0})
    >>> "length" in FEATURE_FAMILIES
    True
    >>> del FEATURE_FAMILIES["length"]
    """
    def deco(fn):
        FEATURE_FAMILIES[name] = FeatureFamily(name, tuple(requires), fn, evidence, description)
        return fn
    return deco


def _complete(df: pd.DataFrame, docs: pd.DataFrame, den_of: Callable | None = None) -> pd.DataFrame:
    """Every document × feature pair, with num 0 where a document has none."""
    if df.empty:
        return pd.DataFrame(columns=VALUE_COLUMNS)
    grid = pd.MultiIndex.from_product([docs["doc_id"].unique(), df["feature"].unique()],
                                      names=["doc_id", "feature"])
    s = df.groupby(["doc_id", "feature"], sort=False)["num"].sum()
    out = s.reindex(grid, fill_value=0.0).rename("num").reset_index()
    if den_of is not None:
        out["den"] = den_of(out)
    else:
        d = df.groupby(["doc_id", "feature"], sort=False)["den"].first()
        out["den"] = d.reindex(grid).to_numpy()
    return out[VALUE_COLUMNS]


def _words_k(t: dict) -> pd.Series:
    d = t["documents"]
    return pd.Series(d["n_words"].fillna(0).to_numpy(dtype=float) / 1000.0, index=d["doc_id"])


# -- lexicon hits -----------------------------------------------------------------------
def _lexicon_values(t: dict) -> pd.DataFrame:
    f = t["features"]
    check_columns(f, ["doc_id", "lexicon", "dimension", "value", "voice", "count"], "features")
    side = f[f["dimension"] == "side"]
    cat = f[(f["dimension"] == "category") & (f["voice"] == "all")]
    names = pd.concat([
        side["lexicon"].astype(str) + ":" + side["value"].astype(str) + "@" +
        side["voice"].astype(str),
        cat["lexicon"].astype(str) + ":category=" + cat["value"].astype(str) + "@all"])
    rows = pd.concat([side, cat])
    df = pd.DataFrame({"doc_id": rows["doc_id"].to_numpy(), "feature": names.to_numpy(),
                       "num": rows["count"].to_numpy(dtype=float)})
    parts = [df]
    if _has(t, "hits") and _has(t, "attributions") and len(t["hits"]):
        parts.append(_speech_values(t))
    df = pd.concat(parts, ignore_index=True)
    words = _words_k(t)
    return _complete(df, t["documents"], lambda o: o["doc_id"].map(words).to_numpy())


def _speech(t: dict) -> pd.Series:
    hits = t["hits"]
    if "speech" in hits.columns:
        return hits["speech"]
    from .attribution import speech_voice

    return speech_voice(hits, t["attributions"])


def _speech_values(t: dict) -> pd.DataFrame:
    hits = t["hits"]
    h = hits[hits["side"].fillna("").astype(str) != ""]
    sp = _speech(t).loc[h.index].replace({"own": "unattributed"})
    feature = h["lexicon"].astype(str) + ":" + h["side"].astype(str) + "@" + sp.astype(str)
    return pd.DataFrame({"doc_id": h["doc_id"].to_numpy(), "feature": feature.to_numpy(),
                         "num": 1.0})


_LEX_FEATURE = re.compile(r"^(?P<lex>[^:]+):(?:category=(?P<cat>[^@]+)|(?P<side>[^@]+))"
                          r"@(?P<voice>\w+)$")


def _lexicon_evidence(t: dict, feature: str) -> pd.DataFrame:
    if not _has(t, "hits"):
        return pd.DataFrame(columns=["doc_id", "start", "end", "voice"])
    m = _LEX_FEATURE.match(feature)
    if not m:
        return pd.DataFrame(columns=["doc_id", "start", "end", "voice"])
    cols = _memo(t, "hit_columns", lambda: _hit_columns(t))  # once per batch of evidence
    sel = cols["lexicon"] == m["lex"]
    sel &= (cols["category"] == m["cat"]) if m["cat"] else (cols["side"] == m["side"])
    v = m["voice"]
    if v in ("own", "quoted"):
        sel &= cols["voice"] == v
    elif v in ("direct", "indirect", "unattributed") and _has(t, "attributions"):
        sel &= _memo(t, "hit_speech", lambda: _speech(t).replace(
            {"own": "unattributed"}).to_numpy()) == v
    return cols["spans"][sel]


def _hit_columns(t: dict) -> dict:
    """The hits' columns that lexicon features select on, as arrays."""
    h = t["hits"]
    return {"lexicon": h["lexicon"].astype(str).to_numpy(),
            "category": h["category"].astype(str).to_numpy(),
            "side": h["side"].fillna("").astype(str).to_numpy(),
            "voice": h["voice"].to_numpy(), "spans": _span_columns(h)}


def _span_columns(table: pd.DataFrame) -> pd.DataFrame:
    """The columns of ``table`` that evidence reads (``doc_id, start, end, voice``): the
    selections of many features copy four columns, not the whole table."""
    return table[[c for c in ("doc_id", "start", "end", "voice") if c in table.columns]]


# -- attribution ------------------------------------------------------------------------
def _memo(t: dict, key: str, make):
    """``make()``, computed once per batch of evidence (:func:`features_evidence` puts a
    ``_memo`` dict in its tables); computed every time otherwise."""
    memo = t.get("_memo")
    if memo is None:
        return make()
    if key not in memo:
        memo[key] = make()
    return memo[key]


def _attr(t: dict) -> pd.DataFrame:
    return _memo(t, "attr", lambda: _attr_table(t))


def _attr_table(t: dict) -> pd.DataFrame:
    a = t["attributions"]
    check_columns(a, ["doc_id", "kind", "side", "verb_class"], "attributions")
    return a.assign(side=a["side"].fillna("").replace("", "unknown").astype(str),
                    verb_class=a["verb_class"].fillna("").astype(str))


def _attribution_values(t: dict) -> pd.DataFrame:
    from .text import count_words

    a = _attr(t)
    docs = t["documents"]
    parts = []
    n_att = a.groupby("doc_id").size()
    share = pd.DataFrame({"doc_id": a["doc_id"], "feature": "attribution:share:" + a["side"],
                          "num": 1.0})
    parts.append(_complete(share, docs, lambda o: o["doc_id"].map(n_att).fillna(0).to_numpy()))
    if "quote" in a.columns:
        d = a[a["kind"] == "direct"]
        words = pd.Series([count_words(q) if isinstance(q, str) else 0 for q in d["quote"]],
                          index=d.index, dtype=float)
        tot = words.groupby(d["doc_id"]).sum()
        qw = pd.DataFrame({"doc_id": d["doc_id"], "num": words,
                           "feature": "attribution:quoted_words:" + d["side"]})
        parts.append(_complete(qw, docs, lambda o: o["doc_id"].map(tot).fillna(0).to_numpy()))
    v = a[a["verb_class"] != ""]
    if len(v):
        per_side = v.groupby(["doc_id", "side"]).size()
        vc = pd.DataFrame({"doc_id": v["doc_id"], "num": 1.0,
                           "feature": "attribution:verb:" + v["side"] + ":" + v["verb_class"]})

        def den(o):
            side = o["feature"].str.split(":").str[2]
            return pd.Series(list(zip(o["doc_id"], side))).map(per_side).fillna(0).to_numpy()

        parts.append(_complete(vc, docs, den))
    return pd.concat(parts, ignore_index=True)


def _attribution_evidence(t: dict, feature: str) -> pd.DataFrame:
    spans, side, kind, verb_class = _memo(t, "attr_spans", lambda: _attribution_spans(t))
    bits = feature.split(":")
    sel = np.ones(len(spans), dtype=bool)
    if len(bits) >= 3:
        sel &= side == bits[2]
    if bits[1:2] == ["quoted_words"]:
        sel &= kind == "direct"
    if bits[1:2] == ["verb"] and len(bits) == 4:
        sel &= verb_class == bits[3]
    return spans[sel]


def _attribution_spans(t: dict) -> tuple:
    """The evidence spans of every attribution (the reporting verb where found, else the
    attribution) with the ``side``, ``kind`` and ``verb_class`` arrays that features
    select on."""
    a = _attr(t)
    a = a[a["start"] >= 0] if "start" in a.columns else a.iloc[:0]
    start = a["verb_start"].where(a.get("verb_start", a["start"]) >= 0, a["start"]) \
        if "verb_start" in a.columns else a["start"]
    spans = pd.DataFrame({"doc_id": a["doc_id"], "start": start, "end": np.maximum(
        start + 1, a["verb_end"].where(a["verb_end"] >= 0, a["end"]) if "verb_end" in a.columns
        else a["end"]), "voice": a["kind"]})
    return (spans, a["side"].to_numpy(), a["kind"].to_numpy(),
            a["verb_class"].to_numpy())


# -- agency -----------------------------------------------------------------------------
def _agentless_voices() -> tuple:
    try:
        from .agency import AGENTLESS_VOICES
    except ImportError:  # pragma: no cover - older agency module
        return ("passive_agentless", "intransitive")
    return tuple(AGENTLESS_VOICES)


def _agency(t: dict) -> pd.DataFrame:
    return _memo(t, "agency", lambda: _agency_table(t))


#: The two readings of the agency table's sides: feature infix -> (agent, patient) column.
AGENCY_READINGS = {"": ("agent_side", "patient_side"),
                   "_implied": ("agent_side_implied", "patient_side_implied")}


def _agency_readings(g: pd.DataFrame) -> list[str]:
    """The readings (``""`` stated, ``"_implied"``) whose columns ``g`` has."""
    return [r for r, cols in AGENCY_READINGS.items() if all(c in g.columns for c in cols)]


def _agency_table(t: dict) -> pd.DataFrame:
    g = t["agency"]
    check_columns(g, ["doc_id", "voice", "agent_side", "patient_side"], "agency")
    sides = {c: g[c].fillna("").replace("", "none").astype(str)
             for r in _agency_readings(g) for c in AGENCY_READINGS[r]}
    return g.assign(**sides, agentless=g["voice"].isin(_agentless_voices()))


def _agency_values(t: dict) -> pd.DataFrame:
    g = _agency(t)
    docs = t["documents"]
    n = g.groupby("doc_id").size()
    by_doc = lambda o: o["doc_id"].map(n).fillna(0).to_numpy()  # noqa: E731
    parts = []
    for r in _agency_readings(g):
        agent, patient = AGENCY_READINGS[r]
        parts += [
            _complete(pd.DataFrame({"doc_id": g["doc_id"], "num": 1.0,
                                    "feature": f"agency:agent{r}:" + g[agent]}), docs, by_doc),
            _complete(pd.DataFrame({"doc_id": g["doc_id"], "num": 1.0,
                                    "feature": f"agency:patient{r}:" + g[patient]}), docs,
                      by_doc)]
        if not r:
            parts.append(_complete(pd.DataFrame({
                "doc_id": g["doc_id"], "num": g["agentless"].astype(float),
                "feature": "agency:agentless"}), docs, by_doc))
        per_patient = g.groupby(["doc_id", patient]).size()

        def den(o, per_patient=per_patient):
            side = o["feature"].str.split(":").str[2]
            return pd.Series(list(zip(o["doc_id"], side))).map(per_patient).fillna(0).to_numpy()

        parts.append(_complete(pd.DataFrame({
            "doc_id": g["doc_id"], "num": g["agentless"].astype(float),
            "feature": f"agency:agentless|patient{r}:" + g[patient]}), docs, den))
    return pd.concat(parts, ignore_index=True)


def _agency_evidence(t: dict, feature: str) -> pd.DataFrame:
    g, sides, agentless = _memo(t, "agency_cols", lambda: _agency_columns(t))
    rest = feature.split(":", 1)[1]
    kind, _, side = rest.partition(":")
    if kind == "agentless":
        return g[agentless]
    if kind.startswith("agentless|"):
        col = sides.get(kind.split("|", 1)[1])
        return g[agentless & (col == side)] if col is not None else g.iloc[:0]
    col = sides.get(kind)
    return g[col == side] if col is not None else g


def _agency_columns(t: dict) -> tuple:
    """The agency table's evidence columns, its side arrays by feature kind (``agent``,
    ``patient``, ``agent_implied``...) and the agentless mask."""
    g = _agency(t)
    sides = {f"{role}{r}": g[col].to_numpy() for r in _agency_readings(g)
             for role, col in zip(("agent", "patient"), AGENCY_READINGS[r])}
    return _span_columns(g), sides, g["agentless"].to_numpy(dtype=bool)


# -- tone -------------------------------------------------------------------------------
def _tone_sentences(t: dict) -> pd.DataFrame | None:
    """The per-sentence tone table, under either name it is stored."""
    for key in ("tone_sentences", "tone"):
        x = t.get(key)
        if isinstance(x, pd.DataFrame) and {"compound", "start"} <= set(x.columns):
            return x
    return None


def _tone_values(t: dict) -> pd.DataFrame:
    sent = _tone_sentences(t)
    rows = []
    if sent is not None:  # sentence table (framing.stance.sentence_tone)
        for part, col in (("all", "compound"), ("own", "compound_own"),
                          ("quoted", "compound_quoted")):
            if col not in sent.columns:
                continue
            g = sent[["doc_id", col]].dropna().groupby("doc_id")[col]
            rows.append(pd.DataFrame({"doc_id": g.sum().index, "feature": f"tone:{part}",
                                      "num": g.sum().to_numpy(), "den": g.size().to_numpy(float)}))
    elif _has(t, "tone"):  # document table (framing.stance.tone)
        tone = t["tone"]
        check_columns(tone, ["doc_id", "n_sentences", "tone_mean"], "tone")
        for part, n, m in (("all", "n_sentences", "tone_mean"), ("own", "n_own", "tone_own"),
                           ("quoted", "n_quoted", "tone_quoted")):
            if n in tone.columns and m in tone.columns:
                x = tone[tone[m].notna()]
                rows.append(pd.DataFrame({"doc_id": x["doc_id"], "feature": f"tone:{part}",
                                          "num": x[m] * x[n], "den": x[n].astype(float)}))
    return _with_den(rows, t["documents"])


def _with_den(rows: list, docs: pd.DataFrame) -> pd.DataFrame:
    """Complete ``doc_id, feature, num, den`` rows; absent pairs get num = den = 0."""
    rows = [r for r in rows if len(r)]
    if not rows:
        return pd.DataFrame(columns=VALUE_COLUMNS)
    df = pd.concat(rows, ignore_index=True)
    full = _complete(df.drop(columns="den"), docs, lambda o: 0.0)
    den = df.groupby(["doc_id", "feature"])["den"].sum()
    full["den"] = pd.Series(list(zip(full["doc_id"], full["feature"]))).map(den).fillna(0.0) \
        .to_numpy()
    return full


def _tone_evidence(t: dict, feature: str) -> pd.DataFrame:
    sent = _tone_sentences(t)
    if sent is None:
        return pd.DataFrame(columns=["doc_id", "start", "end", "voice"])
    col = {"tone:all": "compound", "tone:own": "compound_own",
           "tone:quoted": "compound_quoted"}.get(feature, "compound")
    x = sent[sent[col].notna()]
    x = x.reindex(x[col].abs().sort_values(ascending=False, kind="stable").index)
    return x.assign(voice="compound " + x[col].round(2).astype(str))


def _study(t: dict):
    """The study of the tables (key ``study``), else the default study."""
    from .studies import _default_study, study_of

    return study_of(t) or _default_study()


def _actor_hits(t: dict) -> pd.DataFrame:
    return _memo(t, "actor_hits", lambda: _actor_hits_table(t))


def _actor_hits_table(t: dict) -> pd.DataFrame:
    h = t["hits"]
    return h[h["lexicon"].isin(_study(t).names("actors"))
             & (h["side"].fillna("").astype(str) != "")]


def _framing_hits(t: dict) -> pd.DataFrame:
    """Own-voice hits of the study's naming and loaded lexicons (not places or actors)."""
    return _memo(t, "framing_hits", lambda: _framing_hits_table(t))


def _framing_hits_table(t: dict) -> pd.DataFrame:
    from .studies import FRAMING_ROLES

    h = t["hits"]
    return h[h["lexicon"].isin(_study(t).names(*FRAMING_ROLES)) & (h["voice"] == "own")]


def _tone_side_values(t: dict) -> pd.DataFrame:
    st = t.get("tone_sides")
    if not isinstance(st, pd.DataFrame):
        sent = _tone_sentences(t)
        if sent is None or not _has(t, "hits") or "compound_own" not in sent.columns:
            return pd.DataFrame(columns=VALUE_COLUMNS)
        from .stance import aggregate_side_tone

        st = aggregate_side_tone(sent, _actor_hits(t))
    if st.empty:
        return pd.DataFrame(columns=VALUE_COLUMNS)
    check_columns(st, ["doc_id", "side", "voice", "n_sentences", "tone_mean"], "tone_sides")
    st = st[st["tone_mean"].notna()]
    df = pd.DataFrame({"doc_id": st["doc_id"],
                       "feature": "tone_toward:" + st["side"].astype(str) + "@" +
                       st["voice"].astype(str),
                       "num": st["tone_mean"] * st["n_sentences"],
                       "den": st["n_sentences"].astype(float)})
    return _with_den([df], t["documents"])


def _tone_side_evidence(t: dict, feature: str) -> pd.DataFrame:
    if not _has(t, "hits"):
        return pd.DataFrame(columns=["doc_id", "start", "end", "voice"])
    side, _, voice = feature.split(":", 1)[1].rpartition("@")
    spans, sides, voices = _memo(t, "actor_spans", lambda: _actor_spans(t))
    return spans[(sides == side) & (voices == voice)]


def _actor_spans(t: dict) -> tuple:
    h = _actor_hits(t)
    return _span_columns(h), h["side"].to_numpy(), h["voice"].to_numpy()


def _stance_values(t: dict) -> pd.DataFrame:
    from .stance import stance_index

    study = _study(t)
    h = _framing_hits(t)
    if study.contrast:
        pairs = [study.contrast]
    else:
        sides = sorted(s for s in h["side"].fillna("").unique() if s)
        pairs = [(a, b) for i, a in enumerate(sides) for b in sides[i + 1:]]
    if not pairs or not len(h):
        return pd.DataFrame(columns=VALUE_COLUMNS)
    from .studies import FRAMING_ROLES

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        s = stance_index(t["hits"], t["documents"], sides=pairs,
                         lexicons=study.names(*FRAMING_ROLES))
    s = s[s["stance"].notna()]
    return pd.DataFrame({"doc_id": s["doc_id"],
                         "feature": "stance:" + s["side_a"] + "-" + s["side_b"],
                         "num": s["stance"].astype(float), "den": 1.0})


def _stance_evidence(t: dict, feature: str) -> pd.DataFrame:
    a, _, b = feature.split(":", 1)[1].partition("-")
    h = _framing_hits(t)
    return h[h["side"].isin([a, b])]


register_feature("lexicon", requires=("features",), evidence=_lexicon_evidence,
                 description="lexicon hits per 1,000 words, by side/category and voice; features "
                             "are named after the lexicon ('naming:...', 'loaded:...')")(
    _lexicon_values)
register_feature("attribution", requires=("attributions",), evidence=_attribution_evidence,
                 description="shares of attributions and quoted words by side; verb class by side")(
    _attribution_values)
register_feature("agency", requires=("agency",), evidence=_agency_evidence,
                 description="shares of violent acts by agent and patient side; agentless rate")(
    _agency_values)
register_feature("tone", requires=("tone|tone_sentences",), evidence=_tone_evidence,
                 description="mean VADER compound of sentences (all, own voice, quoted)")(
    _tone_values)
register_feature("tone_toward", requires=("tone_sides|tone_sentences|tone",), evidence=_tone_side_evidence,
                 description="mean compound of sentences mentioning each side's actors")(
    _tone_side_values)
register_feature("stance", requires=("hits",), evidence=_stance_evidence,
                 description="stance index between the study's contrast sides (own-voice terms of "
                             "the naming and loaded roles; places are not counted)")(
    _stance_values)


def _family_of(feature: str, t: dict | None = None) -> FeatureFamily | None:
    """The family of a feature: its prefix, else the lexicon family (``<lexicon>:...``)."""
    prefix = feature.split(":", 1)[0]
    if prefix in FEATURE_FAMILIES and prefix != "lexicon":
        return FEATURE_FAMILIES[prefix]
    return FEATURE_FAMILIES.get("lexicon")


def _select(names: Iterable[str], features) -> list[str]:
    names = list(names)
    if features is None:
        return names
    if isinstance(features, str):
        features = [features]
    keep, missing = [], []
    for pat in features:
        got = [n for n in names if fnmatch.fnmatchcase(n, pat)]
        if not got:
            missing.append(pat)
        keep.extend(g for g in got if g not in keep)
    if missing:
        warnings.warn(f"features: no feature matches {', '.join(map(repr, missing))}"
                      f"{did_you_mean(missing[0], names)}; features look like "
                      f"{', '.join(names[:4])}...", stacklevel=3)
    return keep


def extract_features_frame(t: dict) -> pd.DataFrame | None:
    """Every feature of a dict of tables as ``doc_id, feature, num, den`` (None if none):
    :func:`extract_features` without the selection and the error."""
    t = _tables(t)
    parts = []
    for fam in FEATURE_FAMILIES.values():
        if not all(_has(t, r) for r in fam.requires):
            continue
        v = fam.values(t)
        if len(v):
            parts.append(v[VALUE_COLUMNS])
    if not parts:
        return None
    out = pd.concat(parts, ignore_index=True)
    out["num"] = out["num"].astype(float)
    out["den"] = out["den"].astype(float)
    return out


def extract_features(analysis_or_tables, *, features=None) -> pd.DataFrame:
    """Every document-level feature as a numerator and a denominator.

    Parameters
    ----------
    analysis_or_tables : Analysis or dict of DataFrame
        :func:`framing.analyze` output, or a dict with ``documents`` (``doc_id,
        outlet, n_words``) and any of ``features``, ``hits``, ``attributions``,
        ``agency``, ``tone``.
    features : str or list of str, optional
        Feature names or shell-style patterns (``"naming:*@own"``); default all.

    Returns
    -------
    DataFrame
        ``doc_id, feature, num, den, value`` with one row per document and
        feature (``value = num / den``; NaN when ``den`` is 0). The feature
        names are documented in :mod:`framing.compare`.

    Examples
    --------
    >>> docs = pd.DataFrame({"doc_id": ["a", "b"], "outlet": ["X", "X"], "n_words": [500, 1000]})
    >>> feats = pd.DataFrame({"doc_id": ["a"], "lexicon": ["naming"], "dimension": ["side"],
    ...                       "value": ["s1"], "voice": ["own"], "count": [2]})
    >>> extract_features({"documents": docs, "features": feats})[["doc_id", "num", "value"]
    ...     ].values.tolist()
    [['a', 2.0, 4.0], ['b', 0.0, 0.0]]
    """
    out = extract_features_frame(_tables(analysis_or_tables))
    if out is None:
        raise FramingError("no feature could be computed: the tables need 'features' (lexicon "
                           "hits), 'attributions', 'agency' or 'tone'")
    keep = _select(out["feature"].unique(), features)
    out = out[out["feature"].isin(keep)].reset_index(drop=True)
    with np.errstate(divide="ignore", invalid="ignore"):
        out["value"] = np.where(out["den"] > 0, out["num"] / np.where(out["den"] > 0, out["den"], 1),
                                np.nan)
    return out


# --------------------------------------------------------------------------------------
# compare_outlets
# --------------------------------------------------------------------------------------
def _rng(random_state, key: str) -> np.random.Generator:
    """One generator per group, so a group's interval does not depend on the others."""
    if random_state is None:
        return np.random.default_rng()
    if isinstance(random_state, (bool, float)) or not isinstance(random_state, (int, np.integer)):
        raise FramingError(f"random_state must be an int or None, got {random_state!r}")
    return np.random.default_rng([int(random_state) & 0xFFFFFFFF, zlib.crc32(key.encode())])


def _bootstrap(num: np.ndarray, den: np.ndarray, n_boot: int, rng: np.random.Generator,
               ci: float) -> tuple[np.ndarray, np.ndarray]:
    """Percentile interval of sum(num)/sum(den) resampling rows (documents)."""
    n, f = num.shape
    lo_q, hi_q = 100 * (1 - ci) / 2, 100 * (1 + ci) / 2
    if n == 0:
        return np.full(f, np.nan), np.full(f, np.nan)
    stats = np.empty((n_boot, f))
    p = np.full(n, 1.0 / n)
    batch = max(1, min(n_boot, 2_000_000 // max(n, 1)))
    for i in range(0, n_boot, batch):
        w = rng.multinomial(n, p, size=min(batch, n_boot - i)).astype(float)
        bn, bd = w @ num, w @ den
        with np.errstate(divide="ignore", invalid="ignore"):
            stats[i:i + len(w)] = np.where(bd > 0, bn / np.where(bd > 0, bd, 1), np.nan)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)
        lo, hi = np.nanpercentile(stats, [lo_q, hi_q], axis=0)
    return lo, hi


def compare_outlets(analysis_or_tables, *, features=None, n_boot: int = 2000,
                    random_state: int | None = 0, by_event: bool = False, min_docs: int = 3,
                    ci: float = 0.95, by: str | None = None) -> pd.DataFrame:
    """Every framing feature per outlet, with a bootstrap interval over documents.

    Parameters
    ----------
    analysis_or_tables : Analysis or dict of DataFrame
        :func:`framing.analyze` output, or a dict of its tables (``documents``
        and any of ``features``, ``hits``, ``attributions``, ``agency``,
        ``tone``). Each stage present contributes its features.
    features : str or list of str, optional
        Feature names or shell-style patterns, e.g. ``["naming:*@own",
        "agency:agentless"]``; default every feature (see :mod:`framing.compare`).
    n_boot : int, default 2000
        Bootstrap resamples.
    random_state : int or None, default 0
        Seed. Each outlet (and event) gets its own stream derived from the seed
        and its name, so adding an outlet does not change the others' intervals.
    by : {"event", "month", "week", "year"}, optional
        Compare within each event, or within each calendar period of the ``date``
        column (documents without a date form the period "(no date)"): one row per
        period × outlet × feature, in a first column named after ``by``.
    by_event : bool, default False
        Compare within events: one row per event × outlet × feature, so that what
        an outlet chose to cover is not confused with how it framed it.
    min_docs : int, default 3
        Warn about outlets (or event × outlet groups) with fewer documents.
    ci : float, default 0.95
        Coverage of the percentile interval.

    Returns
    -------
    DataFrame
        ``[event,] outlet, feature, value, ci_low, ci_high, n_docs, n_words``.
        ``value`` is the ratio estimator sum(num)/sum(den) over the group's
        documents (rates per 1,000 words, shares, mean compounds; see
        :func:`extract_features`); ``ci_low``/``ci_high`` the percentile
        bootstrap interval from resampling documents within the group with
        replacement and recomputing the ratio of sums; NaN where the feature is
        undefined (no words, no attributions, no violent acts...). ``n_docs``
        counts the group's documents, ``n_words`` their words. With one
        document the interval collapses to the value: it says nothing about
        variation between articles.

    Warns
    -----
    UserWarning
        Naming every outlet (or event × outlet) with fewer than ``min_docs``
        documents.

    References
    ----------
    Efron, B., & Tibshirani, R. J. (1993). *An Introduction to the Bootstrap*.
    Chapman & Hall (ch. 13, percentile intervals; ratio estimators, ch. 10).

    Examples
    --------
    >>> docs = pd.DataFrame({"doc_id": list("abc"), "outlet": ["X", "X", "X"],
    ...                      "n_words": [1000, 1000, 2000]})
    >>> feats = pd.DataFrame({"doc_id": ["a", "c"], "lexicon": "naming", "dimension": "side",
    ...                       "value": "s1", "voice": "own", "count": [1, 5]})
    >>> r = compare_outlets({"documents": docs, "features": feats}, n_boot=200)
    >>> r[["outlet", "feature", "value", "n_docs", "n_words"]].values.tolist()
    [['X', 'naming:s1@own', 1.5, 3, 4000]]
    """
    if not isinstance(n_boot, (int, np.integer)) or n_boot < 1:
        raise FramingError(f"n_boot must be a positive integer, got {n_boot!r}")
    if not 0 < ci < 1:
        raise FramingError(f"ci must be between 0 and 1 (e.g. 0.95), got {ci!r}")
    if by_event:
        by = "event"
    if by is not None:
        check_choice("by", by, ["event", "month", "week", "year"])
    t = _tables(analysis_or_tables)
    values = extract_features(t, features=features)
    docs = t["documents"].drop_duplicates("doc_id")
    groups = [by, "outlet"] if by else ["outlet"]
    docs = docs.assign(event=docs["event"].where(docs["event"].notna() & (docs["event"] != ""),
                                                 NO_EVENT).astype(str))
    if by in ("month", "week", "year"):
        docs = docs.assign(**{by: periods(docs.get("date"), by, index=docs.index)})
    names = list(pd.unique(values["feature"]))
    num = values.pivot_table(index="doc_id", columns="feature", values="num", aggfunc="sum",
                             sort=False).reindex(index=docs["doc_id"], columns=names).fillna(0.0)
    den = values.pivot_table(index="doc_id", columns="feature", values="den", aggfunc="sum",
                             sort=False).reindex(index=docs["doc_id"], columns=names).fillna(0.0)
    small, rows = [], []
    for key, g in docs.groupby(groups, sort=True):
        key = key if isinstance(key, tuple) else (key,)
        ids = g["doc_id"].to_numpy()
        if len(ids) < min_docs:
            small.append(f"{' / '.join(map(str, key))!r} ({len(ids)})")
        nm, dn = num.loc[ids].to_numpy(), den.loc[ids].to_numpy()
        tn, td = nm.sum(axis=0), dn.sum(axis=0)
        with np.errstate(divide="ignore", invalid="ignore"):
            value = np.where(td > 0, tn / np.where(td > 0, td, 1), np.nan)
        lo, hi = _bootstrap(nm, dn, int(n_boot), _rng(random_state, "\x1f".join(map(str, key))),
                            ci)
        frame = pd.DataFrame({"feature": names, "value": value, "ci_low": lo, "ci_high": hi,
                              "n_docs": len(ids), "n_words": int(g["n_words"].fillna(0).sum())})
        for col, k in zip(groups, key):
            frame.insert(groups.index(col), col, k)
        rows.append(frame)
    if small:
        what = f"{by}/outlet groups" if by else "outlets"
        warnings.warn(f"compare_outlets: {len(small)} {what} have fewer than {min_docs} "
                      f"documents, so their intervals say little about the outlet (one document: "
                      f"the interval is the value itself): {', '.join(small)}", stacklevel=2)
    out = pd.concat(rows, ignore_index=True)
    order = {f: i for i, f in enumerate(names)}
    out = out.sort_values([*groups, "feature"], key=lambda s: s.map(order) if s.name == "feature"
                          else s, kind="stable", ignore_index=True)
    return out[([by] if by else []) + COMPARE_COLUMNS]


NO_DATE = "(no date)"


def periods(dates, by: str, *, index=None) -> pd.Series:
    """The calendar period of each date: ``2020-09`` (month), ``2020-W39`` (ISO week) or
    ``2020`` (year); "(no date)" where the date is missing or unparseable.

    Examples
    --------
    >>> periods(pd.Series(["2020-09-27", None, "2020-10-01"]), "month").tolist()
    ['2020-09', '(no date)', '2020-10']
    """
    if dates is None:
        return pd.Series(NO_DATE, index=index, dtype=object)
    d = pd.to_datetime(pd.Series(dates, index=index), errors="coerce", utc=True)
    if by == "month":
        text = d.dt.strftime("%Y-%m")
    elif by == "week":
        iso = d.dt.isocalendar()
        text = iso["year"].astype("Int64").astype(str) + "-W" + \
            iso["week"].astype("Int64").astype(str).str.zfill(2)
    else:
        text = d.dt.strftime("%Y")
    return text.astype(object).where(d.notna(), NO_DATE)


# --------------------------------------------------------------------------------------
# Evidence
# --------------------------------------------------------------------------------------
def feature_evidence(analysis_or_tables, feature: str, *, outlet: str | None = None,
                     n: int = 5, window: int = 60) -> pd.DataFrame:
    """The sentences behind a feature: keyword in context of the spans that produced it.

    Parameters
    ----------
    analysis_or_tables : Analysis or dict of DataFrame
        As for :func:`compare_outlets`; needs the ``corpus`` (with ``body``) and
        the table the feature comes from (``hits`` for lexicon, tone-toward and
        stance features).
    feature : str
        A feature name from :func:`compare_outlets` (e.g. ``"loaded:azerbaijan@own"``)
        or a keyness term prefixed with ``term:`` (``"term:provocation"``).
    outlet : str, optional
        Only this outlet's documents.
    n : int, default 5
        At most this many rows (per outlet when ``outlet`` is None).
    window : int, default 60

    Returns
    -------
    DataFrame
        ``feature`` and the columns of :func:`framing.kwic`: ``doc_id, outlet,
        sent_id, start, end, left, match, right, voice, sentence``.

    Examples
    --------
    >>> from framing import analyze, load_sample_corpus
    >>> a = analyze(load_sample_corpus(), stages=())
    >>> ev = feature_evidence(a, "naming:armenia@all", outlet="TRT World", n=2)
    >>> ev["outlet"].unique().tolist()
    ['TRT World']
    """
    return features_evidence(analysis_or_tables, [feature], outlet=outlet, n=n, window=window)


def features_evidence(analysis_or_tables, features, *, outlet: str | None = None, n: int = 5,
                      window: int = 60, errors: str = "raise") -> pd.DataFrame:
    """The evidence of many features at once: the rows of :func:`feature_evidence` for
    each feature, concatenated in the order given.

    One pass prepares what every feature shares (the tables, the sentence splits of the
    documents cited, one lexicon match for all ``term:`` features), so the evidence of
    a report's 200 features costs about as much as that of a few.

    Parameters
    ----------
    analysis_or_tables : Analysis or dict of DataFrame
        As for :func:`feature_evidence`.
    features : list of str
        Feature names (see :func:`feature_evidence`).
    outlet, n, window
        As for :func:`feature_evidence`.
    errors : {"raise", "skip"}, default "raise"
        What to do with a feature that has no evidence table (e.g. an attribution
        feature when the attribution stage did not run): raise a
        :class:`~framing.FramingError`, or leave the feature out.

    Returns
    -------
    DataFrame
        ``feature`` and the columns of :func:`framing.kwic`.

    Examples
    --------
    >>> from framing import analyze, load_sample_corpus
    >>> a = analyze(load_sample_corpus(), stages=())
    >>> ev = features_evidence(a, ["naming:armenia@all", "term:ceasefire"], n=1)
    >>> sorted(ev["feature"].unique())
    ['naming:armenia@all', 'term:ceasefire']
    """
    from .lexicons import KWIC_COLUMNS, Lexicon, _kwic_frame, load_lexicon, match_lexicon

    check_choice("errors", errors, ["raise", "skip"])
    features = [features] if isinstance(features, str) else list(features)
    t = _tables(analysis_or_tables)
    t["_memo"] = {}
    corpus = t.get("corpus")
    if not isinstance(corpus, pd.DataFrame) or "body" not in corpus.columns:
        raise FramingError("feature_evidence needs the corpus with its 'body' text: pass an "
                           "Analysis or a dict with 'corpus'")
    if outlet is not None:
        known = sorted(corpus["outlet"].astype(str).unique())
        if outlet not in known:
            raise FramingError(f"outlet={outlet!r} is not in the corpus; outlets: "
                               f"{', '.join(known)}{did_you_mean(outlet, known)}")
        corpus = corpus[corpus["outlet"] == outlet]
    texts = dict(zip(corpus["doc_id"], corpus["body"]))
    outlets = dict(zip(corpus["doc_id"], corpus["outlet"])) if "outlet" in corpus else {}
    outlet_of = {d: str(o) for d, o in outlets.items()}
    sent_cache: dict = {}

    # term features: one match of all their terms (a lexicon per term, so each term's
    # matches are exactly those of kwic(corpus, term))
    terms = list(dict.fromkeys(f[5:] for f in features if f.startswith("term:")))
    frames: list = []  # the kwic rows of the term features, then of the others
    if terms:
        lexes, names = [], {}
        try:  # validated together (one call instead of one per term), then split
            whole = load_lexicon(pd.DataFrame({"term": terms, "category": "query"}),
                                 name="query")
            split = [Lexicon(f"query{i}", whole.terms.iloc[[i]].reset_index(drop=True),
                             dict(whole.meta), whole.source) for i in range(len(terms))]
        except FramingError:  # a term that fails: each on its own, as before
            split = None
        for i, term in enumerate(terms):
            try:
                lexes.append(split[i] if split is not None else load_lexicon(
                    pd.DataFrame({"term": [term], "category": ["query"]}), name=f"query{i}"))
                names[f"query{i}"] = term
            except FramingError:
                if errors == "raise":
                    raise
        if lexes:
            hits = match_lexicon(corpus, lexes)
            hits = hits.assign(feature="term:" + hits["lexicon"].astype(str).map(names))
            frame = _kwic_frame(hits, texts, outlets, window, sent_cache, keep="feature")
            frames.append(frame.groupby(["feature", "outlet"] if outlet is None else "feature",
                                        sort=False).head(n))
    # the other features: their spans in one table, cut to n per feature and outlet
    # (or n per feature with ``outlet``), and one kwic pass over all of them
    cols: dict = {"doc_id": [], "start": [], "end": [], "voice": [], "feature": []}
    for feature in dict.fromkeys(features):
        if feature.startswith("term:"):
            continue
        fam = _family_of(feature)
        if fam is None or fam.evidence is None or not all(_has(t, r) for r in fam.requires):
            if errors == "raise":
                raise FramingError(f"no evidence for feature {feature!r}: its tables are missing")
            continue
        spans = fam.evidence(t, feature)
        if spans is None or len(spans) == 0:
            continue
        cols["doc_id"].append(spans["doc_id"].to_numpy(dtype=object))
        cols["start"].append(spans["start"].to_numpy(dtype=object))
        cols["end"].append(spans["end"].to_numpy(dtype=object))
        cols["voice"].append(spans["voice"].to_numpy(dtype=object) if "voice" in spans.columns
                             else np.full(len(spans), "", dtype=object))
        cols["feature"].append(np.full(len(spans), feature, dtype=object))
    if cols["feature"]:
        allspans = pd.DataFrame({k: np.concatenate(v) for k, v in cols.items()})
        allspans = allspans[allspans["doc_id"].isin(texts.keys())]
        if outlet is None:
            allspans = allspans.assign(_o=allspans["doc_id"].map(outlet_of))
            allspans = allspans.groupby(["feature", "_o"], sort=False).head(n)
            allspans = allspans.drop(columns="_o")
        else:
            allspans = allspans.groupby("feature", sort=False).head(n)
        frames.append(_kwic_frame(allspans, texts, outlets, window, sent_cache, keep="feature"))
    # the rows in the order of ``features``
    frames = [f for f in frames if len(f)]
    if not frames:
        return pd.DataFrame(columns=["feature", *KWIC_COLUMNS])
    frame = frames[0] if len(frames) == 1 else pd.concat(frames, ignore_index=True)
    where = frame.groupby("feature", sort=False).indices
    take = [where[f] for f in features if f in where]
    return frame.take(np.concatenate(take)).reset_index(drop=True)


# --------------------------------------------------------------------------------------
# Keyness
# --------------------------------------------------------------------------------------
_TOKEN = re.compile(r"[^\W\d_]+(?:['\u2019\-][^\W\d_]+)*", re.UNICODE)


@lru_cache(maxsize=4)
def load_stopwords(name: str = "english") -> frozenset:
    """A stopword list shipped with framing (``framing/data/stopwords_<lang>.txt``).

    Parameters
    ----------
    name : {"english", "news"}
        ``english``: function words; ``news``: the same plus weekday and month names
        (when an article appeared, not how it frames events).

    Returns
    -------
    frozenset of str
        Lower-case words (function words and news boilerplate verbs are *not*
        removed: "said" stays, as reporting verbs are part of framing).

    Examples
    --------
    >>> "the" in load_stopwords(), "said" in load_stopwords()
    (True, False)
    """
    from importlib import resources

    files = {"english": ["stopwords_en.txt"], "news": ["stopwords_en.txt",
                                                       "stopwords_news_en.txt"]}
    check_choice("stopwords", name, list(files))
    words: set = set()
    for f in files[name]:
        raw = resources.files("framing.data").joinpath(f).read_text(encoding="utf-8")
        words.update(w.strip().lower() for w in raw.splitlines()
                     if w.strip() and not w.startswith("#"))
    return frozenset(words)


def _stopset(stopwords) -> frozenset:
    if stopwords is None:
        return frozenset()
    if isinstance(stopwords, str):
        return load_stopwords(stopwords)
    return frozenset(str(w).lower() for w in stopwords)


def count_terms(corpus: pd.DataFrame, *, by: str = "outlet", column: str = "body",
                stopwords=None, min_count: int = 1) -> pd.DataFrame:
    """Word counts per group (outlet × term), for :func:`keyness`.

    Words are runs of letters (with inner apostrophes or hyphens: "Nagorno-Karabakh",
    "Azerbaijan's"), lower-cased, curly apostrophes made straight; numbers are
    dropped.

    Parameters
    ----------
    corpus : DataFrame
        With ``by`` and ``column``.
    by : str, default "outlet"
        Grouping column (rows of the result).
    column : str, default "body"
    stopwords : "english", iterable of str or None, default None
        Words to leave out ("english": the list shipped with framing,
        :func:`load_stopwords`).
    min_count : int, default 1
        Keep terms with at least this many occurrences in all groups together.

    Returns
    -------
    DataFrame
        Index: groups; columns: terms (sorted); values: counts (int).

    Examples
    --------
    >>> c = pd.DataFrame({"outlet": ["A", "B"], "body": ["The shelling, the SHELLING.",
    ...                   "Ceasefire's end"]})
    >>> count_terms(c, stopwords="english").to_dict("index")
    {'A': {"ceasefire's": 0, 'end': 0, 'shelling': 2}, 'B': {"ceasefire's": 1, 'end': 1, 'shelling': 0}}
    """
    check_columns(corpus, [by, column], "corpus")
    stop = _stopset(stopwords)
    counts: dict = {}
    for g, text in zip(corpus[by].fillna("(unknown)").astype(str), corpus[column]):
        if not isinstance(text, str):
            continue
        c = counts.setdefault(g, {})
        for m in _TOKEN.finditer(text):
            w = m.group().lower().replace("\u2019", "'")
            if w not in stop:
                c[w] = c.get(w, 0) + 1
    df = pd.DataFrame.from_dict(counts, orient="index").fillna(0).astype(int)
    df = df.reindex(sorted(df.index), axis=0).reindex(sorted(df.columns), axis=1)
    if min_count > 1:
        df = df.loc[:, df.sum(axis=0) >= min_count]
    df.index.name = by
    df.columns.name = "term"
    return df


def _as_counts(obj, stopwords) -> pd.DataFrame:
    """A group × term count table from counts, long counts, hits or a corpus."""
    if not isinstance(obj, pd.DataFrame):
        raise FramingError(f"keyness needs a DataFrame (counts, hits or corpus), got "
                           f"{type(obj).__name__}")
    cols = set(obj.columns)
    if "body" in cols and "outlet" in cols:
        return count_terms(obj, stopwords=stopwords)
    if "outlet" in cols and ("canonical" in cols or "term" in cols) and "start" in cols:
        term = "canonical" if "canonical" in cols else "term"
        t = obj.assign(_t=obj[term].astype(str).str.lower())
        stop = _stopset(stopwords)
        t = t[~t["_t"].isin(stop)]
        return t.groupby(["outlet", "_t"]).size().unstack(fill_value=0).rename_axis(
            columns="term")
    if {"outlet", "term", "count"} <= cols:
        c = obj.pivot_table(index="outlet", columns="term", values="count", aggfunc="sum",
                            fill_value=0)
        stop = _stopset(stopwords)
        return c.loc[:, [x for x in c.columns if str(x).lower() not in stop]]
    num = obj.select_dtypes(include="number")
    if num.shape[1] != obj.shape[1] or num.empty:
        raise FramingError(
            "keyness: counts_or_hits must be a group × term table of counts (index: outlets, "
            "columns: terms), a long table 'outlet, term, count', a hits table with 'outlet' "
            "(Analysis.hits_with_outlet()) or a corpus with 'outlet' and 'body'; got columns "
            f"{', '.join(map(str, list(obj.columns)[:8]))}")
    if (num.to_numpy() < 0).any():
        raise FramingError("keyness: counts must be >= 0")
    stop = _stopset(stopwords)
    return num.loc[:, [x for x in num.columns if str(x).lower() not in stop]]


def benjamini_hochberg(p) -> np.ndarray:
    """Benjamini–Hochberg adjusted p-values (false discovery rate).

    ``p_adj(i) = min over j >= i of (m / j) * p(j)`` for p sorted ascending
    (rank i of m), capped at 1; NaN p-values are left out of ``m`` and stay NaN.

    References
    ----------
    Benjamini, Y., & Hochberg, Y. (1995). Controlling the false discovery rate: a
    practical and powerful approach to multiple testing. *Journal of the Royal
    Statistical Society B*, 57(1), 289-300.

    Examples
    --------
    >>> benjamini_hochberg([0.01, 0.04, 0.03, 0.2]).round(4).tolist()
    [0.04, 0.0533, 0.0533, 0.2]
    """
    p = np.asarray(p, dtype=float)
    out = np.full(p.shape, np.nan)
    ok = ~np.isnan(p)
    q = p[ok]
    m = len(q)
    if m == 0:
        return out
    order = np.argsort(q, kind="mergesort")
    ranked = q[order] * m / np.arange(1, m + 1)
    adj = np.minimum.accumulate(ranked[::-1])[::-1]
    res = np.empty(m)
    res[order] = np.minimum(adj, 1.0)
    out[ok] = res
    return out


def _norm_sf2(z: np.ndarray) -> np.ndarray:
    """Two-sided normal p-value."""
    from scipy.special import erfc

    return erfc(np.abs(z) / math.sqrt(2.0))


def _chi2_sf1(x: np.ndarray) -> np.ndarray:
    """Upper tail of chi-squared with 1 df."""
    from scipy.special import erfc

    return erfc(np.sqrt(np.maximum(x, 0.0) / 2.0))


def _contingency(y_t: np.ndarray, y_r: np.ndarray, method: str) -> dict:
    """G² or χ² of each term's 2 × 2 table (target/reference × term/other terms)."""
    n, m = y_t.sum(), y_r.sum()
    # 2 x 2 table per term: [[a, b], [c, d]] = [[y_t, y_r], [n - y_t, m - y_r]]
    a, b = y_t.astype(float), y_r.astype(float)
    c, d = n - a, m - b
    tot = n + m
    k = a + b
    obs = [a, b, c, d]
    exp = [n * k / tot, m * k / tot, n * (tot - k) / tot, m * (tot - k) / tot]
    with np.errstate(divide="ignore", invalid="ignore"):
        if method == "g2":
            stat = 2.0 * sum(np.where(o > 0, o * np.log(o / e), 0.0) for o, e in zip(obs, exp))
        else:
            stat = sum(np.where(e > 0, (o - e) ** 2 / e, 0.0) for o, e in zip(obs, exp))
        sign = np.sign(a - exp[0])
        effect = np.log2(((a + 0.5) / n) / ((b + 0.5) / m))
    return {"stat": sign * stat, "p": _chi2_sf1(stat), "effect": effect}


def keyness(counts_or_hits, *, target=None, reference=None, method: str = "log_odds",
            prior: float | pd.Series | np.ndarray = 0.01, pairwise: bool = False,
            stopwords=None, min_count: int = 1) -> pd.DataFrame:
    """Words (or lexicon terms) that distinguish one outlet from others.

    Parameters
    ----------
    counts_or_hits : DataFrame
        One of: a group × term table of counts (index: outlets, columns: terms,
        e.g. :func:`count_terms`); a long table ``outlet, term, count``; a hits
        table with ``outlet`` (``Analysis.hits_with_outlet()``; terms are the
        ``canonical`` forms); or a corpus with ``outlet`` and ``body``
        (tokenised by :func:`count_terms`).
    target : str or list of str, optional
        The outlet(s) whose words are tested. Default: every outlet in turn.
    reference : str or list of str, optional
        What the target is compared with. Default: all the other outlets pooled
        ("the rest").
    method : {"log_odds", "g2", "chi2"}, default "log_odds"
        ``log_odds``: Monroe, Colaresi & Quinn (2008) log-odds ratio with an
        informative Dirichlet prior, z-score and two-sided normal p.
        ``g2``: log-likelihood ratio G² on the 2 × 2 table of the term
        (Dunning 1993). ``chi2``: Pearson's χ² on that table, no continuity
        correction. Both with 1 degree of freedom.
    prior : float or Series/array of per-term pseudo-counts, default 0.01
        Log-odds only. A float ``s`` makes the prior the pooled counts of all
        outlets in the table scaled by ``s``: ``alpha_w = s * y_w`` (so the prior
        carries ``s`` × the corpus size in pseudo-counts, 1% by default: enough
        to keep rare words from dominating, little enough not to swamp an outlet
        of a few percent of the corpus). A Series (indexed by term) or an array
        (aligned with the columns) gives ``alpha_w`` directly, e.g. counts from
        a background corpus.
    pairwise : bool, default False
        Compare every pair of outlets (each unordered pair once; with ``target``,
        the target against each other outlet).
    stopwords : "english", iterable or None, default None
        Terms to leave out (:func:`load_stopwords`).
    min_count : int, default 1
        Test only terms with at least this many occurrences in target and
        reference together.

    Returns
    -------
    DataFrame
        ``target, reference, term, stat, p, p_adjusted, n_target, n_reference,
        effect`` (+ ``z`` for log-odds), sorted by comparison then ``stat``
        descending (terms typical of the target first). ``n_*`` are the raw
        counts. ``effect`` is the log-odds ratio δ for log-odds and the log2
        ratio of relative frequencies, ``log2(((a + 0.5) / n) / ((b + 0.5) / m))``,
        for G² and χ²; ``stat`` is z, or G²/χ² signed positive when the term is
        over-represented in the target. ``p_adjusted`` is the Benjamini–Hochberg
        adjustment over the terms of one comparison.

    Notes
    -----
    Log-odds with informative Dirichlet prior (Monroe et al. 2008, eq. 16-22),
    for term w with counts y_t (target, total n), y_r (reference, total m) and
    prior alpha_w (alpha_0 = sum of alpha)::

        delta_w = log((y_t + a_w) / (n + a_0 - y_t - a_w))
                - log((y_r + a_w) / (m + a_0 - y_r - a_w))
        var(delta_w) ~= 1 / (y_t + a_w) + 1 / (y_r + a_w)
        z_w = delta_w / sqrt(var(delta_w))

    Every token is treated as independent, which overstates certainty for
    words that cluster in a few documents; read z as a ranking, and check the
    terms in context (:func:`feature_evidence` with ``"term:<word>"``).

    References
    ----------
    Monroe, B. L., Colaresi, M. P., & Quinn, K. M. (2008). Fightin' words:
    Lexical feature selection and evaluation for identifying the content of
    political conflict. *Political Analysis*, 16(4), 372-403.
    Dunning, T. (1993). Accurate methods for the statistics of surprise and
    coincidence. *Computational Linguistics*, 19(1), 61-74.
    Benjamini, Y., & Hochberg, Y. (1995). Controlling the false discovery rate.
    *JRSS B*, 57(1), 289-300.

    Examples
    --------
    >>> counts = pd.DataFrame({"war": [10, 2], "peace": [2, 10]}, index=["A", "B"])
    >>> k = keyness(counts, target="A", method="g2")
    >>> k[["term", "n_target", "n_reference"]].values.tolist()
    [['war', 10, 2], ['peace', 2, 10]]
    >>> round(float(k["stat"].iloc[0]), 4)
    11.6441
    """
    check_choice("method", method, ["log_odds", "g2", "chi2"])
    counts = _as_counts(counts_or_hits, stopwords)
    counts = counts.loc[:, counts.sum(axis=0) > 0]
    counts.index = counts.index.astype(str)
    groups = list(counts.index)
    if len(groups) < 2:
        raise FramingError(f"keyness needs at least two outlets; found {len(groups)}: "
                           f"{', '.join(groups) or '(none)'}")

    def as_list(x, name):
        if x is None:
            return None
        xs = [x] if isinstance(x, str) else [str(v) for v in x]
        for v in xs:
            if v not in groups:
                raise FramingError(f"{name}={v!r} is not an outlet in the table; outlets: "
                                   f"{', '.join(groups)}{did_you_mean(v, groups)}")
        return xs

    targets, refs = as_list(target, "target"), as_list(reference, "reference")
    if pairwise and refs is not None:
        raise FramingError("pass either pairwise=True or reference=..., not both")
    comps: list[tuple[list[str], list[str]]] = []
    if pairwise:
        if targets is None:
            comps = [([a], [b]) for i, a in enumerate(groups) for b in groups[i + 1:]]
        else:
            comps = [([a], [b]) for a in targets for b in groups if b != a]
    elif targets is None:
        comps = [([g], [x for x in groups if x != g]) for g in groups]
    else:
        rest = refs if refs is not None else [g for g in groups if g not in targets]
        if set(rest) & set(targets):
            raise FramingError("target and reference overlap: "
                               f"{', '.join(sorted(set(rest) & set(targets)))}")
        if not rest:
            raise FramingError("reference is empty: every outlet is in target")
        comps = [(targets, rest)]
    pooled = counts.sum(axis=0).to_numpy(dtype=float)
    terms = counts.columns.astype(str).to_numpy()
    if method == "log_odds":
        if isinstance(prior, pd.Series):
            alpha = prior.reindex(counts.columns).to_numpy(dtype=float)
            if np.isnan(alpha).any() or (alpha <= 0).any():
                raise FramingError("prior: every term needs a positive pseudo-count; "
                                   f"missing or <= 0 for {int(np.isnan(alpha).sum())} term(s)")
        elif np.ndim(prior) == 1:
            alpha = np.asarray(prior, dtype=float)
            if alpha.shape != pooled.shape or (alpha <= 0).any():
                raise FramingError(f"prior: an array needs {len(pooled)} positive values "
                                   "(one per term)")
        else:
            if not isinstance(prior, (int, float)) or not prior > 0 or math.isinf(prior):
                raise FramingError(f"prior must be a positive number (scale of the pooled "
                                   f"counts), a Series or an array; got {prior!r}")
            alpha = float(prior) * pooled
    else:
        alpha = None
    out = []
    for tg, rf in comps:
        y_t = counts.loc[tg].to_numpy(dtype=float).sum(axis=0)
        y_r = counts.loc[rf].to_numpy(dtype=float).sum(axis=0)
        keep = (y_t + y_r) >= max(1, min_count)
        if method != "log_odds":
            res = _contingency(y_t[keep], y_r[keep], method)
        else:
            # alpha_0 is the prior mass of the whole vocabulary, not only of the kept terms
            a0 = alpha.sum()
            n, m = y_t.sum(), y_r.sum()
            yt, yr, al = y_t[keep], y_r[keep], alpha[keep]
            delta = np.log((yt + al) / (n + a0 - yt - al)) - np.log((yr + al) / (m + a0 - yr - al))
            z = delta / np.sqrt(1.0 / (yt + al) + 1.0 / (yr + al))
            res = {"stat": z, "p": _norm_sf2(z), "effect": delta, "z": z}
        frame = pd.DataFrame({
            "target": " + ".join(tg), "reference": " + ".join(rf) if refs is not None or pairwise
            else "(rest)", "term": terms[keep], "stat": res["stat"], "p": res["p"],
            "n_target": y_t[keep].astype(int), "n_reference": y_r[keep].astype(int),
            "effect": res["effect"]})
        frame["p_adjusted"] = benjamini_hochberg(frame["p"].to_numpy())
        if "z" in res:
            frame["z"] = res["z"]
        out.append(frame.sort_values(["stat", "term"], ascending=[False, True], kind="stable"))
    cols = KEYNESS_COLUMNS + (["z"] if method == "log_odds" else [])
    return pd.concat(out, ignore_index=True)[cols]
