"""The victim-side evaluation set B (tests/victims_b/) and its scoring by benchmarks/victims.py.

Integrity of the data (300 sentences, labels that are sides of the conflict's lexicon or
study), the scorer's ``studies.json`` route to a shipped study, and loose floors on the
extractor's scores: the first run's figures (recorded in tests/victims_b/README.md) minus
0.05, so a rule change that makes the set clearly worse fails. The floors were set once,
after the first run; they are not tuned.
"""
from __future__ import annotations

import importlib.util
import json
import re
from pathlib import Path

import pandas as pd
import pytest

from framing.lexicons import Lexicon
from framing.studies import Study

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "tests" / "victims_b"

_spec = importlib.util.spec_from_file_location("victims_bench_b", ROOT / "benchmarks" / "victims.py")
victims = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(victims)

STYLES = {"headline", "lede", "body", "quote", "caption"}
CONTRASTS = {"sudan": ("saf", "rsf"), "myanmar": ("junta", "resistance"),
             "caucasus": ("armenia", "azerbaijan")}
#: Death expressions written for this test (broader than the scorer's baseline words:
#: the set uses 'perished', 'lost their lives', 'lost 14 soldiers'...).
DEATH = re.compile(
    r"\b(kill\w*|die[sd]?|dying|dead\w*|deaths?|fatalit\w+|bod(y|ies)|murder\w*|massacr\w*|"
    r"execut\w+|slain|slaughter\w*|shot dead|gunned down|behead\w*|perish\w*|lives|remains|"
    r"assassinat\w+|casualt\w+|toll|burned to death|martyrs|lost\b.*\b(fighters|soldiers))\b",
    re.IGNORECASE)

#: First run (commit 695e959 data, 7 Dec 2026): implied-side and agent accuracy, all rows.
FIRST_IMPLIED = {"caucasus": 0.700, "myanmar": 0.550, "sudan": 0.680, "all": 0.643}
FIRST_AGENT = {"caucasus": 0.700, "myanmar": 0.690, "sudan": 0.720, "all": 0.703}
SLACK = 0.05


@pytest.fixture(scope="module")
def data():
    return victims.load(DATA)


def test_three_conflicts_of_100(data):
    df, lexicons = data
    assert list(df.columns) == victims.COLUMNS
    assert len(df) == 300
    assert df["conflict"].value_counts().to_dict() == {"sudan": 100, "myanmar": 100,
                                                       "caucasus": 100}
    assert df["id"].is_unique and df["sentence"].is_unique
    assert set(df["source_style"]) == STYLES
    assert sorted(lexicons) == ["caucasus", "myanmar", "sudan"]


def test_lexicons_and_the_shipped_study(data):
    _, lexicons = data
    assert isinstance(lexicons["sudan"], Lexicon) and isinstance(lexicons["myanmar"], Lexicon)
    assert isinstance(lexicons["caucasus"], Study)
    assert lexicons["caucasus"].name == "caucasus"
    assert json.loads((DATA / "studies.json").read_text()) == {"caucasus": "caucasus"}
    assert not (DATA / "actors_caucasus.csv").exists()
    for conflict, lex in lexicons.items():
        assert victims.contrast_of(lex) == CONTRASTS[conflict]


def test_labels_are_sides_or_unknown_or_both(data):
    df, lexicons = data
    bad = []
    for rec in df.to_dict("records"):
        allowed = set(victims.sides_of(lexicons[rec["conflict"]])) | {"unknown", "both"}
        if rec["victim_side"] not in allowed or rec["agent_side"] not in allowed:
            bad.append(rec["id"])
    assert bad == []
    for conflict, part in df.groupby("conflict"):
        counts = part["victim_side"].value_counts()
        assert all(counts.get(s, 0) >= 25 for s in CONTRASTS[conflict]), conflict
        assert counts.get("unknown", 0) >= 10 and counts.get("both", 0) >= 4, conflict
        agents = part["agent_side"].value_counts()
        assert all(agents.get(s, 0) >= 15 for s in CONTRASTS[conflict]), conflict


def test_every_sentence_mentions_a_death(data):
    df, _ = data
    assert [i for i, s in zip(df["id"], df["sentence"]) if not DEATH.search(s)] == []
    # 13 sentences use only death expressions outside the baseline's word list
    assert sum(not victims.DEATH_RE.search(s) for s in df["sentence"]) == 13


def test_split_is_the_fixed_hash_half(data):
    df, _ = data
    for _, part in df.groupby("conflict"):
        assert dict(zip(part["id"], part["split"])) == victims.split_of(part["id"])
        assert (part["split"] == "dev").sum() == 50


def test_baseline_matches_a_study_places_lexicon(data):
    _, lexicons = data
    study = lexicons["caucasus"]
    pair = victims.contrast_of(study)
    # Jermuk and Ganja are only in the study's places lexicon: each death word takes the
    # nearest one ('died' -> Jermuk, gap 4; 'killed' -> Ganja, gap 4 against 14)
    assert victims.baseline_side("Two people were killed in Jermuk.", study, pair) == "armenia"
    assert victims.baseline_side("Two people died in Jermuk and two were killed in Ganja.",
                                 study, pair) == "both"
    # Baku (actors lexicon, azerbaijan) is nearer to 'killed' than Jermuk
    assert victims.baseline_side("Jermuk mourned as Baku killed two.", study, pair) == "azerbaijan"
    assert victims.baseline_side("Rescuers found two bodies.", study, pair) == ""


def test_load_needs_a_lexicon_or_a_study(tmp_path):
    pd.DataFrame([{"id": "x-1", "conflict": "caucasus", "source_style": "body",
                   "sentence": "Two people were killed in Jermuk.", "victim_side": "armenia",
                   "agent_side": "unknown", "split": "dev"}],
                 columns=victims.COLUMNS).to_csv(tmp_path / "sentences.csv", index=False)
    with pytest.raises(FileNotFoundError, match="caucasus"):
        victims.load(tmp_path)
    (tmp_path / "studies.json").write_text('{"caucasus": "caucasus"}', encoding="utf-8")
    _, lexicons = victims.load(tmp_path)
    assert isinstance(lexicons["caucasus"], Study)


@pytest.fixture(scope="module")
def table(data):
    df, lexicons = data
    pred, mentions = victims.predict(df, lexicons)
    return victims.table(pred, mentions).set_index(["conflict", "split"])


def test_scorer_runs_with_all_rows(table):
    assert table.loc[("all", "all"), "n"] == 300
    for conflict in ("caucasus", "myanmar", "sudan"):
        assert table.loc[(conflict, "dev"), "n"] == 50
        assert table.loc[(conflict, "test"), "n"] == 50


def test_baseline_is_the_first_run_exactly(table):
    # the baseline depends on the set and its lexicons only, not on the extractor
    assert table.loc[("sudan", "all"), "baseline acc"] == pytest.approx(0.57)
    assert table.loc[("myanmar", "all"), "baseline acc"] == pytest.approx(0.47)


@pytest.mark.parametrize("conflict", ["caucasus", "myanmar", "sudan", "all"])
def test_scores_keep_loose_floors(table, conflict):
    row = table.loc[(conflict, "all")]
    assert row["implied acc"] >= FIRST_IMPLIED[conflict] - SLACK
    assert row["agent acc"] >= FIRST_AGENT[conflict] - SLACK
