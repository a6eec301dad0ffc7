"""Facts told in passing to a product assistant (a bank, an airline, a claims desk, a calendar)
and by learners of English: pronouns in an aside, a new place "is in Stockport", the origin
before "where I'm from", a condition named bare after the body part, "no more amlodipine", a
job left by its shop ("i quit the coffee shop"), a pet that died, goals without "to".

Sentences are read at Wednesday 2026-02-04 (see ``factories.NOW``).
"""

from __future__ import annotations

import pytest

from lumiscope.server.memory.builtin import extract
from lumiscope.server.memory.consolidate import consolidate
from lumiscope.server.memory.dates import find_date
from lumiscope.server.memory.informal import prepare
from tests.server.memory.factories import NOW, at, facts_in, retractions_in, turn

STATED = [
    ("also ur last email called me Mr Dana Okafor lol, its just Dana, pronouns they/them",
     ("identity", "pronouns", "they/them")),
    ("can you write a short bio for the lab website use they/them for me.",
     ("identity", "pronouns", "they/them")),
    ("we are polish family, at home we speak only polish", ("identity", "nationality", "Polish")),
    ("we are polish family, at home we speak only polish", ("identity", "language", "Polish")),
    ("im ghanaian too, born in kumasi, so my mum is very serious about it",
     ("location", "origin", "Kumasi")),
    ("my sister wedding is the 12th, in Sevilla, where i am from.",
     ("location", "origin", "Sevilla")),
    ("aye, ma maw's drivin up fae Paisley tae help, that's where a grew up.",
     ("location", "origin", "Paisley")),
    ("also heads up i moved, new place is in Stockport.", ("location", "home_city", "Stockport")),
    ("hi again. we move house! now in Hounslow, rent in Ealing too expensive.",
     ("location", "home_city", "Hounslow")),
    ("im doing a tattoo apprenticeship now at a studio in town",
     ("work", "job_title", "tattoo apprenticeship")),
    ("my cat pickle literally ate through mine 😭", ("relationship", "pet", "cat Pickle")),
    ("Bess died in september 😢 new one's a cocker spaniel called Rolo",
     ("relationship", "pet", "spaniel Rolo")),
    ("our baby girl came last month, we named her Njeri!", ("relationship", "child", "Njeri")),
    ("My right hip is shot, arthritis, and they've offered the replacement in January",
     ("health", "condition", "arthritis")),
    ("my doctor say my thyroid is low, hypothyroidism, i start levothyroxine tomorrow.",
     ("health", "condition", "hypothyroidism")),
    ("my doctor say my thyroid is low, hypothyroidism, i start levothyroxine tomorrow.",
     ("health", "medication", "levothyroxine")),
    ("i have back problem, herniated disc since may, doctor say no lifting heavy.",
     ("health", "condition", "herniated disc")),
    ("my back is killing me, doctor say is sciatica.", ("health", "condition", "sciatica")),
    ("me and my husband Rohan are saving for a house deposit",
     ("goal", "goal", "save for a house deposit")),
    ("I want to retire by 70 and hand it to him proper", ("goal", "goal", "retire by 70")),
    ("I want apply British citizenship next year", ("goal", "goal",
                                                   "apply British citizenship next year")),
    ("i want arrive to 63 kg before summer", ("goal", "goal", "arrive to 63 kg before summer")),
    ("My dream is to open a second shop in Thika next year near the big schools there.",
     ("goal", "goal", "open a second shop in Thika next year")),
    ("and i signed up for a sports physio diploma!! classes every monday 6-9pm from january",
     ("goal", "goal", "sports physio diploma")),
    ("Also I'm busy with my application for the postgrad diploma in critical care nursing",
     ("goal", "goal", "postgrad diploma in critical care nursing")),
    ("I'm deputy head at Oakfield Primary in York so it has to come from me",
     ("work", "job_title", "deputy head")),
    ("I'm deputy head at Oakfield Primary in York so it has to come from me",
     ("location", "work_city", "York")),
    ("my wife abena wants christmas sorted, we fly to accra on the 20th of next month",
     ("plan", "trip", "Accra on 2026-03-20")),
    ("also dentist next thursday 11am", ("plan", "event", "dentist 11am on 2026-02-05")),
    ("we moved to Cardiff last month, rohan got a job here. new place is in Canton",
     ("location", "neighbourhood", "Canton")),
    # learners of English and the Englishes of blind24
    ("ok fine lah no keto. i'm 29 already metabolism not like last time",
     ("identity", "age", "29")),
    ("how long take to go from Tampines to woodlands ah, i stay tampines then",
     ("location", "home_city", "Tampines")),
    ("I stay in Kibera with my aunt", ("location", "home_city", "Kibera")),
    ("just started new job at DBS last month, finance analyst in treasury ops.",
     ("work", "employer", "DBS")),
    ("just started new job at DBS last month, finance analyst in treasury ops.",
     ("work", "job_title", "finance analyst")),
    ("I'm an ICU nurse at Chris Hani Baragwanath, night shift 4 on 4 off, so I eat late",
     ("constraint", "work_mode", "night shift")),
    ("Starting 1 August so we are moving from Soweto to Cape Town.",
     ("plan", "move", "Cape Town on 2026-08-01")),
    ("I am builder, self employ, I do loft conversion and extension in west London.",
     ("work", "job_title", "builder")),
    ("I'm a rancher, run about 60 head of Angus outside Brady Texas.",
     ("work", "job_title", "rancher")),
    ("I live in Ealing with my wife Agnieszka and small daughter Zosia, she is 6",
     ("relationship", "child", "daughter Zosia")),
    ("also I dont work sundays, only for family and church",
     ("constraint", "days_off", "Sundays")),
    ("cheers. also a work saturdays at the Tesco on Dumbarton Road",
     ("constraint", "works_on", "Saturdays")),
    ("good. also we fly to Krakow on 19th next month for Christmas, 2 weeks.",
     ("plan", "trip", "Krakow on 2026-03-19")),
    ("I support Wisla Krakow, maybe I see one match if they play",
     ("preference", "favourite_team", "Wisla Krakow")),
    ("Willie Nelson's my all time favorite, any chance he's playing down there",
     ("preference", "likes", "Willie Nelson")),
    ("What about barbecue. I ain't giving up brisket, that's not happening",
     ("preference", "likes", "brisket")),
    ("Darlene my wife already took my Dr Pepper away so don't you start on that",
     ("relationship", "partner", "wife Darlene")),
    ("ill ask my doctor when i see her about my adhd meds anyway", ("health", "condition", "adhd")),
    ("a'm 20, no much experience apart fae Tesco", ("identity", "age", "20")),
    ("also need a new GP near dennistoun, a've got asthma n need ma inhaler prescription sorted",
     ("health", "condition", "asthma")),
    ("wonderwall lol every guy at every party. ma girlfriend Eilidh will actually chuck me",
     ("relationship", "partner", "girlfriend Eilidh")),
    ("can ye gie me a wee cheap recipe an all. am vegetarian n skint",
     ("preference", "diet", "vegetarian")),
    ("Doc says my A1C is up to 8.1. Been on metformin for the diabetes six years now.",
     ("health", "medication", "metformin")),
    ("Our 40th anniversary is three weeks from today and I want to take Darlene down to San "
     "Antonio, the Riverwalk.", ("plan", "trip", "San Antonio on 2026-02-25")),
]

NOT_STATED = [
    "I'm polish off the last of the cake",  # a typo, not a nationality
    "i was born in may",
    "now in London for the day",  # no move told
    "I quit the gym",  # a gym left is no job left
    "my mum's hip is bad, arthritis",
    "my son has a cough. asthma",
    "what about asthma",
    "no more excuses",
    "I start Monday!",
    "my son really hates broccoli",
    "im allergic to phone calls (not literally lol)",
    "I'm staying at the Hilton in Paris",
    "we stay at the Hilton",
    "I stay home on sundays",
    "I stay up late",
    "I support the idea",
    "that's my favourite",
]


@pytest.mark.parametrize(("message", "expected"), STATED)
def test_a_fact_said_in_passing_becomes_a_fact(message: str,
                                               expected: tuple[str, str, str]) -> None:
    assert expected in facts_in(message)


@pytest.mark.parametrize("message", NOT_STATED)
def test_a_sentence_like_these_states_no_fact_about_the_user(message: str) -> None:
    assert facts_in(message) == set()


def test_titles_and_events_are_no_names() -> None:
    assert not {f for f in facts_in("sign it off 'Mrs H. Whitfield'") if f[2] == "Mrs"}
    assert ("relationship", "sibling", "sister Wedding") not in facts_in(
        "my sister wedding is the 12th")
    assert not {f for f in facts_in("our baby girl came last month") if f[1] == "child"
                and "Girl" in f[2]}


def test_no_more_ends_a_medication_and_on_starts_the_new_one() -> None:
    message = "My new doctor here changed my BP meds, no more amlodipine, now I'm on losartan."
    assert ("medication", "amlodipine") in retractions_in(message)
    assert ("health", "medication", "losartan") in facts_in(message)


def test_quitting_the_shop_ends_the_job_and_the_new_post_replaces_it() -> None:
    learned = extract([turn("im a barista at a cafe in town"),
                       turn("i quit the coffee shop btw, im doing a tattoo apprenticeship now",
                            time_ns=at(30))])
    changed, _ = consolidate([], learned)
    titles = {f.value for f in changed if f.subject == "job_title" and f.current}
    assert titles == {"tattoo apprenticeship"}


def test_leaving_a_company_ends_the_job_there() -> None:
    assert ("*", "Anglia Electrical") in retractions_in("i left Anglia Electrical in june")


def test_a_pet_that_died_leaves_current_memory_and_stays_in_history() -> None:
    learned = extract([turn("ok. dog is going mental lol. my dog Bess hates storms"),
                       turn("Bess died in september 😢", time_ns=at(200))])
    changed, superseded = consolidate([], learned)
    assert not [f for f in changed if "Bess" in f.value]
    [bess] = [f for f in superseded if "Bess" in f.value]
    assert not bess.current and bess.value == "dog Bess"


def test_a_month_gone_by_is_no_plan() -> None:
    assert not {f for f in facts_in("we've got a new pup too, Bess died in september")
                if f[0] == "plan"}


@pytest.mark.parametrize(("phrase", "iso"), [
    ("flying to Mumbai the day after boxing day", "2026-12-27"),
    ("my sister wedding is the 12th", "2026-02-12"),
    ("the roofer can come a fortnight today", "2026-02-18"),
])
def test_these_dates_resolve_against_the_message_day(phrase: str, iso: str) -> None:
    ref = find_date(phrase, NOW)
    assert ref is not None and ref.iso == iso


def test_a_birth_ends_the_pregnancy() -> None:
    assert ("condition", "pregnant") in retractions_in("our baby girl came last month, we named "
                                                       "her Njeri!")


def test_a_switch_off_a_drug_ends_the_sentence_kept_about_it() -> None:
    learned = extract([turn("Been on metformin for the diabetes six years now, ugh"),
                       turn("Doc switched me off the metformin onto Jardiance.", time_ns=at(90))])
    changed, _ = consolidate([], learned)
    assert not [f for f in changed if f.current and "metformin" in f.value.lower()]
    assert [f for f in changed if f.current and f.value == "Jardiance"]


@pytest.mark.parametrize(("typed", "read"), [
    ("doin computing science at glasgow uni", "doing computing science at glasgow uni"),
    ("movin flat next week", "moving flat next week"),
    ("a'm 20 and a've got asthma", "I'm 20 and I've got asthma"),
    ("ma girlfriend Eilidh", "my girlfriend Eilidh"),
    ("am vegetarian n skint", "I am vegetarian and skint"),
])
def test_scots_and_dropped_gs_are_read_as_written_out(typed: str, read: str) -> None:
    assert prepare(typed) == read
