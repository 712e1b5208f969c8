"""Implied victim sides of killing and death mentions (issue 12, victim side).

Sentences written for this file, about conflicts that appear nowhere in the package
or the victims sets: Cameroon (the army against Ambazonian separatists) and the
Philippines (the army against the New People's Army). Each case gives the exact
``(trigger, voice, patient_side, patient_side_implied, side_basis)`` of the death
mentions.
"""
import pandas as pd
import pytest

from framing.agency import AgencyExtractor
from framing.lexicons import load_lexicon

_ACTORS = [
    ("Cameroonian", "demonym", "cameroon"), ("Cameroonian army", "military", "cameroon"),
    ("Yaounde", "capital", "cameroon"), ("Biya", "person", "cameroon"),
    ("Ambazonian", "demonym", "ambazonia"), ("Amba Boys", "military", "ambazonia"),
    ("separatists", "military", "ambazonia"), ("separatist", "military", "ambazonia"),
    ("Bamenda", "city", ""), ("Buea", "city", "cameroon"),
    ("UN", "organization", "international"),
]
_CONTRAST = ["cameroon", "ambazonia"]


@pytest.fixture(scope="module")
def ext():
    df = pd.DataFrame(_ACTORS, columns=["term", "category", "side"])
    meta = {"role": "actors", "sides": {s: s for s in sorted(set(df["side"])) if s},
            "contrast": _CONTRAST}
    return AgencyExtractor(actors=load_lexicon(df, name="actors", meta=meta))


def deaths(ext, text):
    df = ext.extract(text, doc_id="t")
    df = df[df["verb"].isin({"kill", "die", "execute", "massacre", "shoot", "murder"})]
    return [tuple(r) for r in df[["trigger", "voice", "patient_side", "patient_side_implied",
                                  "side_basis"]].values]


# A killer's stated side gives its victims the other side of the contrast pair even when
# the other party is named too (in the victims' description, after a preposition); not
# when that party opens a subordinate clause, and not for acts that need not take a life
# ("shelled the road").
@pytest.mark.parametrize("text,expected", [
    ("Cameroonian soldiers executed six men accused of feeding the Amba Boys.",
     [("executed", "active", "", "ambazonia", "contrast")]),
    ("Separatist fighters killed two teachers suspected of informing for the Cameroonian army.",
     [("killed", "active", "", "cameroon", "contrast")]),
    ("Separatist gunmen shot dead three gendarmes on a road the Cameroonian army had reopened.",
     [("shot dead", "active", "", "cameroon", "contrast")]),
    # the other party is the subject of a subordinate clause: maybe a bystander, no side
    ("Amba Boys massacred a family of five after the Cameroonian army left the village.",
     [("massacred", "active", "", "", "stated")]),
])
def test_killer_side_gives_the_victims_the_other_side(ext, text, expected):
    assert deaths(ext, text) == expected


def test_non_lethal_act_with_both_parties_named_gives_no_contrast(ext):
    df = ext.extract("Cameroonian troops left the hills, and the Amba Boys shelled the road.")
    assert df[["verb", "patient", "patient_side_implied"]].values.tolist() == [
        ["shell", "the road", ""]]


# First-person participants inside a quotation take the side of the speaker named after
# it in the same sentence (as the subject of the reporting verb or after an inverted one).
@pytest.mark.parametrize("text,expected", [
    ('"Many of our brothers died in the forest," a separatist commander told reporters.',
     [("died", "intransitive", "", "ambazonia", "pronoun")]),
    ('"They killed our sons in front of us," said a Cameroonian officer in Buea.',
     [("killed", "active", "", "cameroon", "pronoun")]),
    ('"Our comrades gave their lives for freedom," an Ambazonian leader said.',
     [("gave their lives", "intransitive", "", "ambazonia", "pronoun")]),
    # no speaker with a side: none
    ('"They killed our sons in front of us," a farmer said.',
     [("killed", "active", "", "", "")]),
])
def test_first_person_in_a_quote_takes_the_speakers_side(ext, text, expected):
    assert deaths(ext, text) == expected


# "died after X did Y": the dead are the victims of the later act (as with "when"/"as"),
# and "died" is no passive participle, so the later act keeps its own subject.
@pytest.mark.parametrize("text,expected", [
    ("At least 40 people died after Cameroonian jets bombed a market in Bamenda.",
     [("died", "At least 40 people", "", "", "ambazonia", "contrast"),
      ("bombed", "a market in Bamenda", "Cameroonian jets", "cameroon", "ambazonia", "contrast")]),
    ("Nine villagers were killed after separatist fighters stormed the market.",
     [("killed", "Nine villagers", "", "", "cameroon", "contrast"),
      ("stormed", "the market", "separatist fighters", "ambazonia", "cameroon", "contrast")]),
    # the later act has no agent: no side
    ("A boy died after being hit by shrapnel in Bamenda.",
     [("died", "A boy", "", "", "", "")]),
])
def test_died_after_another_act(ext, text, expected):
    df = ext.extract(text, doc_id="t")
    df = df[df["verb"] != "hit"]
    assert [tuple(r) for r in df[["trigger", "patient", "agent", "agent_side",
                                  "patient_side_implied", "side_basis"]].values] == expected


def test_died_after_an_act_noun_gives_no_side(ext):
    df = ext.extract("Forty villagers died after the separatist raids.", doc_id="t")
    assert df[["trigger", "patient_side_implied", "side_basis"]].values.tolist() == [
        ["died", "", ""], ["raids", "cameroon", "contrast"]]


# The dead of both sides: coordinated actors of the two contrast sides in the patient of a
# death or killing, or "both sides"/"each side" in it or right after the act; not for acts
# that need not take a life, and not for actors of one side only.
@pytest.mark.parametrize("text,expected", [
    ("The fighting has killed seven Cameroonian soldiers and 20 Ambazonian fighters.",
     [("killed", "", "both", "stated")]),
    ("Seven Cameroonian and four Ambazonian fighters were killed in the clash.",
     [("killed", "", "both", "stated")]),
    ("Soldiers on both sides were killed in the battle for Bamenda.",
     [("killed", "", "both", "stated")]),
    ("Dozens of fighters died on each side.",
     [("died", "", "both", "stated")]),
    ("Cameroonian and Ambazonian fighters died in the fighting.",
     [("died", "", "both", "stated")]),
    # one side only: stated
    ("Seven Cameroonian soldiers and two Cameroonian police officers were killed.",
     [("killed", "cameroon", "cameroon", "contrast")]),
])
def test_dead_of_both_sides(ext, text, expected):
    df = ext.extract(text, doc_id="t")
    assert [tuple(r) for r in df[["trigger", "patient_side", "patient_side_implied",
                                  "side_basis"]].values] == expected


def test_both_sides_not_for_acts_on_places(ext):
    df = ext.extract("Gunmen shelled Ambazonian villages and Cameroonian positions.")
    assert df[["trigger", "patient_side", "patient_side_implied"]].values.tolist() == [
        ["shelled", "", ""]]


# "as"/"after" + noun phrase + verb opens a clause, also in headlines without auxiliaries:
# the phrase is the later act's subject (not a reduced relative on the dead), and the dead
# are that act's victims; a participle's prepositional phrase still is one ("a soldier
# wounded in an ambush near X died").
@pytest.mark.parametrize("text,expected", [
    ("Dozens Killed as Separatist Fighters Storm Village",
     [("Killed", "", "", "passive_agentless", "cameroon", "contrast"),
      ("Storm", "Separatist Fighters", "ambazonia", "active", "cameroon", "contrast")]),
    ("12 Dead After Cameroonian Jets Bomb Market",
     [("Dead", "", "", "nominal", "ambazonia", "contrast"),
      ("Bomb", "Cameroonian Jets", "cameroon", "active", "ambazonia", "contrast")]),
    ("A soldier wounded in an ambush near Buea died on Sunday.",
     [("wounded", "", "", "passive_agentless", "cameroon", "place"),
      ("ambush", "", "", "nominal", "cameroon", "place"),
      ("died", "", "", "intransitive", "cameroon", "place")]),
])
def test_clause_after_as_in_headlines(ext, text, expected):
    df = ext.extract(text, doc_id="t")
    assert [tuple(r) for r in df[["trigger", "agent", "agent_side", "voice",
                                  "patient_side_implied", "side_basis"]].values] == expected


# A present form after a count or after side words in an act verb's object is a noun
# ("struck 450 X targets"), so a participial adjunct after it keeps the clause's subject as
# its agent (was: the count or the side word before "targets", a wrong agent).
@pytest.mark.parametrize("text,expected", [
    ("Cameroonian jets struck 450 separatist targets, killing dozens of fighters.",
     [("struck", "Cameroonian jets", "cameroon", "450 separatist targets"),
      ("killing", "Cameroonian jets", "cameroon", "dozens of fighters")]),
    ("Separatist gunmen shelled Cameroonian targets, killing nine.",
     [("shelled", "Separatist gunmen", "ambazonia", "Cameroonian targets"),
      ("killing", "Separatist gunmen", "ambazonia", "nine")]),
    # a verb: no count, no act verb before the side word
    ("The Cameroonian army targets Ambazonian villages.",
     [("targets", "The Cameroonian army", "cameroon", "Ambazonian villages")]),
])
def test_targets_after_a_count_or_side_word_is_a_noun(ext, text, expected):
    df = ext.extract(text, doc_id="t")
    assert [tuple(r) for r in df[["trigger", "agent", "agent_side", "patient"]].values] == expected


def test_both_sides_not_across_a_comma(ext):
    # the patient phrase runs on into a participle clause: not one coordination
    df = ext.extract("Gunmen Kill 12 Teachers in Buea, Raising Tensions Between Yaounde and "
                     "Ambazonian Leaders", doc_id="t")
    assert df[["trigger", "patient_side_implied"]].values.tolist() == [["Kill", "cameroon"]]


def test_first_person_in_a_quote_that_ends_its_sentence(ext):
    # the quotation holds two sentences; the speaker follows in the next one
    df = ext.extract('"Buea is a quiet town. Why are they killing our children?" Mr. Biya said '
                     "in a televised address.", doc_id="t")
    assert df[["trigger", "patient", "patient_side_implied", "side_basis"]].values.tolist() == [
        ["killing", "our children", "cameroon", "pronoun"]]


def test_quote_speaker_needs_a_reporting_verb(ext):
    df = ext.extract('"They killed our sons." Cameroonian troops left the town on Monday.',
                     doc_id="t")
    assert df[["trigger", "patient_side_implied"]].values.tolist() == [["killed", ""]]


def test_place_after_a_preposition_of_direction_is_no_antecedent():
    # "its" is not the place the army pushed into ("into northern X")
    df = pd.DataFrame(_ACTORS + [("Kumba", "city", "ambazonia")],
                      columns=["term", "category", "side"])
    meta = {"role": "actors", "sides": {s: s for s in sorted(set(df["side"])) if s},
            "contrast": _CONTRAST}
    ext = AgencyExtractor(actors=load_lexicon(df, name="actors", meta=meta))
    df = ext.extract("The Cameroonian army pushed into northern Kumba overnight, and the military "
                     "said its forces killed dozens of fighters.", doc_id="t")
    assert df[["trigger", "agent", "agent_side"]].values.tolist() == [
        ["killed", "its forces", "cameroon"]]
