"""Attribution: who is quoted, from which side, with which reporting verb.

One row per attribution: a direct quotation with its speaker (``"...," she
said``; ``X said: "..."``; split and multi-paragraph quotes), indirect speech
(``X said (that) ...``, ``X accused Y of ...``, ``..., X announced``) and
``according to X``. Speakers are resolved to an actor and a side with an
actors lexicon; reporting verbs are classed (neutral, distancing, concessive,
endorsing, accusatory, directive, warning, ...) with a reporting-verb lexicon.
Nothing about a particular conflict is written here: actors, sides and
demonyms come from lexicon files.

The extractor is rule-based and runs in one pass per document over the
sentence and quotation spans of :mod:`framing.text` and the matches of one
compiled :class:`framing.Matcher` (actors + verbs); it needs no tagger, parser
or downloaded model. The rules, in order:

1. Candidate verbs are reporting-verb matches outside quotation marks, minus
   nouns (after a determiner or preposition), passives (after a form of *be*),
   infinitives (after *to*, except *continued to urge*) and a few collocations
   that are not speech (*claimed lives*, *declared independence*).
2. Each verb gets a speaker: the noun phrase before it (skipping auxiliaries
   and adverbs, skipping appositives such as ``Turan, an independent news
   outlet,``), the noun phrase after it in inverted order (``"...," said
   Guliyev``), the speaker of the previous verb for coordinated verbs and
   participles (``she said, claiming ...``), or the subject of the sentence.
3. Each verb gets a content span: after the verb (skipping time adjuncts and an
   addressee before *that*) up to the next coordinated attribution or the end
   of the sentence; or, in inverted order (``..., officials announced``), from
   the start of the sentence to the comma before the speaker.
4. Quotations inside a content span are direct attributions of that verb
   (only the quoted words are recorded, as in the gold standard's "mixed"
   rule); a span without quotations is indirect speech. ``according to X``
   gives one ``according_to`` row covering its clause.
5. A quotation that starts a sentence with no verb of its own continues the
   attribution before it: with the same verb in the same paragraph (split
   quote), with an empty verb in the next paragraph (carried-over quote).
   Other quotations (scare quotes, names such as an operation titled
   "Revenge", headings) are not attributions.
6. Speakers are resolved with the actors lexicon: a person's name beats an
   institution, which beats a country, which beats a demonym (that gives only
   a side). Pronouns and definite descriptions (*the ministry*, *the
   department*, *the official*) take the nearest earlier speaker or actor
   mention that fits (a person for *he*/*she*, an actor whose name contains
   *Ministry* for *the ministry*). Speakers that cannot be resolved keep an
   empty actor; a two-sided speaker (``Kyiv and Moscow``) gets no side.
7. Antecedents prefer the subject of the previous sentence when it fits the
   pronoun (a person for *he*/*she*, an actor for *it*, a plural or armed group
   for *they*); a definite description takes an earlier noun phrase with the same
   head (*the officials* after *Kenyan officials*); a bare surname takes the full
   name mentioned last (an unlisted namesake is nobody of the lexicon); *the army*
   and *the government* with none named just before are those of the dateline's
   country; *police* is the police force named before (or the lexicon's only
   one); aid agencies and rights groups named by a common noun take the side of
   the lexicon's organisations.
8. Unnamed people of an institution named by a common noun take its side: *a
   spokesman for the ministry*, *the ministry's spokesman*, *a ministry spokesman*,
   *government officials* are of "the ministry" / "the government" as in rule 7;
   *health officials* of the nearest ministry with *health* in its name. A role
   noun (*officials*, *a senior commander*, *one source*) takes the side of the
   nearest earlier noun phrase with the same head that names one side (*Nigerian
   officials*); none when that phrase names two. The local administration (*local
   officials*, *the governor*, *the authorities*) and *police* with no force named
   are of the dateline's country, unless another side is named before the speaker
   in its sentence. A pronoun after the subject of its own sentence, with no actor
   named in between, is that subject.
"""
from __future__ import annotations

import re
import warnings
from bisect import bisect_left, bisect_right, insort
from collections.abc import Sequence
from functools import partial
from itertools import accumulate, chain, repeat
from operator import itemgetter
from typing import NamedTuple

import numpy as np
import pandas as pd

from . import grammar
from ._checks import FramingError, check_columns, did_you_mean
from .lexicons import Lexicon, Matcher, load_lexicon
from .text import QuoteSpan, count_words, find_quotes, split_sentences

__all__ = [
    "ATTRIBUTION_COLUMNS",
    "KINDS",
    "AttributionExtractor",
    "attributions_for_text",
    "extract_attributions",
    "speech_voice",
    "attribution_by_outlet",
    "verb_class_by_side",
    "distancing_asymmetry",
    "evaluate_attribution",
    "format_evaluation",
    "read_gold",
]

#: Columns of the attributions table, in order.
ATTRIBUTION_COLUMNS = ["doc_id", "sent_id", "kind", "speaker", "actor", "side", "verb",
                       "verb_lemma", "verb_class", "quote", "start", "end", "speaker_start",
                       "speaker_end", "verb_start", "verb_end"]

#: Kinds of attribution.
KINDS = ("direct", "indirect", "according_to")

# --------------------------------------------------------------------------- word lists
# General English only: nothing here names a conflict, a country or an actor. The closed
# classes come from framing.grammar (shared with the agency extractor).

#: auxiliaries with the adverbs, quantifiers and reflexives that may stand between a
#: subject and its verb ("has also said", "both said", "itself said")
_AUX = grammar.HAVE_FINITE | (grammar.BE - {"am"}) | grammar.MODALS | grammar.DO \
    | grammar.NEGATION | (grammar.REFLEXIVE_PRONOUNS & grammar.pronouns(person=3)) \
    | frozenset("""also further additionally then later again already still reportedly
    previously earlier repeatedly immediately recently publicly officially separately too first
    once just finally subsequently allegedly initially both all""".split())
#: be and get (passive auxiliaries)
_BE = (grammar.BE - {"am"}) | (grammar.GET - {"getting"})
_CONNECTORS = frozenset("""while whilst but and or meanwhile moreover however significantly also
then so as when after although though because yet still furthermore additionally indeed instead
now earlier with where whereas thus hence nevertheless nonetheless besides later""".split())
_SUBORD = (grammar.SUBORDINATORS - {"whether", "unless"}) | {"but", "and"}
_RELATIVE = (grammar.RELATIVES - {"that"}) | {"where"}
_APPOS_START = frozenset("a an another one head chief member part who which whose himself "
                         "herself itself former".split())
#: determiners and prepositions that open a phrase before a name
_DETS = (grammar.ARTICLES | grammar.DEMONSTRATIVES | grammar.POSSESSIVE_DETERMINERS
         | frozenset("any no every each in of for with on at by from into upon about".split())
         ) - {"that"}
#: subject pronouns that can be speakers
_PRONOUNS = grammar.SUBJECT_PRONOUNS - {"you"}
#: Heads of a speaker posted abroad: a place after "in"/"at" is not their side ("a diplomat in
#: Bamako", "ambassadors in Nairobi").
_DIPLOMATS = frozenset("diplomat diplomats ambassador ambassadors envoy envoys consul consuls "
                       "attache attaches attaché attachés".split())
#: First words of a short parenthetical adjunct between a subject and its verb ("The ministry,
#: for its part, said", "Moscow, in turn, said", "The army, meanwhile, said").
_PARENTHETICAL_OPEN = frozenset("for in meanwhile however though too also separately later "
                                "earlier instead likewise".split())
#: An appositive after a speaker's name: ", a senior analyst at X", ", commander of X" (group 1,
#: up to the next comma, full stop, semicolon or quotation mark; at most 12 words).
_APPOSITIVE_AFTER = re.compile(
    r",\s+((?:(?:a|an|the)\s+)?(?:[\w\-.'\u2019]+\s+){0,4}?(?:analyst|researcher|expert|"
    r"fellow|director|head|chief|commander|spokesman|spokeswoman|spokesperson|official|"
    r"adviser|advisor|aide|member|officer|representative|envoy|deputy|chairman|chairwoman|"
    r"secretary|minister|lawmaker)\s+(?:at|of|for|to|with|in)\s+"
    r"(?:[\w\-.'\u2019]+\s*){1,8}?)(?=[,.;\"\u201d]|$)")
#: Heads of a subject whose "responded" is an armed act, not speech ("the troops responded to
#: the attack").
_RESPONDING_ARMS = frozenset("army military forces troops soldiers units unit artillery "
                             "soldier troop gunners batteries".split())
#: Naming without quotation marks after "call": an object (a pronoun or a determiner and at
#: most five words) and an indefinite predicate ("it a violation of international law", "the
#: bombardment a massacre"), up to the end of the clause (group 1).
_NAMING_OBJECT = (r"(?:it|them|this|that|(?:the|these|those|its|their|his|her|such)\s+"
                  r"(?:[\w'\u2019-]+\s+){0,4}?[\w'\u2019-]+)")
_NAMING_CALL = re.compile(r"\s+(" + _NAMING_OBJECT + r"\s+(?:a|an)\s+[^.;:,\"\u201c\u201d]+?)"
                          r"\s*(?=[.;:,\"\u201c\u201d]|$)")
#: The same after "describe": "described the strike as an act of terrorism" (group 1).
_NAMING_AS = re.compile(r"\s+(" + _NAMING_OBJECT + r"\s+as\s+(?:a|an)\s+"
                        r"[^.;:,\"\u201c\u201d]+?)\s*(?=[.;:,\"\u201c\u201d]|$)")
#: Verbs of seeing and showing whose object is the subject of a following participle ("a video
#: showed the priest appealing to ...", "witnesses saw soldiers firing").
_DEPICT = frozenset("show shows showed shown showing see sees saw seen seeing hear hears heard "
                    "watch watched depict depicts depicted film filmed films capture captured "
                    "captures picture pictured photograph photographed catch caught".split())
#: What *put* must be followed by to report a figure: "put the death toll at 272", "put the
#: number of soldiers killed at 105" (a toll, number or figure, then "at" and a number).
_PUT_FIGURE = re.compile(
    r"\s+(?:the|its|their|his|her|an?)\s+(?:[\w-]+\s+){0,3}?(?:toll|number|figure|count|"
    r"tally|casualties)\b[^.;:]{0,80}?\s+at\s+(?:(?:about|around|some|nearly|almost|over|"
    r"more\s+than|at\s+least|least)\s+)?\d")
#: What an appeal asks for, after its addressee ("appealed to X to ...", "... for help").
_APPEAL_CONTENT = re.compile(r"\s(?:to|for|that)\s")
#: The outlet's own reporters after "our" ("our correspondent in X reported"): media.
_OWN_REPORTERS = frozenset("correspondent correspondents reporter reporters".split())
#: Quantifiers of a partitive speaker ("Some of them said", "Two of them told").
_PARTITIVE = frozenset("some many most several few one two three four five all both none each "
                       "half dozens hundreds".split())
#: Object pronouns as the source of "according to" ("according to him") and the subject
#: pronoun they resolve as.
_OBJECT_PRONOUNS = {"him": "he", "her": "she", "them": "they"}
_NP_FUNC = frozenset("of the for and from 's both all".split())
#: Lower-case words that can be part of a speaker noun phrase.
_NP_NOUNS = frozenset("""spokesman spokeswoman spokesperson spokespeople spokesmen minister
ministers ministry ministries official officials president presidents secretary general head
chief leader leaders adviser advisers advisor aide aides envoy ambassador representative
representatives commander commanders deputy defense defence foreign interior prime state
state-run news agency agencies office department government governments army military forces
people protesters protestors demonstrators witness witnesses eye outlet outlets media reports
report sources source editorials editorial analysts analyst experts expert residents resident
authorities authority sides side countries country parties party lawmakers lawmaker legislators
member members parliament mp mps speaker diplomats diplomat observers observer monitors
correspondent correspondents reporter reporters journalist journalists activists activist
militants groups group militia militias movement officers officer soldiers troops veterans commentators columnist
newspaper newspapers daily website article analysis paper region thousands hundreds dozens millions
multiple several many some
two three one spokespersons presidency administration staff counterpart counterparts council
committee mission delegation bloc alliance co-chairs secretariat negotiator negotiators
mediator mediators bureau commission directorate command headquarters wing police television
broadcaster radio channel embassy consulate service services""".split())
#: Head nouns of event noun phrases: these are not speakers ("clashes threaten war").
_EVENT_HEADS = frozenset("""clashes clash fighting war wars attack attacks violence conflict
conflicts escalation situation move crisis tensions tension shelling skirmishes flare-up
ceasefire truce dispute fighting strikes strike incident incidents war's talks""".split())
#: Definite descriptions resolved to an earlier mention: head -> kind of antecedent.
_GENERIC_HEADS = {
    "ministry": "name", "department": "name", "office": "name", "government": "name",
    "parliament": "name", "presidency": "name", "embassy": "name", "agency": "media",
    "army": "military", "military": "military", "forces": "military", "group": "group",
    "militia": "group", "movement": "group",
    "official": "person", "spokesman": "person", "spokeswoman": "person",
    "spokesperson": "person", "representative": "person", "minister": "person",
    "president": "person",
    "leader": "person", "envoy": "person", "ambassador": "person", "diplomat": "person",
    "article": "media", "report": "media", "analysis": "media", "editorial": "media",
    "newspaper": "media", "outlet": "media", "paper": "media", "broadcaster": "media",
}
#: Anonymous crowds: their side comes from where they are ("protesters in Kyiv") or from
#: the crowd mentioned before.
_CROWD = frozenset("protesters protestors demonstrators crowd crowds people residents marchers "
                   "rioters demonstration protest protests rally".split())
#: time words and the adverbs read with them ("on Monday", "earlier this week")
_TIME = grammar.WEEKDAYS | grammar.MONTHS | grammar.MONTH_ABBREVIATIONS \
    | (grammar.RELATIVE_DAYS - {"tomorrow"}) \
    | (grammar.TIMES_OF_DAY - {"dawn", "dusk", "midnight", "noon"}) \
    | frozenset("""week weekend month year earlier later then again also too recently previously
    late early last this next soon immediately publicly separately shortly now""".split())
#: A dateline opening an article: "GOMA, Democratic Republic of Congo, Oct 30 (Agency) -".
_DATELINE = re.compile(r"^[ \t]*([A-Z][A-Z'.\-]+(?:[ /][A-Z][A-Z'.\-]+)*)(?:,[^,\n(]{2,60})?,"
                       r"?\s+(?:[A-Z][a-z]{2,8}\.?\s+\d{1,2}\b|\()", re.MULTILINE)
#: A parenthetical acronym closing a speaker span ("... Army (KLA", "... Force (ISAF)").
_PAREN_TAIL = re.compile(r"\s*\([A-Z][A-Za-z.&-]{0,11}\)?\s*$")
#: The dash that ends a dateline, on its line: "(Agency) - ", " -- ", " — ".
_DATELINE_DASH = re.compile(r"[^\S\n]+(?:--?|\u2013|\u2014)[^\S\n]+")
#: Modifiers naming aid and rights work ("aid agencies", "humanitarian groups").
_NGO_WORDS = frozenset("aid humanitarian relief charity charities ngo ngos".split())
#: Heads of such speakers.
_NGO_HEADS = frozenset("""agency agencies worker workers group groups organisation organisations
organization organizations official officials staff monitors monitor activists activist
charities charity""".split())
#: Capitalised sentence openers that are adverbs, not part of a following name.
_ADVERB_OPENERS = frozenset("""later earlier meanwhile separately afterwards then still yet
also however moreover instead nevertheless nonetheless now today yesterday again
previously recently subsequently""".split())
_ADJUNCT_PREPS = frozenset("on in at during via through after before to from over by "
                           "under amid".split())
_NAMING = re.compile(r"(?:\b(?:titled|entitled|called|named|dubbed|so-called|so called|known as|"
                     r"codenamed|code-named|labelled|labeled|termed|nicknamed|the word|the term|"
                     r"slogans?|motto|hashtag)\s*)$", re.IGNORECASE)
#: The last letters of _NAMING's words, in every case form that matches them.
_NAMING_LAST = frozenset("dDsS\u017fmMnNoOgG")
#: Lemmas that report speech only with quoted words (naming: 'called it "X"').
_QUOTE_ONLY = frozenset({"call", "describe"})
#: Lemmas that need a that-clause, a colon or a quotation (or inverted order).
_COMPLEMENT_ONLY = frozenset({"update", "inform", "post", "write", "tweet", "maintain",
                              "dispute", "charge", "assure", "recall", "predict", "repeat",
                              "add", "protest", "continue"})
#: Determiners that open the subject of a passive report ("The claim was disputed by X").
_PASSIVE_DETS = grammar.ARTICLES | grammar.DEMONSTRATIVES | {"such"} \
    | (grammar.POSSESSIVE_DETERMINERS - {"my", "your"})
#: Verbs that report another source's words: "quoted X as saying".
_QUOTING = frozenset("quoted quotes quoting cited cites citing".split())
#: Head nouns of hedges that name no source ("according to preliminary information").
_HEDGE_HEADS = frozenset("information data estimates estimate figures figure results statistics "
                         "tally tallies count counts calculations findings indications "
                         "assessments assessment".split())
#: Nominal reporting words ('a statement by X that ...').
_NOMINAL = frozenset({"statement"})
#: Verb + next word(s) that are not speech.
_NOT_SPEECH = re.compile(
    r"\s*(?:(?:claim\w*)\s+(?:\S+\s+){0,2}(?:lives?|victims|casualties|(?:\w+\s+)?(?:territor\w+|"
    r"land|title|seats?|asylum|compensation))\b|declar\w*\s+(?:its\s+|their\s+)?"
    r"(?:independence|war|martial|an?\s+(?:\w+\s+)?(?:state\s+of|emergency))"
    r"|report\w*\s+(?:to|for)\s+(?:work|duty)"
    r"|call\w*\s+(?:off|in|up|back)\b|warn\w*\s+(?:of|about)\s+nothing)", re.IGNORECASE)
#: Nouns for a state's armed forces after a demonym ("the Israeli military", "Malian troops").
_ARMY_NOUNS = frozenset("army military forces troops soldiers".split())
#: What *dismiss* must be followed by to report speech: a noun for what was said ("dismissed
#: the claim", "dismissed reports of ...", "dismissed the figure as propaganda"), not a person
#: ("dismissed the governor") or a case.
_DISMISS_CONTENT = re.compile(
    r"\s+(?:(?:the|these|those|this|such|his|her|its|their|our|an?|all|any)\s+)?"
    r"(?:[\w-]+\s+){0,2}?(?:claims?|reports?|threats?|figures?|accusations?|allegations?|"
    r"charges?|criticism|criticisms|warnings?|statements?|suggestions?|rumou?rs?|speculation|"
    r"assertions?|accounts?|remarks?|comments?|demands?|concerns?|fears?|toll|numbers?|"
    r"estimates?|idea|notion|talk)\b", re.IGNORECASE)
_CONTINUE_TO = frozenset("continued continue continues continuing began begin begins went "
                         "go goes going decided refused declined".split())
_TOKEN = re.compile(r"\d[\d,.]*\d|\w+(?:['\u2019]\w+)*|[^\w\s]", re.UNICODE)
_OPEN_MARKS = "\"'\u201c\u2018\u201e\u00ab"
_CLOSE_MARKS = "\"'\u201d\u2019\u00bb"
_SENT_END = ".!?\u2026"
_TRAILING_CONJ = re.compile(r"[\s,](?:and|but|while|although|though|whereas|as|or)$")
_TRIM_END = ",;:." + _SENT_END
_COMPLEMENT_END = re.compile(r"\bthat\s*$|:\s*$")
#: A second content clause coordinated with the first ("said A, and that B").
_AND_THAT = re.compile(r",?\s+(?:and|but)\s+(?:also\s+)?that\s+", re.IGNORECASE)
_NP_WORDS = re.compile(r"\w+(?:['\u2019]\w+)*")
_WORDS = re.compile(r"\w+")
_LOCATIVE = re.compile(r"\s(?:in|at)\s")
#: The press unit of an institution, which speaks for it: "the ministry's press service"
#: (group 1, the possessor) or "the press office of the ministry" (group 2).
_PRESS_UNIT = re.compile(r"(?i)^(?:(.+?)['\u2019]s\s+press\s+(?:service|office|centre|center|"
                         r"department)|the\s+press\s+(?:service|office|centre|center|department)"
                         r"\s+of\s+(.+))$")
#: Words that open an anonymous speaker noun phrase ("a farmer", "two teachers").
_SPEAKER_DETS = grammar.ARTICLES | grammar.SMALL_CARDINALS \
    | frozenset("another some several many dozens hundreds".split()) \
    | (grammar.POSSESSIVE_DETERMINERS - {"my", "your"})
#: Common nouns for people that no suffix rule finds (plural: add "s" or listed).
_PERSON_WORDS = frozenset("""woman women man men child children nurse doctor surgeon medic
student pupil mother father wife husband son daughter brother sister widow girl boy girls boys
family families relative relatives people person persons youth villager neighbour neighbor
refugee refugees cleric imam priest monk nun guard police general colonel captain major
sergeant lieutenant chief elder elders victim victims survivor witness citizen native
local locals civilian civilians fighter""".split())
_PERSON_ENDINGS = ("er", "or", "ist", "ian", "man", "men", "ant", "ent", "ee", "eer", "ier",
                   "ive", "ate")
#: Lower-case words that are never part of such a noun phrase.
_NOT_NOUN = (_AUX | _BE | _CONNECTORS | _SUBORD | _RELATIVE | _TIME | _DETS | _ADJUNCT_PREPS
             | _PRONOUNS | frozenset("""that this there what which who it them him
             us me not no only even also as than said says say told tells""".split()))
#: Words that continue a speaker noun phrase leftwards (np_back).
_NP_WORDSET = _NP_NOUNS | _NP_FUNC | frozenset(_PRONOUNS)
_NO_CONTENT = re.compile(r"(?:in|on|at|via|through|during)\s+(?:a|an|the|its|"
                         r"his|her|their)?\s*(?:\w+\s+){0,2}(?:statement|interview|post|"
                         r"message|briefing|conference|letter|report|video|tweet|broadcast)",
                         re.IGNORECASE)
#: Nouns for unnamed news media ("Indian media", "state television", "news outlets"): the
#: guideline gives every news outlet the side of the media, whatever its country.
_MEDIA_NOUNS = frozenset("""media press newspaper newspapers outlet outlets television tv
broadcaster broadcasters radio daily dailies editorial editorials website websites
channel channels""".split())
_STATE_ARMY = re.compile(r"(.+?)\s+(?:army|military|armed forces)$")
#: Documents that speak for whoever issued them ("the statement said").
_DOCUMENT_HEADS = frozenset("statement report communique communiqué letter".split())
#: Participles that modify names and titles ("armed wing", "Iran-backed militia").
_NAME_PARTICIPLES = frozenset("armed united based appointed elected backed".split())
#: Words ending like nouns for people (-er, -or, -ate...) that are not titles.
_NOT_TITLE = frozenset("""under over other either neither never whether later together ever
rather further however whatever per enter remember consider offer deliver order answer
register former latter senior junior major minor prior upper lower inner outer""".split())
#: Honorifics written with a period before a name ("Mr. Sidibe", "Dr. Diallo").
_HONORIFICS = frozenset("mr mrs ms dr prof gen col lt maj capt sgt sen rep gov".split())
#: Capitalised words that name organisations or places, not people ("Human Rights Watch").
_ORG_WORDS = frozenset("""watch union council committee front movement party organization
organisation foundation institute association federation league brigade brigades corps
network center centre times post press tv news agency service services court fund bank
coalition alliance assembly congress senate ministry office forces army navy police guard
republic state states nations kingdom university college church mosque hospital camp
international human rights relief aid red cross crescent without borders society""".split())

#: Head nouns of people who speak for an institution without being named ("a ministry
#: spokesman", "officials", "a senior commander", "a military source").
_ROLE_HEADS = frozenset("""spokesman spokeswoman spokesperson spokesmen spokeswomen spokespeople
official officials commander commanders source sources officer officers governor governors
administrator administrators authorities""".split())
#: Institutions named by a common noun whose people speak for them ("a spokesman for the
#: ministry", "the army's spokesman", "government officials"): each has a kind in
#: _GENERIC_HEADS.
_INSTITUTION_HEADS = frozenset("ministry government army military presidency embassy "
                               "department office".split())
#: Heads of a speaker noun phrase after a possessive determiner that speak for the possessor
#: ("Its spokesman", "his office", "Its president, <name>", "their envoy").
_POSSESSED_ROLES = _ROLE_HEADS | _INSTITUTION_HEADS | frozenset(
    """president chairman chairwoman director chief head leader leaders secretary envoy
    envoys representative representatives ambassador adviser advisers advisor aide aides
    staff""".split())
#: Modifiers of a role noun that name neither an institution nor a field: rank, number,
#: anonymity ("a senior official", "two officials", "one source").
_RANK_WORDS = grammar.DETERMINERS | grammar.SMALL_CARDINALS | frozenset(
    """senior top junior high-ranking high-level ranking former deputy acting chief unnamed
    anonymous""".split())
#: Modifiers for the local administration of a place ("local officials", "the provincial
#: governor"): the state of the dateline's place, when nothing else is named.
_LOCAL_WORDS = frozenset("local provincial regional district municipal city town county "
                         "state".split())
#: Role heads that name the local administration on their own ("the authorities said",
#: "the governor said").
_LOCAL_HEADS = frozenset("authorities governor".split())
#: Prepositions linking a role noun to its institution ("a spokesman for the ministry").
_ROLE_OF = frozenset("for of from at".split())
_ROLE_TAIL: dict[str, re.Pattern] = {}  # head -> the pattern of same_role (compiled lazily)
#: Words that may stand between a side-bearing name and a role head in same_role ("Kenyan
#: army officials", "Chadian senior commanders", "the ministry's chief spokesman").
_ROLE_GAP = _RANK_WORDS | _LOCAL_WORDS | _INSTITUTION_HEADS | frozenset(
    "defence defense foreign interior health security intelligence police military".split())
#: Lower-case modifiers read into a speaker before a role head ("and local officials said",
#: ", a senior security source said").
_ROLE_MODIFIERS = (_ROLE_GAP - grammar.DETERMINERS - grammar.SMALL_CARDINALS) | frozenset(
    ["high-ranking"])
#: What stands between two coordinated names ("Nigerian and Chadian", "Chad's, Mali's").
_COORDINATED = re.compile(r"(?:['\u2019]s)?\s*(?:,\s*)?(?:(?:and|or)\s+)?")
_ROLE_IRREGULAR = {"spokesmen": "spokesman", "spokeswomen": "spokeswoman",
                   "spokespeople": "spokesperson", "authorities": "authority"}


def _role_key(w: str) -> str:
    """The singular of a role head ("officials" -> "official", "spokesmen" -> "spokesman")."""
    if w in _ROLE_IRREGULAR:
        return _ROLE_IRREGULAR[w]
    return w[:-1] if w.endswith("s") and w[:-1] in _ROLE_HEADS else w


def _boundary_after(toks, k: int, default: int) -> int:
    """Where a frame's clause starts, given the token ``k`` before it: after a closing
    quotation, at punctuation or a subordinator/relative, else ``default``."""
    if k >= 0 and toks[k].kind == "q":
        return toks[k].end
    if k >= 0 and (toks[k].text in ",;:" or toks[k].low in _SUBORD or toks[k].low in _RELATIVE):
        return toks[k].start
    return default


class _Tok(NamedTuple):
    start: int
    end: int
    text: str
    low: str
    kind: str  # "w" word, "p" punctuation, "q" quotation span
    q: int  # quote index for kind "q", else -1


class _Mention(NamedTuple):
    start: int
    end: int
    canonical: str
    side: str
    category: str


_new_mention = partial(tuple.__new__, _Mention)


def _mention_order(m: _Mention) -> tuple[int, int]:
    return m.start, m.start - m.end  # leftmost, then longest


class _Frame:
    """One reporting verb with its speaker and content (internal)."""

    def __init__(self, vs, ve, verb, lemma, vclass, unit):
        self.vs, self.ve, self.verb, self.lemma, self.vclass = vs, ve, verb, lemma, vclass
        self.unit = unit
        self.sp = None  # (start, end) of the speaker NP
        self.mode = ""  # left / right / inherit / subject / according
        self.orient = "forward"
        self.boundary = vs  # where the clause of this frame starts
        self.c0 = self.c1 = -1
        self.quotes: list[int] = []
        self.actor = self.side = self.speaker = ""
        self.nominal = False


#: A token with the white space before it: ``findall`` gives (space, token) pairs, and
#: the offsets follow by summing lengths (every non-space character is in a token).
_TOKEN_WS = re.compile(r"(\s*)(" + _TOKEN.pattern + ")")
_FIRST = itemgetter(0)
_SECOND = itemgetter(1)
_new_tok = partial(tuple.__new__, _Tok)  # _Tok from a tuple, without Python-level __new__


class _KindCache(dict):
    """``{token: "w" or "p"}`` (word or punctuation), filled on demand, bounded."""

    __slots__ = ()

    def __missing__(self, w):
        if len(self) >= 200_000:
            self.clear()
        k = self[w] = "w" if (w[0].isalnum() or w[0] == "_") else "p"
        return k


_KIND = _KindCache()


class _LowerCache(dict):
    """``{token: token.lower()}``, filled on demand, bounded: the lower-case forms are
    shared strings whose hashes are computed once (tokens are looked up in word sets)."""

    __slots__ = ()

    def __missing__(self, w):
        if len(self) >= 200_000:
            self.clear()
        low = self[w] = w.lower()
        return low


_LOWER = _LowerCache()
#: Canonical names in lower case, "defence" spelt "defense" (_Doc._name_has), bounded.
_NAME_LOW: dict[str, str] = {}


def _word_tokens(text: str, a: int, b: int) -> list[_Tok]:
    """Word and punctuation tokens of ``text[a:b]`` (no quotation tokens).

    Same tokens as ``_TOKEN.finditer(text, a, b)``, built with C-level maps instead
    of one Python step per token."""
    pairs = _TOKEN_WS.findall(text, a, b)
    if not pairs:
        return []
    bounds = list(accumulate(map(len, chain.from_iterable(pairs)), initial=a))
    words = list(map(_SECOND, pairs))
    return list(map(_new_tok, zip(bounds[1::2], bounds[2::2], words,
                                  map(_LOWER.__getitem__, words),
                                  map(_KIND.__getitem__, words), repeat(-1))))


_ASCII_LETTERS = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ")


def _word_before(text: str, pos: int, lo: int) -> tuple[int, int] | None:
    """``(x, y)``: the word ``text[x:y]`` before the white space that ends at ``pos``, when
    it is a whole token of ``_word_tokens(text, lo, ...)`` for certain: ASCII letters
    after white space or at ``lo``. ``(lo, lo)`` (an empty word) when there is nothing but
    white space in ``[lo, pos)``; None when not known (no white space before ``pos``, or
    a word with other characters)."""
    y = pos
    while y > lo and text[y - 1].isspace():
        y -= 1
    if y == lo:
        return lo, lo
    if y == pos:
        return None
    x = y
    while x > lo and text[x - 1] in _ASCII_LETTERS:
        x -= 1
    if x == y or x > lo and not text[x - 1].isspace():
        return None
    return x, y


def _next_char(text: str, i: int) -> int:
    while i < len(text) and text[i].isspace():
        i += 1
    return i


def _is_cap(tok: _Tok) -> bool:
    return tok.kind == "w" and grammar.is_capitalised(tok.text)


def _person_noun(w: str) -> bool:
    """Whether a lower-case common noun names people ("farmer", "nurses", "woman")."""
    if w in _PERSON_WORDS:
        return True
    stem = w[:-1] if grammar.looks_plural(w) else w
    return stem in _PERSON_WORDS or len(stem) >= 5 and stem.endswith(_PERSON_ENDINGS)


def _age_comma(toks, c: int) -> bool:
    """Whether the comma at ``c`` opens an age in commas ("X, 42, said")."""
    return c + 2 < len(toks) and toks[c + 1].text.isdigit() and len(toks[c + 1].text) <= 3 \
        and toks[c + 2].text == ","


def _person_np(toks, a: int, hi: int) -> tuple[int, int] | None:
    """A short common-noun phrase for people starting at token ``a``: an article or
    "one", up to two lower-case modifiers and a person noun as its last word ("a
    teacher", "one elderly woman", "a water carrier"), or None."""
    if a > hi or toks[a].kind != "w" or toks[a].low not in ("a", "an", "the", "one"):
        return None
    k = a + 1
    while k <= hi and k <= a + 3 and toks[k].kind == "w" and not _is_cap(toks[k]) and \
            toks[k].low not in _AUX and toks[k].low not in _NP_FUNC and \
            toks[k].low not in _PERSON_NP_STOP:
        k += 1
    b = k - 1
    if b <= a or (k <= hi and toks[k].kind == "w" and toks[k].low not in _PERSON_NP_STOP):
        return None
    return (a, b) if _person_noun(toks[b].low) else None


#: Words that end a short person phrase after an inverted reporting verb.
_PERSON_NP_STOP = frozenset("in at from who near outside inside".split())


def _plain_modifier(tok: _Tok) -> bool:
    """Whether a token is a lower-case word that can modify a head noun ("human rights",
    "food security"): no function word, verb form or adverb."""
    w = tok.low
    return tok.kind == "w" and w.isalpha() and not _is_cap(tok) and w not in _NOT_NOUN and \
        w not in _NP_FUNC and not w.endswith(("ed", "ing", "ly"))


def _hyphen_tail(toks, k: int) -> bool:
    """Whether the word at ``k`` is joined by a hyphen to a capitalised word before it
    ("Ki-moon", "Jae-in"), as the last part of a name."""
    h, p = toks[k - 1], toks[k - 2]
    return h.text in "-\u2013" and h.start == p.end and h.end == toks[k].start and _is_cap(p)


def _abbrev_dot(toks, k: int) -> bool:
    """Whether the period at ``toks[k]`` closes a one-letter abbreviation ("U.N.", "U.S.")."""
    if k < 1 or toks[k].text != ".":
        return False
    p = toks[k - 1]
    return p.kind == "w" and p.end == toks[k].start and (
        len(p.text) == 1 and p.text.isupper() or p.low in _HONORIFICS and _is_cap(p))


class AttributionExtractor:
    """Compiled actor and reporting-verb lexicons for extracting attributions.

    Parameters
    ----------
    actors : str, path, DataFrame, Lexicon or Study, optional
        Default: the actors-role lexicon of the default study (a Study: its own)
        Actors lexicon: ``term`` (name, alias, role or demonym), ``category``
        (``person``, ``institution``, ``government``, ``military``,
        ``organization``, ``media``, ``country``, ``capital``, ``demonym``...),
        ``side`` and ``canonical`` (the actor's full name).
    verbs : str, path, DataFrame, Lexicon or Study, optional
        Default: the study's reporting-verbs lexicon (the shipped general English one)
        Reporting-verb lexicon: one row per inflected form, ``category`` = verb
        class, ``canonical`` = lemma.
    person_categories : sequence of str, default ("person",)
        Actor categories that are people (antecedents of *he*/*she*).
    modifier_categories : sequence of str, default ("demonym",)
        Categories that give a side but are not an actor on their own
        ("Ukrainian officials" is anonymous, from the Ukrainian side).

    Examples
    --------
    >>> actors = pd.DataFrame({"term": ["Dmitry Peskov", "Kremlin"],
    ...                        "category": ["person", "institution"],
    ...                        "side": ["russia", "russia"]})
    >>> ex = AttributionExtractor(actors=actors)
    >>> rows = ex.extract('"We are concerned," Kremlin spokesman Dmitry Peskov said.')
    >>> [(r[2], r[4], r[5], r[6], r[8]) for r in rows]
    [('direct', 'Dmitry Peskov', 'russia', 'said', 'neutral')]
    """

    def __init__(self, actors=None, verbs=None, *,
                 person_categories: Sequence[str] = ("person",),
                 modifier_categories: Sequence[str] = ("demonym",)):
        self.actors = actors
        self.verbs = verbs
        self.person_categories = tuple(person_categories)
        self.modifier_categories = tuple(modifier_categories)
        from .studies import role_lexicon

        actors_lex = role_lexicon(actors, "actors")
        verbs_lex = role_lexicon(verbs, "reporting_verbs")
        lexes = [actors_lex, verbs_lex]
        surnames = self._surname_lexicon(actors_lex)
        if surnames is not None:
            lexes.append(surnames)
        self.matcher_ = Matcher(lexes)
        self.actors_ = actors_lex
        self.verbs_ = verbs_lex
        # particle lookahead for verbs split from their particle ("called Tuesday for")
        self._particles: dict[str, dict[str, int]] = {}
        for ri, (term, cat, side, canon) in enumerate(self.matcher_._tables[1]):
            parts = term.lower().split()
            if len(parts) == 2 and not term.startswith("re:"):
                self._particles.setdefault(parts[0], {})[parts[1]] = ri
        # actor canonical names by side, (category of a resolved actor)
        t = actors_lex.terms
        self._canon_info: dict[str, tuple[str, str]] = {}
        for canon, side, cat in zip(t["canonical"], t["side"], t["category"]):
            self._canon_info.setdefault(canon, (side, cat))
        self._state_army = self._state_armies(t)
        # the side of the news media: the one side all of whose actors are media or
        # people (journalists filed under the media side); a lexicon may file a state
        # broadcaster under its state as well
        is_media = t["category"] == "media"
        other = ~is_media & ~t["category"].isin(self.person_categories)
        media = set(t["side"][is_media]) - set(t["side"][other]) - {""}
        self._media_side = next(iter(media)) if len(media) == 1 else ""
        # the side a news outlet speaks for when it is the speaker, if the lexicon declares
        # one (metadata "media_speakers": all outlets, state-run ones too, speak as media;
        # their own side still counts as actors mentioned)
        meta = actors_lex.meta or {}
        msp = meta.get("media_speakers")
        self._media_speakers = msp if isinstance(msp, str) and msp in (
            meta.get("sides") or {}) else ""
        # police forces of the lexicon, (canonical, side)
        self._police = sorted({(c, sd) for c, (sd, cat) in self._canon_info.items()
                               if "police" in c.lower().split() and sd})
        # the side of aid agencies and rights groups named only by a common noun: the side
        # of (nearly) all organisations of the lexicon, if there is one
        org = t["side"][(t["category"] == "organization") & (t["side"] != "")]
        counts = org.value_counts()
        self._ngo_side = str(counts.index[0]) if len(counts) and \
            counts.iloc[0] >= 0.8 * counts.sum() else ""

    # ------------------------------------------------------------------ set-up
    def _state_armies(self, t: pd.DataFrame) -> frozenset:
        """Canonical names of a state's armed forces: actors listed as "<demonym, country or
        capital> army/military/armed forces" ("Malian army", "Sudan's army"). *The army*
        and *the military* refer to one of these, not to an armed group whose name has
        "Army" in it or to the nearest militia."""
        places = {str(term).lower() for term, cat in zip(t["term"], t["category"])
                  if cat in ("demonym", "country", "capital") or cat in self.modifier_categories}
        out = set()
        for term, canon in zip(t["term"], t["canonical"]):
            m = _STATE_ARMY.match(str(term).lower())
            if m and re.sub(r"['\u2019]s$", "", m.group(1)) in places:
                out.add(canon)
        return frozenset(out)

    def _surname_lexicon(self, lex: Lexicon):
        """Surname-alone aliases of people not already listed (case-sensitive)."""
        t = lex.terms
        self._surname_owners: dict[str, list] = {}
        known = {str(x).lower() for x in t["term"]}
        owners: dict[str, set] = {}
        sides: dict[str, str] = {}
        for term, cat, side, canon in zip(t["term"], t["category"], t["side"], t["canonical"]):
            if cat not in self.person_categories or term.startswith("re:"):
                continue
            for name in (canon, term):
                parts = name.split()
                if len(parts) >= 2 and len(parts[-1]) >= 3 and parts[-1][0].isupper():
                    owners.setdefault(parts[-1], set()).add(canon)
                    sides[parts[-1]] = side
        # a surname shared by two listed people is matched too and resolved in each text
        # by the full name mentioned last (_Doc.surnames)
        self._surname_owners = {s: sorted(c) for s, c in owners.items()
                                if s.lower() not in known}
        rows = [(s, "person", sides[s], sorted(c)[0], "true") for s, c in owners.items()
                if s.lower() not in known]
        if not rows:
            return None
        df = pd.DataFrame(rows, columns=["term", "category", "side", "canonical",
                                         "case_sensitive"])
        return load_lexicon(df, name="actor_surnames")

    # ------------------------------------------------------------------ public
    def lexicon_slots(self, lexicons: list) -> tuple[int, ...]:
        """Indices of this extractor's lexicons (actors, reporting verbs and, when there
        are any, actor surnames) in ``lexicons``.

        For a shared :class:`~framing.lexicons.Matcher` (one pass over each text for
        all lexicons and stages): a lexicon equal to the extractor's (same name and
        rows) is reused; otherwise it is appended to ``lexicons`` (modified in place).
        Selection is per lexicon, so the matches are those of the extractor's own
        matcher.

        Returns
        -------
        tuple of int
            The ``slots`` argument of :meth:`extract`.
        """
        from .lexicons import lexicon_slots

        return lexicon_slots(lexicons, self.matcher_.lexicons)

    def extract(self, text: str, doc_id: str = "", *, sentences=None, quotes=None,
                title: str | None = None, found=None, slots=None) -> list[tuple]:
        """Attributions in one text, as rows in :data:`ATTRIBUTION_COLUMNS` order.

        Parameters
        ----------
        text : str
            The document text (``body``); offsets refer to it.
        doc_id : str, optional
        sentences, quotes : optional
            Sentence spans and :class:`~framing.text.QuoteSpan` list of ``text``
            if already computed (they are computed otherwise).
        title : str, optional
            The document title; when the text starts with it, the title line is
            not searched (headlines are not attributions).
        found, slots : optional
            The selected matches of ``text`` from a shared matcher
            (``Matcher._select``) and the indices of this extractor's lexicons in it
            (:meth:`lexicon_slots`), so that the text is not scanned again.

        Returns
        -------
        list of tuple
        """
        if not isinstance(text, str) or not text.strip():
            return []
        if quotes is None:
            quotes = find_quotes(text)
        if sentences is None:
            sentences = split_sentences(text, quotes)
        doc = _Doc(self, text, doc_id, sentences, quotes, title)
        if found is None or slots is None:
            return doc.run(self.matcher_._select(text))
        local = {k: i for i, k in enumerate(slots)}
        if all(a < b for a, b in zip(slots, slots[1:])):
            # the shared matches, sorted by (start, lexicon, ...), are in the order of
            # this extractor's own lexicons too: read them in place
            return doc.run(found, local)
        return doc.run(sorted([(s, local[li], e, ri) for s, li, e, ri in found if li in local]))

    def extract_frame(self, text: str, doc_id: str = "", **kw) -> pd.DataFrame:
        """:meth:`extract` as a DataFrame."""
        return pd.DataFrame(self.extract(text, doc_id, **kw), columns=ATTRIBUTION_COLUMNS)


# --------------------------------------------------------------------------- one document

class _Doc:
    """State of the extraction for one document."""

    def __init__(self, ex: AttributionExtractor, text, doc_id, sentences, quotes, title):
        self.ex, self.text, self.doc_id = ex, text, doc_id
        self.sents = list(sentences)
        self.sstarts = [s for s, _ in self.sents]
        # an unbalanced quotation mark (no closing mark, not continued in the next
        # paragraph) is ignored: its words are read as ordinary text
        self.quotes: list[QuoteSpan] = [
            q for q in quotes
            if q.closed or (text[(j := _next_char(text, q.end)):j + 1] or "x") in _OPEN_MARKS]
        self.qstarts = [q.start for q in self.quotes]
        self.qlast = [max(q.end, q.inner_end) for q in self.quotes]
        self.skip_until = 0
        if title and isinstance(title, str):
            head = text.lstrip()
            if head.startswith(title.strip()):
                self.skip_until = (len(text) - len(head)) + len(title.strip())
        # paragraph starts
        self.pstarts = [0] + [m.end() for m in re.finditer(r"\n[ \t\r\f\v]*\n", text)]
        self._tok_cache: dict[tuple[int, int], list[_Tok]] = {}
        self._tok_quotes: dict[tuple[int, int], list[int]] = {}
        self._name_quote: dict[int, bool] = {}  # is_name_quote by quote start
        self._fit_words: dict[tuple[int, int], str] = {}
        self._named: dict[tuple[int, int], bool] = {}  # ends_with_name of a span
        self._record_keys: dict[tuple, tuple] = {}  # _keys_for by (start, end, actor, side)

    # ------------------------------------------------------------------ helpers
    def para(self, pos: int) -> int:
        return bisect_right(self.pstarts, pos) - 1

    def sent_id(self, pos: int) -> int:
        return max(bisect_right(self.sstarts, pos) - 1, 0)

    def in_quote(self, s: int, e: int) -> int:
        k = bisect_right(self.qstarts, s) - 1
        if k >= 0 and e <= self.qlast[k]:  # (self.quotes[k].start <= s by the bisection)
            return k
        return -1

    def units(self) -> list[tuple[int, int]]:
        """Sentences merged so that no quotation straddles two units."""
        units: list[list[int]] = []
        for s, e in self.sents:
            if units:
                pe = units[-1][1]
                k = bisect_right(self.qstarts, pe - 1) - 1
                if k >= 0 and self.quotes[k].end > s and self.quotes[k].start >= units[-1][0]:
                    units[-1][1] = max(e, pe)
                    continue
                if k >= 0 and self.quotes[k].start == units[-1][0] and \
                        self._question_quote_unit(units[-1], self.quotes[k], s):
                    # '"Who will protect us?" the minister asked.': the sentence split
                    # after ?" or !" is undone, the speaker and verb follow the quotation
                    units[-1][1] = max(e, pe)
                    continue
            units.append([s, e])
        return [(s, e) for s, e in units]

    def _question_quote_unit(self, unit, q: QuoteSpan, s: int) -> bool:
        """Whether ``unit`` is a quotation alone that ends in ? or ! and the sentence at
        ``s`` follows it in the same paragraph without an opening quotation mark."""
        text = self.text
        if q.start != unit[0] or not q.closed:
            return False
        if text[q.end:unit[1]].strip():
            return False
        inner = text[q.inner_start:q.inner_end].rstrip()
        if not inner or inner[-1] not in "?!":
            return False
        gap = text[q.end:s]
        if gap.strip() or "\n" in gap:
            return False
        first = text[s:s + 1]
        return bool(first) and first not in _OPEN_MARKS

    def tokens(self, s: int, e: int) -> list[_Tok]:
        """Words and punctuation of ``text[s:e]``; each quotation is one token.

        Kept per span for the document (units are tokenised once, and the lists are
        never modified)."""
        got = self._tok_cache.get((s, e))
        if got is None:
            got = self._tok_cache[s, e] = self._tokens(s, e)
        return got

    def quote_tokens(self, s: int, e: int) -> list[int]:
        """Quote indices of the quotation tokens of ``tokens(s, e)``, in order."""
        got = self._tok_quotes.get((s, e))
        if got is None:
            got = self._tok_quotes[s, e] = [t.q for t in self.tokens(s, e) if t.kind == "q"]
        return got

    def _tokens(self, s: int, e: int) -> list[_Tok]:
        text = self.text
        pos = s
        k = max(bisect_right(self.qstarts, s) - 1, 0)
        nq = len(self.quotes)
        while k < nq and self.quotes[k].end <= s:
            k += 1
        if k >= nq or self.quotes[k].start >= e:
            # no quotation in the span
            self._tok_quotes[s, e] = []
            return _word_tokens(text, s, e)
        toks: list[_Tok] = []
        while pos < e:
            if k < len(self.quotes) and self.quotes[k].start < e:
                q = self.quotes[k]
                qs = max(q.start, s)
            else:
                q, qs = None, e
            if qs > pos:
                toks.extend(_word_tokens(text, pos, qs))
            if q is None:
                break
            toks.append(_Tok(q.start, q.end, text[q.start:q.end], "", "q", k))
            pos = max(q.end, qs)
            k += 1
        return toks

    # ------------------------------------------------------------------ main
    def run(self, matches=None, local: dict | None = None) -> list[tuple]:
        """``matches``: the extractor matcher's ``_select(text)`` (start, lexicon, end,
        row), sorted, when already known; or, with ``local`` (shared lexicon index ->
        this extractor's, increasing), the selected matches of a shared matcher."""
        ex = self.ex
        text = self.text
        verbs: list[tuple] = []
        mentions: list[_Mention] = []
        surname_at = set()
        tables = ex.matcher_._tables
        verb_table = tables[1]
        qstarts, qlast = self.qstarts, self.qlast
        # the index in ``matches`` of the actors, reporting verbs and surnames lexicons
        # (compared as they come, without mapping each match's index; -1: none)
        if local is None:
            act, vrb, sur = 0, 1, 2
        else:
            own = {i: k for k, i in local.items()}
            act, vrb, sur = own[0], own[1], own.get(2, -1)
        act_table = tables[0]
        for s, li, e, ri in (ex.matcher_._select(text) if matches is None else matches):
            if li == vrb:
                tterm, cat, side, canon = verb_table[ri]
                verbs.append((s, e, ri, canon, cat))
                continue
            if li != act and li != sur:
                continue  # another stage's lexicon
            # outside quotations (in_quote)
            k = bisect_right(qstarts, s) - 1
            if k >= 0 and e <= qlast[k]:
                continue
            if li == act:
                tterm, cat, side, canon = act_table[ri]
            else:
                tterm, cat, side, canon = tables[2][ri]
                surname_at.add(s)
            mentions.append(_new_mention((s, e, canon, side, cat)))
        # drop actor mentions nested in longer ones (surname inside full name); the
        # matches come sorted by start, so the sort is needed only for shared starts
        starts = list(map(_FIRST, mentions))
        if len(set(starts)) != len(starts):
            mentions.sort(key=_mention_order)
        kept, last_end = [], -1
        for m in mentions:
            if m.start >= last_end:
                kept.append(m)
                last_end = m.end
        self.mentions = self.surnames(kept, surname_at) if surname_at else kept
        self.mstarts = list(map(_FIRST, self.mentions))
        self.records: list[list] = []  # rows being built (list, mutable)
        # indexes of the records for antecedent() and crowd_side() (see _index_record)
        self._ante: dict = {}
        self._ante_names: dict[tuple[str, str], list[tuple[int, int]]] = {}
        self._crowd: list[int] = []
        self._n_indexed = 0  # records[:_n_indexed] are in the indexes
        self.claimed: set[int] = set()
        self.covered: set[int] = set()
        self.unit_records: dict[int, list[int]] = {}
        units = self.units()
        self.unit_spans = units
        self.unit_starts = [u[0] for u in units]
        vi = 0
        verbs.sort()
        nv = len(verbs)
        skip_until = self.skip_until
        for ui, (us, ue) in enumerate(units):
            if ue <= skip_until or vi >= nv or verbs[vi][0] >= ue:
                continue  # (a unit without verbs has no frames)
            uverbs = []
            while vi < nv and verbs[vi][0] < ue:
                if verbs[vi][0] >= us:
                    uverbs.append(verbs[vi])
                vi += 1
            if uverbs:
                self.do_unit(ui, us, ue, uverbs)
        self.carry_over(units)
        out = []
        for r in self.records:
            out.append(tuple(r))
        out.sort(key=lambda r: (r[10] if r[10] >= 0 else r[14], r[14]))
        return out

    def surnames(self, mentions: list[_Mention], surname_at: set) -> list[_Mention]:
        """Mentions with surname-alone matches resolved to the full name mentioned last.

        "Ibrahim" is the listed Moussa Ibrahim only when the last full name with that
        surname before it is his: after "Mahmoud Ibrahim" (another person, not listed)
        it is nobody of the lexicon, and "Mahmoud Ibrahim" itself is not a mention. A
        surname shared by two listed people takes the one named last, and none when
        neither was named before."""
        text = self.text
        owners = self.ex._surname_owners
        last: dict[str, tuple[str, str] | None] = {}  # surname -> (canon, side) or None
        out = []
        for m in mentions:
            if m.start not in surname_at:
                if m.category in self.ex.person_categories:
                    words = text[m.start:m.end].split()
                    if len(words) >= 2:
                        last[words[-1]] = (m.canonical, m.side)
                out.append(m)
                continue
            sur = text[m.start:m.end]
            # the word before: another person's first name?
            pre = re.search(r"([A-Z][\w'\u2019-]*)\s+$", text[max(0, m.start - 40):m.start])
            first = pre.group(1) if pre else ""
            fl = first.lower()
            if first and not (fl in _HONORIFICS or fl in _NP_NOUNS or fl in _NOT_NOUN or
                              _person_noun(fl) or fl in _ORG_WORDS or
                              any(o.startswith(first + " ") for o in owners.get(sur, ()))):
                last[sur] = None  # "Mahmoud Ibrahim": an unlisted namesake
                continue
            if sur in last:
                got = last[sur]
                if got is None:
                    continue
                canon, side = got
                out.append(_Mention(m.start, m.end, canon, side, m.category))
                continue
            cands = owners.get(sur, ())
            if len(cands) == 1:
                out.append(m)
            elif len(cands) > 1:
                continue  # two listed people and neither named yet
            else:
                out.append(m)
        return out

    # ------------------------------------------------------------------ per unit
    def do_unit(self, ui: int, us: int, ue: int, uverbs: list) -> None:
        # verbs inside quotations are not frames (in_quote)
        qstarts, qlast = self.qstarts, self.qlast
        uverbs = [v for v in uverbs
                  if (k := bisect_right(qstarts, v[0]) - 1) < 0 or v[1] > qlast[k]]
        if not uverbs:
            return
        if (us, ue) not in self._tok_cache and self.all_dropped(us, ue, uverbs):
            return  # (no frame: the unit is not tokenised)
        toks = self.tokens(us, ue)
        if not toks:
            return
        frames: list[_Frame] = []
        text = self.text
        particles = self.ex._particles
        for vs, ve, ri, lemma, vclass in uverbs:
            # (bisections on the token starts, without a list of them for each unit)
            i = bisect_right(toks, vs, key=_FIRST) - 1
            if i < 0 or toks[i].start != vs:
                continue
            j = bisect_right(toks, ve - 1, i, key=_FIRST) - 1  # last token of the verb
            verb_text = text[vs:ve]
            verb_low = verb_text.lower()
            # particle lookahead: "called Tuesday for" -> "called for"
            first = verb_low.split()[0] if verb_text else ""
            if j == i and first in particles:
                k = j + 1
                while k < len(toks) and k <= j + 3 and toks[k].kind == "w" and (
                        toks[k].low in _TIME or toks[k].low in ("also", "again", "on")
                        and k + 1 < len(toks) and toks[k + 1].low in _TIME):
                    k += 1
                if k > j + 1 and k < len(toks) and toks[k].low in self.ex._particles[first]:
                    ri2 = self.ex._particles[first][toks[k].low]
                    _, vclass, _, lemma = self.ex.matcher_._tables[1][ri2]
                    verb_text = verb_text + " " + toks[k].text
                    verb_low = verb_text.lower()
                    j = k
                    ve = toks[k].end
            f = _Frame(vs, ve, verb_low, lemma, vclass, ui)
            f.nominal = lemma in _NOMINAL
            if not self.keep_verb(toks, i, j, f):
                continue
            f.vi, f.vj = i, j  # type: ignore[attr-defined]
            frames.append(f)
        if not frames:
            return
        # speakers, orientation
        for n, f in enumerate(frames):
            self.find_speaker(toks, f, frames[:n])
        frames = [f for f in frames if f.mode]
        # skip verbs inside another frame's speaker ("according to local reports")
        if len(frames) > 1:
            frames = [f for f in frames if not any(g is not f and g.sp and
                                                   g.sp[0] <= f.vs < g.sp[1] for g in frames)]
        if len(frames) > 1:
            frames = [f for n, f in enumerate(frames)
                      if not (n > 0 and self.in_embedded_relative(toks, f, frames[n - 1]))]
        for n, f in enumerate(frames):
            self.find_content(toks, f, frames[n + 1:], us, ue)
        self.assign_quotes(toks, frames, self.quote_tokens(us, ue))
        for f in frames:
            self.emit(f, toks)

    def all_dropped(self, us: int, ue: int, uverbs: list) -> bool:
        """Whether :meth:`keep_verb` drops every verb of the unit ``[us, ue)``, told from
        the text around the verbs without tokenising the unit (a quarter of the time of
        the stage); False when that is not certain.

        Only a unit without quotations (whose tokens are those of ``_word_tokens``) and
        verbs without a particle lookahead are read, and only the words next to a verb
        that are whole tokens for certain: white space, then a word of ASCII letters
        after white space or at the start of the unit (see :func:`_word_before`); the
        token after the verb starts at the first character after white space. A verb
        is dropped (as by :meth:`keep_verb`) when it is

        * the noun *statement* not followed by "by" or ":" and not after a possessive;
        * after a determiner or preposition ("the report", "in statements");
        * not followed by "by", and a passive ("was reported", "were also reported"), an
          infinitive after a word other than "continued", "began"... ("to report"), or
          a phrase that is not speech (:data:`_NOT_SPEECH`: "claimed the lives").

        (A verb that does not start a token is dropped too, by :meth:`do_unit`.)
        """
        text = self.text
        k = max(bisect_right(self.qstarts, us) - 1, 0)
        quotes = self.quotes
        nq = len(quotes)
        while k < nq and quotes[k].end <= us:
            k += 1
        if k < nq and quotes[k].start < ue:
            return False  # a quotation in the unit (see _tokens)
        particles = self.ex._particles
        for vs, ve, _ri, lemma, _vclass in uverbs:
            if lemma == "according to" or lemma == "continue" or ve > ue:
                return False
            parts = text[vs:ve].lower().split()
            if not parts or parts[0] in particles:
                return False
            # the first character of the token after the verb ("" for none), if known
            z = ve
            while z < ue and text[z].isspace():
                z += 1
            if z == ve < ue:
                return False  # no white space after the verb
            nxt = text[z] if z < ue else ""
            if lemma in _NOMINAL:
                if nxt in ("b", "B", ":"):
                    return False
                y = vs
                while y > us and text[y - 1].isspace():
                    y -= 1
                if text[max(us, y - 2):y].lower() in ("'s", "\u2019s"):
                    return False
                continue  # "statement" without "by", ":" or a possessive
            if nxt in ("b", "B"):
                # "by" may follow: a passive report ("was disputed by X")
                prev = _word_before(text, vs, us)
                if prev is not None and text[prev[0]:prev[1]].lower() in _DETS:
                    continue  # after a determiner ("" is not one: no word before)
                return False
            if text[vs] in "cCdDrRwW" and _NOT_SPEECH.match(text, vs):
                continue
            prev = _word_before(text, vs, us)
            if prev is None:
                return False
            w = text[prev[0]:prev[1]].lower()
            if w in _DETS:
                continue
            if w == "to":
                p2 = _word_before(text, prev[0], us)
                if p2 is None or text[p2[0]:p2[1]].lower() in _CONTINUE_TO:
                    return False
                continue  # "to report" after a word other than "continued"
            while w in _AUX and w not in _BE:
                prev = _word_before(text, prev[0], us)
                if prev is None:
                    return False
                w = text[prev[0]:prev[1]].lower()
            if not w or w not in _BE:
                return False
            # a passive without "by": "was reported", "were also reported"
        return True

    @staticmethod
    def in_embedded_relative(toks, f: _Frame, prev: _Frame) -> bool:
        """Whether the verb of ``f`` heads a non-restrictive relative clause with a noun
        object inside the content of the frame before it ("X says the fighters, who have
        pledged allegiance to Y, are holding ..."): not a report of its own, and not the
        end of the other report. The clause is ", who/which (aux) VERB ... ," followed by
        a verb of the matrix clause (an auxiliary or an -ed/-s form)."""
        i, j = f.vi, f.vj  # type: ignore[attr-defined]
        k = i - 1
        while k >= 0 and toks[k].kind == "w" and toks[k].low in _AUX:
            k -= 1
        if k < 1 or toks[k].low not in ("who", "which") or toks[k - 1].text != ",":
            return False
        if prev.ve > toks[k - 1].start or prev.orient != "forward" or prev.sp is None or \
                prev.sp[1] > toks[k - 1].start:
            return False  # the relative clause is not in the earlier frame's content
        nxt = toks[j + 1] if j + 1 < len(toks) else None
        if nxt is None or nxt.kind != "w" or nxt.low == "that" or nxt.low in _PRONOUNS:
            return False  # a clause or quotation: a report of its own
        for m in range(j + 1, min(len(toks) - 1, j + 16)):
            t = toks[m]
            if t.kind == "q" or t.text in ";:.!?":
                return False
            if t.text == ",":
                w = toks[m + 1]
                return w.kind == "w" and (w.low in _AUX and w.low not in ("also", "both", "all")
                                          or w.low.endswith("ed") and len(w.low) > 4)
        return False

    # ------------------------------------------------------------------ filters
    def keep_verb(self, toks, i, j, f: _Frame) -> bool:
        prev = toks[i - 1] if i > 0 else None
        nxt = toks[j + 1] if j + 1 < len(toks) else None
        low = toks[i].low
        if f.lemma == "according to":
            return True
        if f.lemma == "continue":
            # only 'He continued, "..."' / 'continued: "..."'
            return nxt is not None and nxt.text in ",:" and j + 2 < len(toks) and \
                toks[j + 2].kind == "q" and prev is not None and (
                    prev.low in _PRONOUNS or _is_cap(prev))
        if f.nominal:
            # "a statement by X that ...", "X's statement: ..."
            return nxt is not None and (nxt.low == "by" or nxt.text == ":") or (
                prev is not None and prev.low.endswith(("'s", "\u2019s")))
        if prev is not None:
            if prev.low in _DETS:
                return False
            if prev.low == "to":
                before = toks[i - 2].low if i >= 2 else ""
                if before not in _CONTINUE_TO:
                    return False
            k = i - 1
            while k >= 0 and toks[k].low in _AUX and toks[k].low not in _BE:
                k -= 1
            if k >= 0 and toks[k].low in _BE:
                if nxt is not None and nxt.low == "by" and j + 2 < len(toks) and k > 0 and \
                        toks[k].low not in ("get", "gets", "got", "gotten"):
                    # "The claim was disputed by X": X reports, the subject is the content
                    f.passive_be = k  # type: ignore[attr-defined]
                    return True
                return False  # passive: "casualties were reported"
        if grammar.looks_plural(low) and f.lemma.split()[0] + "s" == \
                low.split()[0] and prev is not None and prev.kind == "w":
            # 3sg or plural noun ("local reports"): needs a proper-noun, pronoun or NP-head left
            if not (_is_cap(prev) or prev.low in _PRONOUNS or prev.low in _NP_NOUNS
                    or prev.low in _AUX):
                return False
        if toks[i].text[0] in "cCdDrRwW" and _NOT_SPEECH.match(self.text, toks[i].start):
            # (the pattern's words start with c, d, r or w, which have no other case
            # variants, and the token starts at a word character)
            return False
        nl = nxt.low if nxt is not None else ""
        if low == "state" and not (nl == "that" or nxt is not None and (
                nxt.kind == "q" or nxt.text in ":,")):
            return False  # the noun: "state television", "a state of emergency"
        if low == "state" and i > 1 and prev is not None and _is_cap(prev) and \
                prev.low not in _PRONOUNS:
            return False  # a name's head noun: "Islamic State", "Unity State", "Jonglei state"
        if low in ("alleged", "purported") and j == i and prev is not None and \
                nxt is not None and prev.kind == "w" and nxt.kind == "w" and \
                not _is_cap(nxt) and nxt.low not in _NOT_NOUN and (
                    prev.low in _ADJUNCT_PREPS or prev.low in ("of", "for", "about", "into",
                                                               "against", "and", "or") or
                    prev.low.endswith("ing") and not _is_cap(prev) or
                    i >= 2 and toks[i - 2].low == "to" and not _is_cap(prev)):
            # an adjective after a preposition or a verb that has its own subject: "to
            # investigate alleged violations", "of alleged abuse", "denying alleged links"
            return False
        if f.lemma == "put" and not _PUT_FIGURE.match(self.text, toks[j].end):
            return False  # "put pressure on", "put an end to": only "put the toll at N"
        if f.lemma == "dismiss" and not _DISMISS_CONTENT.match(self.text, toks[j].end):
            return False  # "dismissed the governor": not a report
        if f.lemma == "respond" and nl in ("by", "with"):
            return False  # an act, not speech: "responded by closing the border"
        if f.lemma == "respond":
            k = i - 1
            while k >= 0 and toks[k].kind == "w" and (toks[k].low in _AUX or
                                                      toks[k].low in _TIME or
                                                      toks[k].low.endswith("ly")):
                k -= 1
            if k >= 0 and toks[k].kind == "w" and toks[k].low in _RESPONDING_ARMS:
                return False  # an armed response: "its forces had responded to ..."
        if f.lemma == "ask" and (nl == "not" or nl == "to" and j + 2 < len(toks) and
                                 toks[j + 2].low == "be"):
            return False  # "who asked not to be named"
        k = i - 1
        while k >= 0 and toks[k].kind == "w" and toks[k].low in _AUX:
            if toks[k].low in ("not", "never", "n't"):
                return False  # "would not say whether ...": no content is reported
            k -= 1
        # part of a hyphenated compound ("state-run")
        if nxt is not None and nxt.text in "-\u2013" and nxt.start == toks[j].end or \
                prev is not None and prev.text in "-\u2013" and prev.end == toks[i].start:
            return False
        # plural noun rather than a verb ("the two states in", "United States of")
        if grammar.looks_plural(low) and j == i and (
                nxt is None or nxt.kind == "p" and nxt.text not in ":" + _OPEN_MARKS or
                nxt.low in ("of", "in", "on", "at", "for", "from", "with", "is", "are", "was",
                            "were", "and", "or", "between", "which", "have", "has")):
            return False
        # sentence-initial participle with a noun-phrase object: "Emphasizing their support, ..."
        if i == 0 and low.endswith("ing"):
            if nxt is None or not (nxt.low == "that" or nxt.kind == "q" or nxt.text == ":"):
                return False
        return True

    # ------------------------------------------------------------------ speakers
    def np_back(self, toks, end_idx: int, lo: int) -> tuple[int, int] | None:
        """Token range [a, b] of a noun phrase ending at ``end_idx`` (scanning left)."""
        if end_idx - 2 >= lo and toks[end_idx].low == "them" and \
                toks[end_idx - 1].low == "of" and toks[end_idx - 2].low in _PARTITIVE:
            # a partitive of a group named before: "Some of them said", "Two of them told"
            return end_idx - 2, end_idx
        b = end_idx
        k = b
        edge = True  # at the right edge of a (sub)phrase: a common noun may be its head
        generic = False
        while k >= lo:
            t = toks[k]
            kind = t.kind
            if kind == "q":
                break
            if kind == "p":
                if t.text in "()[]*-\u2013/." or (t.text in "'\u2019" and k > lo):
                    k -= 1
                    continue
                break
            # a word from here on (kinds are "w", "p" and "q")
            lw = t.low
            c = t.text[0]
            if c.isupper() or c.isdigit() or lw in _NP_WORDSET or lw.endswith(("'s", "\u2019s")):
                if lw == "and" and k == b:
                    break
                edge = edge and lw in _NP_FUNC and lw != "the"
                k -= 1
                continue
            if k < b and lw in _ROLE_MODIFIERS and toks[k + 1].kind == "w" and (
                    toks[k + 1].low in _ROLE_HEADS or k + 1 < b and toks[k + 2].kind == "w"
                    and toks[k + 1].low in _ROLE_MODIFIERS and toks[k + 2].low in _ROLE_HEADS) \
                    and not (k > lo and _is_cap(toks[k - 1])):
                k -= 1  # "and local officials said", ", a senior security source said"
                continue
            if lw in ("in", "at", "from") and k + 1 <= b and k > lo and (
                    _is_cap(toks[k + 1]) or toks[k + 1].low == "the" and k + 2 <= b and
                    _is_cap(toks[k + 2]) or lw != "in" and generic and
                    toks[k + 1].low in _SPEAKER_DETS or lw != "in" and
                    toks[k + 1].low == "the" and toks[k - 1].low in _ROLE_HEADS) and \
                    toks[k - 1].kind == "w":
                # "residents in Gao", "a nurse at the main hospital in Gao said",
                # "officials at the ministry said"
                edge = True
                k -= 1
                continue
            if edge and self._generic_noun(toks, k, lo, head=(k == b or not generic)):
                # "a farmer said", "one woman told", "the investigators said"
                generic = True
                k -= 1
                continue
            if k >= lo + 2 and lw.isalpha() and _hyphen_tail(toks, k):
                k -= 1  # a lower-case part after a hyphen closes a name ("Ban Ki-moon")
                continue
            if k > lo and lw.isalpha() and lw not in _NOT_NOUN and \
                    lw not in _NOT_TITLE and _person_noun(lw):
                pv = toks[k - 1]
                if k < b and _is_cap(toks[k + 1]) and toks[k + 1].kind == "w" or \
                        k == b and k + 1 < len(toks) and toks[k + 1].text == "," and \
                        pv.kind == "w" and (
                            _is_cap(pv) or pv.low in _NP_NOUNS or
                            pv.low.endswith(("'s", "\u2019s"))):
                    # a title noun before a name ("MSF field coordinator Jane Doe") or
                    # after a name or title word ("Gao's deputy mayor, Jane Doe, said")
                    k -= 1
                    continue
            if k < b and k > lo and lw.isalpha():
                nx, pv = toks[k + 1], toks[k - 1]
                if nx.kind == "p" and nx.text in "-\u2013" and nx.start == t.end:
                    k -= 1  # a lower-case part of a hyphenated name ("al-Jubeir", "pro-")
                    continue
                if nx.kind == "w" and (nx.low in _NP_NOUNS or not _is_cap(nx) and
                                       _person_noun(nx.low) and
                                       nx.low not in _NOT_TITLE) and \
                        pv.kind == "w" and (_is_cap(pv) or
                                            pv.low.endswith(("'s", "\u2019s")) or
                                            k - 1 >= lo + 2 and _hyphen_tail(toks, k - 1)) and \
                        lw not in _AUX and \
                        lw not in _CONNECTORS and lw not in _DETS and \
                        (not lw.endswith(("ed", "ing")) or lw in _NAME_PARTICIPLES):
                    # a modifier between a name and a head: "Tiger political chief",
                    # "the group's armed wing"
                    k -= 1
                    continue
                if nx.kind == "w" and nx.low in _NP_NOUNS and k - 2 >= lo and \
                        _plain_modifier(t) and _plain_modifier(pv) and (
                            _is_cap(toks[k - 2]) or _abbrev_dot(toks, k - 2) or
                            toks[k - 2].low.endswith(("'s", "\u2019s"))):
                    # two modifiers between a name and a head: "U.N. mine action service"
                    k -= 2
                    continue
                if nx.kind == "w" and nx.low in _NP_NOUNS and (
                        pv.kind in ("q", "p") or pv.low in _QUOTING) and \
                        pv.text not in "-\u2013" and lw not in _AUX and \
                        lw not in _CONNECTORS and lw not in _DETS and \
                        lw not in _NP_FUNC and not lw.endswith(("ed", "ing", "ly")):
                    k -= 1  # a leading modifier: '"...!" coalition spokesman X told'
                    continue
            if lw == "our" and k < b and toks[k + 1].low in _OWN_REPORTERS:
                k -= 1  # "our correspondent in X reported": the outlet's own reporter
                break
            if lw in grammar.POSSESSOR_PRONOUNS and k < b and toks[k + 1].low in _POSSESSED_ROLES:
                k -= 1  # "his office said", "their commander said": the possessive opens it
                break
            if lw in ("the", "a", "an", "about", "some", "over", "nearly", "almost") or \
                    generic and edge and lw in _SPEAKER_DETS:
                edge = False
                k -= 1
                continue
            break
        a = k + 1
        # trim leading function words, sentence adverbs ("Later Ibrahim said") and
        # trailing ones
        while a <= b and (toks[a].low in ("of", "and", "for", "from", "in", "'s") or
                          toks[a].kind == "p" and toks[a].text not in "([*" or
                          a < b and toks[a].low in _ADVERB_OPENERS):
            a += 1
        while b >= a and (toks[b].low in ("of", "and", "for", "from", "the", "in", "a", "an") or
                          toks[b].kind == "p" and toks[b].text not in ")]*"):
            b -= 1
        if a > b:
            return None
        if generic:
            # the head of the speaker (before any "at"/"in"/"from" phrase) names a person
            h = b
            for x in range(a, b + 1):
                if toks[x].low in ("in", "at", "from"):
                    h = x - 1
                    break
            if h < a or not (_is_cap(toks[h]) or toks[h].low in _NP_NOUNS or
                             _person_noun(toks[h].low)):
                return None
        # a noun phrase needs a capitalised word, a pronoun or a head noun
        if not generic:
            for t in toks[a:b + 1]:
                if t.kind == "w" and (t.text[0].isupper() or t.text[0].isdigit()) or \
                        t.low in _PRONOUNS or t.low in _NP_NOUNS:
                    return a, b
            return None
        return a, b

    @staticmethod
    def _generic_noun(toks, k: int, lo: int, head: bool) -> bool:
        """Whether the lower-case word at ``k`` is a common noun (or its modifier) of a
        noun phrase opened by a determiner or number at most three words to its left
        ("a farmer", "one woman", "the main hospital", "two Malian teachers"), or, as the
        head, a bare plural that starts its clause ("In Gao, doctors said")."""
        t = toks[k]
        w = t.low
        if t.kind != "w" or not w.isalpha() or _is_cap(t) or w in _NOT_NOUN or \
                w.endswith("ly") or head and w.endswith(("ed", "ing")):
            return False
        m = k - 1
        while m >= lo and k - m <= 3:
            u = toks[m]
            if u.kind != "w":
                break
            if u.low in _SPEAKER_DETS or u.text[:1].isdigit():
                return True
            if u.low in _NOT_NOUN or not (u.low.isalpha() or "-" in u.low):
                return False
            m -= 1
        if head and grammar.looks_plural(w) and len(w) > 3:
            # the bare plural, or its capitalised modifiers ("Health workers"), opens
            # the clause
            return (m < lo or k - m <= 3 and (toks[m].kind == "q" or toks[m].text in ",;:")) \
                and all(_is_cap(toks[x]) for x in range(max(m + 1, lo), k))
        return False

    def np_forward(self, toks, a: int, hi: int) -> tuple[int, int] | None:
        """Noun phrase starting at token ``a`` (scanning right, up to ``hi``)."""
        k = a
        while k <= hi and toks[k].kind == "w" and toks[k].low in _CONNECTORS and \
                not _is_cap(toks[k]) or (k <= hi and toks[k].kind == "w" and k == a and
                                          toks[k].text in ("Meanwhile", "Moreover", "However",
                                                           "But", "And", "While", "As",
                                                           "Significantly", "Also", "Then",
                                                           "Still", "Yet", "Later")):
            k += 1
            a = k
        b = a - 1
        while k <= hi:
            t = toks[k]
            if t.kind == "q":
                break
            if t.kind == "p":
                if t.text in "()[]*-\u2013/'\u2019" or _abbrev_dot(toks, k):
                    k += 1
                    continue
                break
            if _is_cap(t) or t.low.endswith(("'s", "\u2019s")):
                b = k
                k += 1
                continue
            lw = t.low
            if k >= a + 2 and lw.isalpha() and _hyphen_tail(toks, k):
                b = k  # "Ban Ki-moon"
                k += 1
                continue
            if k + 1 <= hi and toks[k + 1].text in "-\u2013" and toks[k + 1].start == t.end \
                    and lw.isalpha() and k + 2 <= hi and _is_cap(toks[k + 2]):
                k += 1  # a lower-case part of a hyphenated name ("al-Muallem")
                continue
            if lw in _AUX or lw in _BE or lw == "that" or lw in ("who", "which"):
                break
            if lw.endswith("ed") and lw not in ("armed", "united", "based", "appointed",
                                                 "elected", "backed"):
                break
            if lw in ("on", "at", "to", "with", "by", "during", "after", "before", "over",
                      "about", "against", "into", "near", "since", "despite", "following"):
                break
            if lw in _NP_NOUNS or lw in _PRONOUNS:
                b = k
            elif lw not in _NP_FUNC and lw not in ("a", "an", "the", "in", "about", "over"):
                # an adjective before a name or head noun, or the end of the noun phrase
                nx = toks[k + 1] if k + 1 <= hi else None
                if not (nx is not None and (_is_cap(nx) or nx.low in _NP_NOUNS)):
                    break
            k += 1
        if b < a:
            return None
        if not any(_is_cap(toks[x]) and toks[x].low not in ("the", "a", "an") or
                   toks[x].low in _NP_NOUNS or toks[x].low in _PRONOUNS for x in range(a, b + 1)):
            return None
        return a, b

    def find_speaker(self, toks, f: _Frame, earlier: list[_Frame]) -> None:
        i, j = f.vi, f.vj  # type: ignore[attr-defined]
        n = len(toks)
        if f.lemma == "according to" or f.nominal:
            self.speaker_after(toks, f)
            return
        be = getattr(f, "passive_be", None)
        if be is not None:
            r = self.np_forward(toks, j + 2, n - 1)
            if r is None or not any(_is_cap(toks[x]) or toks[x].low in _NP_NOUNS
                                    for x in range(r[0], r[1] + 1)):
                return
            # the subject: back from the auxiliary to its determiner (at most 6 words)
            a = be - 1
            while a > 0 and toks[a].kind == "w" and toks[a].low not in _PASSIVE_DETS and \
                    be - a < 6 and toks[a - 1].kind == "w" and \
                    toks[a - 1].low not in _SUBORD and toks[a - 1].low not in _RELATIVE \
                    and toks[a - 1].low != "that" and toks[a - 1].low not in _AUX:
                a -= 1
            if a < 0 or toks[a].kind != "w" or toks[a].low in _PRONOUNS:
                return
            f.sp = (toks[r[0]].start, toks[r[1]].end)
            f.mode = "right"
            f.orient = "passive"
            f.spj = r[1]  # type: ignore[attr-defined]
            f.boundary = toks[a].start
            f.c0, f.c1 = toks[a].start, toks[be - 1].end
            return
        if i >= 2 and toks[i - 1].low == "as" and toks[i].low.endswith("ing"):
            # "State TV quoted officials as saying ...": the quoted source speaks
            r = self.np_back(toks, i - 2, 0)
            if r is not None and r[1] == i - 2 and r[0] > 0 and \
                    toks[r[0] - 1].low in _QUOTING:
                self.set_left(toks, f, r, boundary=toks[r[0]].start)
                return
        # skip adverbs / auxiliaries to the left
        k = i - 1
        if k >= 1 and toks[k].low == "to" and toks[k - 1].low in _CONTINUE_TO:
            k -= 2  # "Macron continued to urge"
        while k >= 0:
            t = toks[k]
            if t.kind != "w" or t.text[0].isupper() or t.text[0].isdigit():  # _is_cap
                break
            lw = t.low
            if not (lw in _AUX and lw != "both" or lw in _TIME):
                break
            k -= 1
        if k >= 1 and toks[k].low == "both" and toks[k - 1].kind == "w":
            k -= 1  # "Kyiv and Moscow both accused"
        prevt = toks[k] if k >= 0 else None
        # inverted with the speaker after the verb: '"...," said Guliyev'
        if prevt is not None and (prevt.kind == "q" or prevt.text in ("," + _CLOSE_MARKS)) \
                and not toks[i].low.endswith("ing") and j + 1 < n:
            r = self.np_forward(toks, j + 1, n - 1)
            if r is None and (prevt.kind == "q" or prevt.text in _CLOSE_MARKS):
                r = _person_np(toks, j + 1, n - 1)  # '"...?" asked a teacher'
            if r is not None and f.lemma == "tell" and self.tell_has_content(toks, r[1] + 1):
                r = None  # "X, a spokesman, told Reuters by phone that ...": the addressee
            if r is not None and (_is_cap(toks[r[0]]) or toks[r[0]].low in _PRONOUNS or
                                  toks[r[0]].low in ("the", "one", "a", "an") or
                                  r[0] < r[1] and toks[r[0] + 1].low in _NP_NOUNS and
                                  any(_is_cap(toks[x]) for x in range(r[0], r[1] + 1))):
                after = toks[r[1] + 1] if r[1] + 1 < n else None
                if after is None or after.kind == "p" and after.text in ",;." + _SENT_END or \
                        after.low in _ADJUNCT_PREPS or after.low in _RELATIVE:
                    f.sp = (toks[r[0]].start, toks[r[1]].end)
                    f.mode = "right"
                    f.orient = "inverted"
                    f.boundary = prevt.start if prevt.kind != "q" else prevt.end
                    f.spj = r[1]  # type: ignore[attr-defined]
                    return
        if prevt is not None and prevt.low in _RELATIVE:
            # "..., spokesman Vagif Dargyakhly, who said:" -> the noun phrase before "who"
            c = k - 1
            while c >= 0 and toks[c].text == ",":
                c -= 1
            r = self.np_back(toks, c, 0) if c >= 0 else None
            if r is None:
                return
            # "the driver, a mechanic from Garissa, who said": the appositive is left out
            cc = r[0] - 1
            while cc > 0 and toks[cc].text != "," and toks[cc].kind != "q" and (
                    toks[cc].kind == "w" or toks[cc].text in "-\u2013.'\u2019"):
                cc -= 1
            if cc > 0 and toks[cc].text == "," and toks[cc + 1].low in ("a", "an") and \
                    toks[cc + 1].kind == "w":
                r2 = self.np_back(toks, cc - 1, 0)
                if r2 is not None and r2[1] == cc - 1:
                    r = r2
            self.set_left(toks, f, r, boundary=toks[k].start)
            return
        r = None
        if prevt is not None and prevt.text == "," and k >= 1:
            # "his counterpart, Prime Minister Jane Doe, has said": a name in commas
            r = self.np_back(toks, k - 1, 0)
            if r is not None and r[1] == k - 1 and r[0] > 0 and (
                    _is_cap(toks[r[0]]) or toks[r[0]].low == "the" and r[0] < r[1] and
                    _is_cap(toks[r[0] + 1])) and \
                    toks[r[0] - 1].text == "," and not self.time_only(toks, r) and \
                    not self.appositive_segment(toks, r[0]):
                # the name is the appositive of a title before it: "the mission chief,
                # Jane Doe, said" keeps both
                r0 = self.np_back(toks, r[0] - 2, 0) if r[0] >= 2 else None
                h = -1
                if r0 is not None and r0[1] == r[0] - 2:
                    # the title's head, before a place ("a shopkeeper in Gao, X")
                    h = next((x - 1 for x in range(r0[0] + 1, r0[1] + 1)
                              if toks[x].low in ("in", "at", "from")), r0[1])
                if r0 is not None and h >= r0[0] and not _is_cap(toks[h]) and (
                        toks[h].low in _NP_NOUNS or _person_noun(toks[h].low)):
                    r = (r0[0], r[1])
                elif not self.object_before_participle(toks, i, r[0]):
                    self.set_left(toks, f, r)
                    return
                else:
                    r = None
                if r is not None and self.object_before_participle(toks, i, r[0]):
                    # "dismissed his minister, X, accusing him of ...": the participle's
                    # subject is that of the main clause, not the object and its appositive
                    r = None
            else:
                r = None
        # "the U.N. said": the period of an abbreviation ends the speaker, not a clause
        abbr = prevt is not None and prevt.text == "." and _abbrev_dot(toks, k)
        if r is None and prevt is not None and prevt.text == ",":
            r2 = self.subject_before_parenthetical(toks, k)
            if r2 is not None:
                self.set_left(toks, f, r2)
                return
        if r is None and not abbr and (
                prevt is None or prevt.kind == "q" or prevt.text in (",", ";", ":") or
                prevt.low in ("and", "but", "or") or prevt.kind == "p"):
            self.inherit(toks, f, earlier, k)
            return
        if r is None:
            r = self.np_back(toks, k, 0)
        if r is not None and abbr and r[1] == k - 1:
            r = (r[0], k)
        if r is None or r[1] != k and toks[k].text != "," or self.time_only(toks, r):
            # the word before the verb is not part of a noun phrase: a clause subject is
            # further left ("X published an analysis on Tuesday calling for ...")
            self.inherit(toks, f, earlier, k)
            return
        r = self.speaker_with_relative(toks, r)
        r = self.list_in_speaker(toks, r)
        # appositive: "Turan, an independent news outlet, reported"
        for _ in range(3):
            c = self.appositive_segment(toks, r[0])
            if not c:
                break
            r2 = self.np_back(toks, c - 1, 0)
            if r2 is None or r2[1] != c - 1:
                break
            r = r2
        a, b = r
        if toks[a].low in _PRONOUNS and toks[a].low not in ("he", "she", "they", "it", "we"):
            return
        # head noun of an event ("clashes threaten") is not a speaker
        head = b
        for x in range(a, b + 1):
            if toks[x].low in ("of", "between", "in", "from", "for"):
                head = x - 1
                break
        if head >= a and toks[head].low in _EVENT_HEADS:
            return
        self.set_left(toks, f, r)
        # inverted order: "..., officials from both countries announced."
        c = a - 1
        while c >= 0 and toks[c].kind == "w" and toks[c].low in _CONNECTORS and \
                toks[c].low != "and":
            c -= 1
        if c >= 0 and (toks[c].text == "," or toks[c].kind == "q" or
                       toks[c].kind == "p" and toks[c].text in _CLOSE_MARKS):
            if self.rest_is_adjunct(toks, j + 1, f) and (c > 0 or toks[c].kind == "q"):
                f.orient = "inverted"

    def list_in_speaker(self, toks, r):
        """A speaker whose last part is a list of names after a preposition: "officials in
        A, B and C said" is the whole noun phrase, not "B and C" (``r`` ends at the verb and
        starts after a comma). Unchanged unless the names before the commas are capitalised
        and the list follows "in", "of", "from" or "at" after a noun phrase."""
        a, b = r
        if a < 2 or toks[a - 1].text != "," or not any(
                toks[x].low in ("and", "or") for x in range(a, b + 1)):
            return r
        c = a - 1
        while c >= 1 and toks[c].text == ",":
            d = c - 1
            if not (toks[d].kind == "w" and _is_cap(toks[d])):
                return r
            # one item: capitalised words, maybe joined by "and" ("East and West X")
            while d >= 1 and toks[d - 1].kind == "w" and (
                    _is_cap(toks[d - 1]) or toks[d - 1].low == "and" and d >= 2 and
                    _is_cap(toks[d - 2])):
                d -= 1
            c = d - 1
        if c < 1 or toks[c].low not in ("in", "of", "from", "at"):
            return r
        r0 = self.np_back(toks, c - 1, 0)
        if r0 is None or r0[1] != c - 1:
            return r
        p = r0[0] - 1
        if p >= 0 and toks[p].kind == "w" and toks[p].low not in ("and", "but", "while") or \
                toks[r0[0]].low in _ADJUNCT_PREPS or toks[r0[0]].low in _SUBORD:
            return r  # "After the talks in Algiers, Bamako and Paris said": an adjunct
        return r0[0], b

    @staticmethod
    def object_before_participle(toks, i: int, a: int) -> bool:
        """Whether the noun phrase at ``a``, in commas before the participle ``toks[i]``
        ("..., accusing"), is not the subject of a clause: it does not open the unit nor
        follow a conjunction or ";" ("dismissed his minister, X, accusing him"), and is not
        the object of a verb of seeing or showing, whose object does the participle's act
        ("showed the priest, X, appealing to ...")."""
        return toks[i].low.endswith("ing") and a > 0 and not (
            toks[a - 1].low in _SUBORD or toks[a - 1].text == ";" or
            toks[a - 1].low in _DEPICT)  # "a video showed the priest, X, appealing to ..."

    def speaker_with_relative(self, toks, r):
        """A speaker after a quotation whose noun phrase carries a relative clause: '"...,"
        a woman who gave her name as X told reporters' is the whole "a woman who gave her
        name as X" (``r`` is the noun phrase right before the verb). Unchanged unless the
        phrase before "who" follows the closing quotation mark (or its comma) and names
        people."""
        a = r[0]
        for m in range(a - 1, max(0, a - 12), -1):
            t = toks[m]
            if t.kind != "w":
                return r
            if t.low != "who":
                continue
            r2 = self.np_back(toks, m - 1, 0) if m >= 1 else None
            if r2 is None or r2[1] != m - 1:
                return r
            h = toks[r2[1]]
            if r2[0] == 0:
                # opening the sentence: "A man who gave his name as X said"
                if toks[0].low in ("a", "an", "the", "one") and r2[1] > 0 and \
                        not _is_cap(h) and (h.low in _NP_NOUNS or _person_noun(h.low)):
                    return r2[0], r[1]
                return r
            c = r2[0] - 1
            if toks[c].text == "," and c >= 1:
                c -= 1
            if toks[c].kind != "q" and not (toks[c].kind == "p" and toks[c].text in _CLOSE_MARKS):
                return r
            if _is_cap(h) or h.low in _NP_NOUNS or _person_noun(h.low):
                return r2[0], r[1]
            return r
        return r

    @staticmethod
    def tell_has_content(toks, m: int) -> bool:
        """Whether a that-clause or a quotation follows token ``m`` in its clause (up to
        ";" or the end of the sentence): then the noun phrase after *told* is its
        addressee, not an inverted speaker."""
        n = len(toks)
        while m < n and not (toks[m].kind == "p" and toks[m].text in ";" + _SENT_END
                             and not _abbrev_dot(toks, m)):
            if toks[m].kind == "q" or toks[m].low == "that":
                return True
            m += 1
        return False

    def subject_before_parenthetical(self, toks, k: int) -> tuple[int, int] | None:
        """The subject before a parenthetical that ends at the comma ``toks[k]``: "and
        Moussa Ibrahim, standing in the rubble with reporters, said" (a participle, a
        relative clause, an appositive or a prepositional phrase between commas). The
        subject must open its clause (at the start of the unit or after a conjunction or
        ";"), so that the object of an earlier verb is not taken."""
        c = k - 1
        while c > 0 and k - c <= 40 and toks[c].kind != "q" and toks[c].text not in ";:" and \
                not (toks[c].text == "," and toks[c + 1].kind == "w" and (
                    toks[c + 1].low.endswith("ing") or toks[c + 1].low in _RELATIVE or
                    toks[c + 1].low in _APPOS_START or _age_comma(toks, c) or
                    toks[c + 1].low in ("in", "at", "on", "during", "after", "according",
                                        "his", "her", "its", "their", "the"))):
            c -= 1
        if c <= 0 or toks[c].text != "," or toks[c + 1].low == "according":
            return None
        r = self.np_back(toks, c - 1, 0)
        if r is None or r[1] != c - 1:
            return None
        r = self.speaker_with_relative(toks, r)
        a = r[0]
        if a >= 2 and toks[a - 1].text == "," and _is_cap(toks[a]):
            # an appositive name before the parenthetical: "The interim president, X, who
            # took office in May, vowed": the subject is the whole "The interim president, X"
            r0 = self.np_back(toks, a - 2, 0)
            if r0 is not None and r0[1] == a - 2 and (
                    r0[0] == 0 or toks[r0[0] - 1].low in _SUBORD or toks[r0[0] - 1].text == ";") \
                    and toks[r0[0]].low in ("the", "a", "an", "its", "his", "her", "their") \
                    and not _is_cap(toks[a - 2]):
                r = (r0[0], r[1])
                a = r[0]
        if not (a == 0 or toks[a - 1].low in _SUBORD or toks[a - 1].text == ";"):
            return None
        if not any(_is_cap(toks[x]) or toks[x].low in _NP_NOUNS or toks[x].low in _PRONOUNS
                   for x in range(a, r[1] + 1)) or self.time_only(toks, r):
            return None
        return r

    def time_only(self, toks, r) -> bool:
        for t in toks[r[0]:r[1] + 1]:
            if not (t.low in _TIME or t.kind != "w" or t.text[:1].isdigit()):
                return False
        return True

    def appositive_segment(self, toks, a: int) -> int:
        """Index of the comma opening an appositive that ends at the noun phrase at ``a``."""
        c = a - 1
        while c >= 0 and toks[c].text != "," and toks[c].kind != "q" and toks[c].kind == "w":
            c -= 1
        if c > 0 and toks[c].text == "," and c + 1 < len(toks) and \
                toks[c + 1].low in _APPOS_START and not _is_cap(toks[c + 1]):
            return c
        return 0

    def set_left(self, toks, f: _Frame, r, boundary: int | None = None) -> None:
        a, b = r
        dl = self.dateline_end()
        if dl and toks[a].start < dl <= toks[b].start:
            # "GAO, March 3 (Agency) - The Malian army said": the speaker starts after the
            # dateline
            while a < b and toks[a].start < dl:
                a += 1
        f.sp = (toks[a].start, toks[b].end)
        f.mode = "left"
        f.spa, f.spj = a, b  # type: ignore[attr-defined]
        if boundary is not None:
            f.boundary = boundary
            return
        c = a - 1
        while c >= 0 and toks[c].kind == "w" and toks[c].low in _CONNECTORS and \
                toks[c].low not in _SUBORD:
            c -= 1
        f.boundary = _boundary_after(toks, c, toks[a].start)

    def speaker_after(self, toks, f: _Frame) -> None:
        """Speaker of "according to X" and "a statement by X"."""
        i, j = f.vi, f.vj  # type: ignore[attr-defined]
        n = len(toks)
        a = j + 1
        if f.nominal:
            if a < n and toks[a].low == "by":
                a += 1
            else:
                r = self.np_back(toks, i - 1, 0)
                if r is None:
                    return
                self.set_left(toks, f, r)
                return
        k = a
        while k < n and not (toks[k].kind == "p" and toks[k].text in ",;:" + _SENT_END
                             and not _abbrev_dot(toks, k)) \
                and toks[k].kind != "q" and not (toks[k].low == "that" and f.nominal):
            k += 1
        if k == a:
            return
        b = k - 1
        # "according to NATO's representative, James Appathurai." keeps the name
        if k < n and toks[k].text == "," and i > 0:
            m = k + 1
            while m < n and (_is_cap(toks[m]) or toks[m].kind == "p" and toks[m].text in "-."
                             and (toks[m].text == "-" or _abbrev_dot(toks, m))):
                m += 1
            if m > k + 1 and (m >= n or toks[m].kind == "p" and toks[m].text in _SENT_END):
                b = m - 1
        while b > a and toks[b].kind == "p":
            b -= 1
        if not f.nominal and toks[b].low in _HEDGE_HEADS and not any(
                _is_cap(toks[x]) and x > 0 or toks[x].low in _PRONOUNS or
                toks[x].low.endswith(("'s", "\u2019s")) for x in range(a, b + 1)):
            return  # "according to preliminary information": a hedge, no source
        f.sp = (toks[a].start, toks[b].end)
        f.mode = "according" if not f.nominal else "right"
        f.spj = b  # type: ignore[attr-defined]
        # content before ("..., according to X") when words precede it in the unit
        f.before = any(not (toks[x].kind == "w" and toks[x].low in _CONNECTORS)  # type: ignore
                       for x in range(i))
        f.boundary = toks[i - 1].start if i > 0 and toks[i - 1].text == "," else toks[i].start

    def rest_is_adjunct(self, toks, k: int, f: _Frame) -> bool:
        """Whether what follows the verb (to the next comma) is only adjuncts."""
        n = len(toks)
        if k >= n:
            return True
        t = toks[k]
        if t.kind == "q" or t.text == ":" or t.low == "that":
            return False
        if t.kind == "p":
            return t.text in ",;" + _SENT_END + _CLOSE_MARKS
        if t.low in _TIME and t.low not in ("this", "last", "next", "may"):
            while k < n and toks[k].text not in (",", ";") and toks[k].kind != "q":
                if not (toks[k].low in _TIME or toks[k].text[:1].isdigit() or
                        toks[k].kind == "p"):
                    return False
                k += 1
            return True
        if t.low in _ADJUNCT_PREPS:
            # until the next comma: no "that", no quotation
            while k < n and toks[k].text not in (",", ";") and toks[k].kind != "q":
                if toks[k].low == "that":
                    return False
                k += 1
            return True
        if f.lemma in ("tell", "inform", "assure", "ask"):
            while k < n and toks[k].text not in (",", ";") and toks[k].kind != "q":
                if toks[k].low == "that":
                    return False
                k += 1
            return k >= n or toks[k].kind != "q"
        return False

    def inherit(self, toks, f: _Frame, earlier: list[_Frame], k: int) -> None:
        """Speaker of a coordinated verb or participle: previous frame, else the subject."""
        f.boundary = _boundary_after(toks, k, f.vs)
        for g in reversed(earlier):
            if g.sp is not None and g.mode and g.vs < f.vs and g.lemma != "according to":
                f.sp = g.sp
                f.mode = "inherit"
                f.parent = g  # type: ignore[attr-defined]
                return
        # subject of the sentence: first comma segment that is not an introductory adjunct
        start = 0
        i = f.vi  # type: ignore[attr-defined]
        while start < i:
            t = toks[start]
            end = start
            while end < i and toks[end].text != "," and toks[end].kind != "q":
                end += 1
            if t.kind == "w" and (t.low in _ADJUNCT_PREPS or t.low in ("shortly", "despite",
                                                                       "according", "since",
                                                                       "unlike", "amid",
                                                                       "following", "like")
                                  or t.low in _TIME or t.low.endswith("ing")) and end < i:
                start = end + 1
                continue
            if t.kind == "w" and t.low in _ADJUNCT_PREPS and end >= i:
                # "In a new video he was seen ... saying": the pronoun after the phrase
                p = next((x for x in range(start + 1, i) if toks[x].kind == "w" and
                          toks[x].low in ("he", "she", "they", "we", "it")), None)
                if p is not None:
                    f.sp = (toks[p].start, toks[p].end)
                    f.mode = "subject"
                    return
            r = self.np_forward(toks, start, min(end, i) - 1)
            if r is not None:
                a, b = r
                head = toks[b].low
                if head in _EVENT_HEADS or any(toks[x].low in _EVENT_HEADS
                                               for x in range(b + 1, min(b + 4, i))):
                    return  # "border clashes threaten ...": an event, not a speaker
                f.sp = (toks[a].start, toks[b].end)
                f.mode = "subject"
            return

    # ------------------------------------------------------------------ content
    def find_content(self, toks, f: _Frame, later: list[_Frame], us: int, ue: int) -> None:
        n = len(toks)
        j = f.vj  # type: ignore[attr-defined]
        # the end of this frame's clause: the next sequential frame
        limit = ue
        for g in later:
            if g.lemma == "according to" and g.mode == "according":
                if g.boundary > f.ve:
                    limit = min(limit, g.boundary)
                    break
                continue
            if g.orient == "inverted" and g.mode == "right":
                limit = min(limit, g.boundary)
                break
            if g.boundary > f.ve:
                bt = self.text[g.boundary:g.boundary + 1]
                word = self.text[g.boundary:g.boundary + 10].split(" ")[0].lower()
                if bt in ",;:" or word in _SUBORD or word in _RELATIVE or \
                        self.text[g.boundary - 1:g.boundary] in \
                        _CLOSE_MARKS or g.mode in ("inherit",) and \
                        self.text[g.boundary:g.boundary + 4].lower() in ("and ", "but ", ", an"):
                    limit = min(limit, g.boundary)
                    break
                if g.mode == "inherit":
                    limit = min(limit, g.boundary)
                    break
        if f.orient == "passive":
            return  # content set with the speaker (the subject of the passive)
        if f.lemma == "according to":
            if getattr(f, "before", False):
                # "..., according to X" -> the clause before
                c0 = us
                c1 = f.boundary
            else:
                # "According to X, ..." -> the clause after the speaker
                b = getattr(f, "spj", j)
                c0 = toks[b + 1].end if b + 1 < n else ue
                c1 = ue
            f.c0, f.c1 = self.trim(c0, c1)
            return
        if f.orient == "inverted":
            c0 = us
            # start after an earlier inverted frame of the same unit, if any
            f.c0, f.c1 = self.trim(c0, f.boundary)
            return
        # forward content
        if f.nominal:
            k = j + 1
            while k < n and toks[k].low != "that" and toks[k].text != ":" and toks[k].kind != "q":
                k += 1
            if k >= n:
                return
            k = k + 1 if toks[k].kind != "q" else k
        else:
            b = getattr(f, "spj", -1)
            k = j + 1
            if f.mode == "right":
                k = b + 1
            k = self.skip_adjuncts(toks, k, f)
        c0 = toks[k].start if k < n else ue
        f.c0, f.c1 = self.trim(c0, max(c0, limit))
        # a statement introduced by ':' or ',' before a paragraph break: next quote
        if f.c1 <= f.c0 and self.text[max(us, ue - 1):ue] in (":", ","):
            q = bisect_right(self.qstarts, ue) - 1 + 1
            if q < len(self.quotes) and self.text[ue:self.quotes[q].start].strip() == "":
                f.c0, f.c1 = self.quotes[q].start, self.quotes[q].end
                f.quotes_next = q  # type: ignore[attr-defined]

    def skip_adjuncts(self, toks, k: int, f: _Frame) -> int:
        n = len(toks)
        start = k
        # "that" within a few words (addressee or adjunct before it)
        m = k
        while m < n and m <= k + 8 and toks[m].kind == "w" and not (
                toks[m].low.endswith("ed") and toks[m].low not in ("armed",)):
            if toks[m].low == "that":
                if m == k or toks[k].low in _ADJUNCT_PREPS or toks[k].low in _TIME or \
                        f.lemma in ("tell", "warn", "inform", "assure", "remind", "notify",
                                    "update", "write", "tweet", "post", "add"):
                    return m + 1
                if all(_is_cap(toks[x]) or toks[x].low in _TIME or toks[x].low in _ADJUNCT_PREPS
                       or toks[x].low in ("a", "an", "the", "its", "his", "her", "their",
                                          "reporters", "journalists", "press", "statement",
                                          "also", "further", "later", "earlier", "website",
                                          "tweet", "post", "interview", "conference", "news",
                                          "briefing", "television", "radio", "channel")
                       for x in range(k, m)):
                    return m + 1
                break
            m += 1
        # time adjuncts: "Tuesday", "on Thursday", "later on Sunday"
        while k < n and toks[k].kind == "w":
            lw = toks[k].low
            if lw in _TIME and lw not in ("this", "last", "next", "may"):
                k += 1
                continue
            if lw in ("on", "in", "at", "during", "late", "early") and k + 1 < n and (
                    toks[k + 1].low in _TIME or toks[k + 1].text[:1].isdigit()):
                k += 2
                while k < n and (toks[k].low in _TIME or toks[k].text[:1].isdigit()):
                    k += 1
                continue
            break
        if k < n and toks[k].text == ",":
            # "said on Friday, “...”" / "released a statement later on Sunday,"
            if k + 1 >= n or toks[k + 1].kind == "q":
                k += 1
        if k < n and toks[k].text == ":":
            k += 1
        return k if k >= start else start

    def trim(self, c0: int, c1: int) -> tuple[int, int]:
        text = self.text
        dl = self.dateline_end()
        if c0 < dl < c1:
            c0 = dl  # the content of an inverted report starts after the dateline
        elif c0 < dl:
            return c0, c0  # content inside the dateline: none
        while c0 < c1 and (text[c0].isspace() or text[c0] in ",;:"):
            c0 += 1
        while c1 > c0 and (text[c1 - 1].isspace() or text[c1 - 1] in _TRIM_END):
            c1 -= 1
        # a trailing " and" / " but" left by the next coordinated frame, with all the
        # white space and commas before it: what re.search(r"[\s,]+(?:and|...|or)$",
        # text[c0:c1]) finds, without scanning the whole content (c1 is not after white
        # space here, and at most one of the words can follow a space or comma)
        m = _TRAILING_CONJ.search(text, max(c0, c1 - 9), c1)
        if m:
            k = m.start()
            while k > c0 and (text[k - 1].isspace() or text[k - 1] == ","):
                k -= 1
            c1 = k
        return c0, c1

    # ------------------------------------------------------------------ quotes
    def is_name_quote(self, q: QuoteSpan) -> bool:
        got = self._name_quote.get(q.start)
        if got is None:
            left = self.text[max(0, q.start - 30):q.start]
            # _NAMING ends with a word ending in d, s, m, n, o or g (or their other case
            # forms) and white space: anything else cannot match
            got = self._name_quote[q.start] = left.rstrip()[-1:] in _NAMING_LAST and (
                bool(_NAMING.search(left.rstrip() + " ")) or bool(_NAMING.search(left)))
        return got

    def assign_quotes(self, toks, frames: list[_Frame], qs: list[int] | None = None) -> None:
        if qs is None:
            qs = [t.q for t in toks if t.kind == "q"]
        # forward frames, outermost (earliest) first; then inverted frames
        order = [f for f in frames if f.orient == "forward" and f.lemma != "according to"] + \
            [f for f in frames if f.orient == "inverted"]
        for f in order:
            if f.c1 <= f.c0 and getattr(f, "quotes_next", None) is None:
                continue
            if f.lemma in _COMPLEMENT_ONLY and f.orient == "forward" and \
                    not self.has_complement(f):
                continue
            qn = getattr(f, "quotes_next", None)
            if qn is not None:
                cand = list(qs)
                cand.append(qn)
            else:
                cand = qs
            for q in cand:
                if q in self.claimed:
                    continue
                span = self.quotes[q]
                if not (f.c0 <= span.start and span.start < max(f.c1, f.c0 + 1)) and q != qn:
                    continue
                if f.lemma not in _QUOTE_ONLY and self.is_name_quote(span):
                    continue
                f.quotes.append(q)
                self.claimed.add(q)
        for f in frames:
            if f.lemma == "according to":
                for q in qs:
                    span = self.quotes[q]
                    if f.c0 <= span.start < f.c1:
                        self.covered.add(q)

    # ------------------------------------------------------------------ records
    def emit(self, f: _Frame, toks) -> None:
        if not f.mode or f.sp is None:
            return
        speaker, actor, side = self.resolve(f)
        vstart, vend = f.vs, f.ve
        kind = "according_to" if f.lemma == "according to" else None
        verb = "according to" if kind else f.verb
        vclass = f.vclass
        if f.lemma == "ask" and f.quotes and any(
                self.text[self.quotes[q].inner_start:self.quotes[q].inner_end].rstrip()
                .endswith("?") for q in f.quotes):
            vclass = "neutral"  # "'Why?' he asked": a question, not a directive
        base = [self.doc_id, 0, "", speaker, actor, side, verb, f.lemma, vclass, "", -1, -1,
                f.sp[0], f.sp[1], vstart, vend]
        if kind is None and f.quotes:
            # a quoted fragment inside indirect speech is direct too (guideline rule 2)
            for q in sorted(f.quotes):
                span = self.quotes[q]
                s0, s1 = span.inner_start, span.inner_end
                while s1 > s0 and self.text[s1 - 1].isspace():
                    s1 -= 1
                self.add(base, "direct", s0, s1, f.unit)
            # a coordinated content clause without quotation marks ("said X were "...",
            # and that Y") is a report of its own (guideline rule 2, exception)
            for s0, s1 in self.unquoted_clauses(f):
                self.add(base, "indirect", s0, s1, f.unit)
            return
        if kind is None and f.lemma in _QUOTE_ONLY and f.orient not in ("inverted", "passive"):
            # naming without quotation marks: "called the bombardment a massacre",
            # "calling it a violation of international law", "described the strike as an
            # act of terrorism": the object and its indefinite predicate are the content
            m = (_NAMING_CALL if f.lemma == "call" else _NAMING_AS).match(self.text, f.ve)
            if m is not None and self.in_quote(m.start(1), m.end(1)) < 0:
                self.add(base, "indirect", m.start(1), m.end(1), f.unit)
            return
        if kind is None and (f.lemma in _QUOTE_ONLY or f.lemma in _COMPLEMENT_ONLY and
                             f.orient not in ("inverted", "passive") and
                             not self.has_complement(f)):
            return
        if f.c1 <= f.c0:
            return
        if f.lemma == "appeal to" and verb.lower().endswith(" to") and \
                not _APPEAL_CONTENT.search(self.text, f.c0, f.c1):
            # "appealed to X" names an addressee: a report only with what is asked ("to X
            # to do", "to X for help", "to X that ..."), not "appealed to the U.N." alone
            return
        if kind is None and _NO_CONTENT.match(self.text, f.c0, f.c1) and \
                count_words(self.text[f.c0:f.c1]) <= 8 and \
                not re.search(r"\bthat\b", self.text[f.c0:f.c1]):
            # "said in a statement on Twitter" after a quotation is an adjunct, not what
            # was said
            return
        self.add(base, kind or "indirect", f.c0, f.c1, f.unit)

    def unquoted_clauses(self, f: _Frame) -> list[tuple[int, int]]:
        """Content clauses of ``f`` coordinated by "and that" / "but that" that hold no
        quotation, when another clause of the same content holds one: spans to record
        as indirect speech."""
        if f.c1 <= f.c0 or f.orient != "forward":
            return []
        text = self.text
        if "that" not in text[f.c0:f.c1].lower():
            return []  # (what _AND_THAT needs; t, h and a have no other case variants)
        cuts = [m for m in _AND_THAT.finditer(text, f.c0, f.c1)
                if self.in_quote(m.start(), m.end()) < 0]
        if not cuts:
            return []
        bounds = [(f.c0, cuts[0].start())] + [
            (m.end(), cuts[n + 1].start() if n + 1 < len(cuts) else f.c1)
            for n, m in enumerate(cuts)]
        out = []
        for s0, s1 in bounds:
            s0, s1 = self.trim(s0, s1)
            if s1 <= s0 or any(s0 <= self.quotes[q].start < s1 for q in f.quotes):
                continue
            if count_words(text[s0:s1]) >= 3:
                out.append((s0, s1))
        return out

    def has_complement(self, f: _Frame) -> bool:
        between = self.text[f.ve:f.c0]
        return bool(_COMPLEMENT_END.search(between)) or \
            self.text[f.c0:f.c0 + 1] in _OPEN_MARKS

    def add(self, base: list, kind: str, s0: int, s1: int, unit: int) -> None:
        row = list(base)
        row[1] = max(bisect_right(self.sstarts, row[14] if row[14] >= 0 and kind != "direct"
                                  else s0) - 1, 0)  # sent_id
        row[2] = kind
        row[9] = self.text[s0:s1]
        row[10], row[11] = s0, s1
        self.records.append(row)
        self.unit_records.setdefault(unit, []).append(len(self.records) - 1)

    def _sync_index(self) -> None:
        """Index the records added since the last lookup (:meth:`_index_record`)."""
        records = self.records
        for seq in range(self._n_indexed, len(records)):
            self._index_record(records[seq], seq)
        self._n_indexed = len(records)

    def _index_record(self, row: list, seq: int) -> None:
        """File a record under the antecedent queries it can answer.

        :meth:`antecedent` wants the earlier candidate nearest to a position that fits a
        query; scanning every earlier record made each lookup cost the whole document
        (quadratic). Instead each record (records never change once added) goes
        into sorted ``(position, sequence)`` lists, one per query it fits: "he", "she",
        "it" (it/they/we), (head kind, side or None) for person/media/military heads,
        and (canonical, side) for name heads (whose fit depends on the query's words).
        A lookup is then two bisections per list. Same answers as the scan: the fit with
        the greatest position, the earliest-added record on a tie. Records are
        indexed when a lookup needs them (:meth:`_sync_index`), in the order added."""
        canon, side, p = row[4], row[5], row[12]
        if p < 0:
            return
        # the queries depend on the speaker span, actor and side only, which the records
        # of one frame (and of frames that inherit its speaker) share
        spec = (p, row[13], canon, side)
        got = self._record_keys.get(spec)
        if got is None:
            got = self._record_keys[spec] = self._keys_for(p, row[13], canon, side)
        crowd, keys = got
        if crowd:
            self._crowd.append(seq)
        if keys is None:
            return
        key = (p, seq)
        ante = self._ante
        for k in keys:
            insort(ante.setdefault(k, []), key)
        if canon:
            insort(self._ante_names.setdefault((canon, side), []), key)

    def _keys_for(self, p: int, e: int, canon: str, side: str) -> tuple[bool, list | None]:
        """For :meth:`_index_record`: whether a speaker is a crowd with a side, and the
        antecedent queries it answers (None: none, not even by its name)."""
        crowd = bool(side and not canon and any(
            w in _CROWD for w in _WORDS.findall(self.text[p:e].lower())))
        ex = self.ex
        cat = ex._canon_info.get(canon, ("", ""))[1] if canon else ""
        named = cat not in ex.person_categories and self.ends_with_name(p, e)
        if not (canon or side or named):
            return crowd, None
        keys: list = []
        if cat in ex.person_categories or named:
            gender = grammar.gender_of(_WORDS.findall(self.text[p:e].lower()))
            if grammar.agrees("he", gender=gender):
                keys.append("he")
            if grammar.agrees("she", gender=gender):
                keys.append("she")
            if cat in ex.person_categories:
                keys += [("person", None), ("person", side)]
        if cat not in ex.person_categories and (canon or side) and \
                cat not in ex.modifier_categories:
            keys.append("it")
        if cat in ("media", "military"):
            keys += [(cat, None), (cat, side)]
        if cat == "military" and canon not in ex._state_army:
            keys += [("group", None), ("group", side)]
        if canon in ex._state_army:
            keys += [("army", None), ("army", side)]
        return crowd, keys

    def ends_with_name(self, s: int, e: int) -> bool:
        """Whether the speaker ``text[s:e]`` ends with a person's name that is not in the
        actors lexicon ("A shopkeeper in Gao, Moussa Traore", "Mr. Sidibe", "Aminata"
        after a quotation), so that *he*/*she* can refer to it.

        The name is the run of capitalised words at the end: two or more, or one after
        an honorific or inside the sentence (not its first word). None of them may be a
        common noun of the word lists (officials, Police, Residents), a word of an
        organisation's name (Watch, Council, Forces) or part of an actor mention."""
        got = self._named.get((s, e))
        if got is None:
            got = self._named[s, e] = self._ends_with_name(s, e)
        return got

    def _ends_with_name(self, s: int, e: int) -> bool:
        toks = self._span_words(s, e)
        k = len(toks) - 1
        words = []
        while k >= 0:
            t = toks[k]
            if t.kind == "w" and t.text[0].isupper():
                words.append(t)
            elif not (t.kind == "p" and t.text in "-\u2013" and words and k > 0 and
                      toks[k - 1].end == t.start and t.end == words[-1].start):
                break
            k -= 1
        if not words:
            return False
        if k >= 0 and toks[k].low in ("of", "in", "at", "from", "near", "outside", "across",
                                      "around", "to"):
            return False  # a place: "Residents of Urus-Martan", "a doctor in Zlitan"
        honorific = k >= 1 and toks[k].text == "." and toks[k - 1].low in _HONORIFICS
        if words[-1].low in _HONORIFICS:
            words.pop()
            honorific = True
        if not words or any(w.low in _NP_NOUNS or w.low in _ORG_WORDS or w.low in _CROWD or
                            w.low in _NOT_NOUN or w.low in _GENERIC_HEADS or
                            _person_noun(w.low) for w in words):
            return False
        if len(words) == 1 and not honorific:
            # a lone capitalised word opening its sentence may be a common noun
            before = self.text[max(0, s - 3):s].strip()
            if words[0].low.endswith("s") or k < 0 and (not before or
                                                         before[-1] in _SENT_END):
                return False
        start = words[-1].start
        return not any(m.start < e and m.end > start for m in self._mentions_in(start, e))

    def _span_words(self, s: int, e: int) -> list[_Tok]:
        """``_word_tokens(text, s, e)``, sliced from the tokens of the unit holding the span
        when the unit was tokenised, the span holds no quotation token and no token
        crosses its ends (then the tokens are the same); tokenised again otherwise."""
        ui = bisect_right(self.unit_starts, s) - 1
        if ui >= 0:
            us, ue = self.unit_spans[ui]
            toks = self._tok_cache.get((us, ue)) if e <= ue else None
            if toks is not None:
                i0 = bisect_left(toks, (s,))
                i1 = bisect_left(toks, (e,), i0)
                if (i0 == 0 or toks[i0 - 1].end <= s) and (i1 == i0 or toks[i1 - 1].end <= e):
                    out = toks[i0:i1]
                    if all(t.q < 0 for t in out):
                        return out
        return _word_tokens(self.text, s, e)

    def carry_over(self, units) -> None:
        """Quotes with no verb of their own continue the attribution before them."""
        ustarts = [s for s, _ in units]
        for qi, q in enumerate(self.quotes):
            if qi in self.claimed or qi in self.covered or q.start < self.skip_until:
                continue
            ui = bisect_right(ustarts, q.start) - 1
            if ui < 0:
                continue
            us, ue = units[ui]
            # the quote must open its unit
            if self.text[us:q.start].strip(" \t\n" + _OPEN_MARKS):
                continue
            if count_words(self.text[q.inner_start:q.inner_end]) < 3:
                continue
            if self.unit_records.get(ui):
                continue
            if ui == 0 or not self.unit_records.get(ui - 1):
                continue
            prev = self.records[self.unit_records[ui - 1][-1]]
            same_para = self.para(units[ui - 1][0]) == self.para(q.start) or \
                self.para(units[ui - 1][1] - 1) == self.para(q.start)
            row = list(prev)
            if not same_para:
                row[6] = row[7] = row[8] = ""
                row[14] = row[15] = -1
            s0, s1 = q.inner_start, q.inner_end
            while s1 > s0 and self.text[s1 - 1].isspace():
                s1 -= 1
            row[1] = self.sent_id(s0)
            row[2] = "direct"
            row[9] = self.text[s0:s1]
            row[10], row[11] = s0, s1
            self.records.append(row)
            self.unit_records.setdefault(ui, []).append(len(self.records) - 1)
            self.claimed.add(qi)

    # ------------------------------------------------------------------ resolution
    def resolve(self, f: _Frame) -> tuple[str, str, str]:
        s, e = f.sp
        if f.mode == "inherit":
            g = getattr(f, "parent", None)
            if g is not None:
                # kept on the frame too, for a verb coordinated with this one ("issued a
                # statement that condemned A and urged B": urged -> condemned -> issued)
                f.speaker, f.actor, f.side = g.speaker, g.actor, g.side
                return g.speaker, g.actor, g.side
        # (the pattern needs a "(": the search, which tries every position, only then)
        m = _PAREN_TAIL.search(self.text, s, e) if self.text.find("(", s, e) >= 0 else None
        if m is not None and m.end() == e and m.start() > s:
            # a parenthetical acronym at the end is left out: "The Kosovo Liberation Army
            # (KLA) said" -> "The Kosovo Liberation Army"
            e = m.start()
            f.sp = (s, e)
        surface = self.text[s:e].strip("*_ ")
        actor, side = self.resolve_np(s, e, according=f.verb.lower() == "according to")
        if not side and not actor:
            side = self.appositive_side(s, e)
        if actor and self.ex._media_speakers and \
                self.ex._canon_info.get(actor, ("", ""))[1] == "media":
            side = self.ex._media_speakers  # "TASS reported": a news outlet speaks as media
        f.speaker, f.actor, f.side = surface, actor, side
        return surface, actor, side

    def appositive_side(self, s: int, e: int) -> str:
        """Side of a named speaker the lexicon does not know, from the institution in its
        appositive: "said Jane Doe, a senior analyst at the International Crisis Group",
        "John Roe, commander of the Kenyan army, said". Only a capitalised name followed
        by ", a/an/the ..." or ", <role> of/at/for ..." up to the next comma or full stop;
        the side is that of the last actor named there that is not a country, a capital
        or a demonym (a private person "from Gao" gets none). '' otherwise."""
        text = self.text
        words = _NP_WORDS.findall(text[s:e])
        if not words or not all(w[0].isupper() for w in words[-2:]):
            return ""
        m = _APPOSITIVE_AFTER.match(text, e)
        if m is None:
            return ""
        ex = self.ex
        for mm in reversed(self._mentions_in(m.start(1), m.end(1))):
            if mm.side and mm.category not in ex.modifier_categories and \
                    mm.category not in ("country", "capital"):
                return mm.side
        return ""

    def _mentions_in(self, s: int, e: int) -> list[_Mention]:
        mstarts = self.mstarts
        k = bisect_right(mstarts, s - 1)
        hi = bisect_left(mstarts, e, k)  # the mentions starting in [s, e)
        if hi == k:
            return []
        e2 = e + 2
        return [m for m in self.mentions[k:hi] if m.end <= e2]

    def resolve_np(self, s: int, e: int, according: bool = False) -> tuple[str, str]:
        ex = self.ex
        np_text = self.text[s:e]
        low = list(map(str.lower, _NP_WORDS.findall(np_text)))
        if len(low) == 3 and low[0] in _PARTITIVE and low[1] == "of" and low[2] == "them":
            # "Some of them": part of the group the plural pronoun stands for
            low = ["they"]
        if len(low) == 1 and low[0] in _OBJECT_PRONOUNS and according:
            # "According to him": the object form of the pronoun is resolved as its
            # subject form
            low = [_OBJECT_PRONOUNS[low[0]]]
        if len(low) == 1 and low[0] in _PRONOUNS:
            if low[0] in ("he", "she", "it", "they"):
                got = self.previous_subject(s, low[0], own=True)
                if got is None:
                    got = self.previous_subject(s, low[0])
                if got is not None:
                    return got
            return self.antecedent(s, pronoun=low[0])
        if len(low) >= 2 and low[0] == "our" and low[1] in _OWN_REPORTERS and \
                self.ex._media_side:
            # the publishing outlet's own reporter ("our correspondent in X"): media
            return "", self.ex._media_side
        ms = self._mentions_in(s, e)
        if not ms:
            pm = _PRESS_UNIT.match(np_text)
            if pm is not None:
                # "the ministry's press service", "the press office of the ministry": the
                # institution's office speaks for the institution
                g = 1 if pm.group(1) else 2
                return self.resolve_np(s + pm.start(g), s + pm.end(g))
        loc = _LOCATIVE.search(np_text)
        if loc and ms and ms[0].start >= s + loc.start() and not _DIPLOMATS.isdisjoint(
                _NP_WORDS.findall(np_text[:loc.start()].lower())):
            # "a European diplomat in Bamako", "ambassadors in Nairobi": a diplomat is
            # posted in a foreign capital, so the place gives no side
            ms = []
        if loc and len(ms) > 1:
            # "the U.S. embassy in Bamako": the place after "in"/"at" is where the speaker
            # is, the name before it whose speaker it is
            before = [m for m in ms if m.start < s + loc.start()]
            if before:
                ms = before
        pcats = ex.person_categories
        for m in reversed(ms):
            if m.category in pcats:  # the last person
                return m.canonical, m.side
        if not ms and len(low) >= 2 and low[0] in grammar.POSSESSOR_PRONOUNS and \
                low[1] in _POSSESSED_ROLES:
            # "Its spokesman", "his office", "Its president, <name>": the side of the
            # possessor, resolved as the subject pronoun would be
            pron = grammar.POSSESSOR_PRONOUNS[low[0]]
            got = self.previous_subject(s, pron) or self.antecedent(s, pronoun=pron)
            if got[1]:
                return "", got[1]
        # (unnamed_ngo needs a head in _NGO_HEADS, unnamed_media a media noun or "news")
        if ex._ngo_side and not _NGO_HEADS.isdisjoint(low) and \
                self.unnamed_ngo(low, [m for m in ms if not loc or m.start < s + loc.start()]):
            return "", ex._ngo_side
        media = bool(ex._media_side) and (not _MEDIA_NOUNS.isdisjoint(low) or "news" in low) \
            and self.unnamed_media(low, ms)
        if media and not (low[0] == "the" and low[-1] in _GENERIC_HEADS):
            return "", ex._media_side
        actors = [m for m in ms if m.category not in ex.modifier_categories]
        mods = [m for m in ms if m.category in ex.modifier_categories]
        sides = {m.side for m in ms if m.side}
        if len(sides) > 1 and ("and" in low or "both" in low):
            return "", ""
        if actors:
            # the head-most actor: the one ending last, but an institution beats a place
            inst = [m for m in actors if m.category not in ("country", "capital")]
            m = (inst or actors)[-1]
            return m.canonical, m.side
        # definite description: "the ministry", "The Ukrainian official"
        head = low[-1] if low else ""
        if head.endswith("s") and head[:-1] in _GENERIC_HEADS and head[:-1] not in ("forces",):
            head_sing = head[:-1]
        else:
            head_sing = head
        side = mods[-1].side if mods and len({m.side for m in mods}) == 1 else ""
        # the noun phrase before a place ("a police officer at the scene", "officials in Gao")
        core = low
        for x in range(1, len(low)):
            if low[x] in ("in", "at", "near", "on"):
                core = low[:x]
                break
        if not side and "police" in core and (core[-1] == "police" or self.army_person(
                [w if w != "police" else "army" for w in core])):
            # "police said", "a police officer": the police force named before, else the
            # lexicon's only police force
            got = self.police_actor(s)
            if got is not None:
                return got
        if not side and ex._state_army and len(core) >= 2 and self.army_person(core):
            # "an army spokesman", "military officials": people of the army, whose
            # side is that of "the army" here (a state's armed forces mentioned before),
            # else of the dateline's army when none is named
            got = self.antecedent(s, head="army")
            if not got[1]:
                got = self.home_actor(s, "army") or got
            return "", got[1]
        if not side and not ms and not _ROLE_HEADS.isdisjoint(low):
            got = self.role_institution(s, e, np_text, low, core)
            if got is not None:
                return "", got
        if len(low) == 2 and low[0] == "the" and head in _DOCUMENT_HEADS:
            got = self.document_issuer(s, head)
            if got is not None:
                return got
        if len(low) == 2 and low[0] == "the" and head in ("army", "military", "government"):
            got = self.home_actor(s, head)
            if got is not None:
                return got
        if not ms and low in (["the", "head", "of", "state"], ["the", "head", "of", "government"]):
            # "the head of state stressed": the person named last before (a president or
            # prime minister), as "the president" would be
            got = self.antecedent(s, head="president")
            if got[0] or got[1]:
                return got
        if not side and not ms and 4 <= len(low) <= 5 and low[0] == "the" and \
                low[1] in _INSTITUTION_HEADS and low[2] == "of" and \
                all(w.isalpha() and w not in _NOT_NOUN for w in low[3:]):
            # "the Ministry of Defense", "the Ministry of Foreign Affairs" without a side
            # word: the nearest institution named before whose name has these words, as
            # for "the defence ministry"
            got = self.antecedent(s, head=low[1], content=low[3:] + [low[1]])
            if got[0] or got[1]:
                return got
        if low and low[0] == "the" and head_sing in _GENERIC_HEADS and head == head_sing:
            content = [w for w in low[1:] if w not in ("the",)]
            got = self.antecedent(s, head=head_sing, content=content, side=side)
            if got[0] or got[1]:
                return got
            if not side and not ms and head in _INSTITUTION_HEADS and \
                    all(w.isalpha() for w in content):
                # "the ministry" after "Chad's defence ministry" (not listed)
                got = self.same_role(s, head, content[:-1])
                if got:
                    return "", got
        if media:
            return "", ex._media_side
        if not side and not ms and core[-1] in _ROLE_HEADS:
            got = self.unnamed_role(s, core)
            if got:
                return "", got
        if not side and not ms and len(low) >= 2 and low[0] == "the":
            got = self.same_head(s, low)
            if got is not None:
                return got
        if not side and any(w in _CROWD for w in low):
            side = self.crowd_side(s)
        return "", side

    def role_institution(self, s: int, e: int, np_text: str, low: list, core: list
                         ) -> str | None:
        """Side of an unnamed person of an institution named by a common noun.

        "a spokesman for the ministry", "officials at the ministry": the side of the noun
        phrase after the preposition, resolved as a speaker ("the ministry" is the nearest
        ministry named before); "the ministry's spokesman": that of the possessor; "a
        ministry spokesman", "government officials": that of "the ministry", "the
        government"; "health officials": that of the nearest ministry whose name has the
        field ("Ministry of Health"). ``core``: the words before a place ("officials in
        Gao"). None when the noun phrase is none of these or the institution has no side
        here."""
        for x in range(len(low) - 2):
            if low[x] in _ROLE_HEADS and low[x + 1] in _ROLE_OF and low[x + 2] == "the":
                # the institution's span: from "the" after the preposition to the end
                m = re.search(r"\b" + low[x + 1] + r"\s+the\s", np_text, re.IGNORECASE)
                got = self.resolve_np(s + m.end() - 4, e) if m is not None else ("", "")
                if got[1] or low[-1] in _INSTITUTION_HEADS:
                    return got[1] or None
                break
        n = len(core)
        if core[-1] not in _ROLE_HEADS:
            return None
        if n >= 3 and core[0] == "the" and core[-2].endswith(("'s", "\u2019s")):
            # "the ministry's spokesman": the possessor, "the ministry"
            m = re.search(r"['\u2019]s\s[^'\u2019]*$", np_text)
            if m is None:
                return None
            got = self.resolve_np(s, s + m.start())
            return got[1] or None
        mods = [w for w in core[:-1] if w not in _RANK_WORDS]
        if not mods or len(mods) > 2 or not all(w.isalpha() for w in mods):
            return None
        if mods[-1] in _INSTITUTION_HEADS:
            # "a ministry spokesman", "a senior foreign ministry official"
            side = self.institution_side(s, mods)
            return side or None
        if any(w in _LOCAL_WORDS or w in _NOT_NOUN for w in mods):
            return None
        # "health officials": a ministry with the field in its name
        got = self.antecedent(s, head="ministry", content=mods + ["ministry"])
        return got[1] or None

    def institution_side(self, pos: int, content: list) -> str:
        """Side of "the <content>" ("the ministry", "the foreign ministry", "the army"): the
        home army or government of the dateline when none is named just before, else the
        nearest earlier actor that fits; '' when there is none."""
        head = content[-1]
        if len(content) == 1 and head in ("army", "military", "government"):
            got = self.home_actor(pos, head)
            if got is not None:
                return got[1]
        side = self.antecedent(pos, head=head, content=content)[1]
        if not side:
            # an institution named by its country but not listed: "Chad's defence ministry"
            side = self.same_role(pos, head, content[:-1]) or ""
        return side

    def unnamed_role(self, pos: int, core: list) -> str:
        """Side of an unnamed speaker by role from the context ("Officials", "a senior
        commander", "local officials", "the governor").

        First the nearest earlier noun phrase with the same head that names a side
        (:meth:`same_role`); for the local administration ("local officials", "the
        provincial governor", "the authorities") the dateline's side, when no other side
        is named before the speaker in its sentence. '' otherwise."""
        head = core[-1]
        mods = [w for w in core[:-1] if w not in _RANK_WORDS]
        local = any(w in _LOCAL_WORDS for w in mods)
        fields = [w for w in mods if w not in _LOCAL_WORDS]
        if len(fields) > 2 or not all(w.isalpha() and w not in _NOT_NOUN for w in fields):
            return ""
        if not local:
            got = self.same_role(pos, head, fields)
            if got is not None:
                return got
        if not (local or head in _LOCAL_HEADS and not fields):
            return ""
        side = self.dateline_side()
        if not side:
            return ""
        ui = bisect_right(self.unit_starts, pos) - 1
        cs = self.unit_spans[max(ui, 0)][0]
        if any(m.side and m.side != side for m in self._mentions_in(cs, pos)):
            return ""  # another side named before: the place may be theirs
        return side

    def same_role(self, pos: int, head: str, fields: list) -> str | None:
        """Side of an unnamed role noun phrase from the nearest earlier noun phrase with the
        same head that names a side: "Officials" after "Nigerian officials", "a senior
        commander" after "Chadian army commanders", "health officials" after "Palestinian
        health officials" (the earlier one must have the field words). The head may be an
        institution's ("the ministry" after "Chad's defence ministry"). None when there is
        none, or '' when that noun phrase names two sides ("Nigerian and Chadian
        officials")."""
        key = _role_key(head)
        pat = _ROLE_TAIL.get(key)
        if pat is None:
            if key in _ROLE_HEADS or key in _ROLE_IRREGULAR.values():
                forms = sorted((w for w in _ROLE_HEADS if _role_key(w) == key), key=len,
                               reverse=True)
            else:  # an institution: "Chad's defence ministry", "Nigerian police"
                forms = [key[:-1] + "ies" if key.endswith("y") else key + "s", key]
            pat = _ROLE_TAIL[key] = re.compile(
                r"(?:['\u2019]s)?((?:\s+[a-z][a-z-]*){0,2}?)\s+(?:" + "|".join(forms)
                + r")\b")
        text = self.text
        k = bisect_right(self.mstarts, pos - 1) - 1
        lo = max(-1, k - 60)
        while k > lo:
            m = self.mentions[k]
            k -= 1
            if not m.side or m.end >= pos:
                continue
            got = pat.match(text, m.end)
            if got is None or got.end() > pos:
                continue
            gap = got.group(1).split()
            if not all(w in _ROLE_GAP or w in fields for w in gap) or \
                    not all(w in gap for w in fields):
                continue
            if k >= 0:
                prev = self.mentions[k]
                if prev.side and prev.side != m.side and \
                        _COORDINATED.fullmatch(text, prev.end, m.start):
                    return ""  # "Nigerian and Chadian officials", "Chad's and Mali's"
            return m.side
        return None

    def same_head(self, pos: int, low: list) -> tuple[str, str] | None:
        """Actor and side of a definite description by an earlier noun phrase with the same
        head: "the officials" after "Kenyan officials", "the rebels" after "M23 rebels".
        The nearest earlier use of the head (in the last three units) counts when an
        actor or demonym mention ends right before it (at most one word between)."""
        head = low[-1]
        if not head.isalpha() or head in _NOT_NOUN or len(head) < 4 or \
                any(w in _NOT_NOUN and w != "the" for w in low):
            return None
        ui = bisect_right(self.unit_starts, pos) - 1
        lo = self.unit_spans[max(ui - 3, 0)][0]
        pat = re.compile(r"\b" + re.escape(head) + r"\b", re.IGNORECASE)
        hits = [m.start() for m in pat.finditer(self.text, lo, pos)]
        for h in reversed(hits):
            if self.in_quote(h, h + len(head)) >= 0:
                continue
            k = bisect_right(self.mstarts, h - 1) - 1
            if k < 0:
                return None
            m = self.mentions[k]
            if m.start < h < m.end and m.category not in self.ex.modifier_categories:
                # the head inside a name: "the committee" after "the Central Committee
                # of Sudan Doctors"
                return m.canonical, m.side
            gap = self.text[m.end:h]
            if m.end > h or len(gap.split()) > 1 or any(c in gap for c in ",.;:()"):
                return None
            if m.category in self.ex.modifier_categories or \
                    m.category in ("country", "capital"):
                return ("", m.side) if m.side else None
            return m.canonical, m.side
        return None

    def previous_subject(self, pos: int, pronoun: str, own: bool = False
                         ) -> tuple[str, str] | None:
        """Actor and side of a pronoun from the subject of the previous sentence.

        *he*/*she*: when that subject is one person ("The U.N. envoy met Modibo Keita.
        She said ..." is the envoy, not the nearer Keita). *it*: an actor that is not a
        person nor a plural ("NATO struck Tripoli. It said ..." is NATO, not the place
        named after the verb); *they*: a plural or an armed group. None when the previous
        sentence does not open with such a subject (a quotation, an adjunct without a
        comma, a subject that does not fit), or when a person was named in the pronoun's
        own sentence before it.

        ``own``: the subject of the pronoun's own sentence instead, when the pronoun comes
        after it and no actor is named between them ("The rebels searched for men they
        accused of ..." is the rebels, not a militia named in the sentence before)."""
        ui = bisect_right(self.unit_starts, pos) - 1
        if ui < 1 and not own:
            return None
        cs = self.unit_spans[max(ui, 0)][0]
        if own:
            us, ue = cs, pos
        else:
            if any(m.category in self.ex.person_categories
                   for m in self._mentions_in(cs, pos)):
                return None
            us, ue = self.unit_spans[ui - 1]
        toks = self.tokens(us, ue)
        n = len(toks)
        a = 0
        # an introductory adjunct up to a comma ("On Monday, ...")
        if a < n and toks[a].kind == "w" and (toks[a].low in _ADJUNCT_PREPS or
                                              toks[a].low in _TIME):
            c = next((x for x in range(a, min(n, a + 8)) if toks[x].text == ","), None)
            if c is None:
                return None
            a = c + 1
        b, k, adj_ok = a - 1, a, True
        while k < n:
            t = toks[k]
            if t.kind == "p":
                if _abbrev_dot(toks, k) or t.text in "-–" and k > a:
                    k += 1
                    continue
                break
            if t.kind != "w":
                break
            w = t.low
            if _is_cap(t) or w in _NP_NOUNS or _person_noun(w) or w.endswith(("'s", "’s")):
                b, adj_ok = k, False
            elif own and adj_ok and k > a and toks[a].low == "the" and w.isalpha() and \
                    grammar.looks_plural(w) and w not in _NOT_NOUN and k + 1 < n and \
                    toks[k + 1].kind == "w" and toks[k + 1].low not in _NP_FUNC:
                b, adj_ok = k, False  # "The rebels went ...": a plural head noun
            elif w in ("a", "an", "the", "one", "another") or w in _NP_FUNC:
                adj_ok = True
            elif adj_ok and w.isalpha() and w not in _NOT_NOUN and \
                    not w.endswith(("ed", "ly")):
                pass  # an adjective after a determiner: "A senior Kenyan officer"
            else:
                break
            k += 1
        if b >= a and k + 2 < n and k == b + 1 and toks[k].text == "," and \
                toks[k + 1].kind == "w" and (toks[k + 1].low in _PARENTHETICAL_OPEN or
                                             toks[k + 1].low in ("a", "an", "the")):
            # a short parenthetical adjunct after the subject: "The ministry, for its part,
            # said ...", "Moscow, in turn, said ...", "The army, meanwhile, said ..."; or an
            # appositive: "X, an aide to President Y, said ..." (he = X, not Y)
            appos = toks[k + 1].low in ("a", "an", "the")
            c = next((x for x in range(k + 1, min(n, k + (15 if appos else 6)))
                      if toks[x].kind != "w" and not (appos and (
                          _abbrev_dot(toks, x) or toks[x].text in "-\u2013'\u2019"))), None)
            if c is not None and toks[c].text == "," and c + 1 < n and \
                    toks[c + 1].kind == "w" and not (appos and toks[c + 1].low in _NP_FUNC):
                k = c + 1
        # a person subject with a relative clause: "A man who gave his name as X, 42,
        # said ...", "A rebel commander, who uses a nom de guerre, said ..." (he/she only)
        rel = pronoun in ("he", "she") and b >= a and k + 1 < n and (
            toks[k].low == "who" or toks[k].text == "," and toks[k + 1].low == "who")
        if not rel:
            if b < a or k >= n or toks[k].kind != "w" or toks[k].low in _NP_FUNC:
                return None
            # the next word must be a verb-like word (not "and"/"of": a longer subject)
            if toks[k].low in ("and", "or", "who", "which", "whose"):
                return None
        s0, s1 = toks[a].start, toks[b].end
        if own and (s1 >= pos or self._mentions_in(s1, pos)):
            return None  # the pronoun is the subject, or an actor is named in between
        words = [t.low for t in toks[a:b + 1] if t.kind == "w"]
        head = words[-1]
        ms = self._mentions_in(s0, s1)
        last = ms[-1] if ms else None
        if pronoun in ("it", "they"):
            # an actor subject: "NATO struck Tripoli. It said ..." is NATO, not the place
            plural = toks[b].kind == "w" and not _is_cap(toks[b]) and grammar.looks_plural(head)
            if own and last is None and pronoun == "they" and plural and words[0] == "the":
                # "The rebels went ... men they accused": a definite plural subject
                got = self.resolve_np(s0, s1)
                return got if got[1] else None
            if last is None or last.category in self.ex.person_categories or \
                    any(m.category in self.ex.person_categories for m in ms):
                return None
            # number: "it" a singular non-modifier, "they" a plural or an armed group
            if pronoun == "it" and (not grammar.agrees("it", plural=plural)
                                    or last.category in self.ex.modifier_categories):
                return None
            if pronoun == "they" and not (grammar.agrees("they", plural=plural)
                                          or last.category == "military"):
                return None
            got = self.resolve_np(s0, s1)
            return got if got[0] or got[1] else None
        if last is not None and last.category in self.ex.person_categories and \
                last.end >= s1 - 1:
            person = True
        elif head in _GENERIC_HEADS and _GENERIC_HEADS[head] == "person" or \
                _person_noun(head) and (not head.endswith("s") or head in _PERSON_WORDS) and \
                not head.endswith("ment"):  # "Several apartment blocks": -ment names no one
            person = not any(w.endswith("s") and _person_noun(w) and w not in _PERSON_WORDS
                             for w in words[-1:]) and head not in ("people", "police")
        else:
            return None
        if not person:
            return None
        if not grammar.agrees(pronoun, gender=grammar.gender_of(words)):
            return None
        got = self.resolve_np(s0, s1)
        return None if own and not (got[0] or got[1]) else got

    def police_actor(self, pos: int) -> tuple[str, str] | None:
        """The nearest earlier actor mention with *police* in its name, else the only
        police force of the lexicon (by canonical name), else the side of police named
        before with a side ("Nigerian police"), else the police of the dateline's country
        (its force when the lexicon lists one, else only its side), else None."""
        k = bisect_right(self.mstarts, pos) - 1
        for m in reversed(self.mentions[:k + 1]):
            if m.start < pos and "police" in m.canonical.lower() and m.side:
                return m.canonical, m.side
        forces = self.ex._police
        if len(forces) == 1:
            return forces[0]
        side = self.same_role(pos, "police", [])  # "Nigerian police" (not listed)
        if side:
            return "", side
        side = self.dateline_side()
        if side:
            # the police of the dateline's place: its force, if the lexicon lists one
            home = [f for f in forces if f[1] == side]
            return home[0] if len(home) == 1 else ("", side)
        return None

    def dateline_end(self) -> int:
        """End of the dateline opening the text ("GAO, March 3 (Agency) - "), after its
        dash; 0 when the text opens with none."""
        got = getattr(self, "_dateline_end", None)
        if got is None:
            got = 0
            m = _DATELINE.search(self.text, self.skip_until, self.skip_until + 400)
            if m:
                d = _DATELINE_DASH.search(self.text, m.end(), min(len(self.text), m.end() + 120))
                if d:
                    got = d.end()
            self._dateline_end = got
        return got

    def dateline_side(self) -> str:
        """Side of the place in the dateline ("GOMA, Democratic Republic of Congo, Oct 30
        (Agency) -"): the one side of the countries and capitals named there, else ''."""
        if hasattr(self, "_dateline"):
            return self._dateline
        self._dateline = ""
        m = _DATELINE.search(self.text, self.skip_until, self.skip_until + 400)
        if m:
            sides = {x.side for x in self._mentions_in(m.start(), m.end())
                     if x.category in ("country", "capital") and x.side}
            if len(sides) == 1:
                self._dateline = sides.pop()
        return self._dateline

    def home_actor(self, pos: int, head: str) -> tuple[str, str] | None:
        """*The army* / *the government* with no such actor named just before:
        the state army or government of the dateline's country (news style names the home
        army and government without a modifier). None when there is no dateline side or
        an army (a government) was named just before (then the nearest one is meant)."""
        side = self.dateline_side()
        if not side:
            return None
        ex = self.ex
        ui = bisect_right(self.unit_starts, pos) - 1
        cs = self.unit_spans[max(ui, 0)][0]
        ps = self.unit_spans[max(ui - 1, 0)][0]
        # named just before: in this sentence, or as the subject of the previous one
        near = [m for m in self._mentions_in(ps, pos) if m.start >= cs or m.start < ps + 60]
        if head == "government":
            fits = [m for m in near if m.category == "government"]
            cands = {c for c, (sd, cat) in ex._canon_info.items()
                     if sd == side and cat == "government"}
        else:
            fits = [m for m in near if m.canonical in ex._state_army]
            cands = {c for c in ex._state_army if ex._canon_info.get(c, ("", ""))[0] == side}
        if fits:
            return None
        if len(cands) > 1:
            cands = {c for c in cands if head in c.lower()} or cands
        if len(cands) == 1:
            return cands.pop(), side
        return ("", side) if head == "government" else None

    def document_issuer(self, pos: int, head: str) -> tuple[str, str] | None:
        """Actor and side of "the statement" / "the report": the speaker of the nearest
        earlier record (of the last 40) whose sentence names such a document ("X said in
        a statement that ...", "according to a report by X"); None when there is none."""
        pat = re.compile(r"\b" + head + r"\b", re.IGNORECASE)
        best = None
        for row in self.records[-40:]:
            p = row[12]
            if p < 0 or p >= pos or best is not None and p <= best[12]:
                continue
            a, b = self.sents[row[1]] if 0 <= row[1] < len(self.sents) else (p, row[11])
            if pat.search(self.text, a, b):
                best = row
        return None if best is None else (best[4], best[5])

    @staticmethod
    def army_person(low: list) -> bool:
        """Whether a speaker is people of "the army" ("an army spokesman", "military
        officials", "a senior military source"): *army* or *military* modifying a head
        noun for people or a source."""
        h = low[-1]
        h1 = h[:-1] if grammar.looks_plural(h) else h
        if not (_person_noun(h) or _GENERIC_HEADS.get(h1) == "person" or h1 == "source"):
            return False
        return any(w in ("army", "military") for w in low[:-1])

    def unnamed_media(self, low: list, ms: list) -> bool:
        """Whether a speaker is news media named only by a common noun ("Indian media",
        "Somali state television", "editorials in Kenyan newspapers", "news agency KNA"),
        with no actor in it but places and demonyms."""
        if not any(w in _MEDIA_NOUNS or w == "news" and i + 1 < len(low) and
                   low[i + 1] in ("agency", "agencies", "outlet", "outlets", "channel",
                                  "channels", "website", "websites")
                   for i, w in enumerate(low)):
            return False
        return all(m.category in ("country", "capital") or
                   m.category in self.ex.modifier_categories for m in ms)

    def unnamed_ngo(self, low: list, ms: list) -> bool:
        """Whether a speaker is aid agencies or rights groups named only by a common noun
        ("aid agencies", "Aid workers in the region", "human rights groups", "relief
        officials"), with no actor in it but places (``ms``: the mentions before a
        locative "in"/"at")."""
        if any(m.category not in ("country", "capital") for m in ms):
            return False
        h = len(low)
        for x, w in enumerate(low):
            if w in ("in", "at", "on", "across"):
                h = x
                break
        if h < 2 or low[h - 1] not in _NGO_HEADS:
            return False
        mods = low[:h - 1]
        return any(w in _NGO_WORDS for w in mods) or \
            "rights" in mods and mods.index("rights") == len(mods) - 1

    def crowd_side(self, pos: int) -> str:
        """Side of an anonymous crowd: a place after "in" in its sentence, or in the sentence
        before it in the same paragraph ("In <capital>, thousands gathered ... Protesters
        chanted ..."), else the last crowd."""
        ui = max(bisect_right(self.unit_starts, pos) - 1, 0)
        for u in (ui, ui - 1):
            if u < 0 or u < ui and self.para(self.unit_spans[u][0]) != self.para(pos):
                break
            us, ue = self.unit_spans[u]
            for m in self._mentions_in(us, ue):
                if m.category in ("country", "capital") and m.side and re.search(
                        r"\b[Ii]n\s+(?:the\s+)?(?:\w+\s+){0,4}$",
                        self.text[max(us, m.start - 40):m.start]):
                    return m.side
        # the last-added record of a crowd with a side and no actor, before ``pos``
        # (records of earlier units are all before it: a few steps back at most)
        self._sync_index()
        records = self.records
        for seq in reversed(self._crowd):
            if records[seq][12] < pos:
                return records[seq][5]
        return ""

    def antecedent(self, pos: int, *, pronoun: str | None = None, head: str | None = None,
                   content=(), side: str = "") -> tuple[str, str]:
        """Nearest earlier speaker or actor mention that fits a pronoun or description.

        Candidates are the records (speakers with an actor or a side) and the last 41
        actor mentions before ``pos``; the fit with the greatest position wins, a
        record before a mention on a tie. Records are looked up in the indexes of
        :meth:`_index_record` (a bounded number of bisections, whatever the length of
        the document); the mentions are at most 41."""
        self._sync_index()
        need = None
        if head is not None:
            kind = _GENERIC_HEADS[head]
            if kind == "name":
                need = tuple(w.replace("defence", "defense") for w in content
                             if w not in ("the",) and w[0].isalpha())
                lists = [lst for (canon, cside), lst in self._ante_names.items()
                         if need and (not side or cside == side) and
                         self._name_has(canon, need)]
            else:
                if head in ("army", "military") and self.ex._state_army:
                    kind = "army"
                lists = [self._ante.get((kind, side or None))]
        elif pronoun in ("he", "she"):
            lists = [self._ante.get(pronoun)]
        elif pronoun in ("it", "they", "we"):
            lists = [self._ante.get("it")]
        else:
            return "", ""
        best = None  # (position, -sequence) of the best record
        for lst in lists:
            if not lst:
                continue
            i = bisect_left(lst, (pos,))  # entries before i are before pos
            if i:
                p = lst[i - 1][0]
                seq = lst[bisect_left(lst, (p,), 0, i)][1]  # earliest added at p
                if best is None or p > best[0] or p == best[0] and -seq > best[1]:
                    best = (p, -seq)
        k = bisect_right(self.mstarts, pos) - 1
        for m in reversed(self.mentions[max(0, k - 40):k + 1]):
            if m.start >= pos:
                continue
            if best is not None and best[0] >= m.start:
                break  # the record is nearer (or as near: records come first)
            if self._mention_fits(m, pronoun, head, need, side):
                if m.category in self.ex.modifier_categories:
                    return "", m.side  # "Russian envoys": a side, no actor
                return m.canonical, m.side
        if best is not None:
            r = self.records[-best[1]]
            return r[4], r[5]
        return "", ""

    def _mention_fits(self, m: _Mention, pronoun, head, need, side: str) -> bool:
        """Whether the actor mention ``m`` fits the query of :meth:`antecedent`."""
        ex = self.ex
        is_person = m.category in ex.person_categories
        if pronoun in ("he", "she"):
            if not is_person:
                return False
            gender = self._fit_words.get((m.start, m.end))
            if gender is None:
                np_text = self.text[max(0, m.start - 30):m.end]
                gender = self._fit_words[m.start, m.end] = grammar.gender_of(
                    _WORDS.findall(np_text.lower()))
            return grammar.agrees(pronoun, gender=gender)
        if pronoun in ("they", "we") and m.category in ex.modifier_categories:
            # a demonym before a plural noun: "Russian envoys", "Kenyan officials"
            nxt = _WORDS.match(self.text, _next_char(self.text, m.end))
            w = nxt.group(0) if nxt else ""
            return len(w) > 3 and w.islower() and grammar.looks_plural(w) \
                and w not in _NOT_NOUN
        if pronoun in ("it", "they", "we"):
            return not (is_person or m.category in ex.modifier_categories)
        if side and m.side != side:
            return False
        kind = _GENERIC_HEADS[head]
        if kind == "person":
            return is_person
        if head in ("army", "military") and ex._state_army:
            if m.category in ex.modifier_categories:
                # "the Israeli military", "Malian troops": a demonym before an army noun
                nxt = _WORDS.match(self.text, _next_char(self.text, m.end))
                return nxt is not None and nxt.group(0).lower() in _ARMY_NOUNS
            return m.canonical in ex._state_army
        if kind in ("media", "military"):
            return m.category == kind
        if kind == "group":
            # "the group": an armed group, not a state's armed forces
            return m.category == "military" and m.canonical not in ex._state_army
        return bool(need) and self._name_has(m.canonical, need)

    def _name_has(self, canon: str, need: tuple) -> bool:
        """Whether every word of ``need`` is in the canonical name (defence = defense)."""
        name = _NAME_LOW.get(canon)
        if name is None:
            if len(_NAME_LOW) >= 100_000:
                _NAME_LOW.clear()
            name = _NAME_LOW[canon] = canon.lower().replace("defence", "defense")
        return all(w in name for w in need)


# --------------------------------------------------------------------------- public API

def _extractor(actors, verbs) -> AttributionExtractor:
    if isinstance(actors, AttributionExtractor):
        return actors
    return AttributionExtractor(actors=actors, verbs=verbs)


def attributions_for_text(text: str, *, doc_id: str = "", extractor: AttributionExtractor | None
                          = None, actors=None, verbs=None, sentences=None,
                          quotes=None, title: str | None = None) -> list[tuple]:
    """Attributions in one text, for streaming pipelines.

    Parameters
    ----------
    text : str
        Document text; offsets refer to it.
    doc_id : str, optional
    extractor : AttributionExtractor, optional
        A compiled extractor; pass one when calling this function many times so
        that the lexicons are compiled once. Otherwise one is built from
        ``actors`` and ``verbs``.
    actors, verbs : lexicon specs, optional
        Used only when ``extractor`` is None.
    sentences, quotes : optional
        Precomputed sentence and quotation spans of ``text``.
    title : str, optional
        Document title (not searched when the text starts with it).

    Returns
    -------
    list of tuple
        Rows in :data:`ATTRIBUTION_COLUMNS` order.

    Examples
    --------
    >>> ex = AttributionExtractor(actors=pd.DataFrame({"term": ["NATO"],
    ...     "category": ["organization"], "side": ["international"]}))
    >>> r = attributions_for_text("NATO urged both sides to show restraint.", extractor=ex)
    >>> r[0][2], r[0][4], r[0][8], r[0][9]
    ('indirect', 'NATO', 'directive', 'both sides to show restraint')
    """
    ex = extractor if extractor is not None else _extractor(actors, verbs)
    return ex.extract(text, doc_id, sentences=sentences, quotes=quotes, title=title)


def extract_attributions(corpus: pd.DataFrame, *, actors=None, verbs=None,
                         column: str = "body") -> pd.DataFrame:
    """Find who is quoted, from which side, with which reporting verb.

    Parameters
    ----------
    corpus : DataFrame
        A corpus (:func:`framing.load_corpus`) with ``doc_id`` and ``column``;
        a ``title`` column, if present, keeps headlines out.
    actors : lexicon spec, Study or AttributionExtractor, optional
        Default: the actors-role lexicon of the default study
        Actors lexicon (name, path, DataFrame or Lexicon), or a compiled
        :class:`AttributionExtractor` (then ``verbs`` is ignored).
    verbs : lexicon spec or Study, optional
        Default: the reporting-verbs lexicon of the study (shipped general English)
        Reporting-verb lexicon.
    column : str, default "body"
        The text column; all offsets refer to it.

    Returns
    -------
    DataFrame
        One row per attribution: ``doc_id, sent_id, kind, speaker, actor, side,
        verb, verb_lemma, verb_class, quote, start, end, speaker_start,
        speaker_end, verb_start, verb_end``. ``kind`` is ``direct`` (words in
        quotation marks), ``indirect`` (reported speech) or ``according_to``;
        ``quote`` is the attributed content (``text[start:end]``); ``speaker`` is
        the speaker as written, ``actor`` its canonical name (empty when
        anonymous or unresolved), ``side`` the actor's side (empty when unknown
        or two-sided); ``verb`` is the reporting verb as written (lower case,
        empty for a quote carried over from the previous paragraph). Offsets
        are -1 where absent.

    References
    ----------
    Bergler, S. (1992). Evidential analysis of reported speech. PhD thesis,
    Brandeis University. Asr, F. T. et al. (2021). The Gender Gap Tracker.
    PLoS ONE 16(1): e0245533.

    Examples
    --------
    >>> corpus = pd.DataFrame({"doc_id": ["d1"], "body": [
    ...     "Dmitry Peskov said Moscow was ready to mediate."]})
    >>> actors = pd.DataFrame({"term": ["Dmitry Peskov"], "category": ["person"],
    ...                        "side": ["russia"]})
    >>> att = extract_attributions(corpus, actors=actors)
    >>> att[["kind", "actor", "side", "quote"]].values.tolist()
    [['indirect', 'Dmitry Peskov', 'russia', 'Moscow was ready to mediate']]
    """
    check_columns(corpus, ["doc_id", column], "corpus")
    ex = _extractor(actors, verbs)
    titles = corpus["title"] if "title" in corpus.columns else [None] * len(corpus)
    rows: list[tuple] = []
    for doc_id, text, title in zip(corpus["doc_id"], corpus[column], titles):
        if isinstance(text, str) and text:
            rows.extend(ex.extract(text, doc_id, title=title if isinstance(title, str) else None))
    return pd.DataFrame(rows, columns=ATTRIBUTION_COLUMNS)


# --------------------------------------------------------------------------- voice

def speech_voice(hits: pd.DataFrame, attributions: pd.DataFrame) -> pd.Series:
    """Whose voice each lexicon hit is in: the outlet's own, a direct quote, or indirect speech.

    Parameters
    ----------
    hits : DataFrame
        A hits table (:func:`framing.match_lexicon`) with ``doc_id, start, end``.
    attributions : DataFrame
        From :func:`extract_attributions` (same texts).

    Returns
    -------
    Series
        Aligned with ``hits``: ``"direct"`` when the hit lies inside the quoted
        words of a direct attribution, ``"indirect"`` when it lies inside the
        content of an indirect or according-to attribution (and not in a direct
        quote), ``"own"`` otherwise. Words in quotation marks that are not
        attributed to anyone (scare quotes, names) count as the outlet's own.

    Examples
    --------
    >>> hits = pd.DataFrame({"doc_id": ["d", "d"], "start": [2, 40], "end": [10, 48]})
    >>> att = pd.DataFrame({"doc_id": ["d"], "kind": ["direct"], "start": [0], "end": [20]})
    >>> speech_voice(hits, att).tolist()
    ['direct', 'own']
    """
    check_columns(hits, ["doc_id", "start", "end"], "hits")
    check_columns(attributions, ["doc_id", "kind", "start", "end"], "attributions")
    out = np.array(["own"] * len(hits), dtype=object)
    if len(hits) == 0 or len(attributions) == 0:
        return pd.Series(out, index=hits.index, name="speech")
    att = attributions[attributions["start"] >= 0]
    levels = _voice_levels(hits, att)
    if levels is not None:
        direct, indirect = levels
        out[indirect] = "indirect"
        out[direct] = "direct"
        return pd.Series(out, index=hits.index, name="speech")
    spans: dict = {}
    for doc_id, kind, s, e in zip(att["doc_id"], att["kind"], att["start"], att["end"]):
        spans.setdefault(doc_id, []).append((int(s), int(e), 0 if kind == "direct" else 1))
    for k, (doc_id, s, e) in enumerate(zip(hits["doc_id"], hits["start"], hits["end"])):
        best = None
        for a, b, lvl in spans.get(doc_id, ()):
            if a <= s and e <= b:
                best = lvl if best is None else min(best, lvl)
        if best is not None:
            out[k] = "direct" if best == 0 else "indirect"
    return pd.Series(out, index=hits.index, name="speech")


def _voice_levels(hits: pd.DataFrame, att: pd.DataFrame):
    """Which hits lie inside a direct span, and which inside an indirect (or according-to)
    span, of their document: two boolean arrays, or None when the columns are not plain
    integer offsets and document ids (then :func:`speech_voice` compares span by span).

    A hit ``[s, e]`` lies inside some span ``[a, b]`` of its document when the greatest
    ``b`` of the spans with ``a <= s`` is at least ``e``: the spans of each level are
    sorted by (document, start), their running maximum end is taken per document, and each
    hit finds its last span with ``a <= s`` by one binary search over the whole table."""
    cols = [hits["start"], hits["end"], att["start"], att["end"]]
    if not all(pd.api.types.is_integer_dtype(c) and not c.hasnans for c in cols):
        return None
    hd = hits["doc_id"].to_numpy(dtype=object)
    ad = att["doc_id"].to_numpy(dtype=object)
    if pd.isna(hd).any() or pd.isna(ad).any():
        return None  # missing ids match by identity in a dict, not in factorize
    s = hits["start"].to_numpy(dtype=np.int64)
    e = hits["end"].to_numpy(dtype=np.int64)
    a = att["start"].to_numpy(dtype=np.int64)
    b = att["end"].to_numpy(dtype=np.int64)
    if len(s) and s.min() < 0:
        return None
    codes, _ = pd.factorize(np.concatenate([ad, hd]))
    ac, hc = codes[:len(ad)].astype(np.int64), codes[len(ad):].astype(np.int64)
    big = int(max(a.max(initial=0), s.max(initial=0))) + 2
    if (int(codes.max(initial=0)) + 1) * big >= 2 ** 62:
        return None
    is_direct = att["kind"].to_numpy(dtype=object) == "direct"
    hkey = hc * big + s

    def inside(mask):
        if not mask.any():
            return np.zeros(len(s), dtype=bool)
        key = ac[mask] * big + a[mask]
        order = np.argsort(key, kind="stable")
        key, doc, end = key[order], ac[mask][order], b[mask][order]
        reach = pd.Series(end).groupby(doc).cummax().to_numpy()
        idx = np.searchsorted(key, hkey, side="right") - 1
        ok = idx >= 0
        idx = np.where(ok, idx, 0)
        return ok & (doc[idx] == hc) & (reach[idx] >= e)

    return inside(is_direct), inside(~is_direct)


# --------------------------------------------------------------------------- per outlet

def _with_outlet(attributions: pd.DataFrame, corpus: pd.DataFrame) -> pd.DataFrame:
    check_columns(attributions, ["doc_id", "kind", "side", "verb_class", "start", "end"],
                  "attributions")
    if "quote" not in attributions.columns and "n_words" not in attributions.columns:
        check_columns(attributions, ["quote"], "attributions")
    check_columns(corpus, ["doc_id", "outlet"], "corpus")
    outlet = dict(zip(corpus["doc_id"], corpus["outlet"]))
    missing = set(attributions["doc_id"]) - set(outlet)
    if missing:
        raise FramingError(f"attributions has doc_id(s) not in corpus: "
                           f"{', '.join(map(str, sorted(missing)[:5]))}")
    a = attributions.copy()
    a["outlet"] = a["doc_id"].map(outlet).fillna("(unknown)").astype(str)
    a["side"] = a["side"].fillna("").astype(str)
    if "quote" in a.columns or "n_words" not in a.columns:  # else: counted already (compact)
        a["n_words"] = [count_words(q) if isinstance(q, str) else 0 for q in a["quote"]]
    return a


def attribution_by_outlet(attributions: pd.DataFrame, corpus: pd.DataFrame) -> pd.DataFrame:
    """Source balance per outlet: attributions and quoted words by side, and verb classes.

    Parameters
    ----------
    attributions : DataFrame
        From :func:`extract_attributions`.
    corpus : DataFrame
        The corpus (``doc_id, outlet``).

    Returns
    -------
    DataFrame
        One row per outlet and side (``side`` "" = unknown or two-sided):
        ``outlet, side, n_attributions, share_attributions, n_direct,
        n_indirect, n_according_to, quoted_words, share_quoted_words,
        attributed_words, share_attributed_words, n_docs`` and one column
        ``class_<verb class>`` per verb class with the count of attributions
        of that class (carried-over quotes, which have no verb, are counted in
        no class). Shares are within the outlet. ``quoted_words`` counts the
        words of direct quotes; ``attributed_words`` the words of all
        attributed content.

    Examples
    --------
    >>> att = pd.DataFrame({"doc_id": ["a", "a"], "kind": ["direct", "indirect"],
    ...     "side": ["x", "y"], "verb_class": ["neutral", "distancing"],
    ...     "start": [0, 10], "end": [5, 20], "quote": ["one two", "three"]})
    >>> corpus = pd.DataFrame({"doc_id": ["a"], "outlet": ["Daily"]})
    >>> by = attribution_by_outlet(att, corpus)
    >>> by[["side", "share_attributions", "quoted_words"]].values.tolist()
    [['x', 0.5, 2], ['y', 0.5, 0]]
    """
    a = _with_outlet(attributions, corpus)
    classes = sorted(c for c in a["verb_class"].dropna().unique() if c)
    n_docs = corpus.groupby("outlet")["doc_id"].nunique() if "outlet" in corpus else None
    rows = []
    for (outlet, side), g in a.groupby(["outlet", "side"], sort=True):
        tot = a[a["outlet"] == outlet]
        qw = int(g.loc[g["kind"] == "direct", "n_words"].sum())
        qw_tot = int(tot.loc[tot["kind"] == "direct", "n_words"].sum())
        aw, aw_tot = int(g["n_words"].sum()), int(tot["n_words"].sum())
        row = {"outlet": outlet, "side": side, "n_attributions": len(g),
               "share_attributions": len(g) / len(tot),
               "n_direct": int((g["kind"] == "direct").sum()),
               "n_indirect": int((g["kind"] == "indirect").sum()),
               "n_according_to": int((g["kind"] == "according_to").sum()),
               "quoted_words": qw, "share_quoted_words": qw / qw_tot if qw_tot else np.nan,
               "attributed_words": aw,
               "share_attributed_words": aw / aw_tot if aw_tot else np.nan,
               "n_docs": int(n_docs.get(outlet, 0)) if n_docs is not None else np.nan}
        for c in classes:
            row[f"class_{c}"] = int((g["verb_class"] == c).sum())
        rows.append(row)
    cols = ["outlet", "side", "n_attributions", "share_attributions", "n_direct", "n_indirect",
            "n_according_to", "quoted_words", "share_quoted_words", "attributed_words",
            "share_attributed_words", "n_docs"] + [f"class_{c}" for c in classes]
    return pd.DataFrame(rows, columns=cols)


def verb_class_by_side(attributions: pd.DataFrame, corpus: pd.DataFrame | None = None, *,
                       by_outlet: bool = False) -> pd.DataFrame:
    """How each side's words are introduced: verb classes by side (tidy, long).

    Parameters
    ----------
    attributions : DataFrame
        From :func:`extract_attributions`.
    corpus : DataFrame, optional
        Needed when ``by_outlet`` is True.
    by_outlet : bool, default False
        Split by outlet too.

    Returns
    -------
    DataFrame
        ``[outlet,] side, verb_class, n, share`` where ``share`` is the share of
        the side's attributions (with a verb) introduced by that class.

    Examples
    --------
    >>> att = pd.DataFrame({"side": ["x", "x", "y"], "verb_class": ["neutral", "distancing",
    ...     "neutral"]})
    >>> verb_class_by_side(att)["share"].tolist()
    [0.5, 0.5, 1.0]
    """
    check_columns(attributions, ["side", "verb_class"], "attributions")
    a = attributions[attributions["verb_class"].fillna("") != ""].copy()
    a["side"] = a["side"].fillna("").astype(str)
    keys = ["side"]
    if by_outlet:
        if corpus is None:
            raise FramingError("verb_class_by_side(by_outlet=True) needs the corpus "
                               "(for the outlet of each doc_id)")
        a = _with_outlet(attributions[attributions["verb_class"].fillna("") != ""], corpus)
        keys = ["outlet", "side"]
    n = a.groupby(keys + ["verb_class"]).size().rename("n").reset_index()
    n["share"] = n["n"] / n.groupby(keys)["n"].transform("sum")
    return n[keys + ["verb_class", "n", "share"]]


def _resampled_sums(counts: np.ndarray, n_boot: int, rng, *,
                    max_cells: int = 4_000_000) -> np.ndarray:
    """Column sums of ``counts`` (documents x k) over ``n_boot`` resamples of its rows
    with replacement: ``counts[rng.integers(0, n, (n_boot, n))].sum(axis=1)``, drawn in
    blocks of replicates (the same random numbers) and summed through the resampling
    weights, so memory is about ``max_cells`` draws whatever the number of documents
    (one outlet of 250,000 documents needed 16 GB the direct way)."""
    n = len(counts)
    out = np.empty((n_boot, counts.shape[1]))
    block = max(1, min(n_boot, max_cells // max(n, 1)))
    for b0 in range(0, n_boot, block):
        draws = rng.integers(0, n, size=(min(block, n_boot - b0), n))
        for j, row in enumerate(draws):
            out[b0 + j] = np.bincount(row, minlength=n) @ counts
    return out


def distancing_asymmetry(attributions: pd.DataFrame, corpus: pd.DataFrame, *, side_a: str,
                         side_b: str, verb_class: str = "distancing", n_boot: int = 2000,
                         random_state: int | None = 0, ci: float = 0.95) -> pd.DataFrame:
    """How much more often side A's words get distancing verbs than side B's, per outlet.

    Parameters
    ----------
    attributions : DataFrame
        From :func:`extract_attributions`.
    corpus : DataFrame
        The corpus (``doc_id, outlet``).
    side_a, side_b : str
        The two sides compared (values of the ``side`` column).
    verb_class : str, default "distancing"
        The verb class whose share is compared.
    n_boot : int, default 2000
        Bootstrap resamples of documents, within each outlet.
    random_state : int or None, default 0
        Seed of the bootstrap.
    ci : float, default 0.95
        Width of the percentile interval.

    Returns
    -------
    DataFrame
        One row per outlet: ``outlet, side_a, side_b, n_a, n_b, share_a,
        share_b, difference, ci_low, ci_high, n_docs``. ``share_a`` is the share
        of side A's attributions (those with a reporting verb) whose verb is of
        class ``verb_class``; ``difference = share_a - share_b`` (positive: A's
        words are distanced more often); the interval is a percentile bootstrap
        over the outlet's documents (NaN when a side is missing).

    References
    ----------
    Efron, B. & Tibshirani, R. (1993). An Introduction to the Bootstrap. Chapman & Hall.

    Examples
    --------
    >>> att = pd.DataFrame({"doc_id": ["a", "a", "b", "b"], "kind": ["indirect"] * 4,
    ...     "side": ["x", "y", "x", "y"], "verb_class": ["distancing", "neutral", "neutral",
    ...     "neutral"], "start": [0] * 4, "end": [1] * 4, "quote": ["q"] * 4})
    >>> corpus = pd.DataFrame({"doc_id": ["a", "b"], "outlet": ["O", "O"]})
    >>> r = distancing_asymmetry(att, corpus, side_a="x", side_b="y", n_boot=200)
    >>> float(r["difference"].iloc[0])
    0.5
    """
    if n_boot < 1:
        raise FramingError(f"n_boot must be >= 1, got {n_boot}")
    if not 0 < ci < 1:
        raise FramingError(f"ci must be between 0 and 1, got {ci}")
    a = _with_outlet(attributions, corpus)
    a = a[a["verb_class"].fillna("") != ""]
    present = set(a["side"])
    for name, s in (("side_a", side_a), ("side_b", side_b)):
        if s not in present:
            warnings.warn(f"{name}={s!r} has no attributions with a reporting verb; sides "
                          f"present: {', '.join(sorted(x for x in present if x)) or '(none)'}"
                          f"{did_you_mean(s, [x for x in present if x])}", stacklevel=2)
    classes = set(a["verb_class"])
    if verb_class not in classes and len(a):
        warnings.warn(f"verb_class={verb_class!r} does not occur; classes present: "
                      f"{', '.join(sorted(classes))}", stacklevel=2)
    rng = np.random.default_rng(random_state)
    lo_q, hi_q = (1 - ci) / 2 * 100, (1 + ci) / 2 * 100
    rows = []
    outlets = sorted(set(corpus["outlet"].astype(str)))
    for outlet in outlets:
        g = a[a["outlet"] == outlet]
        docs = sorted(set(corpus.loc[corpus["outlet"].astype(str) == outlet, "doc_id"]))
        # per document counts: [n_a, k_a, n_b, k_b]
        idx = {d: i for i, d in enumerate(docs)}
        counts = np.zeros((len(docs), 4))
        for d, side, cls in zip(g["doc_id"], g["side"], g["verb_class"]):
            hit = cls == verb_class
            if side == side_a:
                counts[idx[d], 0] += 1
                counts[idx[d], 1] += hit
            elif side == side_b:
                counts[idx[d], 2] += 1
                counts[idx[d], 3] += hit
        tot = counts.sum(axis=0)
        share_a = tot[1] / tot[0] if tot[0] else np.nan
        share_b = tot[3] / tot[2] if tot[2] else np.nan
        diff = share_a - share_b
        lo = hi = np.nan
        if len(docs) and not np.isnan(diff):
            sums = _resampled_sums(counts, n_boot, rng)  # n_boot x 4
            with np.errstate(invalid="ignore", divide="ignore"):
                d = sums[:, 1] / sums[:, 0] - sums[:, 3] / sums[:, 2]
            d = d[~np.isnan(d)]
            if len(d):
                lo, hi = np.percentile(d, [lo_q, hi_q])
        rows.append((outlet, side_a, side_b, int(tot[0]), int(tot[2]), share_a, share_b, diff,
                     lo, hi, len(docs)))
    return pd.DataFrame(rows, columns=["outlet", "side_a", "side_b", "n_a", "n_b", "share_a",
                                       "share_b", "difference", "ci_low", "ci_high", "n_docs"])


# --------------------------------------------------------------------------- evaluation

_GOLD_FIELDS = ["doc_id", "kind", "quote", "speaker", "actor", "side", "verb", "verb_class"]


def read_gold(gold) -> list[dict]:
    """Read a gold attribution file (JSON Lines) or check a list of dicts.

    Each record needs ``doc_id, kind, quote, speaker, actor, side, verb,
    verb_class`` (``note`` optional); see ``tests/gold/README-attribution.md``.
    """
    from ._checks import read_records

    records, source = read_records(gold, "gold")
    for n, r in enumerate(records, 1):
        if not isinstance(r, dict):
            raise FramingError(f"{source}, record {n}: expected a JSON object")
        missing = [k for k in _GOLD_FIELDS if k not in r]
        if missing:
            raise FramingError(f"{source}, record {n}: missing field(s) {', '.join(missing)}; "
                               f"required: {', '.join(_GOLD_FIELDS)}")
        if r["kind"] not in KINDS:
            raise FramingError(f"{source}, record {n}: kind={r['kind']!r}; choose one of "
                               f"{', '.join(KINDS)}{did_you_mean(r['kind'], KINDS)}")
    return records


def _locate_gold(records: list[dict], texts: dict) -> list[dict]:
    """Character spans of gold quotes (nearest occurrence to the speaker)."""
    out = []
    used: set = set()
    used_spans: dict = {}
    for r in records:
        text = texts.get(r["doc_id"])
        if not isinstance(text, str):
            raise FramingError(f"gold doc_id {r['doc_id']!r} is not in the corpus")
        q = r["quote"]
        occ = [m.start() for m in re.finditer(re.escape(q), text)] if q else []
        if not occ:
            raise FramingError(f"gold quote not found in {r['doc_id']}: {q[:60]!r}")
        sp = r.get("speaker") or ""
        sp_occ = [m.start() for m in re.finditer(re.escape(sp), text)] if sp else []
        def dist(o):
            return min((abs(o - s) for s in sp_occ), default=0)
        spans = used_spans.setdefault(r["doc_id"], [])
        def overlaps(o):
            return any(a < o + len(q) and o < b and (b - a) != len(q) for a, b in spans)
        several = len(occ) > 1
        occ.sort(key=lambda o: ((r["doc_id"], o, len(q)) in used,
                                several and overlaps(o), dist(o), o))
        s = occ[0]
        used.add((r["doc_id"], s, len(q)))
        spans.append((s, s + len(q)))
        sp_span = (-1, -1)
        if sp_occ:
            best = min(sp_occ, key=lambda x: abs(x - s))
            sp_span = (best, best + len(sp))
        out.append({**r, "start": s, "end": s + len(q), "speaker_start": sp_span[0],
                    "speaker_end": sp_span[1]})
    return out


def _norm_actor(name: str, aliases: dict) -> str:
    name = (name or "").strip()
    return aliases.get(name.lower(), name)


def evaluate_attribution(gold, corpus: pd.DataFrame | None = None, *, actors=None,
                         verbs=None, thresholds: Sequence[float] = (0.3, 0.8),
                         column: str = "body") -> dict:
    """Score the extractor against hand-annotated attributions (Gender Gap Tracker protocol).

    Parameters
    ----------
    gold : path or list of dict
        JSON Lines gold file (``doc_id, kind, quote, speaker, actor, side, verb,
        verb_class``), e.g. ``tests/gold/attribution.jsonl``.
    corpus : DataFrame, optional
        The corpus the gold refers to; default the sample corpus.
    actors, verbs : lexicon specs or AttributionExtractor
        Passed to :func:`extract_attributions`.
    thresholds : sequence of float, default (0.3, 0.8)
        Overlap thresholds of the quote match.
    column : str, default "body"

    Returns
    -------
    dict
        ``n_gold, n_predicted`` and, per threshold (key ``"0.3"``...): ``tp, fp,
        fn, precision, recall, f1, speaker_accuracy, actor_accuracy,
        side_accuracy, verb_accuracy, verb_class_accuracy`` (accuracies over
        matched quotes); top-level ``quote_f1, side_accuracy, actor_accuracy,
        verb_accuracy, verb_class_accuracy, speaker_accuracy`` repeat the first
        threshold. ``errors`` lists unmatched gold records, unmatched
        predictions and matched records whose attributes differ.

    Notes
    -----
    Gold quotes are located by verbatim search in ``column`` (the occurrence
    nearest to the gold speaker when repeated). As in the Gender Gap Tracker's
    evaluation script (Asr et al. 2021, ``evaluate_quotes.py``), the overlap of
    a prediction with a gold quote is ``|gold ∩ predicted| / |gold|`` in
    characters (asymmetric, gold as reference); each gold quote, in order, is
    matched to the remaining prediction of the same document with the highest
    overlap above the threshold. Speaker accuracy counts a match when the
    predicted speaker span overlaps the gold speaker (GGT); actor accuracy
    compares canonical names after mapping the gold name through the actors
    lexicon's aliases; side, verb (lower case) and verb class are compared
    exactly. The Jaccard overlap (intersection over union) at each threshold is
    reported as ``jaccard_f1`` for a stricter view.

    Examples
    --------
    >>> r = evaluate_attribution([{"doc_id": "d", "kind": "indirect", "quote": "it was over",
    ...     "speaker": "NATO", "actor": "NATO", "side": "international", "verb": "said",
    ...     "verb_class": "neutral"}],
    ...     pd.DataFrame({"doc_id": ["d"], "body": ["NATO said it was over."]}),
    ...     actors=pd.DataFrame({"term": ["NATO"], "category": ["organization"],
    ...                          "side": ["international"]}))
    >>> r["quote_f1"], r["side_accuracy"]
    (1.0, 1.0)
    """
    records = read_gold(gold)
    if corpus is None:
        from .corpus import load_sample_corpus

        corpus = load_sample_corpus()
    check_columns(corpus, ["doc_id", column], "corpus")
    ex = _extractor(actors, verbs)
    pred = extract_attributions(corpus, actors=ex, column=column)
    texts = dict(zip(corpus["doc_id"], corpus[column]))
    gold_docs = {r["doc_id"] for r in records}
    pred = pred[pred["doc_id"].isin(gold_docs)].reset_index(drop=True)
    g = _locate_gold(records, texts)
    t = ex.actors_.terms
    aliases = {str(term).lower(): canon for term, canon in zip(t["term"], t["canonical"])}
    result: dict = {"n_gold": len(g), "n_predicted": len(pred), "overlap": "gold"}
    errors: list[dict] = []
    for thr in thresholds:
        res = _match(g, pred, thr, aliases, errors if thr == thresholds[0] else None)
        res["jaccard_f1"] = _match(g, pred, thr, aliases, None, jaccard=True)["f1"]
        result[f"{thr:g}"] = res
    first = result[f"{thresholds[0]:g}"]
    for k in ("f1", "precision", "recall"):
        result[f"quote_{k}"] = first[k]
    for k in ("speaker_accuracy", "actor_accuracy", "side_accuracy", "verb_accuracy",
              "verb_class_accuracy"):
        result[k] = first[k]
    result["thresholds"] = [f"{x:g}" for x in thresholds]
    result["errors"] = errors
    return result


def _match(g: list[dict], pred: pd.DataFrame, thr: float, aliases: dict, errors, *,
           jaccard: bool = False) -> dict:
    by_doc: dict = {}
    for k, row in enumerate(pred.itertuples(index=False)):
        by_doc.setdefault(row.doc_id, []).append(k)
    remaining = {d: list(v) for d, v in by_doc.items()}
    tp = fn = 0
    n_sp = n_actor = n_side = n_verb = n_cls = 0
    for r in g:
        gs, ge = r["start"], r["end"]
        best, best_score = None, (0.0, 0.0)
        for k in remaining.get(r["doc_id"], []):
            ps, pe = int(pred.at[k, "start"]), int(pred.at[k, "end"])
            inter = max(0, min(ge, pe) - max(gs, ps))
            union = max(ge, pe) - min(gs, ps)
            denom = union if jaccard else (ge - gs)
            score = inter / denom if denom > 0 else 0.0
            key = (score, inter / union if union > 0 else 0.0)
            if score > thr and (best is None or key > best_score):
                best, best_score = k, key
        if best is None:
            fn += 1
            if errors is not None:
                errors.append({"error": "missed", "doc_id": r["doc_id"], "kind": r["kind"],
                               "quote": r["quote"][:80], "speaker": r["speaker"]})
            continue
        tp += 1
        remaining[r["doc_id"]].remove(best)
        p = pred.loc[best]
        ss, se = r["speaker_start"], r["speaker_end"]
        sp_ok = (ss >= 0 and int(p["speaker_start"]) < se and ss < int(p["speaker_end"])) or \
            (not r["speaker"] and not p["speaker"])
        actor_ok = _norm_actor(r["actor"], aliases) == _norm_actor(p["actor"], aliases)
        side_ok = (r["side"] or "") == (p["side"] or "")
        verb_ok = (r["verb"] or "").lower().strip() == (p["verb"] or "").lower().strip()
        cls_ok = (r["verb_class"] or "") == (p["verb_class"] or "")
        n_sp += sp_ok
        n_actor += actor_ok
        n_side += side_ok
        n_verb += verb_ok
        n_cls += cls_ok
        if errors is not None and not (actor_ok and side_ok and verb_ok and cls_ok):
            errors.append({"error": "attribute", "doc_id": r["doc_id"], "quote": r["quote"][:60],
                           "gold": (r["speaker"], r["actor"], r["side"], r["verb"],
                                    r["verb_class"]),
                           "predicted": (p["speaker"], p["actor"], p["side"], p["verb"],
                                         p["verb_class"])})
    fp = sum(len(v) for v in remaining.values())
    if errors is not None:
        for d, ks in remaining.items():
            for k in ks:
                errors.append({"error": "spurious", "doc_id": d, "kind": pred.at[k, "kind"],
                               "quote": str(pred.at[k, "quote"])[:80],
                               "speaker": pred.at[k, "speaker"], "verb": pred.at[k, "verb"]})
    prec = tp / (tp + fp) if tp + fp else 0.0
    rec = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * prec * rec / (prec + rec) if prec + rec else 0.0
    acc = (lambda n: n / tp if tp else 0.0)
    return {"tp": tp, "fp": fp, "fn": fn, "precision": prec, "recall": rec, "f1": f1,
            "speaker_accuracy": acc(n_sp), "actor_accuracy": acc(n_actor),
            "side_accuracy": acc(n_side), "verb_accuracy": acc(n_verb),
            "verb_class_accuracy": acc(n_cls)}


def format_evaluation(result: dict) -> str:
    """The evaluation of :func:`evaluate_attribution` as a short text report."""
    lines = [f"attribution evaluation: {result['n_gold']} gold, {result['n_predicted']} "
             f"predicted (overlap = |gold ∩ predicted| / |gold|, Gender Gap Tracker protocol)"]
    lines.append(f"{'threshold':>9}  {'P':>6} {'R':>6} {'F1':>6}  {'F1(IoU)':>7}  "
                 f"{'speaker':>7} {'actor':>6} {'side':>6} {'verb':>6} {'class':>6}")
    for thr in result.get("thresholds", []):
        r = result[thr]
        lines.append(f"{thr:>9}  {r['precision']:6.1%} {r['recall']:6.1%} {r['f1']:6.1%}  "
                     f"{r['jaccard_f1']:7.1%}  {r['speaker_accuracy']:7.1%} "
                     f"{r['actor_accuracy']:6.1%} {r['side_accuracy']:6.1%} "
                     f"{r['verb_accuracy']:6.1%} {r['verb_class_accuracy']:6.1%}")
    lines.append("accuracies are over matched quotes; speaker = span overlap (GGT), "
                 "actor = canonical name, side, verb (as written), class = verb class")
    errs = result.get("errors", [])
    if errs:
        kinds = {}
        for e in errs:
            kinds[e["error"]] = kinds.get(e["error"], 0) + 1
        lines.append("errors: " + ", ".join(f"{v} {k}" for k, v in sorted(kinds.items())))
    return "\n".join(lines)
