"""Argument checks and message wording shared by every module (private)."""
from __future__ import annotations

import difflib
from collections.abc import Iterable


class FramingError(ValueError):
    """Base class of every error raised on bad input by framing.

    The message always names the file, row, document or parameter at fault.
    """


class CorpusError(FramingError):
    """A corpus could not be read: missing column, duplicate id, bad bytes."""


class LexiconError(FramingError):
    """A lexicon file is malformed: bad row, unknown category or side, bad regex."""


def did_you_mean(value: object, options: Iterable[str]) -> str:
    """Return ``" (did you mean 'x'?)"`` for the closest option, or ``""``."""
    options = [str(o) for o in options]
    close = difflib.get_close_matches(str(value), options, n=1, cutoff=0.6)
    return f" (did you mean {close[0]!r}?)" if close else ""


def check_choice(name: str, value: object, options: Iterable[str]) -> str:
    """Check that ``value`` is one of ``options``; raise a helpful error if not."""
    options = list(options)
    if value not in options:
        raise FramingError(
            f"{name}={value!r} is not valid; choose one of "
            f"{', '.join(map(repr, options))}{did_you_mean(value, options)}"
        )
    return value  # type: ignore[return-value]


def check_documents(X: object, name: str = "X") -> list[str]:
    """Return ``X`` as a list of strings, rejecting a bare string.

    scikit-learn convention: an iterable of documents is expected, and a single
    string would silently be read as a sequence of one-character documents.
    """
    if isinstance(X, (str, bytes)):
        raise FramingError(
            f"{name} must be an iterable of documents, got a single string; "
            f"wrap it in a list: [{name}]"
        )
    try:
        docs = list(X)  # type: ignore[call-overload]
    except TypeError:
        raise FramingError(
            f"{name} must be an iterable of documents (strings), got {type(X).__name__}"
        ) from None
    for i, d in enumerate(docs):
        if not isinstance(d, str):
            raise FramingError(
                f"{name}[{i}] is {type(d).__name__}, expected str (document text)"
            )
    return docs


def check_columns(df, required: Iterable[str], what: str) -> None:
    """Raise if ``df`` lacks any of ``required`` columns, listing those found."""
    missing = [c for c in required if c not in df.columns]
    if missing:
        found = ", ".join(map(str, df.columns)) or "(none)"
        raise FramingError(
            f"{what} is missing column(s) {', '.join(map(repr, missing))}; "
            f"columns found: {found}"
        )


def read_records(gold, what: str = "gold") -> tuple[list, str]:
    """Records from a JSON Lines file, a DataFrame or an iterable of dicts.

    Returns the records and a label for messages (the path, or ``what``). A bad
    line raises naming the file and line.
    """
    import json
    import os
    from pathlib import Path

    import pandas as pd

    if isinstance(gold, (str, os.PathLike)):
        path = Path(gold)
        if not path.exists():
            raise FramingError(f"{path}: no such {what} file")
        if path.is_dir():
            raise FramingError(f"{path}: is a folder, not a {what} file (JSON Lines)")
        try:
            text = path.read_text(encoding="utf-8")
        except UnicodeDecodeError as e:
            line = e.object[:e.start].count(b"\n") + 1
            raise FramingError(f"{path}, line {line}: undecodable byte 0x{e.object[e.start]:02x} "
                               f"(a {what} file must be UTF-8 JSON Lines)") from None
        records = []
        for n, line in enumerate(text.splitlines(), 1):
            if not line.strip():
                continue
            try:
                rec = json.loads(line)
            except json.JSONDecodeError as e:
                raise FramingError(f"{path}, line {n}: invalid JSON: {e.msg}") from None
            if not isinstance(rec, dict):
                raise FramingError(f"{path}, line {n}: expected a JSON object (one record per "
                                   f"line), got a {type(rec).__name__}")
            records.append(rec)
        return records, str(path)
    if isinstance(gold, pd.DataFrame):
        return gold.to_dict("records"), what
    try:
        return list(gold), what
    except TypeError:
        raise FramingError(f"{what} must be a path, a list of dicts or a DataFrame, got "
                           f"{type(gold).__name__}") from None


#: How to read a file in another encoding, for both audiences (command line and Python).
ENCODING_HINT = "use --encoding (CLI) or encoding= (Python)"

#: How to read files outside a corpus folder on purpose.
OUTSIDE_HINT = "pass allow_outside=True (Python) or --allow-outside (CLI) to read it anyway"


def encoding_hint(encoding: str = "utf-8") -> str:
    """``"if the file is not <encoding>, use --encoding (CLI) or encoding= (Python) ..."``."""
    return (f"if the file is not {encoding}, {ENCODING_HINT} with its real encoding, "
            "e.g. latin-1 or cp1252")


def one_line(message: object) -> str:
    """A library's error message on one line (pandas and pyarrow messages span several)."""
    return " ".join(str(message).split())
