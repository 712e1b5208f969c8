"""The victim-side development set (tests/victims/) and its scorer (benchmarks/victims.py).

Integrity of the data and exact figures of the scorer on hand-made input; no floors on
the extractor's scores (the rules change, the numbers are reported by the benchmark).
"""
from __future__ import annotations

import importlib.util
import re
from pathlib import Path

import pandas as pd
import pytest

from framing.agency import AGENCY_COLUMNS
from framing.lexicons import load_lexicon

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "tests" / "victims"

_spec = importlib.util.spec_from_file_location("victims_bench", ROOT / "benchmarks" / "victims.py")
victims = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(victims)

#: Death words written for this test (independent of the scorer's baseline regex).
DEATH = re.compile(
    r"\b(kill\w*|die[sd]?|dying|dead\w*|deaths?|fatalit\w+|bod(y|ies)|murder\w*|massacre\w*|"
    r"execut\w+|slain|shot dead|gunned down|behead\w*)\b", re.IGNORECASE)

STYLES = {"headline", "lede", "body", "quote", "caption"}


@pytest.fixture(scope="module")
def data():
    df = pd.read_csv(DATA / "sentences.csv", dtype=str, keep_default_na=False)
    lexicons = {c: load_lexicon(DATA / f"actors_{c}.csv") for c in sorted(df["conflict"].unique())}
    return df, lexicons


def test_columns_and_ids(data):
    df, _ = data
    assert list(df.columns) == victims.COLUMNS
    assert df["id"].is_unique
    assert df["sentence"].is_unique
    assert (df["sentence"].str.strip() != "").all()
    assert set(df["source_style"]) <= STYLES


def test_three_conflicts_of_about_100(data):
    df, _ = data
    counts = df["conflict"].value_counts()
    assert len(counts) == 3
    assert counts.between(90, 110).all()
    assert len(df) >= 290


def test_lexicons_load_as_actors_with_a_contrast(data):
    _, lexicons = data
    for name, lex in lexicons.items():
        assert lex.role == "actors", name
        pair = victims.contrast_of(lex)
        assert len(pair) == 2 and set(pair) <= set(lex.sides), name
        # every side of the contrast has a demonym, armed forces, a country or region,
        # and cities
        terms = lex.terms
        for side in pair:
            cats = set(terms.loc[terms["side"] == side, "category"])
            assert {"demonym", "military", "city"} <= cats, (name, side)
            assert cats & {"country", "region"}, (name, side)


def test_labels_are_sides_or_unknown_or_both(data):
    df, lexicons = data
    for rec in df.to_dict("records"):
        allowed = set(lexicons[rec["conflict"]].sides) | {"unknown", "both"}
        assert rec["victim_side"] in allowed, rec["id"]
        assert rec["agent_side"] in allowed, rec["id"]
    # a realistic mix: both contrast sides are victims in every conflict, some unknown/both
    for conflict, part in df.groupby("conflict"):
        pair = victims.contrast_of(lexicons[conflict])
        counts = part["victim_side"].value_counts()
        assert all(counts.get(s, 0) >= 10 for s in pair), conflict
        assert counts.get("unknown", 0) >= 2 and counts.get("both", 0) >= 2, conflict


def test_every_sentence_mentions_a_death(data):
    df, _ = data
    missing = [i for i, s in zip(df["id"], df["sentence"]) if not DEATH.search(s)]
    assert missing == []
    missing = [i for i, s in zip(df["id"], df["sentence"]) if not victims.DEATH_RE.search(s)]
    assert missing == []


def test_split_is_the_fixed_hash_half(data):
    df, _ = data
    for conflict, part in df.groupby("conflict"):
        expected = victims.split_of(part["id"])
        assert dict(zip(part["id"], part["split"])) == expected
        assert (part["split"] == "dev").sum() == len(part) // 2


def test_split_of_is_by_hash_not_order():
    a = victims.split_of(["x-1", "x-2", "x-3", "x-4"])
    b = victims.split_of(["x-4", "x-3", "x-2", "x-1"])
    assert a == b
    assert sorted(a.values()) == ["dev", "dev", "test", "test"]


# ---------------------------------------------------------------- the scorer on toy input
TOY_LEXICON = """term,category,side,canonical,weight,case_sensitive,note
Alpha troops,military,alpha,Alpha army,,,
Alpha,demonym,alpha,Alpha,,,
Beta,demonym,beta,Beta,,,
Betaville,city,beta,Betaville,,,
"""
TOY_META = ('{"name": "actors_toy", "role": "actors", "contrast": ["alpha", "beta"],'
            ' "sides": {"alpha": "", "beta": "", "other": ""},'
            ' "categories": {"military": "", "demonym": "", "city": ""}}')
TOY = [  # id, sentence, victim_side, agent_side
    ("toy-1", "Alpha troops killed three Beta civilians.", "beta", "alpha"),
    ("toy-2", "Two people were killed in Betaville.", "beta", "unknown"),
    ("toy-3", "Rescuers found two bodies.", "unknown", "unknown"),
    ("toy-4", "Shelling killed two Alpha soldiers, and three Beta soldiers died.", "both", "both"),
    ("toy-5", "Alpha killed Beta.", "beta", "alpha"),
]
# baseline by hand: toy-1 nearest to "killed" is "Alpha troops" (gap 1; "Beta" gap 7) ->
# alpha (wrong); toy-2 Betaville -> beta (right); toy-3 no actor -> none, label unknown
# (right); toy-4 "killed" -> Alpha (gap 5; Beta gap 31), "died" -> Beta (gap 10) vs
# Alpha (gap 35) -> beta, so both (right); toy-5 tie (gap 1 each side) -> the left one,
# alpha (wrong). Accuracy 3/5, coverage 4/5, precision 2/4.
TOY_BASELINE = {"toy-1": "alpha", "toy-2": "beta", "toy-3": "", "toy-4": "both", "toy-5": "alpha"}


@pytest.fixture()
def toy_root(tmp_path):
    (tmp_path / "actors_toy.csv").write_text(TOY_LEXICON, encoding="utf-8")
    (tmp_path / "actors_toy.json").write_text(TOY_META, encoding="utf-8")
    split = victims.split_of([t[0] for t in TOY])
    df = pd.DataFrame([{"id": i, "conflict": "toy", "source_style": "body", "sentence": s,
                        "victim_side": v, "agent_side": a, "split": split[i]}
                       for i, s, v, a in TOY], columns=victims.COLUMNS)
    df.to_csv(tmp_path / "sentences.csv", index=False)
    return tmp_path


def test_baseline_by_hand(toy_root):
    df, lexicons = victims.load(toy_root)
    lex = lexicons["toy"]
    got = {i: victims.baseline_side(s, lex, ("alpha", "beta"))
           for i, s in zip(df["id"], df["sentence"])}
    assert got == TOY_BASELINE


def _row(verb, voice, start, agent_side="", patient_side="", agent_impl=None, patient_impl=None):
    rec = dict.fromkeys(AGENCY_COLUMNS, "")
    rec.update(verb=verb, trigger=verb, voice=voice, start=start, end=start + 4, sent_id=0,
               quoted=False, agent_side=agent_side, patient_side=patient_side,
               agent_side_implied=agent_side if agent_impl is None else agent_impl,
               patient_side_implied=patient_side if patient_impl is None else patient_impl)
    return rec


FAKE_ROWS = {
    "toy-1": [_row("kill", "active", 13, "alpha", "beta")],
    "toy-2": [_row("kill", "passive_agentless", 16, patient_impl="beta")],
    "toy-3": [_row("die", "nominal", 20)],
    # listed out of order: the scorer sorts by start
    "toy-4": [_row("die", "intransitive", 60, patient_side="beta"),
              _row("kill", "active", 9, "beta", "alpha")],
    "toy-5": [_row("attack", "active", 0, "alpha", "alpha"),
              _row("kill", "active", 6, "beta", "")],
}


class _FakeExtractor:
    def extract(self, text, doc_id=""):
        return pd.DataFrame(FAKE_ROWS[doc_id], columns=AGENCY_COLUMNS)


def test_scores_by_hand_with_a_fake_extractor(toy_root):
    df, lexicons = victims.load(toy_root)
    pred, mentions = victims.predict(df, lexicons, lambda lex: _FakeExtractor())
    assert dict(zip(pred["id"], pred["stated"])) == {
        "toy-1": "beta", "toy-2": "", "toy-3": "", "toy-4": "both", "toy-5": ""}
    assert dict(zip(pred["id"], pred["implied"])) == {
        "toy-1": "beta", "toy-2": "beta", "toy-3": "", "toy-4": "both", "toy-5": ""}
    assert dict(zip(pred["id"], pred["baseline"])) == TOY_BASELINE
    assert "attack" not in set(mentions["verb"])
    s = victims.scores(pred, mentions)
    assert s["n"] == 5
    assert s["stated acc"] == pytest.approx(3 / 5)
    assert s["stated cov"] == pytest.approx(2 / 5)
    assert s["stated prec"] == pytest.approx(1.0)
    assert s["implied acc"] == pytest.approx(4 / 5)
    assert s["implied cov"] == pytest.approx(3 / 5)
    assert s["implied prec"] == pytest.approx(1.0)
    assert s["baseline acc"] == pytest.approx(3 / 5)
    assert s["baseline cov"] == pytest.approx(4 / 5)
    assert s["baseline prec"] == pytest.approx(2 / 4)
    # active kills in one-side sentences: toy-1 (agent alpha, victim beta) and toy-5
    # (agent beta = victim beta: wrong); toy-4 is labelled both and left out
    assert s["active kills"] == 2
    assert s["wrong agent"] == pytest.approx(1 / 2)
    assert s["wrong agent impl"] == pytest.approx(1 / 2)
    # agent: toy-1 alpha right, toy-2/3 none with unknown right, toy-4 beta (gold both)
    # wrong, toy-5 beta (gold alpha) wrong
    assert s["agent acc"] == pytest.approx(3 / 5)


def test_cli_runs_on_toy_input_and_reports_the_baseline(toy_root, capsys):
    victims.main(["--root", str(toy_root), "--errors"])
    out = capsys.readouterr().out
    lines = [x for x in out.splitlines() if x.startswith("| toy | all |")]
    assert len(lines) == 1
    header = [c.strip() for c in out.splitlines()[0].strip("|").split("|")]
    cells = [c.strip() for c in lines[0].strip("|").split("|")]
    row = dict(zip(header, cells))
    assert row["n"] == "5"
    assert row["baseline acc"] == "0.600"
    assert row["baseline cov"] == "0.800"
    assert row["baseline prec"] == "0.500"
    # the error list names dev ids only
    listed = set(re.findall(r"\*\*(toy-\d)\*\*", out))
    dev = {i for i, s in victims.split_of([t[0] for t in TOY]).items() if s == "dev"}
    assert listed <= dev


def test_cli_rejects_an_unknown_conflict(toy_root):
    with pytest.raises(SystemExit) as exc:
        victims.main(["--root", str(toy_root), "--conflict", "nowhere"])
    assert exc.value.code == 2


def test_places_option_moves_city_rows(toy_root):
    _, lexicons = victims.load(toy_root)
    actors, places = victims.split_places(lexicons["toy"])
    assert set(places.terms["term"]) == {"Betaville"}
    assert places.role == "places"
    assert "Betaville" not in set(actors.terms["term"]) and len(actors.terms) == 3
