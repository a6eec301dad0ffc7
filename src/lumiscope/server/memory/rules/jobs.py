"""The words of work: job titles and organisation names a rule may take, and the facts they
make (a student's organisation is a school, a school year is no job)."""

from __future__ import annotations

import re

from lumiscope.server.memory.lexicon import (
    JOBS,
    NOT_A_JOB_MODIFIERS,
    NOT_JOBS,
    word_set,
)
from lumiscope.server.memory.rules.base import Found, article, clean, is_proper, lookup

# Words that end a job title inside a longer phrase: "nurse at X", "analyst on July 1".
TITLE_END = re.compile(
    r"\s+(?:at|for|with|in|on|from|since|starting|next|this|by|who|which|that|but|so|"
    r"because|based|here|there|now|mostly|remotely|part-time|full-time)\b.*$", re.I)


_NOT_ORGS = re.compile(r"^(?:the\s+)?(?:mon|tues|wednes|thurs|fri|satur|sun)day\b|^(?:the\s+)?(?:"
                       r"january|february|march|april|may|june|july|august|september|"
                       r"october|november|december)\b", re.I)


def org_name(raw: str) -> str | None:
    """A capitalized organisation name, without a leading "the" (never a day or month)."""
    name = clean(raw)
    if not name or not is_proper(name) or _NOT_ORGS.match(name):
        return None
    return re.sub(r"^the\s+", "", name, flags=re.I)


_NOT_IN_TITLES = word_set("the, my, your, his, her, their, our, also, this, that, thanks, thank, "
                          "hi, hey, dear, ask, call, see, is, was, to, i, i'm, me, you, we, it, "
                          "as, a, an, like, for, with, from, by, oh, appointment")
_SURNAMES = word_set("baker, cook, carpenter, butler, smith, tailor, taylor, fisher, archer, "
                     "porter, mason, farmer, hunter, gardener, shepherd, turner, walker, cooper, "
                     "miller, weaver, potter, painter, carter, sawyer, barber, fowler, singer")
_JOB_SUFFIX = re.compile(r"\w(?:er|or|ist|ian|ant|ent)$", re.I)
_PROFESSION_SUFFIX = re.compile(r"\w\w(?:ologist|ician|ographer|apist|iatrist|ometrist|otomist|"
                                r"ienist|wright|smith)$", re.I)


def job_title(raw: str, *, need_known_head: bool, at_employer: bool = False) -> str | None:
    """The job title a noun phrase starts with, or None when it does not read as one.

    With ``need_known_head`` (after a bare "I'm a..."), the title is the longest start of the
    phrase that ends with a listed job noun ("computer science student" in "computer science
    student at..."); an explicit "I work as..." takes the phrase up to a preposition.
    """
    raw = re.sub(r"\bsophmore\b", "sophomore", raw, flags=re.I)  # a common typo
    words = TITLE_END.sub("", raw).split()
    if need_known_head:
        known = next((words[:n] for n in range(min(len(words), 5), 0, -1)
                      if lookup(" ".join(words[:n]), JOBS)), [])
        # An unlisted title still reads as a job when it has a job's ending and an employer
        # follows: "I'm a software tester at Ocado".
        if not known and at_employer and 0 < len(words) <= 4 and _JOB_SUFFIX.search(
                words[-1]) and words[-1].lower() not in NOT_JOBS:
            known = words
        # Some endings only name professions: "phlebotomist", "sonographer", "beautician".
        if not known:
            known = next((words[:n] for n in range(min(len(words), 4), 0, -1)
                          if _PROFESSION_SUFFIX.search(words[n - 1])), [])
        words = known
    title = clean(" ".join(words), max_words=5)
    if not title:
        return None
    if any(word.strip("-").lower() in NOT_A_JOB_MODIFIERS for word in title.split()[:-1]):
        return None
    if any(word.lower() in _NOT_IN_TITLES for word in title.split()):
        return None  # "Also the doctor", "thanks doctor": a sentence, not a title
    if title.split()[0].lower() in ("and", "or", "but", "so"):
        return None  # "oh and dentist appointment": a sentence, not a title
    names = title.split()
    if len(names) > 1 and names[-1].istitle() and names[-2].istitle() and (
            names[-1].lower() in _SURNAMES):
        return None  # "Julien Baker", "Tom Cook": a person
    return title


STUDENTS = word_set("student, sophomore, sophmore, freshman, undergrad, undergraduate, postgrad, "
                     "fresher")


# A year of school is a stage, not a job: "I'm a sophomore" is superseded by "junior year".
SCHOOL_YEARS = word_set("freshman, sophomore, sophmore, junior, senior, fresher, first-year, "
                        "second-year, third-year, final-year")


def employer(org: str, title: str | None = None) -> Found:
    """Works (or, for a student, studies) at ``org``."""
    last = title.lower().split()[-1] if title else ""
    if last in STUDENTS or last in SCHOOL_YEARS and re.search(
            r"\b(?:high|school|college|academy|university|uni)\b", org, re.I):
        return Found("work", "school", org, f"Studies at {org}")
    return Found("work", "employer", org, f"Works at {org}")


def job(title: str) -> Found:
    if title.lower() in SCHOOL_YEARS:
        return Found("work", "school_year", title.lower(), f"Is a {title.lower()} at school")
    if title.lower() in ("retired", "unemployed"):
        return Found("work", "job_title", title.lower(), f"Is {title.lower()}")
    return Found("work", "job_title", title, f"Works as {article(title)} {title}")


# What a user runs: "I run a bakery", "we own a small farm".
BUSINESSES = (r"bakery|caf[eé]|coffee shop|shop|restaurant|bar|pub|business|company|startup|"
               r"agency|studio|salon|gym|farm|clinic|practice|consultancy|firm|store|boutique|"
               r"bookshop|bookstore|food truck|b&b|guesthouse|hotel|nursery|charity|brewery|"
               r"vineyard|garage|workshop|school|daycare|online shop|etsy shop|label|podcast")
