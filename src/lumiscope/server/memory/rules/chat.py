"""Facts stated in loose chat that the other modules' sentence shapes miss: a trip named
without a verb ("Ski trip to the Lyngen Alps in March"), a goal without "my" ("long term goal
is a Michelin star"), saving up for something, a budget one "can only afford", freelancing,
where the user's business is, and a sold business ending the job it gave.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from lumiscope.server.memory.rules.base import (
    HAVE,
    I_AM,
    PHRASE,
    PROPER,
    SELF,
    Context,
    Found,
    Rule,
    clean,
    rule,
    subject,
)
from lumiscope.server.memory.rules.goals import MONEY, goal
from lumiscope.server.memory.rules.jobs import BUSINESSES
from lumiscope.server.memory.rules.location import home, place_name
from lumiscope.server.memory.rules.plans import _trip

_TRIP_NOUNS = r"trip|holiday|vacation|getaway|road trip|honeymoon|weekend away|city break"


def _fragment_trip(match: re.Match[str], ctx: Context) -> Iterator[Found]:
    # "Ski touring trip to the Lyngen Alps with Lars in March": no verb, the user's trip.
    yield from _trip(match, ctx)


def _together_trip(match: re.Match[str], ctx: Context) -> Iterator[Found]:
    # "me and my gf mia are driving to big bend": the user is one of those going.
    if re.search(r"\bme\s+and\s+(?:my|our)\b|\b(?:my|our)\s+[\w\s]{1,20}?\s+and\s+I\b",
                 ctx.message, re.I):
        place = place_name(match.group(1))
        if place:
            yield from _trip(match, ctx)


def _bare_goal(match: re.Match[str], ctx: Context) -> Iterator[Found]:
    value = clean(match.group(1), 8)
    if value and not re.search(r"\b(?:his|her|their|its|him|them)\b", value, re.I):
        yield goal(value)


def _saving(match: re.Match[str], ctx: Context) -> Iterator[Found]:
    # "trying to save like $400 a month for a house down payment".
    thing = clean(match.group("thing"), 5)
    if thing:
        yield goal(f"save for {match.group('det').lower()} {thing}")


def _afford(match: re.Match[str], ctx: Context) -> Iterator[Found]:
    amount = match.group("amount").strip().rstrip(".,")
    period = match.group("period")
    yield Found("constraint", "budget", amount,
                f"Can only afford {amount}" + (f" a {period}" if period else ""))


def _spending_cap(match: re.Match[str], ctx: Context) -> Iterator[Found]:
    # "we try to keep the big shop to about £90 a week".
    amount, period = match.group("amount").strip().rstrip(".,"), match.group("period")
    what = " ".join(match.group("what").split()).lower()
    yield Found("constraint", "budget", amount + (f" a {period}" if period else ""),
                f"Keeps {what} to {amount}" + (f" a {period}" if period else ""))


def _freelance(match: re.Match[str], ctx: Context) -> Iterator[Found]:
    # How the user works, not a title: "a UX designer, freelancing now" keeps the title.
    way = match.group(1).lower()
    yield Found("work", "employment", way, f"Is {way}", 0.85)


def _business_place(match: re.Match[str], ctx: Context) -> Iterator[Found]:
    # "I run a food truck in Atlanta": the business is where the user lives, most likely.
    place = place_name(match.group(1))
    if place:
        yield home(place, 0.7)


_WORKERS = {"farm": "farmer", "ranch": "rancher"}


def _work_verb(match: re.Match[str], ctx: Context) -> Iterator[Found]:
    # "I farm about 600 acres outside Ames": the verb is the job, the place most likely home.
    title = _WORKERS[match.group(1).lower()]
    yield Found("work", "job_title", title, f"Works as a {title}", 0.85)
    acres = re.search(r"\b(\d[\d,]*\s+acres)\b", match.group(0))
    if acres:
        yield Found("possession", "land", acres.group(1), f"Farms {acres.group(1)}", 0.8)
    place = place_name(match.group(2) or "")
    if place:
        yield home(place, 0.7)


def _major(match: re.Match[str], ctx: Context) -> Iterator[Found]:
    field = clean(match.group(1), 4)
    if field:
        yield Found("work", "field", field, f"Studies {field}")


def _only_time(match: re.Match[str], ctx: Context) -> Iterator[Found]:
    # "I only really have about 20 minutes a day": the "only" may sit among other adverbs.
    value = match.group(1)
    yield Found("constraint", "time_available", value, f"Only has {value} available")


def _stay_abroad(match: re.Match[str], ctx: Context) -> Iterator[Found]:
    # "doing a semester abroad in Copenhagen next spring", "doing Rome for our anniversary".
    yield from _trip(match, ctx)


def _sold_business(match: re.Match[str], ctx: Context) -> Iterator[Found]:
    # "sold the truck!!": the job of running it ends ("food truck owner").
    noun = match.group(1).lower()
    yield Found("work", "job_title", noun, f"No longer runs the {noun}", retract=True)


RULES: tuple[Rule, ...] = (
    rule(r"^\W*(?:(?:so|and|also|oh|btw|ok|then)\s+)?(?:(?:my|our|a|the)\s+)?(?:[\w-]+\s+){0,2}?"
         r"(?:" + _TRIP_NOUNS + r")\s+to\s+(" + PROPER + ")", _fragment_trip),
    rule(r"^\W*(?:my|our)\s+\w+(?:\s+\w+)?\s+are\s+(?:going|driving|flying|heading|off)\s+"
         r"(?:back\s+)?to\s+(" + PROPER + ")", _together_trip),
    rule(r"^\W*(?:(?:so|and|also|oh|btw|honestly)\s+)?(?:long[- ]term|main|big|biggest|ultimate|"
         r"real|end)\s+goal\s+(?:\w+\s+){0,2}?is\s+(?:to\s+)?" + PHRASE, _bare_goal),
    rule(I_AM + r"\s+(?:trying\s+to\s+)?sav(?:e|ing)(?:\s+up)?\s+(?:like\s+|about\s+|around\s+)?"
         r"(?:" + MONEY + r"\s+(?:a|per|each|every)\s+(?:month|week|year)\s+)?for\s+"
         r"(?P<det>a|an|my|our|the)\s+(?P<thing>[^,;:.!?()]+)", _saving),
    rule(SELF + r"\s+(?:can\s+only|only\s+can|can't|cannot)\s+afford\s+(?:more than\s+)?"
         r"(?:like\s+|about\s+|around\s+|maybe\s+)?(?P<amount>" + MONEY
         + r"|\d[\d,.]*\s?k\b)(?:\s*(?:/|a|per)\s*(?P<period>month|mo|week|wk|night))?",
         _afford),
    rule(r"\b(?:keep|keeping)\s+(?P<what>(?:the|my|our)\s+(?:big\s+|weekly\s+|food\s+|grocery\s+)?"
         r"(?:shop|shopping|groceries|food bill|spending|rent))\s+(?:to|under|below)\s+(?:about\s+|"
         r"around\s+|roughly\s+)?(?P<amount>" + MONEY
         + r")(?:\s*(?:/|a|per)\s*(?P<period>month|week))?", _spending_cap),
    rule(I_AM + r"\s+(?:now\s+)?(freelancing|self-employed|working freelance|going freelance)\b",
         _freelance, stateful=True),
    rule(SELF + r"\s+(?:run|own|manage)\s+(?:a|an|my own|our own|my|our)\s+(?:[\w-]+\s+){0,2}?"
         r"(?:" + BUSINESSES + r")\s+(?:(?:out\s+)?in|based in)\s+(" + PROPER + ")",
         _business_place),
    rule(SELF + r"\s+(farm|ranch)\b(?=\s*$|\s+(?:about|around|over|some|[\d,]+|in|near|outside|"
         r"for|full[- ]time|part[- ]time|with|on)\b)(?:[^,;.!?]*?\s+(?:just\s+)?"
         r"(?:outside|near|in)\s+(" + PROPER + r"))?", _work_verb),
    rule(r"\b(?:switched|changed)\s+(?:my\s+)?major\s+(?:from\s+[\w ]{2,30}?\s+)?to\s+"
         r"([^,;:.!?()]+)", _major),
    rule(r"\b(?:I|we)\s+(?=[\w\s]{0,20}\bonly\b)(?:\w+\s+){0,3}?have\s+(?:got\s+)?(?:about\s+|"
         r"around\s+|like\s+|maybe\s+)?(\d+\s+(?:minutes?|mins?|hours?|hrs?)\s+(?:a|per|each)\s+"
         r"(?:day|week|night|evening))", _only_time),
    rule(I_AM + r"\s+(?:doing|spending)\s+(?:a|my|the|our)\s+(?:semester|year|term|summer|month|"
         r"gap year|exchange)\s+(?:abroad\s+)?in\s+(" + PROPER + ")", _stay_abroad),
    rule(I_AM + r"\s+(?:finally\s+)?doing\s+(" + PROPER + r")(?=\s+(?:for|in|next|this|over)\b)",
         _stay_abroad),
    rule(subject(HAVE) + r"\s+sold\s+(?:the|my|our)\s+(?:food\s+)?(truck|" + BUSINESSES + r")\b",
         _sold_business),
)
