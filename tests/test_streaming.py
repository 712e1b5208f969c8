"""The streaming engine (framing analyze / analyze_to): one pass, exact merges, safe folders."""
from __future__ import annotations

import json
import sys
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

import framing
from framing.aggregate import RunAggregates, doc_hashes, poisson_weights
from framing.output import OutputFolder, neutralise_formulas
from framing.pipeline import analyze_to

ROOT = Path(__file__).parents[1]
TABLES = ["documents", "hits", "features", "features_wide", "attributions", "agency", "tone",
          "tone_sentences", "tone_sides", "outlets", "comparison"]


@pytest.fixture(scope="module")
def corpus():
    """The sample corpus, each article also cut in halves: 15 documents, 5 outlets."""
    c = framing.load_sample_corpus()
    halves = []
    for r in c.itertuples(index=False):
        mid = len(r.body) // 2
        for k, part in enumerate((r.body[:mid], r.body[mid:])):
            halves.append({**r._asdict(), "doc_id": f"{r.doc_id}_{k}", "body": part,
                           "text": part})
    return pd.concat([c, pd.DataFrame(halves)], ignore_index=True)


@pytest.fixture(scope="module")
def runs(corpus, tmp_path_factory):
    tmp = tmp_path_factory.mktemp("runs")
    out = {}
    for name, kw in {"one": dict(chunksize=1000), "small": dict(chunksize=2),
                     "jobs": dict(chunksize=3, n_jobs=2)}.items():
        analyze_to(corpus, tmp / name, figures=False, progress=False, n_boot=200, **kw)
        out[name] = tmp / name
    return out


@pytest.mark.parametrize("table", TABLES)
def test_tables_do_not_depend_on_chunks_or_processes(runs, table):
    ref = (runs["one"] / f"{table}.csv").read_bytes()
    assert ref.count(b"\n") > 1
    for name in ("small", "jobs"):
        assert (runs[name] / f"{table}.csv").read_bytes() == ref, (table, name)


def test_streaming_tables_equal_the_in_memory_analysis(runs, corpus):
    a = framing.analyze(corpus)
    read = lambda t: pd.read_csv(runs["small"] / f"{t}.csv", keep_default_na=False)  # noqa
    for name, mem in (("hits", a.hits), ("documents", a.documents),
                      ("attributions", a.attributions), ("agency", a.agency)):
        disk = read(name)
        cols = [c for c in ("doc_id", "start", "end", "lexicon", "side", "voice", "status",
                            "n_words", "verb", "agent_side", "patient_side", "kind")
                if c in disk.columns and c in mem.columns]
        assert disk[cols].astype(str).values.tolist() == mem[cols].astype(str).values.tolist()
    outlets = read("outlets")
    mem = a.outlets.assign(count=a.outlets["count"].astype(int))
    assert outlets[["outlet", "lexicon", "value", "voice", "count"]].astype(str).values.tolist() \
        == mem[["outlet", "lexicon", "value", "voice", "count"]].astype(str).values.tolist()


def test_comparison_values_equal_compare_outlets(runs, corpus):
    """The vectorised per-chunk features give the same ratios as the feature families."""
    a = framing.analyze(corpus)
    mem = framing.compare_outlets(a, n_boot=20)
    disk = pd.read_csv(runs["small"] / "comparison.csv", keep_default_na=False,
                       na_values=[""])
    m = mem.merge(disk, on=["outlet", "feature"], suffixes=("_mem", "_disk"))
    assert len(m) == len(mem)  # every in-memory feature is in the streamed table
    both = m["value_mem"].notna()
    np.testing.assert_allclose(m.loc[both, "value_disk"], m.loc[both, "value_mem"], rtol=1e-9,
                               atol=1e-12)
    assert (m["value_disk"].isna() == m["value_mem"].isna()).all()
    assert (m["n_docs_mem"] == m["n_docs_disk"]).all()
    # features only in the streamed table (possible for the study, absent here) are 0 or NaN
    extra = disk[~disk["feature"].isin(set(mem["feature"]))]
    assert len(extra) and ((extra["value"].fillna(0) == 0).all())
    # intervals contain the value
    ok = disk["value"].notna() & disk["ci_low"].notna()
    assert (disk.loc[ok, "ci_low"] <= disk.loc[ok, "value"] + 1e-9).all()
    assert (disk.loc[ok, "ci_high"] >= disk.loc[ok, "value"] - 1e-9).all()


def test_poisson_weights_are_deterministic_and_mean_one():
    h = doc_hashes([f"d{i}" for i in range(2000)], 0)
    w = poisson_weights(h, 500)
    assert w.shape == (2000, 500)
    assert abs(float(w.mean()) - 1.0) < 0.01 and abs(float(w.var()) - 1.0) < 0.02
    np.testing.assert_array_equal(poisson_weights(h[:10], 500), w[:10])  # per document
    assert not np.array_equal(poisson_weights(doc_hashes(["d0"], 1), 500), w[:1])  # seeded


def test_aggregates_merge_in_any_order(corpus):
    from framing.pipeline import chunk_tables

    study = framing.load_study()
    stages = ("attribution", "agency", "tone")
    bad = corpus.assign(body=corpus["body"].where(corpus.index % 5 != 2, ""),
                        status=corpus["status"].where(corpus.index % 5 != 2, "empty"))
    parts = [chunk_tables(bad.iloc[i:i + 4], study, stages) for i in range(0, 15, 4)]
    aggs = []
    for k, p in enumerate(parts):
        a = RunAggregates(study, stages, n_boot=50)
        a.add(p, index=k)
        aggs.append(a)
    fwd = RunAggregates(study, stages, n_boot=50)
    for a in aggs:
        fwd.merge(a)
    rev = RunAggregates(study, stages, n_boot=50)
    for a in reversed(aggs):
        rev.merge(a)
    pd.testing.assert_frame_equal(fwd.comparison(), rev.comparison())
    pd.testing.assert_frame_equal(fwd.outlets_table(), rev.outlets_table())
    pd.testing.assert_frame_equal(fwd.term_counts(), rev.term_counts())
    assert [d for _, d, _ in fwd.sample["TRT World"]] == [d for _, d, _ in rev.sample["TRT World"]]
    # the documents shown first and the problems listed are in corpus order either way
    for n in (3, 6, 15):
        assert list(fwd.documents_head(n)["doc_id"]) == list(rev.documents_head(n)["doc_id"]) \
            == list(corpus["doc_id"].head(n))
    assert fwd.problems == rev.problems == [(d, "empty") for d in corpus["doc_id"][2::5]]


def test_pickled_aggregate_leaves_the_last_chunk_values_behind(corpus):
    import pickle

    from framing.pipeline import chunk_tables

    study = framing.load_study()
    stages = ("attribution", "agency", "tone")
    part = chunk_tables(corpus.iloc[:3], study, stages)
    agg = RunAggregates(study, stages, n_boot=20)
    agg.add(part)
    wide = agg.wide(part["documents"])  # needs the chunk's values, in this process
    assert list(wide["doc_id"]) == list(corpus["doc_id"][:3])
    copy = pickle.loads(pickle.dumps(agg))
    assert hasattr(agg, "last_values") and not hasattr(copy, "last_values")
    # what a worker sends merges to the same results as the aggregate itself
    a, b = RunAggregates(study, stages, n_boot=20), RunAggregates(study, stages, n_boot=20)
    a.merge(agg)
    b.merge(copy)
    pd.testing.assert_frame_equal(a.comparison(), b.comparison())
    pd.testing.assert_frame_equal(a.outlets_table(), b.outlets_table())


def test_fewer_collections_sets_and_restores_the_threshold():
    import gc

    from framing.pipeline import fewer_collections

    before = gc.get_threshold()
    with fewer_collections(12_345):
        assert gc.get_threshold() == (12_345, 10, 10)
    assert gc.get_threshold() == before
    with pytest.raises(ZeroDivisionError):
        with fewer_collections():
            assert gc.get_threshold()[0] == 10_000
            1 / 0
    assert gc.get_threshold() == before


def test_report_does_not_depend_on_processes(corpus, tmp_path):
    # figures drawn by two processes and chunks finishing in any order: the same report
    import re

    for name, kw in (("one", {}), ("two", {"n_jobs": 2, "chunksize": 2})):
        analyze_to(corpus, tmp_path / name, progress=False, n_boot=100, **kw)
    strip = lambda p: re.sub(r"base64,[A-Za-z0-9+/=]+", "", p.read_text())  # noqa: E731
    assert strip(tmp_path / "one" / "report.html") == strip(tmp_path / "two" / "report.html")
    figs = sorted(p.name for p in (tmp_path / "one" / "figures").glob("*.png"))
    assert len(figs) >= 8
    for f in figs:
        assert (tmp_path / "one" / "figures" / f).read_bytes() == \
            (tmp_path / "two" / "figures" / f).read_bytes(), f


def test_manifest_written_last_and_complete(runs):
    m = json.loads((runs["jobs"] / "manifest.json").read_text())
    assert m["tool"] == "framing" and m["completed"] is True
    assert m["rows"]["documents"] == 15 and m["n_docs"] == 15
    assert "documents.csv" in m["files"] and "manifest.json" not in m["files"]
    assert not any(p.name.startswith(".") for p in runs["jobs"].parent.iterdir())


def test_rerun_replaces_stale_outputs(tmp_path, corpus):
    out = tmp_path / "o"
    analyze_to(corpus, out, figures=False, progress=False)
    assert (out / "agency.csv").exists()
    analyze_to(corpus, out, stages="none", figures=False, progress=False)
    assert not (out / "agency.csv").exists()  # nothing of the first run is left
    assert json.loads((out / "manifest.json").read_text())["stages"] == []


def test_interrupted_run_leaves_previous_results_untouched(tmp_path, corpus):
    out = tmp_path / "o"
    analyze_to(corpus, out, stages="none", figures=False, progress=False)
    before = sorted(p.name for p in out.iterdir())

    def chunks():
        yield corpus.iloc[:3]
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        analyze_to(chunks(), out, figures=False, progress=False)
    assert sorted(p.name for p in out.iterdir()) == before
    assert [p.name for p in tmp_path.iterdir()] == ["o"]  # no temporary folder left


def test_interrupted_run_with_workers_cleans_up(tmp_path, corpus):
    def chunks():
        for i in range(0, 15, 3):
            yield corpus.iloc[i:i + 3]
        raise RuntimeError("disk gone")

    with pytest.raises(RuntimeError):
        analyze_to(chunks(), tmp_path / "o", n_jobs=2, figures=False, progress=False)
    assert list(tmp_path.iterdir()) == []


def test_refuses_to_replace_a_folder_it_did_not_write(tmp_path):
    (tmp_path / "mine").mkdir()
    (tmp_path / "mine" / "thesis.tex").write_text("x")
    with pytest.raises(framing.FramingError, match="not written by framing"):
        OutputFolder(tmp_path / "mine")
    assert (tmp_path / "mine" / "thesis.tex").exists()


def test_formulas_neutralised_in_csv_but_not_in_parquet(tmp_path):
    c = framing.load_corpus(pd.DataFrame({
        "doc_id": ["=1+1", "b"], "outlet": ["@evil", "-minus"],
        "text": ["Armenian forces shelled Stepanakert.", "+Baku said the attack was repelled."]}))
    analyze_to(c, tmp_path / "csv", figures=False, progress=False)
    docs = pd.read_csv(tmp_path / "csv" / "documents.csv", keep_default_na=False)
    assert docs["doc_id"].tolist() == ["'=1+1", "b"]
    assert docs["outlet"].tolist() == ["'@evil", "'-minus"]
    assert (docs["n_words"] > 0).all()  # numbers untouched
    analyze_to(c, tmp_path / "pq", figures=False, progress=False, format="parquet")
    pq = pd.read_parquet(tmp_path / "pq" / "documents")
    assert pq["doc_id"].tolist() == ["=1+1", "b"]


def test_neutralise_formulas_leaves_numbers_and_plain_text():
    df = pd.DataFrame({"t": ["=SUM(A1)", "\tx", "plain", None], "n": [-1.5, 2, 3, 4]})
    out = neutralise_formulas(df)
    assert out["t"].tolist()[:3] == ["'=SUM(A1)", "'\tx", "plain"]
    assert pd.isna(out["t"].iloc[3])
    assert out["n"].tolist() == [-1.5, 2, 3, 4]


@pytest.mark.parametrize("fmt", ["parquet", "jsonl"])
def test_other_formats_hold_the_same_rows(runs, tmp_path, corpus, fmt):
    analyze_to(corpus, tmp_path / fmt, figures=False, progress=False, format=fmt, chunksize=4,
               n_boot=200)
    for t in ("hits", "agency", "comparison"):
        ref = pd.read_csv(runs["one"] / f"{t}.csv", keep_default_na=False, na_values=[""])
        got = pd.read_parquet(tmp_path / fmt / t) if fmt == "parquet" else \
            pd.read_json(tmp_path / fmt / f"{t}.jsonl", lines=True, dtype=False)
        assert len(got) == len(ref)
        assert got["doc_id" if "doc_id" in got else "feature"].astype(str).tolist() == \
            ref["doc_id" if "doc_id" in ref else "feature"].astype(str).tolist()


# --------------------------------------------------------------------------------------
# the Dask engine: the same per-chunk function on a local distributed cluster
# --------------------------------------------------------------------------------------
def test_dask_local_cluster_gives_the_same_tables(runs, corpus, tmp_path):
    pytest.importorskip("distributed")
    from framing.pipeline import analyze_dask

    shards = tmp_path / "shards"
    shards.mkdir()
    raw = corpus.drop(columns=["body", "status"])  # what a shard holds: the source columns
    for k, i in enumerate(range(0, len(raw), 4)):
        raw.iloc[i:i + 4].to_json(shards / f"part{k}.jsonl", orient="records", lines=True,
                                  date_format="iso")
    res = analyze_dask(sorted(str(p) for p in shards.glob("*.jsonl")), tmp_path / "dask",
                       n_workers=2, chunksize=3, figures=False, n_boot=200)
    assert res["engine"] == "dask" and res["partitions"] == 4
    for t in TABLES:
        a = pd.read_csv(runs["one"] / f"{t}.csv", keep_default_na=False, dtype=str)
        b = pd.read_csv(tmp_path / "dask" / f"{t}.csv", keep_default_na=False, dtype=str)
        key = [c for c in a.columns]
        a = a.sort_values(key, ignore_index=True)
        b = b.sort_values(key, ignore_index=True)
        pd.testing.assert_frame_equal(a, b, obj=t)


def test_cli_dask_engine_needs_shards(tmp_path):
    from framing.cli import main

    assert main(["analyze", str(tmp_path / "nothing*.jsonl"), "--engine", "dask",
                 "--out", str(tmp_path / "o")]) == 2


def test_over_time_equals_compare_outlets_by_month(runs, corpus):
    a = framing.analyze(corpus)
    mem = framing.compare_outlets(a, by="month", n_boot=20)
    disk = pd.read_csv(runs["small"] / "over_time.csv", keep_default_na=False, na_values=[""])
    m = disk.merge(mem, on=["month", "outlet", "feature"], suffixes=("_disk", "_mem"))
    assert len(m) > 10
    only_disk = disk[~disk.set_index(["month", "outlet", "feature"]).index.isin(
        m.set_index(["month", "outlet", "feature"]).index)]
    assert (only_disk["value"].fillna(0) == 0).all()  # features the corpus never has
    both = m["value_mem"].notna()
    np.testing.assert_allclose(m.loc[both, "value_disk"], m.loc[both, "value_mem"], rtol=1e-9)
    assert (m["n_docs_disk"] == m["n_docs_mem"]).all()
    assert set(disk["month"]) == {"2020-07", "2020-09", "2022-09"}
    assert set(disk["feature"]) >= {"stance:armenia-azerbaijan", "naming:armenia@own"}


def test_periods_by_month_week_year():
    from framing.compare import periods

    d = pd.Series(["2020-09-27", "2021-01-03", None, "not a date"])
    assert periods(d, "month").tolist() == ["2020-09", "2021-01", "(no date)", "(no date)"]
    assert periods(d, "week").tolist()[:2] == ["2020-W39", "2020-W53"]
    assert periods(d, "year").tolist()[:2] == ["2020", "2021"]
    with pytest.raises(framing.FramingError, match="did you mean 'month'"):
        framing.compare_outlets({"documents": pd.DataFrame({"doc_id": ["a"], "outlet": ["X"],
                                                            "n_words": [10]})}, by="monht")


def test_wide_feature_table_for_regression(runs):
    wide = pd.read_csv(runs["small"] / "features_wide.csv", keep_default_na=False)
    hits = pd.read_csv(runs["small"] / "hits.csv", keep_default_na=False)
    assert len(wide) == 15 and wide["doc_id"].is_unique
    assert {"doc_id", "outlet", "n_words", "naming:armenia@own",
            "stance:armenia-azerbaijan"} <= set(wide.columns)
    h = hits[(hits["lexicon"] == "naming") & (hits["side"] == "azerbaijan")]
    per_doc = h.groupby("doc_id").size().reindex(wide["doc_id"], fill_value=0)
    assert wide["naming:azerbaijan@all"].tolist() == per_doc.tolist()


def test_estimate_documents_of_each_input(tmp_path, corpus):
    from framing.pipeline import estimate_documents

    small = corpus[["doc_id", "outlet", "body"]].head(7)
    small.to_json(tmp_path / "c.jsonl", orient="records", lines=True)
    small.to_csv(tmp_path / "c.csv", index=False)  # texts with newlines: an upper bound
    small.to_parquet(tmp_path / "c.parquet")
    (tmp_path / "f").mkdir()
    for i in range(4):
        (tmp_path / "f" / f"d{i}.txt").write_text("Text.")
    (tmp_path / "f" / ".hidden").write_text("x")
    assert estimate_documents(tmp_path / "c.jsonl") == 7
    assert estimate_documents(tmp_path / "c.parquet") == 7
    assert estimate_documents(tmp_path / "c.csv") >= 7
    assert estimate_documents(tmp_path / "f") == 4
    (tmp_path / "f" / "metadata.csv").write_text("file,outlet\nd0.txt,A\nd1.txt,B\n")
    assert estimate_documents(tmp_path / "f") == 2
    assert estimate_documents(small) == 7
    assert estimate_documents(tmp_path / "missing.jsonl") is None
    assert estimate_documents(iter([small])) is None


def test_progress_bar_shows_total_rate_and_speed(tmp_path, corpus, capsys):
    path = tmp_path / "c.jsonl"
    corpus[["doc_id", "outlet", "text"]].to_json(path, orient="records", lines=True)
    analyze_to(path, tmp_path / "o", progress=True, figures=False, chunksize=4, n_boot=50)
    err = capsys.readouterr().err
    assert "analyzing" in err and "/15 [" in err and "doc/s" in err and "MB/s" in err
    analyze_to(path, tmp_path / "o", progress=False, figures=False, chunksize=4, n_boot=50)
    assert "analyzing" not in capsys.readouterr().err


def _sample_buffers(agg) -> tuple[int, int, int]:
    """Distinct Arrow buffers the evidence sample keeps alive (bytes), the bytes of its rows,
    and the number of Arrow columns looked at."""
    held, used, checked = {}, 0, 0
    for items in agg.sample.values():
        for _h, _d, tables in items:
            for df in tables.values():
                for c in df.columns:
                    arr = getattr(df[c].array, "_pa_array", None)
                    if arr is not None and len(arr):
                        checked += 1
                        used += arr.nbytes
                        for chunk in arr.chunks:
                            for buf in chunk.buffers():
                                if buf is not None:
                                    held[buf.address] = buf.size
    return sum(held.values()), used, checked


def test_sampled_documents_do_not_pin_their_chunks(corpus):
    # the evidence sample keeps ~25 documents per outlet for the whole run; their rows
    # must not be slices of the chunk's Arrow arrays (a slice keeps the whole chunk
    # alive: 270 MB pinned for 2.7 MB of rows at 20 MB of text before), nor, after a merge,
    # slices of the frame holding every document another chunk's aggregate chose (54 MB
    # pinned for 5 MB of rows after 20 chunks of 1,000 documents before)
    from framing.pipeline import chunk_tables

    study = framing.load_study()
    stages = ("attribution", "agency", "tone")
    agg = RunAggregates(study, stages, n_boot=10, sample_docs=2)
    agg.add(chunk_tables(corpus, study, stages), index=0)
    held, used, checked = _sample_buffers(agg)
    assert checked > 10
    assert held <= 2 * used + 64 * 1024
    docs = agg.documents_head(5)
    assert list(docs["doc_id"]) == list(corpus["doc_id"].head(5))
    # eight chunks, each analysed into its own aggregate (as run_chunk does) and merged
    total = None
    for k in range(8):
        chunk = corpus.assign(doc_id=corpus["doc_id"] + f"_c{k}")
        a = RunAggregates(study, stages, n_boot=10, sample_docs=2)
        a.add(chunk_tables(chunk, study, stages), index=k)
        total = a if total is None else total.merge(a)
    held, used, _ = _sample_buffers(total)
    assert held <= 3 * used + 64 * 1024, (held, used)


def _stage_sums(corpus, chunk: int):
    from framing.pipeline import chunk_tables

    study = framing.load_study()
    stages = ("attribution", "agency", "tone")
    agg = RunAggregates(study, stages, n_boot=50)
    for i in range(0, len(corpus), chunk):  # chunks of a few documents
        agg.add(chunk_tables(corpus.iloc[i:i + chunk], study, stages), index=i)
    return agg


def test_stage_sums_give_the_stage_tables_of_the_whole_run(corpus):
    # the report's stage figures come from per-outlet sums kept chunk by chunk: the same
    # tables as the stage functions on the whole tables of an in-memory analysis
    from framing.agency import agency_by_outlet
    from framing.attribution import attribution_by_outlet, distancing_asymmetry, \
        verb_class_by_side
    from framing.stance import tone_by_outlet

    agg = _stage_sums(corpus, 4)
    sums = agg.stage
    n_docs = {o: v[0] for o, v in agg.outlets.items()}
    whole = framing.analyze(corpus, stages=("attribution", "agency", "tone"), copies="keep")
    pairs = [(sums.attribution_by_outlet(n_docs),
              attribution_by_outlet(whole.attributions, whole.corpus)),
             (sums.verb_class_by_side(),
              verb_class_by_side(whole.attributions, whole.corpus, by_outlet=True)),
             (sums.agency_by_outlet(), agency_by_outlet(whole.agency, whole.corpus)),
             (sums.tone_by_outlet(), tone_by_outlet(whole.tables["tone_sides"], whole.corpus))]
    for a, b in pairs:
        assert len(a) > 5
        pd.testing.assert_frame_equal(a, b, check_dtype=False)
    sides = [s for s in whole.attributions["side"].value_counts().index if s][:2]
    a = sums.distancing(sides[0], sides[1], n_docs)
    b = distancing_asymmetry(whole.attributions, whole.corpus, side_a=sides[0],
                             side_b=sides[1], n_boot=50)
    cols = ["outlet", "side_a", "side_b", "n_a", "n_b", "share_a", "share_b", "difference",
            "n_docs"]
    pd.testing.assert_frame_equal(a[cols], b[cols], check_dtype=False)
    assert (a["ci_low"] <= a["difference"]).all() and (a["difference"] <= a["ci_high"]).all()
    # the merged sums do not depend on the chunks
    other = _stage_sums(corpus, 7).stage
    for name in ("verb_class_by_side", "agency_by_outlet", "tone_by_outlet"):
        pd.testing.assert_frame_equal(getattr(sums, name)(), getattr(other, name)())
    pd.testing.assert_frame_equal(sums.distancing(*sides, n_docs),
                                  other.distancing(*sides, n_docs))


def test_stage_sums_on_tables_written_here():
    from framing.stagesums import StageSums

    att = pd.DataFrame({
        "doc_id": ["a", "a", "a", "b", "c", "c"],
        "kind": ["direct", "indirect", "direct", "according_to", "direct", "indirect"],
        "side": ["x", "x", "y", None, "y", "x"],
        "verb_class": ["neutral", "distancing", "", "neutral", "distancing", "distancing"],
        "n_words": [4, 6, 3, 2, 5, 1]})
    agency = pd.DataFrame({"doc_id": ["a", "b", "b", "c"],
                           "voice": ["active", "passive_agentless", "intransitive", "nominal"],
                           "agent_side": ["x", "", "", "y"],
                           "patient_side": ["y", "y", "x", ""]})
    tone = pd.DataFrame({"doc_id": ["a", "a", "c"], "side": ["x", "y", "x"],
                         "voice": ["own", "own", "own"], "n_sentences": [2, 1, 4],
                         "tone_mean": [0.5, np.nan, -0.25]})
    outlet_of = pd.Series({"a": "P", "b": "P", "c": "Q"})
    one = StageSums(n_boot=20)
    one.add({"attributions": att, "agency": agency, "tone_sides": tone}, outlet_of)
    split = StageSums(n_boot=20)  # the same rows in two chunks, merged
    for ids in (["a"], ["b", "c"]):
        part = StageSums(n_boot=20)
        part.add({k: v[v["doc_id"].isin(ids)] for k, v in
                  {"attributions": att, "agency": agency, "tone_sides": tone}.items()},
                 outlet_of)
        split.merge(part)
    for s in (one, split):
        by = s.attribution_by_outlet({"P": 2, "Q": 1}).set_index(["outlet", "side"])
        assert by.loc[("P", "x"), ["n_attributions", "n_direct", "quoted_words",
                                   "attributed_words", "class_distancing"]].tolist() == \
            [2, 1, 4, 10, 1]
        assert by.loc[("P", ""), "n_according_to"] == 1
        assert by.loc[("P", "x"), "share_attributions"] == 0.5
        assert by.loc[("Q", "y"), "share_quoted_words"] == 1.0
        vc = s.verb_class_by_side()
        assert vc[(vc["outlet"] == "P") & (vc["side"] == "x")]["share"].tolist() == [0.5, 0.5]
        ag = s.agency_by_outlet().set_index(["outlet", "measure", "side"])["value"]
        assert ag[("P", "agentless_rate", "all")] == 2 / 3
        assert ag[("P", "agentless_rate", "y")] == 0.5
        assert ag[("P", "agent_share", "")] == 2 / 3
        assert ag[("Q", "n_mentions", "all")] == 1
        tb = s.tone_by_outlet().set_index(["outlet", "side"])
        assert tb.loc[("P", "x"), ["n_docs", "n_sentences"]].tolist() == [1, 2]
        assert np.isnan(tb.loc[("P", "y"), "tone_mean"])
        assert tb.loc[("Q", "x"), "tone_mean"] == -0.25
        d = s.distancing("x", "y", {"P": 2, "Q": 1}).set_index("outlet")
        # P: x has 2 attributions with a verb, 1 distancing; y has none with a verb
        assert d.loc["P", ["n_a", "n_b", "share_a"]].tolist() == [2, 0, 0.5]
        assert np.isnan(d.loc["P", "difference"])
        assert d.loc["Q", "difference"] == 0.0  # 1/1 - 1/1
    pd.testing.assert_frame_equal(one.distancing("x", "y", {"P": 2, "Q": 1}),
                                  split.distancing("x", "y", {"P": 2, "Q": 1}))
    # the documents' bootstrap weights handed in (as RunAggregates does) or computed here
    w = poisson_weights(doc_hashes(pd.Series(outlet_of.index), 0), 20)
    given = StageSums(n_boot=20)
    given.add({"attributions": att}, outlet_of, w)
    pd.testing.assert_frame_equal(given.distancing("x", "y", {"P": 2, "Q": 1}),
                                  one.distancing("x", "y", {"P": 2, "Q": 1}))
    assert not np.isnan(given.dist[("P", "x")][2]).any() and given.dist[("P", "x")][2].sum() > 0
    ct = one.attribution_crosstab()
    assert ct.loc["P"].to_dict() == {"(unresolved)": 1, "x": 2, "y": 1}




def test_stage_sums_keep_column_roles_when_a_chunk_has_only_missing_values():
    from framing.stagesums import StageSums

    first = pd.DataFrame({"doc_id": ["a"], "side": ["x"], "voice": ["own"],
                          "n_sentences": [2], "tone_mean": [0.5]})
    # a later chunk whose tone is missing everywhere and whose side column reads as floats
    later = pd.DataFrame({"doc_id": ["b"], "side": [np.nan], "voice": ["own"],
                          "n_sentences": [1], "tone_mean": [None]})
    s = StageSums(n_boot=5)
    s.add({"tone_sides": first}, pd.Series({"a": "P"}))
    s.add({"tone_sides": later}, pd.Series({"b": "P"}))
    t = s.tone_by_outlet()
    assert list(t.columns) == ["outlet", "side", "voice", "n_docs", "n_sentences", "tone_mean"]
    assert t["n_sentences"].tolist() == [2, 1]
    assert t["tone_mean"].iloc[0] == 0.5 and np.isnan(t["tone_mean"].iloc[1])
    with pytest.raises(ValueError, match="n_sentences"):
        s.add({"tone_sides": first.drop(columns="n_sentences")}, pd.Series({"a": "P"}))


def test_comparison_is_exact_whatever_the_chunks(tmp_path):
    """Rates per 1,000 words and shares are ratios of sums of whole numbers (words, hits,
    acts, times whole-number bootstrap weights): the same to the last digit however the
    corpus is cut (float32 products used to differ in the 7th digit at a few hundred
    documents and the default 2,000 replicates)."""
    c = framing.load_sample_corpus()
    rows = []
    for r in c.itertuples(index=False):
        words = r.body.split(" ")
        for k in range(0, len(words), 40):  # 40-word documents
            rows.append({**r._asdict(), "doc_id": f"{r.doc_id}_{k}",
                         "body": " ".join(words[k:k + 40])})
    corpus = pd.DataFrame(rows)
    assert len(corpus) > 100
    out = {}
    for name, size in (("whole", 1000), ("cut", 37)):
        analyze_to(corpus, tmp_path / name, figures=False, progress=False, chunksize=size,
                   stages=["agency"])
        out[name] = (tmp_path / name / "comparison.csv").read_bytes()
    assert out["whole"] == out["cut"]


def test_summaries_are_computed_once_and_forgotten_on_merge(corpus):
    from framing.pipeline import chunk_tables

    study = framing.load_study()
    a = RunAggregates(study, ())
    a.add(chunk_tables(corpus.iloc[:5], study, ()), index=0)
    first = a.comparison()
    assert a.comparison() is not first                 # a copy each time ...
    pd.testing.assert_frame_equal(a.comparison(), first)  # ... of one computation
    first.loc[:, "value"] = -1.0                       # changing a copy changes nothing
    assert (a.comparison()["value"] != -1.0).any()
    b = RunAggregates(study, ())
    b.add(chunk_tables(corpus.iloc[5:], study, ()), index=1)
    before = a.comparison()
    a.merge(b)
    assert a.comparison()["n_docs"].sum() > before["n_docs"].sum()
