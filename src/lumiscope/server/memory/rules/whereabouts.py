"""Where the user lives and comes from, said in passing: the town before "where I'm from", a
birthplace typed in lower case, "new place is in Stockport", "now in Hounslow" after a move, and
"I stay in Tampines" ("stay" for "live", as Singapore, Kenya and South Africa say it).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from lumiscope.server.memory.rules.base import (
    PROPER,
    Context,
    Found,
    Rule,
    rule,
    typed_in_lower_case,
)
from lumiscope.server.memory.rules.location import home, place_name

# The place named just before "where I'm from", across the clause break at its comma.
_PLACE_BEFORE = re.compile(r"\b(?:in|fae|from)\s+(" + PROPER + r")(?:\s+(?-i:[a-z']+)){0,3},?\s+"
                           r"(?:that's|thats|that is|"
                           r"which is)?\s*where\s+(?:I|a)\b", re.I)


def _where_from(match: re.Match[str], ctx: Context) -> Iterator[Found]:
    found = _PLACE_BEFORE.search(ctx.message or ctx.clause.text)
    place = place_name(found.group(1)) if found else None
    if place:
        yield Found("location", "origin", place, f"Is from {place}")


def _new_place(match: re.Match[str], ctx: Context) -> Iterator[Found]:
    # "we moved to Cardiff last month ... new place is in Canton": a part of the city moved to.
    place = place_name(match.group(1))
    city = re.search(r"\bmoved\s+(?:over\s+|down\s+|up\s+|back\s+)?to\s+(" + PROPER + ")",
                     ctx.message)
    if place and city and place_name(city.group(1)) not in (None, place):
        yield Found("location", "neighbourhood", place, f"Lives in {place}", 0.85)
    elif place:
        yield home(place)


def _stays(match: re.Match[str], ctx: Context) -> Iterator[Found]:
    word = match.group(1)
    if not word[0].isupper():
        # Typed in lower case here, capitalized elsewhere in the message: "i stay tampines".
        written = re.search(r"\b(" + re.escape(word) + r")\b", ctx.message, re.I | re.M)
        capital = re.search(r"(?-i:\b" + re.escape(word.capitalize()) + r")\b", ctx.message)
        word = capital.group(0) if capital and written else ""
    place = place_name(word) if word else None
    if place and not re.search(r"\b(?:night|nights|week|weekend|hotel|days?)\b",
                               ctx.clause.text[match.end():], re.I):
        yield home(place, 0.8)


def _now_in(match: re.Match[str], ctx: Context) -> Iterator[Found]:
    # "we move house! now in Hounslow": where the user lives after a move told just before.
    if re.search(r"\b(?:move|moved|moving)\s+(?:house|flat|home)\b|\bwe\s+moved\b",
                 ctx.message, re.I) and (place := place_name(match.group(1))):
        yield home(place)


def _lower_origin(match: re.Match[str], ctx: Context) -> Iterator[Found]:
    word = match.group(1)
    if typed_in_lower_case(ctx.message) and word not in _NOT_PLACES:
        yield Found("location", "origin", word.capitalize(), f"Is from {word.capitalize()}", 0.8)


# Lower-case words after "born in" that are no place: "born in may", "born in the 90s".
_NOT_PLACES = frozenset(("the", "january", "february", "march", "april", "may", "june", "july",
                         "august", "september", "october", "november", "december", "hospital",
                         "summer", "winter", "spring", "autumn", "fall", "year"))



RULES: tuple[Rule, ...] = (
    # "the wedding is in Sevilla, where i am from", "fae Paisley tae help, that's where a grew
    # up": a place, then where the user comes from.
    rule(r"\bwhere\s+(?:I|a)\s*(?:'m|am|was)?\s+(?:from|grew up|was born|born)\b", _where_from,
         allow_question=True),
    # "im ghanaian too, born in kumasi": a lower-case place after "born in" in lower-case chat.
    rule(r"(?:^|,\s*|\b(?:and|so|i was|was)\s+)born\s+(?:and\s+raised\s+)?in\s+(?-i:([a-z]{3,}))"
         r"(?=\s*(?:[,.;!]|$|so\b|and\b))", _lower_origin),
    # "i moved, new place is in Stockport", "we move house! now in Hounslow".
    rule(r"\b(?:new|the new)\s+(?:place|flat|house|home|address|apartment)(?:'s|\s+is)\s+in\s+("
         + PROPER + ")", _new_place),
    rule(r"^\W*(?:(?:we(?:'re| are)|I'm|I am)\s+)?now\s+in\s+(" + PROPER + ")", _now_in),
    # "i stay tampines", "I stay in Kibera": "stay" for "live", as many Englishes say it.
    rule(r"\b(?:I|we)\s+(?:still\s+)?stay(?:ing)?\s+(?:in\s+|at\s+(?!the\b|a\b|my\b|home\b))?"
         r"([\w'-]+(?:\s+(?-i:[A-Z][\w'-]+))?)(?=\s*(?:[,.;!]|$|then\b|side\b|area\b|and\b|with\b|"
         r"since\b|for\b))", _stays),
)
