"""Agency: who does what to whom in each mention of a violent act.

Conflict coverage can name the agent of violence ("Azerbaijani forces shelled
two villages") or lose it ("two villages were shelled", "villages came under
fire", "11 soldiers died"). This module finds every mention of a violent act
(from the ``violence`` lexicon), decides its grammatical ``voice`` and extracts
the ``agent`` and ``patient`` with the side each belongs to (from the ``actors``
lexicon: actors, demonyms, capitals).

There is no part-of-speech tagger offline, so the analysis works outward from
the violence-lexicon hits with closed English word classes (auxiliaries,
determiners, prepositions, pronouns; shared with the attribution extractor in
:mod:`framing.grammar`) and the categories of the lexicon rows
(``verb_base``, ``verb_past_participle``, ``noun``, ``light_verb``, ...).
Nothing about a particular conflict is written in the code: sides, actors and
place names come from the lexicons, so the same analysis runs on any conflict
once its actors lexicon exists.

Voice
-----
``active``
    A verb with its agent as subject, including non-finite verbs with an object
    (gerunds, infinitives, participial adjuncts), whose agent is the controller:
    the subject of the main clause ("fired at X, killing one soldier"), the
    object of "accuse/call on X" ("accused X of shelling"), the subject of a
    control verb ("tried to seize").
``passive_agent``
    A passive (be/get + participle, with adverbs, modals, "reportedly",
    "have been" in between; a reduced relative "a region occupied by X") whose
    agent is stated: a by-phrase, a by-phrase inside an instrument phrase
    ("injured in strikes by X"), a compound ("X-occupied").
``passive_agentless``
    The same without an agent, including prenominal participles ("the
    occupied region"), passive infinitives ("to be killed") and headline
    passives without auxiliary ("11 soldiers killed in clashes").
``nominal``
    The act is a noun. Agent = by-phrase, possessor ("X's attacks"),
    side adjective ("Armenian shelling"), of-phrase of agentive nouns
    ("provocation of X"), or the subject of a light verb ("X launched an
    attack"). Patient = of-phrase (other nouns) or on/against/towards/among/to.
``intransitive``
    "died", "are dead", "left X dead", "came under fire": the one who suffers
    the act is the patient; the agent is always empty.

Sides
-----
The side of a participant is the side of the actor-lexicon terms inside its
noun phrase (head, adjectives, possessors, of/from/in phrases, participle
modifiers such as "belonging to X", "loyal to X"). Several different sides give
``""`` (mixed), except that a place possessing another actor ("fighters of X's
armed group") and a backer ("X-backed", "backed by X") do not count. A subject
headed by an act noun takes the side of that act's own agent ("An X strike near
a school in Y killed ..." has X's side). Pronouns (it, its, they, their) take
the side of the nearest compatible antecedent in the same sentence: "X and its
Y" is X; a subject pronoun after a reporting verb is that verb's subject ("the
army said it ..."); "it" skips plural phrases ("X fighters"); places inside a
locative phrase are skipped; otherwise the nearest preceding actor with a side
(never the other participant of the same act; a coordinated antecedent "X and
Y" gives mixed). First-person pronouns inside a quotation take the side of the
speaker (the nearest actor before the quotation). Words with no side in the
lexicon ("the enemy", "the government") stay unresolved (``""``).
"""
from __future__ import annotations

import re
import sys
from bisect import bisect_left, bisect_right
from itertools import accumulate
from operator import itemgetter

import pandas as pd

from . import grammar
from ._checks import FramingError, check_columns
from ._frames import RowsFrame
from .lexicons import Matcher
from .text import find_quotes, in_quote, split_sentences

__all__ = [
    "AGENCY_COLUMNS",
    "VOICES",
    "AgencyExtractor",
    "extract_agency",
    "quote_speakers",
    "agency_by_outlet",
    "evaluate_agency",
    "format_evaluation",
]

#: Columns of the agency table, in order.
AGENCY_COLUMNS = ["doc_id", "sent_id", "verb", "trigger", "voice", "agent", "agent_side",
                  "patient", "patient_side", "quoted", "start", "end",
                  "agent_side_implied", "patient_side_implied", "side_basis"]

#: Bases of an implied side (``side_basis``), see :class:`AgencyExtractor`.
#: ``patient_side_implied`` of dead named on both sides of the contrast pair ("seven X and
#: four Y soldiers were killed", "soldiers on both sides")
BOTH_SIDES = "both"
SIDE_BASES = ("stated", "place", "contrast", "pronoun", "source", "")

#: The voice values, in the order used by tables and plots.
VOICES = ("active", "passive_agent", "passive_agentless", "nominal", "intransitive")

#: Voices that leave the agent out (the "agentless" rate of :func:`agency_by_outlet`).
AGENTLESS_VOICES = ("passive_agentless", "intransitive")

# ---------------------------------------------------------------------------
# Closed English word classes (grammar, not conflict knowledge), built from the
# shared classes of framing.grammar
# ---------------------------------------------------------------------------
_BE = grammar.BE | grammar.BE_CLITICS
_GET = grammar.GET
_HAVE = grammar.HAVE | grammar.HAVE_CLITICS
_MODALS = grammar.MODALS | grammar.MODAL_CLITICS
_DO = grammar.DO
_NEG = grammar.NEGATION | {"no"}
_ADVERBS = frozenset(
    """also reportedly allegedly then now still already just even again apparently
    further later soon once yet ever often repeatedly previously recently
    subsequently initially jointly directly indeed too almost nearly twice thrice""".split())
_LY_NOT_ADV = frozenset(
    "family italy july rally ally assembly supply reply belly bully jelly fly holy ugly "
    "early daily weekly monthly yearly nightly only friendly".split())
_DET = grammar.DETERMINERS
_POSS = grammar.POSSESSIVE_DETERMINERS | {"whose"}
#: subject and object pronouns ("her" is read as a possessive) and two reflexives
_PRON = (grammar.SUBJECT_PRONOUNS | grammar.OBJECT_PRONOUNS | {"itself", "themselves"}) - {"her"}
_FIRST = grammar.pronouns(person=1) - {"mine", "myself", "ourselves"}
_PLURAL_PRON = grammar.pronouns(person=3, number="pl") - {"theirs"}
_ARTICLES = grammar.ARTICLES
#: finite auxiliaries after a participle that follows a noun: a reduced relative
#: ("the men killed were fishermen")
#: words that may stand left of an article inside a noun phrase
_AFTER_ARTICLE_LEFT = frozenset("of from in on along near outside inside across within and or "
                                ", 's all both half".split())
#: frequent irregular simple past forms (main verbs of a clause)
_IRREGULAR_PAST = frozenset(
    """drove rode threw blew flew ran led fled fought broke stole brought caught held hid
    overtook swept tore rose fell struck stood sank spread dug built won lost met""".split())
#: participles that make an actor the backer of another ("X-backed", "supported by X")
_BACKED = frozenset("backed supported sponsored funded armed trained allied aligned "
                    "assisted".split())
#: verbs of report between "be" and a participle ("were reported killed")
_REPORTED = frozenset("reported confirmed feared believed presumed thought said known "
                      "understood".split())
_FINITE_AUX = (grammar.BE_FINITE - {"am"}) | grammar.HAVE_FINITE \
    | (grammar.MODALS - {"can", "shall"})
_NUMBER_WORDS = (grammar.SMALL_CARDINALS - {"one"}) | (grammar.NUMBER_NOUNS - {"billions"}) \
    | frozenset("eleven twelve fifteen twenty thirty forty fifty hundred thousand million".split())
#: prepositions before a participle that modifies a noun ("dozens of wounded civilians")
_PRENOM_PREPS = frozenset("of with among".split())
_SING_PRON = grammar.pronouns(gender="n")
#: reporting verbs whose subject a following subject pronoun refers to ("X said it ...")
_REPORT_VERBS = frozenset(
    """said says say claimed claims stated states added adds announced announces confirmed
    confirms insisted insists denied denies warned warns declared declares reported
    reports acknowledged admitted admits argued argues""".split())
_REL = grammar.RELATIVES - {"whose"}  # "whose" is in _POSS
_DET_NP = _DET - {"that"}  # "that" before a noun is read as a complementizer/relative
_DEM_HEADS = grammar.DEMONSTRATIVES | frozenset("many some all both others several few".split())
#: prepositions; "to" is read with infinitives and targets by its own rules
_PREP = grammar.PREPOSITIONS - {"to"}
#: conjunctions; "as", "since", "after", "before" are read as prepositions (in _PREP), and
#: "whilst" is not listed
_CONJ = grammar.COORDINATORS | (grammar.SUBORDINATORS - {"whilst", "as", "since", "after",
                                                         "before"})
_APPROX = frozenset("nearly almost about around approximately roughly some over more than least "
                    "up to at".split())
_QUOTES = frozenset("\"'\u201c\u201d\u2018\u2019\u00ab\u00bb*")
_HYPHENS = frozenset("-\u2010\u2011\u2013\u2014")
_PUNCT_STOP = frozenset(".;:!?()[]{}")
#: Frequent verbs that end a noun phrase when scanning (reporting, control, copular verbs).
_VERBISH = frozenset(
    """said says say saying told tells tell claimed claims claiming stated states stating
    added adds noted announced announces denied denies denying accused accuses accusing
    blamed blames warned warns urged urges called calls calling declared declares insisted
    confirmed confirms alleged argued explained wrote writes tweeted condemned condemns
    continued continues continuing tried tries trying managed manages sought seeks seek
    threatening vowing planning seeking attempting refusing
    began begins begun attempted attempts vowed vows threatened threatens wanted wants
    planned plans decided decides refused refuses failed fails agreed agrees appeared
    seemed remained remains became become becomes came come comes went goes took takes
    gave gives made makes left sent saw sees got kept helped showed shows reported
    mentioned released published posted expressed described estimated estimates
    include includes included mobilize demanded demands chose finds find found reveals
    revealed suggests concluded concludes""".split())
_INCLUDE = frozenset("include includes included including".split())
#: Aspectual and catenative verbs whose subject controls a following -ing form
#: ("began shelling", "kept firing at", "resumed bombing").
_ASPECTUAL = frozenset(
    """begin begins began begun beginning start starts started starting continue continues
    continued continuing keep keeps kept keeping stop stops stopped resume resumes resumed
    resuming finish finishes finished avoid avoids avoided risk risks risked cease ceases
    ceased quit quits""".split())
#: Reporting verbs whose gerund complement is controlled by their subject ("X denied
#: attacking civilians", "Y admitted shelling the town").
_GERUND_REPORT = frozenset("""deny denies denied denying admit admits admitted admitting""".split())
#: Prepositions and time words after a participle with no object that make it a reduced
#: relative or headline passive ("soldiers killed in the strikes", "civilians killed last week").
_POSTNOM_NEXT = frozenset(
    """in at near during on since after while when last this across along inside outside
    over amid amidst around outside as""".split())
#: Predicative adjectives whose of-complement is controlled by the subject ("X is capable of").
_PRED_ADJ = frozenset("capable able incapable unable guilty responsible ready willing afraid "
                      "accused suspected".split())
#: Prepositions whose object is a noun phrase that cannot be the subject of a following
#: bare participle ("the number of civilians killed": a reduced relative)
_OBJ_PREPS = frozenset("of for between among about with on over from against".split())
#: words of _VERBISH and the auxiliaries that are not finite verbs after a noun phrase
#: ("civilians and soldiers being ...", "and those seeking ...")
_NOT_FINITE_AFTER_NP = frozenset("being having saying calling continuing trying seeking "
                                 "claiming stating denying accusing".split())
#: Projectiles (never the one who fires: "rockets fired at X" is a reduced relative)
_PROJECTILES = frozenset("""rocket rockets missile missiles shell shells bomb bombs grenade
                         grenades bullet bullets round rounds projectile projectiles""".split())
#: Nouns of a quantity before "of" and a weapon ("thousands of rockets", "a barrage of shells")
_QUANTITY_NOUNS = grammar.NUMBER_NOUNS | frozenset(
    "of barrage barrages volley volleys salvo salvos hail".split())
#: Personal pronouns in object case, patients of an act ("killed them", "fired at us").
_OBJ_PRON = grammar.OBJECT_PRONOUNS
#: Prepositions of a time adjunct ("on Thursday", "in March").
_TIME_PREPS = frozenset("on in at".split())
#: Irregular past participles in -en ("were taken away and shot").
_EN_PARTICIPLES = frozenset("""taken beaten driven given chosen stolen hidden broken forgotten
    written ridden thrown shown seen known drawn torn sworn shaken fallen bitten""".split())
#: Subordinators that open a new clause (left limit of a coordinated participle's passive).
_SUBORD_STOP = grammar.SUBORDINATORS
#: Words that open a time adverbial before a verb ("on Monday", "last week", "early Sunday").
_TIME_ADV_PREPS = _TIME_PREPS | frozenset("last this early late since during until by".split())
_TIME = grammar.WEEKDAYS | grammar.MONTHS | grammar.TIMES_OF_DAY | grammar.SEASONS \
    | (grammar.RELATIVE_DAYS - {"tomorrow"}) \
    | (grammar.DURATIONS - {"second", "seconds", "decade", "decades"}) \
    | frozenset("time then now far way end moment".split())
#: Words that may open a time expression before its month or time word ("mid-October",
#: "early Tuesday", "late last night").
_TIME_OPENERS = frozenset("mid early late last".split())


def _time_from(low, k: int) -> bool:
    """Whether the tokens from ``k`` begin a time expression: a month or time word
    after at most two openers ("mid-October", "early Tuesday"), or an abbreviated month
    before a full stop or a number ("Oct. 31", "Sept 9")."""
    n = len(low)
    m = k
    while m < n and m < k + 3 and (low[m] in _TIME_OPENERS or low[m] in _HYPHENS):
        m += 1
    if m >= n:
        return False
    t = low[m]
    if t in _TIME:
        return True
    return t in grammar.MONTH_ABBREVIATIONS and m + 1 < n and (
        low[m + 1] == "." or low[m + 1][:1].isdigit())


_ING_NOUNS = frozenset("morning evening building buildings meeting meetings fighting ceiling "
                       "wedding funding training briefing gathering gatherings uprising "
                       "offering thing things something nothing anything everything king "
                       "spring string wing during".split())
_PATIENT_PREPS_NP = frozenset("of in on along near from between across inside within".split())
_AGENT_PREPS_NP = frozenset("of from".split())
_NOUN_CATS = frozenset({"noun", "noun_of_agent"})
_VERB_CATS = frozenset({"verb_base", "verb_3sg", "verb_past", "verb_participle",
                        "verb_past_participle", "verb_ing"})
_PLACE_CATS = frozenset({"country", "capital", "place", "region", "toponym", "city", "dyad"})
_ADJ_CATS = frozenset({"demonym"})
#: Actor categories that name places: with no places-role lexicon, an actor of these
#: categories introduced by a preposition of place ("killed in X") is the place of an
#: act (implied patient side, basis ``place``).
_ACTOR_PLACE_CATS = (_PLACE_CATS - {"dyad"}) | frozenset(
    "town village district province territory area governorate county municipality "
    "settlement neighbourhood neighborhood location".split())

#: Particles that follow a participle after a hyphen in a compound modifier ("bombed-out",
#: "burned-out", "shot-up").
_PARTICLE_TAILS = frozenset("out up off down".split())

#: Forms of *tell*, which report like the verbs of _REPORT_VERBS.
_TELL = frozenset("tell tells told telling".split())

# set differences used in the rules, computed once
_APPROX_NP = _APPROX - {"at", "to", "up", "than"}
_DET_NP_POSS = _DET_NP | _POSS
_NEG_NOT_NO = _NEG - {"no"}
_CONJ_NOT_AND = _CONJ - {"and"}
_PATIENT_PREPS_NOM = _PATIENT_PREPS_NP - {"on", "along"}
_PRON_SUBJ = _PRON - {"it", "them", "him", "us", "me"}
_POSS_PRON = _POSS | _PRON
#: First-person forms: inside a direct quote they are the speaker's side ("'We are
#: striking X hard,' the minister said"; "our territory").
_FIRST_PERSON = grammar.pronouns(person=1)
#: pronouns that take a singular non-person antecedent across sentences ("it" skips
#: "M23 rebels")
_PRON_IT = frozenset({"it", "its", "itself"})
_PRON_THEY = grammar.pronouns(person=3, number="pl")
#: words ending in "s" after an actor that are not plural nouns ("Washington has", "X says")
_NOT_NOUN = _BE | _HAVE | _DO | _VERBISH | grammar.PREPOSITIONS | grammar.SUBORDINATORS


#: Of these, the categories of places below a country (never a party to an act)
_TOWN_CATS = _ACTOR_PLACE_CATS - {"country", "capital"}
#: prepositions that put an act in a place ("killed in X", "fighting near X")
_IN_PLACE = frozenset("in near inside outside around across throughout within".split())
#: prepositions of a target, a place only right after an act ("a strike on X"; not
#: "called on X")
_ON_PLACE = frozenset(("on", "at"))
#: nouns of a part or kind of place before "of X" ("the centre of X", "the town of X")
_PLACE_NOUNS = frozenset("""center centre outskirts edge suburbs suburb heart streets city
                         town village region province district area port""".split())
#: third-person finite forms of "be" ("among the dead were X")
_BE_FINITE_3 = frozenset("is are was were".split())
#: third-person possessive determiners: after a reporting verb, the possessor is its
#: subject ("X denied that its forces ...", "Y said his country ...")
_POSS_3RD = frozenset("his her its their".split())
#: nouns of a border: "near the X border" does not put an act in X
_BORDER_NOUNS = frozenset("border borders frontier boundary".split())
#: nouns after a border noun that make the phrase a place inside X ("the X border region")
_BORDER_PLACES = frozenset("""region regions area areas town towns village villages
                           district districts province city cities""".split())
#: nouns of the people who live in a place ("residents of X"): X is a place
_RESIDENT_NOUNS = frozenset("residents resident inhabitants villagers".split())


def _before_articles(low, p: int, lo: int = 0) -> int:
    """Index of the last token at or before ``p`` (not before ``lo``) that is not an
    article or a quotation mark; ``lo - 1`` when there is none."""
    while p >= lo and (low[p] in _ARTICLES or low[p] in _QUOTES):
        p -= 1
    return p


def _in_place(sent, a: int, b: int) -> bool:
    """Whether the actor at tokens ``a..b`` of ``sent`` is the object of a preposition of
    place (``_IN_PLACE``; ``_ON_PLACE`` after a violent act; "of" after a noun of place,
    ``_PLACE_NOUNS``, or of the people living there, ``_RESIDENT_NOUNS``: "residents of
    X"; articles and quotation marks between) and not a possessive ("in X's
    northern region": the region is the place)."""
    low = sent.low
    if b + 1 < len(low) and low[b + 1] == "'s":
        return False
    if b + 1 < len(low) and low[b + 1] in _BORDER_NOUNS and not (
            b + 2 < len(low) and (low[b + 2] in _PLACE_NOUNS or low[b + 2] in _BORDER_PLACES)):
        return False  # "near the X border": at the edge of X, on either side of it
    p = _before_articles(low, a - 1)
    if p < 0:
        return False
    w = low[p]
    return w in _IN_PLACE or p > 0 and (w in _ON_PLACE and sent.act[p - 1] >= 0 or
                                        w == "of" and (low[p - 1] in _PLACE_NOUNS
                                                       or low[p - 1] in _RESIDENT_NOUNS))


#: verbs whose subject (or inverted subject: "said X") is the source of the sentence's
#: report, not a party to the acts reported
_SOURCE_VERBS = _REPORT_VERBS | (_TELL - {"telling"})


def _before_act_noun(sent, events: list, b: int) -> bool:
    """Whether the token after ``b`` (an actor's last token), past weapon nouns, is an act
    read as a noun: a town or region before it names where the act happened ("the
    Kleindorf attack", "the Upper Vale shelling", "the Kleindorf drone attack")."""
    t = b + 1
    while t < sent.n and sent.weapon[t] and sent.act[t] < 0:
        t += 1  # a weapon noun between: "the Kleindorf drone attack"
    k = sent.act[t] if t < sent.n else -1
    return k >= 0 and events[k].reading == "noun" and events[k].i == t


def _on_side(sent, a: int, b: int) -> bool:
    """Whether the actor at tokens ``a..b`` is X in "on the X side" ("died on the X side"; the
    actor term may include "side"): it names where the dead belong, as a place does, not
    a party."""
    low = sent.low
    return a >= 2 and (low[b] == "side" or b + 1 < sent.n and low[b + 1] == "side") and \
        low[a - 1] == "the" and low[a - 2] == "on"


#: prepositions that are subordinators when a noun phrase and a verb follow ("killed as X
#: shelled Y", "died after X jets bombed Y")
_CLAUSE_PREPS = frozenset(("as", "after", "before", "since", "until"))
#: subordinators of a clause that tells how those of an agentless act died ("were killed when
#: X stormed the village", "slain as X raided Y", "died after X shelled Y")
_WHEN = frozenset(("when", "as", "after"))


def _died_when(sent, events: list, ev, contrast: dict) -> tuple[str, str]:
    """Implied side of those who died or were killed, with no agent, "when"/"as"/"after"
    another act happened ("perished when X stormed the village", "were killed as X shelled
    Y", "died after X jets bombed Y"; after "after" only a verb, not "after the X attacks"): the
    first act of that clause (within eight tokens of the death, no clause mark between),
    its patient's stated side (basis ``place``), else the other side of its agent's (basis
    ``contrast``); ('', '') if none."""
    low, n = sent.low, sent.n
    t = ev.j + 1
    while t < n and t <= ev.j + 8 and low[t] not in _WHEN:
        if low[t] in _PUNCT_STOP or low[t] in _CLAUSE_BOUNDARY or low[t] == ",":
            return "", ""
        t += 1
    if t >= n or low[t] not in _WHEN:
        return "", ""
    for other in events:
        if other.i <= t:
            continue
        if any(low[m] in _PUNCT_STOP or low[m] in _CLAUSE_BOUNDARY for m in range(t, other.i)):
            return "", ""
        if low[t] == "after" and other.reading != "verb":
            return "", ""  # "died after the X attacks": not said to be of them
        return _victims_of(other, contrast)
    return "", ""


#: forms of "leave" in "X left N dead"
_LEAVE = frozenset("leave leaves left leaving".split())


def _left_dead(sent, events: list, ev, contrast: dict) -> tuple[str, str]:
    """Implied side of the dead in "X left N dead" (``ev.leave`` the token of "left"): the
    act named in the subject of "left" (the nearest act before it, in the same clause),
    its patient's stated side (basis ``place``), else the other side of its agent's (basis
    ``contrast``); ('', '') if none."""
    if ev.leave < 0:
        return "", ""
    low = sent.low
    for other in reversed(events):
        if other is ev or other.j >= ev.leave:
            continue
        if any(low[t] in _CLAUSE_BOUNDARY or low[t] in _PUNCT_STOP
               for t in range(other.j + 1, ev.leave)):
            return "", ""
        return _victims_of(other, contrast)
    return "", ""


#: participles of holding a place ("the X-held town of Y", "areas controlled by X")
_HELD = frozenset("held controlled run administered".split())
#: nouns of places that a side can hold
_HELD_NOUNS = _PLACE_NOUNS | frozenset("""cities towns villages areas regions districts
                                       provinces territory territories part parts state
                                       states neighborhood neighbourhood neighborhoods
                                       neighbourhoods township townships capital""".split())


def _holds_place(sent, a: int, b: int) -> bool:
    """Whether the actor at tokens ``a..b`` holds the place named with it: "the X-held
    town of Y", "an X-controlled area" (a noun of place right after the compound), or "a
    town held by X", "areas controlled by the X" (a noun of place before the participle)."""
    low, n = sent.low, sent.n
    if b + 3 < n and low[b + 1] in _HYPHENS and low[b + 2] in _HELD and \
            low[b + 3] in _HELD_NOUNS:
        return True
    p = _before_articles(low, a - 1)
    return p >= 2 and low[p] == "by" and low[p - 1] in _HELD and low[p - 2] in _HELD_NOUNS


def _is_source(sent, a: int, b: int, strict: bool = False) -> bool:
    """Whether the actor at tokens ``a..b`` is the source of a report in its sentence:
    in the subject of a reporting verb ("X officials said", "the X ministry told
    reporters"), after an inverted one (", said a X official") or after "according
    to". A source is not one of the parties named for the contrast rule. ``strict``:
    the words between the actor and the verb may not open a relative or another
    clause ("an X airstrike that officials said": the officials are the source)."""
    low, act = sent.low, sent.act
    # the rest of the subject before the verb: "officials", "military spokesman"
    for t in range(b + 1, min(b + 5, sent.n)):
        if act[t] >= 0 or not low[t][0].isalpha():
            break
        if strict and (low[t] in _REL or low[t] in _CONJ or low[t] in _PREP):
            break
        if low[t] in _SOURCE_VERBS:
            return True
    p = a - 1
    while p >= 0 and (low[p] in _DET or low[p] in _POSS) and act[p] < 0:
        p -= 1
    return p >= 0 and (low[p] in _SOURCE_VERBS and p > 0 and low[p - 1] in (",", '"')
                       or low[p] == "to" and p > 0 and low[p - 1] == "according")


def _negated(low, i: int) -> bool:
    """Whether the act at token ``i`` is negated by one of the three words before it
    ("not to kill", "never killed", "did not kill")."""
    return any(low[t] in grammar.NEGATION for t in range(max(0, i - 3), i))


#: Nouns a party uses for the other side's combatants ("the army said dozens of attackers
#: had been killed"): such dead are not the reporting party's own.
_ENEMY_COMBATANTS = frozenset("""militant militants militiaman militiamen fighter fighters
    attacker attackers
    terrorist terrorists insurgent insurgents rebel rebels gunman gunmen commander
    commanders jihadist jihadists combatant combatants assailant assailants infiltrator
    infiltrators separatist separatists guerrilla guerrillas raider raiders intruder
    intruders saboteur saboteurs mercenary mercenaries""".split())
_NO_ONE = frozenset("nobody none no noone".split())
_COORD_WORDS = frozenset(("and", "or", ","))
#: Nouns of the bodies that count a party's dead ("health officials", "the X ministry",
#: "the army said"), unlike a country or a movement speaking for others ("Belgrade says").
_INSTITUTIONS = frozenset("""official officials ministry ministries authorities authority
    army military police spokesman spokeswoman spokesperson spokesmen government health
    department office service services agency command""".split())


def _institution(low, a: int, b: int) -> bool:
    """Whether the source at tokens ``a..b`` is an institution that counts the dead: one
    of _INSTITUTIONS in its words or in the three after them."""
    return any(low[t] in _INSTITUTIONS for t in range(a, min(b + 4, len(low))))


def _source_side(sent, is_src: list, contrast: dict) -> str:
    """The one side of the contrast pair among the institutions that are sources of the
    sentence's reports (``is_src``: per actor, whether it is a source), counting an actor
    coordinated before one ("X and Y officials"); '' if none or both."""
    sides = set()
    for (a, b, side, _c), src in zip(sent.actors, is_src):
        if src and side in contrast and _institution(sent.low, a, b):
            sides.add(side)
            if a >= 2 and sent.low[a - 1] in _COORD_WORDS and sent.actor[a - 2] >= 0:
                sides.add(sent.actors[sent.actor[a - 2]][2])
    return next(iter(sides)) if len(sides) == 1 else ""


def _enemy_dead(low, pa) -> bool:
    """Whether patient ``pa`` names combatants in the words a party uses for its enemy's
    (see _ENEMY_COMBATANTS), or no one ("nobody had been killed")."""
    if not pa.text:
        return False
    if low[pa.a] in _NO_ONE:
        return True
    return any(low[t] in _ENEMY_COMBATANTS for t in range(pa.a, pa.b + 1))


#: nouns of a count of the dead after a death noun ("the death toll from X")
_TOLL_NOUNS = frozenset("toll tolls count counts".split())


def _victims_of(act, contrast: dict) -> tuple[str, str]:
    """Implied side of those who died in or from ``act``: its patient's stated side
    (basis ``place``: where or whom it hit), else the other side of its agent's (basis
    ``contrast``); ('', '') if neither."""
    if act.patient.text and act.patient.side:
        return act.patient.side, "place"
    y = contrast.get(act.agent.side) if act.agent.text else None
    return (y, "contrast") if y else ("", "")


def _died_in(sent, events: list, ev, contrast: dict) -> tuple[str, str]:
    """Implied side of those who died in an act ("died in the X attacks", "died in an
    attack on Y", "deaths from the X shelling", "the death toll from an attack on Y"): the
    act right after "in" or "from" (a count noun such as "toll" may stand between the
    death and the preposition; articles, possessives, side words and modifiers between
    the preposition and the act), its patient's stated side (basis ``place``: where they
    died), else the other side of its agent's (basis ``contrast``); ('', '') if none."""
    low, n = sent.low, sent.n
    t = ev.j + 1
    if t < n and low[t] in _TOLL_NOUNS:
        t += 1
    if t >= n or low[t] not in ("in", "from"):
        return "", ""
    for other in events:
        if other is ev or other.i <= t or other.i > t + 5:
            continue
        gap = range(t + 1, other.i)
        if all(low[g] in _DET or low[g] in _POSS or sent.actor[g] >= 0 or sent.weapon[g]
               or low[g].isalpha() and sent.raw[g][0].islower() for g in gap):
            return _victims_of(other, contrast)
    return "", ""


def _adjunct_target(sent, events: list, ev) -> str:
    """Implied side of the patient of a participial adjunct after a comma ("X opened fire
    on Y's positions, killing two soldiers", "X struck a Y camp, killing 50"): the stated
    side of the patient of the act just before it in the sentence (those killed were
    where the act struck); '' if none."""
    if ev.voice != "active" or "verb_ing" not in ev.cats:
        return ""
    low = sent.low
    p = ev.i - 1
    while p >= 0 and (sent.adv[p] or low[p] in _QUOTES):
        p -= 1
    if p < 0 or low[p] != ",":
        return ""
    prev = None
    for other in events:
        if other.j < p and other.reading != "noun":
            prev = other
    if prev is None or not prev.patient.text or prev.patient.b >= ev.i:
        return ""
    return prev.patient.side


#: prepositions whose object is a place or target inside an agent's phrase ("a car
#: bomb near X", "rockets fired at X", "the advance into X")
_WHERE_PREPS = _IN_PLACE | frozenset("at on into onto toward towards".split())


def _only_places_in(sent, a: int, b: int) -> bool:
    """Whether every actor with a side in tokens ``a..b`` (a participant's phrase) is a
    place that is the object of a preposition of place or direction inside it
    (``_WHERE_PREPS``): the phrase then names where or at what, not whose."""
    low, found = sent.low, False
    for (x, y, side, cat) in sent.actors:
        if y < a or x > b or not side:
            continue
        p = _before_articles(low, x - 1, a + 1)
        if not (cat in _ACTOR_PLACE_CATS and p > a and low[p] in _WHERE_PREPS):
            return False
        found = True
    return found


#: marks between independent clauses: a place beyond one is not where the act happened
#: (subordinate and relative clauses often place the same act: "were killed when a
#: missile hit a building in X")
_CLAUSE_BOUNDARY = frozenset(";:")


def _clause_place(sent, places: list, start: int, end: int) -> str:
    """Side of the place nearest to the act at characters ``start..end`` of ``sent``
    among ``places`` (token spans with a side), with no clause boundary
    (``_CLAUSE_BOUNDARY``) between them; '' if none."""
    t0 = bisect_right(sent.starts, start) - 1
    t1 = bisect_left(sent.starts, end) - 1
    low = sent.low
    best, best_d = "", None
    for a, b, side in places:
        lo, hi = (b + 1, t0) if b < t0 else (t1 + 1, a)
        if any(low[t] in _CLAUSE_BOUNDARY for t in range(lo, hi)):
            continue
        d = hi - lo
        if best_d is None or d < best_d:
            best, best_d = side, d
    return best


#: words of a report after a quotation that name whom the quotation's third-person words
#: refer to ('"They came at night," a survivor told us about the X soldiers'; '..., he
#: said, referring to X troops'; ', describing the X troops')
_REFERENT_WORDS = frozenset("about describing referring regarding".split())


def _quote_referent(sent, quotes, qstarts, pos: int) -> str:
    """Side of the referent that the report right after the closed quotation around
    character ``pos`` names (``_REFERENT_WORDS``, then the first actor with a side within
    three tokens: "about the X soldiers"; not a town or region); '' if none. Only the
    rest of the sentence after the quotation is read, up to another quotation."""
    k = bisect_right(qstarts, pos) - 1
    if k < 0 or not quotes[k].closed:
        return ""
    low, n = sent.low, sent.n
    for m in range(bisect_left(sent.starts, quotes[k].end), n):
        w = low[m]
        if w in _QUOTES or w in _PUNCT_STOP:
            return ""
        if w not in _REFERENT_WORDS:
            continue
        r = m + 2 if w == "referring" and m + 1 < n and low[m + 1] == "to" else m + 1
        for t in range(r, min(n, r + 4)):
            x = sent.actor[t]
            if x >= 0:
                a, _b, side, cat = sent.actors[x]
                return side if side and a >= r and cat not in _TOWN_CATS else ""
            if not low[t].isalpha():
                return ""
        return ""
    return ""


_WORD = re.compile(r"[A-Za-z][\w'\u2019-]*")
#: where the report after a quotation ends: a sentence mark, another quotation or line,
#: or a full stop after a lower-case word ("in a televised address."; not "Mr.", "U.N.")
_REPORT_END = re.compile(r"[!?;\n\"\u201c\u201d]|(?<=[a-z]{2})\.(?=\s|$)")


def _quote_speaker(text, quotes, qstarts, pos: int, found, fstarts, ai: int,
                   info) -> str:
    """Side of the speaker named right after the closed quotation around character
    ``pos`` (in the same sentence or, when the quotation ends its sentence, the next):
    the first actor with a side (hits ``found`` of the actors slot ``ai``, ``info`` their
    ``(side, category)``) in the subject of a reporting verb ('"...," a X commander
    said', '"...," X officials told reporters') or after an inverted one ('"...," said a
    X official, ...'), within 150 characters of the quotation and before the report
    ends (:data:`_REPORT_END`); '' if none."""
    k = bisect_right(qstarts, pos) - 1
    if k < 0 or not quotes[k].closed:
        return ""
    q0 = quotes[k].end
    m = _REPORT_END.search(text, q0, q0 + 150)
    end = m.start() if m else min(len(text), q0 + 150)
    words = list(_WORD.finditer(text, q0, end))
    v = next((w for w in words[:12] if w.group().lower() in _SOURCE_VERBS), None)
    if v is None:
        return ""
    if v is words[0]:  # inverted: ', said a X official, ...'
        a = v.end()
        c = text.find(",", a, end)
        b = c if c >= 0 else end
    else:
        a, b = q0, v.start()
    for s, li, e, ri in found[bisect_left(fstarts, a):bisect_left(fstarts, b)]:
        if li == ai and e <= b and info[ri][0]:
            return info[ri][0]
    return ""


def _other_in_subordinate(sent, placed, held, side: str) -> bool:
    """Whether a party named in ``sent`` (an actor with a side that is not a place,
    ``placed``/``held`` as in :meth:`AgencyExtractor.rows`, not a town and not a
    source) whose side is not ``side`` opens a subordinate clause ("as Y troops
    retreated", "when Y fighters attacked"): the subject of another event, who may be
    a bystander to the killing."""
    low = sent.low
    for (a, b, s, cat), pl, h in zip(sent.actors, placed, held):
        if not s or s == side or pl or h or cat in _TOWN_CATS or _is_source(sent, a, b):
            continue
        p = a - 1
        while p >= 0 and (low[p] in _DET or low[p] in _POSS or low[p] in _QUOTES):
            p -= 1
        if p >= 0 and low[p] in grammar.SUBORDINATORS:
            return True
    return False


#: words before "side(s)" that name both parties ("on both sides", "on each side")
_EACH = frozenset(("both", "each", "either"))


def _both_sides(sent, pa, j: int, contrast: dict) -> bool:
    """Whether a patient names the dead of both sides of a contrast pair: coordinated
    actors of the two sides in its phrase, with "and" and no comma between them ("seven
    X and four Y soldiers", "an X soldier and two Y fighters"), or "both/each/either side(s)" in it or within six tokens
    after the act's last token ``j`` with no punctuation between ("soldiers on both
    sides were killed", "dozens died on each side")."""
    low, n = sent.low, sent.n
    if pa.text:
        end = pa.b
        for t in range(pa.a, pa.b):
            if low[t] == "," and low[t + 1].endswith("ing"):
                end = t  # the phrase runs on into a participle clause: ", raising ..."
                break
        sides = []
        for x, y, side, _cat in sent.actors:
            if x >= pa.a and y <= end and side and not (x > 0 and low[x - 1] == "between"):
                sides.append((x, side))
        for (x1, s1) in sides:
            for (x2, s2) in sides:
                if x2 > x1 and contrast.get(s1) == s2 and \
                        any(low[t] in ("and", "as") for t in range(x1 + 1, x2)) and \
                        "," not in low[x1 + 1:x2]:
                    return True
        rng = range(pa.a, pa.b)
    else:
        rng = range(0)
    for t in list(rng) + list(range(j + 1, min(n - 1, j + 7))):
        if t > j and (low[t] in _PUNCT_STOP or low[t] == ","):
            break
        if low[t] in _EACH and low[t + 1] in ("side", "sides"):
            return True
    return False


def _first_person(low, part) -> bool:
    """Whether a participant is or starts with a first-person pronoun ("we", "our
    comrades") or is a part of one ("many of our men", "two of us")."""
    a = part.a
    return low[a] in _FIRST_PERSON or a + 2 <= part.b + 1 and a + 2 < len(low) and \
        low[a + 1] == "of" and low[a + 2] in _FIRST_PERSON


def _pron_slot(word: str) -> int:
    """Index of a pronoun's antecedent in :meth:`AgencyExtractor._prev_sentence_side`."""
    return 0 if word in _PRON_IT else (1 if word in _PRON_THEY else 2)


#: between two coordinated actors: "X troops and Y", "X and the Y"
_COORD_GAP = re.compile(r"(?:[\s-]+[a-z][\w-]*)?\s*,?\s+and\s+(?:the\s+)?")
#: words that end the head of a definite description ("the rebels in ...")
_DESC_STOP = _PREP | _REL | {"to", "and", "or", "who", "which", "that"}
#: what may stand between a side word and the head noun of the same mention:
#: adjectives and hyphens ("M23 rebels", "Sudanese-backed Arab militias")
_DESC_GAP = re.compile(r"(?:[\s-]+(?!(?:and|or|the|of|in|on|by|to|an?|with|from|for|at)\b)"
                       r"[a-z][\w-]*){0,2}[\s-]+")
_NEXT_WORD = re.compile(r"[\s-]+([A-Za-z][\w-]*)")
_PARTICIPLE_CATS = frozenset({"verb_participle", "verb_past_participle"})
#: auxiliary kind of a word, for :meth:`_Ctx.aux_scan` (be before get, have, modal/do)
_AUX_KIND = {**dict.fromkeys(_MODALS | _DO, "modal"), **dict.fromkeys(_HAVE, "have"),
             **dict.fromkeys(_GET, "get"), **dict.fromkeys(_BE, "be")}
_ED_ING = ("ed", "ing")
_AUX_WORDS = (_BE | _HAVE | _MODALS | _DO | _GET) - {"'s"}
#: adjectives that link a noun to an actor by "to"/"with" ("fighters loyal to X")
_LINK_ADJ = frozenset("loyal close allied linked tied affiliated aligned".split())
#: verbs whose object is an instrument: the subject controls a purpose infinitive
#: ("X used fighter jets to bomb Y")
_INSTRUMENT_VERBS = frozenset("use uses used using employ employs employed employing".split())
#: words that may stand between "fire" and its target ("fired rockets deep into X")
_DIRECTION = frozenset("deep far straight back directly further".split())
#: prepositions of place: a phrase after them does not give the side of a subject head
_NP_LEFT_PREPS = frozenset("of from in on along near outside inside across within".split())
_LOCATIVE = frozenset("in near at on along across inside outside around off".split())
#: prepositions of direction into a place ("pushed into X, and its forces ...")
_INTO = frozenset("into onto toward towards through throughout within".split())
#: compass adjectives before a place name ("in northern X")
_COMPASS = frozenset("""north south east west northern southern eastern western central
                     northeastern northwestern southeastern southwestern""".split())
#: words after a participle that show it is not a modifier of a following noun: the
#: participle is itself the head ("the wounded keep coming", "help the injured.")
_NOT_NOUN_NEXT = _PUNCT_STOP | {","} | _AUX_WORDS | _VERBISH | _ASPECTUAL | _PREP | _CONJ \
    | _REL | _QUOTES
_MARK_CATS = frozenset({"weapon", "light_verb"})  # spans that only mark tokens
#: words left of a verb group that _Ctx._subject treats specially
#: -ing prepositions that never modify a noun ("killed during clashes" is not "killed
#: [during clashes]" as an object phrase).
_ING_PREPS = frozenset(("during", "including"))
_SUBJ_MARKERS = frozenset({"to", "and", "or"}) | _REL | _PRON | _PRED_ADJ
_PREMOD_STOP = _DET | _PREP | _PUNCT_STOP | {","} | _PRON | _REL  # end of a premodifier scan
# unions of word classes tested together in the noun-phrase scans (one look-up instead of several)
_QUOTES_HYPHENS = _QUOTES | _HYPHENS
_NP_START_WORDS = _DET_NP | _POSS | _APPROX_NP
_NP_LEFT_WORDS = _DET_NP | _POSS | {"'s"}
_NP_LEFT_APPROX = frozenset(("nearly", "almost", "about", "around", "approximately", "roughly",
                             "some", "over", "least"))
_NP_LEFT_TRIM = frozenset(("of", "from", "in", "on", "along", "near", "and", "or", ",")) \
    | _QUOTES | _HYPHENS | _TIME
_NP_RIGHT_WORDS = _DET_NP | _POSS | {"'s", "nearly", "almost", "about", "around",
                                     "approximately", "some", "over", "more", "than", "least",
                                     "roughly"}
_NP_RIGHT_TRIM = _PREP | _DET | {",", "and"}

_FUNC = (_DET | _POSS | _PREP | _CONJ | _BE | _HAVE | _MODALS | _DO | _NEG | _PRON | _REL
         | _VERBISH | _GET)
# Possessive quantifiers (Python 3.11+) give the same matches as the greedy ones of
# the 3.10 pattern, since each is followed by a character it cannot match or by the
# end of its alternative; they only save backtracking.
if sys.version_info >= (3, 11):
    _TOKEN = re.compile(r"\d++(?:[.,]\d++)++|\w++(?:['\u2019](?!s\b)\w++)*+|['\u2019]s\b|[^\w\s]")
else:  # pragma: no cover - Python 3.10
    _TOKEN = re.compile(r"\d+(?:[.,]\d+)+|\w+(?:['\u2019](?!s\b)\w+)*|['\u2019]s\b|[^\w\s]")


#: ``pd.DataFrame(rows, columns=AGENCY_COLUMNS)``, built column-wise (same result)
_frame = RowsFrame(AGENCY_COLUMNS, ints=("sent_id", "start", "end"), bools=("quoted",))



def _is_adverb(low: str) -> bool:
    return low in _ADVERBS or (len(low) > 4 and low.endswith("ly") and low not in _LY_NOT_ADV
                               and low.isalpha())


class _TokenCache(dict):
    """``{token: fn(token)}`` filled on demand, so that per-token properties cost one
    dict look-up (``map(cache.__getitem__, tokens)`` runs in C). Bounded: cleared
    when it grows past ``limit`` distinct tokens."""

    __slots__ = ("fn", "limit")

    def __init__(self, fn, limit=200_000):
        super().__init__()
        self.fn, self.limit = fn, limit

    def __missing__(self, key):
        if len(self) >= self.limit:
            self.clear()
        value = self[key] = self.fn(key)
        return value


def _lower(raw: str) -> str:
    return raw.lower().replace("\u2019", "'")


def _adverb_test(raw: str, low: str) -> bool:
    """Whether a token is an adverb ("reportedly"; not a name such as "Khojaly")."""
    return low in _ADVERBS or (_is_adverb(low) and not raw[0].isupper())


def _wordlike_test(low: str, adv: bool) -> bool:
    """Static part of the noun-phrase word test (see :meth:`_Ctx.np_word`)."""
    if not low[0].isalnum():
        return False
    if low[0].isdigit():
        return True
    if low in _FUNC or adv:
        return False
    if (low.endswith("ed") or low.endswith("ing")) and low not in _ING_NOUNS and len(low) > 4:
        return False
    return True


def _token_info(raw: str) -> tuple[str, bool, bool]:
    """(lower case, adverb test, static noun-phrase word test) of a token."""
    low = _lower(raw)
    adv = _adverb_test(raw, low)
    return low, adv, _wordlike_test(low, adv)


#: per-token properties, one cached tuple per distinct token
_INFO = _TokenCache(_token_info)
#: A token as the separator of ``split``: every non-space character is in a token, so
#: ``split`` gives [space, token, space, token, ..., space] and the token offsets follow
#: by summing the lengths (faster than ``findall`` of (space, token) pairs). Every token
#: starts with a non-space character, so the look-ahead ``(?=\S)`` changes no match; it
#: only makes the search fail fast at spaces.
_TOKEN_SPLIT = re.compile(r"(?=\S)(" + _TOKEN.pattern + ")")
_FIRST_ITEM = itemgetter(0)


class _Sent:
    """Tokens of one sentence with actor and violence annotations (private).

    ``low`` (lower case, curly apostrophe straightened), ``adv`` (adverb) and
    ``wl`` (static noun-phrase word test) are per-token lists.
    """

    __slots__ = ("text", "off", "starts", "ends", "raw", "low", "n", "actor", "actors", "act",
                 "weapon", "light", "qspan", "adv", "wl")

    def __init__(self, text, s0, e0, actor_hits, quote_span):
        self.text = text
        self.off = s0
        sent_text = text[s0:e0]
        parts = _TOKEN_SPLIT.split(sent_text)
        bounds = list(accumulate(map(len, parts), initial=s0))
        self.starts = starts = bounds[1:-1:2]
        self.ends = bounds[2::2]
        self.raw = raw = parts[1::2]
        if "\u03a3" not in sent_text and raw:
            # lower() is character by character except for the Greek final sigma,
            # so per-token lower case (cached) equals slices of the lowered sentence;
            # the per-token tuples (cached) are transposed into three tuples in C
            low, self.adv, self.wl = zip(*map(_INFO.__getitem__, raw))
            self.low = low
        else:
            low_text = sent_text.lower().replace("\u2019", "'")
            if len(low_text) == e0 - s0:
                low = [low_text[a - s0:b - s0] for a, b in zip(starts, self.ends)]
            else:  # lower() changed a length (e.g. dotted capital I): per token
                low = [_lower(r) for r in raw]
            self.low = low
            self.adv = [_adverb_test(r, lw) for r, lw in zip(raw, low)]
            self.wl = [_wordlike_test(lw, ad) for lw, ad in zip(low, self.adv)]
        self.n = n = len(raw)
        self.actor = actor = [-1] * n
        self.actors = actors = []  # (a, b, side, category)
        for (hs, he, side, cat) in actor_hits:
            a = bisect_right(starts, hs) - 1
            if a < 0:
                continue
            b = bisect_right(starts, he - 1, a) - 1  # the last token is not before the first
            if b < a:
                continue
            if starts[a] != hs:
                a += 1
                if a > b:
                    continue
            k = len(actors)
            # "anti-Armenian": the actor word is negated, no side
            if a >= 2 and low[a - 1] in _HYPHENS and low[a - 2] in ("anti", "pro"):
                side = ""
            actors.append((a, b, side, cat))
            for t in range(a, b + 1):
                actor[t] = k
        self.act = [-1] * n
        self.weapon = [False] * n
        self.light = [False] * n
        self.qspan = quote_span

    def wordlike(self, k: int) -> bool:
        """Static part of the noun-phrase word test."""
        return self.wl[k]

    def isadv(self, k: int) -> bool:
        """Whether token ``k`` is an adverb ("reportedly"; not a name such as "Khojaly")."""
        return self.adv[k]

    def tok_index(self, pos: int) -> int:
        return bisect_right(self.starts, pos) - 1

    def span_text(self, a: int, b: int) -> str:
        return self.text[self.starts[a]:self.ends[b]]


class _Part:
    """A participant: text, side and token extent (private).

    True when it has a text; hot paths test ``.text`` directly (same result, without a
    Python-level ``__bool__`` call).
    """

    __slots__ = ("text", "side", "a", "b")

    def __init__(self, text="", side="", a=-1, b=-1):
        self.text = text
        self.side = side
        self.a = a
        self.b = b

    def __bool__(self):
        return bool(self.text)


_NONE = _Part()


class _Event:
    __slots__ = ("i", "j", "start", "end", "lemma", "cats", "term", "reading", "voice", "agent",
                 "patient", "by_agent", "coord_prev", "leave")

    def __init__(self, i, j, start, end, lemma, cats, term):
        self.i = i
        self.j = j
        self.start = start
        self.end = end
        self.lemma = lemma
        self.cats = cats
        self.term = term
        self.reading = ""
        self.voice = ""
        self.agent = _NONE
        self.patient = _NONE
        self.by_agent = False
        self.leave = -1  # "X left N dead": the token of "left" (the causer is its subject)
        self.coord_prev = None


class AgencyExtractor:
    """Compiled extractor of agency: build once, call :meth:`extract` per document.

    Parameters
    ----------
    actors : str, path, DataFrame, Lexicon or Study, optional
        Default: the actors-role lexicon of the default study (a Study: its own)
        The actors lexicon (terms with a ``side``; categories such as
        ``demonym``, ``country``, ``capital``, ``military``).
    violence : str, path, DataFrame, Lexicon or Study, optional
        Default: the study's violence-role lexicon (the shipped general English one)
        The violent-act lexicon: one row per written form with categories
        ``verb_base, verb_3sg, verb_past, verb_participle, verb_past_participle,
        verb_ing, noun, noun_of_agent, adjective, intransitive, weapon,
        light_verb, exclude`` and ``canonical`` = lemma. Its metadata may give
        ``complement_required``, ``object_prepositions``,
        ``intransitive_lemmas``, ``patient_prepositions``, ``active_without_object``
        (lemmas whose past form may stand without an object, never read as a
        reduced-relative passive) and ``norm_lemmas`` (acts on a norm, no contrast
        patient) (see ``lexicons/general/violence.json``).
    places : str, path, DataFrame, Lexicon or Study, optional
        Default: the study's places-role lexicon when ``actors`` is a Study (or None:
        the default study), else none.
        Place names with the side they belong to (villages, districts, towns that
        are not capitals or countries): they give only an *implied* side.
    contrast : (str, str), list of pairs or dict of pairs, optional
        Default: the Study's contrast, else the actors lexicon's ``contrast``
        metadata (a pair, or a dict of pairs per conflict), else the pair guessed
        from the actors lexicon's terms (:meth:`Lexicon.inferred_contrast`: the two
        sides with clearly the most terms, non-party labels such as
        ``international`` or ``media`` not counted). Pass ``contrast=[]`` to turn
        the contrast rule off.
        The two opposed sides of the conflict, for the contrast rule below.

    Implied sides
    -------------
    Besides the stated sides (``agent_side``/``patient_side``: only the words of
    the participant count, as in the gold guidelines), each row has
    ``agent_side_implied``, ``patient_side_implied`` and ``side_basis``:

    1. ``stated``: the stated side when there is one.
    2. ``pronoun``: an agent or patient that is a pronoun or starts with a
       possessive pronoun ("They shelled", "its drones") and has no side in its
       sentence takes the side of the first sided actor of the previous sentence
       (the previous subject is preferred over its object) that agrees with it:
       "it"/"its" skip persons and plural phrases ("X fighters"), "they"/"their"
       skip persons, and an antecedent coordinated with an actor of another side
       ("X troops and Y fighters") gives none. A definite description headed by a
       group noun (``grammar.GROUP_NOUNS``: "the rebels", "the army") takes the
       side word of the latest earlier mention of the same head in the text ("M23
       rebels", however far back); a coordinated one ("the army and its allies")
       takes none. With no ``speakers`` given, a participant inside a quotation
       that is or starts with a first-person pronoun ("our sons", "many of our
       men") takes the side of the speaker named right after the quotation, in its
       sentence or the next ('"...," a X commander said', '"...," said a X official').
    3. ``place`` (patient only): the side of the first place of the places
       lexicon named in the sentence ("seven people were killed in <place>").
       With no places lexicon, the actors lexicon's places stand in: an actor of
       a place category (country, capital, city, region, town, village,
       district, province...) that is the object of a preposition of place ("in",
       "near", "outside"...; "on"/"at" right after an act, "a strike on X"; "of"
       after a noun of place, "the centre of X"), not a possessive ("in X's
       border region"); each act takes the nearest such place not beyond a
       ";" or ":". Those who died in an act ("died in an attack on X", "died
       in the X attacks") take the side of its patient (``place``), else the
       other side of its agent (``contrast``).
    4. ``contrast``: when the parties named in the sentence belong to exactly one
       side X of a contrast pair (X, Y), an empty agent whose patient is X gets
       Y, and an empty patient whose agent is X gets Y. An empty patient of an act
       that takes a life (``lethal_lemmas``: kill, execute, massacre...) whose agent
       states side X gets Y also when other parties are named ("X soldiers executed
       men accused of helping Y"), unless one of them opens a subordinate clause ("as
       Y troops retreated"). Places and sources are
       not parties: towns and regions, countries or capitals introduced as places
       (rule 3), and the source of a report ("X officials said", "said a X
       official", "according to X") do not count as named; a patient whose side
       comes from its place gives the agent no side. Not applied to acts with no agent role
       (``intransitive_lemmas``: die, death, dead) or to acts on a norm rather
       than a party (``norm_lemmas``: violate the ceasefire).

    5. ``both`` (:data:`BOTH_SIDES`, patient of a death or killing only, basis
       ``stated``): a patient with no stated side whose phrase coordinates actors
       of the two sides of a contrast pair ("seven X and four Y soldiers were
       killed", "an X soldier and two Y fighters lie dead") or that says "both
       sides", "each side" ("soldiers on both sides", "dozens died on each side").

    6. ``source`` (patient only, deaths and killings): when none of the above gives
       the dead a side and the killer has none, the one party of the contrast pair
       whose institution reports them ("the X health ministry said 800 people had
       been killed", "N people were killed, according to X officials", ", a X police
       spokesman said"): an official, ministry, army, police, spokesman... of that
       party is the source of the report, and no source of the other party is
       coordinated with it. Not for a country or a movement speaking ("Y says 64
       dead"), for the other side's combatants in the words a party uses for them
       ("dozens of attackers", "militants"), for "nobody", or for a negated act.

    ``side_basis`` is the basis of the implied side that is not stated, the
    patient's first; else ``stated`` when a side is stated; else ''.

    Examples
    --------
    >>> ext = AgencyExtractor()
    >>> df = ext.extract("Azerbaijani forces shelled two Armenian villages.", doc_id="d")
    >>> df[["verb", "voice", "agent_side", "patient_side"]].values.tolist()
    [['shell', 'active', 'azerbaijan', 'armenia']]
    >>> ext.extract("The attack was repelled.")[["verb", "voice"]].values.tolist()
    [['attack', 'nominal'], ['repel', 'passive_agentless']]
    """

    def __init__(self, actors=None, violence=None, places=None, contrast=None):
        from .studies import Study, _default_study, role_lexicon

        self.actors = role_lexicon(actors, "actors")
        self.violence = role_lexicon(violence, "violence")
        # the study whose places and contrast apply: the one given as actors, or the
        # default study when the actors are its default lexicon
        study = actors if isinstance(actors, Study) else (
            _default_study() if actors is None else None)
        if places is None and study is not None:
            places = study
        self.places = role_lexicon(places, "places") if places is not None else None
        if self.places is not None and len(self.places) == 0:
            self.places = None
        self._places_matcher = Matcher([self.places]) if self.places is not None else None
        if contrast is None:
            # declared by the study or the actors lexicon, else guessed from the
            # actors lexicon's terms (Lexicon.inferred_contrast)
            contrast = (study.contrast if study is not None else None) or self.actors.contrast
        self._contrast: dict[str, str] = {}
        pairs = contrast.values() if isinstance(contrast, dict) else (
            [contrast] if contrast and isinstance(contrast[0], str) else (contrast or []))
        for pair in pairs:
            if pair and len(pair) == 2:
                x, y = str(pair[0]), str(pair[1])
                self._contrast.setdefault(x, y)
                self._contrast.setdefault(y, x)
        self._matcher = Matcher([self.actors, self.violence])
        meta = self.violence.meta or {}
        self.complement_required = {k.lower(): frozenset(v) for k, v in
                                    (meta.get("complement_required") or {}).items()}
        self.object_prepositions = {k.lower(): frozenset(v) for k, v in
                                    (meta.get("object_prepositions") or {}).items()}
        self.intransitive_lemmas = frozenset(meta.get("intransitive_lemmas") or ["die"])
        self.norm_lemmas = frozenset(meta.get("norm_lemmas") or ["violate"])
        # lemmas of acts that take a life: their patients are people, whose side the
        # contrast rule may give even when both parties are named in the sentence
        self.lethal_lemmas = frozenset(
            meta.get("lethal_lemmas")
            or ["kill", "murder", "massacre", "execute", "slay", "behead", "decapitate",
                "assassinate", "slaughter", "gun down", "shoot"])
        # lemmas whose past tense may stand without an object ("the army struck at dawn"):
        # never read as a reduced-relative passive
        self.active_without_object = frozenset(
            meta.get("active_without_object")
            or ["attack", "strike", "retaliate", "fire", "shoot", "raid", "storm", "invade",
                "shell", "bomb", "bombard"])
        self.patient_prepositions = frozenset(
            meta.get("patient_prepositions") or ["on", "upon", "against", "towards", "toward",
                                                 "at", "among", "to"])
        self._actor_rows = self._matcher._tables[0]
        self._viol_rows = self._matcher._tables[1]
        # rows that can make a sentence worth analysing (an act, not a weapon/light verb/exclusion)
        self._act_row = [cat not in ("weapon", "light_verb", "exclude")
                         for _t, cat, _s, _c in self._viol_rows]
        # per actor row, the (side, category) part of an actor hit, built once
        self._actor_info = [(side, cat) for _t, cat, side, _c in self._actor_rows]
        # {tuple of violence rows matching one span: (categories, lemma, term, static reading)},
        # see _span_info
        self._span_infos: dict[tuple[int, ...], tuple[frozenset, str, str, str | None]] = {}

    def __repr__(self) -> str:
        return (f"AgencyExtractor(actors={self.actors.name!r} ({len(self.actors)} terms), "
                f"violence={self.violence.name!r} ({len(self.violence)} terms))")

    def lexicon_slots(self, lexicons: list) -> tuple[int, int]:
        """Indices of this extractor's actors and violence lexicons in ``lexicons``.

        For a shared :class:`~framing.lexicons.Matcher` (one pass over each text
        for all lexicons and stages): a lexicon equal to the extractor's (same
        name and rows) is reused; otherwise the extractor's lexicon is appended to
        ``lexicons`` (which is modified in place).

        Returns
        -------
        (int, int)
            The ``slots`` argument of :meth:`rows`.
        """
        from .lexicons import lexicon_slots

        ai, vi = lexicon_slots(lexicons, (self.actors, self.violence))
        return ai, vi

    # ------------------------------------------------------------------ public
    def extract(self, text: str, doc_id: str = "", *, sentences=None,
                quotes=None, speakers=None) -> pd.DataFrame:
        """Agency rows of one text.

        Parameters
        ----------
        text : str
            The text; offsets in the result refer to it.
        doc_id : str, default ""
        sentences : list of (start, end), optional
            Sentence spans of ``text`` (:func:`framing.text.split_sentences`), when
            already computed by the caller; ``sent_id`` indexes them.
        quotes : list of QuoteSpan, optional
            Quotation spans of ``text`` (:func:`framing.text.find_quotes`).
        speakers : list of (int, int, str), optional
            Direct quotes with the side of their speaker (see :meth:`rows`).

        Returns
        -------
        DataFrame
            Columns :data:`AGENCY_COLUMNS`, one row per violent-act mention.
        """
        if not isinstance(text, str):
            raise FramingError(f"text must be a str, got {type(text).__name__}")
        return _frame(self.rows(text, doc_id, sentences=sentences, quotes=quotes,
                                speakers=speakers))

    def rows(self, text: str, doc_id: str = "", *, sentences=None, quotes=None, found=None,
             slots: tuple[int, int] = (0, 1), speakers=None) -> list[tuple]:
        """Like :meth:`extract` but returns plain tuples (faster for many documents).

        ``found`` may pass the selected matches of ``text`` from a shared
        :class:`~framing.lexicons.Matcher` that includes this extractor's actors
        and violence lexicons (see :meth:`lexicon_slots`), so that the text is not
        scanned twice; ``slots`` gives their indices in that matcher. ``speakers``:
        ``(start, end, side)`` of the direct quotes of ``text`` whose speaker has a
        side (:func:`quote_speakers`); a participant inside one of them that is or
        starts with a first-person pronoun ("We", "our positions") gets that side as
        its stated side.
        """
        if not text:
            return []
        # one matcher pass over the whole text (selected matches, sorted by start);
        # only the violence hits are read here: actor hits are read later, for the
        # sentences that are analysed
        if found is None:
            found = self._matcher._select(text)
            slots = (0, 1)
        ai, vi = slots
        vspans: dict[tuple[int, int], list[int]] = {}
        for s, li, e, ri in found:
            if li == vi:
                vspans.setdefault((s, e), []).append(ri)
        if not vspans:
            return []
        if quotes is None:
            quotes = find_quotes(text)
        sents = sentences if sentences is not None else split_sentences(text, quotes)
        sstarts = [s for s, _ in sents]
        qstarts = [q.start for q in quotes]
        # group violence spans by sentence
        by_sent: dict[int, list] = {}
        has_act: set[int] = set()
        act_row = self._act_row
        for (s, e), ris in vspans.items():
            k = bisect_right(sstarts, s) - 1
            if k < 0:
                continue
            by_sent.setdefault(k, []).append((s, e, tuple(ris)))
            if act_row[ris[0]] or len(ris) > 1 and any(act_row[ri] for ri in ris):
                has_act.add(k)
        fstarts = list(map(_FIRST_ITEM, found))
        actor_info = self._actor_info
        out = []
        append = out.append
        pmatch = self._places_matcher
        pfound = pstarts = None
        contrast = self._contrast
        for k in sorted(has_act):
            s0, e0 = sents[k]
            # actor hits (s, e, side, category) starting and ending inside the sentence
            lo = bisect_left(fstarts, s0)
            hi = bisect_left(fstarts, e0, lo)
            sa = [(s, e, *actor_info[ri]) for s, li, e, ri in found[lo:hi]
                  if li == ai and e <= e0]
            sent = _Sent(text, s0, e0, sa, None)
            events = self._events(sent, sorted(by_sent[k]))
            if not events:
                continue
            self._analyse(sent, events, quotes, qstarts)
            # context of the implied sides: the parties named in the sentence, its places,
            # the first sided actor of the previous sentence (computed on demand).
            # Actors introduced by a preposition of place ("were killed in X", "a strike
            # on X") are places, not parties, as are towns and regions and the sources
            # of reports
            sided = [(a, b, side) for a, b, side, _c in sent.actors
                     if side and _on_side(sent, a, b)]
            placed = [bool(side) and (cat in _ACTOR_PLACE_CATS and (
                _in_place(sent, a, b) or cat in _TOWN_CATS and _before_act_noun(sent, events, b))
                or _on_side(sent, a, b)) for a, b, side, cat in sent.actors]
            held = [bool(side) and _holds_place(sent, a, b) for a, b, side, _c in sent.actors]
            is_src = [bool(side) and _is_source(sent, a, b, strict=True)
                      for a, b, side, _c in sent.actors]
            named = {side for (a, b, side, cat), pl, h, src in
                     zip(sent.actors, placed, held, is_src)
                     if side and not (pl or h or cat in _TOWN_CATS or src)}
            sources = None  # the reporting party's side (see _source_side), on demand
            place_side = ""
            in_places = None
            if pmatch is None:
                # no places lexicon: each act takes the nearest such place in its clause
                # (see _clause_place); an actor that holds a place ("the X-held town of
                # Y", "a town controlled by X") stands for that place
                in_places = [(a, b, side) for (a, b, side, _c), pl, h in
                             zip(sent.actors, placed, held) if pl or h]
            else:
                if pfound is None:  # places of the whole text, once per document
                    pfound = pmatch._select(text)
                    pstarts = list(map(_FIRST_ITEM, pfound))
                for ps, _pl, pe, pri in pfound[bisect_left(pstarts, s0):]:
                    if ps >= e0:
                        break
                    pside = pmatch._tables[0][pri][2]
                    if pside and pe <= e0:
                        place_side = pside
                        break
            prev_side = None
            for ev in events:
                start, end = ev.start, ev.end
                quoted = bool(quotes) and in_quote(start, end, quotes, qstarts)
                ag, pa = ev.agent, ev.patient
                # a participant is truthy iff its text is non-empty (see _Part.__bool__)
                aside = ag.side if ag.text else ""
                if aside and _only_places_in(sent, ag.a, ag.b):
                    aside = ""  # "a car bomb near X": where it happened, not who did it
                pside = pa.side if pa.text else ""
                if speakers and quoted:
                    if not aside and ag.text and sent.low[ag.a] in _FIRST_PERSON:
                        aside = _speaker_side(speakers, start)
                    if not pside and pa.text and sent.low[pa.a] in _FIRST_PERSON:
                        pside = _speaker_side(speakers, start)
                a_imp, ab = (aside, "stated") if aside else ("", "")
                p_imp, pb = (pside, "stated") if pside else ("", "")
                if not p_imp and contrast and (ev.lemma in self.intransitive_lemmas or
                                               pa.text and ev.lemma in self.lethal_lemmas) \
                        and _both_sides(sent, pa, ev.j, contrast):
                    # "seven X and four Y soldiers were killed", "soldiers on both sides",
                    # "died on each side": the dead of both sides of the contrast pair
                    p_imp, pb = BOTH_SIDES, "stated"
                a_pro = not a_imp and ag.text and sent.low[ag.a] in _POSS_PRON
                p_pro = not p_imp and pa.text and sent.low[pa.a] in _POSS_PRON
                if a_pro or p_pro:
                    if prev_side is None:
                        prev_side = self._prev_sentence_side(text, found, fstarts, ai_slot=ai,
                                                             k=k, sents=sents)
                    if a_pro:
                        d = prev_side[_pron_slot(sent.low[ag.a])]
                        if d:
                            a_imp, ab = d, "pronoun"
                    if p_pro:
                        d = prev_side[_pron_slot(sent.low[pa.a])]
                        if d:
                            p_imp, pb = d, "pronoun"
                # a definite description ("the rebels") takes the side of the latest
                # earlier mention of its head noun with a side word ("M23 rebels")
                if not a_imp and ag.text and sent.low[ag.a] == "the":
                    d = self._description_side(sent, ag, found, fstarts, ai)
                    if d:
                        a_imp, ab = d, "pronoun"
                if not p_imp and pa.text and sent.low[pa.a] == "the":
                    d = self._description_side(sent, pa, found, fstarts, ai)
                    if d:
                        p_imp, pb = d, "pronoun"
                if quoted and not speakers:
                    # no speakers given: "we", "our men" inside a quotation are the
                    # speaker's, when the report names one right after the quotation
                    if not a_imp and ag.text and _first_person(sent.low, ag):
                        d = _quote_speaker(text, quotes, qstarts, start, found, fstarts,
                                           ai, actor_info)
                        if d:
                            a_imp, ab = d, "pronoun"
                    if not p_imp and pa.text and _first_person(sent.low, pa):
                        d = _quote_speaker(text, quotes, qstarts, start, found, fstarts,
                                           ai, actor_info)
                        if d:
                            p_imp, pb = d, "pronoun"
                # inside a quotation, "they" or "the soldiers" may be named by the report
                # after it ('"They came at night," she said about the X soldiers')
                if quoted:
                    if not a_imp and ag.text and self._quote_third(sent, ag):
                        d = _quote_referent(sent, quotes, qstarts, start)
                        if d:
                            a_imp, ab = d, "pronoun"
                    if not p_imp and pa.text and self._quote_third(sent, pa):
                        d = _quote_referent(sent, quotes, qstarts, start)
                        if d:
                            p_imp, pb = d, "pronoun"
                if not p_imp and sided:  # "on the X side", before any other place
                    d = _clause_place(sent, sided, start, end)
                    if d:
                        p_imp, pb = d, "place"
                if not p_imp and in_places:
                    place_side = _clause_place(sent, in_places, start, end)
                if not p_imp and place_side:
                    p_imp, pb = place_side, "place"
                if ab == "stated" and p_imp == a_imp and contrast.get(a_imp) and (
                        pb == "place" or pb == "stated" and _only_places_in(sent, pa.a, pa.b)) \
                        and ev.lemma not in self.intransitive_lemmas \
                        and ev.lemma not in self.norm_lemmas:
                    # a side's stated act on a place of its own side (the place of the act,
                    # or the only side word of the patient's phrase: "ten people in Y"): the
                    # place is contested or held by the other side, whose the victims are
                    p_imp, pb = contrast[a_imp], "contrast"
                if not p_imp and ev.lemma in self.intransitive_lemmas:
                    p_imp, pb = _died_in(sent, events, ev, contrast)
                    if not p_imp:
                        p_imp, pb = _left_dead(sent, events, ev, contrast)
                if not p_imp and not ag.text and (ev.voice in AGENTLESS_VOICES or
                                                  ev.lemma in self.intransitive_lemmas):
                    p_imp, pb = _died_when(sent, events, ev, contrast)
                if not p_imp:
                    d = _adjunct_target(sent, events, ev)
                    if d:
                        p_imp, pb = d, "place"
                if len(named) == 1 and ev.lemma not in self.intransitive_lemmas:
                    x = next(iter(named))
                    y = contrast.get(x)
                    if y:
                        # a patient side known only from the place is not a named party
                        if not a_imp and p_imp == x and pb != "place":
                            a_imp, ab = y, "contrast"
                        elif not p_imp and a_imp == x and ev.lemma not in self.norm_lemmas:
                            p_imp, pb = y, "contrast"
                elif not named and not p_imp and ab == "stated" and ag.text and \
                        sent.low[ag.a] in _POSS_PRON and ev.lemma not in self.intransitive_lemmas \
                        and ev.lemma not in self.norm_lemmas and contrast.get(a_imp):
                    # no party named but the source: "X said its forces killed ten fighters"
                    # (the agent is a pronoun resolved in its sentence to the source's side)
                    p_imp, pb = contrast[a_imp], "contrast"
                if not p_imp and ab == "stated" and len(named) > 1 and \
                        ev.lemma in self.lethal_lemmas and contrast.get(a_imp) and \
                        not _other_in_subordinate(sent, placed, held, a_imp):
                    # both parties named, the killer's side stated: those it killed are of
                    # the other side ("X soldiers executed a dozen men accused of helping
                    # Y", "X troops fired on Y positions and killed two soldiers"), as when
                    # only the killer's side is named; not when the other party is the
                    # subject of a subordinate clause ("as Y troops retreated": maybe a
                    # bystander)
                    p_imp, pb = contrast[a_imp], "contrast"
                if not p_imp and (ev.lemma in self.lethal_lemmas or
                                  ev.lemma in self.intransitive_lemmas) \
                        and not aside and not (ag.text and sent.low[ag.a] in _POSS_PRON) \
                        and not _negated(sent.low, ev.i) and not _enemy_dead(sent.low, pa):
                    if sources is None:
                        sources = _source_side(sent, is_src, contrast)
                    # nothing else gives the dead a side, and the killer names none: the
                    # one party that reports them ("the X health ministry said 800 people
                    # had been killed", "X officials reported 40 deaths")
                    if sources:
                        p_imp, pb = sources, "source"
                basis = pb if pb and pb != "stated" else (
                    ab if ab and ab != "stated" else (pb or ab))
                append((doc_id, k, ev.lemma, text[start:end], ev.voice,
                        ag.text, aside, pa.text, pside, quoted, start, end, a_imp, p_imp, basis))
        return out

    def _prev_sentence_side(self, text, found, fstarts, *, ai_slot, k,
                            sents) -> tuple[str, str, str]:
        """Antecedent sides in sentence ``k - 1``: (for "it/its", for "they/their/them",
        for other pronouns).

        Each is the side of the first sided actor of that sentence (its subject, when the
        subject names one) that agrees with the pronoun: "it" and "they" skip persons,
        "it" also an actor followed by a plural noun ("M23 rebels"). An antecedent
        coordinated with an actor of another side ("X troops and Y fighters") gives ''
        (two equally near candidates); '' if none.
        """
        if k <= 0:
            return ("", "", "")
        s0, e0 = sents[k - 1]
        lo = bisect_left(fstarts, s0)
        hi = bisect_left(fstarts, e0, lo)
        info = self._actor_info
        hits = [(s, e, *info[ri]) for s, li, e, ri in found[lo:hi]
                if li == ai_slot and e <= e0 and info[ri][0]]
        out = [None, None, None]
        for n, (s, e, side, cat) in enumerate(hits):
            if n + 1 < len(hits) and hits[n + 1][2] != side and \
                    _COORD_GAP.fullmatch(text, e, hits[n + 1][0]):
                side = ""  # "X troops and Y fighters"
            if out[2] is None:
                out[2] = side
            if cat != "person":
                if out[1] is None:
                    out[1] = side
                if out[0] is None:
                    m = _NEXT_WORD.match(text, e)
                    w = m.group(1) if m else ""
                    if not (w.islower() and grammar.looks_plural(w) and w not in _NOT_NOUN):
                        out[0] = side
            if None not in out:
                break
        return tuple(o or "" for o in out)

    @staticmethod
    def _quote_third(sent, part) -> bool:
        """Whether a participant is a third-person plural pronoun ("they", "their
        homes") or a definite description headed by a group noun ("the soldiers"),
        with no actor in it."""
        low = sent.low
        if any(sent.actor[t] >= 0 for t in range(part.a, part.b + 1)):
            return False
        if low[part.a] in _PRON_THEY:
            return True
        return low[part.a] == "the" and part.b > part.a and \
            low[part.b] in grammar.GROUP_NOUNS

    def _description_side(self, sent, part, found, fstarts, ai_slot) -> str:
        """Side of a definite description ("the rebels", "the militias"): the side word
        right before the latest earlier mention of its head noun in the text ("M23
        rebels", "Sudanese army"); '' when there is none or it is mixed."""
        low, raw = sent.low, sent.raw
        if any(sent.actor[t] >= 0 for t in range(part.a, part.b + 1)):
            return ""
        head = -1
        for t in range(part.a + 1, part.b + 1):
            w = low[t]
            if w in _DESC_STOP or not w.isalpha() or not raw[t].islower():
                if w in ("and", "or"):  # "the army and its allies": the other conjunct's
                    return ""           # side is unknown
                break
            head = t
        if head < 0 or low[head] not in grammar.GROUP_NOUNS:
            return ""
        text = sent.text
        info = self._actor_info
        pat = re.compile(r"(?<![\w-])" + re.escape(low[head]) + r"(?![\w-])", re.I)
        for m in reversed(list(pat.finditer(text, 0, sent.off))):
            ms = m.start()
            lo = bisect_left(fstarts, ms - 60)
            hi = bisect_left(fstarts, m.end(), lo)
            sides = set()
            for s, li, e, ri in found[lo:hi]:
                if li != ai_slot:
                    continue
                if s <= ms and e >= m.end():  # "Sudanese army" is one actor term
                    sides.add(info[ri][0])
                elif e <= ms and _DESC_GAP.fullmatch(text, e, ms):
                    sides.add(info[ri][0])
            sides.discard("")
            if sides:
                return next(iter(sides)) if len(sides) == 1 else ""
        return ""

    # ------------------------------------------------------------ events
    def _span_info(self, ris: tuple[int, ...]) -> tuple[frozenset, str, str, str | None]:
        """(categories, lemma, lower-case term, static reading) of the violence rows
        matching one span (see :meth:`_static_reading`)."""
        cats = set()
        lemma = ""
        term = ""
        for ri in ris:
            t, cat, _side, can = self._viol_rows[ri]
            cats.add(cat)
            if cat not in ("weapon", "light_verb", "exclude") or not lemma:
                lemma, term = can, t
        cats = frozenset(cats)
        term = term.lower()
        return cats, lemma, term, self._static_reading(cats, term)

    def _static_reading(self, cats: frozenset, term: str) -> str | None:
        """The reading of an act with these categories and term: 'verb', 'noun', 'adj',
        'intr' or '' (not an act); None when it depends on the sentence (a required
        complement, or a form that is both a noun and a verb: then :meth:`_reading`)."""
        if "intransitive" in cats:
            return "intr"
        if "adjective" in cats:
            return "adj"
        verb = not cats.isdisjoint(_VERB_CATS)
        noun = not cats.isdisjoint(_NOUN_CATS) or "weapon" in cats
        if verb:
            if term in self.complement_required or noun:
                return None
            return "verb"
        if noun:
            return "noun" if not cats.isdisjoint(_NOUN_CATS) else ""
        return ""

    def _events(self, S: _Sent, vspans) -> list[_Event]:
        events = []
        statics = []  # static reading of each event (None: decided by _reading)
        # span metadata depends only on the rows matched: computed once per row tuple
        infos = self._span_infos
        starts = S.starts
        for s, e, ris in vspans:
            info = infos.get(ris)
            if info is None:
                info = infos[ris] = self._span_info(ris)
            cats, lemma, term, static = info
            if "exclude" in cats:
                continue
            i = bisect_right(starts, s) - 1
            j = bisect_right(starts, e - 1) - 1
            if i < 0 or j < i:
                continue
            if cats <= _MARK_CATS:
                for t in range(i, j + 1):
                    if "weapon" in cats:
                        S.weapon[t] = True
                    if "light_verb" in cats:
                        S.light[t] = True
                continue
            if "weapon" in cats:
                for t in range(i, j + 1):
                    S.weapon[t] = True
            events.append(_Event(i, j, s, e, lemma, cats, term))
            statics.append(static)
        act = S.act
        for idx, ev in enumerate(events):
            for t in range(ev.i, ev.j + 1):
                act[t] = idx
        keep = []
        # in order: an act dropped here is unmarked before the next reading is decided
        for ev, static in zip(events, statics):
            ev.reading = static if static is not None else self._reading(S, ev)
            if ev.reading == "verb" and static == "verb":
                ev.reading = _verb_in_context(S, ev, events)
            if ev.reading:
                keep.append(ev)
            else:
                for t in range(ev.i, ev.j + 1):
                    act[t] = -1
        if len(keep) < len(events):  # renumber (otherwise the marks are already right)
            for idx, ev in enumerate(keep):
                for t in range(ev.i, ev.j + 1):
                    act[t] = idx
        return keep

    def _reading(self, S: _Sent, ev: _Event) -> str:
        """'verb', 'noun' or '' (not an act) for a verb form whose reading depends on the
        sentence (:meth:`_static_reading` returned None): a required complement, or a
        form that is also a noun."""
        cats = ev.cats
        verb = True
        req = self.complement_required.get(ev.term)
        if req is not None:
            nx = _next_tok(S, ev.j + 1)
            verb = nx < S.n and (S.low[nx] in req or ("@weapon" in req and S.weapon[nx]))
            if not verb and "@weapon" in req:
                # a weapon after a quantity: "fired more than 20 rockets at X", "fired
                # thousands of rockets", "fired a barrage of rockets"
                m = nx
                while m < min(S.n, nx + 6) and (S.low[m] in _NP_RIGHT_WORDS or S.low[m] in
                                                 _APPROX or S.low[m][0].isdigit() or
                                                 S.low[m] in _QUANTITY_NOUNS):
                    m += 1
                verb = m > nx and m < S.n and S.weapon[m]
            if not verb and "@weapon" in req and not _PARTICIPLE_CATS.isdisjoint(cats):
                # a participle right after a weapon noun: "shells fired from X", "rockets
                # fired in the fighting" (a reduced relative)
                p = _prev_tok(S, ev.i - 1)
                verb = p >= 0 and S.weapon[p] and S.act[p] < 0
        noun = not cats.isdisjoint(_NOUN_CATS) or "weapon" in cats
        if verb and noun:
            reading = _noun_or_verb(S, ev, self.object_prepositions.get(ev.lemma))
        elif verb:
            return "verb"
        elif noun:
            reading = "noun"
        else:
            return ""
        if reading == "noun" and cats.isdisjoint(_NOUN_CATS):
            return ""  # a weapon noun ("shells"), not an act
        return reading

    # ------------------------------------------------------------ analysis
    def _analyse(self, S: _Sent, events: list[_Event], quotes, qstarts) -> None:
        ctx = _Ctx(self, S, events, quotes, qstarts)
        low, adv, act = S.low, S.adv, S.act
        for idx, ev in enumerate(events):
            ctx.cur = idx
            # coordination with the previous act: "shelled and destroyed", "dead and wounded"
            p = ev.i - 1
            while p >= 0 and low[p] in _QUOTES:  # _prev_tok
                p -= 1
            while p >= 0 and adv[p]:
                p -= 1
            if p >= 0 and low[p] in ("and", "or", ","):
                q = _prev_tok(S, p - 1)
                if q >= 0 and act[q] >= 0 and act[q] != idx:
                    prev = events[act[q]]
                    if prev.j == q:
                        ev.coord_prev = act[q]
            reading = ev.reading
            if reading == "noun":
                ctx.nominal(ev)
            elif reading == "adj":
                ctx.dead(ev)
            elif reading == "intr":
                ev.voice = "intransitive"
                ev.patient = ctx.subject(ev.i)
            else:
                ctx.verb(ev)
        ctx.post()


class _Ctx:
    """Analysis of the events of one sentence (private)."""

    def __init__(self, ext: AgencyExtractor, S: _Sent, events, quotes, qstarts):
        self.x = ext
        self.S = S
        self.events = events
        self.quotes = quotes
        self.qstarts = qstarts
        self.cur = 0
        # The noun-phrase word test of every token, computed once: it depends only on
        # the actor and act annotations, light verbs and readings, none of which change
        # during the analysis. Precedence: actor word, then act (a noun reading is a
        # noun-phrase word), then light verb (never), then the static word test.
        npw = list(S.wl)
        if any(S.light):
            for t, light in enumerate(S.light):
                if light:
                    npw[t] = False
        act = S.act
        for ev in events:
            for t in range(ev.i, ev.j + 1):
                k = act[t]
                if k >= 0:
                    npw[t] = events[k].reading == "noun"
        for a, b, _side, _cat in S.actors:
            for t in range(a, b + 1):  # every token of an actor span is marked (_Sent)
                npw[t] = True
        self.npw = npw
        self._subjects: dict[int, _Part] = {}
        self._parts: dict[tuple[int, int], _Part] = {}

    # ----------------------------------------------------------- token tests
    def np_word(self, k: int) -> bool:
        """Whether token ``k`` can be a word of a noun phrase (False out of range)."""
        return 0 <= k < self.S.n and self.npw[k]

    def np_start(self, k: int) -> bool:
        S = self.S
        if k < 0 or k >= S.n:
            return False
        t = S.low[k]
        if t in _QUOTES:
            return self.np_start(k + 1)
        if t in _NP_START_WORDS or t == "at" and k + 1 < S.n and S.low[k + 1] == "least":
            return True
        npw = self.npw  # np_word(k) is npw[k] for k inside the sentence
        if npw[k]:
            return True
        if S.adv[k] and k + 1 < S.n and (npw[k + 1] or self.modifier_ed(k + 1)):
            return True
        # (the -ed/-ing length test is modifier_ed's first condition, inlined)
        if t.endswith(_ED_ING) and len(t) > 4 and self.modifier_ed(k):
            return True
        return False

    def modifier_ed(self, k: int) -> bool:
        """An -ed/-ing word used as a modifier before a noun ("populated areas", "armed groups")."""
        S = self.S
        if k < 0 or k + 1 >= S.n:
            return False
        t = S.low[k]
        if not ((t.endswith("ed") or t.endswith("ing")) and len(t) > 4) or t in _ING_PREPS:
            return False
        if t in _VERBISH or S.act[k] >= 0 or S.light[k]:
            return False
        return self.npw[k + 1] and S.act[k + 1] < 0 or (S.actor[k + 1] >= 0)

    # ----------------------------------------------------------- noun phrases
    def np_left(self, j: int, *, preps=True) -> tuple[int, int] | None:
        """The noun phrase ending at token ``j`` (inclusive)."""
        S = self.S
        low, act, actor, adv, light = S.low, S.act, S.actor, S.adv, S.light
        npw = self.npw  # indices below are inside the sentence (checked before use)
        while j >= 0 and low[j] in _QUOTES:
            j -= 1
        if j < 0:
            return None
        t = low[j]
        if t == ")":
            j = self._paren_left(j)
            if j < 0:
                return None
            t = low[j]
        if not (self.np_word(j) or t in _DEM_HEADS or (t == "other" and j > 0)):
            return None
        if t in _DEM_HEADS and t != "others":
            return j, j  # "those who died"
        a = j
        k = j - 1
        seen_and = False
        ands: list[int] = []
        steps = 0
        while k >= 0 and steps < 30:
            steps += 1
            t = low[k]
            if t in _HYPHENS and k > 0 and low[k - 1][0].isalnum() and \
                    S.ends[k - 1] == S.starts[k]:
                a = k - 1  # inside a hyphenated compound: "state-of-the-art"
                k -= 2
                continue
            if t in _QUOTES_HYPHENS:
                k -= 1
                continue
            if low[a] in _ARTICLES and a < j and t not in _AFTER_ARTICLE_LEFT:
                break  # a phrase starts at its article: "A bomber rammed a car"
            if t == ")":
                k = self._paren_left(k)
                if k < 0:
                    break
                continue
            if npw[k] or t in _NP_LEFT_WORDS:
                if k < j and k > 0 and actor[k] < 0 and t not in _NP_LEFT_WORDS and \
                        low[k - 1] in _AUX_WORDS:
                    break  # a word after an auxiliary is a verb: "has used fighter jets"
                a = k
                k -= 1
                continue
            if t in _NP_LEFT_APPROX or (t == "at" and a < S.n and low[a] == "least"):
                a = k
                k -= 1
                continue
            if preps and t in _NP_LEFT_PREPS and k > 0 and (
                    npw[k - 1] or low[k - 1] in _DEM_HEADS) and low[a] not in _TIME:
                a = k
                k -= 1
                continue
            if t in ("and", "or") and k > 0 and npw[k - 1] and act[k - 1] < 0:
                seen_and = True
                ands.append(k)
                a = k
                k -= 1
                continue
            if t == "," and seen_and and k > 0 and npw[k - 1]:
                a = k
                k -= 1
                continue
            if (t.endswith("ed") or t.endswith("ing")) and t not in _VERBISH and act[k] < 0 \
                    and not light[k] and k > 0 and (
                    low[k - 1] in _DET or actor[k - 1] >= 0 or adv[k - 1]
                    or low[k - 1][0].isdigit() or npw[k - 1]
                    or (low[k - 1] == "and" and k > 1 and npw[k - 2] and act[k - 2] < 0)):
                a = k
                k -= 1
                continue
            break
        while a < j and low[a] in _NP_LEFT_TRIM:  # prepositions, and/or, quotes, time words
            a += 1
        if ands and a > 0 and low[a - 1] in _PREP and "," in low[a:ands[0]]:
            # "On the X side, nine soldiers and two officers": the first item is a
            # prepositional adjunct, not a member of the list
            a = low.index(",", a, ands[0]) + 1
        if ands:
            before = _prev_tok(S, a - 1)
            if before >= 0 and (low[before] == "by" or act[before] >= 0
                                or low[before] in _VERBISH):
                # "was hit by a missile and five people died": not one coordinated subject
                a = ands[0] + 1
        return a, j

    def _act_phrase(self, k: int) -> bool:
        """Whether the noun phrase starting at ``k`` is headed by an act noun (before
        its first preposition)."""
        S = self.S
        for m in range(k, min(S.n, k + 6)):
            t = S.low[m]
            if S.act[m] >= 0:
                ev = self.events[S.act[m]]
                nx = ev.j + 1
                return ev.reading == "noun" and (nx >= S.n or not self.npw[nx]
                                                 or S.low[nx] in _PREP)
            if not (self.npw[m] or t in _DET or t in _POSS or S.adv[m]) or t in _PREP:
                return False
        return False

    def _paren_left(self, k: int) -> int:
        """The token before a short parenthesis that ends at ``k`` (")") when a noun
        phrase word precedes it ("the X Forces (XF)"), else -1."""
        low = self.S.low
        m = k - 1
        while m > k - 7 and m >= 0 and low[m] not in _PUNCT_STOP and low[m] != ",":
            m -= 1
        if 0 < m < k - 1 and low[m] == "(" and self.npw[m - 1]:
            return m - 1
        return -1

    def np_right(self, k: int, *, preps=_PATIENT_PREPS_NP) -> tuple[int, int] | None:
        """The noun phrase starting at token ``k``."""
        S = self.S
        low, actor, act, raw, adv, light = S.low, S.actor, S.act, S.raw, S.adv, S.light
        n = S.n
        npw = self.npw  # np_word(k) is (k >= 0 and npw[k]) inside the loop
        a = b = -1
        steps = 0
        while k < n and steps < 30:
            steps += 1
            t = low[k]
            if t in _QUOTES_HYPHENS:
                k += 1
                continue
            # (the rarest condition, a determiner next, is tested first)
            if a >= 0 and k + 1 < n and low[k + 1] in _DET_NP_POSS and actor[k] < 0 and \
                    act[k] < 0 and raw[k][0].islower() and (k >= 0 and npw[k]) and \
                    t[0].isalpha() and low[k + 1] not in (
                        "all", "both", "each", "such", "more", "most", "other", "many",
                        "several", "few", "some", "any", "no"):
                break  # "strikes by X hit the town": an unknown verb ends the phrase
            if (k >= 0 and npw[k]) or t in _NP_RIGHT_WORDS:  # determiners, possessives, approx.
                if a < 0:
                    a = k
                b = k
                k += 1
                continue
            if t == "at" and k + 1 < n and low[k + 1] == "least":
                if a < 0:
                    a = k
                k += 1
                continue
            if adv[k] and k + 1 < n and self.modifier_ed(k + 1):
                if a < 0:
                    a = k
                b = k
                k += 1
                continue
            # (the -ed/-ing length test is modifier_ed's first condition, inlined)
            if t.endswith(_ED_ING) and len(t) > 4 and self.modifier_ed(k) and (
                    a < 0 or low[b] in _DET or low[b] in _POSS or adv[b]
                    or (actor[b] >= 0 and S.actors[actor[b]][3] in _ADJ_CATS)):
                if a < 0:
                    a = k
                b = k
                k += 1
                continue
            if a >= 0 and t in preps and k + 1 < n and self.np_start(k + 1):
                if self._act_phrase(k + 1):
                    break  # "40 officers in the deadliest attack on X": another act
                k += 1
                continue
            if a >= 0 and k + 2 < n and act[k] < 0 and actor[k] < 0 and low[k + 1] in (
                    "to", "with") and (t in _LINK_ADJ or (
                    t.endswith(_ED_ING) and len(t) > 4 and t not in _VERBISH
                    and t not in _PREP)) and self.np_start(k + 2):
                k += 2  # "gunmen belonging to X", "men associated with X", "loyal to X"
                continue
            if a >= 0 and k + 1 < n and act[k] < 0 and actor[k] < 0 and t.endswith("ing") \
                    and len(t) > 4 and t not in _VERBISH and t not in _PREP \
                    and t not in _ING_NOUNS and not light[k] and self.np_start(k + 1) \
                    and low[k + 1] not in _TIME:
                k += 1  # a participle modifier with its object: "a bus carrying X"
                continue
            if a >= 0 and t in ("and", "or") and k + 1 < n and self.np_start(k + 1) \
                    and not self._clause_after(k + 1):
                k += 1
                continue
            if a >= 0 and t == "," and k + 1 < n and self._list_continues(k + 1):
                k += 1
                continue
            break
        if a < 0:
            return None
        # time adverbials are not part of the phrase ("sites in X overnight", "the area on Monday")
        while b > a and (low[b] in _TIME or low[b][0].isdigit() and b > a and
                         low[b - 1] in ("in", "on", "since", "of")):
            b -= 1
            while b > a and low[b] in _NP_RIGHT_TRIM:
                b -= 1
        if low[a] in _TIME:
            return None
        return a, b

    def _clause_after(self, k: int) -> bool:
        """Whether the noun phrase at token ``k`` (after "and"/"or") is the subject of a
        new clause: a finite verb follows it ("attacking civilian infrastructure and Baku
        insisted ...", "killed 30 people and X fired rockets")."""
        S = self.S
        low, npw, actor, act = S.low, self.npw, S.actor, S.act
        m = k
        while m < min(S.n, k + 6) and act[m] < 0 and (
                npw[m] or actor[m] >= 0 or low[m] in _DET_NP_POSS or low[m] == "'s"):
            m += 1
        if m == k or m >= S.n:
            return False
        w = low[m]
        if w in _VERBISH or w in _BE or w in _HAVE or w in _MODALS:
            return w not in _NOT_FINITE_AFTER_NP
        if act[m] < 0:
            return False
        ev = self.events[act[m]]
        if ev.i != m or ev.reading != "verb":
            return False
        # an act verb; a participle only with an object ("and Y shelled Z", not "and Y
        # killed in the strike")
        return _PARTICIPLE_CATS.isdisjoint(ev.cats) or m + 1 < S.n and self.np_start(m + 1)

    def _list_continues(self, k: int) -> bool:
        """After a comma: a list item ("Vardenis, Goris and Jermuk") rather than a new clause."""
        S = self.S
        if not grammar.is_capitalised(S.raw[k]) or S.low[k] in _PRON:
            return False
        for m in range(k, min(S.n, k + 8)):
            t = S.low[m]
            if t in ("and", "or"):
                return True
            if t in _PUNCT_STOP or t in _VERBISH or t in _BE or t in _HAVE or t in _MODALS:
                return False
        return False

    # ----------------------------------------------------------- participants
    def appos(self, part: _Part) -> _Part:
        """A phrase with no side followed by an apposition that has one ("Jilib, the X
        stronghold, ...") takes the apposition's side."""
        S = self.S
        if not part.text or part.side or part.b + 2 >= S.n or S.low[part.b + 1] != "," \
                or S.low[part.b + 2] not in _ARTICLES:
            return part
        span = self.np_right(part.b + 2, preps=frozenset())
        if span is None:
            return part
        nx = span[1] + 1
        if nx < S.n and S.low[nx] not in (",",) and S.low[nx] not in _PUNCT_STOP:
            return part
        side = self.side_of(span[0], span[1])
        return _Part(part.text, side, part.a, part.b) if side else part

    def part(self, span, *, exclude=None) -> _Part:
        if span is None:
            return _NONE
        if exclude is None:  # memoised: depends only on the span
            got = self._parts.get(span)
            if got is None:
                a, b = span
                S = self.S
                got = self._parts[span] = _Part(S.text[S.starts[a]:S.ends[b]],
                                                self.side_of(a, b, None), a, b)
            return got
        a, b = span
        S = self.S
        return _Part(S.text[S.starts[a]:S.ends[b]], self.side_of(a, b, exclude), a, b)

    def side_of(self, a: int, b: int, exclude=None) -> str:
        S = self.S
        # sides of the actor terms in the span (one look-up per distinct actor)
        ks = S.actor[a:b + 1] if a >= 0 else [S.actor[t] for t in range(a, b + 1)]
        if ks.count(-1) < len(ks):  # an actor word in the span (marks are -1 or >= 0)
            actors = S.actors
            sides = {actors[k][2] for k in set(ks) if k >= 0}
            sides.discard("")
            if len(sides) == 1:
                return sides.pop()
            if sides:
                # "Fighters of X's armed group": a place as possessor of another actor
                # names where the actor is from, not its side
                low = S.low
                kept = {actors[k][2] for k in set(ks) if k >= 0 and not (
                    actors[k][3] in _PLACE_CATS and actors[k][1] + 2 < S.n
                    and low[actors[k][1] + 1] == "'s" and S.actor[actors[k][1] + 2] >= 0)
                    and not self._backer(actors[k][1])}
                kept.discard("")
                return kept.pop() if len(kept) == 1 else ""
        low = S.low
        if a >= 0 and _POSS_PRON.isdisjoint(low[a:b + 1]):
            return ""  # no pronoun (the loop below would find none)
        for t in range(a, b + 1):
            if low[t] in _POSS or low[t] in _PRON:
                return self.resolve(t, exclude)
        return ""

    def _backer(self, b: int) -> bool:
        """Whether the actor ending at token ``b`` only qualifies another one as its
        backer ("X-backed Y militias", "Y, backed by X"): it is not the head's side."""
        S = self.S
        low = S.low
        if b + 2 < S.n and low[b + 1] in _HYPHENS and low[b + 2] in _BACKED:
            return True
        p = b
        while p >= 0 and S.actor[p] == S.actor[b]:
            p -= 1
        while p >= 0 and low[p] in _ARTICLES:
            p -= 1
        return p >= 1 and low[p] == "by" and low[p - 1] in _BACKED

    def resolve(self, t: int, exclude=None) -> str:
        """Side of the pronoun at token ``t`` (see module notes)."""
        S = self.S
        low = S.low[t]
        if low in _FIRST:
            pos = S.starts[t]
            k = bisect_right(self.qstarts, pos) - 1
            if k < 0 or not (self.quotes[k].inner_start <= pos < self.quotes[k].inner_end):
                return ""
            qs = self.quotes[k].start
            best = ""
            for (a, b, side, _cat) in S.actors:
                if S.ends[b] <= qs and side:
                    best = side
            return best
        if t >= 2 and low in _POSS and S.low[t - 1] in ("and", "or"):
            # "the army and its allies": the possessor is the first conjunct
            span = self.np_left(t - 2, preps=False)
            if span is not None and not (exclude and exclude[0] <= span[0]
                                         and span[1] <= exclude[1]):
                return self.side_of(span[0], span[1])
        if low in _PRON_SUBJ or low == "it":
            got = self._reported_subject(t, low)
            if got is not None:
                return got
        elif low in _POSS_3RD:
            got = self._reported_subject(t, low, pron=True)
            if got:  # a subject with no side word leaves the possessor to the nearest actor
                return got
        cands = [(a, b, side) for (a, b, side, c) in S.actors
                 if b < t and side and not (exclude and exclude[0] <= a and b <= exclude[1])
                 and not (c in _ADJ_CATS and not S.low[b].endswith("s") and b + 1 < S.n
                          and self.np_word(b + 1)
                          and not (low in _PLURAL_PRON and self._plural_head(a, b, c)))
                 and not (low in _SING_PRON
                          and not grammar.agrees(low, plural=self._plural_head(a, b, c)))
                 and not (c in _PLACE_CATS and self._in_locative(a))]
        if not cands:
            return ""
        a, b, side = cands[-1]
        if low in _PLURAL_PRON and len(cands) >= 2:
            a2, b2, side2 = cands[-2]
            between = [S.low[m] for m in range(b2 + 1, a)]
            if between and all(w in ("and", ",", "both", "the") for w in between) and \
                    "and" in between and side2 != side:
                return ""
        return side

    def _in_locative(self, a: int) -> bool:
        """Whether the phrase starting at token ``a`` is the object of a preposition of
        place ("stormed a hotel in X, where they ..."): not an antecedent."""
        low = self.S.low
        p = _before_articles(low, a - 1)
        while p >= 1 and low[p] in _COMPASS:
            p = _before_articles(low, p - 1)  # "into northern X"
        return p >= 0 and (low[p] in _LOCATIVE or low[p] in _INTO)

    def _plural_head(self, a: int, b: int, cat: str) -> bool:
        """Whether the actor at ``a..b`` heads or modifies a plural noun ("X fighters",
        plural demonyms): not an antecedent of "it"/"its"."""
        S = self.S
        if cat in _ADJ_CATS and S.low[b].endswith("s"):
            return True
        nx = b + 1
        if nx < S.n and S.actor[nx] < 0 and S.act[nx] < 0 and self.npw[nx] and \
                S.raw[nx][0].islower() and grammar.looks_plural(S.low[nx]):
            while nx + 1 < S.n and S.actor[nx + 1] < 0 and self.npw[nx + 1] and \
                    S.raw[nx + 1][0].islower():
                nx += 1
            return grammar.looks_plural(S.low[nx])
        return False

    def _reported_subject(self, t: int, low: str, pron: bool = False) -> str | None:
        """Side of a subject pronoun or possessive right after a reporting verb ("X said
        (on Monday) (that) it ...", "X denied that his country ..."): the reporting verb's
        subject; None when that rule does not apply (no reporting verb, a plural subject
        for "it", or a pronoun subject unless ``pron`` and it has a side: "he said ... and
        denied that his country ...")."""
        S = self.S
        p = t - 1
        if p >= 0 and S.low[p] == "that":
            p -= 1
        if p >= 1 and S.low[p] in _TIME and S.low[p - 1] in ("on", "last", "this", "in"):
            p -= 2
        if p < 0 or S.low[p] not in _REPORT_VERBS:
            return None
        subj = self.subject(p)
        if not subj.text or S.low[subj.a] in _POSS_PRON and not (pron and subj.side):
            return None
        # number agreement of it/they with a common noun (an actor's number is not known)
        if (low in _SING_PRON or low in _PLURAL_PRON) and S.actor[subj.b] < 0 and \
                not grammar.agrees(low, plural=S.low[subj.b].endswith("s")):
            return None
        return subj.side

    def pron_part(self, t: int, exclude=None) -> _Part:
        S = self.S
        return _Part(S.raw[t], self.resolve(t, exclude), t, t)

    # ----------------------------------------------------------- subjects
    def aux_scan(self, i: int):
        """Skip the verb group left of token ``i``; return (index left of it, nearest aux)."""
        S = self.S
        low, adv = S.low, S.adv
        j = i - 1
        aux = ""
        aux_kind = _AUX_KIND
        while j >= 0:
            t = low[j]
            if t in _QUOTES or adv[j] or t in _NEG_NOT_NO or \
                    t == "only" and j > 0 and low[j - 1] in aux_kind:
                j -= 1  # "only" is an adverb right after an auxiliary: "had only targeted"
                continue
            kind = aux_kind.get(t)  # "be", "get", "have", "modal" or None
            if kind is None:
                break
            aux = aux or kind
            j -= 1
        return j, aux

    def subject(self, i: int, depth: int = 0) -> _Part:
        """The subject (or controller) of the verb whose first token is ``i``.

        Memoised per token at the top level: the subject depends only on the
        sentence's tokens and annotations, which do not change during the analysis.
        """
        if depth == 0:
            memo = self._subjects
            got = memo.get(i)
            if got is None:
                got = memo[i] = self._subject(i, 0)
            return got
        return self._subject(i, depth)

    def _subject(self, i: int, depth: int) -> _Part:
        S = self.S
        if depth > 4:
            return _NONE
        j, _aux = self.aux_scan(i)
        if j < 0:
            return _NONE
        t = S.low[j]
        if t not in _SUBJ_MARKERS:  # none of the special cases below (the common case)
            if t in _REPORT_VERBS:
                r = self._reported_relative(j)
                if r >= 0:
                    # "an X airstrike that officials said killed 15": the relative's
                    # subject, past the reporting clause inside it
                    return self._relative_subject(r, depth)
            if t == ",":
                if S.act[i] >= 0 and "verb_3sg" in self.events[S.act[i]].cats:
                    # headline coordination: "X says it shot down a drone, captures pilot"
                    return self._coord_subject(j, depth)
                return self._subject_before_parenthetical(j)
            span = self.np_left(j)
            if span is not None and all(S.low[k] in _TIME or S.low[k] in _DET
                                        for k in range(span[0], span[1] + 1)):
                # a time adverbial is never the subject: "X wounded in Y on Monday died"
                p = _prev_tok(S, span[0] - 1)
                if p >= 1 and S.low[p] in _TIME_ADV_PREPS:
                    return self.subject(p, depth + 1)
                if p < 0 or S.low[p] in _TIME_ADV_PREPS:
                    return _NONE
            return self.subj_part(self._before_reduced_relative(
                self._before_relative(self._postmodified(span))))
        if t == "to":
            p = j - 1
            while p >= 0 and (S.adv[p] or S.low[p] in _QUOTES):
                p -= 1
            if p < 0:
                return _NONE
            if self.verbish(p):
                if S.low[p].endswith("ing"):
                    # "accused X of threatening to strike": the -ing verb's controller
                    return self.controller(p)
                return self.subject(p, depth + 1)
            span = self.np_left(p)
            if span is not None:
                before = _prev_tok(S, span[0] - 1)
                while before >= 2 and S.low[before - 1] in _HYPHENS:
                    before = _prev_tok(S, before - 3)  # a compound: "using X-made drones"
                for u in range(span[0], span[1]):
                    if S.low[u] in _INSTRUMENT_VERBS:
                        before = u  # read into the phrase as a modifier: "used drones"
                        break
                if before >= 0 and S.low[before] in _INSTRUMENT_VERBS:
                    # purpose infinitive after an instrument: "X used jets to bomb Y"
                    return self.subject(before, depth + 1)
            return self.subj_part(span)
        if t in _REL:
            return self._relative_subject(j, depth)
        if t in _PRON:
            return self.pron_part(j)
        if t in ("and", "or"):
            p = j - 1
            span = self.np_left(p)
            if span is not None:
                p = span[0] - 1
                # the previous verb's object may itself be coordinated: "had downed two
                # helicopters and three drones and had destroyed ..."
                while p >= 1 and S.low[p] in ("and", "or", ","):
                    more = self.np_left(p - 1)
                    if more is None or more[0] > p - 1:
                        break
                    p = more[0] - 1
            if p >= 0 and S.low[p][0].isalpha() and S.low[p] not in _PREP and \
                    S.low[p] not in _DET:
                return self.subject(p, depth + 1)
            return self._coord_subject(j, depth)
        if t in _PRED_ADJ:
            return self.subject(j, depth + 1)
        return self.subj_part(self.np_left(j))

    def _relative_subject(self, j: int, depth: int) -> _Part:
        """The subject of a verb whose clause opens with the relative pronoun at token
        ``j``: the act noun's agent for an act antecedent ("X's attack on Y that killed
        300"), else the antecedent phrase."""
        S = self.S
        p = j - 1
        if p >= 0 and S.low[p] == ",":
            p -= 1
        ev_noun = self._event_antecedent(p)
        if ev_noun is not None:
            return ev_noun.agent
        part = self.part(self.np_left(p, preps=False))
        if part.text and not part.side and part.a >= 1 and S.low[part.a - 1] in _BE:
            # predicate noun: "X is a warlord who has shelled ...": the side of X
            subj = self.subject(part.a - 1, depth + 1)
            if subj.side:
                return _Part(part.text, subj.side, part.a, part.b)
        return part

    def _not_a_subject(self, span) -> bool:
        """Whether the noun phrase ``span`` is the object of a preposition or of a verb
        in the past (not a reporting or subordinating word), so that a participle after it
        cannot be its verb: "the body of a teenager killed during clashes", "mourned a
        boy killed in the raid" (not "said gunmen killed", "after militants killed")."""
        S = self.S
        b = _prev_tok(S, span[0] - 1)
        if b < 0:
            return False
        t = S.low[b]
        if t in _PREP:  # not one that opens a clause: "after militants killed ..."
            return t not in _CLAUSE_PREPS
        return (t.endswith("ed") and len(t) > 4 and t not in _VERBISH and t not in _REPORTED
                and t not in _REPORT_VERBS and t not in _TELL and S.actor[b] < 0
                and S.act[b] < 0)

    def _reported_relative(self, j: int) -> int:
        """For the reporting verb at token ``j`` right before another verb: the relative
        pronoun opening "that officials said", "which the ministry says" (the reporter
        between them, a noun phrase or a pronoun), else -1."""
        S = self.S
        k = j - 1
        if k < 0:
            return -1
        if S.low[k] in _PRON:
            r = k - 1
        else:
            span = self.np_left(k, preps=False)
            if span is None or span[1] != k:
                return -1
            r = span[0] - 1
        return r if r >= 1 and S.low[r] in ("that", "which") else -1

    def _before_relative(self, span):
        """The head of a subject that a relative clause modifies: "fighters who have
        regrouped in the north attacked X" is the fighters, not "the north". Only when the
        phrase before the verb ends the relative clause (after a preposition or an act
        verb: its object), with no punctuation, conjunction or reporting verb between it
        and "who"/"which"."""
        if span is None:
            return None
        S = self.S
        low = S.low
        b = _prev_tok(S, span[0] - 1)
        if b < 1 or not (low[b] in _PREP or S.act[b] >= 0 and
                         self.events[S.act[b]].reading == "verb"):
            return span
        for m in range(b - 1, max(-1, b - 10), -1):
            t = low[m]
            if t in _PUNCT_STOP or t == "," or t in _QUOTES or t in _CONJ or \
                    t in _REPORT_VERBS or t in _TELL:
                return span
            if t in ("who", "which"):
                head = self.np_left(m - 1) if m >= 1 else None
                return head if head is not None and m - 1 - head[1] <= 0 else span
        return span

    def _before_reduced_relative(self, span):
        """The head of a subject that a participle phrase modifies: "a soldier wounded in
        an ambush near X died" is the soldier, not "an ambush near X". Only when the
        phrase before the verb is a preposition's object, the prepositional phrases lead
        back (without punctuation, conjunction or another verb) to a past participle of
        an act right after a noun phrase."""
        if span is None:
            return None
        S = self.S
        low = S.low
        b = _prev_tok(S, span[0] - 1)
        if b >= 0 and low[b] in _CLAUSE_PREPS:
            # "as"/"after" + phrase + verb opens a clause: "30 Killed as X Fighters Raid
            # Village" (headline: X fighters raid), not "a soldier wounded in Y died"
            return span
        for _ in range(4):
            if b < 2 or low[b] not in _PREP:
                return span
            m = _prev_tok(S, b - 1)
            if m >= 1 and S.act[m] >= 0:
                ev = self.events[S.act[m]]
                if ev.reading != "verb" or ev.j != m or ev.i < 1 or \
                        _PARTICIPLE_CATS.isdisjoint(ev.cats) or \
                        ev.lemma in self.x.intransitive_lemmas:
                    # "died" is no passive participle: "40 people died after X jets
                    # bombed Y" (X jets bombed)
                    return span
                q = _prev_tok(S, ev.i - 1)
                if q < 0 or low[q] in _AUX_WORDS or S.adv[q] or low[q] in _REL:
                    return span
                head = self.np_left(q)
                return head if head is not None and head[1] == q else span
            inner = self.np_left(m) if m >= 0 else None
            if inner is None:
                return span
            b = _prev_tok(S, inner[0] - 1)
        return span

    def _postmodified(self, span):
        """Extend a subject phrase to the left over a participle or linking adjective and
        its preposition: "militias backed by X", "fighters loyal to X" (the head is the
        phrase before)."""
        if span is None:
            return None
        S = self.S
        low = S.low
        p = _prev_tok(S, span[0] - 1)
        if p < 2 or low[p] not in ("by", "to", "with"):
            return span
        q = p - 1
        t = low[q]
        if S.act[q] >= 0 or S.actor[q] >= 0 or not (
                t in _LINK_ADJ or t in _BACKED or (t.endswith("ed") and t not in _VERBISH)):
            return span
        head = self.np_left(q - 1)
        if head is None:
            return span
        return head[0], span[1]

    def _subject_before_parenthetical(self, j: int) -> _Part:
        """Subject before a parenthetical that ends with the comma at ``j`` ("X, backed
        by Y, has used", "X, the Y, killed"): the phrase before the opening comma."""
        S = self.S
        low = S.low
        verb = False
        for m in range(j - 1, max(-1, j - 16), -1):
            t = low[m]
            if t in _PUNCT_STOP or t in _QUOTES:
                return _NONE
            if S.act[m] >= 0 and self.events[S.act[m]].reading == "verb" or t in _VERBISH:
                verb = True
            if t == ",":
                if verb and low[m + 1] not in _REL:
                    return _NONE  # a clause, not a parenthetical ("which has killed ...")
                span = self.np_left(m - 1)
                if span is None:
                    return _NONE
                before = _prev_tok(S, span[0] - 1)
                if before >= 0 and (low[before] in _PREP or low[before] == ","):
                    return _NONE
                return self.subj_part(span)
        return _NONE

    def _coord_subject(self, j: int, depth: int) -> _Part:
        """Subject of a coordinated verb after an object and prepositional phrases: the
        subject of the nearest earlier verb ("X entered the town on Thursday and killed
        ..."); ``j`` is the coordinator."""
        S = self.S
        for k in range(j - 1, max(-1, j - 14), -1):
            t = S.low[k]
            if t == "," and k == j - 1:
                continue  # "shelled the suburbs, and then stormed"
            if t in _PUNCT_STOP or t == "," or t in _REL or t in _CONJ:
                return _NONE
            if S.act[k] >= 0:
                e = self.events[S.act[k]]
                if e.reading == "verb" and e.j == k:
                    if S.act[k] < self.cur and e.voice == "active" and e.agent.text:
                        return e.agent  # its controller ("began shelling X, and then")
                    return self.subject(e.i, depth + 1)
                continue
            if S.actor[k] >= 0:
                continue
            if t in _VERBISH or (t.endswith("ed") and len(t) > 4 and k > 0
                                 and S.low[k - 1] not in _DET_NP_POSS
                                 and S.low[k - 1] not in _PREP):
                return self.subject(k, depth + 1)
        return _NONE

    def clause_subject(self, k: int) -> _Part:
        """Subject of the nearest verb left of token ``k`` in the same clause (for a
        participial adjunct: "X rammed a truck into the gate, killing 15")."""
        S = self.S
        low = S.low
        found = -1  # the leftmost verb of the clause is its main verb
        for m in range(k - 1, max(-1, k - 30), -1):
            t = low[m]
            if t in _PUNCT_STOP or t in _REL or t in _CONJ_NOT_AND or t in _QUOTES:
                break
            if S.actor[m] >= 0 or S.act[m] >= 0 or S.light[m]:
                continue
            if t in _VERBISH or t in _IRREGULAR_PAST or (
                    t.endswith("ed") and len(t) > 4 and m > 0
                    and low[m - 1] not in _DET_NP_POSS and low[m - 1] not in _PREP
                    and not (m + 1 < S.n and self.npw[m + 1] and low[m - 1] in (",", "and"))):
                found = m
        return self.subject(found) if found >= 0 else _NONE

    def subj_part(self, span) -> _Part:
        """Participant of a subject phrase (see :meth:`np_part`). An act noun heading the
        phrase gives the side of its own agent ("An X strike near a school in Y killed"
        has X's side; "An air strike on a market in Y killed" has none); a phrase whose
        sides are mixed takes the side of its head before a locative phrase."""
        part = self.np_part(span)
        if not part.text:
            return part
        S = self.S
        low, act = S.low, S.act
        for m in range(part.a, part.b + 1):
            t = low[m]
            if t in _PREP or t == ",":
                if not part.side and t in _LOCATIVE and m > part.a:
                    head = self.side_of(part.a, m - 1)
                    if head:
                        return _Part(part.text, head, part.a, part.b)
                break
            k = act[m]
            if k >= 0 and k < self.cur:
                ev = self.events[k]
                nx = ev.j + 1
                if ev.reading == "noun" and ev.i >= part.a and (
                        nx > part.b or low[nx] in _PREP or low[nx] == ","):
                    side = ev.agent.side if ev.agent.text else ""
                    return _Part(part.text, side, part.a, part.b)
        return part

    def _event_antecedent(self, p: int):
        """The act noun heading the phrase that ends at token ``p`` (the antecedent of a
        relative pronoun), looking back over its of/on/in-phrases: "the bombardment of
        Dhamar", "the attack on Hama"; None when the phrase has no act noun."""
        S = self.S
        k = p
        for _chunk in range(3):
            if k < 0:
                return None
            if S.act[k] >= 0:
                ev = self.events[S.act[k]]
                if ev.reading == "noun" and ev.j == k and S.act[k] < self.cur:
                    return ev
                return None
            span = self.np_left(k, preps=False)
            if span is None:
                return None
            a = span[0]
            for m in range(span[0], span[1] + 1):
                if S.act[m] >= 0:
                    ev = self.events[S.act[m]]
                    return ev if ev.reading == "noun" and S.act[m] < self.cur else None
            k = a - 1
            if k < 0 or S.low[k] not in ("of", "on", "in", "against", "upon", "near"):
                return None
            k -= 1
        return None

    def np_part(self, span) -> _Part:
        """Participant of a subject phrase; an apposition takes the side of its anchor."""
        S = self.S
        part = self.part(span)
        if part.text and not part.side and S.low[part.a] in ("the", "a", "an") and part.a >= 2 \
                and S.low[part.a - 1] == "," and S.actor[part.a - 2] >= 0:
            # apposition: "Polad Gashimov, the highest ranking official to be killed"
            # (not an introductory phrase: "In X, the army said")
            anchor = self.np_left(part.a - 2, preps=False)
            before = _prev_tok(S, anchor[0] - 1) if anchor is not None else -1
            if before < 0 or S.low[before] not in _PREP:
                part = _Part(part.text, S.actors[S.actor[part.a - 2]][2], part.a, part.b)
        return part

    def verbish(self, k: int) -> bool:
        S = self.S
        t = S.low[k]
        if t in _VERBISH or S.light[k] or t in _PRED_ADJ:
            return True
        if S.act[k] >= 0:
            return self.events[S.act[k]].reading == "verb"
        return (t.endswith("ed") and len(t) > 4) or t in _BE or t in _HAVE

    def main_subject_after(self, k: int) -> _Part:
        """First actor phrase after token ``k`` that is followed by a verb (main clause subject)."""
        S = self.S
        for (a, b, side, _cat) in S.actors:
            if a <= k:
                continue
            nx = b + 1
            while nx < S.n and S.adv[nx]:
                nx += 1
            if nx < S.n and (self.verbish(nx) or S.low[nx] in _MODALS or (
                    S.low[nx].endswith("s") and S.low[nx].isalpha() and not self.np_word(nx)
                    or S.low[nx].endswith("s") and S.act[nx] < 0 and S.actor[nx] < 0
                    and S.low[nx] not in _PREP and S.low[nx].isalpha() and S.low[nx] != "is"
                    and not S.raw[nx][0].isupper())):
                return _Part(S.span_text(a, b), side, a, b)
        return _NONE

    def prev_agent(self) -> _Part:
        """Agent of the nearest earlier act in the sentence that has one."""
        for m in range(self.cur - 1, -1, -1):
            ev = self.events[m]
            if ev.agent.text and ev.voice in ("active", "nominal", "passive_agent"):
                return ev.agent
        return _NONE

    def controller(self, i: int) -> _Part:
        """Agent of a verb (act or light verb) whose first token is ``i``."""
        S = self.S
        low = S.low
        ing = low[i].endswith("ing")
        p = i - 1
        while p >= 0 and (low[p] in _QUOTES or S.adv[p]):  # quotes and adverbs
            p -= 1
        # the auxiliary matters only after "having" or for an -ing form
        aux = self.aux_scan(i)[1] if ing or (p >= 0 and low[p] == "having") else ""
        if aux == "have" and p >= 0 and low[p] == "having":
            # "accused each other of having violated"
            q = _prev_tok(S, p - 1)
            if q >= 0 and S.low[q] in ("of", "for", "by", "after"):
                return self._gerund_controller(q)
        if ing and aux != "be":
            if p < 0:
                return self.main_subject_after(i)
            lp = S.low[p]
            if lp in (",", "including", "thereby", "while"):
                got = self.prev_agent()
                if not got.text and lp == ",":
                    got = self.clause_subject(p)
                return got
            if lp == "and" and self.prev_agent():
                # "By committing X, killing Y and refusing ..." / ", killing X and wounding Y"
                return self.prev_agent()
            if lp in ("by", "after", "before", "without", "upon", "through", "when"):
                q = _prev_tok(S, p - 1)
                if q < 0:
                    return self.main_subject_after(i)
                return self.prev_agent() or self.subject(q + 1)
            if lp in ("of", "for", "from", "about", "in", "at"):
                return self._gerund_controller(p)
            if lp in _ASPECTUAL or lp in _GERUND_REPORT:
                return self.subject(p)  # "X began shelling", "X denied attacking"
        return self.subject(i)

    def _gerund_controller(self, p: int) -> _Part:
        """Controller of a gerund after the preposition at ``p`` ("accused X of shelling")."""
        S = self.S
        q = _prev_tok(S, p - 1)
        if q >= 1 and S.low[q] in _TIME and S.low[_prev_tok(S, q - 1)] in _TIME_PREPS:
            # a time adjunct between the object and the preposition: "accused X on
            # Thursday of shelling"
            q = _prev_tok(S, _prev_tok(S, q - 1) - 1)
        if q < 0:
            return _NONE
        if S.low[q] in _PRED_ADJ:
            return self.subject(q)
        if self.verbish(q):
            return self.subject(q)
        span = self.np_left(q, preps=False)
        if span is None:
            return _NONE
        before = _prev_tok(S, span[0] - 1)
        if (before >= 0 and self.verbish(before)) or any(
                S.actor[m] >= 0 for m in range(span[0], span[1] + 1)):
            return self.part(span)  # "accused X of shelling", "Armenia's record of shelling"
        return _NONE  # "the result of destroying ...": no controller

    # ----------------------------------------------------------- by-phrases
    def by_phrase(self, k: int, limit: int = 14, stop_at_patient=False):
        """An agent by-phrase starting at or after token ``k`` (span of the NP) or None."""
        S = self.S
        end = min(S.n, k + limit)
        m = k
        while m < end:
            t = S.low[m]
            if t == "by":
                span = self.np_right(m + 1, preps=_AGENT_PREPS_NP)
                if span is None:
                    return None
                head = S.low[span[1]]
                if head in _TIME or head[0].isdigit() or S.low[span[0]] in _TIME \
                        or _time_from(S.low, m + 1):
                    return None
                return span
            if t in _PUNCT_STOP or t in _BE or t in _HAVE or t in _MODALS or t in _REL \
                    or t in _VERBISH or t in _CONJ_NOT_AND or t == ",":
                return None
            if S.act[m] >= 0 and S.act[m] != self.cur:
                return None
            if stop_at_patient and t in self.x.patient_prepositions:
                return None
            m += 1
        return None

    # ----------------------------------------------------------- readings
    def verb(self, ev: _Event) -> None:
        S = self.S
        cats = ev.cats
        if ev.coord_prev is not None:
            prev = self.events[ev.coord_prev]
            if prev.voice in ("passive_agent", "passive_agentless", "intransitive", "nominal") \
                    and not cats.isdisjoint(_PARTICIPLE_CATS):
                ev.voice = prev.voice
                ev.agent, ev.patient = prev.agent, prev.patient
                by = self.by_phrase(ev.j + 1)
                if by is not None:
                    ev.agent = self.part(by)
                    ev.voice = "passive_agent"
                    ev.by_agent = True
                    if prev.voice == "passive_agentless":
                        prev.agent, prev.voice, prev.by_agent = ev.agent, "passive_agent", True
                return
            if prev.voice == "active":
                ev.voice = "active"
                ev.agent = prev.agent
                ev.patient = self.object(ev)
                if not prev.patient:
                    prev.patient = ev.patient
                return
        if ev.lemma in self.x.intransitive_lemmas:
            ev.voice = "intransitive"
            ev.patient = self.subject(ev.i)
            return
        participle = not cats.isdisjoint(_PARTICIPLE_CATS)
        if participle:
            j, aux = self.aux_scan(ev.i)
            if aux in ("be", "get"):
                self._passive(ev, self.subject(ev.i))
                return
            if aux == "have":
                self._active(ev)
                return
            low, n = S.low, S.n
            p = ev.i - 1
            while p >= 0 and low[p] in _QUOTES:  # _prev_tok
                p -= 1
            nx = ev.j + 1
            while nx < n and low[nx] in _QUOTES:  # _next_tok
                nx += 1
            if p >= 0 and S.weapon[p] and S.act[p] < 0 and ev.lemma in self.x.object_prepositions \
                    and (low[p] in _PROJECTILES or not self._has_object(ev)):
                # "shells fired from X", "a rocket fired by Y", "rockets fired at X killed":
                # a reduced relative on the projectile, which is not the patient (a
                # projectile is never the one who fires; "artillery fired at X" is active)
                self._passive(ev, _NONE)
                return
            if p >= 2 and low[p] in ("and", "or") and low[p - 2] in _BE and low[p - 2] != "'s" \
                    and self.np_word(p - 1):
                # "has been deliberate and targeted": coordinated with a predicate adjective
                self._passive(ev, self.subject(p - 1))
                return
            if p >= 2 and low[p] in ("and", "or") and not self._has_object(ev):
                k = self._coordinated_passive(p)
                if k >= 0:
                    # "were stopped at a checkpoint and shot": coordinated with a passive
                    self._passive(ev, self.subject(k))
                    return
            if p >= 1 and low[p] in _HYPHENS and S.actor[p - 1] >= 0:
                # "Armenian-occupied region": agent built into the compound
                k = S.actor[p - 1]
                a, b, side, _cat = S.actors[k]
                ev.voice = "passive_agent"
                ev.agent = _Part(S.span_text(a, b), side, a, b)
                ev.patient = self.part(self.np_right(ev.j + 1))
                return
            if nx < n and low[nx] == "by" and self.by_phrase(nx, limit=2) is not None:
                self._passive(ev, self.part(self.np_left(ev.i - 1, preps=False)))
                return
            if nx < n and (low[nx] in _POSTNOM_NEXT or low[nx] in _FINITE_AUX) and p >= 0 \
                    and not self.np_start(nx) and \
                    (self.np_word(p) if S.actor[p] < 0 else not _actor_is_adj(S, p)):
                # a participle right after a noun, with no object: reduced relative
                # ("soldiers killed in the strikes were buried", "civilians killed last week";
                # with a verb that takes a preposition, only before the main verb: "a
                # soldier shot in a gunfight died", not "gunmen shot in the air")
                if low[p] not in _PRON and low[p] not in _TIME:
                    span = self.np_left(ev.i - 1, preps=False)
                    if span is not None and (self._not_a_subject(span) or (
                            ev.lemma not in self.x.object_prepositions or
                            self._finite_verb_after(nx, acts=True)) and (
                            ev.lemma not in self.x.active_without_object
                            or self._finite_verb_after(nx, acts=True))):
                        self._passive(ev, self.part(span))
                        return
            if p >= 0 and (nx >= n or low[nx] in _PUNCT_STOP or low[nx] == ",") and \
                    low[p] not in _PRON and low[p] not in _TIME and \
                    (self.np_word(p) if S.actor[p] < 0 else not _actor_is_adj(S, p)):
                # a participle with nothing after it, after a noun that is the object of a
                # preposition (which cannot be a subject): reduced relative ("the number of
                # civilians killed.", "Of the soldiers killed, ten were officers")
                span = self.np_left(ev.i - 1, preps=False)
                if span is not None and span[0] > 0 and S.low[span[0] - 1] in _OBJ_PREPS:
                    self._passive(ev, self.part(span))
                    return
            if p >= 0 and nx < n and S.act[p] >= 0 and S.act[p] != self.cur and \
                    self.events[S.act[p]].reading == "verb" and self.events[S.act[p]].j == p \
                    and self.events[S.act[p]].lemma not in self.x.object_prepositions \
                    and self.np_start(nx):
                # prenominal participle as the object of an act: "shelled occupied villages"
                ev.voice = "passive_agentless"
                ev.patient = self.part(self.np_right(nx))
                return
            if p >= 1 and low[p] in _REPORTED and low[p - 1] in _BE:
                # "were reported killed", "are feared dead"
                self._passive(ev, self.subject(p))
                return
            if p >= 0 and low[p] in ("those", "these") and (
                    nx >= n or low[nx] in _NOT_NOUN_NEXT):
                # "among those killed": a reduced relative on the demonstrative
                self._passive(ev, _Part(S.raw[p], "", p, p))
                return
            if p >= 0 and (low[p] in _ARTICLES or low[p] in _POSS) and (
                    nx >= n or low[nx] in _NOT_NOUN_NEXT or S.act[nx] >= 0 and
                    self.events[S.act[nx]].reading != "noun"):
                # substantivised participle: "the wounded keep coming", "help the injured"
                self.nominal(ev)
                ev.agent = _NONE
                if low[p] in _POSS and not ev.patient.text:
                    ev.patient = self.pron_part(p)
                return
            if p >= 0 and (low[p][0].isdigit() or low[p] in _NUMBER_WORDS
                           or low[p] in _PRENOM_PREPS) and nx < n and self.np_word(nx) \
                    and S.act[nx] < 0 and low[nx] not in _TIME and self.np_start(nx):
                # prenominal participle after a number: "more than 850 wounded people"
                ev.voice = "passive_agentless"
                left = self.np_left(p) if low[p] not in _PRENOM_PREPS else None
                right = self.np_right(nx)
                if right is not None:
                    ev.patient = self.part((left[0] if left else nx, right[1]))
                return
            nx2 = nx
            if nx + 2 < n and low[nx] in ("-", "\u2013") and low[nx + 1] in _PARTICLE_TAILS:
                nx2 = nx + 2  # a particle after a hyphen: "the bombed-out suburbs"
            if p >= 0 and (low[p] in _DET_NP or low[p] in _POSS or low[p] == "'s") and \
                    self.np_start(nx2):
                # prenominal participle: "the slain commander", "the occupied region"
                ev.voice = "passive_agentless"
                ev.patient = self.part(self.np_right(nx2))
                return
            if p < 0 and ev.i == ev.j and ("verb_past_participle" in cats or
                                           "verb_participle" in cats) and \
                    nx2 < n and self.np_start(nx2) and S.act[nx2] < 0:
                # a sentence-initial participle before a noun is its modifier, not a verb
                # with an object (no subject before it): "Wounded civilians were taken"
                ev.voice = "passive_agentless"
                ev.patient = self.part(self.np_right(nx2))
                return
            if "verb_participle" in cats and "verb_past" not in cats and \
                    "verb_past_participle" not in cats:
                self._passive(ev, self.subject(ev.i))
                return
            if p < 0 or low[p] in (",", "and") or low[p] in _PREP:
                if nx < n and self.np_start(nx) and ev.lemma not in self.x.object_prepositions:
                    # participle modifier after a comma etc.: "..., killed in action"
                    self._active(ev)
                    return
            subj = self.subject(ev.i)
            if subj.text and not self._has_object(ev) and self._headline(subj, ev):
                self._passive(ev, subj)
                return
        self._active(ev)

    def _finite_verb_after(self, k: int, acts: bool = False) -> bool:
        """Whether an auxiliary follows token ``k`` in the same clause (up to a comma or
        a stop): the main verb of a subject that a reduced relative modifies ("villages
        shelled in the offensive were abandoned"); with ``acts``, also a verb with no
        object of its own ("a soldier shot in a gunfight died")."""
        S = self.S
        for m in range(k, min(S.n, k + 12)):
            t = S.low[m]
            if t in _PUNCT_STOP or t == "," or t in _REL or t in _CONJ:
                return False
            if t in _BE or t in _HAVE or t in _MODALS:
                return True
            if acts and S.act[m] >= 0 and m > k:
                ev = self.events[S.act[m]]
                if ev.lemma in self.x.intransitive_lemmas and ev.reading in ("verb", "intr") \
                        and ev.i == m and "verb_ing" not in ev.cats:
                    return True
        return False

    def _coordinated_passive(self, c: int) -> int:
        """Index of a passive participle that the coordinator at ``c`` joins a bare
        participle to ("were separated from their families and shot"), or -1: a form of
        "be" followed by a past participle, in the same clause (commas allowed for lists:
        "were beaten, robbed and shot")."""
        S = self.S
        low = S.low
        for m in range(c - 1, max(0, c - 14), -1):
            t = low[m]
            if t in _PUNCT_STOP or t in _QUOTES or t in _REL or t in _SUBORD_STOP:
                return -1
            if t in _BE and t != "'s":
                k = m + 1
                while k < c and S.adv[k]:
                    k += 1
                w = low[k] if k < c else ""
                ok = (S.act[k] >= 0 and not _PARTICIPLE_CATS.isdisjoint(
                    self.events[S.act[k]].cats)) if k < c else False
                if ok or (len(w) > 4 and w.endswith("ed") and w not in _VERBISH) or \
                        w in _IRREGULAR_PAST or w in _EN_PARTICIPLES:
                    return k
                return -1
        return -1

    def _headline(self, subj: _Part, ev: _Event) -> bool:
        """A participle after its subject with no object and no auxiliary: headline passive."""
        S = self.S
        if ev.lemma in self.x.object_prepositions:
            return False
        if any(S.low[m][0].isdigit() for m in range(subj.a, subj.b + 1)):
            return True
        last = S.text[S.ends[-1] - 1] if S.n else "."
        if last not in ".!?\"'\u201d\u2019":
            return True
        return False

    def _has_object(self, ev: _Event) -> bool:
        S = self.S
        nx = _next_tok(S, ev.j + 1)
        if ev.lemma in self.x.object_prepositions:
            return nx < S.n and (S.low[nx] in self.x.object_prepositions[ev.lemma] or S.weapon[nx])
        return self.np_start(nx) and S.low[nx] not in _TIME

    def _passive(self, ev: _Event, patient: _Part) -> None:
        S = self.S
        if patient.text and patient.a == patient.b and S.low[patient.a] in ("those", "these"):
            q = _prev_tok(S, patient.a - 1)
            if q >= 0 and S.low[q] == "among":
                among = self._among(q, S.n)
                if among.text:
                    patient = among  # "X were among those killed": X
        ev.patient = patient
        k = ev.j + 1
        while k < S.n and (S.adv[k] or S.low[k] in _QUOTES):
            k += 1
        by = self.by_phrase(k, limit=1) if k < S.n and S.low[k] == "by" else None
        if by is None and k + 1 < S.n and S.low[k] in ("and", "or") and S.act[k + 1] < 0 \
                and S.low[k + 1].endswith(("ed", "en")) and S.low[k + 1] not in _VERBISH:
            # "were attacked and beaten in the market by X": the by-phrase is shared
            by = self.by_phrase(k + 2, limit=8)
        elif by is None and k < S.n and S.low[k] in _LOCATIVE:
            # "were killed in the market by X" (not an instrument act: see post)
            by = self.by_phrase(k, limit=8)
        if by is not None:
            ev.voice = "passive_agent"
            ev.agent = self.part(by, exclude=(patient.a, patient.b) if patient.text else None)
            ev.by_agent = True
            return
        ev.voice = "passive_agentless"

    def _active(self, ev: _Event) -> None:
        ev.voice = "active"
        ev.agent = agent = self.controller(ev.i)
        ev.patient = patient = self.object(ev)
        if agent.text and patient.text and patient.side == agent.side and agent.side:
            # recompute a pronoun-based patient side excluding the agent
            ev.patient = self.part((patient.a, patient.b), exclude=(agent.a, agent.b))

    def object(self, ev: _Event) -> _Part:
        S = self.S
        low, n = S.low, S.n
        k = ev.j + 1
        while k < n and low[k] in _QUOTES:  # _next_tok
            k += 1
        preps = self.x.object_prepositions.get(ev.lemma)
        if preps is not None:
            while k < S.n and S.low[k] not in preps and (
                    S.weapon[k] or S.low[k] in _DET or S.low[k] in _NP_RIGHT_WORDS
                               or S.low[k] in _APPROX or S.low[k][0].isdigit()
                               or S.low[k] in _QUANTITY_NOUNS
                               or (k > ev.j + 1 and (S.low[k] in _DIRECTION or S.adv[k]))):
                k += 1
            if k < S.n and S.low[k] in preps:
                if self.object_pronoun(k + 1):
                    return self.pron_part(k + 1)  # "fired at us", "shot at them"
                return self.part(self.np_right(k + 1), exclude=None)
            if ev.lemma in self.x.lethal_lemmas and low[ev.j] == "dead" and ev.j > ev.i:
                # "shot dead two tourists": the phrasal form's direct object, when it names
                # people (a bare "shot" takes its object through a preposition, as the
                # lexicon says; "shot him" is left without a patient: its antecedent is
                # often not the one a pronoun resolution finds)
                k = ev.j + 1
                while k < n and low[k] in _QUOTES:
                    k += 1
                span = self.np_right(k) if k < n and not S.weapon[k] else None
                if span is not None and not any(S.weapon[t] for t in range(span[0], span[1] + 1)) \
                        and any(_person_word(S, t) for t in range(span[0], span[1] + 1)):
                    return self.appos(self.part(span))
            return _NONE
        if k < n and low[k] in ("and", "or"):
            return _NONE
        if self.object_pronoun(k):
            return self.pron_part(k)  # "killed them", "attacked us"
        return self.appos(self.part(self.np_right(k)))

    def object_pronoun(self, k: int) -> bool:
        """Whether token ``k`` is a personal pronoun in object case ("them", "us", "him";
        "her" only when no noun follows it: not the possessive of "her son")."""
        S = self.S
        if k >= S.n or S.low[k] not in _OBJ_PRON:
            return False
        return S.low[k] != "her" or not self.np_start(k + 1)

    def nominal(self, ev: _Event) -> None:
        S = self.S
        ev.voice = "nominal"
        agent = _NONE
        patient = _NONE
        # right side: by-phrase and patient prepositions, in any order
        low, n = S.low, S.n
        k = ev.j + 1
        for _round in range(4):
            while k < n and low[k] in _QUOTES:  # _next_tok
                k += 1
            if k >= n:
                break
            t = low[k]
            if t == "and" and not agent.text and k + 2 < S.n and S.low[k + 2] == "of" \
                    and self.np_word(k + 1):
                k += 2  # "the attacks and aggression of X"
                t = "of"
            if t == "by" and not agent.text:
                span = self.by_phrase(k, limit=1)
                if span is None:
                    break
                agent = self.part(span)
                ev.by_agent = True
                k = span[1] + 1
                continue
            if t == "of" and not patient.text and not agent.text:
                span = self.np_right(k + 1, preps=_AGENT_PREPS_NP)
                if span is None:
                    break
                if "noun_of_agent" in ev.cats:
                    part = self.part(span)
                    if part.side or S.actor[span[1]] >= 0:
                        agent = part
                    k = span[1] + 1
                    continue
                patient = self.part(span)
                k = span[1] + 1
                continue
            if t in self.x.patient_prepositions and not patient.text:
                span = self.np_right(k + 1, preps=_PATIENT_PREPS_NOM)
                if span is None or S.low[span[1]] in _TIME or S.low[span[0]] in _TIME:
                    break
                patient = self.appos(self.part(span))
                k = span[1] + 1
                continue
            if t in ("along", "in", "near", "across", "inside", "at") and k + 1 < S.n:
                span = self.np_right(k + 1, preps=frozenset({"of"}))
                if span is None:
                    break
                k = span[1] + 1
                continue
            if t in ("and",) and k + 1 < S.n and S.act[k + 1] >= 0:
                k = self.events[S.act[k + 1]].j + 1  # "dead and wounded among X"
                continue
            if t in ("perpetrated", "committed", "carried", "launched", "situated"):
                k += 1
                continue
            break
        if agent.text and patient.text and patient.a >= 0:
            # a pronoun in the patient never refers to the agent ("a raid by X on its posts")
            patient = self.part((patient.a, patient.b), exclude=(agent.a, agent.b))
        # left side: premodifiers, possessor, light verb
        if not agent.text:
            agent = self._premod_agent(ev, patient)
            if agent.text and not patient.text and ev.lemma in self.x.intransitive_lemmas:
                # a death has no agent: its side word or possessor names the dead ("X
                # deaths", "the X death toll", "X's dead")
                agent, patient = _NONE, agent
        ev.agent = agent
        ev.patient = patient
        if ev.coord_prev is not None:
            prev = self.events[ev.coord_prev]
            if prev.voice == "nominal":
                if not ev.agent:
                    ev.agent = prev.agent
                if not ev.patient:
                    ev.patient = prev.patient
                if not prev.patient:
                    prev.patient = ev.patient

    def _premod_agent(self, ev: _Event, patient: _Part) -> _Part:
        S = self.S
        low, actor, npw = S.low, S.actor, self.npw
        excl = (patient.a, patient.b) if patient.text else None
        j = ev.i - 1
        actor_found = None
        while j >= 0:
            t = low[j]
            if t in _QUOTES_HYPHENS:
                j -= 1
                continue
            k = actor[j]
            if k >= 0:
                a, b, side, cat = S.actors[k]
                if (cat in _PLACE_CATS or cat in _TOWN_CATS) and b + 1 < S.n \
                        and S.low[b + 1] != "'s":
                    break  # "the Gaza bombing": a place as modifier is not the agent
                if b + 1 < S.n and S.low[b + 1] == "'s":
                    return _Part(S.span_text(a, b), side, a, b)  # "Armenia's attacks"
                if actor_found and side and actor_found[2] and side != actor_found[2]:
                    side = ""  # "X and Y forces exchanged fire": mixed
                elif actor_found and not side:
                    side = actor_found[2]
                actor_found = (a, b, side)
                j = a - 1
                continue
            if t == "'s":
                if j > 0 and S.actor[j - 1] >= 0:
                    a, b, side, _cat = S.actors[S.actor[j - 1]]
                    return _Part(S.span_text(a, b), side, a, b)
                span = self.np_left(j - 1, preps=False)
                if span is None:
                    break
                return self.part(span, exclude=excl)
            if t in _POSS:
                return self.pron_part(j, exclude=excl)
            if t in _PREMOD_STOP or self.verbish(j) or S.light[j]:
                break
            if S.act[j] >= 0:
                break
            if t in ("and",) or npw[j] or S.adv[j]:  # npw[j]: np_word(j), j inside
                j -= 1
                continue
            break
        if actor_found:
            a, b, side = actor_found
            return _Part(S.span_text(a, b), side, a, b)
        # light verb: "X launched an attack", "capable of launching a strike"
        while j >= 0 and (S.low[j] in _DET or S.low[j] in _QUOTES):
            j -= 1
        if j >= 0 and S.light[j]:
            lv = j
            while lv > 0 and S.light[lv - 1]:
                lv -= 1
            return self.controller(lv)
        return _NONE

    def _among(self, q: int, nx: int) -> _Part:
        """Who are among the dead, for "among" at token ``q``: the subject of "be" right
        before it ("X were among the dead"), else the complement of "be" at token ``nx``
        right after the phrase ("among the dead were X"); none otherwise."""
        S = self.S
        b = _prev_tok(S, q - 1)
        if b >= 0 and S.low[b] in _BE_FINITE_3:
            return self.subject(q)
        if nx < S.n and S.low[nx] in _BE_FINITE_3:
            return self.part(self.np_right(nx + 1))
        return _NONE

    def dead(self, ev: _Event) -> None:
        """'dead': 'the dead'/'of dead' = nominal; otherwise predicative = intransitive."""
        S = self.S
        p = _prev_tok(S, ev.i - 1)
        if p >= 0 and S.low[p] in _POSS:
            # "buried their dead": the possessor is the one who died
            self.nominal(ev)
            ev.agent = _NONE
            if not ev.patient.text:
                ev.patient = self.pron_part(p)
            return
        if p >= 0 and (S.low[p] in _DET or S.low[p] in _PREP):
            self.nominal(ev)
            nx = _next_tok(S, ev.j + 1)
            q = _prev_tok(S, p - 1) if S.low[p] in _DET else p
            if not ev.patient and q >= 0 and S.low[q] == "among":
                among = self._among(q, nx)
                if among.text:
                    ev.patient = among
            elif not ev.patient and nx < S.n and S.low[nx] in _INCLUDE:
                # "the dead included four children": the complement names the dead
                ev.patient = self.part(self.np_right(nx + 1))
            return
        if p >= 0 and (S.low[p][0].isdigit() or S.low[p] in _NUMBER_WORDS):
            q = _prev_tok(S, p - 1)
            while q >= 0 and S.low[q] in _APPROX:
                q = _prev_tok(S, q - 1)
            if q < 0 or S.low[q] in _REPORT_VERBS or S.low[q] in _PUNCT_STOP or \
                    S.low[q] in (",", ":"):
                # a number of dead as a phrase of its own ("X says 64 dead", a headline
                # "At least 20 dead in clashes"), not "left 64 dead" or "64 were dead"
                subj = self.subject(ev.i)
                self.nominal(ev)
                ev.agent = _NONE
                if subj.text:
                    ev.patient = subj
                return
        ev.voice = "intransitive"
        k = _prev_tok(S, ev.i - 1)
        while k >= 0 and k > ev.i - 8 and S.low[k] not in _LEAVE and (
                self.np_word(k) or S.low[k] in _NP_RIGHT_WORDS or S.low[k][0].isdigit()
                or S.low[k] == "at" and S.low[k + 1] == "least"):
            k -= 1
        if 0 <= k < ev.i - 1 and S.low[k] in _LEAVE:
            # "X left dozens dead", "Airstrike Leaves 60 Dead": the dead are the object of
            # "leave"; its subject, the causer, is not recorded (see _left_dead)
            ev.patient = self.part((k + 1, _prev_tok(S, ev.i - 1)))
            ev.leave = k
            return
        ev.patient = self.subject(ev.i)

    # ----------------------------------------------------------- post
    def post(self) -> None:
        S = self.S
        low = S.low
        evs = self.events
        n_ev = len(evs)
        for m, ev in enumerate(evs):
            # instrument phrase: "were injured in strikes by X" (a later act gives the agent)
            if ev.voice == "passive_agentless" and m + 1 < n_ev:
                k = _next_tok(S, ev.j + 1)
                if k < S.n and low[k] in ("in", "during", "amid", "from", "under", "by"):
                    for n2 in range(m + 1, len(evs)):
                        ev2 = evs[n2]
                        if ev2.i - k > 4 or S.low[k] == "by":
                            break
                        if ev2.reading == "noun" and ev2.agent:
                            ev.agent, ev.voice = ev2.agent, "passive_agent"
                            break
        for m, ev in enumerate(evs):
            # coordinated passives share the by-phrase: "was killed and 14 others were injured by X"
            if ev.voice == "passive_agentless" and m + 1 < n_ev:
                    for n2 in range(m + 1, n_ev):
                        ev2 = evs[n2]
                        if ev2.voice != "passive_agent" or ev2.i - ev.j > 8:
                            continue
                        between = S.low[ev.j + 1:ev2.i]
                        if "and" in between and not any(
                                w in _PUNCT_STOP or w in _VERBISH or w in _REL for w in between):
                            ev.agent, ev.voice = ev2.agent, "passive_agent"
                        break
            # ellipsis: "... and 14 others were injured"
            pa = ev.patient
            if pa.text and not pa.side and low[pa.b] == "others":  # pa.text: bool(pa)
                for m2 in range(m - 1, -1, -1):
                    if evs[m2].patient and evs[m2].patient.side:
                        ev.patient = _Part(ev.patient.text, evs[m2].patient.side,
                                           ev.patient.a, ev.patient.b)
                        break
            if ev.voice in ("intransitive", "passive_agentless"):
                ev.agent = _NONE


def _prev_tok(S: _Sent, k: int) -> int:
    while k >= 0 and S.low[k] in _QUOTES:
        k -= 1
    return k


def _next_tok(S: _Sent, k: int) -> int:
    while k < S.n and S.low[k] in _QUOTES:
        k += 1
    return k


#: Words after a participle that follows a noun and make it a reduced relative (a subset of
#: _POSTNOM_NEXT without the prepositions that also follow the noun "shot": "a shot at").
_PARTICIPLE_NEXT = (_POSTNOM_NEXT - frozenset("at on over as around".split())) | {"by"}
#: Endings of nouns for people ("soldier", "journalist", "policeman", "civilian", "resident").
_PERSON_SUFFIXES = ("er", "or", "ist", "man", "men", "ian", "ans", "ant", "ent", "ers", "ors",
                    "ists", "ants", "ents")


def _person_word(S: _Sent, k: int) -> bool:
    """Token ``k`` names people: a named actor (not an adjective), a group noun, or a
    lower-case noun with a person ending or a plural."""
    low = S.low[k]
    if S.actor[k] >= 0:
        return not _actor_is_adj(S, k)
    if not low.isalpha() or low in _FUNC or S.adv[k] or S.act[k] >= 0 or low in _TIME:
        return False
    return low in grammar.GROUP_NOUNS or low.endswith(_PERSON_SUFFIXES) or \
        grammar.looks_plural(low)


def _noun_or_verb(S: _Sent, ev: _Event, obj_preps=None) -> str:
    """Decide between the noun and the verb reading of an ambiguous form (``obj_preps``:
    the prepositions that introduce the lemma's object, if any)."""
    p = _prev_tok(S, ev.i - 1)
    nx = _next_tok(S, ev.j + 1)
    lp = S.low[p] if p >= 0 else ""
    ln = S.low[nx] if nx < S.n else ""

    def np_next() -> bool:
        if nx >= S.n:
            return False
        if ln in _DET or ln in _POSS or ln[0].isdigit() or S.actor[nx] >= 0:
            return True
        if ln in ("nearly", "almost", "about", "around", "some", "more", "over") or (
                ln == "at" and nx + 1 < S.n and S.low[nx + 1] == "least"):
            return True
        if not ln[0].isalpha() or ln in _PREP or ln in _CONJ or ln in _BE or ln in _HAVE \
                or ln in _MODALS or ln in _VERBISH or ln in _REL or ln in _PRON:
            return False
        if S.act[nx] >= 0 or S.adv[nx]:
            return False
        if ln.endswith("ed") and len(ln) > 4:
            return False
        return True

    if "verb_ing" in ev.cats:
        if lp in _DET or lp in _POSS or lp == "'s":
            return "noun"
        if lp == "of" and p >= 1 and S.low[_prev_tok(S, p - 1)] in _PRED_ADJ:
            return "verb"  # "were accused of killing and looting": a gerund, no object
        if p >= 0 and S.actor[p] >= 0:
            if not _actor_is_adj(S, p) and nx < S.n and (
                    ln in _DET_NP or ln in _POSS or ln[0].isdigit() or ln in _NUMBER_WORDS
                    or S.actor[nx] >= 0):
                return "verb"  # "X troops killing a captive": a noun subject and an object
            return "noun"
        if obj_preps is not None and ln in obj_preps:
            return "verb"  # "gunmen shooting at people"
        return "verb" if np_next() else "noun"
    if p >= 0 and S.weapon[p] and S.act[p] < 0 and not lp.endswith("s"):
        return "noun"  # "a drone strike", "artillery attacks": compound with a weapon noun
    if "verb_past_participle" in ev.cats or "verb_participle" in ev.cats:
        k = p
        while k >= 0 and S.adv[k]:
            k = _prev_tok(S, k - 1)
        if k >= 0 and S.low[k] in _AUX_WORDS:
            return "verb"  # "had been shot by a sniper", "was fatally shot": after an auxiliary
        if "weapon" in ev.cats and ev.cats.isdisjoint(_NOUN_CATS):
            # a participle whose other reading is a weapon noun ("shot"), with no object:
            # coordinated with a verb or participle ("were stopped and shot") unless with a
            # weapon ("guns and shot"); after a person or group noun before a preposition or
            # "by", a reduced relative ("a soldier shot in a gunfight", "men shot by police")
            if lp in ("and", "or"):
                q = _prev_tok(S, p - 1)
                if q >= 0 and not (S.weapon[q] and S.act[q] < 0) and (
                        nx >= S.n or ln in _PARTICIPLE_NEXT or ln in _PUNCT_STOP):
                    return "verb"
            elif p >= 0 and (nx >= S.n or ln in _PARTICIPLE_NEXT) and _person_word(S, p):
                return "verb"
            elif p >= 0 and nx < S.n and (ln in _OBJ_PRON or obj_preps and ln in obj_preps
                                          or ln in ("and", "or") and nx + 1 < S.n
                                          and S.act[nx + 1] >= 0) \
                    and _person_word(S, p):
                # "soldiers shot at protesters", "gunmen shot him", "police shot and killed"
                return "verb"
    base = "verb_base" in ev.cats
    if lp == "to" and base:
        return "verb"
    if lp in _MODALS or lp in _DO or lp in _NEG_NOT_NO:
        return "verb"
    if lp in _DET or lp in _POSS or lp == "'s" or lp in _PREP or (lp and lp[0].isdigit()):
        return "noun"
    if lp in _PRON_SUBJ or lp in ("who", "which", "it"):
        return "verb" if np_next() or base or "verb_3sg" in ev.cats else "noun"
    if p >= 0 and S.actor[p] >= 0:
        if S.actors[S.actor[p]][3] in _TOWN_CATS:
            return "noun"  # a town or region names where, not who: "the Kleindorf attack"
        return "verb" if np_next() and not _actor_is_adj(S, p) else "noun"
    if lp == "that":
        return "verb" if np_next() else "noun"
    if p >= 0 and lp[0].isalpha() and lp not in _CONJ and not S.adv[p]:
        return "verb" if np_next() else "noun"
    if p >= 0 and S.adv[p]:
        return "verb" if np_next() else "noun"
    return "noun"


def _verb_in_context(S: _Sent, ev: _Event, events=None) -> str:
    """'verb', or '' for a verb-only form that the context shows is not a verb: an -ing
    form after a determiner ("an attacking drone": adjective), a present form right
    before an auxiliary ("military targets were hit": a noun subject) or right after an
    article or a possessive ("the bomb missed its target": a noun)."""
    p = _prev_tok(S, ev.i - 1)
    nx = _next_tok(S, ev.j + 1)
    cats = ev.cats
    if "verb_ing" in cats and p >= 0 and (S.low[p] in _DET_NP or S.low[p] in _POSS) \
            and ev.i == ev.j:
        return ""
    if ("verb_3sg" in cats or "verb_base" in cats) and nx < S.n and ev.i == ev.j and (
            S.low[nx] in _BE or S.low[nx] in _HAVE or S.low[nx] in _MODALS) \
            and S.low[nx] not in ("being", "having"):
        return ""
    if ("verb_3sg" in cats or "verb_base" in cats) and ev.i == ev.j and p >= 0 and (
            S.low[p] in _ARTICLES or S.low[p] in _POSS or S.low[p] == "'s"):
        return ""  # a noun after an article or a possessive: "missed its target"
    if ("verb_3sg" in cats or "verb_base" in cats) and ev.i == ev.j and p >= 0 and \
            events is not None:
        # in the object of an act verb, bare or after one lower-case modifier: a noun
        # ("attacking civilian targets", "shelled targets")
        q = p
        if S.act[p] < 0 and S.actor[p] < 0 and S.low[p].isalpha() and S.raw[p][:1].islower() \
                and not grammar.looks_plural(S.low[p]) and S.low[p] not in _FUNC:
            q = _prev_tok(S, p - 1)
        if q >= 0 and S.act[q] >= 0 and events[S.act[q]].reading == "verb":
            return ""
        # after a count, or after side words in an act verb's object: a noun ("struck
        # 450 targets", "more than 450 X targets", "hit X targets")
        q, steps, count = p, 0, False
        while q >= 0 and steps < 4 and S.act[q] < 0:
            w = S.low[q]
            if w[:1].isdigit() or w in _NUMBER_WORDS:
                count = True
            elif not (S.actor[q] >= 0 or w in _APPROX_NP):
                break
            q = _prev_tok(S, q - 1)
            steps += 1
        if count or steps and q >= 0 and S.act[q] >= 0 and events[S.act[q]].reading == "verb":
            return ""
    return "verb"


def _actor_is_adj(S: _Sent, p: int) -> bool:
    k = S.actor[p]
    a, b, side, cat = S.actors[k]
    if cat in _ADJ_CATS:
        # plural demonym nouns ("Armenians shelled") act as subjects
        return not S.low[b].endswith("s")
    return False


# ---------------------------------------------------------------------------
# Corpus level
# ---------------------------------------------------------------------------

def _as_extractor(actors, violence, places=None, contrast=None) -> AgencyExtractor:
    if isinstance(actors, AgencyExtractor):
        return actors
    return AgencyExtractor(actors=actors, violence=violence, places=places, contrast=contrast)


def quote_speakers(attributions) -> dict:
    """The direct quotes of each document whose speaker has a side.

    Parameters
    ----------
    attributions : DataFrame
        From :func:`framing.attribution.extract_attributions` (``doc_id, kind,
        side, start, end``).

    Returns
    -------
    dict
        ``doc_id -> [(start, end, side), ...]`` sorted by start: the ``speakers``
        argument of :meth:`AgencyExtractor.rows`.

    Examples
    --------
    >>> att = pd.DataFrame({"doc_id": ["a", "a"], "kind": ["direct", "indirect"],
    ...                     "side": ["x", "y"], "start": [1, 40], "end": [30, 60]})
    >>> quote_speakers(att)
    {'a': [(1, 30, 'x')]}
    """
    check_columns(attributions, ["doc_id", "kind", "side", "start", "end"], "attributions")
    per_doc: dict = {}
    for d, *item in zip(attributions["doc_id"], attributions["kind"], attributions["side"],
                        attributions["start"], attributions["end"]):
        per_doc.setdefault(d, []).append(item)
    return {d: sp for d, items in per_doc.items() if (sp := direct_speakers(items))}


def direct_speakers(items) -> list:
    """``(start, end, side)``, sorted, of the direct quotes whose speaker has a side, among
    one document's attributions given as ``(kind, side, start, end)``."""
    return sorted((int(a), int(b), side) for kind, side, a, b in items
                  if kind == "direct" and isinstance(side, str) and side)


def _speaker_side(speakers: list, pos: int) -> str:
    """Side of the speaker of the direct quote (from :func:`quote_speakers`) holding
    offset ``pos``, '' if none."""
    k = bisect_right(speakers, (pos, sys.maxsize)) - 1
    for j in range(k, max(-1, k - 3), -1):  # the latest quotes starting before pos
        a, b, side = speakers[j]
        if a <= pos < b:
            return side
    return ""


def extract_agency(corpus: pd.DataFrame, *, actors=None, violence=None, places=None,
                   contrast=None, column: str = "body",
                   extractor: AgencyExtractor | None = None,
                   attributions: pd.DataFrame | None = None) -> pd.DataFrame:
    """One row per mention of a violent act, with voice, agent, patient and their sides.

    Parameters
    ----------
    corpus : DataFrame
        A corpus (:func:`framing.load_corpus`) with ``doc_id`` and ``column``.
    actors : str, path, DataFrame, Lexicon or Study, optional
        Default: the actors-role lexicon of the default study (a Study: its own)
        Actors lexicon (sides of agents and patients).
    violence : str, path, DataFrame, Lexicon or Study, optional
        Default: the study's violence-role lexicon (the shipped general English one)
        Violent-act lexicon (see :class:`AgencyExtractor`).
    places : str, path, DataFrame, Lexicon or Study, optional
        Default: the study's places when ``actors`` is a Study, else none.
        Places with sides, for the implied patient side (see :class:`AgencyExtractor`).
    contrast : pair of sides (or dict of pairs), optional
        Default: the actors lexicon's ``contrast`` metadata or the Study's contrast.
    column : str, default "body"
        Text column; offsets refer to it.
    extractor : AgencyExtractor, optional
        A compiled extractor to reuse (then ``actors``/``violence`` are ignored).
    attributions : DataFrame, optional
        The attributions of the same corpus
        (:func:`framing.attribution.extract_attributions`; :func:`framing.analyze`
        passes them when both stages run): a participant inside a direct quote that is
        or starts with a first-person pronoun ("We are striking them hard", "our
        positions") gets the side of the quote's speaker as its stated side, as in the
        gold guidelines. Without them such a participant has no stated side.

    Returns
    -------
    DataFrame
        ``doc_id, sent_id, verb, trigger, voice, agent, agent_side, patient,
        patient_side, quoted, start, end, agent_side_implied, patient_side_implied,
        side_basis`` (implied sides: see :class:`AgencyExtractor`). ``verb`` is the lemma (also for
        nominalisations: "shelling" -> "shell"), ``trigger`` the words as
        written, ``voice`` one of :data:`VOICES`; ``agent``/``patient`` are the
        surface phrases ("" when left out) and ``*_side`` their sides ("" when
        absent, unresolved or mixed); ``quoted`` is True inside quotation marks;
        ``start``/``end`` are offsets of the trigger in ``corpus[column]``.

    References
    ----------
    Sepehri, A., Mirshafiee, M. S., & Markowitz, D. M. (2022). PassivePy: A tool to
    automatically identify passive voice in big text data. *Journal of Consumer
    Psychology*. (The passive rules follow the same be/get + participle logic,
    without a tagger.)

    Examples
    --------
    >>> c = pd.DataFrame({"doc_id": ["a"], "body": ["Two villages were shelled overnight."]})
    >>> extract_agency(c)[["verb", "voice", "agent"]].values.tolist()
    [['shell', 'passive_agentless', '']]
    """
    check_columns(corpus, ["doc_id", column], "corpus")
    ext = extractor or _as_extractor(actors, violence, places, contrast)
    speakers = quote_speakers(attributions) if attributions is not None else {}
    rows = []
    for doc_id, text in zip(corpus["doc_id"], corpus[column]):
        if isinstance(text, str) and text:
            rows.extend(ext.rows(text, doc_id, speakers=speakers.get(doc_id)))
    df = pd.DataFrame(rows, columns=AGENCY_COLUMNS)
    return df.astype({"sent_id": "int64", "start": "int64", "end": "int64", "quoted": "bool"})


def agency_by_outlet(agency: pd.DataFrame, corpus: pd.DataFrame) -> pd.DataFrame:
    """Per-outlet agency measures: who is agent, who is patient, how often the agent is left out.

    Parameters
    ----------
    agency : DataFrame
        From :func:`extract_agency`.
    corpus : DataFrame
        The corpus (columns ``doc_id, outlet``) the agency table came from.

    Returns
    -------
    DataFrame
        Tidy, one row per ``outlet, measure, side``: columns ``outlet, measure,
        side, count, n, value`` with ``value = count / n``. Measures:

        ``agent_share``
            share of the outlet's violent-act mentions whose agent is on ``side``
            (``side == ""``: no agent or an unresolved one);
        ``patient_share``
            the same for patients;
        ``agentless_rate``
            share of mentions whose voice leaves the agent out
            (``passive_agentless`` or ``intransitive``), overall (``side == "all"``)
            and among mentions whose patient is on ``side`` ("Armenian villages
            were shelled" counts for side armenia);
        ``n_mentions``
            number of mentions (``count = n``, ``value = n``), ``side == "all"``.
        ``agent_share_implied``, ``patient_share_implied``, ``agentless_rate_implied``
            the same by the implied sides (``agent_side_implied``,
            ``patient_side_implied``: the stated side, else the side of the place
            or the other side of the contrast; see :class:`AgencyExtractor`), when
            the table has them: the second reading of the same mentions.

        Nominal mentions without an agent ("the shelling continued") are not
        counted as agentless: they name no clause that could have carried one.

    Examples
    --------
    >>> c = pd.DataFrame({"doc_id": ["a"], "outlet": ["X"],
    ...                   "body": ["Armenian villages were shelled."]})
    >>> t = agency_by_outlet(extract_agency(c), c)
    >>> t.query("measure == 'agentless_rate' and side == 'all'")["value"].tolist()
    [1.0]
    """
    check_columns(agency, ["doc_id", "voice", "agent_side", "patient_side"], "agency")
    check_columns(corpus, ["doc_id", "outlet"], "corpus")
    cols = ["outlet", "measure", "side", "count", "n", "value"]
    outlets = dict(zip(corpus["doc_id"], corpus["outlet"]))
    df = agency.assign(outlet=agency["doc_id"].map(outlets))
    missing = df["outlet"].isna()
    if missing.any():
        bad = sorted(df.loc[missing, "doc_id"].astype(str).unique())[:5]
        raise FramingError(f"agency has doc_id(s) not in corpus: {', '.join(bad)}")
    df["agentless"] = df["voice"].isin(AGENTLESS_VOICES)
    readings = [("", "agent_side", "patient_side")]
    if {"agent_side_implied", "patient_side_implied"} <= set(df.columns):
        readings.append(("_implied", "agent_side_implied", "patient_side_implied"))
    rows = []
    for outlet, g in df.groupby("outlet", sort=True):
        n = len(g)
        rows.append((outlet, "n_mentions", "all", n, n, float(n)))
        for r, agent, patient in readings:
            for measure, col in ((f"agent_share{r}", agent), (f"patient_share{r}", patient)):
                for side, cnt in g[col].value_counts().sort_index().items():
                    rows.append((outlet, measure, side, int(cnt), n, cnt / n))
            if not r:
                k = int(g["agentless"].sum())
                rows.append((outlet, "agentless_rate", "all", k, n, k / n))
            for side, gg in g.groupby(patient, sort=True):
                k = int(gg["agentless"].sum())
                rows.append((outlet, f"agentless_rate{r}", side, k, len(gg), k / len(gg)))
    return pd.DataFrame(rows, columns=cols)


# ---------------------------------------------------------------------------
# Evaluation
# ---------------------------------------------------------------------------

def _read_gold(gold) -> list[dict]:
    from ._checks import read_records

    return read_records(gold, "gold")[0]


def evaluate_agency(gold, corpus: pd.DataFrame | None = None, *, actors=None,
                    violence=None, column: str = "body",
                    attributions: pd.DataFrame | None = None) -> dict:
    """Score :func:`extract_agency` against hand-annotated gold mentions.

    Parameters
    ----------
    gold : path, list of dict or DataFrame
        Gold records (``tests/gold/agency.jsonl`` format: ``doc_id, context,
        trigger, voice, agent_side, patient_side`` ...). A record's trigger is
        located by finding ``context`` verbatim in the document and ``trigger``
        as a whole word inside it.
    corpus : DataFrame, optional
        The corpus the gold refers to; default: the bundled sample corpus.
    actors, violence : lexicons, see :func:`extract_agency`
    column : str, default "body"
    attributions : DataFrame, optional
        The corpus' attributions, for first person inside quotes (see
        :func:`extract_agency`; what :func:`framing.analyze` does with both stages).

    Returns
    -------
    dict
        ``n_gold, n_pred, n_aligned, recall, precision, voice_accuracy,
        agent_side_accuracy, patient_side_accuracy`` (accuracies over aligned
        mentions), ``voice_confusion`` (DataFrame gold x predicted),
        ``errors`` (DataFrame of aligned mentions that differ in voice or a side),
        ``missed`` (gold records not found), ``spurious`` (predicted mentions
        matching no gold record), ``unlocated`` (gold records whose context or
        trigger could not be found).

    Notes
    -----
    A gold mention is aligned to the predicted mention whose trigger span
    contains the gold trigger's first character (so a predicted phrase "opened
    fire" aligns with a gold trigger "fire"); each prediction aligns at most once.

    Examples
    --------
    >>> r = evaluate_agency([{"doc_id": "000_7f5838e29b6a3963",
    ...     "context": "no Armenian soldiers had been killed in the latest violence",
    ...     "trigger": "killed", "voice": "passive_agentless", "agent_side": "",
    ...     "patient_side": "armenia"}])
    >>> r["recall"], r["voice_accuracy"], r["patient_side_accuracy"]
    (1.0, 1.0, 1.0)
    """
    recs = _read_gold(gold)
    if corpus is None:
        from .corpus import load_sample_corpus

        corpus = load_sample_corpus()
    check_columns(corpus, ["doc_id", column], "corpus")
    texts = dict(zip(corpus["doc_id"], corpus[column]))
    gold_docs = {r.get("doc_id") for r in recs}
    sub = corpus[corpus["doc_id"].isin(gold_docs)]
    pred = extract_agency(sub, actors=actors, violence=violence, column=column,
                          attributions=attributions)
    located, unlocated = [], []
    for r in recs:
        text = texts.get(r.get("doc_id"))
        ctx, trig = r.get("context", ""), r.get("trigger", "")
        pos = text.find(ctx) if isinstance(text, str) and ctx else -1
        m = re.search(r"(?<!\w)" + re.escape(trig) + r"(?!\w)", ctx) if pos >= 0 and trig else None
        if m is None:
            unlocated.append(r)
            continue
        located.append((r, pos + m.start()))
    used: set[int] = set()
    by_doc = {d: g for d, g in pred.groupby("doc_id")}
    aligned, missed = [], []
    for r, gstart in located:
        g = by_doc.get(r["doc_id"])
        hit = None
        if g is not None:
            cand = g[(g["start"] <= gstart) & (g["end"] > gstart)]
            for idx in cand.index:
                if idx not in used:
                    hit = idx
                    break
        if hit is None:
            missed.append(r)
            continue
        used.add(hit)
        aligned.append((r, pred.loc[hit]))
    n_al = len(aligned)

    def acc(field_gold, field_pred):
        if not n_al:
            return float("nan")
        return sum(str(r.get(field_gold, "") or "") == str(p[field_pred] or "")
                   for r, p in aligned) / n_al

    errs = []
    for r, p in aligned:
        if r.get("voice") != p["voice"] or (r.get("agent_side") or "") != p["agent_side"] or \
                (r.get("patient_side") or "") != p["patient_side"]:
            errs.append({"doc_id": r["doc_id"], "trigger": r.get("trigger"),
                         "context": r.get("context"),
                         "voice_gold": r.get("voice"), "voice_pred": p["voice"],
                         "agent_side_gold": r.get("agent_side") or "",
                         "agent_side_pred": p["agent_side"], "agent_pred": p["agent"],
                         "patient_side_gold": r.get("patient_side") or "",
                         "patient_side_pred": p["patient_side"], "patient_pred": p["patient"]})
    spurious = pred.drop(index=list(used))
    conf = pd.crosstab(pd.Series([r.get("voice") for r, _ in aligned], name="gold"),
                       pd.Series([p["voice"] for _, p in aligned], name="predicted"))
    n_gold = len(recs)
    return {
        "n_gold": n_gold,
        "n_pred": len(pred),
        "n_aligned": n_al,
        "recall": n_al / n_gold if n_gold else float("nan"),
        "precision": n_al / len(pred) if len(pred) else float("nan"),
        "voice_accuracy": acc("voice", "voice"),
        "agent_side_accuracy": acc("agent_side", "agent_side"),
        "patient_side_accuracy": acc("patient_side", "patient_side"),
        "quoted_accuracy": acc("quoted", "quoted") if all("quoted" in r for r, _ in aligned)
        else float("nan"),
        "voice_confusion": conf,
        "errors": pd.DataFrame(errs),
        "missed": pd.DataFrame(missed),
        "spurious": spurious.reset_index(drop=True),
        "unlocated": pd.DataFrame(unlocated),
    }


def format_evaluation(result: dict) -> str:
    """A plain-text report of :func:`evaluate_agency` results.

    Examples
    --------
    >>> r = {"n_gold": 2, "n_pred": 2, "n_aligned": 2, "recall": 1.0, "precision": 1.0,
    ...      "voice_accuracy": 1.0, "agent_side_accuracy": 0.5, "patient_side_accuracy": 1.0}
    >>> print(format_evaluation(r).splitlines()[0])
    agency evaluation: 2 gold mentions, 2 predicted, 2 aligned
    """
    lines = [f"agency evaluation: {result['n_gold']} gold mentions, {result['n_pred']} predicted, "
             f"{result['n_aligned']} aligned"]
    for key in ("recall", "precision", "voice_accuracy", "agent_side_accuracy",
                "patient_side_accuracy", "quoted_accuracy"):
        if key in result:
            lines.append(f"  {key:<24}{result[key]:.3f}")
    conf = result.get("voice_confusion")
    if isinstance(conf, pd.DataFrame) and not conf.empty:
        lines.append("voice confusion (rows gold, columns predicted):")
        lines.extend("  " + ln for ln in conf.to_string().splitlines())
    errs = result.get("errors")
    if isinstance(errs, pd.DataFrame) and not errs.empty:
        lines.append(f"errors ({len(errs)}):")
        for e in errs.itertuples(index=False):
            parts = []
            if e.voice_gold != e.voice_pred:
                parts.append(f"voice {e.voice_gold}->{e.voice_pred}")
            if e.agent_side_gold != e.agent_side_pred:
                parts.append(f"agent {e.agent_side_gold or '-'}->{e.agent_side_pred or '-'}"
                             f" ({e.agent_pred!r})")
            if e.patient_side_gold != e.patient_side_pred:
                parts.append(f"patient {e.patient_side_gold or '-'}->{e.patient_side_pred or '-'}"
                             f" ({e.patient_pred!r})")
            lines.append(f"  {e.doc_id[:3]} {e.trigger!r}: {'; '.join(parts)}  | {e.context}")
    for key, label in (("missed", "missed"), ("unlocated", "gold records not located")):
        df = result.get(key)
        if isinstance(df, pd.DataFrame) and not df.empty:
            lines.append(f"{label} ({len(df)}):")
            for r in df.itertuples(index=False):
                lines.append(f"  {str(r.doc_id)[:3]} {r.trigger!r} | {r.context}")
    sp = result.get("spurious")
    if isinstance(sp, pd.DataFrame) and not sp.empty:
        lines.append(f"spurious ({len(sp)}):")
        for r in sp.itertuples(index=False):
            lines.append(f"  {str(r.doc_id)[:3]} {r.trigger!r} ({r.voice})")
    return "\n".join(lines)
