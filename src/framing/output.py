"""Writing an output folder safely: streamed tables, CSV hygiene, atomic completion.

* **Streamed tables.** Row tables are written chunk by chunk as they are
  produced (:class:`TableWriter`): one CSV or JSON Lines file per table, or a
  Parquet dataset (a folder of part files) per table. With worker processes
  each chunk writes its own part, and the parts are joined in chunk order at
  the end, so the files do not depend on the number of processes.
* **Spreadsheet formulas.** A CSV cell that begins with ``=``, ``+``, ``-``,
  ``@``, a tab or a carriage return is opened as a formula by spreadsheet
  programs. Text cells of CSV outputs that begin so are prefixed with a single
  quote, as OWASP recommends (numbers are left alone); Parquet and JSON Lines
  keep the values as they are.
* **No half-written folder looks complete.** Everything is written into a
  temporary folder beside the target; ``manifest.json`` (command, version,
  input hash, row counts, ``"completed": true``) is written last, and the folder
  is then renamed into place, replacing the previous results in one step. An
  interrupted or failed run removes its temporary folder and leaves the
  previous results untouched.
"""
from __future__ import annotations

import hashlib
import json
import os
import shutil
import time
from pathlib import Path

import pandas as pd

from ._checks import FramingError

__all__ = ["OutputFolder", "TableWriter", "neutralise_formulas", "FORMATS", "file_hash"]

#: Output formats of the row tables.
FORMATS = ("csv", "parquet", "jsonl")
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def neutralise_formulas(df: pd.DataFrame) -> pd.DataFrame:
    """Prefix text cells that a spreadsheet would run as a formula with a single quote.

    Only text (object or string) columns are touched; numbers, including negative
    ones, stay numbers.

    Examples
    --------
    >>> neutralise_formulas(pd.DataFrame({"a": ["=1+1", "ok", "-x"], "n": [-1, 2, 3]})
    ...                     ).values.tolist()
    [["'=1+1", -1], ['ok', 2], ["'-x", 3]]
    """
    out = None
    for c in df.columns:
        col = df[c]
        if col.dtype != object and not pd.api.types.is_string_dtype(col.dtype):
            continue
        try:
            bad = col.str.startswith(_FORMULA_START, na=False).to_numpy(dtype=bool)
        except (AttributeError, TypeError):  # a column of non-strings
            continue
        if bad.any():
            if out is None:
                out = df.copy()
            vals = col.to_numpy(dtype=object, copy=True)
            vals[bad] = ["'" + v for v in vals[bad]]
            out[c] = vals
    return df if out is None else out


def _dates_as_text(df: pd.DataFrame) -> pd.DataFrame:
    """Datetime columns as ISO text ("2020-07-16", with the time only when there is one)."""
    out = None
    for c in df.columns:
        col = df[c]
        if pd.api.types.is_datetime64_any_dtype(col.dtype):
            if out is None:
                out = df.copy()
            t = col.dt.tz_convert(None) if getattr(col.dt, "tz", None) is not None else col
            has_time = bool(((t.dropna() - t.dropna().dt.normalize()) != pd.Timedelta(0)).any())
            text = t.dt.strftime("%Y-%m-%dT%H:%M:%S" if has_time else "%Y-%m-%d")
            out[c] = text.astype(object).where(t.notna(), None)
    return df if out is None else out


def _write_csv(df: pd.DataFrame, path: Path) -> None:
    """CSV with pyarrow's writer (about 10x pandas'); pandas for what arrow cannot convert."""
    try:
        import pyarrow as pa
        import pyarrow.csv as pacsv

        table = pa.Table.from_pandas(df, preserve_index=False)
        pacsv.write_csv(table, path)
    except Exception:  # mixed-type object columns and the like
        df.to_csv(path, index=False)


class TableWriter:
    """Write one table chunk by chunk (or part by part) in a folder.

    Parameters
    ----------
    folder : Path
        The (temporary) output folder.
    name : str
        Table name: ``name.csv``, ``name.jsonl`` or the Parquet dataset ``name/``.
    format : {"csv", "parquet", "jsonl"}
    """

    def __init__(self, folder: Path, name: str, format: str = "csv"):
        if format not in FORMATS:
            raise FramingError(f"format {format!r} is not one of {', '.join(FORMATS)}")
        self.folder, self.name, self.format = Path(folder), name, format
        self.parts_dir = self.folder / ".parts" / name
        self.n = 0
        self.columns: list | None = None

    @property
    def path(self) -> Path:
        return self.folder / (self.name if self.format == "parquet" else
                              f"{self.name}.{self.format}")

    def write_part(self, index: int, df: pd.DataFrame) -> int:
        """Write the part of chunk ``index`` (any process); return its number of rows."""
        if self.format == "parquet":
            self.path.mkdir(parents=True, exist_ok=True)
            df.to_parquet(self.path / f"part-{index:016d}.parquet", index=False)
            return len(df)
        self.parts_dir.mkdir(parents=True, exist_ok=True)
        p = self.parts_dir / f"{index:016d}.{self.format}"
        if self.format == "csv":
            _write_csv(neutralise_formulas(_dates_as_text(df)), p)
        else:
            _dates_as_text(df).to_json(p, orient="records", lines=True, force_ascii=False)
        return len(df)

    def finish(self, columns=None) -> Path:
        """Join the parts in chunk order into the table's file (header once)."""
        if self.format == "parquet":
            if not self.path.exists():  # no rows at all: an empty dataset with its columns
                self.path.mkdir(parents=True, exist_ok=True)
                pd.DataFrame(columns=list(columns or [])).to_parquet(
                    self.path / f"part-{0:016d}.parquet", index=False)
            return self.path
        parts = sorted(self.parts_dir.glob(f"*.{self.format}")) if self.parts_dir.exists() \
            else []
        with open(self.path, "wb") as out:
            header_done = False
            for p in parts:
                with open(p, "rb") as f:
                    if self.format == "csv":
                        first = f.readline()
                        if not header_done:
                            out.write(first)
                            header_done = True
                    shutil.copyfileobj(f, out, 1 << 20)
            if not header_done and self.format == "csv":
                out.write((",".join(f'"{c}"' for c in (columns or [])) + "\n").encode("utf-8"))
        return self.path


def write_table(folder: Path, name: str, df: pd.DataFrame, format: str = "csv") -> Path:
    """Write a whole (small) table in one go."""
    w = TableWriter(folder, name, format)
    w.write_part(0, df)
    return w.finish(df.columns)


def file_hash(paths) -> str:
    """SHA-256 of the bytes of the input files (sorted by path), as hex."""
    h = hashlib.sha256()
    for p in sorted(Path(x) for x in paths):
        h.update(str(p.name).encode("utf-8", "surrogateescape") + b"\0")  # as on disk
        with open(p, "rb") as f:
            for block in iter(lambda: f.read(1 << 20), b""):
                h.update(block)
    return h.hexdigest()


def is_framing_output(folder: Path) -> bool:
    """Whether ``folder`` holds a manifest written by framing."""
    m = Path(folder) / "manifest.json"
    try:
        return json.loads(m.read_text(encoding="utf-8")).get("tool") == "framing"
    except (OSError, ValueError, AttributeError):
        return False


class OutputFolder:
    """A temporary folder beside ``target`` that replaces it only when complete.

    Use as a context manager: write into :attr:`tmp`, call :meth:`complete` with
    the manifest, and on leaving the block the folder is renamed to ``target``.
    Leaving with an exception (KeyboardInterrupt included) removes the temporary
    folder; the previous ``target`` is then untouched.

    Raises
    ------
    FramingError
        When ``target`` exists, is not empty and is not a framing output folder
        (framing never deletes folders it did not write).
    """

    def __init__(self, target: Path):
        self.target = Path(target)
        try:
            exists = self.target.exists()
            if exists and self.target.is_dir():
                empty = not any(self.target.iterdir())
        except OSError as e:  # a name too long, no permission to look inside
            raise FramingError(f"--out {self.target}: {e.strerror or e}") from None
        if exists:
            if not self.target.is_dir():
                raise FramingError(f"--out {self.target}: exists and is not a folder")
            if not empty and not is_framing_output(self.target):
                raise FramingError(
                    f"--out {self.target}: the folder exists, is not empty and was not written "
                    "by framing (no manifest.json); choose another folder or empty it")
        self.tmp = self.target.parent / f".{self.target.name}.framing-tmp-{os.getpid()}"
        self._done = False
        self.manifest: dict = {}

    def __enter__(self) -> "OutputFolder":
        up = next((p for p in self.target.parents if p.exists()), None)
        if up is not None and not up.is_dir():
            raise FramingError(f"--out {self.target}: {up} is a file, not a folder")
        try:
            self.target.parent.mkdir(parents=True, exist_ok=True)
            if self.tmp.exists():
                shutil.rmtree(self.tmp)
            self.tmp.mkdir()
        except OSError as e:  # read-only, no space, a name too long
            raise FramingError(f"--out {self.target}: cannot create the output folder there: "
                               f"{e.strerror or e}") from None
        # marks the folder as framing's at once, so a corpus reader never takes it for input
        (self.tmp / "manifest.json").write_text(json.dumps(
            {"tool": "framing", "completed": False}), encoding="utf-8")
        return self

    def complete(self, manifest: dict) -> None:
        """Write ``manifest.json`` (completed) last; the rename follows on exit."""
        shutil.rmtree(self.tmp / ".parts", ignore_errors=True)
        files = sorted(str(p.relative_to(self.tmp)) for p in self.tmp.rglob("*")
                       if p.is_file() and p.name != "manifest.json")
        m = {"tool": "framing", **manifest, "files": files,
             "finished": time.strftime("%Y-%m-%dT%H:%M:%S%z"), "completed": True}
        (self.tmp / "manifest.json").write_text(json.dumps(m, indent=2, ensure_ascii=False),
                                                encoding="utf-8")
        self.manifest = m
        self._done = True

    def __exit__(self, exc_type, exc, tb) -> bool:
        if exc_type is not None or not self._done:
            shutil.rmtree(self.tmp, ignore_errors=True)
            return False
        old = None
        if self.target.exists():
            old = self.target.parent / f".{self.target.name}.framing-old-{os.getpid()}"
            if old.exists():
                shutil.rmtree(old)
            self.target.rename(old)
        self.tmp.rename(self.target)
        if old is not None:
            shutil.rmtree(old, ignore_errors=True)
        return False
