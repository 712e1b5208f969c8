"""Lexicons: loading, validation and fast matching of terms in text.

A lexicon is data: a CSV file with one term per row (``term, category`` and
optional ``side, canonical, weight, case_sensitive, note``) and a JSON file of
metadata (name, version, description, language, sides, categories, sources,
licence, limitations). The lexicons shipped with framing live in the top-level
``lexicons/`` folder of the repository and are installed as the package
``framing.lexicon_data``.

Matching rules
--------------
* Words and phrases match case-insensitively on word boundaries; spaces and
  hyphens are interchangeable and may repeat ("Nagorno-Karabakh" matches
  "Nagorno Karabakh" and "Nagorno – Karabakh"); straight and curly apostrophes
  are the same character. A phrase does not match across a line break.
* A trailing ``*`` is a prefix glob: ``provocation*`` matches "provocations";
  the match runs to the end of the word.
* ``re:<pattern>`` is an explicit Python regular expression (case-insensitive
  unless ``case_sensitive`` is true), for the rare hard case. It is matched in
  each line of the text on its own (like a phrase, it does not cross a line
  break; ``^`` and ``$`` match at the ends of each line); a line longer than
  1,000 characters is matched in pieces cut after a sentence end (else at a
  space), so matching time stays linear in the length of the text.
* Terms are brought to Unicode NFC on load; texts are expected in NFC (the
  corpus loader normalises them).
* ``case_sensitive=true`` matches the letters exactly ("US" but not "us").
* Inside one lexicon the longest match wins (leftmost first); matches of
  different lexicons may overlap and are all kept.

All literal terms of all lexicons are compiled into one Aho-Corasick automaton
(``pyahocorasick``), so the text is scanned once whatever the number of terms.

Validation
----------
At load time, with the file and line in every message: missing columns, empty
terms, terms without a letter or digit (``.``, ``--``, ``*``), terms holding a
line break, a control character or an invisible one (zero-width space, BOM,
soft hyphen), duplicate terms (after NFC), unknown categories or sides,
misplaced or too-short globs, bad weights and flags, and ``re:`` patterns that
are empty, can match the empty string, use a backreference, or have a *nested
quantifier*: a repeated group (``*``, ``+``, ``{m,n}`` with n > 1) in which a
part that may stop or go on (``\\w+``, ``\\s?``, an optional alternative) can
be followed, inside the group or round the loop into the next repetition, by a
part that can start with the same character, or whose alternatives can start
with the same character. ``(a+)+``, ``(a*)*``, ``(a|aa)+`` and ``(\\w+\\s?)*``
are refused (they can take exponential time); ``(?:\\w+\\s+){0,2}`` and
``(?:\\d+\\.)+`` pass, because each repetition must end where the next cannot
begin. The check reads the parse tree of the standard ``re`` parser. In the JSON
metadata, ``sides`` and ``categories`` must be objects (a list of names is read
as an object with empty descriptions), ``role`` one of :data:`ROLES`,
``default`` true or false, and ``name``, ``description``, ``language`` strings;
the file must be UTF-8 (a BOM is accepted) and hold an object.
"""
from __future__ import annotations

import json
import os
import re
import unicodedata
import warnings
from bisect import bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import NamedTuple

import ahocorasick
import pandas as pd

from ._checks import FramingError, LexiconError, did_you_mean
from .text import find_quotes, split_sentences

__all__ = [
    "Lexicon",
    "Matcher",
    "list_lexicons",
    "load_lexicon",
    "load_lexicons",
    "read_liwc_dic",
    "match_text",
    "match_lexicon",
    "kwic",
    "normalize_term",
    "HITS_COLUMNS",
]

HITS_COLUMNS = ["doc_id", "sent_id", "start", "end", "lexicon", "category", "side",
                "term", "canonical", "match", "voice"]

# side labels that name no party of a conflict (for Lexicon.inferred_contrast)
NON_PARTY_SIDES = frozenset({"international", "media", "other", "others", "neutral", "none",
                             "unknown", "mixed", "both", "multiple", "civilian", "civilians"})

_OPTIONAL = ["side", "canonical", "weight", "case_sensitive", "note"]
_KNOWN_COLUMNS = ["term", "category", *_OPTIONAL]

# One-to-one character map applied before matching: hyphens and dashes and all
# white space become a space; curly apostrophes become straight ones.
_FOLD = str.maketrans({
    "-": " ", "\u2010": " ", "\u2011": " ", "\u2012": " ", "\u2013": " ", "\u2014": " ",
    "\u2212": " ", "\t": " ", "\r": " ", "\f": " ", "\v": " ", "\xa0": " ",
    "\u2009": " ", "\u202f": " ", "\u2019": "'", "\u2018": "'", "\u02bc": "'",
})
_SPACES = re.compile(r" {2,}")
# a run of word characters (\w is exactly str.isalnum() or "_")
_WORD_RUN = re.compile(r"\w*")
_FOLD_PAIRS = [(k if isinstance(k, str) else chr(k), v) for k, v in
               ((chr(k) if isinstance(k, int) else k, v) for k, v in _FOLD.items())]


def _translate(text: str) -> str:
    """``text.translate(_FOLD)``, faster: most texts hold few of the characters."""
    for a, b in _FOLD_PAIRS:
        if a in text:
            text = text.replace(a, b)
    return text


def normalize_term(term: str, *, case_sensitive: bool = False) -> str:
    """The form of a literal term used for matching.

    >>> normalize_term("Nagorno–Karabakh")
    'nagorno karabakh'

    The term is first brought to Unicode NFC, the form texts are matched in.
    """
    t = _translate(unicodedata.normalize("NFC", term))
    t = _SPACES.sub(" ", t).strip()
    return t if case_sensitive else t.replace("\u0130", "I").lower()


def _fold_text(text: str, *, lower: bool) -> tuple[str, list[int] | None, list[int] | None]:
    """Fold ``text`` for matching, keeping a way back to the original offsets.

    Returns the folded text and, when runs of spaces were squeezed, two lists
    (folded start of each segment, original start of each segment) to map
    folded offsets back; ``None`` when offsets are unchanged.
    """
    if lower:
        low = text.lower()
        if len(low) != len(text):  # e.g. Turkish dotted capital I
            low = text.replace("\u0130", "I").lower()
            if len(low) != len(text):
                low = "".join(c.lower() if len(c.lower()) == 1 else c for c in text)
        text = low
    folded = _translate(text)
    if "  " not in folded:
        return folded, None, None
    parts, fstarts, ostarts = [], [], []
    prev = 0
    flen = 0
    for m in _SPACES.finditer(folded):
        seg = folded[prev:m.start() + 1]
        fstarts.append(flen)
        ostarts.append(prev)
        parts.append(seg)
        flen += len(seg)
        prev = m.end()
    fstarts.append(flen)
    ostarts.append(prev)
    parts.append(folded[prev:])
    return "".join(parts), fstarts, ostarts


def _unfold(pos: int, fstarts: list[int] | None, ostarts: list[int] | None) -> int:
    if fstarts is None:
        return pos
    k = bisect_right(fstarts, pos) - 1
    return ostarts[k] + (pos - fstarts[k])  # type: ignore[index]


def _is_word(ch: str) -> bool:
    return ch.isalnum() or ch == "_"


@dataclass
class Lexicon:
    """A validated lexicon: a table of terms and its metadata.

    Attributes
    ----------
    name : str
        Name used in the ``lexicon`` column of hits.
    terms : DataFrame
        ``term, category, side, canonical, weight, case_sensitive, note, line``;
        ``line`` is the line number in the source file (header = line 1).
    meta : dict
        Metadata (description, sides, categories, sources, licence, limitations).
    source : str
        Where the lexicon was read from.
    """

    name: str
    terms: pd.DataFrame
    meta: dict = field(default_factory=dict)
    source: str = "<DataFrame>"

    def __len__(self) -> int:
        return len(self.terms)

    def __repr__(self) -> str:
        cats = sorted(self.terms["category"].unique())
        return f"Lexicon({self.name!r}, {len(self)} terms, categories={cats})"

    @property
    def role(self) -> str:
        """The role declared in the metadata (``naming``, ``loaded``, ``actors``,
        ``places``, ``reporting_verbs``, ``violence``), or ``terms`` (plain counting)."""
        return str(self.meta.get("role") or "terms")

    @property
    def categories(self) -> list[str]:
        """Categories declared in the metadata (or used by the terms)."""
        return list(self.meta.get("categories") or sorted(self.terms["category"].unique()))

    @property
    def sides(self) -> list[str]:
        """Sides declared in the metadata (or used by the terms)."""
        declared = self.meta.get("sides")
        if declared:
            return list(declared)
        return sorted(s for s in self.terms["side"].unique() if s)

    @property
    def contrast(self) -> tuple[str, str] | dict | None:
        """The two opposed sides of the conflict: the metadata's ``contrast`` when declared
        (a pair, or a dict of pairs per conflict), else :meth:`inferred_contrast` (None
        when neither gives one)."""
        c = self.meta.get("contrast")
        if isinstance(c, dict) and c:
            return c
        if c and len(c) == 2 and all(isinstance(s, str) for s in c):
            return (c[0], c[1])
        return self.inferred_contrast()

    def inferred_contrast(self, *, margin: float = 1.5, min_terms: int = 3
                          ) -> tuple[str, str] | None:
        """The contrast pair guessed from the terms, for a lexicon that declares none.

        The two sides with the most terms, not counting the conventional labels of
        non-parties (:data:`NON_PARTY_SIDES`: international, media, other, neutral, ...),
        when the second has at least ``min_terms`` terms and at least ``margin`` times as
        many as the third. An actors lexicon is mostly written about the two parties;
        when a third side comes close (a patron state, a coalition), no pair is guessed.

        Returns
        -------
        (str, str) or None
            The two sides, the one with more terms first (ties: alphabetical).

        Examples
        --------
        >>> lex = load_lexicon(pd.DataFrame({"term": list("abcdefgh"), "category": "x",
        ...     "side": ["n", "n", "n", "s", "s", "s", "international", "w"]}))
        >>> lex.inferred_contrast()
        ('n', 's')
        """
        counts = self.terms["side"].value_counts()
        order = sorted(((-int(n), str(s)) for s, n in counts.items()
                        if s and str(s).lower() not in NON_PARTY_SIDES))
        if len(order) < 2 or -order[1][0] < min_terms:
            return None
        if len(order) > 2 and -order[1][0] < margin * -order[2][0]:
            return None
        return (order[0][1], order[1][1])

    def match(self, text: str) -> pd.DataFrame:
        """Hits of this lexicon in one text (see :func:`match_text`)."""
        return match_text(text, [self])


def _where(source: str, line: int | None) -> str:
    return f"{source}, line {line}" if line is not None else source


def _parse_bool(value: object, source: str, line: int) -> bool:
    if value is None or (isinstance(value, float) and pd.isna(value)) or value == "":
        return False
    s = str(value).strip().lower()
    if s in ("true", "1", "yes", "y", "t"):
        return True
    if s in ("false", "0", "no", "n", "f"):
        return False
    raise LexiconError(f"{_where(source, line)}: case_sensitive={value!r} is not true/false")


# ---- safety of ``re:`` terms ----------------------------------------------
# A ``re:`` term is parsed with the standard library's own regular-expression
# parser and refused when it can make the backtracking engine take exponential
# time (see _regex_problem). The analysis works on the parse tree, never on the
# text of the pattern.

try:  # Python 3.11+
    from re import _constants as _sre_c
    from re import _parser as _sre_parse
except ImportError:  # Python 3.10
    import sre_constants as _sre_c  # type: ignore[no-redef]
    import sre_parse as _sre_parse  # type: ignore[no-redef]

_RX_CHAR = {_sre_c.LITERAL, _sre_c.NOT_LITERAL, _sre_c.IN, _sre_c.ANY, _sre_c.CATEGORY}
_RX_REPEAT = {_sre_c.MAX_REPEAT, _sre_c.MIN_REPEAT, getattr(_sre_c, "POSSESSIVE_REPEAT", None)} - {None}
_RX_ATOMIC = getattr(_sre_c, "ATOMIC_GROUP", None)
_RX_ZERO_WIDTH = {_sre_c.AT, _sre_c.ASSERT, _sre_c.ASSERT_NOT}
_RX_BACKREF = {_sre_c.GROUPREF, _sre_c.GROUPREF_EXISTS}
_RX_CATEGORY = {_sre_c.CATEGORY_DIGIT: r"\d", _sre_c.CATEGORY_NOT_DIGIT: r"\D",
                _sre_c.CATEGORY_SPACE: r"\s", _sre_c.CATEGORY_NOT_SPACE: r"\S",
                _sre_c.CATEGORY_WORD: r"\w", _sre_c.CATEGORY_NOT_WORD: r"\W"}
_RX_NESTED = (
    "has a nested quantifier: a repeated group whose repetitions can divide the same "
    "text in more than one way ('(a+)+', '(\\w+\\s?)*', '(a|aa)+'), which can take "
    "exponential time on a long text; write each repetition so that it ends where the next "
    "cannot begin, e.g. '(?:\\w+\\s+)*' rather than '(?:\\w+\\s*)*'"
)


class _Ambiguous(Exception):
    """A repeated group whose repetitions could split a text in several ways."""


def _rx_class(op, av, ic: bool, asc: bool) -> str:
    """A stand-alone pattern for the one-character item ``(op, av)`` under its flags."""
    if op is _sre_c.LITERAL:
        body = f"[\\U{av:08x}]"
    elif op is _sre_c.NOT_LITERAL:
        body = f"[^\\U{av:08x}]"
    elif op is _sre_c.CATEGORY and av in _RX_CATEGORY:
        body = f"[{_RX_CATEGORY[av]}]"
    elif op is _sre_c.IN:
        parts = []
        for iop, iav in av:
            if iop is _sre_c.NEGATE:
                parts.insert(0, "^")
            elif iop is _sre_c.LITERAL:
                parts.append(f"\\U{iav:08x}")
            elif iop is _sre_c.RANGE:
                parts.append(f"\\U{iav[0]:08x}-\\U{iav[1]:08x}")
            elif iop is _sre_c.CATEGORY and iav in _RX_CATEGORY:
                parts.append(_RX_CATEGORY[iav])
            else:  # anything unforeseen: assume it can be any character
                parts = ["\\s\\S"]
                break
        body = "[" + "".join(parts) + "]"
    else:  # ANY (with or without DOTALL), or unforeseen: any character
        body = "[\\s\\S]"
    flags = ("i" if ic else "") + ("a" if asc else "") + ("" if ic else "-i")
    return f"(?{flags}:{body})"


_ALL_CHARS: list[str] = []


@lru_cache(maxsize=1024)
def _rx_overlap(a: str, b: str) -> bool:
    """Whether some character matches both one-character patterns ``a`` and ``b``
    (exact: tried on every code point when a quick probe finds none)."""
    rx = re.compile(f"(?={a}){b}")
    if not _ALL_CHARS:
        import array
        import sys

        codes = array.array("I", range(0xD800))
        codes.extend(range(0xE000, 0x110000))
        everything = codes.tobytes().decode("utf-32-le" if sys.byteorder == "little"
                                            else "utf-32-be")
        _ALL_CHARS.extend([everything[:0x3000], everything])
    return rx.search(_ALL_CHARS[0]) is not None or rx.search(_ALL_CHARS[1]) is not None


def _rx_any_overlap(xs: tuple, ys: tuple) -> bool:
    return any(_rx_overlap(*sorted((x, y))) for x in xs for y in ys)


def _rx_tokens(items, ic: bool, asc: bool, out: list) -> list:
    """Flatten a group's items into tokens ``(choice, firsts, mandatory)``.

    ``firsts``: patterns of the characters the token can start with; ``choice``:
    the same when the token may consume more or stop (a run like ``\\w+``, an
    optional or repeated fixed group), else None; ``mandatory``: it always
    consumes at least one character. Raises _Ambiguous for what is not analysed
    (a group with a choice inside, itself repeated; alternatives starting alike).
    """
    for op, av in items:
        if op in _RX_CHAR:
            c = (_rx_class(op, av, ic, asc),)
            out.append((None, c, True))
        elif op in _RX_REPEAT:
            lo, hi, sub = av
            inner = _rx_tokens(sub, ic, asc, []) if hi else []
            if not inner:
                continue
            if any(t[0] is not None for t in inner):
                raise _Ambiguous
            firsts = inner[0][1]
            out.append((None if lo == hi else firsts, firsts, lo >= 1))
        elif op is _sre_c.SUBPATTERN:
            _group, add, dele, sub = av
            _rx_tokens(sub, (ic or bool(add & re.IGNORECASE)) and not dele & re.IGNORECASE,
                       asc or bool(add & re.ASCII), out)
        elif _RX_ATOMIC is not None and op is _RX_ATOMIC:
            _rx_tokens(av, ic, asc, out)
        elif op in _RX_ZERO_WIDTH:
            continue
        elif op is _sre_c.BRANCH:
            alts = [_rx_tokens(a, ic, asc, []) for a in av[1]]
            if any(t[0] is not None for alt in alts for t in alt):
                raise _Ambiguous
            full = [alt[0][1] for alt in alts if alt]
            if len(alts) - len(full) > 1:  # two empty alternatives
                raise _Ambiguous
            for i, x in enumerate(full):
                for y in full[i + 1:]:
                    if _rx_any_overlap(x, y):
                        raise _Ambiguous
            if full:
                firsts = tuple(c for f in full for c in f)
                optional = len(full) < len(alts)
                out.append((firsts if optional else None, firsts, not optional))
        else:
            raise _Ambiguous
    return out


def _rx_check(items, ic: bool, asc: bool) -> str | None:
    for op, av in items:
        if op in _RX_BACKREF:
            return ("uses a backreference (\\1, (?P=name) or (?(1)...)), which can take "
                    "exponential time; list the forms you mean instead")
        sub = None
        if op is _sre_c.SUBPATTERN:
            _group, add, dele, sub = av
            problem = _rx_check(sub, (ic or bool(add & re.IGNORECASE)) and not dele & re.IGNORECASE,
                                asc or bool(add & re.ASCII))
        elif _RX_ATOMIC is not None and op is _RX_ATOMIC:
            problem = _rx_check(av, ic, asc)
        elif op in (_sre_c.ASSERT, _sre_c.ASSERT_NOT):
            problem = _rx_check(av[1], ic, asc)
        elif op is _sre_c.BRANCH:
            problem = next((p for p in (_rx_check(a, ic, asc) for a in av[1]) if p), None)
        elif op in _RX_REPEAT:
            lo, hi, sub = av
            problem = _rx_check(sub, ic, asc)
            if problem is None and hi > 1:
                try:
                    tokens = _rx_tokens(sub, ic, asc, [])
                except _Ambiguous:
                    return _RX_NESTED
                # each token that may stop or go on must be followed (round the loop,
                # past optional tokens) only by tokens that cannot start like it
                n = len(tokens)
                for i, (choice, _, _) in enumerate(tokens):
                    if choice is None:
                        continue
                    for j in range(1, n + 1):
                        _, firsts, mandatory = tokens[(i + j) % n]
                        if _rx_any_overlap(choice, firsts):
                            return _RX_NESTED
                        if mandatory:
                            break
        else:
            problem = None
        if problem:
            return problem
    return None


@lru_cache(maxsize=4096)
def _regex_problem(pattern: str, flags: int) -> str | None:
    """Why the ``re:`` pattern (already known to compile) is refused, or None.

    Refused: an empty pattern; backreferences; a pattern that can match the empty
    string; a nested quantifier, i.e. a repeated group (``*``, ``+``, ``{m,n}``
    with n > 1) in which a part that may stop or go on (``\\w+``, ``\\s?``, ``a*``,
    an optional alternative) can be followed, within the group or round the loop
    into the next repetition, by a part that can start with the same character;
    and alternatives in a repeated group that can start with the same character.
    Such groups can divide one text into repetitions in exponentially many ways.
    Lookarounds are checked like the rest of the pattern.
    """
    if not pattern:
        return "is empty"
    tree = _sre_parse.parse(pattern, flags)
    gflags = tree.state.flags
    problem = _rx_check(tree, bool(gflags & re.IGNORECASE), bool(gflags & re.ASCII))
    if problem:
        return problem
    if tree.getwidth()[0] == 0:
        return "can match the empty string; a term must match some text"
    return None


#: Characters refused in a term: invisible ones that news text does not carry where a
#: term would put them (zero-width space, word joiner, byte-order mark, direction
#: marks, soft hyphen); control characters (line breaks included) are refused too.
_INVISIBLE = frozenset("\u200b\u2060\ufeff\u200e\u200f\u00ad")

def _validate(df: pd.DataFrame, meta: dict, name: str, source: str) -> pd.DataFrame:
    """Check and normalise a raw term table; raise LexiconError naming file and line."""
    if "term" not in df.columns or "category" not in df.columns:
        found = ", ".join(str(c) for c in df.columns if c != "line") or "(none)"
        raise LexiconError(
            f"{source}: a lexicon needs the columns 'term' and 'category'; columns found: {found}"
        )
    unknown = [c for c in df.columns if c not in _KNOWN_COLUMNS and c != "line"]
    if unknown:
        warnings.warn(
            f"{source}: ignoring unknown column(s) {unknown}; known columns are {_KNOWN_COLUMNS}",
            stacklevel=4,
        )
    df = df.copy()
    if "line" not in df.columns:
        df["line"] = range(2, len(df) + 2)
    for col in _OPTIONAL:
        if col not in df.columns:
            df[col] = None
    meta = _check_meta(meta, f"metadata of {source}")
    cats = meta.get("categories")
    sides = meta.get("sides")
    seen: dict[tuple[str, str], int] = {}
    rows = []
    for rec in df.to_dict("records"):
        line = int(rec["line"])
        term = rec["term"]
        if term is None or (isinstance(term, float) and pd.isna(term)) or not str(term).strip():
            raise LexiconError(f"{_where(source, line)}: empty term")
        term = unicodedata.normalize("NFC", str(term).strip())
        odd = None if term.isprintable() else next(
            (c for c in term if c in _INVISIBLE or (unicodedata.category(c) == "Cc" and c != "\t")),
            None)
        if odd is not None:
            if odd in "\n\r\x0b\x0c\x1c\x1d\x1e\x85":
                what = "a line break; a term matches inside one line"
            else:
                what = (f"the invisible character U+{ord(odd):04X} "
                        f"({unicodedata.name(odd, 'a control character')}); delete it")
            raise LexiconError(f"{_where(source, line)}: term {term!r} contains {what}")
        cat = rec["category"]
        if cat is None or (isinstance(cat, float) and pd.isna(cat)) or not str(cat).strip():
            raise LexiconError(f"{_where(source, line)}: term {term!r} has no category")
        cat = str(cat).strip()
        if cats and cat not in cats:
            raise LexiconError(
                f"{_where(source, line)}: unknown category {cat!r} for term {term!r}; "
                f"declared categories: {', '.join(cats)}{did_you_mean(cat, cats)}"
            )
        side = rec["side"]
        side = "" if side is None or (isinstance(side, float) and pd.isna(side)) else str(side).strip()
        if side and sides and side not in sides:
            raise LexiconError(
                f"{_where(source, line)}: unknown side {side!r} for term {term!r}; "
                f"declared sides: {', '.join(sides)}{did_you_mean(side, sides)}"
            )
        cs = _parse_bool(rec["case_sensitive"], source, line)
        weight = rec["weight"]
        if weight is None or (isinstance(weight, float) and pd.isna(weight)) or weight == "":
            weight = 1.0
        else:
            try:
                weight = float(weight)
            except (TypeError, ValueError):
                raise LexiconError(
                    f"{_where(source, line)}: weight {weight!r} of term {term!r} is not a number"
                ) from None
        if term.startswith("re:"):
            pattern = term[3:]
            if not pattern:
                raise LexiconError(f"{_where(source, line)}: empty regular expression after 're:'")
            try:
                re.compile(pattern, 0 if cs else re.IGNORECASE)
            except re.error as e:
                raise LexiconError(
                    f"{_where(source, line)}: bad regular expression {pattern!r}: {e}"
                ) from None
            problem = _regex_problem(pattern, 0 if cs else re.IGNORECASE)
            if problem:
                raise LexiconError(
                    f"{_where(source, line)}: regular expression {pattern!r} {problem}"
                )
            key = term
        else:
            if "*" in term[:-1]:
                raise LexiconError(
                    f"{_where(source, line)}: '*' is allowed only at the end of a term "
                    f"(prefix glob), got {term!r}; use 're:' for a regular expression"
                )
            key = normalize_term(term, case_sensitive=cs)
            if not any(c.isalnum() for c in key):
                raise LexiconError(
                    f"{_where(source, line)}: term {term!r} has no letter or digit; it would "
                    "match punctuation (use 're:' if you really mean that)"
                )
            if key.endswith("*") and len(key.rstrip("*")) < 3:
                raise LexiconError(
                    f"{_where(source, line)}: glob {term!r} is too short (at least 3 "
                    "characters before '*'); it would match too many words"
                )
        dkey = (key, cat)
        if dkey in seen:
            raise LexiconError(
                f"{_where(source, line)}: duplicate term {term!r} in category {cat!r} "
                f"(same as line {seen[dkey]})"
            )
        seen[dkey] = line
        canonical = rec["canonical"]
        canonical = term if canonical is None or (isinstance(canonical, float) and pd.isna(canonical)) \
            or not str(canonical).strip() else unicodedata.normalize("NFC", str(canonical).strip())
        note = rec["note"]
        note = "" if note is None or (isinstance(note, float) and pd.isna(note)) else str(note)
        rows.append((term, cat, side, canonical, weight, cs, note, line))
    if not rows:
        raise LexiconError(f"{source}: the lexicon has no terms")
    return pd.DataFrame(rows, columns=["term", "category", "side", "canonical", "weight",
                                       "case_sensitive", "note", "line"])


def _builtin_dir():
    return resources.files("framing.lexicon_data")


#: Roles a lexicon may declare in its metadata (``"role"``); ``terms`` is the default.
ROLES = ("naming", "loaded", "actors", "places", "reporting_verbs", "violence", "terms")

#: Folder of the shipped general English lexicons (any study may reuse them).
GENERAL_FOLDER = "general"
#: The study whose lexicons a bare shipped name ("naming") refers to first.
DEFAULT_STUDY = "caucasus"


def _shipped_folders() -> list[str]:
    """Sub-folders of the shipped lexicon data: the default study, the other studies
    (alphabetically), then the general lexicons."""
    base = _builtin_dir()
    names = sorted(e.name for e in base.iterdir()
                   if e.is_dir() and not e.name.startswith(("_", ".")))
    order = [DEFAULT_STUDY] + [n for n in names if n not in (DEFAULT_STUDY, GENERAL_FOLDER)]
    return [n for n in order if n in names] + ([GENERAL_FOLDER] if GENERAL_FOLDER in names else [])


def _shipped(name: str):
    """``(csv resource, json resource, label)`` of a shipped lexicon, or None.

    ``name`` is ``"folder/stem"`` or a bare stem, looked up in the default study,
    then the other studies, then the general lexicons.
    """
    base = _builtin_dir()
    if "/" in name:
        folder, _, stem = name.partition("/")
        folders = [folder]
    else:
        stem, folders = name, _shipped_folders()
    for folder in folders:
        res = base.joinpath(folder, stem + ".csv")
        if res.is_file():
            return res, base.joinpath(folder, stem + ".json"), f"lexicons/{folder}/{stem}.csv"
    return None


def list_lexicons() -> pd.DataFrame:
    """The lexicons shipped with framing.

    Returns
    -------
    DataFrame
        ``name, study, role, description, n_terms, categories, sides, version``;
        ``study`` is the folder (``general`` for the general English lexicons that
        any study may reuse). Load one with ``load_lexicon("study/name")``.

    Examples
    --------
    >>> lx = list_lexicons()
    >>> sorted(set(lx["role"]) - {"terms"})[:3]
    ['actors', 'loaded', 'naming']
    """
    rows = []
    base = _builtin_dir()
    for folder in _shipped_folders():
        for entry in sorted(base.joinpath(folder).iterdir(), key=lambda p: p.name):
            if not entry.name.endswith(".csv"):
                continue
            name = entry.name[:-4]
            meta = _read_meta_text(base.joinpath(folder, name + ".json"),
                                   f"lexicons/{folder}/{name}.json")
            n_terms = sum(1 for _ in entry.read_text(encoding="utf-8").splitlines()[1:]
                          if _.strip())
            rows.append((name, folder, str(meta.get("role") or "terms"),
                         meta.get("description", ""), n_terms,
                         ", ".join(meta.get("categories", {}) or []),
                         ", ".join(meta.get("sides", {}) or []), meta.get("version", "")))
    return pd.DataFrame(rows, columns=["name", "study", "role", "description", "n_terms",
                                       "categories", "sides", "version"])


def _json_kind(value: object) -> str:
    """How a JSON value reads in a message: "a number (3)", "a string ('x')"."""
    if isinstance(value, bool):
        return f"{str(value).lower()}"
    if value is None:
        return "null"
    kind = {int: "a number", float: "a number", str: "a string", list: "a list",
            dict: "an object"}.get(type(value), type(value).__name__)
    shown = repr(value)
    return f"{kind} ({shown if len(shown) <= 40 else shown[:37] + '...'})"


def _check_meta(meta: dict, label: str) -> dict:
    """Check the types of the metadata keys framing reads; raise LexiconError naming
    ``label`` (the JSON file) and the key. ``sides`` and ``categories`` given as
    lists of names are returned as objects with empty descriptions."""
    meta = dict(meta)
    for key, what in (("sides", "side"), ("categories", "category")):
        value = meta.get(key)
        if value is None or isinstance(value, dict):
            continue
        expected = (f"'{key}' must be an object mapping each {what} to its description "
                    f"(or a list of {what} names)")
        if not isinstance(value, list):
            raise LexiconError(f"{label}: {expected}, got {_json_kind(value)}")
        bad = next((v for v in value if not isinstance(v, str) or not v.strip()), None)
        if bad is not None:
            raise LexiconError(f"{label}: {expected}; the list holds {_json_kind(bad)}, "
                               f"not a {what} name")
        dup = next((v for i, v in enumerate(value) if v in value[:i]), None)
        if dup is not None:
            raise LexiconError(f"{label}: '{key}' lists {dup!r} twice")
        meta[key] = {v: "" for v in value}
    if "role" in meta:
        role = meta["role"]
        roles = ROLES
        if not isinstance(role, str) or role not in roles:
            hint = did_you_mean(role, roles) if isinstance(role, str) else ""
            raise LexiconError(f"{label}: 'role' must be one of {', '.join(roles)} (a string), "
                               f"got {_json_kind(role)}{hint}")
    if "default" in meta and not isinstance(meta["default"], bool):
        raise LexiconError(f"{label}: 'default' must be true or false, "
                           f"got {_json_kind(meta['default'])}")
    for key in ("name", "description", "language"):
        if key in meta and not isinstance(meta[key], str):
            raise LexiconError(f"{label}: '{key}' must be a string, got {_json_kind(meta[key])}")
    c = meta.get("contrast")
    if c is not None:  # a mistyped pair would quietly give way to a guessed one
        pairs = c.values() if isinstance(c, dict) else [c]
        sides = meta.get("sides")
        for pair in pairs:
            if not (isinstance(pair, list) and len(pair) == 2 and pair[0] != pair[1]
                    and all(isinstance(x, str) and x.strip() for x in pair)):
                raise LexiconError(f"{label}: 'contrast' must be a list of two different side "
                                   "names (or an object of such lists, one per conflict), got "
                                   f"{_json_kind(pair if isinstance(c, dict) else c)}")
            missing = [x for x in pair if sides and x not in sides]
            if missing:
                raise LexiconError(f"{label}: contrast side {missing[0]!r} is not one of its "
                                   f"'sides' ({', '.join(sides)})"
                                   f"{did_you_mean(missing[0], sides)}")
    return meta

def _read_meta_text(res, label: str) -> dict:
    try:
        data = res.read_bytes()
    except (FileNotFoundError, OSError):
        return {}
    try:
        raw = data.decode("utf-8-sig")  # a byte-order mark is accepted
    except UnicodeDecodeError as e:
        line = data[:e.start].count(b"\n") + 1
        raise LexiconError(
            f"{label}, line {line}: undecodable byte 0x{data[e.start]:02x} at byte {e.start} "
            "(metadata files must be UTF-8)"
        ) from None
    try:
        meta = json.loads(raw)
    except json.JSONDecodeError as e:
        raise LexiconError(f"{label}: invalid JSON metadata at line {e.lineno}: {e.msg}") from None
    if not isinstance(meta, dict):
        raise LexiconError(f"{label}: metadata must be a JSON object {{...}}, got {_json_kind(meta)}")
    return _check_meta(meta, label)


def _read_csv_text(raw: str, source: str) -> pd.DataFrame:
    """Parse a lexicon CSV with the csv module: every value a string, blank lines
    skipped, and ``line`` = the physical line on which each record starts (header =
    line 1, quoted fields that span lines counted exactly)."""
    import csv
    import io

    if raw.startswith("\ufeff"):
        raw = raw[1:]
    if not raw.strip():
        raise LexiconError(f"{source}: the file is empty")
    reader = csv.reader(io.StringIO(raw, newline=""), strict=True)
    header: list[str] | None = None
    rows: list[list[str]] = []
    lines: list[int] = []
    read = 0  # physical lines read so far
    try:
        for rec in reader:
            start, read = read + 1, reader.line_num
            if not rec or (len(rec) == 1 and not rec[0].strip()):
                continue  # a blank line
            if header is None:
                header = [h.strip() for h in rec]
                dup = next((h for i, h in enumerate(header) if h and h in header[:i]), None)
                if dup is not None:
                    raise LexiconError(f"{source}, line {start}: duplicate column {dup!r}")
                continue
            if len(rec) > len(header):
                if any(v.strip() for v in rec[len(header):]):
                    raise LexiconError(
                        f"{source}, line {start}: malformed CSV: {len(rec)} fields where the "
                        f"header has {len(header)} ({', '.join(header)}); put a field that "
                        "contains a comma in double quotes"
                    )
                rec = rec[:len(header)]  # trailing empty fields (spreadsheet export)
            elif len(rec) < len(header):
                rec = rec + [""] * (len(header) - len(rec))
            rows.append(rec)
            lines.append(start)
    except csv.Error as e:  # raised inside the record after the last one read
        if "end of data" in str(e):
            raise LexiconError(
                f"{source}, line {read + 1}: malformed CSV: a quotation mark opened in the "
                "record starting on this line is never closed"
            ) from None
        raise LexiconError(f"{source}, line {read + 1}: malformed CSV: {e}") from None
    df = pd.DataFrame(rows, columns=header)
    df["line"] = lines
    return df


def load_lexicon(source: str | os.PathLike | pd.DataFrame | Lexicon, *, name: str | None = None,
                 meta: dict | None = None) -> Lexicon:
    """Load and validate a lexicon.

    Parameters
    ----------
    source : str, path, DataFrame or Lexicon
        The name of a shipped lexicon (see :func:`list_lexicons`), a path to a
        ``.csv`` lexicon (its metadata is read from the ``.json`` file beside it),
        a LIWC ``.dic`` file, or a DataFrame with at least ``term`` and ``category``.
    name : str, optional
        Name of the lexicon (default: the file stem, or "custom" for a DataFrame).
    meta : dict, optional
        Metadata overriding the JSON file (``categories`` and ``sides`` restrict
        the values allowed).

    Returns
    -------
    Lexicon

    Raises
    ------
    LexiconError
        Naming the file and line of the first bad row.

    Examples
    --------
    >>> lex = load_lexicon(pd.DataFrame({"term": ["occupied territories"],
    ...                                  "category": ["occupation"], "side": ["azerbaijan"]}),
    ...                    name="mine")
    >>> len(lex)
    1
    """
    if isinstance(source, Lexicon):
        return source
    if meta is not None and not isinstance(meta, dict):
        raise LexiconError(f"meta must be a dict (the lexicon's JSON metadata), got "
                           f"{type(meta).__name__}")
    if isinstance(source, pd.DataFrame):
        m = dict(meta or {})
        nm = name or m.get("name") or "custom"
        return Lexicon(nm, _validate(source, m, nm, f"lexicon {nm!r}"), m, "<DataFrame>")
    if not isinstance(source, (str, os.PathLike)):
        raise FramingError(
            f"lexicon must be a name, a path or a DataFrame, got {type(source).__name__}"
        )
    s = os.fspath(source)
    path = Path(s)
    if path.suffix.lower() == ".dic":
        return read_liwc_dic(path, name=name)
    if (path.suffix.lower() == ".csv" or os.sep in s or "/" in s) \
            and not (not path.suffix and not path.exists() and _shipped(s) is not None):
        if not path.exists():
            raise LexiconError(f"{s}: no such lexicon file")
        if path.is_dir():
            raise LexiconError(f"{s}: is a folder, not a lexicon file (a folder of lexicons "
                               "with study.json is a study: --study)")
        raw = _read_text_file(path)
        m = _read_meta_text(path.with_suffix(".json"), str(path.with_suffix(".json")))
        m.update(meta or {})
        nm = name or m.get("name") or path.stem
        df = _read_csv_text(raw, str(path))
        return Lexicon(nm, _validate(df, m, nm, str(path)), m, str(path))
    found = _shipped(s)
    if found is None:
        lx = list_lexicons()
        names = sorted(set(lx["name"]) | set(lx["study"] + "/" + lx["name"]))
        raise LexiconError(
            f"no lexicon named {s!r}; shipped lexicons: {', '.join(names)}{did_you_mean(s, names)}; "
            "or pass a path to a .csv or .dic file"
        )
    res, meta_res, label = found
    m = _read_meta_text(meta_res, label[:-4] + ".json")
    m.update(meta or {})
    nm = name or m.get("name") or s.rpartition("/")[2]
    df = _read_csv_text(res.read_text(encoding="utf-8"), label)
    return Lexicon(nm, _validate(df, m, nm, label), m, label)


def _read_text_file(path: Path) -> str:
    data = path.read_bytes()
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        line = data[:e.start].count(b"\n") + 1
        raise LexiconError(
            f"{path}, line {line}: undecodable byte 0x{data[e.start]:02x} at byte {e.start} "
            "(lexicon files must be UTF-8)"
        ) from None


def load_lexicons(sources: Iterable | None = None) -> list[Lexicon]:
    """Load several lexicons; ``None`` loads the lexicons of the default study.

    For a whole study (its lexicons by role, sides, colours and contrast) use
    :func:`framing.load_study`.
    """
    if sources is None:
        from .studies import load_study

        return list(load_study().lexicons)
    if isinstance(sources, (str, os.PathLike, pd.DataFrame, Lexicon)):
        sources = [sources]
    if not isinstance(sources, Iterable):
        raise LexiconError(f"sources must be a lexicon or a list of lexicons (names, paths, "
                           f"DataFrames), got {type(sources).__name__}")
    lexicons = [load_lexicon(s) for s in sources]
    seen: set[str] = set()
    for lex in lexicons:
        if lex.name in seen:
            raise LexiconError(f"two lexicons are named {lex.name!r}; pass name= to tell them apart")
        seen.add(lex.name)
    return lexicons


_LIWC_ENTRY = re.compile(r"^(\S(?:.*?\S)?)\s+((?:\d+\s*)+)$")


def read_liwc_dic(path: str | os.PathLike, *, name: str | None = None) -> Lexicon:
    """Import a LIWC-style ``.dic`` dictionary.

    The file starts with a category block between two ``%`` lines (``id<TAB>name``)
    followed by one entry per line (``word<TAB>id<TAB>id...``; ``*`` globs kept).
    A word listed under several categories gives one row per category.

    Returns
    -------
    Lexicon
        With ``side`` empty and the LIWC category names as categories.
    """
    path = Path(path)
    if not path.exists():
        raise LexiconError(f"{path}: no such file")
    text = _read_text_file(path)
    lines = text.splitlines()
    idx = [i for i, ln in enumerate(lines) if ln.strip() == "%"]
    if len(idx) < 2:
        raise LexiconError(
            f"{path}: not a LIWC .dic file (expected a category block between two '%' lines)"
        )
    cats: dict[str, str] = {}
    for i in range(idx[0] + 1, idx[1]):
        ln = lines[i].strip()
        if not ln:
            continue
        parts = ln.split()
        if len(parts) < 2 or not parts[0].isdigit():
            raise LexiconError(f"{path}, line {i + 1}: expected '<number> <category>', got {ln!r}")
        cats[parts[0]] = parts[1]
    rows = []
    for i in range(idx[1] + 1, len(lines)):
        ln = lines[i].strip()
        if not ln:
            continue
        m = _LIWC_ENTRY.match(ln)
        if not m:
            raise LexiconError(f"{path}, line {i + 1}: expected '<word> <category ids>', got {ln!r}")
        word, ids = m.group(1), m.group(2).split()
        for cid in ids:
            if cid not in cats:
                raise LexiconError(
                    f"{path}, line {i + 1}: category id {cid} of {word!r} is not declared "
                    f"in the header (declared: {', '.join(cats)})"
                )
            rows.append({"term": word, "category": cats[cid], "line": i + 1})
    meta = {"name": name or path.stem, "categories": {v: "" for v in cats.values()},
            "description": f"imported from LIWC dictionary {path.name}"}
    df = pd.DataFrame(rows, columns=["term", "category", "line"])
    nm = name or path.stem
    return Lexicon(nm, _validate(df, meta, nm, str(path)), meta, str(path))


#: Longest piece of text a ``re:`` term is matched in (see _regex_pieces).
_RE_PIECE = 1000


def _regex_pieces(text: str) -> list[tuple[int, str]]:
    """(offset, piece) of ``text`` in which ``re:`` terms are matched, each piece on
    its own: the lines of ``text``, and a line longer than _RE_PIECE characters cut
    after the last sentence end (else at the last space, else anywhere) in the second
    half of each _RE_PIECE characters. A pattern that passes _regex_problem but
    backtracks over a whole piece (``\\w+@`` on a long run of letters) then costs at
    most about _RE_PIECE steps per character of the text, not per character squared.
    """
    if len(text) <= _RE_PIECE and "\n" not in text:
        return [(0, text)]
    pieces = []
    n = len(text)
    pos = 0
    while pos < n:
        nl = text.find("\n", pos)
        end = n if nl < 0 else nl
        while end - pos > _RE_PIECE:
            lo, hi = pos + _RE_PIECE // 2, pos + _RE_PIECE
            cut = max(text.rfind(". ", lo, hi), text.rfind("? ", lo, hi), text.rfind("! ", lo, hi))
            if cut >= lo:
                cut += 1
            else:
                cut = text.rfind(" ", lo, hi)
                if cut < lo:
                    cut = hi
            pieces.append((pos, text[pos:cut]))
            pos = cut
        if end > pos:
            pieces.append((pos, text[pos:end]))
        pos = end + 1
    return pieces


try:  # the pattern parser of the re module (renamed in Python 3.11)
    from re import _constants as _sre_c, _parser as _sre_parse
except ImportError:  # pragma: no cover - Python 3.10
    import sre_constants as _sre_c
    import sre_parse as _sre_parse

#: The characters other than ASCII letters that a case-insensitive pattern matches to an
#: ASCII letter (dotted and dotless i, long s, Kelvin sign), as that letter: with them
#: replaced, the lower-cased text holds a pattern's ASCII start wherever the pattern can
#: match it (see _regex_lower).
_CASE_ODD = (("\u0130", "i"), ("\u0131", "i"), ("\u017f", "s"), ("\u212a", "k"))
_CASE_ODD_RE = re.compile("[\u0130\u0131\u017f\u212a]")
#: Most literal starts kept for one pattern.
_MAX_STARTS = 64


def _literal_heads(items) -> list[tuple[str, bool]]:
    """(literal, whole) pairs for a parsed pattern sequence: every match of the sequence
    begins with one of the literals; ``whole`` when the literal is the entire match of
    that alternative (so what follows the sequence may extend it)."""
    out = [("", True)]
    for op, av in items:
        if not any(whole for _, whole in out):
            break
        if op is _sre_c.LITERAL:
            alts = [(chr(av), True)]
        elif op is _sre_c.SUBPATTERN and not av[1] and not av[2]:  # a group, no flags
            alts = _literal_heads(av[3])
        elif op is _sre_c.BRANCH:
            alts = [head for seq in av[1] for head in _literal_heads(seq)]
        elif op in (_sre_c.AT, _sre_c.ASSERT, _sre_c.ASSERT_NOT):  # zero width
            alts = [("", True)]
        else:  # anything else ends the literal part
            alts = [("", False)]
        grown = [(s + a, w and aw) if w else (s, False) for s, w in out for a, aw in
                 (alts if w else [("", False)])]
        out = list(dict.fromkeys(grown))
        if len(out) > _MAX_STARTS:
            out = list(dict.fromkeys((s, False) for s, _ in out))
            if len(out) > _MAX_STARTS:
                return [("", False)]
    return out


def _regex_starts(rx: re.Pattern) -> tuple[str, ...] | None:
    """The literal strings one of which begins every match of ``rx`` (lower-cased when
    ``rx`` ignores case), shortest first with none beginning with another; None when the
    pattern does not begin with literal text (then it is matched by scanning)."""
    try:
        parsed = _sre_parse.parse(rx.pattern, rx.flags)
    except Exception:  # pragma: no cover - compiled already, so it parses
        return None
    heads = {s for s, _ in _literal_heads(list(parsed))}
    if not heads or "" in heads:
        return None
    if rx.flags & re.IGNORECASE:
        if not all(h.isascii() for h in heads):
            return None
        heads = {h.lower() for h in heads}
    starts: list[str] = []
    for h in sorted(heads, key=lambda h: (len(h), h)):
        if not any(h.startswith(s) for s in starts):
            starts.append(h)
    return tuple(starts)


def _regex_lower(text: str) -> str | None:
    """``text`` lower-cased, with the characters of _CASE_ODD as their ASCII letter, so
    that a pattern's ASCII start (lower-cased) occurs in it wherever the pattern could
    match that start in ``text`` (ignoring case or not); None if the length changed
    (no character does so once _CASE_ODD is applied)."""
    if not text.isascii() and _CASE_ODD_RE.search(text):
        for odd, letter in _CASE_ODD:
            text = text.replace(odd, letter)
    low = text.lower()
    return low if len(low) == len(text) else None


def _regex_matches(rx: re.Pattern, starts, text: str, pieces, low) -> list[tuple[int, int]]:
    """(start, end) of the non-empty matches of ``rx`` in the pieces of ``text``, as
    ``rx.finditer`` on each piece gives them. With ``starts`` (see _regex_starts) the
    pattern is tried only where one of them occurs (in ``low``, ``_regex_lower(text)``,
    when it ignores case): see _regex_matches_at."""
    if starts is not None:
        hay = text
        if rx.flags & re.IGNORECASE:
            hay = low
            if hay is None:
                starts = None
    if starts is None:
        out: list[tuple[int, int]] = []
        for off, piece in pieces:
            for m in rx.finditer(piece):
                if m.end() > m.start():
                    out.append((off + m.start(), off + m.end()))
        return out
    at: list[int] = []
    for s in starts:
        i = hay.find(s)
        while i >= 0:
            at.append(i)
            i = hay.find(s, i + 1)
    at.sort()
    return _regex_matches_at(rx, at, pieces)


def _regex_matches_at(rx: re.Pattern, at: list[int], pieces) -> list[tuple[int, int]]:
    """The matches of ``rx`` (as in _regex_matches) when every one begins at one of the
    sorted offsets ``at``: trying them in order, each from the end of the last match,
    finds the same matches as scanning the pieces."""
    out: list[tuple[int, int]] = []
    if not at:
        return out
    match = rx.match
    k, n = 0, len(at)
    for off, piece in pieces:
        stop = off + len(piece)
        while k < n and at[k] < off:
            k += 1
        last = off
        while k < n and at[k] < stop:
            p = at[k]
            k += 1
            if p < last:
                continue
            m = match(piece, p - off)
            if m is not None and m.end() > m.start():
                last = off + m.end()
                out.append((p, last))
    return out


class _Entry(NamedTuple):
    lex: int
    row: int
    glob: bool
    length: int


def _entries(entries: list[_Entry]) -> tuple[tuple, tuple]:
    """(exact-word entries, prefix-glob entries) of one key, each entry (lex, row)."""
    return (tuple((e.lex, e.row) for e in entries if not e.glob),
            tuple((e.lex, e.row) for e in entries if e.glob))


class Matcher:
    """All terms of several lexicons compiled for one pass over a text.

    Parameters
    ----------
    lexicons : sequence of Lexicon (or anything :func:`load_lexicon` accepts)

    Examples
    --------
    >>> m = Matcher([load_lexicon(pd.DataFrame({"term": ["United States"], "category": ["place"]}))])
    >>> [t[2] for t in m.find("Manchester United, states Reuters; the United States said.")]
    ['United States']
    """

    def __init__(self, lexicons: Sequence):
        self.lexicons = [load_lexicon(lex) for lex in lexicons]
        self._tables = []
        # per lexicon and row: (lexicon name, category, side, term, canonical), the
        # constant part of a hit row
        self._hit_info = []
        keys_ci: dict[str, list[_Entry]] = {}
        keys_cs: dict[str, list[_Entry]] = {}
        # re: terms: (pattern, lexicon, row, literal starts or None)
        self._regex: list[tuple[re.Pattern, int, int, tuple | None]] = []
        for li, lex in enumerate(self.lexicons):
            t = lex.terms
            self._tables.append(list(zip(t["term"], t["category"], t["side"], t["canonical"])))
            self._hit_info.append([(lex.name, cat, side, term, canon)
                                   for term, cat, side, canon in self._tables[-1]])
            for ri, (term, cs) in enumerate(zip(t["term"], t["case_sensitive"])):
                if term.startswith("re:"):
                    flags = 0 if cs else re.IGNORECASE
                    problem = _regex_problem(term[3:], flags) if term[3:] else "is empty"
                    if problem:  # a Lexicon built by hand, without load_lexicon's checks
                        line = int(t["line"].iloc[ri]) if "line" in t.columns else None
                        raise LexiconError(f"{_where(lex.source, line)}: regular expression "
                                           f"{term[3:]!r} {problem}")
                    rx = re.compile(term[3:], flags)
                    self._regex.append((rx, li, ri, _regex_starts(rx)))
                    continue
                key = normalize_term(term, case_sensitive=bool(cs))
                glob = key.endswith("*")
                key = key.rstrip("*").rstrip() if glob else key
                target = keys_cs if cs else keys_ci
                target.setdefault(key, []).append(_Entry(li, ri, glob, len(key)))
        # Automaton values: (length - 1, exact-word entries, prefix-glob entries,
        # case-sensitive variants). ASCII case-sensitive keys go into the
        # case-insensitive automaton under their lower-case form, with the exact
        # key as a variant checked against the folded text, so that one scan
        # finds both; the lower-casing of ASCII letters does not depend on their
        # neighbours and keeps the length, and no character changes between word
        # and non-word by lower-casing, so the results are those of a separate
        # scan. Other case-sensitive keys (rare) keep an automaton of their own.
        values: dict[str, tuple] = {key: (len(key) - 1, *_entries(entries), ())
                                    for key, entries in keys_ci.items()}
        own_cs: dict[str, tuple] = {}
        for key, entries in keys_cs.items():
            if key.isascii():
                low = key.lower()
                lm1, plain, globs, cased = values.get(low, (len(key) - 1, (), (), ()))
                values[low] = (lm1, plain, globs, cased + ((key, *_entries(entries)),))
            else:
                own_cs[key] = (len(key) - 1, *_entries(entries), ())
        self._auto_ci = self._automaton(values)
        self._auto_cs = self._automaton(own_cs)
        # the ASCII starts of the re: terms, lower-cased, found in one pass over the
        # lower-cased text (a superset of where a case-sensitive start occurs);
        # value (length, indices into _regex)
        starts_of: dict[str, list[int]] = {}
        for k, (_rx, _li, _ri, starts) in enumerate(self._regex):
            if starts is not None and all(st.isascii() for st in starts):
                for st in starts:
                    starts_of.setdefault(st.lower(), []).append(k)
        self._regex_auto_ids = frozenset(k for ks in starts_of.values() for k in ks)
        self._regex_auto = self._automaton({st: (len(st), tuple(ks))
                                            for st, ks in starts_of.items()})
        self.n_terms = sum(len(lex) for lex in self.lexicons)

    @staticmethod
    def _automaton(values: dict[str, tuple]):
        if not values:
            return None
        auto = ahocorasick.Automaton()
        for key, value in values.items():
            auto.add_word(key, value)
        auto.make_automaton()
        return auto

    @staticmethod
    def _scan(auto, text: str, folded: str, cands: list) -> None:
        """Append the word-bounded matches of ``auto`` in ``text`` to ``cands``.

        ``text`` is the folded text (lower-cased for the case-insensitive
        automaton), ``folded`` the folded text before lower-casing, against
        which case-sensitive variants are checked. Candidates are
        (lexicon, start, start - end, row).
        """
        # a sentinel space after the end: no bounds checks below, and text[-1]
        # (the character "before" offset 0) is not a word character either
        text += " "
        word_end = _WORD_RUN.match
        append = cands.append
        for last, (lm1, plain, globs, cased) in auto.iter(text):
            start = last - lm1
            c = text[start - 1]
            if c.isalnum() or c == "_":
                continue  # not at the start of a word
            if cased:
                for key, cplain, cglobs in cased:
                    if folded.startswith(key, start):
                        plain, globs = plain + cplain, globs + cglobs
            end = last + 1
            c = text[end]
            if c.isalnum() or c == "_":
                if not globs:
                    continue  # not at the end of a word
                end = word_end(text, end).end()  # a prefix glob runs to the end of the word
                d = start - end
                for li, ri in globs:
                    append((li, start, d, ri))
                continue
            d = start - end
            for li, ri in plain:
                append((li, start, d, ri))
            for li, ri in globs:
                append((li, start, d, ri))

    def find(self, text: str) -> list[tuple[int, int, str, int, int]]:
        """All matches in ``text`` after longest-match selection.

        Returns
        -------
        list of (start, end, term, lexicon_index, row_index)
            Character offsets into ``text``, sorted by start.
        """
        tables = self._tables
        return [(s, e, tables[li][ri][0], li, ri) for s, li, e, ri in self._select(text)]

    def _select(self, text: str) -> list[tuple[int, int, int, int]]:
        """Selected matches as (start, lexicon, end, row), sorted, in text offsets."""
        cands: list = []
        fs = os_ = None
        if self._auto_ci is not None or self._auto_cs is not None:
            folded, fs, os_ = _fold_text(text, lower=False)
            if self._auto_cs is not None:
                self._scan(self._auto_cs, folded, folded, cands)
            if self._auto_ci is not None:
                low = folded.lower()
                if len(low) != len(folded):  # e.g. Turkish dotted capital I
                    low = folded.replace("\u0130", "I").lower()
                    if len(low) != len(folded):
                        low = "".join(c.lower() if len(c.lower()) == 1 else c for c in folded)
                self._scan(self._auto_ci, low, folded, cands)
        if self._regex:
            if fs is not None:  # literal matches back to original offsets before mixing
                cands = [(li, _unfold(s, fs, os_), _unfold(s - d - 1, fs, os_) + 1, ri)
                         for li, s, d, ri in cands]
                cands = [(li, s, s - e, ri) for li, s, e, ri in cands]
                fs = None
            pieces = _regex_pieces(text)
            low = _regex_lower(text)
            at: dict[int, list[int]] | None = None
            if low is not None and self._regex_auto is not None:
                # where the patterns' starts occur: one pass for all of them
                at = {}
                for end, (length, ks) in self._regex_auto.iter(low):
                    for k in ks:
                        at.setdefault(k, []).append(end - length + 1)
            for k, (rx, li, ri, starts) in enumerate(self._regex):
                if at is not None and k in self._regex_auto_ids:
                    found_at = at.get(k)
                    if not found_at:
                        continue
                    found_at.sort()
                    matches = _regex_matches_at(rx, found_at, pieces)
                else:
                    matches = _regex_matches(rx, starts, text, pieces, low)
                for a, b in matches:
                    cands.append((li, a, a - b, ri))
        if not cands:
            return []
        # longest match wins within a lexicon (leftmost-longest, non-overlapping);
        # rows sharing the exact same span (a word in two categories) are all kept
        # candidates are (lexicon, start, start - end, row): natural order is
        # lexicon, then leftmost, then longest
        cands.sort()
        kept = []
        append = kept.append
        cur_lex, last_s, last_e = -1, -1, -1
        for li, s, d, ri in cands:
            if li != cur_lex:
                cur_lex, last_s, last_e = li, -1, -1
            if s < last_e:  # overlaps the last kept match: kept only if the same span
                if s == last_s and s - d == last_e:
                    append((s, li, last_e, ri))
                continue
            last_s, last_e = s, s - d
            append((s, li, last_e, ri))
        kept.sort()
        if fs is not None:
            return [(_unfold(s, fs, os_), li, _unfold(e - 1, fs, os_) + 1, ri)
                    for s, li, e, ri in kept]
        return kept


_ROW_COLUMNS = ["term", "category", "side", "canonical", "case_sensitive"]


def _same_rows(a, b) -> bool:
    """Whether two lexicons match the same terms with the same row data, in order."""
    if a is b:
        return True
    if a.name != b.name or len(a) != len(b):
        return False
    return a.terms[_ROW_COLUMNS].equals(b.terms[_ROW_COLUMNS])


def lexicon_slots(shared: list, own) -> tuple[int, ...]:
    """Indices of the lexicons ``own`` in ``shared``, the lexicon list of a shared
    :class:`Matcher` (one pass over each text for all lexicons and stages).

    A lexicon equal to one already in ``shared`` (same name and rows) is reused;
    otherwise it is appended (``shared`` is modified in place). Selection is per
    lexicon, so the matches of ``own`` are those of a matcher of ``own`` alone.
    """
    out = []
    for lex in own:
        k = next((i for i, other in enumerate(shared) if _same_rows(other, lex)), None)
        if k is None:
            shared.append(lex)
            k = len(shared) - 1
        out.append(k)
    return tuple(out)


def _as_matcher(lexicons) -> Matcher:
    if isinstance(lexicons, Matcher):
        return lexicons
    if lexicons is None:
        return Matcher(load_lexicons(None))
    if isinstance(lexicons, (str, os.PathLike, pd.DataFrame, Lexicon)):
        lexicons = [lexicons]
    return Matcher(list(lexicons))


def match_text(text: str, lexicons, *, doc_id: str = "", sentences=None, quotes=None) -> pd.DataFrame:
    """Hits of ``lexicons`` in one text, as a tidy table (see :func:`match_lexicon`)."""
    matcher = _as_matcher(lexicons)
    return pd.DataFrame(_hit_rows(doc_id, text, matcher, sentences, quotes), columns=HITS_COLUMNS)


def _hit_rows(doc_id, text, matcher: Matcher, sentences=None, quotes=None, *, found=None,
              n_lexicons: int | None = None) -> list[tuple]:
    """Hit rows of one text. ``found``: the matcher's selection for ``text`` when
    already computed; ``n_lexicons``: report only the matcher's first lexicons (the
    others are matched for the stages)."""
    if quotes is None:
        quotes = find_quotes(text)
    if sentences is None:
        sentences = split_sentences(text, quotes)
    rows: list[tuple] = []
    if found is None:
        found = matcher._select(text)
    if n_lexicons is not None and n_lexicons < len(matcher.lexicons):
        found = [f for f in found if f[1] < n_lexicons]
    if not found:
        return rows
    info = matcher._hit_info
    append = rows.append
    # matches are sorted by start: walk the sentence and quote lists alongside
    # (each start list ends with a sentinel beyond every match)
    sentinel = len(text) + 1
    sstarts = [s for s, _ in sentences]
    sstarts.append(sentinel)
    qstarts = [q.start for q in quotes]
    qstarts.append(sentinel)
    si = qi = 0
    qs, qe = -1, -1
    for s, li, e, ri in found:
        while sstarts[si] <= s:
            si += 1
        if qstarts[qi] <= s:
            while qstarts[qi] <= s:
                qi += 1
            q = quotes[qi - 1]
            qs, qe = q.inner_start, q.inner_end
        name, cat, side, term, canonical = info[li][ri]
        append((doc_id, si - 1, s, e, name, cat, side, term, canonical, text[s:e],
                "quoted" if qs <= s and e <= qe else "own"))
    return rows


def match_lexicon(corpus: pd.DataFrame, lexicons=None, *, column: str = "body") -> pd.DataFrame:
    """Find every lexicon term in every document of a corpus.

    Parameters
    ----------
    corpus : DataFrame
        A corpus (:func:`framing.load_corpus`) with ``doc_id`` and ``column``.
    lexicons : Lexicon, name, path, list of these, or Matcher, optional
        Default: the case-study lexicons (:func:`load_lexicons`).
    column : str, default "body"
        Text column to search (``body`` is the cleaned text).

    Returns
    -------
    DataFrame
        One row per match: ``doc_id, sent_id, start, end, lexicon, category, side,
        term, canonical, match, voice``. ``start``/``end`` are character offsets
        into ``corpus[column]``; ``match`` is the text as written; ``voice`` is
        ``"quoted"`` inside quotation marks and ``"own"`` otherwise.
    """
    from ._checks import check_columns

    check_columns(corpus, ["doc_id", column], "corpus")
    matcher = _as_matcher(lexicons)
    rows = []
    for doc_id, text in zip(corpus["doc_id"], corpus[column]):
        if isinstance(text, str) and text:
            rows.extend(_hit_rows(doc_id, text, matcher))
    return pd.DataFrame(rows, columns=HITS_COLUMNS)


def kwic(corpus: pd.DataFrame, pattern, *, window: int = 60, column: str = "body",
         lexicons=None) -> pd.DataFrame:
    """Keyword in context: each match with the text around it.

    Parameters
    ----------
    corpus : DataFrame
        The corpus the offsets refer to.
    pattern : str, list, Lexicon or DataFrame of hits
        A term in lexicon syntax ("occupied territories", "provocation*",
        "re:..."), a list of terms and lexicons, a Lexicon, or a hits table (e.g.
        filtered from :func:`match_lexicon`) whose rows are shown. A single
        string is always a term. In a list, a string is a lexicon if it names a
        shipped lexicon ("naming", "caucasus/loaded") or an existing ``.csv`` or
        ``.dic`` file, and a term otherwise; Lexicon objects and DataFrames with a
        ``term`` column are lexicons. ``["carbon tax", "carbon price"]`` is two
        terms (lexicon ``query``).
    window : int, default 60
        Characters of context on each side.
    column : str, default "body"

    Returns
    -------
    DataFrame
        ``doc_id, outlet, sent_id, start, end, left, match, right, voice, sentence``;
        ``left``/``right`` are single-line context strings.

    Examples
    --------
    >>> c = pd.DataFrame({"doc_id": ["a"], "body": ["They shelled Armenian villages."]})
    >>> kwic(c, "Armenian", window=8)[["left", "match", "right"]].values.tolist()
    [['shelled ', 'Armenian', ' village']]
    """
    def as_lexicons(items) -> list:
        """A kwic list as lexicons: strings naming a shipped lexicon or an existing .csv/.dic
        file are lexicons, other strings are terms (gathered in one lexicon ``query``)."""
        if not items:
            raise FramingError("kwic needs at least one term or lexicon, got an empty list")
        terms, lexicons = [], []
        for x in items:
            if isinstance(x, os.PathLike):
                lexicons.append(x)
            elif isinstance(x, str):
                path = Path(x)
                is_file = path.suffix.lower() in (".csv", ".dic") and path.is_file()
                if is_file or _shipped(x) is not None:
                    lexicons.append(x)
                else:
                    terms.append(x)
            else:
                lexicons.append(x)
        if terms:
            query = pd.DataFrame({"term": terms, "category": ["query"] * len(terms)})
            lexicons.append(load_lexicon(query, name="query"))
        return lexicons

    if window < 0:
        raise FramingError(f"window must be >= 0, got {window}")
    if isinstance(pattern, pd.DataFrame) and "start" in pattern.columns:
        hits = pattern
    else:
        if isinstance(pattern, str):
            pattern = load_lexicon(pd.DataFrame({"term": [pattern], "category": ["query"]}),
                                   name="query")
        elif isinstance(pattern, (list, tuple)):
            pattern = as_lexicons(pattern)
        elif isinstance(pattern, (int, float)):  # also bool
            raise FramingError(f"pattern must be a term, a lexicon or a list of them, got "
                               f"{type(pattern).__name__}")
        hits = match_lexicon(corpus, pattern, column=column)
    texts = dict(zip(corpus["doc_id"], corpus[column]))
    outlets = dict(zip(corpus["doc_id"], corpus["outlet"])) if "outlet" in corpus else {}
    return _kwic_frame(hits, texts, outlets, window)


KWIC_COLUMNS = ["doc_id", "outlet", "sent_id", "start", "end", "left", "match", "right", "voice",
                "sentence"]


def _kwic_frame(hits: pd.DataFrame, texts: dict, outlets: dict, window: int,
                sent_cache: dict | None = None, *, keep: str | None = None) -> pd.DataFrame:
    """The rows of :func:`kwic` for ``hits`` (``doc_id, start, end`` and an optional
    ``voice``), with the texts and outlets by doc_id. ``sent_cache`` (doc_id -> sentence
    spans) may be shared across calls; ``keep``: a column of ``hits`` carried as the
    first column of the result (hits of documents without text are left out, as in kwic)."""
    if sent_cache is None:
        sent_cache = {}
    rows = []
    has_voice = "voice" in hits.columns
    cols = ["doc_id", "start", "end"] + (["voice"] if has_voice else []) + \
        ([keep] if keep else [])
    for rec in zip(*(hits[c].tolist() for c in cols)):
        doc_id, s, e = rec[0], int(rec[1]), int(rec[2])
        text = texts.get(doc_id)
        if not isinstance(text, str):
            continue
        left = text[max(0, s - window):s].replace("\n", " ")
        right = text[e:e + window].replace("\n", " ")
        cached = sent_cache.get(doc_id)
        if cached is None:
            spans = split_sentences(text)
            cached = sent_cache[doc_id] = (spans, [a for a, _ in spans])
        spans, starts = cached
        k = bisect_right(starts, s) - 1
        sentence = text[spans[k][0]:spans[k][1]] if k >= 0 else ""
        row = (doc_id, outlets.get(doc_id, None), k, s, e, left, text[s:e], right,
               rec[3] if has_voice else "", sentence)
        rows.append(row + (rec[-1],) if keep else row)
    out = pd.DataFrame(rows, columns=KWIC_COLUMNS + ([keep] if keep else []))
    if keep:
        out.insert(0, keep, out.pop(keep))
    return out
