"""Score the victim side of death and killing mentions on tests/victims/.

The set
-------
``tests/victims/sentences.csv``: about 100 sentences per conflict in the style of US
newspaper reporting, every one mentioning a death or a killing, for three conflicts
that are not the shipped studies' (one ``actors_<conflict>.csv`` lexicon per conflict,
written before the sentences). Columns ``id, conflict, source_style, sentence,
victim_side, agent_side, split``: ``victim_side`` / ``agent_side`` are a side of the
conflict's lexicon, ``unknown`` (a careful reader cannot tell from the sentence alone)
or ``both`` (deaths, or killers, of both contrast sides). ``split`` halves each
conflict by a fixed hash of the id (:func:`split_of`): fix rules by looking at
``dev`` only (``--errors`` lists only dev errors); ``test`` is the held-out half.
See tests/victims/README.md for the labelling guidelines.

Protocol
--------
Each sentence is one document, run through ``AgencyExtractor(actors=<the conflict's
lexicon>)`` with the default (shipped general) violence lexicon and no places lexicon,
so the conflict's contrast pair comes from the lexicon's metadata.

* **Death mentions** of a sentence: its agency rows whose ``verb`` (lemma) is in
  :data:`DEATH_LEMMAS`, in text order.
* **Predicted victim side** (computed twice: from ``patient_side``, the *stated*
  reading, and from ``patient_side_implied``): ``both`` when the non-empty sides of the
  death mentions include both sides of the contrast pair; else the first non-empty
  side; else none.
* (a) **accuracy** over ALL sentences: right when the prediction equals the label; a
  sentence without a prediction is right only when its label is ``unknown``.
  (b) **coverage**: share of sentences with a prediction; **precision**: share right
  among them (a prediction for an ``unknown`` sentence is wrong).
* (c) **wrong-agent rate**: among the ``active`` death mentions whose lemma is not
  intransitive (:data:`INTRANSITIVE`) in sentences labelled with one side, the share
  whose ``agent_side`` (and, second figure, ``agent_side_implied``) equals the victim
  label. **agent acc**: the first non-empty ``agent_side_implied`` of the death
  mentions (``both`` as above) against the ``agent_side`` label, over all sentences,
  counted like (a).
* (d) **baseline**: a regular expression of death words (:data:`DEATH_WORDS`); for each
  death word, the actors-lexicon match with a side nearest to it (character gap between
  the spans, 0 when they overlap; on a tie the one on the left); the sentence's
  prediction is built from the death words' sides in text order as above (``both``
  when they include both contrast sides, else the first).

Another set with the same layout is scored with ``--root DIR``. A conflict of that set
with no ``actors_<conflict>.csv`` is looked up in the set's ``studies.json`` (a JSON
object ``{conflict: shipped study name}``, e.g. ``{"caucasus": "caucasus"}``) and run
with ``AgencyExtractor(actors=load_study(name))``: the study's actors, its places lexicon
and its contrast pair, as a user of the shipped study has them; the baseline then matches
the study's actors and places lexicons.

With ``--places`` the lexicon's rows of categories ``city`` and ``region``
(:data:`PLACE_CATEGORIES`) are moved into a places-role lexicon passed as ``places``
(the layout of a shipped study, where places give only an *implied* side), and the
rest stays the actors lexicon.

Run:  python benchmarks/victims.py                    (table: dev, test, all)
      python benchmarks/victims.py --places           (cities and regions as places)
      python benchmarks/victims.py --conflict tigray  (one conflict)
      python benchmarks/victims.py --errors           (also list the dev errors)
      python benchmarks/victims.py --root tests/victims_b  (another set, same layout)
"""
from __future__ import annotations

import argparse
import hashlib
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import json  # noqa: E402

import pandas as pd  # noqa: E402

from framing.lexicons import load_lexicon, match_text  # noqa: E402
from framing.studies import Study, load_study  # noqa: E402

DATA = ROOT / "tests" / "victims"
COLUMNS = ["id", "conflict", "source_style", "sentence", "victim_side", "agent_side", "split"]
NO_SIDE_LABELS = ("unknown", "both")
#: File of a set mapping conflicts without an actors lexicon to a shipped study.
STUDIES_FILE = "studies.json"
#: Categories of the actors lexicons that ``--places`` moves into a places lexicon.
PLACE_CATEGORIES = ("city", "region")

#: Lemmas (the ``verb`` column) of agency rows that count as death or killing mentions.
DEATH_LEMMAS = frozenset({"kill", "die", "massacre", "murder", "execute", "slay", "behead",
                          "decapitate", "assassinate", "slaughter", "gun down", "shoot",
                          "hang"})
#: Death lemmas that have no agent role (left out of the wrong-agent rate).
INTRANSITIVE = frozenset({"die"})

#: Death words of the baseline (and of the set's integrity test): every sentence has one.
DEATH_WORDS = (r"kill(?:s|ed|ing|ings|er|ers)?", r"di(?:e|es|ed)", r"dying",
               r"dead(?:ly|liest)?", r"deaths?", r"fatalit(?:y|ies)", r"bod(?:y|ies)",
               r"corpses?", r"murder(?:s|ed|ing|ers?)?", r"massacre[sd]?",
               r"execut(?:e|es|ed|ing|ion|ions)", r"slain", r"slay(?:s|ing)?", r"slew",
               r"shot dead", r"gunned down", r"behead(?:s|ed|ing)?",
               r"assassinat(?:e|es|ed|ion)", r"slaughter(?:s|ed)?")
DEATH_RE = re.compile(r"\b(?:" + "|".join(DEATH_WORDS) + r")\b", re.IGNORECASE)


def split_of(ids) -> dict:
    """``dev`` for the first half of ``ids`` ordered by SHA-256 of the id, ``test`` for the rest.

    Parameters
    ----------
    ids : iterable of str
        The ids of one conflict.

    Returns
    -------
    dict
        id -> ``"dev"`` or ``"test"`` (``len // 2`` ids are dev).
    """
    ids = list(ids)
    order = sorted(ids, key=lambda i: hashlib.sha256(str(i).encode("utf-8")).hexdigest())
    dev = set(order[: len(order) // 2])
    return {i: ("dev" if i in dev else "test") for i in ids}


def load(root: Path = DATA) -> tuple[pd.DataFrame, dict]:
    """The sentences and ``{conflict: actors Lexicon or Study}`` of the set in ``root``.

    A conflict without ``actors_<conflict>.csv`` gets the shipped study named for it in
    ``root/studies.json`` (:data:`STUDIES_FILE`).

    Raises
    ------
    FileNotFoundError
        For a conflict with neither a lexicon file nor an entry in ``studies.json``.
    """
    root = Path(root)
    df = pd.read_csv(root / "sentences.csv", dtype=str, keep_default_na=False)
    studies_path = root / STUDIES_FILE
    studies = (json.loads(studies_path.read_text(encoding="utf-8"))
               if studies_path.is_file() else {})
    lexicons = {}
    for c in sorted(df["conflict"].unique()):
        path = root / f"actors_{c}.csv"
        if path.is_file():
            lexicons[c] = load_lexicon(path)
        elif c in studies:
            lexicons[c] = load_study(str(studies[c]))
        else:
            raise FileNotFoundError(f"{path}: no lexicon for conflict {c!r}, and no entry "
                                    f"for it in {studies_path}")
    return df, lexicons


def sides_of(lexicon) -> list[str]:
    """The sides of a conflict's actors Lexicon or Study."""
    return list(lexicon.sides)


def _matched(lexicon) -> list:
    """The lexicons the baseline matches: the actors lexicon, or a study's actors and places."""
    if isinstance(lexicon, Study):
        return lexicon.by_role("actors") + lexicon.by_role("places")
    return [lexicon]


def split_places(lexicon) -> tuple:
    """``(actors, places)``: ``lexicon`` without and with only its :data:`PLACE_CATEGORIES` rows."""
    cols = [c for c in ("term", "category", "side", "canonical", "weight", "case_sensitive",
                        "note") if c in lexicon.terms.columns]
    rows = lexicon.terms[cols]
    is_place = rows["category"].isin(PLACE_CATEGORIES)
    meta = dict(lexicon.meta or {})
    cats = meta.get("categories") or {}
    actors = load_lexicon(rows[~is_place].reset_index(drop=True), name=lexicon.name,
                          meta={**meta, "categories": {k: v for k, v in cats.items()
                                                       if k not in PLACE_CATEGORIES}})
    places = load_lexicon(rows[is_place].reset_index(drop=True),
                          name=lexicon.name.replace("actors", "places"),
                          meta={**meta, "role": "places", "categories": {
                              k: v for k, v in cats.items() if k in PLACE_CATEGORIES}})
    return actors, places


def contrast_of(lexicon) -> tuple[str, ...]:
    """The contrast pair of an actors lexicon's metadata or of a study (empty when none)."""
    pair = (lexicon.contrast if isinstance(lexicon, Study)
            else (lexicon.meta or {}).get("contrast")) or ()
    return tuple(str(s) for s in pair) if len(pair) == 2 else ()


def combine(sides, contrast) -> str:
    """Sentence prediction from sides in text order: ``both``, the first side, or ''."""
    sides = [s for s in sides if isinstance(s, str) and s]
    if contrast and all(c in sides for c in contrast):
        return "both"
    return sides[0] if sides else ""


def baseline_side(sentence: str, lexicon, contrast=()) -> str:
    """Victim side of the naive baseline: the actor nearest to each death word.

    Parameters
    ----------
    sentence : str
    lexicon : Lexicon or Study
        The conflict's actors lexicon, or a study (its actors and places lexicons); only
        matches with a side count.
    contrast : tuple of str
        The contrast pair, for ``both``.

    Returns
    -------
    str
        A side, ``both`` or '' (no death word or no sided actor).
    """
    hits = match_text(sentence, _matched(lexicon))
    hits = hits[hits["side"].fillna("").astype(str) != ""]
    spans = list(zip(hits["start"], hits["end"], hits["side"]))
    sides = []
    for m in DEATH_RE.finditer(sentence):
        best = None
        for a, b, side in spans:
            gap = m.start() - b if b <= m.start() else (a - m.end() if a >= m.end() else 0)
            key = (gap, a)
            if best is None or key < best[0]:
                best = (key, side)
        if best is not None:
            sides.append(best[1])
    return combine(sides, contrast)


def _right(pred: str, label: str) -> bool:
    return pred == label if pred else label == "unknown"


def predict(df: pd.DataFrame, lexicons: dict, extractor_factory=None) -> tuple[pd.DataFrame,
                                                                                pd.DataFrame]:
    """Per-sentence predictions and the death-mention agency rows.

    Parameters
    ----------
    df : DataFrame
        Sentences (:data:`COLUMNS`).
    lexicons : dict
        ``{conflict: actors Lexicon or Study}`` (:func:`load`).
    extractor_factory : callable, optional
        ``factory(lexicon) -> extractor`` with an ``extract(text, doc_id)`` method
        (default: ``framing.agency.AgencyExtractor(actors=lexicon)``, a study included).

    Returns
    -------
    (DataFrame, DataFrame)
        ``df`` with columns ``stated``, ``implied``, ``baseline``, ``agent_implied`` added,
        and the death-mention rows (agency columns plus ``id``).
    """
    if extractor_factory is None:
        from framing.agency import AgencyExtractor

        def extractor_factory(lex):
            return AgencyExtractor(actors=lex)

    out, mentions = [], []
    for conflict, part in df.groupby("conflict", sort=True):
        lex = lexicons[conflict]
        contrast = contrast_of(lex)
        ext = extractor_factory(lex)
        for rec in part.to_dict("records"):
            rows = ext.extract(rec["sentence"], doc_id=rec["id"])
            rows = rows[rows["verb"].isin(DEATH_LEMMAS)].sort_values("start", kind="stable")
            rows = rows.assign(id=rec["id"], conflict=conflict)
            mentions.append(rows)
            rec = dict(rec)
            rec["stated"] = combine(rows["patient_side"], contrast)
            rec["implied"] = combine(rows["patient_side_implied"], contrast)
            rec["agent_implied"] = combine(rows["agent_side_implied"], contrast)
            rec["baseline"] = baseline_side(rec["sentence"], lex, contrast)
            out.append(rec)
    pred = pd.DataFrame(out).set_index("id").reindex(df["id"]).reset_index()
    ment = pd.concat(mentions, ignore_index=True) if mentions else pd.DataFrame()
    return pred, ment


def scores(pred: pd.DataFrame, mentions: pd.DataFrame) -> dict:
    """Figures (a)-(d) of the protocol for one group of sentences."""
    n = len(pred)
    res = {"n": n}
    for col in ("stated", "implied", "baseline"):
        has = pred[col] != ""
        right = [_right(p, lab) for p, lab in zip(pred[col], pred["victim_side"])]
        res[f"{col} acc"] = sum(right) / n if n else float("nan")
        res[f"{col} cov"] = has.mean() if n else float("nan")
        k = int(has.sum())
        res[f"{col} prec"] = (sum(r for r, h in zip(right, has) if h) / k) if k else float("nan")
    agent_right = [_right(p, lab) for p, lab in zip(pred["agent_implied"], pred["agent_side"])]
    res["agent acc"] = sum(agent_right) / n if n else float("nan")
    label = dict(zip(pred["id"], pred["victim_side"]))
    if len(mentions):
        m = mentions[mentions["id"].isin(label)]
        m = m[(m["voice"] == "active") & ~m["verb"].isin(INTRANSITIVE)]
        lab = m["id"].map(label)
        m, lab = m[~lab.isin(NO_SIDE_LABELS)], lab[~lab.isin(NO_SIDE_LABELS)]
    else:
        m, lab = pd.DataFrame(), pd.Series(dtype=str)
    k = len(m)
    res["active kills"] = k
    res["wrong agent"] = float((m["agent_side"] == lab).mean()) if k else float("nan")
    res["wrong agent impl"] = float((m["agent_side_implied"] == lab).mean()) if k else float("nan")
    return res


def table(pred: pd.DataFrame, mentions: pd.DataFrame) -> pd.DataFrame:
    """One row per conflict x split, plus pooled rows (``all``)."""
    rows = []
    groups = [(c, s) for c in sorted(pred["conflict"].unique()) + ["all"]
              for s in ("dev", "test", "all")]
    for conflict, split in groups:
        sel = pred
        if conflict != "all":
            sel = sel[sel["conflict"] == conflict]
        if split != "all":
            sel = sel[sel["split"] == split]
        ids = set(sel["id"])
        ment = mentions[mentions["id"].isin(ids)] if len(mentions) else mentions
        rows.append({"conflict": conflict, "split": split, **scores(sel, ment)})
    return pd.DataFrame(rows)


def markdown(tab: pd.DataFrame) -> str:
    """The table as Markdown (shares with three decimals)."""
    cols = list(tab.columns)
    lines = ["| " + " | ".join(cols) + " |", "|" + "---|" * len(cols)]
    for rec in tab.to_dict("records"):
        cells = []
        for c in cols:
            v = rec[c]
            if isinstance(v, float):
                cells.append("n/a" if v != v else f"{v:.3f}")
            else:
                cells.append(str(v))
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)


def errors(pred: pd.DataFrame, mentions: pd.DataFrame) -> str:
    """Markdown list of the dev sentences whose implied or stated victim side is wrong."""
    out = []
    dev = pred[pred["split"] == "dev"]
    for rec in dev.to_dict("records"):
        if _right(rec["implied"], rec["victim_side"]) and _right(rec["stated"], rec["victim_side"]):
            continue
        out.append(f"- **{rec['id']}** gold victim={rec['victim_side']} agent={rec['agent_side']}"
                   f" | stated={rec['stated'] or '-'} implied={rec['implied'] or '-'}"
                   f" baseline={rec['baseline'] or '-'}\n  {rec['sentence']}")
        ment = mentions[mentions["id"] == rec["id"]] if len(mentions) else mentions
        if not len(ment):
            out.append("  - (no death mention)")
        for m in ment.to_dict("records"):
            out.append(f"  - {m['verb']} [{m['trigger']}] {m['voice']}: agent '{m['agent']}'"
                       f" ({m['agent_side'] or '-'}/{m['agent_side_implied'] or '-'}),"
                       f" patient '{m['patient']}' ({m['patient_side'] or '-'}/"
                       f"{m['patient_side_implied'] or '-'}) basis={m['side_basis'] or '-'}")
    return "\n".join(out)


def main(argv=None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--root", default=str(DATA), help="folder of the set (default tests/victims)")
    ap.add_argument("--conflict", action="append", help="score only this conflict (repeatable)")
    ap.add_argument("--errors", action="store_true", help="also list the dev errors")
    ap.add_argument("--places", action="store_true",
                    help="pass the lexicons' city and region rows as a places lexicon")
    args = ap.parse_args(argv)
    df, lexicons = load(Path(args.root))
    if args.conflict:
        unknown = sorted(set(args.conflict) - set(lexicons))
        if unknown:
            ap.error(f"unknown conflict {unknown[0]!r}; the set has {', '.join(sorted(lexicons))}")
        df = df[df["conflict"].isin(args.conflict)]
    factory = None
    if args.places:
        from framing.agency import AgencyExtractor

        def factory(lex):
            if isinstance(lex, Study):  # a study's places are already a places lexicon
                return AgencyExtractor(actors=lex)
            actors, places = split_places(lex)
            return AgencyExtractor(actors=actors, places=places)
    pred, mentions = predict(df, lexicons, factory)
    print(markdown(table(pred, mentions)))
    if args.errors:
        print("\n## Dev errors\n")
        print(errors(pred, mentions))


if __name__ == "__main__":
    main()
