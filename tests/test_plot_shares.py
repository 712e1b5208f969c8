"""Dot plots of shares with intervals (naming, agency, source balance, verb classes) and the
validation figure: the dots are the shares, the lines the stated intervals, n < 3 draws no
line, empty tables a message; tables written for the tests, with exact expected values."""
from __future__ import annotations

import math

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402

import framing  # noqa: E402
from framing import FramingError  # noqa: E402
from framing.plot import (MIN_N_INTERVAL, plot_agency, plot_naming, plot_source_balance,  # noqa: E402
                          plot_validation, plot_verb_class_by_side, wilson_interval)


@pytest.fixture(scope="module")
def study():
    return framing.load_study(lexicons=[pd.DataFrame({
        "term": ["wind farm", "turbine blight", "energy park"], "category": ["c"] * 3,
        "side": ["pro", "contra", "neutral"]})])


@pytest.fixture(autouse=True)
def _close():
    yield
    plt.close("all")


def _dots(ax):
    """(x, y) of every dot, and the x ends of every interval line, by y."""
    dots = [(float(ln.get_xdata()[0]), round(float(ln.get_ydata()[0]), 6)) for ln in ax.lines
            if ln.get_marker() not in ("None", None, "")]  # not the rows' separators
    segs = {}
    for c in ax.collections:
        for seg in c.get_segments():
            segs[round(float(seg[0][1]), 6)] = (float(seg[0][0]), float(seg[1][0]))
    return dots, segs


def _notes(ax):
    return [t.get_text() for t in ax.child_axes[0].get_yticklabels()]


def test_wilson_interval_exact():
    # Wilson (1927): p=0.5, n=10 -> 0.2366..0.7634; k=0: low 0, high z^2/(n+z^2)
    lo, hi = wilson_interval([5, 0, 3], [10, 10, 0])
    assert lo[0] == pytest.approx(0.236593, abs=1e-6)
    assert hi[0] == pytest.approx(0.763407, abs=1e-6)
    z2 = 1.959963984540054 ** 2
    assert lo[1] == 0.0 and hi[1] == pytest.approx(z2 / (10 + z2))
    assert math.isnan(lo[2]) and math.isnan(hi[2])


def test_naming_counts_dots_and_wilson_lines(study):
    t = pd.DataFrame({"outlet": ["Coast Herald"] * 3 + ["Valley News"] * 2,
                      "lexicon": "custom", "side": ["pro", "contra", "neutral", "pro", "contra"],
                      "voice": "own", "count": [6, 3, 1, 1, 1]})
    ax = plot_naming(t, lexicon="custom", study=study)
    dots, segs = _dots(ax)
    # Coast Herald (top row, y=1): shares 0.6, 0.3, 0.1 of 10 hits; Valley News: 1 of 2 each
    xs_top = sorted(x for x, y in dots if y > 0.5)
    assert xs_top == pytest.approx([0.1, 0.3, 0.6])
    lo, hi = wilson_interval([6, 3, 1], [10, 10, 10])
    assert np.ravel(sorted(segs.values())) == pytest.approx(np.ravel(sorted(zip(lo, hi))))
    # lines on the top row only
    assert all(y > 0.5 for y in segs)
    assert _notes(ax) == ["n=10", "n=2, no interval"]
    assert [t.get_text() for t in ax.get_yticklabels()] == ["Coast Herald · own words",
                                                          "Valley News · own words"]
    # sides in the study's order, with the study's labels
    texts = [x.get_text() for x in ax.get_legend().get_texts()]
    assert [x for x in texts if x in ("Contra", "Neutral", "Pro")] == ["Contra", "Neutral", "Pro"]
    assert "quoted (hollow)" not in texts  # no quoted rows, no key for them
    assert "Wilson interval on the counts" in ax.get_xlabel()


def test_naming_voice_rows_and_all_rows_ignored(study):
    t = pd.DataFrame({"outlet": "Coast Herald", "lexicon": "custom",
                      "side": ["pro", "contra", "pro", "pro"],
                      "voice": ["own", "quoted", "quoted", "all"], "count": [4, 2, 2, 99]})
    ax = plot_naming(t, lexicon="custom", study=study)
    assert [x.get_text() for x in ax.get_yticklabels()] == ["Coast Herald · own words",
                                                          "Coast Herald · quoted"]
    assert _notes(ax) == ["n=4", "n=4"]
    quoted = [ln for ln in ax.lines if ln.get_marker() == "o"
              and ln.get_markerfacecolor() == "white"]
    assert sorted(float(ln.get_xdata()[0]) for ln in quoted) == [0.5, 0.5]
    assert "quoted (hollow)" in [x.get_text() for x in ax.get_legend().get_texts()]


def _hits():
    """Hits of three documents of one outlet, each 1 pro + 1 neutral: every resample has
    share 0.5, so the bootstrap interval is exactly [0.5, 0.5]."""
    rows = [{"doc_id": d, "outlet": "Coast Herald", "lexicon": "custom", "side": s,
             "voice": "own"} for d in ("a", "b", "c") for s in ("pro", "neutral")]
    return pd.DataFrame(rows)


def test_naming_bootstrap_over_documents(study):
    ax = plot_naming(_hits(), lexicon="custom", study=study)
    dots, segs = _dots(ax)
    assert sorted(x for x, _ in dots) == [0.5, 0.5]
    assert sorted(segs.values()) == [(0.5, 0.5), (0.5, 0.5)]
    assert _notes(ax) == ["n=6 (3 docs)"]
    assert "bootstrap interval over documents" in ax.get_xlabel()
    # unequal documents: an interval that contains the share, the same for the same seed
    h = pd.concat([_hits(), _hits().iloc[:1].assign(doc_id="d"),
                   _hits().iloc[:1].assign(doc_id="d")]
                  + [_hits().iloc[:k].assign(doc_id=f"e{k}") for k in range(1, 7)],
                  ignore_index=True)
    share = (h["side"] == "pro").mean()
    a1 = _dots(plot_naming(h, lexicon="custom", study=study, n_boot=300))[1]
    a2 = _dots(plot_naming(h, lexicon="custom", study=study, n_boot=300))[1]
    a3 = _dots(plot_naming(h, lexicon="custom", study=study, n_boot=300, random_state=7))[1]
    assert a1 == a2 and a1 != a3
    pro = [v for v in a1.values() if v[1] > 0.55][0]
    assert pro[0] < share < pro[1]


def test_fewer_than_three_documents_no_line(study):
    ax = plot_naming(_hits()[_hits()["doc_id"] != "c"], lexicon="custom", study=study)
    dots, segs = _dots(ax)
    assert len(dots) == 2 and segs == {}
    assert _notes(ax) == ["n=4 (2 docs), no interval"]


def test_empty_tables_say_so(study):
    empty = pd.DataFrame(columns=["outlet", "lexicon", "side", "voice", "count"])
    assert plot_naming(empty, lexicon="custom", study=study).texts[0].get_text() == \
        "no custom found"
    ag = pd.DataFrame(columns=["outlet", "measure", "side", "count", "n", "value"])
    assert plot_agency(ag).texts[0].get_text() == "no violent acts found"
    sb = pd.DataFrame(columns=["outlet", "side", "n_attributions", "quoted_words"])
    assert plot_source_balance(sb).texts[0].get_text() == "no attributions found"
    vc = pd.DataFrame(columns=["side", "verb_class", "n", "share"])
    assert plot_verb_class_by_side(vc).texts[0].get_text() == "no attributions found"
    assert plot_validation(pd.DataFrame(columns=["extractor", "tp", "fp", "fn"])) \
        .texts[0].get_text() == "no extractors evaluated"


def _mentions():
    """Violent-act mentions of two outlets (documents written for the test)."""
    rows = []
    for doc, outlet, agents in [("h1", "Coast Herald", ["pro", "contra", ""]),
                                ("h2", "Coast Herald", ["pro", "pro"]),
                                ("h3", "Coast Herald", ["contra"]),
                                ("v1", "Valley News", ["contra", "contra"])]:
        rows += [{"doc_id": doc, "outlet": outlet, "voice": "active" if a else "passive_agentless",
                  "agent_side": a, "patient_side": ""} for a in agents]
    return pd.DataFrame(rows)


def test_agency_table_and_mentions_agree(study):
    from framing.agency import agency_by_outlet

    m = _mentions()
    by = agency_by_outlet(m, m[["doc_id", "outlet"]].drop_duplicates())
    t_dots = sorted(_dots(plot_agency(by, study=study))[0])
    r_ax = plot_agency(m.drop(columns="outlet"), corpus=m[["doc_id", "outlet"]], study=study)
    assert sorted(_dots(r_ax)[0]) == t_dots
    # Coast Herald: 6 mentions, pro 3/6, contra 2/6, none 1/6; Valley News: contra 2/2
    assert sorted(x for x, y in t_dots if y > 0.5) == pytest.approx([1 / 6, 1 / 3, 0.5])
    assert _notes(r_ax) == ["agentless 17%, n=6 (3 docs)", "agentless 0%, n=2 (1 doc), no interval"]
    with pytest.raises(FramingError, match="corpus="):
        plot_agency(m.drop(columns="outlet"))


def test_source_balance_quoted_words_from_counts_has_no_interval(study):
    t = pd.DataFrame({"outlet": ["Coast Herald", "Coast Herald"], "side": ["pro", ""],
                      "n_attributions": [3, 1], "quoted_words": [30, 10]})
    ax = plot_source_balance(t, study=study)
    dots, segs = _dots(ax)
    assert sorted(x for x, _ in dots) == [0.25, 0.75] and len(segs) == 2
    ax = plot_source_balance(t, measure="quoted_words", study=study)
    dots, segs = _dots(ax)
    assert sorted(x for x, _ in dots) == [0.25, 0.75] and segs == {}
    assert _notes(ax) == ["n=40 words"]
    assert ax.get_xlabel().endswith("no interval: the counts are not independent draws")


def test_source_balance_attribution_rows(study):
    att = pd.DataFrame({"doc_id": ["a", "a", "b", "c", "c"], "side": ["pro", "", "pro", "contra",
                                                                      "pro"],
                        "kind": ["direct", "indirect", "direct", "direct", "direct"],
                        "quote": ["one two three", "x", "four five", "six", "seven"]})
    corpus = pd.DataFrame({"doc_id": ["a", "b", "c"], "outlet": "Coast Herald"})
    ax = plot_source_balance(att, corpus=corpus, study=study)
    assert sorted(x for x, _ in _dots(ax)[0]) == pytest.approx([0.2, 0.2, 0.6])
    ax = plot_source_balance(att, corpus=corpus, measure="quoted_words", study=study)
    # direct quotes: pro 3 + 2 + 1 = 6 words, contra 1 of 7
    assert sorted(x for x, _ in _dots(ax)[0]) == pytest.approx([1 / 7, 6 / 7])
    assert _notes(ax) == ["n=7 words (3 docs)"]


def test_verb_class_rows_are_classes_dots_are_sides(study):
    t = pd.DataFrame({"side": ["pro", "pro", "contra"], "verb_class": ["neutral", "distancing",
                                                                       "neutral"],
                      "n": [3, 1, 2]})
    ax = plot_verb_class_by_side(t, study=study)
    assert [x.get_text() for x in ax.get_yticklabels()] == ["neutral", "distancing"]
    assert [x.get_text() for x in ax.get_legend().get_texts()][:2] == \
        ["Contra (n=2, no interval)", "Pro (n=4)"]
    dots, segs = _dots(ax)
    assert sorted(x for x, _ in dots) == [0.0, 0.25, 0.75, 1.0]
    assert len(segs) == 2  # pro only: contra has n=2 < MIN_N_INTERVAL
    assert MIN_N_INTERVAL == 3
    with pytest.raises(FramingError, match="sides not in the table"):
        plot_verb_class_by_side(t, sides=["pro", "other"], study=study)


def test_validation_figure(study):
    t = pd.DataFrame({"extractor": ["quotes", "agents"], "tp": [18, 2], "fp": [2, 0],
                      "fn": [6, 1]})
    ax = plot_validation(t)
    assert ax.get_title() == "Extractors against the hand-annotated gold set"
    prec, rec, f1 = (np.asarray(ln.get_xdata(), dtype=float) for ln in ax.lines)
    assert prec.tolist() == [0.9, 1.0] and rec.tolist() == pytest.approx([0.75, 2 / 3])
    assert f1.tolist() == pytest.approx([36 / 44, 4 / 5])
    segs = sorted(s for c in ax.collections for s in
                  [(float(g[0][0]), float(g[1][0])) for g in c.get_segments()])
    lo, hi = wilson_interval([18, 18, 2], [20, 24, 3])  # agents' precision: n=2, no line
    assert np.ravel(segs) == pytest.approx(np.ravel(sorted(zip(lo, hi))))
    leg = ax.get_legend()
    assert leg.get_bbox_to_anchor().y0 >= ax.get_window_extent().y1 - 1  # above the axes
    assert _notes(ax) == ["tp=18, fp=2, fn=6", "tp=2, fp=0, fn=1"]


def test_intervals_from_a_comparison_table(study):
    """With compare_outlets' table the lines are its bootstrap intervals (the figure agrees
    with the numbers under it); a feature it lacks gets no line."""
    t = pd.DataFrame({"outlet": ["Coast Herald"] * 2, "side": ["pro", ""],
                      "n_attributions": [6, 4], "quoted_words": [60, 10]})
    comp = pd.DataFrame({"outlet": "Coast Herald", "feature": ["attribution:share:pro",
                                                               "attribution:share:unknown"],
                         "value": [0.6, 0.4], "ci_low": [0.35, 0.1], "ci_high": [0.8, 0.55]})
    ax = plot_source_balance(t, study=study, intervals=comp)
    assert sorted(_dots(ax)[1].values()) == [(0.1, 0.55), (0.35, 0.8)]
    assert "from the comparison table" in ax.get_xlabel()
    ax = plot_source_balance(t, study=study, intervals=comp.iloc[:1])
    assert list(_dots(ax)[1].values()) == [(0.35, 0.8)]
    m = _mentions()
    from framing.agency import agency_by_outlet

    by = agency_by_outlet(m, m[["doc_id", "outlet"]].drop_duplicates())
    comp = pd.DataFrame({"outlet": ["Coast Herald", "Valley News"],
                         "feature": ["agency:agent:pro", "agency:agent:contra"],
                         "ci_low": [0.2, 0.5], "ci_high": [0.7, 1.0]})
    ax = plot_agency(by, study=study, intervals=comp)
    assert sorted(_dots(ax)[1].values()) == [(0.2, 0.7)]  # Valley News: n=2, no line
