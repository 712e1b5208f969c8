"""Per-outlet agency tables report both readings of the sides: stated and implied
(issue 12). In memory (agency_by_outlet, compare_outlets) and streaming (StageSums,
RunAggregates) give the same numbers."""
import numpy as np
import pandas as pd
import pytest

from framing.agency import agency_by_outlet
from framing.compare import compare_outlets
from framing.stagesums import StageSums

# two outlets, five violent-act mentions written by hand
_AGENCY = pd.DataFrame({
    "doc_id": ["a1", "a1", "a2", "b1", "b1"],
    "voice": ["active", "passive_agentless", "passive_agentless", "active", "intransitive"],
    "agent_side": ["north", "", "", "south", ""],
    "patient_side": ["", "", "south", "", ""],
    "agent_side_implied": ["north", "", "", "south", ""],
    "patient_side_implied": ["south", "north", "south", "north", "north"],
    "side_basis": ["contrast", "place", "stated", "contrast", "place"],
    "start": [0, 40, 0, 0, 30], "end": [10, 50, 10, 10, 40],
})
_CORPUS = pd.DataFrame({"doc_id": ["a1", "a2", "b1"], "outlet": ["A", "A", "B"],
                        "n_words": [100, 50, 80], "status": "ok", "body": "x"})


def _rows(t, outlet, measure):
    g = t[(t["outlet"] == outlet) & (t["measure"] == measure)]
    return {s: (c, n) for s, c, n in zip(g["side"], g["count"], g["n"])}


def test_agency_by_outlet_has_both_readings():
    t = agency_by_outlet(_AGENCY, _CORPUS)
    assert _rows(t, "A", "patient_share") == {"": (2, 3), "south": (1, 3)}
    assert _rows(t, "A", "patient_share_implied") == {"north": (1, 3), "south": (2, 3)}
    assert _rows(t, "A", "agent_share_implied") == {"": (2, 3), "north": (1, 3)}
    # agent left out, by the patients' implied side: A's north patient (1 act, agentless)
    # and south patients (2 acts, one agentless)
    assert _rows(t, "A", "agentless_rate_implied") == {"north": (1, 1), "south": (1, 2)}
    assert _rows(t, "B", "agentless_rate_implied") == {"north": (1, 2)}
    assert _rows(t, "A", "agentless_rate") == {"all": (2, 3), "": (1, 2), "south": (1, 1)}
    # the stated rows come first, in the order they always had
    assert list(t[t["outlet"] == "A"]["measure"].unique()) == [
        "n_mentions", "agent_share", "patient_share", "agentless_rate",
        "agent_share_implied", "patient_share_implied", "agentless_rate_implied"]


def test_without_implied_columns_only_the_stated_reading():
    t = agency_by_outlet(_AGENCY.drop(columns=["agent_side_implied", "patient_side_implied"]),
                         _CORPUS)
    assert not t["measure"].str.endswith("_implied").any()
    assert len(t) == len(agency_by_outlet(_AGENCY, _CORPUS).query(
        "not measure.str.endswith('_implied')", engine="python"))


@pytest.mark.parametrize("implied", [True, False])
def test_streaming_sums_equal_the_in_memory_table(implied):
    ag = _AGENCY if implied else _AGENCY.drop(columns=["agent_side_implied",
                                                        "patient_side_implied"])
    outlets = pd.Series(_CORPUS["outlet"].to_numpy(), index=_CORPUS["doc_id"].to_numpy())
    first, second = StageSums(0, 0), StageSums(0, 0)
    first.add({"agency": ag.iloc[:3]}, outlets.iloc[:2])
    second.add({"agency": ag.iloc[3:]}, outlets.iloc[2:])
    merged = first.merge(second)
    pd.testing.assert_frame_equal(merged.agency_by_outlet(), agency_by_outlet(ag, _CORPUS))


def test_comparison_features_of_the_implied_reading():
    docs = _CORPUS.assign(date=pd.NaT)
    comp = compare_outlets({"documents": docs, "agency": _AGENCY}, n_boot=50,
                           min_docs=1)
    val = dict(zip(comp["outlet"] + " " + comp["feature"], comp["value"]))
    assert val["A agency:patient_implied:south"] == pytest.approx(2 / 3)
    assert val["A agency:patient:south"] == pytest.approx(1 / 3)
    assert val["B agency:patient_implied:north"] == pytest.approx(1.0)
    assert val["A agency:agent_implied:north"] == pytest.approx(1 / 3)
    assert val["A agency:agentless|patient_implied:south"] == pytest.approx(1 / 2)
    assert val["B agency:agentless|patient_implied:north"] == pytest.approx(1 / 2)
    assert np.isfinite(comp.loc[comp["feature"] == "agency:patient_implied:south",
                                "ci_low"]).all()


def test_streaming_comparison_has_the_implied_features(tmp_path):
    from framing import load_sample_corpus
    from framing.pipeline import analyze_to

    analyze_to(load_sample_corpus(), tmp_path / "out", stages=["agency"], figures=False)
    comp = pd.read_csv(tmp_path / "out" / "comparison.csv")
    feats = set(comp["feature"])
    assert any(f.startswith("agency:patient_implied:") for f in feats)
    assert any(f.startswith("agency:agentless|patient_implied:") for f in feats)
    # every act has an implied patient side or none: the shares add up to one per outlet
    s = comp[comp["feature"].str.startswith("agency:patient_implied:")].groupby(
        "outlet")["value"].sum()
    assert np.allclose(s.to_numpy(), 1.0)


def test_plot_agency_draws_the_implied_patients():
    import matplotlib

    matplotlib.use("Agg")
    from framing.plot import plot_agency

    t = agency_by_outlet(_AGENCY, _CORPUS)
    ax = plot_agency(t, role="patient_implied")
    assert "implied" in ax.get_xlabel()
    labels = [tx.get_text() for tx in ax.get_legend().get_texts()]
    assert labels == ["north", "south"] or {"North", "South"} <= set(labels) or \
        any("north" in x.lower() for x in labels)
    # raw mentions give the same shares (bootstrap intervals instead of Wilson)
    ax2 = plot_agency(_AGENCY.assign(outlet=_AGENCY["doc_id"].str[0].str.upper()),
                      role="patient_implied")
    assert "implied" in ax2.get_xlabel()
    with pytest.raises(Exception, match="role="):
        plot_agency(t, role="victim")
