"""The implied side of the dead from the institution of one party that reports them
(side_basis 'source'), on sentences written for this test about an invented conflict."""
from __future__ import annotations

import json

import pytest

from framing.agency import SIDE_BASES, AgencyExtractor


@pytest.fixture(scope="module")
def ext(tmp_path_factory):
    d = tmp_path_factory.mktemp("lex")
    (d / "actors.csv").write_text(
        "term,category,side\n"
        "Norland,country,north\nNorlandic,demonym,north\nNorlanders,demonym,north\n"
        "Sudria,country,south\nSudrian,demonym,south\nSudrians,demonym,south\n"
        "Port Vell,capital,north\nValdor,capital,south\n"
        "Red Crescent,organisation,international\n", encoding="utf-8")
    (d / "actors.json").write_text(json.dumps({
        "name": "actors", "role": "actors", "contrast": ["north", "south"]}),
        encoding="utf-8")
    return AgencyExtractor(actors=str(d / "actors.csv"))


def _rows(ext, sentence):
    df = ext.extract(sentence)
    return df[["verb", "patient", "patient_side", "patient_side_implied",
               "side_basis"]].values.tolist()


def test_source_is_a_basis():
    assert "source" in SIDE_BASES


@pytest.mark.parametrize("sentence,expected", [
    # a party's ministry, officials or army counting dead that nothing else places
    ("The Sudrian health ministry said 214 people had been killed since Monday.",
     [["kill", "214 people", "", "south", "source"]]),
    ("Norlandic officials reported 40 deaths overnight.",
     [["die", "", "", "north", "source"]]),
    ("At least 12 people were killed, according to the Norlandic army.",
     [["kill", "At least 12 people", "", "north", "source"]]),
    ("Nine civilians died on Friday, a Sudrian police spokesman said.",
     [["die", "Nine civilians", "", "south", "source"]]),
])
def test_dead_counted_by_one_party(ext, sentence, expected):
    assert _rows(ext, sentence) == expected


@pytest.mark.parametrize("sentence", [
    # a country or capital speaking, not an institution counting its own dead
    "Valdor says 64 people were killed.",
    # the other side's combatants, or no one
    "The Norlandic army said dozens of attackers had been killed.",
    "Sudrian officials said nobody had been killed.",
    # sources of both parties: no single one
    "Norlandic and Sudrian officials said 30 people had been killed.",
    # a non-party source
    "The Red Crescent said 30 people had been killed.",
])
def test_no_source_side(ext, sentence):
    rows = _rows(ext, sentence)
    assert rows and all(r[4] != "source" for r in rows), rows
    assert all(r[3] == "" for r in rows if r[0] in ("kill", "die")), rows


def test_party_in_a_relative_antecedent_is_not_a_source(ext):
    # the party is the agent of the relative clause, not the source of the report: the
    # dead take the other side by the contrast, not the party's by the source
    assert _rows(ext, "Smoke rose after a Norlandic airstrike that officials said killed "
                      "15 people.") == [["strike", "", "", "south", "contrast"],
                                        ["kill", "15 people", "", "south", "contrast"]]


def test_other_bases_come_first(ext):
    # a place of the sentence gives the side before the source does
    assert _rows(ext, "Sudrian officials said 20 people were killed in Port Vell.") == [
        ["kill", "20 people", "", "north", "place"]]
    # a stated side is kept (the basis is then the agent's, from the contrast)
    assert _rows(ext, "Sudrian officials said 20 Norlandic soldiers were killed.") == [
        ["kill", "20 Norlandic soldiers", "north", "north", "contrast"]]
