"""Mechanical checks of the held-out gold (run: python tests/heldout_b/validate.py).

Every agency ``context`` must occur exactly once in its article's body and contain its
``trigger`` exactly once as a whole word; no two records may point at the same trigger
offset; every attribution ``quote`` and ``speaker`` must be a substring of the body; field
values must come from the guideline vocabularies and sides from the conflict's lexicons.
Exits with status 1 and a list of problems if anything fails.
"""
from __future__ import annotations

import csv
import json
import re
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
VOICES = {"active", "passive_agent", "passive_agentless", "nominal", "intransitive"}
KINDS = {"direct", "indirect", "according_to"}
CLASSES = {"neutral", "distancing", "concessive", "endorsing", "accusatory", "directive", "warning", ""}
BASES = {"stated", "place", "contrast", "pronoun", ""}
QUOTE_OPEN = {'"': '"', "\u201c": "\u201d"}


def _bodies() -> dict:
    sys.path.insert(0, str(HERE.parents[1]))
    import framing

    c = framing.load_corpus(str(HERE / "articles"))
    return dict(zip(c["doc_id"], c["body"])), dict(zip(c["doc_id"], c["conflict"]))


def _sides(conflict: str) -> set:
    meta = json.loads((HERE / "lexicons" / f"actors_{conflict}.json").read_text(encoding="utf-8"))
    return set(meta["sides"]) | {""}


def _inside_quotes(text: str, pos: int) -> bool:
    """Is ``pos`` inside double quotation marks of its paragraph (straight or curly)?"""
    a = text.rfind("\n", 0, pos) + 1
    b = text.find("\n", pos)
    para = text[a:b if b >= 0 else len(text)]
    p = pos - a
    inside = False
    for i, ch in enumerate(para[:p]):
        if ch == '"':
            inside = not inside
        elif ch == "\u201c":
            inside = True
        elif ch == "\u201d":
            inside = False
    return inside


def check_agency(path: Path, bodies: dict, conflicts: dict) -> list[str]:
    probs, offsets = [], {}
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        r = json.loads(line)
        where = f"{path.name}:{n} ({r.get('doc_id')} {r.get('trigger')!r})"
        text = bodies.get(r["doc_id"])
        if text is None:
            probs.append(f"{where}: unknown doc_id")
            continue
        ctx, trig = r["context"], r["trigger"]
        if not 30 <= len(ctx) <= 150:
            probs.append(f"{where}: context length {len(ctx)} not in 30-150")
        k = text.count(ctx)
        if k != 1:
            probs.append(f"{where}: context occurs {k} times")
            continue
        hits = list(re.finditer(r"(?<!\w)" + re.escape(trig) + r"(?!\w)", ctx))
        if len(hits) != 1:
            probs.append(f"{where}: trigger occurs {len(hits)} times in context")
            continue
        start = text.index(ctx) + hits[0].start()
        if (r["doc_id"], start) in offsets:
            probs.append(f"{where}: same trigger offset as {offsets[(r['doc_id'], start)]}")
        offsets[(r["doc_id"], start)] = where
        if r["voice"] not in VOICES:
            probs.append(f"{where}: voice {r['voice']!r}")
        sides = _sides(conflicts[r["doc_id"]])
        for f in ("agent_side", "patient_side", "agent_side_implied", "patient_side_implied"):
            if r.get(f, "") not in sides:
                probs.append(f"{where}: {f}={r.get(f)!r} not a side of the lexicon")
        for f in ("agent_side_basis", "patient_side_basis"):
            if r.get(f, "") not in BASES:
                probs.append(f"{where}: {f}={r.get(f)!r}")
        for role in ("agent", "patient"):
            if r[f"{role}_side"] and r[f"{role}_side_implied"] != r[f"{role}_side"]:
                probs.append(f"{where}: {role}_side_implied differs from the stated side")
            if bool(r[f"{role}_side_implied"]) != bool(r[f"{role}_side_basis"]):
                probs.append(f"{where}: {role}_side_basis without implied side or vice versa")
            if r[role] and r[role] not in text:
                probs.append(f"{where}: {role} {r[role]!r} not in the text")
        if r["voice"] == "intransitive" and r["agent"]:
            probs.append(f"{where}: intransitive with an agent")
        if _inside_quotes(text, start) != bool(r["quoted"]):
            probs.append(f"{where}: quoted={r['quoted']} but the quotation-mark scan says "
                         f"{_inside_quotes(text, start)}")
    return probs


def check_attribution(path: Path, bodies: dict, conflicts: dict) -> list[str]:
    probs = []
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        r = json.loads(line)
        where = f"{path.name}:{n} ({r.get('doc_id')} {r.get('quote', '')[:30]!r})"
        text = bodies.get(r["doc_id"])
        if text is None:
            probs.append(f"{where}: unknown doc_id")
            continue
        for f in ("doc_id", "kind", "quote", "speaker", "actor", "side", "verb", "verb_class", "note"):
            if f not in r:
                probs.append(f"{where}: missing {f}")
        if r["kind"] not in KINDS:
            probs.append(f"{where}: kind {r['kind']!r}")
        if r["verb_class"] not in CLASSES:
            probs.append(f"{where}: verb_class {r['verb_class']!r}")
        if r["quote"] not in text:
            probs.append(f"{where}: quote not in text")
        if r["speaker"] and r["speaker"] not in text:
            probs.append(f"{where}: speaker {r['speaker']!r} not in text")
        if r["side"] not in _sides(conflicts[r["doc_id"]]):
            probs.append(f"{where}: side {r['side']!r} not a side of the lexicon")
        if r["kind"] == "according_to" and r["verb"] != "according to":
            probs.append(f"{where}: according_to with verb {r['verb']!r}")
        if bool(r["verb"]) != bool(r["verb_class"]):
            probs.append(f"{where}: verb and verb_class must both be set or both empty")
    return probs


def main() -> int:
    bodies, conflicts = _bodies()
    probs = []
    for name in ("agency.jsonl", "agency_extra.jsonl"):
        if (HERE / name).exists():
            probs += check_agency(HERE / name, bodies, conflicts)
    probs += check_attribution(HERE / "attribution.jsonl", bodies, conflicts)
    with open(HERE / "articles" / "metadata.csv", encoding="utf-8") as f:
        for row in csv.DictReader(f):
            if row["doc_id"] != Path(row["file"]).stem:
                probs.append(f"metadata: doc_id {row['doc_id']} is not the file stem")
    for p in probs:
        print(p)
    n_ag = sum(1 for _ in open(HERE / "agency.jsonl", encoding="utf-8"))
    n_at = sum(1 for _ in open(HERE / "attribution.jsonl", encoding="utf-8"))
    print(f"{n_ag} agency records, {n_at} attribution records, {len(probs)} problem(s)")
    return 1 if probs else 0


if __name__ == "__main__":
    sys.exit(main())
