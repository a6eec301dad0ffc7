"""What the user works towards and within: goals, budgets, time, and what they can't do.

A goal must outlive the conversation: "I want to learn Portuguese" is one, "I'm trying to fix
this bug" is not (:data:`TRANSIENT_GOALS`).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from lumiscope.server.memory.dates import find_date
from lumiscope.server.memory.rules.base import (
    HAVE,
    I_AM,
    PHRASE,
    SELF,
    Context,
    Found,
    Rule,
    article,
    clean,
    rule,
    subject,
)

# What someone wants done in this conversation, not a goal: "trying to fix the build".
TRANSIENT_GOALS = re.compile(
    r"^(?:figure|understand|fix|install|decide|remember|find (?:my|the|a way)|get (?:this|it|"
    r"the|my)|write|send|open (?:it|this|that|the|a (?:file|link|tab|window|ticket|pr))|"
    r"make (?:this|it|sure)|convert|reset|log|print|solve|sort|reply|"
    r"answer|explain|work out|see|read|choose|pick|finish (?:this|it|the)|file|add|update|"
    r"change (?:my|the|our)|cancel|order|return|track|claim|report|renew|transfer|pay|"
    r"upgrade|downgrade|check)\b", re.I)
_DURABLE_WANTS = (r"learn|become|lose|gain|run|save|quit|improve|get better at|get (?:back )?"
                  r"(?:in|into) shape|get fit|visit|travel|retire|master|speak|move to|"
                  r"finish my|complete an?|write a book|start my own|open my own|buy a house|"
                  r"buy a home|buy a flat|own a|speciali[sz]e in|qualify as|get into")
_CURRENCIES = (r"dollars|euros|pounds|bucks|quid|cedis|naira|rupees|yen|yuan|rmb|pesos|reais|"
               r"francs|kronor|krona|kroner|zloty|rand|shillings|dirhams|riyals|lira|won|baht|"
               r"ringgit|dong|rubles|hryvnia|forint|lei|€|£|(?-i:[A-Z]{3})")
# "25k", "1.5 lakh": with a thousands word, an amount needs no currency.
MONEY = (r"((?:[$€£¥₹]\s?\d[\d,.]*\s?(?:k|K|million)?)|(?:\d[\d,.]*\s?(?:k|K|million)?\s?(?:"
         + _CURRENCIES + r")\b)|(?:\d[\d,.]*\s?(?:k|K|lakhs?|crores?|grand)\b))")



def goal(value: str, confidence: float = 0.85) -> Found:
    """Something the user is working towards."""
    text = f"Goal: {value}" if value[:1].isdigit() else f"Wants to {value}"  # "100g protein/day"
    return Found("goal", "goal", value, text, confidence)


def _goal(match: re.Match[str], ctx: Context) -> Iterator[Found]:
    # "lose thirty pounds now that im not sitting in a truck": the aim, without its reason.
    value = clean(re.split(r"\s+(?:now that|because|since|so that|so|but|to help|in order to|"
                           r"most of the (?:year|time|week)|near|where|when)\b", match.group(1))[0],
                  10)
    # "My goal is to read 30 books", "I've always wanted to see the fjords" are durable by
    # their words; "trying to read the file" is not.
    stated = re.search(r"\b(?:goal|dream|ambition)\b|\b(?:always|long)\s+(?:wanted|dreamed|"
                       r"dreamt|hoped)\b|\bto\s+become\b",
                       match.group(0), re.I)
    # "trying to keep his roses going" is about someone else's things.
    # "trying to journal a bit in it" points back at something in the conversation.
    if value and (stated or not TRANSIENT_GOALS.match(value)) and not re.search(
            r"\b(?:his|her|their|its|him|them)\b|\b(?:it|this|that)\W*$", value, re.I):
        yield goal(value)


def _wants(match: re.Match[str], ctx: Context) -> Iterator[Found]:
    # "retire by 70 and hand it to him proper": the aim, not what follows from it.
    value = clean(re.split(r"\s+and\s+(?:then\s+)?(?=\w+\s+(?:it|this|that|them|him|her)\b)",
                           match.group(1))[0], 12)
    if value and not re.search(r"\b(?:how|about|more about|this|that|it)\b", value):
        yield goal(value)


def _course_goal(match: re.Match[str], ctx: Context) -> Iterator[Found]:
    value = clean(match.group(1), 10)
    if value:
        yield Found("goal", "goal", value, f"Is going for {article(value)} {value}", 0.85)


def _deadline(match: re.Match[str], ctx: Context) -> Iterator[Found]:
    ref = find_date(ctx.clause.text[match.end() - 4:], ctx.now_ns)
    what = clean(match.group(1), 8)
    if ref and ref.future and what:
        yield Found("plan", "deadline", f"{what} by {ref.iso}", f"Has to {what} by {ref.iso}", 0.8)


def _learning(match: re.Match[str], ctx: Context) -> Iterator[Found]:
    value = clean(match.group(1), 5)
    if value and re.match(r"^(?:become|be an?)\b", value, re.I):
        yield goal(value)  # "studying to become a midwife"
    elif value and not re.match(r"^(?:how|about|that|a lot|so much|more|to be|the hard way|"
                                r"for)\b", value, re.I):
        yield goal(f"learn {value}")


def _accepted(match: re.Match[str], ctx: Context) -> Iterator[Found]:
    value = clean(match.group(1), 7)
    if value:
        yield Found("goal", "program", value, f"Was accepted into the {value}", 0.85)


def _training(match: re.Match[str], ctx: Context) -> Iterator[Found]:
    value = clean(match.group(2), 6)
    if value:
        value = f"{match.group(1).lower()} for {value}"
        yield Found("goal", "goal", value, f"Is {value}", 0.85)


def _aim(match: re.Match[str], ctx: Context) -> Iterator[Found]:
    # "I'm aiming for a sub-3 marathon", "working towards my CPA" ("aiming for Northumberland
    # instead, probably late June" is a dated trip, the plan rules' to read).
    if find_date(ctx.clause.text[match.start(1):], ctx.now_ns):
        return
    value = clean(match.group(1), 8)
    if value and not TRANSIENT_GOALS.match(value) and not re.match(
            r"^(?:it|this|that|the (?:door|exit|bus|train)|lunch|dinner|a walk|a run)\b", value,
            re.I):
        yield Found("goal", "goal", value, f"Is working towards {value}", 0.8)


def _budget_kind(match: re.Match[str], ctx: Context) -> Iterator[Found]:
    value = match.group(1).lower()
    yield Found("constraint", "budget", value, f"Is on a {value}", 0.85)


def _budget(match: re.Match[str], ctx: Context) -> Iterator[Found]:
    amount = (match.group("amount") or match.groupdict().get("top") or "").strip().rstrip(".,")
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
    mode = "remote" if mode.startswith("remote") else "night shift" if mode == "nights" else mode
    yield Found("constraint", "work_mode", mode, "Works remotely" if mode == "remote"
                else f"Works {mode}", 0.8)


def _fear(match: re.Match[str], ctx: Context) -> Iterator[Found]:
    # "I've got no head for heights", "flying terrifies me": what the user avoids.
    value = (match.group(1) or match.group(2)).lower()
    yield Found("constraint", "fear", value, f"Is afraid of {value}", 0.8)


_CAN_VERBS = (r"eat|drink|drive|swim|walk|run|do|lift|climb|sit|travel|fly|work|read|see|hear|"
              r"kneel|bend|jump|carry|cook|have|take|use stairs|stand for long|stand up for long")
RULES: tuple[Rule, ...] = (
    rule(r"(?:\bmy\s+|^\W*(?:(?:so|ok|and|also)\s+)?)(?:main\s+|big\s+|biggest\s+|ultimate\s+|"
         r"long[- ]term\s+|new\s+|business\s+|fitness\s+|career\s+|savings\s+|financial\s+)?"
         r"(?:goal|target|aim|dream|ambition|project)\s+(?:\w+\s+){0,3}?(?:is|was)\s+(?:(?:still|now|"
         r"just|literally|"
         r"basically|honestly|really)\s+)?"
         r"(?:to\s+)?" + PHRASE, _goal),
    # "new goal: sub 2 hour half next year", "What I really want is to get a deposit together".
    rule(r"^\W*(?:(?:so|ok|and|also)\s+)?(?:my\s+)?(?:main\s+|big\s+|next\s+|new\s+)?goal"
         r"(?:\s+for\s+\w+(?:\s+\w+)?|\s+(?:19|20)\d\d)?(?:\s*[:=-]\s*|\s+(?=\d))" + PHRASE, _goal),
    rule(r"\bwhat\s+(?:I|we)\s+(?:really\s+)?(?:want|need|wanna)\s+(?:to\s+)?(?:\w+\s+){0,3}?is\s+"
         r"(?:to\s+)?(?!(?:a|an|the|some|my|your|it|this|that)\b)" + PHRASE,
         _goal, allow_question=True),
    rule(r"\b(?:I|we)(?:'ve|\s+have)?\s+(?:always|long)\s+(?:wanted|dreamed|dreamt|hoped)\s+"
         r"(?:to|of)\s+" + PHRASE, _goal, allow_modal=True),
    rule(I_AM + r"\s+(?:trying|working hard|aiming|hoping|planning)\s+to\s+" + PHRASE, _goal),
    # "long term i want us to be basically self-sufficient in salad and veg".
    rule(r"^\W*(?:(?:so|and|also|but)\W+)?(?:long[- ]term|eventually|ultimately|one day|"
         r"some ?day),?\s+(?:I|we)\s+(?:really\s+)?(?:want|hope|would like|'d like)\s+"
         r"(?:us\s+|to\s+)?(?:to\s+)?" + PHRASE, _goal),
    # "I have been thinking seriously about doing the IBCLC to become a lactation consultant".
    rule(r"\b(?:I'm|I am|I've been|I have been)\s+(?:\w+\s+)?(?:thinking|considering|planning|"
         r"studying|training|working|saving)\b[^.;!?]{0,80}?\bto\s+(become\s+an?\s+[^,;.!?()]+)",
         _goal),
    # "I am writing an undergraduate textbook on electrochemistry": a project of the user's.
    rule(I_AM + r"\s+(?:currently\s+|also\s+|still\s+)?(writing\s+(?:a|an|my)\s+(?:[\w-]+\s+)"
         r"{0,2}?(?:book|novel|textbook|thesis|dissertation|memoir|cookbook|screenplay|"
         r"biography|album|musical)(?:\s+(?:on|about)\s+[^,;.!?()]{2,40})?)", _goal),
    rule(I_AM + r"\s+(?:(?:aiming|pushing|gunning)\s+for|(?:working|aiming)\s+towards?)\s+"
         r"(?:an?\s+|my\s+)?" + PHRASE, _aim),
    rule(SELF + r"\s+(?:want|hope|plan|aim|intend|really want)\s+to\s+((?:" + _DURABLE_WANTS
         + r")\b[^,;.!?()]*)", _wants),
    # Without "to", as learners of English write it: "I want apply British citizenship next
    # year", "i want arrive to 63 kg before summer".
    rule(SELF + r"\s+want\s+((?:apply(?:\s+for)?\s+(?:[\w-]+\s+)?citizenship|"
         r"(?:arrive|get|come)\s+to\s+"
         r"\d+\s?(?:kg|kilos?|lbs?|pounds|stone))\b[^,;.!?()]*)", _wants),
    # "I would like to lose 20 pounds by Christmas": a durable aim, however politely put.
    rule(r"\b(?:I'd|I would)\s+(?:really\s+)?like\s+to\s+((?:" + _DURABLE_WANTS
         + r")\b[^,;.!?()]*)", _wants, allow_modal=True),
    # "i have to pick my dissertation topic by next friday": a deadline is a dated plan.
    rule(SELF + r"\s+(?:have to|need to|must|gotta|got to|'ve got to)\s+((?:submit|finish|pick|"
         r"choose|hand in|send|file|apply|register|book|decide|complete|renew)\b[^,;.!?()]*?)"
         r"\s+by\s+", _deadline),
    rule(r"\b(?:I'm|I am|I've|I have)\s+(?:\w+\s+)?(?:been\s+)?(?:learning|started learning|"
         r"begun learning|studying)\s+(?:to\s+)?" + PHRASE, _learning),
    # "saving for a house" is chat.py's (one goal, not two).
    # "I signed up for a Dutch course", "I'm taking a pottery class": what the course teaches.
    rule(r"(?:" + subject(HAVE) + r"\s+(?:just\s+)?(?:signed up for|enrolled in|started|joined|"
         r"booked)|" + I_AM + r"\s+(?:taking|doing|starting))\s+(?:a|an|my|some)\s+"
         r"(?:(?:online|short|new|free|evening|night|beginners?'?|intro)\s+)?"
         r"(?!(?:crash|refresher|training|first aid|quick)\s)"
         r"((?:[\w-]+\s+){0,2}?[\w-]+)\s+(?:course|class|classes|lessons)\b", _learning),
    # "i signed up for a sports physio diploma", "busy with my application for the postgrad
    # diploma in critical care nursing": a qualification the user is going for.
    rule(r"(?:" + subject(HAVE) + r"\s+(?:just\s+)?(?:signed up for|enrolled (?:in|on)|applied for|"
         r"applied to)|\b(?:my\s+)?application\s+for)\s+(?:a|an|the|my)\s+((?:[\w'-]+\s+){0,3}?"
         r"(?:diploma|degree|masters|master's|mba|phd|doctorate|certificate|apprenticeship)"
         r"(?:\s+in\s+[\w -]{2,40}?)?)(?=\s*(?:[,.;!?(]|$|\bat\b|\bwith\b|\bfrom\b|\bnext\b|"
         r"\bthis\b|\bstarting\b))", _course_goal),
    # "I have been accepted into the Dane County Master Gardener program!"
    rule(subject(HAVE) + r"\s+(?:been\s+|got\s+|just\s+)*(?:accepted|admitted)\s+(?:in)?to\s+"
         r"(?:the|a|an)\s+((?:[\w'&-]+\s+){0,5}?(?:program|programme|course|scheme|apprenticeship|fellowship|"
         r"residency|academy))\b", _accepted),
    rule(I_AM + r"\s+(training|preparing|saving(?: up)?(?=\s+for\s+(?!(?:a|an|my|our|the)\s)))"
         r"\s+for\s+" + PHRASE, _training),
    rule(r"(?:\b(?:my|our)\s+(?:[\w-]+\s+)?|^\W*(?:(?:so|and|also|ok|oh|btw|total)\W+){0,2}|"
         r",\s*)budget"
         r"(?:\s+for\s+(?P<purpose>[^,;.!?]{1,40}?))?(?:'s|\s+is)?\s+(?:still\s+)?(?:like\s+|around\s+|"
         r"about\s+|roughly\s+|only\s+|max(?:imum)?\s+|under\s+|up to\s+)?(?P<amount>"
         + MONEY + ")", _budget),
    # "we upped the reno budget to 55k", "Maximum we want pay is 250k".
    rule(r"\b(?:upped|raised|increased|bumped|cut|lowered|reduced|dropped)\s+(?:the|my|our)\s+"
         r"(?:[\w-]+\s+)?budget\s+(?:up\s+|down\s+)?to\s+(?P<amount>" + MONEY + r")|^\W*(?:the\s+)?"
         r"max(?:imum)?\s+(?:we|I)\s+(?:want|can|could)\s+(?:to\s+)?(?:pay|spend)\s+is\s+"
         r"(?P<top>" + MONEY + ")", _budget),
    rule(subject(HAVE) + r"\s+(?:have|got)\s+a\s+budget\s+of\s+(?:about\s+|around\s+"
         r"|roughly\s+|up to\s+)?(?P<amount>" + MONEY
         + r")(?:\s+for\s+(?P<purpose>[^,;.!?]{1,40}))?",
         _budget),
    rule(SELF + r"\s+(?:can't|cannot|can not)\s+(?:spend|afford)\s+(?:more than|over)\s+(?P<amount>"
         + MONEY + ")", _budget),
    rule(SELF + r"(?:\s+only\s+have|(?:'ve|\s+have)\s+only\s+got|(?:'ve|\s+have)\s+got\s+only|"
         r"\s+have\s+only|(?:'ve|\s+have)\s+only\s+got|\s+only\s+have\s+got|'ve\s+only)\s+"
         + PHRASE, _time),
    # "I can do €30 a month max": a ceiling the user sets on spending.
    rule(SELF + r"\s+can\s+(?:only\s+)?(?:do|spend|afford|manage|stretch to)\s+(?:about\s+|"
         r"around\s+|up to\s+)?(?P<amount>" + MONEY + r"(?:\s*/\s*(?:wk|week|mo|month)|\s+(?:a|per)"
         r"\s+(?:week|month|year))?)\s+(?:max|tops|at most|or less|at the most)\b", _budget),
    # "groceries ~$150/wk", "rent: $1,400/month": a list item of what the user spends.
    rule(r"^\W*(?P<purpose>groceries|grocery budget|food|food budget|rent|budget|spending)"
         r"\s*[:=~-]?\s*(?:~|about\s+|around\s+|max\s+|under\s+)?(?P<amount>" + MONEY
         + r"(?:\s*/\s*(?:wk|week|mo|month|day)|\s+(?:a|per)\s+(?:week|month|day))?)", _budget),
    # "20 min max tho", "weeknights 20 min cooking max", "I have 20 minutes max".
    rule(r"(?:^\W*(?:(?:weeknights|weekdays|weekends|mornings|evenings|usually)\s+)?|"
         + SELF + r"\s+(?:have|got|'ve got)\s+)(\d+\s*(?:min|mins|minutes|hrs?|hours?)"
         r"(?:\s+[a-z]+)?\s+(?:max|tops|at most))\b", _time),
    rule(I_AM + r"\s+on\s+an?\s+((?:really\s+|very\s+|super\s+)?(?:tight|limited|small|strict|"
         r"shoestring|low|fixed)\s+budget)\b", _budget_kind),
    rule(r"\b(?:I|we)\s+(?:can't|cannot|can not|am unable to|'m unable to|am not able to|"
         r"'m not able to|am not allowed to|'m not allowed to)\s+(" + _CAN_VERBS + r")\b"
         + r"([^,;.!?()]*)", _cannot),
    rule(SELF + r"(?:'ve| have)?\s+(?:got\s+)?(?:no head for|a (?:real\s+)?(?:fear|phobia) of|"
         r"a thing about)\s+(heights|flying|needles|water|spiders|snakes|dogs|crowds|driving|"
         r"the dentist|hospitals|lifts|elevators|tunnels|bridges)\b|\b(heights|flying|needles|"
         r"spiders|crowds|driving)\s+(?:terrif(?:y|ies)|scares?|freaks?)\s+me\b", _fear),
    rule(SELF + r"\s+work\s+(remotely|remote|from home|hybrid|part-time|part time|nights|"
         r"night shifts|shifts)\b", _work_mode, stateful=True),
    # "got hired as a developer at X, fully remote": how the job just named is done.
    rule(r"^\W*(?:[\w']+\W+){0,4}?(?:I|I'm|I've|we|we're)\b[^.;!?]*?,\s*(?:fully|mostly|"
         r"completely|100%|all|now)\s+(remote|hybrid)\b", _work_mode),
)
