"""Regression tests for the Validity rule changes of the agency and attribution extractors.

The sentences are written for these tests (not taken from the sample articles, the held-out
set or the challenge set) and use the vocabulary of several conflicts through small actors and
places lexicons built here. The last tests assert floors on the challenge set's TEST half (per
error class) and on the held-out gold, a small margin below the scores reached.
"""
from __future__ import annotations

import sys
from pathlib import Path

import pandas as pd
import pytest
from heldout_tools import bench_module, load_module

from framing.agency import AGENCY_COLUMNS, AgencyExtractor, extract_agency
from framing.attribution import extract_attributions
from framing.lexicons import load_lexicon

ROOT = Path(__file__).resolve().parents[1]
VIOLENCE = str(ROOT / "lexicons" / "general" / "violence.csv")
VERBS = str(ROOT / "lexicons" / "general" / "reporting_verbs.csv")

# Three invented-for-the-test vocabularies (real place names, general roles).
_ACTORS = [
    # Russia-Ukraine
    ("Russian", "demonym", "russia"), ("Russia", "country", "russia"),
    ("Ukrainian", "demonym", "ukraine"), ("Ukraine", "country", "ukraine"),
    ("Kyiv", "capital", "ukraine"), ("Moscow", "capital", "russia"),
    # Colombia: government vs FARC
    ("Colombian army", "military", "colombia"), ("FARC", "military", "farc"),
    # Myanmar: junta vs resistance
    ("junta", "government", "junta"), ("People's Defence Force", "military", "pdf"),
    ("PDF", "military", "pdf"),
]
_PLACES = [("Bakhmut", "city", "ukraine"), ("Avdiivka", "city", "ukraine"),
           ("Cauca", "region", "colombia"), ("Sagaing", "region", "pdf")]


def _actors():
    df = pd.DataFrame(_ACTORS, columns=["term", "category", "side"])
    meta = {"role": "actors", "sides": {s: s for s in sorted(set(df["side"]))},
            "contrast": {"ukr": ["russia", "ukraine"], "col": ["colombia", "farc"],
                         "mmr": ["junta", "pdf"]}}
    return load_lexicon(df, name="actors", meta=meta)


def _places():
    df = pd.DataFrame(_PLACES, columns=["term", "category", "side"])
    return load_lexicon(df, name="places", meta={"role": "places"})


@pytest.fixture(scope="module")
def ext():
    return AgencyExtractor(actors=_actors(), violence=VIOLENCE, places=_places())


def _one(ext, text, trigger):
    df = ext.extract(text, doc_id="t")
    hit = df[df["trigger"].str.lower().str.startswith(trigger.lower())]
    assert len(hit) == 1, (text, df[["trigger", "voice"]].values.tolist())
    return hit.iloc[0]


def _none(ext, text, trigger):
    df = ext.extract(text, doc_id="t")
    assert not df["trigger"].str.lower().str.contains(trigger.lower()).any(), (
        text, df[["trigger", "voice"]].values.tolist())


# ---------------------------------------------------------------------------- class 11
@pytest.mark.parametrize("text,trigger,voice,aside,pside", [
    ("Russian soldiers executed three Ukrainian prisoners.", "executed", "active", "russia", "ukraine"),
    ("A Colombian army officer was stabbed to death near the plaza.", "stabbed", "passive_agentless", "", "colombia"),
    ("Unknown men assassinated a FARC commander last night.", "assassinated", "active", "", "farc"),
    ("Four villagers were hanged by junta soldiers.", "hanged", "passive_agent", "junta", ""),
    ("PDF fighters beheaded a junta informant.", "beheaded", "active", "pdf", "junta"),
    ("The bodies had been decapitated, Ukrainian police said.", "decapitated", "passive_agentless", "", ""),
    ("A Russian officer was shot dead outside his home.", "shot dead", "passive_agentless", "", "russia"),
    ("Two FARC guerrillas were gunned down on the road.", "gunned down", "passive_agentless", "", "farc"),
    ("The slain Ukrainian colonel was buried in Lviv.", "slain", "passive_agentless", "", "ukraine"),
    ("The junta threatened to hang the PDF leaders.", "hang", "active", "junta", "pdf"),
])
def test_lexicon_gaps(ext, text, trigger, voice, aside, pside):
    r = _one(ext, text, trigger)
    assert (r["voice"], r["agent_side"], r["patient_side"]) == (voice, aside, pside)


@pytest.mark.parametrize("text,trigger", [
    ("The ministry executed the plan without delay.", "executed"),
    ("Engineers executed the orders of the board.", "executed"),
    ("Most of the interview was shot in Bogota.", "shot"),
    ("The documentary was shot in Kharkiv last spring.", "shot"),
    ("Teenagers hang out near the station in the evening.", "hang"),
    ("The talks hang in the balance.", "hang"),
    ("He took a stab at the crossword.", "stab"),
    ("Critics called it character assassination.", "assassination"),
])
def test_lexicon_gap_negatives(ext, text, trigger):
    _none(ext, text, trigger)


# ----------------------------------------------------------------------------- class 9
@pytest.mark.parametrize("text,trigger", [
    ("The ruling provoked a dangerous situation in parliament.", "provoked"),
    ("The law violated the constitution, the court said.", "violated"),
    ("The embargo violates international law.", "violates"),
    ("The verdict struck a blow to the opposition.", "struck"),
    ("The advertisements targeted young voters in Medellin.", "targeted"),
    ("The campaign targets first-time buyers.", "targets"),
])
def test_senses_that_are_not_violence(ext, text, trigger):
    _none(ext, text, trigger)


def test_violated_the_ceasefire_still_counts(ext):
    r = _one(ext, "FARC units violated the ceasefire on Sunday.", "violated")
    assert (r["voice"], r["agent_side"]) == ("active", "farc")


# ----------------------------------------------------------------------------- class 1
@pytest.mark.parametrize("text,trigger,pside", [
    ("Five Ukrainian soldiers killed in the shelling were buried on Friday.", "killed", "ukraine"),
    ("Mourners gathered for the FARC guerrillas killed near the river last week.", "killed", "farc"),
    ("12 Russian soldiers killed in Bakhmut", "killed", "russia"),
    ("Two junta soldiers wounded in the ambush were flown out.", "wounded", "junta"),
])
def test_participle_after_noun_is_passive(ext, text, trigger, pside):
    r = _one(ext, text, trigger)
    assert (r["voice"], r["agent_side"], r["patient_side"]) == ("passive_agentless", "", pside)


def test_intransitive_capable_verbs_and_reduced_relatives(ext):
    # shell/bomb may stand without an object: active unless a main verb follows
    r = _one(ext, "Russian forces shelled on Monday, Ukrainian officials said.", "shelled")
    assert (r["voice"], r["agent_side"]) == ("active", "russia")
    r = _one(ext, "Ukrainian houses shelled in the offensive were abandoned.", "shelled")
    assert (r["voice"], r["patient_side"]) == ("passive_agentless", "ukraine")


def test_prenominal_participle_after_a_verb(ext):
    r = _one(ext, "Ukrainian artillery shelled occupied towns near the river.", "occupied")
    assert r["voice"] == "passive_agentless"


def test_active_past_stays_active(ext):
    r = _one(ext, "Russian troops killed four Ukrainian medics near the river.", "killed")
    assert (r["voice"], r["agent_side"], r["patient_side"]) == ("active", "russia", "ukraine")
    # a verb that may stand without an object stays active
    r = _one(ext, "PDF fighters attacked at dawn.", "attacked")
    assert (r["voice"], r["agent_side"]) == ("active", "pdf")


# ----------------------------------------------------------------------------- class 2
@pytest.mark.parametrize("text,trigger,aside", [
    ("Russian forces began shelling the suburbs on Monday.", "shelling", "russia"),
    ("Colombian army units kept firing at the camp for hours.", "firing", "colombia"),
    ("Junta troops entered the village on Tuesday and burned and killed several farmers.",
     "killed", "junta"),
    ("PDF fighters crossed the river at night and attacked a junta outpost.", "attacked", "pdf"),
])
def test_subject_carried_into_verbs(ext, text, trigger, aside):
    r = _one(ext, text, trigger)
    assert (r["voice"], r["agent_side"]) == ("active", aside)


# ------------------------------------------------------------------------- classes 6-8
def test_relative_clause_on_event_noun(ext):
    r = _one(ext, "The PDF's raid on the base that killed 20 soldiers was condemned.", "killed")
    assert (r["voice"], r["agent_side"]) == ("active", "pdf")
    r = _one(ext, "The shelling of the town, which has killed 80 people, went on.", "killed")
    assert (r["voice"], r["agent_side"]) == ("active", "")


@pytest.mark.parametrize("text,trigger", [
    ("Deaths from malaria rose in the camps.", "deaths"),
    ("Cholera deaths doubled in a month.", "deaths"),
    ("An attacking helicopter was seen over the hills.", "attacking"),
    ("Civilian targets were hit near the port.", "targets"),
])
def test_noun_readings_and_disease_deaths(ext, text, trigger):
    _none(ext, text, trigger)


def test_weapon_compound_and_headline(ext):
    r = _one(ext, "A missile strike hit a school in Avdiivka.", "strike")
    assert r["voice"] == "nominal"
    r = _one(ext, "Cauca police station shelled twice", "shelled")
    assert r["voice"] == "passive_agentless"


# --------------------------------------------------------------------- implied sides
def test_agency_columns_keep_order_and_append_implied():
    assert AGENCY_COLUMNS[:12] == ["doc_id", "sent_id", "verb", "trigger", "voice", "agent",
                                   "agent_side", "patient", "patient_side", "quoted", "start",
                                   "end"]
    assert AGENCY_COLUMNS[12:] == ["agent_side_implied", "patient_side_implied", "side_basis"]


@pytest.mark.parametrize("text,trigger,ai,pi,basis", [
    # stated
    ("Russian troops shelled two Ukrainian villages.", "shelled", "russia", "ukraine", "stated"),
    # place
    ("Nine people were killed in Bakhmut on Monday.", "killed", "", "ukraine", "place"),
    ("Six Russian soldiers were killed in Avdiivka.", "killed", "ukraine", "russia", "contrast"),
    # contrast: one party named
    ("FARC guerrillas killed 12 people on the road.", "killed", "farc", "colombia", "contrast"),
    ("Three junta soldiers were wounded on Friday.", "wounded", "pdf", "junta", "contrast"),
    # no contrast for deaths or two-party sentences
    ("Four Colombian army soldiers died in the crash.", "died", "", "colombia", "stated"),
    ("FARC units and Colombian army troops shelled the hills.", "shelled", "", "", ""),
])
def test_implied_sides(ext, text, trigger, ai, pi, basis):
    r = _one(ext, text, trigger)
    assert (r["agent_side_implied"], r["patient_side_implied"], r["side_basis"]) == (ai, pi, basis)


def test_implied_side_from_pronoun_in_previous_sentence(ext):
    text = "Junta troops pushed back PDF fighters near the river. Later they shelled a monastery."
    r = _one(ext, text, "shelled")
    assert (r["agent_side"], r["agent_side_implied"], r["side_basis"]) == ("", "junta", "pronoun")
    text = "The PDF released a video on Monday. It said its drones had struck a junta airbase."
    r = _one(ext, text, "struck")
    assert (r["agent_side"], r["agent_side_implied"], r["patient_side"]) == ("", "pdf", "junta")


def test_extract_agency_accepts_places_and_contrast():
    corpus = pd.DataFrame({"doc_id": ["a"], "body": ["Ten people were killed in Sagaing."]})
    df = extract_agency(corpus, actors=_actors(), violence=VIOLENCE, places=_places())
    assert df[["patient_side_implied", "side_basis"]].values.tolist() == [["pdf", "place"]]
    df = extract_agency(corpus, actors=_actors(), violence=VIOLENCE)
    assert df[["patient_side_implied", "side_basis"]].values.tolist() == [["", ""]]
    corpus = pd.DataFrame({"doc_id": ["b"], "body": ["Russian drones struck a depot."]})
    df = extract_agency(corpus, actors=_actors(), violence=VIOLENCE, contrast=("russia", "ukraine"))
    assert df[["patient_side_implied", "side_basis"]].values.tolist() == [["ukraine", "contrast"]]


# ------------------------------------------------------------------------- attribution
def _attr(text):
    corpus = pd.DataFrame({"doc_id": ["t"], "body": [text]})
    return extract_attributions(corpus, actors=_actors(), verbs=VERBS)


def test_question_quote_then_speaker():
    df = _attr('"Where are our sons?" Ukrainian deputy minister Olena Kovalenko asked.')
    assert df[["kind", "quote"]].values.tolist() == [["direct", "Where are our sons?"]]
    assert df["side"].iloc[0] == "ukraine"
    df = _attr('"Enough is enough!" Russian Foreign Minister Ivan al-Petrov told reporters.')
    assert df[["kind", "side"]].values.tolist() == [["direct", "russia"]]


def test_speaker_after_inverted_verb_lowercase_title():
    df = _attr('"We will hold the line," said junta spokesman Zaw Min Tun.')
    assert df[["kind", "side"]].values.tolist() == [["direct", "junta"]]


def test_hedge_is_not_a_source():
    assert _attr("According to preliminary estimates, 30 people were killed.").empty
    df = _attr("According to Ukrainian officials, 30 people were killed.")
    assert df[["kind", "side"]].values.tolist() == [["according_to", "ukraine"]]


def test_quoted_as_saying_and_passive_report():
    df = _attr("Local radio quoted Colombian army officials as saying that the camp was empty.")
    assert df["side"].tolist() == ["colombia"]
    df = _attr("FARC said the army had bombed a school. The report was denied by "
               "Colombian army spokesman Juan Ortiz.")
    rec = df[df["quote"] == "The report"]
    assert rec[["kind", "side"]].values.tolist() == [["indirect", "colombia"]]


def test_he_continued_quote_and_not_speech_continue():
    df = _attr('Ukrainian minister Olena Kovalenko spoke briefly. She continued, "We need air defence."')
    assert df[["kind", "quote"]].values.tolist() == [["direct", "We need air defence."]]
    assert _attr("Fighting continued near the river on Monday.").empty


def test_passives_without_by_are_not_reports():
    assert _attr("Casualties were reported on both sides.").empty


# ------------------------------------------------------------------------------ floors
#: Floors on the challenge TEST half (per class), a margin below the scores reached
#: (tests/challenge/README.md, "After" tables). Template a09 (a quoted fragment inside
#: indirect speech) follows the attribution guideline (direct, rule 2) since issue 12.
_CHALLENGE_FLOORS = {
    "voice": 0.97, "agent_side": 0.95, "patient_side": 0.95,
    "agent_impl": 0.95, "patient_impl": 0.95, "found": 0.95, "neg_ok": 0.95,
}
_CLASS10_FLOORS = {"found": 0.95, "speaker_side": 0.93, "kind": 0.95, "neg_ok": 0.95}


@pytest.fixture(scope="module")
def challenge_test():
    sys.path.insert(0, str(ROOT / "tests" / "challenge"))
    try:
        ev = load_module("challenge_evaluate", ROOT / "tests" / "challenge" / "evaluate.py")
        return ev.score("test").set_index("class")
    finally:
        sys.path.remove(str(ROOT / "tests" / "challenge"))


@pytest.mark.parametrize("cls", list(range(1, 12)))
def test_challenge_test_half_floors(challenge_test, cls):
    row = challenge_test.loc[cls]
    floors = _CLASS10_FLOORS if cls == 10 else _CHALLENGE_FLOORS
    for col, floor in floors.items():
        val = row[col]
        if val is None or isinstance(val, str) or pd.isna(val):
            continue
        assert val >= floor, (cls, col, val, floor)


def test_heldout_floors():
    hb = bench_module()
    res = hb.run()
    at, ag = res["attribution"], res["agency"]
    assert at["f1"] >= 0.88
    assert at["side_accuracy"] >= 0.80
    assert ag["f1"] >= 0.93
    assert ag["voice_accuracy"] >= 0.92
    assert ag["agent_side_accuracy"] >= 0.87
    assert ag["patient_side_accuracy"] >= 0.91
