"""Real exports in: the column names of Media Cloud, GDELT, news-please, trafilatura and
newspaper3k load without flags; dates are datetimes; HTML metadata; kwic parity; the
lexicon data folder never shadows the package."""
import json
import os
import re
import shutil
import subprocess
import sys
import warnings
from pathlib import Path

import pandas as pd
import pytest

import framing
from framing import iter_corpus, kwic, load_corpus, load_sample_corpus
from framing.cli import main

ROOT = Path(__file__).resolve().parents[1]
FRAMING = Path(sys.executable).parent / "framing"


def _load(path, **kw):
    with warnings.catch_warnings(record=True) as rec:
        warnings.simplefilter("always")
        c = load_corpus(path, **kw)
    return c, [str(w.message) for w in rec if issubclass(w.category, UserWarning)]


MEDIACLOUD = (
    "stories_id,publish_date,title,url,language,media_id,media_name,media_url,text\n"
    "101,2020-09-27 10:31:00,Troops cross,https://a.example/1,en,1,Daily A,https://a.example,"
    "Troops crossed the border.\n"
    "102,2020-09-28 08:00:00,Calm returns,https://b.example/2,en,2,Daily B,https://b.example,"
    "All was calm.\n"
)


# ---------------------------------------------------------------- 1. export column names

def test_mediacloud_csv_loads_without_flags_and_says_what_it_mapped(tmp_path):
    f = tmp_path / "c.csv"
    f.write_text(MEDIACLOUD, encoding="utf-8")
    c, warned = _load(f)
    assert list(c["doc_id"]) == ["101", "102"]
    assert list(c["outlet"]) == ["Daily A", "Daily B"]
    assert list(c["title"]) == ["Troops cross", "Calm returns"]
    assert list(c["url"]) == ["https://a.example/1", "https://b.example/2"]
    assert c.loc[0, "date"] == pd.Timestamp("2020-09-27 10:31:00")
    assert list(c["status"]) == ["ok", "ok"]
    assert f"{f}: columns mapped: media_name -> outlet, publish_date -> date, " \
           "stories_id -> doc_id" in warned
    assert not any("no outlet" in w for w in warned)


def test_explicit_mapping_wins_over_recognised_names(tmp_path):
    f = tmp_path / "c.csv"
    f.write_text(MEDIACLOUD, encoding="utf-8")
    c, warned = _load(f, outlet="media_url")
    assert list(c["outlet"]) == ["https://a.example", "https://b.example"]
    assert list(c["doc_id"]) == ["101", "102"]  # the others still recognised
    assert f"{f}: columns mapped: publish_date -> date, stories_id -> doc_id" in warned


def test_media_url_is_the_outlet_without_media_name(tmp_path):
    f = tmp_path / "c.csv"
    f.write_text(MEDIACLOUD.replace("media_name", "media_label"), encoding="utf-8")
    c, _ = _load(f)
    assert list(c["outlet"]) == ["https://a.example", "https://b.example"]


def test_gdelt_exports(tmp_path):
    gkg = tmp_path / "gkg.csv"
    gkg.write_text("GKGRECORDID,DATE,SourceCommonName,DocumentIdentifier,text\n"
                   "20200927-1,20200927103000,bbc.co.uk,https://bbc.co.uk/x,Shelling resumed.\n",
                   encoding="utf-8")
    c, warned = _load(gkg)
    assert c.loc[0, "doc_id"] == "20200927-1" and c.loc[0, "outlet"] == "bbc.co.uk"
    assert c.loc[0, "url"] == "https://bbc.co.uk/x"
    assert c.loc[0, "date"] == pd.Timestamp("2020-09-27 10:30:00")
    assert any("DocumentIdentifier -> url" in w and "SourceCommonName -> outlet" in w
               for w in warned)
    doc = tmp_path / "doc.jsonl"
    doc.write_text(json.dumps({"url": "https://x.example/a", "title": "Shelling",
                               "seendate": "20200927T103000Z", "domain": "x.example",
                               "text": "Shelling resumed."}) + "\n", encoding="utf-8")
    c, _ = _load(doc)
    assert c.loc[0, "outlet"] == "x.example"
    assert c.loc[0, "date"] == pd.Timestamp("2020-09-27 10:30:00")
    assert c.loc[0, "title"] == "Shelling"


def test_news_please_trafilatura_newspaper3k(tmp_path):
    newsplease = tmp_path / "np.jsonl"
    newsplease.write_text(json.dumps({
        "url": "https://a.example/1", "title": "Troops cross", "maintext": "Troops crossed.",
        "date_publish": "2020-09-27 10:31:00", "source_domain": "a.example"}) + "\n",
        encoding="utf-8")
    c, warned = _load(newsplease)
    assert c.loc[0, "body"] == "Troops crossed." and c.loc[0, "outlet"] == "a.example"
    assert c.loc[0, "date"] == pd.Timestamp("2020-09-27 10:31:00")
    assert any("maintext -> text" in w for w in warned)
    # trafilatura --json: id is null unless given; sitename may be null, hostname is not
    traf = tmp_path / "traf.jsonl"
    traf.write_text("\n".join(json.dumps({
        "title": "T", "text": f"Text {i}.", "date": "2020-09-27", "hostname": "b.example",
        "sitename": None, "url": f"https://b.example/{i}", "id": None}) for i in range(2)),
        encoding="utf-8")
    c, _ = _load(traf)
    assert list(c["doc_id"]) == ["doc000000", "doc000001"]
    assert list(c["outlet"]) == ["b.example", "b.example"]
    news3k = tmp_path / "n3k.csv"
    news3k.write_text("text,title,url,publish_date,source_url\n"
                      "Calm.,Calm,https://c.example/1,2020-09-27,https://c.example\n",
                      encoding="utf-8")
    c, _ = _load(news3k)
    assert c.loc[0, "outlet"] == "https://c.example"
    assert c.loc[0, "date"] == pd.Timestamp("2020-09-27")


def test_no_outlet_column_warns_once(tmp_path):
    f = tmp_path / "c.csv"
    f.write_text("id,text\n1,Troops moved.\n2,Calm.\n3,Shelling.\n", encoding="utf-8")
    with warnings.catch_warnings(record=True) as rec:
        warnings.simplefilter("always")
        chunks = list(iter_corpus(f, chunksize=1))
    msgs = [str(w.message) for w in rec if "no outlet column" in str(w.message)]
    assert len(msgs) == 1 and "'(unknown)'" in msgs[0] and "outlet=" in msgs[0]
    assert {o for ch in chunks for o in ch["outlet"]} == {"(unknown)"}
    c, warned = _load(f)
    assert sum("no outlet column" in w for w in warned) == 1


def test_readme_mediacloud_example_runs_on_real_column_names(tmp_path, monkeypatch):
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    m = re.search(r"framing\.load_corpus\(\"mediacloud\.csv\"[^)]*\)", readme)
    assert m, "the README shows how to load a Media Cloud export"
    (tmp_path / "mediacloud.csv").write_text(MEDIACLOUD, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        c = eval(m.group(0), {"framing": framing})
    assert list(c["outlet"]) == ["Daily A", "Daily B"] and list(c["doc_id"]) == ["101", "102"]


# ---------------------------------------------------------------- 2. dates

def test_dates_are_naive_utc_datetimes(tmp_path):
    f = tmp_path / "c.csv"
    f.write_text("doc_id,outlet,date,text\n"
                 "a,X,2020-09-27T10:31:00+04:00,One.\n"
                 "b,X,2020-09-27,Two.\n"
                 "c,X,\"Sep 28, 2020\",Three.\n"
                 "d,X,,Four.\n", encoding="utf-8")
    c, warned = _load(f)
    assert pd.api.types.is_datetime64_dtype(c["date"]) and c["date"].dt.tz is None
    assert list(c["date"][:3]) == [pd.Timestamp("2020-09-27 06:31"), pd.Timestamp("2020-09-27"),
                                   pd.Timestamp("2020-09-28")]
    assert pd.isna(c.loc[3, "date"])
    assert not any("date" in w for w in warned)  # a blank date is not a failure
    # the same in chunks, and from a DataFrame with tz-aware datetimes
    chunks = list(iter_corpus(f, chunksize=2))
    assert list(pd.concat(chunks)["date"][:3]) == list(c["date"][:3])
    df = pd.DataFrame({"doc_id": ["a"], "outlet": ["X"], "text": ["One."],
                       "date": pd.to_datetime(["2020-09-27T10:31:00+04:00"])})
    assert load_corpus(df).loc[0, "date"] == pd.Timestamp("2020-09-27 06:31")


def test_unparseable_dates_are_nat_with_one_warning(tmp_path):
    f = tmp_path / "c.csv"
    f.write_text("doc_id,outlet,date,text\na,X,yesterday-ish,One.\nb,X,2020-13-45,Two.\n"
                 "c,X,2020-09-27,Three.\n", encoding="utf-8")
    c, warned = _load(f)
    assert list(c["status"]) == ["ok"] * 3
    assert pd.isna(c.loc[0, "date"]) and pd.isna(c.loc[1, "date"])
    assert c.loc[2, "date"] == pd.Timestamp("2020-09-27")
    msgs = [w for w in warned if "date" in w]
    assert len(msgs) == 1 and "2 of 3 date(s)" in msgs[0] and "'yesterday-ish'" in msgs[0]
    assert "line 2" in msgs[0]
    with warnings.catch_warnings(record=True) as rec:
        warnings.simplefilter("always")
        list(iter_corpus(f, chunksize=1))
    msgs = [str(w.message) for w in rec if "date" in str(w.message)]
    assert len(msgs) == 1 and "2 of 3 date(s)" in msgs[0]


def test_sample_corpus_dates_parse():
    c = load_sample_corpus()
    assert pd.api.types.is_datetime64_dtype(c["date"]) and c["date"].notna().all()


# ---------------------------------------------------------------- 3. HTML metadata

PAGE = ("<html><head><title>Troops cross border - The Daily Planet</title>"
        '<meta property="og:site_name" content="The Daily Planet">'
        '<meta property="og:title" content="Troops cross border">'
        '<meta name="date" content="2020-09-27T10:31:00+04:00"></head>'
        "<body><nav>Home | World</nav><article><h1>Troops cross border</h1>"
        "<p>Troops crossed the border early on Sunday, officials said, in the first such move "
        "in years.</p><p>The government said that the operation was a response to shelling of "
        "villages overnight.</p><p>Residents fled to the capital as the fighting spread along "
        "the line of contact in the south.</p></article><footer>Copyright</footer></body></html>")


def test_html_metadata_and_headline_not_in_body(tmp_path):
    (tmp_path / "a.html").write_text(PAGE, encoding="utf-8")
    c, warned = _load(tmp_path / "a.html")
    row = c.iloc[0]
    assert row["title"] == "Troops cross border"
    assert row["outlet"] == "The Daily Planet"
    assert row["date"] == pd.Timestamp("2020-09-27")
    assert row["body"].startswith("Troops crossed the border early")
    assert not row["text"].startswith("Troops cross border")


def test_html_metadata_csv_wins(tmp_path):
    (tmp_path / "a.html").write_text(PAGE, encoding="utf-8")
    (tmp_path / "b.html").write_text(PAGE, encoding="utf-8")
    (tmp_path / "metadata.csv").write_text("file,outlet,title\na.html,Planet Daily,\n"
                                           "b.html,,Own title\n", encoding="utf-8")
    c, _ = _load(tmp_path)
    c = c.set_index("doc_id")
    assert c.loc["a", "outlet"] == "Planet Daily" and c.loc["a", "title"] == "Troops cross border"
    assert c.loc["b", "outlet"] == "The Daily Planet" and c.loc["b", "title"] == "Own title"
    assert c.loc["a", "date"] == pd.Timestamp("2020-09-27")
    # a mapping of the user's own outlet column still wins over the page's site name
    (tmp_path / "metadata.csv").write_text("file,paper\na.html,P1\nb.html,P2\n",
                                           encoding="utf-8")
    c, _ = _load(tmp_path, outlet="paper")
    assert list(c["outlet"]) == ["P1", "P2"]


# ---------------------------------------------------------------- 4. kwic parity

def test_kwic_list_of_strings_is_terms():
    c = load_sample_corpus()
    k = kwic(c, ["Artsakh", "Nagorno-Karabakh"])
    assert set(k["match"]) == {"Artsakh", "Nagorno-Karabakh"}
    # a tuple too, and a shipped lexicon name or a Lexicon in a list is still a lexicon
    assert len(kwic(c, ("Artsakh",))) == len(k[k["match"] == "Artsakh"])
    by_name = kwic(c, ["naming"])
    assert len(by_name) > len(k)
    assert len(kwic(c, [framing.load_lexicon("naming")])) == len(by_name)
    mixed = kwic(c, ["naming", "Tovuz"])
    assert "Tovuz" in set(mixed["match"]) and len(mixed) > len(by_name)


def test_kwic_list_with_lexicon_file(tmp_path):
    lx = tmp_path / "mine.csv"
    lx.write_text("term,category\ncarbon tax,policy\n", encoding="utf-8")
    corpus = load_corpus(pd.DataFrame({"doc_id": ["a"], "outlet": ["X"],
                                       "text": ["A carbon tax and a carbon price."]}))
    assert list(kwic(corpus, ["carbon tax", "carbon price"])["match"]) == \
        ["carbon tax", "carbon price"]
    assert list(kwic(corpus, [str(lx)])["match"]) == ["carbon tax"]


def test_cli_kwic_with_forgotten_term_is_an_error(tmp_path, capsys):
    f = tmp_path / "corpus.csv"
    f.write_text("doc_id,outlet,text\na,X,corpus.csv is a file name.\n", encoding="utf-8")
    assert main(["kwic", str(f)]) == 2
    err = capsys.readouterr().err
    assert len(err.strip().splitlines()) == 1 and "not a term" in err
    assert main(["kwic", str(tmp_path)]) == 2
    assert "is a folder" in capsys.readouterr().err


def test_cli_kwic_shows_the_outlet(capsys):
    assert main(["kwic", "Tovuz", "--window", "20"]) == 0
    out = capsys.readouterr().out
    assert "World Socialist Web Site" in out or "Georgia Today" in out
    lines = [ln for ln in out.splitlines() if "[Tovuz]" in ln]
    c = load_sample_corpus().set_index("doc_id")
    for ln in lines:
        doc_id = ln.split()[0]
        assert c.loc[doc_id, "outlet"][:24] in ln


@pytest.mark.skipif(shutil.which("head") is None or not FRAMING.exists(),
                    reason="needs head and the framing script")
@pytest.mark.parametrize("cmd", ["lexicon show naming", "lexicon show BIG", "kwic the"])
def test_cli_output_into_head_ends_quietly(tmp_path, cmd):
    big = tmp_path / "big.csv"
    big.write_text("term,category,note\n" + "".join(f"term{i} word,cat,{'x' * 60}\n"
                                                   for i in range(5000)), encoding="utf-8")
    cmd = cmd.replace("BIG", str(big))
    r = subprocess.run(f"set -o pipefail; '{FRAMING}' {cmd} | head -1", shell=True,
                       executable="/bin/bash", capture_output=True, text=True, cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    assert r.stderr == ""
    assert len(r.stdout.splitlines()) == 1


# ---------------------------------------------------------------- 5. no shadowing

@pytest.mark.parametrize("cwd", [ROOT.parent, ROOT])
def test_import_from_parent_folder_and_repo_root(cwd):
    code = "import framing; print(len(framing.load_lexicon('naming')) > 100)"
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=cwd)
    assert r.returncode == 0, r.stderr[-2000:]
    assert r.stdout.strip() == "True"


def test_lexicon_data_folder_is_no_module_under_another_name(tmp_path):
    # the repository root on sys.path (Python started there): 'lexicons' is not a module
    r = subprocess.run([sys.executable, "-c", "import lexicons"], capture_output=True,
                       text=True, cwd=ROOT)
    assert r.returncode != 0 and "lexicon data folder" in r.stderr
    # a checkout named 'framing' and Python started in its parent folder: framing.lexicons
    # is the lexicon loader of the installed package (src layout), never the data folder
    (tmp_path / "framing").symlink_to(ROOT, target_is_directory=True)
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    r = subprocess.run([sys.executable, "-c",
                        "import framing.lexicons as m; print(m.__file__); print(callable(m.load_lexicon))"],
                       capture_output=True, text=True, cwd=tmp_path, env=env)
    assert r.returncode == 0, r.stderr[-2000:]
    path, has_loader = r.stdout.split()
    assert path.endswith(os.path.join("src", "framing", "lexicons.py")) and has_loader == "True"
    # the installed package's own name still works
    r = subprocess.run([sys.executable, "-c", "import framing.lexicon_data as d; print(d.__name__)"],
                       capture_output=True, text=True, cwd=tmp_path.parent)
    assert r.returncode == 0 and r.stdout.strip() == "framing.lexicon_data", r.stderr
