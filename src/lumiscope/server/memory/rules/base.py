"""What a rule is, and the pattern pieces the rule modules share.

A rule is a regular expression over one clause plus a function that turns each match into
zero or more :class:`Found` items. Patterns are compiled case-insensitive; the pieces that
must be capitalized (names, places, organisations) switch that off locally with
``(?-i:...)`` so "I live in Toronto near campus" captures "Toronto" only.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from lumiscope.server.memory.text import Clause, trim


@dataclass(frozen=True)
class Found:
    """A fact (or, with ``retract``, the end of one) a rule read in a clause.

    A retraction's ``value`` may list alternatives separated by ``|``; empty means any value.
    """

    category: str
    subject: str
    value: str
    text: str
    confidence: float = 0.9
    retract: bool = False


@dataclass(frozen=True)
class Context:
    """What a rule may consult besides its match: the clause, the message time, the whole
    message and the assistant's reply to it (which may confirm a name typed in lower case:
    "im kofi" answered by "Hey Kofi!")."""

    clause: Clause
    now_ns: int
    message: str = ""
    reply: str = ""


Builder = Callable[[re.Match[str], Context], Iterable[Found]]


@dataclass(frozen=True)
class Rule:
    """``pattern`` matched in clauses of ``language``; ``build`` turns a match into facts.

    ``allow_modal``: the rule itself expresses a modal ("I'd prefer..."). ``stateful``: the
    rule states a condition that a negation ends ("I no longer live in..."), so it is also
    run over the de-negated clause to produce retractions.
    """

    name: str
    pattern: re.Pattern[str]
    build: Builder
    language: str = "en"
    allow_modal: bool = False
    stateful: bool = False
    allow_question: bool = False


def rule(pattern: str, build: Builder, *, language: str = "en", allow_modal: bool = False,
         stateful: bool = False, allow_question: bool = False) -> Rule:
    """A :class:`Rule` named after its builder, with ``pattern`` compiled case-insensitive.
    ``allow_question``: the rule reads a fact the user states inside a request ("can you help
    me plan a weekend in Edinburgh?" says a trip is planned)."""
    return Rule(build.__name__.strip("_"), re.compile(pattern, re.I), build, language,
                allow_modal, stateful, allow_question)


UPPER = "A-ZÀ-ÖØ-Þ"
# "3M", "23andMe": a name may open on digits.
_CAP_WORD = rf"(?!I\b|I'|The\b)(?:[{UPPER}]|\d+(?=[{UPPER}a-z]*[{UPPER}]))[\w'&-]*(?<![.'])"
# Proper names of places and organisations: capitalized words, with the small connectors
# of real names ("University of Toronto", "Hospital São João", "Rio de Janeiro").
PROPER = (rf"(?-i:(?:the\s+)?{_CAP_WORD}(?:\s+(?:(?:of|de|da|do|dos|das|del|di|la|le|upon|am|"
          rf"sur|and|&|for)\s+)?{_CAP_WORD}){{0,4}})")
# A person's name: one or two capitalized words ("I'm" is none: "I'm Lauren btw").
NAME = rf"(?-i:(?!I')[{UPPER}][a-zà-ÿ'-]+(?:\s+(?!I')[{UPPER}][a-zà-ÿ'-]+)?)(?![\w-])"
# Adverbs that may sit between the subject and the verb: "I now work at...".
ADV = (r"(?:\s+(?:now|currently|still|also|actually|just|already|finally|really|mostly|"
       r"only|even|recently|definitely|totally|absolutely|officially|both|all|honestly|"
       r"basically|usually|generally|always|rather|quite|pretty|very|fairly|somewhat|genuinely|"
       r"truly|seriously|literally|personally))*")
HAVE = "'ve| have"
BE = "'m| am|'re| are"


def subject(aux: str = "") -> str:
    """The user as subject ("I", "we"), with an optional auxiliary and adverbs after it:
    ``subject(HAVE)`` matches "I moved", "I've just moved" and "we have moved"."""
    return rf"\b(?:I|we)(?:{aux})?{ADV}" if aux else rf"\b(?:I|we){ADV}"


SELF = subject()
I_AM = (r"(?:\b(?:I'm|I am|we're|we are)|\b(?:my\s+)?\w+\s+and\s+I\s+are|"
        r"\bme\s+and\s+(?:my\s+)?\w+(?:\s+(?-i:[A-Z][\w'-]+))?\s+are)" + ADV)
I_HAVE = r"\b(?:I|we)(?:'ve| have)?" + ADV + r"\s+(?:have|got|own)(?:\s+got)?"
# A phrase runs to the next punctuation, though not through a time or a decimal ("2:15", "3.5").
PHRASE = r"((?:[^,;:.!?()\[\]]|(?<=\d)[:.](?=\d))+)"
LIST = r"([^;:.!?()\[\]]+)"  # a phrase that may be a list: "Hindi, Marathi and English"
ARTICLE = r"(?:a|an|the|my|our|one|two|three|some)"


def is_proper(value: str) -> bool:
    """Starts with a capital letter (a name, a place), ignoring a leading "the"."""
    value = re.sub(r"^the\s+", "", value.strip(), flags=re.I)
    return bool(value) and value[0].isupper()


def clean(value: str, max_words: int = 6) -> str | None:
    """A trimmed capture, or None when it is empty or too long to be a fact's value."""
    value = trim(value)
    if not value or len(value.split()) > max_words:
        return None
    return value


def article(noun: str) -> str:
    """``a`` or ``an`` before ``noun``."""
    # "a one-bedroom condo", "a uni flat", "a European trip": the sound, not the letter.
    if re.match(r"(?:one|once|uni|use|usu|eu|ewe)", noun, re.I):
        return "a"
    return "an" if noun[:1].lower() in "aeiou" else "a"


def lookup(phrase: str, words: Iterable[str]) -> str | None:
    """The longest entry of ``words`` that ends ``phrase`` (its head noun), if any."""
    lowered = " " + phrase.lower().strip()
    best = None
    for word in words:
        if lowered.endswith(" " + word) and (best is None or len(word) > len(best)):
            best = word
    return best


def typed_in_lower_case(message: str) -> bool:
    """Whether ``message`` has no capital but "I": then a lower-case word may be a name
    ("im jayden", "moved to portland")."""
    return not re.search(r"[A-Z]", re.sub(r"\bI\b|\bI'\w+", "", message))
