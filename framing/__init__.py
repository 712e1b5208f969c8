"""framing: measure how news outlets frame the same events.

The public API, in the order of the analysis:

* corpus: :func:`load_corpus`, :func:`load_sample_corpus`, :func:`iter_corpus`, :func:`clean_text`
* text structure: :func:`split_sentences`, :func:`find_quotes`, :func:`parse_corpus`
* lexicons: :func:`list_lexicons`, :func:`load_lexicon`, :func:`read_liwc_dic`,
  :func:`match_lexicon`, :func:`kwic`, :class:`Lexicon`, :class:`Matcher`
* features: :func:`document_features`, :func:`outlet_features`, :func:`term_usage`,
  :class:`LexiconVectorizer`
* the whole pass: :func:`analyze`
"""
from ._checks import CorpusError, FramingError, LexiconError
from .corpus import clean_text, iter_corpus, load_corpus, load_sample_corpus
from .features import LexiconVectorizer, document_features, outlet_features, term_usage
from .lexicons import (Lexicon, Matcher, kwic, list_lexicons, load_lexicon, load_lexicons,
                       match_lexicon, read_liwc_dic)
from .pipeline import Analysis, analyze
from .plot import plot_naming, save_figure
from .text import find_quotes, parse_corpus, split_sentences

__version__ = "0.1.0"

__all__ = [
    "Analysis", "CorpusError", "FramingError", "Lexicon", "LexiconError", "LexiconVectorizer",
    "Matcher", "analyze", "clean_text", "document_features", "find_quotes", "iter_corpus", "kwic",
    "list_lexicons", "load_corpus", "load_lexicon", "load_lexicons", "load_sample_corpus",
    "match_lexicon", "outlet_features", "parse_corpus", "plot_naming", "read_liwc_dic",
    "save_figure", "split_sentences", "term_usage",
]
