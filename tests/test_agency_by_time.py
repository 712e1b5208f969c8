"""'by' before a time expression is not an agent: "killed by Oct. 31", "by mid-October"
(sentences written for this test; no study's terms)."""
from __future__ import annotations

import pytest

from framing.agency import AgencyExtractor


@pytest.fixture(scope="module")
def ext():
    return AgencyExtractor()


@pytest.mark.parametrize("sentence,voice,agent,patient", [
    ("The ministry said 812 people had been killed in the province by Oct. 31.",
     "passive_agentless", "", "812 people"),
    ("Ten villagers were killed by Sept 9, the monitor said.", "passive_agentless", "",
     "Ten villagers"),
    ("Five were killed by mid-October.", "passive_agentless", "", "Five"),
    ("Two were killed by early Tuesday.", "passive_agentless", "", "Two"),
    # negatives: an agent that merely begins like a date word stays the agent
    ("Three villagers were killed by late-arriving militiamen.", "passive_agent",
     "late-arriving militiamen", "Three villagers"),
    ("Four farmers were killed by Jan Kowalski.", "passive_agent", "Jan Kowalski",
     "Four farmers"),
])
def test_by_time_is_not_an_agent(ext, sentence, voice, agent, patient):
    df = ext.extract(sentence)
    assert df[["verb", "voice", "agent", "patient"]].values.tolist() == [
        ["kill", voice, agent, patient]]
