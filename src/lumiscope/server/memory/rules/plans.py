"""What the user intends: dated plans, goals, and the constraints they work within.

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
    PHRASE,
    PROPER,
    SELF,
    Context,
    Found,
    Rule,
    article,
    clean,
    rule,
    subject,
)
from lumiscope.server.memory.rules.location import place_name

# Verbs in "I'm <verb>ing ..." that describe a state of mind or the moment, not an event.
_NOT_EVENTS = word_set("going, moving, trying, thinking, feeling, looking, wondering, hoping, "
                       "planning, working, doing, using, learning, reading, writing, asking, "
                       "coming, sitting, waiting, struggling, considering")
# "My sister is visiting next week" is the sister's plan.
_RELATIVES = sorted(PARTNERS | CHILDREN | SIBLINGS | PETS)
_PEOPLE_WORDS = ("|".join(_RELATIVES) + r"|mom|mum|dad|mother|father|parents?|friends?|boss|"
                 r"colleagues?|coworkers?|room-?mates?|flatmates?|neighbou?rs?|in-laws?|grand\w+|"
                 r"aunt|uncle|cousins?|family|team|manager|teacher|doctor")
_PEOPLE = re.compile(r"\b(?:" + _PEOPLE_WORDS + r")\b", re.I)
_FOR_OTHERS = re.compile(r"\bfor\s+(?:my|our|his|her|their)\s+(?:[\w-]+\s+)?(?:" + _PEOPLE_WORDS
                         + r")\b", re.I)
# What someone wants done in this conversation, not a goal: "trying to fix the build".
TRANSIENT_GOALS = re.compile(
    r"^(?:figure|understand|fix|install|decide|remember|find (?:my|the|a way)|get (?:this|it|"
    r"the|my)|write|send|open|make (?:this|it|sure)|convert|reset|log|print|solve|sort|reply|"
    r"answer|explain|work out|see|read|choose|pick|finish (?:this|it|the))\b", re.I)
_DURABLE_WANTS = (r"learn|become|lose|gain|run|save|quit|improve|get better at|get (?:back )?"
                  r"(?:in|into) shape|get fit|visit|travel|retire|master|speak|move to|"
                  r"finish my|complete an?|write a book|start my own|open my own|buy a house|"
                  r"buy a home|buy a flat|own a|speciali[sz]e in|qualify as|get into")
_EVENT_NOUNS = (r"surgery|operation|appointment|interview|exams?|wedding|flight|trip|party|"
                r"graduation|defen[cs]e|move|deadline|race|marathon|concert|holiday|vacation|"
                r"due date|scan|procedure|conference|presentation|audition|recital|match|"
                r"tournament|check-?up|visit|ceremony|hearing|trial|baby|birth|due date")
_CURRENCIES = (r"dollars|euros|pounds|bucks|quid|cedis|naira|rupees|yen|yuan|rmb|pesos|reais|"
               r"francs|kronor|krona|kroner|zloty|rand|shillings|dirhams|riyals|lira|won|baht|"
               r"ringgit|dong|rubles|hryvnia|forint|lei|€|£|(?-i:[A-Z]{3})")
_MONEY = (r"((?:[$€£¥₹]\s?\d[\d,.]*\s?(?:k|K|million)?)|(?:\d[\d,.]*\s?(?:k|K|million)?\s?(?:"
          + _CURRENCIES + r")\b))")


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
    if place and (ref or re.search(r"trip|flight|ticket|holiday|vacation", match.group(0), re.I)):
        date = f" {when(ref)}" if ref else ""
        yield Found("plan", "trip", f"{place}{date}", f"Plans a trip to {place}{date}", 0.85)


def _planning_trip(match: re.Match[str], ctx: Context) -> Iterator[Found]:
    # "can you help me plan a weekend in Edinburgh?": the request says a trip is planned.
    place = place_name(match.group(1))
    if place and not _PEOPLE.search(ctx.clause.text[:match.start()]) and not _FOR_OTHERS.search(
            ctx.clause.text[match.end():]):
        ref = _dated(ctx, match.end())
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


def _my_event(match: re.Match[str], ctx: Context) -> Iterator[Found]:
    ref = _dated(ctx, match.end(2))
    what = clean(match.group(1), 5)
    if ref and what and not _PEOPLE.search(what) and not re.match(
            r"^(?:birthday|name|job|goal|budget)$", what, re.I):
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
    if what and len(what.split()) >= 2:
        yield Found("plan", "event", f"{what} {when(ref)}", f"Is {what} {when(ref)}", 0.85)


def _starts(match: re.Match[str], ctx: Context) -> Iterator[Found]:
    ref = _dated(ctx, match.start(1))
    what = _what(match.group(1), ref, ctx, match.start(1)) if ref else None
    if ref and what:
        yield Found("plan", "event", f"starts {what} {when(ref)}", f"Starts {what} {when(ref)}",
                    0.8)


def goal(value: str, confidence: float = 0.85) -> Found:
    """Something the user is working towards."""
    return Found("goal", "goal", value, f"Wants to {value}", confidence)


def _goal(match: re.Match[str], ctx: Context) -> Iterator[Found]:
    value = clean(match.group(1), 8)
    # "My goal is to read 30 books" is durable by its words; "trying to read the file" not.
    stated = re.search(r"\bgoal\b", match.group(0), re.I)
    # "trying to keep his roses going" is about someone else's things.
    if value and (stated or not TRANSIENT_GOALS.match(value)) and not re.search(
            r"\b(?:his|her|their|its|him|them)\b", value, re.I):
        yield goal(value)


def _wants(match: re.Match[str], ctx: Context) -> Iterator[Found]:
    value = clean(match.group(1), 12)
    if value and not re.search(r"\b(?:how|about|more about|this|that|it)\b", value):
        yield goal(value)


def _learning(match: re.Match[str], ctx: Context) -> Iterator[Found]:
    value = clean(match.group(1), 5)
    if value and re.match(r"^(?:become|be an?)\b", value, re.I):
        yield goal(value)  # "studying to become a midwife"
    elif value and not re.match(r"^(?:how|about|that|a lot|so much|more|to be|the hard way|"
                                r"for)\b", value, re.I):
        yield goal(f"learn {value}")


def _training(match: re.Match[str], ctx: Context) -> Iterator[Found]:
    value = clean(match.group(2), 6)
    if value:
        value = f"{match.group(1).lower()} for {value}"
        yield Found("goal", "goal", value, f"Is {value}", 0.85)


def _aim(match: re.Match[str], ctx: Context) -> Iterator[Found]:
    # "I'm aiming for a sub-3 marathon", "working towards my CPA".
    value = clean(match.group(1), 8)
    if value and not TRANSIENT_GOALS.match(value) and not re.match(
            r"^(?:it|this|that|the (?:door|exit|bus|train)|lunch|dinner|a walk|a run)\b", value,
            re.I):
        yield Found("goal", "goal", value, f"Is working towards {value}", 0.8)


def _budget_kind(match: re.Match[str], ctx: Context) -> Iterator[Found]:
    value = match.group(1).lower()
    yield Found("constraint", "budget", value, f"Is on a {value}", 0.85)


def _budget(match: re.Match[str], ctx: Context) -> Iterator[Found]:
    amount = match.group("amount").strip().rstrip(".,")
    purpose = (match.groupdict().get("purpose") or "").strip()
    text = f"Has a budget of {amount}" + (f" for {purpose}" if purpose else "")
    yield Found("constraint", "budget", amount, text)


def _time(match: re.Match[str], ctx: Context) -> Iterator[Found]:
    value = clean(re.split(r"\s+(?:for|to|left|free|available)\b", match.group(1))[0], 5)
    if value and not re.match(r"^(?:a|one|the|this|that|it|my)\b", value, re.I):
        yield Found("constraint", "time_available", value, f"Only has {value} available")


def _cannot(match: re.Match[str], ctx: Context) -> Iterator[Found]:
    action = f"{match.group(1).lower()} {match.group(2).strip()}".strip()
    value = clean(action, 6)
    if value and not re.search(r"\b(?:it|this|that|the|my|your|anymore|right now|today|now)\b",
                               value.split(" ", 1)[-1] if " " in value else ""):
        yield Found("constraint", "cannot", value, f"Can't {value}")


def _work_mode(match: re.Match[str], ctx: Context) -> Iterator[Found]:
    mode = match.group(1).lower()
    mode = "remote" if mode.startswith("remote") else mode
    yield Found("constraint", "work_mode", mode, "Works remotely" if mode == "remote"
                else f"Works {mode}", 0.8)


_CAN_VERBS = (r"eat|drink|drive|swim|walk|run|do|lift|climb|sit|travel|fly|work|read|see|hear|"
              r"kneel|bend|jump|carry|cook|have|take|use stairs|stand for long|stand up for long")
RULES: tuple[Rule, ...] = (
    rule(I_AM + r"\s+(?:going|flying|travelling|traveling|heading|driving|off|leaving|"
         r"sailing|taking a trip)\s+(?:back\s+|over\s+|home\s+)?to\s+(" + PROPER + ")", _trip),
    rule(I_AM + r"\s+(?:planning|booking|organi[sz]ing)\s+(?:a|our|my)\s+(?:\w+\s+)?trip\s+to\s+("
         + PROPER + ")", _trip),
    rule(I_AM + r"\s+visiting\s+(" + PROPER + ")", _trip),
    rule(SELF + r"\s+(?:fly|travel|head|go|drive|sail|land|arrive|leave for)\s+(?:out\s+|back\s+)?"
         r"(?:to|in|into|for)\s+(" + PROPER + ")", _trip),
    rule(subject(HAVE) + r"\s+(?:booked|bought|got)\s+(?:(?:our|my|the|some|a)\s+)?(?:flights?|"
         r"tickets?|train tickets|plane tickets|trip|holiday|vacation|hotel)\s+(?:to|for|in)\s+("
         + PROPER + ")", _trip),
    rule(r"\b(?:help|helping)\s+(?:me|us)\s+(?:to\s+)?plan\s+(?:a|an|my|our|the)\s+"
         r"(?:[\w-]+\s+){0,2}?(?:trip|weekend|holiday|vacation|honeymoon|getaway|break|visit|"
         r"road trip|itinerary)\s+"
         r"(?:to|in|around)\s+(" + PROPER + ")", _planning_trip, allow_question=True,
         allow_modal=True),
    rule(SELF + r"\s+(?:fly|leave|depart|fly out|head out|set off)\b(.*)$", _departure),
    rule(subject(HAVE) + r"\s+(?:have|got)(?:\s+got)?\s+(?:(?:an?|my|the|our)\s+|"
         r"(?=(?:[\w-]+\s+)?(?:" + _EVENT_NOUNS + r")\b))(.+)$", _appointment),
    rule(r"\b(?:my|our)\s+([\w' -]{3,40}?)\s+(is|are|starts?|begins?|will be|takes place)\b",
         _my_event),
    rule(r"(?:^\W*|,\s+)(?:(?:and|so|also|but|oh|anyway)\s+)?((?:[\w-]+\s+){0,2}?(?:" + _EVENT_NOUNS
         + r"))\s+((?:is|are|starts?|begins?)(?:\s+(?:due|scheduled|booked|planned))?)\b",
         _bare_event),
    rule(r"^\W*(?:(?:and|so|also|oh|btw|ok|then)\s+)?(?:(?:my|a|an|the|our)\s+)?"
         r"(?!(?:I|I'm|I've|we|we're|you|he|she|they|it)\b)("
         r"(?:[\w'-]+\s+){0,2}?(?:" + _EVENT_NOUNS + r")(?:\s+(?:at|with|in|for)\s+(?:the\s+)?"
         r"[\w'&-]+(?:\s+[\w'&-]+)?)?)"
         r"(?=\s+(?:(?:is|are)\s+)?(?:on|in|at|next|this|tomorrow|the)\b)", _event_fragment),
    rule(subject(HAVE) + r"\s+(?:signed up|registered|entered|enrolled|booked|bought tickets)\s+"
         r"(?:for|in|into)\s+(.+)$", _signed_up),
    rule(I_AM + r"\s+(\w+ing)\b.*$", _doing),
    rule(SELF + r"\s+(?:start|begin)\s+(.+)$", _starts),
    # After the rules above, which read the same events with their verb when there is one.
    rule(r"\b(?:at|in|for|run|running|do|doing|enter|entering|race|racing)\s+(?:the\s+)?"
         + _NAMED_EVENT, _named_event),
    rule(r"\bmy\s+(?:main\s+|big\s+|biggest\s+|ultimate\s+|long-term\s+|new\s+)?goal\s+"
         r"(?:\w+\s+){0,3}?(?:is|was)\s+(?:to\s+)?" + PHRASE, _goal),
    rule(I_AM + r"\s+(?:trying|working hard|aiming|hoping|planning)\s+to\s+" + PHRASE, _goal),
    rule(I_AM + r"\s+(?:(?:aiming|pushing|gunning)\s+for|(?:working|aiming)\s+towards?)\s+"
         r"(?:an?\s+|my\s+)?" + PHRASE, _aim),
    rule(SELF + r"\s+(?:want|hope|plan|aim|intend|really want)\s+to\s+((?:" + _DURABLE_WANTS
         + r")\b[^,;.!?()]*)", _wants),
    rule(r"\b(?:I'm|I am|I've|I have)\s+(?:\w+\s+)?(?:been\s+)?(?:learning|started learning|"
         r"begun learning|studying)\s+(?:to\s+)?" + PHRASE, _learning),
    rule(I_AM + r"\s+(training|saving up|saving|preparing)\s+for\s+" + PHRASE, _training),
    rule(r"(?:\b(?:my|our)\s+|^\W*(?:(?:so|and|also|ok|oh|btw|total)\W+){0,2})budget"
         r"(?:\s+for\s+(?P<purpose>[^,;.!?]{1,40}?))?\s+is\s+(?:like\s+|around\s+|"
         r"about\s+|roughly\s+|only\s+|max(?:imum)?\s+|under\s+|up to\s+)?(?P<amount>"
         + _MONEY + ")", _budget),
    rule(subject(HAVE) + r"\s+(?:have|got)\s+a\s+budget\s+of\s+(?:about\s+|around\s+"
         r"|roughly\s+|up to\s+)?(?P<amount>" + _MONEY
         + r")(?:\s+for\s+(?P<purpose>[^,;.!?]{1,40}))?",
         _budget),
    rule(SELF + r"\s+(?:can't|cannot|can not)\s+(?:spend|afford)\s+(?:more than|over)\s+(?P<amount>"
         + _MONEY + ")", _budget),
    rule(SELF + r"(?:\s+only\s+have|(?:'ve|\s+have)\s+only\s+got|(?:'ve|\s+have)\s+got\s+only|"
         r"\s+have\s+only|(?:'ve|\s+have)\s+only\s+got|\s+only\s+have\s+got|'ve\s+only)\s+"
         + PHRASE, _time),
    rule(I_AM + r"\s+on\s+an?\s+((?:really\s+|very\s+|super\s+)?(?:tight|limited|small|strict|"
         r"shoestring|low|fixed)\s+budget)\b", _budget_kind),
    rule(r"\b(?:I|we)\s+(?:can't|cannot|can not|am unable to|'m unable to|am not able to|"
         r"'m not able to|am not allowed to|'m not allowed to)\s+(" + _CAN_VERBS + r")\b"
         + r"([^,;.!?()]*)", _cannot),
    rule(SELF + r"\s+work\s+(remotely|remote|from home|hybrid|part-time|part time|nights|"
         r"night shifts|shifts)\b", _work_mode, stateful=True),
    # "got hired as a developer at X, fully remote": how the job just named is done.
    rule(r"^\W*(?:[\w']+\W+){0,4}?(?:I|I'm|I've|we|we're)\b[^.;!?]*?,\s*(?:fully|mostly|"
         r"completely|100%|all|now)\s+(remote|hybrid)\b", _work_mode),
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
            item = Found(item.category, item.subject, value, f"Plans a trip to {value}",
                         item.confidence)
        result.append(item)
    return result
