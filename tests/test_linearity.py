"""Work per document grows linearly with its length (deterministic, not timed).

The work of a stage is measured as the number of Python lines executed in the
``framing`` package (``sys.settrace``), so the tests do not depend on the speed
or the load of the machine: a stage that rescans every earlier record, or walks
back through an ever longer sentence, executes a number of lines that grows with
the square of the document, and the ratio for a document four times as long is
far above 4. ``benchmarks/bench_linearity.py`` times the same thing on
documents of 0.25 to 4 MB.
"""
from __future__ import annotations

import os
import re
import sys

import pandas as pd
import pytest

import framing
from framing.agency import AgencyExtractor
from framing.attribution import AttributionExtractor, _Doc
from framing.stance import ToneScorer
from framing.text import MAX_SENTENCE_CHARS, find_quotes, split_sentences

_PKG = os.path.dirname(os.path.abspath(framing.__file__))
# linear work gives a ratio of about 4 for a document 4 times as long; quadratic work
# gives well over 6 at the sizes used here
_MAX_RATIO = 5.0


def lines_executed(fn, *args, **kw) -> int:
    """Number of lines of the framing package executed by ``fn(*args, **kw)``."""
    count = 0

    def local(frame, event, arg):
        nonlocal count
        if event == "line":
            count += 1
        return local

    def calls(frame, event, arg):
        return local if frame.f_code.co_filename.startswith(_PKG) else None

    old = sys.gettrace()
    sys.settrace(calls)
    try:
        fn(*args, **kw)
    finally:
        sys.settrace(old)
    return count


def growth(make, method: str, small: str, large: str) -> float:
    """Lines executed by ``make().method(large)`` over lines executed on ``small``,
    scaled to a text 4 times as long: about 4 for linear work. Each count uses a fresh
    object (no memo carries over); a first run warms the module-level caches."""
    getattr(make(), method)(small)
    a = lines_executed(getattr(make(), method), small)
    b = lines_executed(getattr(make(), method), large)
    return b / a * len(small) / len(large) * 4


@pytest.fixture(scope="module")
def paragraphs() -> list[str]:
    bodies = framing.load_sample_corpus()["body"]
    return [p for b in bodies for p in re.split(r"\n\s*\n", b) if len(p) > 40]


def _news(paragraphs, n: int) -> str:
    """``n`` paragraphs of the sample corpus in turn, each made distinct by a number."""
    return "\n\n".join(f"{paragraphs[i % len(paragraphs)]} ({i})" for i in range(n))


def _no_punctuation(text: str) -> str:
    """One giant "sentence": no sentence punctuation, no line breaks, no quotation marks."""
    return re.sub(r"\s+", " ", re.sub(r"[.!?;:\u2026\"\u201c\u201d]", "", text))


_ACTORS = pd.DataFrame({
    "term": ["Nikol Pashinyan", "Ilham Aliyev", "Armenian Defense Ministry", "Armenian",
             "Azerbaijani"],
    "category": ["person", "person", "institution", "demonym", "demonym"],
    "side": ["armenia", "azerbaijan", "armenia", "armenia", "azerbaijan"],
})


def _pronouns(n: int) -> str:
    """Many speakers and many pronouns and definite descriptions to resolve: the
    antecedent lookups of a document of ``n`` paragraphs."""
    people = ["Nikol Pashinyan", "Ilham Aliyev", "The Armenian Defense Ministry",
              "Armenian protesters", "Azerbaijani officials"]
    return "\n\n".join(
        f"{people[i % 5]} said on Monday that talks on item {i} had failed. "
        f"He said the border was calm. The ministry said it was ready. "
        f"They said the protesters would return, and she added that it was over."
        for i in range(n))


# ------------------------------------------------------------------ attribution

def test_attribution_antecedents_linear():
    ex = AttributionExtractor(actors=_ACTORS)
    small, large = _pronouns(60), _pronouns(240)
    assert len(ex.extract(large)) > 4 * 240  # the lookups happen
    assert growth(lambda: ex, "extract", small, large) < _MAX_RATIO


def test_antecedent_examines_bounded_candidates(monkeypatch):
    """Each lookup reads at most the 41 actor mentions before the position, whatever
    the number of earlier records (which are found by bisection, not scanned)."""
    seen: list[int] = []
    fits = _Doc._mention_fits
    ante = _Doc.antecedent

    def counting_fits(self, *a, **kw):
        seen[-1] += 1
        return fits(self, *a, **kw)

    def counting_ante(self, *a, **kw):
        seen.append(0)
        return ante(self, *a, **kw)

    monkeypatch.setattr(_Doc, "_mention_fits", counting_fits)
    monkeypatch.setattr(_Doc, "antecedent", counting_ante)
    rows = AttributionExtractor(actors=_ACTORS).extract(_pronouns(300))
    assert len(seen) > 300
    assert max(seen) <= 41
    # the lookups found their antecedents: "He" after Pashinyan, "The ministry" after
    # the ministry
    he = [r for r in rows if r[3] == "He"]
    assert he and {r[4] for r in he} >= {"Nikol Pashinyan", "Ilham Aliyev"}


def test_attribution_news_linear(paragraphs):
    ex = AttributionExtractor()
    assert growth(lambda: ex, "extract", _news(paragraphs, 40),
                  _news(paragraphs, 160)) < _MAX_RATIO


def test_attribution_giant_sentence_linear(paragraphs):
    ex = AttributionExtractor()
    small = _no_punctuation(_news(paragraphs, 40))
    large = _no_punctuation(_news(paragraphs, 160))
    assert growth(lambda: ex, "extract", small, large) < _MAX_RATIO


# ------------------------------------------------------------------ agency, tone, text

def test_agency_linear(paragraphs):
    ex = AgencyExtractor()
    assert growth(lambda: ex, "rows", _news(paragraphs, 40),
                  _news(paragraphs, 160)) < _MAX_RATIO
    small = _no_punctuation(_news(paragraphs, 80))
    large = _no_punctuation(_news(paragraphs, 320))
    assert growth(lambda: ex, "rows", small, large) < _MAX_RATIO


def test_tone_linear(paragraphs, monkeypatch):
    # a fresh scorer each time: its memo of sentence scores would flatter the second run
    assert growth(ToneScorer, "document_table", _news(paragraphs, 40),
                  _news(paragraphs, 160)) < _MAX_RATIO
    # VADER's rules are quadratic in the length of a sentence in places that run in C
    # (the "but" rule's list.index), which counting lines cannot see: what keeps a
    # document without sentence punctuation linear is that no string longer than the
    # sentence cap reaches the scorer
    lengths = []
    compound = ToneScorer._compound

    def recording(self, text):
        lengths.append(len(text))
        return compound(self, text)

    monkeypatch.setattr(ToneScorer, "_compound", recording)
    text = _no_punctuation(_news(paragraphs, 160))
    rows = ToneScorer().document_table(text)
    assert len(rows) >= len(text) // MAX_SENTENCE_CHARS
    assert lengths and max(lengths) <= MAX_SENTENCE_CHARS


def test_text_linear(paragraphs):
    class Parse:
        def run(self, text):
            split_sentences(text, find_quotes(text))

    assert growth(Parse, "run", _news(paragraphs, 40), _news(paragraphs, 160)) < _MAX_RATIO
    small = _no_punctuation(_news(paragraphs, 40))
    large = _no_punctuation(_news(paragraphs, 160))
    assert growth(Parse, "run", small, large) < _MAX_RATIO


# ------------------------------------------------------------------ the sentence cap

def test_long_sentences_are_cut(paragraphs):
    text = _no_punctuation(_news(paragraphs, 120))
    assert len(text) > 5 * MAX_SENTENCE_CHARS
    spans = split_sentences(text)
    assert len(spans) >= len(text) // MAX_SENTENCE_CHARS
    assert all(0 < e - s <= MAX_SENTENCE_CHARS for s, e in spans)
    assert all(e - s >= MAX_SENTENCE_CHARS // 4 for s, e in spans[:-1])
    # in order, not overlapping, and nothing but white space between pieces
    assert all(a[1] <= b[0] and not text[a[1]:b[0]].strip() for a, b in zip(spans, spans[1:]))
    assert "".join(text[s:e] for s, e in spans).replace(" ", "") == text.replace(" ", "")
    # pieces end at a clause mark or white space, never inside a word
    assert all(not (text[e - 1].isalnum() and text[e].isalnum()) for s, e in spans[:-1])


def test_long_sentence_cut_outside_quotations():
    quote = "\u201c" + " ".join(["we will not stop"] * 40) + "\u201d"  # 680 characters
    text = " ".join(f"officials said {quote} and" for _ in range(40))
    quotes = find_quotes(text)
    spans = split_sentences(text, quotes)
    assert len(spans) > 1
    for s, e in spans:
        assert not any(q.start < e < q.end for q in quotes)


def test_ordinary_sentences_unchanged(paragraphs):
    """The cap changes nothing below it: a sentence just under the cap stays whole."""
    body = " ".join(["the talks went on"] * ((MAX_SENTENCE_CHARS - 40) // 18)) + "."
    text = f"It began. {body[0].upper()}{body[1:]} It ended."
    spans = split_sentences(text)
    assert [text[s:e] for s, e in spans][0] == "It began."
    assert len(spans) == 3 and spans[1][1] - spans[1][0] < MAX_SENTENCE_CHARS
