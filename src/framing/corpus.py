"""Loading corpora and cleaning article text.

A corpus is a pandas DataFrame with one row per document and the columns
``doc_id, outlet, date, event, title, url, text, body, status`` plus any other
metadata columns of the source. ``text`` is the text as read; ``body`` is the
cleaned article text that every analysis uses (offsets in hits, attributions and
agency tables refer to ``body``); ``status`` is ``"ok"`` or says why a document
has no usable text (``"empty"``, ``"undecodable: ..."``, ``"missing file"``,
``"no article text extracted"``, ``"not text: list"``, ``"too long: ..."``,
``"skipped: unsupported file type '.pdf'"`` ...). Documents with a problem stay in
the corpus and in every per-document output: nothing is dropped silently. Bad input
that cannot be kept as a document (a blank or duplicate id, a corrupt file, a file
outside the corpus folder) raises :class:`CorpusError` naming the file and line.
"""
from __future__ import annotations

import bisect
import codecs
import io
import json
import numbers
import os
import re
import unicodedata
import warnings
from collections.abc import Iterator, Mapping
from importlib import resources
from pathlib import Path

import numpy as np
import pandas as pd

from ._checks import OUTSIDE_HINT, CorpusError, FramingError, did_you_mean, encoding_hint, one_line

__all__ = ["load_corpus", "load_sample_corpus", "iter_corpus", "clean_text", "CORPUS_COLUMNS"]

#: Standard corpus columns, in order.
CORPUS_COLUMNS = ["doc_id", "outlet", "date", "event", "title", "url", "text", "body", "status"]
_MAPPABLE = ["doc_id", "outlet", "date", "event", "title", "url", "text"]
_FORMATS = ["folder", "csv", "jsonl", "parquet", "txt", "html"]

# --------------------------------------------------------------------------- cleaning

# Whole lines that are never article text (compared case-insensitively, stripped).
_DROP_LINE = re.compile(
    r"""^(?:
        skip\ to\ (?:main\ )?content | skip\ to\ navigation | menu | search | home
      | share\ this:? | like\ this:? | like\ loading\.{0,3} | related(?:\ articles|\ posts)? | advertisement
      | stay\ updated\ with\ the\ latest\ news!? | subscribe\ to\ .{0,60}newsletter
      | sign\ up\ for\ .{0,60}newsletter.* | read\ more:?.{0,120} | click\ here.{0,80}
      | follow\ us\ on\ .{0,60} | image\ (?:source|credit)s?:.{0,120} | photo:?\ .{0,80}(?:/|reuters|afp|ap|getty).{0,40}
      | (?:photo\ )?credit:.{0,120} | \((?:photo\ )?credits?:.{0,120}\)
      | \[[^\]]{1,120}\]\(https?://[^)]+\) | https?://\S+
      | by\ [A-Z][\w'.-]+(?:\ [A-Z][\w'.-]+){0,3}
      | \d{1,2}\ (?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\ \d{4}(?:,?\ \d{1,2}:\d{2})?
      | (?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\ \d{1,2},?\ \d{4}(?:,?\ \d{1,2}:\d{2})?
    )$""",
    re.IGNORECASE | re.VERBOSE,
)
# "By Amy Jones" must keep its capitals: checked case-sensitively on top of the above.
_BYLINE = re.compile(r"^By [A-Z][\w'.-]+(?: [A-Z][\w'.-]+){0,3}$")
# A line from which everything to the end is comment forms or footers.
_CUT_FROM = re.compile(
    r"""^(?:
        leave\ a\ (?:reply|comment) | \d+\ comments? | comments | post\ a\ comment
      | fill\ in\ your\ details\ below.* | you\ are\ commenting\ using.*
      | to\ contact\ the\ .{0,80} | source:\ .{1,60} | .{1,60}\ contributed\ to\ this\ report\.?
      | (?:all\ )?rights\ reserved.* | ©.{0,80} | copyright\ .{0,80}
    )$""",
    re.IGNORECASE | re.VERBOSE,
)
# Lines from which everything to the end is a comment form, wherever they are.
_CUT_STARTS = ("leave a reply", "you are commenting using")
_CUT_STARTS_LEN = max(map(len, _CUT_STARTS))
_CAPTION = re.compile(r"\s*\((?:photo\s+)?credits?:[^)]*\)\s*$", re.IGNORECASE)


def clean_text(text: str, *, author: str | None = None) -> str:
    """Remove what is not the article from scraped text; keep every article sentence.

    Parameters
    ----------
    text : str
        Raw article text (plain text, one paragraph per line or block).
    author : str, optional
        The author's name from the metadata; a line holding only that name (a
        byline) is removed.

    Returns
    -------
    str
        The text with boilerplate lines removed: site navigation ("Skip to
        content"), comment forms and share widgets ("Leave a Reply" and all that
        follows), photo captions and credits (a line ending in "(photo credit:
        ...)" and its duplicate without the credit), newsletter promos, bylines
        and datelines standing alone on a line, and contact or source footers
        near the end ("To contact the ...", "Source: TRT World", "Reuters
        contributed to this report."). Paragraph breaks are kept.

    Notes
    -----
    Cleaning works on whole lines and never edits inside a line, so a sentence of
    the article is either kept verbatim or (only if it matches a boilerplate
    rule on its own) removed. Footer rules apply only in the last fifth of the
    lines, so "Source: ..." inside an article is kept.

    Examples
    --------
    >>> clean_text("Skip to content\\n\\nTroops moved.\\n\\nSource: TRT World")
    'Troops moved.'
    """
    if not text:
        return ""
    lines = text.splitlines()
    n = len(lines)
    stripped = [ln.strip() for ln in lines]
    nonblank = [i for i, s in enumerate(stripped) if s]
    tail_from = nonblank[max(0, len(nonblank) - max(3, len(nonblank) // 5))] if nonblank else n
    keep = [True] * n
    cut_at = n
    for i in nonblank:
        s = stripped[i]
        if i >= tail_from and _CUT_FROM.match(s):
            cut_at = i
            break
        # only the start of the line matters: lower-case that, not the whole paragraph
        if s[:_CUT_STARTS_LEN].lower().startswith(_CUT_STARTS):
            cut_at = i
            break
    captions = set()
    for i in nonblank:
        if i >= cut_at:
            break
        s = stripped[i]
        if len(s) < 200 and _DROP_LINE.match(s) and not (s.lower().startswith("by ") and not _BYLINE.match(s)):
            keep[i] = False
        elif author and s.lower() == str(author).strip().lower():
            keep[i] = False
        elif "redit" in s and _CAPTION.search(s):
            keep[i] = False
            captions.add(_CAPTION.sub("", s).strip())
    if captions:
        for i in nonblank:
            if i < cut_at and keep[i] and stripped[i] in captions:
                keep[i] = False
    # rebuild, collapsing the blank lines left by removed lines
    res: list[str] = []
    for i in range(cut_at):
        if not keep[i]:
            continue
        if not stripped[i]:
            if res and res[-1] != "":
                res.append("")
            continue
        res.append(lines[i].rstrip())
    while res and res[-1] == "":
        res.pop()
    while res and res[0] == "":
        res.pop(0)
    return "\n".join(res)


# --------------------------------------------------------------------------- reading

#: Default of ``max_chars``: longer documents are kept with a status and no body.
MAX_CHARS = 5_000_000
#: Outlet of a document whose outlet is missing or blank.
UNKNOWN_OUTLET = "(unknown)"

# Private columns a reader hands to _finish: its own status, and the id to use when the
# source has no doc_id column (a folder's file stems). Never seen by the caller.
_STATUS = "__framing_status__"
_DEFAULT_ID = "__framing_default_id__"
# What trafilatura found in an HTML page (title, date, site name): fills the title, date
# and outlet of a document whose source (metadata.csv) gives none.
_HTML_META = {"title": "__framing_html_title__", "date": "__framing_html_date__",
              "outlet": "__framing_html_outlet__"}
_PRIVATE = (_STATUS, _DEFAULT_ID, *_HTML_META.values())

# Column names of common exports, recognised when the source has no column of the
# standard name and the caller maps none (case-insensitively; the first present wins).
# Media Cloud: stories_id, publish_date, title, url, media_name, media_url, text.
# GDELT DOC / GKG: DocumentIdentifier (url), SourceCommonName / domain, seendate / DATE,
# title. news-please: url, title, maintext, date_publish, source_domain. trafilatura
# JSON: text, title, date, hostname, sitename, url, id. newspaper3k: text, title, url,
# publish_date, source_url.
_ALIASES = {
    "doc_id": ("stories_id", "GKGRECORDID", "id"),
    "outlet": ("media_name", "SourceCommonName", "source_domain", "hostname", "sitename",
               "domain", "source_url", "media_url"),
    "date": ("publish_date", "date_publish", "seendate", "publication_date", "published"),
    "title": ("headline",),
    "url": ("DocumentIdentifier",),
    "text": ("maintext",),
}
# Source columns that would clash with the toolkit's own: kept under another name.
_RESERVED = ("status", "body")

_HTML_SUFFIXES = (".html", ".htm")
_DOC_SUFFIXES = (".txt",) + _HTML_SUFFIXES
# A folder also reads .json files holding one JSON object each (news-please, trafilatura):
# the text from its text field (or an export name of it), the other fields as metadata.
_FOLDER_SUFFIXES = _DOC_SUFFIXES + (".json",)
# Never read as text even when metadata.csv lists them.
_BINARY_SUFFIXES = frozenset(
    ".pdf .doc .docx .odt .rtf .xls .xlsx .ods .ppt .pptx .epub .zip .gz .bz2 .xz .7z .tar "
    ".png .jpg .jpeg .gif .tif .tiff .webp .bmp .mp3 .mp4 .wav .parquet .pq .db .sqlite".split())
# Files of the operating system, not documents: left out without a row.
_JUNK_NAMES = frozenset({"thumbs.db", "desktop.ini", "metadata.csv"})
_MANIFEST = "manifest.json"


class _Raw:
    """A frame read from the source and ``where(i)``: where its i-th row is, for messages."""

    __slots__ = ("frame", "where")

    def __init__(self, frame: pd.DataFrame, where):
        self.frame = frame
        self.where = where


def _decode(data: bytes, encoding: str, label: str) -> tuple[str, str]:
    """Decode bytes; return (text, status). Status names the first bad byte."""
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError as e:
        line = data[:e.start].count(b"\n") + 1
        return "", (f"undecodable: byte 0x{data[e.start]:02x} at offset {e.start} (line {line}) "
                    f"is not valid {encoding}")
    # a byte order mark (Excel's "CSV UTF-8", Notepad) is not text
    return (text[1:] if text.startswith("\ufeff") else text), "ok"


def _same_line(a: str, b: str) -> bool:
    return " ".join(a.split()).casefold() == " ".join(b.split()).casefold()


def _extract_html(html: str) -> tuple[str, dict]:
    """The article text of a page and its metadata: ``(text, {"title", "date", "outlet"})``.

    The headline is metadata, not body: trafilatura puts it as the first line of the
    text when the page repeats it in an ``<h1>``; that line is removed.
    """
    import trafilatura

    doc = trafilatura.bare_extraction(html, include_comments=False, include_tables=False,
                                      favor_precision=True, with_metadata=True)
    if doc is None:
        return "", {}
    get = doc.get if isinstance(doc, dict) else (lambda k: getattr(doc, k, None))
    text = get("text") or ""
    meta = {"title": get("title"), "date": get("date"),
            "outlet": get("sitename") or get("hostname")}
    meta = {k: v.strip() for k, v in meta.items() if isinstance(v, str) and v.strip()}
    title = meta.get("title")
    if title and text:
        first, sep, rest = text.partition("\n")
        if _same_line(first, title):
            text = rest.lstrip("\n")
    return text, meta


_SURROGATE = re.compile("[\ud800-\udfff]")
_SURROGATE_ESCAPE = re.compile(r"\\u[dD][89a-fA-F]")


def _surrogate(s: str) -> int:
    """Position of the first lone surrogate in ``s`` (a JSON escape such as ``\\ud800``
    or a file name's undecodable byte: not valid Unicode, no UTF-8 file can hold it), or -1."""
    try:
        s.encode("utf-8")
        return -1
    except UnicodeEncodeError as e:
        return e.start


def _nfc(s: str) -> str:
    """``s`` in Unicode normal form C (composed), cheaply when it already is; a lone
    surrogate becomes U+FFFD (the replacement character)."""
    if s.isascii():
        return s
    if _surrogate(s) >= 0:
        s = _SURROGATE.sub("\ufffd", s)
    if unicodedata.is_normalized("NFC", s):
        return s
    return unicodedata.normalize("NFC", s)


def _missing(v) -> bool:
    """True for None, NaN, pd.NA and NaT (a scalar test: lists and dicts are not missing)."""
    if v is None or v is pd.NA or v is pd.NaT:
        return True
    return isinstance(v, float) and v != v


def _number_text(v) -> str | None:
    """An int or integral float as "1" (never "1.0"); None if ``v`` is not a number."""
    if isinstance(v, (bool, np.bool_)):
        return str(bool(v))
    if isinstance(v, numbers.Integral):
        return str(int(v))
    if isinstance(v, numbers.Real):
        f = float(v)
        return str(int(f)) if f.is_integer() else repr(f)
    return None


def _id_text(v) -> str | None:
    """A doc_id cell as a string; None if it is blank. Raises TypeError for containers."""
    if isinstance(v, str):
        return None if not v or v.isspace() else _nfc(v)
    if _missing(v):
        return None
    if isinstance(v, (bool, np.bool_)):  # true/false: a flag in the wrong column
        raise TypeError("bool")
    num = _number_text(v)
    if num is not None:
        return num
    if isinstance(v, (bytes, bytearray)):
        return _id_text(bytes(v).decode("utf-8", "backslashreplace"))
    if isinstance(v, (list, tuple, dict, set, frozenset, np.ndarray)):
        raise TypeError(type(v).__name__)
    return _id_text(str(v))


def _free_name(columns, base: str) -> str:
    """``source_<base>``, or ``source_<base>_2`` ... if the source already has that column."""
    name, k = f"source_{base}", 2
    while name in columns:
        name, k = f"source_{base}_{k}", k + 1
    return name


def _text_and_status(t, encoding: str, max_chars: int | None) -> tuple[str, str]:
    """A text cell as (text, status): strings pass, missing is empty, the rest says why."""
    if isinstance(t, str):
        pass
    elif _missing(t):
        return "", "ok"
    elif isinstance(t, (bytes, bytearray, memoryview)):
        # Parquet files written by Spark or Impala hold strings as plain binary
        t, status = _decode(bytes(t), encoding, "")
        if status != "ok":
            return "", status
    else:
        return "", f"not text: {type(t).__name__}"
    if max_chars is not None and len(t) > max_chars:
        return "", f"too long: {len(t):,} characters (limit {max_chars:,})"
    if not t.isascii() and (k := _surrogate(t)) >= 0:
        return "", (f"undecodable: a lone surrogate U+{ord(t[k]):04X} at character {k} "
                    "(not valid Unicode)")
    return _nfc(t), "ok"


def _parse_dates(col: pd.Series) -> tuple[pd.Series, list[int]]:
    """Dates as naive UTC ``datetime64[us]``; also the positions of values not read.

    ISO 8601 (``2020-09-27``, ``2020-09-27 10:31:00``, ``2020-09-27T10:31:00+04:00``),
    GDELT's ``20200927103100`` and ``20200927T103100Z``, and dates as text (``Sep 27,
    2020``, ``27 September 2020``; an ambiguous ``03/04/2020`` is month first). A
    date with a time zone is converted to UTC; one without is taken as UTC. Missing
    and blank values are NaT and not failures; a value not read is NaT.
    """
    unit = "datetime64[us]"
    if pd.api.types.is_datetime64_any_dtype(col.dtype):
        if getattr(col.dtype, "tz", None) is not None:
            col = col.dt.tz_convert("UTC").dt.tz_localize(None)
        return col.astype(unit), []
    values = col.tolist()
    out = pd.Series(pd.NaT, index=col.index, dtype=unit)
    todo: dict[int, object] = {}
    for i, v in enumerate(values):
        if isinstance(v, str):
            v = v.strip()
            if v:
                todo[i] = v
        elif not _missing(v):
            num = _number_text(v) if not isinstance(v, (bool, np.bool_)) else None
            todo[i] = num if num is not None else v
    if not todo:
        return out, []
    pos = list(todo)

    def parse(vals, **kw) -> pd.Series:
        try:
            r = pd.to_datetime(pd.Series(vals, dtype=object), errors="coerce", utc=True, **kw)
        except (ValueError, TypeError, OverflowError):
            r = pd.Series([parse1(v, **kw) for v in vals], dtype="datetime64[us, UTC]")
        return r

    def parse1(v, **kw):
        try:
            return pd.to_datetime(v, errors="coerce", utc=True, **kw)
        except (ValueError, TypeError, OverflowError):
            return pd.NaT

    parsed = parse([todo[i] for i in pos], format="ISO8601")
    res = dict(zip(pos, parsed.tolist()))
    left = [i for i in pos if _missing(res[i])]
    for fmt, rx in (("%Y%m%d%H%M%S", _STAMP14), ("%Y%m%dT%H%M%SZ", _STAMP_T)):
        these = [i for i in left if isinstance(todo[i], str) and rx.match(todo[i])]
        if these:
            for i, v in zip(these, parse([todo[i] for i in these], format=fmt).tolist()):
                res[i] = v
            left = [i for i in left if _missing(res[i])]
    if left:
        for i, v in zip(left, parse([todo[i] for i in left], format="mixed").tolist()):
            res[i] = v
    stamps = pd.Series([res[i] for i in pos], dtype=object)
    stamps = pd.to_datetime(stamps, utc=True, errors="coerce").dt.tz_localize(None)
    out.iloc[pos] = stamps.astype(unit).to_numpy()
    failed = [i for i, v in zip(pos, stamps.tolist()) if _missing(v)]
    return out, failed


_STAMP14 = re.compile(r"^\d{14}$")
_STAMP_T = re.compile(r"^\d{8}T\d{6}Z?$")


def _date_message(source: str, n_failed: int, n: int, example, where: str) -> str:
    return (f"{source}: {n_failed} of {n} date(s) could not be read and are left empty (NaT), "
            f"e.g. {example!r} ({where}); dates are read as ISO 8601 (2020-09-27, "
            "2020-09-27T10:31:00Z), GDELT's 20200927103100 or text such as 'Sep 27, 2020'. "
            "The documents are kept")


def _finish(df: pd.DataFrame, *, clean: bool, source: str, on_error: str, where=None,
            id_start: int = 0, encoding: str = "utf-8",
            max_chars: int | None = MAX_CHARS, date_problems: list | None = None) -> pd.DataFrame:
    """Standard columns, ids, status and the cleaned body.

    ``where(i)`` names the place of row ``i`` in the source for messages ("c.csv, line
    3"); ``id_start`` is the number of the first generated id (chunks go on numbering).
    ``date_problems``: a list that receives ``(n_failed, n, example, where)`` instead
    of a warning about dates not read (the caller warns once for all chunks).
    """
    if where is None:
        where = _frame_where(df, source)
    twice = df.columns[df.columns.duplicated()]
    if len(twice):
        c = twice[0]
        raise CorpusError(f"{source}: column {c!r} appears {int((df.columns == c).sum())} times; "
                          "rename or drop the copies")
    df = df.copy()
    reader_status = df.pop(_STATUS) if _STATUS in df.columns else None
    default_ids = df.pop(_DEFAULT_ID) if _DEFAULT_ID in df.columns else None
    html_meta = {k: df.pop(c) for k, c in _HTML_META.items() if c in df.columns}
    # a source's own "status" (published/draft) or "body" column is metadata, kept renamed
    clash = {c: _free_name(df.columns, c) for c in _RESERVED if c in df.columns}
    if clash:
        df = df.rename(columns=clash)
    # title, date and site name of HTML pages where the source (metadata.csv) has none
    for key, found in html_meta.items():
        if key not in df.columns:
            df[key] = found.astype(object)
            continue
        cur = df[key].astype(object)
        blank = [(_missing(v) or (isinstance(v, str) and not v.strip())) and not _missing(f)
                 for v, f in zip(cur.tolist(), found.tolist())]
        if any(blank):
            df[key] = cur.where(~pd.Series(blank, index=cur.index), found)
    if "text" not in df.columns:
        if len(df) == 0 and len(df.columns) == 0:
            df["text"] = pd.Series([], dtype=object)
        else:
            own = {v: k for k, v in clash.items()}  # the source's names, not source_<name>
            names = [str(own.get(c, c)) for c in df.columns]
            found = ", ".join(names) or "(none)"
            hint = did_you_mean("text", names)
            raise CorpusError(
                f"{source}: no text column; columns found: {found}{hint}. "
                "Name the column holding the article text, e.g. load_corpus(..., text='body') "
                "(--text-column body)"
            )
    n = len(df)
    # ---- ids: every document has one, a non-blank string, unique
    if "doc_id" in df.columns:
        ids = []
        for i, v in enumerate(df["doc_id"].tolist()):
            try:
                s = _id_text(v)
            except TypeError as e:
                raise CorpusError(f"{where(i)}: doc_id is a {e}, expected a string or a "
                                  "number") from None
            if s is None:
                raise CorpusError(
                    f"{where(i)}: blank doc_id; every document needs one: fill it in, or leave "
                    "out the id column to number the documents doc000000, doc000001, ..."
                )
            ids.append(s)
        df["doc_id"] = pd.Series(ids, index=df.index)
    elif default_ids is not None:
        df.insert(0, "doc_id", [_nfc(str(v)) for v in default_ids])
    else:
        df.insert(0, "doc_id", [f"doc{i:06d}" for i in range(id_start, id_start + n)])
    dup = df["doc_id"][df["doc_id"].duplicated(keep=False)]
    if len(dup):
        first = dup.iloc[0]
        pos = [i for i, d in enumerate(df["doc_id"]) if d == first]
        rows = [int(i) for i in df.index[pos]][:5]
        at = "" if source == "DataFrame" else f" at {where(pos[0])} and {where(pos[1])}"
        raise CorpusError(
            f"{source}: duplicate doc_id {first!r} (rows {rows}){at}; {dup.nunique()} id(s) are "
            "repeated. Every document needs a unique doc_id"
        )
    # ---- outlet: a string for every document, so outlets always sort
    if "outlet" in df.columns:
        outlets = []
        for v in df["outlet"].tolist():
            if isinstance(v, str):
                outlets.append(UNKNOWN_OUTLET if not v or v.isspace() else _nfc(v))
            elif _missing(v):
                outlets.append(UNKNOWN_OUTLET)
            else:
                outlets.append(_nfc(_number_text(v) or str(v)))
        df["outlet"] = pd.Series(outlets, index=df.index)
    else:
        df["outlet"] = pd.Series([UNKNOWN_OUTLET] * n, index=df.index)
    for col in ("date", "event", "title", "url"):
        if col not in df.columns:
            df[col] = None
    # ---- metadata strings in NFC, like the text
    for col in df.columns:
        if col in ("doc_id", "outlet", "text", "file") or not _is_text_dtype(df[col].dtype):
            continue
        values = df[col].tolist()
        fixed = [_nfc(v) if isinstance(v, str) else v for v in values]
        if any(a is not b for a, b in zip(values, fixed)):
            df[col] = pd.Series(fixed, index=df.index)
    # ---- dates: naive UTC datetimes; a date not read is NaT and the document stays ok
    raw_dates = df["date"]
    df["date"], failed = _parse_dates(raw_dates)
    if failed:
        problem = (len(failed), n, raw_dates.iloc[failed[0]], where(failed[0]))
        if date_problems is not None:
            date_problems.append(problem)
        else:
            warnings.warn(_date_message(source, *problem), stacklevel=3)
    # ---- text and status
    statuses = ["ok"] * n if reader_status is None else [
        "ok" if _missing(s) else str(s) for s in reader_status.tolist()]
    texts = []
    for i, t in enumerate(df["text"].tolist()):
        if statuses[i] != "ok":
            texts.append(t if isinstance(t, str) else "")
            continue
        t, st = _text_and_status(t, encoding, max_chars)
        if st == "ok" and (not t or t.isspace()):
            st = "empty"
        statuses[i] = st
        texts.append(t)
    df["text"] = pd.Series(texts, index=df.index)
    author = df["author"].tolist() if "author" in df.columns else [None] * n
    if clean:
        bodies = [clean_text(t, author=a if isinstance(a, str) else None) if st == "ok" else ""
                  for t, a, st in zip(texts, author, statuses)]
    else:
        bodies = [t if st == "ok" else "" for t, st in zip(texts, statuses)]
    for i, (b, st) in enumerate(zip(bodies, statuses)):
        if st == "ok" and not b.strip():
            statuses[i] = "empty after cleaning"
    df["body"] = pd.Series(bodies, index=df.index)
    df["status"] = pd.Series(statuses, index=df.index, dtype=object)
    bad = [(d, s) for d, s in zip(df["doc_id"], statuses) if s != "ok"]
    if bad:
        detail = "; ".join(f"{d}: {s}" for d, s in bad[:3])
        more = f" (and {len(bad) - 3} more)" if len(bad) > 3 else ""
        msg = f"{source}: {len(bad)} of {n} document(s) have no usable text: {detail}{more}"
        if any(s.startswith("undecodable") for _, s in bad):
            msg += f"; {encoding_hint(encoding)}"
        if on_error == "raise":
            raise CorpusError(msg)
        warnings.warn(msg + "; they are kept with their status and count as 0 words",
                      stacklevel=3)
    rest = [c for c in df.columns if c not in CORPUS_COLUMNS]
    return df[CORPUS_COLUMNS + rest].reset_index(drop=True)


def _is_text_dtype(dtype) -> bool:
    return dtype == object or isinstance(dtype, pd.StringDtype)


def _frame_where(df: pd.DataFrame, source: str):
    """Rows of a DataFrame named by position, and by index label if that differs."""
    index = df.index

    def where(i: int) -> str:
        label = index[i]
        same = isinstance(label, (int, np.integer)) and int(label) == i
        return f"{source}, row {i}" + ("" if same else f" (index {label!r})")
    return where


def _blank_column(col: pd.Series) -> bool:
    return all(_missing(v) or (isinstance(v, str) and not v.strip()) for v in col.tolist())


def _auto_mapping(df: pd.DataFrame, explicit: Mapping[str, str]) -> dict[str, str]:
    """Standard column -> source column for the export columns the source has (``_ALIASES``).

    Only for standard columns that the source lacks and the caller does not map; a
    column the caller maps is never taken; a column with no value at all (trafilatura's
    ``id`` of ``null``) is passed over while the source has rows.
    """
    cols = [c for c in df.columns if isinstance(c, str) and c not in _PRIVATE]
    present = set(cols)
    taken = set(explicit.values()) | (present & set(CORPUS_COLUMNS))
    lower: dict[str, str] = {}
    for c in cols:
        lower.setdefault(c.lower(), c)
    auto: dict[str, str] = {}
    for std in _MAPPABLE:
        if std in explicit or (std in present and not (
                len(df) and isinstance(df[std], pd.Series) and _blank_column(df[std]))):
            continue  # (a standard column with no value at all, news-please's "text": null,
            # gives way to an export column with values; it is kept renamed)
        for alias in (std, *_ALIASES.get(std, ())):
            c = lower.get(alias.lower())
            if c is None or c in taken or (len(df) and _blank_column(df[c])):
                continue
            auto[std] = c
            taken.add(c)
            break
    if "text" not in present and "text" not in explicit and "text" not in auto:
        return {}  # not a corpus: the error lists the source's own column names
    return auto


def _mapped_message(source: str, auto: Mapping[str, str]) -> str:
    pairs = sorted(auto.items(), key=lambda kv: (kv[1].lower(), kv[1]))
    return f"{source}: columns mapped: " + ", ".join(f"{c} -> {std}" for std, c in pairs)


def _has_columns(source, fmt: str) -> bool:
    """A source with named columns (a table, or a folder with metadata.csv): one whose
    lack of an outlet column is worth a warning. Bare text files have no columns."""
    return fmt in ("csv", "jsonl", "parquet") or (
        fmt == "folder" and ((Path(source) / "metadata.csv").exists()
                             or any(Path(source).glob("*.json"))))


def _no_outlet_message(source: str, df: pd.DataFrame) -> str | None:
    """The warning for a source without any outlet column, or None."""
    if "outlet" in df.columns or not len(df):
        return None
    html = _HTML_META["outlet"]
    if html in df.columns and not _blank_column(df[html]):
        return None
    return (f"{source}: no outlet column (looked for outlet, {', '.join(_ALIASES['outlet'])}); "
            f"every document gets the outlet {UNKNOWN_OUTLET!r}. Name the column with "
            "outlet='NAME' (--outlet-column NAME), or add an outlet column")


def _apply_mapping(df: pd.DataFrame, mapping: Mapping[str, str], source: str) -> pd.DataFrame:
    ren = {}
    for std, col in mapping.items():
        if col not in df.columns:
            found = ", ".join(map(str, df.columns))
            raise CorpusError(
                f"{source}: column {col!r} (given as {std}={col!r}) not found; columns found: "
                f"{found}{did_you_mean(col, df.columns)}"
            )
        ren[col] = std
    if "text" in ren and "text" not in mapping and ren["text"] != "text":
        std = ren["text"]
        raise CorpusError(f"{source}: the column 'text' is given as {std}={'text'!r} "
                          f"(--{std.replace('_', '-')}-column text), so no column is left for "
                          "the article text; name it with text='NAME' (--text-column NAME)")
    if ren:
        # a source column already named like a standard one is kept as source_<name>
        clash = [std for col, std in ren.items() if std in df.columns and std != col
                 and std not in ren]
        keep = {}
        for std in clash:
            keep[std] = _free_name(list(df.columns) + list(keep.values()), std)
        df = df.rename(columns=keep).rename(columns=ren)
    return df


# ---- CSV

def _csv_line_finder(label: str, opener, sep: str):
    """``where(row)``: "label, line N" for a 0-based data row, found by re-reading the file.

    Only called to word an error, so it may scan the file; quoted fields spanning lines and
    blank lines are counted as in an editor.
    """
    def where(row: int) -> str:
        import csv
        import sys

        old = csv.field_size_limit()
        csv.field_size_limit(min(sys.maxsize, 2**31 - 1))
        try:
            with opener() as fh:
                reader = csv.reader(fh, delimiter=sep)
                end, k = 0, -1  # k = -1: the header
                for rec in reader:
                    start, end = end + 1, reader.line_num
                    if not rec:
                        continue
                    if k == row:
                        return f"{label}, line {start}"
                    k += 1
        except (csv.Error, OSError, UnicodeDecodeError):
            pass
        finally:
            csv.field_size_limit(old)
        return f"{label}, data row {row + 1}"
    return where


def _check_csv_shape(df: pd.DataFrame, path: Path, header: list, where, sep: str) -> None:
    """Refuse what pandas would read silently wrong: a repeated column name (renamed
    ``name.1``) and rows with one field more than the header (the first field taken as
    an index, shifting every column: a comma in an unquoted text), and say so when the
    file is separated by another character than ``sep``."""
    if len(header) == 1:
        names = {";": "semicolons", "\t": "tabs", "|": "vertical bars", ",": "commas"}
        other = next((d for d in names if d != sep and d in header[0]), None)
        if other is not None:
            fix = ("name it .tsv" if other == "\t" else
                   "name it .csv" if other == "," else "save it with commas")
            raise CorpusError(f"{path}, line 1: the header {header[0][:60]!r} is separated by "
                              f"{names[other]}, not {names[sep]}; {fix} (framing reads .csv "
                              "with commas, .tsv with tabs)")
    seen: set = set()
    for name in header:
        if name.strip() and name in seen:
            raise CorpusError(f"{path}, line 1: column {name!r} appears "
                              f"{header.count(name)} times; rename or drop the copies")
        seen.add(name)
    if len(df) and not isinstance(df.index, pd.RangeIndex):
        raise CorpusError(f"{where(0)}: {len(df.columns) + 1} fields but the header names "
                          f"{len(df.columns)}; a field holding the delimiter (a comma in a text) "
                          "must be in double quotes")


def _csv_header(lines, sep: str) -> list:
    """The column names of a CSV's first record (as written: repeats not renamed)."""
    import csv

    try:
        return next(csv.reader(lines, delimiter=sep), [])
    except csv.Error:
        return []


def _read_csv_file(path: Path, encoding: str, **kw) -> _Raw:
    data = _read_bytes(path)
    text, status = _decode(data, encoding, str(path))
    if status != "ok":
        raise CorpusError(f"{path}: {status}; {encoding_hint(encoding)}")
    del data
    # re-read from disk to word an error: the decoded text is not kept alive for it
    where = _csv_line_finder(str(path), lambda: open(path, encoding=encoding, newline=""),
                             kw.get("sep", ","))
    try:
        df = pd.read_csv(io.StringIO(text), dtype=str, keep_default_na=False, na_values=[""],
                         **kw)
    except pd.errors.EmptyDataError:
        df = pd.DataFrame()
    except pd.errors.ParserError as e:
        raise CorpusError(f"{path}: malformed CSV: {one_line(e)}") from None
    sep = kw.get("sep", ",")
    _check_csv_shape(df, path, _csv_header(io.StringIO(text), sep), where, sep)
    return _Raw(df, where)


def _first_bad_line(path: Path, encoding: str) -> str:
    """"line N: undecodable byte 0x.. at column C" for the first bad line of a file."""
    decoder = codecs.getincrementaldecoder(encoding)()
    try:
        with open(path, "rb") as fh:
            for lineno, raw in enumerate(fh, 1):
                try:
                    decoder.decode(raw)
                except UnicodeDecodeError as e:
                    start = min(max(e.start, 0), len(raw) - 1)
                    return (f"line {lineno}: undecodable byte 0x{raw[start]:02x} at column "
                            f"{start + 1} (not valid {encoding})")
    except OSError:
        pass
    return f"undecodable bytes (not valid {encoding})"


def _iter_csv(path: Path, encoding: str, chunksize: int, sep: str) -> Iterator[_Raw]:
    """Stream a CSV in chunks; rows are numbered across chunks."""
    finder = _csv_line_finder(str(path), lambda: open(path, encoding=encoding, newline=""), sep)
    try:
        try:
            reader = pd.read_csv(path, dtype=str, keep_default_na=False, na_values=[""],
                                 chunksize=chunksize, encoding=encoding, sep=sep)
        except pd.errors.EmptyDataError:
            yield _Raw(pd.DataFrame(), finder)
            return
        offset = 0
        with reader:
            for chunk in reader:
                if not offset:
                    with open(path, encoding=encoding, newline="") as fh:
                        header = _csv_header(fh, sep)
                    if header and header[0].startswith("\ufeff"):
                        header[0] = header[0][1:]
                    _check_csv_shape(chunk, path, header, finder, sep)
                chunk.index = range(offset, offset + len(chunk))
                yield _Raw(chunk, lambda i, off=offset: finder(off + i))
                offset += len(chunk)
    except UnicodeDecodeError:
        raise CorpusError(f"{path}, {_first_bad_line(path, encoding)}; "
                          f"{encoding_hint(encoding)}") from None
    except UnicodeError as e:  # "UTF-16 stream does not start with BOM"
        raise CorpusError(f"{path}: not {encoding} text ({one_line(e)}); "
                          f"{encoding_hint(encoding)}") from None
    except pd.errors.ParserError as e:
        raise CorpusError(f"{path}: malformed CSV: {one_line(e)}") from None


# ---- JSON Lines

def _one_json_object(path: Path, encoding: str) -> dict | None:
    """The object of a ``.json`` file holding one JSON object, on one line or over several
    (as news-please writes an article, ``indent=4``), else None (JSON Lines of several
    objects, or an error the line reader reports with its line number)."""
    if path.suffix.lower() != ".json":
        return None
    try:
        with _open_binary(path) as fh:
            first = next((raw for raw in fh if raw.strip()), b"")
            line = first.decode(encoding).lstrip("\ufeff")
            try:
                obj = json.loads(line)
            except json.JSONDecodeError:
                pass
            else:  # a whole value on the first line: one object alone, or JSON Lines
                alone = next((raw for raw in fh if raw.strip()), None) is None
                return obj if alone and isinstance(obj, dict) else None
            if not line.lstrip().startswith("{"):
                return None
            fh.seek(0)
            obj = json.loads(fh.read().decode(encoding).lstrip("\ufeff"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError):
        return None
    return obj if isinstance(obj, dict) else None


def _decoded_lines(fh, path: Path, encoding: str) -> Iterator[tuple[int, str]]:
    """``(line number, text)`` of a binary file. An encoding in which a newline is not the
    byte 0x0a (UTF-16, UTF-32) is decoded as a stream, else line by line (the message
    then names the column of a bad byte)."""
    if "\n".encode(encoding) != b"\n":
        reader = codecs.getreader(encoding)(fh)
        lineno = 0
        try:
            for lineno, line in enumerate(iter(reader.readline, ""), 1):
                yield lineno, line
        except UnicodeError as e:  # also "UTF-16 stream does not start with BOM"
            raise CorpusError(f"{path}, line {lineno + 1}: undecodable bytes (not valid "
                              f"{encoding}: {getattr(e, 'reason', one_line(e))}); "
                              f"{encoding_hint(encoding)}") from None
        return
    for lineno, raw in enumerate(fh, 1):
        try:
            yield lineno, raw.decode(encoding)
        except UnicodeDecodeError as e:
            raise CorpusError(f"{path}, line {lineno}: undecodable byte 0x{raw[e.start]:02x} "
                              f"at column {e.start + 1} (not valid {encoding}); "
                              f"{encoding_hint(encoding)}") from None


def _iter_jsonl(path: Path, encoding: str, chunksize: int) -> Iterator[_Raw]:
    rows: list = []
    lines: list[int] = []

    def chunk() -> _Raw:
        at = list(lines)
        return _Raw(pd.DataFrame(rows), lambda i: f"{path}, line {at[i]}")

    yielded = False
    surrogates: list[int] = []
    with _open_binary(path) as fh:
        for lineno, line in _decoded_lines(fh, path, encoding):
            if not line.strip():
                continue
            if not rows and not yielded and line.startswith("\ufeff"):
                line = line[1:]  # a byte order mark
            array = ("; this looks like one JSON array, but framing reads JSON Lines: one object "
                     "per line" if not rows and not yielded and line.lstrip().startswith("[")
                     else "")
            try:
                obj = json.loads(line)
            except json.JSONDecodeError as e:
                raise CorpusError(f"{path}, line {lineno}: invalid JSON: {e.msg}{array}") from None
            except RecursionError:
                raise CorpusError(f"{path}, line {lineno}: invalid JSON: arrays or objects "
                                  "nested too deeply") from None
            except ValueError:  # an integer of more than 4,300 digits
                raise CorpusError(f"{path}, line {lineno}: invalid JSON: a number with too many "
                                  "digits (more than 4,300)") from None
            if _SURROGATE_ESCAPE.search(line) and \
                    _surrogate(line := json.dumps(obj, ensure_ascii=False)) >= 0:
                # a lone surrogate escape ("\\ud800"): not valid Unicode, no UTF-8 output can
                # hold it
                obj = json.loads(_SURROGATE.sub("\ufffd", line))
                if not surrogates:
                    warnings.warn(f"{path}, line {lineno}: a lone surrogate escape (not valid "
                                  "Unicode) is replaced by U+FFFD, the replacement character",
                                  stacklevel=4)
                surrogates.append(lineno)
            if not isinstance(obj, dict):
                kind = {list: "an array", str: "a string", bool: "true/false", int: "a number",
                        float: "a number", type(None): "null"}.get(type(obj), type(obj).__name__)
                raise CorpusError(f"{path}, line {lineno}: expected a JSON object {{...}}, got "
                                  f"{kind}{array}")
            rows.append(obj)
            lines.append(lineno)
            if len(rows) >= chunksize:
                yield chunk()
                yielded = True
                rows, lines = [], []
    if rows or not yielded:
        yield chunk()


# ---- Parquet

def _iter_parquet(path: Path, chunksize: int) -> Iterator[_Raw]:
    try:
        import pyarrow as pa
        import pyarrow.parquet as pq
    except ImportError:
        raise FramingError("reading Parquet needs pyarrow: pip install 'framing[parquet]'") from None

    def unreadable(e) -> CorpusError:
        return CorpusError(f"{path}: not a readable Parquet file ({one_line(e)})")

    try:
        pf = pq.ParquetFile(path)
        schema = pf.schema_arrow
    except (pa.ArrowException, OSError) as e:
        raise unreadable(e) from None
    offset = 0
    try:
        for batch in pf.iter_batches(batch_size=chunksize):
            if not batch.num_rows:
                continue
            # integer columns with nulls stay integers (no 1.0, no lost digits)
            df = batch.to_pandas(integer_object_nulls=True)
            df.index = range(offset, offset + len(df))
            yield _Raw(df, lambda i, off=offset: f"{path}, row {off + i}")
            offset += len(df)
    except (pa.ArrowException, OSError) as e:
        raise unreadable(e) from None
    if not offset:
        yield _Raw(schema.empty_table().to_pandas(), lambda i: f"{path}, row {i}")


# ---- folders

def _read_bytes(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError as e:
        raise CorpusError(f"{path}: cannot read the file: {e.strerror or one_line(e)}") from None


def _open_binary(path: Path):
    try:
        return open(path, "rb")
    except OSError as e:
        raise CorpusError(f"{path}: cannot read the file: {e.strerror or one_line(e)}") from None


def _framing_manifest(folder: Path) -> dict | None:
    """The JSON of ``folder/manifest.json`` if framing wrote it (``"tool": "framing"``)."""
    m = folder / _MANIFEST
    try:
        if not m.is_file():
            return None
        obj = json.loads(m.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return obj if isinstance(obj, dict) and obj.get("tool") == "framing" else None


def _manifest_outputs(folder: Path, manifest: dict) -> set[str]:
    """Names of the files framing wrote into ``folder`` itself (outputs beside documents)."""
    names = {_MANIFEST.lower(), "report.html", "figures"}
    for key in ("files", "outputs"):
        listed = manifest.get(key)
        if isinstance(listed, list):
            names.update(str(x).replace("\\", "/").split("/")[0].lower() for x in listed)
    names.update(p.name.lower() for p in folder.iterdir() if p.suffix.lower() == ".csv")
    names.discard("metadata.csv")
    return names


def _lexical(p: Path) -> Path:
    """``p`` absolute with its folders' links resolved but not its own name's."""
    p = p.absolute()
    return Path(os.path.realpath(p.parent)) / p.name


def _excluded_paths(exclude, folder: Path) -> list[Path]:
    out = []
    for e in exclude or ():
        p = Path(e)
        # a relative path: relative to the corpus folder, and to the current directory
        for q in ((p,) if p.is_absolute() else (folder / p, p)):
            out += [_lexical(q), q.resolve()]
    return out


def _under(p: Path, roots) -> bool:
    return any(p == r or p.is_relative_to(r) for r in roots)


def _is_excluded(p: Path, excluded) -> bool:
    return bool(excluded) and (_under(_lexical(p), excluded) or _under(p.resolve(), excluded))


def _is_junk(name: str) -> bool:
    return name.startswith(".") or name.lower() in _JUNK_NAMES or name == "__MACOSX"


def _read_folder(path: Path, encoding: str, *, allow_outside: bool = False, exclude=(),
                 max_chars: int | None = MAX_CHARS, chunksize: int | None = None
                 ) -> Iterator[_Raw]:
    """The documents of a folder (its metadata.csv rows, else its files), in frames of
    ``chunksize`` documents (one frame when None): only one frame's texts are in
    memory at a time."""
    root = path.resolve()
    excluded = _excluded_paths(exclude, path)
    meta_path = path / "metadata.csv"
    root_manifest = _framing_manifest(path)
    written = _manifest_outputs(path, root_manifest) if root_manifest else set()
    if root_manifest:
        warnings.warn(f"{path}: holds framing's own output (manifest.json); the files it wrote "
                      "there are not read as documents. Write the output to another folder",
                      stacklevel=4)
    entries = sorted(p for p in path.iterdir() if not _is_junk(p.name)
                     and p.name.lower() not in written and not _is_excluded(p, excluded))
    files = [p for p in entries if not p.is_dir()]
    output_dirs: dict[Path, bool] = {}

    def in_output_folder(res: Path) -> Path | None:
        for parent in res.parents:
            if parent == root:
                return None
            if parent not in output_dirs:
                output_dirs[parent] = _framing_manifest(parent) is not None
            if output_dirs[parent]:
                return parent
        return None

    if meta_path.exists():
        raw = _read_csv_file(meta_path, encoding)
        meta, meta_where = raw.frame, raw.where
        if "file" not in meta.columns:
            if len(meta.columns) == 0:
                meta = pd.DataFrame({"file": pd.Series([], dtype=object)})
            else:
                raise CorpusError(
                    f"{meta_path}: needs a 'file' column naming each document's file; columns "
                    "found: " + ", ".join(meta.columns)
                )
        names = meta["file"].tolist()
        for i, name in enumerate(names):
            if _blank_file(name) and _not_collected(meta, i) is None:
                raise CorpusError(f"{meta_where(i)}: blank 'file' cell; name the document's "
                                  "file, or remove the line")
        n_meta = len(names)
        listed = set(names)
        extra = [p.name for p in files if p.suffix.lower() in _FOLDER_SUFFIXES
                 and p.name not in listed]
        if extra:
            warnings.warn(f"{path}: {len(extra)} file(s) not in metadata.csv are loaded without "
                          f"metadata: {', '.join(extra[:5])}", stacklevel=4)
            meta = pd.concat([meta, pd.DataFrame({"file": extra})], ignore_index=True)
            names = names + extra
    else:
        n_meta = 0
        meta_where = None
        names = [p.name for p in files]
        meta = pd.DataFrame({"file": pd.Series(names, dtype=object)})
        subdirs = [p.name for p in entries if p.is_dir() and _framing_manifest(p) is None]
        if subdirs:
            warnings.warn(
                f"{path}: {len(subdirs)} sub-folder(s) not read: {', '.join(subdirs[:5])}. The "
                "folder reader does not look into sub-folders; list their files in a "
                "metadata.csv ('sub/name.txt') to read them", stacklevel=4)

    def where(i: int) -> str:
        return meta_where(i) if i < n_meta else str(path / names[i])

    step = max(1, chunksize or len(names) or 1)
    for lo in range(0, max(len(names), 1), step):
        hi = min(lo + step, len(names))
        yield _Raw(_folder_block(path, root, meta.iloc[lo:hi], names, lo, hi, n_meta, where,
                                 encoding, max_chars, allow_outside, excluded, written,
                                 in_output_folder),
                   lambda i, lo=lo: where(lo + i))


def _folder_block(path: Path, root: Path, meta: pd.DataFrame, names: list, lo: int, hi: int,
                  n_meta: int, where, encoding: str, max_chars: int | None,
                  allow_outside: bool, excluded, written: set, in_output_folder) -> pd.DataFrame:
    """Rows ``lo:hi`` of a folder's documents (``meta``: their metadata rows)."""
    texts, statuses, ids, metas = [], [], [], []
    records: dict[int, dict] = {}  # row (in the block) -> fields of a .json document
    for i in range(lo, hi):
        name = names[i]
        if i < n_meta and _blank_file(name):  # a URL that 'framing collect' could not save
            metas.append({})
            texts.append("")
            statuses.append(_not_collected(meta, i - lo))
            ids.append(f"row{i + 1}")
            continue
        fp = path / name
        if "\\" in name and os.sep == "/" and not fp.exists():
            fp = path / name.replace("\\", "/")  # written on Windows: sub\a.txt
            name = fp.relative_to(path).as_posix()
        res = fp.resolve()
        text, status, doc_id = "", "ok", Path(name).stem
        found: dict = {}
        if not allow_outside and not res.is_relative_to(root):
            what = (f"{name!r} is a link to a file outside the corpus folder" if fp.is_symlink()
                    else f"{name!r} is outside the corpus folder")
            raise CorpusError(f"{where(i)}: {what} {path} (it resolves to "
                              f"{res}); {OUTSIDE_HINT}")
        suffix = fp.suffix.lower()
        out_dir = in_output_folder(res)
        if _is_excluded(fp, excluded):
            status = "skipped: excluded"
        elif out_dir is not None or (fp.parent.resolve() == root and name.lower() in written):
            status = (f"skipped: inside a framing output folder "
                      f"({os.path.relpath(out_dir or root, root)})")
        elif res.is_dir():
            status = "not a file: a folder"
        elif not fp.exists():
            status = "missing file"
        elif not res.is_file():  # a pipe or a device: reading it would block or never end
            status = "not a file: a pipe, device or socket"
        elif suffix in _BINARY_SUFFIXES or (i >= n_meta and suffix not in _FOLDER_SUFFIXES):
            status = (f"skipped: unsupported file type {suffix!r}" if suffix else
                      "skipped: unsupported file type (no extension)")
            doc_id = fp.name
        elif suffix == ".json":
            text, status, record = _read_json_record(fp, encoding, max_chars)
            records[i - lo] = record
        else:
            text, status = _read_document(fp, encoding, max_chars, html=suffix in _HTML_SUFFIXES,
                                          meta=found)
        metas.append(found)
        texts.append(text)
        statuses.append(status)
        ids.append(doc_id)
    if "text" in meta.columns:  # a text column in metadata.csv is metadata: kept renamed
        meta = meta.rename(columns={"text": _free_name(meta.columns, "text")})
    else:
        meta = meta.copy()
    meta["text"] = pd.Series(texts, index=meta.index, dtype=object)
    if records:
        meta = _with_records(meta, records)
    meta[_STATUS] = pd.Series(statuses, index=meta.index, dtype=object)
    meta[_DEFAULT_ID] = pd.Series(ids, index=meta.index, dtype=object)
    for key, col in _HTML_META.items():
        if any(key in m for m in metas):
            meta[col] = pd.Series([m.get(key) for m in metas], index=meta.index, dtype=object)
    return meta


# Statuses of metadata.csv rows that 'framing collect' wrote for a URL whose page it did
# not save (framing.collect.STATUSES less "fetched"): such a row has a blank 'file' cell.
_COLLECT_FAILURES = frozenset({"http_error", "timeout", "disallowed", "no_text", "invalid_url",
                               "error"})


def _blank_file(name) -> bool:
    return not isinstance(name, str) or not name.strip()


def _not_collected(meta: pd.DataFrame, i: int) -> str | None:
    """``"not collected: http_error (HTTP 404)"`` for row ``i`` of a metadata.csv that
    'framing collect' wrote for a URL it could not save, else None."""
    if "status" not in meta.columns:
        return None
    st = meta["status"].iloc[i]
    if not isinstance(st, str) or st.strip() not in _COLLECT_FAILURES:
        return None
    code = meta["http_status"].iloc[i] if "http_status" in meta.columns else None
    code = None if _missing(code) else (_number_text(code) or str(code).strip() or None)
    return f"not collected: {st.strip()}" + (f" (HTTP {code})" if code else "")


def _read_json_record(fp: Path, encoding: str, max_chars: int | None) -> tuple[str, str, dict]:
    """A .json file of a folder holding one JSON object (a news-please or trafilatura
    export): (text, status, other fields); never raises for one bad file.

    The text is the first field with a value among ``text`` and its export names
    (``maintext``), matched case-insensitively; the field is not kept among the others."""
    # the file holds metadata besides the text: twice the text's limit
    raw, status = _read_document(fp, encoding, None if max_chars is None else 2 * max_chars,
                                 html=False)
    if status != "ok":
        return "", status, {}
    try:
        obj = json.loads(raw)
    except json.JSONDecodeError as e:
        return "", f"unreadable: invalid JSON (line {e.lineno}: {e.msg})", {}
    if not isinstance(obj, dict):
        return "", (f"skipped: a JSON {type(obj).__name__}, not one object (load a file of "
                    "records with one object per line, JSON Lines)"), {}
    keys = {str(k).lower(): k for k in reversed(list(obj))}
    text, used = "", None
    for name in ("text", *_ALIASES["text"]):
        k = keys.get(name)
        if k is not None and isinstance(obj[k], str) and obj[k].strip():
            text, used = obj[k], k
            break
    if max_chars is not None and len(text) > max_chars:
        return "", f"too long: {len(text):,} characters (limit {max_chars:,})", {}
    fields = {str(k): v for k, v in obj.items() if k != used and str(k).lower() != "text"}
    return text, "ok", fields


def _with_records(meta: pd.DataFrame, records: dict[int, dict]) -> pd.DataFrame:
    """``meta`` with the fields of the folder's .json documents as columns: a field becomes
    a column, or fills the blank cells of a metadata.csv column of the same name (a
    metadata.csv value wins); fields named like the reader's own columns are renamed."""
    meta = meta.copy()
    own = {"file", "text", *_PRIVATE}
    rows = list(meta.index)
    for key in dict.fromkeys(k for r in records.values() for k in r):
        values = pd.Series([records.get(i, {}).get(key) for i in range(len(rows))],
                           index=meta.index, dtype=object)
        col = _free_name(meta.columns, key) if key in own else key
        if col in meta.columns:
            blank = meta[col].map(lambda v: _missing(v) or (isinstance(v, str) and not v.strip()))
            meta[col] = meta[col].astype(object).where(~blank, values)
        else:
            meta[col] = values
    return meta


def _read_document(fp: Path, encoding: str, max_chars: int | None, *, html: bool,
                   meta: dict | None = None) -> tuple[str, str]:
    """One .txt or .html file as (text, status); never raises for one bad file.

    ``meta``: a dict that receives the title, date and outlet found in an HTML page.
    """
    try:
        size = fp.stat().st_size
        # no encoding spends more than 4 bytes on a character: surely too long, left unread
        if max_chars is not None and size > 4 * max_chars:
            return "", f"too long: {size:,} bytes (limit {max_chars:,} characters)"
        data = fp.read_bytes()
    except OSError as e:
        return "", f"unreadable: {e.strerror or one_line(e)}"
    text, status = _decode(data, encoding, str(fp))
    if status != "ok":
        return "", status
    if max_chars is not None and len(text) > max_chars:
        return "", f"too long: {len(text):,} characters (limit {max_chars:,})"
    if html:
        try:
            text, found = _extract_html(text)
            text = text or ""
            if meta is not None:
                meta.update(found or {})
        except Exception as e:  # one page the extractor cannot handle must not stop a corpus
            return "", f"no article text extracted ({type(e).__name__}: {one_line(e)})"
        if not text:
            return "", "no article text extracted"
    return text, "ok"


def _detect_format(path: Path) -> str:
    if path.is_dir():
        return "folder"
    suf = "".join(path.suffixes[-2:]).lower() if path.suffix.lower() == ".gz" else path.suffix.lower()
    table = {".csv": "csv", ".tsv": "csv", ".jsonl": "jsonl", ".ndjson": "jsonl", ".json": "jsonl",
             ".parquet": "parquet", ".pq": "parquet", ".txt": "txt", ".html": "html", ".htm": "html"}
    if suf not in table and path.suffix.lower() in _PACKED_SUFFIXES and path.is_file():
        inner = table.get(Path(path.stem).suffix.lower(), "csv")
        _check_not_packed(path, inner)
    if suf not in table and path.suffix.lower() in _BINARY_SUFFIXES:
        raise CorpusError(f"{path}: {path.suffix.lower()} files are not read; save or export it "
                          "as .csv (UTF-8), .jsonl, .parquet, .txt or .html")
    if suf not in table:
        raise CorpusError(f"{path}: cannot tell the format from the extension {suf!r}; pass "
                          f"format= (Python) or --input-format (CLI), one of "
                          f"{', '.join(_FORMATS)}")
    return table[suf]


def _read_raw(source, fmt: str, encoding: str, chunksize: int | None, *,
              allow_outside: bool = False, exclude=(),
              max_chars: int | None = MAX_CHARS) -> Iterator[_Raw]:
    """Frames of the source, at least one (empty if the source has no documents)."""
    path = Path(source)
    if fmt == "folder":
        if not path.is_dir():
            raise CorpusError(f"{path}: not a folder (format='folder')")
        yield from _read_folder(path, encoding, allow_outside=allow_outside, exclude=exclude,
                                max_chars=max_chars, chunksize=chunksize)
    elif fmt == "csv":
        sep = "\t" if path.suffix.lower() == ".tsv" else ","
        if chunksize:
            yield from _iter_csv(path, encoding, chunksize, sep)
        else:
            yield _read_csv_file(path, encoding, sep=sep)
    elif fmt == "jsonl":
        one = _one_json_object(path, encoding)
        if one is not None:  # a .json file of one (pretty-printed) object: news-please
            yield _Raw(pd.DataFrame([{**one, _DEFAULT_ID: path.stem}]), lambda i: str(path))
        else:
            yield from _iter_jsonl(path, encoding, chunksize or 10**9)
    elif fmt == "parquet":
        yield from _iter_parquet(path, chunksize or 65536)
    elif fmt in ("txt", "html"):
        if not path.is_file():
            raise CorpusError(f"{path}: not a file (format={fmt!r})")
        found: dict = {}
        text, status = _read_document(path, encoding, max_chars, html=fmt == "html", meta=found)
        yield _Raw(pd.DataFrame({_DEFAULT_ID: [path.stem], "text": [text], _STATUS: [status],
                                 **{_HTML_META[k]: [v] for k, v in found.items()}}),
                   lambda i: str(path))


def _concat(raws: list[_Raw]) -> _Raw:
    """One frame of several chunks, ``where`` still naming each row's place."""
    if len(raws) == 1:
        return raws[0]
    starts, frames, n = [], [], 0
    for r in raws:
        starts.append(n)
        frames.append(r.frame)
        n += len(r.frame)

    def where(i: int) -> str:
        k = bisect.bisect_right(starts, i) - 1
        return raws[k].where(i - starts[k])
    return _Raw(pd.concat(frames, ignore_index=True), where)


def _check_options(encoding: str, max_chars, exclude) -> tuple:
    try:
        if not getattr(codecs.lookup(encoding), "_is_text_encoding", True):
            raise LookupError(encoding)  # rot13, base64, zip: not text encodings
    except (LookupError, TypeError):
        raise FramingError(f"encoding={encoding!r} is not a known text encoding; e.g. 'utf-8', "
                           "'latin-1', 'cp1252'") from None
    if max_chars is not None and (isinstance(max_chars, bool) or not isinstance(
            max_chars, numbers.Integral) or max_chars < 1):
        raise FramingError(f"max_chars must be a positive whole number of characters or None "
                           f"(no limit), got {max_chars!r}")
    if exclude is None:
        exclude = ()
    elif isinstance(exclude, (str, bytes, os.PathLike)):
        raise FramingError(f"exclude must be a list of paths, got a single path; wrap it in a "
                           f"list: exclude=[{exclude!r}]")
    else:
        try:
            exclude = [os.fspath(e) for e in exclude]
        except TypeError:
            raise FramingError("exclude must be a list of paths (str or pathlib.Path)") from None
    return (None if max_chars is None else int(max_chars)), exclude


def _empty_corpus(source: str, **kw) -> pd.DataFrame:
    return _finish(pd.DataFrame(), source=source, **kw)


def iter_corpus(source, *, format: str | None = None, chunksize: int = 10000, clean: bool = True,
                encoding: str = "utf-8", max_chars: int | None = MAX_CHARS,
                allow_outside: bool = False, exclude=None, **columns: str
                ) -> Iterator[pd.DataFrame]:
    """Read a large corpus in chunks of ``chunksize`` documents (memory bounded).

    Takes the same arguments as :func:`load_corpus` (``max_chars``,
    ``allow_outside``, ``exclude`` included); yields corpus DataFrames.
    CSV, JSON Lines and Parquet files and folders (``chunksize`` of their files at a
    time, in the order of metadata.csv) are streamed.

    Parameters
    ----------
    chunksize : int, default 10000
        Documents per chunk.
    max_chars : int or None, default 5_000_000
        Longest document read; a longer one is kept with the status ``"too long:
        ..."`` and no body (see :func:`load_corpus`). None: no limit.
    allow_outside : bool, default False
        Folders only: read files outside the corpus folder that ``metadata.csv``
        names or a symbolic link points to (see :func:`load_corpus`).
    exclude : iterable of paths, optional
        Folders only: files or sub-folders not to read (see :func:`load_corpus`).

    Yields
    ------
    DataFrame
        Corpus chunks as :func:`load_corpus` returns them. Generated ids
        (``doc000000`` ...) go on numbering across chunks, and duplicate
        ``doc_id`` values are detected across chunks (the error names the line).
        A source without documents yields exactly one empty corpus frame (with
        the standard columns and any columns of the source) and warns, so a
        consumer always sees the columns.
    """
    if isinstance(chunksize, bool) or not isinstance(chunksize, numbers.Integral) \
            or chunksize < 1:
        raise FramingError(f"chunksize must be a whole number >= 1, got {chunksize!r}")
    if not isinstance(source, (str, os.PathLike)):
        raise FramingError(f"iter_corpus reads a file or a folder (a path), got "
                           f"{type(source).__name__}" + ("; a DataFrame is read whole by "
                                                         "load_corpus" if isinstance(
                                                             source, pd.DataFrame) else ""))
    mapping = _check_mapping(columns)
    max_chars, exclude = _check_options(encoding, max_chars, exclude)
    fmt = _resolve_format(source, format, encoding)
    label = str(source)
    kw = dict(clean=clean, on_error="report", encoding=encoding, max_chars=max_chars)
    seen: set[str] = set()
    had: set = set()
    raw_had: set = set()
    n = 0
    empty = None
    decided = False
    date_problems: list = []
    for raw in _read_raw(source, fmt, encoding, chunksize, allow_outside=allow_outside,
                         exclude=exclude, max_chars=max_chars):
        chunk = raw.frame
        if not decided and len(chunk):
            # export column names: decided on the first chunk with documents, kept after
            decided = True
            auto = _auto_mapping(chunk, mapping)
            if auto:
                warnings.warn(_mapped_message(label, auto), stacklevel=2)
                mapping = {**mapping, **auto}
            no_outlet = None if "outlet" in mapping or not _has_columns(source, fmt) \
                else _no_outlet_message(label, chunk)
            if no_outlet:
                warnings.warn(no_outlet, stacklevel=2)
        if len(chunk) and n:
            # JSON Lines: keys mapped earlier but absent from every row of this chunk
            absent = {c: None for c in mapping.values() if c in raw_had and c not in chunk.columns}
            if absent:
                chunk = chunk.assign(**absent)
        if len(chunk):
            raw_had.update(chunk.columns)
        chunk = _apply_mapping(chunk, mapping, label)
        if len(chunk) and n:
            # JSON Lines: a chunk whose rows all lack a key lacks the column
            for col in ("doc_id", "text"):
                if col in had and col not in chunk.columns:
                    chunk = chunk.assign(**{col: None})
            if "doc_id" in chunk.columns and "doc_id" not in had:
                raise CorpusError(f"{raw.where(0)}: has a doc_id but the {n} document(s) before "
                                  "it have none; give every document an id, or none")
        if len(chunk):
            had.update(chunk.columns)
        out = _finish(chunk, source=label, where=raw.where, id_start=n,
                      date_problems=date_problems, **kw)
        if not len(out):
            if empty is None:
                empty = out
            continue
        ids = out["doc_id"]
        dup = seen.intersection(ids)
        if dup:
            i, d = next((i, d) for i, d in enumerate(ids) if d in dup)
            raise CorpusError(f"{raw.where(i)}: duplicate doc_id {d!r}, already used earlier in "
                              "the file; every document needs a unique doc_id")
        seen.update(ids)
        n += len(out)
        yield out
    if date_problems:
        failed = sum(p[0] for p in date_problems)
        _, _, example, at = date_problems[0]
        warnings.warn(_date_message(label, failed, n, example, at), stacklevel=2)
    if not n:
        warnings.warn(f"{label}: no documents", stacklevel=2)
        yield empty if empty is not None else _empty_corpus(label, **kw)


def _check_mapping(columns: Mapping[str, str]) -> dict[str, str]:
    for key in columns:
        if key not in _MAPPABLE:
            raise FramingError(
                f"unknown keyword {key!r}; map corpus columns with one of "
                f"{', '.join(_MAPPABLE)} (e.g. text='body'){did_you_mean(key, _MAPPABLE)}"
            )
    seen: dict = {}
    for key, col in columns.items():
        if col in seen:
            raise FramingError(f"column {col!r} is given twice, as {seen[col]} and as {key} "
                               f"(--{seen[col].replace('_', '-')}-column, "
                               f"--{key.replace('_', '-')}-column); a column can hold one kind "
                               "of field")
        seen[col] = key
    return dict(columns)


# the first bytes of compressed files and archives (never those of a text file)
_PACKED = ((b"\x1f\x8b", "gzip-compressed", "gunzip -k"),
           (b"\xfd7zXZ\x00", "xz-compressed", "unxz -k"),
           (b"(\xb5/\xfd", "zstd-compressed", "unzstd"),
           (b"7z\xbc\xaf\x27\x1c", "a 7-Zip archive", "7z x"),
           (b"PK\x03\x04", "a ZIP archive (an .xlsx or .docx is one too)",
            "save a spreadsheet as CSV UTF-8, or unzip"))
_PACKED_SUFFIXES = {".gz": "gzip", ".bz2": "bzip2", ".xz": "xz", ".zst": "zstd", ".zip": "ZIP",
                    ".7z": "7-Zip"}


def _check_not_packed(path: Path, fmt: str, encoding: str | None = None) -> None:
    """Refuse a compressed file or an archive, or a file named so that is not one, with
    what to do about it (the readers take plain text: bytes of a gzip file would only
    give an 'undecodable' error or the wrong format)."""
    if fmt in ("folder", "parquet") or not path.is_file():
        return
    try:
        with open(path, "rb") as fh:
            head = fh.read(4096)
    except OSError:
        return  # the reader says why it cannot read it
    suffix = path.suffix.lower()
    if encoding is not None:
        for bom, name in ((codecs.BOM_UTF32_LE, "UTF-32"), (codecs.BOM_UTF32_BE, "UTF-32"),
                          (codecs.BOM_UTF16_LE, "UTF-16"), (codecs.BOM_UTF16_BE, "UTF-16")):
            if head.startswith(bom):
                if not codecs.lookup(encoding).name.startswith(name.lower()):
                    raise CorpusError(f"{path}: {name} text (it starts with a {name} byte order "
                                      f"mark), not {encoding}; use --encoding {name.lower()} "
                                      f"(CLI) or encoding='{name.lower()}' (Python)")
                break
    for magic, what, tool in _PACKED:
        if head.startswith(magic):
            raise CorpusError(f"{path}: {what}, not a plain {fmt} file; framing reads "
                              f"uncompressed files: unpack it first ({tool} {path.name})")
    if suffix == ".bz2" and head.startswith(b"BZh"):
        raise CorpusError(f"{path}: bzip2-compressed, not a plain {fmt} file; framing reads "
                          f"uncompressed files: unpack it first (bunzip2 -k {path.name})")
    nul = head.find(b"\x00")
    if nul >= 0 and fmt != "html" and encoding is not None and "\n".encode(encoding) == b"\n":
        line = head[:nul].count(b"\n") + 1
        raise CorpusError(f"{path}, line {line}: a NUL byte (binary data, not {fmt} text; "
                          "UTF-16 without a byte order mark? then --encoding utf-16-le)")
    if suffix in _PACKED_SUFFIXES:
        raise CorpusError(f"{path}: named {suffix} but not {_PACKED_SUFFIXES[suffix]}-"
                          f"compressed; if it is a plain {fmt} file, rename it to "
                          f"{path.stem}")


def _resolve_format(source, format: str | None, encoding: str | None = None) -> str:
    fmt = _resolve_format1(source, format)
    _check_not_packed(Path(source), fmt, encoding)
    return fmt


def _resolve_format1(source, format: str | None) -> str:
    if format is not None:
        if format not in _FORMATS:
            raise FramingError(f"format={format!r} is not valid; choose one of "
                               f"{', '.join(_FORMATS)}{did_you_mean(format, _FORMATS)}")
        if not Path(source).exists():
            raise CorpusError(f"{source}: no such file or folder")
        if format != "folder" and Path(source).is_dir():
            raise CorpusError(f"{source}: is a folder, not a file (format={format!r}); leave out "
                              "format= to read a folder of documents")
        if format != "folder" and not Path(source).is_file():
            raise CorpusError(f"{source}: not a regular file (a device or a pipe); framing reads "
                              "files and folders")
        return format
    path = Path(source)
    if not path.exists():
        raise CorpusError(f"{source}: no such file or folder")
    if not path.is_dir() and not path.is_file():
        raise CorpusError(f"{source}: not a regular file (a device or a pipe); framing reads "
                          "files and folders")
    return _detect_format(path)


def load_corpus(source, *, format: str | None = None, clean: bool = True, encoding: str = "utf-8",
                on_error: str = "report", max_chars: int | None = MAX_CHARS,
                allow_outside: bool = False, exclude=None, **columns: str) -> pd.DataFrame:
    """Load a corpus from files or a DataFrame.

    Parameters
    ----------
    source : str, path or DataFrame
        A folder of ``.txt``/``.html`` files with a ``metadata.csv`` (column
        ``file`` names each document's file; doc_id defaults to the file stem), a
        ``.csv``/``.tsv``, ``.jsonl``, ``.parquet``, single ``.txt``/``.html``
        file, or a DataFrame. See Notes for how a folder is read.
    format : str, optional
        Force a format: "folder", "csv", "jsonl", "parquet", "txt", "html".
    clean : bool, default True
        Add the cleaned text as ``body`` (:func:`clean_text`); if False, ``body``
        is a copy of ``text``.
    encoding : str, default "utf-8"
        Text encoding of the files (``--encoding`` on the command line). Also
        decodes a Parquet text column stored as binary.
    on_error : {"report", "raise"}, default "report"
        What to do with documents that have no usable text (undecodable bytes,
        empty, missing file, not text, too long, skipped file): keep them with a
        ``status`` and warn, or raise.
    max_chars : int or None, default 5_000_000
        Longest document read, in characters of the text as read (before HTML
        extraction and cleaning). A longer document is kept with the status
        ``"too long: N characters (limit M)"`` and an empty ``text`` and
        ``body``, so one pathological document cannot stall the corpus. None:
        no limit.
    allow_outside : bool, default False
        Folders only: read files that ``metadata.csv`` names outside the corpus
        folder (``../x.txt``, an absolute path) or that a symbolic link in the
        folder points to outside it. By default these raise ``CorpusError``
        (``--allow-outside`` on the command line).
    exclude : iterable of paths, optional
        Folders only: files or sub-folders not to read. A relative path is taken
        relative to the corpus folder and to the current directory. Files
        ``metadata.csv`` lists that are excluded are kept with the status
        ``"skipped: excluded"``; others are left out.
    **columns : str
        Map the source's columns to the standard ones, e.g. ``text="body"``,
        ``outlet="media_name"``, ``doc_id="stories_id"``, ``date="publish_date"``.
        A source column already holding a standard name is kept renamed
        ``source_<name>`` (e.g. ``source_outlet``).

    Returns
    -------
    DataFrame
        ``doc_id, outlet, date, event, title, url, text, body, status`` and any
        other columns of the source. ``doc_id`` is always a non-blank string
        (integer ids read as ``"1"``, never ``"1.0"``); ``outlet`` is always a
        string, ``"(unknown)"`` where the source has none. Text and metadata
        strings are in Unicode NFC, so offsets into ``body`` do not depend on
        how the source composed accents. A source column named ``status`` or
        ``body`` (e.g. a CMS's published/draft) is kept as ``source_status`` /
        ``source_body``; ``status`` is always the toolkit's own. A source
        without documents gives an empty corpus with these columns (and a
        warning).

    Raises
    ------
    CorpusError
        No text column (the message lists the columns found); a blank or
        duplicate ``doc_id`` (naming the file and line, or the DataFrame row);
        malformed CSV/JSON or bytes that are not in ``encoding`` in a CSV or
        JSON Lines file (with the line); an unreadable or corrupt file; in a
        folder, a file outside the folder without ``allow_outside=True``, or
        two files with the same stem (naming both).

    Notes
    -----
    ``status`` is ``"ok"`` or says why a document has no text: ``"empty"``,
    ``"empty after cleaning"``, ``"missing file"``, ``"undecodable: ..."``,
    ``"not text: list"`` (a JSON list, number, object or boolean, a Parquet
    integer column, a Python object), ``"too long: ..."``, ``"no article text
    extracted"``, ``"skipped: ..."``, ``"not a file: a folder"``,
    ``"unreadable: ..."``. Such documents are kept, with an empty ``body``.

    A folder is read without looking into sub-folders (a warning names those
    not read; ``metadata.csv`` can list ``sub/name.txt``). Without
    ``metadata.csv``, ``.txt`` and ``.html``/``.htm`` files are documents;
    every other file gets a row with the status ``"skipped: unsupported file
    type '.pdf'"`` and its whole name as ``doc_id``; hidden files (``.*``),
    ``Thumbs.db`` and ``desktop.ini`` are left out. ``metadata.csv`` may list
    other text files (``.md``: read as plain text) but binary types (``.pdf``,
    ``.docx``, ...) are skipped the same way. A sub-folder holding a
    ``manifest.json`` with ``"tool": "framing"`` is an output folder of this
    toolkit and is never read (listed files in it are kept with the status
    ``"skipped: inside a framing output folder ..."``); if the corpus folder
    itself holds that marker, the files it names, ``report.html`` and the CSV
    files beside it are left out. Blank ids are an error rather than replaced
    by generated ones, so that ids stay stable between runs.

    Examples
    --------
    >>> df = pd.DataFrame({"id": ["a", "b"], "media_name": ["X", "Y"],
    ...                    "content": ["Troops crossed the border.", ""]})
    >>> c = load_corpus(df, doc_id="id", outlet="media_name", text="content")  # doctest: +SKIP
    >>> list(c["status"])  # doctest: +SKIP
    ['ok', 'empty']
    """
    if on_error not in ("report", "raise"):
        raise FramingError(f"on_error={on_error!r} is not valid; choose 'report' or 'raise'")
    mapping = _check_mapping(columns)
    max_chars, exclude = _check_options(encoding, max_chars, exclude)
    kw = dict(clean=clean, on_error=on_error, encoding=encoding, max_chars=max_chars)
    if isinstance(source, pd.DataFrame):
        if isinstance(source.columns, pd.MultiIndex):
            raise CorpusError("DataFrame: its columns have several levels (a MultiIndex); "
                              "flatten them first, e.g. df.columns = ['_'.join(map(str, c)) "
                              "for c in df.columns]")
        auto = _auto_mapping(source, mapping)
        if auto:
            warnings.warn(_mapped_message("DataFrame", auto), stacklevel=2)
        df = _apply_mapping(source, {**mapping, **auto}, "DataFrame")
        no_outlet = _no_outlet_message("DataFrame", df)
        if no_outlet:
            warnings.warn(no_outlet, stacklevel=2)
        out = _finish(df, source="DataFrame", where=_frame_where(df, "DataFrame"), **kw)
    elif not isinstance(source, (str, os.PathLike)):
        raise FramingError(f"source must be a path or a DataFrame, got {type(source).__name__}")
    else:
        fmt = _resolve_format(source, format, encoding)
        label = str(source)
        raws = list(_read_raw(source, fmt, encoding, None, allow_outside=allow_outside,
                              exclude=exclude, max_chars=max_chars))
        first = next((r.frame for r in raws if len(r.frame)), None)
        if first is not None:
            auto = _auto_mapping(first, mapping)
            if auto:
                warnings.warn(_mapped_message(label, auto), stacklevel=2)
                mapping = {**mapping, **auto}
        raws = [_Raw(_apply_mapping(r.frame, mapping, label), r.where) for r in raws]
        raw = _concat(raws) if raws else _Raw(pd.DataFrame(), lambda i: label)
        no_outlet = _no_outlet_message(label, raw.frame) if _has_columns(source, fmt) else None
        if no_outlet:
            warnings.warn(no_outlet, stacklevel=2)
        out = _finish(raw.frame, source=label, where=raw.where, **kw)
    if not len(out):
        warnings.warn(f"{source if not isinstance(source, pd.DataFrame) else 'DataFrame'}: "
                      "no documents", stacklevel=2)
    return out


def sample_corpus_path() -> Path:
    """Folder of the bundled sample corpus (five articles and metadata.csv)."""
    return Path(str(resources.files("framing.data.sample")))


def load_sample_corpus(*, clean: bool = True) -> pd.DataFrame:
    """The bundled sample corpus: five articles on the Armenia–Azerbaijan conflict.

    Georgia Today, the World Socialist Web Site, a WordPress blog, The Jerusalem
    Post and TRT World, on the 2020 Tavush/Tovuz clashes, the outbreak of the 2020
    war and the 2022 border clashes.

    Returns
    -------
    DataFrame
        See :func:`load_corpus`; ``doc_id`` is the file stem.

    Examples
    --------
    >>> c = load_sample_corpus()
    >>> len(c), sorted(c["status"].unique())
    (5, ['ok'])
    """
    return load_corpus(sample_corpus_path(), clean=clean)
