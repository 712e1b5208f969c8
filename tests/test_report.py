"""``framing analyze`` writes a self-contained report.html that shows every figure.

Two checks: a pure-Python one that always runs (every <img> is an embedded PNG
that decodes, every figure file is referenced, numbers link to evidence
sentences), and a headless-browser one (every <img> has loaded, naturalWidth > 0)
that runs when Chromium is installed.
"""
import base64
import io
import json
import re
import shutil
import subprocess
from html.parser import HTMLParser

import matplotlib.image as mpimg
import pytest


class _Page(HTMLParser):
    def __init__(self):
        super().__init__()
        self.imgs, self.links, self.ids = [], [], set()

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if "id" in a:
            self.ids.add(a["id"])
        if tag == "img":
            self.imgs.append(a)
        if tag == "a" and a.get("href", "").startswith("#"):
            self.links.append(a["href"][1:])


@pytest.fixture(scope="module")
def report(tmp_path_factory):
    from framing.cli import main

    out = tmp_path_factory.mktemp("report")
    stages = "attribution,tone"
    try:  # the agency stage joins the pipeline when its extractor takes the shared parse
        from framing import analyze, load_sample_corpus

        analyze(load_sample_corpus().head(1), stages=("agency",))
        stages = "all"
    except Exception:
        pass
    assert main(["analyze", "--out", str(out), "--quiet", "--stages", stages]) == 0
    return out


def test_report_is_self_contained_and_every_figure_decodes(report):
    page = _Page()
    html = (report / "report.html").read_text(encoding="utf-8")
    page.feed(html)
    figures = sorted(p.stem for p in (report / "figures").glob("*.png"))
    assert len(figures) >= 8
    assert {"naming_preferences_intervals", "outlet_feature_heatmap", "source_balance",
            "tone_toward_sides"} <= set(figures)
    assert any(f.startswith("keyness_") for f in figures)
    assert len(page.imgs) == len(figures)
    for img in page.imgs:
        src = img["src"]
        assert src.startswith("data:image/png;base64,"), src[:40]
        arr = mpimg.imread(io.BytesIO(base64.b64decode(src.split(",", 1)[1])), format="png")
        assert arr.shape[0] > 50 and arr.shape[1] > 50
    assert sorted(i["alt"] for i in page.imgs) == figures
    # links stay inside the page or point at files of the output folder
    for target in re.findall(r"""(?:src|href)=["'](?!data:|#)([^"']+)""", html):
        assert (report / target).exists(), f"report links to {target}, not in the output"


def test_report_numbers_link_to_evidence_sentences(report):
    page = _Page()
    html = (report / "report.html").read_text(encoding="utf-8")
    page.feed(html)
    assert len(page.links) > 20
    missing = [x for x in page.links if x not in page.ids]
    assert not missing, f"{len(missing)} links without a target, e.g. {missing[0]}"
    # a number of the naming figure links to a sentence that contains a naming term
    assert "Numbers behind this figure" in html
    # naming evidence comes from the study's naming lexicon; places are not naming choices
    assert "<span class='kw'>Nagorno-Karabakh</span>" in html
    assert "<span class='kw'>Tavush</span>" not in html.split("<h2 id='evidence'>Evidence")[1]


def _chromium():
    for name in ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable"):
        path = shutil.which(name)
        if path:
            return path
    return None


@pytest.mark.skipif(_chromium() is None,
                    reason="Chromium is not installed (apt-get install chromium); the pure-Python "
                           "check of the report still ran")
def test_report_figures_load_in_headless_chromium(report, tmp_path):
    html = (report / "report.html").read_text(encoding="utf-8")
    probe = ("<script>window.addEventListener('load',()=>{const r=[...document.images].map("
             "i=>[i.alt,i.complete,i.naturalWidth]);const p=document.createElement('pre');"
             "p.id='probe';p.textContent=JSON.stringify(r);document.body.appendChild(p);});"
             "</script></body>")
    page = tmp_path / "probe.html"
    page.write_text(html.replace("</body>", probe), encoding="utf-8")
    res = subprocess.run([_chromium(), "--headless", "--disable-gpu", "--no-sandbox",
                          "--virtual-time-budget=10000", "--dump-dom", page.as_uri()],
                         capture_output=True, text=True, timeout=120)
    m = re.search(r'<pre id="probe">(.*?)</pre>', res.stdout, re.S)
    assert m, f"no probe output from Chromium: {res.stderr[-500:]}"
    loaded = json.loads(m.group(1).replace("&quot;", '"'))
    n_png = len(list((report / "figures").glob("*.png")))
    assert len(loaded) == n_png
    assert all(ok and width > 0 for _, ok, width in loaded), loaded


def test_contrast_sides_from_lexicon_metadata_or_most_quoted():
    from collections import Counter

    from framing.report import _contrast_sides

    from framing import load_study

    study = load_study("caucasus")
    att = Counter(["usa", "usa", "usa", "armenia", "azerbaijan", "russia", "russia", ""])
    # the study declares the contrast of the case study
    assert _contrast_sides(att, study) == ["armenia", "azerbaijan"]
    # without those sides in the data: the two most-quoted sides
    assert _contrast_sides(Counter({"usa": 3, "russia": 2, "armenia": 0}), study) == \
        ["usa", "russia"]
    # a study without a contrast: the two most-quoted sides
    loose = load_study(lexicons=["caucasus/actors"])
    assert loose.contrast is None
    assert _contrast_sides(att, loose) == ["usa", "russia"]


def test_report_has_contents_and_captions(report):
    html = (report / "report.html").read_text(encoding="utf-8")
    assert "<nav><h2>Contents</h2>" in html
    assert html.count("<figcaption>") == len(list((report / "figures").glob("*.png")))
    assert "<figcaption></figcaption>" not in html
    # the documents table comes after the findings
    assert html.index("id='documents'") > html.index("<figure>")


def test_report_of_many_documents_stays_small(tmp_path):
    """3,000 documents: the documents table is capped and links to the full file."""
    import pandas as pd

    import framing
    from framing.pipeline import analyze_to

    base = framing.load_sample_corpus()
    rows = []
    for i in range(3000):
        r = base.iloc[i % len(base)]
        body = r["body"][: 300 + (i % 7) * 40]
        rows.append({"doc_id": f"d{i:05d}", "outlet": f"Outlet {i % 12}", "text": body})
    corpus = framing.load_corpus(pd.DataFrame(rows))
    analyze_to(corpus, tmp_path / "o", stages=("tone",), progress=False, n_boot=100)
    html = (tmp_path / "o" / "report.html").read_text(encoding="utf-8")
    assert "The first 200 of 3000 documents" in html
    assert "href='documents.csv'" in html
    assert len(html.encode()) < 2_000_000
    assert html.count("<tr>") < 2500


# --------------------------------------------------------------------------- 5,000 documents
def _generated_corpus(n: int, *, seed: int = 0):
    """``n`` short documents (3-5 sentences drawn from the sample articles, numbers varied)
    from 12 outlets over three months: many documents, little text, so the run stays short."""
    import random

    import pandas as pd

    import framing
    from framing.text import split_sentences

    bodies = framing.load_sample_corpus()["body"]
    sents = [b[s:e] for b in bodies for s, e in split_sentences(b) if e - s > 30]
    rng = random.Random(seed)
    num = re.compile(r"\d+")
    rows = [{"doc_id": f"d{i:05d}", "outlet": f"Outlet {i % 12:02d}",
             "date": f"2020-{7 + i % 3:02d}-{1 + i % 28:02d}", "title": f"Report {i}",
             "text": " ".join(num.sub(lambda m: str(rng.randint(1, 999)), rng.choice(sents))
                              for _ in range(rng.randint(3, 5)))} for i in range(n)]
    return framing.load_corpus(pd.DataFrame(rows))


@pytest.fixture(scope="module")
def report_5000(tmp_path_factory):
    """framing analyze (all stages, the report) on 5,000 generated documents (~3 MB,
    about 25 s on one core)."""
    import warnings

    from framing.pipeline import analyze_to

    out = tmp_path_factory.mktemp("report5000")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        analyze_to(_generated_corpus(5000), out, progress=False, n_boot=200)
    return out


def test_report_of_5000_documents_caps_its_tables_and_links_the_full_files(report_5000):
    import pandas as pd

    html = (report_5000 / "report.html").read_text(encoding="utf-8")
    assert "5000 documents from 12 outlets" in html
    docs = html[html.index("<h2 id='documents'>"):]
    assert "The first 200 of 5000 documents" in docs
    assert "<a href='documents.csv'>documents.csv</a>" in docs
    assert docs.count("<tr>") == 200  # the 200 documents (the header row has a style)
    assert len(pd.read_csv(report_5000 / "documents.csv")) == 5000
    page = _Page()
    page.feed(html)
    figures = sorted(p.stem for p in (report_5000 / "figures").glob("*.png"))
    assert len(page.imgs) == len(figures) >= 15
    assert any(f.startswith("over_time_") for f in figures)  # three months


def test_report_of_5000_documents_is_under_2_mb(report_5000):
    # 2.45 MB before the numbers tables were capped (every outlet x feature row)
    size = (report_5000 / "report.html").stat().st_size
    assert size < 2_000_000, f"report.html is {size / 1e6:.2f} MB"
    html = (report_5000 / "report.html").read_text(encoding="utf-8")
    capped = re.findall(r"\((\d+) values — (\d+) of \1 shown; all values in "
                        r"<a href='comparison.csv'>", html)
    assert capped and all(int(shown) == 60 < int(n) for n, shown in capped), capped[:3]


@pytest.mark.skipif(_chromium() is None,
                    reason="Chromium is not installed (apt-get install chromium)")
def test_report_of_5000_documents_loads_in_headless_chromium(report_5000, tmp_path):
    import time

    html = (report_5000 / "report.html").read_text(encoding="utf-8")
    probe = ("<script>window.addEventListener('load',()=>{const r=[...document.images].map("
             "i=>[i.alt,i.complete,i.naturalWidth]);const p=document.createElement('pre');"
             "p.id='probe';p.textContent=JSON.stringify(r);document.body.appendChild(p);});"
             "</script></body>")
    page = tmp_path / "probe.html"
    page.write_text(html.replace("</body>", probe), encoding="utf-8")
    t0 = time.perf_counter()
    res = subprocess.run([_chromium(), "--headless", "--disable-gpu", "--no-sandbox",
                          "--virtual-time-budget=10000", "--dump-dom", page.as_uri()],
                         capture_output=True, text=True, timeout=120)
    m = re.search(r'<pre id="probe">(.*?)</pre>', res.stdout, re.S)
    assert m, f"no probe output from Chromium: {res.stderr[-500:]}"
    loaded = json.loads(m.group(1).replace("&quot;", '"'))
    assert len(loaded) == len(list((report_5000 / "figures").glob("*.png")))
    assert all(ok and width > 0 for _, ok, width in loaded), loaded
    shot = tmp_path / "report.png"
    res = subprocess.run([_chromium(), "--headless", "--disable-gpu", "--no-sandbox",
                          "--hide-scrollbars", "--window-size=1280,2000",
                          "--virtual-time-budget=10000", f"--screenshot={shot}",
                          (report_5000 / "report.html").as_uri()],
                         capture_output=True, text=True, timeout=120)
    elapsed = time.perf_counter() - t0
    assert shot.exists(), f"no screenshot: {res.stderr[-500:]}"
    img = mpimg.imread(shot)
    assert img.shape[:2] == (2000, 1280)
    assert img[..., :3].std() > 0.05  # text and a figure, not a blank page
    assert elapsed < 30, f"Chromium took {elapsed:.0f} s to load and draw the report"


def test_embedded_figure_from_the_drawn_pixels_equals_the_file_read_again(tmp_path):
    """The report embeds each figure from the pixels just drawn (no second decoding of
    the PNG): the same <img> as when the file is read, scaled and quantized again."""
    import matplotlib.pyplot as plt
    import pandas as pd

    from framing import plot
    from framing.report import _img

    t = pd.DataFrame({"outlet": ["A", "A", "B"], "lexicon": "x", "side": ["s", "t", "s"],
                      "voice": "own", "count": [3, 4, 5]})
    ax = plot.plot_naming(t, lexicon="x", title="wide enough to be scaled down")
    (path,), pixels = plot._save_figure(ax, tmp_path / "naming")
    plt.close(ax.figure)
    assert pixels.shape[1] > 1000  # scaled to 1,000 pixels in the page
    from_pixels, from_file = _img(path, pixels=pixels), _img(path)
    assert from_pixels == from_file
    raw = base64.b64decode(from_file.split(",", 1)[1].rstrip('">'))
    assert mpimg.imread(io.BytesIO(raw), format="png").shape[1] == 1000
    assert len(raw) < path.stat().st_size


def test_cli_start_imports_no_plotting_or_science_stack():
    """``framing --help`` and the start of ``framing analyze`` do not import matplotlib,
    scipy or scikit-learn (they are loaded when the report or a stage needs them)."""
    import sys

    code = ("import contextlib, io, sys\n"
            "import framing, framing.cli\n"
            "try:\n"
            "    with contextlib.redirect_stdout(io.StringIO()):\n"
            "        framing.cli.main(['--help'])\n"
            "except SystemExit:\n"
            "    pass\n"
            "print(sorted({m.split('.')[0] for m in sys.modules} & "
            "{'matplotlib', 'scipy', 'sklearn'}))\n"
            "print(framing.plot_naming.__module__, 'matplotlib' in sys.modules)\n")
    res = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         timeout=120)
    assert res.returncode == 0, res.stderr[-2000:]
    assert res.stdout.split("\n")[:2] == ["[]", "framing.plot True"]
