"""The whole analysis in one call: :func:`analyze` a corpus into tidy tables.

One pass per document: parse (sentences, quotation spans, words), match every
lexicon with one compiled automaton, then the optional stages (attribution,
agency, tone) on the same parse. Documents are processed in chunks, optionally
in parallel (``n_jobs``), with a progress bar on long runs. Every input
document has exactly one row in ``Analysis.documents``, with its ``status``.
"""
from __future__ import annotations

import contextlib
import os
import pickle
import time
from collections.abc import Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from operator import itemgetter

import numpy as np
import pandas as pd

from ._checks import FramingError, check_columns
from ._frames import RowsFrame
from ._procs import one_blas_thread
from .features import document_features, outlet_features_from
from .lexicons import HITS_COLUMNS, Matcher, _hit_rows
from .text import count_words, find_quotes, split_sentences

__all__ = ["Analysis", "analyze", "analyze_chunks", "analyze_to", "analyze_dask", "STAGES"]

#: Optional stages run after lexicon matching, in order.
STAGES = ("attribution", "agency", "tone")
#: Tables each stage adds to a chunk's result.
_STAGE_TABLES = {"attribution": ("attribution",), "agency": ("agency",),
                 "tone": ("tone", "tone_sentences", "tone_sides")}

DOC_COLUMNS = ["doc_id", "outlet", "date", "event", "title", "status", "n_chars", "n_words",
               "n_sentences", "n_quotes", "n_hits"]
# the counts of each document computed by _process, in the order of its ``docs`` rows
_COUNT_COLUMNS = ["n_chars", "n_words", "n_sentences", "n_quotes", "n_hits"]
# columns added by framing.prepare (copies, inferred events), kept after the counts
_PREPARED_COLUMNS = ["event_id", "cluster_id", "copy_of", "similarity"]


@dataclass
class Analysis:
    """Result of :func:`analyze`: tidy tables that all join on ``doc_id``.

    Attributes
    ----------
    corpus : DataFrame
        The corpus analysed (with ``body``, the text all offsets refer to).
    documents : DataFrame
        One row per input document: ``doc_id, outlet, date, event, title, status,
        n_chars, n_words, n_sentences, n_quotes, n_hits``.
    hits : DataFrame
        One row per lexicon match (:data:`framing.lexicons.HITS_COLUMNS`).
    features : DataFrame
        Per document counts and rates (:func:`framing.document_features`).
    outlets : DataFrame
        Per outlet counts and rates (:func:`framing.outlet_features`).
    tables : dict of DataFrame
        Stage outputs (present when the stage ran): ``attributions``, ``agency``,
        ``tone`` (per document), ``tone_sentences`` and ``tone_sides`` (tone toward
        each side's actors, own voice and quoted).
    study : Study
        The lexicons by role, the sides (labels, colours) and the contrast used.
    """

    corpus: pd.DataFrame
    documents: pd.DataFrame
    hits: pd.DataFrame
    features: pd.DataFrame
    outlets: pd.DataFrame
    tables: dict = field(default_factory=dict)
    study: object = None

    def __getattr__(self, name):
        tables = self.__dict__.get("tables", {})
        if name in tables:
            return tables[name]
        raise AttributeError(name)

    def hits_with_outlet(self) -> pd.DataFrame:
        """The hits table with the ``outlet`` of each document."""
        outlet = self.documents.set_index("doc_id")["outlet"]
        return self.hits.assign(outlet=self.hits["doc_id"].map(outlet).fillna("(unknown)"))


_WORKER: dict = {}


def _stage_objects(study, stages):
    """Compile the matcher and stage extractors once per process.

    Each stage takes its lexicons from the study by role (actors, reporting
    verbs, violence). One :class:`~framing.lexicons.Matcher` serves the lexicon
    hits and the agency stage: the agency extractor's lexicons (actors,
    violence) are added to it when they are not among the lexicons matched
    anyway, and their extra matches are not reported as hits (``n_reported``).
    Each text is scanned once.
    """
    key = (id(study), tuple(stages))
    if _WORKER.get("key") == key:
        return _WORKER["objs"]
    lexes = list(study.match_lexicons)
    objs = {"n_reported": len(lexes)}
    if "attribution" in stages:
        from .attribution import AttributionExtractor

        objs["attribution"] = AttributionExtractor(actors=study, verbs=study)
        objs["attribution_slots"] = objs["attribution"].lexicon_slots(lexes)
    if "agency" in stages:
        from .agency import AgencyExtractor

        objs["agency"] = AgencyExtractor(actors=study, violence=study, places=study,
                                         contrast=study.contrast)
        objs["agency_slots"] = objs["agency"].lexicon_slots(lexes)
    if "tone" in stages:
        from .stance import ToneScorer

        objs["tone"] = ToneScorer()
    objs["matcher"] = Matcher(lexes)
    _WORKER.update(key=key, objs=objs)
    return objs


def _process(chunk: pd.DataFrame, study, stages) -> dict:
    """Analyse one chunk of a corpus (runs in a worker process when n_jobs > 1).

    The work runs in phases over the whole chunk, each document's parse kept in
    between: first parsing and matching, then each stage in turn. The rows are the
    same as document by document, but one kind of work at a time keeps the
    interpreter's caches warm: agency + tone cost about 20 % less than when
    interleaved with the parsing of each document (measured).
    """
    objs = _stage_objects(study, stages)
    matcher = objs["matcher"]
    n_reported = objs["n_reported"]
    docs, hits = [], []
    parsed = []  # (doc_id, title, text, sentences, quotes, matches) of non-empty documents
    has_title = "title" in chunk.columns
    for rec in chunk.itertuples(index=False):
        text = rec.body if isinstance(rec.body, str) else ""
        quotes = find_quotes(text)
        sents = split_sentences(text, quotes)
        found = matcher._select(text)
        h = _hit_rows(rec.doc_id, text, matcher, sents, quotes, found=found,
                      n_lexicons=n_reported)
        hits.extend(h)
        docs.append((rec.doc_id, len(text), count_words(text), len(sents), len(quotes), len(h)))
        if text:
            parsed.append((rec.doc_id, rec.title if has_title else None, text, sents, quotes,
                           found))
    stage_rows: dict[str, list] = {s: [] for s in stages}
    if "attribution" in stages:
        ext, aslots = objs["attribution"], objs["attribution_slots"]
        stage_rows["attribution"] = [
            ext.extract(text, doc_id=doc_id, sentences=sents, quotes=quotes,
                        title=title if isinstance(title, str) else None, found=found,
                        slots=aslots)
            for doc_id, title, text, sents, quotes, found in parsed]
    if "agency" in stages:
        ext, slots = objs["agency"], objs["agency_slots"]
        # direct quotes whose speaker has a side: "we" and "our" inside them are that side
        speakers = [_quote_speakers(rows) for rows in stage_rows["attribution"]] \
            if "attribution" in stages else [None] * len(parsed)
        stage_rows["agency"] = [
            ext.rows(text, doc_id=doc_id, sentences=sents, quotes=quotes, found=found,
                     slots=slots, speakers=sp)
            for (doc_id, _title, text, sents, quotes, found), sp in zip(parsed, speakers)]
    if "tone" in stages:
        ext = objs["tone"]
        stage_rows["tone"] = [
            ext.document_table(text, doc_id=doc_id, sentences=sents, quotes=quotes)
            for doc_id, _title, text, sents, quotes, _found in parsed]
    return {"docs": docs, "hits": hits, "stages": stage_rows}


def _quote_speakers(rows: list) -> list | None:
    """``(start, end, side)`` of a document's direct quotes whose speaker has a side, from
    its attribution rows (see :func:`framing.agency.quote_speakers`), sorted."""
    from .agency import direct_speakers
    from .attribution import ATTRIBUTION_COLUMNS as C

    k, s, a, b = (C.index(c) for c in ("kind", "side", "start", "end"))
    return direct_speakers((r[k], r[s], r[a], r[b]) for r in rows) or None


_STAGE_MODULES = {"attribution": "attribution", "agency": "agency", "tone": "stance"}


def _resolve_stages(stages) -> tuple[str, ...]:
    if isinstance(stages, str) and stages == "none":
        return ()
    if isinstance(stages, str) and "," in stages:
        stages = [x.strip() for x in stages.split(",") if x.strip()]
    if stages is None or stages == "all":
        import importlib.util

        return tuple(s for s in STAGES
                     if importlib.util.find_spec(f"framing.{_STAGE_MODULES[s]}") is not None)
    stages = tuple([stages] if isinstance(stages, str) else stages)
    for s in stages:
        if s not in STAGES:
            from ._checks import did_you_mean

            raise FramingError(f"unknown stage {s!r}; stages are {', '.join(STAGES)}"
                               f"{did_you_mean(s, STAGES)}")
    return stages


def _chunks(df: pd.DataFrame, size: int) -> Iterator[pd.DataFrame]:
    for i in range(0, len(df), size):
        yield df.iloc[i:i + size]


def usable_cores() -> int:
    """Cores this process may run on (its CPU affinity, e.g. a batch job's share of a
    node), else ``os.cpu_count()``."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except (AttributeError, OSError):  # pragma: no cover - platforms without affinity
        return max(1, os.cpu_count() or 1)


#: Memory a worker process may need at the default chunk size (the largest process of
#: a run measured 574-657 MB by benchmarks/e2e.py), for ``n_jobs="auto"``.
WORKER_MEMORY = 1 << 30


def _memory_slots() -> int:
    """How many workers of :data:`WORKER_MEMORY` the available memory holds (at least
    one; unbounded when the system does not say)."""
    try:
        avail = os.sysconf("SC_AVPHYS_PAGES") * os.sysconf("SC_PAGE_SIZE")
    except (AttributeError, ValueError, OSError):  # pragma: no cover - not POSIX
        return 1 << 16
    return max(1, int(avail // WORKER_MEMORY))


#: Fewest documents in a chunk made smaller so that every worker gets one.
MIN_CHUNK = 100


def chunk_size(total: int | None, n_jobs, default: int = 1000) -> int:
    """Documents per chunk for a run of ``total`` documents with ``n_jobs`` workers.

    ``default`` documents, but a corpus too small to give every worker a chunk of
    that size is cut into one chunk per worker (at least :data:`MIN_CHUNK` documents
    each), so that ``--n-jobs`` helps on a few hundred documents too. The tables do
    not depend on the chunk size.

    Examples
    --------
    >>> chunk_size(5_000, 2), chunk_size(600, 2), chunk_size(150, 2), chunk_size(600, 1)
    (1000, 300, 100, 1000)
    """
    jobs = resolve_jobs(n_jobs)  # the workers there can be, whatever the corpus
    if jobs < 2 or not total:
        return default
    if total >= jobs * default:
        return default
    return max(MIN_CHUNK, -(-int(total) // jobs))


def resolve_jobs(n_jobs, total: int | None = None, chunksize: int = 1000) -> int:
    """The number of worker processes for ``n_jobs``.

    Parameters
    ----------
    n_jobs : int or "auto"
        A positive number; -1 for all usable cores (:func:`usable_cores`); ``"auto"``
        (the default of ``framing analyze``) for all usable cores, but no more than
        the chunks of ``total`` documents (a corpus of one chunk runs in this process)
        and no more workers than the available memory holds at
        :data:`WORKER_MEMORY` (1 GiB) each.
    total : int, optional
        Documents expected (unknown: as many chunks as cores).
    chunksize : int
        Documents per chunk.

    Returns
    -------
    int

    Examples
    --------
    >>> resolve_jobs(3)
    3
    >>> resolve_jobs("auto", total=5)
    1
    """
    if n_jobs == "auto":
        cores = min(usable_cores(), _memory_slots())
        if total is not None:
            cores = min(cores, max(1, -(-int(total) // max(1, int(chunksize)))))
        return cores
    if n_jobs == -1:
        return usable_cores()
    if isinstance(n_jobs, bool) or not isinstance(n_jobs, int) or n_jobs < 1:
        raise FramingError(f"n_jobs must be >= 1, -1 (all cores) or 'auto', got {n_jobs!r}")
    if n_jobs > max_jobs():  # each is a process: thousands would exhaust the machine
        raise FramingError(f"n_jobs={n_jobs} worker processes are more than this machine can "
                           f"run ({os.cpu_count()} cores; at most {max_jobs()}); use -1 for all "
                           "cores or 'auto'")
    return n_jobs


def max_jobs() -> int:
    """The most worker processes a run may ask for: 4 per core, at least 32."""
    return max(32, 4 * (os.cpu_count() or 1))


def analyze_chunks(chunks: Iterable[pd.DataFrame], lexicons=None, *, study=None, stages=None,
                   n_jobs: int = 1, progress: bool | None = None,
                   total: int | None = None) -> Iterator[dict]:
    """Analyse a stream of corpus chunks; yield raw per-chunk results.

    This is the memory-bounded engine behind :func:`analyze` and ``framing
    analyze`` on large files: each yielded dict has ``corpus`` (the chunk),
    ``documents``, ``hits`` and one table per stage, as DataFrames.
    ``lexicons`` and ``study`` mean what they mean for :func:`analyze`.
    """
    stages = _resolve_stages(stages)
    from .studies import load_study

    study = load_study(study, lexicons=lexicons)
    n_jobs = resolve_jobs(n_jobs, total)
    from tqdm.auto import tqdm

    bar = tqdm(total=total, unit="doc", disable=(not progress) if progress is not None else
               (total is None or total < 2000), desc="analyzing", leave=False)
    try:
        if n_jobs == 1:
            for chunk in chunks:
                yield _assemble(chunk, _process(chunk, study, stages), stages, study)
                bar.update(len(chunk))
        else:
            with ProcessPoolExecutor(max_workers=n_jobs) as ex:
                pending = []
                for chunk in chunks:
                    pending.append((chunk, ex.submit(_process, chunk, study, stages)))
                    if len(pending) >= 2 * n_jobs:
                        c, fut = pending.pop(0)
                        yield _assemble(c, fut.result(), stages, study)
                        bar.update(len(c))
                for c, fut in pending:
                    yield _assemble(c, fut.result(), stages, study)
                    bar.update(len(c))
    finally:
        bar.close()


#: Layout of the hits table (:data:`framing.lexicons.HITS_COLUMNS`).
_HITS_FRAME = RowsFrame(HITS_COLUMNS, ints=("sent_id", "start", "end"))


def _actor_hits(hits: pd.DataFrame, texts: dict | None, names=()) -> pd.DataFrame:
    """The hits of the ``actors`` lexicon, with the columns the tone stage needs.

    Parameters
    ----------
    hits : DataFrame
        The chunk's hits table.
    texts : dict or None
        Its text columns as lists of ``str`` (from :meth:`RowsFrame.build`): when
        given, the actors' ``doc_id``, ``side`` and ``voice`` are taken from them
        as ``object`` columns (no conversion of strings back from pyarrow).

    Returns
    -------
    DataFrame
        ``doc_id, side, voice, start, end`` (from ``texts``), or the rows of
        ``hits`` whose ``lexicon`` is one of ``names`` (the study's actors lexicons).
    """
    names = list(names)
    if texts is None:
        return hits[hits["lexicon"].isin(names)]
    keep = np.flatnonzero(np.isin(np.array(texts["lexicon"], dtype=object), names))
    out = {c: pd.Series(np.array(texts[c], dtype=object)[keep], dtype=object, copy=False)
           for c in ("doc_id", "side", "voice")}
    for c in ("start", "end"):
        out[c] = hits[c].to_numpy()[keep]
    return pd.DataFrame(out)


def _stage_frame(stage: str, parts: list) -> pd.DataFrame:
    frames = [p for p in parts if isinstance(p, pd.DataFrame)]
    if frames:
        return pd.concat(frames, ignore_index=True) if len(frames) > 1 else frames[0]
    rows = [r for p in parts for r in p]
    if stage == "attribution":
        from .attribution import ATTRIBUTION_COLUMNS

        return pd.DataFrame(rows, columns=ATTRIBUTION_COLUMNS)
    # column-wise, the same frames as pd.DataFrame(rows, columns=...)
    if stage == "agency":
        from .agency import _frame as layout
    else:
        from .stance import _tone_frame as layout
    return layout(rows)


def _documents(chunk: pd.DataFrame, docs: list[tuple]) -> pd.DataFrame:
    """The ``documents`` table of a chunk: its metadata and the counts of ``_process``.

    ``docs`` has one row per document of ``chunk``, in order: with unique doc_ids
    the counts are put beside the metadata, which is what the merge on ``doc_id``
    gives (and still does otherwise).
    """
    extra = [c for c in _PREPARED_COLUMNS if c in chunk.columns]
    meta = chunk.reindex(columns=["doc_id", "outlet", "date", "event", "title", "status"]
                         + extra).reset_index(drop=True)
    if len(docs) != len(meta) or not meta["doc_id"].is_unique:
        stats = pd.DataFrame(docs, columns=["doc_id"] + _COUNT_COLUMNS)
        return meta.merge(stats, on="doc_id", how="left")[DOC_COLUMNS + extra]
    columns = {c: meta[c] for c in meta.columns if c not in extra}
    for i, c in enumerate(_COUNT_COLUMNS, start=1):
        columns[c] = np.fromiter(map(itemgetter(i), docs), np.int64, len(docs))
    columns.update((c, meta[c]) for c in extra)
    return pd.DataFrame(columns, copy=False)


def _assemble(chunk: pd.DataFrame, res: dict, stages, study) -> dict:
    documents = _documents(chunk, res["docs"])
    hits, hit_texts = _HITS_FRAME.build(res["hits"])
    out = {"corpus": chunk, "documents": documents}
    for s in stages:
        out[s] = _stage_frame(s, res["stages"][s])
    if "attribution" in stages:
        from .attribution import speech_voice

        # three-way voice: the outlet's own words, direct quotes, indirect speech
        hits["speech"] = speech_voice(hits, out["attribution"]).to_numpy() if len(hits) else []
    if "tone" in stages:
        from .stance import aggregate_side_tone, aggregate_tone

        sent = out.pop("tone")
        out["tone_sentences"] = sent
        out["tone"] = aggregate_tone(sent, documents)
        out["tone_sides"] = aggregate_side_tone(sent, _actor_hits(hits, hit_texts,
                                                                study.names("actors")))
    out["hits"] = hits
    return out


def analyze(corpus: pd.DataFrame, lexicons=None, *, study=None, stages=None, n_jobs: int = 1,
            chunksize: int = 500, progress: bool | None = None, copies: str = "mark",
            events: str = "column") -> Analysis:
    """Analyse a corpus: lexicon hits, features and the framing stages.

    Parameters
    ----------
    corpus : DataFrame
        From :func:`framing.load_corpus` (``doc_id, outlet, body, status``); a plain
        DataFrame (e.g. ``doc_id, outlet, body``, or an export's own column names)
        is passed through :func:`framing.load_corpus` first.
    lexicons : list, optional
        Lexicons to match (names, paths, DataFrames, Lexicon objects), each with
        the role its metadata declares (``terms`` when none). With ``study``, they
        are added to the study's lexicons; alone, they are the whole study.
    study : str, path or Study, optional
        A shipped study (``"caucasus"``, ``"ukraine"``), a folder with
        ``study.json``, or a :class:`framing.Study`. Default: the default study
        when no ``lexicons`` are given. Stages take their lexicons from it by role;
        a missing reporting-verbs or violence lexicon is filled with the shipped
        general English one, and a missing actors lexicon means no sides
        (both noted in ``Analysis.study.notes``).
    stages : sequence of str, "all" or "none", optional
        Which of ``attribution``, ``agency``, ``tone`` to run (default all).
    n_jobs : int or "auto", default 1
        Worker processes (-1: all cores; ``"auto"``: see :func:`resolve_jobs`).
    chunksize : int, default 500
        Documents per work unit.
    progress : bool, optional
        Show a progress bar (default: only for 2,000 documents or more).
    copies : {"mark", "keep", "origin", "drop"}, default "mark"
        Wire copies (:func:`framing.find_copies`) in the per-outlet statistics:
        ``mark`` counts every document and adds ``cluster_id, copy_of, similarity``
        to ``documents`` and the per-outlet ``copies`` table (share of each outlet's
        words that is a copy); ``origin`` counts each copy cluster once, as its
        origin; ``drop`` leaves out every document of a copy cluster; ``keep``
        does not look for copies. Documents left out have no row in the tables.
    events : {"column", "infer"}, default "column"
        ``infer``: replace the ``event`` column with inferred events
        (:func:`framing.infer_events`; ``documents`` gains ``event_id``).

    Returns
    -------
    Analysis

    Examples
    --------
    >>> from framing import load_sample_corpus
    >>> a = analyze(load_sample_corpus(), stages=())
    >>> len(a.documents)
    5
    """
    if isinstance(corpus, pd.DataFrame) and "status" not in corpus.columns:
        from .corpus import load_corpus

        # a plain DataFrame: columns recognised, texts checked; its 'body' is the text
        # unless it also has a 'text' column
        as_text = {"text": "body"} if "body" in corpus.columns and "text" not in corpus.columns \
            else {}
        corpus = load_corpus(corpus, **as_text)
    check_columns(corpus, ["doc_id", "outlet", "body", "status"], "corpus")
    from .studies import load_study

    study = load_study(study, lexicons=lexicons)
    from .prepare import Prepared

    prepared = Prepared(corpus, copies=copies, events=events, study=study)
    corpus = prepared.frame() if prepared.active else corpus
    stages = _resolve_stages(stages)
    names = [n for s in stages for n in _STAGE_TABLES[s]]
    docs, hits, extra = [], [], {n: [] for n in names}
    for part in analyze_chunks(_chunks(corpus, chunksize), study=study, stages=stages,
                               n_jobs=n_jobs, progress=progress, total=len(corpus)):
        docs.append(part["documents"])
        hits.append(part["hits"])
        for n in names:
            extra[n].append(part[n])
    documents = pd.concat(docs, ignore_index=True) if docs else pd.DataFrame(columns=DOC_COLUMNS)
    hits_df = pd.concat(hits, ignore_index=True) if hits else pd.DataFrame(columns=HITS_COLUMNS)
    tables = {}
    for n in names:
        frames = [f for f in extra[n] if len(f)]
        tables[n] = pd.concat(frames, ignore_index=True) if frames else extra[n][0] if extra[n] \
            else pd.DataFrame()
    if "attribution" in tables:
        tables["attributions"] = tables.pop("attribution")
    if prepared.summary() is not None:
        tables["copies"] = prepared.summary()
    feats = document_features(hits_df, documents)
    outlets = outlet_features_from(feats, documents)
    return Analysis(corpus, documents, hits_df, feats, outlets, tables, study)


# --------------------------------------------------------------------------------------
# The streaming engine: analyze_to (framing analyze), bounded memory, N processes
# --------------------------------------------------------------------------------------
#: Row tables written by :func:`analyze_to`, in this order (those of the stages run).
ROW_TABLES = ("documents", "hits", "features", "features_wide", "attributions", "agency",
              "tone", "tone_sentences", "tone_sides")


def chunk_tables(chunk: pd.DataFrame, study, stages) -> dict:
    """Every row table of one chunk (documents, hits, features, stage tables)."""
    part = _assemble(chunk, _process(chunk, study, stages), stages, study)
    part["features"] = document_features(part["hits"], part["documents"])
    if "attribution" in part:
        part["attributions"] = part.pop("attribution")
    return part


def run_chunk(index: int, chunk: pd.DataFrame, study, stages, options: dict):
    """The per-chunk function of every engine (one process, workers, Dask partitions).

    Computes the chunk's tables, writes them as part ``index`` of each row table
    (when ``options["folder"]`` is set) and returns their
    :class:`~framing.aggregate.RunAggregates`.
    """
    from .aggregate import RunAggregates
    from .output import TableWriter

    part = chunk_tables(chunk, study, stages)
    agg = RunAggregates(study, stages, **options.get("aggregates", {}))
    agg.add(part, index=index)
    folder = options.get("folder")
    if folder is not None:
        part["features_wide"] = agg.wide(part["documents"])
        for name in ROW_TABLES:
            df = part.get(name)
            if isinstance(df, pd.DataFrame):
                w = TableWriter(folder, name, options.get("format", "csv"))
                agg.rows[name] += w.write_part(index, df)
                agg.columns[name] = list(df.columns)
    return agg


@contextlib.contextmanager
def fewer_collections(threshold: int = 10_000):
    """Run the block with the cyclic garbage collector's first threshold at ``threshold``
    allocations (Python's default: 700), restored afterwards.

    The pass over the documents allocates millions of short-lived containers (tokens,
    rows) but makes few reference cycles; at the default threshold the collector ran
    about 4,600 times on a 20 MB corpus, 16 of them full collections that walk every
    live object (the study, the compiled lexicons, the evidence sample), for about 5 %
    of the CPU time. Cycles are still collected, less often (measured: 0.9 s less CPU
    of 32 s on 20 MB, the same peak memory).
    """
    import gc

    old = gc.get_threshold()
    gc.set_threshold(threshold, 10, 10)
    try:
        yield
    finally:
        gc.set_threshold(*old)


def _worker_main(inq, outq, study, stages, options) -> None:  # pragma: no cover - subprocess
    """A worker process: analyse chunks from ``inq``, keep one aggregate, send it at the end."""
    from ._procs import worker_signals

    # the parent decides what an interrupt does; its SIGTERM handler is for the parent
    worker_signals()
    total = None
    try:
        with one_blas_thread():  # inherited when forked; set here when spawned
            while True:
                item = inq.get()
                if item is None:
                    break
                index, chunk = item
                agg = run_chunk(index, chunk, study, stages, options)
                outq.put(("progress", len(chunk), agg.n_chars))
                total = agg if total is None else total.merge(agg)
        outq.put(("done", total))
    except BaseException as exc:  # report, never hang the parent
        import traceback

        outq.put(("error", f"{type(exc).__name__}: {exc}", traceback.format_exc()))


def _start_workers(study, stages, options: dict, n_jobs: int):
    """``(input queue, output queue, processes)`` of ``n_jobs`` started workers, or None
    (with a warning) when this system cannot start them."""
    import multiprocessing as mp
    import sys
    import warnings

    from ._procs import signals_held

    ctx = mp.get_context("fork" if sys.platform.startswith("linux") else "spawn")
    procs: list = []
    try:
        inq, outq = ctx.Queue(maxsize=2 * n_jobs), ctx.Queue()
        procs = [ctx.Process(target=_worker_main, args=(inq, outq, study, stages, options),
                             daemon=True) for _ in range(n_jobs)]
        with signals_held():  # workers ended at once (bad first chunk) must not hang
            for p in procs:
                p.start()
    except (OSError, ImportError, ValueError) as exc:
        for p in procs:
            if p.is_alive():
                p.terminate()
        warnings.warn(f"could not start {n_jobs} worker processes ({exc}); the run goes on "
                      "in this process", RuntimeWarning, stacklevel=3)
        return None
    return inq, outq, procs


def _run_local(chunks: Iterable[pd.DataFrame], study, stages, options: dict, n_jobs: int,
               bar) -> list:
    """Run every chunk in this process or in ``n_jobs`` worker processes; the aggregates.

    Where worker processes cannot be started (no shared memory for the queues, a
    process limit), the run goes on in this process, with a warning."""
    if n_jobs > 1:
        procs = _start_workers(study, stages, options, n_jobs)
        if procs is None:
            n_jobs = 1
    if n_jobs == 1:  # merge as we go: memory stays that of one aggregate
        total = None
        for i, chunk in enumerate(chunks):
            agg = run_chunk(i, chunk, study, stages, options)
            total = agg if total is None else total.merge(agg)
            bar.update(len(chunk), agg.n_chars)
        return [total] if total is not None else []
    import queue

    inq, outq, procs = procs
    results: list = []

    def drain(block: bool) -> None:
        while True:
            try:
                msg = outq.get(block=block, timeout=0.5 if block else None)
            except queue.Empty:
                return
            if msg[0] == "progress":
                bar.update(msg[1], msg[2])
            elif msg[0] == "done":
                results.append(msg[1])
            else:
                raise FramingError(f"a worker process failed: {msg[1]}")
            if block:
                return

    try:
        for i, chunk in enumerate(chunks):
            while True:
                try:
                    inq.put((i, chunk), timeout=0.5)
                    break
                except queue.Full:
                    drain(False)
                    if not all(p.is_alive() for p in procs):
                        raise FramingError("a worker process died (out of memory?)") from None
            drain(False)
        for _ in procs:
            inq.put(None)
        while len(results) < n_jobs:
            drain(True)
            if len(results) < n_jobs and not any(p.is_alive() for p in procs) \
                    and outq.empty():
                raise FramingError("worker processes ended without their results")
        for p in procs:
            p.join(timeout=10)
    finally:
        for p in procs:
            if p.is_alive():
                p.terminate()
        for q in (inq, outq):  # never block the exit on data no process will read
            q.cancel_join_thread()
            q.close()
    return [r for r in results if r is not None]


def estimate_documents(source, format: str | None = None) -> int | None:
    """About how many documents ``source`` holds, cheaply, for a progress bar's total.

    JSON Lines: the lines; CSV: the lines after the header (an upper bound when
    texts span several lines); Parquet: the row count of its metadata; a folder:
    the rows of its ``metadata.csv``, else its non-hidden files; a DataFrame: its
    length. ``None`` when that cannot be told without reading the documents
    (compressed files, a JSON array, an iterator).

    Examples
    --------
    >>> estimate_documents(pd.DataFrame({"doc_id": ["a", "b"]}))
    2
    """
    if isinstance(source, pd.DataFrame):
        return len(source)
    if not isinstance(source, (str, os.PathLike)):
        return None
    from pathlib import Path

    path = Path(source)
    try:
        if path.is_dir():
            meta = path / "metadata.csv"
            if meta.is_file():
                return max(0, _count_lines(meta) - 1)
            return sum(1 for p in path.iterdir() if p.is_file() and not p.name.startswith("."))
        if not path.is_file():
            return None
        suffix = path.suffix.lower()
        fmt = format or {".jsonl": "jsonl", ".ndjson": "jsonl", ".csv": "csv", ".tsv": "csv",
                         ".parquet": "parquet", ".pq": "parquet"}.get(suffix)
        if fmt == "parquet":
            import pyarrow.parquet as pq

            return int(pq.ParquetFile(path).metadata.num_rows)
        if fmt == "jsonl" and suffix != ".json":
            return _count_lines(path)
        if fmt == "csv":
            return max(0, _count_lines(path) - 1)
    except (OSError, ValueError, ImportError):  # an estimate only: the run reports errors
        return None
    return None


def _count_lines(path) -> int:
    """Lines of a file, read in 1 MB blocks (about a second per GB)."""
    n, last = 0, b"\n"
    with open(path, "rb") as f:
        while True:
            block = f.read(1 << 20)
            if not block:
                break
            n += block.count(b"\n")
            last = block[-1:]
    return n + (last != b"\n")  # a last line without its newline


class _Progress:
    """The run's progress bar: documents done of the estimated total, MB/s of text and
    the time left (tqdm; the total grows if the estimate was low)."""

    def __init__(self, progress, quiet_default: bool, total: int | None = None):
        disable = (not progress) if progress is not None else quiet_default
        self.bar = None  # no bar: tqdm is not even loaded (it loads asyncio: 30 ms)
        if not disable:
            from tqdm.auto import tqdm

            self.bar = tqdm(total=total, unit="doc", desc="analyzing", leave=False,
                            dynamic_ncols=True, smoothing=0.1)
        self.chars = 0
        self.t0 = time.perf_counter()

    def update(self, n_docs: int, n_chars: int = 0) -> None:
        bar = self.bar
        if bar is None:
            return
        self.chars += n_chars
        if bar.total is not None and bar.n + n_docs > bar.total:
            bar.total = bar.n + n_docs  # the estimate was low (e.g. CSV texts with newlines)
        elapsed = max(time.perf_counter() - self.t0, 1e-9)
        bar.set_postfix_str(f"{self.chars / 1e6 / elapsed:.2f} MB/s", refresh=False)
        bar.update(n_docs)

    def close(self) -> None:
        if self.bar is None:
            return
        if self.bar.total is not None and self.bar.n < self.bar.total:
            self.bar.total = self.bar.n  # the estimate was high (blank lines, an error)
        self.bar.close()


def analyze_to(corpus, out, *, study=None, lexicons=None, stages=None, n_jobs: int = 1,
               chunksize: int = 1000, format: str = "csv", figures: bool = True,
               progress: bool | None = None, n_boot: int = 1000, random_state: int = 0,
               command: list | None = None, input_files=(), copies: str = "keep",
               events: str = "column", total: int | None = None) -> dict:
    """Analyse a corpus into an output folder in one pass and bounded memory.

    The engine of ``framing analyze``: row tables are written chunk by chunk as
    they are produced; per-outlet counts, the bootstrap sums, keyness counts and
    a sample of documents for the evidence sentences are accumulated
    (:class:`~framing.aggregate.RunAggregates`); the comparison, figures and
    report are built from these. Peak memory depends on the chunk size and the
    number of outlets and features, not on the size of the corpus.

    Parameters
    ----------
    corpus : DataFrame, iterable of DataFrame, str or path
        A loaded corpus, chunks of one (:func:`framing.iter_corpus`), or a path
        (read with :func:`framing.iter_corpus`).
    out : str or path
        Output folder. It is written beside itself and renamed into place when
        complete; a folder that exists must be a previous framing output.
    study, lexicons, stages
        As for :func:`analyze`.
    n_jobs : int or "auto", default 1
        Worker processes: -1 for all usable cores, ``"auto"`` for all usable cores
        but no more than the chunks (see :func:`resolve_jobs`). The tables do not
        depend on it.
    chunksize : int, default 1000
        Documents per chunk.
    format : {"csv", "parquet", "jsonl"}, default "csv"
        Format of the row tables (``documents, hits, features, attributions,
        agency, tone, tone_sentences, tone_sides``).
    figures : bool, default True
        Draw the figures and write ``report.html`` (also ``evidence.csv``).
    progress : bool, optional
        Progress bar (default: on when writing to a terminal): documents done of
        the total, MB/s of text, time left.
    total : int, optional
        Documents expected, for the progress bar (default: the length of a
        DataFrame, or :func:`estimate_documents` of a path).
    n_boot, random_state : int
        Replicates and seed of the Poisson bootstrap intervals in ``comparison``.
    copies, events
        As for :func:`analyze`, but ``copies`` defaults to ``"keep"`` (one pass over
        the input; ``framing analyze`` asks for ``"mark"``). Any other value reads the
        input once more (``copies.csv`` per outlet; the report's "Wire copies"
        section); an iterator of chunks is then kept in memory, and so is a corpus read
        from a path whose chunks hold no more than :func:`framing.prepare.keep_budget`
        (256 MB, at most an eighth of the available memory), instead of reading it
        again.

    Returns
    -------
    dict
        The manifest (``rows`` per table, ``files``, ``n_docs``...).
    """
    import sys

    from .corpus import iter_corpus
    from .output import FORMATS, OutputFolder
    from .studies import load_study

    if format not in FORMATS:
        from ._checks import did_you_mean

        raise FramingError(f"format {format!r} is not one of {', '.join(FORMATS)}"
                           f"{did_you_mean(str(format), FORMATS)}")
    study = load_study(study, lexicons=lexicons)
    stages = _resolve_stages(stages)
    if total is None and (isinstance(corpus, (str, os.PathLike, pd.DataFrame))):
        total = estimate_documents(corpus)
    # the report's figures are drawn in parallel whenever cores are free: with "auto",
    # a corpus of one chunk runs in this process but its figures use every core
    figure_jobs = usable_cores() if n_jobs == "auto" else None
    n_jobs = resolve_jobs(n_jobs, total, chunksize)
    figure_jobs = max(figure_jobs or 1, n_jobs)
    if isinstance(corpus, pd.DataFrame):
        check_columns(corpus, ["doc_id", "outlet", "body", "status"], "corpus")
        chunks = _chunks(corpus, chunksize)
    elif isinstance(corpus, (str, os.PathLike)):
        input_files = input_files or [corpus]
        chunks = iter_corpus(corpus, chunksize=chunksize)
    else:
        chunks = corpus
    t0 = time.perf_counter()
    prepared = None
    if copies != "keep" or events != "column":
        from .prepare import Prepared, ReadAgain, keep_budget

        source = corpus if isinstance(corpus, pd.DataFrame) else \
            ReadAgain(lambda: iter_corpus(corpus, chunksize=chunksize),
                      keep_bytes=keep_budget()) \
            if isinstance(corpus, (str, os.PathLike)) else chunks
        prepared = Prepared(source, copies=copies, events=events, study=study,
                            chunksize=chunksize, n_jobs=n_jobs)
        chunks = prepared.chunks()
    with OutputFolder(out) as folder, one_blas_thread():
        options = {"folder": folder.tmp, "format": format,
                   "aggregates": {"n_boot": n_boot, "random_state": random_state}}
        bar = _Progress(progress, not sys.stderr.isatty(), total)
        try:
            with fewer_collections():
                aggs = _run_local(chunks, study, stages, options, n_jobs, bar)
        finally:
            bar.close()
        agg = _finish(folder, aggs, study=study, stages=stages, format=format, figures=figures,
                      n_boot=n_boot, random_state=random_state, t0=t0,
                      extra={"command": list(command) if command is not None else None,
                             "engine": "local", "n_jobs": n_jobs, "chunksize": chunksize,
                             "copies": copies, "events": events, "prepared": prepared},
                      input_files=input_files, n_jobs=figure_jobs)
    result = dict(folder.manifest)
    result["aggregates"] = agg
    return result


def _finish(folder, aggs, *, study, stages, format, figures, n_boot, random_state, t0, extra,
            input_files=(), n_jobs: int = 1):
    """Merge the aggregates, join the table parts, write the summaries, report and manifest."""
    from .aggregate import RunAggregates
    from .output import TableWriter, file_hash, write_table

    extra = dict(extra)
    prepared = extra.pop("prepared", None)  # framing.prepare: the per-outlet copies table

    agg = RunAggregates(study, stages, n_boot=n_boot, random_state=random_state)
    for a in aggs:
        agg.merge(a)
    for name in ROW_TABLES:
        if name in agg.columns or name in ("documents", "hits", "features"):
            TableWriter(folder.tmp, name, format).finish(
                agg.columns.get(name, _DEFAULT_COLUMNS.get(name, [])))
    summaries = [("outlets", agg.outlets_table()), ("comparison", agg.comparison())]
    over_time = agg.over_time()
    if over_time["month"].astype(str).ne("(no date)").any():
        summaries.append(("over_time", over_time))
    if prepared is not None and prepared.summary() is not None:
        agg.copies = prepared.summary()
        summaries.append(("copies", agg.copies))
    for name, df in summaries:
        write_table(folder.tmp, name, df, format)
        agg.rows[name] = len(df)
    from .report import evidence_table, write_report

    evidence = evidence_table(agg, study)
    if len(evidence):
        write_table(folder.tmp, "evidence", evidence, format)
        agg.rows["evidence"] = len(evidence)
    if figures:
        write_report(folder.tmp, agg, study=study, format=format, evidence=evidence,
                     n_jobs=n_jobs)
    manifest = {
        **extra, "version": _version(), "study": study.name, "study_source": study.source,
        "lexicons": {lx.name: lx.role for lx in study.lexicons},
        "notes": list(study.notes), "stages": list(stages), "format": format,
        "n_docs": agg.n_docs, "n_chars": agg.n_chars, "status": dict(agg.status),
        "rows": dict(agg.rows),
        "outlets": {o: {"n_docs": v[0], "n_words": v[1]} for o, v in sorted(agg.outlets.items())},
        "seconds": round(time.perf_counter() - t0, 3),
    }
    if input_files:
        import glob
        from pathlib import Path

        files = []
        for f in input_files:
            f = os.fspath(f)
            if os.path.isdir(f):
                files += sorted(str(p) for p in Path(f).rglob("*") if p.is_file())
            else:
                files += sorted(glob.glob(f)) if any(ch in f for ch in "*?[") else [f]
        manifest["input"] = {"paths": [os.fspath(f) for f in input_files],
                             "sha256": file_hash(files),
                             "bytes": int(sum(os.path.getsize(f) for f in files))}
    folder.complete(manifest)
    return agg


def _read_shard(path: str, mapping=None) -> pd.DataFrame:
    """One shard of a Dask run, loaded by :func:`framing.load_corpus` (the same decoding,
    cleaning, ids and errors as the local engine), every column as objects so that
    shards with and without values in a column agree (dates stay datetimes)."""
    from .corpus import load_corpus

    df = load_corpus(path, **(mapping or {}))
    return df.astype({c: object for c in df.columns
                      if not pd.api.types.is_datetime64_any_dtype(df[c].dtype)})


def analyze_dask(data, out, *, study=None, lexicons=None, stages=None, scheduler=None,
                 n_workers: int = 2, partitions: int | None = None, chunksize: int = 1000,
                 format: str = "csv", figures: bool = True, n_boot: int = 1000,
                 random_state: int = 0, columns: dict | None = None, command=None) -> dict:
    """:func:`analyze_to` on a Dask cluster: the same per-chunk function on every partition.

    Each partition is normalised like :func:`framing.load_corpus`, cut into chunks of
    ``chunksize`` documents and analysed by :func:`run_chunk`, which writes its part of
    each row table into the output folder and returns its aggregates; the driver
    merges them (exactly: the tables equal a single-process run) and writes the
    comparison, figures and report. The output folder must be on a file system the
    workers share with the driver (one machine, NFS, a cluster file system).

    Parameters
    ----------
    data : dask DataFrame, DataFrame, str or list of str
        A Dask DataFrame, a pandas one, or paths/globs of JSON Lines (``.jsonl``),
        Parquet or CSV shards. Documents need a ``doc_id`` column (ids cannot be
        generated consistently across partitions).
    out : str or path
        Output folder (written atomically, as by :func:`analyze_to`).
    study, lexicons, stages, chunksize, format, figures, n_boot, random_state
        As for :func:`analyze_to`.
    scheduler : str, optional
        Address of a running ``distributed`` scheduler (``tcp://host:8786``). Default:
        a ``LocalCluster`` of ``n_workers`` processes on this machine.
    n_workers : int, default 2
        Workers of the local cluster.
    partitions : int, optional
        Repartition the input into this many partitions first.
    columns : dict, optional
        Column mapping for the loader (``{"text": "body", "outlet": "media_name"}``).

    Returns
    -------
    dict
        The manifest, with ``aggregates``.
    """
    try:
        import dask.dataframe as dd
        from distributed import Client, LocalCluster
    except ImportError:  # pragma: no cover - depends on the environment
        raise FramingError("the Dask engine needs dask and distributed: pip install "
                           "'framing[dask]'") from None
    import pickle

    from .output import OutputFolder
    from .studies import load_study

    study = load_study(study, lexicons=lexicons)
    stages = _resolve_stages(stages)
    input_files = []
    if isinstance(data, pd.DataFrame):
        ddf = dd.from_pandas(data, npartitions=partitions or max(1, n_workers))
    elif isinstance(data, (str, os.PathLike, list, tuple)):
        paths = [os.fspath(p) for p in (data if isinstance(data, (list, tuple)) else [data])]
        input_files = paths
        first = paths[0].lower()
        if not first.endswith((".jsonl", ".json", ".ndjson", ".parquet", ".csv", ".tsv")) \
                and not os.path.isdir(paths[0]):
            raise FramingError(f"{paths[0]}: the Dask engine reads .jsonl, .parquet or .csv "
                               "shards")
        # one partition per shard, read by the workers with framing's own readers (the
        # same decoding, ids and errors as the local engine); columns as objects so that
        # shards with and without a value in a column agree
        import functools

        ddf = dd.from_map(functools.partial(_read_shard, mapping=dict(columns or {})), paths,
                          enforce_metadata=False)
    else:
        ddf = data
    if partitions:
        ddf = ddf.repartition(npartitions=partitions)
    columns = dict(columns or {})
    t0 = time.perf_counter()
    own_cluster = None
    client = Client(scheduler) if scheduler else None
    if client is None:
        own_cluster = LocalCluster(n_workers=n_workers, threads_per_worker=1, processes=True,
                                   dashboard_address=None)
        client = Client(own_cluster)
    try:
        with OutputFolder(out) as folder:
            options = {"folder": folder.tmp, "format": format,
                       "aggregates": {"n_boot": n_boot, "random_state": random_state}}

            def run_partition(df, partition_info=None):
                from .corpus import load_corpus

                number = (partition_info or {}).get("number", 0)
                if not len(df):
                    return pd.DataFrame({"agg": pd.Series([], dtype=object)})
                if {"body", "status"} <= set(df.columns):  # read by _read_shard
                    corpus = df.reset_index(drop=True)
                else:
                    if "doc_id" not in df.columns and "doc_id" not in columns:
                        raise FramingError("the Dask engine needs a doc_id column in every "
                                           "partition")
                    corpus = load_corpus(df.reset_index(drop=True), **columns)
                total = None
                with fewer_collections():
                    for j, start in enumerate(range(0, len(corpus), chunksize)):
                        a = run_chunk((number << 20) + j, corpus.iloc[start:start + chunksize],
                                      study, stages, options)
                        total = a if total is None else total.merge(a)
                return pd.DataFrame({"agg": [pickle.dumps(total)]})

            # the partitions' aggregates are merged in a tree on the workers (eight at a
            # time), so neither a worker nor this process ever holds all of them: memory
            # stays flat with the number of partitions (collecting them all took 7.9 GB
            # for 40 partitions of 300,000 articles)
            from dask import delayed

            level = list(ddf.map_partitions(run_partition, meta={"agg": object}).to_delayed())
            while len(level) > 1:
                level = [delayed(_merge_pickled, pure=True)(*level[i:i + 8])
                         for i in range(0, len(level), 8)]
            merged = _merge_pickled(level[0].compute()) if level else None
            aggs = [pickle.loads(merged)] if merged is not None else []
            agg = _finish(folder, aggs, study=study, stages=stages, format=format,
                          figures=figures, n_boot=n_boot, random_state=random_state, t0=t0,
                          extra={"command": list(command) if command is not None else None,
                                 "engine": "dask", "scheduler": scheduler or "local",
                                 "partitions": int(ddf.npartitions), "chunksize": chunksize},
                          input_files=input_files)
    finally:
        client.close()
        if own_cluster is not None:
            own_cluster.close()
    result = dict(folder.manifest)
    result["aggregates"] = agg
    return result


def _merge_pickled(*parts) -> bytes | None:
    """One pickled aggregate from partition results (frames with an ``agg`` column of
    pickled :class:`~framing.aggregate.RunAggregates`) or from earlier merges (bytes or
    None); the merge does not depend on the order."""
    total = None
    for part in parts:
        items = part["agg"].tolist() if isinstance(part, pd.DataFrame) else [part]
        for b in items:
            if b is None:
                continue
            a = pickle.loads(b)
            total = a if total is None else total.merge(a)
    return pickle.dumps(total) if total is not None else None


_DEFAULT_COLUMNS = {"documents": DOC_COLUMNS, "hits": HITS_COLUMNS}


def _version() -> str:
    from . import __version__

    return __version__
