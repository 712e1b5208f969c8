"""Agency of violent acts: lexicon, voice, agents/patients and their sides, harness."""
import doctest
import json
from pathlib import Path

import pandas as pd
import pytest

from framing import agency as agency_mod
from framing._checks import FramingError
from framing.agency import (AGENCY_COLUMNS, AgencyExtractor, agency_by_outlet, evaluate_agency,
                            extract_agency, format_evaluation)
from framing.lexicons import load_lexicon

GOLD = Path(__file__).parent / "gold" / "agency.jsonl"


@pytest.fixture(scope="module")
def ext():
    return AgencyExtractor()


def rows_of(ext, text):
    """(verb, voice, agent_side, patient_side) of every mention in ``text``."""
    df = ext.extract(text)
    return [tuple(r) for r in df[["verb", "voice", "agent_side", "patient_side"]].values]


def only(ext, text, trigger):
    """The single row whose trigger is ``trigger``."""
    df = ext.extract(text)
    sub = df[df["trigger"] == trigger]
    assert len(sub) == 1, df
    return sub.iloc[0]


# ---------------------------------------------------------------------------
# The violence lexicon
# ---------------------------------------------------------------------------

def test_violence_lexicon_loads_and_is_not_default():
    lex = load_lexicon("violence")
    assert lex.role == "violence"
    from framing import load_study
    assert lex.name not in [x.name for x in load_study().match_lexicons]
    assert {"verb_base", "verb_past_participle", "noun", "exclude", "light_verb"} <= set(
        lex.terms["category"])


@pytest.mark.parametrize("term,category,lemma", [
    ("struck", "verb_past_participle", "strike"),
    ("retook", "verb_past", "retake"),
    ("retaken", "verb_participle", "retake"),
    ("overran", "verb_past", "overrun"),
    ("slain", "verb_participle", "slay"),
    ("shot down", "verb_past_participle", "shoot down"),
    ("repelled", "verb_past_participle", "repel"),
    ("occupies", "verb_3sg", "occupy"),
    ("dying", "verb_ing", "die"),
    ("shelling", "noun", "shell"),
    ("bombardment", "noun", "bombard"),
    ("invasion", "noun", "invade"),
    ("seizure", "noun", "seize"),
    ("provocation", "noun_of_agent", "provoke"),
    ("came under fire", "intransitive", "fire"),
    ("ceasefire", "exclude", "ceasefire"),
])
def test_violence_lexicon_has_inflections(term, category, lemma):
    t = load_lexicon("violence").terms
    row = t[(t["term"] == term) & (t["category"] == category)]
    assert len(row) == 1
    assert row["canonical"].iloc[0] == lemma


def test_every_verb_has_all_inflections():
    t = load_lexicon("violence").terms
    verbs = t[t["category"].str.startswith("verb_")]
    for lemma, g in verbs.groupby("canonical"):
        cats = set(g["category"])
        if lemma in ("down", "mine", "cleanse"):  # only the listed forms (see notes)
            continue
        assert {"verb_base", "verb_3sg", "verb_ing"} <= cats, lemma
        assert "verb_past_participle" in cats or {"verb_past", "verb_participle"} <= cats, lemma


# ---------------------------------------------------------------------------
# Constructions (crafted sentences, exact values)
# ---------------------------------------------------------------------------

@pytest.mark.parametrize("text,expected", [
    # passives with and without agent
    ("A man was killed by police on Monday.", [("kill", "passive_agent", "", "")]),
    ("The attack was repelled.", [("attack", "nominal", "", ""),
                                  ("repel", "passive_agentless", "", "")]),
    ("Two Armenian villages were shelled overnight.",
     [("shell", "passive_agentless", "", "armenia")]),
    ("Two villages were reportedly shelled by Azerbaijani forces.",
     [("shell", "passive_agent", "azerbaijan", "")]),
    ("The soldiers could have been killed.", [("kill", "passive_agentless", "", "")]),
    ("The soldiers got killed.", [("kill", "passive_agentless", "", "")]),
    ("Azeri soldiers were wounded in the attack.",
     [("wound", "passive_agentless", "", "azerbaijan"), ("attack", "nominal", "", "")]),
    # headline passive without auxiliary
    ("11 Azeri soldiers killed in border clashes\n\nThe fighting resumed.",
     [("kill", "passive_agentless", "", "azerbaijan")]),
    # coordinated verbs
    ("Azerbaijani forces shelled and destroyed two Armenian villages.",
     [("shell", "active", "azerbaijan", "armenia"), ("destroy", "active", "azerbaijan", "armenia")]),
    ("The town was captured and later recaptured by Azerbaijan.",
     [("capture", "passive_agent", "azerbaijan", ""), ("recapture", "passive_agent", "azerbaijan", "")]),
    # active with subject and object; participial adjunct; fire at; weapon + at
    ("Armenian forces fired at Azerbaijani positions, killing one Azerbaijani soldier.",
     [("fire", "active", "armenia", "azerbaijan"), ("kill", "active", "armenia", "azerbaijan")]),
    ("Armenian troops fired rockets at Azerbaijani villages.",
     [("fire", "active", "armenia", "azerbaijan")]),
    ("Armenian air defenses shot down an Azerbaijani drone.",
     [("shoot down", "active", "armenia", "azerbaijan")]),
    ("Azerbaijan attacks Armenian positions.", [("attack", "active", "azerbaijan", "armenia")]),
    ("Armenian forces may attack Azerbaijani villages.",
     [("attack", "active", "armenia", "azerbaijan")]),
    ("Baku accused Yerevan of shelling civilian areas.", [("shell", "active", "armenia", "")]),
    ("Yerevan denied that its troops had targeted civilians.",
     [("target", "active", "armenia", "")]),
    ("Ethnic Armenian separatists tried to seize the hill.",
     [("seize", "active", "armenia", "")]),
    # nominal
    ("The shelling of Armenian villages continued.", [("shell", "nominal", "", "armenia")]),
    ("Armenia's attacks against civilians must stop.", [("attack", "nominal", "armenia", "")]),
    ("Azerbaijani attacks on Armenian positions continued.",
     [("attack", "nominal", "azerbaijan", "armenia")]),
    ("Armenian forces launched an attack on Azerbaijani positions.",
     [("attack", "nominal", "armenia", "azerbaijan")]),
    ("Strikes by Azerbaijani forces hit the town.", [("strike", "nominal", "azerbaijan", "")]),
    ("Baku condemned another provocation of Armenia.", [("provoke", "nominal", "armenia", "")]),
    # intransitive
    ("Three Armenian soldiers died.", [("die", "intransitive", "", "armenia")]),
    ("Four Azerbaijani soldiers are dead.", [("die", "intransitive", "", "azerbaijan")]),
    ("Armenian villages came under fire.", [("fire", "intransitive", "", "armenia")]),
    # side words: demonyms, capitals, the enemy left unresolved
    ("Baku shelled Yerevan.", [("shell", "active", "azerbaijan", "armenia")]),
    ("The enemy attacked Armenian positions.", [("attack", "active", "", "armenia")]),
    # a pronoun never refers to the other participant of the same act
    ("The Armenian military said Azerbaijan raided its posts.",
     [("raid", "active", "azerbaijan", "armenia")]),
])
def test_constructions(ext, text, expected):
    assert rows_of(ext, text) == expected


@pytest.mark.parametrize("text", [
    "A ceasefire was agreed on Monday.",
    "Both sides respected the cease-fire.",
    "President Aliyev fired the minister on Thursday.",
    "The president sacked the minister.",
    "The two companies struck a deal on gas.",
    "The target audience is young voters.",
    "The minister came under fire for his remarks.",
    "Such statements could provoke a war.",
    "The government began targeting trucks with fines and arrests.",
    "He suffered a heart attack.",
    "The fire brigade arrived.",
])
def test_negatives_produce_no_mention(ext, text):
    assert ext.extract(text).empty


def test_weapon_noun_is_not_an_act(ext):
    # "shells" the projectile vs "shells" the verb
    assert rows_of(ext, "Artillery shells landed in the yard.") == []
    assert rows_of(ext, "Azerbaijan shells Armenian villages.") == [
        ("shell", "active", "azerbaijan", "armenia")]


def test_columns_offsets_and_quoted(ext):
    text = 'Baku said: "Armenian forces shelled our villages." Two soldiers died.'
    df = ext.extract(text, doc_id="d1")
    assert list(df.columns) == AGENCY_COLUMNS
    assert df["trigger"].tolist() == ["shelled", "died"]
    for r in df.itertuples():
        assert text[r.start:r.end] == r.trigger
    assert df["quoted"].tolist() == [True, False]
    assert df["sent_id"].tolist() == [0, 1]
    # first person inside a quote takes the speaker's side
    assert df.iloc[0]["patient_side"] == "azerbaijan"
    assert df.iloc[0]["agent"] == "Armenian forces"


def test_extract_agency_on_corpus_frame():
    c = pd.DataFrame({"doc_id": ["a", "b", "c"],
                      "body": ["Two villages were shelled.", "", "Nothing happened."]})
    df = extract_agency(c)
    assert df[["doc_id", "verb", "voice"]].values.tolist() == [["a", "shell", "passive_agentless"]]
    empty = extract_agency(c.iloc[1:])
    assert list(empty.columns) == AGENCY_COLUMNS and empty.empty
    with pytest.raises(FramingError, match="body"):
        extract_agency(pd.DataFrame({"doc_id": ["a"], "text": ["x"]}))


def test_extract_rejects_non_string(ext):
    with pytest.raises(FramingError, match="str"):
        ext.extract(None)


# ---------------------------------------------------------------------------
# Another conflict: nothing about Armenia/Azerbaijan is in the code
# ---------------------------------------------------------------------------

def test_other_conflict_with_own_actors_lexicon():
    actors = load_lexicon(pd.DataFrame({
        "term": ["Russia", "Russian", "Russians", "Ukraine", "Ukrainian", "Kyiv", "Moscow",
                 "Kremlin", "Israel", "Israeli", "Hamas", "Gaza", "Palestinian", "Palestinians"],
        "category": ["country", "demonym", "demonym", "country", "demonym", "capital", "capital",
                     "government", "country", "demonym", "organization", "place", "demonym",
                     "demonym"],
        "side": ["russia", "russia", "russia", "ukraine", "ukraine", "ukraine", "russia", "russia",
                 "israel", "israel", "palestine", "", "palestine", "palestine"]}), name="actors_rt")
    ext = AgencyExtractor(actors=actors)
    text = ("Russian forces shelled Kharkiv overnight, killing three Ukrainian civilians. "
            "Two Ukrainian soldiers were killed by Russian drones near Bakhmut. "
            "Kyiv said its air defences shot down 20 Russian missiles. "
            "The Kremlin accused Ukraine of shelling Russian border villages. "
            "Israeli airstrikes on Gaza killed 12 Palestinians, officials said. "
            "Hamas fired rockets at Israel. "
            "Palestinian militants were killed in an Israeli raid. "
            "Several houses in Gaza were destroyed.")
    got = ext.extract(text)[["trigger", "voice", "agent_side", "patient_side"]].values.tolist()
    assert got == [
        ["shelled", "active", "russia", ""],
        ["killing", "active", "russia", "ukraine"],
        ["killed", "passive_agent", "russia", "ukraine"],
        ["shot down", "active", "ukraine", "russia"],
        ["shelling", "active", "ukraine", "russia"],
        ["airstrikes", "nominal", "israel", ""],
        ["killed", "active", "israel", "palestine"],
        ["fired", "active", "palestine", "israel"],
        ["killed", "passive_agent", "israel", "palestine"],
        ["raid", "nominal", "israel", ""],
        ["destroyed", "passive_agentless", "", ""],
    ]


def test_no_case_study_names_in_code():
    """Only docstrings and comments may mention the case study; no string or name in code."""
    import ast

    tree = ast.parse(Path(agency_mod.__file__).read_text(encoding="utf-8"))
    docstrings = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef)) and node.body and \
                isinstance(node.body[0], ast.Expr) and isinstance(node.body[0].value, ast.Constant):
            docstrings.add(id(node.body[0].value))
    words = ("armenia", "azerbaijan", "azeri", "baku", "yerevan", "karabakh", "artsakh")
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and \
                id(node) not in docstrings:
            found += [node.value for w in words if w in node.value.lower()]
        elif isinstance(node, ast.Name):
            found += [node.id for w in words if w in node.id.lower()]
    assert found == []


# ---------------------------------------------------------------------------
# Real sample sentences (exact values)
# ---------------------------------------------------------------------------

@pytest.fixture(scope="module")
def sample_agency():
    from framing import load_sample_corpus

    c = load_sample_corpus()
    return c, extract_agency(c)


def at(corpus, agency, doc_prefix, context, trigger):
    doc = corpus[corpus["doc_id"].str.startswith(doc_prefix)].iloc[0]
    pos = doc["body"].index(context) + context.index(trigger)
    sub = agency[(agency["doc_id"] == doc["doc_id"]) & (agency["start"] == pos)]
    assert len(sub) == 1
    return sub.iloc[0]


@pytest.mark.parametrize("doc,context,trigger,voice,agent_side,patient_side,quoted", [
    ("000", "claiming Azerbajani forces then shelled two Armenian villages", "shelled",
     "active", "azerbaijan", "armenia", False),
    ("000", "no Armenian soldiers had been killed in the latest violence", "killed",
     "passive_agentless", "", "armenia", False),
    ("000", "the enemy was repelled, suffering casualties", "repelled",
     "passive_agentless", "", "", True),
    ("000", "a pre-dawn raid by Azerbaijan on one of its border posts", "raid",
     "nominal", "azerbaijan", "armenia", False),
    ("000", "have reportedly died in the clashes", "died", "intransitive", "", "", False),
    ("000", "in a war that killed thousands", "killed", "active", "", "", False),
    ("001", "nearly 100 Armenian soldiers have been killed", "killed",
     "passive_agentless", "", "armenia", False),
    ("001", "attack by Armenia against friend and brother Azerbaijan", "attack",
     "nominal", "armenia", "azerbaijan", True),
    ("002", "Armenia downed an Azerbaijani military helicopter", "downed",
     "active", "armenia", "azerbaijan", False),
    ("002", "it launched a counteroffensive against Armenia", "counteroffensive",
     "nominal", "azerbaijan", "armenia", False),
    ("002", "has been targeted by the Azerbaijan artillery", "targeted",
     "passive_agent", "azerbaijan", "", False),
    ("003", "Three Armenian civilians have also reportedly been injured by the shelling", "injured",
     "passive_agent", "", "armenia", False),
    ("003", "14 others were injured in strikes by Azerbaijani forces", "injured",
     "passive_agent", "azerbaijan", "armenia", False),
    ("003", "was recaptured by Azerbaijan", "recaptured", "passive_agent", "azerbaijan", "", False),
    ("003", "the time, killing one Azerbaijani soldier", "killing",
     "active", "armenia", "azerbaijan", False),
    ("004", "the Armenian-occupied Nagorno-Karabakh region", "occupied",
     "passive_agent", "armenia", "", False),
    ("004", "left scores dead on both sides", "dead", "intransitive", "", "", False),
    ("004", "killing the civilian population", "killing", "active", "armenia", "", True),
    ("004", "in areas it now occupies", "occupies", "active", "armenia", "", False),
])
def test_sample_sentences(sample_agency, doc, context, trigger, voice, agent_side, patient_side,
                          quoted):
    corpus, agency = sample_agency
    r = at(corpus, agency, doc, context, trigger)
    assert (r["voice"], r["agent_side"], r["patient_side"], bool(r["quoted"])) == (
        voice, agent_side, patient_side, quoted)


def test_sample_negatives(sample_agency):
    corpus, agency = sample_agency
    for doc, context in [("001", "sacked his Foreign Minister"),
                         ("001", "obligations under the cease-fire"),
                         ("001", "threaten to provoke all-out war"),
                         ("003", "began targeting Iranian trucks with fines"),
                         ("000", "A ceasefire was reached in 1994")]:
        d = corpus[corpus["doc_id"].str.startswith(doc)].iloc[0]
        s = d["body"].index(context)
        e = s + len(context)
        hit = agency[(agency["doc_id"] == d["doc_id"]) & (agency["start"] >= s)
                     & (agency["end"] <= e)]
        assert hit.empty, hit


# ---------------------------------------------------------------------------
# Per outlet and plot
# ---------------------------------------------------------------------------

def test_agency_by_outlet_values():
    c = pd.DataFrame({
        "doc_id": ["a", "b"], "outlet": ["X", "Y"],
        "body": ["Armenian villages were shelled. Azerbaijani forces shelled Armenian villages.",
                 "Three Azerbaijani soldiers died."]})
    t = agency_by_outlet(extract_agency(c), c)
    assert list(t.columns) == ["outlet", "measure", "side", "count", "n", "value"]
    get = t.set_index(["outlet", "measure", "side"])["value"]
    assert get[("X", "n_mentions", "all")] == 2
    assert get[("X", "agent_share", "azerbaijan")] == 0.5
    assert get[("X", "agent_share", "")] == 0.5
    assert get[("X", "patient_share", "armenia")] == 1.0
    assert get[("X", "agentless_rate", "all")] == 0.5
    assert get[("X", "agentless_rate", "armenia")] == 0.5
    assert get[("Y", "agentless_rate", "azerbaijan")] == 1.0
    with pytest.raises(FramingError, match="not in corpus"):
        agency_by_outlet(extract_agency(c), c.iloc[:1])


def test_plot_agency(sample_agency):
    import matplotlib.pyplot as plt

    from framing.plot import plot_agency

    corpus, agency = sample_agency
    ax = plot_agency(agency_by_outlet(agency, corpus))
    assert len(ax.get_yticklabels()) == corpus["outlet"].nunique()
    assert ax.get_xlabel().splitlines() == [
        "share of violent acts, by side of the agent (dot)",
        "line: 95% Wilson interval on the counts, items taken as independent (no line: n < 3)"]
    # the mentions themselves: a bootstrap over documents (one document per sample outlet:
    # too few for an interval, said at the right of each row)
    ax = plot_agency(agency, corpus=corpus)
    assert "bootstrap interval over documents" in ax.get_xlabel()
    assert all(t.get_text().endswith("(1 doc), no interval")
               for t in ax.child_axes[0].get_yticklabels())
    with pytest.raises(FramingError, match="role"):
        plot_agency(agency_by_outlet(agency, corpus), role="victim")
    plt.close("all")


# ---------------------------------------------------------------------------
# Evaluation harness on the hand-annotated gold set
# ---------------------------------------------------------------------------

@pytest.fixture(scope="module")
def gold_result():
    return evaluate_agency(GOLD)


def test_gold_floors(gold_result):
    r = gold_result
    assert r["n_gold"] == 88
    assert r["voice_accuracy"] >= 0.95
    assert r["agent_side_accuracy"] >= 0.90
    assert r["patient_side_accuracy"] >= 0.90
    assert r["recall"] >= 0.97
    assert r["precision"] >= 0.93
    assert r["unlocated"].empty


def test_evaluate_accepts_list_and_detects_errors():
    recs = [json.loads(line) for line in GOLD.read_text(encoding="utf-8").splitlines()[:5]]
    r = evaluate_agency(recs)
    assert r["n_gold"] == 5 and r["n_aligned"] == 5
    wrong = dict(recs[1], voice="active")
    r2 = evaluate_agency([wrong])
    assert r2["voice_accuracy"] == 0.0
    assert len(r2["errors"]) == 1
    lost = dict(recs[0], context="this text is not in the article")
    assert len(evaluate_agency([lost])["unlocated"]) == 1
    with pytest.raises(FramingError, match="no/such/gold.jsonl: no such gold file"):
        evaluate_agency("no/such/gold.jsonl")


def test_format_evaluation(gold_result):
    text = format_evaluation(gold_result)
    assert text.splitlines()[0].startswith("agency evaluation: 88 gold mentions")
    assert f"{gold_result['voice_accuracy']:.3f}" in text


def test_doctests():
    res = doctest.testmod(agency_mod, optionflags=doctest.NORMALIZE_WHITESPACE)
    assert res.attempted > 0 and res.failed == 0


def test_shared_matcher_gives_the_same_rows(sample_texts):
    """The pipeline scans each text once for hits and agency (lexicon_slots + found=)."""
    from framing.lexicons import Matcher, load_lexicons

    from framing import load_study

    ext = AgencyExtractor()
    lexes = list(load_study().match_lexicons)
    n = len(lexes)
    ai, vi = ext.lexicon_slots(lexes)
    assert [x.name for x in lexes[n:]] == ["violence"]  # actors reused, violence added
    assert lexes[ai].name == "actors" and vi == n
    shared = Matcher(lexes)
    n_rows = 0
    for doc_id, text in sample_texts.items():
        own = ext.rows(text, doc_id)
        assert ext.rows(text, doc_id, found=shared._select(text), slots=(ai, vi)) == own
        n_rows += len(own)
    assert n_rows > 80
    # a different actors lexicon (same name, other rows) is appended, not confused
    other = load_lexicon(pd.DataFrame({"term": ["Zenda"], "category": ["country"],
                                       "side": ["zenda"]}), name="actors")
    lexes2 = [other]
    assert ext.lexicon_slots(lexes2) == (1, 2) and len(lexes2) == 3


def test_analyze_does_not_report_the_agency_lexicons_as_hits(sample_corpus):
    from framing.pipeline import analyze

    a = analyze(sample_corpus, stages=("agency",))
    b = analyze(sample_corpus, stages=())
    assert "violence" not in set(a.hits["lexicon"])
    pd.testing.assert_frame_equal(a.hits, b.hits)
    pd.testing.assert_frame_equal(a.documents, b.documents)
    pd.testing.assert_frame_equal(a.agency, extract_agency(sample_corpus), check_dtype=False)


def test_token_pattern_equals_the_greedy_one(sample_texts):
    """The possessive token pattern (Python 3.11+) tokenises like the greedy pattern used
    on Python 3.10."""
    import re

    greedy = re.compile(r"\d+(?:[.,]\d+)+|\w+(?:['\u2019](?!s\b)\w+)*|['\u2019]s\b|[^\w\s]")
    crafted = ["Armenia's 1,200.5 troops' O'Brien don’t 3.14.15 ,,5 a.b 12. ’s x’s’ "
               "rock’n’roll ٣,٤ 2020-09-27 ‘shelled’ l’s", "1,,2 ’’s 'a'b's'"]
    for text in list(sample_texts.values()) + crafted:
        assert agency_mod._TOKEN.findall(text) == greedy.findall(text)
