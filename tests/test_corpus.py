"""Loading corpora, cleaning, and bad input."""
import json

import pandas as pd
import pytest

from framing import CorpusError, FramingError, clean_text, iter_corpus, load_corpus, load_sample_corpus


def test_sample_corpus_loads(sample_corpus):
    assert list(sample_corpus["doc_id"]) == [
        "000_7f5838e29b6a3963", "001_30f09581a7ee49b6", "002_2749a53b44881638",
        "003_2aedb43fb5936a4f", "004_f1188ba773722cf1"]
    assert list(sample_corpus["outlet"])[4] == "TRT World"
    assert (sample_corpus["status"] == "ok").all()
    assert sample_corpus.loc[3, "event"] == "2022-09 border clashes"
    # raw text kept untouched, cleaned body separate
    assert sample_corpus.loc[2, "text"].startswith("Skip to content")
    assert not sample_corpus.loc[2, "body"].startswith("Skip to content")


def _body(c, i):
    return c.loc[i, "body"]


@pytest.mark.parametrize("doc,line", [
    (2, "Skip to content"),
    (2, "Leave a Reply"),
    (2, "You are commenting using your Twitter account."),
    (2, "Image Credit: Vahram Baghdasyran/Photolure/EPA"),
    (2, "%d bloggers like this:"),
    (3, "(photo credit: STRINGER/ REUTERS)"),
    (3, "An Azerbaijani service member and a Russian peacekeeper stand guard"),
    (3, "Ethnic Armenian soldiers gather at their fighting positions"),
    (3, "Subscribe to The Jerusalem Post Newsletter"),
    (3, "Stay updated with the latest news!"),
    (3, "Reuters contributed to this report."),
    (1, "To contact the WSWP and the"),
    (1, "wsws.org/contact"),
    (1, "Ulas Atesci"),
    (0, "By Amy Jones"),
    (0, "Image source:"),
    (0, "16 July 2020 17:49"),
    (4, "Source: TRT World"),
])
def test_boilerplate_removed(sample_corpus, doc, line):
    assert line in sample_corpus.loc[doc, "text"]
    assert line not in _body(sample_corpus, doc)


@pytest.mark.parametrize("doc,sentence", [
    (2, "The Armenian Prime Minister, Nikol Pashinyan posted a Facebook post where he mentioned the attack"),
    (2, "Civilian casualties were also reported but Azerbaijan said that they managed to destroy 12 Armenian air defense systems."),
    (3, "Large clashes broke out between Armenian and Azerbaijani forces along the border"),
    (3, "In recent months, Armenia and Azerbaijan have been holding peace talks"),
    (3, "Iran presses 'inadmissibility' of any changes in borders"),
    (1, "Amid dangerous proxy wars between Turkey and Russia in Syria and Libya"),
    (0, "A small group of Azerbaijanis gathered in Tbilisi in front of the Armenian Embassy"),
    (4, "Since the end of the war in 1994, Azerbaijan has heavily invested in its military"),
    (4, "Clashes in the Tavush region of Azerbaijan represent the biggest flare up"),
])
def test_article_sentences_kept(sample_corpus, doc, sentence):
    assert sentence in _body(sample_corpus, doc)


def test_every_article_paragraph_kept_verbatim(sample_corpus):
    # every line of the body is a line of the raw text: cleaning never edits inside a line
    for raw, body in zip(sample_corpus["text"], sample_corpus["body"]):
        raw_lines = {ln.rstrip() for ln in raw.splitlines()}
        assert all(ln in raw_lines for ln in body.splitlines() if ln)


def test_clean_text_footer_only_at_end():
    t = "Source: a diplomat told us.\n\nTroops moved.\n\nMore text.\n\nEven more.\n\nSource: TRT World"
    assert clean_text(t) == "Source: a diplomat told us.\n\nTroops moved.\n\nMore text.\n\nEven more."


def test_dataframe_with_column_mapping():
    df = pd.DataFrame({"stories_id": [1, 2], "media_name": ["A", "B"],
                       "content": ["Troops crossed the border.", "Shelling went on."]})
    c = load_corpus(df, doc_id="stories_id", outlet="media_name", text="content")
    assert list(c["doc_id"]) == ["1", "2"]
    assert list(c["outlet"]) == ["A", "B"]
    assert list(c["body"]) == ["Troops crossed the border.", "Shelling went on."]


def test_missing_text_column_lists_columns():
    df = pd.DataFrame({"id": [1], "content": ["x"]})
    with pytest.raises(CorpusError, match=r"no text column; columns found: id, content"):
        load_corpus(df)


def test_mapping_to_missing_column_suggests():
    df = pd.DataFrame({"body_text": ["x"]})
    with pytest.raises(CorpusError, match=r"did you mean 'body_text'"):
        load_corpus(df, text="body_txt")


def test_unknown_keyword():
    with pytest.raises(FramingError, match="unknown keyword 'txt'"):
        load_corpus(pd.DataFrame({"text": ["x"]}), txt="text")


def test_duplicate_doc_id():
    df = pd.DataFrame({"doc_id": ["a", "b", "a"], "text": ["x", "y", "z"]})
    with pytest.raises(CorpusError, match=r"duplicate doc_id 'a' \(rows \[0, 2\]\)"):
        load_corpus(df)


def test_empty_documents_are_reported_not_dropped():
    df = pd.DataFrame({"doc_id": ["a", "b", "c"], "text": ["Troops moved.", "", None]})
    with pytest.warns(UserWarning, match="2 of 3 document"):
        c = load_corpus(df)
    assert list(c["status"]) == ["ok", "empty", "empty"]
    with pytest.raises(CorpusError, match="b: empty"):
        load_corpus(df, on_error="raise")


def test_folder_with_undecodable_and_missing_file(tmp_path):
    (tmp_path / "a.txt").write_text("Troops moved on Tuesday.", encoding="utf-8")
    (tmp_path / "b.txt").write_bytes(b"Good start \xff\xfe bad bytes")
    (tmp_path / "metadata.csv").write_text("file,outlet\na.txt,X\nb.txt,Y\nc.txt,Z\n")
    with pytest.warns(UserWarning, match="2 of 3"):
        c = load_corpus(tmp_path)
    st = dict(zip(c["doc_id"], c["status"]))
    assert st["a"] == "ok"
    assert st["b"].startswith("undecodable: byte 0xff at offset 11 (line 1)")
    assert st["c"] == "missing file"


def test_csv_undecodable_names_line(tmp_path):
    p = tmp_path / "c.csv"
    p.write_bytes(b"doc_id,text\na,fine\nb,bad \xff here\n")
    with pytest.raises(CorpusError, match=r"c.csv: undecodable: byte 0xff at offset \d+ \(line 3\)"):
        load_corpus(p)


def test_jsonl_bad_line(tmp_path):
    p = tmp_path / "c.jsonl"
    p.write_text('{"doc_id": "a", "text": "x"}\n{"doc_id": "b", "text": \n')
    with pytest.raises(CorpusError, match=r"c.jsonl, line 2: invalid JSON"):
        load_corpus(p)


def test_jsonl_and_parquet_and_csv_roundtrip(tmp_path, sample_corpus):
    src = sample_corpus[["doc_id", "outlet", "author", "text"]].rename(columns={"text": "content"})
    src.to_csv(tmp_path / "c.csv", index=False)
    with open(tmp_path / "c.jsonl", "w", encoding="utf-8") as fh:
        for r in src.to_dict("records"):
            fh.write(json.dumps(r) + "\n")
    src.to_parquet(tmp_path / "c.parquet")
    for name in ("c.csv", "c.jsonl", "c.parquet"):
        c = load_corpus(tmp_path / name, text="content")
        assert list(c["body"]) == list(sample_corpus["body"]), name


def test_iter_corpus_streams_in_chunks(tmp_path, sample_corpus):
    sample_corpus[["doc_id", "outlet", "text"]].to_csv(tmp_path / "c.csv", index=False)
    chunks = list(iter_corpus(tmp_path / "c.csv", chunksize=2))
    assert [len(c) for c in chunks] == [2, 2, 1]
    assert list(pd.concat(chunks)["doc_id"]) == list(sample_corpus["doc_id"])


def test_html_goes_through_extractor(tmp_path):
    html = ("<html><head><title>T</title></head><body><nav>Home | World | Subscribe</nav>"
            "<article><h1>Clashes resume</h1><p>Armenian and Azerbaijani forces exchanged fire "
            "along the border on Tuesday, officials said, in the worst fighting since 2020.</p>"
            "<p>The defence ministry in Baku said two soldiers were wounded in the attack.</p>"
            "</article><footer>Copyright 2022 Example News</footer></body></html>")
    (tmp_path / "a.html").write_text(html, encoding="utf-8")
    c = load_corpus(tmp_path / "a.html")
    assert "two soldiers were wounded" in c.loc[0, "body"]
    assert "Subscribe" not in c.loc[0, "body"]


def test_sample_corpus_not_read_from_shared():
    from framing.corpus import sample_corpus_path

    assert "shared" not in str(sample_corpus_path())
    assert len(load_sample_corpus()) == 5
