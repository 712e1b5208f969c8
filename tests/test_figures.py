"""Image comparison for every figure function: a small baseline PNG per plot, compared with a
tolerance, so that figures do not change without anyone noticing.

Regenerate the baselines after an intended change with
``FRAMING_UPDATE_BASELINES=1 python -m pytest tests/test_figures.py`` and look at them.
"""
from __future__ import annotations

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
    rows = []
    for o, (a, i, none) in {"Green Daily": (0.6, 0.1, 0.3), "Energy Times": (0.2, 0.5, 0.3)}.items():
        rows += [(o, "agent_share", "activist", a), (o, "agent_share", "industry", i),
                 (o, "agent_share", "", none), (o, "agentless_rate", "all", none),
                 (o, "n_mentions", "all", 20)]
    return pd.DataFrame(rows, columns=["outlet", "measure", "side", "value"])


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


def _distancing():
    return pd.DataFrame({"outlet": ["Green Daily", "Energy Times"], "side_a": "activist",
                         "side_b": "industry", "n_a": [10, 6], "n_b": [8, 9],
                         "difference": [-0.2, 0.3], "ci_low": [-0.5, 0.05],
                         "ci_high": [0.1, 0.55]})


CASES = {
    "naming": lambda st: plot.plot_naming(_naming(), lexicon="custom", study=st,
                                          title="Framing terms by outlet"),
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


@pytest.mark.parametrize("name", sorted(CASES))
def test_figure_matches_its_baseline(name, study, tmp_path):
    ax = CASES[name](study)
    got = tmp_path / f"{name}.png"
    ax.figure.savefig(got, dpi=60, metadata={"Software": None})
    plt.close(ax.figure)
    expected = BASELINES / f"{name}.png"
    if UPDATE:
        BASELINES.mkdir(exist_ok=True)
        expected.write_bytes(got.read_bytes())
    assert expected.exists(), f"no baseline {expected.name}: run with FRAMING_UPDATE_BASELINES=1"
    diff = compare_images(str(expected), str(got), tol=TOLERANCE)
    assert diff is None, diff


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
