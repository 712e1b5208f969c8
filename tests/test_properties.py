"""Property-based tests (hypothesis): random Unicode texts and random lexicons of valid
literal terms never make loading, matching or the analysis raise; every hit's offsets
point at its ``match``; every input document has exactly one row in ``documents``."""
import unicodedata
import warnings

import pandas as pd
import pytest

hypothesis = pytest.importorskip("hypothesis")
from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

import framing  # noqa: E402
from framing.lexicons import normalize_term  # noqa: E402

SETTINGS = settings(max_examples=50, deadline=None, derandomize=False,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])

# letters of any script (upper, lower, title case, modifier and other letters), with
# spaces and hyphens between them: valid literal terms, never 're:' patterns or globs
LETTERS = st.characters(categories=["Lu", "Ll", "Lt", "Lm", "Lo"])
WORD = st.text(LETTERS, min_size=1, max_size=8)
TERM = st.builds(lambda first, rest: first + "".join(sep + w for sep, w in rest), WORD,
                 st.lists(st.tuples(st.sampled_from([" ", "-", "  ", " - "]), WORD), max_size=2))


def _key(term: str) -> str:
    return normalize_term(unicodedata.normalize("NFC", term.strip()))


LEXICON = st.lists(TERM, min_size=1, max_size=12, unique_by=_key).map(
    lambda terms: framing.load_lexicon(pd.DataFrame({"term": terms, "category": "c"}),
                                       name="random"))

# texts: random Unicode (any category but surrogates) mixed with the lexicon's terms in
# random case, so that there are hits to check
PIECE = st.one_of(st.text(max_size=30),
                  st.sampled_from([" ", "\n", "\n\n", "-", "“", "”", "\"", ". ", "'"]))


@st.composite
def lexicon_and_texts(draw):
    lex = draw(LEXICON)
    terms = list(lex.terms["term"]) if hasattr(lex, "terms") else []
    term_piece = st.sampled_from(terms).flatmap(
        lambda t: st.sampled_from([t, t.upper(), t.lower(), t.title()])) if terms else PIECE
    piece = st.one_of(PIECE, term_piece)
    texts = draw(st.lists(st.lists(piece, max_size=12).map("".join), min_size=1, max_size=5))
    return lex, texts


def _check_hits(hits: pd.DataFrame, texts: dict) -> None:
    for doc_id, start, end, match in zip(hits["doc_id"], hits["start"], hits["end"],
                                         hits["match"]):
        assert texts[doc_id][start:end] == match, (doc_id, start, end, match)


@SETTINGS
@given(lexicon_and_texts())
def test_match_lexicon_offsets_point_at_the_match(data):
    lex, texts = data
    raw = pd.DataFrame({"doc_id": [f"d{i}" for i in range(len(texts))], "body": texts})
    hits = framing.match_lexicon(raw, [lex])
    _check_hits(hits, dict(zip(raw["doc_id"], raw["body"])))


@SETTINGS
@given(lexicon_and_texts())
def test_load_match_and_analyze_never_raise(data):
    lex, texts = data
    ids = [f"d{i}" for i in range(len(texts))]
    source = pd.DataFrame({"doc_id": ids, "outlet": [f"o{i % 2}" for i in range(len(texts))],
                           "text": texts})
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # empty documents are reported with a warning
        corpus = framing.load_corpus(source)
        hits = framing.match_lexicon(corpus, [lex])
        _check_hits(hits, dict(zip(corpus["doc_id"], corpus["body"])))
        result = framing.analyze(corpus, lexicons=[lex], stages="none")
    docs = result.documents
    assert sorted(docs["doc_id"]) == sorted(ids)
    assert len(docs) == len(ids)
