"""'shot' after people is the verb before its object preposition or an object pronoun
("soldiers shot at protesters", "gunmen shot him") or a coordinated act verb ("shot and
killed"), not the noun of "a shot at"; the
phrasal "shot dead" takes its direct object as the patient (sentences written for this
test)."""
from __future__ import annotations

import pytest

from framing.agency import AgencyExtractor


@pytest.fixture(scope="module")
def ext():
    return AgencyExtractor()


@pytest.mark.parametrize("sentence,expected", [
    ("Soldiers shot at protesters.", [["shoot", "active", "Soldiers", "protesters"]]),
    ("Soldiers shot at the protesters on Friday.",
     [["shoot", "active", "Soldiers", "the protesters"]]),
    ("Gunmen shot him in the head.", [["shoot", "active", "Gunmen", ""]]),
    ("A police officer shot dead two tourists and their guide.",
     [["shoot", "active", "A police officer", "two tourists and their guide"]]),
    ("Militiamen shot dead three farmers near the river.",
     [["shoot", "active", "Militiamen", "three farmers near the river"]]),
    # coordinated with another act verb: the verb, sharing its subject and object
    ("Militiamen shot and killed two farmers.",
     [["shoot", "active", "Militiamen", "two farmers"],
      ["kill", "active", "Militiamen", "two farmers"]]),
    ("Guards shot and wounded a prisoner.",
     [["shoot", "active", "Guards", "a prisoner"],
      ["wound", "active", "Guards", "a prisoner"]]),
    # the noun: no act
    ("It was his last shot at the title.", []),
])
def test_shoot(ext, sentence, expected):
    df = ext.extract(sentence)
    assert df[["verb", "voice", "agent", "patient"]].values.tolist() == expected
