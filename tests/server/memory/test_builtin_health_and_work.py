"""Health and work facts as chat states them: what a teacher teaches, a condition had since
college or named as "my ...", a doctor's finding, past operations, a bad joint, a title in
brackets, retirement and the job it ended, a change of shift, a qualification under way.

Sentences are read at Wednesday 2026-02-04 (see ``factories.NOW``).
"""

from __future__ import annotations

import pytest

from lumiscope.server.memory.builtin import extract
from lumiscope.server.memory.consolidate import consolidate
from lumiscope.server.memory.model import Fact
from tests.server.memory.factories import at, facts_in, retractions_in, turn

STATED = [
    # what a teacher teaches, kept in the title
    ("Hi! I teach 10th grade chemistry and we're starting stoichiometry next week.",
     ("work", "job_title", "10th grade chemistry teacher")),
    ("I teach piano", ("work", "job_title", "piano teacher")),
    ("i teach yr 6", ("work", "job_title", "yr 6 teacher")),
    ("I teach AP Bio at a public high school", ("work", "job_title", "AP Bio teacher")),
    ("I teach English to adults", ("work", "job_title", "English teacher")),
    ("I'm a primary school teacher", ("work", "job_title", "primary school teacher")),
    # a condition that has lasted, or that "my" makes the user's
    ("I've had migraines since college and my doctor has me on sumatriptan when they hit.",
     ("health", "condition", "migraines")),
    ("I've had migraines since college and my doctor has me on sumatriptan when they hit.",
     ("health", "medication", "sumatriptan")),
    ("I've had asthma my whole life", ("health", "condition", "asthma")),
    ("I have had eczema for years", ("health", "condition", "eczema")),
    ("I've had bad knees for years", ("health", "condition", "bad knees")),
    ("also they finally got me on a cpap for my sleep apnea which my company required",
     ("health", "condition", "sleep apnea")),
    ("my asthma is acting up", ("health", "condition", "asthma")),
    ("my psoriasis has been flaring up again", ("health", "condition", "psoriasis")),
    ("with my IBS I can't eat onions", ("health", "condition", "IBS")),
    # a finding: a reading that is low or high, and what the prescriber named
    ("My GP did a blood test and said my iron is low, she prescribed ferrous fumarate tablets.",
     ("health", "condition", "low iron")),
    ("My GP did a blood test and said my iron is low, she prescribed ferrous fumarate tablets.",
     ("health", "medication", "ferrous fumarate")),
    ("My doctor said my vitamin D is low", ("health", "condition", "low vitamin D")),
    ("bloodwork came back and my ferritin was really low", ("health", "condition", "low ferritin")),
    ("my thyroid is low so shes got me on levothyroxine 50mcg",
     ("health", "condition", "low thyroid")),
    ("my cholesterol's up over 260", ("health", "condition", "high cholesterol")),
    ("my blood pressure has been high lately", ("health", "condition", "high blood pressure")),
    # operations the user had
    ("One more thing, I had a knee replacement in July so I can't manage long walks",
     ("health", "surgery", "knee replacement")),
    ("I had a hip replacement", ("health", "surgery", "hip replacement")),
    ("had my gallbladder out", ("health", "surgery", "gallbladder removal")),
    ("I had knee surgery last year", ("health", "surgery", "knee surgery")),
    ("I had my left hip replaced in 2019", ("health", "surgery", "left hip replacement")),
    ("I had an appendectomy last year", ("health", "surgery", "appendectomy")),
    ("I've had surgery on my right shoulder", ("health", "surgery", "right shoulder surgery")),
    # a body part the user calls bad
    ("one thing - bad left knee, old soccer injury. lunges kill it",
     ("health", "condition", "bad left knee")),
    ("dodgy back, so no deadlifts", ("health", "condition", "dodgy back")),
    ("bad knees lol", ("health", "condition", "bad knees")),
    ("my left knee has been bad since my surgery last fall",
     ("health", "condition", "bad left knee")),
    ("my lower back has been playing up for months", ("health", "condition", "bad lower back")),
    # a job title in brackets after the user's work
    ("i work nights (ER nurse, 3x12s) so sched is all over the place",
     ("work", "job_title", "ER nurse")),
    ("i wfh most days (graphic designer) so hes not alone much",
     ("work", "job_title", "graphic designer")),
    ("I work part time (barista, weekends)", ("work", "job_title", "barista")),
    # retirement, with the job it ended
    ("I retired in December after thirty-four years as a school librarian",
     ("work", "job_title", "retired school librarian")),
    ("retired after 30 years as a nurse", ("work", "job_title", "retired nurse")),
    ("I retired in December after thirty-four years as a school librarian, and this spring I "
     "would like to finally start a vegetable garden.",
     ("work", "job_title", "retired school librarian")),
    ("I retired from teaching last year", ("work", "job_title", "retired teacher")),
    ("I've just retired!", ("work", "job_title", "retired")),
    # shifts
    ("GUESS WHO FINALLY GOT DAY SHIFT", ("constraint", "work_mode", "day shift")),
    ("now that im on days i wanna start running", ("constraint", "work_mode", "day shift")),
    ("update: im off nights!! moved to a day shift job at an urgent care clinic",
     ("constraint", "work_mode", "day shift")),
    ("I switched to nights in January", ("constraint", "work_mode", "night shift")),
    ("I work days now", ("constraint", "work_mode", "day shift")),
    ("im an ICU nurse, work nights 7p to 7a", ("constraint", "work_mode", "night shift")),
    # a qualification under way
    ("I'm starting National Board certification this fall",
     ("goal", "goal", "National Board certification")),
    ("I'm going for my PMP certification", ("goal", "goal", "PMP certification")),
]


@pytest.mark.parametrize(("message", "expected"), STATED)
def test_a_health_or_work_fact_stated_this_way_is_read(message: str,
                                                       expected: tuple[str, str, str]) -> None:
    assert expected in facts_in(message)


NOT_FACTS = [
    # someone else's work, condition or operation
    "my wife teaches piano", "(ER nurse) is what she does", "I work with her (she's a nurse)",
    "my mum had a hip replacement", "my wife's asthma is acting up",
    "my son's migraines are getting worse", "is it bad for my son's asthma?",
    "my son has had migraines since he was 5", "my mum's iron is low",
    "my friend said my iron is low", "my sister got day shift",
    "my wife is starting her certification", "we had a hip replacement in the family",
    # questions, hypotheticals, plans and one-offs
    "if I had a knee replacement would I be able to ski?", "I had a knee replacement scheduled?",
    "I had a knee replacement scheduled but they cancelled it",
    "I had a hip replacement patient today", "is my iron low?", "my iron is back up",
    "if my knee is bad tomorrow I'll rest", "my back is killing me", "bad knee?",
    "I've had it since college", "I've had a cold for a week", "I had asthma for years as a kid",
    "I had my nails done", "I retired my old laptop", "I'm retiring next year",
    "I'm on nights this week", "I'm on days off", "I'm starting to think about certification",
    "I'm renewing my driving licence",
]


@pytest.mark.parametrize("message", NOT_FACTS)
def test_a_sentence_that_is_not_the_users_health_or_work_states_nothing(message: str) -> None:
    assert {f for f in facts_in(message) if f[0] != "relationship"} == set()


def test_a_pupil_named_after_teach_is_no_subject() -> None:
    assert not [f for f in facts_in("I teach Sarah on Mondays") if f[1] == "job_title"]


def test_pupils_after_teach_stay_out_of_the_title() -> None:
    assert {f[2] for f in facts_in("I teach 30 kids") if f[1] == "job_title"} == {"teacher"}


def test_a_condition_before_patients_is_the_users_work_not_their_health() -> None:
    read = facts_in("I do the medication round for my dementia patients")
    assert not [f for f in read if f[1] == "condition"]


def test_a_prescriber_called_she_must_be_the_users_own() -> None:
    read = facts_in("my wife saw her GP and she prescribed sertraline")
    assert not [f for f in read if f[1] == "medication"]


def test_a_title_in_brackets_after_someone_elses_work_is_not_the_users() -> None:
    assert not [f for f in facts_in("my wife works nights (ER nurse)") if f[1] == "job_title"]


def test_retiring_from_an_employer_ends_the_job_there() -> None:
    message = "I retired from Boeing after 30 years as an engineer"
    assert ("work", "job_title", "retired engineer") in facts_in(message)
    assert ("*", "Boeing") in retractions_in(message)


def test_retiring_from_a_trade_ends_no_employer() -> None:
    assert retractions_in("retired from nursing in 2020") == set()


def _changed(before: str, after: str, subject: str) -> tuple[list[str], list[str]]:
    known, _ = consolidate([], [f for f in extract([turn(before)]) if isinstance(f, Fact)])
    later = [f for f in extract([turn(after, time_ns=at(200))]) if isinstance(f, Fact)]
    changed, superseded = consolidate(known, later, None)
    return ([f.value for f in superseded if f.subject == subject],
            [f.value for f in changed if f.subject == subject])


@pytest.mark.parametrize(("before", "after", "subject", "old", "new"), [
    ("i work nights (ER nurse, 3x12s) so sched is all over the place",
     "GUESS WHO FINALLY GOT DAY SHIFT", "work_mode", "night shift", "day shift"),
    ("im an ICU nurse, work nights 7p to 7a", "now that im on days i wanna start running",
     "work_mode", "night shift", "day shift"),
    ("I'm a school librarian", "I retired in December after thirty-four years as a school "
     "librarian", "job_title", "school librarian", "retired school librarian"),
    ("i teach 7th grade science at a middle school", "got hired as a curriculum developer at "
     "Khan Academy", "job_title", "7th grade science teacher", "curriculum developer"),
])
def test_the_new_shift_retirement_or_job_supersedes_the_last(before: str, after: str,
                                                            subject: str, old: str,
                                                            new: str) -> None:
    assert _changed(before, after, subject) == ([old], [new])


def test_the_plain_teacher_title_merges_into_the_one_with_the_subject() -> None:
    learned = [f for f in extract([turn("I teach 10th grade chemistry")]) if isinstance(f, Fact)]
    facts, superseded = consolidate([], learned, None)
    assert [f.value for f in facts if f.subject == "job_title"] == ["10th grade chemistry teacher"]
    assert superseded == []
