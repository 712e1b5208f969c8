"""Sentences, quotation spans and word counts."""
import pytest

from framing.text import count_words, find_quotes, parse_corpus, split_sentences


def sents(t):
    return [t[s:e] for s, e in split_sentences(t)]


@pytest.mark.parametrize("text", [
    "Maj.-Gen. Polad Gashimov was killed on Tuesday.",
    "Gen. Shoigu spoke with Lt. Col. Smith and Mr. Jones.",
    "U.S. officials said Col. Ivanov left.",
    "George W. Bush met the press at 4:00 a.m. on Friday.",
])
def test_abbreviations_do_not_end_sentences(text):
    assert sents(text) == [text]


def test_sentence_boundaries_in_plain_prose():
    t = "Fighting resumed. “Gunfire continues,” she wrote. Troops moved! Was it over? No."
    assert sents(t) == ["Fighting resumed.", "“Gunfire continues,” she wrote.", "Troops moved!",
                        "Was it over?", "No."]


def test_initialism_before_sentence_starter_ends_sentence():
    assert sents("He flew to the U.S. The talks failed.") == ["He flew to the U.S.",
                                                              "The talks failed."]


def test_glued_period_splits():
    # from the sample blog post: "...Azerbaijani military.The Azerbaijani military said..."
    assert sents("against the military.The army said so.") == ["against the military.",
                                                               "The army said so."]


def test_headings_and_paragraphs_are_sentences():
    t = "Pro-war protests in Baku\n\nOn Tuesday night, thousands rallied.\nNews outlets estimated more."
    assert sents(t) == ["Pro-war protests in Baku", "On Tuesday night, thousands rallied.",
                        "News outlets estimated more."]


def test_scraped_break_inside_quote_does_not_split(sample_texts):
    t = sample_texts["001_30f09581a7ee49b6"]
    joined = [s for s in sents(t) if "precision strike on the" in s]
    assert len(joined) == 1 and joined[0].endswith("a huge tragedy for Armenia.”")


def test_offsets_point_into_text(sample_texts):
    for t in sample_texts.values():
        spans = split_sentences(t)
        assert all(0 <= s < e <= len(t) for s, e in spans)
        assert all(spans[i][1] <= spans[i + 1][0] for i in range(len(spans) - 1))
        # no words lost: every word of the text is inside some sentence; a boundary
        # inside a glued token ("military.The") splits one token into two
        covered = sum(count_words(t[s:e]) for s, e in spans)
        glued = sum(1 for a, b in zip(spans, spans[1:]) if a[1] == b[0])
        assert covered == count_words(t) + glued


def q(t):
    return [(t[x.inner_start:x.inner_end], x.closed) for x in find_quotes(t)]


@pytest.mark.parametrize("text,expected", [
    ('He said "we will win" today.', [("we will win", True)]),
    ("He said “we will win” today.", [("we will win", True)]),
    ("Slogans such as ‘end the war,’ and ‘stop’ were heard.", [("end the war,", True), ("stop", True)]),
    ("Azerbaijan’s army and the soldiers’ families don't agree.", []),
    ("the so-called 'security zone' was set up", [("security zone", True)]),
    ("He tweeted ‘We say ‘no’ to this. It is over.’ Then left.",
     [("We say ‘no’ to this. It is over.", True)]),
])
def test_quote_spans(text, expected):
    assert q(text) == expected


def test_quote_continued_in_next_paragraph():
    t = "“First part of it.\n\n“Second part,” he said."
    assert q(t) == [("First part of it.", False), ("Second part,", True)]


def test_unbalanced_quote_ends_at_paragraph_and_rest_survives():
    t = "He said “this never closes.\n\nThe next paragraph is the outlet's own. “Fine,” she said."
    spans = q(t)
    assert spans[0] == ("this never closes.", False)
    assert spans[1] == ("Fine,", True)


def test_multi_paragraph_quote_in_sample(sample_texts):
    t = sample_texts["004_f1188ba773722cf1"]
    spans = q(t)
    assert ("Some international actors demonstrate the justified position and condemn the attacks "
            "and aggression of Armenia, calling it to demonstrate at least some level of goodwill "
            "and return to the negotiations table.", False) in spans
    assert any(s.startswith("However, there is also a group") and c for s, c in spans)


def test_sample_quote_counts(sample_texts):
    # counted by hand in the articles; nested quotes (‘meaningless.’ inside the BBC
    # quote, ‘two states, one nation’ inside the parliament statement) are not separate
    counts = {d: len(find_quotes(t)) for d, t in sample_texts.items()}
    assert counts == {"000_7f5838e29b6a3963": 10, "001_30f09581a7ee49b6": 32,
                      "002_2749a53b44881638": 4, "003_2aedb43fb5936a4f": 17,
                      "004_f1188ba773722cf1": 13}


def test_count_words():
    assert count_words("Azerbaijan’s forces didn't stop, 2 days later.") == 7
    assert count_words("") == 0


def test_parse_corpus_tables(sample_corpus):
    s, qt = parse_corpus(sample_corpus)
    assert list(s.columns) == ["doc_id", "sent_id", "start", "end", "n_words", "text"]
    assert set(s["doc_id"]) == set(sample_corpus["doc_id"])
    row = s[s["text"].str.startswith("Ethnic Armenian separatists seized")].iloc[0]
    body = sample_corpus.set_index("doc_id").loc[row["doc_id"], "body"]
    assert body[row["start"]:row["end"]] == row["text"]
    assert qt["closed"].dtype == bool
