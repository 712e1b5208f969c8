"""news-please exports load without flags: one JSON object per ``.json`` file (as
news-please writes an article: every field, ``text`` null and the body in ``maintext``,
pretty-printed), a folder of such files and a single one. Articles written for the test."""
from __future__ import annotations

import json
import warnings

import pandas as pd
import pytest

from framing import load_corpus
from framing.corpus import CorpusError, iter_corpus

ARTICLES = [
    {"authors": ["Jane Roe"], "date_download": "2024-03-02 10:00:00", "date_modify": None,
     "date_publish": "2024-03-01 08:30:00", "description": "The coast's first wind farm.",
     "filename": "https%3A%2F%2Fcoastherald.example%2Fwind.json", "image_url": None,
     "language": "en", "localpath": None,
     "maintext": "The wind farm opened on Friday. Residents said the turbines were quiet.",
     "source_domain": "coastherald.example", "text": None, "title": "Wind farm opens",
     "title_page": None, "title_rss": None, "url": "https://coastherald.example/wind"},
    {"authors": [], "date_download": "2024-03-05 10:00:00", "date_modify": None,
     "date_publish": "2024-03-04 17:05:00", "description": None, "filename": "turbines.json",
     "image_url": None, "language": "en", "localpath": None,
     "maintext": "Critics called the project a turbine blight on the valley.",
     "source_domain": "valleynews.example", "text": None, "title": "Valley split over turbines",
     "title_page": None, "title_rss": None, "url": "https://valleynews.example/turbines"},
]

EXPECTED = [
    ["wind", "coastherald.example", pd.Timestamp("2024-03-01 08:30:00"), "Wind farm opens",
     "https://coastherald.example/wind",
     "The wind farm opened on Friday. Residents said the turbines were quiet.", "ok", "en"],
    ["turbines", "valleynews.example", pd.Timestamp("2024-03-04 17:05:00"),
     "Valley split over turbines", "https://valleynews.example/turbines",
     "Critics called the project a turbine blight on the valley.", "ok", "en"],
]
COLUMNS = ["doc_id", "outlet", "date", "title", "url", "body", "status", "language"]


def _write(folder, *, indent=4):
    folder.mkdir(exist_ok=True)
    for name, art in zip(["wind", "turbines"], ARTICLES):
        (folder / f"{name}.json").write_text(json.dumps(art, indent=indent, sort_keys=True,
                                                        ensure_ascii=False), encoding="utf-8")
    return folder


def _load(src, **kw):
    with warnings.catch_warnings(record=True) as w:
        warnings.simplefilter("always")
        c = load_corpus(src, **kw)
    return c, [str(x.message) for x in w]


@pytest.mark.parametrize("indent", [4, None])
def test_folder_of_newsplease_files(tmp_path, indent):
    c, msgs = _load(_write(tmp_path / "np", indent=indent))
    got = c.sort_values("doc_id", ascending=False)[COLUMNS].values.tolist()
    assert got == EXPECTED
    assert msgs == [f"{tmp_path / 'np'}: columns mapped: date_publish -> date, "
                    "source_domain -> outlet"]
    # the other fields are metadata; the body is not kept twice
    assert "maintext" not in c.columns and "description" in c.columns
    assert c.set_index("doc_id").loc["wind", "authors"] == ["Jane Roe"]


@pytest.mark.parametrize("indent", [4, None])
def test_single_newsplease_file(tmp_path, indent):
    _write(tmp_path / "np", indent=indent)
    c, msgs = _load(tmp_path / "np" / "wind.json")
    assert c[COLUMNS].values.tolist() == [EXPECTED[0]]
    assert msgs == [f"{tmp_path / 'np' / 'wind.json'}: columns mapped: date_publish -> date, "
                    "maintext -> text, source_domain -> outlet"]
    with pytest.warns(UserWarning, match="maintext -> text"):
        chunks = list(iter_corpus(tmp_path / "np" / "wind.json", chunksize=1))
    assert [list(ch["doc_id"]) for ch in chunks] == [["wind"]]


def test_text_field_wins_over_maintext_and_blank_documents_are_reported(tmp_path):
    d = tmp_path / "np"
    d.mkdir()
    old = {**ARTICLES[0], "text": "Old news-please kept the body in text.", "maintext": None}
    (d / "old.json").write_text(json.dumps(old), encoding="utf-8")
    (d / "blank.json").write_text(json.dumps({**ARTICLES[1], "maintext": None}),
                                  encoding="utf-8")
    (d / "broken.json").write_text('{"title": "cut off', encoding="utf-8")
    (d / "list.json").write_text("[1, 2]", encoding="utf-8")
    c, _ = _load(d)
    st = dict(zip(c["doc_id"], c["status"]))
    assert st == {"blank": "empty", "broken": st["broken"], "list": st["list"], "old": "ok"}
    assert st["broken"].startswith("unreadable: invalid JSON (line 1:")
    assert st["list"].startswith("skipped: a JSON list, not one object")
    assert c.set_index("doc_id").loc["old", "body"] == "Old news-please kept the body in text."


def test_metadata_csv_values_win_over_the_json_fields(tmp_path):
    d = _write(tmp_path / "np")
    (d / "metadata.csv").write_text("file,outlet,title\nwind.json,Coast Herald,\n",
                                    encoding="utf-8")
    c, _ = _load(d)
    row = c.set_index("doc_id")
    assert row.loc["wind", "outlet"] == "Coast Herald"  # metadata.csv
    assert row.loc["wind", "title"] == "Wind farm opens"  # blank there: the file's field
    # not listed in metadata.csv: loaded with its own fields (outlet stays unmapped: the
    # folder has an outlet column, so source_domain is metadata)
    assert row.loc["turbines", "title"] == "Valley split over turbines"
    assert row.loc["turbines", "body"] == EXPECTED[1][5]


def test_json_lines_and_arrays_unchanged(tmp_path):
    p = tmp_path / "two.json"
    p.write_text("\n".join(json.dumps({**a, "text": a["maintext"]}) for a in ARTICLES) + "\n",
                 encoding="utf-8")
    c, _ = _load(p)
    assert list(c["doc_id"]) == ["doc000000", "doc000001"]
    p.write_text(json.dumps(ARTICLES, indent=2), encoding="utf-8")
    with pytest.raises(CorpusError, match=r"line 1: .*JSON array.*one object per line"):
        load_corpus(p)
