"""Text structure: sentences, quotation spans and word counts, with character offsets.

Every function here works on one string and returns character offsets into it, so
that every later count can be traced back to the words that produced it. The
functions are pure and fast (regular expressions plus a few checks per candidate
boundary); :func:`parse_corpus` applies them to a corpus and returns tidy tables.

Sentence splitting is rule-based with an abbreviation list rather than NLTK's
Punkt: Punkt (with our parameters) gives the same boundaries on news text but
runs at about 1.7 MB/s against about 50 MB/s here (``make bench``).
"""
from __future__ import annotations

import re
from bisect import bisect_right
from typing import NamedTuple

import pandas as pd

__all__ = [
    "ABBREVIATIONS",
    "MAX_SENTENCE_CHARS",
    "QuoteSpan",
    "split_sentences",
    "find_quotes",
    "count_words",
    "parse_text",
    "parse_corpus",
    "locate",
]

#: Tokens (lower case, without the final period) after which a period does not
#: end a sentence. Titles and ranks, months, common Latin and business
#: abbreviations. Initialisms such as "U.S." are handled separately.
ABBREVIATIONS = frozenset(
    """
    mr mrs ms dr prof sr jr st rev hon messrs mme mlle
    gen lt col maj capt cpt sgt cmdr cdr adm brig cpl pvt gov sen rep pres supt insp
    lieut comdr col cmdt sec gen'l
    jan feb mar apr jun jul aug sep sept oct nov dec
    no nos vol vols fig figs p pp para approx est dept univ assn bros ave blvd rd mt ft
    inc ltd co corp plc llc
    vs v cf al ibid viz
    """.split()
)

# Words that commonly start a sentence; after an initialism ("U.S.") followed by
# one of these, the period does end the sentence.
_SENTENCE_STARTERS = frozenset(
    """
    the a an he she it they we i this that these those there but and so yet
    in on at as after before when while if however meanwhile also his her their its
    our my one two no some many most both all
    """.split()
)

# A candidate boundary: end punctuation (with closing quotes or brackets) before
# white space and something that is not a lower-case ASCII letter; checked further
# in Python. The shape of these patterns matters for speed (see ``make bench``).
# One pass finds both kinds of candidates: the first alternative (group 1 holds
# the closing marks after the first character); the second is a period glued to
# the next sentence ("military.The"). The two never match at the same place.
_CANDIDATE = re.compile(r"[.!?](?:([.!?\u2026\"'\u201d\u2019)\]]*)\s+(?=[^a-z\s])|(?=[A-Z][a-z]))")
_PARA = re.compile(r"\n[ \t\r\f\v]*\n")
_LONE_DASH = re.compile(r"(?<!\S)[-\u2013\u2014]+(?!\S)")
_OPENERS = "\"'\u201c\u2018([\u00ab*\u2022-\u2013\u2014"
_INITIALISM = re.compile(r"^(?:[A-Za-z]\.)+[A-Za-z]$")

#: Longest sentence (in characters) that :func:`split_sentences` returns. Text with
#: no sentence punctuation (a scraped table or list, a transcript) would otherwise be
#: one "sentence" as long as the document, and every rule that looks along a sentence
#: (speakers, subjects, tone) would cost the square of its length. A longer stretch
#: is cut into pieces of ``MAX_SENTENCE_CHARS // 2`` to ``MAX_SENTENCE_CHARS``
#: characters (see :func:`_cut_long`). News sentences are far shorter (the longest in
#: the sample and benchmark corpora has under 800 characters), so the cap changes
#: nothing on ordinary text.
MAX_SENTENCE_CHARS = 4000
# where a long stretch may be cut, best first: a line break; after a clause mark or a
# dash followed by white space; any white space
_CUT_CLAUSE = re.compile(r"[,;:\u2013\u2014)](?=\s)|\s-(?=\s)")
_CUT_SPACE = re.compile(r"\s")


def _next_visible(text: str, i: int) -> int:
    """Index of the first non-space character at or after ``i`` (len if none)."""
    n = len(text)
    while i < n and text[i].isspace():
        i += 1
    return i


def _starts_sentence(text: str, i: int) -> bool:
    """Whether the text at ``i`` (after spaces) looks like a sentence start."""
    n = len(text)
    while i < n and text[i] in _OPENERS:
        i += 1
    return i < n and (text[i].isupper() or text[i].isdigit())


def _is_abbreviation(text: str, dot: int, next_start: int) -> bool:
    """Whether the period at ``dot`` closes an abbreviation, not a sentence."""
    if dot >= 7 and text[dot - 7:dot].isalnum():
        return False  # fast path: a word of 7+ letters or digits is never an abbreviation
    j = text.rfind(" ", dot - 8 if dot > 8 else 0, dot)
    if j >= 0:
        word = text[j + 1:dot]
        if word.isalnum():  # fast path: a short plain word (what the rules below give)
            return word.lower() in ABBREVIATIONS or (len(word) == 1 and word.isupper())
    lo = dot - 12 if dot > 12 else 0
    j = max(text.rfind(" ", lo, dot), text.rfind("\n", lo, dot))
    if j < 0 and lo > 0:
        return False  # a token of 12+ characters is never an abbreviation
    token = text[j + 1:dot].lstrip("(\"\u201c\u2018")
    if not token:
        return False
    if len(token) > 7 and "." not in token and "-" not in token:
        return False  # fast path: a long plain word is never an abbreviation
    last = re.split(r"[-/\u2013]", token)[-1] if ("-" in token or "/" in token) else token
    low = last.lower()
    if low in ABBREVIATIONS:
        return True
    if len(last) == 1 and last.isupper():  # middle initial: "George W. Bush"
        return True
    if _INITIALISM.match(last):  # "U.S", "U.N", "a.m"
        m = re.match(r"\w+", text[next_start:next_start + 30])
        return not (m and m.group(0).lower() in _SENTENCE_STARTERS)
    return False


def _mid_sentence_break(text: str, start: int, end: int, quotes, qstarts) -> bool:
    """Whether the paragraph break ``text[start:end]`` falls in mid-sentence."""
    j = start
    while j > 0 and text[j - 1].isspace():
        j -= 1
    before = text[j - 1] if j > 0 else "."
    nxt = _next_visible(text, end)
    after = text[nxt] if nxt < len(text) else "."
    if before in ".!?:;\u201d\"\u2019'":
        return False
    if (before.islower() or before == ",") and after.islower():
        return True
    k = bisect_right(qstarts, start) - 1
    return k >= 0 and quotes[k].closed and quotes[k].end > end and before.isalpha()


def split_sentences(text: str, quotes: list[QuoteSpan] | None = None) -> list[tuple[int, int]]:
    """Split ``text`` into sentences.

    Parameters
    ----------
    text : str
        Any text. Paragraph breaks end a sentence, except a break in mid-sentence
        (a lower-case word or comma before it and a lower-case word after it, or
        no end punctuation before it inside a closed quotation: scraped line
        breaks). A single line break ends one when the next line starts with a
        capital, a digit or an opening quotation mark (headings, bylines).
    quotes : list of QuoteSpan, optional
        The quotation spans of ``text`` (:func:`find_quotes`); computed if omitted.

    Returns
    -------
    list of (start, end)
        Character offsets; ``text[start:end]`` is the sentence without
        surrounding white space. Sentences never overlap and are in order.

    Notes
    -----
    A period ends a sentence when followed by white space and a capital or digit
    (after optional opening quotes), unless the word before it is a known
    abbreviation ("Gen.", "Maj.-Gen.", "Mr.", "Lt.", "Col."), a single capital
    initial, or an initialism ("U.S.") not followed by a common sentence
    starter. A period glued to the next sentence ("military.The") also splits.

    Examples
    --------
    >>> t = "Maj.-Gen. Polad Gashimov was killed. U.S. officials said so."
    >>> [t[s:e] for s, e in split_sentences(t)]
    ['Maj.-Gen. Polad Gashimov was killed.', 'U.S. officials said so.']
    """
    if quotes is None:
        quotes = find_quotes(text)
    qstarts = [q.start for q in quotes]
    cuts: list[int] = []
    n = len(text)
    # line and paragraph breaks (found with str.find: much faster than a regex here)
    pos = text.find("\n")
    while pos != -1:
        para = _PARA.match(text, pos)
        if para:
            if not _mid_sentence_break(text, pos, para.end(), quotes, qstarts):
                cuts.append(pos)
            pos = text.find("\n", para.end())
            continue
        if _starts_sentence(text, pos + 1):
            cuts.append(pos)
        pos = text.find("\n", pos + 1)
    # end punctuation followed by white space and not a lower-case letter, or glued
    # to a capitalised word; _starts_sentence is inlined for the usual capital or
    # digit (the look-ahead guarantees a character there)
    for m in _CANDIDATE.finditer(text):
        st = m.start()
        end = m.end(1)
        if end < 0:  # glued
            if st >= 2 and text[st - 1].islower() and text[st - 2].islower() and \
                    not _is_abbreviation(text, st, st + 1):
                cuts.append(st + 1)
            continue
        nxt = m.end()
        c = text[nxt]
        if not (c.isupper() or c.isdigit()) and (c not in _OPENERS or
                                                 not _starts_sentence(text, nxt)):
            continue
        if text[st] == "." and (end - st == 1 or text[st + 1] in "\"'\u201d\u2019)]") and \
                _is_abbreviation(text, st, nxt):
            continue
        cuts.append(end)
    cuts.sort()
    cuts.append(n)
    spans: list[tuple[int, int]] = []
    append = spans.append
    prev = 0
    for c in cuts:
        if c > prev:
            # the stretch between two cuts without surrounding white space
            s, e = prev, c
            while s < e and text[s].isspace():
                s += 1
            while e > s and text[e - 1].isspace():
                e -= 1
            if e > s:
                if e - s > MAX_SENTENCE_CHARS:
                    _cut_long(text, s, e, quotes, qstarts, append)
                else:
                    append((s, e))
            prev = c
    return spans


def _cut_long(text: str, s: int, e: int, quotes, qstarts, append) -> None:
    """Append the sentence ``text[s:e]``, longer than :data:`MAX_SENTENCE_CHARS`, as
    pieces of at most that length (without surrounding white space).

    Each piece ends at the best boundary in the second half of its window: the last
    line break, else the last clause mark or dash (``,`` ``;`` ``:`` ``)`` ``–``
    ``—`` `` - ``) before white space, else the last white space; a boundary
    inside a closed quotation is skipped when another one is available (so that a
    quotation stays in one piece), and a stretch with no white space at all is cut
    at the window's end. The work is linear in ``e - s``.
    """
    half = MAX_SENTENCE_CHARS // 2
    while e - s > MAX_SENTENCE_CHARS:
        lo, hi = s + half, s + MAX_SENTENCE_CHARS
        cut = -1
        for kind in ("line", "clause", "space"):
            if kind == "line":
                cands = []
                i = text.find("\n", lo, hi)
                while i != -1:
                    cands.append(i)
                    i = text.find("\n", i + 1, hi)
            else:
                pat = _CUT_CLAUSE if kind == "clause" else _CUT_SPACE
                cands = [m.end() for m in pat.finditer(text, lo, hi)]
            for c in reversed(cands):
                k = bisect_right(qstarts, c - 1) - 1
                if not (k >= 0 and quotes[k].closed and quotes[k].start < c < quotes[k].end):
                    cut = c
                    break
            if cut >= 0:
                break
        if cut < 0:
            # every boundary is inside a quotation (or there is none): the last white
            # space, else the end of the window
            m = text.rfind(" ", lo, hi)
            cut = m if m > lo else hi
        # the piece without the white space around the cut
        pe = cut
        while pe > s and text[pe - 1].isspace():
            pe -= 1
        if pe > s:
            append((s, pe))
        s = cut
        while s < e and text[s].isspace():
            s += 1
    if e > s:
        append((s, e))


class QuoteSpan(NamedTuple):
    """A stretch of text inside quotation marks.

    ``start`` is the offset of the opening mark and ``end`` the offset just after
    the closing mark, so ``text[start:end]`` includes both marks. When the
    closing mark is missing (an unbalanced quote, or a quote that continues in the
    next paragraph), ``closed`` is False and ``end`` is the end of the paragraph.
    ``inner_start``/``inner_end`` delimit the quoted words without the marks.
    """

    start: int
    end: int
    inner_start: int
    inner_end: int
    closed: bool
    mark: str


_DOUBLE_OPEN = "\u201c\u201e\u00ab"
_DOUBLE_CLOSE = "\u201d\u00bb"
_SINGLE_OPEN = "\u2018\u201a"
_QUOTE_CHARS = re.compile("[\"'\u201c\u201d\u201e\u00ab\u00bb\u2018\u2019\u201a]")


def _classify(text: str, i: int) -> str | None:
    """Classify the quote character at ``i``: 'od','cd','td','os','cs','ts' or None.

    o/c/t = opening, closing, either (toggle); d/s = double, single.
    None = apostrophe (not a quotation mark).
    """
    ch = text[i]
    before = text[i - 1] if i > 0 else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    if ch in _DOUBLE_OPEN:
        return "od"
    if ch in _DOUBLE_CLOSE:
        return "cd"
    if ch == '"':
        if before.isspace() or before in "([{\u2014\u2013-":
            return "od"
        if after.isspace() or after in ".,;:!?)]}\u2014\u2013-":
            return "cd"
        return "td"
    # single quotes
    if before.isalnum() and after.isalnum():
        return None  # Azerbaijan's, don't
    if ch in _SINGLE_OPEN:
        return "os"
    if (before.isspace() or before in "([{\u2014\u2013-\"\u201c") and not after.isspace():
        if after.isdigit():
            return None  # '90s
        return "os"
    if not before.isspace():
        return "cs"
    return None


def find_quotes(text: str) -> list[QuoteSpan]:
    """Find the spans of ``text`` inside quotation marks.

    Parameters
    ----------
    text : str
        Any text; straight (``"``, ``'``) and curly (\u201c\u201d \u2018\u2019) marks,
        double or single, are recognised. Apostrophes ("Azerbaijan\u2019s",
        "don't") are told apart from single quotation marks by their context.

    Returns
    -------
    list of QuoteSpan
        Outermost quotations only (a quote inside a quote is part of the outer
        span), in order, never overlapping.

    Notes
    -----
    A quotation that runs past a paragraph break is handled as newspapers
    write it: if the next paragraph opens with a quotation mark, the quote
    continues there and each paragraph gives one span; if the next paragraph
    contains the closing mark before any opening mark (a scraped line break in
    the middle of a quote), the span runs on to that mark; otherwise the quote
    is unbalanced and its span ends at the paragraph end with ``closed=False``.
    Nothing after an unbalanced mark is lost.

    Examples
    --------
    >>> t = 'He said: \u201cWe will not stop.\u201d The talks failed.'
    >>> q = find_quotes(t)[0]
    >>> t[q.inner_start:q.inner_end]
    'We will not stop.'
    """
    events: list[tuple[int, str]] = []
    for m in _QUOTE_CHARS.finditer(text):
        kind = _classify(text, m.start())
        if kind is not None:
            events.append((m.start(), kind))
    if not events:
        return []
    paras = [(m.start(), "para") for m in _PARA.finditer(text)]
    if paras:
        events = sorted(events + paras)

    spans: list[QuoteSpan] = []
    open_pos = -1
    open_kind = ""  # 'd' or 's'
    depth = 0  # nesting of single quotes inside a single-quoted quotation
    n_ev = len(events)
    i = 0
    while i < n_ev:
        pos, kind = events[i]
        if open_pos < 0:
            if kind == "para":
                pass
            elif kind[0] in "ot":
                open_pos, open_kind = pos, kind[1]
            # a stray closing mark with nothing open is ignored
            i += 1
            continue
        # a quote is open
        if kind == "para":
            # look ahead within the next paragraph
            j = i + 1
            decision = "stop"
            # does the next paragraph start with an opening mark of our kind?
            nxt = _next_visible(text, pos)
            if nxt < len(text) and text[nxt] in (
                ('"' + _DOUBLE_OPEN) if open_kind == "d" else ("'" + _SINGLE_OPEN)
            ):
                decision = "stop"
            else:
                while j < n_ev and events[j][1] != "para":
                    k = events[j][1]
                    if k[1] == open_kind:
                        decision = "bridge" if k[0] in "ct" else "stop"
                        break
                    j += 1
            if decision == "stop":
                spans.append(QuoteSpan(open_pos, pos, open_pos + 1, pos, False, text[open_pos]))
                open_pos, depth = -1, 0
            i += 1
            continue
        if open_kind == "s" and kind == "os":
            depth += 1
        elif open_kind == "s" and kind[1] == "s" and kind[0] in "ct" and depth > 0:
            depth -= 1
        elif kind[1] == open_kind and kind[0] in "ct":
            spans.append(QuoteSpan(open_pos, pos + 1, open_pos + 1, pos, True, text[open_pos]))
            open_pos = -1
        i += 1
    if open_pos >= 0:
        end = len(text)
        while end > open_pos + 1 and text[end - 1].isspace():
            end -= 1
        spans.append(QuoteSpan(open_pos, end, open_pos + 1, end, False, text[open_pos]))
    return spans


def count_words(text: str) -> int:
    """Number of words in ``text``: tokens separated by white space.

    A hyphenated compound ("Nagorno-Karabakh", "state-of-the-art") is one word;
    a dash standing alone between spaces (" - ", " – ", " — ") is not a word.
    This is the denominator of every rate per 1,000 words; it runs at the speed
    of ``str.split``.

    >>> count_words("Azerbaijan\u2019s forces didn't stop \u2014 2 days later.")
    7
    """
    n = len(text.split())
    if " -" in text or "\u2013" in text or "\u2014" in text:
        n -= len(_LONE_DASH.findall(text))
    return n


class ParsedText(NamedTuple):
    """Structure of one document: sentence spans, quote spans and word count."""

    sentences: list[tuple[int, int]]
    quotes: list[QuoteSpan]
    n_words: int


def parse_text(text: str) -> ParsedText:
    """Sentences, quotation spans and word count of one text."""
    quotes = find_quotes(text)
    return ParsedText(split_sentences(text, quotes), quotes, count_words(text))


def locate(position: int, starts: list[int]) -> int:
    """Index of the span (given by sorted ``starts``) containing ``position``.

    Returns -1 when ``position`` lies before the first span.
    """
    return bisect_right(starts, position) - 1


def in_quote(start: int, end: int, quotes: list[QuoteSpan], qstarts: list[int]) -> bool:
    """Whether the span ``[start, end)`` lies inside one of ``quotes``."""
    k = bisect_right(qstarts, start) - 1
    return k >= 0 and quotes[k].inner_start <= start and end <= quotes[k].inner_end


def parse_corpus(corpus: pd.DataFrame, *, column: str = "body") -> tuple[pd.DataFrame, pd.DataFrame]:
    """Sentence and quotation tables for a corpus.

    Parameters
    ----------
    corpus : DataFrame
        A corpus from :func:`framing.load_corpus` (columns ``doc_id`` and ``column``).
    column : str, default "body"
        The text column to parse (``body`` is the cleaned text).

    Returns
    -------
    sentences : DataFrame
        ``doc_id, sent_id, start, end, n_words, text``; one row per sentence.
    quotes : DataFrame
        ``doc_id, quote_id, sent_id, start, end, inner_start, inner_end, closed, text``;
        ``text`` is the quoted words without the marks.
    """
    from ._checks import check_columns

    check_columns(corpus, ["doc_id", column], "corpus")
    srows, qrows = [], []
    for doc_id, text in zip(corpus["doc_id"], corpus[column]):
        text = text if isinstance(text, str) else ""
        quotes = find_quotes(text)
        sents = split_sentences(text, quotes)
        starts = [s for s, _ in sents]
        for k, (s, e) in enumerate(sents):
            srows.append((doc_id, k, s, e, count_words(text[s:e]), text[s:e]))
        for k, q in enumerate(quotes):
            qrows.append((doc_id, k, locate(q.start, starts), q.start, q.end,
                          q.inner_start, q.inner_end, q.closed,
                          text[q.inner_start:q.inner_end]))
    sentences = pd.DataFrame(srows, columns=["doc_id", "sent_id", "start", "end", "n_words", "text"])
    quotes = pd.DataFrame(qrows, columns=["doc_id", "quote_id", "sent_id", "start", "end",
                                          "inner_start", "inner_end", "closed", "text"])
    return sentences, quotes
