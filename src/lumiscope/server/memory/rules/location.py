"""Where the user lives, comes from, and moves (a move in the future is a plan)."""

from __future__ import annotations

import re
from collections.abc import Iterator

from lumiscope.server.memory.dates import find_date, message_day, when
from lumiscope.server.memory.lexicon import COUNTRIES, POSSESSIONS
from lumiscope.server.memory.rules.base import (
    ADV,
    ARTICLE,
    BE,
    HAVE,
    I_AM,
    NAME,
    PROPER,
    SELF,
    Context,
    Found,
    Rule,
    is_proper,
    rule,
    subject,
)
from lumiscope.server.memory.text import trim

_FUTURE = re.compile(r"\b(?:next|tomorrow|in\s+(?:a|an|one|two|three|a few|\d+)\s+(?:days?|weeks?|"
                     r"months?))\b", re.I)


def place_name(raw: str) -> str | None:
    """A capitalized place name without a leading "the" (kept for countries: "the UK")."""
    # "Bali for May": the connectors of names ("Centre for X") do not join a month or a day.
    place = trim(re.sub(r"\s+(?:for|of|and|&|upon|on)\s+(?:January|February|March|April|May|"
                        r"June|July|August|September|October|November|December|Monday|Tuesday|"
                        r"Wednesday|Thursday|Friday|Saturday|Sunday|Christmas|Easter)\b.*$", "",
                        raw))
    if not place or not is_proper(place):
        return None
    bare = re.sub(r"^the\s+", "", place, flags=re.I)
    return place if place.lower() in COUNTRIES else bare


def home(place: str, confidence: float = 0.9) -> Found:
    """The user lives in ``place``: a country or (anything else) a city."""
    subject = "home_country" if place.lower() in COUNTRIES else "home_city"
    return Found("location", subject, place, f"Lives in {place}", confidence)


def _lives(match: re.Match[str], ctx: Context) -> Iterator[Found]:
    place = place_name(match.group(1))
    if place:
        yield home(place)


def _lives_participle(match: re.Match[str], ctx: Context) -> Iterator[Found]:
    # ", living in Manchester" only describes the user in a clause that is about the user.
    if re.match(r"^\W*(?:I|I'm|I am)\b", ctx.clause.text):
        yield from _lives(match, ctx)


def _moved(match: re.Match[str], ctx: Context) -> Iterator[Found]:
    place = place_name(match.group(1))
    if not place:
        return
    if _FUTURE.search(ctx.clause.text[match.end():]):
        return  # "we moved to X next month" means a plan
    yield home(place)


def _moved_from_to(match: re.Match[str], ctx: Context) -> Iterator[Found]:
    old, new = place_name(match.group(1)), place_name(match.group(2))
    if old:
        yield Found("location", "*", old, f"No longer lives in {old}", retract=True)
    if new:
        yield home(new)


def _left_place(match: re.Match[str], ctx: Context) -> Iterator[Found]:
    place = place_name(match.group(1))
    if place:
        yield Found("location", "*", place, f"No longer lives in {place}", retract=True)
        # "i left Anglia Electrical in june": a place left may be the employer.
        yield Found("work", "*", place, f"No longer works at {place}", retract=True)


def _origin(match: re.Match[str], ctx: Context) -> Iterator[Found]:
    place = place_name(match.group(1))
    if place:
        yield Found("location", "origin", place, f"Is from {place}")


def _bought_home(match: re.Match[str], ctx: Context) -> Iterator[Found]:
    place = place_name(match.group(2))
    if re.search(r"\bfor\s+(?:work|(?:his|her|their)\s+(?:job|work))|"
                 r"\brent(?:ing)?\s+(?:it\s+)?out\b", ctx.clause.text, re.I):
        return  # a flat for work, a place to let: not where the user lives
    if match.group(1).lower() in POSSESSIONS["home"] and place:
        yield home(place, 0.75)


def _planned_move(match: re.Match[str], ctx: Context) -> Iterator[Found]:
    place = place_name(match.group(1))
    if not place:
        return
    # "Starting 1 August so we are moving from Soweto to Cape Town": the day may come first.
    ref = find_date(ctx.clause.text[match.end():], ctx.now_ns) or find_date(ctx.message,
                                                                           ctx.now_ns)
    date = f" {when(ref)}" if ref and ref.future else ""
    yield Found("plan", "move", f"{place}{date}", f"Plans to move to {place}{date}", 0.85)


def _moving_house(match: re.Match[str], ctx: Context) -> Iterator[Found]:
    # "moving flat in 3 wks, leith -> portobello": from one place to another, as notes.
    place = match.group(1)
    if place[0].islower() and re.search(r"->|→|=>", ctx.message):
        place = place.title()  # typed as notation: "leith -> portobello"
    place = place_name(place) or ""
    if not place:
        return
    ref = find_date(ctx.clause.text, ctx.now_ns)
    if ref and ref.future:
        yield Found("plan", "move", f"{place} {when(ref)}", f"Plans to move to {place} {when(ref)}",
                    0.8)
    elif not ref:
        yield home(place, 0.8)


def _lives_there(match: re.Match[str], ctx: Context) -> Iterator[Found]:
    # "renting a cottage in Cornwall for the summer" is a holiday, not a home.
    rest = ctx.clause.text[match.end():]
    city = re.match(r"\s+in\s+(" + PROPER + ")", rest)
    if city and place_name(city.group(1)):
        # "a two-bed in Kings Heath in Birmingham": the city after the neighbourhood.
        yield home(place_name(city.group(1)) or "")
        return
    if not re.search(r"\bfor\s+(?:the|a|two|three|\d+|a few)\s+(?:\w+\s+)?(?:nights?|days?|"
                     r"weeks?|weekend|summer|holidays?|vacation|month)\b", rest, re.I) and not (
            _FUTURE.search(rest)):
        yield from _lives(match, ctx)


def _commute(match: re.Match[str], ctx: Context) -> Iterator[Found]:
    # "my commute from Salford into town": where the user sets off from every day; the
    # place is home with less certainty than "I live in".
    place = place_name(match.group(1))
    if place:
        yield home(place, 0.7)


_HOME_NOUNS = (r"house|flat|apartment|bungalow|studio|cottage|condo|place|townhouse|"
               r"loft|home|dorm|houseshare|flatshare|(?:one|two|three|four|[1-4])[ -]bed(?:room)?")


_AWAY = re.compile(r"\b(?:trip|holiday|vacation|visit|visiting|staying|stay|hotel|hostel|airbnb|"
                   r"travel\w*|tour\w*|conference|layover|passing through|week in|weekend in|"
                   r"honeymoon|flew|flying)\b", re.I)


def _here_in(match: re.Match[str], ctx: Context) -> Iterator[Found]:
    # "a rescue here in Galway", "the water company here in Curitiba": where the user is
    # every day, unless the message is about a trip.
    place = place_name(match.group(1))
    if place and not _AWAY.search(ctx.message or ctx.clause.text):
        yield home(place, 0.75)


def _where_we_live(match: re.Match[str], ctx: Context) -> Iterator[Found]:
    # "which hospitals are near Lekki? That's where we live.": the place named just before.
    before = ctx.message[:ctx.message.find(ctx.clause.text)] if ctx.clause.text in ctx.message \
        else ""
    named = re.findall(r"\b(?:in|near|around|at|to|from)\s+(" + PROPER + ")", before)
    place = place_name(named[-1]) if named else None
    if place:
        yield home(place, 0.8)


# "I'm in Paris this week", "I'm in Year 10", "I'm in Marketing": not where the user lives.
_PASSING = re.compile(r"\b(?:this|next|last)\s+(?:week|weekend|month)|\btoday\b|\btonight\b|"
                      r"\bfor\s+(?:work|a|the|\d|two|three|business)\b|\buntil\b|\btill\b|"
                      r"\bat the moment\b|\bright now\b|\bon (?:holiday|vacation|business)\b", re.I)
_NOT_TOWNS = re.compile(r"^(?:Year|Grade|Class|Room|Zone|Group|Team|Section|Level|Stage|Phase|Week|"
                        r"Term|Semester|Marketing|Sales|HR|Finance|IT|Engineering|Accounts|"
                        r"Operations|Legal|Support|Research|Love|Hell|Heaven|Trouble)\b")


def _in_place(match: re.Match[str], ctx: Context) -> Iterator[Found]:
    # "i'm in Portland Maine so...", "We are in Denver now, in a condo": where the user is,
    # read as home (less surely than "I live in") unless the clause says it is passing.
    place = place_name(match.group(1))
    rest = ctx.clause.text[match.end():]
    if place and not _NOT_TOWNS.match(place) and not _PASSING.search(rest) and not _AWAY.search(
            ctx.message or ctx.clause.text):
        yield home(place, 0.65)


def _transfer(match: re.Match[str], ctx: Context) -> Iterator[Found]:
    # "From 1 October I transfer to Osaka office": the user's work, and so home, moves there.
    place = place_name(match.group(1))
    if not place:
        return
    ref = find_date(ctx.clause.text, ctx.now_ns)
    if ref and ref.future and ref.iso > message_day(ctx.now_ns).isoformat():
        # Not yet: a planned move, which leaves the user living there once its day passes.
        yield Found("plan", "move", f"{place} {when(ref)}", f"Plans to move to {place} "
                    f"{when(ref)}", 0.8)
        return
    yield Found("location", "work_city", place, f"Works in {place}", 0.8)
    yield home(place, 0.7)


def _moved_with_transfer(match: re.Match[str], ctx: Context) -> Iterator[Found]:
    # "Kamau got transferred to their Kisumu office so we moved": the move goes where the
    # transfer went.
    place = place_name(match.group(1))
    moved = re.search(r"\b(?:we|I)(?:'ve| have)?\s+(?:just\s+)?(?:moved|relocated)\b(?!\s+to\b)",
                      ctx.message)
    if place and moved:
        yield home(place, 0.75)


def _works_there(match: re.Match[str], ctx: Context) -> Iterator[Found]:
    # "accepted a postdoc at Dalhousie in Halifax, starting in September": a start date does
    # not make the place a trip.
    place = place_name(match.group(1))
    if place:
        yield Found("location", "work_city", place, f"Works in {place}", 0.75)


def _works_in(match: re.Match[str], ctx: Context) -> Iterator[Found]:
    # "I teach year 4 at a primary school in Leeds": where the user works, not a trip.
    place = place_name(match.group(1))
    if place and not find_date(ctx.clause.text[match.start():], ctx.now_ns):
        yield Found("location", "work_city", place, f"Works in {place}", 0.75)


RULES: tuple[Rule, ...] = (
    rule(SELF + r"\s+(?:work|teach|lecture|nurse|practi[cs]e)\b[^,;.!?]*?\s+(?:at|for)\s+"
         r"[^,;.!?]*?\bin\s+(" + PROPER + ")", _works_in, stateful=True),
    rule(subject(HAVE) + r"\s+(?:accepted|got|taken|took|landed)\s+(?:an?\s+|the\s+)?(?:[\w-]+\s+)"
         r"{0,3}?(?:offer|job|position|role|post|postdoc|fellowship|residency|placement)\s+(?:from|at|"
         r"with)\s+[^,;.!?]*?\bin\s+(" + PROPER + ")", _works_there),
    # "I own Pruitt's Pie Shop over in Opelika": where the user's business is.
    rule(SELF + r"\s+(?:own|run|co-own|manage)\s+[^,;.!?]*?\b(?:shop|bakery|caf[eé]|restaurant|"
         r"salon|studio|store|bar|pub|clinic|practice|farm|garage|diner)\s+(?:(?:over|out|up|down)\s+)?"
         r"in\s+("
         + PROPER + ")", _works_there),
    # "we rent in Salford now 4 years".
    rule(SELF + r"(?:'re| are)?\s+(?:rent|renting)\s+in\s+(" + PROPER + ")", _lives, stateful=True),
    rule(SELF + r"\s+(?:live|reside)\s+(?:(?:on my own|alone|by myself|with [^,;.!?]{1,30}?|up|"
         r"down|out|over)\s+)?(?:in|on)\s+(" + PROPER + ")", _lives, stateful=True),
    # "I have lived on my own in Harrogate since...": present perfect, still true.
    rule(r"\b(?:I|we)(?:(?:'ve| have)" + ADV + r"\s+lived|(?:'ve| have)?" + ADV
         + r"\s+been living)\s+(?:(?:on my own|alone|"
         r"by myself|with [^,;.!?]{1,30}?)\s+)?in\s+(" + PROPER + ")", _lives),
    # "I'm now in a little bungalow in York", "we rent a flat in Leeds".
    rule(r"(?:" + I_AM + r"\s+(?:now\s+|living\s+)?in|" + subject(BE + "|" + HAVE)
         + r"\s+(?:renting|rent|moved into|signed a lease (?:on|for)))\s+(?:a|an|our|my|the)\s+"
         r"(?:[\w-]+\s+){0,3}?(?:" + _HOME_NOUNS + r")\s+in\s+(" + PROPER + ")", _lives_there),
    # "we've moved! Out of the flat in Galway city to a little house in Oranmore".
    rule(r"(?:\bmoved\b[^.!?]*?|^\W*out of\b[^.!?]*?)\bto\s+(?:a|an|our|my|the)\s+(?:[\w-]+\s+)"
         r"{0,3}?(?:" + _HOME_NOUNS + r")\s+in\s+(" + PROPER + ")", _lives_there),
    rule(r"\bhere\s+in\s+(" + PROPER + ")", _here_in),
    rule(r"^\W*(?:(?:and|so|yes|yeah)\W+)?(?:that's|thats|that is|which is)\s+where\s+(?:I|we)\s+"
         r"(?:live|stay|are based)\b", _where_we_live),
    # "New address is 7 Farleigh Road, Basingstoke.", "House is a 1962 bungalow in Dartmouth NS".
    rule(r"(?:^\W*(?:(?:the|and|so|ok)\s+)?|\b(?:my|our)\s+)(?:new\s+)?(?:home\s+)?address\s+is\s+"
         r"[^,;.!?]{3,40},\s*(" + PROPER + ")", _lives),
    rule(r"^\W*(?:(?:the|our|my)\s+)?(?:house|home|place)\s+is\s+an?\s+(?:[\w-]+\s+){0,3}?(?:"
         + _HOME_NOUNS + r")\s+in\s+(" + PROPER + ")", _lives),
    rule(subject(HAVE) + r"\s+moved\s+(?:back\s+)?in\s+with\s+(?:my|our)\s+[\w'-]+\s+in\s+("
         + PROPER + ")", _lives),
    # "im a truck driver long haul out of joplin missouri", "we're based out of Leeds".
    rule(r"\b(?:based|haul|hauling|driving|drive|work|working|operate|operating|trucking)\s+out\s+of\s+("
         + PROPER + ")", _lives),
    # "got my own place finally. studio in evanston": a home named as a fragment.
    rule(r"^\W*(?:(?:a|an|my|our|new)\s+)*(?:[\w-]+\s+)?(?:" + _HOME_NOUNS + r")\s+in\s+(" + PROPER
         + r")\W*$", _lives_there),
    rule(I_AM + r"\s+(?:now\s+)?in\s+(" + PROPER + ")", _in_place),
    # "my company transfer me to Lagos last month": the employer moved the user's work.
    rule(r"\b(?:company|work|job|employer|bank|firm|boss)\s+(?:has\s+|have\s+|is\s+)?(?:transfer|"
         r"transferred|transferring|relocated|relocating|posted|moved)\s+me\s+to\s+(" + PROPER
         + r")(?!\s+(?:office|branch|site|base|campus|store|hospital)\b)", _transfer),
    rule(r"\btransferred\s+to\s+(?:their|the|a|our|his|her|my)\s+(" + PROPER + r")\s+(?:office|"
         r"branch|site|base|team|hospital|store|campus)\b", _moved_with_transfer),
    rule(r"(?:" + SELF + r"(?:'m|\s+am|\s+will|'ll)?\s+(?:being\s+)?(?:transfer|transferring|"
         r"transferred|relocating)|\b(?:transferring|transfer|transferred)\s+me)\s+to\s+"
         r"(?:the\s+|our\s+)?(" + PROPER
         + r")\s+(?:office|branch|site|base|campus|store|hospital)\b", _transfer),
    rule(r"\b(?:moving|moved)\s+(?:flat|flats|house|houses|home|apartment|place)\b[^.;!?]*?(?:,|\bfrom)"
         r"\s*[A-Za-z]+\s+to\s+(" + PROPER + r"|(?-i:[a-z][a-z'-]{2,}))\b", _moving_house),
    rule(r"^\W*(?:city|home|location|based)\s*[:=]\s*(" + PROPER + ")", _lives),
    rule(subject(HAVE) + r"\s+(?:settled|settling)\s+(?:down\s+)?in\s+(" + PROPER + ")", _lives),
    rule(r"\bmy\s+(?:daily\s+|morning\s+)?commute\s+from\s+(" + PROPER + ")", _commute),
    # "my flat in Camden is tiny": the user's own home, somewhere.
    rule(r"\b(?:my|our)\s+(?!(?:holiday|summer|vacation|second|weekend|old|previous|former|"
         r"childhood|family|parents'?|future|dream|hotel)\b)(?:[\w-]+\s+){0,2}?(?:" + _HOME_NOUNS
         + r"|room|bedsit)\s+in\s+(" + PROPER + ")", _commute),
    # "I've been in Berlin for 3 years" (a week there is a trip).
    rule(r"\b(?:I|we)(?:'ve| have)?" + ADV + r"\s+been\s+(?:living\s+|based\s+)?in\s+(" + PROPER
         + r")\s+(?:(?:for\s+)?(?:[\w-]+\s+){0,2}?(?:years?|yrs?|months?|mos|decades?)|since)\b",
         _lives),
    rule(I_AM + r"\s+(?:living|based|located|settled)\s+in\s+(" + PROPER + ")", _lives,
         stateful=True),
    rule(r"(?:,|\band|\b(?!I\b)\w+)\s+(?:currently\s+)?(?:living|based)\s+in\s+(" + PROPER + ")",
         _lives_participle),
    rule(r"\b(?:home is|I call)\s+(" + PROPER + r")(?:\s+home)?\b", _lives),
    # "still in edinburgh tho": after a change (a new job), the user stayed where they live.
    rule(I_AM + r"\s+still\s+(?:living\s+(?:with\s+my\s+\w+\s+)?|based\s+)?in\s+(" + PROPER
         + r")(?=\s*(?:$|[,.!;]|and\b|"
         r"tho\b|though\b|for now\b|lol\b))", _lives),
    rule(subject(HAVE) + r"\s+(?:moved|relocated|moved back|shifted)\s+"
         r"(?:over\s+|down\s+|up\s+|out\s+|back\s+)?to\s+(" + PROPER + ")",
         _moved),
    rule(subject(HAVE) + r"\s+(?:moved|relocated)\s+from\s+(" + PROPER + r")\s+to\s+("
         + PROPER + ")", _moved_from_to),
    rule(subject(HAVE) + r"\s+(?:moved (?:away )?from|moved out of|left)\s+(" + PROPER
         + r")(?!\s+to\b)", _left_place),
    rule(I_AM + r"\s+(?:originally\s+)?from\s+(" + PROPER + ")", _origin),
    rule(r"\b(?:I'm|I am)\s+" + NAME + r",\s*\d{1,3},\s*(?:from|in)\s+(" + PROPER + ")", _origin),
    # "my mom is flying into Kamloops from Moncton": family come to where the user lives.
    rule(r"\bmy\s+(?:mom|mum|mam|dad|parents|sister|brother|in-laws|family)\s+(?:is|are)\s+"
         r"(?:flying|coming|driving|travell?ing)\s+(?:in)?to\s+(" + PROPER
         + r")\s+(?:from|to see|to visit|for)\b", _commute),
    rule(SELF + r"\s+(?:grew up|was born and raised|was raised|was born)\s+in\s+(" + PROPER + ")",
         _origin),
    # "we bought a house in Hamilton", "me n my partner got a little house in Maroochydore".
    rule(r"(?:" + subject(HAVE) + r"|\bmy\s+\w+(?:\s+[\w'-]+)?\s+and\s+I|\bme\s+and\s+my\s+\w+"
         r"(?:\s+[\w'-]+)?|^\W*my\s+(?:partner|wife|husband|fianc[ée]e?)(?:\s+(?-i:[\w'-]+))?)\s+"
         r"(?:bought|purchased|own|got|found)\s+" + ARTICLE
         + r"\s+(?:(?:new|first|little|small|tiny|lovely|own)\s+)*(\w+)\s+"
         r"(?:(?:out|up|down|over)\s+)?in\s+(" + PROPER + ")", _bought_home),
    # "a lovely farm shop near us in Leeds".
    rule(r"\bnear\s+(?:us|me|where (?:I|we) live|our (?:place|house|flat))\s+(?:here\s+)?in\s+("
         + PROPER + ")", _lives),
    rule(I_AM + r"\s+(?:moving|relocating)\s+(?:back\s+|over\s+|down\s+|up\s+|out\s+|from\s+\w+\s+|"
         r"(?-i:[a-z]{2,4})\s+)?to\s+(" + PROPER + ")", _planned_move),
    rule(I_AM + r"\s+moving\s+(?:out\s+of\s+[^,;.!?]{1,40}?\s+)?(?:in)?to\s+(?:a|an|the|our|my)\s+"
         r"(?:new\s+|bigger\s+|smaller\s+)?(?:flat|house|apartment|place|home|room)\s+in\s+("
         + PROPER + ")", _planned_move),
    rule(SELF + r"\s+(?:will|'ll|plan to|am going to|'m going to|are going to)\s+"
         r"(?:be\s+)?(?:move|moving|relocate|relocating)\s+to\s+(" + PROPER + ")",
         _planned_move, allow_modal=True),
)
