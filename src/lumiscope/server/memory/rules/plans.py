"""What the user intends: dated plans, goals, and the constraints they work within.

A plan needs a date in the future of the message ("next Friday", "on June 3rd"): that is
what separates "I'm running the Porto half marathon in two weeks" from "I'm running late".
"""

from __future__ import annotations

import re
from collections.abc import Iterator

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
_PEOPLE = re.compile(r"\b(?:" + "|".join(_RELATIVES) + r"|mom|mum|"
                     r"dad|mother|father|parents?|friends?|boss|colleagues?|coworkers?|"
                     r"room-?mates?|flatmates?|neighbou?rs?|in-laws?|grand\w+|aunt|uncle|cousins?|"
                     r"family|team|manager|teacher|doctor)\b", re.I)
_TRANSIENT_GOALS = re.compile(
    r"^(?:figure|understand|fix|install|decide|remember|find (?:my|the|a way)|get (?:this|it|"
    r"the|my)|write|send|open|make (?:this|it|sure)|convert|reset|log|print|solve|sort|reply|"
    r"answer|explain|work out|see|read|choose|pick|finish (?:this|it|the))\b", re.I)
_DURABLE_WANTS = (r"learn|become|lose|gain|run|save|quit|improve|get better at|get (?:back )?"
                  r"(?:in|into) shape|get fit|visit|travel|retire|master|speak|move to|"
                  r"finish my|complete an?|write a book|start my own|open my own|buy a house|"
                  r"buy a home|buy a flat|own a")
_EVENT_NOUNS = (r"surgery|operation|appointment|interview|exams?|wedding|flight|trip|party|"
                r"graduation|defen[cs]e|move|deadline|race|marathon|concert|holiday|vacation|"
                r"due date|scan|procedure|conference|presentation|audition|recital|match|"
                r"tournament|check-?up|visit|ceremony|hearing|trial|baby|birth|due date")
_CURRENCIES = (r"dollars|euros|pounds|bucks|quid|cedis|naira|rupees|yen|yuan|rmb|pesos|reais|"
               r"francs|kronor|krona|kroner|zloty|rand|shillings|dirhams|riyals|lira|won|baht|"
               r"ringgit|dong|rubles|hryvnia|forint|lei|€|£|(?-i:[A-Z]{3})")
_MONEY = (r"((?:[$€£¥₹]\s?\d[\d,.]*\s?(?:k|K|million)?)|(?:\d[\d,.]*\s?(?:k|K|million)?\s?(?:"
          + _CURRENCIES + r")\b))")


def _dated(ctx: Context, after: int) -> DateRef | None:
    """A date after today in the clause from ``after`` on: what makes a plan durable
    ("I'm running late today" is not one)."""
    ref = find_date(ctx.clause.text[after:], ctx.now_ns)
    if ref is None or not ref.future or ref.iso == message_day(ctx.now_ns).isoformat():
        return None
    return ref


def _what(raw: str, ref: DateRef | None, ctx: Context, offset: int) -> str | None:
    """The event phrase, cut where its date starts."""
    if ref is not None:
        raw = ctx.clause.text[offset:offset + ref.start]
    return clean(re.sub(r"\s+(?:on|in|at|by|this|next|for)$", "", raw.strip()), 8)


def _trip(match: re.Match[str], ctx: Context) -> Iterator[Found]:
    place = place_name(match.group(1))
    ref = _dated(ctx, match.end())
    if place and (ref or match.group(0).lower().find("trip") >= 0):
        date = f" {when(ref)}" if ref else ""
        yield Found("plan", "trip", f"{place}{date}", f"Plans a trip to {place}{date}", 0.85)


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
    if verb in _NOT_EVENTS or not ref:
        return
    what = _what(match.group(0), ref, ctx, start)
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
    # "trying to keep his roses going" is about someone else's things.
    if value and not _TRANSIENT_GOALS.match(value) and not re.search(
            r"\b(?:his|her|their|its|him|them)\b", value, re.I):
        yield goal(value)


def _wants(match: re.Match[str], ctx: Context) -> Iterator[Found]:
    value = clean(match.group(1), 8)
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
        yield goal(f"{match.group(1).lower()} for {value}")


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
    mode = match.group(1).lower().replace("remote", "remotely").replace("remotelyly", "remotely")
    yield Found("constraint", "work_mode", mode, f"Works {mode}", 0.8)


_CAN_VERBS = (r"eat|drink|drive|swim|walk|run|do|lift|climb|sit|travel|fly|work|read|see|hear|"
              r"kneel|bend|jump|carry|cook|have|take|use stairs|stand for long|stand up for long")
RULES: tuple[Rule, ...] = (
    rule(I_AM + r"\s+(?:going|flying|travelling|traveling|heading|driving|off|leaving|"
         r"sailing|taking a trip)\s+(?:back\s+|over\s+)?to\s+(" + PROPER + ")", _trip),
    rule(I_AM + r"\s+(?:planning|booking|organi[sz]ing)\s+(?:a|our|my)\s+(?:\w+\s+)?trip\s+to\s+("
         + PROPER + ")", _trip),
    rule(I_AM + r"\s+visiting\s+(" + PROPER + ")", _trip),
    rule(SELF + r"\s+(?:fly|leave|depart|fly out|head out|set off)\b(.*)$", _departure),
    rule(subject(HAVE) + r"\s+(?:have|got)(?:\s+got)?\s+(?:an?|my|the|our)\s+(.+)$", _appointment),
    rule(r"\b(?:my|our)\s+([\w' -]{3,40}?)\s+(is|are|starts?|begins?|will be|takes place)\b",
         _my_event),
    rule(r"(?:^\W*|,\s+)(?:(?:and|so|also|but|oh|anyway)\s+)?((?:[\w-]+\s+){0,2}?(?:" + _EVENT_NOUNS
         + r"))\s+((?:is|are|starts?|begins?)(?:\s+(?:due|scheduled|booked|planned))?)\b",
         _bare_event),
    rule(subject(HAVE) + r"\s+(?:signed up|registered|entered|enrolled|booked|bought tickets)\s+"
         r"(?:for|in|into)\s+(.+)$", _signed_up),
    rule(I_AM + r"\s+(\w+ing)\b.*$", _doing),
    rule(SELF + r"\s+(?:start|begin)\s+(.+)$", _starts),
    rule(r"\bmy\s+(?:main\s+|big\s+|biggest\s+|ultimate\s+|long-term\s+|new\s+)?goal\s+"
         r"(?:\w+\s+){0,3}?(?:is|was)\s+(?:to\s+)?" + PHRASE, _goal),
    rule(I_AM + r"\s+(?:trying|working hard|aiming|hoping)\s+to\s+" + PHRASE, _goal),
    rule(SELF + r"\s+(?:want|hope|plan|aim|intend|really want)\s+to\s+((?:" + _DURABLE_WANTS
         + r")\b[^,;.!?()]*)", _wants),
    rule(r"\b(?:I'm|I am|I've|I have)\s+(?:\w+\s+)?(?:been\s+)?(?:learning|started learning|"
         r"begun learning|studying)\s+(?:to\s+)?" + PHRASE, _learning),
    rule(I_AM + r"\s+(training|saving up|saving|preparing)\s+for\s+" + PHRASE, _training),
    rule(r"\b(?:my|our)\s+budget(?:\s+for\s+(?P<purpose>[^,;.!?]{1,40}?))?\s+is\s+(?:around\s+|"
         r"about\s+|roughly\s+|only\s+|max(?:imum)?\s+|under\s+|up to\s+)?(?P<amount>"
         + _MONEY + ")", _budget),
    rule(subject(HAVE) + r"\s+(?:have|got)\s+a\s+budget\s+of\s+(?:about\s+|around\s+"
         r"|roughly\s+|up to\s+)?(?P<amount>" + _MONEY
         + r")(?:\s+for\s+(?P<purpose>[^,;.!?]{1,40}))?",
         _budget),
    rule(SELF + r"\s+(?:can't|cannot|can not)\s+(?:spend|afford)\s+(?:more than|over)\s+(?P<amount>"
         + _MONEY + ")", _budget),
    rule(SELF + r"\s+(?:only\s+have|have\s+only)\s+" + PHRASE, _time),
    rule(r"\b(?:I|we)\s+(?:can't|cannot|can not|am unable to|'m unable to|am not able to|"
         r"'m not able to|am not allowed to|'m not allowed to)\s+(" + _CAN_VERBS + r")\b"
         + r"([^,;.!?()]*)", _cannot),
    rule(SELF + r"\s+work\s+(remotely|remote|from home|hybrid|part-time|part time|nights|"
         r"night shifts)\b", _work_mode, stateful=True),
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
