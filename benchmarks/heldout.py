"""Score the extractors on the held-out gold set (tests/heldout/).

Each article is scored with its own conflict's actors lexicon (column ``conflict`` of
tests/heldout/articles/metadata.csv -> tests/heldout/lexicons/actors_<conflict>.csv): the
evaluation functions are called once per conflict and the counts are pooled. A set whose
metadata has a non-empty ``study`` column (e.g. tests/heldout_e/, ``caucasus``) is scored
with that shipped study instead, passed to the extractors as users pass it (its actors,
places and contrast; ``--places`` does not change it). The verb and
violence lexicons are passed explicitly (lexicons/general/...), so changes of the package
defaults do not move these numbers.

Run:  python benchmarks/heldout.py            (summary)
      python benchmarks/heldout.py --places   (implied sides with the sets' places lexicons)
      python benchmarks/heldout.py --errors   (also list misses and spurious rows)
      python benchmarks/heldout.py --root tests/heldout_b   (score another set with the
                                              same layout, e.g. the fresh held-out set)
      python benchmarks/heldout.py --root tests/heldout_b --root tests/heldout_c
                                             (several sets pooled; each keeps its own
                                              articles, gold files and lexicons)

Reported
--------
attribution: quote P/R/F1 (gold-overlap > 0.3, Gender Gap Tracker protocol, as
    evaluate_attribution), speaker / side / verb class accuracy over matched quotes, and
    ``kind`` accuracy over the same matches (computed here; evaluate_attribution does not
    report kind).
agency: mention P/R/F1 (trigger alignment of evaluate_agency), voice / agent side /
    patient side accuracy over aligned mentions, implied-side accuracy when the extractor
    outputs ``agent_side_implied`` / ``patient_side_implied`` (else n/a), and how many of
    the violent mentions outside the guideline lemma list (agency_extra.jsonl) are found.
"""
from __future__ import annotations

import argparse
import json
import re
import sys
import warnings
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import pandas as pd  # noqa: E402

import framing  # noqa: E402
from framing.agency import evaluate_agency, extract_agency  # noqa: E402
from framing.attribution import evaluate_attribution, extract_attributions  # noqa: E402
from framing.lexicons import load_lexicon  # noqa: E402
from framing.studies import load_study  # noqa: E402

HELD = ROOT / "tests" / "heldout"
VERBS = ROOT / "lexicons" / "general" / "reporting_verbs.csv"
VIOLENCE = ROOT / "lexicons" / "general" / "violence.csv"


def _read(path: Path) -> list[dict]:
    return [json.loads(x) for x in path.read_text(encoding="utf-8").splitlines() if x.strip()]


def load(root: Path = HELD):
    """Corpus and gold records of the gold set in ``root`` (layout of tests/heldout/)."""
    root = Path(root)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        corpus = framing.load_corpus(str(root / "articles"))
    extra = root / "agency_extra.jsonl"
    return corpus, _read(root / "attribution.jsonl"), _read(root / "agency.jsonl"), \
        (_read(extra) if extra.exists() else [])


def _kind_matches(gold: list[dict], pred: pd.DataFrame, texts: dict, thr: float = 0.3):
    """(gold kind, predicted kind) for gold quotes matched like evaluate_attribution."""
    out, used = [], set()
    for r in gold:
        text = texts[r["doc_id"]]
        occ = [m.start() for m in re.finditer(re.escape(r["quote"]), text)]
        sp = [m.start() for m in re.finditer(re.escape(r["speaker"]), text)] if r["speaker"] else []
        if not occ:
            continue
        s = min(occ, key=lambda o: min((abs(o - x) for x in sp), default=0))
        e = s + len(r["quote"])
        best, key = None, (0.0, 0.0)
        for k, p in pred[pred["doc_id"] == r["doc_id"]].iterrows():
            if k in used:
                continue
            inter = max(0, min(e, p["end"]) - max(s, p["start"]))
            union = max(e, p["end"]) - min(s, p["start"])
            sc = (inter / (e - s), inter / union if union else 0.0)
            if sc[0] > thr and (best is None or sc > key):
                best, key = k, sc
        if best is not None:
            used.add(best)
            out.append((r["kind"], pred.at[best, "kind"]))
    return out


def _implied(gold: list[dict], pred: pd.DataFrame, texts: dict):
    """Aligned (gold record, predicted row) pairs, aligned as in evaluate_agency."""
    pairs, used = [], set()
    for r in gold:
        text = texts[r["doc_id"]]
        pos = text.find(r["context"])
        m = re.search(r"(?<!\w)" + re.escape(r["trigger"]) + r"(?!\w)", r["context"])
        if pos < 0 or m is None:
            continue
        g = pos + m.start()
        cand = pred[(pred["doc_id"] == r["doc_id"]) & (pred["start"] <= g) & (pred["end"] > g)]
        for idx in cand.index:
            if idx not in used:
                used.add(idx)
                pairs.append((r, pred.loc[idx]))
                break
    return pairs


def _study_of(docs: pd.DataFrame) -> str | None:
    """The shipped study named in the ``study`` metadata column of ``docs``, if any.

    A gold set may score its articles with a study shipped with framing (e.g. the
    Armenia-Azerbaijan set ``tests/heldout_e/``, column ``study`` = ``caucasus``) instead of
    lexicons of its own; then the study is passed to the extractors as users pass it
    (its actors, places and contrast). Without the column, or with it empty, ``None``:
    the set's ``lexicons/actors_<conflict>.csv`` is used.

    Raises
    ------
    ValueError
        If the documents of one conflict name different studies.
    """
    if "study" not in docs.columns:
        return None
    names = {str(x).strip() for x in docs["study"] if isinstance(x, str) and x.strip()}
    if len(names) > 1:
        raise ValueError(f"one conflict, several studies: {sorted(names)}")
    return names.pop() if names else None


def _sets(root) -> list[Path]:
    """``root`` as a list of gold-set directories (one path or several)."""
    if isinstance(root, (str, Path)):
        return [Path(root)]
    return [Path(r) for r in root]


def run(show_errors: bool = False, root: Path | list = HELD, places: bool = False) -> dict:
    """Score the extractors on the gold set in ``root`` (default tests/heldout/).

    ``places``: give the agency extractor each conflict's places lexicon
    (``lexicons/places_<conflict>.csv``) when the set ships one; this moves only the
    implied sides (the ``place`` basis).

    ``root`` may also be a list of gold-set directories: their counts are pooled, and each
    set is scored with its own articles, gold files and lexicons. ``per_conflict`` has one row
    per (set, conflict), in the order of the sets.
    """
    A = dict(tp=0, fp=0, fn=0, sp=0.0, side=0.0, cls=0.0, verb=0.0, kind_ok=0, kind_n=0)
    G = dict(n_gold=0, n_pred=0, n_al=0, voice=0.0, agent=0.0, patient=0.0,
             ai_ok=0, pi_ok=0, imp_n=0, has_implied=False, extra_n=0, extra_found=0)
    per_conflict = []
    errors = []
    for root in _sets(root):
        _score_set(root, A, G, per_conflict, errors, show_errors, places)
    return _summary(A, G, per_conflict, errors, show_errors)


def _score_set(root: Path, A: dict, G: dict, per_conflict: list, errors: list,
               show_errors: bool, places: bool = False) -> None:
    """Add the counts of the gold set in ``root`` to the pooled counters ``A`` and ``G``."""
    corpus, at_gold, ag_gold, ag_extra = load(root)
    texts = dict(zip(corpus["doc_id"], corpus["body"]))
    conflict_of = dict(zip(corpus["doc_id"], corpus["conflict"]))
    for conflict in sorted(set(conflict_of.values())):
        docs = [d for d, c in conflict_of.items() if c == conflict]
        sub = corpus[corpus["doc_id"].isin(docs)].reset_index(drop=True)
        study = _study_of(sub)
        actors = load_study(study) if study else \
            load_lexicon(str(root / "lexicons" / f"actors_{conflict}.csv"))
        ga = [r for r in at_gold if r["doc_id"] in docs]
        gg = [r for r in ag_gold if r["doc_id"] in docs]
        ge = [r for r in ag_extra if r["doc_id"] in docs]
        ra = evaluate_attribution(ga, sub, actors=actors, verbs=str(VERBS))
        first = ra["0.3"]
        A["tp"] += first["tp"]
        A["fp"] += first["fp"]
        A["fn"] += first["fn"]
        A["sp"] += first["speaker_accuracy"] * first["tp"]
        A["side"] += first["side_accuracy"] * first["tp"]
        A["cls"] += first["verb_class_accuracy"] * first["tp"]
        A["verb"] += first["verb_accuracy"] * first["tp"]
        pred_at = extract_attributions(sub, actors=actors, verbs=str(VERBS))
        km = _kind_matches(ga, pred_at, texts)
        A["kind_n"] += len(km)
        A["kind_ok"] += sum(a == b for a, b in km)
        # agency as framing.analyze runs it: with the attribution stage's quote speakers
        rg = evaluate_agency(gg, sub, actors=actors, violence=str(VIOLENCE),
                             attributions=pred_at)
        G["n_gold"] += rg["n_gold"]
        G["n_pred"] += rg["n_pred"]
        G["n_al"] += rg["n_aligned"]
        for k, f in (("voice", "voice_accuracy"), ("agent", "agent_side_accuracy"),
                     ("patient", "patient_side_accuracy")):
            if rg["n_aligned"]:
                G[k] += rg[f] * rg["n_aligned"]
        pfile = root / "lexicons" / f"places_{conflict}.csv"
        # a shipped study brings its own places (as framing.analyze uses them); else the
        # set's places lexicon only with --places
        pred_ag = extract_agency(sub, actors=actors, violence=str(VIOLENCE),
                                 attributions=pred_at,
                                 places=None if study else
                                 (str(pfile) if places and pfile.is_file() else None))
        if {"agent_side_implied", "patient_side_implied"} <= set(pred_ag.columns):
            G["has_implied"] = True
            for r, p in _implied(gg, pred_ag, texts):
                G["imp_n"] += 1
                G["ai_ok"] += (r["agent_side_implied"] or "") == (p["agent_side_implied"] or "")
                G["pi_ok"] += (r["patient_side_implied"] or "") == (p["patient_side_implied"] or "")
        G["extra_n"] += len(ge)
        G["extra_found"] += len(_implied(ge, pred_ag, texts))
        per_conflict.append((conflict, len(docs), first["f1"], first["side_accuracy"],
                             2 * rg["recall"] * rg["precision"] / (rg["recall"] + rg["precision"])
                             if rg["n_aligned"] else 0.0, rg["voice_accuracy"],
                             rg["agent_side_accuracy"], rg["patient_side_accuracy"]))
        if show_errors:
            errors.append((conflict, ra["errors"], rg))


def _summary(A: dict, G: dict, per_conflict: list, errors: list, show_errors: bool) -> dict:
    """Pooled scores from the counters filled by ``_score_set``."""
    prec = A["tp"] / (A["tp"] + A["fp"]) if A["tp"] + A["fp"] else 0.0
    rec = A["tp"] / (A["tp"] + A["fn"]) if A["tp"] + A["fn"] else 0.0
    gp = G["n_al"] / G["n_pred"] if G["n_pred"] else 0.0
    gr = G["n_al"] / G["n_gold"] if G["n_gold"] else 0.0
    res = {
        "attribution": {
            "n_gold": A["tp"] + A["fn"], "n_pred": A["tp"] + A["fp"], "precision": prec,
            "recall": rec, "f1": 2 * prec * rec / (prec + rec) if prec + rec else 0.0,
            "speaker_accuracy": A["sp"] / A["tp"] if A["tp"] else 0.0,
            "side_accuracy": A["side"] / A["tp"] if A["tp"] else 0.0,
            "verb_accuracy": A["verb"] / A["tp"] if A["tp"] else 0.0,
            "verb_class_accuracy": A["cls"] / A["tp"] if A["tp"] else 0.0,
            "kind_accuracy": A["kind_ok"] / A["kind_n"] if A["kind_n"] else 0.0,
        },
        "agency": {
            "n_gold": G["n_gold"], "n_pred": G["n_pred"], "n_aligned": G["n_al"],
            "precision": gp, "recall": gr, "f1": 2 * gp * gr / (gp + gr) if gp + gr else 0.0,
            "voice_accuracy": G["voice"] / G["n_al"] if G["n_al"] else 0.0,
            "agent_side_accuracy": G["agent"] / G["n_al"] if G["n_al"] else 0.0,
            "patient_side_accuracy": G["patient"] / G["n_al"] if G["n_al"] else 0.0,
            "agent_side_implied_accuracy": G["ai_ok"] / G["imp_n"] if G["has_implied"] and G["imp_n"] else None,
            "patient_side_implied_accuracy": G["pi_ok"] / G["imp_n"] if G["has_implied"] and G["imp_n"] else None,
            "outside_list_found": f"{G['extra_found']}/{G['extra_n']}",
        },
        "per_conflict": per_conflict,
    }
    if show_errors:
        res["errors"] = errors
    return res


def _fmt(x) -> str:
    return "n/a" if x is None else (f"{x:.3f}" if isinstance(x, float) else str(x))


def main(argv=None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--errors", action="store_true", help="print misses and spurious rows")
    ap.add_argument("--root", action="append", default=None,
                    help="gold set directory (articles/, lexicons/, *.jsonl); relative paths "
                         "are taken from the repository root (default: tests/heldout). Give it "
                         "several times to pool several sets")
    ap.add_argument("--places", action="store_true",
                    help="give the agency extractor each conflict's places lexicon when the "
                         "set ships one (moves only the implied sides)")
    args = ap.parse_args(argv)
    roots = []
    for given in args.root or [str(HELD.relative_to(ROOT))]:
        root = Path(given)
        if not root.is_absolute():
            root = ROOT / root
        if not (root / "articles").is_dir() or not (root / "attribution.jsonl").is_file():
            ap.error(f"{given}: not a gold set (needs articles/ and attribution.jsonl)")
        roots.append(root)
    res = run(args.errors, roots if len(roots) > 1 else roots[0], places=args.places)
    a, g = res["attribution"], res["agency"]
    print(f"held-out: {len(res['per_conflict'])} conflicts, "
          f"{sum(r[1] for r in res['per_conflict'])} articles")
    print(f"attribution  gold {a['n_gold']}  pred {a['n_pred']}  P {_fmt(a['precision'])}  "
          f"R {_fmt(a['recall'])}  F1 {_fmt(a['f1'])}")
    print(f"  over matched quotes: speaker {_fmt(a['speaker_accuracy'])}  side "
          f"{_fmt(a['side_accuracy'])}  kind {_fmt(a['kind_accuracy'])}  verb "
          f"{_fmt(a['verb_accuracy'])}  verb class {_fmt(a['verb_class_accuracy'])}")
    print(f"agency       gold {g['n_gold']}  pred {g['n_pred']}  aligned {g['n_aligned']}  "
          f"P {_fmt(g['precision'])}  R {_fmt(g['recall'])}  F1 {_fmt(g['f1'])}")
    print(f"  over aligned mentions: voice {_fmt(g['voice_accuracy'])}  agent side "
          f"{_fmt(g['agent_side_accuracy'])}  patient side {_fmt(g['patient_side_accuracy'])}  "
          f"agent implied {_fmt(g['agent_side_implied_accuracy'])}  patient implied "
          f"{_fmt(g['patient_side_implied_accuracy'])}")
    print(f"  violent mentions outside the guideline list found: {g['outside_list_found']}")
    print("per conflict: conflict docs attr_F1 speaker_side agency_F1 voice agent_side patient_side")
    for row in res["per_conflict"]:
        print("  " + "  ".join([row[0], str(row[1])] + [_fmt(x) for x in row[2:]]))
    if args.errors:
        for conflict, aerr, rg in res["errors"]:
            print(f"\n=== {conflict}")
            for e in aerr:
                print("  attr", e)
            for df, label in ((rg["missed"], "agency missed"), (rg["errors"], "agency differs"),
                              (rg["spurious"], "agency spurious")):
                if len(df):
                    print(f"  -- {label}")
                    print(df.to_string(max_colwidth=60))


if __name__ == "__main__":
    main()
