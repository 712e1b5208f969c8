"""framing: measure how news outlets frame the same events.

The public API, in the order of the analysis:

* corpus: :func:`load_corpus`, :func:`load_sample_corpus`, :func:`iter_corpus`, :func:`clean_text`
* text structure: :func:`split_sentences`, :func:`find_quotes`, :func:`parse_corpus`
* studies: :func:`load_study`, :func:`list_studies`, :class:`Study` (lexicons by role,
  sides with labels and colours, the contrast pair)
* lexicons: :func:`list_lexicons`, :func:`load_lexicon`, :func:`read_liwc_dic`,
  :func:`match_lexicon`, :func:`kwic`, :class:`Lexicon`, :class:`Matcher`
* features: :func:`document_features`, :func:`outlet_features`, :func:`term_usage`,
  :class:`LexiconVectorizer`
* attribution: :func:`extract_attributions`, :func:`attribution_by_outlet`,
  :func:`distancing_asymmetry`, :func:`evaluate_attribution`
* agency: :func:`extract_agency`, :func:`agency_by_outlet`, :func:`evaluate_agency`
* tone and stance: :func:`tone`, :func:`sentence_tone`, :func:`tone_toward_sides`,
  :func:`stance_index`, :func:`tone_by_outlet`, :class:`ToneScorer`
* comparison: :func:`compare_outlets`, :func:`keyness`, :func:`feature_evidence`,
  :func:`extract_features`, :func:`count_terms`
* corpus hygiene: :func:`find_copies` (wire copies), :func:`infer_events`
* the whole pass: :func:`analyze`
"""
from ._checks import CorpusError, FramingError, LexiconError
from .corpus import clean_text, iter_corpus, load_corpus, load_sample_corpus
from .features import document_features, outlet_features, term_usage
from .lexicons import (Lexicon, Matcher, kwic, list_lexicons, load_lexicon, load_lexicons,
                       match_lexicon, read_liwc_dic)
from .pipeline import Analysis, analyze, analyze_dask, analyze_to
from .copies import find_copies
from .studies import Study, list_studies, load_study
from .text import find_quotes, parse_corpus, split_sentences
from .compare import (compare_outlets, count_terms, extract_features, feature_evidence,
                      features_evidence, keyness)

__version__ = "0.1.0"

__all__ = [
    "Analysis", "analyze_to", "analyze_dask", "Study", "list_studies", "load_study", "CorpusError", "FramingError", "Lexicon", "LexiconError", "LexiconVectorizer",
    "Matcher", "analyze", "clean_text", "document_features", "find_quotes", "iter_corpus", "kwic",
    "list_lexicons", "load_corpus", "load_lexicon", "load_lexicons", "load_sample_corpus",
    "match_lexicon", "outlet_features", "parse_corpus", "plot_naming", "read_liwc_dic",
    "save_figure", "split_sentences", "term_usage",
    "attribution_by_outlet", "distancing_asymmetry", "evaluate_attribution", "extract_attributions",
    "speech_voice", "verb_class_by_side", "agency_by_outlet", "evaluate_agency", "extract_agency",
    "ToneScorer", "sentence_tone", "stance_index", "tone", "tone_by_outlet", "tone_toward_sides",
    "plot_agency", "plot_distancing_asymmetry", "plot_source_balance", "plot_tone",
    "plot_verb_class_by_side", "compare_outlets", "count_terms", "extract_features",
    "feature_evidence", "find_copies", "infer_events", "features_evidence", "keyness", "plot_heatmap", "plot_intervals", "plot_keyness",
]


#: Loaded on first use: matplotlib takes a third of a second to import, and neither
#: ``framing --help`` nor the pass over the documents needs it.
_PLOT_NAMES = ("plot_naming", "save_figure", "plot_agency", "plot_heatmap", "plot_intervals",
               "plot_keyness", "plot_distancing_asymmetry", "plot_source_balance", "plot_tone",
               "plot_verb_class_by_side")

#: Names of the stage modules, the event inference and the transformer, loaded on first
#: use (module: names): ``framing analyze --stages none`` needs none of them, and the
#: stage modules compile hundreds of patterns when imported (0.1 s); scikit-learn
#: takes seconds to import.
_LAZY = {
    "attribution": ("attribution_by_outlet", "distancing_asymmetry", "evaluate_attribution",
                    "extract_attributions", "speech_voice", "verb_class_by_side"),
    "agency": ("agency_by_outlet", "evaluate_agency", "extract_agency"),
    "stance": ("ToneScorer", "sentence_tone", "stance_index", "tone", "tone_by_outlet",
               "tone_toward_sides"),
    "events": ("infer_events",),
    "vectorize": ("LexiconVectorizer",),
    "plot": _PLOT_NAMES,
}
_LAZY_NAMES = {name: mod for mod, names in _LAZY.items() for name in names}


def __getattr__(name):
    import importlib

    mod = _LAZY_NAMES.get(name)
    if mod is not None:
        value = getattr(importlib.import_module(f".{mod}", __name__), name)
        globals()[name] = value  # found at once next time
        return value
    if name in _LAZY:  # framing.agency etc. without importing the submodule first
        return importlib.import_module(f".{name}", __name__)
    raise AttributeError(f"module 'framing' has no attribute {name!r}")


def __dir__():
    return sorted(set(globals()) | set(_LAZY_NAMES))
