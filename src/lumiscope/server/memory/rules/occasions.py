"""Dated plans told in other words than :mod:`.plans` reads: what the user will do on a day
("I'll do a trial run of the nut roast on Sunday the 29th"), the holiday meal they host, the
race whose date comes in the next sentence, and the occasions of their family that they will
be at ("our daughter Niamh is getting married in Boston on the 12th of June").
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from lumiscope.server.memory.dates import find_date, message_day, when
from lumiscope.server.memory.rules.base import (
    I_AM,
    NAME,
    PROPER,
    SELF,
    Context,
    Found,
    Rule,
    clean,
    rule,
)
from lumiscope.server.memory.rules.kinship import RELATIVE, is_name
from lumiscope.server.memory.rules.location import place_name

_HOLIDAY = re.compile(r"\b(christmas|xmas|thanksgiving|easter|new year's|hanukkah|diwali|eid)\b",
                      re.I)
# "I'll let you know", "I'll try that": the conversation, not a plan.
_NOT_DOING = re.compile(r"^(?:let|try|check|see|think|need|have to|probably|just|keep|look|work|"
                        r"miss|skip|cancel|"
                        r"ask|tell|get back|be\b)|\b(?:it|that|this|them|you|one)$", re.I)


def _future_day(text: str, ctx: Context) -> str | None:
    """The day a plan falls on, as :func:`when` says it: after the message day, and a day
    rather than a month or a year unless the phrase names a holiday ("Christmas dinner this
    year" is on Christmas Day)."""
    ref = find_date(text, ctx.now_ns)
    holiday = _HOLIDAY.search(text)
    if holiday and (ref is None or len(ref.iso) < 10):
        ref = find_date(holiday.group(1), ctx.now_ns)
    if ref is None or not ref.future or ref.iso <= message_day(ctx.now_ns).isoformat():
        return None
    return when(ref)


# "Christmas dinner" names the event; "on Christmas" dates it.
_HOLIDAY_EVENT = re.compile(r"\s+(?:dinner|lunch|brunch|party|market|markets|parade|concert|play|"
                            r"fair|shopping|lights)\b", re.I)


def _before_date(text: str, ctx: Context) -> str:
    """``text`` cut where its date starts."""
    ref = find_date(text, ctx.now_ns)
    if ref and _HOLIDAY_EVENT.match(text, ref.end):
        later = find_date(text[ref.end:], ctx.now_ns)
        return text[:ref.end + later.start] if later else text
    return text[:ref.start] if ref else text


def _will_do(match: re.Match[str], ctx: Context) -> Iterator[Found]:
    # "I'll do a trial run of the nut roast on Sunday the 29th", "I'm doing the turkey trot on
    # thanksgiving", "I'm hosting Christmas dinner this year".
    rest = match.group(1)
    day = _future_day(rest, ctx)
    what = _before_date(rest, ctx).split(",")[0].strip()
    what = clean(re.sub(r"(?:\s+(?:on|in|at|this|next|for|this year))+$", "", what, flags=re.I), 8)
    if day and what and len(what.split()) >= 2 and not _NOT_DOING.search(what):
        yield Found("plan", "event", f"{what} {day}", f"Will {what} {day}", 0.8)


def _signed_up(match: re.Match[str], ctx: Context) -> Iterator[Found]:
    # "signed up for my first half marathon!! its april 25th": the date is the next sentence.
    what = clean(re.sub(r"^(?:the|a|an|my|our)\s+(?:first\s+)?", "", match.group(1), flags=re.I),
                 5)
    after = ctx.message[ctx.message.find(match.group(1)) + len(match.group(1)):]
    dated = re.match(r"^\W*(?:and\s+)?(?:it's|its|it is)\s+(?:on\s+)?(.{3,30}?)(?:[.!,]|$)", after,
                     re.I)
    day = _future_day(dated.group(1), ctx) if dated and what else None
    if day and find_date(match.group(0), ctx.now_ns) is None:
        yield Found("plan", "event", f"{what} {day}", f"Signed up for {what} {day}", 0.8)


def _family_occasion(match: re.Match[str], ctx: Context) -> Iterator[Found]:
    # "our daughter Niamh is getting married in Boston on the 12th of June next year", "my
    # granddaughter kaylee has her first dance recital two weeks from tomorrow", "Our Ellie
    # turns 18 on the 5th of December": a day the user will be part of.
    name = (match.group("name") or "").strip()
    if name and not is_name(name):
        return
    who = name.capitalize() if name else match.groupdict().get("relation", "").lower()
    rest = match.group("rest")
    day = _future_day(rest, ctx)
    if not day:
        return
    verb = match.group("verb").lower()
    if verb.startswith("turn"):
        age = re.match(r"\s*(\d{1,3})", rest)
        if not age:
            return
        what = f"{who}'s {age.group(1)}th birthday"
    elif "married" in verb:
        what = f"{who}'s wedding"
    elif "graduat" in verb:
        what = f"{who}'s graduation"
    else:
        event = clean(re.sub(r"^(?:her|his|their|a|an)\s+(?:first\s+|big\s+)?", "",
                             _before_date(rest, ctx).strip(), flags=re.I), 4)
        if not event or not re.search(r"\b(?:" + _OCCASIONS + r")$", event, re.I):
            return
        what = f"{who}'s {event}"
    yield Found("plan", "event", f"{what} {day}", f"{what[0].upper()}{what[1:]} {day}", 0.8)


def _corrected_day(match: re.Match[str], ctx: Context) -> Iterator[Found]:
    # "wait no, it's Friday the 4th, not the 5th", "due date is 14th January, not 12th".
    ref = find_date(ctx.clause.text[:match.start()], ctx.now_ns)
    if ref is None or len(ref.iso) != 10:
        return
    old = f"{ref.iso[:8]}{int(match.group(1)):02d}"
    if old != ref.iso:
        yield Found("plan", "*redate", f"{old}|{ref.iso}", f"Moved from {old} to {ref.iso}",
                    retract=True)


def _staying_in(match: re.Match[str], ctx: Context) -> Iterator[Found]:
    # "Linda and I will also be in Arizona from January 10 through the end of February."
    place = place_name(match.group(1))
    day = _future_day(ctx.clause.text[match.end(1):], ctx) if place else None
    if place and day:
        yield Found("plan", "trip", f"{place} {day}", f"Plans a trip to {place} {day}", 0.8)


# The occasions of a relative that the user will be at.
_OCCASIONS = (r"recital|graduation|wedding|concert|play|game|match|tournament|birthday|party|"
              r"ceremony|performance|show|christening|baptism|[bm]at mitzvah|communion|prom|"
              r"nativity|sports day")
_OCCASION = (r"(?P<verb>is getting married|'s getting married|is graduating|'s graduating|turns|"
             r"is turning|'s turning|has)\b(?P<rest>.*)$")

_DEPARTS = re.compile(r"\b(?:fly|flying|flight|leave|leaving|depart\w*|drive up|drive down)\b"
                      r"[^.!?]{0,20}\b(?:on|next|this|in)\b", re.I)


def _visiting(match: re.Match[str], ctx: Context) -> Iterator[Found]:
    # "my sister convinced me to come and visit her in Fort Lauderdale, and I fly out on the
    # 19th": a trip; the departure stated beside it dates it (see plans.attach_departures).
    place = place_name(match.group(1))
    if not place:
        return
    ref = find_date(ctx.clause.text[match.end():], ctx.now_ns)
    date = f" {when(ref)}" if ref and ref.future else ""
    # Only a trip that is on: dated, or with a departure beside it ("she wants me to visit her
    # in Paris someday" is not).
    if re.search(r"\b(?:wants|wanted|asks|asked|keeps asking|begging)\s+me\b", ctx.clause.text,
                 re.I) or not (date or _DEPARTS.search(ctx.message)):
        return
    yield Found("plan", "trip", f"{place}{date}", f"Plans to visit {place}{date}", 0.75)


RULES: tuple[Rule, ...] = (
    rule(r"\b(?:me|I(?:'m| am)?(?:\s+going)?|we(?:'re| are)?(?:\s+going)?)\s+to\s+(?:come\s+and\s+|"
         r"go\s+and\s+|fly\s+out\s+and\s+)?visit\s+(?:her|him|them|my\s+\w+(?:\s+\w+)?|family|"
         r"friends)\s+(?:in|out in|down in|up in)\s+(" + PROPER + ")", _visiting),
    rule(r"(?:" + SELF + r"(?:'ll|\s+will|\s+(?:am|'m)\s+going\s+to|\s+(?:am|'m)\s+gonna)"
         r"|" + I_AM + r"(?=\s+(?:doing\s+(?:the|a|an|my|our)\s+(?!lot\b|bit\b|little\b|few\b)|"
         r"hosting\b|cooking\b|making\b)))\s+(?:also\s+|then\s+)?(.+)$", _will_do),
    rule(r"\b(?:I|we)(?:'ve| have)?\s+(?:just\s+)?signed up\s+for\s+([^.!?,]+?)\s*(?=[.!?,]|$)",
         _signed_up),
    rule(r"\b(?:my|our)\s+(?:(?:eldest|oldest|youngest|little|baby)\s+)?(?P<relation>"
         + RELATIVE[1:-1] + r")(?:\s+(?P<name>" + NAME + r"|(?-i:[a-z][a-z'-]+)))?\s+" + _OCCASION,
         _family_occasion),
    # "Our Ellie turns 18 on the 5th of December": "our" before a name says family.
    rule(r"^\W*(?-i:Our)\s+(?P<name>" + NAME + r")\s+" + _OCCASION, _family_occasion),
    rule(r",?\s+not\s+(?:on\s+)?(?:the\s+)?(\d{1,2})(?:st|nd|rd|th)\b", _corrected_day,
         allow_question=True),
    rule(r"(?:" + SELF + r"|\b" + NAME + r"\s+and\s+I)(?:'ll|\s+will)\s+(?:also\s+)?be\s+"
         r"(?:in|at|down in|over in|up in)\s+(" + PROPER + ")", _staying_in),
)
