"""``re:`` lexicon terms are tried only where their literal start occurs
(:func:`framing.lexicons._regex_starts`); the matches must be those of scanning every
piece with ``finditer``."""
from __future__ import annotations

import random
import re

import pandas as pd
import pytest

from framing.lexicons import (
    Matcher, _regex_lower, _regex_matches, _regex_pieces, _regex_starts, load_lexicon,
)

PATTERNS = [
    (r"provok(?:e|es|ed|ing)\s+(?:an?\s+|the\s+)?(?:[\w-]+\s+){0,2}?(?:war|crisis)\b", re.I),
    (r"(?:attack|assault|strike)(?=\s+(?:drones?|rifles?)\b)", re.I),
    (r"(?:deaths?|dead|died|dies|die|dying)\s+(?:from|of)\s+(?:cholera|flu)\b", re.I),
    (r"\bhang(?:s|ing)?\s+(?:out|on)\b", re.I),
    (r"Kill(?:ed)?\s+[A-Z]\w+", 0),          # case-sensitive
    (r"(?<!un)armed\s+men", re.I),           # a look-behind before the literal
    (r"(?:x|)ray", re.I),                    # an empty alternative
    (r"(?:a|b)+c", re.I),                    # no literal start: scanned
]
WORDS = ("war crisis provoked provokes the a an attack ATTACK Assault strike drones rifle "
         "rifles death deaths Dead died dies die dying from of cholera flu hang hangs "
         "hanging out on Killed kill Killer Smith smith unarmed armed men Men xray ray "
         "abc aac cba x \u0130stanbul \u212aill \u017ftrike caf\u00e9 \u2019s").split()


def _text(rng: random.Random) -> str:
    n = rng.choice([0, 1, 5, 40, 400, 900])
    parts = []
    for _ in range(n):
        parts.append(rng.choice(WORDS))
        parts.append(rng.choice([" ", " ", " ", "  ", "\n", ". ", ", "]))
    return "".join(parts)


@pytest.mark.parametrize("pattern,flags", PATTERNS)
def test_matches_equal_scanning(pattern, flags):
    rx = re.compile(pattern, flags)
    starts = _regex_starts(rx)
    rng = random.Random(pattern)
    for _ in range(150):
        text = _text(rng)
        pieces = _regex_pieces(text)
        fast = _regex_matches(rx, starts, text, pieces, _regex_lower(text))
        slow = _regex_matches(rx, None, text, pieces, None)
        assert fast == slow, (pattern, text[:200])


def test_literal_starts():
    assert _regex_starts(re.compile(r"(?:attack|assault|strike)(?=\s)", re.I)) == (
        "attack", "strike", "assault")  # by length, then alphabetically
    # "die" begins "dies": only the shorter is searched for ("dying" is its own start)
    assert _regex_starts(re.compile(r"(?:dies|die|dying|dead)\s", re.I)) == (
        "die", "dead", "dying")
    assert _regex_starts(re.compile(r"Kill\w*", 0)) == ("Kill",)
    assert _regex_starts(re.compile(r"Kill\w*", re.I)) == ("kill",)
    assert _regex_starts(re.compile(r"\bfoo", re.I)) == ("foo",)
    assert _regex_starts(re.compile(r"(?:x|)y")) == ("y", "xy")
    assert _regex_starts(re.compile(r"a*b")) is None          # may start with b
    assert _regex_starts(re.compile(r"(?i:ab)c")) is None      # a group with its own flags
    assert _regex_starts(re.compile(r"caf\u00e9", re.I)) is None  # not ASCII: scanned


def test_odd_case_characters_are_found():
    # the long s and the dotless i match "s" and "i" when case is ignored, but
    # str.lower() keeps them as they are: _regex_lower writes them as ASCII letters
    rx = re.compile(r"strike", re.I)
    text = "\u017ftrike and str\u0131ke and strike"
    assert _regex_lower(text) == "strike and strike and strike"
    expected = [(0, 6), (11, 17), (22, 28)]
    assert [(m.start(), m.end()) for m in rx.finditer(text)] == expected
    assert _regex_matches(rx, _regex_starts(rx), text, _regex_pieces(text),
                          _regex_lower(text)) == expected
    # given the plain lower-cased text instead, the first two would be missed
    assert _regex_matches(rx, _regex_starts(rx), text, _regex_pieces(text), text.lower()) \
        == [(22, 28)]


def test_matcher_hits_with_regex_terms(tmp_path):
    path = tmp_path / "lex.csv"
    path.write_text("term,category\n"
                    "attack,act\n"
                    "\"re:(?:attack|strike)(?=\\s+drones?\\b)\",weapon\n"
                    "re:hang(?:s|ing)?\\s+out\\b,idiom\n", encoding="utf-8")
    m = Matcher([load_lexicon(path)])
    text = "An Attack drones hit. The attack began.\nThey hang out; STRIKE drone."
    found = [(s, e, t) for s, e, t, _, _ in m.find(text)]
    # "Attack drones": the word and the pattern cover the same span, both are kept
    assert found == [(3, 9, "attack"),
                     (3, 9, "re:(?:attack|strike)(?=\\s+drones?\\b)"),
                     (26, 32, "attack"),
                     (45, 53, "re:hang(?:s|ing)?\\s+out\\b"),
                     (55, 61, "re:(?:attack|strike)(?=\\s+drones?\\b)")]


def test_matcher_selection_equals_scanning(tmp_path):
    """The whole selection of a Matcher with re: terms (their starts found in one pass
    for all terms) equals that of the same Matcher scanning every pattern."""
    rows = ["term,category,case_sensitive", "attack,act,", "strike,act,", "Killed,act,true"]
    for k, (pattern, flags) in enumerate(PATTERNS):
        rows.append(f"\"re:{pattern}\",p{k},{'' if flags & re.I else 'true'}")
    path = tmp_path / "lex.csv"
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    fast = Matcher([load_lexicon(path)])
    slow = Matcher([load_lexicon(path)])
    slow._regex = [(rx, li, ri, None) for rx, li, ri, _ in slow._regex]
    slow._regex_auto = None
    assert fast._regex_auto is not None and len(fast._regex_auto_ids) == len(PATTERNS) - 1
    rng = random.Random(7)
    n_regex_hits = 0
    for _ in range(300):
        text = _text(rng)
        got = fast._select(text)
        assert got == slow._select(text), text[:200]
        n_regex_hits += sum(1 for _s, _li, _e, ri in got if ri >= 3)
    assert n_regex_hits > 100  # the patterns did match
