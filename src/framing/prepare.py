"""Pre-processing of a corpus before the analysis: wire copies and inferred events.

:func:`framing.analyze` and :func:`framing.analyze_to` (``framing analyze``) call this
step first: it reads the corpus once per question asked (:func:`framing.find_copies`,
:func:`framing.infer_events`), then hands the analysis the same chunks with the
columns ``cluster_id, copy_of, similarity`` (copies) and ``event_id`` and ``event``
(inferred events), without the documents that the ``copies`` mode leaves out.

``copies`` modes, for the per-outlet statistics:

* ``keep``: no detection; every document counts as its outlet's own words.
* ``mark`` (default of ``analyze`` and ``framing analyze``): copies are detected and
  marked in ``documents``; every document still counts, and the ``copies`` table (and
  the report's "Wire copies" section) gives the share of each outlet's words that is
  a copy of another outlet's (or agency's) document.
* ``origin``: each copy cluster counts once, as its origin: the copies are left out.
* ``drop``: every document of a copy cluster, origin included, is left out: what is
  counted is the words no other document of the corpus shares.
"""
from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator

import numpy as np
import pandas as pd

from ._checks import FramingError, check_choice

__all__ = ["COPY_MODES", "EVENT_MODES", "Prepared", "ReadAgain", "COPIES_TABLE_COLUMNS",
           "KEEP_BYTES", "keep_budget"]

COPY_MODES = ("keep", "mark", "drop", "origin")
EVENT_MODES = ("column", "infer")
#: Columns of the per-outlet ``copies`` table.
COPIES_TABLE_COLUMNS = ["outlet", "n_docs", "n_copies", "n_origins", "n_words", "copy_words",
                        "copy_share", "n_counted"]


#: Most bytes of corpus chunks :class:`ReadAgain` keeps between readings by default.
KEEP_BYTES = 256 << 20


def keep_budget() -> int:
    """Bytes of chunks a corpus read more than once may keep in memory between its
    readings: :data:`KEEP_BYTES`, but no more than an eighth of the available memory."""
    try:
        avail = os.sysconf("SC_AVPHYS_PAGES") * os.sysconf("SC_PAGE_SIZE")
    except (AttributeError, ValueError, OSError):  # pragma: no cover - not POSIX
        return KEEP_BYTES
    return int(min(KEEP_BYTES, avail // 8))


class ReadAgain:
    """An iterable of corpus chunks that can be read more than once: each iteration
    calls ``make()`` for a fresh iterator (a file read again).

    With ``keep_bytes`` > 0, the chunks of the first complete reading are kept when
    together they hold no more than that many bytes, and the later readings hand out
    the same chunks instead of reading and cleaning the corpus again (``framing
    analyze`` reads it three times: twice to find the copies, once to analyse it; a
    20 MB corpus kept costs about 25 MB and saves two readings, 0.9 s). A reading
    that grows beyond the budget drops what it kept, and the corpus is read again.
    The chunks handed out must not be changed in place (:class:`Prepared` copies them).
    """

    def __init__(self, make: Callable[[], Iterable[pd.DataFrame]], keep_bytes: int = 0):
        self.make = make
        self.keep_bytes = keep_bytes
        self._kept: list | None = None

    def __iter__(self) -> Iterator[pd.DataFrame]:
        if self._kept is not None:
            return iter(self._kept)
        if self.keep_bytes <= 0:
            return iter(self.make())
        return self._read_and_keep()

    def _read_and_keep(self) -> Iterator[pd.DataFrame]:
        kept: list | None = []
        size = 0
        for chunk in self.make():
            if kept is not None:
                size += _nbytes(chunk)
                if size > self.keep_bytes:
                    kept = None
                else:
                    kept.append(chunk)
            yield chunk
        if kept is not None:  # read to the end: the next readings replay it
            self._kept = kept


def _nbytes(chunk) -> int:
    """Bytes of a chunk (its strings included); a chunk that is not a DataFrame counts
    as too large to keep."""
    if not isinstance(chunk, pd.DataFrame):
        return 1 << 62
    return int(chunk.memory_usage(index=True, deep=True).sum())


class Prepared:
    """Copy and event columns of a corpus, applied chunk by chunk.

    Parameters
    ----------
    source : DataFrame or iterable of DataFrame
        The corpus or its chunks. An iterable is read once per question and once for
        the analysis; a one-shot iterator is first kept in memory.
    copies : {"keep", "mark", "drop", "origin"}
    events : {"column", "infer"}
    study : Study, optional
        For the lexicon features of :func:`framing.infer_events`.
    chunksize : int
        Documents per chunk when ``source`` is a DataFrame.
    n_jobs : int, default 1
        Processes for the signatures of :func:`framing.find_copies`.
    """

    def __init__(self, source, *, copies: str = "mark", events: str = "column", study=None,
                 chunksize: int = 1000, n_jobs: int = 1):
        check_choice("copies", copies, COPY_MODES)
        check_choice("events", events, EVENT_MODES)
        if not isinstance(source, pd.DataFrame) and iter(source) is source:
            source = list(source)  # a generator can be read only once
        self.source = source
        self.copies, self.events, self.chunksize = copies, events, chunksize
        self.copy_table = None
        self.event_table = None
        if copies != "keep":
            from .copies import find_copies

            self.copy_table = find_copies(source, n_jobs=n_jobs)
        if events == "infer":
            from .events import infer_events

            self.event_table = infer_events(source, study=study)
            self.event_names = _event_names(self.event_table, source)
        self._outlets: dict[str, list] = {}

    @property
    def active(self) -> bool:
        return self.copy_table is not None or self.event_table is not None

    def _chunks(self) -> Iterator[pd.DataFrame]:
        if isinstance(self.source, pd.DataFrame):
            for i in range(0, len(self.source), self.chunksize):
                yield self.source.iloc[i:i + self.chunksize]
        else:
            yield from self.source

    def chunks(self) -> Iterator[pd.DataFrame]:
        """The corpus chunks with the new columns, without the documents left out."""
        pos = 0
        for chunk in self._chunks():
            out = self.apply(chunk, pos)
            pos += len(chunk)
            if len(out):
                yield out
        n = len(self.copy_table) if self.copy_table is not None else \
            len(self.event_table) if self.event_table is not None else pos
        if pos != n:
            raise FramingError(f"the corpus changed while it was read: {n} documents, then "
                               f"{pos}")

    def frame(self) -> pd.DataFrame:
        """The whole prepared corpus as one DataFrame."""
        parts = list(self.chunks())
        if not parts:  # no documents (an empty DataFrame gives no chunk at all)
            first = self.source if isinstance(self.source, pd.DataFrame) else \
                next(iter(self._chunks()), pd.DataFrame({"doc_id": pd.Series([], dtype=object)}))
            return self.apply(first.iloc[:0], 0)
        return pd.concat(parts, ignore_index=True) if len(parts) > 1 else \
            parts[0].reset_index(drop=True)

    def apply(self, chunk: pd.DataFrame, start: int) -> pd.DataFrame:
        """Add the columns to the documents ``start, start + len(chunk)`` of the corpus."""
        chunk = chunk.copy()
        end = start + len(chunk)
        for table in (self.copy_table, self.event_table):
            if table is not None and (end > len(table) or not np.array_equal(
                    table["doc_id"].to_numpy()[start:end], chunk["doc_id"].to_numpy())):
                raise FramingError("the corpus changed while it was read (documents differ "
                                   f"from position {start} on)")
        keep = np.ones(len(chunk), bool)
        if self.copy_table is not None:
            t = self.copy_table.iloc[start:end]
            for c in ("cluster_id", "copy_of", "similarity"):
                chunk[c] = t[c].to_numpy()
            copy = t["copy_of"].notna().to_numpy()
            clustered = t["cluster_id"].notna().to_numpy()
            if self.copies == "origin":
                keep = ~copy
            elif self.copies == "drop":
                keep = ~clustered
            self._count(chunk, copy, clustered & ~copy, keep)
        if self.event_table is not None:
            ids = self.event_table["event_id"].to_numpy()[start:end]
            chunk["event_id"] = ids
            chunk["event"] = [self.event_names[e] for e in ids]
        return chunk if keep.all() else chunk[keep]

    def _count(self, chunk, copy, origin, keep) -> None:
        from .text import count_words

        body = chunk["body"] if "body" in chunk.columns else chunk["text"]
        status = chunk["status"] if "status" in chunk.columns else pd.Series("ok", chunk.index)
        words = np.array([count_words(b) if s == "ok" and isinstance(b, str) else 0
                          for b, s in zip(body, status)], np.int64)
        outlet = chunk["outlet"].fillna("(unknown)").astype(str) if "outlet" in chunk.columns \
            else pd.Series("(unknown)", chunk.index)
        g = pd.DataFrame({"o": outlet.to_numpy(), "d": 1, "c": copy.astype(int),
                          "g": origin.astype(int), "w": words, "cw": np.where(copy, words, 0),
                          "k": keep.astype(int)}).groupby("o", sort=False).sum()
        for o, row in zip(g.index, g.to_numpy().tolist()):
            cur = self._outlets.setdefault(o, [0] * 6)
            for k, v in enumerate(row):
                cur[k] += int(v)

    def summary(self) -> pd.DataFrame | None:
        """Per outlet: documents, copies, origins, words, words in copies, their share
        and the documents counted under the mode (after :meth:`chunks` was read)."""
        if self.copy_table is None:
            return None
        rows = [(o, d, c, g, w, cw, cw / w if w else 0.0, k)
                for o, (d, c, g, w, cw, k) in sorted(self._outlets.items())]
        return pd.DataFrame(rows, columns=COPIES_TABLE_COLUMNS)


def _event_names(table: pd.DataFrame, source) -> dict:
    """The ``event`` value of each inferred event: its first date and its label
    (unique: a repeated name gets the event id)."""
    names: dict = {}
    first = {}
    if isinstance(source, pd.DataFrame):
        dates = [source["date"]] if "date" in source.columns else []
    else:
        dates = [c["date"] for c in source if "date" in c.columns]
    if dates:
        d = pd.to_datetime(pd.concat(dates, ignore_index=True), errors="coerce", utc=True,
                           format="mixed")
        if len(d) == len(table):
            first = pd.Series(d.to_numpy()).groupby(table["event_id"].to_numpy()).min()
    seen = set()
    for e, label in table.groupby("event_id", sort=True)["event_label"].first().items():
        when = first.get(e) if len(first) else None
        name = (f"{pd.Timestamp(when):%Y-%m-%d}: " if when is not None and pd.notna(when)
                else "") + (label or "(no names)")
        if name in seen:
            name = f"{name} (#{e})"
        seen.add(name)
        names[e] = name
    return names
