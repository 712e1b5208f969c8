"""Lexicon format, validation, matching rules, hits and KWIC."""
import pandas as pd
import pytest

from framing import LexiconError, Matcher, kwic, list_lexicons, load_lexicon, match_lexicon, read_liwc_dic
from framing.lexicons import match_text, normalize_term


def lex(terms, category="c", **cols):
    df = pd.DataFrame({"term": terms, "category": [category] * len(terms), **cols})
    return load_lexicon(df, name="t")


def matches(lexicon, text):
    return [text[s:e] for s, e, *_ in Matcher([lexicon]).find(text)]


@pytest.mark.parametrize("term,text,expected", [
    ("Nagorno-Karabakh", "the Nagorno Karabakh region", ["Nagorno Karabakh"]),
    ("Nagorno-Karabakh", "the Nagorno–Karabakh region", ["Nagorno–Karabakh"]),
    ("Nagorno-Karabakh", "the Nagorno -  Karabakh region", ["Nagorno -  Karabakh"]),
    ("Nagorno Karabakh", "NAGORNO-KARABAKH", ["NAGORNO-KARABAKH"]),
    ("United States", "Manchester United, states are", []),
    ("United States", "the United States said", ["United States"]),
    ("war", "toward the warship and a war", ["war"]),
    ("provocation*", "provocations and provocation, not provocateur", ["provocations", "provocation"]),
    ("Azerbaijan", "Azerbaijan’s army", ["Azerbaijan"]),
    ("Azerbaijan's army", "Azerbaijan’s army", ["Azerbaijan’s army"]),
    ("İsmail Demir", "İsmail Demir said", ["İsmail Demir"]),
    ("Shusha", "Şuşa or Shusha", ["Shusha"]),
])
def test_matching_rules(term, text, expected):
    assert matches(lex([term]), text) == expected


def test_longest_match_wins_inside_a_lexicon():
    L = lex(["occupied", "Armenian-occupied", "occupied territories"])
    assert matches(L, "the Armenian-occupied territories") == ["Armenian-occupied"]
    assert matches(L, "the occupied territories") == ["occupied territories"]


def test_overlaps_across_lexicons_all_kept():
    a = load_lexicon(pd.DataFrame({"term": ["Armenian"], "category": ["demonym"]}), name="a")
    b = load_lexicon(pd.DataFrame({"term": ["Armenian-occupied"], "category": ["occ"]}), name="b")
    found = sorted((s, e, li) for s, e, _, li, _ in Matcher([a, b]).find("Armenian-occupied land"))
    assert found == [(0, 8, 0), (0, 17, 1)]


def test_case_sensitive_flag():
    L = lex(["US"], case_sensitive=["true"])
    assert matches(L, "the US and us") == ["US"]


def test_regex_terms():
    L = lex([r"re:\bde[- ]facto\b"])
    assert matches(L, "a De facto republic and de-facto rule") == ["De facto", "de-facto"]


def test_term_in_two_categories_gives_two_hits():
    L = load_lexicon(pd.DataFrame({"term": ["attack", "attack"], "category": ["a", "b"]}), name="t")
    h = match_text("an attack", [L])
    assert sorted(h["category"]) == ["a", "b"]


def test_normalize_term():
    assert normalize_term("  Nagorno–Karabakh ") == "nagorno karabakh"


# ---- validation -----------------------------------------------------------

def write(tmp_path, body, meta=None, name="mine"):
    p = tmp_path / f"{name}.csv"
    p.write_text(body, encoding="utf-8")
    if meta is not None:
        import json

        (tmp_path / f"{name}.json").write_text(json.dumps(meta), encoding="utf-8")
    return p


def test_error_names_file_and_line_empty_term(tmp_path):
    p = write(tmp_path, "term,category\nArtsakh,toponym\n,toponym\n")
    with pytest.raises(LexiconError, match=r"mine.csv, line 3: empty term"):
        load_lexicon(p)


def test_duplicate_terms(tmp_path):
    p = write(tmp_path, "term,category\nNagorno-Karabakh,t\nArtsakh,t\nnagorno karabakh,t\n")
    with pytest.raises(LexiconError, match=r"line 4: duplicate term 'nagorno karabakh' in category 't' \(same as line 2\)"):
        load_lexicon(p)


def test_unknown_category_with_suggestion(tmp_path):
    p = write(tmp_path, "term,category\nArtsakh,toponim\n", {"categories": {"toponym": ""}})
    with pytest.raises(LexiconError, match=r"line 2: unknown category 'toponim'.*did you mean 'toponym'"):
        load_lexicon(p)


def test_unknown_side(tmp_path):
    p = write(tmp_path, "term,category,side\nArtsakh,t,armnia\n",
              {"sides": {"armenia": "", "azerbaijan": ""}})
    with pytest.raises(LexiconError, match=r"unknown side 'armnia'.*did you mean 'armenia'"):
        load_lexicon(p)


def test_bad_regex(tmp_path):
    p = write(tmp_path, "term,category\nre:(unclosed,t\n")
    with pytest.raises(LexiconError, match=r"line 2: bad regular expression"):
        load_lexicon(p)


def test_star_in_middle_and_short_glob(tmp_path):
    with pytest.raises(LexiconError, match=r"'\*' is allowed only at the end"):
        load_lexicon(write(tmp_path, "term,category\noc*cupied,t\n"))
    with pytest.raises(LexiconError, match=r"too short"):
        load_lexicon(write(tmp_path, "term,category\nab*,t\n"))


def test_missing_columns_and_empty_file(tmp_path):
    with pytest.raises(LexiconError, match=r"needs the columns 'term' and 'category'; columns found: word"):
        load_lexicon(write(tmp_path, "word\nx\n"))
    with pytest.raises(LexiconError, match=r"the file is empty"):
        load_lexicon(write(tmp_path, ""))


def test_undecodable_lexicon(tmp_path):
    p = tmp_path / "bad.csv"
    p.write_bytes(b"term,category\nArtsakh,t\nStepanakert\xff,t\n")
    with pytest.raises(LexiconError, match=r"bad.csv, line 3: undecodable byte 0xff"):
        load_lexicon(p)


def test_unknown_name_suggests():
    with pytest.raises(LexiconError, match=r"no lexicon named 'namin'.*did you mean 'naming'"):
        load_lexicon("namin")


def test_liwc_import(tmp_path):
    p = tmp_path / "mini.dic"
    p.write_text("%\n1\tnegemo\n2\tanger\n%\nhate\t1\t2\nkill*\t1\nafraid\t1\n", encoding="utf-8")
    L = read_liwc_dic(p)
    assert len(L) == 4
    assert sorted(L.categories) == ["anger", "negemo"]
    h = match_text("They hate killing.", [L])
    assert sorted(zip(h["match"], h["category"])) == [("hate", "anger"), ("hate", "negemo"),
                                                      ("killing", "negemo")]
    bad = tmp_path / "bad.dic"
    bad.write_text("%\n1\tnegemo\n%\nhate\t7\n", encoding="utf-8")
    with pytest.raises(LexiconError, match=r"bad.dic, line 4: category id 7"):
        read_liwc_dic(bad)


# ---- shipped lexicons -----------------------------------------------------

def test_shipped_lexicons_listed_and_valid():
    names = set(list_lexicons()["name"])
    assert {"naming", "loaded", "actors"} <= names
    for n in names:
        L = load_lexicon(n)
        assert len(L) > 0
        assert L.meta.get("description"), n
        assert (L.terms["note"].str.len() > 0).mean() > 0.5, f"{n}: most entries need a note"


def test_shipped_sides_are_declared():
    for n in ("naming", "loaded", "actors"):
        L = load_lexicon(n)
        used = set(L.terms["side"]) - {""}
        assert used <= set(L.sides), n


# ---- hits on the real sample ----------------------------------------------

def test_naming_hits_on_sample(sample_corpus):
    h = match_lexicon(sample_corpus, "naming")
    by = h.groupby(["doc_id", "canonical"]).size()
    # 003 (Jerusalem Post) writes "Shusha (Shushi)" once in a caption that cleaning removes,
    # and "Artsakh" twice in its own voice ("de-facto Artsakh Republic", "Republic of Artsakh")
    jp = h[h["doc_id"] == "003_2aedb43fb5936a4f"]
    assert "Shusha" not in set(jp["match"])
    assert (jp["match"].str.contains("Artsakh")).sum() == 2
    # the blog (002) quotes Pashinyan: "an attack on Artsakh" is in quotes, Stepanakert is own voice
    blog = h[h["doc_id"] == "002_2749a53b44881638"]
    art = blog[blog["match"] == "Artsakh"]
    assert list(art["voice"]) == ["quoted"] and list(art["side"]) == ["armenia"]
    st = blog[blog["match"] == "Stepanakert"]
    assert list(st["voice"]) == ["own"] and list(st["side"]) == ["armenia"]
    assert by.sum() == len(h)


def test_loaded_terms_on_sample(sample_corpus):
    h = match_lexicon(sample_corpus, "loaded")
    trt = h[h["doc_id"] == "004_f1188ba773722cf1"]
    ao = trt[trt["match"] == "Armenian-occupied"]
    assert len(ao) == 1 and ao["voice"].iloc[0] == "own" and ao["side"].iloc[0] == "azerbaijan"
    prov = trt[trt["match"].str.lower().str.startswith("provocati")]
    # "another provocation of Armenia", Armenian ‘provocations’, "This provocation by
    # Armenia", "such provocative attacks": all four are in quotes, none in TRT's own voice
    assert sorted(prov["match"]) == ["provocation by Armenia", "provocation of Armenia",
                                     "provocations", "provocative"]
    assert set(prov["voice"]) == {"quoted"}


def test_hits_offsets_trace_back(sample_corpus):
    h = match_lexicon(sample_corpus)
    bodies = dict(zip(sample_corpus["doc_id"], sample_corpus["body"]))
    assert len(h) > 50
    assert all(bodies[d][s:e] == m for d, s, e, m in zip(h["doc_id"], h["start"], h["end"], h["match"]))
    assert list(h.columns) == ["doc_id", "sent_id", "start", "end", "lexicon", "category", "side",
                               "term", "canonical", "match", "voice"]


def test_kwic_on_sample(sample_corpus):
    k = kwic(sample_corpus, "separatists", window=30)
    assert len(k) == 2
    assert set(k["outlet"]) == {"Georgia Today", "World Socialist Web Site (WSWS)"}
    assert k.iloc[0]["sentence"] == ("Ethnic Armenian separatists seized the area in the 1990s in a "
                                     "war that killed thousands.")
    assert k.iloc[0]["left"].endswith("Ethnic Armenian ")
