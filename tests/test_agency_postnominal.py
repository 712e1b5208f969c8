"""Participles after a noun that cannot be their subject (issue 12, class 1), on sentences
written for this test: "during" is a preposition, never a modifier ("a teenager killed
during clashes"), and a noun phrase that is the object of a verb in the past or of a
preposition is not the subject of a participle after it ("mourned a teenager shot in the
head"); a reporting verb's or a subordinating word's noun phrase may still be."""
from __future__ import annotations

import pytest

from framing.agency import AgencyExtractor


@pytest.fixture(scope="module")
def ext():
    return AgencyExtractor()


@pytest.mark.parametrize("sentence,expected", [
    ("Relatives mourned a teenager killed during clashes with soldiers.",
     [["kill", "passive_agentless", "", "a teenager"]]),
    ("They mourned over the body of a farmer killed during the night.",
     [["kill", "passive_agentless", "", "a farmer"]]),
    ("They mourned a teenager shot in the head.",
     [["shoot", "passive_agentless", "", "a teenager"]]),
    # negatives: the noun phrase may be the subject
    ("Residents said gunmen shot in the air.", [["shoot", "active", "gunmen", ""]]),
])
def test_postnominal_participle(ext, sentence, expected):
    df = ext.extract(sentence)
    assert df[["verb", "voice", "agent", "patient"]].values.tolist() == expected
