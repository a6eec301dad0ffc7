"""Facts as users of many Englishes type them: amounts without a currency ("budget 15k max",
"1.5 lakh"), "shifted to Hyderabad", "i am brazilian", "Welsh is my first language", "been w
Volt Co 6 yrs", children and fiancés named in lower case; and the health, work and taste
forms of the blind21/22 round. A plan dated to the day ends the same plan dated to its month.

Sentences are read at Wednesday 2026-02-04 (see ``factories.NOW``).
"""

from __future__ import annotations

import pytest

from lumiscope.server.memory.builtin import extract
from lumiscope.server.memory.consolidate import consolidate
from tests.server.memory.factories import at, facts_in, retractions_in, turn

STATED = [
    # amounts
    ("gotta start planning, budget 15k max", ("constraint", "budget", "15k")),
    ("budget is 25k max, we're paying ourselves", ("constraint", "budget", "25k")),
    ("budget max 1.5 lakh total including flights", ("constraint", "budget", "1.5 lakh")),
    ("Maximum we want pay is 250k, not more.", ("constraint", "budget", "250k")),
    ("so with the pay bump we upped the reno budget to 55k", ("constraint", "budget", "55k")),
    # who and where
    ("I am brazilian, 28 years, live in Porto since 2023.",
     ("identity", "nationality", "Brazilian")),
    ("i'm ghanaian, came to the uk from kumasi when i was 12",
     ("identity", "nationality", "Ghanaian")),
    ("i am from Chennai originally, and i am 29 only, cant keep relocating",
     ("identity", "age", "29")),
    ("Welsh is my first language so forgive the English.", ("identity", "language", "Welsh")),
    ("My english is not so good, portuguese is my language.",
     ("identity", "language", "Portuguese")),
    ("Hi, shifted to Hyderabad finally!!", ("location", "home_city", "Hyderabad")),
    ("we want buy first home, we rent in Salford now 4 years.",
     ("location", "home_city", "Salford")),
    # family named in lower case
    ("our son mason (7) wants his room 'minecraft themed' lol",
     ("relationship", "child", "son Mason")),
    ("darragh proposed on howth head.", ("relationship", "partner", "Darragh (engaged)")),
    ("cian is 9 and saoirse is 7, they'll eat anything with cheese on it, the kids are fussy",
     ("relationship", "child", "Saoirse")),
    # work
    ("I'm the school secretary now in the kids' school", ("work", "job_title", "school secretary")),
    ("i am domestic helper here in Tai Po since 2019", ("work", "job_title", "domestic helper")),
    ("im an electrician, been w Volt Co in hamilton 6 yrs but doing a bit on the side",
     ("work", "employer", "Volt Co")),
    ("also big news i made lieutenant at the station", ("work", "job_title", "lieutenant")),
    ("been at monzo 2 weeks now as a junior data engineer, still pinching myself",
     ("work", "employer", "Monzo")),
    ("business is called Walker Electrical.", ("work", "employer", "Walker Electrical")),
    # health
    ("gout's flared up again", ("health", "condition", "gout")),
    ("hay fever has been awful this year btw", ("health", "condition", "hay fever")),
    ("tore my ACL playing rec softball a few yrs back so kneeling kills me",
     ("health", "condition", "tore ACL")),
    ("had my glucose test and they've diagnosed gestational diabetes",
     ("health", "condition", "gestational diabetes")),
    ("consultant switched me off metformin and onto insulin, injecting at night now.",
     ("health", "medication", "insulin")),
    ("still on the insulin at night, numbers much better now", ("health", "medication", "insulin")),
    # tastes, goals, things
    ("I really prefer learning with music, I'm addicted to city pop",
     ("preference", "likes", "city pop")),
    ("I've had a season ticket at Parc y Scarlets for years",
     ("preference", "likes", "Parc y Scarlets")),
    ("I'm bass in the Llandeilo male voice choir",
     ("preference", "group", "Llandeilo male voice choir")),
    ("long term goal is turning the basement into a rental unit to help with the mortgage",
     ("goal", "goal", "turning the basement into a rental unit")),
    ("long term i want us to be basically self-sufficient in salad and veg most of the year",
     ("goal", "goal", "be basically self-sufficient in salad and veg")),
    ("also my car (2012 corolla) makes a squeaky noise when i brake",
     ("possession", "car", "corolla")),
    ("sold the hilux n got a 2nd hand Ford Ranger for work.", ("possession", "car", "Ford Ranger")),
    ("just closed on a 1924 craftsman bungalow in clintonville (columbus)",
     ("possession", "home", "craftsman bungalow")),
    # dated in other words
    ("ok so we're off to Lapland a week on saturday and the kids have no idea",
     ("plan", "trip", "Lapland on 2026-02-14")),
    ("ok the JLPT is in 3 weeks, can you make me a study plan?",
     ("plan", "event", "the JLPT on 2026-02-25")),
    ("We have meeting with mortgage broker next Thursday for new agreement in principle",
     ("plan", "event",
      "meeting with mortgage broker for new agreement in principle on 2026-02-05")),
]


@pytest.mark.parametrize(("message", "expected"), STATED)
def test_a_statement_in_this_english_becomes_a_fact(message: str,
                                                    expected: tuple[str, str, str]) -> None:
    assert expected in facts_in(message)


NOT_FACTS = [
    "lunch is 5 and dinner is 8, the kids eat late", "I've been at home for 3 weeks",
    "I ran a 10k last week", "my mum's arthritis has been awful", "still on the fence about it",
    "I'm bass in the choir, practice Tuesday and Thursday nights, every week",
    "we just closed on the sale of the condo",
]


@pytest.mark.parametrize("message", NOT_FACTS)
def test_a_sentence_written_this_way_states_no_fact(message: str) -> None:
    assert not [f for f in facts_in(message) if f[0] != "preference"]


def test_a_doctors_stop_ends_the_drug() -> None:
    message = "doctor change my medicine po, stop the amlodipine because my ankles swelling"
    assert ("medication", "amlodipine") in retractions_in(message)
    assert not [f for f in facts_in(message) if f[1] == "job_title"]
    assert retractions_in("stop the car please") == set()


def test_a_plan_dated_to_the_day_ends_the_same_plan_dated_to_its_month() -> None:
    facts, superseded = consolidate([], extract([
        turn("I registered for the JLPT N4 in december!! now is real"),
        turn("ok the JLPT is in 3 weeks, can you make me a study plan?", time_ns=at(290))]))
    assert [f.value for f in facts if f.category == "plan" and f.current] == [
        "the JLPT on 2026-12-12"]
    assert any("2026-12" in f.value for f in superseded)
