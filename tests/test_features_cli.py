"""Features, the sklearn transformer, the pipeline and the command line."""
import subprocess
import sys

import pandas as pd
import pytest
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler

from framing import (FramingError, LexiconVectorizer, analyze, document_features, match_lexicon,
                     outlet_features)
from framing.cli import main


def test_document_features_exact(sample_corpus, tiny_lexicon):
    h = match_lexicon(sample_corpus, tiny_lexicon)
    f = document_features(h, sample_corpus)
    blog = f[(f.doc_id == "002_2749a53b44881638") & (f.dimension == "side")]
    got = {(r.value, r.voice): r.count for r in blog.itertuples()}
    # blog: Artsakh once (in Pashinyan's quote), Nagorno-Karabakh 3x in own voice
    # ("Nagorno-Karabkh" is a typo and not in the tiny lexicon), provocation once in Kalin's quote
    assert got[("armenia", "quoted")] == 1
    assert got[("international", "own")] == 3
    assert got[("azerbaijan", "quoted")] == 1
    row = blog[(blog.value == "international") & (blog.voice == "all")].iloc[0]
    from framing.text import count_words
    n = count_words(sample_corpus.set_index("doc_id").loc["002_2749a53b44881638", "body"])
    assert row["n_words"] == n and row["rate"] == pytest.approx(3000 / n)


def test_outlet_features_complete_grid(sample_corpus, tiny_lexicon):
    h = match_lexicon(sample_corpus, tiny_lexicon)
    o = outlet_features(h, sample_corpus)
    assert set(o["outlet"]) == set(sample_corpus["outlet"])
    # every outlet has a row for every feature, zero where it has none
    per = o.groupby("outlet").size()
    assert per.nunique() == 1
    assert (o["n_docs"] == 1).all()


def test_vectorizer_sklearn_contract(sample_corpus, tiny_lexicon):
    v = LexiconVectorizer(lexicons=[tiny_lexicon], dimension="side", normalize="count")
    X = v.fit_transform(list(sample_corpus["body"]))
    names = list(v.get_feature_names_out())
    assert names == ["tiny:armenia", "tiny:international", "tiny:azerbaijan"]
    assert X.shape == (5, 3)
    assert X[2].tolist() == [1.0, 3.0, 1.0]
    v.set_output(transform="pandas")
    df = v.transform(list(sample_corpus["body"]))
    assert list(df.columns) == names
    pipe = make_pipeline(LexiconVectorizer(lexicons=[tiny_lexicon]), StandardScaler())
    assert pipe.fit_transform(list(sample_corpus["body"])).shape == (5, 3)  # 3 categories
    split = LexiconVectorizer(lexicons=[tiny_lexicon], dimension="side", voice="split",
                              normalize="count").fit(None)
    assert split.transform([sample_corpus["body"][2]]).tolist() == [[0, 3, 0, 1, 0, 1]]


def test_vectorizer_rejects_bare_string(tiny_lexicon):
    v = LexiconVectorizer(lexicons=[tiny_lexicon]).fit(None)
    with pytest.raises(FramingError, match="single string"):
        v.transform("Artsakh")
    with pytest.raises(FramingError, match="dimension='sid' is not valid.*did you mean 'side'"):
        LexiconVectorizer(dimension="sid").fit(None)


def test_analyze_accounts_for_every_document():
    df = pd.DataFrame({"doc_id": ["a", "b", "c"], "outlet": ["X", "X", "Y"],
                       "text": ["Artsakh troops moved.", "", "Shusha was calm."]})
    from framing import load_corpus

    with pytest.warns(UserWarning):
        c = load_corpus(df)
    a = analyze(c, stages=())
    assert list(a.documents["doc_id"]) == ["a", "b", "c"]
    assert list(a.documents["status"]) == ["ok", "empty", "ok"]
    assert list(a.documents["n_words"]) == [3, 0, 3]


def test_analyze_parallel_equals_serial(sample_corpus):
    a1 = analyze(sample_corpus, stages=(), chunksize=2)
    a2 = analyze(sample_corpus, stages=(), chunksize=2, n_jobs=2)
    pd.testing.assert_frame_equal(a1.hits, a2.hits)
    pd.testing.assert_frame_equal(a1.outlets, a2.outlets)


def test_analyze_stage_tables_do_not_depend_on_chunks(sample_corpus):
    """Chunked assembly (one lexicon pass shared by hits and agency, column-wise
    tables) gives the tables of the stand-alone functions, whatever the chunk size."""
    from framing.agency import extract_agency
    from framing.stance import sentence_tone, tone, tone_toward_sides

    stages = ("agency", "tone")
    a1 = analyze(sample_corpus, stages=stages, chunksize=2)
    a2 = analyze(sample_corpus, stages=stages, chunksize=500)
    for name in ("documents", "hits", "agency", "tone", "tone_sentences", "tone_sides"):
        pd.testing.assert_frame_equal(getattr(a1, name), getattr(a2, name), check_exact=True)
    pd.testing.assert_frame_equal(a1.agency, extract_agency(sample_corpus), check_exact=True)
    pd.testing.assert_frame_equal(a1.tone_sentences, sentence_tone(sample_corpus),
                                  check_exact=True)
    pd.testing.assert_frame_equal(a1.tone, tone(sample_corpus), check_exact=True)
    sides = tone_toward_sides(sample_corpus)
    pd.testing.assert_frame_equal(a1.tone_sides, sides, check_exact=True)
    assert len(a1.tone_sides) > 20 and a1.documents["n_hits"].sum() == len(a1.hits)


def run_cli(*args):
    return subprocess.run([sys.executable, "-m", "framing.cli", *args], capture_output=True,
                          text=True)


def test_cli_help_lists_commands():
    r = run_cli("--help")
    assert r.returncode == 0
    for cmd in ("analyze", "kwic", "lexicon", "evaluate"):
        assert cmd in r.stdout


def test_cli_analyze_sample(tmp_path):
    out = tmp_path / "o"
    assert main(["analyze", "--out", str(out), "--stages", "none", "--quiet"]) == 0
    docs = pd.read_csv(out / "documents.csv")
    assert len(docs) == 5 and (docs["status"] == "ok").all()
    hits = pd.read_csv(out / "hits.csv", keep_default_na=False)
    assert {"naming", "loaded", "actors"} <= set(hits["lexicon"])
    trt = hits[(hits.doc_id == "004_f1188ba773722cf1") & (hits.match == "Armenian-occupied")]
    assert list(trt["voice"]) == ["own"]
    assert (out / "outlets.csv").exists()
    assert (out / "figures" / "naming_by_outlet.png").stat().st_size > 10_000
    assert (out / "report.html").exists()


def test_cli_reports_failed_documents(tmp_path):
    src = tmp_path / "c.csv"
    src.write_bytes(b"id,paper,body\n1,X,Artsakh and Shusha.\n2,Y,\n")
    out = tmp_path / "o"
    r = run_cli("analyze", str(src), "--text-column", "body", "--doc-id-column", "id",
                "--outlet-column", "paper", "--out", str(out), "--stages", "none", "--no-figures")
    assert r.returncode == 0, r.stderr
    assert "skipped 2: empty" in r.stdout
    docs = pd.read_csv(out / "documents.csv")
    assert list(docs["status"]) == ["ok", "empty"]


@pytest.mark.parametrize("args,message", [
    (["analyze", "/no/such/corpus.csv"], "/no/such/corpus.csv: no such file or folder"),
    (["lexicon", "check", "/no/such.csv"], "/no/such.csv: no such lexicon file"),
    (["analyze", "--lexicon", "namin"], "did you mean 'naming'"),
])
def test_cli_bad_input_one_line_no_traceback(args, message):
    r = run_cli(*args)
    assert r.returncode == 2
    assert message in r.stderr
    assert "Traceback" not in r.stderr and len(r.stderr.strip().splitlines()) == 1


def test_cli_missing_text_column(tmp_path):
    src = tmp_path / "c.csv"
    src.write_text("id,content\n1,hello\n")
    r = run_cli("analyze", str(src), "--out", str(tmp_path / "o"))
    assert r.returncode == 2
    assert "no text column; columns found: id, content" in r.stderr
    assert "--text-column" in r.stderr  # the CLI user is told the flag, not only the API


def test_cli_lexicon_check_bad_row(tmp_path):
    p = tmp_path / "l.csv"
    p.write_text("term,category\nArtsakh,toponym\n,toponym\n")
    r = run_cli("lexicon", "check", str(p))
    assert r.returncode == 2 and "l.csv, line 3: empty term" in r.stderr


def test_cli_kwic(capsys):
    assert main(["kwic", "separatists", "--window", "20"]) == 0
    out = capsys.readouterr().out
    assert "[separatists]" in out and "2 match(es)" in out
    assert main(["kwic", "azerbaijan", "--lexicon", "naming", "--csv"]) == 0
    k = capsys.readouterr().out
    assert k.startswith("doc_id,outlet,sent_id")


def test_a_warning_is_printed_once_even_when_the_file_is_read_twice(tmp_path):
    # wire-copy marking reads the input before the analysis: its warnings appear once
    (tmp_path / "empty.jsonl").write_text("")
    r = run_cli("analyze", str(tmp_path / "empty.jsonl"), "--out", str(tmp_path / "o"))
    assert r.returncode == 0, r.stderr
    assert r.stderr.count("no documents") == 1, r.stderr
    assert "Traceback" not in r.stderr
