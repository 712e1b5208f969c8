"""Image comparison for every figure function: a small baseline PNG per plot, compared with a
tolerance, so that figures do not change without anyone noticing.

The RMS tolerance absorbs font rendering, so on its own it misses a dot plot's dot moved by one
count (a few pixels of ink in a whole image). Each baseline therefore also has a JSON record of
what was drawn (the data of every line, marker, bar and collection, rounded; every text; the
colours), compared exactly: a moved dot, a changed n or label, another colour fails.

Regenerate the baselines after an intended change with
``FRAMING_UPDATE_BASELINES=1 python -m pytest tests/test_figures.py`` and look at them.
"""
from __future__ import annotations

import json
import os
from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402
from matplotlib.testing.compare import compare_images  # noqa: E402

import framing  # noqa: E402
from framing import plot  # noqa: E402

BASELINES = Path(__file__).parent / "baseline_images"
UPDATE = bool(os.environ.get("FRAMING_UPDATE_BASELINES"))
#: RMS difference (0-255 scale) allowed: anti-aliasing and font hinting may differ slightly
#: between FreeType builds; a moved bar, a new colour or a changed label does not pass.
TOLERANCE = 6.0


@pytest.fixture(scope="module")
def study():
    return framing.load_study(lexicons=[pd.DataFrame({
        "term": ["climate crisis", "climate change", "carbon tax", "Greenpeace", "Exxon"],
        "category": ["frame", "frame", "policy", "org", "org"],
        "side": ["activist", "neutral", "industry", "activist", "industry"]})])


def _naming():
    return pd.DataFrame({"outlet": ["Green Daily"] * 3 + ["Energy Times"] * 3,
                         "lexicon": "custom", "side": ["activist", "neutral", "industry"] * 2,
                         "voice": ["own", "own", "quoted", "own", "quoted", "own"],
                         "count": [5, 2, 1, 1, 2, 6]})


def _intervals():
    return pd.DataFrame({"outlet": ["Green Daily", "Green Daily", "Energy Times", "Energy Times"],
                         "feature": ["custom:activist@own", "custom:industry@own"] * 2,
                         "value": [4.0, 0.5, 0.8, 3.1], "ci_low": [3.0, 0.1, 0.2, 2.0],
                         "ci_high": [5.2, 1.0, 1.5, 4.0], "n_docs": [12, 12, 9, 9]})


def _agency():
    """agency_by_outlet's form: count of n mentions per outlet, measure and side."""
    rows = []
    for o, (a, i, none) in {"Green Daily": (12, 2, 6), "Energy Times": (4, 10, 6)}.items():
        rows += [(o, "agent_share", "activist", a), (o, "agent_share", "industry", i),
                 (o, "agent_share", "", none), (o, "agentless_rate", "all", none),
                 (o, "n_mentions", "all", 20)]
    t = pd.DataFrame(rows, columns=["outlet", "measure", "side", "count"])
    return t.assign(n=20, value=t["count"] / 20)


def _tone():
    return pd.DataFrame({"outlet": ["Green Daily"] * 2 + ["Energy Times"] * 2,
                         "side": ["activist", "industry"] * 2, "voice": ["own", "quoted"] * 2,
                         "tone_mean": [0.3, -0.4, -0.2, 0.1], "n_docs": [5, 3, 4, 2]})


def _balance():
    return pd.DataFrame({"outlet": ["Green Daily", "Green Daily", "Energy Times", "Energy Times"],
                         "side": ["activist", "", "industry", "activist"],
                         "n_attributions": [8, 2, 7, 3], "quoted_words": [80, 10, 60, 20]})


def _verbs():
    return pd.DataFrame({"side": ["activist", "activist", "industry", "industry"],
                         "verb_class": ["neutral", "distancing", "neutral", "concessive"],
                         "n": [6, 4, 8, 1]})


def _keyness():
    return pd.DataFrame({"target": "Green Daily", "reference": "rest",
                         "term": ["crisis", "emergency", "jobs", "prices"],
                         "stat": [4.2, 2.5, -3.1, -2.0], "z": [4.2, 2.5, -3.1, -2.0],
                         "p_adjusted": [0.001, 0.04, 0.01, 0.2],
                         "n_target": [30, 12, 2, 3], "n_reference": [5, 3, 25, 14]})


def _hits():
    """One row per hit with its document: the bootstrap path of the share plots."""
    rows = []
    for o, docs in {"Green Daily": [("activist", 3), ("industry", 1), ("activist", 2),
                                    ("neutral", 2), ("activist", 4)],
                    "Energy Times": [("industry", 3), ("activist", 1), ("industry", 2)]}.items():
        for d, (side, k) in enumerate(docs):
            rows += [{"doc_id": f"{o[0]}{d}", "outlet": o, "lexicon": "custom", "side": side,
                      "voice": "own"}] * k
            rows += [{"doc_id": f"{o[0]}{d}", "outlet": o, "lexicon": "custom",
                      "side": "neutral", "voice": "own"}]
    return pd.DataFrame(rows)


def _validation():
    return pd.DataFrame({"extractor": ["quotes", "agents", "tiny"], "tp": [40, 25, 2],
                         "fp": [4, 9, 0], "fn": [10, 2, 1]})


def _distancing():
    return pd.DataFrame({"outlet": ["Green Daily", "Energy Times"], "side_a": "activist",
                         "side_b": "industry", "n_a": [10, 6], "n_b": [8, 9],
                         "difference": [-0.2, 0.3], "ci_low": [-0.5, 0.05],
                         "ci_high": [0.1, 0.55]})


CASES = {
    "naming": lambda st: plot.plot_naming(_naming(), lexicon="custom", study=st,
                                          title="Framing terms by outlet"),
    "naming_bootstrap": lambda st: plot.plot_naming(_hits(), lexicon="custom", study=st,
                                                    title="Framing terms (bootstrap)"),
    "validation": lambda st: plot.plot_validation(_validation()),
    "intervals": lambda st: plot.plot_intervals(_intervals(), study=st, title="Rates"),
    "heatmap": lambda st: plot.plot_heatmap(_intervals(), study=st, title="Heatmap"),
    "agency": lambda st: plot.plot_agency(_agency(), study=st, title="Agency"),
    "tone": lambda st: plot.plot_tone(_tone(), study=st, title="Tone"),
    "source_balance": lambda st: plot.plot_source_balance(_balance(), study=st, title="Voices"),
    "verb_class": lambda st: plot.plot_verb_class_by_side(_verbs(), study=st),
    "keyness": lambda st: plot.plot_keyness(_keyness(), n=4, title="Distinctive words"),
    "distancing": lambda st: plot.plot_distancing_asymmetry(_distancing(), study=st),
    "over_time": lambda st: plot.plot_over_time(
        _intervals().assign(month=["2020-01", "2020-01", "2020-02", "2020-02"]),
        "custom:activist@own", by="month", study=st, title="Over time"),
}


def _r(values):
    """Numbers rounded for the record (3 decimals: data units of shares, rates, counts)."""
    import numpy as np

    a = np.ma.filled(np.ma.asarray(values, dtype=float), np.nan)
    return [None if not np.isfinite(v) else round(float(v), 3) for v in a.ravel()]


def _hex(colors):
    from matplotlib.colors import to_hex

    import numpy as np

    c = np.asarray(colors, dtype=float) if not isinstance(colors, str) else colors
    if isinstance(c, str):
        return [to_hex(c, keep_alpha=True)]
    c = c.reshape(-1, 4) if c.size % 4 == 0 and c.size else c.reshape(-1, 3) if c.size else c
    return [to_hex(x, keep_alpha=True) for x in c]


def _record(fig) -> dict:
    """What a figure draws: per axes (with secondary axes) its texts, lines, collections,
    patches and images, in data coordinates, rounded; independent of font rendering."""
    from matplotlib.collections import LineCollection

    fig.canvas.draw()
    axes = []
    for ax in fig.axes:
        axes += [ax] + [c for c in ax.child_axes if c not in axes]
    out = []
    for ax in axes:
        if not hasattr(ax, "get_title"):  # a secondary axis (notes at the right): its labels
            out.append({"ticks": [t.get_text() for t in ax.yaxis.get_ticklabels()
                                  + ax.xaxis.get_ticklabels()],
                        "positions": _r(list(ax.yaxis.get_ticklocs()))})
            continue
        leg = ax.get_legend()
        rec = {"title": ax.get_title(), "xlabel": ax.get_xlabel(), "ylabel": ax.get_ylabel(),
               "xticks": [t.get_text() for t in ax.get_xticklabels()],
               "yticks": [t.get_text() for t in ax.get_yticklabels()],
               "xlim": _r(ax.get_xlim()), "ylim": _r(ax.get_ylim()),
               "texts": [[t.get_text(), *_r(t.get_position())] for t in ax.texts],
               "legend": [t.get_text() for t in leg.get_texts()] if leg else [],
               "lines": [[str(ln.get_label()) if not str(ln.get_label()).startswith("_") else "",
                          _hex(ln.get_color()), str(ln.get_marker()),
                          _hex(ln.get_markerfacecolor()), _r(ln.get_xdata()),
                          _r(ln.get_ydata())] for ln in ax.lines],
               "collections": [[type(c).__name__, _hex(c.get_edgecolor() if isinstance(
                                c, LineCollection) else c.get_facecolor()),
                                [_r(seg) for seg in c.get_segments()]
                                if isinstance(c, LineCollection) else _r(c.get_offsets())]
                               for c in ax.collections],
               "patches": [[type(p).__name__, _hex(p.get_facecolor()), str(p.get_hatch()),
                            _r(p.get_bbox().bounds) if hasattr(p, "get_bbox") else []]
                           for p in ax.patches],
               "images": [_r(im.get_array()) for im in ax.images]}
        out.append(rec)
    return {"axes": out}


def _dumps(record: dict) -> str:
    """The record as JSON with one line per axes property (readable diffs)."""
    def one(ax):
        return "  {" + ",\n   ".join(f"{json.dumps(k)}: {json.dumps(v, ensure_ascii=False)}"
                                     for k, v in ax.items()) + "}"
    return '{"axes": [\n' + ",\n".join(one(a) for a in record["axes"]) + "\n]}\n"


@pytest.mark.parametrize("name", sorted(CASES))
def test_figure_matches_its_baseline(name, study, tmp_path):
    ax = CASES[name](study)
    got = tmp_path / f"{name}.png"
    ax.figure.savefig(got, dpi=60, metadata={"Software": None})
    record = json.loads(json.dumps(_record(ax.figure)))
    plt.close(ax.figure)
    expected = BASELINES / f"{name}.png"
    expected_record = BASELINES / f"{name}.json"
    if UPDATE:
        BASELINES.mkdir(exist_ok=True)
        expected.write_bytes(got.read_bytes())
        expected_record.write_text(_dumps(record), encoding="utf-8")
    assert expected.exists(), f"no baseline {expected.name}: run with FRAMING_UPDATE_BASELINES=1"
    assert expected_record.exists(), \
        f"no baseline {expected_record.name}: run with FRAMING_UPDATE_BASELINES=1"
    diff = compare_images(str(expected), str(got), tol=TOLERANCE)
    assert diff is None, diff
    want = json.loads(expected_record.read_text(encoding="utf-8"))
    for i, (a, b) in enumerate(zip(want["axes"], record["axes"])):
        for key in a:
            assert b.get(key) == a[key], f"{name}: axes {i} {key} differs from the baseline"
    assert len(want["axes"]) == len(record["axes"]), f"{name}: number of axes differs"


@pytest.mark.parametrize("name, change", [
    ("naming", lambda st: plot.plot_naming(_naming().assign(count=[4, 2, 1, 1, 2, 6]),
                                           lexicon="custom", study=st,
                                           title="Framing terms by outlet")),
    ("agency", lambda st: plot.plot_agency(_agency().assign(
        count=lambda d: d["count"].where(d.index != 0, 11)), study=st, title="Agency")),
    ("validation", lambda st: plot.plot_validation(_validation().assign(fn=[12, 2, 1]))),
])
def test_one_count_more_or_less_is_caught(name, change, study):
    """A dot moved by one count changes a few pixels only (the RMS check alone passes it);
    the record of what is drawn catches it."""
    ax = change(study)
    record = json.loads(json.dumps(_record(ax.figure)))
    plt.close(ax.figure)
    want = json.loads((BASELINES / f"{name}.json").read_text(encoding="utf-8"))
    assert record != want


def test_the_comparison_catches_a_changed_figure(study, tmp_path):
    """The check can fail: another colour for one side is caught."""
    other = framing.load_study(lexicons=[pd.DataFrame({
        "term": ["x", "y", "z"], "category": ["c"] * 3,
        "side": ["zeta", "activist", "industry"]})])  # shifts the palette of undeclared sides
    ax = plot.plot_naming(_naming(), lexicon="custom", study=other, title="Framing terms by outlet")
    got = tmp_path / "changed.png"
    ax.figure.savefig(got, dpi=60, metadata={"Software": None})
    plt.close(ax.figure)
    if not (BASELINES / "naming.png").exists():
        pytest.skip("baselines not generated yet")
    assert compare_images(str(BASELINES / "naming.png"), str(got), tol=TOLERANCE) is not None


def _png(path):
    """Pixels and text/resolution of a PNG file."""
    import numpy as np
    from PIL import Image

    with Image.open(path) as im:
        return np.asarray(im), dict(im.info), im.mode


@pytest.mark.parametrize("name", ["naming", "agency", "heatmap", "keyness", "tone"])
def test_save_figure_writes_what_savefig_tight_writes(name, study, tmp_path):
    """save_figure lays the figure out once instead of in a first drawing that savefig
    throws away, and encodes the PNG itself: the pixels, text and resolution are those
    of ``savefig(bbox_inches="tight")``, the pixels it hands to the report are the
    file's, and saving the figure again gives what savefig gives the second time
    (constrained layout starts from the last layout)."""
    import numpy as np

    ax = CASES[name](study)
    refs = [tmp_path / "ref1.png", tmp_path / "ref2.png"]
    for ref in refs:
        ax.figure.savefig(ref, dpi=200, metadata={"Software": "framing"}, bbox_inches="tight")
    plt.close(ax.figure)
    ax = CASES[name](study)
    (got,), pixels = plot._save_figure(ax, tmp_path / "got")
    want, info, mode = _png(refs[0])
    have, have_info, have_mode = _png(got)
    assert (have_mode, have_info) == (mode, info) == ("RGBA", {"Software": "framing",
                                                                "dpi": info["dpi"]})
    assert round(info["dpi"][0]) == 200
    assert np.array_equal(have, want) and np.array_equal(pixels, want)
    assert got.stat().st_size < refs[0].stat().st_size  # rows without filters: smaller
    again = plot.save_figure(ax, tmp_path / "again")[0]
    plt.close(ax.figure)
    assert np.array_equal(_png(again)[0], _png(refs[1])[0])


def test_write_png_round_trip(tmp_path):
    import numpy as np

    rng = np.random.default_rng(0)
    a = rng.integers(0, 256, size=(7, 5, 4), dtype=np.uint8)
    plot._write_png(tmp_path / "a.png", a, 72, {"Software": "x", "Skipped": None})
    got, info, mode = _png(tmp_path / "a.png")
    assert mode == "RGBA" and np.array_equal(got, a)
    assert info["Software"] == "x" and "Skipped" not in info
    assert [round(d) for d in info["dpi"]] == [72, 72]


def test_save_figure_without_layout_engine_and_other_formats(tmp_path):
    fig, ax = plt.subplots(figsize=(3, 2))  # no layout engine: savefig's own way
    ax.plot([0, 1], [0, 1])
    ax.set_title("x" * 80)  # wider than the figure: the tight box grows past it
    ref = tmp_path / "ref.png"
    fig.savefig(ref, dpi=200, metadata={"Software": "framing"}, bbox_inches="tight")
    (png, pdf), pixels = plot._save_figure(ax, tmp_path / "f", formats=("png", "pdf"))
    plt.close(fig)
    assert pixels is None and png.read_bytes() == ref.read_bytes()
    assert pdf.read_bytes().startswith(b"%PDF")
