"""Events inferred from dates and shared names: crafted stories, the sample corpus and a
generated corpus with planted events."""
from __future__ import annotations

import pandas as pd
import pytest
from sklearn.metrics import adjusted_rand_score

import framing
from framing import FramingError
from framing._synthetic import events_corpus
from framing.events import event_purity, infer_events

# Three invented events: two in the same days (a flood in the Varna valley, a strike at
# the Orlo steelworks), and another flood in the Varna valley three weeks later.
STORIES = [
    ("f1", "Outlet A", "2024-04-02", "Floods in the Varna valley forced families in Kellmoor "
     "and Dunhaven to leave their homes. Rescue teams from Brackwell arrived overnight."),
    ("f2", "Outlet B", "2024-04-03", "Water kept rising in Kellmoor on Wednesday. The mayor of "
     "Dunhaven said the Varna valley had not seen such floods since 1980."),
    ("f3", "Outlet C", "2024-04-04", "Volunteers in Dunhaven filled sandbags as Brackwell sent "
     "more boats to Kellmoor."),
    ("s1", "Outlet A", "2024-04-03", "Workers at the Orlo steelworks walked out on Tuesday. "
     "The Metalworkers Union said talks with Orlo Steel had failed."),
    ("s2", "Outlet C", "2024-04-03", "The strike at Orlo Steel entered its second day. Union "
     "leader Mira Tomsk said the Metalworkers Union would not back down."),
    ("s3", "Outlet B", "2024-04-05", "Mira Tomsk met managers of Orlo Steel, but the strike "
     "goes on."),
    ("g1", "Outlet A", "2024-04-25", "New floods in the Varna valley: Kellmoor was cut off "
     "again and Dunhaven closed its schools."),
    ("g2", "Outlet B", "2024-04-26", "Kellmoor is under water for the second time this month; "
     "Dunhaven opened shelters."),
    ("x1", "Outlet C", "2024-04-03", "A quiet day at the market."),
]


def crafted() -> pd.DataFrame:
    return pd.DataFrame(STORIES, columns=["doc_id", "outlet", "date", "body"])


def test_crafted_events_split_by_names_and_by_date():
    res = infer_events(crafted(), study=False)
    assert list(res.columns) == ["doc_id", "event_id", "event_label"]
    ev = dict(zip(res["doc_id"], res["event_id"]))
    # numbered by first date, then corpus order: the flood (2 Apr), the strike (3 Apr),
    # the lone market story (3 Apr, later in the corpus), the second flood (25 Apr)
    assert ev == {"f1": 0, "f2": 0, "f3": 0, "s1": 1, "s2": 1, "s3": 1, "x1": 2, "g1": 3,
                  "g2": 3}
    labels = dict(zip(res["event_id"], res["event_label"]))
    assert set(labels[0].split(", ")) <= {"Kellmoor", "Dunhaven", "Brackwell", "Varna"}
    assert "Orlo" in labels[1] or "Mira Tomsk" in labels[1] or "Orlo Steel" in labels[1]
    assert labels[2] == ""  # no names in "A quiet day at the market."
    # a window of 30 days joins the two floods
    wide = infer_events(crafted(), study=False, window_days=30)
    assert wide.set_index("doc_id").loc[["f1", "g1", "g2"], "event_id"].nunique() == 1


def test_sentence_initial_words_are_not_names():
    df = pd.DataFrame({"doc_id": ["a", "b"], "date": ["2024-01-01"] * 2,
                       "body": ["Officials said nothing. Water rose.",
                                "Officials met. Water fell."]})
    res = infer_events(df, study=False)
    assert res["event_id"].tolist() == [0, 1]
    df.loc[1, "body"] = "They met Officials of Water Board."  # mid-sentence: names
    df.loc[0, "body"] = "Officials of Water Board said nothing."
    assert infer_events(df, study=False)["event_id"].tolist() == [0, 0]


def test_sample_corpus_events_equal_its_known_events():
    c = framing.load_sample_corpus()
    assert c["event"].nunique() == 3
    res = infer_events(c)
    assert adjusted_rand_score(c["event"], res["event_id"]) == 1.0
    assert event_purity(c["event"], res["event_id"]) == 1.0


def test_planted_events():
    c = events_corpus(seed=0)
    res = infer_events(c)
    ari = adjusted_rand_score(c["planted_event"], res["event_id"])
    purity = event_purity(c["planted_event"], res["event_id"])
    # measured: ARI 0.96, purity 0.996 (seed 0)
    assert ari >= 0.93 and purity >= 0.98
    # the events hold documents of several outlets
    per_event = c.assign(e=res["event_id"]).groupby("e")["outlet"].nunique()
    assert (per_event[c.assign(e=res["event_id"]).groupby("e").size() >= 4] >= 3).mean() > 0.9


def test_analyze_with_inferred_events():
    a = framing.analyze(crafted(), stages=(), events="infer", copies="keep")
    d = a.documents.set_index("doc_id")
    assert d.loc["f1", "event"] == d.loc["f3", "event"] != d.loc["g1", "event"]
    assert d.loc["f1", "event"].startswith("2024-04-02: ")
    assert d["event_id"].to_dict()["s2"] == 1
    plain = framing.analyze(crafted(), stages=(), copies="keep").documents
    assert "event_id" not in plain.columns and plain["event"].isna().all()


def test_cli_events_flag(tmp_path):
    from framing.cli import main

    crafted().rename(columns={"body": "text"}).to_csv(tmp_path / "c.csv", index=False)
    out = tmp_path / "out"
    assert main(["analyze", str(tmp_path / "c.csv"), "--out", str(out), "--stages", "none",
                 "--no-figures", "--quiet", "--events", "infer"]) == 0
    docs = pd.read_csv(out / "documents.csv", keep_default_na=False).set_index("doc_id")
    assert docs.loc["s1", "event"] == docs.loc["s3", "event"] != docs.loc["f1", "event"]
    assert docs["event_id"].nunique() == 4


def test_bad_parameters_and_purity():
    with pytest.raises(FramingError):
        infer_events(crafted(), window_days=-1)
    with pytest.raises(FramingError):
        infer_events(crafted(), threshold=0)
    with pytest.raises(FramingError, match="events"):
        framing.analyze(crafted(), stages=(), events="guess")
    assert event_purity(["a", "a", "b"], [1, 1, 1]) == pytest.approx(2 / 3)
    assert infer_events(crafted().iloc[:0], study=False).empty
