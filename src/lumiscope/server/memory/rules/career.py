"""How the user's working life is arranged and where it goes: what they teach, the shifts they
work, a qualification they are working towards, and retirement with the job it ended."""

from __future__ import annotations

import re
from collections.abc import Iterator

from lumiscope.server.memory.lexicon import SCHOOL_SUBJECTS, TRADES
from lumiscope.server.memory.rules.base import (
    ADV,
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
    typed_in_lower_case,
)
from lumiscope.server.memory.rules.jobs import (
    BUSINESSES,
    TITLE_END,
    employer,
    job,
    job_title,
    org_name,
)


def opening(subjects: str = "I|we") -> str:
    """The start of a clause about the user: "I", "I've" (with adverbs after it), or nothing
    at all, as chat drops the subject ("retired after 30 years as a nurse", "had my
    gallbladder out"); a verb must follow."""
    return (rf"(?:\b(?:{subjects})(?:'ve| have)?{ADV}\s+|^\W*(?:(?:so|also|and|oh|ok|okay|well|"
            r"btw|fyi|ps|update|news|anyway|yeah|yes|just|finally|recently|actually)\W+)*)")


# What "I teach ..." is followed by when it names no subject: "I teach at a school".
_NOT_TAUGHT = re.compile(r"^(?:a|an|the|my|our|your|it|this|that|how|what|myself|me|him|her|"
                         r"them|people|kids|to|part-time|full-time|online|remotely|privately|"
                         r"at|in|from)\b", re.I)
# Whom rather than what: "I teach 30 kids", "I teach adult learners".
_PUPILS = re.compile(r"\b(?:kids|children|students|pupils|people|adults|learners|teens|"
                     r"teenagers|babies|toddlers|classes|groups)$", re.I)


def _teaches(match: re.Match[str], ctx: Context) -> Iterator[Found]:
    # "I teach 10th grade chemistry at a middle school": a 10th grade chemistry teacher.
    taught = clean(re.split(r"\s+(?:to|every|each|once|twice)\b",
                            TITLE_END.sub("", match.group(1)))[0], max_words=4)
    if not taught or _NOT_TAUGHT.match(taught):
        return
    if taught[0].isupper() and taught.split()[0].lower() not in SCHOOL_SUBJECTS:
        return  # "I teach Sarah on Mondays": a capital names a pupil, not a subject
    # The subject and grade belong in the title: the next job supersedes them with it. When
    # the message already gave the title ("I'm a high school teacher. I teach history") or
    # names pupils, they stay in the text.
    if not _PUPILS.search(taught) and not re.search(r"\bteacher\b", ctx.message, re.I):
        yield Found("work", "job_title", f"{taught} teacher", f"Is a {taught} teacher", 0.75)
    else:
        yield Found("work", "job_title", "teacher", f"Is a teacher ({taught})", 0.75)


_TRADE = re.compile(r"\s+from\s+(" + "|".join(sorted(TRADES, key=len, reverse=True)) + r")\b",
                    re.I)
# "retired" as an adjective ("retired teacher here") is the title rules' to read; "I retired
# the old laptop" has an object. The verb is followed by when, how or from what.
_RETIRED_THEN = (r"(?=\s*(?:$|[,.!;)]|\s+(?:in|on|from|after|last|this|early|recently|back|now|"
                 r"since|when|and|so|but|lol|already|finally|officially|yesterday|to|as|at|"
                 r"years|months|a\s+(?:few|couple|year|month)|\d+|two|three|four|five|six)\b))")


def _retired(match: re.Match[str], ctx: Context) -> Iterator[Found]:
    # "I retired in December after 34 years as a school librarian": retired, and from what.
    rest = match.group(1)
    former = re.search(r"\bas\s+(?:an?\s+)?" + PHRASE, rest)
    title = job_title(former.group(1), need_known_head=True) if former else None
    trade = _TRADE.match(rest)
    title = title or (TRADES[trade.group(1).lower()] if trade else None)
    if title:
        yield Found("work", "job_title", f"retired {title}", f"Is a retired {title}", 0.85)
    else:
        yield Found("work", "job_title", "retired", "Is retired", 0.85)
    employer = None if trade else re.match(r"\s+from\s+(" + PROPER + ")", rest)
    org = org_name(employer.group(1)) if employer else None
    if org:  # "I retired from Boeing": that employer is in the past
        yield Found("work", "*", org, f"No longer works at {org}", retract=True)


# A shift pattern, as "I work nights" stores it, so a change of shift supersedes the last one.
_DAY = r"(?:permanent\s+)?(?:day\s+shifts?|days)|the\s+day\s+shift|a\s+day\s+shift"
_NIGHT = (r"(?:permanent\s+)?(?:night\s+shifts?|nights)|the\s+night\s+shift|a\s+night\s+shift|"
          r"nightshift")
# "on nights this week", "on days off": a week's rota or time off, not the job's pattern.
_NOT_PATTERN = (r"(?![\w-])(?!\s+(?:off|this|next|all|today|tonight|tomorrow|for|until|till|to|"
                r"at\s+the\s+moment|a|per|over|during|in\s+a\s+row)\b)")


def _shift(match: re.Match[str], ctx: Context) -> Iterator[Found]:
    if re.match(r"(?:the\s+|a\s+)?day", match.group(1), re.I):
        yield Found("constraint", "work_mode", "day shift", "Works day shift", 0.8)
    else:
        yield Found("constraint", "work_mode", "night shift", "Works night shift", 0.8)


def _qualification(match: re.Match[str], ctx: Context) -> Iterator[Found]:
    # "I'm starting National Board certification this fall": a qualification as a goal.
    value = clean(match.group(1), 8)
    if value and not re.match(r"^(?:to|about|on|with|for|it|this|that|some|any)\b", value, re.I):
        yield Found("goal", "goal", value, f"Is working towards {value}", 0.8)


def _training_post(match: re.Match[str], ctx: Context) -> Iterator[Found]:
    # "im doing a tattoo apprenticeship now at a studio": the post is the job now.
    value = clean(match.group(1), 5)
    if value:
        yield Found("work", "job_title", value, f"Is doing {article(value)} {value}", 0.85)


def _job_at_in(match: re.Match[str], ctx: Context) -> Iterator[Found]:
    # "I'm deputy head at Oakfield Primary in York": the town the job is in.
    if job_title(match.group(1), need_known_head=True):
        place = match.group(2)
        yield Found("location", "work_city", place, f"Works in {place}", 0.75)


def _days_off(match: re.Match[str], ctx: Context) -> Iterator[Found]:
    days = match.group(1).capitalize()
    yield Found("constraint", "days_off", days, f"Doesn't work {days}", 0.85)


def _days_worked(match: re.Match[str], ctx: Context) -> Iterator[Found]:
    days = match.group(1).capitalize()
    yield Found("constraint", "works_on", days, f"Works {days}", 0.8)


def _new_job(match: re.Match[str], ctx: Context) -> Iterator[Found]:
    org = org_name(match.group(1))
    if org:
        yield employer(org)
    title = job_title(match.group(2) or "", need_known_head=True)
    if title:
        yield job(title)


def _quit_business(match: re.Match[str], ctx: Context) -> Iterator[Found]:
    # "i quit the coffee shop btw": the job there is over.
    place = match.group(1).lower()
    yield Found("work", "employer", "", f"Quit the {place}", retract=True)
    yield Found("work", "job_title", "", f"Quit the {place}", retract=True)


def _bare_title(match: re.Match[str], ctx: Context) -> Iterator[Found]:
    # "I am sales director.", "I work from home, software engineer.": a listed job said
    # without an article, ending the clause.
    title = job_title(match.group(1), need_known_head=True)
    if title and title.lower() == match.group(1).strip().lower():
        yield job(title)


def _own_business(match: re.Match[str], ctx: Context) -> Iterator[Found]:
    # "started my own mobile practice, Ewaso Vet Services", "business name is Sityana Plumbing".
    org = org_name(match.group(1))
    if org:
        yield employer(org)


def _academic_field(match: re.Match[str], ctx: Context) -> Iterator[Found]:
    # "I am a lecturer in physical chemistry at Bangor": the title is read elsewhere, the field
    # here.
    field = clean(match.group(1), 5)
    if field:
        yield Found("work", "field", field, f"Works in {field}", 0.8)


def _business_ended(match: re.Match[str], ctx: Context) -> Iterator[Found]:
    # "sold the bakery in september": the business, and the work it was, are over.
    business = match.group(1).lower()
    yield Found("work", "employer", "", f"No longer runs the {business}", retract=True)
    yield Found("work", "job_title", "", f"No longer runs the {business}", retract=True)


def _titled(match: re.Match[str], ctx: Context) -> Iterator[Found]:
    # "I'm the school secretary now", "i am domestic helper here in Tai Po", "made lieutenant".
    title = job_title(match.group(1), need_known_head=True)
    if title and title.lower() == match.group(1).strip().lower():
        yield job(title)


def _been_at(match: re.Match[str], ctx: Context) -> Iterator[Found]:
    # "been w Volt Co in hamilton 6 yrs", "been at monzo 2 weeks now as a junior data engineer".
    raw = match.group(1)
    title = job_title(match.group(2), need_known_head=True) if match.group(2) else None
    # A name in lower case is an employer only with a title beside it: "been at home for 3
    # weeks" is no job.
    org = org_name(raw) or (raw.title() if typed_in_lower_case(ctx.message) and title else None)
    if not org:
        return
    if title:
        yield job(title)
    yield employer(org, title)


def _new_job_at(match: re.Match[str], ctx: Context) -> Iterator[Found]:
    # "New job at a family medicine clinic": the workplace, described.
    place = clean(match.group(1), 5)
    if place:
        yield Found("work", "employer", place, f"Works at a {place}", 0.8)


def _freelance_now(match: re.Match[str], ctx: Context) -> Iterator[Found]:
    yield Found("work", "employment", "freelance", "Is freelance", 0.85)


_WORKPLACES = (r"clinic|hospital|school|firm|company|agency|bank|startup|store|shop|restaurant|"
               r"hotel|charity|council|practice|surgery|office|lab|factory|warehouse|nursery|"
               r"pharmacy|salon|studio|call cent(?:re|er)|care home")

RULES: tuple[Rule, ...] = (
    # "I dont work sundays, only for family", "a work saturdays at the Tesco": days kept free
    # or worked every week.
    rule(r"\b(?:I|a)\s+(?:don't|dont|do not|never|can't|cannot)\s+work\s+(?:on\s+)?(mondays|"
         r"tuesdays|wednesdays|thursdays|fridays|saturdays|sundays|weekends)\b", _days_off),
    rule(r"\b(?:I|a)\s+(?:only\s+|also\s+)?work\s+(?:on\s+)?(saturdays|sundays|weekends)\b",
         _days_worked),
    # "I'm an ICU nurse at Bara, night shift 4 on 4 off": a rota told in shorthand.
    rule(r"(?:^\W*|,\s*)(" + _DAY + "|" + _NIGHT
         + r")(?:\s+shifts?)?,?\s+\d\s+on\s*,?\s+\d\s+off\b", _shift),
    # "just started new job at DBS last month, finance analyst in treasury ops".
    rule(r"\b(?:started|starting|got|landed)\s+(?:a\s+|my\s+)?new\s+job\s+(?:at|with)\s+("
         + PROPER + r")(?:[^,;.!?]*,\s*(?:as\s+)?(?:an?\s+)?([\w -]{3,40}?)"
         r"(?=\s+(?:in|at|on|for)\b|\s*[,.;!]|\s*$))?", _new_job),
    rule(I_AM + r"\s+(?:an?\s+|the\s+)?([\w -]{2,40}?)\s+at\s+" + PROPER + r"\s+in\s+(" + PROPER
         + r")(?!\s+(?:January|February|March|April|May|June|July|August|September|October|"
         r"November|December)\b)", _job_at_in),
    rule(I_AM + r"\s+(?:now\s+)?doing\s+(?:an?|my)\s+((?:[\w-]+\s+){0,3}?(?:apprenticeship|"
         r"internship|traineeship|residency|placement|pupillage))\b", _training_post),
    rule(subject(HAVE) + r"\s+(?:just\s+)?(?:quit|resigned from|handed in my notice at)\s+the\s+("
         r"coffee shop|caf[eé]|restaurant|bar|pub|bakery|shop|store|warehouse|factory|firm|agency|"
         r"company|hospital|salon|nursery|hotel|call cent(?:re|er)|office|practice|clinic)\b"
         r"(?!\s+(?:door|window|app|account|group|chat|line|queue))", _quit_business),
    rule(r"\b(?:I'm|I am)\s+(?:now\s+)?([a-z][\w-]*(?:\s+[a-z][\w-]*){0,2})\s*[.!]?\s*$",
         _bare_title),
    rule(SELF + r"\s+(?:work|wfh)\b[^,;]{0,30},\s*([a-z][\w-]*(?:\s+[a-z][\w-]*){0,2})"
         r"\s*[.!]?\s*$", _bare_title),
    rule(r"\b(?:(?:started|opened|launched|set up)\s+(?:my|our)\s+own\s+(?:[\w-]+\s+){0,2}?"
         r"(?:practice|business|company|clinic|salon|shop|bakery|studio|agency|firm|consultancy),?"
         r"\s+(?:called\s+)?|(?:my\s+|our\s+|the\s+)?(?:business|company|shop)(?:'s)?\s+name\s+is"
         r"\s+|^\W*(?:(?:and|so|oh|btw)\W+)?(?:my\s+|our\s+|the\s+)?(?:business|company|firm)\s+is\s+"
         r"(?:called|named)\s+)(" + PROPER + ")", _own_business),
    rule(r"\bnew\s+job\s+(?:at|with)\s+(?:a|an|the)\s+((?:[\w-]+\s+){0,3}?(?:" + _WORKPLACES
         + r"))\b", _new_job_at),
    rule(r"^\W*(?:(?:I'm|I am)\s+)?(?:(?:so|and|also|now)\s+)?freelance\s+now\b|" + I_AM
         + r"\s+(?:a\s+)?freelancer\s+now\b", _freelance_now),
    rule(SELF + r"\s+teach\s+([a-z0-9][\w -]{2,40})", _teaches),
    rule(r"(?:" + I_AM + r"\s+(?:now\s+)?(?:the\s+)?|\b(?:I\s+)?(?:just\s+)?(?:made|"
         r"got promoted to|was promoted to|got made)\s+)([a-z][\w-]*(?:\s+[a-z][\w-]*){0,2}?)"
         r"(?=\s+(?:now|here|at|in|for|since)\b|\s*[,.!]|\s*$)", _titled),
    rule(r"\b(?:I(?:'ve| have)?\s+)?been\s+(?:with|at)\s+((?-i:[A-Z][\w&.'-]*(?:\s+[A-Z][\w&.'-]*)"
         r"{0,2})|(?-i:[a-z][a-z&'-]{2,20}(?:\s+co)?))(?:\s+in\s+\w+)?\s+(?:for\s+)?(?:\d+|a few|"
         r"two|three|four|five|six)\s+(?:yrs?|years?|months?|weeks?)(?:\s+now)?(?:\s+as\s+(?:an?\s+)?"
         r"([\w -]{3,40}?))?(?=\s*[,.!;]|\s+(?:but|and|so|still)\b|\s*$)", _been_at),
    rule(r"(?:" + subject(HAVE) + r"\s+|^\W*(?:[\w ]{1,15}:\s*)?)(?:finally\s+|just\s+)?(?:sold|"
         r"closed|shut|closed down|shut down|wound up)\s+(?:the|my|our)\s+(?:[\w-]+\s+)?("
         + BUSINESSES + r")\b(?!\s+(?:door|window|account|tab|app))", _business_ended),
    rule(I_AM + r"\s+(?:an?\s+)?(?:senior\s+|junior\s+|associate\s+|assistant\s+)?(?:lecturer|"
         r"professor|reader|researcher|research fellow|postdoc|phd student|teacher|tutor)\s+"
         r"(?:in|of)\s+(?-i:([a-z][a-z -]{2,40}?))(?=\s+(?:at|in)\b|\s*[,.;!]|\s*$)",
         _academic_field),
    # Up to the end of the phrase: a modal later in the clause is another statement's.
    rule(opening() + r"retired" + _RETIRED_THEN + r"([^,;.!?]*)", _retired),
    rule(r"(?:" + opening() + r"|\bguess\s+who" + ADV + r"\s+|\bsince\s+I\s+)(?:got|landed|"
         r"switched\s+to|went\s+on|moved\s+to|transferred\s+to|went\s+to|changed\s+to|"
         r"swapped\s+to|am\s+back\s+on|back\s+on)\s+(" + _DAY + "|" + _NIGHT
         + r")\b(?:\s+(?:job|position|role|rota|rotation|schedule|permanently))?" + _NOT_PATTERN,
         _shift),
    rule(I_AM + r"\s+(?:now\s+)?on\s+(" + _DAY + "|" + _NIGHT + ")" + _NOT_PATTERN, _shift,
         stateful=True),
    # "I work days", and after an introduction: "im an ICU nurse, work nights 7p to 7a".
    rule(r"(?:" + SELF + r"|^\W*(?:I|I'm|I am|we|we're)\b[^,;]*,)\s+work\s+(" + _DAY + "|"
         + _NIGHT + ")" + _NOT_PATTERN, _shift, stateful=True),
    rule(I_AM + r"\s+(?:starting|beginning|doing|working\s+on|working\s+towards?|going\s+for|"
         r"pursuing|studying\s+for)\s+(?:my\s+|the\s+|a\s+|an\s+)?((?:[\w&-]+\s+){0,4}?"
         r"(?:certification|certificate|qualification|licen[cs]e|accreditation)(?:\s+in\s+"
         r"[\w -]{2,30})?)\b(?!\s+(?:plates?|number|keys?|fees?|photo|renewal|check|form|"
         r"application|holder|exam|test)\b)", _qualification),
)
