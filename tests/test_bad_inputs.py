"""An adversarial sweep of bad inputs through the command line (and a few API calls).

Project standard: malformed lexicons, corpora with missing columns, undecodable bytes, empty
or huge documents, paths that leave the corpus folder end in either

* exit status 2 with ONE line ``framing: error: ...`` on stderr that names the file, line or
  document (no traceback, no "internal error", and no output folder left behind), or
* exit status 0 with every document kept: a document without usable text keeps a row in
  documents.csv whose ``status`` says why, and the run says so on stdout
  (``skipped <doc_id>: <status>``).

Each case builds its input in ``tmp_path`` and runs ``framing.cli.main`` in this process
(a few run ``python -m framing.cli`` in a subprocess). The loaders' finer cases are in
test_corpus_robust.py and the lexicons' in test_lexicons_robust.py.
"""
from __future__ import annotations

import gzip
import json
import os
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

import pandas as pd
import pytest

import framing
from framing.cli import main

pa = pytest.importorskip("pyarrow")
pq = pytest.importorskip("pyarrow.parquet")

TEXT = "Azerbaijani forces shelled Stepanakert, officials said."
QTEXT = f'"{TEXT}"'  # quoted for CSV (it holds a comma)
TEXT2 = "Armenian troops repelled the attack near the border."
FAST = ["--stages", "none", "--no-figures"]  # the readers are under test, not the stages


@dataclass
class Case:
    """What to run and what must come out of it."""

    args: list
    #: "error": exit 2 and one error line naming every string of ``names``;
    #: "ok": exit 0 and documents.csv with exactly ``statuses`` (doc_id -> status prefix)
    expect: str
    names: tuple = ()
    statuses: dict = field(default_factory=dict)
    out: Path | None = None
    check: Callable | None = None  # more checks: check(stdout, stderr)


CASES: list = []


def case(group: str, *marks):
    def register(fn):
        CASES.append(pytest.param(fn, id=f"{group}-{fn.__name__.lstrip('_')}", marks=marks))
        return fn
    return register


def _jsonl(path: Path, rows) -> Path:
    path.write_text("".join((r if isinstance(r, str) else json.dumps(r)) + "\n" for r in rows),
                    encoding="utf-8")
    return path


def _two_rows():
    return [{"doc_id": "a", "outlet": "X", "text": TEXT},
            {"doc_id": "b", "outlet": "Y", "text": TEXT2}]


def _analyze(tmp, src, *extra, fast=True):
    out = tmp / "out"
    return [*["analyze", str(src), "--out", str(out)], *(FAST if fast else []), *extra], out


def _err(tmp, src, *names, extra=(), fast=True):
    args, out = _analyze(tmp, src, *extra, fast=fast)
    return Case(args, "error", names=names, out=out)


def _ok(tmp, src, statuses, *extra, check=None, fast=True):
    args, out = _analyze(tmp, src, *extra, fast=fast)
    return Case(args, "ok", statuses=statuses, out=out, check=check)


# =========================================================================== JSON Lines

@case("jsonl")
def _invalid_line(tmp):
    p = _jsonl(tmp / "c.jsonl", [_two_rows()[0], '{"doc_id": "b", "text": '])
    return _err(tmp, p, "c.jsonl", "line 2", "invalid JSON")


@case("jsonl")
def _invalid_line_after_chunks_were_written(tmp):
    # chunks 1 and 2 are analysed (in worker processes) before chunk 3 fails: no output
    # folder, no temporary folder left behind
    rows = [{"doc_id": f"d{i}", "outlet": "XY"[i % 2], "text": f"Troops moved {i}."}
            for i in range(2500)]
    p = _jsonl(tmp / "c.jsonl", [*rows, "{broken"])
    return _err(tmp, p, "c.jsonl", "line 2501", "invalid JSON")


@case("jsonl")
def _array_per_line(tmp):
    p = _jsonl(tmp / "c.jsonl", [_two_rows()[0], "[1, 2, 3]"])
    return _err(tmp, p, "c.jsonl", "line 2", "JSON object")


@case("jsonl")
def _number_per_line(tmp):
    p = _jsonl(tmp / "c.jsonl", [_two_rows()[0], "42"])
    return _err(tmp, p, "c.jsonl", "line 2", "JSON object")


@case("jsonl")
def _null_per_line(tmp):
    p = _jsonl(tmp / "c.jsonl", [_two_rows()[0], "null"])
    return _err(tmp, p, "c.jsonl", "line 2", "JSON object {...}, got null")


@case("jsonl")
def _string_per_line(tmp):
    p = _jsonl(tmp / "c.jsonl", ['"just a string"', _two_rows()[0]])
    return _err(tmp, p, "c.jsonl", "line 1", "JSON object")


@case("jsonl")
def _whole_file_is_one_array(tmp):
    p = tmp / "c.jsonl"
    p.write_text(json.dumps(_two_rows()), encoding="utf-8")
    return _err(tmp, p, "c.jsonl", "line 1", "JSON Lines")


@case("jsonl")
def _text_is_a_number(tmp):
    p = _jsonl(tmp / "c.jsonl", [_two_rows()[0], {"doc_id": "b", "text": 42}])
    return _ok(tmp, p, {"a": "ok", "b": "not text: int"})


@case("jsonl")
def _text_is_a_list(tmp):
    p = _jsonl(tmp / "c.jsonl", [_two_rows()[0], {"doc_id": "b", "text": ["x", "y"]}])
    return _ok(tmp, p, {"a": "ok", "b": "not text: list"})


@case("jsonl")
def _text_is_an_object(tmp):
    p = _jsonl(tmp / "c.jsonl", [_two_rows()[0], {"doc_id": "b", "text": {"p": TEXT}}])
    return _ok(tmp, p, {"a": "ok", "b": "not text: dict"})


@case("jsonl")
def _text_is_null(tmp):
    p = _jsonl(tmp / "c.jsonl", [_two_rows()[0], {"doc_id": "b", "text": None}])
    return _ok(tmp, p, {"a": "ok", "b": "empty"})


@case("jsonl")
def _text_missing_in_one_row(tmp):
    p = _jsonl(tmp / "c.jsonl", [_two_rows()[0], {"doc_id": "b", "outlet": "Y"}])
    return _ok(tmp, p, {"a": "ok", "b": "empty"})


@case("jsonl")
def _text_key_missing_everywhere(tmp):
    p = _jsonl(tmp / "c.jsonl", [{"doc_id": "a", "body_html": TEXT}, {"doc_id": "b"}])
    return _err(tmp, p, "c.jsonl", "no text column")


@case("jsonl")
def _text_zero_characters(tmp):
    p = _jsonl(tmp / "c.jsonl", [_two_rows()[0], {"doc_id": "b", "text": ""}])
    return _ok(tmp, p, {"a": "ok", "b": "empty"})


@case("jsonl")
def _text_only_whitespace(tmp):
    p = _jsonl(tmp / "c.jsonl", [_two_rows()[0], {"doc_id": "b", "text": " \n\t \u00a0"}])
    return _ok(tmp, p, {"a": "ok", "b": "empty"})


@case("jsonl")
def _duplicate_doc_id(tmp):
    p = _jsonl(tmp / "c.jsonl", [_two_rows()[0], {"doc_id": "a", "text": TEXT2}])
    return _err(tmp, p, "c.jsonl", "line 2", "'a'")


@case("jsonl")
def _doc_id_missing(tmp):
    p = _jsonl(tmp / "c.jsonl", [_two_rows()[0], {"text": TEXT2}])
    return _err(tmp, p, "c.jsonl", "line 2", "doc_id")


@case("jsonl")
def _doc_id_null(tmp):
    p = _jsonl(tmp / "c.jsonl", [_two_rows()[0], {"doc_id": None, "text": TEXT2}])
    return _err(tmp, p, "c.jsonl", "line 2", "doc_id")


@case("jsonl")
def _doc_id_is_an_object(tmp):
    p = _jsonl(tmp / "c.jsonl", [_two_rows()[0], {"doc_id": {"n": 1}, "text": TEXT2}])
    return _err(tmp, p, "c.jsonl", "line 2", "doc_id")


@case("jsonl")
def _doc_id_is_a_bool(tmp):
    p = _jsonl(tmp / "c.jsonl", [_two_rows()[0], {"doc_id": True, "text": TEXT2}])
    return _err(tmp, p, "c.jsonl", "line 2", "doc_id")


@case("jsonl")
def _doc_id_numbers_become_text(tmp):
    p = _jsonl(tmp / "c.jsonl", [{"doc_id": 1, "text": TEXT}, {"doc_id": 2, "text": TEXT2}])
    return _ok(tmp, p, {"1": "ok", "2": "ok"})


@case("jsonl")
def _doc_id_number_and_string_collide(tmp):
    p = _jsonl(tmp / "c.jsonl", [{"doc_id": 1, "text": TEXT}, {"doc_id": "1", "text": TEXT2}])
    return _err(tmp, p, "c.jsonl", "line 2", "'1'")


@case("jsonl")
def _empty_file(tmp):
    p = tmp / "c.jsonl"
    p.write_bytes(b"")
    return _ok(tmp, p, {})


@case("jsonl")
def _only_blank_lines(tmp):
    p = tmp / "c.jsonl"
    p.write_text("\n   \n\t\n\n", encoding="utf-8")
    return _ok(tmp, p, {})


@case("jsonl")
def _byte_order_mark(tmp):
    p = tmp / "c.jsonl"
    p.write_bytes(b"\xef\xbb\xbf" + _jsonl(tmp / "x.jsonl", _two_rows()).read_bytes())
    return _ok(tmp, p, {"a": "ok", "b": "ok"})


@case("jsonl")
def _utf16_file(tmp):
    p = tmp / "c.jsonl"
    p.write_bytes("".join(json.dumps(r) + "\n" for r in _two_rows()).encode("utf-16"))
    return _err(tmp, p, "c.jsonl", "UTF-16", "--encoding utf-16")


@case("jsonl")
def _utf16_file_with_its_encoding(tmp):
    p = tmp / "c.jsonl"
    p.write_bytes("".join(json.dumps(r) + "\n" for r in _two_rows()).encode("utf-16"))
    return _ok(tmp, p, {"a": "ok", "b": "ok"}, "--encoding", "utf-16")


@case("jsonl")
def _latin1_bytes(tmp):
    p = tmp / "c.jsonl"
    p.write_bytes(json.dumps(_two_rows()[0]).encode() + b"\n"
                  + '{"doc_id": "b", "text": "Caf\u00e9 shelled."}\n'.encode("latin-1"))
    return _err(tmp, p, "c.jsonl", "line 2", "--encoding")


@case("jsonl")
def _raw_nul_byte_in_a_line(tmp):
    p = tmp / "c.jsonl"
    p.write_bytes(json.dumps(_two_rows()[0]).encode() + b"\n"
                  + b'{"doc_id": "b", "text": "Troops\x00 moved."}\n')
    return _err(tmp, p, "c.jsonl", "line 2")


@case("jsonl")
def _escaped_nul_in_text(tmp):
    p = _jsonl(tmp / "c.jsonl", [_two_rows()[0], {"doc_id": "b", "text": "Troops\u0000 moved."}])

    def check(out, err):
        docs = pd.read_csv(tmp / "out" / "documents.csv", keep_default_na=False)
        assert docs["n_words"].tolist()[1] == 2
    return _ok(tmp, p, {"a": "ok", "b": "ok"}, check=check)


@case("jsonl")
def _crlf_line_ends(tmp):
    p = tmp / "c.jsonl"
    p.write_bytes("".join(json.dumps(r) + "\r\n" for r in _two_rows()).encode())
    return _ok(tmp, p, {"a": "ok", "b": "ok"})


@case("jsonl")
def _gzipped_jsonl(tmp):
    p = tmp / "c.jsonl.gz"
    p.write_bytes(gzip.compress("".join(json.dumps(r) + "\n" for r in _two_rows()).encode()))
    return _err(tmp, p, "c.jsonl.gz", "gzip-compressed", "gunzip")


@case("jsonl")
def _gzip_under_a_plain_name(tmp):
    p = tmp / "c.jsonl"
    p.write_bytes(gzip.compress("".join(json.dumps(r) + "\n" for r in _two_rows()).encode()))
    return _err(tmp, p, "c.jsonl", "gzip-compressed")


@case("jsonl")
def _gz_that_is_not_gzip(tmp):
    p = tmp / "c.jsonl.gz"
    p.write_bytes("".join(json.dumps(r) + "\n" for r in _two_rows()).encode())
    return _err(tmp, p, "c.jsonl.gz", "not gzip-compressed", "rename it to c.jsonl")


@case("jsonl")
def _truncated_gzip(tmp):
    p = tmp / "c.jsonl.gz"
    data = gzip.compress("".join(json.dumps(r) + "\n" for r in _two_rows() * 50).encode())
    p.write_bytes(data[: len(data) // 2])
    return _err(tmp, p, "c.jsonl.gz")


@case("jsonl")
def _huge_single_document(tmp):
    p = _jsonl(tmp / "c.jsonl", [_two_rows()[0],
                                {"doc_id": "big", "text": ("word " * 1_000_001)}])
    return _ok(tmp, p, {"a": "ok", "big": "too long"})


@case("jsonl")
def _lone_surrogate_escape(tmp):
    # "\ud800" alone is not valid Unicode: no UTF-8 output could hold it (was an internal
    # UnicodeEncodeError when the tables were written); replaced by U+FFFD, with a warning
    p = _jsonl(tmp / "c.jsonl", [_two_rows()[0], '{"doc_id": "b\\udc80", "outlet": "Y\\ud800", '
                                                 '"text": "Troops \\ud800 moved."}'])

    def check(out, err):
        docs = pd.read_csv(tmp / "out" / "documents.csv", keep_default_na=False)
        assert docs["outlet"].tolist() == ["X", "Y\ufffd"]
        assert "c.jsonl, line 2: a lone surrogate escape" in err
    return _ok(tmp, p, {"a": "ok", "b\ufffd": "ok"}, check=check)


@case("jsonl")
def _surrogate_pair_escape_is_fine(tmp):
    p = _jsonl(tmp / "c.jsonl", [_two_rows()[0], '{"doc_id": "b", "text": "Troops \\ud83d\\ude00 moved."}'])

    def check(out, err):
        assert "surrogate" not in err
    return _ok(tmp, p, {"a": "ok", "b": "ok"}, check=check)


@case("jsonl")
def _nested_too_deeply(tmp):
    # json.loads raised RecursionError (an internal error)
    p = _jsonl(tmp / "c.jsonl", [_two_rows()[0], '{"doc_id": "b", "text": ' + "[" * 100_000
                                 + "]" * 100_000 + "}"])
    return _err(tmp, p, "c.jsonl", "line 2", "nested too deeply")


@case("jsonl")
def _number_with_too_many_digits(tmp):
    # json.loads raised a ValueError that pointed at sys.set_int_max_str_digits()
    p = _jsonl(tmp / "c.jsonl", [_two_rows()[0], '{"doc_id": "b", "text": 1' + "0" * 5000 + "}"])
    return _err(tmp, p, "c.jsonl", "line 2", "too many digits")


# =========================================================================== CSV

def _csv(tmp, content: str, name="c.csv") -> Path:
    p = tmp / name
    p.write_text(content, encoding="utf-8")
    return p


@case("csv")
def _unclosed_quote(tmp):
    p = _csv(tmp, f'doc_id,outlet,text\na,X,"{TEXT}\nb,Y,{TEXT2}\n')
    return _err(tmp, p, "c.csv")


@case("csv")
def _too_many_fields(tmp):
    p = _csv(tmp, f"doc_id,outlet,text\na,X,{QTEXT}\nb,Y,{TEXT2},extra,more\n")
    return _err(tmp, p, "c.csv", "line 3")


@case("csv")
def _header_only(tmp):
    return _ok(tmp, _csv(tmp, "doc_id,outlet,text\n"), {})


@case("csv")
def _missing_text_column(tmp):
    p = _csv(tmp, "doc_id,outlet,headline\na,X,Hi\n")
    return _err(tmp, p, "c.csv", "no text column", "headline")


@case("csv")
def _text_column_flag_names_a_missing_column(tmp):
    p = _csv(tmp, f"doc_id,outlet,text\na,X,{QTEXT}\n")
    return _err(tmp, p, "c.csv", "body_text", extra=("--text-column", "body_text"))


@case("csv")
def _duplicated_column_names(tmp):
    p = _csv(tmp, f"doc_id,text,text\na,{QTEXT},{TEXT2}\n")
    return _err(tmp, p, "c.csv", "line 1", "'text' appears 2 times")


@case("csv")
def _unquoted_comma_in_every_text(tmp):
    # pandas would take the first field as an index and shift every column
    p = _csv(tmp, f"doc_id,text\na,{TEXT}\nb,{TEXT}\n")
    return _err(tmp, p, "c.csv", "line 2", "double quotes")


@case("csv")
def _unquoted_comma_in_every_text_big_file(tmp):
    # the same in a file read in chunks (iter_corpus)
    p = _csv(tmp, "doc_id,text\n" + "".join(f"d{i},{TEXT}\n" for i in range(3000)))
    return _err(tmp, p, "c.csv", "line 2", "double quotes")


@case("csv")
def _semicolon_delimited(tmp):
    p = _csv(tmp, f"doc_id;outlet;text\na;X;{TEXT}\nb;Y;{TEXT2}\n")
    return _err(tmp, p, "c.csv", "line 1", "separated by semicolons")


@case("csv")
def _semicolon_delimited_without_commas(tmp):
    p = _csv(tmp, "doc_id;outlet;text\na;X;Troops moved\nb;Y;Calm\n")
    return _err(tmp, p, "c.csv", "line 1", "separated by semicolons")


@case("csv")
def _tab_separated_named_csv(tmp):
    p = _csv(tmp, f"doc_id\toutlet\ttext\na\tX\t{TEXT}\n")
    return _err(tmp, p, "c.csv", "line 1", "separated by tabs", ".tsv")


@case("csv")
def _embedded_newlines_in_text(tmp):
    p = _csv(tmp, f'doc_id,outlet,text\na,X,"{TEXT}\n\nSecond paragraph, here."\nb,Y,{TEXT2}\n')

    def check(out, err):
        docs = pd.read_csv(tmp / "out" / "documents.csv", keep_default_na=False)
        assert docs["n_words"].tolist() == [9, 8]
    return _ok(tmp, p, {"a": "ok", "b": "ok"}, check=check)


@case("csv")
def _blank_and_missing_cells(tmp):
    p = _csv(tmp, f"doc_id,outlet,text\na,X,{QTEXT}\nb,Y,\nc,,{TEXT2}\n")
    return _ok(tmp, p, {"a": "ok", "b": "empty", "c": "ok"})


@case("csv")
def _excel_file_named_csv(tmp):
    import zipfile

    p = tmp / "c.csv"
    with zipfile.ZipFile(p, "w") as z:  # what an .xlsx is: a zip of XML parts
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("xl/workbook.xml", "<workbook/>")
    return _err(tmp, p, "c.csv")


@case("csv")
def _xlsx_extension(tmp):
    p = tmp / "c.xlsx"
    p.write_bytes(b"PK\x03\x04" + bytes(200))
    return _err(tmp, p, "c.xlsx", "save or export it as .csv")


@case("csv")
def _random_binary_named_csv(tmp):
    p = tmp / "c.csv"
    p.write_bytes(bytes(range(256)) * 8)
    return _err(tmp, p, "c.csv", "line 1", "NUL byte")


@case("csv")
def _nul_byte_in_a_text(tmp):
    p = tmp / "c.csv"
    p.write_bytes(f"doc_id,text\na,{QTEXT}\nb,Troops\x00 moved.\n".encode())
    return _err(tmp, p, "c.csv", "line 3", "NUL byte")


@case("csv")
def _latin1_csv(tmp):
    p = tmp / "c.csv"
    p.write_bytes(f"doc_id,text\na,{QTEXT}\nb,Caf\u00e9 shelled.\n".encode("latin-1"))
    return _err(tmp, p, "c.csv", "line 3", "--encoding")


@case("csv")
def _bom_csv(tmp):
    p = tmp / "c.csv"
    p.write_bytes(b"\xef\xbb\xbf" + f"doc_id,text\na,{QTEXT}\n".encode())
    return _ok(tmp, p, {"a": "ok"})


@case("csv")
def _duplicate_doc_id_csv(tmp):
    p = _csv(tmp, f"doc_id,text\na,{QTEXT}\na,{TEXT2}\n")
    return _err(tmp, p, "c.csv", "line 3", "'a'")


# =========================================================================== Parquet

@case("parquet")
def _corrupt(tmp):
    p = tmp / "c.parquet"
    p.write_bytes(b"PAR1" + bytes(100) + b"PAR1")
    return _err(tmp, p, "c.parquet", "Parquet")


@case("parquet")
def _no_text_column(tmp):
    p = tmp / "c.parquet"
    pq.write_table(pa.table({"doc_id": ["a"], "headline": ["Hi"]}), p)
    return _err(tmp, p, "c.parquet", "no text column", "headline")


@case("parquet")
def _text_column_of_ints(tmp):
    p = tmp / "c.parquet"
    pq.write_table(pa.table({"doc_id": ["a", "b"], "text": pa.array([1, 2], pa.int64())}), p)
    return _ok(tmp, p, {"a": "not text: int", "b": "not text: int"})


@case("parquet")
def _text_column_with_nulls(tmp):
    p = tmp / "c.parquet"
    pq.write_table(pa.table({"doc_id": ["a", "b"], "text": pa.array([TEXT, None], pa.string())}), p)
    return _ok(tmp, p, {"a": "ok", "b": "empty"})


@case("parquet")
def _duplicate_doc_id(tmp):
    p = tmp / "c.parquet"
    pq.write_table(pa.table({"doc_id": ["a", "a"], "text": [TEXT, TEXT2]}), p)
    return _err(tmp, p, "c.parquet", "row 1", "'a'")


# =========================================================================== folders

def _folder(tmp, files: dict, metadata: str | None = None) -> Path:
    d = tmp / "corpus"
    d.mkdir()
    for name, content in files.items():
        (d / name).parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            (d / name).write_bytes(content)
        else:
            (d / name).write_text(content, encoding="utf-8")
    if metadata is not None:
        (d / "metadata.csv").write_text(metadata, encoding="utf-8")
    return d


@case("folder")
def _metadata_names_a_missing_file(tmp):
    d = _folder(tmp, {"a.txt": TEXT}, "file,outlet\na.txt,X\ngone.txt,Y\n")
    return _ok(tmp, d, {"a": "ok", "gone": "missing file"})


@case("folder")
def _metadata_path_with_dotdot(tmp):
    (tmp / "secret.txt").write_text(TEXT2, encoding="utf-8")
    d = _folder(tmp, {"a.txt": TEXT}, "file,outlet\na.txt,X\n../secret.txt,Y\n")
    return _err(tmp, d, "metadata.csv", "line 3", "../secret.txt")


@case("folder")
def _metadata_absolute_path(tmp):
    (tmp / "secret.txt").write_text(TEXT2, encoding="utf-8")
    d = _folder(tmp, {"a.txt": TEXT}, f"file,outlet\na.txt,X\n{tmp / 'secret.txt'},Y\n")
    return _err(tmp, d, "metadata.csv", "line 3", "secret.txt")


@case("folder")
def _symlink_leaving_the_folder(tmp):
    (tmp / "secret.txt").write_text(TEXT2, encoding="utf-8")
    d = _folder(tmp, {"a.txt": TEXT})
    (d / "b.txt").symlink_to(tmp / "secret.txt")
    return _err(tmp, d, "b.txt")


@case("folder")
def _symlink_listed_in_metadata(tmp):
    (tmp / "secret.txt").write_text(TEXT2, encoding="utf-8")
    d = _folder(tmp, {"a.txt": TEXT}, "file,outlet\na.txt,X\nb.txt,Y\n")
    (d / "b.txt").symlink_to(tmp / "secret.txt")
    return _err(tmp, d, "b.txt")


@case("folder")
def _binary_txt_file(tmp):
    d = _folder(tmp, {"a.txt": TEXT, "b.txt": b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4})
    return _ok(tmp, d, {"a": "ok", "b": "undecodable: byte 0x89"})


@case("folder")
def _latin1_txt_file(tmp):
    d = _folder(tmp, {"a.txt": TEXT, "b.txt": "Caf\u00e9 shelled.".encode("latin-1")})
    return _ok(tmp, d, {"a": "ok", "b": "undecodable"})


@case("folder")
def _broken_html(tmp):
    d = _folder(tmp, {"a.txt": TEXT,
                      "b.html": "<html><body><p>" + TEXT2 + "<div><span></p></b>&&#xZZ;<p"})
    return _ok(tmp, d, {"a": "ok", "b": ""})


@case("folder")
def _empty_txt_file(tmp):
    d = _folder(tmp, {"a.txt": TEXT, "b.txt": ""})
    return _ok(tmp, d, {"a": "ok", "b": "empty"})


@case("folder")
def _empty_folder(tmp):
    return _ok(tmp, _folder(tmp, {}), {})


@case("folder")
def _no_metadata_csv(tmp):
    return _ok(tmp, _folder(tmp, {"a.txt": TEXT, "b.txt": TEXT2}), {"a": "ok", "b": "ok"})


@case("folder")
def _metadata_unknown_columns(tmp):
    d = _folder(tmp, {"a.txt": TEXT, "b.txt": TEXT2},
                "file,outlet,colour,weird col\na.txt,X,red,1\nb.txt,Y,blue,2\n")
    return _ok(tmp, d, {"a": "ok", "b": "ok"})


@case("folder")
def _metadata_with_bom(tmp):
    d = _folder(tmp, {"a.txt": TEXT, "b.txt": TEXT2})
    (d / "metadata.csv").write_bytes(b"\xef\xbb\xbffile,outlet\na.txt,X\nb.txt,Y\n")

    def check(out, err):
        docs = pd.read_csv(tmp / "out" / "documents.csv", keep_default_na=False)
        assert docs["outlet"].tolist() == ["X", "Y"]
    return _ok(tmp, d, {"a": "ok", "b": "ok"}, check=check)


@case("folder")
def _metadata_with_unquoted_commas(tmp):
    # read shifted before: 'file' took the outlet column, every document a 'missing file'
    d = _folder(tmp, {"a.txt": TEXT, "b.txt": TEXT2},
                "file,outlet,title\na.txt,X,Hello, world\nb.txt,Y,Bye, now\n")
    return _err(tmp, d, "metadata.csv", "line 2", "double quotes")


@case("folder")
def _metadata_separated_by_semicolons(tmp):
    d = _folder(tmp, {"a.txt": TEXT, "b.txt": TEXT2}, "file;outlet\na.txt;X\nb.txt;Y\n")
    return _err(tmp, d, "metadata.csv", "line 1", "semicolons")


@case("folder")
def _metadata_without_file_column(tmp):
    d = _folder(tmp, {"a.txt": TEXT}, "name,outlet\na.txt,X\n")
    return _err(tmp, d, "metadata.csv", "file")


@case("folder")
def _huge_txt_file(tmp):
    d = _folder(tmp, {"a.txt": TEXT, "b.txt": "word " * 1_000_001})
    return _ok(tmp, d, {"a": "ok", "b": "too long"})


@case("folder", pytest.mark.skipif(not Path("/dev/zero").exists(), reason="no /dev/zero"))
def _device_as_corpus(tmp):
    # an endless 'file': it was read until the memory ran out (killed)
    return Case(["analyze", "/dev/zero", "--input-format", "jsonl", "--out", str(tmp / "out"),
                 *FAST], "error", names=("/dev/zero", "not a regular file"), out=tmp / "out")


@case("folder")
def _metadata_lists_a_folder(tmp):
    d = _folder(tmp, {"a.txt": TEXT, "sub/b.txt": TEXT2}, "file,outlet\na.txt,X\nsub,Y\n")
    return _ok(tmp, d, {"a": "ok", "sub": "not a file"})


@case("folder", pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes"))
def _named_pipe_in_folder(tmp):
    # reading a pipe blocks until something writes to it: the run hung
    d = _folder(tmp, {"a.txt": TEXT}, "file,outlet\na.txt,X\nb.txt,Y\n")
    os.mkfifo(d / "b.txt")
    return _ok(tmp, d, {"a": "ok", "b": "not a file: a pipe"})


@case("folder", pytest.mark.skipif(sys.platform in ("win32", "darwin"),
                                   reason="file names there are always Unicode"))
def _file_name_not_utf8(tmp):
    # the name's byte 0xff came back as a lone surrogate: an internal UnicodeEncodeError
    # when documents.csv and the manifest were written
    d = _folder(tmp, {"a.txt": TEXT})
    with open(os.fsencode(d) + b"/b\xff.txt", "wb") as f:
        f.write(TEXT2.encode())
    return _ok(tmp, d, {"a": "ok", "b\ufffd": "ok"})


# =========================================================================== lexicons, studies

def _lex(tmp, content: str, name="lex.csv", meta=None) -> Path:
    p = tmp / name
    p.write_text(content, encoding="utf-8")
    if meta is not None:
        (tmp / name).with_suffix(".json").write_text(
            meta if isinstance(meta, str) else json.dumps(meta), encoding="utf-8")
    return p


def _corpus_csv(tmp) -> Path:
    return _csv(tmp, f"doc_id,outlet,text\na,X,{QTEXT}\nb,Y,{TEXT2}\n", name="corpus.csv")


def _with_lexicon(tmp, lex, *names):
    return _err(tmp, _corpus_csv(tmp), *names, extra=("--lexicon", str(lex)))


@case("lexicon")
def _missing_lexicon_file(tmp):
    return _with_lexicon(tmp, tmp / "nope.csv", "nope.csv")


@case("lexicon")
def _unknown_lexicon_name(tmp):
    return _with_lexicon(tmp, "no_such_lexicon", "no_such_lexicon")


@case("lexicon")
def _empty_lexicon_file(tmp):
    return _with_lexicon(tmp, _lex(tmp, ""), "lex.csv")


@case("lexicon")
def _header_only_lexicon(tmp):
    return _with_lexicon(tmp, _lex(tmp, "term,category,side\n"), "lex.csv", "no terms")


@case("lexicon")
def _missing_term_column(tmp):
    return _with_lexicon(tmp, _lex(tmp, "word,category\nshelling,violence\n"), "lex.csv", "term")


@case("lexicon")
def _empty_term(tmp):
    return _with_lexicon(tmp, _lex(tmp, "term,category\nshelled,v\n,v\n"), "lex.csv", "line 3")


@case("lexicon")
def _duplicate_term_different_sides(tmp):
    return _with_lexicon(tmp, _lex(tmp, "term,category,side\nStepanakert,t,a\nstepanakert,t,b\n"),
                         "lex.csv", "line 3", "line 2")


@case("lexicon")
def _invalid_regex(tmp):
    return _with_lexicon(tmp, _lex(tmp, "term,category\nre:shell(ed,v\n"), "lex.csv", "line 2")


@case("lexicon")
def _catastrophic_regex(tmp):
    return _with_lexicon(tmp, _lex(tmp, "term,category\nre:(a+)+b,v\n"), "lex.csv", "line 2")


@case("lexicon")
def _malformed_lexicon_csv(tmp):
    return _with_lexicon(tmp, _lex(tmp, 'term,category\n"shelled,v\nattack,v\n'), "lex.csv")


@case("lexicon")
def _latin1_lexicon(tmp):
    p = tmp / "lex.csv"
    p.write_bytes("term,category\ncaf\u00e9,v\n".encode("latin-1"))
    return _with_lexicon(tmp, p, "lex.csv")


@case("lexicon")
def _sidecar_invalid_json(tmp):
    return _with_lexicon(tmp, _lex(tmp, "term,category\nshelled,v\n", meta='{"role": "naming",'),
                         "lex.json")


@case("lexicon")
def _sidecar_not_an_object(tmp):
    return _with_lexicon(tmp, _lex(tmp, "term,category\nshelled,v\n", meta="[1, 2]"), "lex.json")


@case("lexicon")
def _sidecar_role_wrong_type(tmp):
    return _with_lexicon(tmp, _lex(tmp, "term,category\nshelled,v\n", meta={"role": 5}),
                         "lex.json", "role")


@case("lexicon")
def _sidecar_unknown_role(tmp):
    return _with_lexicon(tmp, _lex(tmp, "term,category\nshelled,v\n", meta={"role": "namign"}),
                         "lex.json", "role")


@case("lexicon")
def _sidecar_sides_wrong_type(tmp):
    return _with_lexicon(tmp, _lex(tmp, "term,category,side\nshelled,v,a\n",
                                   meta={"sides": "a"}), "lex.json", "sides")


@case("lexicon")
def _sidecar_contrast_wrong_type(tmp):
    return _with_lexicon(tmp, _lex(tmp, "term,category,side\nshelled,v,a\nattack,v,b\n",
                                   meta={"sides": {"a": "A", "b": "B"}, "contrast": "a"}),
                         "lex.json", "contrast")


@case("lexicon")
def _sidecar_contrast_side_not_declared(tmp):
    return _with_lexicon(tmp, _lex(tmp, "term,category,side\nshelled,v,a\nattack,v,b\n",
                                   meta={"sides": {"a": "A", "b": "B"}, "contrast": ["a", "z"]}),
                         "lex.json", "'z'")


@case("lexicon")
def _side_not_declared_in_sidecar(tmp):
    return _with_lexicon(tmp, _lex(tmp, "term,category,side\nshelled,v,a\nattack,v,q\n",
                                   meta={"sides": {"a": "A"}}), "lex.csv", "line 3", "'q'")


@case("lexicon")
def _lexicon_is_a_folder(tmp):
    d = tmp / "lexdir"
    d.mkdir()
    return _with_lexicon(tmp, d, "lexdir", "is a folder")


@case("lexicon")
def _lexicon_check_subcommand(tmp):
    p = _lex(tmp, "term,category\nshelled,v\n,v\n")
    return Case(["lexicon", "check", str(p)], "error", names=("lex.csv", "line 3"))


def _study(tmp, meta, lexicons: dict) -> Path:
    d = tmp / "study"
    d.mkdir()
    (d / "study.json").write_text(meta if isinstance(meta, str) else json.dumps(meta),
                                  encoding="utf-8")
    for name, content in lexicons.items():
        (d / name).write_text(content, encoding="utf-8")
    return d


def _with_study(tmp, st, *names):
    return _err(tmp, _corpus_csv(tmp), *names, extra=("--study", str(st)))


_GOOD_LEX = "term,category,side\nshelled,v,a\nrepelled,v,b\n"


@case("study")
def _study_names_a_missing_lexicon(tmp):
    st = _study(tmp, {"lexicons": ["terms", "missing"]}, {"terms.csv": _GOOD_LEX})
    return _with_study(tmp, st, "study.json", "'missing'")


@case("study")
def _study_contrast_side_not_declared(tmp):
    st = _study(tmp, {"sides": {"a": {"label": "A"}, "b": {"label": "B"}},
                      "contrast": ["a", "c"]}, {"terms.csv": _GOOD_LEX})
    return _with_study(tmp, st, "study.json", "'c'")


@case("study")
def _study_invalid_json(tmp):
    st = _study(tmp, '{"lexicons": ["terms"', {"terms.csv": _GOOD_LEX})
    return _with_study(tmp, st, "study.json", "line 1")


@case("study")
def _study_sides_wrong_type(tmp):
    st = _study(tmp, {"sides": ["a", "b"], "lexicons": ["terms"]}, {"terms.csv": _GOOD_LEX})
    return _with_study(tmp, st, "study.json", "sides")


@case("study")
def _study_lexicons_wrong_type(tmp):
    st = _study(tmp, {"lexicons": "terms"}, {"terms.csv": _GOOD_LEX})
    return _with_study(tmp, st, "study.json", "lexicons")


@case("study")
def _study_contrast_of_three(tmp):
    st = _study(tmp, {"contrast": ["a", "b", "c"]}, {"terms.csv": _GOOD_LEX})
    return _with_study(tmp, st, "study.json", "contrast")


@case("study")
def _study_side_spec_wrong_type(tmp):
    st = _study(tmp, {"sides": {"a": 5, "b": {"label": "B"}}}, {"terms.csv": _GOOD_LEX})
    return _with_study(tmp, st, "study.json", "'a'")


@case("study")
def _study_bad_lexicon_in_folder(tmp):
    st = _study(tmp, {"lexicons": ["terms"]}, {"terms.csv": "term,category\nshelled,v\n,v\n"})
    return _with_study(tmp, st, "terms.csv", "line 3")


@case("study")
def _study_folder_without_lexicons(tmp):
    st = _study(tmp, {"title": "nothing"}, {})
    return _with_study(tmp, st, "study", "without lexicons")


@case("study")
def _study_is_a_lexicon_file(tmp):
    return _with_study(tmp, _lex(tmp, _GOOD_LEX), "lex.csv", "--lexicon")


@case("study")
def _unknown_study_name(tmp):
    return _with_study(tmp, "no_such_study", "no_such_study")


@case("study")
def _study_json_not_utf8(tmp):
    # the error line was Python's "'utf-8' codec can't decode byte 0xe9 ...", with no file
    st = _study(tmp, {}, {"terms.csv": _GOOD_LEX})
    (st / "study.json").write_bytes('{"title": "Caf\u00e9"}'.encode("latin-1"))
    return _with_study(tmp, st, "study.json", "0xe9", "UTF-8")


@case("study")
def _study_json_is_a_folder(tmp):
    # was ignored: the folder's lexicons were used as a study without study.json
    st = _study(tmp, {}, {"terms.csv": _GOOD_LEX})
    (st / "study.json").unlink()
    (st / "study.json").mkdir()
    return _with_study(tmp, st, "study.json", "is a folder")


@case("study")
def _study_lexicons_item_not_a_name(tmp):
    # said "lexicon "{'name': 'terms'}" has no file {'name': 'terms'}.csv"
    st = _study(tmp, {"lexicons": ["terms", {"name": "terms"}]}, {"terms.csv": _GOOD_LEX})
    return _with_study(tmp, st, "study.json", "'lexicons'", "item 2")


@case("study")
def _study_empty_name(tmp):
    # --study '' read the current folder as a study: "corpus.csv: a lexicon needs the
    # columns 'term' and 'category'"
    return _with_study(tmp, "", "a study needs a name or a folder")


@case("study")
def _study_check_subcommand(tmp):
    st = _study(tmp, '{"lexicons": ["terms"', {"terms.csv": _GOOD_LEX})
    return Case(["study", "check", str(st)], "error", names=("study.json", "line 1"))


# =========================================================================== outputs

@case("output")
def _out_is_a_regular_file(tmp):
    c = _corpus_csv(tmp)
    f = tmp / "results"
    f.write_text("keep me", encoding="utf-8")

    def check(out, err):
        assert f.read_text(encoding="utf-8") == "keep me"
    return Case(["analyze", str(c), "--out", str(f), *FAST], "error", names=("results",),
                check=check)


@case("output")
def _out_below_a_regular_file(tmp):
    c = _corpus_csv(tmp)
    f = tmp / "results"
    f.write_text("keep me", encoding="utf-8")
    return Case(["analyze", str(c), "--out", str(f / "o"), *FAST], "error",
                names=("results is a file",), out=f / "o")


@case("output", pytest.mark.skipif(hasattr(os, "geteuid") and os.geteuid() == 0,
                                   reason="root may write into a read-only folder"))
def _out_in_a_read_only_folder(tmp):
    c = _corpus_csv(tmp)
    ro = tmp / "ro"
    ro.mkdir()
    ro.chmod(0o555)
    return Case(["analyze", str(c), "--out", str(ro / "o"), *FAST], "error", names=("ro",),
                out=ro / "o")


@case("output")
def _out_name_too_long(tmp):
    # root writes into read-only folders; a name longer than the system allows fails for all
    c = _corpus_csv(tmp)
    o = tmp / ("o" * 300)
    return Case(["analyze", str(c), "--out", str(o), *FAST], "error",
                names=("--out", "too long"))


@case("output")
def _out_is_the_corpus_folder(tmp):
    d = _folder(tmp, {"a.txt": TEXT})
    return Case(["analyze", str(d), "--out", str(d), *FAST], "error", names=("corpus",))


@case("output")
def _out_is_a_folder_of_other_files(tmp):
    c = _corpus_csv(tmp)
    o = tmp / "thesis"
    o.mkdir()
    (o / "chapter1.docx").write_bytes(b"precious")

    def check(out, err):
        assert (o / "chapter1.docx").read_bytes() == b"precious"
    return Case(["analyze", str(c), "--out", str(o), *FAST], "error", names=("thesis",),
                check=check)


@case("output")
def _out_is_the_corpus_file(tmp):
    c = _corpus_csv(tmp)

    def check(out, err):
        assert c.read_text(encoding="utf-8").startswith("doc_id,outlet,text")
    return Case(["analyze", str(c), "--out", str(c), *FAST], "error", names=("corpus.csv",),
                check=check)


@case("output")
def _out_is_an_earlier_framing_output(tmp):
    c = _corpus_csv(tmp)
    o = tmp / "o"
    assert main(["analyze", str(c), "--out", str(o), "--quiet", *FAST]) == 0
    return Case(["analyze", str(c), "--out", str(o), *FAST], "ok", statuses={"a": "ok", "b": "ok"},
                out=o)


# =========================================================================== options

def _opt(tmp, *extra, names=()):
    return Case(["analyze", str(_corpus_csv(tmp)), "--out", str(tmp / "out"), *extra],
                "error", names=names, out=tmp / "out")


@case("option")
def _n_jobs_zero(tmp):
    return _opt(tmp, "--n-jobs", "0", names=("--n-jobs", "'0'"))


@case("option")
def _n_jobs_minus_five(tmp):
    return _opt(tmp, "--n-jobs", "-5", names=("--n-jobs", "'-5'"))


@case("option")
def _n_jobs_abc(tmp):
    return _opt(tmp, "--n-jobs", "abc", names=("--n-jobs", "abc"))


@case("option")
def _stages_bogus(tmp):
    return _opt(tmp, "--stages", "bogus", names=("bogus",))


@case("option")
def _stages_one_bogus_of_two(tmp):
    return _opt(tmp, "--stages", "tone,bogus", names=("bogus",))


@case("option")
def _format_bogus(tmp):
    return _opt(tmp, "--format", "bogus", names=("--format", "bogus"))


@case("option")
def _input_format_bogus(tmp):
    return _opt(tmp, "--input-format", "xml", names=("--input-format", "xml"))


@case("option")
def _max_chars_negative(tmp):
    return _opt(tmp, "--max-chars", "-1", names=("--max-chars", "'-1'"))


@case("option")
def _max_chars_zero_is_no_limit(tmp):
    p = _jsonl(tmp / "c.jsonl", [{"doc_id": "a", "text": TEXT}])
    return _ok(tmp, p, {"a": "ok"}, "--max-chars", "0")


@case("option")
def _max_chars_small(tmp):
    p = _jsonl(tmp / "c.jsonl", [{"doc_id": "a", "text": TEXT}, {"doc_id": "b", "text": "Calm."}])
    return _ok(tmp, p, {"a": "too long", "b": "ok"}, "--max-chars", "20")


@case("option")
def _max_chars_not_a_number(tmp):
    return _opt(tmp, "--max-chars", "lots", names=("--max-chars", "lots"))


@case("option")
def _encoding_bogus(tmp):
    return _opt(tmp, "--encoding", "bogus-codec", names=("bogus-codec",))


@case("option")
def _engine_dask_without_path(tmp):
    return Case(["analyze", "--engine", "dask", "--out", str(tmp / "out")], "error",
                names=("--engine dask",), out=tmp / "out")


@case("option")
def _engine_bogus(tmp):
    return _opt(tmp, "--engine", "spark", names=("--engine", "spark"))


@case("option")
def _unknown_option(tmp):
    return _opt(tmp, "--frobnicate", names=("--frobnicate",))


@case("option")
def _input_format_parquet_on_jsonl(tmp):
    p = _jsonl(tmp / "c.jsonl", _two_rows())
    return _err(tmp, p, "c.jsonl", "Parquet", extra=("--input-format", "parquet"))


@case("option")
def _text_column_flag_empty(tmp):
    return _opt(tmp, "--text-column", "", names=("--text-column",))


@case("option")
def _one_column_for_two_fields(tmp):
    # the doc_id column went to the outlet and the ids were silently renumbered doc000000...
    return _opt(tmp, "--outlet-column", "doc_id", "--event-column", "doc_id", *FAST,
                names=("'doc_id'", "outlet", "event"))


@case("option")
def _text_column_taken_by_another_flag(tmp):
    # said "no text column; columns found: source_doc_id, outlet, doc_id" (names the file
    # does not have)
    return _opt(tmp, "--doc-id-column", "text", *FAST,
                names=("corpus.csv", "'text'", "doc_id", "--text-column"))


@case("option")
def _events_infer_without_dates(tmp):
    # no dated document: an internal IndexError in infer_events
    c = _csv(tmp, f"doc_id,outlet,text\na,X,{QTEXT}\nb,Y,{TEXT2}\nc,Y,\n")
    return _ok(tmp, c, {"a": "ok", "b": "ok", "c": "empty"}, "--events", "infer")


@case("option")
def _n_jobs_huge(tmp):
    # every job is a process: thousands were forked for a corpus of two documents
    return _opt(tmp, "--n-jobs", "100000", *FAST, names=("--n-jobs", "'100000'", "-1"))


@case("option")
def _partitions_zero(tmp):
    return _opt(tmp, "--partitions", "0", *FAST, names=("--partitions", "'0'"))


@case("option")
def _encoding_not_a_text_codec(tmp):
    # rot13 and base64 are codecs, not text encodings: an internal LookupError
    return _opt(tmp, "--encoding", "rot13", *FAST, names=("rot13", "not a known text encoding"))


@case("option")
def _encoding_utf16_on_a_utf8_csv(tmp):
    # "UTF-16 stream does not start with BOM" was an internal UnicodeError
    return _opt(tmp, "--encoding", "utf-16", *FAST, names=("corpus.csv", "not utf-16"))


@case("option")
def _encoding_utf16_on_a_utf8_jsonl(tmp):
    p = _jsonl(tmp / "c.jsonl", _two_rows())
    return _err(tmp, p, "c.jsonl", "line 1", "utf-16", extra=("--encoding", "utf-16"))


@case("option")
def _corpus_path_empty(tmp):
    # Path('') is the current folder: "[Errno 21] Is a directory: '.'"
    return Case(["analyze", "", "--out", str(tmp / "out"), *FAST], "error",
                names=("corpus path is empty",), out=tmp / "out")


# =========================================================================== other commands

@case("command")
def _kwic_on_invalid_jsonl(tmp):
    p = _jsonl(tmp / "c.jsonl", [_two_rows()[0], "{oops"])
    return Case(["kwic", str(p), "shelled"], "error", names=("c.jsonl", "line 2"))


@case("command")
def _evaluate_missing_gold(tmp):
    return Case(["evaluate", "agency", str(tmp / "gold.jsonl")], "error", names=("gold.jsonl",))


@case("command")
def _evaluate_invalid_gold(tmp):
    g = tmp / "gold.jsonl"
    g.write_text('{"doc_id": "a"\n', encoding="utf-8")
    return Case(["evaluate", "attribution", str(g)], "error", names=("gold.jsonl", "line 1"))


@case("command")
def _kwic_limit_negative(tmp):
    # head(-1): every match but the last was shown
    return Case(["kwic", str(_corpus_csv(tmp)), "shelled", "--limit", "-1"], "error",
                names=("--limit", "'-1'"))


@case("command")
def _kwic_window_huge(tmp):
    # each line was padded to the window: a MemoryError, reported as "framing: error: "
    return Case(["kwic", str(_corpus_csv(tmp)), "shelled", "--window", "10000000000000"],
                "error", names=("--window", "10000000000000"))


@case("command")
def _evaluate_agency_gold_without_fields(tmp):
    # an internal AttributeError ('Pandas' object has no attribute 'trigger') when the
    # unlocated records were printed
    g = _jsonl(tmp / "gold.jsonl", [{"doc_id": "a", "sentence": "x", "agent": "y"}])
    return Case(["evaluate", "agency", str(g)], "error",
                names=("gold.jsonl", "record 1", "context", "trigger"))


@case("command")
def _evaluate_gold_not_utf8(tmp):
    # the line was Python's bare "'utf-8' codec can't decode byte 0x80 ...", with no file
    g = tmp / "gold.jsonl"
    g.write_bytes(b'{"doc_id": "a"}\n' + bytes(range(128, 256)))
    return Case(["evaluate", "attribution", str(g)], "error",
                names=("gold.jsonl", "line 2", "0x80", "UTF-8"))


@case("command")
def _evaluate_gold_is_a_folder(tmp):
    (tmp / "gold").mkdir()
    return Case(["evaluate", "agency", str(tmp / "gold")], "error", names=("gold", "is a folder"))


# =========================================================================== the runner

def _run(args, capsys):
    rc = main([str(a) for a in args])
    captured = capsys.readouterr()
    return rc, captured.out, captured.err


@pytest.mark.filterwarnings("ignore::UserWarning")
@pytest.mark.parametrize("build", CASES)
def test_bad_input(build, tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    c = build(tmp_path)
    capsys.readouterr()
    try:
        rc, out, err = _run(c.args, capsys)
    except SystemExit as e:  # argparse
        rc = e.code
        captured = capsys.readouterr()
        out, err = captured.out, captured.err
    assert "Traceback" not in out + err
    assert "internal error" not in err, err
    if c.expect == "error":
        assert rc == 2, (rc, out, err)
        lines = [ln for ln in err.splitlines() if ln.strip()]
        errors = [ln for ln in lines if not ln.startswith("framing: warning:")]
        assert len(errors) == 1, err
        line = errors[0].replace(str(tmp_path), "<tmp>")  # names are checked without the path
        assert line.startswith("framing") and ": error: " in line, line
        for name in c.names:
            assert name in line, (name, line)
        if c.out is not None:
            assert not c.out.exists(), "an output folder was left behind"
            assert not list(c.out.parent.glob(f".{c.out.name}.framing-tmp-*"))
    else:
        assert rc == 0, (rc, out, err)
        docs = pd.read_csv(c.out / "documents.csv", keep_default_na=False, dtype=str)
        got = dict(zip(docs["doc_id"], docs["status"]))
        assert list(got) == list(c.statuses), got
        for doc_id, want in c.statuses.items():
            assert got[doc_id].startswith(want), (doc_id, got[doc_id], want)
            if got[doc_id] != "ok":
                assert f"skipped {doc_id}: {got[doc_id]}" in out, out
        assert (c.out / "manifest.json").exists()
    if c.check is not None:
        c.check(out, err)


def test_enough_cases():
    groups: dict = {}
    for p in CASES:
        g = p.id.split("-")[0]
        groups[g] = groups.get(g, 0) + 1
    assert sum(groups.values()) >= 60, groups


# =========================================================================== subprocesses

def _sub(*args, timeout=60):
    return subprocess.run([sys.executable, "-m", "framing.cli", *map(str, args)],
                          capture_output=True, text=True, timeout=timeout)


@pytest.mark.parametrize("name, content, where", [
    ("c.jsonl", json.dumps(_two_rows()[0]) + "\n[1]\n", "c.jsonl, line 2"),
    # a warning (no outlet column) comes before the error: stderr is still the error alone
    ("c.csv", "doc_id;text\na;Troops moved.\n", "c.csv, line 1"),
])
def test_subprocess_error_is_one_line_on_stderr(tmp_path, name, content, where):
    p = tmp_path / name
    p.write_text(content, encoding="utf-8")
    r = _sub("analyze", p, "--out", tmp_path / "o", *FAST)
    assert r.returncode == 2 and r.stdout == ""
    assert r.stderr.count("\n") == 1 and r.stderr.startswith("framing: error: "), r.stderr
    assert where in r.stderr
    assert not (tmp_path / "o").exists()


def test_subprocess_warnings_still_shown_after_a_good_run(tmp_path):
    p = tmp_path / "c.csv"
    p.write_text(f"doc_id,text\na,{QTEXT}\nb,\n", encoding="utf-8")
    r = _sub("analyze", p, "--out", tmp_path / "o", *FAST)
    assert r.returncode == 0, r.stderr
    lines = r.stderr.splitlines()
    assert lines and all(ln.startswith("framing: warning: ") for ln in lines), r.stderr
    assert any("no outlet column" in ln for ln in lines)
    assert any("b: empty" in ln for ln in lines)


def test_subprocess_argparse_error_is_one_line(tmp_path):
    r = _sub("analyze", "--n-jobs", "abc", "--out", tmp_path / "o")
    assert r.returncode == 2 and "Traceback" not in r.stderr
    assert r.stderr.count("\n") == 1, r.stderr
    assert "--n-jobs" in r.stderr and "abc" in r.stderr


def test_collect_non_ascii_url_is_a_status(tmp_path, capsys):
    """An internationalized address (Cyrillic host and path) ended the whole run in an
    internal UnicodeEncodeError; it is now the URL's status, the run goes on."""
    urls = tmp_path / "urls.txt"
    urls.write_text("http://\u043f\u0440\u0438\u043c\u0435\u0440.invalid/a\nftp://x.invalid/b\n",
                    encoding="utf-8")
    rc = main(["collect", str(urls), "--out", str(tmp_path / "c"), "--quiet"])
    captured = capsys.readouterr()
    assert rc == 0 and captured.err == "", captured.err
    meta = pd.read_csv(tmp_path / "c" / "metadata.csv", keep_default_na=False)
    assert meta["status"].tolist() == ["invalid_url", "invalid_url"]
    assert meta["detail"].tolist()[0].startswith("contains characters outside ASCII")


# =========================================================================== Python API

def test_api_load_corpus_dataframe_without_text_column():
    with pytest.raises(framing.CorpusError, match="no text column; columns found: doc_id, body[.]"):
        framing.load_corpus(pd.DataFrame({"doc_id": ["a"], "body": [TEXT]}))


def test_api_analyze_empty_dataframe():
    a = framing.analyze(pd.DataFrame())
    assert len(a.documents) == 0 and len(a.hits) == 0


def test_api_analyze_dataframe_without_text_column():
    with pytest.raises(framing.CorpusError, match="no text column"):
        framing.analyze(pd.DataFrame({"doc_id": ["a"], "content": [TEXT]}))


def test_api_load_lexicon_with_nan_terms():
    df = pd.DataFrame({"term": ["shelled", float("nan"), None],
                       "category": ["v", "v", "v"]})
    # "line 3": the line this row would be on in a CSV file (header = line 1)
    with pytest.raises(framing.LexiconError, match=r"lexicon 'mine', line 3: empty term"):
        framing.load_lexicon(df, name="mine")


def test_api_load_lexicon_missing_file(tmp_path):
    with pytest.raises(framing.FramingError, match="nope.csv"):
        framing.load_lexicon(tmp_path / "nope.csv")


def test_api_load_corpus_bad_encoding(tmp_path):
    p = _jsonl(tmp_path / "c.jsonl", _two_rows())
    with pytest.raises(framing.FramingError, match="bogus-codec"):
        framing.load_corpus(p, encoding="bogus-codec")


# =========================================================================== worker processes

_RACE = """
import signal, sys
from framing.cli import _on_sigterm
signal.signal(signal.SIGTERM, _on_sigterm)  # as in framing analyze
from framing.copies import _sketches
from framing.pipeline import _run_local


class Bar:
    def update(self, *a):
        pass


def bad_chunks():
    raise ValueError("bad first chunk")
    yield


for i in range(40):
    for run in (lambda: list(_sketches(bad_chunks(), (), 2, fn=len)),
                lambda: _run_local(bad_chunks(), None, (), {}, 2, Bar())):
        try:
            run()
        except ValueError:
            pass
print("done")
"""


def test_workers_ended_right_after_their_start_never_hang(tmp_path):
    """A bad first chunk ends a pool of forked workers right after it started; a SIGTERM
    reaching a worker before it installed its own handler was lost (Pool.terminate() then
    waited forever: 'framing analyze c.jsonl.gz' hung) or printed a KeyboardInterrupt
    traceback from the worker."""
    script = tmp_path / "race.py"
    script.write_text(_RACE, encoding="utf-8")
    r = subprocess.run([sys.executable, str(script)], capture_output=True, text=True,
                       timeout=120)
    assert r.returncode == 0 and r.stdout == "done\n", r.stderr[-2000:]
    assert r.stderr == ""


# =========================================================================== Python API (2)

def test_api_load_corpus_multiindex_columns():
    """A DataFrame with two levels of column names was an internal KeyError."""
    df = pd.DataFrame([[TEXT, "a"]], columns=pd.MultiIndex.from_tuples([("text", ""),
                                                                        ("doc_id", "")]))
    with pytest.raises(framing.CorpusError, match=r"^DataFrame: its columns have several "
                                                  r"levels \(a MultiIndex\)"):
        framing.load_corpus(df)


@pytest.mark.parametrize("source, match", [
    (pd.DataFrame({"text": [TEXT]}), "a DataFrame is read whole by load_corpus"),
    (5, "got int$"),
])
def test_api_iter_corpus_needs_a_path(source, match):
    """iter_corpus(DataFrame) was a TypeError from deep in the format detection."""
    with pytest.raises(framing.FramingError, match=match):
        list(framing.iter_corpus(source))


def test_api_iter_corpus_chunksize_not_a_number(tmp_path):
    p = _jsonl(tmp_path / "c.jsonl", _two_rows())
    with pytest.raises(framing.FramingError, match="chunksize must be a whole number >= 1, "
                                                   "got '5'"):
        list(framing.iter_corpus(p, chunksize="5"))


def test_api_lexicon_arguments_of_the_wrong_type():
    """meta=5, load_lexicons(5) and kwic(corpus, 5) were TypeErrors ('int' object is not
    iterable)."""
    df = pd.DataFrame({"term": ["shelled"], "category": ["v"]})
    with pytest.raises(framing.LexiconError, match="meta must be a dict .* got int"):
        framing.load_lexicon(df, meta=5)
    with pytest.raises(framing.LexiconError, match="sources must be a lexicon or a list"):
        framing.load_lexicons(5)
    corpus = framing.load_corpus(pd.DataFrame({"text": [TEXT]}))
    with pytest.raises(framing.FramingError, match="pattern must be a term, a lexicon or a "
                                                   "list of them, got int"):
        framing.kwic(corpus, 5)


def test_api_text_with_a_lone_surrogate_keeps_its_row():
    """A DataFrame text holding a lone surrogate (not valid Unicode) is kept with status
    'undecodable' (no output file could hold it); other string cells get U+FFFD."""
    df = pd.DataFrame({"doc_id": pd.Series(["a", "b\ud800"], dtype=object),
                       "outlet": pd.Series(["X\udc80", "Y"], dtype=object),
                       "text": pd.Series(["Troops \ud800 moved.", TEXT], dtype=object)})
    c = framing.load_corpus(df)
    assert c["doc_id"].tolist() == ["a", "b\ufffd"]
    assert c["outlet"].tolist() == ["X\ufffd", "Y"]
    assert c["status"].tolist() == ["undecodable: a lone surrogate U+D800 at character 7 "
                                    "(not valid Unicode)", "ok"]
