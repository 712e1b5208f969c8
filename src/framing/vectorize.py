"""scikit-learn transformer of lexicon features (:class:`LexiconVectorizer`).

In its own module because scikit-learn takes seconds to import; ``framing.LexiconVectorizer``
loads it on first use.
"""
from __future__ import annotations

import numpy as np
import pandas as pd
from sklearn.base import BaseEstimator, TransformerMixin

from ._checks import check_documents
from .text import count_words

__all__ = ["LexiconVectorizer"]


class LexiconVectorizer(TransformerMixin, BaseEstimator):
    """Document × feature matrix of lexicon counts or rates (scikit-learn transformer).

    Parameters
    ----------
    lexicons : list, optional
        Lexicon names, paths, DataFrames or :class:`~framing.Lexicon` objects
        (default: the case-study lexicons).
    dimension : {"category", "side", "term"}, default "category"
        What each feature counts: a lexicon category, a side, or a canonical term.
    voice : {"all", "own", "quoted", "split"}, default "all"
        Count all hits, only the outlet's own words, only quoted words, or both as
        separate features (suffixes ``@own`` and ``@quoted``).
    normalize : {"per_1000", "count"}, default "per_1000"
        Rates per 1,000 words or raw counts.

    Attributes
    ----------
    feature_names_out_ : ndarray of str
        ``<lexicon>:<value>`` (plus ``@voice``), fixed at ``fit``.
    matcher_ : Matcher

    Examples
    --------
    >>> import pandas as pd
    >>> lex = pd.DataFrame({"term": ["Artsakh", "Nagorno-Karabakh"], "category": ["a", "i"]})
    >>> v = LexiconVectorizer(lexicons=[lex], normalize="count").fit(["Artsakh."])
    >>> v.transform(["Artsakh, Nagorno Karabakh and Artsakh."]).tolist()
    [[2.0, 1.0]]
    """

    def __init__(self, lexicons=None, *, dimension: str = "category", voice: str = "all",
                 normalize: str = "per_1000"):
        self.lexicons = lexicons
        self.dimension = dimension
        self.voice = voice
        self.normalize = normalize

    def _check_params(self):
        from ._checks import check_choice

        check_choice("dimension", self.dimension, ["category", "side", "term"])
        check_choice("voice", self.voice, ["all", "own", "quoted", "split"])
        check_choice("normalize", self.normalize, ["per_1000", "count"])

    def fit(self, X=None, y=None):
        """Compile the lexicons and fix the feature names (``X`` is not used)."""
        from .lexicons import Matcher, load_lexicon, load_lexicons

        self._check_params()
        if X is not None:
            check_documents(X)
        lexes = load_lexicons(None) if self.lexicons is None else [load_lexicon(x) for x in (
            self.lexicons if isinstance(self.lexicons, (list, tuple)) else [self.lexicons])]
        self.matcher_ = Matcher(lexes)
        col = {"category": "category", "side": "side", "term": "canonical"}[self.dimension]
        names = []
        self._index = {}
        for lex in self.matcher_.lexicons:
            values = pd.unique(lex.terms[col].astype(str))
            for v in values:
                if v == "":
                    continue
                key = (lex.name, v)
                if key in self._index:
                    continue
                self._index[key] = len(self._index)
                names.append(f"{lex.name}:{v}")
        self._base_names = names
        if self.voice == "split":
            self.feature_names_out_ = np.array([f"{n}@own" for n in names] +
                                               [f"{n}@quoted" for n in names], dtype=object)
        else:
            self.feature_names_out_ = np.array(names, dtype=object)
        self.n_features_in_ = 1
        return self

    def transform(self, X):
        """Count features in each document of ``X`` (an iterable of strings)."""
        from sklearn.utils.validation import check_is_fitted

        from .lexicons import _hit_rows

        check_is_fitted(self, "feature_names_out_")
        docs = check_documents(X)
        col = {"category": 5, "side": 6, "term": 8}[self.dimension]
        k = len(self._base_names)
        out = np.zeros((len(docs), len(self.feature_names_out_)), dtype=float)
        for i, text in enumerate(docs):
            for row in _hit_rows("", text, self.matcher_):
                j = self._index.get((row[4], str(row[col])))
                if j is None:
                    continue
                v = row[10]
                if self.voice == "split":
                    out[i, j + (k if v == "quoted" else 0)] += 1
                elif self.voice == "all" or self.voice == v:
                    out[i, j] += 1
            if self.normalize == "per_1000":
                n = count_words(text)
                out[i] = out[i] * 1000.0 / n if n else np.nan
        return out

    def get_feature_names_out(self, input_features=None):
        """Feature names: ``<lexicon>:<value>`` (with ``@own``/``@quoted`` if split)."""
        from sklearn.utils.validation import check_is_fitted

        check_is_fitted(self, "feature_names_out_")
        return self.feature_names_out_.copy()
