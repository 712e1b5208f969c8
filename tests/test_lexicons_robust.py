"""Lexicon robustness: risky regular expressions, meaningless terms, metadata types,
exact line numbers, Unicode normalisation and malformed files."""
import json
import time
import unicodedata

import pandas as pd
import pytest

from framing import LexiconError, Matcher, load_lexicon
from framing.lexicons import Lexicon, match_text, normalize_term


def write(tmp_path, body, meta=None, name="mine"):
    p = tmp_path / f"{name}.csv"
    p.write_text(body, encoding="utf-8")
    if meta is not None:
        (tmp_path / f"{name}.json").write_text(
            meta if isinstance(meta, str) else json.dumps(meta), encoding="utf-8")
    return p


def csv_of(*terms):
    """A lexicon file body, one quoted term a row (header = line 1)."""
    return "term,category\n" + "".join('"' + t.replace('"', '""') + '",c\n' for t in terms)


def matches(lexicon, text):
    return [text[s:e] for s, e, *_ in Matcher([lexicon]).find(text)]


# ---- 1. catastrophic regular expressions ------------------------------------

@pytest.mark.parametrize("pattern", [
    r"(a+)+$", r"(a*)*", r"(a|aa)+", r"(\w+\s?)*", r"(?:\w+)+b", r"(x+x+)+y",
    r"(?:a{1,3})+b", r"(?:\w+\s*){2,5}x", r"(?:[a-z]+\d?)+!",
    r"(.*a){12}", r"(?=(a+)+b)a", r"x(?:a|ab|b)+y", r"(?:\s|\w+)*$",
    r"(?:a|a)+b",
])
def test_nested_quantifiers_refused_with_file_and_line(tmp_path, pattern):
    p = write(tmp_path, csv_of("Artsakh", "re:" + pattern))
    with pytest.raises(LexiconError, match=r"mine\.csv, line 3: .*nested quantifier"):
        load_lexicon(p)


@pytest.mark.parametrize("pattern,what", [
    (r"(\w+) \1", "backreference"),
    (r"(?P<w>\w+) (?P=w)", "backreference"),
    (r"(a)?(?(1)b|c)", "backreference"),
    (r"", "empty"),
    (r"a*", "empty string"),
    (r"(?:foo)?", "empty string"),
    (r"\b", "empty string"),
])
def test_other_risky_or_empty_regexes_refused(tmp_path, pattern, what):
    p = write(tmp_path, csv_of("Artsakh", "re:" + pattern))
    with pytest.raises(LexiconError, match=r"mine\.csv, line 3: .*" + what):
        load_lexicon(p)


def test_regex_check_applies_to_dataframes_and_hand_made_lexicons():
    with pytest.raises(LexiconError, match="line 2: .*nested quantifier"):
        load_lexicon(pd.DataFrame({"term": [r"re:(a+)+$"], "category": ["c"]}))
    # a Lexicon built by hand skips load-time validation; the Matcher still refuses it
    terms = pd.DataFrame({"term": [r"re:(a+)+$"], "category": ["c"], "side": [""],
                          "canonical": ["x"], "weight": [1.0], "case_sensitive": [False],
                          "note": [""], "line": [7]})
    with pytest.raises(LexiconError, match="line 7: .*nested quantifier"):
        Matcher([Lexicon("hand", terms)])


@pytest.mark.parametrize("term,text,expected", [
    (r"re:\bde[- ]facto\b", "a De facto republic and de-facto rule", ["De facto", "de-facto"]),
    (r"re:(?:Kiev|Kyiv)an", "Kievan Rus and Kyivan Rus", ["Kievan", "Kyivan"]),
    (r"re:provok(?:e|es|ed|ing)\s+(?:an?\s+|the\s+)?(?:[\w-]+\s+){0,2}?wars?\b",
     "it could provoke an all-out war", ["provoke an all-out war"]),
    (r"re:target(?:s|ed|ing)?\s+(?:[\w'’-]+\s+){0,4}?with\s+fines\b",
     "they targeted Baku’s firms with fines", ["targeted Baku’s firms with fines"]),
    (r"re:(?:\d+\.)+\d+", "version 1.2.3 ships", ["1.2.3"]),
    (r"re:(?:[A-Z]\.)+", "the U.S. said", ["U.S."]),
    (r"re:(?:ab|cd)+e", "ababcde", ["ababcde"]),
    (r"re:(?:foo|ba)+!", "foobafoo!", ["foobafoo!"]),
    (r"re:(?:\w+-)+led", "Russian-brokered Turkish-led force", ["Turkish-led"]),
    (r"re:(?:(?:ab)*c)+!", "ababcabcc!", ["ababcabcc!"]),
    (r"re:x(?:ab|a)+y", "xabaaby", ["xabaaby"]),
    (r"re:\w+(?=\s+forces)", "Azerbaijani forces", ["Azerbaijani"]),
])
def test_ordinary_regexes_load_and_match(tmp_path, term, text, expected):
    L = load_lexicon(write(tmp_path, csv_of(term)))
    assert matches(L, text) == expected


def test_shipped_regexes_pass_the_check():
    from pathlib import Path

    root = Path(__file__).resolve().parents[1] / "lexicons"
    regexes = 0
    for csv in sorted(root.rglob("*.csv")):
        if "re:" not in csv.read_text(encoding="utf-8"):
            continue
        L = load_lexicon(csv)
        regexes += L.terms["term"].str.startswith("re:").sum()
    assert regexes >= 2


def test_regex_matching_is_bounded_on_long_text():
    # passes the nested-quantifier check but backtracks quadratically over one long
    # run of word characters; matching per line and per bounded piece keeps it linear
    L = load_lexicon(pd.DataFrame({"term": [r"re:\w+@"], "category": ["c"]}))
    m = Matcher([L])
    text = "a" * 60_000
    t = time.perf_counter()
    assert m.find(text) == []
    assert time.perf_counter() - t < 5
    # and a match is still found inside a long line, wherever it is
    text = ("word " * 30_000) + "x@ " + ("word " * 100)
    assert [text[s:e] for s, e, *_ in m.find(text)] == ["x@"]


def test_regex_does_not_cross_a_line_break():
    # like a phrase: a regular expression matches inside one line
    L = load_lexicon(pd.DataFrame({"term": [r"re:de\s+facto"], "category": ["c"]}))
    assert matches(L, "de\nfacto, de facto") == ["de facto"]
    L = load_lexicon(pd.DataFrame({"term": [r"re:^Baku\b"], "category": ["c"]}))
    assert matches(L, "Baku said\nBaku again") == ["Baku", "Baku"]


# ---- 2. terms without a letter or digit -------------------------------------

@pytest.mark.parametrize("term", [".", "--", "'", "...*", "*", "“”", "_"])
def test_punctuation_only_terms_refused(tmp_path, term):
    p = write(tmp_path, csv_of("Artsakh", term))
    with pytest.raises(LexiconError, match=r"mine\.csv, line 3: .*no letter or digit"):
        load_lexicon(p)


@pytest.mark.parametrize("term", ["   ", "\t"])
def test_whitespace_only_term_is_empty(tmp_path, term):
    p = write(tmp_path, csv_of("Artsakh", term))
    with pytest.raises(LexiconError, match=r"mine\.csv, line 3: empty term"):
        load_lexicon(p)


def test_digits_and_short_words_still_allowed():
    L = load_lexicon(pd.DataFrame({"term": ["9/11", "F-16", "US", "2020"], "category": ["c"] * 4}))
    assert matches(L, "an F-16 in 2020") == ["F-16", "2020"]


@pytest.mark.parametrize("term,what", [
    ("Artsakh\u200b", "invisible character U\\+200B"),
    ("\ufeffArtsakh", "invisible character U\\+FEFF"),
    ("Nagorno\nKarabakh", "line break"),
])
def test_invisible_characters_and_line_breaks_in_terms_refused(tmp_path, term, what):
    p = write(tmp_path, csv_of("Stepanakert", term))
    with pytest.raises(LexiconError, match=r"mine\.csv, line 3: .*" + what):
        load_lexicon(p)


# ---- 3. metadata types --------------------------------------------------------

@pytest.mark.parametrize("meta,key,expected", [
    ({"sides": 3}, "sides", "an object"),
    ({"sides": "armenia"}, "sides", "an object"),
    ({"categories": "toponym"}, "categories", "an object"),
    ({"categories": [1, 2]}, "categories", "names"),
    ({"role": 5}, "role", "one of"),
    ({"role": "naming "}, "role", "one of"),
    ({"role": "loded"}, "role", "did you mean 'loaded'"),
    ({"default": "false"}, "default", "true or false"),
    ({"name": ["x"]}, "name", "a string"),
])
def test_metadata_type_errors_name_file_and_key(tmp_path, meta, key, expected):
    p = write(tmp_path, "term,category,side\nArtsakh,toponym,armenia\n", meta)
    with pytest.raises(LexiconError, match=rf"mine\.json: '{key}' .*{expected}"):
        load_lexicon(p)


def test_categories_as_string_is_not_a_substring_test(tmp_path):
    # before: "topo" was accepted because it is a substring of "toponym"
    p = write(tmp_path, "term,category\nArtsakh,topo\n", {"categories": "toponym"})
    with pytest.raises(LexiconError, match=r"mine\.json: 'categories'"):
        load_lexicon(p)
    with pytest.raises(LexiconError, match=r"'categories'"):
        load_lexicon(pd.DataFrame({"term": ["Artsakh"], "category": ["topo"]}),
                     meta={"categories": "toponym"})


def test_lists_of_names_are_accepted_as_sides_and_categories(tmp_path):
    p = write(tmp_path, "term,category,side\nArtsakh,toponym,armenia\n",
              {"sides": ["armenia", "azerbaijan"], "categories": ["toponym"], "role": "naming"})
    L = load_lexicon(p)
    assert L.sides == ["armenia", "azerbaijan"] and L.categories == ["toponym"]
    assert L.meta["sides"] == {"armenia": "", "azerbaijan": ""}
    bad = write(tmp_path, "term,category,side\nArtsakh,toponym,armnia\n",
                {"sides": ["armenia", "azerbaijan"]}, name="bad")
    with pytest.raises(LexiconError, match=r"bad\.csv, line 2: unknown side 'armnia'"):
        load_lexicon(bad)


def test_metadata_file_shapes(tmp_path):
    p = write(tmp_path, "term,category\nArtsakh,t\n", "[1, 2]")
    with pytest.raises(LexiconError, match=r"mine\.json: metadata must be a JSON object.*list"):
        load_lexicon(p)
    # a byte-order mark is accepted; bytes that are not UTF-8 are named
    (tmp_path / "mine.json").write_bytes(b'\xef\xbb\xbf{"categories": {"t": ""}}')
    assert load_lexicon(p).categories == ["t"]
    (tmp_path / "mine.json").write_bytes(b'{"description": "caf\xe9",\n "categories": {"t": ""}}')
    with pytest.raises(LexiconError, match=r"mine\.json, line 1: undecodable byte 0xe9"):
        load_lexicon(p)


# ---- 4. exact line numbers ----------------------------------------------------

def test_line_numbers_after_a_multiline_note(tmp_path):
    body = ('term,category,note\n'
            'Artsakh,t,"a note\nthat runs over\nthree lines"\n'
            '\n'
            'Stepanakert,t,ok\n'
            ',t,empty term here\n')
    with pytest.raises(LexiconError, match=r"mine\.csv, line 7: empty term"):
        load_lexicon(write(tmp_path, body))
    body = body.replace(",t,empty term here", "Shushi,,no category")
    with pytest.raises(LexiconError, match=r"mine\.csv, line 7: term 'Shushi' has no category"):
        load_lexicon(write(tmp_path, body))
    ok = body.replace("Shushi,,", "Shushi,t,")
    L = load_lexicon(write(tmp_path, ok))
    assert list(L.terms["line"]) == [2, 6, 7]
    assert L.terms["note"].iloc[0] == "a note\nthat runs over\nthree lines"


def test_line_numbers_with_crlf_and_bom(tmp_path):
    p = tmp_path / "w.csv"
    p.write_bytes('\ufeffterm,category,note\r\nArtsakh,t,"x\r\ny"\r\n,t,\r\n'.encode("utf-8"))
    with pytest.raises(LexiconError, match=r"w\.csv, line 4: empty term"):
        load_lexicon(p)


def test_malformed_csv_names_the_line(tmp_path):
    with pytest.raises(LexiconError, match=r"mine\.csv, line 3: .*3 fields"):
        load_lexicon(write(tmp_path, "term,category\nArtsakh,t\nShusha,t,extra\n"))
    with pytest.raises(LexiconError, match=r"mine\.csv, line 3: .*quot"):
        load_lexicon(write(tmp_path, 'term,category\nArtsakh,t\n"Shusha,t\nX,t\n'))
    with pytest.raises(LexiconError, match=r"mine\.csv, line 1: .*duplicate column 'term'"):
        load_lexicon(write(tmp_path, "term,category,term\nArtsakh,t,x\n"))


def test_header_only_file_has_no_terms(tmp_path):
    with pytest.raises(LexiconError, match=r"mine\.csv: the lexicon has no terms"):
        load_lexicon(write(tmp_path, "term,category\n\n"))


# ---- 5. Unicode normalisation -------------------------------------------------

def test_nfd_term_matches_nfc_text(tmp_path):
    nfd = unicodedata.normalize("NFD", "Şuşa")
    assert nfd != "Şuşa"
    L = load_lexicon(write(tmp_path, csv_of(nfd, "re:" + unicodedata.normalize("NFD", "Ağdam"))))
    assert list(L.terms["term"]) == ["Şuşa", "re:Ağdam"]  # stored as NFC
    text = "Şuşa and Ağdam"  # NFC, as the corpus loader gives it
    assert matches(L, text) == ["Şuşa", "Ağdam"]
    assert normalize_term(nfd) == "şuşa"
    h = match_text(text, [L])
    assert list(h["term"]) == ["Şuşa", "re:Ağdam"]


def test_nfd_and_nfc_spellings_are_duplicates(tmp_path):
    p = write(tmp_path, csv_of("Şuşa", unicodedata.normalize("NFD", "Şuşa")))
    with pytest.raises(LexiconError, match=r"line 3: duplicate term"):
        load_lexicon(p)
