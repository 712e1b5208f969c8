"""Tone and stance: VADER sentence tone, tone toward each side, a stance index.

Three measures of how an outlet speaks of the sides of a conflict:

* **tone** -- VADER compound scores (Hutto & Gilbert 2014) per sentence,
  averaged per document. :class:`ToneScorer` is a re-implementation of the
  ``vaderSentiment`` package's ``SentimentIntensityAnalyzer`` that returns the
  same scores (tested to 1e-4 on the compound against the package on the
  sample sentences and thousands of generated ones) about ten times faster.
  The lexicon and emoji files are read from the installed ``vaderSentiment``
  package (nothing is downloaded).
* **tone toward sides** -- the mean tone of the sentences that mention each
  side's actors (from an actors lexicon), in the outlet's own voice and inside
  quotations separately (:func:`tone_toward_sides`).
* **stance** -- a per-document index from side-tagged naming choices and
  loaded terms in the outlet's own voice (:func:`stance_index`).

Nothing in this module knows any conflict: sides, actors and demonyms come
from lexicon files.

Own voice and quotations
------------------------
A sentence is split into its *own-voice part* (the text outside quotation
spans, quotation marks removed) and its *quoted part* (the words inside the
quotation marks). Several pieces of one part are joined with a space. Each
part is scored on its own with VADER, so ``"They are murderers," he said.``
has a quoted part ``They are murderers,`` (negative) and an own part ``he
said.`` (neutral). A part counts only when it contains at least one word
character. VADER's punctuation emphasis ("!", "?") is computed on each part's
own text.
"""
from __future__ import annotations

import math
import re
import string
import warnings
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Mapping
from functools import lru_cache
from itertools import accumulate, compress
from operator import ne
from importlib import resources

import numpy as np
import pandas as pd

from ._checks import FramingError, check_columns, did_you_mean
from ._frames import RowsFrame

__all__ = [
    "ToneScorer",
    "TONE_COLUMNS",
    "DOC_TONE_COLUMNS",
    "SIDE_TONE_COLUMNS",
    "STANCE_COLUMNS",
    "sentence_tone",
    "tone",
    "aggregate_tone",
    "tone_toward_sides",
    "aggregate_side_tone",
    "stance_index",
    "tone_by_outlet",
]

#: Columns of the per-sentence tone table (:func:`sentence_tone`, ``tone.csv``).
TONE_COLUMNS = ["doc_id", "sent_id", "start", "end", "compound", "quoted_share",
                "compound_own", "compound_quoted"]
# ``pd.DataFrame(rows, columns=TONE_COLUMNS)``, built column-wise (same result)
_tone_frame = RowsFrame(TONE_COLUMNS, ints=("sent_id", "start", "end"),
                       floats=("compound", "quoted_share", "compound_own", "compound_quoted"))
#: Columns of the per-document tone table (:func:`tone`).
DOC_TONE_COLUMNS = ["doc_id", "n_sentences", "n_own", "n_quoted", "tone_mean", "tone_own",
                    "tone_quoted"]
#: Columns of the tone-toward-sides table (:func:`tone_toward_sides`).
SIDE_TONE_COLUMNS = ["doc_id", "side", "voice", "n_sentences", "tone_mean"]
#: Columns of the stance table (:func:`stance_index`).
STANCE_COLUMNS = ["doc_id", "side_a", "side_b", "n_a", "n_b", "stance"]

# --------------------------------------------------------------------------------------
# VADER constants, copied from vaderSentiment 3.3.2 (vaderSentiment/vaderSentiment.py).
# They are rules of the algorithm, not lexicon entries: the lexicon itself is read
# from the package's vader_lexicon.txt.
# --------------------------------------------------------------------------------------
_B_INCR = 0.293
_B_DECR = -0.293
_C_INCR = 0.733
_N_SCALAR = -0.74

_NEGATE = frozenset([
    "aint", "arent", "cannot", "cant", "couldnt", "darent", "didnt", "doesnt",
    "ain't", "aren't", "can't", "couldn't", "daren't", "didn't", "doesn't",
    "dont", "hadnt", "hasnt", "havent", "isnt", "mightnt", "mustnt", "neither",
    "don't", "hadn't", "hasn't", "haven't", "isn't", "mightn't", "mustn't",
    "neednt", "needn't", "never", "none", "nope", "nor", "not", "nothing", "nowhere",
    "oughtnt", "shant", "shouldnt", "uhuh", "wasnt", "werent",
    "oughtn't", "shan't", "shouldn't", "uh-uh", "wasn't", "weren't",
    "without", "wont", "wouldnt", "won't", "wouldn't", "rarely", "seldom", "despite"])

_BOOSTER = {w: _B_INCR for w in (
    "absolutely amazingly awfully completely considerable considerably decidedly deeply "
    "effing enormous enormously entirely especially exceptional exceptionally extreme "
    "extremely fabulously flipping flippin frackin fracking fricking frickin frigging "
    "friggin fully fuckin fucking fuggin fugging greatly hella highly hugely incredible "
    "incredibly intensely major majorly more most particularly purely quite really "
    "remarkably so substantially thoroughly total totally tremendous tremendously uber "
    "unbelievably unusually utter utterly very").split()}
_BOOSTER.update({w: _B_DECR for w in (
    "almost barely hardly kinda kindof kind-of less little marginal marginally occasional "
    "occasionally partly scarce scarcely slight slightly somewhat sorta sortof sort-of").split()})
_BOOSTER.update({"just enough": _B_DECR, "kind of": _B_DECR, "sort of": _B_DECR})

_SPECIAL_CASES = {"the shit": 3, "the bomb": 3, "bad ass": 1.5, "badass": 1.5, "bus stop": 0.0,
                  "yeah right": -2, "kiss of death": -1.5, "to die for": 3, "beating heart": 3.5}
# Words that occur in a multi-word special case or booster: the idiom check can only
# change a valence when one of the words around the lexicon word is among them.
_IDIOM_WORDS = frozenset(w for k in list(_SPECIAL_CASES) + [b for b in _BOOSTER if " " in b]
                         for w in k.split())
# The idiom words without the common "the", "of", "to" and "for": every idiom contains
# one of them, so in a sentence without any of them no idiom can match.
_IDIOM_RARE = _IDIOM_WORDS - {"the", "of", "to", "for"}
assert all(_IDIOM_RARE & set(k.split())
           for k in list(_SPECIAL_CASES) + [b for b in _BOOSTER if " " in b])
_SO_THIS = ("so", "this")
_PUNCT = string.punctuation


@lru_cache(maxsize=1)
def _vader_resources() -> tuple[dict, dict]:
    """VADER's lexicon and emoji table, parsed exactly as the package parses them."""
    base = resources.files("vaderSentiment")
    raw = base.joinpath("vader_lexicon.txt").read_text(encoding="utf-8")
    lexicon: dict[str, float] = {}
    for line in raw.rstrip("\n").split("\n"):
        if not line:
            continue
        word, measure = line.strip().split("\t")[0:2]
        lexicon[word] = float(measure)
    raw = base.joinpath("emoji_utf8_lexicon.txt").read_text(encoding="utf-8")
    emojis: dict[str, str] = {}
    for line in raw.rstrip("\n").split("\n"):
        emoji, description = line.strip().split("\t")[0:2]
        emojis[emoji] = description
    return lexicon, emojis


def _normalize(score: float, alpha: float = 15) -> float:
    norm = score / math.sqrt((score * score) + alpha)
    if norm < -1.0:
        return -1.0
    if norm > 1.0:
        return 1.0
    return norm


def _punctuation_amplifier(text: str):
    ep_count = text.count("!")
    if ep_count > 4:
        ep_count = 4
    ep = ep_count * 0.292
    qm_count = text.count("?")
    qm = 0
    if qm_count > 1:
        qm = qm_count * 0.18 if qm_count <= 3 else 0.96
    return ep + qm


def _word_form(token: str) -> str:
    """VADER's form of a white-space token: stripped of ASCII punctuation unless 2
    characters or fewer would remain, then lower-cased (the package lower-cases
    first; for ASCII the order does not matter, for other text the package also
    strips first)."""
    s = token.strip(_PUNCT)
    return (s if len(s) > 2 else token).lower()


# Words that can change the valence of a lexicon word up to three tokens after them
# (see ``ToneScorer._rule_values``): negations, boosters and dampeners, "no" (its own
# rule), "so"/"this" (the never-so rule) and "least". Word forms containing "n't" are
# negations too; the word cache adds them to the scorer's copy of this set.
_MODIFIERS = frozenset(_NEGATE | {w for w in _BOOSTER if " " not in w}
                       | {"no", "so", "this", "least"})


class _WordCache(dict):
    """``{token: _word_form(token)}`` filled on demand; cleared past 200,000 tokens.

    Word forms containing "n't" (negations for VADER) are added to ``modifiers``
    as they are met, so that one set look-up tells whether a word can modify
    the valence of the words after it.
    """

    __slots__ = ("modifiers",)

    def __init__(self, modifiers: set):
        super().__init__()
        self.modifiers = modifiers

    def __missing__(self, token):
        if len(self) >= 200_000:
            self.clear()
        w = self[token] = _word_form(token)
        if "n't" in w:
            self.modifiers.add(w)
        return w


# Valence of a token that may need one of VADER's rules (see _ValenceCache): NaN, so
# that a sum of valences including one is NaN. Lexicon valences are never NaN.
_RULES = math.nan


class _ValenceCache(dict):
    """``{token: valence}`` filled on demand; cleared past 200,000 tokens.

    The valence of a token is that of its word form in the lexicon, None when the
    form is not in the lexicon, or ``_RULES`` (NaN) when the token may need a
    rule of VADER beyond the look-up: modifier words (negations, boosters, "no",
    "so"/"this", "least"), "but", words with a rule of their own ("no", "kind"
    of), the rare idiom words (``_IDIOM_RARE``) and lexicon words in ALL CAPS.
    The sum of the valences of a sentence without such a token is its sum of
    sentiment values; with one, the sum is NaN.
    """

    __slots__ = ("words", "lex", "rules")

    def __init__(self, words: _WordCache, lex: dict, rules: frozenset):
        super().__init__()
        self.words = words
        self.lex = lex
        self.rules = rules  # word forms that need the rules

    def __missing__(self, token):
        if len(self) >= 200_000:
            self.clear()
        w = self.words[token]
        v = self.lex.get(w)
        if w in self.rules or "n't" in w or (v is not None and token.isupper()):
            v = _RULES
        self[token] = v
        return v


class ToneScorer:
    """VADER sentiment scores, identical to ``vaderSentiment`` and about ten times faster.

    Parameters
    ----------
    lexicon : mapping or DataFrame, optional
        Valences added to (or replacing) VADER's lexicon entries: a mapping
        ``{word: valence}`` or a table with columns ``term`` and ``weight``
        (e.g. ``Lexicon.terms``). VADER looks words up one token at a time, so
        terms must be single words without spaces; they are lower-cased. With
        a custom lexicon the scores naturally differ from the package's.

    Notes
    -----
    The algorithm is that of ``vaderSentiment`` 3.3.2
    (``SentimentIntensityAnalyzer.polarity_scores``), re-implemented to do each
    step once per sentence: the words are lower-cased once (the package
    lower-cases the whole sentence again for every word checked for
    negation, idioms and "but"), negation words are a set, idiom strings are
    only built when a word of an idiom is near, and text without emoji skips
    the character-by-character emoji pass. Each distinct token's valence is
    looked up once; a sentence without any word that can trigger a rule
    (modifiers, "but", rare idiom words, ALL CAPS lexicon words: most
    sentences) is scored as the sum of its valences, and in the others only
    the lexicon words that a rule can reach go through the rules. Scores are
    the same, including
    the package's known quirks, which are kept on purpose:

    * "but": each sentiment value is found again with ``list.index``, so when
      two words have the same value the *first* occurrence is scaled (it may be
      scaled twice and the later one not at all).
    * "so"/"this" right before a sentiment word multiplies it by 1.25 whenever
      there are three non-lexicon words before it (operator precedence in the
      never-so check), not only after "never".
    * A word in ALL CAPS with valence 0 (e.g. "no" before another sentiment
      word) gets -0.733, and a booster before a neutral-valued word is not
      sign-flipped but still gets the ALL CAPS increment subtracted.
    * The "no" rule can undo its own neutralisation: in "no no good" the second
      "no" is first set to 0 and then to -1.2 x -0.74.
    * Negations, boosters and idioms are only looked for when the word at that
      distance is not itself in the lexicon (so "doubt" in "without doubt"
      never blocks, and "no" never negates through the general check).
    * The idioms check (``SPECIAL_CASES``) runs only for words with at least
      three words before them, the first of which is not a lexicon word; the
      single-word case "badass" can never match; multi-word booster phrases
      ("kind of") found by this check are added without sign flip.
    * Emoji are replaced by their description with a space before (unless
      after a space) but none after, so an emoji glued to a word merges with it.
    * Tokens are split on white space and stripped of surrounding ASCII
      punctuation unless 2 characters or fewer would remain (then the token is
      kept whole); "!" and "?" are counted over the whole sentence.

    References
    ----------
    Hutto, C. J., & Gilbert, E. (2014). VADER: A parsimonious rule-based model for
    sentiment analysis of social media text. *Proceedings of ICWSM-14*, 216-225.

    Examples
    --------
    >>> s = ToneScorer()
    >>> s.score("The book was good.")
    {'neg': 0.0, 'neu': 0.508, 'pos': 0.492, 'compound': 0.4404}
    >>> s.compound_many(["Troops killed two civilians.", "Talks went well."]).tolist()
    [-0.6705, 0.2732]
    """

    def __init__(self, lexicon=None):
        self.lexicon = lexicon
        vader, emojis = _vader_resources()
        lex = vader
        if lexicon is not None:
            lex = dict(vader)
            lex.update(_valence_table(lexicon))
        self._lex = lex
        self._boosters = {w for w in _BOOSTER if " " not in w}
        one = sorted(k for k in emojis if len(k) == 1)
        self._emojis = {k: emojis[k] for k in one}
        self._emoji_set = frozenset(one)
        # pre-filter in C: an emoji of the Basic Multilingual Plane, or any character
        # beyond it (most emoji); the exact set test runs only after a match
        bmp = "".join(re.escape(k) for k in one if ord(k) <= 0xFFFF)
        self._emoji_maybe = re.compile(f"[{bmp}\U00010000-\U0010FFFF]").search
        self._modifiers = set(_MODIFIERS)
        self._words = _WordCache(self._modifiers)
        # words whose own rule needs the full check: "no" and "kind" (of), and boosters
        # that a custom lexicon gave a valence (VADER skips them)
        self._self_rules = frozenset({"no", "kind"} | (self._boosters & set(lex)))
        # token -> valence, None (not in the lexicon) or NaN (the token needs the rules)
        self._valences = _ValenceCache(self._words, lex, frozenset(
            self._modifiers | self._self_rules | _IDIOM_RARE | {"but"}))
        self._memo: dict[str, float] = {}  # sentence or part -> compound (see _memo_compound)

    def __repr__(self) -> str:
        extra = "" if self.lexicon is None else ", lexicon=<custom>"
        return f"ToneScorer({len(self._lex)} words{extra})"

    # -- core -----------------------------------------------------------------------
    def _replace_emoji(self, text: str) -> str:
        # same output as the package's character loop: a space before the
        # description unless the previous character is a space, none after
        emojis = self._emojis
        parts = []
        prev = 0
        for p, ch in enumerate(text):
            if ch in emojis:
                parts.append(text[prev:p])
                if p > 0 and text[p - 1] != " ":
                    parts.append(" ")
                parts.append(emojis[ch])
                prev = p + 1
        parts.append(text[prev:])
        return "".join(parts)

    def _tokens(self, text: str) -> tuple[list[str], str]:
        """The white-space tokens of ``text`` after emoji replacement, and that text."""
        if not text.isascii() and self._emoji_maybe(text) and \
                not self._emoji_set.isdisjoint(text):
            text = self._replace_emoji(text)
        return text.split(), text

    def _sentiments(self, text: str) -> tuple[list, int, str]:
        """Non-zero sentiment values in token order, the token count and the text scored."""
        toks, text = self._tokens(text)
        # valences in C, zeros and non-lexicon words (None) dropped; NaN if any token
        # needs the rules
        values = list(filter(None, map(self._valences.__getitem__, toks)))
        if values and math.isnan(sum(values)):
            values = self._rule_values(toks)
        return values, len(toks), text

    def _rule_values(self, toks: list[str]) -> list:
        """Non-zero sentiment values of the tokens in order, by all of VADER's rules.

        Most lexicon words keep their valence even so: only those with a rule of their
        own (ALL CAPS, "no", "kind" of, a booster given a valence), those up to three
        tokens after a modifier word (one after "this" and "least": see
        ``_rule_value``) and, if the sentence has a rare idiom word, those where the
        idiom check can match (a word of an idiom at i - 2 or i) go through the rules.
        """
        n = len(toks)
        vals = list(map(self._valences.__getitem__, toks))
        words = self._words
        lex = self._lex
        mods = self._modifiers
        bi = None  # position of the first "but"
        idioms = False
        rules = set()  # positions of the words whose value the rules may change
        # the tokens that need the rules: NaN, the only value not equal to itself
        for m in compress(range(n), map(ne, vals, vals)):
            w = words[toks[m]]
            if w in lex:
                rules.add(m)  # its value stays NaN until the rules give it
            else:
                vals[m] = None
            if w in mods or "n't" in w:
                # "this" and "least" change only the next word (the never-so rule
                # also needs a "never" before, which is a modifier itself)
                rules.update((m + 1,) if w == "this" or w == "least" else (m + 1, m + 2, m + 3))
            elif w == "but" and bi is None:
                bi = m
            if w in _IDIOM_RARE:
                idioms = True
        lw = None
        if idioms:
            lw = list(map(words.__getitem__, toks))
            rules.update(i for i in range(3, n)
                         if lw[i - 2] in _IDIOM_WORDS or lw[i] in _IDIOM_WORDS)
        # the lexicon words among them (vals: a valence, or NaN)
        rules = [i for i in rules if i < n and vals[i] is not None]
        if rules:
            if lw is None:
                lw = list(map(words.__getitem__, toks))
            for i in rules:
                vals[i] = self._rule_value(i, toks, lw)
        if bi is not None:
            # the package's "but" rule needs the positions of the values
            positions = list(compress(range(n), vals))
            values = list(filter(None, vals))
            _but_check(bi, positions, values)
            return values
        return list(filter(None, vals))

    def _rule_value(self, i: int, toks: list[str], lw: list[str]):
        """Sentiment value of the lexicon word ``lw[i]`` by all of VADER's rules (0: none)."""
        lex = self._lex
        n = len(toks)
        w = lw[i]
        if w in self._boosters:  # only possible with a custom lexicon
            return 0
        if w == "kind" and i < n - 1 and lw[i + 1] == "of":
            return 0
        v = lex[w]
        if w == "no" and i != n - 1 and lw[i + 1] in lex:
            v = 0.0
        if (i > 0 and lw[i - 1] == "no") or (i > 1 and lw[i - 2] == "no") or (
                i > 2 and lw[i - 3] == "no" and lw[i - 1] in ("or", "nor")):
            v = lex[w] * _N_SCALAR
        cap_diff = None
        if toks[i].isupper():
            up = sum(map(str.isupper, toks))
            cap_diff = 0 < up < n
            if cap_diff:
                if v > 0:
                    v += _C_INCR
                else:
                    v -= _C_INCR
        negate = _NEGATE
        for start_i in (0, 1, 2):
            j = i - start_i - 1
            if j < 0:
                break
            wj = lw[j]
            if wj in lex:
                continue
            b = _BOOSTER.get(wj)
            if b is not None:
                s = b
                if v < 0:
                    s *= -1
                if toks[j].isupper():
                    if cap_diff is None:
                        up = sum(map(str.isupper, toks))
                        cap_diff = 0 < up < n
                    if cap_diff:
                        if v > 0:
                            s += _C_INCR
                        else:
                            s -= _C_INCR
                if start_i == 1 and s != 0:
                    s = s * 0.95
                if start_i == 2 and s != 0:
                    s = s * 0.9
                v = v + s
            # negation check
            if start_i == 0:
                if wj in negate or "n't" in wj:
                    v = v * _N_SCALAR
            elif start_i == 1:
                if wj == "never" and lw[i - 1] in _SO_THIS:
                    v = v * 1.25
                elif wj == "without" and lw[i - 1] == "doubt":
                    pass
                elif wj in negate or "n't" in wj:
                    v = v * _N_SCALAR
            else:
                w1, w2 = lw[i - 1], lw[i - 2]
                if (wj == "never" and w2 in _SO_THIS) or w1 in _SO_THIS:
                    v = v * 1.25
                elif wj == "without" and (w2 == "doubt" or w1 == "doubt"):
                    pass
                elif wj in negate or "n't" in wj:
                    v = v * _N_SCALAR
                if w2 in _IDIOM_WORDS or w in _IDIOM_WORDS:
                    v = self._idioms(v, lw, i, n)
        # "least" check
        if i > 1 and lw[i - 1] not in lex and lw[i - 1] == "least":
            if lw[i - 2] != "at" and lw[i - 2] != "very":
                v = v * _N_SCALAR
        elif i > 0 and lw[i - 1] not in lex and lw[i - 1] == "least":
            v = v * _N_SCALAR
        return v

    @staticmethod
    def _idioms(v, lw, i, n):
        w3, w2, w1, w0 = lw[i - 3], lw[i - 2], lw[i - 1], lw[i]
        onezero = f"{w1} {w0}"
        twoonezero = f"{w2} {w1} {w0}"
        twoone = f"{w2} {w1}"
        threetwoone = f"{w3} {w2} {w1}"
        threetwo = f"{w3} {w2}"
        for seq in (onezero, twoonezero, twoone, threetwoone, threetwo):
            if seq in _SPECIAL_CASES:
                v = _SPECIAL_CASES[seq]
                break
        if n - 1 > i:
            zeroone = f"{w0} {lw[i + 1]}"
            if zeroone in _SPECIAL_CASES:
                v = _SPECIAL_CASES[zeroone]
        if n - 1 > i + 1:
            zeroonetwo = f"{w0} {lw[i + 1]} {lw[i + 2]}"
            if zeroonetwo in _SPECIAL_CASES:
                v = _SPECIAL_CASES[zeroonetwo]
        for ngram in (threetwoone, threetwo, twoone):
            if ngram in _BOOSTER:
                v = v + _BOOSTER[ngram]
        return v

    # -- public ---------------------------------------------------------------------
    def compound(self, sentence: str) -> float:
        """VADER compound score of one sentence, in [-1, 1] (rounded to 4 decimals).

        >>> ToneScorer().compound("Two soldiers were killed.")
        -0.6705
        """
        return self._compound(_check_str(sentence))

    def _compound(self, text: str) -> float:
        # _sentiments, _tokens, _punctuation_amplifier and _normalize inlined: this is
        # the per-sentence core of sentence_rows
        if not text.isascii() and self._emoji_maybe(text) and \
                not self._emoji_set.isdisjoint(text):
            text = self._replace_emoji(text)
        toks = text.split()
        sum_s = sum(filter(None, map(self._valences.__getitem__, toks)))
        if sum_s != sum_s:  # NaN: a token needs the rules
            sum_s = sum(self._rule_values(toks))
        if not sum_s:  # no tokens or no sentiment: 0.0 (a sum is never -0.0)
            return 0.0
        sum_s = float(sum_s)
        if sum_s > 0 or sum_s < 0:  # not NaN (inf - inf with a custom lexicon)
            ep = text.count("!")
            amp = min(ep, 4) * 0.292
            qm = text.count("?")
            if qm > 1:
                amp += qm * 0.18 if qm <= 3 else 0.96
            sum_s = sum_s + amp if sum_s > 0 else sum_s - amp
        norm = sum_s / math.sqrt((sum_s * sum_s) + 15)
        return round(-1.0 if norm < -1.0 else 1.0 if norm > 1.0 else norm, 4)

    def score(self, sentence: str) -> dict:
        """VADER scores of one sentence, as ``polarity_scores`` returns them.

        Parameters
        ----------
        sentence : str

        Returns
        -------
        dict
            ``neg``, ``neu``, ``pos`` (shares of sentiment mass, 3 decimals) and
            ``compound`` (normalised sum of valences in [-1, 1], 4 decimals).

        Examples
        --------
        >>> ToneScorer().score("Not bad at all")
        {'neg': 0.0, 'neu': 0.513, 'pos': 0.487, 'compound': 0.431}
        """
        values, n, text = self._sentiments(_check_str(sentence))
        if n == 0:
            return {"neg": 0.0, "neu": 0.0, "pos": 0.0, "compound": 0.0}
        sum_s = float(sum(values))
        amp = _punctuation_amplifier(text)
        if sum_s > 0:
            sum_s += amp
        elif sum_s < 0:
            sum_s -= amp
        compound = _normalize(sum_s)
        pos_sum = 0.0
        neg_sum = 0.0
        for v in values:
            if v > 0:
                pos_sum += (float(v) + 1)
            if v < 0:
                neg_sum += (float(v) - 1)
        neu_count = n - len(values)
        if pos_sum > math.fabs(neg_sum):
            pos_sum += amp
        elif pos_sum < math.fabs(neg_sum):
            neg_sum -= amp
        total = pos_sum + math.fabs(neg_sum) + neu_count
        return {"neg": round(math.fabs(neg_sum / total), 3),
                "neu": round(math.fabs(neu_count / total), 3),
                "pos": round(math.fabs(pos_sum / total), 3),
                "compound": round(compound, 4)}

    def compound_many(self, sentences: Iterable[str]) -> np.ndarray:
        """Compound scores of many sentences.

        Parameters
        ----------
        sentences : iterable of str
            Not a single string (that would be scored character by character).

        Returns
        -------
        numpy.ndarray of float64, one score per sentence.

        Examples
        --------
        >>> ToneScorer().compound_many(["Good.", "Bad!"]).tolist()
        [0.4404, -0.5848]
        """
        if isinstance(sentences, (str, bytes)):
            raise FramingError("sentences must be an iterable of strings, got a single string; "
                               "wrap it in a list: [sentence]")
        f = self.compound
        return np.fromiter((f(s) for s in sentences), dtype=float)

    def sentence_rows(self, text: str, *, doc_id="", sentences=None, quotes=None) -> list[tuple]:
        """Per-sentence tone rows of one text (:data:`TONE_COLUMNS`).

        Parameters
        ----------
        text : str
        doc_id : str, optional
        sentences, quotes : optional
            The text's sentence spans and quotation spans
            (:func:`framing.split_sentences`, :func:`framing.find_quotes`);
            computed when omitted.

        Returns
        -------
        list of tuple
            ``doc_id, sent_id, start, end, compound, quoted_share, compound_own,
            compound_quoted``; the last two are NaN when the sentence has no such
            part.

        Examples
        --------
        >>> ToneScorer().sentence_rows("Talks went well.", doc_id="a")
        [('a', 0, 0, 16, 0.2732, 0.0, 0.2732, nan)]
        """
        from .text import find_quotes, split_sentences

        if quotes is None:
            quotes = find_quotes(text)
        if sentences is None:
            sentences = split_sentences(text, quotes)
        qstarts = [q.start for q in quotes]
        # reach[j]: the furthest end of quotes[:j + 1]. A sentence [s, e) can overlap a
        # quotation span only if a span starting before e ends after s; when it cannot,
        # _split_parts is skipped. (Spans from find_quotes are sorted by start; for
        # others, _split_parts is called for every sentence.)
        reach = list(accumulate((q.end for q in quotes), max)) \
            if qstarts == sorted(qstarts) else None
        memo = self._memo
        if len(self._words) > 300_000:  # word caches grow with the vocabulary: bound them
            self._words.clear()
            self._valences.clear()
        compound = self._compound
        part = self._memo_compound
        rows = []
        append = rows.append
        nan = math.nan
        for k, (s, e) in enumerate(sentences):
            sent = text[s:e]
            full = memo.get(sent)  # self._memo_compound(sent), inlined
            if full is None:
                if len(memo) >= 100_000:
                    memo.clear()
                full = memo[sent] = compound(sent)
            if quotes and (reach is None or (
                    (j := bisect_left(qstarts, e)) and reach[j - 1] > s)):
                parts = _split_parts(text, s, e, quotes, qstarts)
                if parts is not None and parts[2] != 0.0:
                    own, quoted, share = parts
                    append((doc_id, k, s, e, full, share,
                            part(own) if _HAS_WORD(own) else nan,
                            part(quoted) if _HAS_WORD(quoted) else nan))
                    continue
            # no quoted part: the own-voice part is the whole sentence
            append((doc_id, k, s, e, full, 0.0, full if _HAS_WORD(sent) else nan, nan))
        return rows

    def _memo_compound(self, text: str) -> float:
        """:meth:`compound` of a sentence or of its own-voice or quoted part, memoised:
        the same strings recur in a corpus (the own-voice rest of quoting sentences such
        as "he said.", wire copy and boilerplate repeated across documents and outlets).
        A score depends on the string only, so a memoised score is the score. The memo
        holds at most 100,000 strings (emptied when full)."""
        memo = self._memo
        c = memo.get(text)
        if c is None:
            if len(memo) >= 100_000:
                memo.clear()
            c = memo[text] = self._compound(text)
        return c

    # The analysis pipeline calls this name.
    document_table = sentence_rows


_HAS_WORD = re.compile(r"\w").search


def _check_str(sentence) -> str:
    if not isinstance(sentence, str):
        raise FramingError(f"sentence must be a str, got {type(sentence).__name__}")
    return sentence


def _valence_table(lexicon) -> dict[str, float]:
    """``{word: valence}`` from a mapping or a table with ``term`` and ``weight``."""
    if hasattr(lexicon, "terms") and isinstance(getattr(lexicon, "terms"), pd.DataFrame):
        lexicon = lexicon.terms
    if isinstance(lexicon, pd.DataFrame):
        check_columns(lexicon, ["term", "weight"], "lexicon")
        items = zip(lexicon["term"], lexicon["weight"])
    elif isinstance(lexicon, Mapping):
        items = lexicon.items()
    else:
        raise FramingError("lexicon must be a mapping {word: valence} or a table with columns "
                           f"'term' and 'weight', got {type(lexicon).__name__}")
    out = {}
    for term, weight in items:
        t = str(term).strip().lower()
        if not t or any(c.isspace() for c in t):
            raise FramingError(f"lexicon term {term!r}: VADER scores single words; "
                               "remove the spaces or drop the term")
        try:
            w = float(weight)
        except (TypeError, ValueError):
            raise FramingError(
                f"lexicon term {term!r}: weight {weight!r} is not a number") from None
        if math.isnan(w):
            raise FramingError(f"lexicon term {term!r} has no weight (valence)")
        out[t] = w
    return out


def _but_check(bi: int, positions: list[int], values: list[float]) -> None:
    """The package's "but" rule on the non-zero values, in place (quirk preserved).

    The package loops over all values and re-finds each one with ``list.index``;
    zeros are unchanged by scaling, so only non-zero values need the loop.
    """
    for k in range(len(values)):
        v = values[k]
        si = values.index(v)
        p = positions[si]
        if p < bi:
            values[si] = v * 0.5
        elif p > bi:
            values[si] = v * 1.5


def _split_parts(text, s, e, quotes, qstarts):
    """Own-voice text, quoted text and quoted share of the sentence ``text[s:e]``, or
    None when no quotation span overlaps the sentence (quoted share 0; also for an
    empty sentence)."""
    k = bisect_right(qstarts, s) - 1
    own, quoted = [], []
    cur = s
    inside = 0
    for i in range(max(k, 0), len(quotes)):  # islice would step through earlier quotes
        q = quotes[i]
        qs, qe = q.start, q.end
        if qs >= e:
            break
        if qe <= s:  # spans ending before the sentence change nothing
            continue
        a, b = max(qs, s), min(qe, e)
        if a > cur:
            own.append(text[cur:a])
        inside += b - a
        ia, ib = max(q.inner_start, s), min(q.inner_end, e)
        if ib > ia:
            quoted.append(text[ia:ib])
        cur = max(cur, b)
    if not inside:
        return None
    if cur < e:
        own.append(text[cur:e])
    return " ".join(own), " ".join(quoted), inside / (e - s) if e > s else 0.0


# --------------------------------------------------------------------------------------
# Corpus-level tables
# --------------------------------------------------------------------------------------
def _scorer(lexicons) -> ToneScorer:
    if isinstance(lexicons, ToneScorer):
        return lexicons
    return _default_scorer() if lexicons is None else ToneScorer(lexicons)


@lru_cache(maxsize=1)
def _default_scorer() -> ToneScorer:
    return ToneScorer()


def sentence_tone(corpus: pd.DataFrame, *, column: str = "body", lexicons=None) -> pd.DataFrame:
    """VADER tone of every sentence, with its own-voice and quoted parts.

    Parameters
    ----------
    corpus : DataFrame
        A corpus (:func:`framing.load_corpus`) with ``doc_id`` and ``column``.
    column : str, default "body"
        Text column; offsets refer to it.
    lexicons : ToneScorer, mapping or table of valences, optional
        Default: VADER's lexicon. A mapping ``{word: valence}`` or a table with
        ``term`` and ``weight`` adds to or overrides it (see :class:`ToneScorer`).

    Returns
    -------
    DataFrame
        One row per sentence: ``doc_id, sent_id, start, end, compound,
        quoted_share, compound_own, compound_quoted``. ``compound`` scores the
        whole sentence; ``quoted_share`` is the share of its characters inside
        quotation spans (marks included); ``compound_own`` / ``compound_quoted``
        score the text outside / inside quotation marks (NaN when the sentence
        has no such part). Sentences are those of :func:`framing.split_sentences`.

    Examples
    --------
    >>> c = pd.DataFrame({"doc_id": ["a"],
    ...                   "body": ['"They are murderers," he said. Talks went well.']})
    >>> t = sentence_tone(c)
    >>> t[["sent_id", "start", "end"]].values.tolist()
    [[0, 0, 30], [1, 31, 47]]
    >>> t[["compound", "quoted_share", "compound_own", "compound_quoted"]].round(3).values.tolist()
    [[-0.649, 0.7, 0.0, -0.649], [0.273, 0.0, 0.273, nan]]
    """
    check_columns(corpus, ["doc_id", column], "corpus")
    scorer = _scorer(lexicons)
    rows: list[tuple] = []
    for doc_id, text in zip(corpus["doc_id"], corpus[column]):
        if isinstance(text, str) and text:
            rows.extend(scorer.sentence_rows(text, doc_id=doc_id))
    return _tone_frame(rows)


def aggregate_tone(sentences: pd.DataFrame, corpus: pd.DataFrame | None = None) -> pd.DataFrame:
    """Per-document tone from a per-sentence tone table.

    Parameters
    ----------
    sentences : DataFrame
        The output of :func:`sentence_tone` (or the ``tone`` table of
        :func:`framing.analyze`).
    corpus : DataFrame, optional
        When given, every document of ``corpus`` gets a row, also those
        without sentences (with NaN tone).

    Returns
    -------
    DataFrame
        ``doc_id, n_sentences, n_own, n_quoted, tone_mean, tone_own, tone_quoted``
        (see :func:`tone`): one row per document of ``corpus`` in its order, or
        without ``corpus`` one per document of ``sentences`` in order of first
        appearance.

    Examples
    --------
    >>> c = pd.DataFrame({"doc_id": ["a", "b"], "body": ["Good. Bad!", ""]})
    >>> t = aggregate_tone(sentence_tone(c), c)
    >>> t["n_sentences"].tolist(), t["tone_mean"].round(4).tolist()
    ([2, 0], [-0.0722, nan])
    """
    check_columns(sentences, ["doc_id", "compound", "compound_own", "compound_quoted"],
                  "sentences")
    # one group per document, in order of first appearance; the means are exactly
    # rounded sums (math.fsum) divided by the counts, so they do not depend on how
    # the documents are grouped into chunks (pandas' grouped means can differ in the
    # last bit between groupings of the same values)
    g = sentences.groupby("doc_id", sort=False)
    codes, uniq = pd.factorize(sentences["doc_id"], sort=False)
    index = pd.Index(uniq, name="doc_id")

    def mean(col):
        v = sentences[col].to_numpy(dtype=float)
        ok = ~np.isnan(v)
        order = np.argsort(codes[ok], kind="stable")
        vals, cs = v[ok][order], codes[ok][order]
        bounds = np.searchsorted(cs, np.arange(len(uniq) + 1))
        out = np.full(len(uniq), np.nan)
        for i in range(len(uniq)):
            a, b = bounds[i], bounds[i + 1]
            if b > a:
                out[i] = math.fsum(vals[a:b]) / (b - a)
        return pd.Series(out, index=index)

    stats = {"n_sentences": g["compound"].size(), "n_own": g["compound_own"].count(),
             "n_quoted": g["compound_quoted"].count(), "tone_mean": mean("compound"),
             "tone_own": mean("compound_own"), "tone_quoted": mean("compound_quoted")}
    if corpus is None:
        return pd.DataFrame(stats).reset_index()[DOC_TONE_COLUMNS]
    # one row per document of the corpus, as a left merge would give: position -1
    # (no sentences) takes the appended count 0 and mean NaN
    ids = corpus["doc_id"].to_numpy()
    pos = stats["n_sentences"].index.get_indexer(ids)
    out = {"doc_id": ids}
    for c, v in stats.items():
        fill = 0 if c.startswith("n_") else np.nan
        out[c] = np.append(v.to_numpy(), fill)[pos]
    return pd.DataFrame(out)


def tone(corpus: pd.DataFrame, *, column: str = "body", lexicons=None) -> pd.DataFrame:
    """Tone of each document: the mean VADER compound of its sentences.

    VADER's compound is a saturating function of the summed valences, so the
    compound of a whole news article is almost always close to -1 or +1; the
    mean of sentence compounds keeps the gradations.

    Parameters
    ----------
    corpus : DataFrame
        A corpus with ``doc_id`` and ``column``.
    column : str, default "body"
    lexicons : ToneScorer, mapping or table of valences, optional
        See :func:`sentence_tone`.

    Returns
    -------
    DataFrame
        One row per document of ``corpus``: ``doc_id, n_sentences, n_own,
        n_quoted, tone_mean, tone_own, tone_quoted``. ``tone_mean`` is the mean
        compound of all sentences; ``tone_own`` the mean compound of the
        sentences' own-voice parts (text outside quotation marks, ``n_own``
        sentences have one); ``tone_quoted`` the mean compound of their quoted
        parts (``n_quoted`` sentences). NaN when there is nothing to average.

    References
    ----------
    Hutto, C. J., & Gilbert, E. (2014). VADER: A parsimonious rule-based model for
    sentiment analysis of social media text. *ICWSM-14*.

    Examples
    --------
    >>> c = pd.DataFrame({"doc_id": ["a"],
    ...                   "body": ['"They are murderers," he said. Talks went well.']})
    >>> t = tone(c)
    >>> t[["n_sentences", "n_own", "n_quoted"]].values.tolist()
    [[2, 2, 1]]
    >>> t[["tone_mean", "tone_own", "tone_quoted"]].round(4).values.tolist()
    [[-0.1877, 0.1366, -0.6486]]
    """
    return aggregate_tone(sentence_tone(corpus, column=column, lexicons=lexicons), corpus)


def _is_hits(obj) -> bool:
    return isinstance(obj, pd.DataFrame) and {"doc_id", "start", "end", "side"} <= set(obj.columns)


def aggregate_side_tone(sentences: pd.DataFrame, hits: pd.DataFrame) -> pd.DataFrame:
    """Tone toward each side from a per-sentence tone table and actor hits.

    Parameters
    ----------
    sentences : DataFrame
        Output of :func:`sentence_tone` (``doc_id, start, end, compound_own,
        compound_quoted``).
    hits : DataFrame
        Hits of an actors lexicon (:func:`framing.match_lexicon`): ``doc_id,
        start, end, side, voice``. Hits with an empty side are ignored.

    Returns
    -------
    DataFrame
        ``doc_id, side, voice, n_sentences, tone_mean`` (see :func:`tone_toward_sides`),
        sorted by document (in the order of ``sentences``), side and voice.

    Examples
    --------
    >>> c = pd.DataFrame({"doc_id": ["a"], "body": ["Zenda troops killed two civilians."]})
    >>> hits = pd.DataFrame({"doc_id": ["a"], "start": [0], "end": [5], "side": ["zenda"],
    ...                      "voice": ["own"]})
    >>> aggregate_side_tone(sentence_tone(c), hits).values.tolist()
    [['a', 'zenda', 'own', 1, -0.6705]]
    """
    check_columns(sentences, ["doc_id", "start", "end", "compound_own", "compound_quoted"],
                  "sentences")
    check_columns(hits, ["doc_id", "start", "end", "side", "voice"], "hits")
    # sides numbered in sorted order, the order of the output (missing sides: -1)
    scode, sides = pd.factorize(hits["side"].to_numpy(), sort=True)
    sides = np.asarray(sides, dtype=object)
    voice = hits["voice"].to_numpy()
    own = voice == "own"
    keep = (own | (voice == "quoted")) & np.append(sides != "", False)[scode]
    sel = np.flatnonzero(keep)
    if not len(sel) or sentences.empty:
        return pd.DataFrame(columns=SIDE_TONE_COLUMNS).astype(
            {"n_sentences": int, "tone_mean": float})
    scode, own = scode[sel], own[sel]
    hstart = hits["start"].to_numpy(dtype=np.int64)[sel]
    # each hit's sentence, for all documents at once: sentences and hits get one
    # sort key (document number, start offset), and a binary search finds the last
    # sentence starting at or before each hit
    codes, uniques = pd.factorize(sentences["doc_id"], sort=False)
    # the document number of each hit (-1: not in ``sentences``), looked up once per
    # distinct doc_id
    hdoc, hdocs = pd.factorize(hits["doc_id"].to_numpy()[sel])
    hcode = np.append(pd.Index(uniques).get_indexer(hdocs), -1)[hdoc]
    starts = sentences["start"].to_numpy(dtype=np.int64)
    ends = sentences["end"].to_numpy(dtype=np.int64)
    span = int(max(ends.max(initial=0), hstart.max(initial=0))) + 1
    skey = codes.astype(np.int64) * span + starts
    order = np.argsort(skey, kind="stable")
    skey = skey[order]
    hkey = hcode.astype(np.int64) * span + hstart
    pos = np.searchsorted(skey, hkey, side="right") - 1
    ok = (hcode >= 0) & (pos >= 0)
    row = order[np.where(pos >= 0, pos, 0)]
    ok &= codes[row] == hcode
    ok &= hstart < ends[row]
    val = np.where(own, sentences["compound_own"].to_numpy(dtype=float)[row],
                   sentences["compound_quoted"].to_numpy(dtype=float)[row])
    ok &= ~np.isnan(val)
    idx = np.flatnonzero(ok)  # the hits that count, in their order
    # (side, voice) as one number, "own" before "quoted"
    width = 2 * len(sides)
    sv = scode[idx] * 2 + ~own[idx]
    # a sentence counts once per side and voice: keep the first hit of each
    first = ~pd.Series(row[idx] * width + sv).duplicated().to_numpy()
    idx, sv = idx[first], sv[first]
    # groups (document, side, voice) numbered in order of first appearance, as
    # ``groupby(sort=False)`` numbers them: pandas' mean then adds the same values in
    # the same way as before (how pandas sums can depend on the numbering, e.g.
    # np.add.reduceat when the numbers are sorted, compensated sums otherwise)
    group, keys = pd.factorize(hcode[idx] * width + sv)
    n_sentences = np.bincount(group)
    tone_mean = pd.Series(val[idx]).groupby(group, sort=False).mean().to_numpy()
    # output order: document (its order in ``sentences``), side, voice
    order = np.argsort(keys)
    doc, sv = np.divmod(keys[order], width)
    return pd.DataFrame({"doc_id": np.asarray(uniques)[doc],
                         "side": sides[sv // 2],
                         "voice": np.array(["own", "quoted"], dtype=object)[sv % 2],
                         "n_sentences": n_sentences[order], "tone_mean": tone_mean[order]})


def tone_toward_sides(corpus: pd.DataFrame, *, actors=None, column: str = "body",
                      lexicons=None) -> pd.DataFrame:
    """Mean tone of the sentences that mention each side, in own voice and in quotes.

    Parameters
    ----------
    corpus : DataFrame
        A corpus with ``doc_id`` and ``column``.
    actors : lexicon name, path, Lexicon, DataFrame, or hits table, optional
        Default: the actors-role lexicon of the default study
        The side-tagged actors lexicon (people, institutions, forces, places,
        demonyms, each with a ``side``), anything
        :func:`framing.load_lexicon` accepts; or an already computed hits table
        of it (with ``doc_id, start, end, side, voice``). Every hit with a
        non-empty side counts.
    column : str, default "body"
    lexicons : ToneScorer, mapping or table of valences, optional
        Tone lexicon (see :func:`sentence_tone`).

    Returns
    -------
    DataFrame
        ``doc_id, side, voice, n_sentences, tone_mean``, one row per document,
        side and voice in which the side is mentioned. ``voice="own"``: mean
        compound of the own-voice parts (text outside quotation marks) of the
        sentences that mention the side outside quotation marks;
        ``voice="quoted"``: mean compound of the quoted parts of the sentences
        that mention the side inside quotation marks. A sentence counts once per
        side and voice, however many actors of the side it names; a sentence
        naming two sides counts for both.

    Notes
    -----
    Sentence-level co-occurrence is a proxy for tone *toward* a side: "Side X
    shelled the villages, killing five" is negative for X and for the victims
    alike. Read the measure together with agency (who does what to whom).

    Examples
    --------
    >>> actors = pd.DataFrame({"term": ["Ruritania*", "Zenda"], "category": ["state", "state"],
    ...                        "side": ["ruritania", "zenda"]})
    >>> c = pd.DataFrame({"doc_id": ["a"], "body": ["Ruritanian troops killed two "
    ...                   "civilians. Zenda welcomed the talks."]})
    >>> tone_toward_sides(c, actors=actors).values.tolist()
    [['a', 'ruritania', 'own', 1, -0.6705], ['a', 'zenda', 'own', 1, 0.34]]
    """
    check_columns(corpus, ["doc_id", column], "corpus")
    if _is_hits(actors):
        hits = actors
    else:
        from .lexicons import match_lexicon
        from .studies import role_lexicon

        lex = role_lexicon(actors, "actors")
        hits = match_lexicon(corpus, lex, column=column) if len(lex) else \
            pd.DataFrame(columns=["doc_id", "side", "voice", "start", "end"])
    return aggregate_side_tone(sentence_tone(corpus, column=column, lexicons=lexicons), hits)


def _side_pairs(sides, found: list[str]) -> list[tuple[str, str]]:
    if sides is None:
        found = sorted(found)
        return [(a, b) for i, a in enumerate(found) for b in found[i + 1:]]
    if isinstance(sides, tuple) and len(sides) == 2 and all(isinstance(s, str) for s in sides):
        sides = [sides]
    if isinstance(sides, str):
        raise FramingError(f"sides must be a pair of side names such as ('a', 'b') or a list of "
                           f"pairs, got the string {sides!r}")
    pairs = []
    for p in sides:
        p = tuple(p) if not isinstance(p, str) else (p,)
        if len(p) != 2 or not all(isinstance(s, str) and s for s in p) or p[0] == p[1]:
            raise FramingError(f"sides: each entry must be a pair of two different side names, "
                               f"got {p!r}")
        pairs.append(p)
    return pairs


def stance_index(hits: pd.DataFrame, corpus: pd.DataFrame, *, sides=None,
                 lexicons="framing", smoothing: float = 1.0, study=None) -> pd.DataFrame:
    """Stance of each document between two sides, from the side-tagged terms it uses.

    Each own-voice hit of a side-tagged naming or loaded term counts as one use
    of that side's vocabulary (a place name as one side writes it, a term
    only one side's media use). For sides *a* and *b*
    with ``n_a`` and ``n_b`` such hits in a document::

        stance = (n_a - n_b) / (n_a + n_b + k)

    with ``k = smoothing``.

    Parameters
    ----------
    hits : DataFrame
        Hits table (:func:`framing.match_lexicon`): ``doc_id, lexicon, side, voice``.
    corpus : DataFrame
        The corpus (``doc_id``); every document gets a row, also those with
        no hits.
    sides : pair of str or list of pairs, optional
        Which sides to contrast, e.g. ``("side_x", "side_y")``. Default:
        every pair of sides found in the selected hits (alphabetical, ``side_a``
        before ``side_b``).
    lexicons : "framing", str or sequence of str, default "framing"
        Names of the lexicons whose hits count (the ``lexicon`` column of
        ``hits``); ``"framing"``: the lexicons whose role is ``naming`` or
        ``loaded`` in ``study`` (places and actors are not framing choices);
        None counts every lexicon.
    study : Study, optional
        Where the roles come from (default: the default study).
    smoothing : float, default 1.0
        ``k`` above, >= 0.

    Returns
    -------
    DataFrame
        ``doc_id, side_a, side_b, n_a, n_b, stance``: one row per document and
        pair of sides. ``stance`` lies in (-1, 1): positive when the document
        uses more of side a's vocabulary, negative for side b, 0 when balanced
        or when there is none (NaN with ``smoothing=0`` and no terms).

    Notes
    -----
    The index is the *relative proportional difference* (R - L)/(R + L) used to
    place texts on a scale from counts of coded categories (Laver & Garry
    2000; Kim & Fording), with an additive constant ``k`` in the denominator.
    Why this form:

    * It depends on the balance between the two vocabularies, not on how much
      a document talks about the conflict (a rate per 1,000 words would mix the
      two: a long report on the war and a brief with the same word choice
      would get different values).
    * Unsmoothed, one term gives +-1, the same as fifty; ``k`` shrinks
      documents with little evidence toward 0 (one term: +-0.5 with ``k=1``;
      ten to zero: 0.91), like the +0.5 of the log-odds scale of Lowe et al.
      (2011), but the index stays bounded and 0 means "no evidence or
      balanced".
    * Quoted words are left out: they are the speaker's choice, not the
      outlet's. Neutral usages (e.g. a side "international") are not part of a
      pair unless asked for.

    References
    ----------
    Laver, M., & Garry, J. (2000). Estimating policy positions from political
    texts. *American Journal of Political Science*, 44(3), 619-634.
    Lowe, W., Benoit, K., Mikhaylov, S., & Laver, M. (2011). Scaling policy
    preferences from coded political texts. *Legislative Studies Quarterly*,
    36(1), 123-155.

    Examples
    --------
    >>> hits = pd.DataFrame({"doc_id": ["d1", "d1", "d1", "d1"],
    ...                      "lexicon": ["naming", "naming", "loaded", "loaded"],
    ...                      "side": ["a", "a", "b", "a"],
    ...                      "voice": ["own", "own", "own", "quoted"]})
    >>> corpus = pd.DataFrame({"doc_id": ["d1", "d2"]})
    >>> stance_index(hits, corpus, sides=("a", "b"), lexicons=["naming", "loaded"]).values.tolist()
    [['d1', 'a', 'b', 2, 1, 0.25], ['d2', 'a', 'b', 0, 0, 0.0]]
    """
    check_columns(hits, ["doc_id", "lexicon", "side", "voice"], "hits")
    check_columns(corpus, ["doc_id"], "corpus")
    try:
        k = float(smoothing)
    except (TypeError, ValueError):
        raise FramingError(f"smoothing must be a number >= 0, got {smoothing!r}") from None
    if not k >= 0 or math.isinf(k):
        raise FramingError(f"smoothing must be a finite number >= 0, got {smoothing!r}")
    h = hits
    if isinstance(lexicons, str) and lexicons == "framing":
        from .studies import FRAMING_ROLES, _default_study

        lexicons = (study or _default_study()).names(*FRAMING_ROLES)
    if lexicons is not None:
        names = [lexicons] if isinstance(lexicons, str) else list(lexicons)
        present = sorted(map(str, hits["lexicon"].unique()))
        if len(hits) and not set(names) & set(present):
            warnings.warn(f"stance_index: none of the lexicons {', '.join(map(repr, names))} has "
                          f"hits; lexicons in hits: {', '.join(present)}"
                          f"{did_you_mean(names[0], present) if names else ''}", stacklevel=2)
        h = h[h["lexicon"].isin(names)]
    h = h[(h["voice"] == "own") & (h["side"].fillna("") != "")]
    unknown = set(h["doc_id"]) - set(corpus["doc_id"])
    if unknown:
        warnings.warn(f"stance_index: {len(unknown)} doc_id(s) in hits are not in corpus and are "
                      f"ignored, e.g. {sorted(map(str, unknown))[0]!r}", stacklevel=2)
    found = sorted(h["side"].unique())
    pairs = _side_pairs(sides, found)
    if sides is not None:
        absent = sorted({s for p in pairs for s in p} - set(found))
        if absent and len(h):
            warnings.warn(f"stance_index: side(s) {', '.join(map(repr, absent))} have no own-voice "
                          f"hits; sides found: {', '.join(found) or '(none)'}", stacklevel=2)
    if not pairs:
        if sides is None:
            warnings.warn(f"stance_index: fewer than two sides in the selected hits "
                          f"({', '.join(found) or 'none'}); pass sides=('a', 'b')", stacklevel=2)
        return pd.DataFrame(columns=STANCE_COLUMNS).astype(
            {"n_a": int, "n_b": int, "stance": float})
    counts = h.groupby(["doc_id", "side"]).size()
    counts = counts.to_dict()
    rows = []
    for doc_id in corpus["doc_id"]:
        for a, b in pairs:
            na = int(counts.get((doc_id, a), 0))
            nb = int(counts.get((doc_id, b), 0))
            den = na + nb + k
            rows.append((doc_id, a, b, na, nb, (na - nb) / den if den > 0 else math.nan))
    return pd.DataFrame(rows, columns=STANCE_COLUMNS)


def tone_by_outlet(tone_table: pd.DataFrame, corpus: pd.DataFrame) -> pd.DataFrame:
    """Average a per-document table over the documents of each outlet.

    Parameters
    ----------
    tone_table : DataFrame
        A per-document table with ``doc_id``: :func:`tone`,
        :func:`tone_toward_sides` or :func:`stance_index`.
    corpus : DataFrame
        The corpus, with ``doc_id`` and ``outlet``.

    Returns
    -------
    DataFrame
        ``outlet``, the table's grouping columns (text columns such as ``side``,
        ``voice``, ``side_a``, ``side_b``), ``n_docs`` (documents in the group),
        the count columns (``n_*``) summed over documents and every other
        numeric column averaged over documents (each document weighs the same;
        NaN values are skipped).

    Examples
    --------
    >>> t = pd.DataFrame({"doc_id": ["a", "b", "c"], "n_sentences": [2, 4, 1],
    ...                   "tone_mean": [-0.5, 0.1, 0.3]})
    >>> c = pd.DataFrame({"doc_id": ["a", "b", "c"], "outlet": ["X", "X", "Y"]})
    >>> tone_by_outlet(t, c).values.tolist()
    [['X', 2, 6, -0.2], ['Y', 1, 1, 0.3]]
    """
    check_columns(tone_table, ["doc_id"], "tone_table")
    check_columns(corpus, ["doc_id", "outlet"], "corpus")
    outlet = corpus.drop_duplicates("doc_id").set_index("doc_id")["outlet"]
    t = tone_table.assign(outlet=tone_table["doc_id"].map(outlet).fillna("(unknown)"))
    numeric = [c for c in tone_table.columns
               if c != "doc_id" and pd.api.types.is_numeric_dtype(tone_table[c])
               and not pd.api.types.is_bool_dtype(tone_table[c])]
    keys = ["outlet"] + [c for c in tone_table.columns if c != "doc_id" and c not in numeric]
    counts = [c for c in numeric if c.startswith("n_")]
    means = [c for c in numeric if c not in counts]
    g = t.groupby(keys, sort=True, dropna=False)
    out = g["doc_id"].nunique().rename("n_docs").to_frame()
    for c in counts:
        out[c] = g[c].sum()
    for c in means:
        out[c] = g[c].mean()
    return out.reset_index()
