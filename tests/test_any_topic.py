"""Any topic: a climate-policy study written as lexicon files, analysed end to end.

The lexicons are written here (no shipped lexicon of the Caucasus study may leak into any
table, figure or report section), the corpus is crafted sentence by sentence with the
hits each sentence should give, and the run goes through ``framing analyze --lexicon``
and through ``framing.analyze(...)``.
"""
from __future__ import annotations

import json
import re
from collections import Counter
from pathlib import Path

import pandas as pd
import pytest

import framing
from framing.cli import main

# --------------------------------------------------------------------------------------
# lexicons of the study (roles declared in their JSON metadata)
# --------------------------------------------------------------------------------------
LEXICONS = {
    "climate_framing": ("naming", "Names for the climate problem and its policies", [
        ("climate crisis", "problem", "activist"),
        ("climate emergency", "problem", "activist"),
        ("climate change", "problem", "neutral"),
        ("global warming", "problem", "neutral"),
        ("carbon tax", "policy", "industry"),
        ("carbon price", "policy", "activist"),
    ]),
    "climate_loaded": ("loaded", "Loaded words of the climate debate", [
        ("climate denier*", "stigma", "activist"),
        ("alarmist*", "stigma", "industry"),
        ("job-killing", "stigma", "industry"),
        ("polluter*", "stigma", "activist"),
    ]),
    "climate_actors": ("actors", None, [
        ("Greenpeace", "organization", "activist"),
        ("Sierra Club", "organization", "activist"),
        ("Greta Thunberg", "person", "activist"),
        ("Thunberg", "person", "activist"),
        ("American Petroleum Institute", "organization", "industry"),
        ("ExxonMobil", "company", "industry"),
        ("Exxon", "company", "industry"),
    ]),
}
SIDES = {"activist", "industry", "neutral"}

# --------------------------------------------------------------------------------------
# the corpus: each sentence with the hits it must give, (lexicon, side, voice) -> n
# --------------------------------------------------------------------------------------
F, L = "climate_framing", "climate_loaded"
_S = {
    "crisis_own": ("The climate crisis dominated the summit on Monday.", {(F, "activist", "own"): 1}),
    "change_own": ("Delegates discussed climate change for a third day.", {(F, "neutral", "own"): 1}),
    "warming_own": ("Global warming was on the agenda again.", {(F, "neutral", "own"): 1}),
    "tax_own": ("The carbon tax would raise fuel prices, critics said.", {(F, "industry", "own"): 1}),
    "price_own": ("A carbon price would cut emissions quickly.", {(F, "activist", "own"): 1}),
    "emergency_own": ("Scientists describe a climate emergency.", {(F, "activist", "own"): 1}),
    "gp_quote": ('"This is a climate emergency," Greenpeace said.', {(F, "activist", "quoted"): 1}),
    "api_quote": ('"A carbon tax is job-killing," the American Petroleum Institute said.',
                  {(F, "industry", "quoted"): 1, (L, "industry", "quoted"): 1}),
    "api_indirect": ("The American Petroleum Institute said that the plan would hurt drivers.", {}),
    "greta_quote": ('Greta Thunberg said: "Polluters must pay."', {(L, "activist", "quoted"): 1}),
    "alarmist_own": ("Alarmist forecasts have not come true.", {(L, "industry", "own"): 1}),
    "denier_own": ("A prominent climate denier spoke at the event.", {(L, "activist", "own"): 1}),
    "attack": ("Security guards hired by ExxonMobil attacked Greenpeace activists at the gate.", {}),
    "neutral": ("The meeting ended without an agreement on the final text.", {}),
    "near_miss": ("The changes to the climate of the talks were subtle, and the price of carbon "
                  "fibre rose.", {}),
}
DOCS = [
    ("g1", "Green Daily", ["crisis_own", "gp_quote", "price_own", "denier_own"]),
    ("g2", "Green Daily", ["emergency_own", "greta_quote", "attack", "neutral"]),
    ("g3", "Green Daily", ["crisis_own", "crisis_own", "near_miss"]),
    ("g4", "Green Daily", ["price_own", "api_indirect", "gp_quote"]),
    ("e1", "Energy Times", ["tax_own", "api_quote", "alarmist_own"]),
    ("e2", "Energy Times", ["change_own", "tax_own", "api_indirect"]),
    ("e3", "Energy Times", ["alarmist_own", "warming_own", "neutral"]),
    ("e4", "Energy Times", ["api_quote", "attack", "near_miss"]),
    ("w1", "Wire Service", ["change_own", "gp_quote", "api_indirect"]),
    ("w2", "Wire Service", ["warming_own", "api_quote", "neutral"]),
    ("w3", "Wire Service", ["change_own", "attack"]),
    ("w4", "Wire Service", ["crisis_own", "tax_own", "greta_quote"]),
]


def _expected() -> Counter:
    """(outlet, lexicon, side, voice) -> number of hits, from the sentences' annotations."""
    out: Counter = Counter()
    for _doc, outlet, keys in DOCS:
        for k in keys:
            for (lex, side, voice), n in _S[k][1].items():
                out[(outlet, lex, side, voice)] += n
    return out


def _write_study(folder: Path) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for name, (role, title, rows) in LEXICONS.items():
        p = folder / f"{name}.csv"
        pd.DataFrame(rows, columns=["term", "category", "side"]).to_csv(p, index=False)
        meta = {"name": name, "role": role, "description": f"climate study: {role}",
                "sides": {s: "" for s in sorted(SIDES)}}
        if title:
            meta["title"] = title
        (folder / f"{name}.json").write_text(json.dumps(meta), encoding="utf-8")
        paths.append(p)
    return paths


def _corpus_csv(path: Path) -> Path:
    rows = [(d, o, "2025-11-1" + str(i % 3), " ".join(_S[k][0] for k in keys))
            for i, (d, o, keys) in enumerate(DOCS)]
    pd.DataFrame(rows, columns=["doc_id", "outlet", "date", "text"]).to_csv(path, index=False)
    return path


#: Strings of the shipped Caucasus study that must not appear in this study's outputs.
_FOREIGN = re.compile(r"armenia|azerbaijan|karabakh|artsakh|turkey|caucasus|aliyev|pashinyan",
                      re.IGNORECASE)


@pytest.fixture(scope="module")
def cli_run(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("climate")
    lex = _write_study(tmp / "lexicons")
    corpus = _corpus_csv(tmp / "climate.csv")
    out = tmp / "out"
    argv = ["analyze", str(corpus), "--out", str(out), "--quiet"]
    for p in lex:
        argv += ["--lexicon", str(p)]
    assert main(argv) == 0
    return out


def test_cli_outputs_use_only_the_studys_lexicons(cli_run):
    hits = pd.read_csv(cli_run / "hits.csv", keep_default_na=False)
    assert set(hits["lexicon"]) == set(LEXICONS)
    assert set(hits["side"]) - {""} <= SIDES
    for p in sorted(cli_run.rglob("*")):
        if p.suffix in (".csv", ".html", ".json"):
            text = p.read_text(encoding="utf-8")
            m = _FOREIGN.search(text)
            assert m is None, f"{p.name} mentions {m.group(0)!r}"


def test_cli_naming_and_loaded_counts_are_exact(cli_run):
    hits = pd.read_csv(cli_run / "hits.csv", keep_default_na=False)
    docs = pd.read_csv(cli_run / "documents.csv", keep_default_na=False)
    h = hits.merge(docs[["doc_id", "outlet"]], on="doc_id")
    h = h[h["lexicon"].isin([F, L])]
    got = Counter(zip(h["outlet"], h["lexicon"], h["side"], h["voice"]))
    assert got == _expected()


def test_cli_stage_sides_come_from_the_studys_actors(cli_run):
    att = pd.read_csv(cli_run / "attributions.csv", keep_default_na=False)
    docs = pd.read_csv(cli_run / "documents.csv", keep_default_na=False)
    att = att.merge(docs[["doc_id", "outlet"]], on="doc_id")
    by_speaker = Counter(zip(att["actor"], att["side"]))
    # Greenpeace quoted 3 times (g1, g4, w1), the API 3 quotes (e1, e4, w2) and 3 indirect
    # (g4, e2, w1), Thunberg twice (g2, w4)
    assert by_speaker[("Greenpeace", "activist")] == 3
    assert by_speaker[("American Petroleum Institute", "industry")] == 6
    assert by_speaker[("Greta Thunberg", "activist")] == 2
    assert set(att["side"]) <= SIDES | {""}
    ag = pd.read_csv(cli_run / "agency.csv", keep_default_na=False)
    attacks = ag[ag["verb"] == "attack"]
    assert len(attacks) == 3
    assert set(attacks["agent_side"]) == {"industry"}
    assert set(attacks["patient_side"]) == {"activist"}
    tone = pd.read_csv(cli_run / "tone_sides.csv", keep_default_na=False)
    assert set(tone["side"]) == {"activist", "industry"}


def test_cli_report_sections_and_figures(cli_run):
    html = (cli_run / "report.html").read_text(encoding="utf-8")
    assert "Names for the climate problem and its policies" in html  # naming, from its title
    assert "Loaded words of the climate debate" in html             # loaded, from its title
    assert "no naming terms found" not in html and "no loaded terms found" not in html
    figs = {p.stem for p in (cli_run / "figures").glob("*.png")}
    assert {"naming_by_outlet", "loaded_terms_by_outlet", "source_balance", "agency_by_side",
            "tone_toward_sides"} <= figs
    # notes about the general lexicons the study reused
    assert "general English" in html
    # readable labels instead of raw feature ids in the numbers tables
    assert "climate_framing:activist@own" not in html
    assert "Activist (own words)" in html


def test_api_gives_the_same_tables_as_the_cli(cli_run, tmp_path):
    paths = _write_study(tmp_path / "lex")
    corpus = framing.load_corpus(_corpus_csv(tmp_path / "c.csv"))
    a = framing.analyze(corpus, lexicons=[str(p) for p in paths])
    assert a.study.names("naming") == [F] and a.study.names("actors") == ["climate_actors"]
    cli_hits = pd.read_csv(cli_run / "hits.csv", keep_default_na=False,
                           dtype={"sent_id": int, "start": int, "end": int})
    api = a.hits.reset_index(drop=True)
    cols = ["doc_id", "start", "end", "lexicon", "side", "voice"]
    assert api[cols].astype(str).values.tolist() == cli_hits[cols].astype(str).values.tolist()
    comp = framing.compare_outlets(a, n_boot=50)
    assert not any(_FOREIGN.search(f) for f in comp["feature"])
    # agency sides from the study's actors through the API as well
    assert set(a.agency.loc[a.agency["verb"] == "attack", "agent_side"]) == {"industry"}


def test_a_study_folder_with_contrast(tmp_path):
    d = tmp_path / "climate"
    _write_study(d)
    (d / "study.json").write_text(json.dumps({
        "name": "climate", "title": "Climate policy coverage",
        "sides": {"activist": {"label": "Climate activists", "color": "#009E73"},
                  "industry": {"label": "Fossil-fuel industry", "color": "#D55E00"},
                  "neutral": {"label": "Neutral usage", "color": "#999999"}},
        "contrast": ["activist", "industry"],
        "uses": ["reporting_verbs", "violence"]}), encoding="utf-8")
    corpus = framing.load_corpus(_corpus_csv(tmp_path / "c.csv"))
    a = framing.analyze(corpus, study=d, stages="none")
    assert a.study.notes == []
    comp = framing.compare_outlets(a, n_boot=50)
    stance = comp[comp["feature"].str.startswith("stance:")]
    assert set(stance["feature"]) == {"stance:activist-industry"}
    # Energy Times uses more industry vocabulary of its own than activist vocabulary
    e = stance.set_index("outlet")["value"]
    assert e["Energy Times"] < 0 < e["Green Daily"]
    assert a.study.feature_label("climate_framing:industry@own") == \
        "Names for the climate problem and its policies: Fossil-fuel industry (own words)"
