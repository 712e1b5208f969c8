"""CheckList-style challenge set for the agency and attribution extractors.

Ribeiro, M. T., Wu, T., Guestrin, C., & Singh, S. (2020). Beyond Accuracy: Behavioral Testing of
NLP Models with CheckList. ACL 2020.

Run ``python tests/challenge/generate.py`` to (re)write ``dev.jsonl`` and ``test.jsonl`` beside
this file. The output is deterministic: every case is filled by ``random.Random(f"{template}:{seed}")``
and the dev/test split was fixed once by template seed (``SPLIT``), so regenerating gives
byte-identical files. ``python tests/challenge/generate.py --check`` regenerates in memory and
exits 1 if the files on disk differ.

Places never double as capitals or countries (those are actors, and by the guideline a capital in
a participant NP is a stated side), so a place gives only an implied side.

Vocabulary comes from three conflicts defined below (Yemen 2019, Sri Lanka 2009, Syria 2016), none
of them Armenia-Azerbaijan. ``actors_frame()`` and ``places_frame()`` give that vocabulary as
lexicon DataFrames (distinct side names per conflict), for evaluate.py.

Case fields
-----------
id, task ("agency" | "attribution"), class (1-11, see CLASSES), template, seed, split, conflict,
text (one or two sentences, or a headline), negative (bool), expected:

- agency, positive: trigger, start (offset of the trigger in text), voice (active /
  passive_agent / passive_agentless / nominal / intransitive), agent, agent_side, patient,
  patient_side, agent_side_implied, patient_side_implied, side_basis (stated / place / contrast /
  pronoun / ''; the basis of the implied side that is not stated, patient first).
  ``agent_side``/``patient_side`` follow tests/gold/README-agency.md ("only the words count";
  pronouns resolved only inside the sentence). Implied sides follow the rule: the stated side
  when there is one; otherwise the side of the place where it happened; otherwise, when the
  conflict's two contrast sides are declared and only one party is named, the other one.
  Cross-sentence pronouns give an implied side with basis ``pronoun``.
- agency, negative: trigger and start of a word that must NOT be read as a violent act.
- attribution, positive: quote (substring of text), speaker, side, kind (direct / indirect /
  according_to), verb.
- attribution, negative: span (substring) that must not be attributed; "" = no attribution at all.
"""
from __future__ import annotations

import hashlib
import json
import random
import re
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
SEEDS_PER_TEMPLATE = 12

CLASSES = {
    1: "participles after a noun are passives",
    2: "subject carried into gerunds, infinitives and coordinated verbs",
    3: "coordinated patients",
    4: "pronouns and definite descriptions",
    5: "places give sides",
    6: "relative clauses on event nouns",
    7: "death nouns",
    8: "noun or verb",
    9: "senses that are not violence",
    10: "attribution",
    11: "lexicon gaps",
}

# --------------------------------------------------------------------------- vocabulary
CONFLICTS = {
    "yemen": {
        "sides": ("houthis", "coalition"),
        "dem": {"houthis": ["Houthi"], "coalition": ["Saudi", "Emirati"]},
        "forces": {"houthis": ["Houthi fighters", "Houthi rebels", "Houthi forces"],
                   "coalition": ["Saudi-led coalition forces", "Saudi troops", "Emirati-backed forces"]},
        "officials": {"houthis": [("Houthi military spokesman Yahya Saree", "Yahya Saree"),
                                  ("Houthi spokesman Mohammed Abdulsalam", "Mohammed Abdulsalam")],
                      "coalition": [("coalition spokesman Turki al-Maliki", "Turki al-Maliki"),
                                    ("Saudi Foreign Minister Adel al-Jubeir", "Adel al-Jubeir")]},
        "ministry": {"houthis": "the Houthi-run health ministry", "coalition": "the Saudi defence ministry"},
        "capital": {"houthis": "Sanaa", "coalition": "Riyadh"},
        "places": {"houthis": ["Saada", "Hajjah", "Dhamar", "Amran"],
                   "coalition": ["Jizan", "Najran", "Abha", "Aden", "Marib"]},
        "country": {"houthis": "Yemen", "coalition": "Saudi Arabia"},
    },
    "srilanka": {
        "sides": ("srilanka", "ltte"),
        "dem": {"srilanka": ["Sri Lankan"], "ltte": ["Tamil Tiger", "LTTE"]},
        "forces": {"srilanka": ["Sri Lankan troops", "Sri Lankan army units", "Sri Lankan commandos"],
                   "ltte": ["Tamil Tiger fighters", "LTTE cadres", "Tamil Tiger rebels"]},
        "officials": {"srilanka": [("military spokesman Udaya Nanayakkara", "Udaya Nanayakkara"),
                                   ("Defence Secretary Gotabaya Rajapaksa", "Gotabaya Rajapaksa")],
                      "ltte": [("LTTE spokesman Rasiah Ilanthirayan", "Rasiah Ilanthirayan"),
                               ("Tamil Tiger political chief Balasingham Nadesan", "Balasingham Nadesan")]},
        "ministry": {"srilanka": "the Sri Lankan defence ministry", "ltte": "the LTTE peace secretariat"},
        "capital": {"srilanka": "Colombo", "ltte": "Kilinochchi"},
        "places": {"srilanka": ["Anuradhapura", "Trincomalee", "Vavuniya", "Negombo"],
                   "ltte": ["Mullaitivu", "Puthukkudiyiruppu", "Mullivaikkal", "Visuvamadu"]},
        "country": {"srilanka": "Sri Lanka", "ltte": "Tamil Eelam"},
    },
    "syria": {
        "sides": ("syria_gov", "syria_rebels"),
        "dem": {"syria_gov": ["Syrian army", "pro-government"], "syria_rebels": ["rebel", "opposition"]},
        "forces": {"syria_gov": ["Syrian army troops", "pro-government militias", "Syrian government forces"],
                   "syria_rebels": ["rebel fighters", "opposition fighters", "Free Syrian Army fighters"]},
        "officials": {"syria_gov": [("Syrian Foreign Minister Walid al-Muallem", "Walid al-Muallem"),
                                    ("Syrian army spokesman Ali Mayhoub", "Ali Mayhoub")],
                      "syria_rebels": [("rebel commander Abu Hamza al-Halabi", "Abu Hamza al-Halabi"),
                                       ("opposition negotiator Riad Hijab", "Riad Hijab")]},
        "ministry": {"syria_gov": "the Syrian foreign ministry", "syria_rebels": "the opposition's media office"},
        "capital": {"syria_gov": "Damascus", "syria_rebels": "Idlib"},
        "places": {"syria_gov": ["western Aleppo", "Latakia", "Hama", "Tartus"],
                   "syria_rebels": ["eastern Aleppo", "Douma", "Saraqib", "Daraya"]},
        "country": {"syria_gov": "Syria", "syria_rebels": "the opposition"},
    },
}
NUMBERS = ["two", "three", "four", "five", "six", "seven", "eight", "11", "12", "15", "23", "40"]
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
VIOLENCE = [  # base, past, participle, ing, noun (or "")
    ("shell", "shelled", "shelled", "shelling", "shelling"),
    ("bomb", "bombed", "bombed", "bombing", "bombing"),
    ("attack", "attacked", "attacked", "attacking", "attack"),
    ("strike", "struck", "struck", "striking", "strike"),
    ("destroy", "destroyed", "destroyed", "destroying", "destruction"),
]
REPORTING = [("said", "neutral"), ("claimed", "distancing"), ("told reporters", "neutral"),
             ("announced", "neutral"), ("insisted", "distancing")]

# Split decided once: for every template, the seeds whose hash is even go to dev.
def SPLIT(template: str, seed: int) -> str:
    h = hashlib.sha1(f"{template}:{seed}".encode()).digest()[0]
    return "dev" if h % 2 == 0 else "test"


def actors_frame():
    """Actors lexicon (term, category, side, canonical) built from the vocabulary."""
    import pandas as pd

    rows, seen = [], set()
    for c in CONFLICTS.values():
        for side in c["sides"]:
            add = [(d, "demonym") for d in c["dem"][side]]
            add += [(f, "military") for f in c["forces"][side]]
            for full, name in c["officials"][side]:
                add += [(name, "person"), (name.split()[-1], "person")]
            m = c["ministry"][side]
            add.append((m[4:] if m.startswith("the ") else m, "institution"))
            add.append((c["capital"][side], "capital"))
            add.append((c["country"][side].replace("the ", ""), "country"))
            for term, cat in add:
                if (term.lower(), cat) in seen:
                    continue
                seen.add((term.lower(), cat))
                rows.append((term, cat, side, term))
    df = pd.DataFrame(rows, columns=["term", "category", "side", "canonical"])
    return df


def places_frame():
    """Places lexicon (term, category, side) built from the vocabulary."""
    import pandas as pd

    rows = []
    for c in CONFLICTS.values():
        for side in c["sides"]:
            for p in c["places"][side]:
                rows.append((p, "city", side, p))
    return pd.DataFrame(rows, columns=["term", "category", "side", "canonical"]).drop_duplicates("term")


# --------------------------------------------------------------------------- helpers
class Fill:
    """Random fillers for one case: a conflict and an (A, B) assignment of its two sides."""

    def __init__(self, rng: random.Random):
        self.rng = rng
        self.key = rng.choice(sorted(CONFLICTS))
        self.c = CONFLICTS[self.key]
        a, b = self.c["sides"]
        if rng.random() < 0.5:
            a, b = b, a
        self.A, self.B = a, b

    def pick(self, seq):
        return self.rng.choice(list(seq))

    def dem(self, s):
        return self.pick(self.c["dem"][s])

    def forces(self, s):
        return self.pick(self.c["forces"][s])

    def official(self, s):
        return self.pick(self.c["officials"][s])

    def place(self, s):
        return self.pick(self.c["places"][s])

    def n(self):
        return self.pick(NUMBERS)

    def day(self):
        return self.pick(DAYS)

    def other(self, s):
        a, b = self.c["sides"]
        return b if s == a else a


def cap(s: str) -> str:
    return s[:1].upper() + s[1:]


def a(word: str) -> str:
    """'a' or 'an' before ``word``."""
    return ("an " if word[:1].lower() in "aeiou" or word[:4] in ("LTTE",) else "a ") + word


def implied(agent_side, patient_side, *, place_side="", named=(), agent_override=None,
            patient_override=None, sides=()):
    """Implied sides by the rule: stated > place (patient) > contrast (one named party)."""
    ai, ab = (agent_side, "stated") if agent_side else ("", "")
    pi, pb = (patient_side, "stated") if patient_side else ("", "")
    if agent_override:
        ai, ab = agent_override
    if patient_override:
        pi, pb = patient_override
    if not pi and place_side:
        pi, pb = place_side, "place"
    named = [s for s in named if s]
    if len(set(named)) == 1 and len(sides) == 2:
        x = named[0]
        other = sides[1] if x == sides[0] else sides[0]
        if not ai and pi == x:
            ai, ab = other, "contrast"
        elif not pi and ai == x:
            pi, pb = other, "contrast"
    basis = pb if pb and pb != "stated" else (ab if ab and ab != "stated" else (pb or ab))
    return ai, pi, basis


def strip_marks(text: str):
    """'... [[killed]] ...' -> text without marks, trigger, start."""
    m = re.search(r"\[\[(.+?)\]\]", text)
    if not m:
        return text, "", -1
    clean = text[:m.start()] + m.group(1) + text[m.end():]
    return clean, m.group(1), m.start()


def agency(f: Fill, text, voice, agent="", aside="", patient="", pside="", *, place_side="",
           named=None, agent_override=None, patient_override=None):
    clean, trig, start = strip_marks(text)
    if named is None:
        named = [s for s in (aside, pside) if s]
    ai, pi, basis = implied(aside, pside, place_side=place_side, named=named,
                            agent_override=agent_override, patient_override=patient_override,
                            sides=f.c["sides"])
    return clean, False, {"trigger": trig, "start": start, "voice": voice, "agent": agent,
                          "agent_side": aside, "patient": patient, "patient_side": pside,
                          "agent_side_implied": ai, "patient_side_implied": pi,
                          "side_basis": basis}


def agency_neg(text):
    clean, trig, start = strip_marks(text)
    return clean, True, {"trigger": trig, "start": start, "violent": False}


def attr(text, quote, speaker, side, kind, verb):
    if speaker and speaker not in text:  # sentence-initial: take the capitalised form
        speaker = cap(speaker)
    assert quote in text and (not speaker or speaker in text), (text, quote, speaker)
    return text, False, {"quote": quote, "speaker": speaker, "side": side, "kind": kind, "verb": verb}


def attr_neg(text, span=""):
    assert span in text
    return text, True, {"span": span, "attribution": False}


# --------------------------------------------------------------------------- templates
T = {}


def template(tid, cls, task):
    def deco(fn):
        T[tid] = (cls, task, fn)
        return fn
    return deco


# 1 participles after a noun
@template("p01_killed_in_strikes", 1, "agency")
def _(f):
    n, d = f.n(), f.dem(f.B)
    pat = f"{n} {d} soldiers"
    return agency(f, f"{cap(pat)} [[killed]] in the strikes were buried on {f.day()}.", "passive_agentless",
                  patient=pat, pside=f.B)


@template("p02_civilians_killed", 1, "agency")
def _(f):
    pl = f.place(f.B)
    return agency(f, f"Relatives mourned the civilians [[killed]] in {pl} last week.", "passive_agentless",
                  patient="the civilians", place_side=f.B)


@template("p03_occupied_villages", 1, "agency")
def _(f):
    fa, pl = f.forces(f.A), f.place(f.B)
    return agency(f, f"{cap(fa)} shelled [[occupied]] villages near {pl}.", "passive_agentless",
                  patient="villages near " + pl, place_side=f.B, named=[])


@template("p04_wounded_by", 1, "agency")
def _(f):
    n, fa = f.n(), f.forces(f.A)
    return agency(f, f"Doctors treated {n} people [[wounded]] by {fa} on {f.day()}.", "passive_agent",
                  agent=fa, aside=f.A, patient=f"{n} people")


@template("p05_headline_killed", 1, "agency")
def _(f):
    n, d, pl = f.n(), f.dem(f.B), f.place(f.other(f.B))
    return agency(f, f"{cap(n)} {d} soldiers [[killed]] in {pl}", "passive_agentless",
                  patient=f"{n} {d} soldiers", pside=f.B)


@template("p06neg_active_past", 1, "agency")
def _(f):
    fa, n, d = f.forces(f.A), f.n(), f.dem(f.B)
    return agency(f, f"{cap(fa)} [[killed]] {n} {d} soldiers near the border on {f.day()}.", "active",
                  agent=fa, aside=f.A, patient=f"{n} {d} soldiers", pside=f.B)


# 2 subject carried
@template("s01_began_shelling", 2, "agency")
def _(f):
    fa, pl = f.forces(f.A), f.place(f.B)
    return agency(f, f"{cap(fa)} began [[shelling]] the villages around {pl} on {f.day()}.", "active",
                  agent=fa, aside=f.A, patient=f"the villages around {pl}", place_side=f.B)


@template("s02_attacked_and_destroyed", 2, "agency")
def _(f):
    fa, d = f.forces(f.A), f.dem(f.B)
    return agency(f, f"{cap(fa)} attacked and [[destroyed]] {a(d)} checkpoint.", "active",
                  agent=fa, aside=f.A, patient=f"{a(d)} checkpoint", pside=f.B)


@template("s03_moved_and_killed", 2, "agency")
def _(f):
    fa, n = f.forces(f.A), f.n()
    return agency(f, f"{cap(fa)} entered the town on {f.day()} and [[killed]] {n} civilians.", "active",
                  agent=fa, aside=f.A, patient=f"{n} civilians")


@template("s04_tried_to_capture", 2, "agency")
def _(f):
    fa, d = f.forces(f.A), f.dem(f.B)
    return agency(f, f"{cap(fa)} tried to [[capture]] the {d} positions on the ridge.", "active",
                  agent=fa, aside=f.A, patient=f"the {d} positions on the ridge", pside=f.B)


@template("s05_kept_firing", 2, "agency")
def _(f):
    fa, d = f.forces(f.A), f.dem(f.B)
    return agency(f, f"{cap(fa)} kept [[firing]] at {d} posts through the night.", "active",
                  agent=fa, aside=f.A, patient=f"{d} posts", pside=f.B)


@template("s06neg_new_subject", 2, "agency")
def _(f):
    fa, fb = f.forces(f.A), f.forces(f.B)
    return agency(f, f"{cap(fa)} withdrew from the hills, and {fb} [[shelled]] the road.", "active",
                  agent=fb, aside=f.B, patient="the road", named=[f.A, f.B])


# 3 coordinated patients
@template("c01_general_colonel_soldiers", 3, "agency")
def _(f):
    d, n = f.dem(f.B), f.n()
    pat = f"{cap(a(d))} general, a colonel and {n} soldiers"
    return agency(f, f"{pat} were [[killed]] in the ambush.", "passive_agentless", patient=pat, pside=f.B)


@template("c02_officer_soldiers_driver", 3, "agency")
def _(f):
    fa, d = f.forces(f.A), f.dem(f.B)
    pat = f"{a(d)} officer, two soldiers and their driver"
    return agency(f, f"{cap(fa)} [[killed]] {pat} on {f.day()}.", "active", agent=fa, aside=f.A,
                  patient=pat, pside=f.B)


@template("c03_two_conjuncts_same_side", 3, "agency")
def _(f):
    d, n = f.dem(f.B), f.n()
    pat = f"{n} {d} soldiers and {a(d)} medic"
    return agency(f, f"{cap(pat)} were [[wounded]] near the front line.", "passive_agentless",
                  patient=pat, pside=f.B)


@template("c04neg_mixed_sides", 3, "agency")
def _(f):
    da, db, n, m = f.dem(f.A), f.dem(f.B), f.n(), f.n()
    pat = f"{n} {db} soldiers and {m} {da} fighters"
    # no one stated side; implied "both" (the dead of both sides of the contrast pair, as
    # the victim-side sets label them; was '' before the agency rule for such patients)
    return agency(f, f"{cap(pat)} were [[killed]] in the clashes.", "passive_agentless", patient=pat,
                  pside="", named=[], patient_override=("both", "stated"))


# 4 pronouns and definite descriptions
@template("r01_they_previous_subject", 4, "agency")
def _(f):
    fa, pl = f.forces(f.A), f.place(f.B)
    return agency(f, f"{cap(fa)} reached the outskirts of {pl} on {f.day()}. They [[shelled]] the market the next morning.",
                  "active", agent="They", aside="", patient="the market",
                  agent_override=(f.A, "pronoun"), named=[])


@template("r02_their_attack_same_sentence", 4, "agency")
def _(f):
    fa, pl = f.forces(f.A), f.place(f.B)
    return agency(f, f"{cap(fa)} said their [[attack]] on {pl} had hit an arms depot.", "nominal",
                  agent="their", aside=f.A, patient=pl, place_side=f.B)


@template("r03_they_had_destroyed", 4, "agency")
def _(f):
    fa, n, d = f.forces(f.A), f.n(), f.dem(f.B)
    return agency(f, f"{cap(fa)} released new footage on {f.day()}. They said they had [[destroyed]] {n} {d} tanks.",
                  "active", agent="they", aside="", patient=f"{n} {d} tanks", pside=f.B,
                  agent_override=(f.A, "pronoun"), named=[f.B])


@template("r04_prefer_subject_over_object", 4, "agency")
def _(f):
    fa, fb = f.forces(f.A), f.forces(f.B)
    return agency(f, f"{cap(fa)} pushed back {fb} near the river. Later they [[bombed]] a bridge.",
                  "active", agent="they", aside="", patient="a bridge",
                  agent_override=(f.A, "pronoun"), named=[])


@template("r05_its_drones", 4, "agency")
def _(f):
    m, n, d = f.c["ministry"][f.A], f.n(), f.dem(f.B)
    return agency(f, f"{cap(m)} published a statement on {f.day()}. It said its drones had [[struck]] {n} {d} positions.",
                  "active", agent="its drones", aside="", patient=f"{n} {d} positions", pside=f.B,
                  agent_override=(f.A, "pronoun"), named=[f.B])


# 5 places give sides
@template("l01_killed_in_place", 5, "agency")
def _(f):
    n, pl = f.n(), f.place(f.B)
    return agency(f, f"{cap(n)} people were [[killed]] in {pl} on {f.day()}.", "passive_agentless",
                  patient=f"{n} people", place_side=f.B, named=[])


@template("l02_strikes_on_place", 5, "agency")
def _(f):
    pl = f.place(f.B)
    return agency(f, f"[[Strikes]] on {pl} continued overnight.", "nominal", patient=pl, place_side=f.B,
                  named=[])


@template("l03_died_in_place", 5, "agency")
def _(f):
    pl = f.place(f.B)
    return agency(f, f"Two children [[died]] when a shell hit a house in {pl}.", "intransitive",
                  patient="Two children", place_side=f.B, named=[])


@template("l04_shelled_place", 5, "agency")
def _(f):
    fa, pl = f.forces(f.A), f.place(f.B)
    return agency(f, f"{cap(fa)} [[shelled]] {pl} for a third day.", "active", agent=fa, aside=f.A,
                  patient=pl, place_side=f.B)


@template("l05neg_stated_beats_place", 5, "agency")
def _(f):
    n, d, pl = f.n(), f.dem(f.A), f.place(f.B)
    return agency(f, f"{cap(n)} {d} soldiers were [[killed]] in {pl}.", "passive_agentless",
                  patient=f"{n} {d} soldiers", pside=f.A, place_side=f.B)


# 6 relative clauses on event nouns
@template("e01_bombardment_that_killed", 6, "agency")
def _(f):
    pl, n = f.place(f.B), f.pick(["700", "1,200", "350", "95"])
    return agency(f, f"The bombardment of {pl}, which has [[killed]] {n} people, entered its third week.",
                  "active", agent=f"The bombardment of {pl}", patient=f"{n} people", place_side=f.B,
                  named=[])


@template("e02_possessor_attack_that_killed", 6, "agency")
def _(f):
    fa, pl, n = f.forces(f.A), f.place(f.B), f.pick(["1,200", "300", "64", "45"])
    ag = f"{fa}' attack on {pl}" if fa.endswith("s") else f"{fa}'s attack on {pl}"
    return agency(f, f"{cap(ag)} that [[killed]] {n} people drew wide condemnation.", "active",
                  agent=ag, aside=f.A, patient=f"{n} people", place_side=f.B)


@template("e03_shelling_of_that", 6, "agency")
def _(f):
    pl, n = f.place(f.B), f.n()
    return agency(f, f"The [[shelling]] of {pl} that has killed {n} civilians must stop, the envoy said.",
                  "nominal", patient=pl, place_side=f.B, named=[])


@template("e04_siege_agent_unknown", 6, "agency")
def _(f):
    pl, n = f.place(f.B), f.n()
    return agency(f, f"Aid workers described the [[attack]] on {pl} that wounded {n} children.",
                  "nominal", patient=pl, place_side=f.B, named=[])


# 7 death nouns
@template("d01_death_toll_in", 7, "agency")
def _(f):
    pl, n = f.place(f.B), f.pick(["3,000", "1,450", "212", "87"])
    return agency(f, f"The [[death]] toll in {pl} rose to {n} on {f.day()}.", "nominal",
                  place_side=f.B, named=[])


@template("d02_deaths_of", 7, "agency")
def _(f):
    n, d = f.n(), f.dem(f.B)
    return agency(f, f"The [[deaths]] of {n} {d} soldiers were confirmed on {f.day()}.", "nominal",
                  patient=f"{n} {d} soldiers", pside=f.B, named=[])


@template("d03_dead_included", 7, "agency")
def _(f):
    d = f.dem(f.B)
    return agency(f, f"The [[dead]] included four {d} children.", "nominal",
                  patient=f"four {d} children", pside=f.B, named=[])


@template("d04_died_in", 7, "agency")
def _(f):
    n, d = f.n(), f.dem(f.B)
    return agency(f, f"{cap(n)} {d} soldiers [[died]] in the fighting.", "intransitive",
                  patient=f"{n} {d} soldiers", pside=f.B, named=[])


@template("d05neg_cholera_deaths", 7, "agency")
def _(f):
    return agency_neg(f"[[Deaths]] from cholera rose to {f.n()} hundred in the camps.")


# 8 noun or verb
@template("n01_attacking_drone", 8, "agency")
def _(f):
    return agency_neg(f"An [[attacking]] drone was spotted over {f.place(f.B)}.")


@template("n02_military_targets_were_hit", 8, "agency")
def _(f):
    return agency_neg(f"Military [[targets]] were hit in {f.place(f.B)} on {f.day()}.")


@template("n03_occupying_forces_shelled", 8, "agency")
def _(f):
    pl = f.place(f.B)
    return agency(f, f"Occupying forces [[shelled]] the town of {pl}.", "active", agent="Occupying forces",
                  patient=f"the town of {pl}", place_side=f.B, named=[])


@template("n04_headline_shelled_twice", 8, "agency")
def _(f):
    pl = f.place(f.B)
    return agency(f, f"{pl} cathedral [[shelled]] twice", "passive_agentless", patient=f"{pl} cathedral",
                  place_side=f.B, named=[])


@template("n05_state_border", 8, "attribution")
def _(f):
    return attr_neg(f"The state border with {f.c['country'][f.B]} was closed on {f.day()}.")


@template("n06_strike_noun_subject", 8, "agency")
def _(f):
    pl = f.place(f.B)
    return agency(f, f"A drone [[strike]] hit a wedding party in {pl}.", "nominal", place_side=f.B, named=[])


# 9 senses that are not violence
@template("v01_provoked_situation", 9, "agency")
def _(f):
    of, _ = f.official(f.A)
    return agency_neg(f"{cap(of)} said the speech had [[provoked]] a dangerous situation.")


@template("v02_violated_law", 9, "agency")
def _(f):
    of, _ = f.official(f.A)
    return agency_neg(f"{cap(of)} said the blockade [[violated]] international law.")


@template("v03_struck_a_blow", 9, "agency")
def _(f):
    return agency_neg(f"The decision [[struck]] a blow to the talks in {f.c['capital'][f.A]}.")


@template("v04_targeted_voters", 9, "agency")
def _(f):
    return agency_neg(f"The new campaign [[targeted]] young voters in {f.place(f.A)}.")


@template("v05_provoke_war", 9, "agency")
def _(f):
    of, _ = f.official(f.A)
    return agency_neg(f"{cap(of)} warned that the move would [[provoke]] a wider war.")


@template("v06pos_violated_ceasefire", 9, "agency")
def _(f):
    fb = f.forces(f.B)
    return agency(f, f"{cap(fb)} [[violated]] the ceasefire on {f.day()}, observers said.", "active",
                  agent=fb, aside=f.B, patient="the ceasefire", named=[])


# 10 attribution
QUOTES = ["We will not surrender", "Our forces are holding the line", "The enemy has lost",
          "Nobody is safe here", "This attack will be answered"]


@template("a01_question_then_speaker", 10, "attribution")
def _(f):
    of, _ = f.official(f.A)
    q = f.pick(["Where is the world now?", "Who will protect the children?", "How long must we wait?"])
    return attr(f"\"{q}\" {of} asked.", q, of, f.A, "direct", "asked")


@template("a02_exclamation_then_speaker", 10, "attribution")
def _(f):
    of, _ = f.official(f.A)
    q = f.pick(QUOTES) + "!"
    return attr(f"\"{q}\" {of} told reporters.", q, of, f.A, "direct", "told")


@template("a03neg_preliminary_information", 10, "attribution")
def _(f):
    return attr_neg(f"According to preliminary information, {f.n()} people were killed in {f.place(f.B)}.")


@template("a04_according_to_official", 10, "attribution")
def _(f):
    of, _ = f.official(f.A)
    q = f"{f.n()} fighters were killed near {f.place(f.A)}"
    return attr(f"According to {of}, {q}.", q, of, f.A, "according_to", "according to")


@template("a05_claim_disputed_by", 10, "attribution")
def _(f):
    oa, _ = f.official(f.A)
    ob, _ = f.official(f.B)
    text = f"{cap(oa)} said {f.forces(f.B)} had shelled a school. The claim was disputed by {ob}."
    return attr(text, "The claim", ob, f.B, "indirect", "disputed")


@template("a06_quoted_as_saying", 10, "attribution")
def _(f):
    d = f.dem(f.A)
    q = f"{f.n()} soldiers had been killed"
    return attr(f"State television quoted {d} officials as saying that {q}.", q, f"{d} officials", f.A,
                "indirect", "quoted")


@template("a07_he_continued", 10, "attribution")
def _(f):
    of, name = f.official(f.A)
    q = f.pick(QUOTES) + "."
    return attr(f"{cap(of)} spoke for ten minutes. He continued, \"{q}\"", q, "He", f.A, "direct", "continued")


@template("a08_headline_reports", 10, "attribution")
def _(f):
    cp, n = f.c["capital"][f.A], f.pick(["50", "12", "30", "7"])
    return attr(f"{cp} Reports {n} Soldiers Dead", f"{n} Soldiers Dead", cp, f.A, "indirect", "reports")


@template("a09_fragment_in_indirect", 10, "attribution")
def _(f):
    of, _ = f.official(f.A)
    frag = f.pick(["shelling civilian areas", "targeting hospitals", "using human shields"])
    text = f"{cap(of)} said {f.forces(f.B)} were \"{frag}\" near {f.place(f.A)}."
    # the quoted words are the speaker's own: direct, as in tests/gold/README-attribution.md
    # rule 2 ("mixed"); the decision is in tests/challenge/README.md (conflict 1)
    return attr(text, frag, of, f.A, "direct", "said")


@template("a10_pronoun_across_sentences", 10, "attribution")
def _(f):
    of, _ = f.official(f.A)
    q = f"{f.forces(f.B)} had broken the truce"
    return attr(f"{cap(of)} arrived in {f.c['capital'][f.A]} on {f.day()}. He said {q}.", q, "He", f.A,
                "indirect", "said")


@template("a11_ministry_said", 10, "attribution")
def _(f):
    m = f.c["ministry"][f.A]
    q = f"{f.forces(f.B)} had attacked a convoy"
    head = f"The {m.split()[-1]}"  # "The ministry", "The secretariat", "The office"
    text = f"{cap(m)} issued a statement on {f.day()}. {head} said {q}."
    return attr(text, q, head, f.A, "indirect", "said")


@template("a12_nominal_statement", 10, "attribution")
def _(f):
    m = f.c["ministry"][f.A]
    q = f"{f.forces(f.B)} had shelled the market"
    return attr(f"In a statement, {m} said {q}.", q, m, f.A, "indirect", "said")


@template("a13neg_reported_on_both_sides", 10, "attribution")
def _(f):
    return attr_neg(f"Casualties were reported on both sides near {f.place(f.A)}.")


@template("a14neg_spoke_about", 10, "attribution")
def _(f):
    oa, _ = f.official(f.A)
    return attr_neg(f"{cap(oa)} spoke with the UN envoy about the fighting on {f.day()}.")


@template("a15_speaker_after_quote", 10, "attribution")
def _(f):
    of, _ = f.official(f.A)
    q = f.pick(QUOTES) + ","
    return attr(f"\"{q}\" said {of}.", q, of, f.A, "direct", "said")


# 11 lexicon gaps
@template("g01_executed", 11, "agency")
def _(f):
    fa, n, pl = f.forces(f.A), f.n(), f.place(f.B)
    return agency(f, f"{cap(fa)} [[executed]] {n} prisoners near {pl}.", "active", agent=fa, aside=f.A,
                  patient=f"{n} prisoners", place_side=f.B)


@template("g02_stabbed", 11, "agency")
def _(f):
    d = f.dem(f.B)
    return agency(f, f"{cap(a(d))} officer was [[stabbed]] to death at a market.", "passive_agentless",
                  patient=f"{cap(a(d))} officer", pside=f.B)


@template("g03_assassinated", 11, "agency")
def _(f):
    d, pl = f.dem(f.B), f.place(f.B)
    return agency(f, f"Gunmen [[assassinated]] {a(d)} commander in {pl}.", "active", agent="Gunmen",
                  patient=f"{a(d)} commander", pside=f.B, place_side=f.B)


@template("g04_hanged_by", 11, "agency")
def _(f):
    fa, n = f.forces(f.A), f.n()
    return agency(f, f"{cap(n)} prisoners were [[hanged]] by {fa}.", "passive_agent", agent=fa, aside=f.A,
                  patient=f"{n} prisoners")


@template("g05_beheaded", 11, "agency")
def _(f):
    fa, d = f.forces(f.A), f.dem(f.B)
    return agency(f, f"{cap(fa)} [[beheaded]] two {d} soldiers.", "active", agent=fa, aside=f.A,
                  patient=f"two {d} soldiers", pside=f.B)


@template("g06_decapitated", 11, "agency")
def _(f):
    d = f.dem(f.B)
    return agency(f, f"The bodies of three {d} soldiers had been [[decapitated]].", "passive_agentless",
                  patient=f"The bodies of three {d} soldiers", pside=f.B)


@template("g07_shot_dead", 11, "agency")
def _(f):
    d = f.dem(f.B)
    return agency(f, f"{cap(a(d))} soldier was [[shot]] dead at a checkpoint.", "passive_agentless",
                  patient=f"{cap(a(d))} soldier", pside=f.B)


@template("g08_gunned_down", 11, "agency")
def _(f):
    d, pl = f.dem(f.B), f.place(f.B)
    return agency(f, f"Two {d} officials were [[gunned]] down in {pl}.", "passive_agentless",
                  patient=f"Two {d} officials", pside=f.B)


@template("g09_slain", 11, "agency")
def _(f):
    d = f.dem(f.B)
    return agency(f, f"The [[slain]] {d} commander was buried on {f.day()}.", "passive_agentless",
                  patient=f"The slain {d} commander", pside=f.B)


@template("g10neg_film_shot", 11, "agency")
def _(f):
    return agency_neg(f"The documentary was [[shot]] in {f.place(f.A)} last year.")


@template("g11neg_executed_plan", 11, "agency")
def _(f):
    of, _ = f.official(f.A)
    return agency_neg(f"{cap(of)} said the army had [[executed]] the plan without delay.")


# --------------------------------------------------------------------------- build
def generate() -> list[dict]:
    cases = []
    for tid in sorted(T):
        cls, task, fn = T[tid]
        for seed in range(SEEDS_PER_TEMPLATE):
            rng = random.Random(f"{tid}:{seed}")
            f = Fill(rng)
            text, negative, expected = fn(f)
            if task == "agency" and expected.get("start", -1) >= 0:
                assert text[expected["start"]:].startswith(expected["trigger"]), (tid, text)
            cases.append({"id": f"{tid}#{seed}", "task": task, "class": cls, "template": tid,
                          "seed": seed, "split": SPLIT(tid, seed), "conflict": f.key,
                          "text": text, "negative": negative, "expected": expected})
    return cases


def dumps(cases: list[dict], split: str) -> str:
    return "".join(json.dumps(c, ensure_ascii=False, sort_keys=True) + "\n"
                   for c in cases if c["split"] == split)


def main(argv=None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    cases = generate()
    if "--check" in argv:
        bad = [s for s in ("dev", "test")
               if (HERE / f"{s}.jsonl").read_text(encoding="utf-8") != dumps(cases, s)]
        print("differs: " + ", ".join(bad) if bad else "dev.jsonl and test.jsonl are up to date")
        return 1 if bad else 0
    for s in ("dev", "test"):
        (HERE / f"{s}.jsonl").write_text(dumps(cases, s), encoding="utf-8")
    n = {s: sum(c["split"] == s for c in cases) for s in ("dev", "test")}
    print(f"{len(cases)} cases from {len(T)} templates: dev {n['dev']}, test {n['test']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
