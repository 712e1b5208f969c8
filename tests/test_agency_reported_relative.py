"""A relative clause with a reporting clause inside it: "an X airstrike that officials said
killed 15 people" (the act noun's agent is the agent, as without "officials said"); sentences
written for this test about an invented conflict."""
from __future__ import annotations

import json

import pytest

from framing.agency import AgencyExtractor


@pytest.fixture(scope="module")
def ext(tmp_path_factory):
    d = tmp_path_factory.mktemp("lex")
    (d / "actors.csv").write_text(
        "term,category,side\nNorlandic,demonym,north\nSudrian,demonym,south\n"
        "Sudrian militia,armed group,south\n", encoding="utf-8")
    (d / "actors.json").write_text(json.dumps({
        "name": "actors", "role": "actors", "contrast": ["north", "south"]}),
        encoding="utf-8")
    return AgencyExtractor(actors=str(d / "actors.csv"))


@pytest.mark.parametrize("sentence,agent,side,patient", [
    ("Smoke rose after a Norlandic airstrike that officials said killed 15 people.",
     "Norlandic", "north", "15 people"),
    ("It was a Norlandic drone strike that witnesses say killed nine farmers.",
     "Norlandic", "north", "nine farmers"),
    ("Norlandic strikes, which the ministry said killed 300 people, went on overnight.",
     "Norlandic", "north", "300 people"),
    ("The Sudrian militia, which they said killed 40 villagers, withdrew.",
     "The Sudrian militia", "south", "40 villagers"),
])
def test_reported_relative(ext, sentence, agent, side, patient):
    df = ext.extract(sentence)
    kill = df[df["verb"] == "kill"]
    assert kill[["voice", "agent", "agent_side", "patient"]].values.tolist() == [
        ["active", agent, side, patient]]
    # the party is the agent, not the source of a report: its contrast side is the victims'
    assert kill["patient_side_implied"].tolist() == [{"north": "south", "south": "north"}[side]]


def test_reporting_clause_without_relative_is_unchanged(ext):
    df = ext.extract("Officials said Norlandic strikes killed 300 people.")
    kill = df[df["verb"] == "kill"]
    assert kill[["agent", "agent_side", "patient_side_implied"]].values.tolist() == [
        ["Norlandic strikes", "north", "south"]]
    # and the act noun's agent is the agent without a reporting clause too
    df = ext.extract("Smoke rose after a Norlandic airstrike that killed 15 people.")
    assert df[df["verb"] == "kill"]["agent"].tolist() == ["Norlandic"]
