"""Lexicon-level test of the ukraine study on a crafted corpus.

tests/data/ukraine_corpus.csv holds twelve invented wire-style articles from three
invented outlets: a Russian-state-style agency (Vostok Vestnik), a Ukrainian outlet
(Kyiv Ledger) and a neutral wire (Meridian Wire). The expected counts below were
worked out by reading the articles hit by hit (see the comments), not copied from
the output.
"""

from collections import Counter
from pathlib import Path

import pandas as pd
import pytest

import framing
from framing.lexicons import load_lexicon

ROOT = Path(__file__).parents[1]
STUDY = ROOT / "lexicons" / "ukraine"
CORPUS = ROOT / "tests" / "data" / "ukraine_corpus.csv"
NAMES = ("naming", "loaded", "actors", "places")

VV, KL, MW = "Vostok Vestnik", "Kyiv Ledger", "Meridian Wire"

# (outlet, lexicon) -> {side: hits}; "" = terms with no side (near misses, words
# both parties use). Per-article tallies in the comments.
EXPECTED = {
    # vv-01: Kiev, goodwill gesture, special military operation, Donbass (4 ru)
    # vv-02: Donetsk People's Republic, Lugansk People's Republic, Zaporozhye, new regions, Kiev (5)
    # vv-03: DPR, Kiev, Donbass, Artemovsk (4 ru) + Kyiv in Zelensky's quote (1 ua)
    # vv-04: Ukrainian crisis, Kiev, the Ukraine (3 ru); grain deal (intl); chicken Kiev, Dynamo Kiev (no side)
    (VV, "naming"): {"russia": 16, "ukraine": 1, "international": 1, "": 2},
    # vv-01: staged provocation, Kiev regime, liberation of Donbass (ru); Bucha massacre (quoted, intl)
    # vv-02: accession to Russia, joined Russia, Western handlers, Russophobia, realities on the ground
    # vv-03: Ukrainian militants, Kiev regime, genocide of the people of Donbass, neo-Nazis
    # vv-04: NATO expansion, proxy war, collective West, root causes (ru); counteroffensive (ua)
    (VV, "loaded"): {"russia": 16, "international": 1, "ukraine": 1},
    # vv-01: Bucha, Kiev, Bucha (inside the quoted 'Bucha massacre'), Donbass (ua); MOSCOW, Belgorod region (ru)
    # vv-02: Donetsk, Lugansk (inside the republics' names), Zaporozhye, Kherson, Kiev (ua); MOSCOW
    # vv-03: DONETSK, Donetsk, Kiev, Donbass, Kyiv, Artemovsk (ua)
    # vv-04: ST PETERSBURG, Moscow (ru); Kiev (ua); chicken Kiev, Dynamo Kiev (not_place)
    (VV, "places"): {"ukraine": 16, "russia": 5, "": 2},
    # vv-01: MOSCOW, Russian Defence Ministry, Russian troops, Igor Konashenkov, Kremlin, Dmitry
    #        Peskov, Maria Zakharova, Russian (air defence), Vyacheslav Gladkov (9 ru); Kiev, Ukrainian drones
    # vv-02: MOSCOW, Vladimir Putin, Russia, DPR, LPR, Putin, Kremlin, Russia, Sergey Lavrov (9); Kiev
    # vv-03: DPR, Denis Pushilin, Russian forces, Russian Defence Ministry (4 ru);
    #        Ukrainian, Kiev, Vladimir Zelensky, Kyiv, AFU, Azov battalion (6 ua)
    # vv-04: Sergei Lavrov, TASS, Lavrov, Moscow (ru); Ukrainian, Kiev, Ukraine (ua); NATO;
    #        chicken Kiev, Richard Wagner, Dynamo Kiev (non_actor)
    (VV, "actors"): {"russia": 26, "ukraine": 12, "international": 1, "": 3},
    # kl-01: KYIV, Kyiv; kl-02: Dnipro, Slava Ukraini, so-called DPR (ua), Crimea, Russian-installed
    # (intl), regrouping (quoted, ru); kl-03: KYIV, temporarily occupied; kl-04: Lviv (ua), Dynamo Kyiv
    (KL, "naming"): {"ukraine": 8, "international": 2, "russia": 1, "": 1},
    # kl-01: Russian occupiers, genocide of the Ukrainian people, terrorist state, rashists (ua);
    #        liberated, war criminals (no side)
    # kl-02: Russian invaders, liberation of Kherson, de-occupation
    # kl-03: deportation of Ukrainian children, forcibly deported, occupied territories, orcs (ua);
    #        evacuated children (quoted, ru)
    # kl-04: aggressor state ('terrorist attack' and 'Russian shelling' are not listed)
    (KL, "loaded"): {"ukraine": 12, "": 2, "russia": 1},
    # kl-01: KYIV, Bucha, Kyiv region, Bucha; Moscow
    # kl-02: KHERSON, Kherson, Dnipro, Kherson (in 'liberation of Kherson'), Crimea
    # kl-03: KYIV; kl-04: SUMY, Sumy region, Lviv (ua); Kursk region, Sudzha, Moscow (ru);
    #        Shakhtar Donetsk, Dynamo Kyiv (not_place)
    (KL, "places"): {"ukraine": 13, "russia": 4, "": 2},
    # kl-01: KYIV, Ukrainian, Kyiv, Volodymyr Zelenskyy, Ukrainian (people), Dmytro Kuleba;
    #        Russian, Russian, Moscow
    # kl-02: Ukrainian troops, Andriy Yermak; Russian, Russian Defence Ministry, DPR, Russian-installed officials
    # kl-03: KYIV, Ukrainian, Dmytro Lubinets, Azov Brigade, Zelenskyy; Vladimir Putin, Russia,
    #        Kremlin; International Criminal Court, ICC, Karim Khan
    # kl-04: Ukrainian forces, Oleksandr Syrskyi, Mykhailo Podolyak; Russia, Moscow, Russian; Dynamo Kyiv
    (KL, "actors"): {"ukraine": 16, "russia": 13, "international": 3, "": 1},
    # mw-01: KYIV, full-scale invasion, Kyiv, Kharkiv, Odesa; special military operation (quoted)
    # mw-02: KYIV; mw-03: KYIV, Zaporizhzhia (ua); Dnieper, Ukraine war (intl); Kiev (quoted, ru)
    # mw-04: KYIV, Kyiv (quoted), Kyiv
    (MW, "naming"): {"ukraine": 11, "russia": 2, "international": 2},
    # mw-01: invasion, invasion (no side); demilitarisation, denazification (quoted, ru);
    #        unprovoked (quoted, ua); could not be independently verified (intl)
    # mw-02: neo-Nazis (quoted, ru), Russian-controlled (intl); mw-03: Kiev regime (quoted)
    # mw-04: provocation (quoted, no side), Kyiv regime (quoted, ru)
    (MW, "loaded"): {"": 3, "russia": 5, "ukraine": 1, "international": 2},
    # mw-01: KYIV, Kyiv, Kharkiv, Odesa; MOSCOW. mw-02: KYIV, Azovstal, Mariupol, Olenivka
    # mw-03: KYIV, Kakhovka dam, Dnieper, Kiev, Zaporizhzhia nuclear power plant
    # mw-04: KYIV, Kyiv, Kyiv (ua); Kursk region, Belgorod (ru)
    (MW, "places"): {"ukraine": 16, "russia": 3},
    # mw-01: KYIV, Ukraine, Kyiv, Ukraine, Ukrainian President, Volodymyr Zelenskiy; MOSCOW, Russia,
    #        Putin; U.S., Joe Biden
    # mw-02: KYIV, Ukrainian, Ukraine's General Staff, Azov regiment; Russia, Russian Defence
    #        Ministry, Russian (-controlled); International Committee of the Red Cross
    # mw-03: KYIV, Ukraine, Kiev, Ukraine (war); Russia, Kremlin; IAEA, Rafael Grossi, UN
    # mw-04: KYIV, Ukrainian troops, Kyiv, Ukraine's foreign ministry, Kyiv; Russia, Russian
    #        President, Vladimir Putin, Russian; Institute for the Study of War
    (MW, "actors"): {"ukraine": 19, "russia": 12, "usa": 2, "international": 4, "media": 1},
}


@pytest.fixture(scope="module")
def lexicons():
    return [load_lexicon(str(STUDY / f"{name}.csv")) for name in NAMES]


@pytest.fixture(scope="module")
def corpus():
    return framing.load_corpus(CORPUS)


@pytest.fixture(scope="module")
def hits(corpus, lexicons):
    h = framing.match_lexicon(corpus, lexicons)
    return h.merge(corpus[["doc_id", "outlet"]], on="doc_id")


def _doc(hits, doc_id, lexicon=None):
    h = hits[hits["doc_id"] == doc_id]
    return h if lexicon is None else h[h["lexicon"] == lexicon]


def test_corpus_shape(corpus):
    assert len(corpus) == 12
    assert (corpus["status"] == "ok").all()
    assert corpus["outlet"].value_counts().to_dict() == {VV: 4, KL: 4, MW: 4}


def test_lexicons_load_with_their_names(lexicons):
    assert [lex.name for lex in lexicons] == list(NAMES)
    for lex in lexicons:
        assert len(lex) >= 100


@pytest.mark.parametrize("outlet,lexicon", sorted(EXPECTED))
def test_counts_by_outlet_lexicon_side(hits, outlet, lexicon):
    h = hits[(hits["outlet"] == outlet) & (hits["lexicon"] == lexicon)]
    assert dict(Counter(h["side"])) == EXPECTED[(outlet, lexicon)]


def test_contrast_russian_outlet_uses_russian_names(hits):
    naming = hits[(hits["lexicon"] == "naming") & (hits["voice"] == "own")]
    by = naming.groupby(["outlet", "side"]).size()
    assert by[(VV, "russia")] == 16 and (VV, "ukraine") not in by
    assert by[(KL, "ukraine")] == 7 and (KL, "russia") not in by  # 'Slava Ukraini', 'regrouping' quoted
    # the wire's own copy uses Ukrainian-based names only; the Russian ones are in quotes
    assert by[(MW, "ukraine")] == 10 and (MW, "russia") not in by


def test_quoted_speech_keeps_its_side_and_voice(hits):
    # the Russian outlet quotes Zelensky saying "Kyiv"
    kyiv = _doc(hits, "vv-03", "naming")
    kyiv = kyiv[kyiv["term"] == "Kyiv"]
    assert kyiv[["side", "voice"]].values.tolist() == [["ukraine", "quoted"]]
    # ... and its own copy says Kiev and Artemovsk
    own = _doc(hits, "vv-03", "naming")
    assert set(own.loc[own["voice"] == "own", "term"]) == {"DPR", "Kiev", "Donbass", "Artemovsk"}
    # the neutral wire quotes the Kremlin's frames
    mw1 = _doc(hits, "mw-01", "loaded").set_index("term")
    assert mw1.loc["denazification", "voice"] == "quoted"
    assert mw1.loc["denazification", "side"] == "russia"
    assert mw1.loc["unprovoked", ["side", "voice"]].tolist() == ["ukraine", "quoted"]
    assert mw1.loc["could not be independently verified", "voice"] == "own"
    smo = _doc(hits, "mw-01", "naming")
    assert smo.loc[smo["term"] == "special military operation", "voice"].tolist() == ["quoted"]
    # the Ukrainian outlet quotes Moscow's euphemism
    kl2 = _doc(hits, "kl-02", "naming").set_index("term")
    assert kl2.loc["regrouping", ["side", "voice"]].tolist() == ["russia", "quoted"]


def test_longest_match_and_canonical(hits):
    kl2 = _doc(hits, "kl-02")
    # 'so-called DPR' beats the self-name 'DPR' inside naming; actors still sees the DPR
    naming = kl2[kl2["lexicon"] == "naming"]
    assert "so-called DPR" in set(naming["term"]) and "DPR" not in set(naming["term"])
    assert ("DPR", "russia") in set(zip(kl2.loc[kl2["lexicon"] == "actors", "term"],
                                          kl2.loc[kl2["lexicon"] == "actors", "side"]))
    # 'full-scale invasion' starts first, so 'invasion of Ukraine' is not also counted
    mw1 = set(_doc(hits, "mw-01", "naming")["term"])
    assert "full-scale invasion" in mw1 and "invasion of Ukraine" not in mw1
    # spelling variants group on one canonical
    zel = hits[(hits["lexicon"] == "actors") & (hits["canonical"] == "Volodymyr Zelensky")]
    assert set(zel["match"]) == {"Vladimir Zelensky", "Volodymyr Zelenskyy", "Zelenskyy",
                                 "Volodymyr Zelenskiy"}
    kiev = hits[(hits["lexicon"] == "places") & (hits["canonical"] == "Kyiv")]
    assert {"Kiev", "Kyiv", "KYIV"} <= set(kiev["match"])
    assert set(kiev["side"]) == {"ukraine"}


def test_places_side_is_the_territory(hits):
    places = hits[hits["lexicon"] == "places"]
    side = dict(zip(places["canonical"], places["side"]))
    assert side["Bucha"] == "ukraine" and side["Belgorod"] == "russia"
    assert side["Sudzha"] == "russia"  # held by Ukraine in 2024, still Russian territory
    assert side["Mariupol"] == "ukraine" and side["Crimea"] == "ukraine"
    cats = dict(zip(places["canonical"], places["category"]))
    assert cats["Mariupol"] == "occupied" and cats["Bucha"] == "town"


def test_near_misses_do_not_count(hits):
    sided = hits[hits["side"] != ""]
    # the dish, the club, the composer and the pronoun
    vv4 = _doc(sided, "vv-04")
    # 'Kiev' three times in vv-04, but only 'announced by Kiev' is the capital / the spelling
    for lexicon in ("actors", "naming", "places"):
        assert (_doc(vv4, "vv-04", lexicon)["match"] == "Kiev").sum() == 1, lexicon
    for doc, lexicon, term in [("vv-04", "naming", "chicken Kiev"), ("vv-04", "naming", "Dynamo Kiev"),
                               ("vv-04", "actors", "Richard Wagner"), ("kl-04", "places", "Shakhtar Donetsk"),
                               ("kl-04", "actors", "Dynamo Kyiv")]:
        h = _doc(hits, doc, lexicon)
        assert h.loc[h["term"] == term, "side"].tolist() == [""], (doc, term)
    assert "Wagner" not in set(_doc(hits, "vv-04", "actors")["term"])
    # 'us' is not the US; 'the Ukraine war' is not the Soviet-era 'the Ukraine'
    mw3 = _doc(hits, "mw-03")
    assert "US" not in set(mw3["term"]) and "usa" not in set(mw3["side"])
    assert set(mw3.loc[mw3["lexicon"] == "naming", "canonical"]) >= {"2022 invasion"}
    assert not mw3["canonical"].eq("the Ukraine").any()
    the_ukraine = hits[hits["canonical"] == "the Ukraine"]
    assert the_ukraine["doc_id"].tolist() == ["vv-04"]
    assert the_ukraine["match"].tolist() == ["the Ukraine"]
    # unlisted wording stays silent: 'terrorist attack', 'Russian shelling', 'self-defence'
    kl4 = _doc(hits, "kl-04", "loaded")
    assert kl4["term"].tolist() == ["aggressor state"]
    assert "right to self-defence" not in set(_doc(hits, "mw-04", "loaded")["term"])


# --------------------------------------------------------------------------------------
# end to end: the shipped study by name, through the CLI and the API
# --------------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def analysed(tmp_path_factory):
    from framing.cli import main

    out = tmp_path_factory.mktemp("ukraine") / "out"
    assert main(["analyze", str(CORPUS), "--study", "ukraine", "--out", str(out), "--quiet"]) == 0
    return out


def test_end_to_end_counts_equal_the_hand_counts(analysed):
    h = pd.read_csv(analysed / "hits.csv", keep_default_na=False)
    docs = pd.read_csv(analysed / "documents.csv", keep_default_na=False)
    h = h.merge(docs[["doc_id", "outlet"]], on="doc_id")
    for (outlet, lexicon), expected in EXPECTED.items():
        sub = h[(h["outlet"] == outlet) & (h["lexicon"] == lexicon)]
        assert dict(Counter(sub["side"])) == expected, (outlet, lexicon)
    assert set(h["lexicon"]) == set(NAMES)


def test_end_to_end_uses_only_the_ukraine_study(analysed):
    import re

    foreign = re.compile(r"armenia|azerbaijan|karabakh|artsakh|caucasus", re.IGNORECASE)
    for p in analysed.rglob("*"):
        if p.suffix in (".csv", ".html"):
            m = foreign.search(p.read_text(encoding="utf-8"))
            assert m is None, f"{p.name}: {m.group(0)}"
    html = (analysed / "report.html").read_text(encoding="utf-8")
    assert "Russia" in html and "Ukraine" in html
    att = pd.read_csv(analysed / "attributions.csv", keep_default_na=False)
    study = framing.load_study("ukraine")
    assert set(att["side"]) - {""} <= set(study.sides)
    assert {"russia", "ukraine"} <= set(att["side"])


def test_api_with_the_study_name_equals_the_cli(analysed, corpus):
    a = framing.analyze(corpus, study="ukraine")
    cli = pd.read_csv(analysed / "hits.csv", keep_default_na=False)
    cols = ["doc_id", "start", "end", "lexicon", "side", "voice"]
    assert a.hits[cols].astype(str).values.tolist() == cli[cols].astype(str).values.tolist()
    comp = framing.compare_outlets(a, features="stance:*", n_boot=100)
    s = comp.set_index("outlet")["value"]
    assert set(comp["feature"]) == {"stance:russia-ukraine"}
    assert s["Vostok Vestnik"] > 0 > s["Kyiv Ledger"]
