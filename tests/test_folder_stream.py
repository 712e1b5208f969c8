"""A folder corpus is streamed by iter_corpus (chunksize files at a time) with the same
rows as load_corpus, messages naming the right metadata.csv line."""
import json

import pandas as pd
import pytest

from framing.corpus import CorpusError, iter_corpus, load_corpus, sample_corpus_path


def test_sample_folder_in_chunks_equals_whole():
    whole = load_corpus(sample_corpus_path())
    parts = list(iter_corpus(sample_corpus_path(), chunksize=2))
    assert [len(p) for p in parts] == [2, 2, 1]
    pd.testing.assert_frame_equal(pd.concat(parts, ignore_index=True), whole)


def _folder(tmp_path):
    d = tmp_path / "c"
    d.mkdir()
    (d / "a.txt").write_text("Alpha text about the talks.\n", encoding="utf-8")
    (d / "b.txt").write_text("Beta text about the talks.\n", encoding="utf-8")
    (d / "c.json").write_text(json.dumps({"text": "Gamma from a record.", "title": "G",
                                          "byline": "R. Writer"}), encoding="utf-8")
    (d / "d.txt").write_text("Delta text.\n", encoding="utf-8")
    pd.DataFrame({"file": ["a.txt", "b.txt", "c.json", "", "d.txt", "gone.txt"],
                  "outlet": ["X", "Y", "X", "Y", "X", "Y"],
                  "status": ["fetched", "fetched", "fetched", "timeout", "fetched", "fetched"]}
                 ).to_csv(d / "metadata.csv", index=False)
    return d


@pytest.mark.parametrize("size", [1, 2, 4, 100])
def test_mixed_folder_same_rows_whatever_the_chunks(tmp_path, size):
    d = _folder(tmp_path)
    whole = load_corpus(d)
    parts = list(iter_corpus(d, chunksize=size))
    assert sum(len(p) for p in parts) == len(whole) == 6
    got = pd.concat(parts, ignore_index=True)
    cols = ["doc_id", "outlet", "body", "status"]
    assert got[cols].astype(str).values.tolist() == whole[cols].astype(str).values.tolist()
    assert got["status"].tolist() == ["ok", "ok", "ok", whole["status"].iloc[3], "ok",
                                      "missing file"]
    assert whole["status"].iloc[3].startswith("not collected: timeout")


def test_outside_file_named_with_its_metadata_line_in_a_later_chunk(tmp_path):
    d = _folder(tmp_path)
    (tmp_path / "secret.txt").write_text("outside", encoding="utf-8")
    meta = pd.read_csv(d / "metadata.csv", keep_default_na=False)
    meta.loc[len(meta)] = ["../secret.txt", "X", "fetched"]
    meta.to_csv(d / "metadata.csv", index=False)
    with pytest.raises(CorpusError, match=r"metadata\.csv, line 8: '../secret.txt' is outside"):
        list(iter_corpus(d, chunksize=2))
