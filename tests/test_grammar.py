"""The shared shallow grammar (framing.grammar) and the extractors built on it.

* the word classes of grammar.py and the sets each extractor derives from them (the
  derived sets must equal the lists the extractors had before the grammar layer, written
  out here);
* the pronoun agreement test and the word tests, on words and sentences written here;
* an identity check: a hash of the extractors' rows on the sample corpus and on the
  tests/heldout articles, pinned from the commit before the grammar layer, so moving
  word lists into grammar.py changes no output. A rule change that is meant to change
  outputs updates the pins (say so in its commit message).
"""
from __future__ import annotations

import doctest
import hashlib
import warnings
from pathlib import Path

import pandas as pd
import pytest

import framing
from framing import agency, attribution, grammar
from framing.agency import AgencyExtractor, extract_agency
from framing.attribution import AttributionExtractor, extract_attributions
from framing.lexicons import load_lexicon

ROOT = Path(__file__).resolve().parents[1]
HELD = ROOT / "tests" / "heldout"
VERBS = str(ROOT / "lexicons" / "general" / "reporting_verbs.csv")
VIOLENCE = str(ROOT / "lexicons" / "general" / "violence.csv")


def _w(text: str) -> frozenset:
    return frozenset(text.split())


# --------------------------------------------------------------------------- grammar.py
def test_doctests():
    assert doctest.testmod(grammar).failed == 0


def test_pronoun_features_cover_every_form():
    assert set(grammar.PRONOUN_FEATURES) == grammar.PERSONAL_PRONOUNS
    assert grammar.PRONOUN_FEATURES["their"] == grammar.Agreement(3, "pl", "")
    assert grammar.PRONOUN_FEATURES["her"] == grammar.Agreement(3, "sg", "f")
    assert grammar.PRONOUN_FEATURES["your"].number == ""


def test_pronouns_by_feature():
    assert grammar.pronouns(person=1, number="pl") == _w("we us our ours ourselves")
    assert grammar.pronouns(gender="m") == _w("he him his himself")
    assert grammar.pronouns(person=3, number="pl") == _w("they them their theirs themselves")
    assert grammar.pronouns(person=2, number="sg") == _w("yourself")
    assert grammar.pronouns(person=4) == frozenset()


@pytest.mark.parametrize("pronoun,kw,expected", [
    ("it", {"plural": True}, False),
    ("it", {"plural": False}, True),
    ("its", {"plural": True}, False),
    ("they", {"plural": True}, True),
    ("their", {"plural": False}, False),
    ("themselves", {"plural": False}, False),
    ("you", {"plural": True}, True),        # "you" does not mark number
    ("you", {"plural": False}, True),
    ("he", {"gender": "f"}, False),
    ("his", {"gender": "m"}, True),
    ("she", {"gender": "m"}, False),
    ("her", {"gender": "f"}, True),
    ("he", {"gender": ""}, True),           # unknown gender never blocks
    ("he", {"gender": "n"}, False),
    ("they", {"gender": "f"}, True),        # "they" does not mark gender
    ("it", {"gender": "f"}, False),
    ("we", {"person": 3}, False),
    ("we", {"person": 1, "plural": True}, True),
    ("he", {"person": 3, "plural": False, "gender": "m"}, True),
    ("he", {"person": 3, "plural": True, "gender": "m"}, False),
    ("army", {"plural": True, "gender": "f"}, True),  # not a pronoun: no constraint
])
def test_agrees(pronoun, kw, expected):
    assert grammar.agrees(pronoun, **kw) is expected


@pytest.mark.parametrize("words,expected", [
    (["the", "spokeswoman"], "f"),
    (["mr", "okafor"], "m"),
    (["a", "woman", "and", "her", "husband"], "f"),  # no male word of the list
    (["the", "queen", "and", "the", "king"], ""),
    (["the", "president"], ""),
    ([], ""),
])
def test_gender_of(words, expected):
    assert grammar.gender_of(words) == expected
    assert grammar.gender_of(set(words)) == expected


@pytest.mark.parametrize("word,expected", [
    ("fighters", True), ("forces", True), ("press", False), ("army", False),
    ("s", True), ("ss", False),
])
def test_looks_plural(word, expected):
    assert grammar.looks_plural(word) is expected


@pytest.mark.parametrize("word,expected", [
    ("Goris", True), ("UN", True), ("1995", True), ("7th", True), ("army", False),
    ("'s", False), ("\u00c9vian", True),
])
def test_is_capitalised(word, expected):
    assert grammar.is_capitalised(word) is expected


def test_classes_are_lower_case_and_general():
    for name in grammar.__all__:
        v = getattr(grammar, name)
        if isinstance(v, frozenset):
            assert v, name
            assert all(w == w.lower() and " " not in w for w in v), name


# --------------------------------------------------------------------------- agency sets
#: The agency word lists as written in agency.py before the grammar layer (commit
#: e0258ac); the sets built from grammar.py must be exactly these.
_AGENCY_BEFORE = {
    "_BE": "be is are was were been being am 're 's",
    "_GET": "get gets got gotten getting",
    "_HAVE": "have has had having 've",
    "_MODALS": "will would can could may might must shall should 'll 'd",
    "_DO": "do does did",
    "_NEG": "not n't never no",
    "_DET": """a an the this that these those any some no every each another such both all
               many several few other either neither much more most less least""",
    "_POSS": "its their his her our my your whose",
    "_PRON": "it they he she we i you them him us me itself themselves",
    "_FIRST": "we our us i my me ours",
    "_PLURAL_PRON": "they their them themselves",
    "_ARTICLES": "the a an",
    "_FINITE_AUX": "is are was were has have had will would could may might must should",
    "_NUMBER_WORDS": """two three four five six seven eight nine ten eleven twelve fifteen
                        twenty thirty forty fifty hundred hundreds thousand thousands million
                        millions dozen dozens scores""",
    "_SING_PRON": "it its itself",
    "_REL": "who which that whom",
    "_DEM_HEADS": "those these this that many some all both others several few",
    "_PREP": """of in on at by for from with without against toward towards into onto over
                under near along across during after before since until amid amidst among
                between through throughout around about as despite via per upon within
                outside inside behind beyond like than following including off up down out""",
    "_CONJ": """and or but nor yet so while whereas although though because if when where
                whether unless""",
    "_TIME": """monday tuesday wednesday thursday friday saturday sunday january february
                march april may june july august september october november december morning
                evening night afternoon time day days week weeks month months year years hour
                hours minute minutes dawn dusk midnight noon weekend then now far way end
                moment today tonight yesterday overnight spring summer autumn winter""",
}


@pytest.mark.parametrize("name", sorted(_AGENCY_BEFORE))
def test_agency_sets_unchanged(name):
    assert getattr(agency, name) == _w(_AGENCY_BEFORE[name])


# --------------------------------------------------------------------------- agency behaviour
def _actors(rows):
    """An actors lexicon of (term, category, side) rows, each side labelled by itself."""
    df = pd.DataFrame(rows, columns=["term", "category", "side"])
    return load_lexicon(df, name="actors", meta={"role": "actors",
                                                 "sides": {s: s for s in df["side"]}})


@pytest.fixture(scope="module")
def ext():
    rows = [("Ruritanian", "demonym", "ruri"), ("Ruritania", "country", "ruri"),
            ("Freedonian", "demonym", "fred"), ("Freedonia", "country", "fred"),
            ("Sylvanian Guard", "military", "syl")]
    return AgencyExtractor(actors=_actors(rows), violence=VIOLENCE)


@pytest.mark.parametrize("text,field,expected", [
    # "its" skips an actor heading a plural ("Sylvanian Guard fighters") for the one before
    ("Freedonia said Sylvanian Guard fighters watched as militias shelled its villages.",
     "patient_side", "fred"),
    ("Freedonia said the Sylvanian Guard watched as militias shelled its villages.",
     "patient_side", "syl"),
    # a subject pronoun after a reporting verb takes the verb's subject when the numbers agree
    ("The Freedonian army said it shelled Ruritanian positions.", "agent_side", "fred"),
    ("Freedonian officials said they shelled Ruritanian positions.", "agent_side", "fred"),
    # ... and not when they do not
    ("Freedonian officials said it shelled Ruritanian positions.", "agent_side", ""),
    ("The Freedonian army said they shelled Ruritanian positions.", "agent_side", ""),
])
def test_agency_pronoun_agreement(ext, text, field, expected):
    df = ext.extract(text)
    assert len(df) == 1, df
    assert df.iloc[0][field] == expected


# --------------------------------------------------------------------------- attribution sets
#: The attribution word lists as written in attribution.py before the grammar layer (commit
#: fddc81e); the sets built from grammar.py must be exactly these.
_ATTRIBUTION_BEFORE = {
    "_AUX": """has have had is are was were be been being will would could can may might
               must should shall did does do not never n't also further additionally then later
               again already still reportedly previously earlier repeatedly immediately recently
               publicly officially separately too first once just finally subsequently allegedly
               initially reportedly both all itself himself herself themselves""",
    "_BE": "is are was were be been being get gets got gotten",
    "_SUBORD": "while whilst although though whereas because as when after before if since but "
               "and where",
    "_RELATIVE": "which who whom whose where",
    "_DETS": "a an the this these those its his her their our my your any no every each in of "
             "for with on at by from into upon about",
    "_PRONOUNS": "he she they it we i",
    "_TIME": """monday tuesday wednesday thursday friday saturday sunday today yesterday tonight
                overnight morning afternoon evening night week weekend month year earlier later
                then again also too recently previously late early last this next soon
                immediately publicly separately shortly now jan january feb february mar march
                apr april may jun june jul july aug august sep sept september oct october nov
                november dec december""",
    "_PASSIVE_DETS": "the a an this that these those its their his her our such",
    "_SPEAKER_DETS": """a an the one another some several many two three four five six seven
                        eight nine ten dozens hundreds his her their its our""",
}


@pytest.mark.parametrize("name", sorted(_ATTRIBUTION_BEFORE))
def test_attribution_sets_unchanged(name):
    assert getattr(attribution, name) == _w(_ATTRIBUTION_BEFORE[name])


def test_gender_words_unchanged():
    # attribution's _FEMALE and _MALE before the grammar layer
    assert grammar.FEMALE_WORDS == _w("spokeswoman woman ms mrs madam she her chairwoman "
                                      "congresswoman businesswoman queen")
    assert grammar.MALE_WORDS == _w("spokesman man mr he his chairman congressman "
                                    "businessman king")


# --------------------------------------------------------------------------- attribution behaviour
@pytest.fixture(scope="module")
def attr_ext():
    rows = [("Ruritania", "country", "ruri"), ("Freedonia", "country", "fred"),
            ("Anna Kovac", "person", "ruri"), ("Pavel Dorn", "person", "fred"),
            ("Sylvanian Guard", "military", "syl")]
    return AttributionExtractor(actors=_actors(rows), verbs=VERBS)


@pytest.mark.parametrize("text,actor", [
    # he/she: the subject of the previous sentence, or the nearest person, of that gender
    ("Mrs Anna Kovac met Mr Pavel Dorn on Monday. She said the talks had failed.", "Anna Kovac"),
    ("Mrs Anna Kovac met Mr Pavel Dorn on Monday. He said the talks had failed.", "Pavel Dorn"),
    ("Mrs Anna Kovac spoke after Mr Pavel Dorn. He said the talks had failed.", "Pavel Dorn"),
    ("Mr Pavel Dorn spoke after Mrs Anna Kovac. He said the talks had failed.", "Pavel Dorn"),
    # no gender word: the subject
    ("Minister Anna Kovac met Pavel Dorn on Monday. He said the talks had failed.", "Anna Kovac"),
    # a female subject with no name is not "Mr Pavel Dorn"
    ("The spokeswoman of Freedonia met Mr Pavel Dorn. She said the talks had failed.", ""),
    # it/they: number of the previous subject
    ("The Sylvanian Guard shelled Ruritania. It said the village was a base.", "Sylvanian Guard"),
    ("Sylvanian Guard fighters shelled Ruritania. It said the village was a base.", "Ruritania"),
    ("Sylvanian Guard fighters shelled Ruritania. They said the village was a base.",
     "Sylvanian Guard"),
])
def test_attribution_pronoun_agreement(attr_ext, text, actor):
    df = attr_ext.extract_frame(text)
    assert len(df) == 1, df
    assert df.iloc[0]["actor"] == actor


# --------------------------------------------------------------------------- identity
def _digest(frames) -> str:
    h = hashlib.sha256()
    for name, df in frames:
        h.update(name.encode())
        h.update(df.to_csv(index=False).encode("utf-8"))
    return h.hexdigest()


def _sample_frames():
    c = framing.load_sample_corpus()
    return [("agency", extract_agency(c)), ("attribution", extract_attributions(c))]


def _heldout_frames():
    """Rows on tests/heldout, each conflict with its own actors lexicon (as
    benchmarks/heldout.py runs them)."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        corpus = framing.load_corpus(str(HELD / "articles"))
    out = []
    for conflict in sorted(set(corpus["conflict"])):
        sub = corpus[corpus["conflict"] == conflict].reset_index(drop=True)
        actors = load_lexicon(str(HELD / "lexicons" / f"actors_{conflict}.csv"))
        out.append((f"agency {conflict}", extract_agency(sub, actors=actors, violence=VIOLENCE)))
        out.append((f"attribution {conflict}",
                    extract_attributions(sub, actors=actors, verbs=VERBS)))
    return out


#: sha256 of the rows, computed at commit e0258ac (the commit before the grammar layer,
#: "find_copies workers: SIGINT ignored ..."), with the code of this file. fddc81e, the last
#: commit before attribution.py used the grammar layer, gives the same rows.
#: Re-computed for the media side of a lexicon that files journalists under it (the shipped
#: actors lexicon): two sample attribution rows get side media ("News outlets", "multiple
#: editorials in Azerbaijani media"), as in the gold; agency rows do not change.
#: Re-computed for "media_speakers" (the shipped actors lexicon): five sample attribution rows
#: by TASS, APA ("The article" too) and Armenpress get side media, as in the gold.
#: Re-computed for a side's act on a place of its own side (agency.py: the victims are the
#: other side's): three sample agency rows change their implied patient side from the place
#: to the contrast ("the Azerbaijan artillery targeted a city" in 002 and "Azerbaijani forces
#: ... strikes" in 003 -> armenia, "Armenia ... provocation" in 004 -> azerbaijan).
#: Re-computed for the contrast of a lethal act with both parties named (agency.py,
#: lethal_lemmas): "Armenia ... killing the civilian population" in 004 gets the implied
#: patient side azerbaijan (was '', basis contrast).
#: Re-computed for the dead of both sides (agency.py, BOTH_SIDES): three sample rows get
#: the implied patient side "both" ("11 Azeri soldiers, one Azeri citizen and four Armenian
#: soldiers" died in 000, "killing nearly 200 soldiers on both sides" in 001, was azerbaijan
#: from the place, "left scores dead on both sides" in 004).
_SAMPLE_SHA = "c4210acfe8d77a511535e50ae4c0de7ffdc0bd26b8645f358a466ab76147b5fb"
#: _HELDOUT_SHA re-computed at 9a1b9b6 (unnamed speakers take their side from the context:
#: four attribution rows on tests/heldout change, agency rows do not).
#: Re-computed for issue 12's definite descriptions (agency.py): one agency row changes, the
#: implied agent side of "the rebels" in drc_02 ('' -> m23, as in the gold); stated sides
#: and attribution rows do not change.
#: Re-computed for the possessive role speakers of attribution.py ("his spokesman" in kas_01
#: is found, with the side of its possessor); agency rows do not change.
#: Re-computed for "shot" after an auxiliary (the verb, not the weapon noun): one agency row
#: more on tests/heldout ("they ... were shot", sud_02); attribution rows do not change.
#: Re-computed for verb-only forms after an article or a possessive (a noun, not an act):
#: one agency row fewer on tests/heldout (a spurious "target" in isr_01).
#: Re-computed for verb-only forms in an act verb's object (a noun): kas_02 "struck targets
#: across the Line of Control" has its patient and no spurious "targets".
#: Re-computed for "dismiss" before a content noun (attribution): one row more.
#: Re-computed for datelines (not part of speakers or contents): five attribution rows.
#: Re-computed for closing parenthetical acronyms left out of speakers: four rows.
#: Re-computed for object pronouns as patients: kas_02 "shrapnel wounded him" gets "him".
#: Re-computed for naming without quotation marks ("called the bombardment a massacre",
#: attribution.py): two attribution rows more on tests/heldout; agency rows do not change.
#: Re-computed for the contrast from a source pronoun ("X said its troops killed ...", no other
#: party named, agency.py): two implied patient sides on tests/heldout ('' -> the other side
#: of the pronoun's: eth_02 "they ... seized Dessie", kas_01 "its troops killed two
#: militants"); stated sides and attribution rows do not change.
#: Re-computed for "among the dead" (agency.py): two "dead" rows get their patient ("Among
#: the dead were at least nine children", eth_01; "Children are among the dead", isr_02);
#: sides and attribution rows do not change.
#: Re-computed for "put the death toll at N" as a report (attribution.py, reporting verbs):
#: one attribution row more on tests/heldout (drc_02); agency rows do not change.
#: Re-computed for "on the X side" (agency.py): isr_02 "64 soldiers and three civilians
#: (were killed) on the Israeli side" gets the implied patient side israel; stated sides and
#: attribution rows do not change.
#: Re-computed for a side's act on a place of its own side (agency.py): kas_02 "it (Pakistan)
#: captured a pilot" gets the implied patient side india (was pakistan, from the place).
#: Re-computed for the contrast of a lethal act with both parties named (agency.py,
#: lethal_lemmas): drc_02 "M23 rebels ... killed at least 131 civilians" -> drc and isr_02
#: "An Israeli strike ... killed at least 10 people" -> palestine (implied patient sides,
#: were '').
#: Re-computed for the side of the reporting institution (agency.py, side_basis "source"):
#: three implied patient sides on tests/heldout ('' -> palestine: isr_01 "an offensive that
#: Palestinian health officials said has killed at least 81 people", isr_02 "Palestinian
#: health officials said the death toll ... had reached 1,766" and "Palestinian officials,
#: who called the bombardment a massacre"); stated sides and attribution rows do not change.
_HELDOUT_SHA = "729629e877f8b2e5a779627fca877cac939166e78a68b1d125236c504e2f4697"


def test_sample_rows_identical_to_before_grammar_layer():
    assert _digest(_sample_frames()) == _SAMPLE_SHA, (
        "agency/attribution rows on the sample corpus changed; update the pin only if the "
        "change is intended")


def test_heldout_rows_identical_to_before_grammar_layer():
    assert _digest(_heldout_frames()) == _HELDOUT_SHA, (
        "agency/attribution rows on tests/heldout changed; update the pin only if the "
        "change is intended")
