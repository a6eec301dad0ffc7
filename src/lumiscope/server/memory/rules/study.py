"""What the user studies, and where: degrees, fields, schools.

Where a student studies is a ``school`` (not an ``employer``): see :func:`.work.employer`.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from lumiscope.server.memory.rules.base import (
    BE,
    I_AM,
    PHRASE,
    PROPER,
    Context,
    Found,
    Rule,
    clean,
    rule,
    subject,
    typed_in_lower_case,
)
from lumiscope.server.memory.rules.jobs import SCHOOL_YEARS, STUDENTS, TITLE_END, job, org_name


def _degree(match: re.Match[str], ctx: Context) -> Iterator[Found]:
    degree = match.group(1)
    yield job(f"{degree} student")
    field = clean(TITLE_END.sub("", match.group(2)), max_words=4)
    if field:
        yield Found("work", "field", field, f"Studies {field}", 0.85)


def _studies(match: re.Match[str], ctx: Context) -> Iterator[Found]:
    field = clean(TITLE_END.sub("", match.group(1)), max_words=3)
    if field and not re.match(r"^(?:a|an|the|my|it|this|that|for|hard|at|in|on|like|every|late|"
                              r"early|when|while|after|before|all|\d)\b", field, re.I):
        yield Found("work", "field", field, f"Studies {field}", 0.85)
    at = re.search(r"\bat\s+(" + PROPER + ")", match.group(0))
    org = org_name(at.group(1)) if at else None
    if org:
        yield Found("work", "school", org, f"Studies at {org}")


def _school_initials(match: re.Match[str], ctx: Context) -> Iterator[Found]:
    school = match.group(1).upper()  # "cs sophomore at uw": initials typed in lower case
    yield Found("work", "school", school, f"Studies at {school}", 0.8)


def _school_town(match: re.Match[str], ctx: Context) -> Iterator[Found]:
    # "im a sophomore at westview high in portland": a school pupil lives where the school is.
    place = match.group(1)
    if place[0].islower() and typed_in_lower_case(ctx.message) and place not in (
            "town", "the city", "school"):
        place = place.title()
    if place[0].isupper():
        yield Found("location", "home_city", place, f"Lives in {place}", 0.7)


def _school_year(match: re.Match[str], ctx: Context) -> Iterator[Found]:
    # "junior yr is lowkey destroying me": the user's own year, unless someone else's.
    if not re.search(r"\b(?:his|her|their|your|'s)\s*$", ctx.clause.text[:match.start()], re.I):
        yield job(match.group(1))


# A student's year is said by number at university: "I'm Year 3 now", "Year 2 nursing student".
_STUDENT = re.compile(r"\b(?:student|uni|university|college|degree|sem|semester|module|"
                      r"placement|lecturer|course)\b", re.I)


def _numbered_year(match: re.Match[str], ctx: Context) -> Iterator[Found]:
    if _STUDENT.search(ctx.message):
        year = f"Year {match.group(1)}"
        yield Found("work", "school_year", year, f"Is in {year} of their studies", 0.8)


RULES: tuple[Rule, ...] = (
    rule(r"(?:" + I_AM + r"\s+(?:now\s+)?(?:in\s+)?|^\W*)(?:year|yr)\s+(\d)\b(?=\s+(?:now|"
         r"student|nursing|medical|law|med|uni|of)\b|\s*[,.!]|\s*$)", _numbered_year),
    rule(I_AM + r"\s+(?:a|an|in)\s+(?:" + "|".join(sorted(SCHOOL_YEARS)) + r"|year \d+|grade \d+|"
         r"\d+(?:th|st|nd|rd) grade)\s+at\s+[\w' -]{2,40}?\b(?:high|high school|school|academy|"
         r"middle school|secondary|college)\s+in\s+((?-i:[A-Z][\w'-]+(?:\s+[A-Z][\w'-]+)?|"
         r"[a-z][\w'-]+))",
         _school_town),
    rule(r"(?:^\W*|\bmy\s+|\bin\s+|\bstarting\s+)(" + "|".join(sorted(SCHOOL_YEARS))
         + r")\s+(?:yr|year)\b(?!\s+(?:abroad|project|student))", _school_year),
    rule(r"\b(?:" + "|".join(sorted(STUDENTS)) + r")\s+at\s+"
         r"(?!(?:the|a|an|my|uni|home|work|nite|all)\b)(?-i:([a-z]{2,4}))\b(?!['-])",
         _school_initials),
    rule(I_AM + r"\s+(?:doing|studying for|pursuing|in the middle of)\s+(?:a|an|my)\s+"
         r"(PhD|doctorate|master's|masters|MSc|MBA|bachelor's|degree)\s+in\s+" + PHRASE,
         _degree),
    rule(subject(BE) + r"\s+(?:study|studying|major in|majoring in)\s+"
         r"(?-i:([a-z][\w -]{2,40}))(?:\s+at\s+" + PROPER + ")?", _studies),
)
