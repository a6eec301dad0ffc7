"""The last reading of a clause: a plain statement about the user that no rule understood.

The rules know a fact by its shape ("I live in X", "my wife Y"); chat says the same things
in more ways than patterns can list ("honestly im not a morning person", "doing catering
full time from home now", "someday i wanna publish a cookbook"). A first-person clause in
which no rule read anything is kept as it stands when it is a statement (not a question,
hypothetical, hedge, request or someone else's words), when it is about the user rather than
the moment ("tonight", "just ate"), and when a cue word says which kind of fact it is. The
value is the statement itself in a few words, so what matters in it is served even though
nothing parsed it; it is learned with a lower confidence than a rule's reading, under the
subject ``statement``, which accumulates and so never supersedes a rule's fact.
"""

from __future__ import annotations

import re

from lumiscope.server.memory.lexicon import CONDITIONS, MEDICATIONS, word_set
from lumiscope.server.memory.rules.base import Context, Found, clean
from lumiscope.server.memory.rules.goals import TRANSIENT_GOALS
from lumiscope.server.memory.text import CONDITION_NAMES, blocked

# Words that may open a clause before its subject: "honestly im...", "big change: sold...".
_LEAD = re.compile(
    r"^\W*(?:[\w' ]{1,25}:\s*)?(?:(?:honestly|so|also|and|but|ok|okay|oh|well|btw|fwiw|tbh|"
    r"plus|lol|update|anyway|actually|yeah|yes|fun fact|for context|fyi|ps|though|"
    r"at the moment|these days|nowadays|lately|long[- ]term|longer term|eventually|tho|"
    r"though)\W+)*", re.I)
# "someday i wanna...", "kenji here, cs sophomore...": a word or two may come first.
_SUBJECT = re.compile(r"(?:[\w']+\s+){0,2}?\b(I'm|I am|I've|I have|I|we're|we are|we've|we|my|"
                      r"our)\b", re.I)
# "my back is killing me" is the user's; "my roommate is obsessed w league" someone else's.
_OWN = word_set("""
back, knee, knees, neck, shoulder, shoulders, hip, hips, ankle, wrist, foot, feet, leg, legs,
eyes, eyesight, hearing, skin, stomach, gut, heart, teeth, joints, spine, blood pressure,
cholesterol, diet, budget, schedule, shifts, salary, income, goal, dream, plan
""")
_AUXILIARY = re.compile(r"^(?:'m|am|'re|are|'ve|have)\s+", re.I)
_OTHERS = re.compile(r"\b(?:you|your|u|ur|yours|he|she|they|him|her|his|their|them)\b", re.I)
# What the user asks for or is doing in the conversation, not a fact about them.
_REQUEST = re.compile(
    r"^(?:need|want (?:a|an|some|the|to know|to ask|to see|you|help)|wanna know|looking(?! to)|"
    r"was wondering|wonder|(?:have|got) (?:a|an|two|some|a few|a quick|one more) "
    r"(?:\w+\s+)?questions?|hope you|hope this|guess|think|mean|meant|feel like|forgot|"
    r"just|was|were|did|had|know|understand|remember|reali[sz]e|see|love the|like the|"
    r"hate the|'ll|ll|will)\b", re.I)
_WANT = re.compile(r"\b(?:want to|wanna|trying to|try to|hoping to|hope to|aim to|aiming to|"
                   r"looking to|plan to|planning to|determined to|decided to)\s+(.*)$", re.I)
# A state that ended is a rule's to retract, not a statement to keep ("stopped freelancing").
_ENDED = re.compile(r"\b(?:no longer|anymore|any more|stopped|quit|left|used to|changed|"
                    r"change (?:my|our) (?:job|jobs|work|career)|got the|got a new job|"
                    r"took the job|"
                    r"finished|don't want|"
                    r"do not want)\b", re.I)
_MOMENT = re.compile(
    r"\b(?:right now|rn|today|tonight|tomorrow|this morning|this afternoon|this evening|"
    r"at the moment|just now|yesterday|earlier|last night|atm|for this|for that|this one|"
    r"this time|hours of sleep)\b", re.I)
_POINTING_OBJECT = re.compile(r"^(?:[\w']+\s+){0,2}?(?:it|this|that|these|those)\b|"
                              r"\b(?:it|this|that)\W*$", re.I)

_CONDITION_WORDS = "|".join(sorted((re.escape(c) for c in CONDITIONS | MEDICATIONS),
                                   key=len, reverse=True))
# Which kind of fact a statement is, by its words; the first kind that matches wins.
_CUES: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("health", re.compile(
        r"\b(?:" + _CONDITION_WORDS + r"|diagnosed|herniated|disc|injur\w*|surgery|chronic|"
        r"migraines?|pain|meds|medication|prescri\w+|inhaler|insulin|physio|"
        r"intoleran\w+|allerg\w+|sober|pregnan\w+|blood pressure|cholesterol)\b", re.I)),
    ("constraint", re.compile(
        r"\b(?:afford|budget|can only|only have|no more than|nothing over|not allowed|at most|"
        r"can't eat|don't eat|don't drink|no (?:car|money))\b", re.I)),
    ("goal", _WANT),
    ("goal", re.compile(r"\b(?:goal|someday|some day|one day|eventually|dream is|"
                        r"working towards?|saving (?:up )?for|by the end of)\b", re.I)),
    # "work" as a job, not as a place: "I take the bus to work" says nothing about the job.
    ("work", re.compile(
        r"(?<!to )(?<!from )(?<!at )(?<!after )(?<!before )(?<!for )\bwork\b|\b(?:works|"
        r"working|job|shifts?|career|employ\w*|intern\w*|teach|teaching|full[- ]time|"
        r"part[- ]time|freelanc\w*|clients?|my boss|company|business|hired|promoted|"
        r"sophomore|freshman|undergrad|grad student|majoring|my degree|phd|catering|"
        r"self-employed|startup)\b|\b(?:lease on|opened|opening|run|running|own|owning|"
        r"started|bought|took over)\s+(?:[\w'-]+\s+){0,3}?(?:restaurant|shop|store|bakery|"
        r"caf[eé]|studio|salon|practice|clinic|firm|food truck|gym|bar|brewery|farm)\b", re.I)),
    ("preference", re.compile(
        r"\b(?:love|loves|adore|hate|hates|can't stand|cannot stand|detest|dislike|prefer|"
        r"favou?rite|fan of|obsessed|into|enjoy|(?:not )?an? \w+ person|picky|can't handle|"
        r"not big on|not keen on|big on|addicted)\b", re.I)),
)
_TAIL = re.compile(r"\s*(?:,\s*(?:any|what|how|can|could|should|is|are|do|does|pls|please|"
                   r"thoughts|ideas|tips|help)\b.*|\s+(?:which|who) (?:is|was|makes)\b.*|"
                   r"\s+(?:lol|lmao|haha|fr|tbh|btw)\b.*)$", re.I)
_SLANG = ((re.compile(r"\bwanna\b", re.I), "want to"), (re.compile(r"\bgonna\b", re.I),
                                                        "going to"))


# "herniated disc from years of lifting flour sacks": a condition without a subject.
_CONDITION_FRAGMENT = re.compile(r"(?:" + CONDITION_NAMES + r")\b(?=\s+(?:from|since|after|for)\b|"
                                 r"\W*$)", re.I)
_FIRST_PERSON = re.compile(r"\b(?:I|I'm|I've|my|me)\b")


def _predicate(text: str) -> tuple[int, str] | None:
    """Where the user's statement starts in ``text`` and what it says of them, without its
    subject and auxiliary ("honestly I'm not a morning person" -> "not a morning person"),
    or None when the clause does not open on the user or their own things."""
    lead = _LEAD.match(text)
    subject = _SUBJECT.match(text, lead.end() if lead else 0)
    if not subject:
        return None
    word = subject.group(1).lower()
    predicate = text[subject.end():].strip()
    if word in ("my", "our"):
        words = predicate.lower().split()
        if not words or (words[0] not in _OWN and " ".join(words[:2]) not in _OWN):
            return None
        return subject.start(1), f"{word} {predicate}"
    return subject.start(1), _AUXILIARY.sub("", predicate)


def _condition(text: str, message: str) -> tuple[int, str] | None:
    """A condition named without a subject, in a message about the user: "my back is killing
    me, herniated disc from years of lifting" (not "migraines are the worst")."""
    lead = _LEAD.match(text)
    start = lead.end() if lead else 0
    if _CONDITION_FRAGMENT.match(text, start) and _FIRST_PERSON.search(message or text):
        return start, text[start:]
    return None


def _category(predicate: str) -> str | None:
    for category, cue in _CUES:
        found = cue.search(predicate)
        if found is None:
            continue
        if cue is _WANT and TRANSIENT_GOALS.match(found.group(1)):
            return None  # "trying to understand recursion" is this conversation's
        return category
    return None


def general(ctx: Context) -> list[Found]:
    """The clause of ``ctx`` as a statement about the user, or nothing."""
    clause = ctx.clause
    if clause.language != "en" or clause.question or clause.conditional:
        return []
    found = _predicate(clause.text) or _condition(clause.text, ctx.message)
    # Unlike a rule's match, the whole clause is the statement: a hedge anywhere in it counts.
    end = len(clause.text)
    if found is None or blocked(clause, end, end):
        return []
    start, predicate = found
    predicate = _TAIL.sub("", predicate.split(", ")[0]).strip(" ,.!;:")
    if (_REQUEST.match(predicate) or _MOMENT.search(predicate) or _OTHERS.search(predicate)
            or _ENDED.search(predicate)):
        return []
    category = _category(predicate)
    if category is None or (_POINTING_OBJECT.search(predicate) and category != "health"):
        return []
    for pattern, replacement in _SLANG:
        predicate = pattern.sub(replacement, predicate)
    value = clean(predicate, 16)
    if value is None or len(value.split()) < 2:
        return []
    text = _TAIL.sub("", clause.text[start:].split(", ")[0]).strip(" ,.!;:")
    return [Found(category, "statement", value, text, 0.6)]
