"""Attribution rows pinned by hash, so that speed work on :mod:`framing.attribution` cannot
change what it finds.

The hashes below were computed with the attribution rules of commit 3c7ec70 (the last commit
that changed ``src/framing/attribution.py`` before the speed-up of issue 11). A deliberate
change of the rules changes them: then re-compute them (``python
tests/test_attribution_identity.py`` prints the current values), check the differences
are the intended ones, and say in the commit message which commit produced the new values.

Three sets of texts:

* the bundled sample corpus (default study lexicons);
* several hundred documents generated here, with a seed, from sentence templates written
  for this test and a small actors lexicon of made-up actors (persons, institutions, an
  army, an armed group, countries, demonyms, media, an aid agency), exercising direct and
  indirect speech, inverted order, pronouns, definite descriptions, split and carried-over
  quotes, appositives, *according to*, passives and nouns that are not verbs;
* the held-out articles of tests/heldout, tests/heldout_b and tests/heldout_c, each with
  its own conflict's actors lexicon.

The generated documents are also run through the shared-matcher path of the pipeline
(``found``/``slots``), which must give the same rows as the extractor's own matcher.
"""
from __future__ import annotations

import hashlib
import random
import warnings
from pathlib import Path

import pandas as pd
import pytest

import framing
from framing.attribution import AttributionExtractor, extract_attributions
from framing.lexicons import Matcher, load_lexicon

ROOT = Path(__file__).resolve().parents[1]
VERBS = ROOT / "lexicons" / "general" / "reporting_verbs.csv"

#: sha256 of ``repr(rows)`` (rows as tuples in ATTRIBUTION_COLUMNS order), computed at commit
#: 3c7ec70 (attribution rules of issue 12), and the number of rows.
#: "generated", "heldout", "heldout_b" and "heldout_c" re-computed at 9a1b9b6 (unnamed
#: speakers take their side from the context); "sample" is unchanged. The differing rows
#: of heldout_b and heldout_c were not read (those sets are kept for scoring only).
#: "heldout" and "heldout_c" re-computed for the possessive role speakers ("Its spokesman",
#: "his office": the possessor's side); heldout gains "his spokesman" (kas_01), heldout_c
#: changes two rows (not read).
#: "generated" and "heldout_b" re-computed for he/she after a subject with a relative clause
#: and for "-ment" heads that name no person: two generated rows change ("he" after "The
#: government announced ..." is the nearest person, no longer the government); heldout_b
#: rows not read.
#: "heldout_c" re-computed for "state" after a capitalised word ("Islamic State", "Jonglei
#: state": a noun): two rows fewer (not read).
#: "heldout" re-computed for quoted questions after "asked" (class neutral, not directive):
#: the verb class of the asked-questions in tests/heldout changes.
#: "heldout" re-computed for "dismiss" before a content noun (a distancing report): one row
#: more.
#: All but "sample" re-computed for datelines ("GAO, Jan 14 (Agency) - "), which are no longer
#: part of a speaker or of an inverted report's content: 54 generated rows lose the dateline
#: from their quote or speaker and 8 generated records whose whole content was the dateline
#: are gone; five tests/heldout quotes lose their dateline; heldout_b/c rows not read.
#: "heldout" and "heldout_b" re-computed for a closing parenthetical acronym left out of the
#: speaker ("Doctors Without Borders (MSF" -> "Doctors Without Borders"): four tests/heldout
#: speakers; heldout_b rows not read.
#: "generated" and "heldout" re-computed for an unnamed person after a quotation ('"...?"
#: asked a teacher'): three generated and two tests/heldout records more.
#: "heldout" re-computed for naming without quotation marks ("called X a Y", "calling it a
#: Y", "described X as a Y"): two tests/heldout records more; heldout_b/c rows unchanged.
#: "heldout_c" re-computed for chains of coordinated reporting verbs keeping the first
#: verb's speaker ("issued a statement that condemned A and urged B"): heldout_c rows not
#: read (heldout_b+c speaker side 0.909 -> 0.914 in benchmarks/heldout.py).
#: "heldout" re-computed for "put the death toll at N" (a report of a figure): one
#: tests/heldout record more (drc_02).
#: "sample" re-computed for the media side when journalists are filed under it (the shipped
#: lexicon): "News outlets" and "multiple editorials in Azerbaijani media" get side media.
#: "sample" re-computed for "media_speakers" in the shipped actors lexicon: five reports by
#: TASS, APA and Armenpress get side media.
PINNED = {
    "sample": (136, "7443f9d87f340425a7a50fd8b5cd201ceab17bd2bcda54580c78d94e92f1265d"),
    "generated": (5486, "0f954b78820e20775b0170c90facf5d0f4114b53b7be07e9c3ef19b902b50a25"),
    "heldout": (277, "ddeb6ddd2ddc99e71129e15f3a81a87c68720c60b33cdd081c9494ab8c6a3550"),
    "heldout_b": (129, "dc88785ab0f1d87d06f4f045c8f9bf3dc45fa38430fcb11ba01550b61a6218e9"),
    "heldout_c": (124, "2df4a21cc5c05133a7d90b0939032874d76fa153422bfadda4e80b2438bfce7f"),
}

ACTORS = pd.DataFrame([
    # term, category, side, canonical
    ("Amara Velloti", "person", "north", "Amara Velloti"),
    ("Velloti", "person", "north", "Amara Velloti"),
    ("Joris Tannek", "person", "south", "Joris Tannek"),
    ("Tannek", "person", "south", "Joris Tannek"),
    ("Ilse Marrow", "person", "international", "Ilse Marrow"),
    ("Northland", "country", "north", "Northland"),
    ("Southmark", "country", "south", "Southmark"),
    ("Port Arvel", "capital", "north", "Port Arvel"),
    ("Kessing", "capital", "south", "Kessing"),
    ("Northlandic", "demonym", "north", "Northland"),
    ("Southmarkian", "demonym", "south", "Southmark"),
    ("Northlandic Ministry of Defence", "institution", "north",
     "Northlandic Ministry of Defence"),
    ("Southmark Foreign Ministry", "institution", "south", "Southmark Foreign Ministry"),
    ("Northlandic government", "government", "north", "Northlandic government"),
    ("Southmark government", "government", "south", "Southmark government"),
    ("Northlandic army", "military", "north", "Northlandic army"),
    ("Southmarkian army", "military", "south", "Southmarkian army"),
    ("Red Dawn Brigade", "military", "south", "Red Dawn Brigade"),
    ("Northland Police Service", "institution", "north", "Northland Police Service"),
    ("Daily Courier", "media", "media", "Daily Courier"),
    ("Wire Service Nine", "media", "media", "Wire Service Nine"),
    ("Open Hands Relief", "organization", "international", "Open Hands Relief"),
    ("Council of Mediators", "organization", "international", "Council of Mediators"),
], columns=["term", "category", "side", "canonical"])

_SPEAKERS = ["Amara Velloti", "Joris Tannek", "Ilse Marrow", "Velloti", "Tannek",
             "the Northlandic Ministry of Defence", "the ministry", "the Southmark Foreign "
             "Ministry", "a Northlandic army spokesman", "Southmarkian officials",
             "the Red Dawn Brigade", "the group", "the army", "the government", "police",
             "the Daily Courier", "Wire Service Nine", "aid agencies", "Open Hands Relief",
             "a resident of Kessing", "protesters in Port Arvel", "he", "she", "they", "it",
             "the officials", "Defence Minister Amara Velloti", "Mr. Tannek",
             "the Council of Mediators", "Northland and Southmark", "two witnesses",
             "a doctor at the main hospital in Kessing", "the statement"]
_VERBS = ["said", "told reporters", "claimed", "insisted", "warned", "denied",
          "alleged", "accused the other side", "announced", "stressed", "admitted",
          "argued", "noted", "added", "urged calm and said", "reported", "confirmed",
          "suggested", "acknowledged", "declared"]
_CONTENT = ["the shelling of the border villages had stopped",
            "troops would withdraw from the hills by Friday",
            "the talks in Port Arvel were making progress",
            "nobody had been hurt in the attack on the depot",
            "the ceasefire was holding despite sporadic fire",
            "the figures given by the other side were false",
            "more than 300 families had fled Kessing overnight",
            "the convoy was fired on near the river crossing"]
_QUOTES = ["We will not give up a single metre of our land",
           "This was a deliberate attack on civilians",
           "The door to negotiations remains open",
           "Our forces acted in self-defence",
           "They are lying, as they always do",
           "We call on both sides to show restraint"]
_FILLER = ["Fighting resumed on Tuesday near the border.",
           "The war has displaced tens of thousands of people.",
           "Clashes threaten the fragile truce.",
           "Casualties were reported in two villages.",
           "A state of emergency was declared in the province.",
           "The claim was disputed by Southmark.",
           "Shops in Kessing stayed closed for a third day.",
           "The report was published on Monday.",
           "Talks were called off in March.",
           "Local reports said the bridge had been destroyed."]


def _sentence(rng: random.Random) -> str:
    sp, vb = rng.choice(_SPEAKERS), rng.choice(_VERBS)
    sp_cap = sp[0].upper() + sp[1:]
    c, q, q2 = rng.choice(_CONTENT), rng.choice(_QUOTES), rng.choice(_QUOTES)
    form = rng.randrange(15)
    if form == 0:
        return f"{sp_cap} {vb} that {c}."
    if form == 1:
        return f"{sp_cap} {vb} {c}."
    if form == 2:
        return f"\u201c{q},\u201d {sp} {vb.split()[0]}."
    if form == 3:
        return f"\u201c{q},\u201d said {sp}."
    if form == 4:
        return f"{sp_cap} {vb.split()[0]}: \u201c{q}.\u201d"
    if form == 5:
        return f"\u201c{q},\u201d {sp} said. \u201c{q2}.\u201d"
    if form == 6:
        return f"According to {sp}, {c}."
    if form == 7:
        return f"{c[0].upper() + c[1:]}, {sp} {vb.split()[0]} on Monday."
    if form == 8:
        aside = rng.choice(["a former envoy", "speaking in Kessing", "who visited the front"])
        return f"{sp_cap}, {aside}, {vb} that {c}."
    if form == 9:
        return f"{sp_cap} {vb.split()[0]} that {c}, and that \u201c{q.lower()}\u201d."
    if form == 10:
        return f"\u201c{q}\u201d\n\n\u201c{q2},\u201d {sp} added."
    if form == 11:
        return f"{sp_cap} {vb.split()[0]} in a statement that {c}, calling it " \
            "\u201cunacceptable\u201d."
    if form == 12:
        end = rng.choice(["began at dawn", "was said to be over"])
        return f"The operation, dubbed \u201cSteel Rain\u201d, {end}."
    if form == 13:
        sp2, vb2 = rng.choice(_SPEAKERS), rng.choice(_VERBS).split()[0]
        return f"{sp_cap} {vb.split()[0]} {c}, while {sp2} {vb2} \u201c{q.lower()}\u201d."
    return rng.choice(_FILLER)


def generated_corpus(n_docs: int = 300, seed: int = 11) -> pd.DataFrame:
    """``n_docs`` documents of 3-9 paragraphs of 1-4 template sentences, some opening with a
    dateline, some with a title line."""
    rng = random.Random(seed)
    rows = []
    for i in range(n_docs):
        paras = [" ".join(_sentence(rng) for _ in range(rng.randint(1, 4)))
                 for _ in range(rng.randint(3, 9))]
        if i % 3 == 0:
            paras[0] = rng.choice(["KESSING, Southmark, Oct 3 (Wire Service Nine) - ",
                                   "PORT ARVEL, May 12 (Reuters) - "]) + paras[0]
        title = f"Title {i}: {rng.choice(_FILLER)}" if i % 4 == 0 else None
        body = "\n\n".join(paras)
        if title:
            body = title + "\n\n" + body
        rows.append((f"g{i:04d}", title, body))
    return pd.DataFrame(rows, columns=["doc_id", "title", "body"])


def _digest(rows) -> tuple[int, str]:
    rows = [tuple(r) for r in rows]
    return len(rows), hashlib.sha256(repr(rows).encode("utf-8")).hexdigest()


def _frame_rows(df: pd.DataFrame) -> list[tuple]:
    return [tuple(r) for r in df.itertuples(index=False)]


def compute() -> dict[str, tuple[int, str]]:
    """Row count and hash of each pinned set, with the current code."""
    out = {}
    out["sample"] = _digest(_frame_rows(extract_attributions(framing.load_sample_corpus())))
    actors = load_lexicon(ACTORS, name="actors")
    gen = generated_corpus()
    out["generated"] = _digest(_frame_rows(extract_attributions(gen, actors=actors,
                                                                verbs=str(VERBS))))
    for hs in ("heldout", "heldout_b", "heldout_c"):
        root = ROOT / "tests" / hs
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            corpus = framing.load_corpus(str(root / "articles"))
        meta = pd.read_csv(root / "articles" / "metadata.csv")
        conflict = dict(zip(meta["file"].str.replace(".txt", "", regex=False), meta["conflict"]))
        rows = []
        for c in sorted(set(conflict.values())):
            sub = corpus[corpus["doc_id"].map(conflict) == c]
            lex = load_lexicon(str(root / "lexicons" / f"actors_{c}.csv"))
            rows += _frame_rows(extract_attributions(sub, actors=lex, verbs=str(VERBS)))
        out[hs] = _digest(rows)
    return out


@pytest.fixture(scope="module")
def current():
    return compute()


@pytest.mark.parametrize("name", sorted(PINNED))
def test_rows_are_pinned(current, name):
    assert current[name] == PINNED[name]


def test_generated_corpus_is_varied():
    # the generator itself: seeded, several hundred documents, the constructions present
    gen = generated_corpus()
    assert len(gen) == 300
    assert gen.equals(generated_corpus())
    text = "\n".join(gen["body"])
    for piece in ("According to", "\u201d said ", " that ", "dubbed", "(Reuters) -",
                  ", who visited", "in a statement"):
        assert piece in text


@pytest.mark.parametrize("order", ["appended", "verbs first"])
def test_shared_matcher_path_gives_the_same_rows(order):
    # the pipeline passes the matches of a matcher shared with other stages; the
    # extractor's lexicons may sit in the shared list in its own order or not
    actors = load_lexicon(ACTORS, name="actors")
    ex = AttributionExtractor(actors=actors, verbs=str(VERBS))
    lexes = [load_lexicon(str(ROOT / "lexicons" / "general" / "violence.csv"))]
    if order == "verbs first":
        lexes.insert(0, ex.verbs_)
    slots = ex.lexicon_slots(lexes)
    assert (list(slots) == sorted(slots)) == (order == "appended")
    shared = Matcher(lexes)
    gen = generated_corpus(120, seed=5)
    n = 0
    for doc_id, title, body in gen.itertuples(index=False):
        own = ex.extract(body, doc_id, title=title)
        via = ex.extract(body, doc_id, title=title, found=shared._select(body), slots=slots)
        assert via == own
        n += len(own)
    assert n > 300


if __name__ == "__main__":  # print the current values, to update PINNED after a rule change
    for k, v in compute().items():
        print(f"    {k!r}: {v!r},")


def _voice_by_scan(hits: pd.DataFrame, att: pd.DataFrame) -> list[str]:
    """speech_voice as a plain scan of every span of the hit's document (the definition)."""
    out = []
    for d, s, e in zip(hits["doc_id"], hits["start"], hits["end"]):
        lv = [0 if k == "direct" else 1
              for dd, k, a, b in zip(att["doc_id"], att["kind"], att["start"], att["end"])
              if dd == d and a >= 0 and a <= s and e <= b]
        out.append("own" if not lv else "direct" if min(lv) == 0 else "indirect")
    return out


@pytest.mark.parametrize("offsets", ["int", "float"])
def test_speech_voice_equals_the_scan(offsets):
    # the binary-search path (integer offsets) and the span-by-span path (other offsets)
    from framing.attribution import speech_voice

    rng = random.Random(3)
    n_checked = {"direct": 0, "indirect": 0, "own": 0}
    for _ in range(150):
        docs = ["a", "b", 7, "c"][:rng.randint(1, 4)]
        n = rng.randint(0, 30)
        att = pd.DataFrame({"doc_id": [rng.choice(docs) for _ in range(n)],
                            "kind": [rng.choice(["direct", "indirect", "according_to"])
                                     for _ in range(n)],
                            "start": [rng.randint(-1, 50) for _ in range(n)]})
        att["end"] = att["start"] + [rng.randint(0, 30) for _ in range(n)]
        m = rng.randint(1, 40)
        hits = pd.DataFrame({"doc_id": [rng.choice(docs + ["z"]) for _ in range(m)],
                             "start": [rng.randint(0, 70) for _ in range(m)]},
                            index=rng.sample(range(1000), m))
        hits["end"] = hits["start"] + [rng.randint(0, 10) for _ in range(m)]
        if offsets == "float":
            hits["start"] = hits["start"].astype(float)
        got = speech_voice(hits, att)
        assert list(got.index) == list(hits.index)
        want = _voice_by_scan(hits, att) if n else ["own"] * m
        assert list(got) == want
        for v in want:
            n_checked[v] += 1
    assert min(n_checked.values()) > 50  # all three voices were tested
