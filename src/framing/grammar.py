"""Shallow English grammar shared by the extractors (private).

The agency (:mod:`framing.agency`) and attribution (:mod:`framing.attribution`)
extractors work without a part-of-speech tagger: they read sentences outward from
lexicon hits with closed English word classes. This module holds those classes once,
split into named sets of general English (determiners, pronouns with their person,
number and gender, auxiliaries, negation, prepositions, conjunctions, relatives,
time words, number words), the pronoun agreement test, and small word-class tests.
Each extractor builds the sets its rules use from these (for instance
``BE | BE_CLITICS``), so a word added here is added for both.

Nothing here is about a particular conflict, country or actor: such knowledge stays in
the lexicons.
"""
from __future__ import annotations

from typing import Iterable, NamedTuple

__all__ = [
    "ARTICLES", "DEMONSTRATIVES", "QUANTIFIERS", "DETERMINERS",
    "POSSESSIVE_DETERMINERS", "SUBJECT_PRONOUNS", "OBJECT_PRONOUNS",
    "POSSESSIVE_PRONOUNS", "REFLEXIVE_PRONOUNS", "PERSONAL_PRONOUNS", "PRONOUN_FEATURES",
    "Agreement", "pronouns", "agrees", "gender_of", "FEMALE_WORDS", "MALE_WORDS",
    "BE_FINITE", "BE", "BE_CLITICS", "GET", "HAVE_FINITE", "HAVE", "HAVE_CLITICS",
    "MODALS", "MODAL_CLITICS", "DO", "NEGATION",
    "PREPOSITIONS", "COORDINATORS", "SUBORDINATORS", "RELATIVES",
    "WEEKDAYS", "MONTHS", "MONTH_ABBREVIATIONS", "RELATIVE_DAYS", "TIMES_OF_DAY",
    "DURATIONS", "SEASONS", "SMALL_CARDINALS", "CARDINALS", "NUMBER_NOUNS",
    "looks_plural", "is_capitalised", "GROUP_NOUNS",
]


def _words(text: str) -> frozenset:
    return frozenset(text.split())


# --------------------------------------------------------------------------- determiners
#: Articles.
ARTICLES = _words("a an the")
#: Demonstrative determiners (also pronouns: "those killed").
DEMONSTRATIVES = _words("this that these those")
#: Quantifying determiners, including the negative "no".
QUANTIFIERS = _words("""any some no every each another both all many several few either
                     neither much more most less least""")
#: Determiners: articles, demonstratives, quantifiers, and "such", "other".
DETERMINERS = ARTICLES | DEMONSTRATIVES | QUANTIFIERS | _words("such other")
#: Possessive determiners ("its attack", "their forces").
POSSESSIVE_DETERMINERS = _words("my your his her its our their")
#: Third-person possessive determiners and the subject pronoun of their possessor ("its
#: spokesman" is the spokesman of what "it" would refer to).
POSSESSOR_PRONOUNS = {"his": "he", "her": "she", "its": "it", "their": "they"}

# --------------------------------------------------------------------------- pronouns
#: Personal pronouns in subject case.
SUBJECT_PRONOUNS = _words("i you he she it we they")
#: Personal pronouns in object case.
OBJECT_PRONOUNS = _words("me you him her it us them")
#: Independent possessive pronouns ("theirs").
POSSESSIVE_PRONOUNS = _words("mine yours his hers ours theirs")
#: Reflexive (and emphatic) pronouns.
REFLEXIVE_PRONOUNS = _words("""myself yourself himself herself itself ourselves yourselves
                            themselves""")
#: Every form of the personal pronouns, possessive determiners included.
PERSONAL_PRONOUNS = (SUBJECT_PRONOUNS | OBJECT_PRONOUNS | POSSESSIVE_DETERMINERS
                     | POSSESSIVE_PRONOUNS | REFLEXIVE_PRONOUNS)


class Agreement(NamedTuple):
    """Agreement features of a pronoun.

    Attributes
    ----------
    person : int
        1, 2 or 3.
    number : str
        ``"sg"``, ``"pl"``, or ``""`` when the form is either ("you", "your").
    gender : str
        ``"m"``, ``"f"``, ``"n"`` (non-human "it"), or ``""`` when the form does not mark
        gender ("they", "I").
    """

    person: int
    number: str
    gender: str


#: Person, number and gender of every form in :data:`PERSONAL_PRONOUNS`.
PRONOUN_FEATURES: dict[str, Agreement] = {
    **dict.fromkeys("i me my mine myself".split(), Agreement(1, "sg", "")),
    **dict.fromkeys("we us our ours ourselves".split(), Agreement(1, "pl", "")),
    **dict.fromkeys("you your yours".split(), Agreement(2, "", "")),
    "yourself": Agreement(2, "sg", ""),
    "yourselves": Agreement(2, "pl", ""),
    **dict.fromkeys("he him his himself".split(), Agreement(3, "sg", "m")),
    **dict.fromkeys("she her hers herself".split(), Agreement(3, "sg", "f")),
    **dict.fromkeys("it its itself".split(), Agreement(3, "sg", "n")),
    **dict.fromkeys("they them their theirs themselves".split(), Agreement(3, "pl", "")),
}


def pronouns(*, person: int | None = None, number: str | None = None,
             gender: str | None = None) -> frozenset:
    """The pronoun forms with the given features.

    Parameters
    ----------
    person : int, optional
        1, 2 or 3; any when None.
    number : str, optional
        ``"sg"``, ``"pl"`` or ``""``; any when None.
    gender : str, optional
        ``"m"``, ``"f"``, ``"n"`` or ``""``; any when None.

    Returns
    -------
    frozenset of str
        Lower-case forms from :data:`PRONOUN_FEATURES` (subject, object, possessive
        and reflexive forms alike).

    Examples
    --------
    >>> sorted(pronouns(gender="n"))
    ['it', 'its', 'itself']
    """
    return frozenset(w for w, f in PRONOUN_FEATURES.items()
                     if (person is None or f.person == person)
                     and (number is None or f.number == number)
                     and (gender is None or f.gender == gender))


def agrees(pronoun: str, *, person: int | None = None, plural: bool | None = None,
           gender: str | None = None) -> bool:
    """Whether a pronoun can refer to an antecedent with the given features.

    A feature that is unknown for the antecedent (None) or unmarked on the pronoun
    ("they" has no gender, "you" no number) never blocks agreement.

    Parameters
    ----------
    pronoun : str
        A lower-case pronoun form ("it", "their", "she"); a word that is not a pronoun
        agrees with anything.
    person : int, optional
        Person of the antecedent (a noun phrase is 3).
    plural : bool, optional
        Whether the antecedent is plural.
    gender : str, optional
        ``"m"``, ``"f"`` or ``"n"``, e.g. from :func:`gender_of`; ``""`` or None when
        not known.

    Returns
    -------
    bool

    Examples
    --------
    >>> agrees("it", plural=True), agrees("they", plural=True), agrees("he", gender="f")
    (False, True, False)
    """
    f = PRONOUN_FEATURES.get(pronoun)
    if f is None:
        return True
    if person is not None and f.person != person:
        return False
    if plural is not None and f.number and (f.number == "pl") != plural:
        return False
    return not (gender and f.gender and f.gender != gender)


#: Words that mark a person as female: nouns, titles and the pronouns "she", "her".
FEMALE_WORDS = _words("""spokeswoman woman ms mrs madam she her chairwoman congresswoman
                      businesswoman queen""")
#: Words that mark a person as male: nouns, titles and the pronouns "he", "his".
MALE_WORDS = _words("spokesman man mr he his chairman congressman businessman king")


def gender_of(words: Iterable[str]) -> str:
    """Gender marked by the words of a noun phrase (lower case).

    Parameters
    ----------
    words : iterable of str
        Lower-case words of the phrase (and of what precedes it, if wanted).

    Returns
    -------
    str
        ``"f"`` when a word of :data:`FEMALE_WORDS` and none of :data:`MALE_WORDS`
        occurs, ``"m"`` for the converse, else ``""`` (none, or both).

    Examples
    --------
    >>> gender_of(["the", "spokeswoman"]), gender_of(["president", "smith"])
    ('f', '')
    """
    w = words if isinstance(words, (set, frozenset)) else set(words)
    female, male = not FEMALE_WORDS.isdisjoint(w), not MALE_WORDS.isdisjoint(w)
    if female and not male:
        return "f"
    if male and not female:
        return "m"
    return ""


# --------------------------------------------------------------------------- verbs
#: Finite forms of "be".
BE_FINITE = _words("am is are was were")
#: Forms of "be".
BE = BE_FINITE | _words("be been being")
#: Contracted forms of "be" that a tokenizer may split off ("they're", "it's").
BE_CLITICS = frozenset(("'re", "'s"))
#: Forms of "get" (the get-passive: "got killed").
GET = _words("get gets got gotten getting")
#: Finite forms of "have".
HAVE_FINITE = _words("have has had")
#: Forms of "have".
HAVE = HAVE_FINITE | {"having"}
#: Contracted form of "have".
HAVE_CLITICS = frozenset(("'ve",))
#: Modal auxiliaries.
MODALS = _words("will would can could may might must shall should")
#: Contracted modals ("'d" is also "had").
MODAL_CLITICS = frozenset(("'ll", "'d"))
#: Forms of "do" as an auxiliary.
DO = _words("do does did")
#: Negation ("no" is in :data:`QUANTIFIERS`).
NEGATION = _words("not n't never")

# --------------------------------------------------------------------------- function words
#: Prepositions, including particles that take an object ("up", "off") and the
#: prepositional participles "following", "including".
PREPOSITIONS = _words("""of in on at by for from to with without against toward towards into
                      onto over under near along across during after before since until amid
                      amidst among between through throughout around about as despite via per
                      upon within outside inside behind beyond like than following including
                      off up down out""")
#: Common nouns that name an armed, political or official body or its members: the
#: heads of definite descriptions that refer back to a named party ("the rebels",
#: "the army", "the ministry").
GROUP_NOUNS = _words("""army armies military forces troops soldiers militia militias militiamen
                     militants rebels insurgents fighters gunmen guerrillas jihadists
                     separatists paramilitaries police navy government regime authorities
                     ministry movement group groups faction factions party coalition
                     alliance junta""")
#: Coordinating conjunctions.
COORDINATORS = _words("and or but nor yet so")
#: Subordinating conjunctions.
SUBORDINATORS = _words("""while whilst whereas although though because if when where whether
                       unless as since after before""")
#: Relative pronouns and determiner.
RELATIVES = _words("who whom whose which that")

# --------------------------------------------------------------------------- time
#: Days of the week.
WEEKDAYS = _words("monday tuesday wednesday thursday friday saturday sunday")
#: Month names.
MONTHS = _words("""january february march april may june july august september october
                november december""")
#: Abbreviated month names ("Oct 30"; "may" is a full name).
MONTH_ABBREVIATIONS = _words("jan feb mar apr jun jul aug sep sept oct nov dec")
#: Days named relative to now.
RELATIVE_DAYS = _words("today tonight tomorrow yesterday overnight")
#: Parts of the day.
TIMES_OF_DAY = _words("morning afternoon evening night dawn dusk midnight noon")
#: Units of time.
DURATIONS = _words("""second seconds minute minutes hour hours day days week weeks weekend
                   month months year years decade decades""")
#: Seasons.
SEASONS = _words("spring summer autumn winter")

# --------------------------------------------------------------------------- numbers
#: Cardinal numbers one to ten (those news style writes out).
SMALL_CARDINALS = _words("one two three four five six seven eight nine ten")
#: Cardinal number words.
CARDINALS = SMALL_CARDINALS | _words("""eleven twelve thirteen fourteen fifteen sixteen seventeen
                                     eighteen nineteen twenty thirty forty fifty sixty seventy
                                     eighty ninety hundred thousand million billion""")
#: Nouns of number ("dozens of", "hundreds of", "scores of").
NUMBER_NOUNS = _words("dozen dozens scores hundreds thousands millions billions")


# --------------------------------------------------------------------------- word tests
def looks_plural(word: str) -> bool:
    """Whether a lower-case noun looks plural: it ends in "s" but not in "ss".

    Parameters
    ----------
    word : str

    Returns
    -------
    bool

    Examples
    --------
    >>> looks_plural("fighters"), looks_plural("press"), looks_plural("army")
    (True, False, False)
    """
    return word.endswith("s") and not word.endswith("ss")


def is_capitalised(word: str) -> bool:
    """Whether a token starts with a capital letter or a digit (a name, a number).

    Parameters
    ----------
    word : str
        A non-empty token as written.

    Returns
    -------
    bool

    Examples
    --------
    >>> is_capitalised("Goris"), is_capitalised("7th"), is_capitalised("army")
    (True, True, False)
    """
    c = word[0]
    return c.isupper() or c.isdigit()
