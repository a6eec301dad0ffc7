"""What the user intends on a date: trips, events, appointments, visits.

A plan needs a date in the future of the message ("next Friday", "on June 3rd"): that is
what separates "I'm running the Porto half marathon in two weeks" from "I'm running late".
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import replace

from lumiscope.server.memory.dates import DateRef, find_date, message_day, when
from lumiscope.server.memory.lexicon import CHILDREN, PARTNERS, PETS, SIBLINGS, word_set
from lumiscope.server.memory.rules.base import (
    HAVE,
    I_AM,
    NAME,
    PROPER,
    SELF,
    Context,
    Found,
    Rule,
    article,
    clean,
    rule,
    subject,
    typed_in_lower_case,
)
from lumiscope.server.memory.rules.location import place_name

# Verbs in "I'm <verb>ing ..." that describe a state of mind or the moment, not an event.
_NOT_EVENTS = word_set("going, moving, trying, thinking, feeling, looking, wondering, hoping, "
                       "planning, working, doing, using, learning, reading, writing, asking, "
                       "coming, sitting, waiting, struggling, considering")
# "My sister is visiting next week" is the sister's plan.
_RELATIVES = sorted(PARTNERS | CHILDREN | SIBLINGS | PETS)
_PEOPLE_WORDS = ("|".join(_RELATIVES) + r"|mom|mum|dad|mother|father|parents?|friends?|boss|"
                 r"colleagues?|coworkers?|room-?mates?|flatmates?|neighbou?rs?|in-laws?|grand\w+|mates?|"
                 r"buddy|buddies|pals?|bestie|"
                 r"aunt|uncle|cousins?|family|team|manager|teacher|doctor")
_PEOPLE = re.compile(r"\b(?:" + _PEOPLE_WORDS + r")\b", re.I)
_FOR_OTHERS = re.compile(r"\bfor\s+(?:my|our|his|her|their)\s+(?:[\w-]+\s+)?(?:" + _PEOPLE_WORDS
                         + r")\b", re.I)
_EVENT_NOUNS = (r"surgery|operation|appointment|interview|exams?|wedding|flight|trip|party|"
                r"graduation|defen[cs]e|move|deadline|race|marathon|concert|holiday|vacation|"
                r"due date|scan|procedure|conference|presentation|audition|recital|match|"
                r"tournament|check-?up|visit|ceremony|hearing|trial|baby|birth|due date|"
                r"(?:grand\s+)?opening|launch|open house|premiere|release party|reunion|10k|5k|"
                r"half marathon|ultra|triathlon|negotiations|inspections?|review")
_ORGANIZED = re.compile(r"\b(?:" + _EVENT_NOUNS + r"|birthday|party|shower|reunion|"
                        r"anniversary|dinner|barbecue|bbq|celebration)\b", re.I)


def _dated(ctx: Context, after: int) -> DateRef | None:
    """A date after today in the clause from ``after`` on: what makes a plan durable
    ("I'm running late today" is not one)."""
    ref = find_date(ctx.clause.text[after:], ctx.now_ns)
    if ref is None:
        # "Next spring I'm hiking the Camino": a date that opens the clause.
        lead = find_date(ctx.clause.text[:after], ctx.now_ns)
        if lead and not re.search(r"\w", ctx.clause.text[:lead.start]) and not re.search(
                r"[.!?]", ctx.clause.text[lead.end:after]):
            ref = replace(lead, start=len(ctx.clause.text) - after, end=len(ctx.clause.text))
    if ref is None or not ref.future or ref.iso == message_day(ctx.now_ns).isoformat():
        return None
    if re.search(r"\b(?:died|passed away|happened|ended|finished)\s+(?:\w+\s+)?$",
                 ctx.clause.text[after:after + ref.start]):
        return None  # "Bess died in september": a month gone by, not one ahead
    return ref


def _what(raw: str, ref: DateRef | None, ctx: Context, offset: int) -> str | None:
    """The event phrase, cut where its date starts."""
    if ref is not None:
        raw = ctx.clause.text[offset:offset + ref.start]
    raw = re.sub(r"\s+(?:(?:is|are)\s+)?(?:scheduled|planned|booked|set|due)(?:\s+(?:for|on))?$",
                 "", raw.strip())
    return clean(re.sub(r"\s+(?:on|in|at|by|this|next|for)$", "", raw), 8)


def _trip(match: re.Match[str], ctx: Context) -> Iterator[Found]:
    place = place_name(match.group(1))
    # The date may sit inside the capture: "Bali for May" reads as one name.
    ref = _dated(ctx, match.start(1) + len(place)) if place else None
    event = re.match(r"((?:\s+[\w'-]+){0,2}?\s+(?:festival|fair|conference|summit|expo|concert|"
                     r"show|market|match|game|wedding|marathon|race))\b", ctx.clause.text[
                         match.start(1) + len(match.group(1)):], re.I)
    if place and ref and event:
        # "going to the York food festival this weekend": an event, not a trip to York.
        what = f"{place}{event.group(1)}"
        yield Found("plan", "event", f"{what} {when(ref)}", f"Goes to the {what} {when(ref)}", 0.8)
        return
    if place and (ref or re.search(r"trip|flight|ticket|holiday|vacation|booked", match.group(0),
                                   re.I)):
        date = f" {when(ref)}" if ref else ""
        yield Found("plan", "trip", f"{place}{date}", f"Plans a trip to {place}{date}", 0.85)


def _take_to(match: re.Match[str], ctx: Context) -> Iterator[Found]:
    place = place_name(match.group(1))
    ref = find_date(ctx.clause.text, ctx.now_ns) or find_date(ctx.message, ctx.now_ns)
    if place and ref and ref.future:
        yield Found("plan", "trip", f"{place} {when(ref)}", f"Plans a trip to {place} {when(ref)}",
                    0.8)


_NOT_DESTINATIONS = frozenset(("work", "school", "bed", "the", "my", "our", "his", "her", "their",
                               "there", "here", "home", "town", "see", "visit", "meet", "get"))


def _lower_trip(match: re.Match[str], ctx: Context) -> Iterator[Found]:
    word = match.group(1)
    ref = _dated(ctx, match.end())
    if ref and word not in _NOT_DESTINATIONS and typed_in_lower_case(ctx.message):
        place = word.capitalize()
        yield Found("plan", "trip", f"{place} {when(ref)}", f"Plans a trip to {place} "
                    f"{when(ref)}", 0.8)


def _booked_holiday(match: re.Match[str], ctx: Context) -> Iterator[Found]:
    # "we booked a cruise for our anniversary", "booked a holiday": a trip, dated here or by
    # the departure stated next to it ("we leave two weeks from saturday").
    what = match.group(1).strip().lower()
    ref = _dated(ctx, match.end())
    date = f" {when(ref)}" if ref else ""
    yield Found("plan", "trip", f"{what}{date}", f"Has booked {article(what)} {what}{date}", 0.85)


def _planning_trip(match: re.Match[str], ctx: Context) -> Iterator[Found]:
    # "can you help me plan a weekend in Edinburgh?": the request says a trip is planned.
    place = place_name(match.group(1))
    if place and not _PEOPLE.search(ctx.clause.text[:match.start()]) and not _FOR_OTHERS.search(
            ctx.clause.text[match.end():]):
        ref = _dated(ctx, match.end())
        wish = not re.match(r"\W*help", match.group(0), re.I)
        if wish and not ref and not find_date(ctx.message, ctx.now_ns):
            return  # "I'd love to plan a trip to Japan someday" is a wish until it has a date
        date = f" {when(ref)}" if ref else ""
        yield Found("plan", "trip", f"{place}{date}", f"Plans a trip to {place}{date}", 0.8)


# "the Leeds 10k", "the London Marathon", "Web Summit": a named event.
_NAMED_EVENT = (r"(?-i:((?:[A-Z][\w'&-]*\s+){1,3}(?:[Hh]alf\s+)?(?:[Mm]arathon|[Hh]alf|10[kK]|"
                r"5[kK]|[Uu]ltra|[Tt]riathlon|Ironman|[Rr]ace|[Ff]estival|[Cc]onference|[Ss]ummit|"
                r"[Ee]xpo|[Tt]ournament|[Cc]hampionships?|Run|Ride|Walk|Swim|Trek|Challenge|Cup|"
                r"Games|Fest|Fair|Show|Gala|Open)))\b")


def _named_event(match: re.Match[str], ctx: Context) -> Iterator[Found]:
    before = ctx.clause.text[:match.start()]
    if not re.match(r"^\W*(?:[\w']+\W+){0,3}?(?:I|I'm|I've|I'll|we|we're|we've|we'll)\b",
                    before) or _PEOPLE.search(before):
        return
    ref = _dated(ctx, match.end())
    if ref:
        what = match.group(1)
        yield Found("plan", "event", f"{what} {when(ref)}", f"Takes part in {what} {when(ref)}",
                    0.8)


def _visit(match: re.Match[str], ctx: Context) -> Iterator[Found]:
    # "he's visiting on the 21st of december": someone coming to the user is the user's plan.
    ref = _dated(ctx, match.start("rest"))
    if ref:
        named = match.group("who").strip()
        who = re.sub(r"^(?:my|our)\s+", "", named, flags=re.I)
        if who.lower() in ("he", "she", "they"):
            yield Found("plan", "visit", f"visiting {when(ref)}", f"Expects a visit {when(ref)}",
                        0.8)
            return
        verb = "are" if re.search(r"(?<!')s$|\band\b", who) else "is"
        whose = "Their " if who != named else ""
        yield Found("plan", "visit", f"{who} visiting {when(ref)}",
                    f"{whose}{who} {verb} visiting {when(ref)}", 0.8)


def _someones_day(match: re.Match[str], ctx: Context) -> Iterator[Found]:
    # "it's Rhys's birthday on the 31st": a day the user will mark.
    ref = _dated(ctx, match.end())
    if ref:
        what = f"{match.group(1)}'s {match.group(2).lower()}"
        yield Found("plan", "event", f"{what} {when(ref)}", f"{what} is {when(ref)}", 0.8)


def _which_is_on(match: re.Match[str], ctx: Context) -> Iterator[Found]:
    # "prepare for the Goethe B2 exam, which is on 12 December".
    ref = _dated(ctx, match.end(1))
    what = clean(match.group(1), 6)
    if ref and what:
        yield Found("plan", "event", f"{what} {when(ref)}", f"Has {what} {when(ref)}", 0.8)


def _departure(match: re.Match[str], ctx: Context) -> Iterator[Found]:
    # "We fly out on March 28": the date of a trip named earlier in the same message.
    ref = _dated(ctx, match.end() - len(match.group(1)))
    if ref:
        yield Found("plan", "departure", ref.iso, f"Leaves {when(ref)}", 0.8)


def _appointment(match: re.Match[str], ctx: Context) -> Iterator[Found]:
    start = match.start(1)
    ref = _dated(ctx, start)
    what = _what(match.group(1), ref, ctx, start) if ref else None
    if not ref or not what or re.match(r"^(?:question|problem|idea|feeling|lot|bit)\b", what):
        return
    subject_ = "appointment" if re.search(r"appointment|doctor|dentist|check-?up|physio|"
                                          r"surgery|scan|therapy|session", what, re.I) else "event"
    text = f"Has {article(what)} {what} {when(ref)}"
    yield Found("plan", subject_, f"{what} {when(ref)}", text, 0.85)


# "the surgeon says it's to be a knee replacement. I'm booked in for the 3rd": what the
# booking is for is named earlier in the message.
_PROCEDURE = re.compile(r"\b(?:an?|my|the)\s+((?:[\w-]+\s+){0,2}?(?:replacement|surgery|operation|"
                        r"op|procedure|scan|mri|biopsy|colonoscopy|transplant|induction|"
                        r"c-section|appointment|check-?up|hearing|interview|exam|test))\b", re.I)


def _booked_in(match: re.Match[str], ctx: Context) -> Iterator[Found]:
    ref = _dated(ctx, match.end())
    named = _PROCEDURE.search(ctx.message or ctx.clause.text)
    if ref and named:
        what = named.group(1).lower()
        yield Found("plan", "appointment", f"{what} {when(ref)}", f"Has {article(what)} {what} "
                    f"{when(ref)}", 0.8)


def _my_event(match: re.Match[str], ctx: Context) -> Iterator[Found]:
    ref = _dated(ctx, match.end(2))
    what = clean(re.sub(r"^(operation|surgery|appointment)\s+(?:of|for|on)\s+(?:the|my)\s+(\w+)$",
                        r"\2 \1", match.group(1)), 5)  # "operation of the cataract"
    if ref and what and not _PEOPLE.search(what) and not re.match(
            r"^(?:[\w-]+\s+)?(?:birthday|name|job|goal|budget|objective|aim|plan|intention|hope|"
            r"dream|target|wish)$", what, re.I):
        yield Found("plan", "event", f"{what} {when(ref)}", f"Their {what} is {when(ref)}", 0.85)


def _bare_event(match: re.Match[str], ctx: Context) -> Iterator[Found]:
    # "..., surgery is on April 15": a dated event starting a clause or a comma phrase.
    ref = _dated(ctx, match.end(1))
    what = clean(match.group(1), 4)
    if ref and what:
        verb = " ".join(match.group(2).split())
        yield Found("plan", "event", f"{what} {when(ref)}",
                    f"{what[0].upper()}{what[1:]} {verb} {when(ref)}", 0.8)


def _event_fragment(match: re.Match[str], ctx: Context) -> Iterator[Found]:
    # "job interview at Amazon on Monday!", "exams in three weeks": a dated event, no verb.
    ref = _dated(ctx, match.end(1))
    what = clean(match.group(1), 6)
    past = re.search(r"\b(?:was|were|went|had|did|got)\b", ctx.clause.text[match.end():], re.I)
    if ref and what and not past and not _PEOPLE.search(what.split(" at ")[0]):
        yield Found("plan", "event", f"{what} {when(ref)}", f"Has {what} {when(ref)}", 0.8)


def _signed_up(match: re.Match[str], ctx: Context) -> Iterator[Found]:
    start = match.start(1)
    ref = _dated(ctx, start)
    what = _what(match.group(1), ref, ctx, start) if ref else None
    if ref and what:
        what = re.sub(r"^(?:the|a|an|my|our)\s+", "", what, flags=re.I)
        yield Found("plan", "event", f"{what} {when(ref)}", f"Signed up for {what} {when(ref)}",
                    0.85)


def _doing(match: re.Match[str], ctx: Context) -> Iterator[Found]:
    verb = match.group(1).lower()
    start = match.start(1)
    ref = _dated(ctx, start)
    if not ref:
        return
    what = _what(match.group(0), ref, ctx, start)
    # "planning my daughter's 7th birthday next saturday" is an event; "planning to" is not.
    if verb in _NOT_EVENTS and not (verb in ("planning", "organizing", "organising") and what
                                    and not re.match(r"\w+ to\b", what)
                                    and _ORGANIZED.search(what)):
        return
    if what and len(what.split()) >= 2 and not re.search(
            r"\b(?:certification|certificate|qualification|licen[cs]e|accreditation)\b", what,
            re.I):  # "starting National Board certification this fall" is a goal (career.py)
        yield Found("plan", "event", f"{what} {when(ref)}", f"Is {what} {when(ref)}", 0.85)


# "I got the Octopus Energy job ... I start Monday": the new job the message is about.
_NEW_JOB = re.compile(r"\b(?:the|a|new)\s+(?:(" + PROPER + r")\s+)?(?:job|role|position|offer)"
                      r"(?:\s+(?:at|with)\s+(" + PROPER + "))?", re.I)


def _starts(match: re.Match[str], ctx: Context) -> Iterator[Found]:
    ref = _dated(ctx, match.start(1))
    what = _what(match.group(1), ref, ctx, match.start(1)) if ref else None
    job = _NEW_JOB.search(ctx.message) if ref and not what else None
    if job and ref and ref.future:
        org = job.group(1) or job.group(2)
        what = f"at {org}" if org and org[0].isupper() else "the new job"
    if ref and what:
        yield Found("plan", "event", f"starts {what} {when(ref)}", f"Starts {what} {when(ref)}",
                    0.8)


RULES: tuple[Rule, ...] = (
    rule(I_AM + r"\s+(?:going|flying|travelling|traveling|heading|driving|off|leaving|"
         r"sailing|taking a trip)\s+(?:back\s+|over\s+|home\s+)?to\s+(" + PROPER + ")", _trip),
    rule(I_AM + r"\s+(?:planning|booking|organi[sz]ing)\s+(?:a|our|my)\s+(?:\w+\s+)?trip\s+to\s+("
         + PROPER + ")", _trip),
    rule(I_AM + r"\s+visiting\s+(" + PROPER + ")", _trip),
    rule(SELF + r"\s+(?:go\s+|will\s+)?(?:fly|travel|head|go|drive|sail|land|arrive|leave for)\s+"
         r"(?:out\s+|back\s+|home\s+|up\s+|down\s+|over\s+)?"
         r"(?:to|in|into|for)\s+(" + PROPER + ")", _trip),
    # "Our 40th anniversary is three weeks from today and I want to take Darlene down to San
    # Antonio": a trip with someone, dated anywhere in the clause.
    rule(SELF + r"\s+(?:want to|wanna|'m going to|am going to|'ll|will|plan to)\s+take\s+(?:my\s+)?"
         r"\w+(?:\s+\w+)?\s+(?:down\s+|up\s+|over\s+|out\s+|away\s+)?to\s+(" + PROPER + ")",
         _take_to, allow_modal=True),
    # "we fly to accra on the 20th of next month", typed all in lower case.
    rule(SELF + r"\s+(?:go\s+|will\s+)?(?:fly|flying|travel|head|drive|sail)\s+(?:out\s+|back\s+|"
         r"home\s+)?to\s+(?-i:([a-z]{3,}))\b", _lower_trip),
    rule(I_AM + r"\s+(?:surprising|treating|taking)\s+(?:her|him|them|my\s+\w+)\s+(?:with|to|on)\s+"
         r"(?:a|an)\s+(?:[\w-]+\s+)?(?:trip|getaway|weekend|holiday|vacation|cruise)\s+(?:to|in)\s+("
         + PROPER + ")", _trip),
    # "we've booked Madeira!": a place booked is a trip there.
    rule(subject(HAVE) + r"\s+(?:finally\s+)?booked\s+(?!(?:Dr|Mr|Mrs|Ms|Miss|Doctor|Prof|Uber|"
         r"Airbnb|Ryanair|Easyjet|Lyft)\b)(" + PROPER + r")(?=\s*(?:!|$))", _trip),
    rule(subject(HAVE) + r"\s+(?:booked|bought|got)\s+(?:(?:our|my|the|some|a)\s+)?(?:flights?|"
         r"tickets?|train tickets|plane tickets|trip|holiday|vacation|hotel)\s+(?:to|for|in)\s+("
         + PROPER + ")", _trip),
    rule(subject(HAVE) + r"\s+(?:booked|bought|paid for)\s+(?:a|an|our|the|my)\s+"
         r"((?:[\w-]+\s+){0,2}?(?:cruise|holiday|vacation|getaway|safari|honeymoon|city break|"
         r"package holiday))\b", _booked_holiday),
    # "me and Dwayne are finally taking us a little vacation down to Gulf Shores".
    rule(I_AM + r"\s+taking\s+(?:us\s+|ourselves\s+)?(?:a|an|our)\s+(?:[\w-]+\s+){0,2}?"
         r"(?:trip|vacation|holiday|break|getaway)\s+(?:(?:down|up|over|out|back)\s+)?to\s+("
         + PROPER + ")", _trip),
    rule(r"\b(?:(?:help|helping)\s+(?:me|us)|(?:I|we)(?:'d|\s+would)\s+(?:love|like))\s+"
         r"(?:to\s+)?plan\s+(?:a|an|my|our|the)\s+"
         r"(?:[\w-]+\s+){0,2}?(?:trip|weekend|holiday|vacation|honeymoon|getaway|break|visit|"
         r"road trip|itinerary)\s+"
         r"(?:to|in|around)\s+(" + PROPER + ")", _planning_trip, allow_question=True,
         allow_modal=True),
    # "We'd fly out on Friday the 11th": the departure of the trip the message plans.
    rule(r"(?:" + SELF + r"(?:'d|\s+would)?\s+(?:fly|leave|depart|fly out|head out|set off)|"
         r"^\W*(?:it|she|the ship|the boat|the cruise|the flight)\s+(?:sails|leaves|departs|"
         r"sets sail|flies))\b(.*)$", _departure, allow_modal=True),
    rule(r"\b(?:it's|it is)\s+(" + NAME + r")'s?\s+(birthday|anniversary|graduation|wedding|"
         r"retirement party|leaving do)\b", _someones_day),
    rule(r"\b(?:the|my|our)\s+((?:[\w-]+\s+){0,3}?(?:" + _EVENT_NOUNS + r")),?\s+which\s+is\s+"
         r"(?=on|in|next|this)", _which_is_on, allow_modal=True),
    rule(r"(?:^\W*|[,;]\s*|\b(?:and|but|so)\s+)(?P<who>he|she|they|" + NAME + r"|(?:my|our)\s+"
         r"(?:" + _PEOPLE_WORDS + r")(?:\s+[\w'-]+)?)(?:'s|'re|\s+is|\s+are)\s+(?:visiting|coming "
         r"(?:to visit|over|to stay|down|up|home)|flying in|arriving)\b(?P<rest>.*)$", _visit),
    rule(subject(HAVE) + r"\s+(?:have|got|booked|made|scheduled)(?:\s+got)?\s+"
         r"(?:(?:an?|my|the|our)\s+|"
         r"(?=(?:[\w-]+\s+)?(?:" + _EVENT_NOUNS + r")\b))(.+)$", _appointment),
    rule(I_AM + r"\s+(?:booked|scheduled)\s+in\b", _booked_in),
    rule(r"\b(?:my|our)\s+([\w' -]{3,40}?)(?:,[\w' -]{1,30},)?\s+(is|are|starts?|begins?|will be|"
         r"takes place)\b", _my_event),
    rule(r"(?:^\W*|,\s+)(?:(?:and|so|also|but|oh|anyway)\s+)?((?:[\w-]+\s+){0,2}?(?:" + _EVENT_NOUNS
         + r"))\s+((?:is|are|starts?|begins?)(?:\s+(?:due|scheduled|booked|planned))?)\b",
         _bare_event),
    rule(r"(?:^\W*|,\s+)(?:(?:and|so|also|oh|btw|ok|then|next up|up next|next)\s+)?"
         r"(?:(?:my|a|an|the|our)\s+)?(?!(?:I|I'm|I've|we|we're|you|he|she|they|it)\b)("
         r"(?:[\w'-]+\s+){0,2}?(?:" + _EVENT_NOUNS + r")(?:\s+(?:at|with|in|for)\s+(?:the\s+)?"
         r"[\w'&-]+(?:\s+[\w'&-]+)?)?)"
         r"(?=\s+(?:(?:is|are)\s+)?(?:on|in|at|next|this|tomorrow|the|(?:jan|feb|mar|apr|may|jun|"
         r"jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+\d+)\b)", _event_fragment),
    rule(subject(HAVE) + r"\s+(?:signed up|registered|entered|enrolled|booked|bought tickets)\s+"
         r"(?:for|in|into)\s+(.+)$", _signed_up),
    rule(I_AM + r"\s+(\w+ing)\b.*$", _doing),
    rule(SELF + r"\s+(?:start|begin)\s+(.+)$", _starts),
    # After the rules above, which read the same events with their verb when there is one.
    rule(r"\b(?:at|in|for|run|running|do|doing|enter|entering|race|racing)\s+(?:the\s+)?"
         + _NAMED_EVENT, _named_event),
)


def attach_departures(found: list[Found]) -> list[Found]:
    """Give a dateless trip of one message the departure date stated next to it, and drop
    departures that belong to no trip."""
    dates = [f.value for f in found if f.subject == "departure"]
    result = []
    for item in found:
        if item.subject == "departure":
            continue
        dated = " on " in item.value or " in " in item.value
        if item.subject == "trip" and dates and not dated:
            value = f"{item.value} on {dates[0]}"
            item = Found(item.category, item.subject, value, f"{item.text} on {dates[0]}",
                         item.confidence)
        result.append(item)
    return result
