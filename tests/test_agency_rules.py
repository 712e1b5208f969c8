"""Agency rules of issue 12 (development sentences written for this file).

Each case is a sentence written here, not taken from any article, with the exact rows
(trigger, voice, agent_side, patient_side) the extractor must give. The actors lexicon
is built in the test from three conflicts that appear nowhere in the package: Nigeria
(army vs Boko Haram), Somalia (government vs al-Shabaab) and Libya (GNA vs LNA).
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
    ("Three GNA fighters were among those killed.", [("killed", "passive_agentless", "", "")]),
    ("Boko Haram, which has killed thousands since 2009, attacked the town.",
     [("killed", "active", "boko_haram", ""), ("attacked", "active", "boko_haram", "")]),
    ("Haftar's forces began shelling Tripoli's southern suburbs, and then stormed the airport.",
     [("shelling", "active", "lna", "gna"), ("stormed", "active", "lna", "")]),
])
def test_more_voice_and_carried_agents(ext, text, expected):
    assert rows(ext, text) == expected
