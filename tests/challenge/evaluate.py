"""Score the extractors on the challenge set, per error class.

    python tests/challenge/evaluate.py          # per-class tables for dev and test

``score(split)`` runs :func:`framing.extract_agency` and :func:`framing.extract_attributions`
on every case of ``<split>.jsonl`` (one document per case; two-sentence cases are one
document). The actors lexicon (and the places lexicon, when ``extract_agency`` accepts a
``places`` argument) come from the generator's vocabulary as DataFrames. The violence and
reporting-verb lexicons are passed explicitly as paths. It returns one row per class.

Columns (accuracies are over the positive cases of the class, and a case whose target the
extractor did not find counts as wrong):

- ``n`` cases, ``pos``/``neg`` positives and negatives.
- ``found``: share of positive targets detected. For agency, a predicted mention whose span
  covers the target trigger. For attribution, a prediction covering more than 30 % of the
  expected quote (the Gender Gap Tracker overlap).
- ``voice``, ``agent_side``, ``patient_side``: agency fields, compared exactly.
- ``agent_impl``, ``patient_impl``: compared with the prediction's ``agent_side_implied`` /
  ``patient_side_implied`` columns, or ``None`` (n/a) when the agency table has no such
  columns.
- ``speaker_side``, ``kind``: attribution fields.
- ``neg_ok``: share of negatives passed. For agency, no predicted mention covers the trigger.
  For attribution, no prediction overlaps the span (or, for an empty span, the case has no
  prediction at all).
"""
from __future__ import annotations

import inspect
import json
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(HERE))

import pandas as pd  # noqa: E402

from framing.agency import extract_agency  # noqa: E402
from framing.attribution import extract_attributions  # noqa: E402
from framing.lexicons import load_lexicon  # noqa: E402

import generate  # noqa: E402

VERBS = ROOT / "lexicons" / "general" / "reporting_verbs.csv"
VIOLENCE = ROOT / "lexicons" / "general" / "violence.csv"
COLUMNS = ["class", "n", "pos", "neg", "found", "voice", "agent_side", "patient_side",
           "agent_impl", "patient_impl", "speaker_side", "kind", "neg_ok"]


def load(split: str) -> list[dict]:
    path = HERE / f"{split}.jsonl"
    return [json.loads(x) for x in path.read_text(encoding="utf-8").splitlines() if x.strip()]


def lexicons():
    sides = sorted({s for c in generate.CONFLICTS.values() for s in c["sides"]})
    meta = {"role": "actors", "sides": {s: s for s in sides},
            "contrast": {k: list(c["sides"]) for k, c in generate.CONFLICTS.items()}}
    actors = load_lexicon(generate.actors_frame(), name="actors", meta=meta)
    places = load_lexicon(generate.places_frame(), name="places",
                          meta={"role": "places", "sides": {s: s for s in sides}})
    return actors, places


def _predict(cases: list[dict]):
    actors, places = lexicons()
    corpus = pd.DataFrame({"doc_id": [c["id"] for c in cases], "body": [c["text"] for c in cases]})
    kw = {}
    if "places" in inspect.signature(extract_agency).parameters:
        kw["places"] = places
    ag_cases = [c["id"] for c in cases if c["task"] == "agency"]
    at_cases = [c["id"] for c in cases if c["task"] == "attribution"]
    ag = extract_agency(corpus[corpus["doc_id"].isin(ag_cases)], actors=actors,
                        violence=str(VIOLENCE), **kw)
    at = extract_attributions(corpus[corpus["doc_id"].isin(at_cases)], actors=actors,
                              verbs=str(VERBS))
    return ag, at


def _agency_hit(pred: pd.DataFrame, start: int):
    hit = pred[(pred["start"] <= start) & (pred["end"] > start)]
    return None if hit.empty else hit.iloc[0]


def _attr_hit(pred: pd.DataFrame, text: str, quote: str):
    s = text.find(quote)
    e = s + len(quote)
    best, score = None, 0.3
    for _, p in pred.iterrows():
        inter = max(0, min(e, int(p["end"])) - max(s, int(p["start"])))
        if len(quote) and inter / len(quote) > score:
            best, score = p, inter / len(quote)
    return best


def score(split: str) -> pd.DataFrame:
    """Per-class accuracies on ``split`` ("dev" or "test"); see the module docstring."""
    cases = load(split)
    ag, at = _predict(cases)
    has_impl = {"agent_side_implied", "patient_side_implied"} <= set(ag.columns)
    ag_by = {d: g for d, g in ag.groupby("doc_id")}
    at_by = {d: g for d, g in at.groupby("doc_id")}
    empty_ag, empty_at = ag.iloc[0:0], at.iloc[0:0]
    rows = []
    for cls in sorted({c["class"] for c in cases}):
        cc = [c for c in cases if c["class"] == cls]
        stats = {k: [] for k in ("found", "voice", "agent_side", "patient_side", "agent_impl",
                                 "patient_impl", "speaker_side", "kind", "neg_ok")}
        for c in cc:
            e = c["expected"]
            if c["task"] == "agency":
                p = _agency_hit(ag_by.get(c["id"], empty_ag), e["start"])
                if c["negative"]:
                    stats["neg_ok"].append(p is None)
                    continue
                stats["found"].append(p is not None)
                stats["voice"].append(p is not None and p["voice"] == e["voice"])
                stats["agent_side"].append(p is not None and (p["agent_side"] or "") == e["agent_side"])
                stats["patient_side"].append(p is not None and (p["patient_side"] or "") == e["patient_side"])
                if has_impl:
                    stats["agent_impl"].append(
                        p is not None and (p["agent_side_implied"] or "") == e["agent_side_implied"])
                    stats["patient_impl"].append(
                        p is not None and (p["patient_side_implied"] or "") == e["patient_side_implied"])
            else:
                pred = at_by.get(c["id"], empty_at)
                if c["negative"]:
                    if not e["span"]:
                        stats["neg_ok"].append(pred.empty)
                    else:
                        stats["neg_ok"].append(_attr_hit(pred, c["text"], e["span"]) is None)
                    continue
                p = _attr_hit(pred, c["text"], e["quote"])
                stats["found"].append(p is not None)
                stats["speaker_side"].append(p is not None and (p["side"] or "") == e["side"])
                stats["kind"].append(p is not None and p["kind"] == e["kind"])
        n_neg = sum(c["negative"] for c in cc)

        def mean(v):
            return sum(v) / len(v) if v else None

        row = {"class": cls, "n": len(cc), "pos": len(cc) - n_neg, "neg": n_neg}
        for k, v in stats.items():
            row[k] = mean(v)
        if not has_impl and any(c["task"] == "agency" and not c["negative"] for c in cc):
            row["agent_impl"] = row["patient_impl"] = "n/a"
        rows.append(row)
    return pd.DataFrame(rows, columns=COLUMNS)


def format_table(df: pd.DataFrame) -> str:
    def f(x):
        if x is None or (isinstance(x, float) and pd.isna(x)):
            return "-"
        return f"{x:.2f}" if isinstance(x, float) else str(x)

    head = "| " + " | ".join(COLUMNS) + " |\n|" + "---|" * len(COLUMNS) + "\n"
    body = "".join("| " + " | ".join(f(r[c]) for c in COLUMNS) + " |\n"
                   for r in df.to_dict("records"))
    return head + body


if __name__ == "__main__":
    for split in ("dev", "test"):
        print(f"## {split}\n")
        print(format_table(score(split)))
    print("classes: " + "; ".join(f"{k} {v}" for k, v in generate.CLASSES.items()))
