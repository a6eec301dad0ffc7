"""The last reading of a clause that names a day ahead: a plan, kept in the user's words.

The plan rules know a plan by its shape ("I'm flying to Lisbon on...", "my surgery is on...");
chat dates plans in more ways than patterns can list ("after Christmas we're taking the
caravan up to Hervey Bay, leaving on the 8th", "pharmacology final is on the 3rd", "the
electrician is coming Monday the 30th"). A clause in which no rule read anything is kept as a
dated event when it names a day after the message, is a statement (not a question,
hypothetical, hedge or someone else's report) and is the user's: said in the first person, or
naming an event in a message that is. The value is the clause without its dates, in a few
words, so what matters in it is served even though nothing parsed it.
"""

from __future__ import annotations

import re

from lumiscope.server.memory.dates import find_date, message_day
from lumiscope.server.memory.rules.base import Context, Found, clean
from lumiscope.server.memory.rules.kinship import RELATIVE
from lumiscope.server.memory.text import blocked

_FIRST_PERSON = re.compile(r"\b(?:I|I'm|I'll|I've|we|we're|we'll|we've|my|our|me|us)\b", re.I)
_SUBJECT = re.compile(r"\b(?:I|I'm|I'll|I've|we|we're|we'll|we've)\b", re.I)
# A study or health appointment in a user's message is theirs even without "I": "also OSCE is
# Monday the 7th", "the electrician is coming Monday the 30th".
_OWN_EVENT = re.compile(r"\b(?:exams?|finals?|osce|quiz|viva|fitting|scan|appointment|surgery|"
                        r"dentist|doctor|gp|physio|optician|vet|hairdresser|haircut|"
                        r"replacement|operation|interview|electrician|plumber|engineer|installer|"
                        r"(?-i:JLPT|SAT|ACT|GRE|GMAT|IELTS|TOEFL|CELPIP|LSAT|MCAT|DELE|HSK)|"
                        r"delivery|(?:wants|needs) to see me)\b", re.I)
# "my doctor wants to see me again in five weeks (to check the data)": a follow-up booked.
_FOLLOW_UP = re.compile(r"\b(?:wants|needs) to see me\b", re.I)
# Events a user attends or has done for them, named without the user in the clause:
# "pharmacology final is on the 3rd", "flooring delivery is booked for...".
_EVENT = re.compile(
    r"\b(?:exams?|finals?|test|quiz|osce|fitting|appointment|delivery|interview|party|wedding|"
    r"trip|flights?|surgery|scan|shower|graduation|recital|race|5k|10k|marathon|match|game|"
    r"concert|ceremony|review|deadline|move|install\w*|engineer|electrician|plumber|builder|"
    r"inspection|closing|viewing|check-?up|induction|orientation|retreat|holiday|vacation|"
    r"camping|swap|fair|festival|reunion|christening|funeral|birthday|anniversary)\b", re.I)
# Someone else's day: "my sister is visiting on the 3rd" is read by the visit rule, "she has
# an exam on the 3rd" is hers.
_SOMEONE_ELSE = re.compile(r"^\W*(?:(?:and|so|also|but|oh)\s+)?(?:he|she|they|his|her|their|"
                           r"(?-i:[A-Z][a-z]+)'s|(?:my|our)\s+(?:friend|boss|colleague|"
                           r"neighbou?r|cousin|mate)\w*)\b", re.I)
# The conversation or the working week, not a plan: "I'll let you know next week", "I'll try
# that on Monday", "I'll be in a meeting on Monday", "my shift on the 3rd".
_NOT_PLANS = re.compile(r"\b(?:let you know|get back to you|try (?:it|that|this)|check|think about|"
                        r"look into|tell you|ask (?:him|her|them)|call|shift|miss|skip|"
                        # "a meeting in Edinburgh", "meeting with Graciela" are days out.
                        r"meeting(?!\s+(?:in|with)\s+(?:(?:my|our|the|a|an)\s+)?(?:(?-i:[A-Z])|"
                        r"mortgage|lawyer|solicitor|accountant|bank|agent|realtor|estate|"
                        r"financial|advis|landlord|broker|planner|venue|caterer|photographer))|"
                        r"cold|flu|sick)\b", re.I)
# Done already: "I ran a 10k on the 5th" (a date after the message is then last month's).
_PAST = re.compile(r"\b(?:ran|went|did|had|was|were|got|took|retook|came|saw|made|bought|(?-i:sat)|"
                   r"died|"
                   r"wrote|flew|drove|ate|met|gave|won|lost|left|began|rode|swam|paid|sold|"
                   r"told|found|kept|spent|sent|built|caught|taught|brought|thought|felt|"
                   r"(?!booked|scheduled|planned|registered|entered|confirmed)\w{3,}ed)\b", re.I)
_FUTURE = re.compile(r"\b(?:will|'ll|going to|gonna|is|are|'s|'re|'m|am|booked|scheduled|"
                     r"planned|registered|entered|confirmed|starts?|begins?)\b", re.I)
# A routine, not a day: "practice Tuesday and Thursday nights", "swim every Monday".
_RECURRING = re.compile(r"\b(?:every|each|weekly|fortnightly)\b|\b(?:mon|tues|wednes|thurs|fri|"
                        r"satur|sun)days\b|\b(?:monday|tuesday|wednesday|thursday|friday|saturday|"
                        r"sunday)\s+(?:and|&)\s+(?:monday|tuesday|wednesday|thursday|friday|"
                        r"saturday|sunday)\b", re.I)
# "my son has a cold next week": a relative's day is rules/occasions.py's to read.
_KIN = re.compile(r"^\W*(?:(?:and|so|also|but|oh)\s+)?(?:my|our)\s+(?:\w+\s+)?" + RELATIVE,
                  re.I)
_LEAD = re.compile(r"^\W*(?:[\w' ]{1,30}:\s*)?(?:(?:hi|hey|hello|ok|okay|so|also|and|but|oh|btw|"
                   r"then|anyway|"
                   r"update|news|help|ugh|yay|after that|before that)\W+)*"
                   r"(?:(?:I|we)(?:'m|'re|'ll|'ve| am| are| will| have)?\s+)?", re.I)
_DANGLING = re.compile(r"(?:\s+(?:on|in|at|for|from|to|by|till|until|the|this|next|is|are|"
                       r"was|be|and|of|starting|leaving|through|after|before))+$", re.I)


def _without_dates(text: str, now_ns: int) -> str:
    """``text`` with every date phrase taken out ("after Christmas", "on the 8th of January")."""
    text = re.sub(r",?\s+not\s+(?:on\s+)?(?:the\s+)?\d{1,2}(?:st|nd|rd|th)\b", "", text)
    for _ in range(3):
        ref = find_date(text, now_ns)
        if ref is None:
            break
        before = re.sub(r"\b(?:after|before|on|for|from|by|till|until|at|in|is|are)\s*$", "",
                        text[:ref.start], flags=re.I)
        after = re.sub(r"^\s*,\s*the\s+(?:week|day|month)\s+(?:after|before)\b", "",
                       text[ref.end:], flags=re.I)
        text = f"{before} {after}"
    return re.sub(r"(?:\s*,)+", ",", " ".join(text.split())).replace(" ,", ",")


def dated_event(ctx: Context) -> list[Found]:
    """The clause of ``ctx`` as a dated plan of the user's, or nothing."""
    clause = ctx.clause
    if clause.language != "en" or clause.question or clause.conditional:
        return []
    ref = find_date(clause.text, ctx.now_ns)
    if ref is None or len(ref.iso) != 10 or ref.iso <= message_day(ctx.now_ns).isoformat():
        return []
    before = clause.text[:ref.start]
    if re.search(r"\bnot\s+(?:a|on|the)?\s*$", before, re.I) or re.match(
            r"s\b", clause.text[ref.end:]):
        return []  # "not a Monday pls", "Mondays are back to back calls": no day of a plan
    if (blocked(clause, ref.start, ref.start) or _SOMEONE_ELSE.match(clause.text)
            or (_NOT_PLANS.search(clause.text) and not _FOLLOW_UP.search(clause.text))
            or _KIN.match(clause.text) or _RECURRING.search(clause.text)
            or (_PAST.search(before) and not _FUTURE.search(before))):
        return []
    if not (_SUBJECT.search(clause.text) or _OWN_EVENT.search(clause.text) or (
            _EVENT.search(clause.text) and _FIRST_PERSON.search(ctx.message))):
        return []
    words = _without_dates(clause.text, ctx.now_ns)
    words = _DANGLING.sub("", _LEAD.sub("", words).strip(" ,.!?;:-")).strip(" ,.!?;:-")
    what = clean(" ".join(words.split()[:10]), 10)
    if not what or (len(what.split()) < 2 and not _OWN_EVENT.fullmatch(what)):
        return []
    when = f"on {ref.iso}"
    return [Found("plan", "event", f"{what} {when}", f"Plans: {what} {when}", 0.6)]
