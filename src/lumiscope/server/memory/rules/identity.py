"""Who the user is: name, age, pronouns, nationality, languages, birthday."""

from __future__ import annotations

import re
from collections.abc import Iterator

from lumiscope.server.memory.dates import find_date
from lumiscope.server.memory.lexicon import LANGUAGES, NATIONALITIES, NOT_NAMES
from lumiscope.server.memory.rules.base import (
    I_AM,
    LIST,
    NAME,
    PHRASE,
    SELF,
    Context,
    Found,
    Rule,
    rule,
)
from lumiscope.server.memory.text import split_list


def name_fact(name: str, confidence: float = 0.9) -> Iterator[Found]:
    """The user's name, unless the word is one that follows "I'm" without being a name."""
    name = name.strip("'\"‘’“”")  # "sign it off 'Mrs H. Whitfield'"
    first = name.split()[0] if name else ""
    if first.lower() in NOT_NAMES or first.lower() in NATIONALITIES or len(first) < 2:
        return
    yield Found("identity", "name", name, f"Is called {name}", confidence)


def _stated_name(match: re.Match[str], ctx: Context) -> Iterator[Found]:
    yield from name_fact(match.group(1))


def _nickname(match: re.Match[str], ctx: Context) -> Iterator[Found]:
    # "Bernard here, though everyone calls me Bernie": a second name, not a new one.
    for found in name_fact(match.group(1) or match.group(2)):
        yield Found("identity", "nickname", found.value, f"Goes by {found.value}", 0.85)


def _lowercase_name(match: re.Match[str], ctx: Context) -> Iterator[Found]:
    # Casual typing: "my name is grace".
    yield from name_fact(match.group(1).capitalize(), 0.8)


def _age(match: re.Match[str], ctx: Context) -> Iterator[Found]:
    age = int(match.group(1))
    if 10 <= age <= 110:
        yield Found("identity", "age", str(age), f"Is {age} years old")


def _pronouns(match: re.Match[str], ctx: Context) -> Iterator[Found]:
    pronouns = (match.group(1) or match.group(2)).lower()
    yield Found("identity", "pronouns", pronouns, f"Uses {pronouns} pronouns")


def _nationality(match: re.Match[str], ctx: Context) -> Iterator[Found]:
    word = match.group(1).strip()
    # "i am brazilian" in chat, but "I'm polish" is more likely a typo than a nationality.
    said_so = re.search(r"\b(?:family|speak|from poland)\b", ctx.clause.text, re.I)
    if word.lower() in NATIONALITIES and (word[0].isupper() or word.lower() != "polish" or said_so):
        word = word[0].upper() + word[1:]
        yield Found("identity", "nationality", word, f"Is {word}")


def _languages(match: re.Match[str], ctx: Context) -> Iterator[Found]:
    for item in split_list(match.group(1)):
        item = re.sub(r"^(?:some|only|mostly|a little|a bit of|basic|fluent|native)\s+|"
                      r"\s+(?:fluently|natively|"
                      r"well|a bit|a little|at home)$", "", item, flags=re.I)
        if item.lower() in LANGUAGES:
            language = item[0].upper() + item[1:]
            yield Found("identity", "language", language, f"Speaks {language}")


def _sign_language(match: re.Match[str], ctx: Context) -> Iterator[Found]:
    language = match.group(1).strip()
    yield Found("identity", "language", language, f"Uses {language}")


def _native_language(match: re.Match[str], ctx: Context) -> Iterator[Found]:
    item = match.group(1).strip()
    if item.lower() in LANGUAGES:
        language = item[0].upper() + item[1:]
        yield Found("identity", "language", language, f"Speaks {language} natively")


def _religion(match: re.Match[str], ctx: Context) -> Iterator[Found]:
    faith = match.group(1).capitalize()
    yield Found("identity", "religion", faith, f"Is {faith}", 0.85)


def _birthday(match: re.Match[str], ctx: Context) -> Iterator[Found]:
    ref = find_date(match.group(1), ctx.now_ns)
    if ref and len(ref.iso) == 10:
        day = ref.iso[5:]  # a birthday recurs: month and day only
        yield Found("identity", "birthday", day, f"Has a birthday on {day} (MM-DD)")


def _birth_year(match: re.Match[str], ctx: Context) -> Iterator[Found]:
    yield Found("identity", "birth_year", match.group(1), f"Was born in {match.group(1)}")


# "Kind regards,\nHarriet", "Noted. Cheers. Hugh.": a name after a closing word ends it.
_SIGN_OFF = re.compile(r"(?:regards|wishes|thanks|thank you|cheers|sincerely|yours|best|ta)[,!.]?"
                       r"(?:\s*\n+\s*|[,.!]?\s+)(" + NAME + r")[.!]?\s*$", re.I)


def _signed(match: re.Match[str], ctx: Context) -> Iterator[Found]:
    # "Kind regards,\nHarriet Pembroke": the name the user signs a message with.
    signed = _SIGN_OFF.search(ctx.message.strip())
    if signed and signed.group(1) == match.group(1):
        yield from name_fact(match.group(1), 0.85)


def _signs_as(match: re.Match[str], ctx: Context) -> Iterator[Found]:
    # "sign it Luthando", "sign them keelin + tavish", "put my name, Ishita".
    name = match.group(1)
    if name[0].isupper() or re.search(r"\bsign\b", match.group(0), re.I):
        yield from name_fact(name[0].upper() + name[1:], 0.8)


RULES: tuple[Rule, ...] = (
    rule(r"\b(?:sign\s+(?:it|them|this|that|the (?:card|letter|email|message|note))(?:\s+off)?"
         r"(?:\s+(?:as|from|with))?|put\s+my\s+name(?:\s+on\s+it)?,?)\s*:?\s+(" + NAME
         + r"|(?-i:[a-z][a-z'-]{2,15}))\b", _signs_as, allow_question=True),
    rule(r"^\W*(" + NAME + r")\W*$", _signed),
    rule(r"^\W*originally\s+(\w+(?:\s\w+)?)[.!]*$", _nationality),
    rule(r"(?:\bmy |^\W*)(?:good\s+|full\s+|real\s+|first\s+|given\s+)?name(?:'s| is| na)\s+("
         + NAME + ")", _stated_name),
    # "I am, somewhat unbelievably, Dr Ines Carvalho now".
    rule(r"\bI(?:'m| am)(?:,[^,]{1,40},)?\s+(?:Dr\.?|Doctor|Prof\.?|Professor)\s+(" + NAME + ")",
         _stated_name),
    rule(r"(?:\bmy |^\W*)name(?:'s| is)\s+(?-i:([a-z][a-z'-]+))(?=\s*(?:[,.!;]|$|and\b|but\b|"
         r"btw\b))", _lowercase_name),
    rule(r"(?:^\W*(?:(?:hi|hello|hey|oh|and|ok|also)\W+)*|\b(?:please|just|pls|you can|you may|"
         r"feel free to)\s+)call me\s+(" + NAME + ")", _stated_name),
    rule(r"\b(?:people|everyone|everybody|friends|my friends|they all|most people)\s+(?:dey\s+)?"
         r"(?:call|calls)\s+me\s+(" + NAME + r")|\bI\s+(?:usually\s+|mostly\s+)?go\s+by\s+"
         r"(?-i:(?!she\b|he\b|they\b)(" + NAME + "))", _nickname),
    rule(r"\b(?:this is)\s+(" + NAME + r")\s*(?:here|speaking)\b", _stated_name),
    rule(I_AM + r"\s+(\d{1,3})(?:\s*(?:years?|yrs?)(?:\s+old)?|\s*(?:yo|y/o))?"
         r"(?=\s*(?:[,.!;]|$|and\b|years\b|yo\b|by the way\b|btw\b|now\b|lol\b|haha\b|tho\b|"
         r"though\b|this year\b|myself\b|only\b|been\b|already\b|lah\b))", _age),
    rule(SELF + r"\s+(?:just\s+)?turned\s+(\d{1,3})\b", _age),
    # A profile in shorthand: "32F, 5'6, 168 lbs", "hi. 27M, joburg".
    rule(r"^\W*(?:(?:hi|hey|hello|ok)\W+)?(\d{2})\s?(?-i:[MF])(?=\s*[,./;]|\s*$)", _age),
    # "whats a good calorie target for a 41 yr old guy 5'11 around 238": the user, measured.
    rule(r"\bfor\s+a\s+(\d{2})\s*(?:yr|year)s?[\s-]*old\s+(?:guy|man|woman|female|male|lady|dude|"
         r"bloke|gal)\b(?=\s+\d'\d|\s+(?:who|with|at|around|about)\b|\s*[,?])", _age,
         allow_question=True),
    rule(I_AM + r"\s+an?\s+(\d{2})[\s-]*(?:years?|yrs?|y/?o)(?:[\s-]*old)?\b", _age),
    rule(r"\bmy pronouns are\s+([a-z]+/[a-z]+(?:/[a-z]+)?)", _pronouns),
    rule(r"\((?:pronouns:?\s*)?((?:she|he|they|xe|ze|it)/[a-z]+(?:/[a-z]+)?)\)", _pronouns),
    rule(SELF + r"\s+(?:use|go by)\s+([a-z]+/[a-z]+)(?:\s+pronouns)?\b", _pronouns),
    # "its just Dana, pronouns they/them", "use they/them for me" (in a request).
    rule(r"\bpronouns(?:\s+are|\s+is|:)?\s+((?:she|he|they|xe|ze)/[a-z]+(?:/[a-z]+)?)\b|\buse\s+("
         r"(?:she|he|they|xe|ze)/[a-z]+(?:/[a-z]+)?)\s+for\s+me\b", _pronouns, allow_question=True),
    # "we are polish family", "im ghanaian too": a nationality said of the family or "too".
    rule(I_AM + r"\s+(?:an?\s+)?(\w+)(?=\s+(?:family|household|too|as well|myself)\b)",
         _nationality),
    rule(I_AM + r"\s+(?:an?\s+)?(\w+(?:\s\w+)?)(?=\s*(?:[,.!;]|$|citizen\b|national\b|and\b|"
         r"but\b|living\b|by\b))", _nationality),
    rule(SELF + r"\s+speak\s+" + LIST, _languages, stateful=True),
    rule(I_AM + r"\s+(?:fluent|bilingual)\s+in\s+" + LIST, _languages),
    # "I use BIM (Malaysian Sign Language)", "I sign ASL".
    rule(SELF + r"\s+(?:use|sign|know|communicate in)\s+([^,;.!?]{0,30}?\bsign\s+language\)?)",
         _sign_language),
    rule(r"\bmy (?:native|first|mother) (?:language|tongue) is\s+(\w+)", _native_language),
    # "Welsh is my first language so forgive the English", "portuguese is my language".
    rule(r"(?:^\W*|,\s*)(\w+)\s+is\s+my\s+(?:native\s+|first\s+|mother\s+|home\s+)?(?:language|"
         r"tongue)\b", _native_language),
    rule(I_AM + r"\s+an?\s+native\s+(\w+)\s+speaker\b", _native_language),
    rule(I_AM + r"\s+(?:an?\s+)?(?:practising\s+|practicing\s+|devout\s+|observant\s+)?(muslim|"
         r"jewish|christian|catholic|hindu|sikh|buddhist|mormon|atheist|agnostic|quaker)(?=\s*"
         r"(?:[,.!;]|$|so\b|and\b|but\b|myself\b|btw\b|by the way\b|too\b))", _religion),
    rule(r"\bmy birthday is\s+(?:on\s+)?" + PHRASE, _birthday),
    rule(SELF + r"\s+was born in\s+((?:19|20)\d\d)\b", _birth_year),
)
