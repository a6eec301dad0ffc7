"""What the user does: job title, employer, school, field, and leaving a job."""

from __future__ import annotations

import re
from collections.abc import Iterator

from lumiscope.server.memory.lexicon import (
    HOBBY_NOUNS,
    JOBS,
    NOT_EMPLOYERS,
    word_set,
)
from lumiscope.server.memory.rules.base import (
    BE,
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
    lookup,
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
from lumiscope.server.memory.rules.location import home, place_name
from lumiscope.server.memory.text import trim


def _title_and_place(match: re.Match[str], ctx: Context, *, known: bool) -> Iterator[Found]:
    employed = bool(re.search(r"^[\w\s'-]+?\s+(?:at|for|with)\s+" + PROPER, match.group(1)))
    title = job_title(match.group(1), need_known_head=known, at_employer=employed)
    if not title or re.match(r"\s*at\s+heart\b", match.group(1)[len(title):], re.I):
        return  # "I'm a nurse at heart" is no job
    yield job(title)
    tail = match.group(1)[match.group(1).find(title) + len(title):]
    org = tail_org(tail, ctx.message or ctx.clause.text)
    # "I'm an accountant (audit, at PwC)": the employer in brackets after the title.
    bracket = None if org or title != trim(match.group(1)) else re.match(
        r"\s*\([^)]*?\b(?:at|for|with)\s+(" + PROPER + r")\s*\)", ctx.clause.text[match.end(1):])
    org = org or (org_name(bracket.group(1)) if bracket else None)
    # "a project coordinator at an architecture firm in town, Halden Associates".
    named = None if org else re.match(
        r"\s+at\s+an?\s+[\w\s-]{0,40}?\b(?:firm|company|agency|practice|studio|school|hospital|"
        r"bank|startup|charity|consultancy|shop|restaurant)\b[^,.;!?]{0,30},\s*(" + PROPER + ")",
        ctx.clause.text[match.start(1) + len(title):])
    org = org or (org_name(named.group(1)) if named else None)
    if org:
        yield employer(org, title)
    # "a teaching assistant in a Year 2 class at a primary school in Kendal".
    located = re.match(r"\s*(?:(?:in|at)\s+an?\s+[\w\s-]{0,40}?\s+)?in\s+(" + PROPER + ")",
                       ctx.clause.text[match.start(1) + len(title):])
    place = place_name(located.group(1)) if located else tail_place(tail, ctx.message)
    if place:
        yield home(place, 0.7)


_NOT_ORG_WORDS = word_set("home, work, night, nights, weekends, weekend, school, uni, college, "
                          "the, a, an, my, our, this, that, it, least, last, first, times, moment, "
                          "lunch, present")
_LOWER_ORG = re.compile(r"\s*(?:at|for|with)\s+(?-i:([a-z][a-z'&-]+(?:\s+(?!(?:in|on|so|and|"
                        r"but|for|since|as|near|because|now|which|who|where)\b)[a-z][a-z'&-]+)?))")


_NOT_ORG_IN_CAPS = word_set("heart, best, worst, times, church, all, it, peace, ease, play, rest, "
                           "sea, war, risk, large, once, odds, length, night, nights, uni")


def tail_org(tail: str, text: str) -> str | None:
    """The employer after a job title: "at Stripe", or when the user typed ``text`` all in
    lower case, "at boots in hackney" (capitalized: "Boots")."""
    # "lead engineer for pitch systems at Nordex": a field may come between title and employer.
    # "a paralegal again at Pruitt & Vance": an adverb may come between them too.
    at = re.match(r"\s*(?:(?:again|now|here|there|full[- ]time|part[- ]time)\s+)?"
                  r"(?:(?:for|of|in)\s+(?-i:[a-z][\w-]*)(?:\s+(?-i:[a-z][\w-]*)){0,3}\s+)?"
                  r"(?:at|for|with)\s+(" + PROPER + ")", tail)
    if at:
        return org_name(at.group(1))
    lower = _LOWER_ORG.match(tail)
    if not lower:
        return None
    words = lower.group(1).split()
    if not typed_in_lower_case(text):
        # In a capitalized message only one lower-case word right after the title counts:
        # "a sophomore at northeastern studying biology" (never "a nurse at night").
        words = words[:1]
        if words[0] in _NOT_ORG_WORDS | _NOT_ORG_IN_CAPS or not re.match(r"\s*at\b", tail) or (
                words[0].endswith("ing")):  # "a teacher with grading every weekend"
            return None
    if words[0] in _NOT_ORG_WORDS:
        return None
    return " ".join(w.capitalize() for w in words if w not in _NOT_ORG_WORDS) or None


_LOWER_PLACE = re.compile(r"\s*in\s+(?-i:([a-z][a-z'-]{2,}))\b")


def tail_place(tail: str, text: str) -> str | None:
    """ "nursing student in glasgow" typed all in lower case: the place, capitalized."""
    lower = _LOWER_PLACE.match(tail)
    if not lower or not typed_in_lower_case(text):
        return None
    word = lower.group(1)
    return None if word in _NOT_PLACE_WORDS else word.capitalize()


_NOT_PLACE_WORDS = word_set("""
the, a, an, my, our, town, city, training, school, college, uni, university, hospital, year,
years, charge, love, need, fact, general, particular, practice, theory, person, private, public,
tech, finance, marketing, sales, retail, education, healthcare, it, between, progress, remission,
recovery, transition, january, february, march, april, may, june, july, august, september,
october, november, december, spring, summer, autumn, fall, winter""")


def _i_am_a(match: re.Match[str], ctx: Context) -> Iterator[Found]:
    yield from _title_and_place(match, ctx, known=True)


def _i_am_bare(match: re.Match[str], ctx: Context) -> Iterator[Found]:
    # "I'm now in-house counsel at Apple": a title without its article, only when it ends on
    # a listed job noun and an employer follows ("I'm fine at home" is no job).
    title = job_title(match.group(1), need_known_head=True)
    if title and title.lower() == trim(match.group(1)).lower():
        yield job(title)
        org = org_name(match.group(2)) or tail_org(ctx.clause.text[match.end(1):], ctx.message)
        if not org and typed_in_lower_case(ctx.message) and match.group(2) not in _NOT_ORG_WORDS:
            org = match.group(2).capitalize()  # "me = backend eng @ fastly"
        if org:
            yield employer(org, title)


def _works_as(match: re.Match[str], ctx: Context) -> Iterator[Found]:
    yield from _title_and_place(match, ctx, known=False)


def _works_at(match: re.Match[str], ctx: Context) -> Iterator[Found]:
    org = org_name(match.group(1))
    if org:
        yield employer(org)


def _works_at_participle(match: re.Match[str], ctx: Context) -> Iterator[Found]:
    # "I'm a midwife now, starting at X": the participle describes the clause's subject.
    if re.match(r"^\W*(?:I|I'm|I am|we|we're)\b", ctx.clause.text):
        yield from _works_at(match, ctx)


_JOB_TALK = re.compile(r"\b(?:as an?|as (?:senior|junior|lead|head|chief)|job|role|position|"
                       r"company|hired|offer|resigned|quit|notice|colleagues|salary|team)\b", re.I)


def _joined(match: re.Match[str], ctx: Context) -> Iterator[Found]:
    # "I joined Thoughtworks as Senior QA Consultant": an employer when the message is about
    # work ("I joined Weight Watchers" is not).
    if _JOB_TALK.search(ctx.message or ctx.clause.text):
        yield from _works_at(match, ctx)


def _as_title(match: re.Match[str], ctx: Context) -> Iterator[Found]:
    # "...starting at Shopify as a junior data analyst": the title after "as", in a clause
    # whose subject is the user.
    if re.match(r"^\W*(?:\w+\s+){0,2}?(?:I|I'm|I've|we|we're)\b", ctx.clause.text):
        title = job_title(match.group(1), need_known_head=True)
        if title:
            yield job(title)
            tail = match.group(1)[match.group(1).find(title) + len(title):]
            org = tail_org(tail, ctx.message or ctx.clause.text)
            if org:
                yield employer(org, title)


def _my_job(match: re.Match[str], ctx: Context) -> Iterator[Found]:
    # "my job as a sonographer", "my boss at Deloitte": the user's own work, in passing; not
    # "I quit my job at Google".
    if re.search(r"\b(?:quit|quitting|left|leaving|lost|losing|resigned|fired|laid off|hated)\s*$",
                 ctx.clause.text[:match.start()], re.I):
        return
    if match.group(1):
        title = job_title(match.group(1), need_known_head=True)
        if title:
            yield job(title)
    org = org_name(match.group(2) or "")
    if org:
        yield employer(org)



def _accepted_job(match: re.Match[str], ctx: Context) -> Iterator[Found]:
    # "I've accepted an assistant principal job at a high school", "accepted a postdoc at X".
    title = job_title(match.group(1), need_known_head=True) if match.group(1) else None
    kind = match.group(2).lower()
    if kind in ("postdoc", "fellowship", "residency"):
        title = f"{title} {kind}" if title else kind
    if title:
        yield job(title)
    org = org_name(match.group(3) or "")
    if org:
        yield employer(org, title)


def _owns_business(match: re.Match[str], ctx: Context) -> Iterator[Found]:
    name = match.group(1)
    yield Found("work", "employer", name, f"Owns {name}", 0.85)


def _work_note(match: re.Match[str], ctx: Context) -> Iterator[Found]:
    # "employer: grafana labs (remote)", "title: staff engineer": the user's particulars as notes.
    key, value = match.group(1).lower(), trim(match.group(2))
    if not value or len(value.split()) > 5:
        return
    if key in ("employer", "company"):
        org = org_name(value) or (value.title() if value.islower() else None)
        if org:
            yield employer(org)
    elif title := job_title(value, need_known_head=True):
        yield job(title)


def _will_work_at(match: re.Match[str], ctx: Context) -> Iterator[Found]:
    # "from September I'll be teaching structures part-time at UWE": the next job.
    org = org_name(match.group(1))
    if org:
        yield Found("work", "employer", org, f"Works at {org}", 0.8)


# Had, not run: "I've a dry garage", "we have a home studio".
_HAD_NOT_RUN = word_set("garage, workshop, studio, gym, nursery, school, podcast, label, bar, farm")


def _runs_business(match: re.Match[str], ctx: Context) -> Iterator[Found]:
    # "I run a small bakery in Leeds": the user's work is that business.
    business = match.group(1).lower()
    if re.search(r"\bhave\b", match.group(0), re.I) and business.split()[-1] in _HAD_NOT_RUN:
        return
    if business.split()[0] in ("business", "company") or (
            len(business.split()) > 1 and business.split()[0] in ("business", "company", "job")):
        business = business.split()[-1]
    yield Found("work", "job_title", f"{business} owner", f"Runs {article(business)} {business}",
                0.8)
    if match.group(2):
        yield Found("location", "work_city", match.group(2), f"Works in {match.group(2)}", 0.75)
    if org := org_name(match.group(3) or ""):
        yield employer(org)  # "...a small candle business on etsy called Wick & Willow"


def _does_work(match: re.Match[str], ctx: Context) -> Iterator[Found]:
    # "I do marketing for a startup", "I do payroll for a living".
    field = clean(match.group(1), 3)
    if field and not re.match(r"^(?:it|this|that|a|an|the|my|some|nothing|everything|"
                              r"anything|stuff|things|what)\b", field, re.I):
        yield Found("work", "field", field, f"Works in {field}", 0.8)


def _field(match: re.Match[str], ctx: Context) -> Iterator[Found]:
    field = clean(TITLE_END.sub("", match.group(1)), max_words=3)
    if field and not re.match(r"^(?:a|an|the|my|it|this|that|how|what)\b", field, re.I):
        yield Found("work", "field", field, f"Works in {field}", 0.8)


def _bracketed_title(match: re.Match[str], ctx: Context) -> Iterator[Found]:
    # "i work nights (ER nurse, 3x12s)": the job in brackets after the user's work, when the
    # bracket opens on nothing but a title ("(she's a nurse)" names someone else).
    named = trim(match.group(1))
    title = job_title(named, need_known_head=True)
    if title and title.lower() == named.lower():
        yield job(title)


def _lower_case_employer(match: re.Match[str], ctx: Context) -> Iterator[Found]:
    # "since joining stripe": in a message typed all in lower case, an employer is too. In a
    # message with capitals, a lower-case word after "joined" is no name ("joined forces").
    if not typed_in_lower_case(ctx.message or ctx.clause.text):
        return
    org = match.group(1) or match.group(2)
    if lookup(org, JOBS):
        yield job(org.lower())  # "i took the dispatcher job" names the job, not the employer
    elif org.lower() not in NOT_EMPLOYERS | _NOT_ORG_WORDS and not org.endswith("ing"):
        yield employer(org[0].upper() + org[1:])


def _status(match: re.Match[str], ctx: Context) -> Iterator[Found]:
    yield job(match.group(1))


def _quit_org(match: re.Match[str], ctx: Context) -> Iterator[Found]:
    org = org_name(match.group(1))
    if org:
        yield Found("work", "*", org, f"No longer works at {org}", retract=True)


def _quit_job(match: re.Match[str], ctx: Context) -> Iterator[Found]:
    yield Found("work", "employer", "", "Left their job", retract=True)
    yield Found("work", "job_title", "", "Left their job", retract=True)


def _hobbyist(match: re.Match[str], ctx: Context) -> Iterator[Found]:
    hobby = HOBBY_NOUNS[match.group(1).lower()]
    yield Found("preference", "hobby", hobby, f"Enjoys {hobby}", 0.8)


_CALLED = r"(?:an?\s+[\w\s-]{0,40}?\s+(?:called|named)\s+)?"
_WORK_VERB = (r"(?:work(?:ing)?|start(?:ing|ed)?|join(?:ing|ed)?|hired|employed|promoted|back|"
              r"job|role|position|offer)")
def _named_employer(match: re.Match[str], ctx: Context) -> Iterator[Found]:
    # "I got the Octopus Energy job", "Now I am in Sanepar, the water company here".
    org = org_name(match.group(1) or match.group(2))
    if org:
        yield employer(org)


RULES: tuple[Rule, ...] = (
    rule(subject(HAVE) + r"\s+(?:got|landed|accepted|took|was offered|been offered)\s+the\s+"
         r"(?=(?-i:[A-Z]))("
         + PROPER + r")\s+(?:job|offer|role|position)\b|" + I_AM
         + r"\s+(?:now\s+)?(?:in|at|with)\s+(" + PROPER + r"),\s+(?:the|a|an)\s+(?:[\w-]+\s+){0,3}?"
         r"(?:company|firm|bank|agency|council|hospital|school|startup|studio|charity|utility|practice|consultancy|group)\b",
         _named_employer),
    rule(r"\b(?:joining|joined|work at|work for|working at|working for|hired at|hired by|"
         r"intern at|interning at|started at|job at)\s+(?-i:([a-z][a-z0-9&'-]{1,20}))(?=\s*(?:$|"
         r"[,.!;]|\s(?:since|as|and|last|in|on|now|for|lol|btw|like|part-time|full-time|part "
         r"time)\b))"
         r"|\b(?:got|landed|accepted|took)\s+the\s+(?-i:([a-z][a-z0-9&'-]{1,20}))\s+(?:job|offer)\b",
         _lower_case_employer),
    rule(I_AM + r"\s+(?:an?\s+)" + PHRASE, _i_am_a, stateful=True),
    rule(I_AM + r"\s+(?!an?\s)((?:[\w-]+\s+){0,3}?[\w-]+)\s+(?:at|for|with)\s+(" + PROPER
         + r"|(?-i:[a-z][\w&'-]+))", _i_am_bare, stateful=True),
    rule(subject(HAVE) + r"\s+(?:became|become|got promoted to|been promoted to|was promoted to)"
         r"\s+(?:an?\s+)?" + PHRASE, _works_as),
    rule(SELF + r"\s+work(?:\s+(?:remotely|from home|part-time|full-time))?\s+as\s+(?:an?\s+)?"
         + PHRASE, _works_as, stateful=True),
    rule(subject(BE) + r"\s+(?:work|working)\s+(?:remotely\s+|from home\s+)?(?:at|for)\s+"
         r"(?:an?\s+[\w\s-]{0,40}?\s+(?:called|named)\s+)?(" + PROPER + ")", _works_at,
         stateful=True),
    rule(subject(BE + "|" + HAVE) + r"\s+(?:starting|start|joining|joined|"
         r"started)\s+(?:working\s+)?(?:at|with|for)\s+" + _CALLED + "(" + PROPER + ")",
         _works_at),
    rule(subject(HAVE) + r"\s+(?:just\s+|officially\s+)?joined\s+(" + PROPER + ")", _joined),
    rule(r"(?:,|\band)\s+(?:now\s+)?(?:starting|working|employed)\s+(?:at|for|with)\s+"
         r"(?:an?\s+[\w\s-]{0,40}?\s+(?:called|named)\s+)?(" + PROPER + ")", _works_at_participle),
    # "I drive trains for Avanti West Coast", "I write for The Guardian": a trade for someone.
    rule(SELF + r"\s+(?:drive|fly|write|code|design|cook|deliver|clean|build|nurse|teach|coach|"
         r"referee|photograph|translate)\s+(?:[\w-]+\s+){0,2}?for\s+(" + PROPER + ")", _works_at),
    rule(subject(HAVE) + r"\s+(?:got|landed|accepted|signed)\s+(?:a|the|an)\s+(?:[\w-]+\s+){0,2}?"
         r"(?:job|position|role|offer|contract|gig|internship|placement|post)\s+"
         r"(?:at|with|from)\s+" + _CALLED + "(" + PROPER + ")", _works_at),
    rule(r"\b" + _WORK_VERB + r"\b[^,;]*?\bas\s+(?:an?\s+)?" + PHRASE, _as_title),
    rule(r"\bmy\s+(?:new\s+|current\s+|day\s+)?(?:job|role|position|work)\s+as\s+(?:an?\s+)?"
         + PHRASE + r"()", _my_job),
    rule(r"\bmy\s+(?:new\s+|current\s+)?(?:job|role|position|boss|manager|team|colleagues|"
         r"co-?workers|office|employer)\s+(?:at|with)\s+()(" + PROPER + ")", _my_job),
    rule(subject(BE + "|" + HAVE) + r"\s+(?:started|starting|began|begin|beginning)\s+(?:a|my)\s+"
         r"(?:new\s+)?(?:job|role|position|internship)\s+(?:at|with)\s+" + _CALLED + "("
         + PROPER + ")", _works_at),
    rule(SELF + r"\s+work\s+in\s+(?-i:([a-z][a-z -]{2,40}))", _field),
    rule(subject(HAVE) + r"\s+(?:accepted|got|landed|took|taken|been offered|was offered)\s+"
         r"(?:an?|the|my)\s+(?:new\s+|(?:one|two|three|\d)-year\s+|permanent\s+|full-time\s+)*"
         r"((?:[\w-]+\s+){0,3}?)(job|position|role|post|postdoc|fellowship|residency)\b(?:\s+(?:at|with)\s+"
         r"(" + PROPER + "))?", _accepted_job),
    rule(r"\b(?:I'll|I will)\s+(?:now\s+)?be\s+(?:teaching|lecturing|working|nursing|coaching)\b"
         r"[^,;.!?]{0,40}?\s+(?:at|for)\s+(" + PROPER + ")", _will_work_at, allow_modal=True),
    rule(r"^\W*(employer|company|title|role|job)\s*[:=]\s*" + PHRASE, _work_note),
    # "I own Pruitt's Pie Shop": a business named by its owner.
    rule(SELF + r"\s+(?:own|run|co-own)\s+((?-i:[A-Z][\w'&-]*(?:\s+[A-Z][\w'&-]*){0,3}\s+(?:Shop|"
         r"Bakery|Caf[eé]|Restaurant|Salon|Studio|Store|Bar|Pub|Diner|Farm|Garage|Kitchen)))\b",
         _owns_business),
    # "I run a wee B&B in Grantown", "I have a bike shop in Rosario".
    rule(SELF + r"\s+(?:run|own|manage|co-own|started|have)\s+(?:a|an|my own|our own|my|our)\s+"
         r"(?:(?:small|little|tiny|wee|family|local|own|new|vegan|independent)\s+)*((?:(?!a\b|an\b|"
         r"the\b)[\w-]+\s+)?(?:" + BUSINESSES + r"))\b(?=\s*(?:$|[,.;:!?(–-]|(?:in|on|at|called|"
         r"named|with|that|which|and|where|so|but|now|here|there|since|of|together|"
         r"myself)\b))(?:\s+in\s+(" + PROPER + r"))?(?:[^.;!?]{0,20}?\s(?:called|named)\s+("
         + PROPER + r"))?", _runs_business),
    rule(SELF + r"\s+do\s+(?-i:([a-z][a-z -]{2,30}?))\s+(?:for a living|for work|professionally|"
         r"for an?\s+(?:[\w-]+\s+)?(?:startup|company|agency|firm|charity|bank|hospital|living|"
         r"council|university|brand|client))\b", _does_work),
    rule(SELF + r"\s+(?:work|wfh|freelance|commute|do\s+shifts)\b[^()]{0,40}?(?:\(|\s[-–]\s)\s*"
         r"(?:an?\s+)?([^(),;–-]+?)\s*(?:[,;)]|\s[-–]\s|\s+(?:for|at)\s)", _bracketed_title),
    rule(I_AM + r"\s+(retired|unemployed)\b", _status, stateful=True),
    rule(subject(HAVE) + r"\s+(?:finally\s+)?(?:quit|resigned from)\s+(" + PROPER
         + r")(?!\s+(?:to|for)\s)", _quit_org),
    rule(subject(HAVE) + r"\s+(?:quit|left|lost)\s+my\s+job\b|\bI\s+(?:was|got)\s+"
         r"(?:laid off|fired|let go)\b", _quit_job),
    rule(SELF + r"(?:'m| am|'ve been| have been)\s+an?\s+(?:keen\s+|avid\s+|big\s+)?("
         + "|".join(HOBBY_NOUNS) + r")\b", _hobbyist),
)
