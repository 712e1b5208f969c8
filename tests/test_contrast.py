"""The contrast pair of an actors lexicon that declares none (Lexicon.inferred_contrast)
and its use by the agency extractor's implied sides."""
import pandas as pd
import pytest

from framing.agency import AgencyExtractor
from framing.lexicons import load_lexicon


def _actors(rows, meta=None):
    df = pd.DataFrame(rows, columns=["term", "category", "side"])
    return load_lexicon(df, name="actors", meta={"role": "actors", **(meta or {})})


# an invented conflict: the Northern League (north) against the Southern Front (south)
_ROWS = [
    ("Northern League", "military", "north"), ("northern troops", "military", "north"),
    ("Nordhaven", "capital", "north"), ("northerners", "demonym", "north"),
    ("Southern Front", "military", "south"), ("southern fighters", "military", "south"),
    ("Sudport", "capital", "south"),
    ("United Nations", "organization", "international"), ("UN", "organization", "international"),
    ("Red Cross", "organization", "international"), ("Reuters", "media", "media"),
    ("Eastland", "country", "east"),
]


def test_two_largest_party_sides_not_counting_non_parties():
    lex = _actors(_ROWS)
    assert lex.inferred_contrast() == ("north", "south")
    assert lex.contrast == ("north", "south")


def test_declared_contrast_wins():
    lex = _actors(_ROWS, {"contrast": ["south", "east"]})
    assert lex.contrast == ("south", "east")
    assert lex.inferred_contrast() == ("north", "south")


def test_no_guess_when_a_third_side_comes_close():
    rows = _ROWS + [("Eastland army", "military", "east"), ("Eastport", "capital", "east")]
    # south 3, east 3: the second is not 1.5 times the third
    assert _actors(rows).inferred_contrast() is None
    assert _actors(rows).contrast is None


def test_no_guess_from_too_few_terms():
    rows = [("A", "military", "a"), ("B", "military", "b"), ("UN", "organization", "international")]
    assert _actors(rows).inferred_contrast() is None
    assert _actors(rows).inferred_contrast(min_terms=1) == ("a", "b")


@pytest.mark.parametrize("meta, expected", [
    (None, "south"),                      # guessed pair
    ({"contrast": ["north", "south"]}, "south"),  # declared pair
])
def test_agency_contrast_rule_uses_the_pair(meta, expected):
    ext = AgencyExtractor(actors=_actors(_ROWS, meta))
    rows = ext.extract("Northern League artillery killed nine people on Tuesday.")
    row = next(r for r in rows.to_dict("records") if r["verb"] == "kill")
    assert row["agent_side"] == "north"
    assert row["patient_side"] == ""
    assert row["patient_side_implied"] == expected
    assert row["side_basis"] == "contrast"


def test_agency_contrast_rule_off():
    ext = AgencyExtractor(actors=_actors(_ROWS), contrast=[])
    rows = ext.extract("Northern League artillery killed nine people on Tuesday.")
    row = next(r for r in rows.to_dict("records") if r["verb"] == "kill")
    assert row["patient_side_implied"] == ""
