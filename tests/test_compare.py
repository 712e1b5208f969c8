"""Outlet comparison: bootstrap intervals, within-event comparison, keyness, evidence.

Keyness values are checked against numbers computed by hand (the arithmetic is
written out in the comments), not against the implementation itself.
"""
import warnings

import numpy as np
import pandas as pd
import pytest

from framing import FramingError
from framing.compare import (benjamini_hochberg, compare_outlets, count_terms, extract_features,
                             feature_evidence, keyness, load_stopwords)

# --------------------------------------------------------------------------- keyness by hand
#            war  peace  talks   total
#   A         10      2      8   n = 20
#   B          5     10      5   m = 20
#   pooled    15     12     13   N = 40
HAND = pd.DataFrame({"war": [10, 5], "peace": [2, 10], "talks": [8, 5]}, index=["A", "B"])


def test_log_odds_informative_prior_by_hand():
    # prior = 0.1 x pooled counts: alpha = (1.5, 1.2, 1.3), alpha_0 = 4.0
    # war:  delta = ln((10+1.5)/(20+4-10-1.5)) - ln((5+1.5)/(20+4-5-1.5))
    #             = ln(11.5/12.5) - ln(6.5/17.5) = -0.0833816 - (-0.9903987) = 0.9070171
    #       var   = 1/11.5 + 1/6.5 = 0.0869565 + 0.1538462 = 0.2408027
    #       z     = 0.9070171 / sqrt(0.2408027) = 0.9070171 / 0.4907165 = 1.848353
    # peace: delta = ln(3.2/20.8) - ln(11.2/12.8) = -1.8718022 - (-0.1335314) = -1.7382708
    #        var = 1/3.2 + 1/11.2 = 0.3125 + 0.0892857 = 0.4017857; z = -1.7382708/0.6338657 = -2.742333
    # talks: delta = ln(9.3/14.7) - ln(6.3/17.7) = -0.4578331 - (-1.0330150) = 0.5751819
    #        var = 1/9.3 + 1/6.3 = 0.1075269 + 0.1587302 = 0.2662570; z = 0.5751819/0.5160010 = 1.114691
    k = keyness(HAND, target="A", prior=0.1).set_index("term")
    assert k.loc["war", "effect"] == pytest.approx(0.9070171, abs=1e-6)
    assert k.loc["war", "z"] == pytest.approx(1.848353, abs=1e-5)
    assert k.loc["peace", "effect"] == pytest.approx(-1.7382708, abs=1e-6)
    assert k.loc["peace", "z"] == pytest.approx(-2.742333, abs=1e-5)
    assert k.loc["talks", "z"] == pytest.approx(1.114691, abs=1e-5)
    assert (k["stat"] == k["z"]).all()
    # two-sided normal p of z = 1.848353: 2 * (1 - Phi(1.848353)) = 0.064555
    assert k.loc["war", "p"] == pytest.approx(0.064555, abs=1e-5)
    assert k.loc["war", ["n_target", "n_reference"]].tolist() == [10, 5]
    # sorted by stat: war (1.85), talks (1.11), peace (-2.74)
    assert list(k.index) == ["war", "talks", "peace"]
    assert set(k["reference"]) == {"(rest)"}


def test_log_odds_prior_as_series_equals_scaled_pooled():
    alpha = pd.Series({"war": 1.5, "peace": 1.2, "talks": 1.3})
    a = keyness(HAND, target="A", prior=alpha)
    b = keyness(HAND, target="A", prior=0.1)
    pd.testing.assert_frame_equal(a, b)


def test_g2_by_hand():
    # war: a=10, b=5, c=n-a=10, d=m-b=15; expected = 7.5, 7.5, 12.5, 12.5
    # G2 = 2 * (10 ln(10/7.5) + 5 ln(5/7.5) + 10 ln(10/12.5) + 15 ln(15/12.5))
    #    = 2 * (2.876821 - 2.027326 - 2.231436 + 2.734823) = 2 * 1.352882 = 2.705765
    # effect = log2(((10 + 0.5)/20) / ((5 + 0.5)/20)) = log2(10.5/5.5) = 0.932886
    # peace: a=2, b=10, c=18, d=10; expected 6, 6, 14, 14
    # G2 = 2 * (2 ln(2/6) + 10 ln(10/6) + 18 ln(18/14) + 10 ln(10/14))
    #    = 2 * (-2.197225 + 5.108256 + 4.523660 - 3.364722) = 2 * 4.069969 = 8.139938
    #    signed negative: peace is under-represented in A (2 < 6)
    k = keyness(HAND, target="A", method="g2").set_index("term")
    assert k.loc["war", "stat"] == pytest.approx(2.705765, abs=1e-5)
    assert k.loc["war", "effect"] == pytest.approx(0.932886, abs=1e-5)
    assert k.loc["peace", "stat"] == pytest.approx(-8.139938, abs=1e-5)
    # p of chi-squared(1) at 8.139938 = erfc(sqrt(8.139938 / 2)) = 0.004330
    assert k.loc["peace", "p"] == pytest.approx(0.004330, abs=1e-6)
    assert "z" not in k.columns


def test_chi2_by_hand():
    # war: (10-7.5)^2/7.5 + (5-7.5)^2/7.5 + (10-12.5)^2/12.5 + (15-12.5)^2/12.5
    #    = 0.833333 + 0.833333 + 0.5 + 0.5 = 2.666667; p = P(chi2_1 > 2.666667) = 0.102470
    k = keyness(HAND, target="A", method="chi2").set_index("term")
    assert k.loc["war", "stat"] == pytest.approx(2.666667, abs=1e-5)
    assert k.loc["war", "p"] == pytest.approx(0.102470, abs=1e-5)


def test_benjamini_hochberg_by_hand():
    # p sorted: 0.01 (rank 1), 0.03 (2), 0.04 (3), 0.2 (4); m = 4
    # raw m*p/rank: 0.04, 0.06, 0.0533333, 0.2 -> running min from the top:
    # 0.04, 0.0533333, 0.0533333, 0.2
    got = benjamini_hochberg([0.04, 0.01, 0.2, 0.03])
    assert got == pytest.approx([0.0533333, 0.04, 0.2, 0.0533333], abs=1e-6)
    assert np.isnan(benjamini_hochberg([np.nan, 0.5])[0])
    assert benjamini_hochberg([0.9, 0.8])[0] == 0.9  # capped by the running minimum, <= 1


def test_keyness_p_adjusted_is_bh_of_p():
    k = keyness(HAND, target="A", method="chi2")
    assert k["p_adjusted"].to_numpy() == pytest.approx(benjamini_hochberg(k["p"]))


def test_keyness_pairwise_and_every_outlet():
    counts = pd.DataFrame({"war": [10, 5, 1], "peace": [2, 10, 3]}, index=["A", "B", "C"])
    pw = keyness(counts, pairwise=True)
    assert sorted(set(zip(pw["target"], pw["reference"]))) == [("A", "B"), ("A", "C"), ("B", "C")]
    one = keyness(counts)  # every outlet against the rest
    assert sorted(one["target"].unique()) == ["A", "B", "C"]
    # A vs rest pools B and C: war 5+1 = 6
    assert one[(one["target"] == "A") & (one["term"] == "war")]["n_reference"].item() == 6
    tg = keyness(counts, target="B", pairwise=True)
    assert sorted(set(tg["reference"])) == ["A", "C"]


def test_keyness_antisymmetric():
    ab = keyness(HAND, target="A", reference="B").set_index("term")
    ba = keyness(HAND, target="B", reference="A").set_index("term")
    assert ab["z"].to_numpy() == pytest.approx(-ba.loc[ab.index, "z"].to_numpy())


@pytest.mark.parametrize("bad, match", [
    (dict(method="log_odd"), "did you mean 'log_odds'"),
    (dict(target="Z"), "not an outlet"),
    (dict(prior=0), "prior must be a positive"),
    (dict(target="A", reference="A"), "overlap"),
])
def test_keyness_errors(bad, match):
    with pytest.raises(FramingError, match=match):
        keyness(HAND, **bad)


def test_keyness_from_corpus_and_hits(sample_corpus):
    k = keyness(sample_corpus, target="TRT World", stopwords="english")
    assert not k["term"].isin(["the", "and", "of"]).any()
    assert (k["n_target"] + k["n_reference"] >= 1).all()
    counts = count_terms(sample_corpus, stopwords="english")
    assert k.set_index("term").loc["baku", "n_target"] == counts.loc["TRT World", "baku"]
    from framing import analyze

    a = analyze(sample_corpus, stages=())
    kh = keyness(a.hits_with_outlet(), target="TRT World")
    assert {"term", "stat", "p", "p_adjusted", "n_target", "n_reference", "effect", "z"} <= \
        set(kh.columns)
    assert kh["n_target"].sum() == (a.hits_with_outlet()["outlet"] == "TRT World").sum()


def test_count_terms_tokenises_like_documented():
    c = pd.DataFrame({"outlet": ["A"], "body": ["Nagorno-Karabakh’s 2020 war; the WAR."]})
    assert count_terms(c).to_dict("index") == {"A": {"nagorno-karabakh's": 1, "the": 1, "war": 2}}
    assert "the" in load_stopwords("english") and "said" not in load_stopwords("english")


# --------------------------------------------------------------------------- bootstrap
def _toy(outlets=("X",) * 6 + ("Y",), events=None):
    """Documents with a naming count and word totals chosen for easy sums."""
    n = len(outlets)
    docs = pd.DataFrame({"doc_id": [f"d{i}" for i in range(n)], "outlet": list(outlets),
                         "event": events if events is not None else [None] * n,
                         "n_words": [1000, 2000, 500, 1500, 1000, 1000, 800][:n]})
    counts = [2, 1, 0, 3, 4, 0, 2][:n]
    feats = pd.DataFrame({"doc_id": docs["doc_id"], "lexicon": "naming", "dimension": "side",
                          "value": "s1", "voice": "own", "count": counts})
    return {"documents": docs, "features": feats[feats["count"] > 0]}


def test_compare_outlets_value_is_ratio_of_sums():
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        r = compare_outlets(_toy(), n_boot=300).set_index("outlet")
    # X: (2+1+0+3+4+0) / (1000+2000+500+1500+1000+1000) * 1000 = 10 / 7000 * 1000 = 1.4285714
    assert r.loc["X", "value"] == pytest.approx(10 / 7.0)
    assert r.loc["X", ["n_docs", "n_words"]].tolist() == [6, 7000]
    # Y: one document, 2 per 800 words = 2.5; the interval collapses to the value
    assert r.loc["Y", ["value", "ci_low", "ci_high"]].tolist() == pytest.approx([2.5] * 3)
    assert list(r.reset_index().columns) == ["outlet", "feature", "value", "ci_low", "ci_high",
                                             "n_docs", "n_words"]


def test_bootstrap_reproducible_and_contains_estimate():
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        a = compare_outlets(_toy(), n_boot=500, random_state=7)
        b = compare_outlets(_toy(), n_boot=500, random_state=7)
        c = compare_outlets(_toy(), n_boot=500, random_state=8)
    pd.testing.assert_frame_equal(a, b)
    x = a[a["outlet"] == "X"].iloc[0]
    assert x["ci_low"] < x["value"] < x["ci_high"]
    assert not np.allclose(a[["ci_low", "ci_high"]], c[["ci_low", "ci_high"]])
    # the bounds are attainable ratios of resampled sums: within [min, max] of the doc ratios
    assert 0.0 <= x["ci_low"] and x["ci_high"] <= 4.0


def test_outlet_interval_independent_of_other_outlets():
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        full = compare_outlets(_toy(), n_boot=400).set_index("outlet")
        t = _toy()
        only_x = {"documents": t["documents"][t["documents"]["outlet"] == "X"],
                  "features": t["features"][t["features"]["doc_id"] != "d6"]}
        alone = compare_outlets(only_x, n_boot=400).set_index("outlet")
    assert alone.loc["X", ["ci_low", "ci_high"]].tolist() == \
        full.loc["X", ["ci_low", "ci_high"]].tolist()


def test_small_outlet_warning_names_the_outlet():
    with pytest.warns(UserWarning, match=r"fewer than 3 documents.*'Y' \(1\)") as rec:
        compare_outlets(_toy(), n_boot=50)
    assert "'X'" not in str(rec[0].message)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        compare_outlets(_toy(), n_boot=50, min_docs=1)  # no warning


def test_by_event_compares_within_events():
    ev = ["e1", "e1", "e1", "e2", "e2", "e2", "e1"]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        r = compare_outlets(_toy(events=ev), by_event=True, n_boot=200)
    assert list(r.columns[:2]) == ["event", "outlet"]
    got = r.set_index(["event", "outlet"])["value"]
    # X in e1: (2+1+0)/(1000+2000+500)*1000 = 3/3.5 = 0.857143; in e2: (3+4+0)/3.5 = 2.0
    assert got[("e1", "X")] == pytest.approx(3 / 3.5)
    assert got[("e2", "X")] == pytest.approx(2.0)
    assert got[("e1", "Y")] == pytest.approx(2.5)
    assert ("e2", "Y") not in got.index  # Y did not cover e2: no row, not a zero
    with pytest.warns(UserWarning, match="event/outlet"):
        compare_outlets(_toy(events=ev), by_event=True, n_boot=20)


def test_bad_arguments():
    with pytest.raises(FramingError, match="n_boot"):
        compare_outlets(_toy(), n_boot=0)
    with pytest.raises(FramingError, match="random_state"):
        compare_outlets(_toy(), random_state="seed")
    with pytest.warns(UserWarning, match="no feature matches 'naming:nope'"):
        compare_outlets(_toy(), features=["naming:*", "naming:nope"], min_docs=1, n_boot=10)


# --------------------------------------------------------------------------- real sample
@pytest.fixture(scope="module")
def sample_analysis(sample_corpus):
    from framing import analyze

    stages = ("attribution", "tone")
    a = analyze(sample_corpus, stages=stages)
    try:
        a.tables["agency"] = a.tables.get("agency") if "agency" in a.tables else \
            __import__("framing.agency", fromlist=["extract_agency"]).extract_agency(sample_corpus)
    except ImportError:
        pass
    return a


def test_sample_naming_rates_match_outlet_table(sample_analysis):
    a = sample_analysis
    with pytest.warns(UserWarning, match="5 outlets have fewer than 3"):
        r = compare_outlets(a, features="naming:*@own", n_boot=100)
    o = a.outlets
    o = o[(o["lexicon"] == "naming") & (o["dimension"] == "side") & (o["voice"] == "own")]
    merged = r.assign(value_side=r["feature"].str.extract(r"naming:(.*)@own")[0]).merge(
        o, left_on=["outlet", "value_side"], right_on=["outlet", "value"])
    assert len(merged) == len(r) > 0
    assert merged["value_x"].to_numpy() == pytest.approx(merged["rate"].to_numpy())
    # TRT World uses Azerbaijani-usage naming 0 times and Armenian-usage 2 times (789 words)
    trt = r[r["outlet"] == "TRT World"].set_index("feature")["value"]
    assert trt["naming:azerbaijan@own"] == 0.0


def test_sample_stage_features_present(sample_analysis):
    fams = set(extract_features(sample_analysis)["feature"].str.split(":").str[0])
    assert {"naming", "loaded", "actors", "attribution", "tone", "tone_toward", "stance"} <= fams
    v = extract_features(sample_analysis, features="attribution:share:*")
    # shares of one document add up to 1
    assert v.groupby("doc_id")["value"].sum().to_numpy() == pytest.approx(1.0)


def test_sample_evidence_points_at_the_words(sample_analysis, sample_texts):
    ev = feature_evidence(sample_analysis, "loaded:azerbaijan@own", outlet="TRT World", n=3)
    assert 0 < len(ev) <= 3 and set(ev["outlet"]) == {"TRT World"}
    for r in ev.itertuples():
        assert sample_texts[r.doc_id][r.start:r.end] == r.match
        assert r.match in r.sentence
    ev = feature_evidence(sample_analysis, "term:provocation*", n=2)
    assert ev["match"].str.lower().str.startswith("provocation").all()
    with pytest.raises(FramingError, match="did you mean 'TRT World'"):
        feature_evidence(sample_analysis, "tone:own", outlet="TRT Wrld")


def test_bootstrap_interval_by_hand_two_documents():
    # Two documents: d0 has 2 hits in 1000 words (2.0 per 1,000), d1 has 1 in 2000 (0.5).
    # A resample of two documents is {d0,d0} (p=1/4, ratio 2.0), {d0,d1} (p=1/2,
    # ratio 3/3000*1000 = 1.0) or {d1,d1} (p=1/4, ratio 0.5). The 2.5% and 97.5%
    # percentiles of that distribution are its minimum and maximum, 0.5 and 2.0; with
    # 2,000 resamples each extreme occurs ~500 times, so the percentile interval is
    # exactly [0.5, 2.0], and the point estimate is the ratio of sums, 1.0.
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        r = compare_outlets(_toy(outlets=("X", "X")), n_boot=2000, random_state=3)
    row = r[r["outlet"] == "X"].iloc[0]
    assert [row["value"], row["ci_low"], row["ci_high"]] == pytest.approx([1.0, 0.5, 2.0])


def test_features_evidence_equals_feature_by_feature(sample_analysis):
    # the batched evidence (one pass, what the report uses) gives exactly the rows of
    # feature_evidence called feature by feature, for every family and for terms
    from framing.compare import features_evidence

    feats = list(pd.unique(extract_features(sample_analysis)["feature"]))
    feats += ["term:provocation*", "term:ceasefire", "term:nagorno-karabakh", "term:karabakh"]
    for outlet in (None, "TRT World"):
        one = [feature_evidence(sample_analysis, f, outlet=outlet, n=2) for f in feats]
        one = pd.concat([e for e in one if len(e)], ignore_index=True)
        many = features_evidence(sample_analysis, feats, outlet=outlet, n=2)
        assert len(many) > 50
        pd.testing.assert_frame_equal(many.reset_index(drop=True), one, check_dtype=False)


def test_features_evidence_on_written_text():
    from framing import load_lexicon
    from framing.compare import features_evidence

    corpus = pd.DataFrame({
        "doc_id": ["d1", "d2", "d3"], "outlet": ["X", "X", "Y"],
        "body": ["Rebels shelled the town. The militants retreated at night.",
                 "The militants fired again. Officials said the rebels left.",
                 "Nothing happened in the valley today."]})
    lex = load_lexicon(pd.DataFrame({"term": ["rebels", "militants"],
                                     "category": ["label", "label"], "side": ["b", "b"]}),
                       name="labels")
    from framing import analyze

    tables = analyze(corpus, lexicons=[lex], stages="none")  # a plain DataFrame is loaded
    assert list(tables.documents["doc_id"]) == ["d1", "d2", "d3"]
    ev = features_evidence(tables, ["labels:b@all", "term:militants", "term:valley",
                                    "agency:agentless"], n=5, errors="skip")
    got = list(zip(ev["feature"], ev["doc_id"], ev["match"], ev["sent_id"]))
    assert got == [("labels:b@all", "d1", "Rebels", 0), ("labels:b@all", "d1", "militants", 1),
                   ("labels:b@all", "d2", "militants", 0), ("labels:b@all", "d2", "rebels", 1),
                   ("term:militants", "d1", "militants", 1), ("term:militants", "d2", "militants", 0),
                   ("term:valley", "d3", "valley", 0)]
    assert ev.loc[ev["match"] == "valley", "sentence"].item() == \
        "Nothing happened in the valley today."
    # n per outlet, and a missing table is an error unless skipped
    ev = features_evidence(tables, ["labels:b@all"], n=1)
    assert list(zip(ev["outlet"], ev["match"])) == [("X", "Rebels")]
    with pytest.raises(FramingError, match="no evidence for feature 'agency:agentless'"):
        features_evidence(tables, ["agency:agentless"])


def test_attribution_and_agency_evidence_on_written_tables():
    # the spans behind attribution and agency features, one table lookup for all of them:
    # the reporting verb where it was found (else the whole attribution), the act's span
    from framing.compare import features_evidence

    body = "Officials said the town fell. Rebels claimed victory. The town was shelled."
    corpus = pd.DataFrame({"doc_id": ["d1"], "outlet": ["X"], "body": [body]})
    said, claimed = body.index("said"), body.index("claimed")
    att = pd.DataFrame({
        "doc_id": ["d1", "d1", "d1"], "kind": ["indirect", "direct", "according_to"],
        "side": ["a", "b", None], "verb_class": ["neutral", "distancing", ""],
        "start": [0, 30, -1], "end": [29, 53, -1],
        "verb_start": [said, claimed, -1], "verb_end": [said + 4, claimed + 7, -1]})
    shelled = body.index("shelled")
    agency = pd.DataFrame({
        "doc_id": ["d1", "d1"], "voice": ["active", "passive_agentless"],
        "agent_side": ["b", None], "patient_side": ["a", "a"],
        "start": [30, shelled], "end": [36, shelled + 7]})
    tables = {"corpus": corpus, "documents": corpus.assign(n_words=13), "attributions": att,
              "agency": agency}
    feats = ["attribution:share:a", "attribution:share:b", "attribution:verb:b:distancing",
             "attribution:verb:a:distancing", "attribution:quoted_words:b",
             "attribution:quoted_words:a", "attribution:share:unknown", "agency:agent:b",
             "agency:agent:none", "agency:agentless", "agency:agentless|patient:a",
             "agency:patient:a"]
    ev = features_evidence(tables, feats, n=5)
    got = list(zip(ev["feature"], ev["match"], ev["voice"]))
    assert got == [("attribution:share:a", "said", "indirect"),
                   ("attribution:share:b", "claimed", "direct"),
                   ("attribution:verb:b:distancing", "claimed", "direct"),
                   ("attribution:quoted_words:b", "claimed", "direct"),
                   ("agency:agent:b", "Rebels", "active"),
                   ("agency:agent:none", "shelled", "passive_agentless"),
                   ("agency:agentless", "shelled", "passive_agentless"),
                   ("agency:agentless|patient:a", "shelled", "passive_agentless"),
                   ("agency:patient:a", "Rebels", "active"),
                   ("agency:patient:a", "shelled", "passive_agentless")]
    # the same rows feature by feature
    one = pd.concat([feature_evidence(tables, f, n=5) for f in feats], ignore_index=True)
    pd.testing.assert_frame_equal(ev, one, check_dtype=False)
    # at most n per feature and outlet
    assert len(features_evidence(tables, ["agency:patient:a"], n=1)) == 1
