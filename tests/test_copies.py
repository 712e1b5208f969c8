"""Wire copies: near-duplicate detection, origins, and the copies modes of analyze."""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

import framing
from framing import FramingError
from framing._synthetic import copies_corpus, jaccard, planted_copy_scores
from framing.copies import find_copies, lsh_bands, wire_agencies

# Stories written for these tests (no real event).
HARBOUR = (
    "Fishing crews in the northern harbour of Lenmouth refused to sail on Tuesday after "
    "the regional council raised mooring fees for the third time this year. Union leaders "
    "said the new charges would cost a small trawler more than a week of catch, and that "
    "the council had ignored two petitions signed by nearly every family on the quay.\n\n"
    "The council's finance officer told reporters the money was needed to repair the "
    "breakwater, which was damaged by winter storms and now leaks at high tide. Engineers "
    "have warned that a further storm could close the harbour entrance for months.\n\n"
    "Talks between the union and the council are due to resume on Friday, when the mayor "
    "is expected to propose spreading the increase over three years. Fish merchants in "
    "the market hall said prices had already risen because boats stayed in port."
)
BRIDGE = (
    "A footbridge over the Arle river reopened on Sunday after eighteen months of repairs "
    "that cost twice the original estimate. Residents of the eastern bank had faced a "
    "detour of four kilometres to reach the railway station and the only secondary "
    "school in the district.\n\n"
    "The contractor blamed the delay on corroded steel found inside the old piers, which "
    "had to be replaced entirely rather than patched. Inspectors signed off the work last "
    "week after a load test with sandbags spread across the whole deck.\n\n"
    "Cyclists will have to dismount on the bridge for the first month while the new "
    "surface settles, the transport department said in a statement."
)
ORCHARD = (
    "Apple growers in the valley expect the smallest harvest in a decade after a late "
    "frost in April killed most of the blossom. Several family orchards said they would "
    "not hire seasonal pickers this autumn, and one cooperative plans to import fruit to "
    "keep its cider press running through the winter months."
)
LIBRARY = (
    "The city library will stay open until midnight during the examination period, the "
    "board decided on Monday, after students collected signatures for longer hours. The "
    "extra shifts will be paid from a fund left by a former librarian, and volunteers "
    "will staff the front desk on weekends until the end of June."
)


def _edit(text: str, old: str, new: str) -> str:
    assert old in text
    return text.replace(old, new, 1)


def crafted() -> pd.DataFrame:
    """Two copy clusters and two single stories, four outlets and an agency."""
    rows = [
        # the agency's story, a day after the same text appeared in outlet A
        ("r1", "Reuters", "2024-05-02", "Lenmouth fishing crews strike", HARBOUR),
        ("a1", "Outlet A", "2024-05-01", "Crews stay in port",
         "By Anna Smith\n\n" + _edit(HARBOUR, "on Tuesday", "on Wednesday")),
        ("b1", "Outlet B", "2024-05-03", "Harbour fees row",
         _edit(HARBOUR, "nearly every family", "almost every family")),
        ("a2", "Outlet A", "2024-05-02", "Orchards", ORCHARD),
        # B's own story, copied two days later by C without naming anyone
        ("b2", "Outlet B", "2024-05-02", "Bridge reopens", BRIDGE),
        ("c1", "Outlet C", "2024-05-04", "Footbridge open",
         _edit(BRIDGE, "on Sunday", "at the weekend")),
        ("c2", "Outlet C", "2024-05-04", "Library hours", LIBRARY),
    ]
    df = pd.DataFrame(rows, columns=["doc_id", "outlet", "date", "title", "text"])
    return framing.load_corpus(df)


def as_dict(res: pd.DataFrame, col: str) -> dict:
    return {d: (None if pd.isna(v) else v) for d, v in zip(res["doc_id"], res[col])}


def test_clusters_and_origins_of_crafted_documents():
    res = find_copies(crafted())
    assert list(res.columns) == ["doc_id", "cluster_id", "copy_of", "similarity"]
    assert res["doc_id"].tolist() == ["r1", "a1", "b1", "a2", "b2", "c1", "c2"]
    # the agency's document is the origin, although outlet A's copy is a day older
    assert as_dict(res, "copy_of") == {"r1": None, "a1": "r1", "b1": "r1", "a2": None,
                                       "b2": None, "c1": "b2", "c2": None}
    assert as_dict(res, "cluster_id") == {"r1": 0, "a1": 0, "b1": 0, "a2": None, "b2": 1,
                                          "c1": 1, "c2": None}
    sim = as_dict(res, "similarity")
    assert sim["r1"] == 1.0 and sim["b2"] == 1.0 and sim["a2"] is None or np.isnan(sim["a2"])
    body = crafted().set_index("doc_id")["body"]
    assert sim["a1"] == pytest.approx(jaccard(body["r1"], body["a1"]))
    assert sim["c1"] == pytest.approx(jaccard(body["b2"], body["c1"]))
    assert 0.8 <= sim["c1"] < 1.0


def test_origin_named_in_byline_or_dateline_beats_the_earliest_date():
    base = [("x1", "Daily One", "2024-01-01", HARBOUR, ""),
            ("x2", "Daily Two", "2024-01-03", _edit(HARBOUR, "Fishing crews", "(AFP) - Fishing "
                                                    "crews"), ""),
            ("x3", "Daily Three", "2024-01-02", _edit(HARBOUR, "on Friday", "next Friday"), "")]
    df = pd.DataFrame(base, columns=["doc_id", "outlet", "date", "body", "author"])
    assert as_dict(find_copies(df), "copy_of") == {"x1": "x2", "x2": None, "x3": "x2"}
    # without agencies: the earliest date
    assert as_dict(find_copies(df, agencies=[]), "copy_of") == {"x1": None, "x2": "x1",
                                                                "x3": "x1"}
    # a byline naming an agency counts like the text
    df2 = df.assign(body=[HARBOUR, HARBOUR, _edit(HARBOUR, "on Friday", "next Friday")],
                    author=["", "", "Staff and dpa"])
    assert as_dict(find_copies(df2), "copy_of") == {"x1": "x3", "x2": "x3", "x3": None}
    # no dates, no agency: the first in corpus order
    df3 = df2.drop(columns=["date", "author"])
    assert as_dict(find_copies(df3), "copy_of") == {"x1": None, "x2": "x1", "x3": "x1"}
    # a word that merely contains an agency name is not one ("APPLE", "Reutersville")
    df4 = df3.assign(body=["Reutersville " + HARBOUR, HARBOUR, "APPLE " + HARBOUR])
    assert as_dict(find_copies(df4), "copy_of") == {"x1": None, "x2": "x1", "x3": "x1"}


def test_similarity_is_the_exact_jaccard_and_the_threshold_holds():
    words = [f"w{i}" for i in range(100)]
    one = words.copy()
    one[50] = "changed"
    three = words.copy()
    for k in (20, 50, 80):
        three[k] = f"changed{k}"
    df = pd.DataFrame({"doc_id": ["orig", "one", "three"],
                       "body": [" ".join(words), " ".join(one), " ".join(three)],
                       "date": ["2024-01-01", "2024-01-02", "2024-01-02"]})
    res = find_copies(df)
    # 96 shingles each; one changed word changes 5 of them: 91 shared of 101
    assert as_dict(res, "similarity")["one"] == pytest.approx(91 / 101)
    # three changed words: 81 shared of 111 = 0.73 < 0.8, not a copy
    assert as_dict(res, "copy_of") == {"orig": None, "one": "orig", "three": None}
    low = find_copies(df, threshold=0.7)
    assert as_dict(low, "copy_of") == {"orig": None, "one": "orig", "three": "orig"}
    assert as_dict(low, "similarity")["three"] == pytest.approx(81 / 111)


def test_empty_and_short_documents():
    df = pd.DataFrame({"doc_id": list("abcdef"),
                       "body": ["", None, "", "Breaking news", "breaking NEWS!", "other"]})
    res = find_copies(df)
    # empty texts are never copies; identical short texts are one shingle, and equal
    assert as_dict(res, "copy_of") == {"a": None, "b": None, "c": None, "d": None, "e": "d",
                                       "f": None}
    assert find_copies(df.iloc[:0]).empty


def test_chunks_give_the_same_result_as_one_frame():
    chunks = list(copies_corpus(1200, chunksize=250, seed=3))
    whole = find_copies(pd.concat(chunks, ignore_index=True))
    streamed = find_copies(iter(chunks))
    pd.testing.assert_frame_equal(whole, streamed)
    assert whole["copy_of"].notna().sum() > 150


def test_worker_processes_give_the_same_result():
    chunks = list(copies_corpus(1200, chunksize=100, seed=4))
    one = find_copies(iter(chunks))
    two = find_copies(iter(chunks), n_jobs=2)
    pd.testing.assert_frame_equal(one, two)
    assert one["copy_of"].notna().sum() > 150
    # an error in a worker reaches the caller as the same one-line error
    bad = chunks[:3] + [pd.DataFrame({"body": ["x"]})] + chunks[3:]
    with pytest.raises(FramingError, match="doc_id"):
        find_copies(iter(bad), n_jobs=2)
    with pytest.raises(FramingError, match="n_jobs"):
        find_copies(chunks[0], n_jobs=0)


def test_planted_copies_recall_and_precision():
    c = pd.concat(copies_corpus(6000, seed=1), ignore_index=True)
    res = find_copies(c)
    sc = planted_copy_scores(c, res)
    assert sc["planted_j08"] > 800
    assert sc["recall_j08"] >= 0.98
    assert sc["precision"] >= 0.99
    # the origin is the planted original in nearly every cluster
    origins = res[res["cluster_id"].notna() & res["copy_of"].isna()]["doc_id"]
    assert c.set_index("doc_id").loc[origins, "source"].isna().mean() >= 0.98


def test_minhash_estimate_is_unbiased():
    c = pd.concat(copies_corpus(3000, seed=2), ignore_index=True)
    est = find_copies(c, exact=False, threshold=0.5)
    ex = find_copies(c, threshold=0.5)
    both = ex["copy_of"].notna() & est["copy_of"].notna() & (ex["copy_of"] == est["copy_of"])
    diff = est.loc[both, "similarity"] - ex.loc[both, "similarity"]
    assert both.sum() > 300
    assert abs(diff.mean()) < 0.01  # unbiased
    assert diff.std() < 0.06  # binomial: sqrt(J (1 - J) / 128) <= 0.044


def test_lsh_bands_and_agencies():
    b, r = lsh_bands(0.8, 128)
    assert (b, r) == (21, 6) and 1 - (1 - 0.8 ** r) ** b >= 0.995
    assert {"Reuters", "AFP", "Associated Press", "dpa", "Xinhua"} <= set(wire_agencies())


def test_bad_parameters():
    df = pd.DataFrame({"doc_id": ["a"], "body": ["text"]})
    for kw in ({"threshold": 0}, {"threshold": 1.5}, {"num_perm": 1}, {"shingle": 0}):
        with pytest.raises(FramingError):
            find_copies(df, **kw)
    with pytest.raises(FramingError, match="doc_id"):
        find_copies([pd.DataFrame({"body": ["x"]})])
    with pytest.raises(FramingError, match="copies"):
        framing.analyze(crafted(), stages=(), copies="dedupe")


def _docs_per_outlet(a) -> dict:
    return a.documents.groupby("outlet")["doc_id"].count().to_dict()


@pytest.mark.parametrize("mode, expected", [
    ("keep", {"Reuters": 1, "Outlet A": 2, "Outlet B": 2, "Outlet C": 2}),
    ("mark", {"Reuters": 1, "Outlet A": 2, "Outlet B": 2, "Outlet C": 2}),
    ("origin", {"Reuters": 1, "Outlet A": 1, "Outlet B": 1, "Outlet C": 1}),
    ("drop", {"Outlet A": 1, "Outlet C": 1}),
])
def test_copies_modes_change_per_outlet_counts(mode, expected):
    a = framing.analyze(crafted(), stages=(), copies=mode)
    assert _docs_per_outlet(a) == expected
    if mode == "keep":
        assert "copy_of" not in a.documents.columns and "copies" not in a.tables
        return
    assert {"cluster_id", "copy_of", "similarity"} <= set(a.documents.columns)
    t = a.copies.set_index("outlet")
    assert t["n_docs"].to_dict() == {"Outlet A": 2, "Outlet B": 2, "Outlet C": 2, "Reuters": 1}
    assert t["n_copies"].to_dict() == {"Outlet A": 1, "Outlet B": 1, "Outlet C": 1,
                                       "Reuters": 0}
    assert t["n_counted"].to_dict() == {o: expected.get(o, 0) for o in t.index}
    docs = crafted().set_index("doc_id")
    words = {d: framing.text.count_words(b) for d, b in docs["body"].items()}
    assert t.loc["Outlet A", "copy_words"] == words["a1"]
    assert t.loc["Outlet A", "copy_share"] == pytest.approx(words["a1"] / (words["a1"]
                                                                           + words["a2"]))
    assert t.loc["Reuters", "copy_share"] == 0.0


def test_cli_copies_flag(tmp_path, capsys):
    from framing.cli import main

    crafted().drop(columns=["body", "status"]).to_csv(tmp_path / "c.csv", index=False)
    out = tmp_path / "out"
    assert main(["analyze", str(tmp_path / "c.csv"), "--out", str(out), "--stages", "none",
                 "--copies", "origin"]) == 0
    printed = capsys.readouterr().out
    assert "wire copies (origin): 3 documents are copies of another" in printed
    docs = pd.read_csv(out / "documents.csv", keep_default_na=False)
    assert docs["doc_id"].tolist() == ["r1", "a2", "b2", "c2"]
    assert {"cluster_id", "copy_of", "similarity"} <= set(docs.columns)
    copies = pd.read_csv(out / "copies.csv")
    assert copies["n_counted"].sum() == 4 and copies["n_docs"].sum() == 7
    report = (out / "report.html").read_text(encoding="utf-8")
    assert "<h2 id='copies'>Wire copies</h2>" in report
    # default: mark, every document kept
    assert main(["analyze", str(tmp_path / "c.csv"), "--out", str(out), "--stages", "none",
                 "--no-figures", "--quiet"]) == 0
    docs = pd.read_csv(out / "documents.csv", keep_default_na=False)
    assert len(docs) == 7 and docs.set_index("doc_id").loc["c1", "copy_of"] == "b2"
    assert main(["analyze", str(tmp_path / "c.csv"), "--out", str(out), "--engine", "dask",
                 "--copies", "mark"]) == 2
    assert "local engine" in capsys.readouterr().err


def test_two_passes_give_the_same_result_as_one():
    # a corpus that can be read again keeps only signatures and reads the candidates'
    # texts a second time; a one-shot iterator keeps every document's shingle set
    chunks = list(copies_corpus(1500, chunksize=200, seed=5))
    one_pass = find_copies(iter(chunks))
    pd.testing.assert_frame_equal(find_copies(chunks), one_pass)
    pd.testing.assert_frame_equal(find_copies(pd.concat(chunks, ignore_index=True)), one_pass)
    assert one_pass["copy_of"].notna().sum() > 150
    assert one_pass["similarity"].dropna().lt(1).any()  # exact values below 1 compared too

    class Changing:  # a source whose second reading differs
        def __init__(self):
            self.n = 0

        def __iter__(self):
            self.n += 1
            return iter(chunks if self.n == 1 else chunks[:-1])
    with pytest.raises(FramingError, match="changed"):
        find_copies(Changing())


def _words(rng, n: int, tag: str) -> list[str]:
    """``n`` distinct words (no shingle repeats inside a text)."""
    return [f"{tag}{k}x{int(v)}" for k, v in enumerate(rng.integers(0, 10 ** 6, n))]


def _changed(words: list[str], positions, tag: str) -> str:
    out = list(words)
    for p in positions:
        out[p] = f"{tag}{p}"
    return " ".join(out)


def three_way_corpus() -> tuple[list, dict]:
    """Chunks of a corpus written for the comparison of the one- and two-pass paths,
    and the expected ``copy_of`` of its planted documents (the others are singletons).

    94-word stories have 90 shingles of 5 words; changing a word in the middle changes
    5 of them, the 91st 4, the last 1: 10 changed shingles give Jaccard 80 / 100 = 0.8 (a copy
    at the threshold), 11 give 79 / 101 = 0.78 (not a copy), 9 give 81 / 99 = 0.82."""
    rng = np.random.default_rng(11)
    base = [_words(rng, 94, f"s{s}w") for s in range(4)]
    planted = [
        # story 0: the agency's story is the origin; one exact copy, one at J = 0.8
        ("t0", "Outlet A", "2024-03-02", " ".join(base[0])),
        ("t0-agency", "Reuters", "2024-03-03", " ".join(base[0])),
        ("t0-at", "Outlet B", "2024-03-01", _changed(base[0], [20, 60], "e")),
        # J = 0.78 to t0, below the threshold (and further from t0-at)
        ("t0-below", "Outlet C", "2024-03-01", _changed(base[0], [30, 50, 93], "f")),
        # story 1: J = 0.82 with the last word changed; an id used twice in the corpus
        ("t1", "Outlet B", "2024-03-05", " ".join(base[1])),
        ("dup", "Outlet C", "2024-03-06", _changed(base[1], [10, 90], "g")),
        # story 2 only shares its id with the copy above
        ("dup", "Outlet A", "2024-03-06", " ".join(base[2])),
        # empty documents, a text without a word, texts shorter than a shingle
        ("empty1", "Outlet A", "2024-03-07", ""),
        ("empty2", "Outlet B", "2024-03-07", None),
        ("nowords", "Outlet C", "2024-03-07", "... -- !!"),
        ("short1", "Outlet A", "2024-03-08", "Ceasefire announced"),
        ("short2", "Outlet C", "2024-03-07", "ceasefire ANNOUNCED."),
        ("short3", "Outlet B", "2024-03-08", "ceasefire"),
        # story 3: copied in a later chunk; its date is missing, so the copy is the origin
        ("t3", "Outlet C", None, " ".join(base[3])),
    ]
    later = [("t3-copy", "Outlet A", "2024-03-09", _changed(base[3], [93], "h"))]
    fill = [(f"f{k:04d}", f"Outlet {'ABC'[k % 3]}", f"2024-03-{1 + k % 28:02d}",
             " ".join(_words(rng, int(rng.integers(3, 80)), f"x{k}w"))) for k in range(400)]
    rows = planted[:7] + fill[:150] + planted[7:] + fill[150:300] + later + fill[300:]
    df = pd.DataFrame(rows, columns=["doc_id", "outlet", "date", "body"])
    chunks = [df.iloc[k:k + 64].reset_index(drop=True) for k in range(0, len(df), 64)]
    expected = {"t0": "t0-agency", "t0-agency": None, "t0-at": "t0-agency", "t0-below": None,
                "t1": None, "short1": "short2", "short2": None, "short3": None,
                "t3": "t3-copy", "t3-copy": None, "empty1": None, "empty2": None,
                "nowords": None}
    return chunks, expected


def test_two_pass_result_equals_one_pass_result_exactly():
    from framing.prepare import ReadAgain

    chunks, expected = three_way_corpus()
    one_pass = find_copies(iter(chunks))
    whole = pd.concat(chunks, ignore_index=True)
    for again in (chunks, whole, ReadAgain(lambda: iter(chunks))):
        pd.testing.assert_frame_equal(find_copies(again), one_pass)
    pd.testing.assert_frame_equal(find_copies(chunks, n_jobs=2), one_pass)
    res = one_pass.set_index("doc_id")
    assert {d: (None if pd.isna(res.loc[d, "copy_of"]) else res.loc[d, "copy_of"])
            for d in expected} == expected
    sim = res["similarity"]
    assert sim["t0-at"] == 0.8 and sim["t0"] == 1.0 and sim["t0-agency"] == 1.0
    assert np.isnan(sim["t0-below"]) and sim["t3"] == pytest.approx(89 / 91)
    # the two documents with id "dup": the copy of t1 (J = 81 / 99) and a singleton
    dup = one_pass[one_pass["doc_id"] == "dup"]
    assert dup["copy_of"].tolist()[0] == "t1" and pd.isna(dup["copy_of"].tolist()[1])
    assert dup["similarity"].tolist()[0] == pytest.approx(81 / 99)
    assert one_pass["copy_of"].notna().sum() == 5
    assert one_pass["cluster_id"].nunique() == 4
    # numbers as doc ids (kept as objects, not as compact strings) give the same table
    ints = [c.assign(doc_id=range(k * 64, k * 64 + len(c))) for k, c in enumerate(chunks)]
    pd.testing.assert_frame_equal(find_copies(ints), find_copies(iter(ints)))


def test_first_pass_keeps_about_a_hundred_bytes_per_document(monkeypatch):
    # what a corpus that can be read again keeps per document between its two readings:
    # 32-bit keys of the 21 LSH bands, a has-words flag, the doc id (4 bytes of offset
    # and its characters): no signature, no shingle set, whatever the length of the text
    from framing import copies

    chunks = list(copies_corpus(3000, chunksize=500, seed=6))
    kept = []  # (docs, bytes) at the end of the first pass
    first_pass = copies._first_pass

    def spy(*args, **kwargs):
        state = first_pass(*args, **kwargs)
        kept.append((state.n, state.nbytes))
        return state
    monkeypatch.setattr(copies, "_first_pass", spy)
    res = find_copies(chunks)
    assert len(kept) == 1 and kept[0][0] == 3000
    id_len = 8  # "g0000001"
    per_doc = kept[0][1] / 3000
    assert per_doc <= 4 * 21 + 1 + 4 + id_len + 0.01
    assert per_doc >= 4 * 21 + 1 + id_len
    pd.testing.assert_frame_equal(res, find_copies(iter(chunks)))
    # the texts' length does not matter
    long = [c.assign(body=c["body"] + " " + c["body"]) for c in chunks]
    kept.clear()
    find_copies(long)
    assert kept[0][1] == pytest.approx(per_doc * 3000, rel=0.001)
    # a one-shot iterator still reads once (and keeps everything)
    kept.clear()
    find_copies(iter(chunks[:1]))
    assert kept == []
