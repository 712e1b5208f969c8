"""Loading corpora and cleaning article text.

A corpus is a pandas DataFrame with one row per document and the columns
``doc_id, outlet, date, event, title, url, text, body, status`` plus any other
metadata columns of the source. ``text`` is the text as read; ``body`` is the
cleaned article text that every analysis uses (offsets in hits, attributions and
agency tables refer to ``body``); ``status`` is ``"ok"`` or says why a document
has no usable text (``"empty"``, ``"undecodable: ..."``, ``"missing file"``,
``"no article text extracted"``). Documents with a problem stay in the corpus and
in every per-document output: nothing is dropped silently.
"""
from __future__ import annotations

import io
import json
import os
import re
import warnings
from collections.abc import Iterator, Mapping
from importlib import resources
from pathlib import Path

import pandas as pd

from ._checks import CorpusError, FramingError, did_you_mean

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

def _decode(data: bytes, encoding: str, label: str) -> tuple[str, str]:
    """Decode bytes; return (text, status). Status names the first bad byte."""
    try:
        return data.decode(encoding), "ok"
    except UnicodeDecodeError as e:
        line = data[:e.start].count(b"\n") + 1
        return "", (f"undecodable: byte 0x{data[e.start]:02x} at offset {e.start} (line {line}) "
                    f"is not valid {encoding}")


def _extract_html(html: str) -> str | None:
    import trafilatura

    return trafilatura.extract(html, include_comments=False, include_tables=False,
                               favor_precision=True)


def _finish(df: pd.DataFrame, *, clean: bool, source: str, on_error: str) -> pd.DataFrame:
    """Standard columns, ids, status and the cleaned body."""
    if "text" not in df.columns:
        found = ", ".join(map(str, df.columns)) or "(none)"
        hint = did_you_mean("text", df.columns)
        raise CorpusError(
            f"{source}: no text column; columns found: {found}{hint}. "
            "Name the column holding the article text, e.g. load_corpus(..., text='body')"
        )
    df = df.copy()
    if "doc_id" not in df.columns:
        df.insert(0, "doc_id", [f"doc{i:06d}" for i in range(len(df))])
    df["doc_id"] = df["doc_id"].astype(str)
    dup = df["doc_id"][df["doc_id"].duplicated(keep=False)]
    if len(dup):
        first = dup.iloc[0]
        rows = [int(i) for i in df.index[df["doc_id"] == first]][:5]
        raise CorpusError(
            f"{source}: duplicate doc_id {first!r} (rows {rows}); {dup.nunique()} id(s) are "
            "repeated. Every document needs a unique doc_id"
        )
    for col in ("outlet", "date", "event", "title", "url"):
        if col not in df.columns:
            df[col] = None
    if "status" not in df.columns:
        df["status"] = "ok"
    df["status"] = df["status"].fillna("ok").astype(object)
    texts = []
    for i, (t, st) in enumerate(zip(df["text"], df["status"])):
        if t is None or (isinstance(t, float) and pd.isna(t)):
            t = ""
        elif not isinstance(t, str):
            t = str(t)
        texts.append(t)
        if st == "ok" and not t.strip():
            df.iat[i, df.columns.get_loc("status")] = "empty"
    df["text"] = texts
    author = df["author"] if "author" in df.columns else [None] * len(df)
    if clean:
        bodies = [clean_text(t, author=a if isinstance(a, str) else None) if st == "ok" else ""
                  for t, a, st in zip(df["text"], author, df["status"])]
    else:
        bodies = [t if st == "ok" else "" for t, st in zip(df["text"], df["status"])]
    df["body"] = bodies
    for i, (b, st) in enumerate(zip(df["body"], df["status"])):
        if st == "ok" and not b.strip():
            df.iat[i, df.columns.get_loc("status")] = "empty after cleaning"
    bad = df[df["status"] != "ok"]
    if len(bad):
        detail = "; ".join(f"{d}: {s}" for d, s in zip(bad["doc_id"][:3], bad["status"][:3]))
        more = f" (and {len(bad) - 3} more)" if len(bad) > 3 else ""
        msg = f"{source}: {len(bad)} of {len(df)} document(s) have no usable text: {detail}{more}"
        if on_error == "raise":
            raise CorpusError(msg)
        warnings.warn(msg + "; they are kept with their status and count as 0 words",
                      stacklevel=3)
    rest = [c for c in df.columns if c not in CORPUS_COLUMNS]
    return df[CORPUS_COLUMNS + rest].reset_index(drop=True)


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
    if ren:
        clash = [std for col, std in ren.items() if std in df.columns and std != col]
        df = df.drop(columns=clash).rename(columns=ren)
    return df


def _read_folder(path: Path, encoding: str) -> pd.DataFrame:
    meta_path = path / "metadata.csv"
    files = sorted(p for p in path.iterdir() if p.suffix.lower() in (".txt", ".html", ".htm"))
    if meta_path.exists():
        meta = _read_csv_file(meta_path, encoding)
        if "file" not in meta.columns:
            raise CorpusError(
                f"{meta_path}: needs a 'file' column naming each document's file; columns found: "
                + ", ".join(meta.columns)
            )
    else:
        meta = pd.DataFrame({"file": [p.name for p in files]})
    listed = set(meta["file"].astype(str))
    extra = [p.name for p in files if p.name not in listed]
    if extra:
        warnings.warn(f"{path}: {len(extra)} file(s) not in metadata.csv are loaded without "
                      f"metadata: {', '.join(extra[:5])}", stacklevel=3)
        meta = pd.concat([meta, pd.DataFrame({"file": extra})], ignore_index=True)
    texts, statuses = [], []
    for name in meta["file"].astype(str):
        fp = path / name
        if not fp.exists():
            texts.append("")
            statuses.append("missing file")
            continue
        text, status = _decode(fp.read_bytes(), encoding, str(fp))
        if status == "ok" and fp.suffix.lower() in (".html", ".htm"):
            extracted = _extract_html(text)
            if not extracted:
                text, status = "", "no article text extracted"
            else:
                text = extracted
        texts.append(text)
        statuses.append(status)
    meta = meta.copy()
    if "doc_id" not in meta.columns:
        meta.insert(0, "doc_id", [Path(f).stem for f in meta["file"].astype(str)])
    meta["text"] = texts
    meta["status"] = statuses
    return meta


def _read_csv_file(path: Path, encoding: str, **kw) -> pd.DataFrame:
    data = path.read_bytes()
    text, status = _decode(data, encoding, str(path))
    if status != "ok":
        raise CorpusError(f"{path}: {status}; pass encoding='...' (e.g. 'latin-1') if the file "
                          "is not UTF-8")
    try:
        return pd.read_csv(io.StringIO(text), dtype=str, keep_default_na=False, na_values=[""],
                           **kw)
    except pd.errors.ParserError as e:
        raise CorpusError(f"{path}: malformed CSV: {e}") from None
    except pd.errors.EmptyDataError:
        raise CorpusError(f"{path}: the file is empty") from None


def _iter_jsonl(path: Path, encoding: str, chunksize: int) -> Iterator[pd.DataFrame]:
    rows = []
    with open(path, "rb") as fh:
        for lineno, raw in enumerate(fh, 1):
            if not raw.strip():
                continue
            try:
                line = raw.decode(encoding)
            except UnicodeDecodeError as e:
                raise CorpusError(f"{path}, line {lineno}: undecodable byte 0x{raw[e.start]:02x} "
                                  f"at column {e.start + 1} (encoding {encoding})") from None
            try:
                obj = json.loads(line)
            except json.JSONDecodeError as e:
                raise CorpusError(f"{path}, line {lineno}: invalid JSON: {e.msg}") from None
            if not isinstance(obj, dict):
                raise CorpusError(f"{path}, line {lineno}: expected a JSON object, got "
                                  f"{type(obj).__name__}")
            rows.append(obj)
            if len(rows) >= chunksize:
                yield pd.DataFrame(rows)
                rows = []
    if rows:
        yield pd.DataFrame(rows)


def _detect_format(path: Path) -> str:
    if path.is_dir():
        return "folder"
    suf = "".join(path.suffixes[-2:]).lower() if path.suffix.lower() == ".gz" else path.suffix.lower()
    table = {".csv": "csv", ".tsv": "csv", ".jsonl": "jsonl", ".ndjson": "jsonl", ".json": "jsonl",
             ".parquet": "parquet", ".pq": "parquet", ".txt": "txt", ".html": "html", ".htm": "html"}
    if suf not in table:
        raise CorpusError(f"{path}: cannot tell the format from the extension {suf!r}; pass "
                          f"format= one of {', '.join(_FORMATS)}")
    return table[suf]


def _read_raw(source, fmt: str, encoding: str, chunksize: int | None) -> Iterator[pd.DataFrame]:
    path = Path(source)
    if fmt == "folder":
        yield _read_folder(path, encoding)
    elif fmt == "csv":
        sep = "\t" if path.suffix.lower() == ".tsv" else ","
        if chunksize:
            # stream: decode errors surface with the chunk
            try:
                reader = pd.read_csv(path, dtype=str, keep_default_na=False, na_values=[""],
                                     chunksize=chunksize, encoding=encoding, sep=sep)
                offset = 0
                for chunk in reader:
                    chunk.index = range(offset, offset + len(chunk))
                    offset += len(chunk)
                    yield chunk
            except UnicodeDecodeError as e:
                raise CorpusError(f"{path}: undecodable bytes ({e.reason}) near byte {e.start}; "
                                  "pass encoding='...' if the file is not UTF-8") from None
            except pd.errors.ParserError as e:
                raise CorpusError(f"{path}: malformed CSV: {e}") from None
        else:
            yield _read_csv_file(path, encoding, sep=sep)
    elif fmt == "jsonl":
        yield from _iter_jsonl(path, encoding, chunksize or 10**9)
    elif fmt == "parquet":
        try:
            import pyarrow.parquet as pq
        except ImportError:
            raise FramingError("reading Parquet needs pyarrow: pip install 'framing[parquet]'") from None
        pf = pq.ParquetFile(path)
        for batch in pf.iter_batches(batch_size=chunksize or 65536):
            yield batch.to_pandas()
    elif fmt in ("txt", "html"):
        text, status = _decode(path.read_bytes(), encoding, str(path))
        if status == "ok" and fmt == "html":
            text = _extract_html(text) or ""
            status = "ok" if text else "no article text extracted"
        yield pd.DataFrame({"doc_id": [path.stem], "text": [text], "status": [status]})


def iter_corpus(source, *, format: str | None = None, chunksize: int = 10000, clean: bool = True,
                encoding: str = "utf-8", **columns: str) -> Iterator[pd.DataFrame]:
    """Read a large corpus in chunks of ``chunksize`` documents (memory bounded).

    Takes the same arguments as :func:`load_corpus`; yields corpus DataFrames.
    Duplicate ``doc_id`` values are detected across chunks.
    """
    if chunksize < 1:
        raise FramingError(f"chunksize must be >= 1, got {chunksize}")
    mapping = _check_mapping(columns)
    fmt = _resolve_format(source, format)
    label = str(source)
    seen: set[str] = set()
    for chunk in _read_raw(source, fmt, encoding, chunksize):
        chunk = _apply_mapping(chunk, mapping, label)
        out = _finish(chunk, clean=clean, source=label, on_error="report")
        dup = seen.intersection(out["doc_id"])
        if dup:
            raise CorpusError(f"{label}: duplicate doc_id {sorted(dup)[0]!r} across the file")
        seen.update(out["doc_id"])
        yield out


def _check_mapping(columns: Mapping[str, str]) -> dict[str, str]:
    for key in columns:
        if key not in _MAPPABLE:
            raise FramingError(
                f"unknown keyword {key!r}; map corpus columns with one of "
                f"{', '.join(_MAPPABLE)} (e.g. text='body'){did_you_mean(key, _MAPPABLE)}"
            )
    return dict(columns)


def _resolve_format(source, format: str | None) -> str:
    if format is not None:
        if format not in _FORMATS:
            raise FramingError(f"format={format!r} is not valid; choose one of "
                               f"{', '.join(_FORMATS)}{did_you_mean(format, _FORMATS)}")
        return format
    path = Path(source)
    if not path.exists():
        raise CorpusError(f"{source}: no such file or folder")
    return _detect_format(path)


def load_corpus(source, *, format: str | None = None, clean: bool = True, encoding: str = "utf-8",
                on_error: str = "report", **columns: str) -> pd.DataFrame:
    """Load a corpus from files or a DataFrame.

    Parameters
    ----------
    source : str, path or DataFrame
        A folder of ``.txt``/``.html`` files with a ``metadata.csv`` (column
        ``file`` names each document's file; doc_id defaults to the file stem), a
        ``.csv``/``.tsv``, ``.jsonl``, ``.parquet``, single ``.txt``/``.html``
        file, or a DataFrame.
    format : str, optional
        Force a format: "folder", "csv", "jsonl", "parquet", "txt", "html".
    clean : bool, default True
        Add the cleaned text as ``body`` (:func:`clean_text`); if False, ``body``
        is a copy of ``text``.
    encoding : str, default "utf-8"
    on_error : {"report", "raise"}, default "report"
        What to do with documents that have no usable text (undecodable bytes,
        empty, missing file): keep them with a ``status`` and warn, or raise.
    **columns : str
        Map the source's columns to the standard ones, e.g. ``text="body"``,
        ``outlet="media_name"``, ``doc_id="stories_id"``, ``date="publish_date"``.

    Returns
    -------
    DataFrame
        ``doc_id, outlet, date, event, title, url, text, body, status`` and any
        other columns of the source.

    Raises
    ------
    CorpusError
        No text column (the message lists the columns found), duplicate
        ``doc_id``, malformed CSV/JSON (with the line), unreadable file.

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
    if isinstance(source, pd.DataFrame):
        df = _apply_mapping(source, mapping, "DataFrame")
        return _finish(df, clean=clean, source="DataFrame", on_error=on_error)
    if not isinstance(source, (str, os.PathLike)):
        raise FramingError(f"source must be a path or a DataFrame, got {type(source).__name__}")
    fmt = _resolve_format(source, format)
    label = str(source)
    chunks = [_apply_mapping(c, mapping, label) for c in _read_raw(source, fmt, encoding, None)]
    df = pd.concat(chunks, ignore_index=True) if len(chunks) > 1 else (chunks[0] if chunks else
                                                                       pd.DataFrame())
    return _finish(df, clean=clean, source=label, on_error=on_error)


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
