"""The Israel-Gaza victim-side proxy set (tests/victims_gaza/) and its scoring by benchmarks/victims.py.

Integrity of the data (200 sentences scored twice, under the careful lexicon ``gaza`` and
the thin lexicon ``gaza_min``, with the same labels and the same dev/test halves), and
floors on the extractor's scores: the first run's figures (HEAD 82b1706, recorded in
tests/victims_gaza/README.md) minus :data:`MARGIN` for the ``test`` half and for ``all``,
and ceilings on the wrong-agent rates, so a rule change that makes the set worse by more
than three sentences in a hundred fails. The figures were set once, after the first run;
they are not tuned.
"""
from __future__ import annotations

import importlib.util
import json
import re
from pathlib import Path

import pytest

from framing.lexicons import Lexicon

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "tests" / "victims_gaza"

_spec = importlib.util.spec_from_file_location("victims_bench_gaza", ROOT / "benchmarks" / "victims.py")
victims = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(victims)

STYLES = {"headline", "lede", "body", "quote", "caption"}
SIDES = ["israel", "palestinians", "lebanon", "us", "international", "media", "other"]
#: Death expressions written for this test (broader than the scorer's baseline words:
#: the set uses 'buried', 'lost his wife', 'martyrs', 'toll', 'remains'...).
DEATH = re.compile(
    r"\b(kill\w*|die[sd]?|dying|dead\w*|deaths?|fatalit\w+|bod(y|ies)|murder\w*|massacr\w*|"
    r"execut\w+|slain|slaughter\w*|shot dead|gunned down|stabbed to death|remains|"
    r"casualt\w+|toll|martyrs|buri\w+|bury\w*|lost)\b", re.IGNORECASE)

#: First run (HEAD 82b1706, 7 Dec 2026), per conflict and split: stated, implied and
#: agent accuracy, and the wrong-agent rate (stated; the implied rate was the same).
FIRST = {
    ("gaza", "test"): {"stated acc": 0.380, "implied acc": 0.650, "agent acc": 0.860,
                       "wrong agent": 0.103},
    ("gaza", "all"): {"stated acc": 0.370, "implied acc": 0.685, "agent acc": 0.825,
                      "wrong agent": 0.059},
    ("gaza_min", "test"): {"stated acc": 0.270, "implied acc": 0.440, "agent acc": 0.830,
                           "wrong agent": 0.103},
    ("gaza_min", "all"): {"stated acc": 0.300, "implied acc": 0.480, "agent acc": 0.800,
                          "wrong agent": 0.059},
}
MARGIN = 0.03


@pytest.fixture(scope="module")
def data():
    return victims.load(DATA)


def test_two_lexicons_over_the_same_200_sentences(data):
    df, lexicons = data
    assert list(df.columns) == victims.COLUMNS
    assert len(df) == 400 and df["id"].is_unique
    assert df["conflict"].value_counts().to_dict() == {"gaza": 200, "gaza_min": 200}
    assert sorted(lexicons) == ["gaza", "gaza_min"]
    gaza = df[df["conflict"] == "gaza"].reset_index(drop=True)
    thin = df[df["conflict"] == "gaza_min"].reset_index(drop=True)
    assert list(gaza["id"]) == [f"gaza-{i:03d}" for i in range(1, 201)]
    assert list(thin["id"]) == [f"gaza_min-{i:03d}" for i in range(1, 201)]
    assert gaza["sentence"].is_unique
    for col in ("source_style", "sentence", "victim_side", "agent_side", "split"):
        assert list(gaza[col]) == list(thin[col]), col
    assert set(gaza["source_style"]) == STYLES


def test_lexicons_the_careful_and_the_thin(data):
    _, lexicons = data
    careful, thin = lexicons["gaza"], lexicons["gaza_min"]
    assert isinstance(careful, Lexicon) and isinstance(thin, Lexicon)
    assert careful.sides == SIDES and thin.sides == SIDES
    assert victims.contrast_of(careful) == ("israel", "palestinians")
    assert victims.contrast_of(thin) == ()
    assert "contrast" not in json.loads((DATA / "actors_gaza_min.json").read_text())
    assert len(thin.terms) == 25 and len(careful.terms) == 320
    assert not (DATA / "studies.json").exists()


def test_labels_are_sides_or_unknown_or_both(data):
    df, _ = data
    allowed = set(SIDES) | {"unknown", "both"}
    assert set(df["victim_side"]) <= allowed and set(df["agent_side"]) <= allowed
    gaza = df[df["conflict"] == "gaza"]
    assert gaza["victim_side"].value_counts().to_dict() == {
        "palestinians": 87, "israel": 64, "unknown": 15, "both": 10, "lebanon": 8,
        "international": 5, "us": 5, "other": 5, "media": 1}
    assert gaza["agent_side"].value_counts().to_dict() == {
        "unknown": 119, "israel": 49, "palestinians": 25, "both": 4, "lebanon": 2, "other": 1}


def test_every_sentence_mentions_a_death(data):
    df, _ = data
    assert [i for i, s in zip(df["id"], df["sentence"]) if not DEATH.search(s)] == []
    # 10 of the 200 sentences use only death expressions outside the baseline's word list
    gaza = df[df["conflict"] == "gaza"]
    assert sum(not victims.DEATH_RE.search(s) for s in gaza["sentence"]) == 10


def test_split_is_the_hash_half_of_the_gaza_ids(data):
    df, _ = data
    gaza = df[df["conflict"] == "gaza"]
    assert dict(zip(gaza["id"], gaza["split"])) == victims.split_of(gaza["id"])
    assert (gaza["split"] == "dev").sum() == 100
    # a gaza_min copy keeps its original's half, not split_of of its own id
    thin = df[df["conflict"] == "gaza_min"]
    own = victims.split_of(thin["id"])
    assert any(own[i] != s for i, s in zip(thin["id"], thin["split"]))


@pytest.fixture(scope="module")
def table(data):
    df, lexicons = data
    pred, mentions = victims.predict(df, lexicons)
    return victims.table(pred, mentions).set_index(["conflict", "split"])


def test_scorer_runs_with_all_rows(table):
    assert table.loc[("all", "all"), "n"] == 400
    for conflict in ("gaza", "gaza_min"):
        assert table.loc[(conflict, "dev"), "n"] == 100
        assert table.loc[(conflict, "test"), "n"] == 100


def test_baseline_is_the_first_run_exactly(table):
    # the baseline depends on the set and its lexicons only, not on the extractor
    expected = {("gaza", "test"): 0.70, ("gaza", "all"): 0.66,
                ("gaza_min", "test"): 0.47, ("gaza_min", "all"): 0.48}
    for key, acc in expected.items():
        assert table.loc[key, "baseline acc"] == pytest.approx(acc), key


@pytest.mark.parametrize("key", sorted(FIRST))
def test_scores_keep_floors(table, key):
    row, first = table.loc[key], FIRST[key]
    for col in ("stated acc", "implied acc", "agent acc"):
        assert row[col] >= first[col] - MARGIN, (key, col, row[col])
    for col in ("wrong agent", "wrong agent impl"):
        assert row[col] <= first["wrong agent"] + MARGIN, (key, col, row[col])
