"""Tone and stance (framing.stance): VADER identity, own/quoted tone, tone toward sides, stance."""
import inspect
import math
import random
import warnings

import numpy as np
import pandas as pd
import pytest

from framing import split_sentences
from framing._checks import FramingError
from framing.stance import (DOC_TONE_COLUMNS, SIDE_TONE_COLUMNS, STANCE_COLUMNS, TONE_COLUMNS,
                            ToneScorer, aggregate_side_tone, aggregate_tone, sentence_tone,
                            stance_index, tone, tone_by_outlet, tone_toward_sides)

vader = pytest.importorskip("vaderSentiment.vaderSentiment")


@pytest.fixture(scope="module")
def analyzer():
    return vader.SentimentIntensityAnalyzer()


@pytest.fixture(scope="module")
def scorer():
    return ToneScorer()


@pytest.fixture(scope="module")
def sample_sentences(sample_corpus):
    return [b[s:e] for b in sample_corpus["body"] for s, e in split_sentences(b)]


# --------------------------------------------------------------------------------------
# identity with the vaderSentiment package
# --------------------------------------------------------------------------------------
_POS = ["good", "great", "happy", "love", "excellent", "nice", "win", "peace", "hope", "support",
        "kind", "free", "safe", "agree", "welcome", "smart", "funny", "compelling", "accept",
        "admit", "true"]
_NEG = ["bad", "terrible", "killed", "attack", "war", "hate", "horrible", "sad", "fear", "crisis",
        "violence", "threat", "destroyed", "wounded", "aggression", "doubt", "sux", "shit", "bomb",
        "die", "death", "no", "ass", "shelling", "murderers"]
_FUNC = ["the", "a", "of", "to", "and", "was", "is", "it", "they", "we", "he", "said", "forces",
         "village", "army", "at", "very", "least", "so", "this", "never", "without", "not",
         "isn't", "don't", "but", "BUT", "kind", "of", "sort", "just", "enough", "or", "nor",
         "no", "NO", "yeah", "right", "bus", "stop", "kiss", "beating", "heart", "for", "cut",
         "mustard", "upper", "hand", "despite", "rarely", "nothing", "uh-uh", "kinda", "sorta",
         "extremely", "barely", "slightly", "really", "most", "more", "less", "little", "hardly",
         "VERY", "EXTREMELY", "I", "A", "US", "UN", "doesn't", "ain't", "cannot", "nope"]
_EMO = [":)", ":(", ":D", ":-D", ";)", "<3", ":P", "\U0001F600", "\U0001F622", "\U0001F498",
        "\u2764", "\U0001F44D", "lol", "LOL", ":/", "xD", "=)"]
_PUNCT = [".", "!", "!!", "!!!", "?", "??", "???", "????", "...", ",", ";", ":", "!?", '"', "'",
          ")"]


def varied_sentences(n, seed):
    """Random sentences built to exercise every VADER rule (seeded, reproducible).

    Negations (incl. n't), "but", ALL CAPS, "!" and "?", emoticons and emoji
    (also glued to words), "kind of", "least", idioms, boosters and dampeners,
    repeated words (the "but" quirk), curly quotes and odd white space.
    """
    rng = random.Random(seed)
    out = []
    for _ in range(n):
        words = []
        for _ in range(rng.randint(1, 25)):
            r = rng.random()
            if r < 0.2:
                w = rng.choice(_POS)
            elif r < 0.4:
                w = rng.choice(_NEG)
            elif r < 0.85:
                w = rng.choice(_FUNC)
            elif r < 0.93:
                w = rng.choice(_EMO)
            else:
                w = rng.choice(_POS + _NEG) + rng.choice(_PUNCT)
            r = rng.random()
            if r < 0.1:
                w = w.upper()
            elif r < 0.15:
                w = w.capitalize()
            if rng.random() < 0.08:
                w = rng.choice(['"', "\u201c", "("]) + w
            if rng.random() < 0.08:
                w = w + rng.choice(_PUNCT + ["\u201d"])
            words.append(w)
        sep = " " if rng.random() < 0.9 else rng.choice(["  ", "\t", " \n "])
        s = sep.join(words)
        if rng.random() < 0.05:
            s = s + rng.choice(_EMO[7:12]) + "word"
        if rng.random() < 0.5:
            s += rng.choice(_PUNCT)
        out.append(s)
    return out


def _mismatches(analyzer, scorer, sentences):
    bad = []
    for s in sentences:
        ref = analyzer.polarity_scores(s)
        got = scorer.score(s)
        if abs(ref["compound"] - got["compound"]) > 1e-4 or ref != got:
            bad.append((s, ref, got))
    return bad


def test_identical_to_vader_on_sample_sentences(analyzer, scorer, sample_sentences):
    assert len(sample_sentences) > 150
    assert _mismatches(analyzer, scorer, sample_sentences) == []
    # the scores are not trivially zero: news text is mostly negative here
    comp = scorer.compound_many(sample_sentences)
    assert (comp < -0.05).sum() > 30 and (comp > 0.05).sum() > 10


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_identical_to_vader_on_varied_sentences(analyzer, scorer, seed):
    sentences = varied_sentences(1000, seed)
    # the generator really exercises the rules
    assert sum("but" in s.lower() for s in sentences) > 100
    assert sum(not s.isascii() for s in sentences) > 300
    assert sum("!" in s for s in sentences) > 300
    assert sum("least" in s.lower() for s in sentences) > 50
    assert sum(any(w.isupper() and len(w) > 1 for w in s.split()) for s in sentences) > 500
    assert _mismatches(analyzer, scorer, sentences) == []


def test_identical_on_own_and_quoted_parts_of_sample(analyzer, sample_corpus):
    st = sentence_tone(sample_corpus)
    texts = dict(zip(sample_corpus["doc_id"], sample_corpus["body"]))
    n_quoted = 0
    for r in st.itertuples(index=False):
        sent = texts[r.doc_id][r.start:r.end]
        assert r.compound == analyzer.polarity_scores(sent)["compound"]
        if r.quoted_share == 0:
            assert r.compound_own == r.compound or not any(c.isalnum() for c in sent)
        else:
            n_quoted += 1
    assert n_quoted >= 10


# Cases where the package's behaviour is surprising; each must stay as the package has it.
QUIRKS = [
    # "but": values are re-found with list.index, so the halved 1.6 ("accept") equals 0.8
    # ("admit") and the *first* one is scaled again: 0.4 + 0.8 instead of 0.8 + 1.2
    ("We accept it but admit it", 0.296),
    # "this"/"so" right before a word: x1.25 through the never-so check's precedence
    ("the men were this bad", -0.628),  # -2.5 x 1.25
    ("the men were bad", -0.5423),
    # "no no good": the second "no" is neutralised, then negated again
    ("no no good", -0.1326),
    # ALL CAPS "NO" (valence set to 0 before a lexicon word) gets -0.733
    ("NO GOOD idea here", -0.5956),
    # "kind of" only dampens with three words before the sentiment word
    ("kind of good", 0.4404),
    ("The results were kind of good", 0.3832),
    ("at least good", 0.4404),
    ("the least good", -0.3412),
    ("very least good", 0.4902),
    ("it is the bomb", 0.6124),
    ("the bomb exploded", -0.4939),
    ("I love it\U0001F600", 0.7717),
    ("Not bad at all", 0.431),
    ("", 0.0),
    ("   ", 0.0),
    # two-letter words keep their punctuation ("no." is not "no")
    ("no. good", 0.4404),
    ("\u0130Y\u0130 good \u03a3\u03a3! bad", -0.2244),
]


@pytest.mark.parametrize("sentence,expected", QUIRKS)
def test_quirks_preserved(analyzer, scorer, sentence, expected):
    assert analyzer.polarity_scores(sentence)["compound"] == expected
    assert scorer.score(sentence) == analyzer.polarity_scores(sentence)
    assert scorer.compound(sentence) == expected


def test_score_dict_and_compound_many(scorer):
    assert scorer.score("The book was good.") == {"neg": 0.0, "neu": 0.508, "pos": 0.492,
                                                   "compound": 0.4404}
    arr = scorer.compound_many(["Good.", "Bad!", ""])
    assert isinstance(arr, np.ndarray) and arr.dtype == np.float64
    assert arr.tolist() == [0.4404, -0.5848, 0.0]
    assert scorer.compound_many([]).shape == (0,)


def test_bad_input_rejected(scorer):
    with pytest.raises(FramingError, match="single string"):
        scorer.compound_many("Good.")
    with pytest.raises(FramingError, match="must be a str"):
        scorer.score(3)


def test_custom_valences():
    base = ToneScorer()
    assert base.compound("The army shelled the town.") == 0.0
    custom = ToneScorer({"shelled": -2.0})
    assert custom.compound("The army shelled the town.") == round(-2 / math.sqrt(4 + 15), 4)
    table = ToneScorer(pd.DataFrame({"term": ["Shelled"], "weight": [-2.0]}))
    assert table.compound("The army shelled the town.") == custom.compound(
        "The army shelled the town.")
    with pytest.raises(FramingError, match="single words"):
        ToneScorer({"shelled heavily": -2.0})
    with pytest.raises(FramingError, match="not a number"):
        ToneScorer({"shelled": "very"})


# --------------------------------------------------------------------------------------
# sentence and document tone
# --------------------------------------------------------------------------------------
def _corpus(*bodies, outlets=None):
    ids = [f"d{i}" for i in range(len(bodies))]
    df = pd.DataFrame({"doc_id": ids, "body": list(bodies)})
    if outlets is not None:
        df["outlet"] = outlets
    return df


def test_sentence_tone_parts(analyzer):
    body = ('"They are murderers and liars," the minister said. The talks went well. '
            'He called it \u201ca great victory\u201d for peace.')
    st = sentence_tone(_corpus(body))
    assert list(st.columns) == TONE_COLUMNS
    assert st["sent_id"].tolist() == [0, 1, 2]
    s0, s1, s2 = st.to_dict("records")
    # quoted part scored alone, own part ("the minister said.") alone
    assert s0["compound_quoted"] == analyzer.polarity_scores("They are murderers and liars,")[
        "compound"] < -0.5
    assert s0["compound_own"] == 0.0
    assert s0["quoted_share"] == pytest.approx(len('"They are murderers and liars,"') /
                                               len('"They are murderers and liars," the minister '
                                                   'said.'))
    assert s1["quoted_share"] == 0.0 and math.isnan(s1["compound_quoted"])
    assert s1["compound_own"] == s1["compound"] == analyzer.polarity_scores(
        "The talks went well.")["compound"]
    # own part: pieces outside the quote joined with a space
    assert s2["compound_own"] == analyzer.polarity_scores("He called it for peace.")["compound"]
    assert s2["compound_quoted"] == analyzer.polarity_scores("a great victory")["compound"]


def test_tone_per_document(analyzer, sample_corpus, sample_sentences):
    t = tone(sample_corpus)
    assert list(t.columns) == DOC_TONE_COLUMNS
    assert t["doc_id"].tolist() == sample_corpus["doc_id"].tolist()
    assert t["n_sentences"].sum() == len(sample_sentences)
    for doc_id, body in zip(sample_corpus["doc_id"], sample_corpus["body"]):
        comps = [analyzer.polarity_scores(body[s:e])["compound"]
                 for s, e in split_sentences(body)]
        row = t[t["doc_id"] == doc_id].iloc[0]
        assert row["tone_mean"] == pytest.approx(np.mean(comps), abs=1e-12)
        assert row["n_own"] <= row["n_sentences"]
    # whole-text compound saturates; the sentence mean does not
    whole = [abs(analyzer.polarity_scores(b)["compound"]) for b in sample_corpus["body"]]
    assert min(whole) > 0.95
    assert t["tone_mean"].abs().max() < 0.5


def test_tone_own_vs_quoted_and_empty_docs():
    c = _corpus('"They are cowards and murderers," the commander said. The talks went well.',
                "", "No quotes here, just a good day.")
    t = tone(c).set_index("doc_id")
    assert t.loc["d0", "n_quoted"] == 1 and t.loc["d0", "n_own"] == 2
    assert t.loc["d0", "tone_quoted"] < -0.3
    assert t.loc["d0", "tone_own"] == pytest.approx((0.0 + 0.2732) / 2)
    assert t.loc["d1", "n_sentences"] == 0 and math.isnan(t.loc["d1", "tone_mean"])
    assert t.loc["d2", "n_quoted"] == 0 and math.isnan(t.loc["d2", "tone_quoted"])
    assert t.loc["d2", "tone_own"] == t.loc["d2", "tone_mean"]
    # aggregate_tone on an existing sentence table gives the same numbers
    pd.testing.assert_frame_equal(aggregate_tone(sentence_tone(c), c), tone(c))


def test_document_table_matches_sentence_tone(sample_corpus):
    s = ToneScorer()
    body = sample_corpus["body"].iloc[0]
    rows = s.document_table(body, doc_id="x")
    assert all(len(r) == len(TONE_COLUMNS) for r in rows)
    ref = sentence_tone(sample_corpus.iloc[:1])
    assert [r[4] for r in rows] == ref["compound"].tolist()


# --------------------------------------------------------------------------------------
# tone toward sides
# --------------------------------------------------------------------------------------
ACTORS = pd.DataFrame({
    "term": ["Ruritania", "Ruritanian*", "Strelsau", "Zenda", "Zendan*", "Rudolf"],
    "category": ["state", "demonym", "capital", "state", "demonym", "person"],
    "side": ["ruritania", "ruritania", "ruritania", "zenda", "zenda", "ruritania"],
})


def test_negative_sentence_about_one_side_only():
    c = _corpus("Ruritanian forces killed twelve civilians in a brutal attack. "
                "Zenda officials attended a meeting on Tuesday. The weather was mild.")
    t = tone_toward_sides(c, actors=ACTORS)
    assert list(t.columns) == SIDE_TONE_COLUMNS
    assert set(t["voice"]) == {"own"}
    by = t.set_index("side")
    assert by.loc["ruritania", "tone_mean"] < -0.5 and by.loc["ruritania", "n_sentences"] == 1
    assert by.loc["zenda", "tone_mean"] == 0.0 and by.loc["zenda", "n_sentences"] == 1


def test_own_and_quoted_mentions_separated():
    c = _corpus('"Zendan soldiers are murderers and liars," a Ruritanian spokesman said. '
                "Rudolf welcomed the peace talks in Strelsau.")
    t = tone_toward_sides(c, actors=ACTORS)
    rows = {(r.side, r.voice): (r.n_sentences, r.tone_mean) for r in t.itertuples()}
    # Zenda is only mentioned inside the quote: only a quoted row, negative
    assert ("zenda", "own") not in rows
    assert rows[("zenda", "quoted")][1] < -0.5
    # Ruritania in own voice twice: the attribution (0.0) and the positive sentence,
    # counted once per sentence although the second names two Ruritanian actors
    n, mean = rows[("ruritania", "own")]
    assert n == 2
    assert mean == pytest.approx((0.0 + ToneScorer().compound(
        "Rudolf welcomed the peace talks in Strelsau.")) / 2)
    assert ("ruritania", "quoted") not in rows


def test_side_tone_from_hits_table():
    from framing import match_lexicon, load_lexicon

    c = _corpus("Zenda shelled the border villages. Ruritania praised the ceasefire.")
    hits = match_lexicon(c, load_lexicon(ACTORS, name="actors"))
    a = aggregate_side_tone(sentence_tone(c), hits)
    b = tone_toward_sides(c, actors=hits)
    pd.testing.assert_frame_equal(a, b)
    assert a["side"].tolist() == ["ruritania", "zenda"]
    empty = aggregate_side_tone(sentence_tone(c), hits.iloc[:0])
    assert list(empty.columns) == SIDE_TONE_COLUMNS and empty.empty


def test_side_tone_across_documents_in_any_hit_order():
    """Hits are matched to sentences of their own document only, whatever their order;
    hits of documents without sentences, or outside every sentence, are ignored."""
    from framing import match_lexicon, load_lexicon

    c = pd.DataFrame({"doc_id": ["d1", "d2"], "body": [
        "Zenda shelled the border villages. Ruritania praised the ceasefire.",
        "Ruritania condemned the horrible attack. Zenda welcomed the good news."]})
    hits = match_lexicon(c, load_lexicon(ACTORS, name="actors"))
    sents = sentence_tone(c)
    a = aggregate_side_tone(sents, hits)
    assert a[["doc_id", "side"]].values.tolist() == [
        ["d1", "ruritania"], ["d1", "zenda"], ["d2", "ruritania"], ["d2", "zenda"]]
    by_sent = sents.set_index(["doc_id", "sent_id"])["compound_own"]
    assert a["tone_mean"].tolist() == [by_sent[("d1", 1)], by_sent[("d1", 0)],
                                       by_sent[("d2", 0)], by_sent[("d2", 1)]]
    shuffled = hits.iloc[::-1]
    pd.testing.assert_frame_equal(aggregate_side_tone(sents, shuffled), a)
    extra = pd.concat([hits, pd.DataFrame({"doc_id": ["d3", "d1"], "start": [0, 10_000],
                                           "end": [5, 10_005], "side": ["zenda"] * 2,
                                           "voice": ["own"] * 2})], ignore_index=True)
    pd.testing.assert_frame_equal(aggregate_side_tone(sents, extra), a)


def test_side_tone_on_sample_recomputed_by_hand(sample_corpus, sample_texts):
    """Every value of tone_toward_sides on the sample, recomputed from hits and the text."""
    from framing import load_lexicon, match_lexicon

    try:
        actors = load_lexicon("actors")
    except FramingError:
        pytest.skip("actors lexicon not shipped yet")
    hits = match_lexicon(sample_corpus, actors)
    hits = hits[hits["side"] != ""]
    t = tone_toward_sides(sample_corpus, actors=actors)
    assert set(t["voice"]) == {"own", "quoted"}
    assert set(t["side"]) <= set(hits["side"])
    sc = ToneScorer()
    tables = {d: sentence_tone(pd.DataFrame({"doc_id": [d], "body": [x]})).set_index("sent_id")
              for d, x in sample_texts.items()}
    expected = {}
    for (doc_id, side, voice), g in hits.groupby(["doc_id", "side", "voice"]):
        text = sample_texts[doc_id]
        spans = split_sentences(text)
        vals = []
        for sid in sorted(set(g["sent_id"])):
            a, b = spans[sid]
            row = tables[doc_id].loc[sid]
            vals.append(row["compound_own"] if voice == "own" else row["compound_quoted"])
            if row["quoted_share"] == 0:  # no quote: the own part is the whole sentence
                assert vals[-1] == sc.compound(text[a:b])
        expected[(doc_id, side, voice)] = (len(vals), np.mean(vals))
    got = {(r.doc_id, r.side, r.voice): (r.n_sentences, r.tone_mean) for r in t.itertuples()}
    assert got.keys() == expected.keys()
    for k, (n, mean) in expected.items():
        assert got[k][0] == n and got[k][1] == pytest.approx(mean, abs=1e-12)


# --------------------------------------------------------------------------------------
# stance index
# --------------------------------------------------------------------------------------
def _hits(rows):
    return pd.DataFrame(rows, columns=["doc_id", "lexicon", "side", "voice"])


def test_stance_index_hand_computed():
    hits = _hits([
        ("d1", "naming", "a", "own"), ("d1", "naming", "a", "own"), ("d1", "loaded", "a", "own"),
        ("d1", "loaded", "b", "own"),
        ("d1", "loaded", "a", "quoted"), ("d1", "naming", "a", "quoted"),  # quoted: ignored
        ("d1", "actors", "b", "own"),  # other lexicon: ignored
        ("d1", "naming", "neutral", "own"),  # not in the pair
        ("d1", "naming", "", "own"),  # no side
        ("d2", "naming", "b", "own"), ("d2", "naming", "b", "own"),
    ])
    corpus = pd.DataFrame({"doc_id": ["d1", "d2", "d3"]})
    s = stance_index(hits, corpus, sides=("a", "b"))
    assert list(s.columns) == STANCE_COLUMNS
    assert s.values.tolist() == [["d1", "a", "b", 3, 1, 0.4],   # (3-1)/(3+1+1)
                                 ["d2", "a", "b", 0, 2, -2 / 3],  # (0-2)/(0+2+1)
                                 ["d3", "a", "b", 0, 0, 0.0]]
    s0 = stance_index(hits, corpus, sides=("a", "b"), smoothing=0)
    assert s0["stance"].tolist()[:2] == [0.5, -1.0] and math.isnan(s0["stance"].iloc[2])
    s5 = stance_index(hits, corpus, sides=[("b", "a")], smoothing=5)
    assert s5["stance"].tolist() == [(1 - 3) / 9, 2 / 7, 0.0]
    # default: every pair of sides found, alphabetical
    every = stance_index(hits, corpus)
    assert sorted(set(zip(every["side_a"], every["side_b"]))) == [
        ("a", "b"), ("a", "neutral"), ("b", "neutral")]
    assert len(every) == 9
    only_naming = stance_index(hits, corpus, sides=("a", "b"), lexicons="naming")
    assert only_naming[["n_a", "n_b"]].values.tolist() == [[2, 0], [0, 2], [0, 0]]


def test_stance_index_errors_and_warnings():
    hits = _hits([("d1", "naming", "a", "own"), ("d1", "naming", "b", "own")])
    corpus = pd.DataFrame({"doc_id": ["d1"]})
    with pytest.raises(FramingError, match="smoothing"):
        stance_index(hits, corpus, smoothing=-1)
    with pytest.raises(FramingError, match="pair"):
        stance_index(hits, corpus, sides="a")
    with pytest.raises(FramingError, match="two different"):
        stance_index(hits, corpus, sides=[("a", "a")])
    with pytest.raises(FramingError, match="missing column"):
        stance_index(hits.drop(columns="voice"), corpus)
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # a lexicon without hits in this corpus is fine
        stance_index(hits, corpus, lexicons=("naming", "loaded"))
    with pytest.warns(UserWarning, match="none of the lexicons"):
        stance_index(hits, corpus, sides=("a", "b"), lexicons=("lodaed",))
    with pytest.warns(UserWarning, match="not in corpus"):
        stance_index(hits, pd.DataFrame({"doc_id": ["other"]}))
    with pytest.warns(UserWarning, match="fewer than two sides"):
        out = stance_index(hits[hits["side"] == "a"], corpus)
    assert out.empty and list(out.columns) == STANCE_COLUMNS


# --------------------------------------------------------------------------------------
# per-outlet aggregation and plot
# --------------------------------------------------------------------------------------
def test_tone_by_outlet():
    t = pd.DataFrame({"doc_id": ["a", "b", "c", "d"], "n_sentences": [2, 4, 1, 3],
                      "tone_mean": [-0.5, 0.1, 0.3, np.nan]})
    c = pd.DataFrame({"doc_id": ["a", "b", "c", "d"], "outlet": ["X", "X", "Y", "Y"]})
    out = tone_by_outlet(t, c)
    assert out.columns.tolist() == ["outlet", "n_docs", "n_sentences", "tone_mean"]
    assert out.values.tolist() == [["X", 2, 6, -0.2], ["Y", 2, 4, 0.3]]
    sides = pd.DataFrame({"doc_id": ["a", "a", "b", "c"], "side": ["p", "q", "p", "p"],
                          "voice": ["own", "own", "own", "quoted"], "n_sentences": [1, 2, 3, 1],
                          "tone_mean": [-0.4, 0.2, 0.0, 0.5]})
    by = tone_by_outlet(sides, c)
    assert by.columns.tolist() == ["outlet", "side", "voice", "n_docs", "n_sentences", "tone_mean"]
    assert by.values.tolist() == [["X", "p", "own", 2, 4, -0.2], ["X", "q", "own", 1, 2, 0.2],
                                  ["Y", "p", "quoted", 1, 1, 0.5]]


def test_plot_tone(tmp_path):
    import matplotlib.pyplot as plt

    from framing.plot import plot_tone, save_figure

    c = _corpus('"Zendan troops are murderers," a Ruritanian general said. '
                "Zenda welcomed the peace talks.",
                "Ruritanian forces killed twelve civilians. Zenda suffered terrible losses.",
                outlets=["Daily A", "Herald B"])
    table = tone_by_outlet(tone_toward_sides(c, actors=ACTORS), c)
    ax = plot_tone(table, title="tone toward sides")
    n_bars = len(table)
    assert len(ax.patches) == n_bars == 5
    widths = sorted(round(p.get_width(), 4) for p in ax.patches)
    assert widths == sorted(round(v, 4) for v in table["tone_mean"])
    assert [t.get_text() for t in ax.get_yticklabels()] == ["Herald B", "Daily A"]
    only = plot_tone(table, sides=["zenda"])
    assert len(only.patches) == (table["side"] == "zenda").sum() == 3
    files = save_figure(ax, tmp_path / "tone")
    assert files[0].stat().st_size > 1000
    plt.close("all")
    with pytest.raises(FramingError, match="tone_by_outlet"):
        plot_tone(tone_toward_sides(c, actors=ACTORS))


# --------------------------------------------------------------------------------------
# nothing about one conflict in the code
# --------------------------------------------------------------------------------------
def test_source_names_no_conflict():
    import framing.stance as mod

    src = inspect.getsource(mod).lower()
    for word in ("armenia", "azerbaijan", "azeri", "karabakh", "artsakh", "baku", "yerevan"):
        assert word not in src


def test_other_conflict_with_own_lexicons():
    """Russia-Ukraine, real-style wire sentences, lexicons written here."""
    from framing import load_lexicon, match_lexicon

    actors = load_lexicon(pd.DataFrame({
        "term": ["Russia", "Russian*", "Moscow", "Kremlin", "Putin", "Ukraine", "Ukrainian*",
                 "Kyiv", "Kiev", "Zelensky*", "Zelenskiy"],
        "category": ["state", "demonym", "capital", "institution", "person", "state", "demonym",
                     "capital", "capital", "person", "person"],
        "side": ["russia"] * 5 + ["ukraine"] * 6,
    }), name="actors")
    naming = load_lexicon(pd.DataFrame({
        "term": ["special military operation", "Kiev", "Kyiv", "full-scale invasion"],
        "category": ["war name", "toponym", "toponym", "war name"],
        "side": ["russia", "russia", "ukraine", "ukraine"],
    }), name="naming")
    loaded = load_lexicon(pd.DataFrame({
        "term": ["denazification", "Kyiv regime", "occupiers", "war of aggression"],
        "category": ["delegitimation", "delegitimation", "occupation", "aggression"],
        "side": ["russia", "russia", "ukraine", "ukraine"],
    }), name="loaded")
    corpus = pd.DataFrame({
        "doc_id": ["wire", "state_tv"],
        "outlet": ["Wire", "State TV"],
        "body": [
            "Russian missiles struck an apartment block in Kyiv overnight, killing at least nine "
            "civilians. \u201cThe occupiers will be driven out of every inch of our land,\u201d "
            "Zelensky said in his nightly address. Kyiv welcomed the new aid package as a vital "
            "show of support, nearly two years into the full-scale invasion.",
            "The special military operation is proceeding according to plan, the Kremlin said. "
            "The Kyiv regime shelled residential areas of Donetsk, killing three people. "
            "Putin praised the courage and heroism of the troops.",
        ],
    })
    hits = match_lexicon(corpus, [actors, naming, loaded])
    st = stance_index(hits, corpus, sides=("russia", "ukraine"))
    by = st.set_index("doc_id")
    # wire: Kyiv x2 + full-scale invasion (own) for Ukraine; "occupiers" is quoted
    assert by.loc["wire", ["n_a", "n_b"]].tolist() == [0, 3]
    assert by.loc["wire", "stance"] == pytest.approx(-3 / 4)
    # state TV: special military operation + "Kyiv regime" (loaded) for Russia; the
    # "Kyiv" inside "Kyiv regime" is a naming hit for Ukraine's usage
    assert by.loc["state_tv", ["n_a", "n_b"]].tolist() == [2, 1]
    assert by.loc["state_tv", "stance"] == pytest.approx(1 / 4)

    sides = tone_toward_sides(corpus, actors=actors)
    assert set(sides["side"]) == {"russia", "ukraine"}
    wire = sides[sides["doc_id"] == "wire"].set_index(["side", "voice"])["tone_mean"]
    assert wire[("russia", "own")] < -0.5  # missiles killing civilians
    # Ukraine in own voice in all three sentences; Zelensky's sentence counts with its
    # own-voice part only ("Zelensky said in his nightly address." = 0.0)
    body = corpus["body"].iloc[0]
    sents = [body[a:b] for a, b in split_sentences(body)]
    assert len(sents) == 3
    sc = ToneScorer()
    assert wire[("ukraine", "own")] == pytest.approx(
        (sc.compound(sents[0]) + 0.0 + sc.compound(sents[2])) / 3)
    assert sc.compound(sents[2]) > 0.5
    assert ("ukraine", "quoted") not in wire.index  # Zelensky is outside the quote
    tv = sides[sides["doc_id"] == "state_tv"].set_index(["side", "voice"])["tone_mean"]
    # "Putin praised the courage and heroism" outweighs the neutral Kremlin sentence
    assert tv[("russia", "own")] > 0.3
    assert tv[("ukraine", "own")] < -0.5
    out = tone_by_outlet(sides, corpus)
    assert set(out["outlet"]) == {"Wire", "State TV"}
