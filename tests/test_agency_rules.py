"""Agency rules of issue 12 (development sentences written for this file).

Each case is a sentence written here, not taken from any article, with the exact rows
(trigger, voice, agent_side, patient_side) the extractor must give. The actors lexicon
is built in the test from four conflicts that appear nowhere in the package: Nigeria
(army vs Boko Haram), Somalia (government vs al-Shabaab), Libya (GNA vs LNA) and Mali
(army vs JNIM).
Stated sides follow tests/gold/README-agency.md: only the words of the participant
count ("the army" with no side word has no side), and pronouns are resolved inside the
sentence.
"""
from pathlib import Path

import pandas as pd
import pytest

from framing.agency import AgencyExtractor
from framing.lexicons import load_lexicon

ROOT = Path(__file__).resolve().parents[1]
VIOLENCE = str(ROOT / "lexicons" / "general" / "violence.csv")

_ACTORS = [
    # Nigeria
    ("Nigeria", "country", "nigeria"), ("Nigerian", "demonym", "nigeria"),
    ("Nigerians", "demonym", "nigeria"), ("Abuja", "capital", "nigeria"),
    ("Boko Haram", "military", "boko_haram"), ("ISWAP", "military", "boko_haram"),
    # Somalia
    ("Somalia", "country", "somalia"), ("Somali", "demonym", "somalia"),
    ("Somalis", "demonym", "somalia"), ("Mogadishu", "capital", "somalia"),
    ("al-Shabaab", "military", "shabaab"), ("Shabaab", "military", "shabaab"),
    # Libya
    ("Tripoli", "capital", "gna"), ("GNA", "government", "gna"),
    ("Government of National Accord", "government", "gna"),
    ("Libyan National Army", "military", "lna"), ("LNA", "military", "lna"),
    ("Haftar", "person", "lna"), ("Turkish", "demonym", "turkey"),
    ("Turkey", "country", "turkey"), ("UN", "organization", "international"),
    # Mali (army vs JNIM)
    ("Mali", "country", "mali"), ("Malian", "demonym", "mali"), ("Bamako", "capital", "mali"),
    ("JNIM", "military", "jnim"), ("Goita", "person", "mali"),
]


@pytest.fixture(scope="module")
def ext():
    df = pd.DataFrame(_ACTORS, columns=["term", "category", "side"])
    meta = {"role": "actors", "sides": {s: s for s in sorted(set(df["side"]))}}
    return AgencyExtractor(actors=load_lexicon(df, name="actors", meta=meta),
                           violence=VIOLENCE)


def rows(ext, text):
    df = ext.extract(text, doc_id="t")
    return [tuple(r) for r in df[["trigger", "voice", "agent_side", "patient_side"]].values]


# 1. The agent's side comes from the head actor of its noun phrase: coordination,
#    apposition, possessors, of-phrases, parentheses, participle modifiers; an act noun
#    as subject gives the side of its own agent, not of a place named after it.
@pytest.mark.parametrize("text,expected", [
    ("Fighters of the Libyan National Army (LNA) have recaptured two towns near Sirte.",
     [("recaptured", "active", "lna", "")]),
    ("Fighters of Somalia's al-Shabaab and allied clan militias killed 30 herders in Gedo.",
     [("killed", "active", "shabaab", "")]),
    ("An air strike on a crowded market in Nigeria's Borno state killed 14 people.",
     [("air strike", "nominal", "", "nigeria"), ("killed", "active", "", "")]),
    ("A Turkish drone strike near the edge of a camp in the Libyan desert outside Tripoli "
     "killed six fighters.",
     [("strike", "nominal", "turkey", ""), ("killed", "active", "turkey", "")]),
    ("The Somali army has used fighter jets to bomb Shabaab bases near Jilib.",
     [("bomb", "active", "somalia", "shabaab")]),
    ("UN monitors said Haftar, the LNA commander, had ordered the shelling of Tripoli.",
     [("shelling", "nominal", "", "gna")]),
    ("On the Nigerian side, nine soldiers and two police officers were killed.",
     [("killed", "passive_agentless", "", "")]),
])
def test_agent_side_from_the_head_of_the_phrase(ext, text, expected):
    assert rows(ext, text) == expected


# 2. Agents carried into gerunds, infinitives, coordinated verbs and relative clauses.
@pytest.mark.parametrize("text,expected", [
    ("Al-Shabaab fighters rammed a truck into the gate of the base, killing 15 Somali soldiers.",
     [("killing", "active", "shabaab", "somalia")]),
    ("A Nigerian military helicopter crashed near Maiduguri on Monday, killing six crew members.",
     [("killing", "active", "nigeria", "")]),
    ("Rights groups condemned Boko Haram for \"deliberately\" targeting schools.",
     [("targeting", "active", "boko_haram", "")]),
    ("A mortar round hit the roof of a clinic in the old city and killed two nurses.",
     [("killed", "active", "", "")]),
    ("LNA says it shot down a Turkish drone, captures operator",
     [("shot down", "active", "lna", "turkey"), ("captures", "active", "lna", "")]),
    ("\"Haftar is a warlord who has shelled his own people,\" the GNA premier said.",
     [("shelled", "active", "lna", "lna")]),
    ("Boko Haram fighters, who later attacked the Nigerian base at Monguno, were seen near "
     "the lake.",
     [("attacked", "active", "boko_haram", "nigeria")]),
])
def test_agents_carried(ext, text, expected):
    assert rows(ext, text) == expected


# 3. By-phrases with long noun phrases; weapons between "fire" and its target.
@pytest.mark.parametrize("text,expected", [
    ("Four teachers were killed by gunmen belonging to Boko Haram.",
     [("killed", "passive_agent", "boko_haram", "")]),
    ("The trucks had been attacked by men \"associated with al-Shabaab\" on the road.",
     [("attacked", "passive_agent", "shabaab", "")]),
    ("Villagers were attacked and beaten in the market by militiamen loyal to Haftar.",
     [("attacked", "passive_agent", "lna", "")]),  # "beat" is outside the lemma list
    ("Al-Shabaab fired more than 20 rockets at the Somali base.",
     [("fired", "active", "shabaab", "somalia")]),
    ("LNA units fired rockets deep into Tripoli overnight.",
     [("fired", "active", "lna", "gna")]),
])
def test_by_phrases_and_fire(ext, text, expected):
    assert rows(ext, text) == expected


# 4. Pronouns: the nearest compatible antecedent.
@pytest.mark.parametrize("text,expected", [
    # "its" in "X and its allies" is X, whatever actor came before
    ("Boko Haram said the army and its allies attacked the camp.",
     [("attacked", "active", "", "")]),
    # a subject pronoun after a reporting verb is that verb's subject
    ("In Mogadishu, the army said that it had repelled a Shabaab attack on the port.",
     [("repelled", "active", "", "shabaab"), ("attack", "nominal", "shabaab", "")]),
    ("The LNA said on Monday that it had destroyed three Turkish drones.",
     [("destroyed", "active", "lna", "turkey")]),
    # "it" is never a plural phrase: "Shabaab fighters ... it" skips to the singular actor
    ("Somalia said Shabaab fighters had fled the town after it shelled their positions.",
     [("shelled", "active", "somalia", "shabaab")]),
])
def test_pronoun_antecedents(ext, text, expected):
    assert rows(ext, text) == expected


# 5. Voice: participles after nouns, substantivised and prenominal participles.
@pytest.mark.parametrize("text,expected", [
    ("\"The men killed were fishermen,\" a Somali official said.",
     [("killed", "passive_agentless", "", "")]),
    ("Doctors in Mogadishu treated more than 60 wounded soldiers.",
     [("wounded", "passive_agentless", "", "")]),
    ("The wounded were taken to hospitals in Abuja.", [("wounded", "nominal", "", "")]),
    ("Nurses said many of the injured had burns.", [("injured", "nominal", "", "")]),
    ("Medics ran to help the wounded.", [("wounded", "nominal", "", "")]),
    ("Nigerian villagers buried their dead on Sunday.", [("dead", "nominal", "", "nigeria")]),
    ("Most of the victims had gunshot wounds.", [("wounds", "nominal", "", "")]),
    ("Shabaab gunmen shelled a bus carrying Somali soldiers.",
     [("shelled", "active", "shabaab", "somalia")]),
    ("Two Somali soldiers killed near Baidoa", [("killed", "passive_agentless", "", "somalia")]),
])
def test_voice_of_participles(ext, text, expected):
    assert rows(ext, text) == expected


# 6. Clause structure: the main verb's subject controls a participial adjunct; a
#    prepositional phrase headed by another act ends a patient; parentheticals between
#    a subject and its verb; headline reporting verbs; reciprocal "exchanged fire".
@pytest.mark.parametrize("text,expected", [
    ("An al-Shabaab bomber drove a truck packed with explosives into a checkpoint on Friday, "
     "killing at least 12 soldiers in the deadliest attack on Somali forces this year.",
     [("killing", "active", "shabaab", ""), ("attack", "nominal", "", "somalia")]),
    ("UN report finds Boko Haram fighters killed 40 farmers in Nigerian villages",
     [("killed", "active", "boko_haram", "nigeria")]),
    ("Somali air strikes on Jilib, the Shabaab stronghold, killed at least nine fighters "
     "last week.",
     [("air strikes", "nominal", "somalia", "shabaab"), ("killed", "active", "somalia", "")]),
    ("The Somali army, backed by regional troops, has used helicopters to attack Shabaab "
     "camps.", [("attack", "active", "somalia", "shabaab")]),
    ("Somali soldiers and al-Shabaab fighters exchanged fire near Afgoye.",
     [("exchanged fire", "nominal", "", "")]),
    ("Witnesses described gunmen in pickup trucks shooting at fleeing Somalis.",
     [("shooting", "active", "", "somalia")]),
])
def test_clause_structure(ext, text, expected):
    assert rows(ext, text) == expected


# 7. Backers and places are not the head's side; a place in a locative phrase is not
#    the antecedent of a pronoun.
@pytest.mark.parametrize("text,expected", [
    ("GNA militias backed by Turkey shelled LNA positions.",
     [("shelled", "active", "gna", "lna")]),
    ("Fighters loyal to Haftar attacked a GNA convoy.",
     [("attacked", "active", "lna", "gna")]),
    ("Turkish-backed GNA forces shelled LNA positions.", [("shelled", "active", "gna", "lna")]),
    ("Gunmen from al-Shabaab stormed a hotel in Mogadishu, where they killed nine guests.",
     [("stormed", "active", "shabaab", "somalia"), ("killed", "active", "shabaab", "")]),
    ("Nigerian troops killed 30 Boko Haram fighters and freed dozens of hostages, the army "
     "said.", [("killed", "active", "nigeria", "boko_haram")]),
])
def test_backers_and_locatives(ext, text, expected):
    assert rows(ext, text) == expected


# 8. More voice and carried agents: reported passives, "those killed", a relative clause
#    between a subject and its verb, ", and then" coordination.
@pytest.mark.parametrize("text,expected", [
    ("Dozens of Nigerian civilians were reported killed.",
     [("killed", "passive_agentless", "", "nigeria")]),
    # the subject of "were among those killed" is the patient (it was "those", no side)
    ("Three GNA fighters were among those killed.",
     [("killed", "passive_agentless", "", "gna")]),
    ("Boko Haram, which has killed thousands since 2009, attacked the town.",
     [("killed", "active", "boko_haram", ""), ("attacked", "active", "boko_haram", "")]),
    ("Haftar's forces began shelling Tripoli's southern suburbs, and then stormed the airport.",
     [("shelling", "active", "lna", "gna"), ("stormed", "active", "lna", "")]),
])
def test_more_voice_and_carried_agents(ext, text, expected):
    assert rows(ext, text) == expected


# 9. Pronouns and definite descriptions across sentences (implied sides, basis "pronoun";
#    the stated sides stay ''): a pronoun takes the first sided actor of the previous
#    sentence that agrees with it ("it" skips persons and plural phrases such as "JNIM
#    fighters", "they" skips persons; a coordinated "X and Y" of two sides gives ''); a
#    definite description ("the militants") takes the side word of the latest earlier
#    mention of its head noun in the same text, however far back.
def full_rows(ext, text):
    cols = ["sent_id", "trigger", "voice", "agent", "agent_side", "patient", "patient_side",
            "agent_side_implied", "patient_side_implied", "side_basis"]
    return [tuple(r) for r in ext.extract(text, doc_id="t")[cols].values.tolist()]


@pytest.mark.parametrize("text,expected", [
    # they -> the plural subject of the previous sentence
    ("JNIM fighters ambushed a convoy near Gao on Sunday. They killed 12 soldiers.",
     [(0, "ambushed", "active", "JNIM fighters", "jnim", "a convoy near Gao", "", "jnim", "",
       "stated"),
      (1, "killed", "active", "They", "", "12 soldiers", "", "jnim", "", "pronoun")]),
    ("Al-Shabaab fighters stormed a hotel in Mogadishu.\n"
     "They killed nine guests before Somali forces ended the siege.",
     [(0, "stormed", "active", "Al-Shabaab fighters", "shabaab", "a hotel in Mogadishu",
       "somalia", "shabaab", "somalia", "stated"),
      (1, "killed", "active", "They", "", "nine guests", "", "shabaab", "", "pronoun")]),
    # "its" skips the plural "JNIM fighters" for the singular "a Malian patrol"
    ("JNIM fighters ambushed a Malian patrol near Gao. It said its troops repelled the attack.",
     [(0, "ambushed", "active", "JNIM fighters", "jnim", "a Malian patrol near Gao", "mali",
       "jnim", "mali", "stated"),
      (1, "repelled", "active", "its troops", "", "the attack", "", "mali", "", "pronoun"),
      (1, "attack", "nominal", "", "", "", "", "", "", "")]),
    ("Nigerian troops stormed a Boko Haram camp in the forest. Its fighters had killed 30 "
     "farmers.",
     [(0, "stormed", "active", "Nigerian troops", "nigeria", "a Boko Haram camp in the forest",
       "boko_haram", "nigeria", "boko_haram", "stated"),
      (1, "killed", "active", "Its fighters", "", "30 farmers", "", "boko_haram", "",
       "pronoun")]),
    # "the group said it": the reporting subject has no side; "it" skips "Nigerian soldiers"
    ("Nigerian soldiers clashed with Boko Haram near Bama. The group said it had killed ten "
     "soldiers.",
     [(1, "killed", "active", "it", "", "ten soldiers", "", "boko_haram", "", "pronoun")]),
    ("The Malian army said on Friday that it had killed 30 militants near Gao. It also "
     "destroyed two JNIM vehicles.",
     [(0, "killed", "active", "it", "mali", "30 militants near Gao", "", "mali", "", "stated"),
      (1, "destroyed", "active", "It", "", "two JNIM vehicles", "jnim", "mali", "jnim",
       "pronoun")]),
    # "they" never refers to a person (Haftar); "it" neither
    ("Haftar met Turkish officials in Ankara. They had shelled Tripoli.",
     [(1, "shelled", "active", "They", "", "Tripoli", "gna", "turkey", "gna", "pronoun")]),
    ("Goita visited the base in Gao on Monday. They shelled Boni on Tuesday.",
     [(1, "shelled", "active", "They", "", "Boni", "", "", "", "")]),
    # the nearest sentence wins over an antecedent in an earlier paragraph
    ("JNIM fighters attacked the town of Boni.\n\nMalian troops arrived later. They shelled "
     "Boni.",
     [(0, "attacked", "active", "JNIM fighters", "jnim", "the town of Boni", "", "jnim", "",
       "stated"),
      (2, "shelled", "active", "They", "", "Boni", "", "mali", "", "pronoun")]),
    # two equally near candidates of different sides: no side
    ("Malian troops and JNIM fighters clashed near Mopti on Sunday. They killed 20 villagers.",
     [(1, "killed", "active", "They", "", "20 villagers", "", "", "", "")]),
    ("The Somali army and al-Shabaab fought near Jilib. It killed ten people.",
     [(1, "killed", "active", "It", "", "ten people", "", "", "", "")]),
    # a coordination of one side keeps it
    ("Somali soldiers and the Somali army shelled Jilib. It killed ten people.",
     [(0, "shelled", "active", "Somali soldiers and the Somali army", "somalia", "Jilib", "",
       "somalia", "", "stated"),
      (1, "killed", "active", "It", "", "ten people", "", "somalia", "", "pronoun")]),
])
def test_pronouns_across_sentences(ext, text, expected):
    assert full_rows(ext, text) == expected


@pytest.mark.parametrize("text,expected", [
    # three sentences back, other actors between
    ("JNIM militants attacked the town of Boni in March.\nAid workers said the town had no "
     "water.\nResidents fled to Bamako.\nTwo months later, the militants attacked a convoy "
     "on the road to Douentza.",
     [(0, "attacked", "active", "JNIM militants", "jnim", "the town of Boni", "", "jnim", "",
       "stated"),
      (3, "attacked", "active", "the militants", "", "a convoy on the road to Douentza", "",
       "jnim", "", "pronoun")]),
    ("JNIM militants attacked the town of Boni in March.\nMalian soldiers arrived a week "
     "later.\nThe militants then attacked the soldiers' base.",
     [(0, "attacked", "active", "JNIM militants", "jnim", "the town of Boni", "", "jnim", "",
       "stated"),
      (2, "attacked", "active", "The militants", "", "the soldiers' base", "", "jnim", "mali",
       "pronoun")]),
    # a patient description
    ("Boko Haram fighters raided Konduga on Friday. Nigerian jets bombed the fighters near "
     "the lake.",
     [(0, "raided", "active", "Boko Haram fighters", "boko_haram", "Konduga", "", "boko_haram",
       "", "stated"),
      (1, "bombed", "active", "Nigerian jets", "nigeria", "the fighters near the lake", "",
       "nigeria", "boko_haram", "pronoun")]),
    # the head inside an actor term ("Libyan National Army")
    ("The Libyan National Army shelled Tripoli for a week. The GNA said the army had killed "
     "six civilians.",
     [(0, "shelled", "active", "The Libyan National Army", "lna", "Tripoli", "gna", "lna",
       "gna", "stated"),
      (1, "killed", "active", "the army", "", "six civilians", "", "lna", "", "pronoun")]),
    ("Somali soldiers attacked Jilib. The soldiers killed ten fighters.",
     [(0, "attacked", "active", "Somali soldiers", "somalia", "Jilib", "", "somalia", "",
       "stated"),
      (1, "killed", "active", "The soldiers", "", "ten fighters", "", "somalia", "", "pronoun")]),
    # negatives: no earlier mention with the same head ("insurgents" is not "Boko Haram"),
    # a head that is not a group noun, and a mention in another document
    ("Boko Haram has kidnapped hundreds of pupils since 2014.\nNigerian troops later rescued "
     "40 of them.\nThe army said the insurgents had killed three hostages.",
     [(0, "kidnapped", "active", "Boko Haram", "boko_haram", "hundreds of pupils", "",
       "boko_haram", "", "stated"),
      (2, "killed", "active", "the insurgents", "", "three hostages", "", "", "", "")]),
    ("Somali forces ended the siege on Monday.\nThe next day, al-Shabaab fighters attacked a "
     "checkpoint, and the government said the militants had killed four police officers.",
     [(1, "attacked", "active", "al-Shabaab fighters", "shabaab", "a checkpoint", "",
       "shabaab", "", "stated"),
      (1, "killed", "active", "the militants", "", "four police officers", "", "", "", "")]),
    # a coordinated description: the other conjunct's side is unknown
    ("Somali soldiers attacked Jilib. The soldiers and their allies killed ten fighters.",
     [(0, "attacked", "active", "Somali soldiers", "somalia", "Jilib", "", "somalia", "",
       "stated"),
      (1, "killed", "active", "The soldiers and their allies", "", "ten fighters", "", "", "",
       "")]),
    ("Al-Shabaab said the soldiers had killed civilians.",
     [(0, "killed", "active", "the soldiers", "", "civilians", "", "", "", "")]),
])
def test_definite_descriptions(ext, text, expected):
    assert full_rows(ext, text) == expected


# First person inside a direct quote is the speaker's side (tests/gold/README-agency.md:
# "We" and "our X" in a quote take the side of the quote's speaker), when the speaker's
# side is known: from the attribution stage's rows (framing.analyze, or extract_agency
# with attributions=), else no stated side.
_QUOTES = [
    ('"We are striking Boko Haram hard, and we will not stop," the Nigerian president said.',
     [("striking", "active", "nigeria", "boko_haram")]),
    ('"They attacked our positions at dawn," a Boko Haram commander told reporters.',
     [("attacked", "active", "", "boko_haram")]),
    ('"Our soldiers were ambushed near Gao," said a Malian army spokesman.',
     [("ambushed", "passive_agentless", "", "mali")]),
    # third person in the quote: its own side words only
    ('"JNIM fighters killed the villagers," said a Malian army spokesman.',
     [("killed", "active", "jnim", "")]),
    # first person outside any quote: nobody's side
    ('We have killed nobody, a Malian army spokesman insisted without quotation marks.',
     [("killed", "active", "", "")]),
    # the speaker has no side: first person stays without one
    ('"We killed ten soldiers," a man who gave his name as Musa said.',
     [("killed", "active", "", "")]),
]


def _attributions(text):
    from framing.attribution import extract_attributions

    df = pd.DataFrame(_ACTORS, columns=["term", "category", "side"])
    meta = {"role": "actors", "sides": {s: s for s in sorted(set(df["side"]))}}
    actors = load_lexicon(df, name="actors", meta=meta)
    c = pd.DataFrame({"doc_id": ["t"], "body": [text]})
    return c, actors, extract_attributions(c, actors=actors)


@pytest.mark.parametrize("text,expected", _QUOTES)
def test_first_person_in_a_quote_takes_the_speakers_side(ext, text, expected):
    from framing.agency import extract_agency, quote_speakers

    c, actors, att = _attributions(text)
    got = ext.extract(text, doc_id="t", speakers=quote_speakers(att).get("t"))
    assert [tuple(r) for r in got[["trigger", "voice", "agent_side", "patient_side"]].values] \
        == expected
    # the same through extract_agency(attributions=...)
    via = extract_agency(c, extractor=ext, attributions=att)
    pd.testing.assert_frame_equal(via, got.astype(via.dtypes.to_dict()))
    # a side from the speaker is a stated side, so the implied side is the same
    stated = got[got["agent_side"] != ""]
    assert (stated["agent_side_implied"] == stated["agent_side"]).all()


def test_first_person_without_the_speakers_has_no_stated_side(ext):
    text, _expected = _QUOTES[0]
    assert rows(ext, text) == [("striking", "active", "", "boko_haram")]


def test_quote_speakers_and_the_pipeline_use_the_attribution_stage(tmp_path):
    import json

    import framing
    from framing.agency import quote_speakers

    att = pd.DataFrame({"doc_id": ["a", "a", "b", "a"],
                        "kind": ["direct", "indirect", "direct", "direct"],
                        "side": ["x", "y", "", "z"], "start": [50, 0, 3, 1],
                        "end": [80, 40, 9, 20]})
    assert quote_speakers(att) == {"a": [(1, 20, "z"), (50, 80, "x")]}
    # framing.analyze with a study written here: the agency rows of the quote get the
    # speaker's side because the attribution stage ran in the same pass
    df = pd.DataFrame(_ACTORS, columns=["term", "category", "side"])
    df.to_csv(tmp_path / "actors.csv", index=False)
    (tmp_path / "actors.json").write_text(json.dumps(
        {"role": "actors", "sides": {s: s for s in sorted(set(df["side"]))}}))
    text = _QUOTES[0][0] + " " + _QUOTES[2][0]
    corpus = pd.DataFrame({"doc_id": ["n1"], "outlet": ["Daily"], "body": [text]})
    a = framing.analyze(corpus, lexicons=[str(tmp_path / "actors.csv"), VIOLENCE],
                        stages=("attribution", "agency"), copies="keep")
    got = a.agency[["trigger", "agent_side", "patient_side"]].values.tolist()
    assert ["striking", "nigeria", "boko_haram"] in got
    assert ["ambushed", "", "mali"] in got
    alone = framing.analyze(corpus, lexicons=[str(tmp_path / "actors.csv"), VIOLENCE],
                            stages=("agency",), copies="keep")
    assert ["striking", "", "boko_haram"] in \
        alone.agency[["trigger", "agent_side", "patient_side"]].values.tolist()


# Implied patient side from an actors lexicon's places, when the study has no places
# lexicon (issue 12, "places give sides"; the victim side of death sentences). Two
# invented sides with towns and countries that appear nowhere in the package.
_PLACES_ACTORS = [
    ("Northland", "country", "north"), ("Northern", "demonym", "north"),
    ("Nordburg", "city", "north"), ("Upper Vale", "region", "north"),
    ("Southland", "country", "south"), ("Southern", "demonym", "south"),
    ("Sudstadt", "city", "south"), ("Kleindorf", "town", "south"),
]


@pytest.fixture(scope="module")
def north_south():
    df = pd.DataFrame(_PLACES_ACTORS, columns=["term", "category", "side"])
    meta = {"role": "actors", "sides": {"north": "North", "south": "South"},
            "contrast": ["north", "south"]}
    return load_lexicon(df, name="actors", meta=meta)


def implied(ext, text):
    df = ext.extract(text, doc_id="t")
    return [tuple(r) for r in df[["trigger", "agent_side_implied", "patient_side_implied",
                                  "side_basis"]].values]


@pytest.mark.parametrize("text,expected", [
    # the place where it happened gives the victims' side; a place is not a party, so the
    # agent stays unknown (no contrast from a place)
    ("Nine people were killed in Sudstadt on Monday.", [("killed", "", "south", "place")]),
    ("At least 30 people died in the Upper Vale over the weekend.",
     [("died", "", "north", "place")]),
    ("Two civilians were killed near Kleindorf when a shell hit their car.",
     [("killed", "", "south", "place")]),
    # "of" after a noun of place; "on" after an act
    ("Northern troops shelled the centre of Sudstadt, killing six people.",
     [("shelled", "north", "south", "stated"), ("killing", "north", "south", "place")]),
    ("A strike on Nordburg killed four people.",
     [("strike", "", "north", "stated"), ("killed", "", "north", "place")]),
    # a town named in the sentence does not block the contrast rule: one party is named
    ("Southern forces killed eleven villagers as they fled Nordburg.",
     [("killed", "south", "north", "contrast")]),
    # the nearest place of the act's clause
    ("Two people were killed in Sudstadt; talks were held in Nordburg.",
     [("killed", "", "south", "place")]),
    # negatives: "called on X" (no act before "on"), a possessive country, a place in
    # another clause only
    ("The mayor called on Northland to stop the killing.", [("killing", "", "", "")]),
    ("Two soldiers died in Southland's border district.", [("died", "", "", "")]),
    ("Three people were killed; the talks were held in Nordburg.",
     [("killed", "", "", "")]),
])
def test_places_of_the_actors_lexicon_give_the_implied_patient_side(north_south, text,
                                                                     expected):
    ext = AgencyExtractor(actors=north_south, violence=VIOLENCE)
    assert implied(ext, text) == expected


def test_a_places_lexicon_replaces_the_actors_places(north_south):
    places = pd.DataFrame([("Kleindorf", "town", "south")], columns=["term", "category", "side"])
    ext = AgencyExtractor(actors=north_south, violence=VIOLENCE, places=load_lexicon(
        places, name="places", meta={"role": "places", "sides": {"south": "South"}}))
    # Nordburg is not in the places lexicon: no place side
    assert implied(ext, "Five people were killed in Nordburg.") == [("killed", "", "", "")]
    assert implied(ext, "Five people were killed in Kleindorf.") == \
        [("killed", "", "south", "place")]


# Sense and resultative exclusions of the violence lexicon (tests/heldout_d errors): "seize
# power" is a coup, not the seizure of a place; "X to death" names one act (or none), not a
# separate death.
@pytest.mark.parametrize("text,expected", [
    ("Army officers seized power in Bamako on Tuesday.", []),
    ("JNIM fighters seized the town of Boni on Tuesday.",
     [("seized", "active", "jnim", "")]),
    ("Gunmen hacked to death four Nigerian farmers near Maiduguri.", []),
    ("Gunmen stabbed to death four Nigerian farmers near Maiduguri.",
     [("stabbed to death", "active", "", "nigeria")]),
    ("Boko Haram sentenced two men to death in Gwoza.", []),
    ("The death of four Nigerian farmers shocked Maiduguri.",
     [("death", "nominal", "", "nigeria")]),
])
def test_coups_and_resultatives_are_not_separate_acts(ext, text, expected):
    assert rows(ext, text) == expected


# A form that is both a past participle and a weapon noun ("shot") is the verb after an
# auxiliary, adverbs between them allowed; the noun elsewhere ("a warning shot").
@pytest.mark.parametrize("text,expected", [
    ("Two Malian soldiers were shot near Gao on Monday.",
     [("shot", "passive_agentless", "", "mali")]),
    ("A Nigerian farmer was fatally shot by Boko Haram gunmen.",
     [("shot", "passive_agent", "boko_haram", "nigeria")]),
    ("Boko Haram has shot at Nigerian patrols.", [("shot", "active", "boko_haram", "nigeria")]),
    ("It was a warning shot.", []),
    ("A single shot was heard near the Malian base.", []),
])
def test_participle_after_an_auxiliary_is_the_verb(ext, text, expected):
    assert rows(ext, text) == expected


@pytest.mark.parametrize("text,expected", [
    # the source of the report is not a party to the act: one party is named
    ("Southern forces killed ten people, Northern officials said.",
     [("killed", "south", "north", "contrast")]),
    ("Southern forces killed ten people, according to Northern officials.",
     [("killed", "south", "north", "contrast")]),
    ("Northern officials said Southern shelling had killed a farmer.",
     [("shelling", "south", "north", "contrast"), ("killed", "south", "north", "contrast")]),
    ("Southern troops killed four villagers, said a Northern official.",
     [("killed", "south", "north", "contrast")]),
    # negative: a side named as a party, not as a source, blocks the contrast rule
    ("Southern forces killed ten people as Northern troops retreated.",
     [("killed", "south", "", "stated")]),
    # those who died in an act: its patient's side, else the other side of its agent
    ("Forty civilians died in the Southern attacks.",
     [("died", "", "north", "contrast"), ("attacks", "south", "north", "contrast")]),
    ("Two soldiers died in an attack on a Southern convoy.",
     [("died", "", "south", "place"), ("attack", "north", "south", "contrast")]),
    # negative: death not "in" an act
    ("Forty civilians died after the Southern attacks.",
     [("died", "", "", ""), ("attacks", "south", "north", "contrast")]),
])
def test_sources_are_not_parties_and_deaths_in_an_act(north_south, text, expected):
    ext = AgencyExtractor(actors=north_south, violence=VIOLENCE)
    assert implied(ext, text) == expected


@pytest.mark.parametrize("text,expected", [
    # a place or target inside the agent's phrase is not the agent's side
    ("A car bomb near Nordburg killed a judge.", [("killed", "", "", "north")]),
    # the agent's own side word still counts, with a place beside it
    ("Southern troops near Nordburg killed three farmers.",
     [("killed", "south", "", "north")]),
])
def test_a_place_inside_the_agent_phrase_gives_it_no_side(north_south, text, expected):
    ext = AgencyExtractor(actors=north_south, violence=VIOLENCE)
    df = ext.extract(text, doc_id="t")
    assert [tuple(r) for r in df[["trigger", "agent_side", "patient_side",
                                  "patient_side_implied"]].values] == expected


# A participle before a noun is its modifier (passive, the noun its patient): at the start of
# a sentence, where no subject precedes it, and before a hyphenated particle ("bombed-out").
@pytest.mark.parametrize("text,expected", [
    ("Wounded Malian soldiers were flown to Bamako.",
     [("Wounded", "passive_agentless", "", "mali")]),
    ("Injured Nigerian farmers have reached Maiduguri.",
     [("Injured", "passive_agentless", "", "nigeria")]),
    ("Reporters toured the bombed-out suburbs of Mogadishu.",
     [("bombed", "passive_agentless", "", "somalia")]),
    # not before a noun: unchanged
    ("Killed in action, the Malian soldier was buried on Monday.",
     [("Killed", "active", "", "")]),
    ("JNIM fighters shelled Malian positions.", [("shelled", "active", "jnim", "mali")]),
])
def test_participle_before_its_noun_is_passive(ext, text, expected):
    assert rows(ext, text) == expected


# The subject of a verb after a relative clause is the head the clause modifies, not the
# last noun phrase of the clause ("fighters who regrouped in the north attacked X").
@pytest.mark.parametrize("text,expected", [
    ("JNIM fighters who have regrouped in the north attacked the town of Boni.",
     [("attacked", "active", "jnim", "")]),
    ("Gunmen who came from Mali attacked Nigerian villages.",
     [("attacked", "active", "", "nigeria")]),
    ("Boko Haram fighters who shelled Malian positions killed two farmers.",
     [("shelled", "active", "boko_haram", "mali"), ("killed", "active", "boko_haram", "")]),
    # a reporting verb between "who" and the verb: the reported clause has its own subject
    ("Soldiers who fled the town said JNIM fighters attacked the base.",
     [("attacked", "active", "jnim", "")]),
])
def test_subject_before_a_relative_clause(ext, text, expected):
    assert rows(ext, text) == expected


# A verb-only form right after an article or a possessive is a noun ("its target"), not an act.
@pytest.mark.parametrize("text,expected", [
    ("A bomb that missed its target killed 10 Malian soldiers.",
     [("killed", "active", "", "mali")]),
    ("The targets included a Malian school.", []),
    # the verb after a subject, a modal or a quantifier (unchanged)
    ("JNIM fighters target Malian patrols.", [("target", "active", "jnim", "mali")]),
    ("Boko Haram will target Nigerian schools.",
     [("target", "active", "boko_haram", "nigeria")]),
])
def test_verb_form_after_an_article_is_a_noun(ext, text, expected):
    assert rows(ext, text) == expected


# Gerunds after "accused (X) of": a time adjunct may stand between the object and "of", and
# a gerund with no object after "were accused of" is still the verb (controller: the subject).
@pytest.mark.parametrize("text,expected", [
    ("Malian officials accused JNIM on Thursday of shelling a Nigerian convoy, killing 20 "
     "people.", [("shelling", "active", "jnim", "nigeria"), ("killing", "active", "jnim", "")]),
    ("JNIM fighters were accused of killing and looting in Gao.",
     [("killing", "active", "jnim", "")]),
    # no time adjunct, or a noun before "of" that controls nothing (unchanged)
    ("Nigerian officials accused Boko Haram of shelling a convoy, killing 20 people.",
     [("shelling", "active", "boko_haram", ""), ("killing", "active", "boko_haram", "")]),
    ("The report on Monday of shelling in Gao was denied.", [("shelling", "nominal", "", "")]),
])
def test_gerund_controllers_after_accused_of(ext, text, expected):
    assert rows(ext, text) == expected


# A verb-only form in the object of an act verb, bare or after one lower-case modifier, is a
# noun ("attacking civilian targets", "shelled targets"), not a second act.
@pytest.mark.parametrize("text,expected", [
    ("JNIM fighters shelled targets in Gao.", [("shelled", "active", "jnim", "")]),
    ("Boko Haram fighters attacked civilian targets near Maiduguri.",
     [("attacked", "active", "boko_haram", "")]),
    # the verb after a subject (plural noun, or a relative clause's object) is unchanged
    ("JNIM fighters who attacked Gao target Malian patrols.",
     [("attacked", "active", "jnim", ""), ("target", "active", "jnim", "mali")]),
    ("JNIM fighters target Malian patrols.", [("target", "active", "jnim", "mali")]),
])
def test_verb_form_in_an_object_is_a_noun(ext, text, expected):
    assert rows(ext, text) == expected


# A gerund after "deny"/"admit" is controlled by their subject ("X denied attacking Y").
@pytest.mark.parametrize("text,expected", [
    ("Mali denied attacking civilian targets.", [("attacking", "active", "mali", "")]),
    ("JNIM admitted shelling Malian positions.", [("shelling", "active", "jnim", "mali")]),
    # a that-clause has its own subject; a noun after "denied" is no gerund (unchanged)
    ("Boko Haram denied that its fighters attacked Nigerian schools.",
     [("attacked", "active", "boko_haram", "nigeria")]),
    ("Nigerian officials denied the shelling of Maiduguri.",
     [("shelling", "nominal", "", "")]),
])
def test_gerund_after_deny_and_admit(ext, text, expected):
    assert rows(ext, text) == expected


# A personal pronoun in object case is the patient, its side resolved in the sentence
# ("attacked them" after "Malian soldiers"); "her" before a noun is the possessive.
@pytest.mark.parametrize("text,expected", [
    ("When Malian soldiers entered Gao, JNIM fighters attacked them.",
     [("attacked", "active", "jnim", "mali")]),
    ("Boko Haram fighters fired at them near the Nigerian border.",
     [("fired", "active", "boko_haram", "")]),
    ("JNIM fighters killed her near Gao.", [("killed", "active", "jnim", "")]),
])
def test_object_pronouns_are_patients(ext, text, expected):
    assert rows(ext, text) == expected


def test_object_pronoun_spans(ext):
    df = ext.extract("JNIM fighters fired at us near Gao. JNIM fighters attacked her son "
                     "near Gao.", doc_id="t")
    assert df["patient"].tolist() == ["us", "her son near Gao"]


# A time adverbial before the verb is never its subject; a subject modified by a
# participle phrase ("a soldier wounded in an ambush near X") is the noun before the
# participle, not the last preposition's object.
@pytest.mark.parametrize("text,expected", [
    ("A Malian soldier wounded in an ambush near Gao on Friday died.",
     [("wounded", "passive_agentless", "", "mali"), ("ambush", "nominal", "", ""),
      ("died", "intransitive", "", "mali")]),
    ("A Somali policeman wounded in Mogadishu last week died.",
     [("wounded", "passive_agentless", "", "somalia"), ("died", "intransitive", "", "somalia")]),
    ("JNIM fighters on Tuesday attacked Malian troops.",
     [("attacked", "active", "jnim", "mali")]),
    # negatives: a time word that is not an adverbial, and a subject with no participle
    ("Two Nigerian soldiers died in Maiduguri.",
     [("died", "intransitive", "", "nigeria")]),
    ("Nigerian troops who were ambushed near Maiduguri on Monday shelled the camp.",
     [("ambushed", "passive_agentless", "", "nigeria"),
      ("shelled", "active", "nigeria", "")]),
])
def test_time_adverbials_and_participle_phrases(ext, text, expected):
    assert rows(ext, text) == expected


def test_participle_phrase_subject_span(ext):
    df = ext.extract("A Somali policeman wounded in an ambush near Mogadishu on Sunday died "
                     "in hospital.", doc_id="t")
    assert df[df["trigger"] == "died"]["patient"].tolist() == ["A Somali policeman"]


# "shot" (a participle whose other reading is a weapon noun, "a shot") is the verb after
# a person noun before a preposition or "by" (a reduced relative) and after "and" with no
# object (coordinated with a passive, also "being" and -en participles); a noun after an
# article, an -ing word or an ordinal, or in a list of weapons.
@pytest.mark.parametrize("text,expected", [
    ("A Somali policeman shot in an ambush near Mogadishu on Sunday died.",
     [("shot", "passive_agentless", "", "somalia"), ("ambush", "nominal", "", ""),
      ("died", "intransitive", "", "somalia")]),
    ("Two Malian men were stopped at a checkpoint and shot.",
     [("shot", "passive_agentless", "", "mali")]),
    ("Witnesses saw Somali men being taken away and shot.",
     [("shot", "passive_agentless", "", "somalia")]),
    ("Nigerian civilians shot by Boko Haram fighters were buried.",
     [("shot", "passive_agent", "boko_haram", "nigeria")]),
    # negatives: an active with no main verb after it; nouns
    ("Boko Haram gunmen shot in the air and fled.", [("shot", "active", "boko_haram", "")]),
    ("The first shot in the battle came from Gao.", []),
    ("Malian troops seized rifles, grenades and shot.",
     [("seized", "active", "mali", "")]),
])
def test_shot_as_participle(ext, text, expected):
    assert rows(ext, text) == expected


# A number of dead standing as a phrase of its own (after a reporting verb, at the start
# of a headline or after a comma) is the nominal "dead" with the number as the patient;
# "left 64 dead" (causative) and "were dead" stay intransitive.
@pytest.mark.parametrize("text,expected", [
    ("Bamako says 64 dead after Malian strikes.",
     [("dead", "nominal", "", ""), ("strikes", "nominal", "mali", "")]),
    ("At least 20 dead in clashes near Gao.", [("dead", "nominal", "", "")]),
    ("JNIM attacked Gao, 12 dead.",
     [("attacked", "active", "jnim", ""), ("dead", "nominal", "", "")]),
    ("The blast left 64 dead.", [("dead", "intransitive", "", "")]),
    ("Two Malian soldiers were dead.", [("dead", "intransitive", "", "mali")]),
])
def test_a_number_of_dead(ext, text, expected):
    assert rows(ext, text) == expected


def test_a_number_of_dead_patient(ext):
    df = ext.extract("Bamako says at least 64 dead after the strikes.", doc_id="t")
    assert df[df["trigger"] == "dead"]["patient"].tolist() == ["at least 64"]


# "firing from" (a position) is the violent sense; "fired from his post" is not.
@pytest.mark.parametrize("text,expected", [
    ("Malian troops saw JNIM fighters firing from the rooftops.",
     [("firing", "active", "jnim", "")]),
    ("The Somali minister was fired from his post.", []),
    ("Boko Haram fighters fired from their trucks.", []),
])
def test_firing_from(ext, text, expected):
    assert rows(ext, text) == expected


def test_actors_places_on_the_sample_corpus():
    # the shipped study's actors lexicon alone (no places lexicon): the acts whose patient
    # side comes from a place named in the actors lexicon, on the five sample articles
    import framing

    st = framing.load_study()
    ext = AgencyExtractor(actors=st.lexicon("actors"), violence=st.lexicon("violence"))
    got = []
    for doc_id, text in zip(*framing.load_sample_corpus()[["doc_id", "body"]].T.values):
        df = ext.extract(text, doc_id=doc_id)
        got += [tuple(r) for r in df.loc[df["side_basis"] == "place",
                                          ["doc_id", "trigger", "patient_side_implied"]].values]
    assert sorted(got) == [
        ("000_7f5838e29b6a3963", "retake", "azerbaijan"),      # "in the center of Baku"
        ("000_7f5838e29b6a3963", "shelling", "armenia"),       # "Tavush in Armenia"
        ("002_2749a53b44881638", "attack", "armenia"),         # "an attack on Artsakh"
        ("002_2749a53b44881638", "occupied", "azerbaijan"),    # "inside Azerbaijan territory"
        # ("officials in Yerevan" gave "provocation" by Armenia the place armenia; an act of a
        # side on a place of its own side now gives the contrast, azerbaijan)
    ]


# Those who died in or from an act, also through a count noun ("the death toll from X");
# a town or region right before an act noun names where it happened, not who did it
# ("the Sudstadt attack"): it is a place, and the act noun is a noun there.
@pytest.mark.parametrize("text,expected", [
    ("The death toll from the Southern strikes rose to 31.",
     [("death", "", "north", "contrast"), ("strikes", "south", "north", "contrast")]),
    ("Forty people died from the Southern shelling.",
     [("died", "", "north", "contrast"), ("shelling", "south", "north", "contrast")]),
    ("The death count from an attack on Nordburg reached nine.",
     [("death", "", "north", "place"), ("attack", "", "north", "stated")]),
    ("The death toll from the Sudstadt attack stood at 26.",
     [("death", "", "south", "place"), ("attack", "", "south", "place")]),
    ("The Kleindorf attack killed four people.",
     [("attack", "", "south", "place"), ("killed", "", "south", "place")]),
    # negative: the deaths are not "in" or "from" the act
    ("The death toll rose after the Southern strikes.",
     [("death", "", "", ""), ("strikes", "south", "north", "contrast")]),
])
def test_deaths_from_an_act_and_a_town_before_an_act_noun(north_south, text, expected):
    ext = AgencyExtractor(actors=north_south, violence=VIOLENCE)
    assert implied(ext, text) == expected


@pytest.mark.parametrize("text,expected", [
    ("The death toll from the Sudstadt attack stood at 26.",
     [("death", "nominal", "", ""), ("attack", "nominal", "", "")]),
    ("The Kleindorf attack killed four people.",
     [("attack", "nominal", "", ""), ("killed", "active", "", "")]),
    # a country before a verb form is still its subject
    ("Northland attacks Southern towns every night.",
     [("attacks", "active", "north", "south")]),
])
def test_a_town_before_an_act_noun_is_not_its_agent(north_south, text, expected):
    ext = AgencyExtractor(actors=north_south, violence=VIOLENCE)
    assert rows(ext, text) == expected


# "residents of X": X is a place (the people who live there), not a party
@pytest.mark.parametrize("text,expected", [
    ("Residents of Sudstadt said two men had been killed when a shell hit a market.",
     [("killed", "", "south", "place")]),
    ("Villagers of the Upper Vale said 12 people died.", [("died", "", "north", "place")]),
    ("Residents of Nordburg said Southern troops killed two men.",
     [("killed", "south", "north", "place")]),
    # negative: no place named
    ("Residents said two men were killed when a shell hit a market.",
     [("killed", "", "", "")]),
])
def test_residents_of_a_place(north_south, text, expected):
    ext = AgencyExtractor(actors=north_south, violence=VIOLENCE)
    assert implied(ext, text) == expected


# Inside a quotation, "they" or "the soldiers" take the side of the referent that the report
# after the quotation names ("about X", "describing X", "referring to X")
@pytest.mark.parametrize("text,expected", [
    ('"They came at night and killed everyone in the cellar," a survivor told investigators '
     'about the Southern soldiers.', [("killed", "south", "north", "contrast")]),
    ('"The soldiers killed everyone they found," said a farmer, describing the Northern '
     'troops.', [("killed", "north", "south", "contrast")]),
    ('"They shelled the street every night," she said, referring to Southern forces.',
     [("shelled", "south", "north", "contrast")]),
    # negatives: no referent named; a town is not a referent
    ('"They killed everyone in the cellar," a survivor said.', [("killed", "", "", "")]),
    ('"They killed everyone," a survivor said about Sudstadt.', [("killed", "", "", "")]),
])
def test_quoted_they_named_after_the_quotation(north_south, text, expected):
    ext = AgencyExtractor(actors=north_south, violence=VIOLENCE)
    assert implied(ext, text) == expected


# A verb after "and" and an auxiliary has the subject of the previous verb, past that verb's
# coordinated object ("had destroyed X and Y and had killed Z"), not the last conjunct
@pytest.mark.parametrize("text,expected", [
    ("Nigerian troops had destroyed two Boko Haram trucks and three motorcycles and had "
     "killed four fighters.",
     [("destroyed", "active", "nigeria", "boko_haram"), ("killed", "active", "nigeria", "")]),
    ("Malian soldiers shelled JNIM camps, depots and vehicles and have killed dozens of "
     "fighters.", [("shelled", "active", "mali", "jnim"), ("killed", "active", "mali", "")]),
    # a coordinated subject is still the subject
    ("Nigerian soldiers and Boko Haram fighters had been killed.",
     [("killed", "passive_agentless", "", "")]),
])
def test_coordinated_verb_after_a_coordinated_object(ext, text, expected):
    assert rows(ext, text) == expected


# The subject of an instrument verb controls a purpose infinitive also when the instrument
# is read as a modified noun ("used drones") or has a hyphenated modifier ("Turkish-made")
@pytest.mark.parametrize("text,expected", [
    ("Nigerian troops used drones to bomb Boko Haram camps.",
     [("bomb", "Nigerian troops", "nigeria", "boko_haram")]),
    ("Nigerian troops have been using Turkish-made drones to bomb Boko Haram camps.",
     [("bomb", "Nigerian troops", "nigeria", "boko_haram")]),
])
def test_instrument_verb_controls_the_purpose_infinitive(ext, text, expected):
    df = ext.extract(text, doc_id="t")
    assert [tuple(r) for r in df[["trigger", "agent", "agent_side", "patient_side"]].values] \
        == expected


# "only" right after an auxiliary is an adverb of the verb group, not the subject
@pytest.mark.parametrize("text,expected", [
    ("Abuja insisted it had only targeted Boko Haram positions.",
     [("targeted", "it", "nigeria", "boko_haram")]),
    ("The Nigerian army said it has only bombed Boko Haram camps.",
     [("bombed", "it", "nigeria", "boko_haram")]),
])
def test_only_after_an_auxiliary(ext, text, expected):
    df = ext.extract(text, doc_id="t")
    assert [tuple(r) for r in df[["trigger", "agent", "agent_side", "patient_side"]].values] \
        == expected


# A possessive right after a reporting verb and "that" refers to that verb's subject (a
# pronoun subject with a side counts), not to the nearest actor; a subject with no side
# leaves it to the nearest actor
@pytest.mark.parametrize("text,expected", [
    ("Nigeria's ambassador said he respected Somalia's concerns and denied that his country "
     "had bombed Somali territory.", [("bombed", "active", "nigeria", "somalia")]),
    # not after a reporting verb: the nearest actor
    ("Nigeria's ambassador respected Somalia's concerns but his country had bombed Somali "
     "territory.", [("bombed", "active", "somalia", "somalia")]),
    ("The group's armed wing, the Shabaab, said its fighters had attacked a Malian base.",
     [("attacked", "active", "shabaab", "mali")]),
])
def test_possessive_after_a_reporting_verb(ext, text, expected):
    assert rows(ext, text) == expected


# Exclusions of the violence lexicon: an act word before a weapon or vehicle noun names a
# kind of weapon ("attack helicopters", "assault rifles"); "targeted" before an act noun is
# its adjective ("the targeted attacks"), not a separate act
@pytest.mark.parametrize("text,expected", [
    ("Nigerian troops used attack helicopters to bomb Boko Haram camps.",
     [("bomb", "active", "nigeria", "boko_haram")]),
    ("Somali forces bought attack drones and assault rifles.", []),
    ("Malian officials condemned the targeted attacks on Malian villages.",
     [("attacks", "nominal", "", "mali")]),
    # not before an act noun: the verb
    ("Nigerian jets targeted Boko Haram camps.",
     [("targeted", "active", "nigeria", "boko_haram")]),
])
def test_act_words_that_modify_a_weapon_or_an_act(ext, text, expected):
    assert rows(ext, text) == expected


# "fired" right after a projectile (or after any weapon, with no object) is a reduced
# relative whose projectile is not the patient; a quantity noun may stand between "fired"
# and its weapon ("fired thousands of rockets at X")
@pytest.mark.parametrize("text,expected", [
    ("Rockets fired at Maiduguri killed two Nigerian soldiers.",
     [("fired", "passive_agentless", "", ""), ("killed", "active", "", "nigeria")]),
    ("A rocket fired by Boko Haram hit a school in Maiduguri.",
     [("fired", "passive_agent", "boko_haram", "")]),
    ("Several houses were damaged by shells fired from Somali territory.",
     [("fired", "passive_agentless", "", "")]),
    ("Boko Haram fighters fired thousands of rockets at Nigerian positions.",
     [("fired", "active", "boko_haram", "nigeria")]),
    ("Boko Haram fighters fired a barrage of mortars at the Nigerian base.",
     [("fired", "active", "boko_haram", "nigeria")]),
    # a weapon that can be the one who fires: active
    ("Nigerian artillery fired at Boko Haram positions.",
     [("fired", "active", "nigeria", "boko_haram")]),
])
def test_fired_after_a_projectile_and_quantities_of_weapons(ext, text, expected):
    assert rows(ext, text) == expected


# "and" before the subject of a new clause (a noun phrase and a finite verb) ends a patient
# phrase; "and" between two nouns does not
@pytest.mark.parametrize("text,expected", [
    ("Officials accused Boko Haram of attacking Nigerian villages and Abuja insisted it had "
     "only bombed camps.",
     [("attacking", "active", "boko_haram", "nigeria"), ("bombed", "active", "nigeria", "")]),
    ("Nigerian jets bombed Boko Haram camps and Somali forces shelled Shabaab bases.",
     [("bombed", "active", "nigeria", "boko_haram"), ("shelled", "active", "somalia", "shabaab")]),
    ("Nigerian jets bombed Boko Haram camps and Shabaab bases near Mogadishu.",
     [("bombed", "active", "nigeria", "")]),
])
def test_and_before_a_new_clause_ends_the_patient(ext, text, expected):
    assert rows(ext, text) == expected


# An infinitive after an -ing verb of intention takes that verb's controller ("accused X of
# threatening to attack": X)
@pytest.mark.parametrize("text,expected", [
    ("Officials accused Boko Haram of threatening to attack Maiduguri.",
     [("attack", "active", "boko_haram", "")]),
    ("Abuja accused Boko Haram of planning to bomb Nigerian schools.",
     [("bomb", "active", "boko_haram", "nigeria")]),
])
def test_infinitive_after_an_ing_verb_of_intention(ext, text, expected):
    assert rows(ext, text) == expected


# A participial adjunct after a comma ("..., killing two soldiers") with no side of its own
# takes the stated side of the previous act's patient: those killed were where it struck
@pytest.mark.parametrize("text,expected", [
    ("Northern troops opened fire on Southern positions, killing two soldiers.",
     [("opened fire", "north", "south", "stated"), ("killing", "north", "south", "place")]),
    ("Southern jets struck a Northern village, killing five people.",
     [("struck", "south", "north", "stated"), ("killing", "south", "north", "place")]),
    # not an adjunct after a comma: no side from the other act (the killing takes the
    # other side of its stated agent's, basis contrast: a lethal act with both parties
    # named, see test_agency_victims.py)
    ("Northern troops opened fire on Southern positions and killed two soldiers.",
     [("opened fire", "north", "south", "stated"), ("killed", "north", "south", "contrast")]),
])
def test_participial_adjunct_takes_the_previous_patient(north_south, text, expected):
    ext = AgencyExtractor(actors=north_south, violence=VIOLENCE)
    assert implied(ext, text) == expected


# A death has no agent: the side word or possessor of a death noun names the dead
@pytest.mark.parametrize("text,expected", [
    ("Southern deaths have mounted in the war.", [("deaths", "nominal", "", "south")]),
    ("The Northern death toll rose to 40.", [("death", "nominal", "", "north")]),
    ("Southern forces reported Northern deaths.", [("deaths", "nominal", "", "north")]),
    ("The deaths of Southern soldiers were reported.", [("deaths", "nominal", "", "south")]),
])
def test_side_word_of_a_death_noun_names_the_dead(north_south, text, expected):
    ext = AgencyExtractor(actors=north_south, violence=VIOLENCE)
    assert rows(ext, text) == expected


# General English death words of the violence lexicon: perish, lose/give one's life,
# fatalities (lemma die: the subject or the side word names the dead)
@pytest.mark.parametrize("text,expected", [
    ("Twelve Nigerian soldiers perished in the ambush.",
     [("perished", "intransitive", "", "nigeria"), ("ambush", "nominal", "", "")]),
    ("Four Malian soldiers lost their lives near Gao.",
     [("lost their lives", "intransitive", "", "mali")]),
    ("The fatalities among Malian troops were not reported.",
     [("fatalities", "nominal", "", "mali")]),
    ("The minister lost his temper.", []),
])
def test_general_death_words(ext, text, expected):
    assert rows(ext, text) == expected


# With no party named but the source of the report, an agent pronoun resolved in its sentence
# to the source's side ("X officials said their troops killed ...") gives the patient the other
# side of the contrast pair; not a pronoun resolved from the previous sentence
@pytest.mark.parametrize("text,expected", [
    ("Northern officials said their troops had killed ten fighters.",
     [("killed", "north", "south", "contrast")]),
    ("The Southern army said it had shot down a jet, killing both pilots.",
     [("shot down", "south", "north", "contrast"), ("killing", "south", "north", "contrast")]),
    ("Officials said their troops had killed ten fighters.", [("killed", "", "", "")]),
    ("Northern troops advanced. They killed ten fighters.",
     [("killed", "north", "", "pronoun")]),
])
def test_contrast_from_the_source_pronoun(north_south, text, expected):
    ext = AgencyExtractor(actors=north_south, violence=VIOLENCE)
    assert implied(ext, text) == expected


# "among the dead" / "among those killed": those among them are the subject of "be" before
# it ("X were among the dead") or its complement after ("among the dead were X")
@pytest.mark.parametrize("text,expected", [
    ("Two Malian aid workers were among the dead after soldiers set fire to vehicles.",
     [("dead", "nominal", "", "mali")]),
    ("Somali nationals were among those killed by Shabaab fighters in Mogadishu.",
     [("killed", "passive_agent", "shabaab", "somalia")]),
    ("Among the dead were two Nigerian soldiers.", [("dead", "nominal", "", "nigeria")]),
    ("The dead included four Malian soldiers.", [("dead", "nominal", "", "mali")]),
    # no "be" next to the phrase: no patient
    ("Aid reached those among the dead.", [("dead", "nominal", "", "")]),
])
def test_among_the_dead(ext, text, expected):
    assert rows(ext, text) == expected


# An actor that holds a place ("the X-controlled town of Y", "a town held by X") stands for
# that place: its side is where the act happened, and it is not a party
@pytest.mark.parametrize("text,expected", [
    ("An airstrike killed at least 23 people at a market in the Southern-controlled town of "
     "Kutum.", [("airstrike", "", "south", "place"), ("killed", "", "south", "place")]),
    ("Twelve people died in an explosion at a market in Mogok, a town held by the Northern "
     "army.", [("died", "", "north", "place")]),
    # not a place: no side
    ("An airstrike killed at least 23 people after Southern forces ran away.",
     [("airstrike", "", "", ""), ("killed", "", "", "")]),
])
def test_a_place_held_by_a_side(north_south, text, expected):
    ext = AgencyExtractor(actors=north_south, violence=VIOLENCE)
    assert implied(ext, text) == expected


# "X left N dead": the dead are the object of "leave"; their implied side comes from the act
# in the subject (its patient, else the other side of its agent); a town before a weapon and
# an act noun names where it happened
@pytest.mark.parametrize("text,expected", [
    ("The Southern shelling left 12 people dead.",
     [("shelling", "south", "north", "contrast"), ("dead", "", "north", "contrast")]),
    ("Airstrike on Kleindorf Concert Leaves at Least 60 Dead",
     [("Airstrike", "", "south", "stated"), ("Dead", "", "south", "place")]),
    ("Sudstadt Drone Attack Leaves 5 Dead",
     [("Attack", "", "south", "place"), ("Dead", "", "south", "place")]),
    ("The Kleindorf drone attack killed four people.",
     [("attack", "", "south", "place"), ("killed", "", "south", "place")]),
])
def test_left_dead_and_a_town_before_a_weapon(north_south, text, expected):
    ext = AgencyExtractor(actors=north_south, violence=VIOLENCE)
    assert implied(ext, text) == expected


def test_left_dead_patient(north_south):
    ext = AgencyExtractor(actors=north_south, violence=VIOLENCE)
    df = ext.extract("The Southern shelling left 12 people dead.", doc_id="t")
    assert df[["trigger", "voice", "patient"]].values.tolist() == [
        ["shelling", "nominal", ""], ["dead", "intransitive", "12 people"]]


# "on the X side" names where the dead belong (before any other place of the clause)
@pytest.mark.parametrize("text,expected", [
    ("Officials in Nordburg said at least 85 civilians had died in the conflict on the "
     "Southern side.", [("died", "", "south", "place")]),
    ("Forty soldiers were killed on the Northern side.", [("killed", "", "north", "place")]),
    # not "on the X side": the place
    ("Forty soldiers were killed in Nordburg, on the side of the road.",
     [("killed", "", "north", "place")]),
])
def test_on_the_x_side(north_south, text, expected):
    ext = AgencyExtractor(actors=north_south, violence=VIOLENCE)
    assert implied(ext, text) == expected


# Those who died or were killed with no agent "when"/"as" another act happened take the side
# of that act's patient, else the other side of its agent
@pytest.mark.parametrize("text,expected", [
    ("More than 150 people perished when Southern forces stormed the village.",
     [("perished", "", "north", "contrast"), ("stormed", "south", "north", "contrast")]),
    ("Relatives slain when Northern fighters overran Kleindorf were buried.",
     [("slain", "", "south", "place"), ("overran", "north", "south", "stated")]),
    # the clause is not about the death: a comma between
    ("Two soldiers were killed, and Southern troops shelled a village when the talks failed.",
     [("killed", "", "", ""), ("shelled", "south", "north", "contrast")]),
])
def test_died_when_another_act_happened(north_south, text, expected):
    ext = AgencyExtractor(actors=north_south, violence=VIOLENCE)
    assert implied(ext, text) == expected


# An -ing form after an actor noun (not a side adjective) and before an object is a verb
# ("X fighters killing a captive"); after a side adjective or before "of" it stays a noun
@pytest.mark.parametrize("text,expected", [
    ("Video Appears to Show Boko Haram Fighters Killing a Nigerian Captive",
     [("Killing", "active", "boko_haram", "nigeria")]),
    ("Boko Haram shelling of Maiduguri continued.",
     [("shelling", "nominal", "boko_haram", "")]),
    ("The Nigerian shelling of Boko Haram camps continued.",
     [("shelling", "nominal", "nigeria", "boko_haram")]),
])
def test_ing_after_an_actor_noun_with_an_object(ext, text, expected):
    assert rows(ext, text) == expected


# A side's stated act on a place of its own side (the place of the act, or the only side
# word of the patient's phrase) gives the victims the other side: the place is contested or
# held by the other side
@pytest.mark.parametrize("text,expected", [
    ("Northern jets killed ten people in Nordburg.", [("killed", "north", "south", "contrast")]),
    ("Ten people were killed in Nordburg by Northern jets.",
     [("killed", "north", "south", "contrast")]),
    # the victims' own side word, a place of the other side, or no stated agent: unchanged
    ("Northern jets killed ten Northern soldiers in Nordburg.",
     [("killed", "north", "north", "stated")]),
    ("Northern jets killed ten people in Sudstadt.", [("killed", "north", "south", "stated")]),
    ("Ten people were killed in Nordburg.", [("killed", "", "north", "place")]),
])
def test_act_on_a_place_of_its_own_side(north_south, text, expected):
    ext = AgencyExtractor(actors=north_south, violence=VIOLENCE)
    assert implied(ext, text) == expected


# "open" is a light verb ("opened heavy fire on X"); intensive/intense/sustained/
# indiscriminate fire are act nouns like "heavy fire"
@pytest.mark.parametrize("text,expected", [
    ("Nigerian troops had opened intensive fire on Boko Haram positions.",
     [("intensive fire", "nominal", "nigeria", "boko_haram")]),
    ("Boko Haram fighters opened heavy fire on a Nigerian convoy.",
     [("heavy fire", "nominal", "boko_haram", "nigeria")]),
    ("Abuja opened an investigation into the attack.", [("attack", "nominal", "", "")]),
])
def test_open_as_a_light_verb(ext, text, expected):
    assert rows(ext, text) == expected


# "near the X border" does not put an act in X
@pytest.mark.parametrize("text,expected", [
    ("Twelve people were killed near the Sudstadt border.", [("killed", "", "", "")]),
    ("Twelve people were killed in the Sudstadt border region.",
     [("killed", "", "south", "place")]),
])
def test_near_the_x_border(north_south, text, expected):
    ext = AgencyExtractor(actors=north_south, violence=VIOLENCE)
    assert implied(ext, text) == expected


# a bare participle at the end of a noun phrase that is the object of a
# preposition is a reduced relative ("the number of X soldiers killed.")
@pytest.mark.parametrize("text,expected", [
    ("The mayor questioned the number of Southern soldiers killed.",
     [("killed", "passive_agentless", "", "south")]),
    ("Southern troops attacked.", [("attacked", "active", "south", "")]),
])
def test_participle_after_a_prepositional_object(north_south, text, expected):
    ext = AgencyExtractor(actors=north_south, violence=VIOLENCE)
    assert rows(ext, text) == expected
