"""How users introduce themselves in chat: "I'm Maria", "tariq here", "Rohan, 29, backend
dev in bangalore", or a bare fragment such as "Freelance graphic designer based in Montreal."

A name typed in lower case after "I'm" ("im kofi") is only taken when the assistant's reply
confirms it with a capital ("Hey Kofi!"): "I'm tired" has the same shape.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from lumiscope.server.memory.lexicon import JOBS, NATIONALITIES, NOT_NAMES, word_set
from lumiscope.server.memory.rules.base import (
    NAME,
    PROPER,
    Context,
    Found,
    Rule,
    article,
    rule,
    typed_in_lower_case,
)
from lumiscope.server.memory.rules.identity import name_fact
from lumiscope.server.memory.rules.jobs import employer, job_title, org_name
from lumiscope.server.memory.rules.kinship import relative
from lumiscope.server.memory.rules.location import home, place_name
from lumiscope.server.memory.text import trim

_GREETING = (r"^\W*(?:(?:hi+|hey+|hello|yo|hiya|howdy|good (?:morning|afternoon|evening)|morning|"
             r"fwiw|btw|tbh|anyway|also|quick intro|(?:permit|allow|let) me(?: to)? (?:present|"
             r"introduce) myself)"
             r"(?:\s+there)?\W+)*")
# Only a greeting before "it's": "hey its tomas" introduces, "its raining" does not.
_HELLO = (r"^\W*(?:hi+|hey+|hello|yo|hiya|howdy)(?:\s+(?:again|there|all))?\W+(?:(?:it's|its|"
          r"this is)\s+)")
_HELLO_ALONE = (r"^\W*(?:hi+|hey+|hello|yo|hiya|howdy|good (?:morning|afternoon|evening)|morning)"
                r"(?:\s+(?:again|there|all))?\s*,")
# Lower-case words that are no name even when they start a message: "me here", "all good".
_COMMON = word_set("""
me, you, we, they, it, someone, anyone, everyone, nobody, somebody, everybody, all, back, who,
what, this, that, there, here, right, up, down, stuck, lost, new, sitting, everything, nothing,
bit, tired, done, hungry, ready, sure, fine, good, ok, okay, great, confused, curious, home,
away, gone, lol, haha, hmm, yes, yeah, no, nope, thanks, sorry, please, hi, hey, hello, so,
well, also, just, still, not, now, then, really, very, totally, going, trying, looking, new,
old, late, early, busy, free, sick, ill, better, worse, alive, awake, asleep, bored, excited,
happy, sad, glad, scared, afraid, worried, nervous, stressed, exhausted, broke, single, there,
help, please, anyway, whatever, cool, later, ugh, sigh, yep, nope, bye, night, cheers, xx, xo,
gg, gl, hf, wp, ez, brb, afk, lmao, lmfao, rofl, omg, idk, ikr, smh, fr, ngl, tbh, imo,
of, in, on, at, to, from, over, near, around, out, up, the, a, an, and, or, but, for, with
""")


def is_known_word(word: str) -> bool:
    """A word that follows "I'm" or starts a message without being a name."""
    lowered = word.lower()
    return lowered in NOT_NAMES or lowered in NATIONALITIES or lowered in JOBS or lowered in (
        _COMMON | {"update", "btw", "quick", "real", "intro", "note"})


def confirmed(name: str, reply: str) -> bool:
    """Whether the assistant's ``reply`` writes ``name`` with a capital inside a sentence
    ("Hey Kofi!", "Not dumb at all, Nate."), not as the word that starts one."""
    for match in re.finditer(r"\b" + re.escape(name.capitalize()) + r"\b", reply):
        before = reply[:match.start()].rstrip()
        if before and before[-1] not in ".!?\"'":
            return True
    return False


def _introduced_name(match: re.Match[str], ctx: Context) -> Iterator[Found]:
    # "I'm Maria" names the user only as an introduction: at the start of the clause, and
    # not followed by more words ("I'm Maria's mum", "I'm Spanish and...").
    if ctx.clause.text[:match.start()].strip(" ,!-"):
        return
    rest = ctx.clause.text[match.end():].strip()
    if rest and not re.match(r"^(?:[,.!;(]|and\b|from\b|here\b|by the way\b|btw\b|lol\b)",
                             rest):
        return
    name = match.group(1)
    if name[0].islower() and (is_known_word(name) or not confirmed(name, ctx.reply)):
        return
    yield from name_fact(name[0].upper() + name[1:], 0.8)


def _its_name(match: re.Match[str], ctx: Context) -> Iterator[Found]:
    # "hey its tomas.", "marisol btw 🙂": a lone word after a greeting or before "btw" is a
    # name unless it is a known word; typed in lower case, "btw" also needs the reply's word.
    name = match.group(1) or match.group(2)
    if is_known_word(name) or re.search(r"(?:ing|ed|ly)$", name):
        return
    if match.group(2) and name[0].islower() and not confirmed(name, ctx.reply):
        return
    yield from name_fact(name[0].upper() + name[1:], 0.8)


def _greeted_its(match: re.Match[str], ctx: Context) -> Iterator[Found]:
    # "Hi again, it's Sarah.": the greeting and the name fell into two clauses.
    name = match.group(1)
    if re.match(_HELLO_ALONE, ctx.message, re.I) and not is_known_word(name) and (
            name[0].isupper() or typed_in_lower_case(ctx.message)):
        yield from name_fact(name[0].upper() + name[1:], 0.8)


def _this_is(match: re.Match[str], ctx: Context) -> Iterator[Found]:
    # "okay so um this is darnell im driving", "hey its me darnell again": who is talking.
    name = match.group(1) or match.group(2)
    if is_known_word(name) or re.search(r"(?:ing|ed|ly)$", name):
        return
    if name[0].islower() and not (typed_in_lower_case(ctx.message) or confirmed(name, ctx.reply)):
        return
    yield from name_fact(name[0].upper() + name[1:], 0.8)


def _again(match: re.Match[str], ctx: Context) -> Iterator[Found]:
    # "Bron again.", "dan again. 2:40am.": a returning user opens with their name.
    name = match.group(1)
    if not ctx.message.lstrip().lower().startswith(name.lower()) or is_known_word(name):
        return
    if name[0].isupper() or typed_in_lower_case(ctx.message):
        yield from name_fact(name[0].upper() + name[1:], 0.8)


def _lower_sign_off(match: re.Match[str], ctx: Context) -> Iterator[Found]:
    # "thanks. sorry for the mess of messages. dan": a lone last word after a closing.
    name = match.group(1)
    closing = re.search(r"\b(?:thanks|thank you|thx|ty|sorry|cheers|bye|night|ok|okay)\b.*"
                        r"[.!?\n]\s*" + re.escape(name) + r"\W*$", ctx.message, re.I | re.S)
    if closing and typed_in_lower_case(ctx.message) and not is_known_word(name):
        yield from name_fact(name.capitalize(), 0.8)


def _name_here(match: re.Match[str], ctx: Context) -> Iterator[Found]:
    name = match.group(1)
    if not any(is_known_word(word) or word.startswith("I'") for word in name.split()):
        yield from name_fact(name[0].upper() + name[1:], 0.8)


_AGE_SEGMENT = re.compile(r"^(\d{2}|(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)"
                          r"(?:-(?:one|two|three|four|five|six|seven|eight|nine))?)(?:\s*(?:yo|y/o|"
                          r"years old|years young|years of age|yrs old|[fm]|/[fm]))?$", re.I)
_TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
         "eighty": 80, "ninety": 90}
_UNITS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
          "nine": 9}


def _years(said: str) -> int:
    """ "73" or "seventy-three" as a number."""
    if said.isdigit():
        return int(said)
    tens, _, unit = said.lower().partition("-")
    return _TENS[tens] + _UNITS.get(unit, 0)


_FROM = re.compile(r"\s*(?:originally\s+)?\bfrom\s+(" + PROPER + r")(?:\s+originally)?$")
_LOWER_PLACE = re.compile(r"\bin\s+(?-i:([a-z][a-z'-]{2,}))$")


_SAYS = re.compile(r"\b(?:says|said|thinks|reckons|told|wants|is|was|are|were)\b|"
                   r"\b\w+ed\s+me\b|^\w+\s+\w+\s+(?:me|my)\b", re.I)


def _intro(match: re.Match[str], ctx: Context) -> Iterator[Found]:
    """ "I'm grace, 67, retired teacher from Glasgow", "19, doing comp sci at UCL": a
    comma-separated introduction. A first segment is taken as the name (even in lower case)
    only when another segment reads as an age, a job, a school or an origin."""
    segments = [s.strip() for s in match.group(1).split(",") if s.strip()]
    if segments and segments[0].endswith(" here"):
        segments[0] = segments[0][:-5]  # "Kwame here, maths teacher in Accra"
    # "Permit me to present myself: Bernard Lefèvre, seventy-three years old, ...".
    presented = re.search(r"(?:present|introduce) myself\W*$", ctx.clause.text[:match.start(1)],
                          re.I) and re.fullmatch(NAME, segments[0] if segments else "")
    longest = 14 if presented else 8
    if any(len(segment.split()) > longest or _SAYS.search(segment) for segment in segments):
        return  # a sentence with commas ("physio says runners knee, ..."), not an introduction
    found: list[Found] = []
    for segment in segments:
        found.extend(_segment(segment))
        if segment is segments[0] and " " in segment and not found and not presented:
            return  # "The patient, 45, teacher from Leeds": the first part is not the user
    introduced = re.match(r"^\W*(?:I'm|I am)\s", match.group(0))
    if all(f.subject == "age" for f in found) and not introduced:
        return  # "ok, 50, that's the number": a lone number is no introduction
    first = segments[0] if segments else ""
    if presented:
        found[:0] = name_fact(first, 0.85)
    elif found and re.fullmatch(r"[^\W\d_][\w'-]{1,20}", first) and not is_known_word(first):
        found[:0] = name_fact(first[0].upper() + first[1:], 0.8)
    yield from found


def _segment(segment: str) -> list[Found]:
    origin = _FROM.search(segment)
    place = place_name(origin.group(1)) if origin else None
    rest = segment[:origin.start()] if origin else segment
    bare = not re.sub(r"\boriginally\b|\W", "", rest)
    found = [] if bare else _described(rest)
    # "ten minutes from Susan" is a distance, not where the user comes from.
    if place and (found or bare):
        found.insert(0, Found("location", "origin", place, f"Is from {place}"))
    return found


def _described(segment: str) -> list[Found]:
    found: list[Found] = []
    segment = re.sub(r"^(?:now|currently|still)\s+", "", segment, flags=re.I)
    # "Now volunteer at the Timaru food bank": volunteering, beside whatever job there is.
    volunteer = re.match(r"^(?:a\s+)?volunteer(?:ing)?\s+(?:at|with|for)\s+(?:the\s+|a\s+)?"
                         r"([\w'&. -]{3,40})$", segment, re.I)
    if volunteer:
        where = trim(volunteer.group(1))
        return [Found("work", "volunteer", f"volunteer at {where}", f"Volunteers at {where}",
                      0.8)]
    # "household: me, husband Dev, daughter Maya (7)": the user's people, named.
    kin = re.match(r"^(?:my\s+)?([a-z]+)\s+(" + NAME + r")(?:\s*\(\d{1,2}\))?$", segment, re.I)
    if kin and kin.group(2)[0].isupper():
        found_kin = relative(kin.group(1), kin.group(2), 0.85)
        if found_kin:
            return [found_kin]
    age = _AGE_SEGMENT.match(segment)
    if age and 13 <= _years(age.group(1)) <= 99:
        years = str(_years(age.group(1)))
        return [Found("identity", "age", years, f"Is {years} years old", 0.8)]
    studying = re.match(r"^(?:doing|studying|student of)\s+([\w -]{2,30}?)\s+at\s+(" + PROPER
                        + r")$", segment, re.I)
    if studying and org_name(studying.group(2)):
        school = org_name(studying.group(2)) or ""
        return [Found("work", "field", studying.group(1), f"Studies {studying.group(1)}"),
                Found("work", "school", school, f"Studies at {school}")]
    living = re.match(r"^(?:(?:I\s+)?live|living|based|been(?:\s+living)?)\s+in\s+(" + PROPER
                      + r")(?:\s+with\s+.*|\s+(?:for\s+)?\d+\s+(?:years?|yrs?|months?)"
                      r"(?:\s+now)?)?$",
                      segment, re.I)
    if living and place_name(living.group(1)):
        return [home(place_name(living.group(1)) or "")]
    retired = re.match(r"^retired\b\s*(.*)$", segment, re.I)
    if retired:
        words = retired.group(1).split()
        # "retired CN Rail conductor": the employer may come before the title.
        former = next((title for n in range(len(words)) if (title := job_title(
            " ".join(words[n:]), need_known_head=True))), None)
        text = f"Is retired (formerly {former})" if former else "Is retired"
        return [Found("work", "job_title", f"retired {former}" if former else "retired", text,
                      0.85)]
    title = job_title(re.sub(r"^an?\s+", "", segment, flags=re.I), need_known_head=True)
    if title and re.search(re.escape(title) + r"\s+emerit(?:us|a)\b", segment, re.I):
        title += " emeritus"  # "professor emeritus of medieval literature"
    if title:
        found.append(Found("work", "job_title", title, f"Works as {article(title)} {title}", 0.8))
        located = re.search(r"\bin\s+(" + PROPER + ")$", segment)
        lower = _LOWER_PLACE.search(segment)
        if located and place_name(located.group(1)):
            found.append(home(place_name(located.group(1)) or "", 0.7))
            segment = segment[:located.start()].rstrip()
        elif lower and lower.group(1) not in _COMMON and not is_known_word(lower.group(1)):
            found.append(home(lower.group(1).capitalize(), 0.7))  # "backend dev in bangalore"
        at = re.search(r"\bat\s+(" + PROPER + ")$", segment)
        lower_at = re.search(r"\bat\s+(?-i:([a-z][a-z&'-]{2,}))$", segment)
        if at and org_name(at.group(1)):
            found.append(employer(org_name(at.group(1)) or "", title))
        elif lower_at and not is_known_word(lower_at.group(1)):
            # "mechanical engineer at boeing", "phd student in neuroscience at ucsd"
            found.append(employer(lower_at.group(1).capitalize(), title))
    return found


def _fragment_job(match: re.Match[str], ctx: Context) -> Iterator[Found]:
    """ "Freelance graphic designer based in Montreal.": a sentence that is only a job title
    (and where or for whom) describes the user."""
    phrase = match.group(1)
    title = job_title(phrase, need_known_head=True)
    if not title or title.lower() != phrase.lower():
        return
    if " " not in title and re.sub(r"\W", "", ctx.message) != re.sub(r"\W", "", match.group(0)) \
            and not re.search(r"\bhere\b", match.group(0), re.I):
        return  # "いしゃ. doctor. i work with like 5 of them": a word, not who the user is
    if re.match(r"^\W*(?:hi+|hey+|hello|yo|hiya|morning|thanks|thank you)\W+\w+\W*$",
                match.group(0), re.I) or (" " not in title
                                          and ctx.clause.text.rstrip().endswith("!")):
        return  # "hey coach.", "Coach!! I signed up...": the assistant addressed by its role
    yield Found("work", "job_title", title, f"Works as {article(title)} {title}", 0.8)
    place = place_name(match.group(2) or match.group(3) or "")
    if place:
        yield home(place, 0.75)
    org = org_name(match.group(4) or "")
    if org:
        yield employer(org, title)


RULES: tuple[Rule, ...] = (
    rule(_GREETING + r"(?:[\w' ]{1,20}:\s*)?"
         r"(?:(?:I'm|I am|this is|me)\s+)?([^.;!?:]*,[^.;!?]*)[.!?]*$", _intro),
    rule(_GREETING + r"(" + NAME + r"|(?-i:[a-z][a-z'-]{1,20}))\s+here\b", _name_here),
    rule(r"^\W*(" + NAME + r"|(?-i:[a-z][a-z'-]{1,15}))\s+again\b", _again),
    rule(r"^\W*((?-i:[a-z][a-z'-]{1,15}))\W*$", _lower_sign_off),
    rule(r"^\W*(?:(?:hi+|hey+|hello|ok(?:ay)?|so|um+|uh+|alright|yeah|well)\W+)*(?:this is|"
         r"it's me|its me|it is me)\s+(?:(" + NAME + r")(?=\s+(?:again|here|uh|um|and|I|I'm|back|"
         r"from)\b|\W*$|\s*[,.!])|((?-i:[a-z][a-z'-]{1,20}))(?=\s+(?:again|here|uh|um|I|I'm|back|"
         r"from)\b))", _this_is),
    rule(r"^\W*(?:it's|its|it is)\s+(" + NAME + r"|(?-i:[a-z][a-z'-]{1,20}))(?:\s+again|\s+here)?"
         r"\W*$", _greeted_its),
    rule(_HELLO + r"(" + NAME + r"|(?-i:[a-z][a-z'-]{1,20}))(?:\s+again)?\W*$|^\W*(" + NAME
         + r"|(?-i:[a-z][a-z'-]{1,20}))\s+(?:btw|by the way)\W*$", _its_name),
    rule(r"\b(?:I'm|I am)\s+(" + NAME + r"|(?-i:[a-z][a-z'-]{1,20})(?![\w'-]))", _introduced_name),
    # "Freelance graphic designer based in Montreal.", "Year 2 nursing student at NUS here."
    rule(_GREETING + r"(?:(?:still|now|currently)\s+)?(?:an?\s+)?(?:(?:year|yr)\s+\d\s+)?"
         r"([\w'-]+(?:\s+[\w'-]+){0,4}?)(?:\s+(?:based|living)\s+in\s+("
         + PROPER + r")|\s+in\s+(" + PROPER + r")|\s+(?:at|for)\s+(?:an?\s+[\w\s-]{0,40}?\s+"
         r"(?:called|named)\s+)?(" + PROPER + r"))?(?:\s+here)?\s*[.!]*$",
         _fragment_job),
)
