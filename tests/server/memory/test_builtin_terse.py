"""Facts stated tersely or in passing: "Wife Lorraine asks...", "Now volunteer at the food
bank", "i should of said im lactose intolerant", a hedge before a colon, the people who look
after the user's money or learning (rules/contacts.py), businesses run, had and sold.

Sentences are read at Wednesday 2026-02-04 (see ``factories.NOW``).
"""

from __future__ import annotations

import pytest

from lumiscope.server.memory.builtin import extract
from lumiscope.server.memory.consolidate import consolidate
from tests.server.memory.factories import at, facts_in, retractions_in, turn

STATED = [
    # a relative named without "my"
    ("Wife Lorraine asks when I can drive after.", ("relationship", "partner", "wife Lorraine")),
    ("Grandson Ethan set me up with his old iPhone 13.",
     ("relationship", "grandchild", "grandson Ethan")),
    # a correction of what went unsaid is a statement, not a modal
    ("thats great but i should of said im lactose intolerant so not to much cheese for me",
     ("health", "condition", "lactose intolerance")),
    ("Oh I forgot to mention I'm vegetarian.", ("preference", "diet", "vegetarian")),
    # chat shorthand and fillers
    ("im still living w my mom in fort wayne and saving up for a truck",
     ("location", "home_city", "Fort Wayne")),
    ("I'm 54 by the way, my mom says it's all menopause stuff", ("identity", "age", "54")),
    ("other stuff about me for the essays i guess: i'm 17, in class 12 now",
     ("identity", "age", "17")),
    ("Keen on fishing.", ("preference", "likes", "fishing")),
    ("Yes please, batch cooking is my whole life.", ("preference", "likes", "batch cooking")),
    ("Please always show me the amounts in pesos, not dollars.",
     ("preference", "prefers", "show me the amounts in pesos, not dollars")),
    # health
    ("I'm Deaf, I use BIM (Malaysian Sign Language)", ("health", "accessibility", "deaf")),
    ("also ngl im red-green colorblind which is kinda a problem w wire colors lol.",
     ("health", "accessibility", "red-green colorblind")),
    ("it turns out I have moderate obstructive sleep apnea, like 22 events an hour.",
     ("health", "condition", "sleep apnea")),
    ("One problem: after 20 minutes my left wrist hurts.",
     ("health", "condition", "left wrist pain")),
    ("Yep, got my CPAP machine last week, a ResMed AirSense 11.",
     ("possession", "medical device", "CPAP machine")),
    # work
    ("Now volunteer at the Timaru food bank, Tuesdays.",
     ("work", "volunteer", "volunteer at Timaru food bank")),
    ("Gord here, 63, retired CN Rail conductor, live in Kamloops BC.",
     ("work", "job_title", "retired CN Rail conductor")),
    ("Gord here, 63, retired CN Rail conductor, live in Kamloops BC.",
     ("location", "home_city", "Kamloops BC")),
    ("I am a nurse-midwife, been doing this nearly twenty years now",
     ("work", "job_title", "nurse-midwife")),
    ("I am a lecturer in physical chemistry at Bangor University",
     ("work", "field", "physical chemistry")),
    ("I run a wee B&B in Grantown-on-Spey (Heatherbank, three guest rooms!",
     ("work", "job_title", "b&b owner")),
    ("I am Martín, I have a bike shop in Rosario, Argentina - repairs",
     ("location", "work_city", "Rosario")),
    ("i run a small candle business on etsy called Wick & Willow, its just me",
     ("work", "employer", "Wick & Willow")),
    # goals and projects
    ("My dream is to open a second shop in Funes, maybe in 2027, many people ride bikes there",
     ("goal", "goal", "open a second shop in Funes")),
    ("I have been thinking seriously about doing the IBCLC to become a lactation consultant",
     ("goal", "goal", "become a lactation consultant")),
    ("I am writing an undergraduate textbook on electrochemistry.",
     ("goal", "goal", "writing an undergraduate textbook on electrochemistry")),
    # relationships
    ("One more thing: Amir and I got engaged last weekend!!",
     ("relationship", "partner", "Amir (engaged)")),
    ("hey so im recently divorced (papers went thru in december)",
     ("relationship", "marital_status", "divorced")),
    ("we have shared custody, week on week off",
     ("relationship", "custody", "shared custody")),
    ("ive been seeing someone since august, her name is nadia, and shes coming to the party",
     ("relationship", "partner", "Nadia")),
    ("Yes, my accountant Graciela does this.",
     ("relationship", "accountant", "accountant Graciela")),
    ("News: I found a teacher, Frau Lindner, lessons every second Thursday.",
     ("relationship", "teacher", "teacher Lindner")),
    # possessions
    ("I'll need to nip to Inverness in my wee Fiat Panda to even find tofu!",
     ("possession", "car", "Fiat Panda")),
    ("Bit of news: I bought myself a Garmin inReach Mini 2 after a close call",
     ("possession", "device", "Garmin inReach Mini 2")),
    ("broooo i finally got a new truck!! 2014 silverado 1500, sold the ranger to my cousin",
     ("possession", "car", "Silverado 1500")),
    # groups the user belongs to (rules/groups.py)
    ("because I am one of only three altos in the church choir, so can you help me",
     ("preference", "group", "church choir")),
    ("The orchestra (I joined in April finally) does not have enough violas",
     ("preference", "group", "orchestra")),
    ("I play in a punk band", ("preference", "group", "punk band")),
    # dated in other words (rules/dated.py)
    ("Knee replacement in four weeks. Left knee. What should I sort at home beforehand.",
     ("plan", "event", "Knee replacement on 2026-03-04")),
    ("I am also giving the plenary address at a meeting in Edinburgh four weeks from today",
     ("plan", "event", "also giving the plenary address at a meeting in Edinburgh on 2026-03-04")),
    ("Also: I have meeting with Graciela on 15 December for the closing of the year.",
     ("plan", "event", "meeting with Graciela for the closing of the year on 2026-12-15")),
    ("my sister convinced me to come and visit her in Fort Lauderdale, and I fly out on the 19th",
     ("plan", "trip", "Fort Lauderdale on 2026-02-19")),
    # and more
    ("I'm Deaf, I use BIM (Malaysian Sign Language), and English/Malay in writing",
     ("identity", "language", "BIM (Malaysian Sign Language)")),
    ("Big changes: my company transfer me to Lagos last month", ("location", "home_city", "Lagos")),
    ("And I'll be honest, I've got no head for heights.", ("constraint", "fear", "heights")),
    ("which is the story of my life since I went on permanent nights three years ago",
     ("constraint", "work_mode", "night shift")),
    ("I have recently taken up sea swimming in the Menai Strait",
     ("preference", "hobby", "sea swimming")),
    ("I've started the Couch to 5K instead, I'm on week 3", ("preference", "hobby", "couch to 5k")),
    ("Ah wait, no coriander on mine please, it tastes like washing-up liquid to me.",
     ("preference", "dislikes", "coriander")),
]


@pytest.mark.parametrize(("message", "expected"), STATED)
def test_a_terse_statement_becomes_a_fact(message: str, expected: tuple[str, str, str]) -> None:
    assert expected in facts_in(message)


NOT_FACTS = [
    "I've a dry garage.", "I have a gym membership",
    "my back hurts today ugh", "always call me back", "my boss is a nightmare",
    "I've been seeing someone, it's early days", "I closed the shop door",
    "Wife said no.", "my friend is deaf",
    "Morning again.", "Spring's here.", "I joined the team at Google last year",
    "My son plays in a band", "she wants me to visit her in Paris someday",
    "Honestly, if we ever sold up and moved to Spain I'd open a wee tapas bar!",
    "BIG NEWS: i retook the SAT on oct 3 and got 1530!!!", "I'll be in a meeting on Monday",
]


@pytest.mark.parametrize("message", NOT_FACTS)
def test_a_sentence_written_this_way_states_no_fact(message: str) -> None:
    assert facts_in(message) == set()


def test_a_business_meeting_is_no_business() -> None:
    assert not [f for f in facts_in("I have a business meeting tomorrow") if f[0] == "work"]


def test_deaf_is_no_name() -> None:
    assert not [f for f in facts_in("I'm Deaf, I use BIM") if f[1] == "name"]


def test_selling_the_business_ends_the_work_it_was() -> None:
    assert {("work", "employer", "Dulce Vida"), ("work", "job_title", "bakery owner")} <= facts_in(
        "I run a small bakery in San Antonio called Dulce Vida.")
    assert retractions_in("big change: sold the bakery in september") >= {
        ("employer", ""), ("job_title", "")}
    facts, _ = consolidate([], extract([
        turn("I run a small bakery in San Antonio called Dulce Vida."),
        turn("big change: sold the bakery in september", time_ns=at(30))]))
    current = {(f.subject, f.value) for f in facts if f.current}
    assert ("employer", "Dulce Vida") not in current
    assert ("job_title", "bakery owner") not in current


def test_volunteering_does_not_end_the_job_before_it() -> None:
    facts, _ = consolidate([], extract([
        turn("Retired police officer, 32 years."),
        turn("Now volunteer at the Timaru food bank.", time_ns=at(30))]))
    current = {(f.subject, f.value) for f in facts if f.current}
    assert ("job_title", "retired police officer") in current


def test_a_drug_taken_off_ends_and_the_new_one_holds() -> None:
    message = "she took me off the amlodipine and put me on losartan instead"
    assert ("health", "medication", "losartan") in facts_in(message)
    assert ("medication", "amlodipine") in retractions_in(message)


def test_a_condition_revised_after_all_ends() -> None:
    assert ("condition", "insomnia") in retractions_in(
        "So it's NOT really insomnia after all, the apnea is what's been waking me up")


def test_a_big_goal_is_no_dated_event() -> None:
    read = facts_in("my big goal is the Skyline Trail in Jasper, the 44 km one, next summer")
    assert ("goal", "goal", "the Skyline Trail in Jasper") in read
    assert not [f for f in read if f[0] == "plan"]


def test_a_taste_said_object_first_leaves_no_adverb() -> None:
    assert not [f for f in facts_in("Scales I hate already since childhood") if f[2] == "already"]
