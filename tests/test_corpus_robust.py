"""The corpus loaders on bad and unusual input (issue "Reliability and safety").

Every case ends in one of three ways: the input is read; a ``CorpusError`` whose
one-line message names the file and line (or the row, or the document); or the
document is kept with a ``status`` other than "ok" saying why it has no text.
No document is dropped silently and no pandas/pyarrow traceback reaches the user.
"""
import json
import os
import unicodedata
import warnings

import pandas as pd
import pytest

from framing import CorpusError, FramingError, iter_corpus, load_corpus
from framing.corpus import CORPUS_COLUMNS

pa = pytest.importorskip("pyarrow")
pq = pytest.importorskip("pyarrow.parquet")

# Many loads below warn about documents without text; the tests that care use pytest.warns.
pytestmark = pytest.mark.filterwarnings("ignore::UserWarning")

ENCODING_HINT = "use --encoding (CLI) or encoding= (Python)"


def _write_jsonl(path, rows):
    with open(path, "w", encoding="utf-8") as fh:
        for r in rows:
            fh.write((r if isinstance(r, str) else json.dumps(r)) + "\n")
    return path


def _status(c):
    return dict(zip(c["doc_id"], c["status"]))


# --------------------------------------------------------------------------- empty input

def _empty_csv(tmp_path):
    p = tmp_path / "c.csv"
    p.write_bytes(b"")
    return p


def _header_only_csv(tmp_path):
    p = tmp_path / "c.csv"
    p.write_text("doc_id,outlet,text\n", encoding="utf-8")
    return p


def _header_only_tsv(tmp_path):
    p = tmp_path / "c.tsv"
    p.write_text("doc_id\toutlet\ttext\n", encoding="utf-8")
    return p


def _empty_jsonl(tmp_path):
    p = tmp_path / "c.jsonl"
    p.write_bytes(b"")
    return p


def _blank_lines_jsonl(tmp_path):
    p = tmp_path / "c.jsonl"
    p.write_text("\n  \n\n", encoding="utf-8")
    return p


def _zero_row_parquet(tmp_path):
    p = tmp_path / "c.parquet"
    pq.write_table(pa.table({"doc_id": pa.array([], pa.string()), "text": pa.array([], pa.string())}), p)
    return p


def _empty_folder(tmp_path):
    d = tmp_path / "corpus"
    d.mkdir()
    return d


def _folder_header_only_metadata(tmp_path):
    d = tmp_path / "corpus"
    d.mkdir()
    (d / "metadata.csv").write_text("file,outlet\n", encoding="utf-8")
    return d


EMPTY_SOURCES = [_empty_csv, _header_only_csv, _header_only_tsv, _empty_jsonl, _blank_lines_jsonl,
                 _zero_row_parquet, _empty_folder, _folder_header_only_metadata]


@pytest.mark.parametrize("make", EMPTY_SOURCES, ids=lambda f: f.__name__.strip("_"))
def test_empty_source_gives_empty_corpus(tmp_path, make):
    src = make(tmp_path)
    with pytest.warns(UserWarning, match="no documents"):
        c = load_corpus(src)
    assert len(c) == 0
    assert list(c.columns[:len(CORPUS_COLUMNS)]) == CORPUS_COLUMNS


@pytest.mark.parametrize("make", EMPTY_SOURCES, ids=lambda f: f.__name__.strip("_"))
def test_iter_corpus_on_empty_source_yields_one_empty_frame(tmp_path, make):
    chunks = list(iter_corpus(make(tmp_path), chunksize=2))
    assert len(chunks) == 1
    assert len(chunks[0]) == 0
    assert list(chunks[0].columns[:len(CORPUS_COLUMNS)]) == CORPUS_COLUMNS


def test_empty_dataframe_gives_empty_corpus():
    c = load_corpus(pd.DataFrame())
    assert len(c) == 0 and list(c.columns) == CORPUS_COLUMNS


def test_header_only_without_text_column_still_says_so(tmp_path):
    p = tmp_path / "c.csv"
    p.write_text("id,content\n", encoding="utf-8")
    with pytest.raises(CorpusError, match="no text column; columns found: id, content"):
        load_corpus(p)


# --------------------------------------------------------------------------- doc ids

def test_csv_blank_doc_id_names_the_line(tmp_path):
    p = tmp_path / "c.csv"
    p.write_text("doc_id,text\na,Troops moved.\n,Shelling went on.\n", encoding="utf-8")
    with pytest.raises(CorpusError, match=r"c\.csv, line 3: blank doc_id"):
        load_corpus(p)
    with pytest.raises(CorpusError, match=r"c\.csv, line 3: blank doc_id"):
        list(iter_corpus(p, chunksize=1))


def test_csv_whitespace_doc_id_is_blank(tmp_path):
    p = tmp_path / "c.csv"
    p.write_text("doc_id,text\na,Troops moved.\n   ,Shelling went on.\n", encoding="utf-8")
    with pytest.raises(CorpusError, match=r"c\.csv, line 3: blank doc_id"):
        load_corpus(p)


def test_csv_blank_id_line_counts_multiline_fields(tmp_path):
    p = tmp_path / "c.csv"
    p.write_text('doc_id,text\na,"First line\nsecond line\nthird"\n\n,Shelling.\n', encoding="utf-8")
    with pytest.raises(CorpusError, match=r"c\.csv, line 6: blank doc_id"):
        load_corpus(p)
    with pytest.raises(CorpusError, match=r"c\.csv, line 6: blank doc_id"):
        list(iter_corpus(p, chunksize=1))


def test_csv_integer_ids_with_one_missing(tmp_path):
    p = tmp_path / "c.csv"
    p.write_text("id,text\n1,Troops moved.\n,Shelling.\n3,Calm.\n", encoding="utf-8")
    with pytest.raises(CorpusError, match=r"c\.csv, line 3: blank doc_id"):
        load_corpus(p, doc_id="id")


def test_csv_integer_ids_stay_integers(tmp_path):
    p = tmp_path / "c.csv"
    p.write_text("id,text\n1,Troops moved.\n2,Shelling.\n", encoding="utf-8")
    assert list(load_corpus(p, doc_id="id")["doc_id"]) == ["1", "2"]


def test_jsonl_missing_or_null_doc_id_names_the_line(tmp_path):
    p = _write_jsonl(tmp_path / "c.jsonl", [{"doc_id": "a", "text": "x"}, "",
                                           {"doc_id": None, "text": "y"}])
    with pytest.raises(CorpusError, match=r"c\.jsonl, line 3: blank doc_id"):
        load_corpus(p)
    p = _write_jsonl(tmp_path / "d.jsonl", [{"doc_id": "a", "text": "x"}, {"text": "y"}])
    with pytest.raises(CorpusError, match=r"d\.jsonl, line 2: blank doc_id"):
        load_corpus(p)
    with pytest.raises(CorpusError, match=r"d\.jsonl, line 2: blank doc_id"):
        list(iter_corpus(p, chunksize=1))
    p = _write_jsonl(tmp_path / "e.jsonl", [{"text": "x"}, {"doc_id": "b", "text": "y"}])
    with pytest.raises(CorpusError, match=r"e\.jsonl, line 1: blank doc_id"):
        load_corpus(p)
    with pytest.raises(CorpusError, match=r"e\.jsonl, line 2: has a doc_id but"):
        list(iter_corpus(p, chunksize=1))


def test_jsonl_rows_without_text_are_empty_in_any_chunk(tmp_path):
    p = _write_jsonl(tmp_path / "c.jsonl", [{"doc_id": "a", "text": "x"}, {"doc_id": "b"}])
    assert list(load_corpus(p)["status"]) == ["ok", "empty"]
    assert list(pd.concat(iter_corpus(p, chunksize=1))["status"]) == ["ok", "empty"]


def test_jsonl_integer_ids(tmp_path):
    p = _write_jsonl(tmp_path / "c.jsonl", [{"doc_id": 1, "text": "x"}, {"doc_id": 2.0, "text": "y"}])
    assert list(load_corpus(p)["doc_id"]) == ["1", "2"]


def test_jsonl_list_as_id_is_refused(tmp_path):
    p = _write_jsonl(tmp_path / "c.jsonl", [{"doc_id": [1, 2], "text": "x"}])
    with pytest.raises(CorpusError, match=r"c\.jsonl, line 1: doc_id is a list"):
        load_corpus(p)


def test_parquet_integer_ids_with_one_missing(tmp_path):
    p = tmp_path / "c.parquet"
    pq.write_table(pa.table({"doc_id": pa.array([1, None, 3], pa.int64()),
                             "text": ["Troops moved.", "Shelling.", "Calm."]}), p)
    with pytest.raises(CorpusError, match=r"c\.parquet, row 1: blank doc_id"):
        load_corpus(p)


def test_parquet_integer_ids_stay_integers(tmp_path):
    p = tmp_path / "c.parquet"
    big = 1_234_567_890_123_456_789  # beyond float precision
    pq.write_table(pa.table({"doc_id": pa.array([1, 2, big], pa.int64()),
                             "text": ["Troops moved.", "Shelling.", "Calm."]}), p)
    c = load_corpus(p)
    assert list(c["doc_id"]) == ["1", "2", str(big)]
    c.to_parquet(tmp_path / "out.parquet")  # no "Expected bytes, got a 'float' object"


def test_dataframe_missing_ids_are_refused_naming_the_row():
    for missing in (None, float("nan"), pd.NA):
        df = pd.DataFrame({"doc_id": pd.Series(["a", missing, "c"], dtype=object),
                           "text": ["x", "y", "z"]})
        with pytest.raises(CorpusError, match=r"DataFrame, row 1: blank doc_id"):
            load_corpus(df)
    df = pd.DataFrame({"doc_id": [1, None, 3], "text": ["x", "y", "z"]})  # float64 column
    with pytest.raises(CorpusError, match=r"DataFrame, row 1: blank doc_id"):
        load_corpus(df)


def test_dataframe_integer_ids_never_get_decimals():
    for ids in ([1, 2], [1.0, 2.0], pd.array([1, 2], dtype="Int64")):
        df = pd.DataFrame({"doc_id": ids, "text": ["x", "y"]})
        assert list(load_corpus(df)["doc_id"]) == ["1", "2"]


def test_no_id_ever_becomes_nan(tmp_path):
    p = tmp_path / "c.csv"
    p.write_text("doc_id,text\nnan,Troops moved.\nb,Shelling.\n", encoding="utf-8")
    # a literal "nan" id written by the user is theirs to keep; but it is a string
    assert list(load_corpus(p)["doc_id"]) == ["nan", "b"]


def test_folder_metadata_blank_doc_id_names_the_line(tmp_path):
    (tmp_path / "a.txt").write_text("Troops moved.", encoding="utf-8")
    (tmp_path / "b.txt").write_text("Shelling.", encoding="utf-8")
    (tmp_path / "metadata.csv").write_text("file,doc_id\na.txt,A\nb.txt,\n", encoding="utf-8")
    with pytest.raises(CorpusError, match=r"metadata\.csv, line 3: blank doc_id"):
        load_corpus(tmp_path)


def test_folder_metadata_blank_file_names_the_line(tmp_path):
    (tmp_path / "a.txt").write_text("Troops moved.", encoding="utf-8")
    (tmp_path / "metadata.csv").write_text("file,outlet\na.txt,X\n,Y\n", encoding="utf-8")
    with pytest.raises(CorpusError, match=r"metadata\.csv, line 3: blank 'file'"):
        load_corpus(tmp_path)


# --------------------------------------------------------------------------- outlets

def test_blank_outlets_become_unknown(tmp_path):
    p = tmp_path / "c.csv"
    p.write_text("doc_id,outlet,text\na,X,Troops.\nb,,Shelling.\nc,  ,Calm.\n", encoding="utf-8")
    for c in (load_corpus(p), pd.concat(iter_corpus(p, chunksize=1))):
        assert list(c["outlet"]) == ["X", "(unknown)", "(unknown)"]
        assert sorted(c["outlet"].unique()) == ["(unknown)", "X"]


def test_blank_outlets_dataframe_and_jsonl(tmp_path):
    df = pd.DataFrame({"doc_id": ["a", "b", "c", "d"], "outlet": ["X", None, float("nan"), 7],
                       "text": ["t1", "t2", "t3", "t4"]})
    c = load_corpus(df)
    assert list(c["outlet"]) == ["X", "(unknown)", "(unknown)", "7"]
    sorted(c["outlet"])
    p = _write_jsonl(tmp_path / "c.jsonl", [{"doc_id": "a", "outlet": "X", "text": "t"},
                                           {"doc_id": "b", "text": "t"},
                                           {"doc_id": "c", "outlet": None, "text": "t"}])
    assert list(load_corpus(p)["outlet"]) == ["X", "(unknown)", "(unknown)"]


def test_no_outlet_column_gives_unknown():
    c = load_corpus(pd.DataFrame({"text": ["t1", "t2"]}))
    assert list(c["outlet"]) == ["(unknown)", "(unknown)"]


def test_folder_outlets_partly_blank(tmp_path):
    (tmp_path / "a.txt").write_text("Troops moved.", encoding="utf-8")
    (tmp_path / "b.txt").write_text("Shelling.", encoding="utf-8")
    (tmp_path / "metadata.csv").write_text("file,outlet\na.txt,X\nb.txt,\n", encoding="utf-8")
    assert list(load_corpus(tmp_path)["outlet"]) == ["X", "(unknown)"]


# --------------------------------------------------------------------------- corrupt parquet

def test_corrupt_parquet_names_the_file(tmp_path):
    p = tmp_path / "c.parquet"
    p.write_bytes(b"this is not parquet at all, just some bytes")
    with pytest.raises(CorpusError, match=r"c\.parquet: not a readable Parquet file"):
        load_corpus(p)
    with pytest.raises(CorpusError, match=r"c\.parquet: not a readable Parquet file"):
        list(iter_corpus(p))


def test_truncated_parquet_names_the_file(tmp_path):
    good = tmp_path / "good.parquet"
    pd.DataFrame({"doc_id": ["a", "b"], "text": ["x" * 1000, "y" * 1000]}).to_parquet(good)
    data = good.read_bytes()
    p = tmp_path / "c.parquet"
    p.write_bytes(data[:20] + data[-200:])
    with pytest.raises(CorpusError, match=r"c\.parquet: not a readable Parquet file"):
        load_corpus(p)


def test_empty_parquet_file_names_the_file(tmp_path):
    p = tmp_path / "c.parquet"
    p.write_bytes(b"")
    with pytest.raises(CorpusError, match=r"c\.parquet: not a readable Parquet file"):
        load_corpus(p)


# --------------------------------------------------------------------------- non-string text

def test_jsonl_non_string_text_gets_a_status(tmp_path):
    p = _write_jsonl(tmp_path / "c.jsonl", [
        {"doc_id": "s", "text": "Troops moved."},
        {"doc_id": "n", "text": 42},
        {"doc_id": "f", "text": 4.5},
        {"doc_id": "l", "text": ["Troops", "moved"]},
        {"doc_id": "o", "text": {"p": "Troops moved."}},
        {"doc_id": "b", "text": True},
    ])
    with pytest.warns(UserWarning, match="5 of 6"):
        c = load_corpus(p)
    assert _status(c) == {"s": "ok", "n": "not text: int", "f": "not text: float",
                          "l": "not text: list", "o": "not text: dict", "b": "not text: bool"}
    assert list(c["body"]) == ["Troops moved.", "", "", "", "", ""]
    with pytest.raises(CorpusError, match="n: not text: int"):
        load_corpus(p, on_error="raise")


def test_parquet_int_text_column_gets_a_status(tmp_path):
    p = tmp_path / "c.parquet"
    pq.write_table(pa.table({"doc_id": ["a", "b"], "text": pa.array([1, 2], pa.int64())}), p)
    c = load_corpus(p)
    assert list(c["status"]) == ["not text: int", "not text: int"]
    assert list(c["body"]) == ["", ""]


def test_parquet_binary_text_is_decoded(tmp_path):
    # Spark and Impala write strings as plain binary: decode with encoding=
    p = tmp_path / "c.parquet"
    pq.write_table(pa.table({"doc_id": ["a", "b"],
                             "text": pa.array(["Troops moved.".encode(), b"bad \xff bytes"],
                                              pa.binary())}), p)
    c = load_corpus(p)
    assert c.loc[0, "body"] == "Troops moved."
    assert c.loc[0, "status"] == "ok"
    assert c.loc[1, "status"].startswith("undecodable: byte 0xff")
    assert c.loc[1, "body"] == ""


def test_dataframe_python_objects_as_text():
    class Thing:
        pass

    df = pd.DataFrame({"doc_id": ["a", "b", "c", "d"],
                       "text": pd.Series(["Troops moved.", Thing(), ["x"], 3], dtype=object)})
    c = load_corpus(df)
    assert list(c["status"]) == ["ok", "not text: Thing", "not text: list", "not text: int"]
    assert list(c["body"]) == ["Troops moved.", "", "", ""]
    assert not any("Thing object" in str(t) for t in c["text"])


# --------------------------------------------------------------------------- a source "status"

def test_source_status_column_is_kept_as_metadata(tmp_path):
    p = tmp_path / "c.csv"
    p.write_text("doc_id,status,text\na,published,Troops moved.\nb,draft,\n", encoding="utf-8")
    c = load_corpus(p)
    assert list(c["status"]) == ["ok", "empty"]
    assert list(c["source_status"]) == ["published", "draft"]
    assert list(c["body"]) == ["Troops moved.", ""]


def test_source_status_column_dataframe_and_folder(tmp_path):
    df = pd.DataFrame({"doc_id": ["a"], "status": ["draft"], "text": ["Troops moved."]})
    c = load_corpus(df)
    assert c.loc[0, "status"] == "ok" and c.loc[0, "source_status"] == "draft"
    (tmp_path / "a.txt").write_text("Troops moved.", encoding="utf-8")
    (tmp_path / "metadata.csv").write_text("file,status\na.txt,draft\nb.txt,published\n",
                                           encoding="utf-8")
    c = load_corpus(tmp_path)
    assert _status(c) == {"a": "ok", "b": "missing file"}
    assert list(c["source_status"]) == ["draft", "published"]


def test_source_body_column_is_kept_as_metadata():
    df = pd.DataFrame({"doc_id": ["a"], "text": ["Skip to content\n\nTroops moved."],
                       "body": ["<p>Troops moved.</p>"]})
    c = load_corpus(df)
    assert c.loc[0, "body"] == "Troops moved."
    assert c.loc[0, "source_body"] == "<p>Troops moved.</p>"


def test_mapping_clash_keeps_the_other_column():
    df = pd.DataFrame({"doc_id": ["a"], "outlet": ["old"], "media_name": ["New"], "text": ["t"]})
    c = load_corpus(df, outlet="media_name")
    assert c.loc[0, "outlet"] == "New"
    assert c.loc[0, "source_outlet"] == "old"


# --------------------------------------------------------------------------- unicode

def test_nfd_and_nfc_give_identical_bodies(tmp_path):
    nfc = "Stepanakert — Xankəndi, Şuşa, Ağdam: café"
    nfd = unicodedata.normalize("NFD", nfc)
    assert nfc != nfd
    df = pd.DataFrame({"doc_id": ["a", "b"], "outlet": [unicodedata.normalize("NFD", "Azərbaycan"),
                                                          "Azərbaycan"], "text": [nfc, nfd]})
    c = load_corpus(df)
    assert c.loc[0, "body"] == c.loc[1, "body"] == nfc
    assert c.loc[0, "text"] == c.loc[1, "text"] == nfc
    assert c.loc[0, "outlet"] == c.loc[1, "outlet"]
    i = c.loc[1, "body"].index("Şuşa")
    assert c.loc[1, "body"][i:i + 4] == "Şuşa"  # offsets are into the stored (NFC) body


def test_nfd_in_files(tmp_path):
    nfc = "Şuşa was calm."
    (tmp_path / "a.txt").write_text(unicodedata.normalize("NFD", nfc), encoding="utf-8")
    (tmp_path / "b.txt").write_text(nfc, encoding="utf-8")
    c = load_corpus(tmp_path)
    assert c.loc[0, "body"] == c.loc[1, "body"] == nfc
    p = tmp_path / "c.csv"
    p.write_text("doc_id,title,text\na,{0},{0}\n".format(unicodedata.normalize("NFD", nfc)),
                 encoding="utf-8")
    c = load_corpus(p)
    assert c.loc[0, "body"] == c.loc[0, "title"] == nfc


# --------------------------------------------------------------------------- outside the folder

@pytest.fixture
def nested(tmp_path):
    (tmp_path / "secret.txt").write_text("Secret text.", encoding="utf-8")
    d = tmp_path / "corpus"
    d.mkdir()
    (d / "a.txt").write_text("Troops moved.", encoding="utf-8")
    return d


@pytest.mark.parametrize("name", ["../secret.txt", "../../../etc/passwd", "sub/../../secret.txt",
                                  "ABS"])
def test_metadata_path_outside_folder_refused(nested, name):
    if name == "ABS":
        name = str(nested.parent / "secret.txt")
    (nested / "metadata.csv").write_text(f"file,outlet\na.txt,X\n{name},Y\n", encoding="utf-8")
    with pytest.raises(CorpusError, match=r"metadata\.csv, line 3: .*outside the corpus folder") as e:
        load_corpus(nested)
    assert name in str(e.value)
    assert "allow_outside=True" in str(e.value) and "--allow-outside" in str(e.value)
    with pytest.raises(CorpusError, match="outside the corpus folder"):
        list(iter_corpus(nested))


def test_metadata_path_outside_allowed_on_request(nested):
    (nested / "metadata.csv").write_text("file,outlet\na.txt,X\n../secret.txt,Y\n",
                                         encoding="utf-8")
    c = load_corpus(nested, allow_outside=True)
    assert list(c["body"]) == ["Troops moved.", "Secret text."]
    c = pd.concat(iter_corpus(nested, allow_outside=True))
    assert list(c["body"]) == ["Troops moved.", "Secret text."]


def test_symlink_outside_folder_refused(nested):
    os.symlink(nested.parent / "secret.txt", nested / "b.txt")
    with pytest.raises(CorpusError, match=r"b\.txt.*outside the corpus folder") as e:
        load_corpus(nested)
    assert "secret.txt" in str(e.value)
    c = load_corpus(nested, allow_outside=True)
    assert list(c["body"]) == ["Troops moved.", "Secret text."]
    (nested / "metadata.csv").write_text("file\na.txt\nb.txt\n", encoding="utf-8")
    with pytest.raises(CorpusError, match=r"metadata\.csv, line 3: .*b\.txt.*outside"):
        load_corpus(nested)


def test_symlink_inside_folder_is_fine(nested):
    (nested / "sub").mkdir()
    (nested / "sub" / "x.txt").write_text("Shelling went on.", encoding="utf-8")
    os.symlink(nested / "sub" / "x.txt", nested / "b.txt")
    c = load_corpus(nested)
    assert list(c["body"]) == ["Troops moved.", "Shelling went on."]


# --------------------------------------------------------------------------- tool outputs

def _output_folder(d):
    d.mkdir()
    (d / "manifest.json").write_text(json.dumps({"tool": "framing", "version": "0"}),
                                     encoding="utf-8")
    (d / "report.html").write_text("<html><body><article><p>" + "Report text. " * 40
                                   + "</p></article></body></html>", encoding="utf-8")
    (d / "documents.csv").write_text("doc_id,status\na,ok\n", encoding="utf-8")
    (d / "notes.txt").write_text("A text file the tool wrote.", encoding="utf-8")
    return d


def test_output_folder_in_corpus_is_never_read(nested):
    _output_folder(nested / "out")
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # an output folder is skipped without a word
        c = load_corpus(nested)
    assert list(c["doc_id"]) == ["a"]
    # listed in metadata.csv: kept with a status, never read
    (nested / "metadata.csv").write_text("file\na.txt\nout/report.html\nout/notes.txt\n",
                                         encoding="utf-8")
    c = load_corpus(nested)
    st = _status(c)
    assert st["a"] == "ok"
    assert st["report"].startswith("skipped: inside a framing output folder")
    assert st["notes"].startswith("skipped: inside a framing output folder")
    assert "Report text" not in " ".join(c["text"])


def test_output_written_into_corpus_folder_itself(nested):
    (nested / "manifest.json").write_text(json.dumps({"tool": "framing"}), encoding="utf-8")
    (nested / "report.html").write_text("<html><body><p>" + "Report text. " * 40 + "</p></body></html>",
                                        encoding="utf-8")
    (nested / "documents.csv").write_text("doc_id,status\na,ok\n", encoding="utf-8")
    c = load_corpus(nested)
    assert list(c["doc_id"]) == ["a"]


def test_other_manifest_is_not_a_marker(nested):
    d = nested / "sub"
    d.mkdir()
    (d / "manifest.json").write_text(json.dumps({"tool": "other"}), encoding="utf-8")
    (d / "x.txt").write_text("Sub text.", encoding="utf-8")
    (nested / "metadata.csv").write_text("file\na.txt\nsub/x.txt\n", encoding="utf-8")
    assert list(load_corpus(nested)["body"]) == ["Troops moved.", "Sub text."]


def test_subfolders_are_not_read_but_reported(nested):
    d = nested / "more"
    d.mkdir()
    (d / "x.txt").write_text("Sub text.", encoding="utf-8")
    with pytest.warns(UserWarning, match=r"sub-folder\(s\) not read.*more"):
        c = load_corpus(nested)
    assert list(c["doc_id"]) == ["a"]


def test_exclude_keyword(nested):
    (nested / "b.txt").write_text("Shelling went on.", encoding="utf-8")
    (nested / "drafts").mkdir()
    (nested / "drafts" / "d.txt").write_text("Draft.", encoding="utf-8")
    c = load_corpus(nested, exclude=[nested / "b.txt", "drafts"])
    assert list(c["doc_id"]) == ["a"]
    c = pd.concat(iter_corpus(nested, exclude=["b.txt"]))
    assert list(c["doc_id"]) == ["a"]
    (nested / "metadata.csv").write_text("file\na.txt\nb.txt\ndrafts/d.txt\n", encoding="utf-8")
    c = load_corpus(nested, exclude=[str(nested / "b.txt"), nested / "drafts"])
    assert _status(c) == {"a": "ok", "b": "skipped: excluded", "d": "skipped: excluded"}


def test_exclude_must_be_paths(nested):
    with pytest.raises(FramingError, match=r"exclude must be a list of paths.*\['b\.txt'\]"):
        load_corpus(nested, exclude="b.txt")
    with pytest.raises(FramingError, match="exclude must be a list of paths"):
        load_corpus(nested, exclude=[3])


# --------------------------------------------------------------------------- other file types

def test_unsupported_files_get_a_row(nested):
    for name in ("notes.md", "scan.pdf", "old.text", "letter.docx", "README"):
        (nested / name).write_bytes(b"%PDF-1.4 \x00\xff")
    (nested / ".DS_Store").write_bytes(b"\x00\x01")
    with pytest.warns(UserWarning, match="5 of 6"):
        c = load_corpus(nested)
    st = _status(c)
    assert st["a"] == "ok"
    assert st["scan.pdf"] == "skipped: unsupported file type '.pdf'"
    assert st["notes.md"] == "skipped: unsupported file type '.md'"
    assert st["old.text"] == "skipped: unsupported file type '.text'"
    assert st["letter.docx"] == "skipped: unsupported file type '.docx'"
    assert st["README"] == "skipped: unsupported file type (no extension)"
    assert ".DS_Store" not in st
    assert (c.loc[c["doc_id"] != "a", "body"] == "").all()


def test_listed_binary_file_is_not_read_as_text(nested):
    (nested / "scan.pdf").write_bytes(b"%PDF-1.4 binary")
    (nested / "notes.md").write_text("Markdown notes are text.", encoding="utf-8")
    (nested / "metadata.csv").write_text("file\na.txt\nscan.pdf\nnotes.md\n", encoding="utf-8")
    st = _status(load_corpus(nested))
    # a skipped file is named by its whole name: scan.pdf beside scan.txt does not clash
    assert st == {"a": "ok", "scan.pdf": "skipped: unsupported file type '.pdf'", "notes": "ok"}


def test_listed_folder_gets_a_status(nested):
    (nested / "sub").mkdir()
    (nested / "metadata.csv").write_text("file\na.txt\nsub\n", encoding="utf-8")
    assert _status(load_corpus(nested))["sub"] == "not a file: a folder"


def test_txt_and_html_with_same_stem(nested):
    (nested / "a.html").write_text("<html><body><p>Troops.</p></body></html>", encoding="utf-8")
    with pytest.raises(CorpusError, match=r"a\.txt.*a\.html|a\.html.*a\.txt") as e:
        load_corpus(nested)
    assert "doc_id 'a'" in str(e.value)


def test_metadata_same_file_twice_names_the_lines(nested):
    (nested / "metadata.csv").write_text("file\na.txt\na.txt\n", encoding="utf-8")
    with pytest.raises(CorpusError, match=r"duplicate doc_id 'a'.*line 2.*line 3"):
        load_corpus(nested)


# --------------------------------------------------------------------------- chunked ids

def test_generated_ids_continue_across_chunks(tmp_path):
    texts = [f"Document number {i}." for i in range(7)]
    pd.DataFrame({"outlet": ["X"] * 7, "text": texts}).to_csv(tmp_path / "c.csv", index=False)
    _write_jsonl(tmp_path / "c.jsonl", [{"outlet": "X", "text": t} for t in texts])
    pq.write_table(pa.table({"text": texts}), tmp_path / "c.parquet")
    want = [f"doc{i:06d}" for i in range(7)]
    for name in ("c.csv", "c.jsonl", "c.parquet"):
        chunks = list(iter_corpus(tmp_path / name, chunksize=3))
        assert [len(c) for c in chunks] == [3, 3, 1], name
        assert list(pd.concat(chunks)["doc_id"]) == want, name
        assert list(load_corpus(tmp_path / name)["doc_id"]) == want, name


def test_duplicate_across_chunks_names_the_line(tmp_path):
    p = tmp_path / "c.csv"
    p.write_text("doc_id,text\na,x\nb,y\nc,z\na,w\n", encoding="utf-8")
    with pytest.raises(CorpusError, match=r"c\.csv, line 5: duplicate doc_id 'a'"):
        list(iter_corpus(p, chunksize=2))


# --------------------------------------------------------------------------- encodings

def test_csv_latin1_names_line_and_both_fixes(tmp_path):
    p = tmp_path / "c.csv"
    p.write_bytes("doc_id,text\na,fine\nb,café here\n".encode("latin-1"))
    with pytest.raises(CorpusError, match=r"c\.csv.*line 3") as e:
        load_corpus(p)
    assert ENCODING_HINT in str(e.value)
    with pytest.raises(CorpusError, match=r"c\.csv, line 3") as e:
        list(iter_corpus(p, chunksize=1))
    assert ENCODING_HINT in str(e.value) and "near byte" not in str(e.value)
    assert load_corpus(p, encoding="latin-1").loc[1, "body"] == "café here"


def test_csv_latin1_far_down_a_big_file(tmp_path):
    p = tmp_path / "c.csv"
    rows = "".join(f"d{i},Plain ascii text number {i}.\n" for i in range(20000))
    p.write_bytes(("doc_id,text\n" + rows).encode() + "z,café\n".encode("latin-1"))
    with pytest.raises(CorpusError, match=r"c\.csv, line 20002") as e:
        list(iter_corpus(p, chunksize=5000))
    assert ENCODING_HINT in str(e.value)


def test_jsonl_latin1_names_line_and_both_fixes(tmp_path):
    p = tmp_path / "c.jsonl"
    p.write_bytes(b'{"doc_id": "a", "text": "fine"}\n' + '{"doc_id": "b", "text": "café"}\n'.encode("latin-1"))
    with pytest.raises(CorpusError, match=r"c\.jsonl, line 2") as e:
        load_corpus(p)
    assert ENCODING_HINT in str(e.value)


def test_txt_latin1_status_and_hint(tmp_path):
    p = tmp_path / "a.txt"
    p.write_bytes("Line one.\nCafé.\n".encode("latin-1"))
    with pytest.warns(UserWarning, match=ENCODING_HINT.replace("(", r"\(").replace(")", r"\)")):
        c = load_corpus(p)
    assert "(line 2)" in c.loc[0, "status"]
    with pytest.raises(CorpusError, match=r"\(line 2\).*" + ENCODING_HINT.replace("(", r"\(")
                       .replace(")", r"\)")):
        load_corpus(p, on_error="raise")


def test_metadata_csv_latin1(tmp_path):
    (tmp_path / "a.txt").write_text("Troops moved.", encoding="utf-8")
    (tmp_path / "metadata.csv").write_bytes("file,outlet\na.txt,Le Monde é\n".encode("latin-1"))
    with pytest.raises(CorpusError, match=r"metadata\.csv.*line 2") as e:
        load_corpus(tmp_path)
    assert ENCODING_HINT in str(e.value)


def test_folder_one_undecodable_file_others_load(tmp_path):
    (tmp_path / "a.txt").write_text("Troops moved.", encoding="utf-8")
    (tmp_path / "b.txt").write_bytes("Café.".encode("latin-1"))
    (tmp_path / "c.txt").write_text("Shelling went on.", encoding="utf-8")
    with pytest.warns(UserWarning, match=r"1 of 3.*" + ENCODING_HINT.replace("(", r"\(")
                      .replace(")", r"\)")):
        c = load_corpus(tmp_path)
    assert _status(c)["a"] == _status(c)["c"] == "ok"
    assert _status(c)["b"].startswith("undecodable: byte 0xe9")


# --------------------------------------------------------------------------- size limit

def test_max_chars_keeps_the_document_with_a_status(tmp_path):
    df = pd.DataFrame({"doc_id": ["a", "b"], "text": ["Short.", "x" * 50]})
    with pytest.warns(UserWarning, match="too long"):
        c = load_corpus(df, max_chars=20)
    assert _status(c) == {"a": "ok", "b": "too long: 50 characters (limit 20)"}
    assert c.loc[1, "body"] == ""
    assert load_corpus(df, max_chars=None).loc[1, "status"] == "ok"
    assert load_corpus(df).loc[1, "status"] == "ok"  # default limit is large


def test_max_chars_default_is_documented():
    import inspect

    for f in (load_corpus, iter_corpus):
        assert inspect.signature(f).parameters["max_chars"].default == 5_000_000
        assert "max_chars" in f.__doc__


def test_max_chars_in_files(tmp_path):
    (tmp_path / "a.txt").write_text("Short.", encoding="utf-8")
    (tmp_path / "b.txt").write_text("y" * 300, encoding="utf-8")
    (tmp_path / "c.html").write_text("<p>" + "z" * 300 + "</p>", encoding="utf-8")
    (tmp_path / "d.txt").write_text("v" * 401, encoding="utf-8")  # not even read
    c = load_corpus(tmp_path, max_chars=100)
    st = _status(c)
    assert st["a"] == "ok"
    assert st["b"] == "too long: 300 characters (limit 100)"
    assert st["c"] == "too long: 307 characters (limit 100)"
    assert st["d"] == "too long: 401 bytes (limit 100 characters)"
    assert list(c["text"])[1:] == ["", "", ""]
    c = load_corpus(tmp_path / "b.txt", max_chars=100)
    assert c.loc[0, "status"] == "too long: 300 characters (limit 100)"
    p = _write_jsonl(tmp_path / "c.jsonl", [{"text": "ok"}, {"text": "w" * 300}])
    c = pd.concat(iter_corpus(p, max_chars=100))
    assert list(c["status"]) == ["ok", "too long: 300 characters (limit 100)"]


def test_max_chars_must_be_positive():
    for bad in (0, -5, 2.5, "10", True):
        with pytest.raises(FramingError, match="max_chars must be a positive whole number"):
            load_corpus(pd.DataFrame({"text": ["x"]}), max_chars=bad)


# --------------------------------------------------------------------------- no traceback

@pytest.mark.parametrize("content", [b'doc_id,text\na,"unclosed\n', b"a,b\n1,2,3,4\n"])
def test_malformed_csv_is_one_line(tmp_path, content):
    p = tmp_path / "c.csv"
    p.write_bytes(content)
    with pytest.raises(CorpusError) as e:
        load_corpus(p)
    assert str(e.value).startswith(str(p))
    assert "\n" not in str(e.value)


# --------------------------------------------------------------------------- more neighbours

def test_unknown_encoding_is_a_clear_error(tmp_path):
    p = tmp_path / "c.csv"
    p.write_text("doc_id,text\na,x\n", encoding="utf-8")
    with pytest.raises(FramingError, match="encoding='utf-9' is not a known text encoding"):
        load_corpus(p, encoding="utf-9")
    with pytest.raises(FramingError, match="encoding='utf-9' is not a known text encoding"):
        list(iter_corpus(p, encoding="utf-9"))


def test_utf8_byte_order_mark_is_not_part_of_the_first_column(tmp_path):
    # Excel writes "CSV UTF-8" with a byte order mark
    p = tmp_path / "c.csv"
    p.write_bytes(b"\xef\xbb\xbfdoc_id,text\na,Troops moved.\n")
    assert list(load_corpus(p)["doc_id"]) == ["a"]
    assert list(pd.concat(iter_corpus(p, chunksize=1))["doc_id"]) == ["a"]
    p = tmp_path / "c.jsonl"
    p.write_bytes(b'\xef\xbb\xbf{"doc_id": "a", "text": "Troops moved."}\n')
    assert list(load_corpus(p)["doc_id"]) == ["a"]
    (tmp_path / "d").mkdir()
    (tmp_path / "d" / "a.txt").write_bytes(b"\xef\xbb\xbfTroops moved.")
    assert load_corpus(tmp_path / "d").loc[0, "body"] == "Troops moved."


def test_json_array_file_says_it_is_not_json_lines(tmp_path):
    p = tmp_path / "c.json"
    p.write_text('[\n  {"doc_id": "a", "text": "x"}\n]\n', encoding="utf-8")
    with pytest.raises(CorpusError, match=r"c\.json, line 1: .*JSON array.*one object per line"):
        load_corpus(p)
    p.write_text('[{"doc_id": "a", "text": "x"}]\n', encoding="utf-8")
    with pytest.raises(CorpusError, match=r"c\.json, line 1: .*JSON array.*one object per line"):
        load_corpus(p)


def test_jsonl_sparse_mapped_key_across_chunks(tmp_path):
    p = _write_jsonl(tmp_path / "c.jsonl", [{"id": "a", "media": "X", "content": "t1"},
                                           {"id": "b", "content": "t2"},
                                           {"id": "c", "media": "Y", "content": "t3"}])
    kw = dict(doc_id="id", outlet="media", text="content")
    want = ["X", "(unknown)", "Y"]
    assert list(load_corpus(p, **kw)["outlet"]) == want
    assert list(pd.concat(iter_corpus(p, chunksize=1, **kw))["outlet"]) == want


def test_file_format_on_a_folder(tmp_path):
    with pytest.raises(CorpusError, match="not a file"):
        list(iter_corpus(tmp_path, format="csv"))
    with pytest.raises(CorpusError, match="not a file"):
        load_corpus(tmp_path, format="jsonl")


def test_duplicate_column_names_in_dataframe():
    df = pd.DataFrame([["a", "x", "y"]], columns=["doc_id", "text", "text"])
    with pytest.raises(CorpusError, match=r"DataFrame: column 'text' appears 2 times"):
        load_corpus(df)


def test_dataframe_with_repeated_index_labels():
    df = pd.DataFrame({"doc_id": ["a", "b"], "text": ["Troops moved.", "Calm."]}, index=[0, 0])
    c = load_corpus(df)
    assert list(c["body"]) == ["Troops moved.", "Calm."]


def test_html_extractor_failure_is_a_status(tmp_path, monkeypatch):
    import framing.corpus as fc

    def boom(html):
        raise RuntimeError("parser exploded")

    monkeypatch.setattr(fc, "_extract_html", boom)
    (tmp_path / "a.html").write_text("<p>x</p>", encoding="utf-8")
    (tmp_path / "b.txt").write_text("Troops moved.", encoding="utf-8")
    st = _status(load_corpus(tmp_path))
    assert st == {"a": "no article text extracted (RuntimeError: parser exploded)", "b": "ok"}


def test_metadata_windows_separators(tmp_path):
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "a.txt").write_text("Troops moved.", encoding="utf-8")
    (tmp_path / "metadata.csv").write_text("file\nsub\\a.txt\n", encoding="utf-8")
    c = load_corpus(tmp_path)
    assert list(c["status"]) == ["ok"] and list(c["doc_id"]) == ["a"]


def test_loaded_corpus_loads_again_unchanged(tmp_path):
    (tmp_path / "a.txt").write_text("Troops moved.", encoding="utf-8")
    (tmp_path / "b.txt").write_text("", encoding="utf-8")
    c = load_corpus(tmp_path)
    again = load_corpus(c)
    assert list(again["doc_id"]) == list(c["doc_id"])
    assert list(again["body"]) == list(c["body"])
    assert list(again["status"]) == ["ok", "empty"]
    assert list(again["source_status"]) == ["ok", "empty"]  # the first run's, kept


def test_metadata_text_column_is_not_overwritten(tmp_path):
    (tmp_path / "a.txt").write_text("Troops moved.", encoding="utf-8")
    (tmp_path / "metadata.csv").write_text("file,text\na.txt,A summary.\n", encoding="utf-8")
    c = load_corpus(tmp_path)
    assert c.loc[0, "body"] == "Troops moved."
    assert c.loc[0, "source_text"] == "A summary."


def test_root_output_marker_warns(nested):
    (nested / "manifest.json").write_text(json.dumps({"tool": "framing"}), encoding="utf-8")
    with pytest.warns(UserWarning, match="holds framing's own output"):
        load_corpus(nested)
