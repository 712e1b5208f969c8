"""Bad and unusual input through the command line and the API: no traceback, no hang,
no silent loss, no half-written results (the loaders' own cases are in
test_corpus_robust.py, the lexicons' in test_lexicons_robust.py)."""
from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pandas as pd
import pytest

import framing
from framing.cli import main


def _run(*args, cwd=None, timeout=300):
    return subprocess.run([sys.executable, "-m", "framing.cli", *map(str, args)],
                          capture_output=True, text=True, cwd=cwd, timeout=timeout)


def _one_line_error(r):
    assert r.returncode == 2, r.stdout + r.stderr
    assert "Traceback" not in r.stderr
    errors = [ln for ln in r.stderr.splitlines() if ln.startswith("framing: error")]
    assert len(errors) == 1, r.stderr
    return errors[0]


@pytest.fixture()
def lexicon(tmp_path):
    p = tmp_path / "lex.csv"
    p.write_text("term,category,side\nzzqxw,c,a\n", encoding="utf-8")
    return p


def test_no_term_matches_anything_cli_and_api(tmp_path, lexicon):
    """The usual first run of a new lexicon (regression: 'outlet' is both an index level and a
    column label)."""
    c = tmp_path / "c.csv"
    c.write_text("doc_id,outlet,text\na,X,Nothing here.\nb,,Plain words only.\nc,Y,More.\n",
                 encoding="utf-8")
    assert main(["analyze", str(c), "--lexicon", str(lexicon), "--out", str(tmp_path / "o"),
                 "--quiet"]) == 0
    docs = pd.read_csv(tmp_path / "o" / "documents.csv", keep_default_na=False)
    assert docs["outlet"].tolist() == ["X", "(unknown)", "Y"]
    assert (tmp_path / "o" / "report.html").exists()
    a = framing.analyze(framing.load_corpus(c), lexicons=[str(lexicon)])
    assert len(a.hits) == 0 and len(a.documents) == 3
    assert a.outlets.empty and list(a.outlets.columns)[:2] == ["outlet", "lexicon"]


@pytest.mark.parametrize("content", ["", "doc_id,outlet,text\n"])
def test_empty_corpus_gives_empty_outputs(tmp_path, content):
    c = tmp_path / "c.csv"
    c.write_text(content, encoding="utf-8")
    r = _run("analyze", c, "--out", tmp_path / "o")
    assert r.returncode == 0, r.stderr
    assert "Traceback" not in r.stderr
    assert "0 documents" in r.stdout
    docs = pd.read_csv(tmp_path / "o" / "documents.csv")
    assert len(docs) == 0 and "status" in docs.columns


def test_single_html_without_article(tmp_path):
    p = tmp_path / "menu.html"
    p.write_text("<html><body><nav>Home | About</nav></body></html>", encoding="utf-8")
    r = _run("analyze", p, "--out", tmp_path / "o", "--stages", "none")
    assert r.returncode == 0 and "Traceback" not in r.stderr, r.stderr
    docs = pd.read_csv(tmp_path / "o" / "documents.csv", keep_default_na=False)
    assert docs["doc_id"].tolist() == ["menu"]  # kept, with whatever text the extractor found


def test_outlet_names_with_tex_and_formulas_are_drawn_as_text(tmp_path):
    c = tmp_path / "c.csv"
    pd.DataFrame({"doc_id": ["1", "2", "3"],
                  "outlet": ["$\\badcommand$", "=cmd|' /C calc'!A0", "$x^2$ news"],
                  "text": ["Azerbaijani forces shelled Stepanakert, officials said.",
                           "Armenian forces attacked, the ministry claimed.",
                           "The Azerbaijani army shelled villages in Artsakh."]}).to_csv(
        c, index=False)
    r = _run("analyze", c, "--out", tmp_path / "o", "--quiet")
    assert r.returncode == 0, r.stderr
    assert len(list((tmp_path / "o" / "figures").glob("*.png"))) >= 5
    docs = pd.read_csv(tmp_path / "o" / "documents.csv", keep_default_na=False)
    assert docs["outlet"].tolist()[1].startswith("'=")


def test_agency_gold_lines_that_are_lists(tmp_path):
    g = tmp_path / "g.jsonl"
    g.write_text("[1, 2, 3]\n", encoding="utf-8")
    line = _one_line_error(_run("evaluate", "agency", g))
    assert "line 1" in line and "JSON object" in line


def test_missing_corpus_path_is_one_line(tmp_path):
    line = _one_line_error(_run("analyze", tmp_path / "nope.csv", "--out", tmp_path / "o"))
    assert "nope.csv" in line
    assert not (tmp_path / "o").exists()


def test_output_folder_inside_the_corpus_folder_is_not_read_back(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.txt").write_text("Azerbaijani forces shelled Stepanakert.", encoding="utf-8")
    (corpus / "b.txt").write_text("Armenian forces repelled the attack.", encoding="utf-8")
    for _ in range(2):  # the second run sees the first run's outputs inside the folder
        r = _run("analyze", corpus, "--out", corpus / "out", "--quiet")
        assert r.returncode == 0, r.stderr
    docs = pd.read_csv(corpus / "out" / "documents.csv", keep_default_na=False)
    assert sorted(docs["doc_id"]) == ["a", "b"]


def test_out_equal_to_the_corpus_folder_is_refused(tmp_path):
    (tmp_path / "a.txt").write_text("Words.", encoding="utf-8")
    line = _one_line_error(_run("analyze", tmp_path, "--out", tmp_path))
    assert "corpus folder" in line


def test_quiet_silences_warnings(tmp_path):
    c = tmp_path / "c.csv"
    c.write_text("doc_id,outlet,text\na,X,\nb,X,Azerbaijani forces shelled villages.\n",
                 encoding="utf-8")
    loud = _run("analyze", c, "--out", tmp_path / "o1", "--stages", "none")
    assert "framing: warning:" in loud.stderr
    assert all(ln.startswith("framing: warning:") for ln in loud.stderr.strip().splitlines())
    quiet = _run("analyze", c, "--out", tmp_path / "o2", "--stages", "none", "--quiet")
    assert quiet.returncode == 0 and quiet.stderr == "" and quiet.stdout == ""


def test_sigterm_leaves_no_half_written_folder(tmp_path):
    rows = [{"doc_id": f"d{i}", "outlet": f"O{i % 3}",
             "text": "Azerbaijani forces shelled Stepanakert, the ministry said. " * 200}
            for i in range(400)]
    c = tmp_path / "big.jsonl"
    pd.DataFrame(rows).to_json(c, orient="records", lines=True)
    out = tmp_path / "o"
    p = subprocess.Popen([sys.executable, "-m", "framing.cli", "analyze", str(c), "--out",
                          str(out), "--quiet", "--n-jobs", "2"], stdout=subprocess.PIPE,
                         stderr=subprocess.PIPE, text=True)
    deadline = time.time() + 60
    while time.time() < deadline and not any(tmp_path.glob(".o.framing-tmp-*")):
        time.sleep(0.2)
    time.sleep(1.0)
    p.send_signal(signal.SIGTERM)
    _, err = p.communicate(timeout=60)
    assert p.returncode == 130, err
    assert "interrupted" in err and "Traceback" not in err
    assert not out.exists()
    assert [x.name for x in tmp_path.iterdir()] == ["big.jsonl"]


def test_internal_errors_are_one_line(monkeypatch, capsys, tmp_path):
    import framing.pipeline as pl

    def boom(*a, **k):
        raise ZeroDivisionError("simulated bug")

    monkeypatch.setattr(pl, "analyze_to", boom)
    assert main(["analyze", "--out", str(tmp_path / "o")]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "internal error: ZeroDivisionError" in err
    assert "FRAMING_DEBUG" in err
