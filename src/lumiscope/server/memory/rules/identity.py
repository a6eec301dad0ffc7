"""Who the user is: name, age, pronouns, nationality, languages, birthday."""

from __future__ import annotations

import re
from collections.abc import Iterator

from lumiscope.server.memory.dates import find_date
from lumiscope.server.memory.lexicon import JOBS, LANGUAGES, NATIONALITIES, NOT_NAMES
from lumiscope.server.memory.rules.base import (
    I_AM,
    LIST,
    NAME,
    PHRASE,
    PROPER,
    SELF,
    Context,
    Found,
    Rule,
    article,
    rule,
)
from lumiscope.server.memory.rules.location import home, place_name
from lumiscope.server.memory.rules.work import employer, job_title, org_name
from lumiscope.server.memory.text import split_list


def name_fact(name: str, confidence: float = 0.9) -> Iterator[Found]:
    """The user's name, unless the word is one that follows "I'm" without being a name."""
    first = name.split()[0]
    if first.lower() in NOT_NAMES or first.lower() in NATIONALITIES or len(first) < 2:
        return
    yield Found("identity", "name", name, f"Is called {name}", confidence)


def _stated_name(match: re.Match[str], ctx: Context) -> Iterator[Found]:
    yield from name_fact(match.group(1))


def _lowercase_name(match: re.Match[str], ctx: Context) -> Iterator[Found]:
    # Casual typing: "my name is grace".
    yield from name_fact(match.group(1).capitalize(), 0.8)


def _introduced_name(match: re.Match[str], ctx: Context) -> Iterator[Found]:
    # "I'm Maria" names the user only as an introduction: at the start of the clause, and
    # not followed by more words ("I'm Maria's mum", "I'm Spanish and...").
    if ctx.clause.text[:match.start()].strip(" ,!-"):
        return
    rest = ctx.clause.text[match.end():].strip()
    if rest and not re.match(r"^(?:[,.!;]|and\b|from\b|here\b|by the way\b)", rest):
        return
    yield from name_fact(match.group(1), 0.8)


_GREETING = (r"^\W*(?:(?:hi|hey|hello|yo|hiya|howdy|good (?:morning|afternoon|evening))"
             r"(?:\s+there)?\W+)*")
_AGE_SEGMENT = re.compile(r"^(\d{2})(?:\s*(?:yo|y/o|years old))?$", re.I)
_FROM = re.compile(r"\s+(?:originally\s+)?from\s+(" + PROPER + r")$")


def _intro(match: re.Match[str], ctx: Context) -> Iterator[Found]:
    """ "I'm grace, 67, retired teacher from Glasgow", "19, doing comp sci at UCL": a
    comma-separated introduction. A first segment is taken as the name (even in lower case)
    only when another segment reads as an age, a job, a school or an origin."""
    segments = [s.strip() for s in match.group(1).split(",") if s.strip()]
    if segments and segments[0].endswith(" here"):
        segments[0] = segments[0][:-5]  # "Kwame here, maths teacher in Accra"
    found: list[Found] = []
    for segment in segments:
        found.extend(_segment(segment))
    if all(f.subject == "age" for f in found):
        return  # "ok, 50, that's the number": a lone number is no introduction
    first = segments[0] if segments else ""
    if found and re.fullmatch(r"[^\W\d_][\w'-]{1,20}", first) and not _is_known_word(first):
        found[:0] = name_fact(first[0].upper() + first[1:], 0.8)
    yield from found


def _segment(segment: str) -> list[Found]:
    found: list[Found] = []
    origin = _FROM.search(segment)
    if origin and place_name(origin.group(1)):
        found.append(Found("location", "origin", place_name(origin.group(1)) or "",
                           f"Is from {place_name(origin.group(1))}"))
        segment = segment[:origin.start()]
    age = _AGE_SEGMENT.match(segment)
    if age and 13 <= int(age.group(1)) <= 99:
        found.append(Found("identity", "age", age.group(1), f"Is {age.group(1)} years old", 0.8))
        return found
    studying = re.match(r"^(?:doing|studying|student of)\s+([\w -]{2,30}?)\s+at\s+(" + PROPER
                        + r")$", segment, re.I)
    if studying and org_name(studying.group(2)):
        found.append(Found("work", "field", studying.group(1), f"Studies {studying.group(1)}"))
        found.append(Found("work", "school", org_name(studying.group(2)) or "",
                           f"Studies at {org_name(studying.group(2))}"))
        return found
    living = re.match(r"^(?:living|based)\s+in\s+(" + PROPER + r")$", segment, re.I)
    if living and place_name(living.group(1)):
        found.append(home(place_name(living.group(1)) or ""))
        return found
    retired = re.match(r"^retired\b\s*(.*)$", segment, re.I)
    if retired:
        former = job_title(retired.group(1), need_known_head=True) if retired.group(1) else None
        text = f"Is retired (formerly {former})" if former else "Is retired"
        found.append(Found("work", "job_title", "retired", text, 0.85))
        return found
    title = job_title(re.sub(r"^an?\s+", "", segment, flags=re.I), need_known_head=True)
    if title:
        found.append(Found("work", "job_title", title, f"Works as {article(title)} {title}", 0.8))
        located = re.search(r"\bin\s+(" + PROPER + ")$", segment)
        if located and place_name(located.group(1)):
            found.append(home(place_name(located.group(1)) or "", 0.7))
            segment = segment[:located.start()].rstrip()
        at = re.search(r"\bat\s+(" + PROPER + ")$", segment)
        if at and org_name(at.group(1)):
            found.append(employer(org_name(at.group(1)) or "", title))
    return found


def _is_known_word(word: str) -> bool:
    lowered = word.lower()
    return lowered in NOT_NAMES or lowered in NATIONALITIES or lowered in JOBS or lowered in (
        "sorry", "thanks", "yes", "no", "well", "so", "ok", "okay", "hmm", "update", "btw")


def _name_here(match: re.Match[str], ctx: Context) -> Iterator[Found]:
    yield from name_fact(match.group(1), 0.8)


def _age(match: re.Match[str], ctx: Context) -> Iterator[Found]:
    age = int(match.group(1))
    if 10 <= age <= 110:
        yield Found("identity", "age", str(age), f"Is {age} years old")


def _pronouns(match: re.Match[str], ctx: Context) -> Iterator[Found]:
    pronouns = match.group(1).lower()
    yield Found("identity", "pronouns", pronouns, f"Uses {pronouns} pronouns")


def _nationality(match: re.Match[str], ctx: Context) -> Iterator[Found]:
    word = match.group(1).strip()
    if word.lower() in NATIONALITIES and word[0].isupper():
        yield Found("identity", "nationality", word, f"Is {word}")


def _languages(match: re.Match[str], ctx: Context) -> Iterator[Found]:
    for item in split_list(match.group(1)):
        item = re.sub(r"^(?:some|a little|a bit of|basic|fluent|native)\s+", "", item, flags=re.I)
        if item.lower() in LANGUAGES:
            language = item[0].upper() + item[1:]
            yield Found("identity", "language", language, f"Speaks {language}")


def _native_language(match: re.Match[str], ctx: Context) -> Iterator[Found]:
    item = match.group(1).strip()
    if item.lower() in LANGUAGES:
        language = item[0].upper() + item[1:]
        yield Found("identity", "language", language, f"Speaks {language} natively")


def _birthday(match: re.Match[str], ctx: Context) -> Iterator[Found]:
    ref = find_date(match.group(1), ctx.now_ns)
    if ref and len(ref.iso) == 10:
        day = ref.iso[5:]  # a birthday recurs: month and day only
        yield Found("identity", "birthday", day, f"Has a birthday on {day} (MM-DD)")


def _birth_year(match: re.Match[str], ctx: Context) -> Iterator[Found]:
    yield Found("identity", "birth_year", match.group(1), f"Was born in {match.group(1)}")


RULES: tuple[Rule, ...] = (
    rule(_GREETING + r"(?:(?:quick\s+)?(?:intro|introduction|about me|me)\s*:\s*)?"
         r"(?:(?:I'm|I am|this is|me)\s+)?([^.;!?:]*,[^.;!?]*)[.!?]*$", _intro),
    rule(r"^\W*originally\s+(\w+(?:\s\w+)?)[.!]*$", _nationality),
    rule(_GREETING + r"(" + NAME + r")\s+here\b", _name_here),
    rule(r"\bmy name(?:'s| is)\s+(" + NAME + ")", _stated_name),
    rule(r"\bmy name(?:'s| is)\s+(?-i:([a-z][a-z'-]+))(?=\s*(?:[,.!;]|$|and\b|but\b))",
         _lowercase_name),
    rule(r"\b(?:call me|people call me|everyone calls me)\s+(" + NAME + ")", _stated_name),
    rule(r"\b(?:I'm|I am)\s+(" + NAME + ")", _introduced_name),
    rule(r"\b(?:this is)\s+(" + NAME + r")\s*(?:here|speaking)\b", _stated_name),
    rule(I_AM + r"\s+(\d{1,3})(?:\s*(?:years?|yrs?)(?:\s+old)?|\s*(?:yo|y/o))?"
         r"(?=\s*(?:[,.!;]|$|and\b|years\b|yo\b))", _age),
    rule(SELF + r"\s+(?:just\s+)?turned\s+(\d{1,3})\b", _age),
    rule(r"\bmy pronouns are\s+([a-z]+/[a-z]+(?:/[a-z]+)?)", _pronouns),
    rule(SELF + r"\s+(?:use|go by)\s+([a-z]+/[a-z]+)(?:\s+pronouns)?\b", _pronouns),
    rule(I_AM + r"\s+(?:an?\s+)?(\w+(?:\s\w+)?)(?=\s*(?:[,.!;]|$|citizen\b|national\b|and\b|"
         r"but\b|living\b|by\b))", _nationality),
    rule(SELF + r"\s+speak\s+" + LIST, _languages, stateful=True),
    rule(I_AM + r"\s+(?:fluent|bilingual)\s+in\s+" + LIST, _languages),
    rule(r"\bmy (?:native|first|mother) (?:language|tongue) is\s+(\w+)", _native_language),
    rule(I_AM + r"\s+an?\s+native\s+(\w+)\s+speaker\b", _native_language),
    rule(r"\bmy birthday is\s+(?:on\s+)?" + PHRASE, _birthday),
    rule(SELF + r"\s+was born in\s+((?:19|20)\d\d)\b", _birth_year),
)
