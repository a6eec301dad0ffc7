"""The builtin engine reads how people really type in chat: lower case, no apostrophes,
fragments without a subject, emoji, facts mentioned in passing, and introductions.

Sentences are read at Wednesday 2026-02-04 (see ``factories.NOW``).
"""

from __future__ import annotations

import pytest

from lumiscope.server.memory.builtin import extract
from lumiscope.server.memory.model import Fact
from tests.server.memory.factories import NOW, facts_in, turn

CHAT_STATED = [
    # introductions
    ("hiya, tariq here 👋 quick one", ("identity", "name", "Tariq")),
    ("hey! i'm Jules (they/them). can u help", ("identity", "name", "Jules")),
    ("hey! i'm Jules (they/them). can u help", ("identity", "pronouns", "they/them")),
    ("any tofu ideas?? I'm Lena btw", ("identity", "name", "Lena")),
    ("real me: Rohan, 29, backend dev in bangalore.", ("identity", "name", "Rohan")),
    ("real me: Rohan, 29, backend dev in bangalore.", ("location", "home_city", "Bangalore")),
    ("name's Dave, btw", ("identity", "name", "Dave")),
    ("I'm a 45 year old dad of two", ("identity", "age", "45")),
    ("Freelance graphic designer based in montreal.",
     ("work", "job_title", "Freelance graphic designer")),
    ("Freelance graphic designer based in montreal.", ("location", "home_city", "Montreal")),
    # where
    ("I have lived on my own in Harrogate since my husband passed away.",
     ("location", "home_city", "Harrogate")),
    ("I am now in a little bungalow in York, ten minutes from Susan.",
     ("location", "home_city", "York")),
    ("finally settled in Leeds, loving Headingley.", ("location", "home_city", "Leeds")),
    ("my commute from Salford into town is 40 mins", ("location", "home_city", "Salford")),
    ("my apartment in Brooklyn is tiny", ("location", "home_city", "Brooklyn")),
    ("I've been in Oslo for ten years now", ("location", "home_city", "Oslo")),
    ("we also bought a house out in Sugar Land!!", ("location", "home_city", "Sugar Land")),
    # work
    ("starting as test lead at Sky Betting & Gaming in august",
     ("work", "employer", "Sky Betting & Gaming")),
    ("i work shifts as a pharmacy technician at boots in hackney",
     ("work", "employer", "Boots")),
    ("life update: quit flipkart, started at a fintech startup called Zeta last week",
     ("work", "employer", "Zeta")),
    ("got a part-time contract at Ubisoft doing UI", ("work", "employer", "Ubisoft")),
    ("got hired as a curriculum developer at Khan Academy, fully remote",
     ("work", "job_title", "curriculum developer")),
    ("got hired as a curriculum developer at Khan Academy, fully remote",
     ("constraint", "work_mode", "remote")),
    ("I got a job at Monzo as a product designer", ("work", "job_title", "product designer")),
    ("i teach 7th grade science at a middle school",
     ("work", "job_title", "7th grade science teacher")),
    ("I'm a phlebotomist at the local hospital", ("work", "job_title", "phlebotomist")),
    ("my boss at Deloitte is awful", ("work", "employer", "Deloitte")),
    ("I do marketing for a startup", ("work", "field", "marketing")),
    ("I run a small bakery in Leeds", ("work", "job_title", "bakery owner")),
    # people and animals
    ("I have three grandchildren, Ollie, Freya and Max.", ("relationship", "grandchild", "Freya")),
    ("my wife akosua is a dentist", ("relationship", "partner", "wife Akosua")),
    ("girlfriend = Valentina, we've been together 2 yrs.",
     ("relationship", "partner", "girlfriend Valentina")),
    ("we have a 2 yr old named Kwabena", ("relationship", "child", "Kwabena")),
    ("baby girl arrived!! Abena, born april 22 🥹", ("relationship", "child", "Abena")),
    ("my 7-year-old daughter Ava loves horses", ("relationship", "child", "daughter Ava")),
    ("i've got a staffie called Biscuit", ("relationship", "pet", "staffie Biscuit")),
    ("I'm a mum of three", ("relationship", "children_count", "3")),
    # tastes and diet
    ("As a vegan I really struggle to get enough protein", ("preference", "diet", "vegan")),
    ("I've gone back to being vegetarian.", ("preference", "diet", "vegetarian")),
    ("I do love my gardening, it is my main hobby.", ("preference", "likes", "gardening")),
    ("not a huge fan of cilantro tbh", ("preference", "dislikes", "cilantro")),
    ("Radiohead is my favourite band", ("preference", "favourite_band", "Radiohead")),
    ("I knit a lot", ("preference", "hobby", "knitting")),
    ("I do yoga twice a week", ("preference", "hobby", "yoga")),
    # health
    ("also im lactose intolerant so dont suggest milkshakes",
     ("health", "condition", "lactose intolerance")),
    ("ive got high blood pressure", ("health", "condition", "high blood pressure")),
    ("allergic to penicillin btw", ("health", "allergy", "penicillin")),
    ("I'm type 1 diabetic", ("health", "condition", "type 1 diabetes")),
    ("I take sumatriptan when it hits", ("health", "medication", "sumatriptan")),
    # constraints, goals
    ("budget is like 5000 rupees max", ("constraint", "budget", "5000 rupees")),
    ("I'm on a tight budget", ("constraint", "budget", "tight budget")),
    ("I've only got 20 minutes a day", ("constraint", "time_available", "20 minutes a day")),
    ("learning spanish because my girlfriend is from Bogotá", ("goal", "goal", "learn spanish")),
    ("my goal this year is to read 30 books", ("goal", "goal", "read 30 books")),
    ("I'm aiming for a sub-3 marathon", ("goal", "goal", "sub-3 marathon")),
    # possessions
    ("i ride a royal enfield classic 350 everywhere",
     ("possession", "motorbike", "royal enfield classic 350")),
    ("my car is a 2015 Honda Fit", ("possession", "car", "Honda Fit")),
    ("my macbook air keeps crashing", ("possession", "laptop", "macbook air")),
    ("Got the car! A 2015 Honda Fit.", ("possession", "car", "Honda Fit")),
    ("I drive an old Land Rover", ("possession", "car", "Land Rover")),
    # more of the same kinds
    ("so im a second year nursing student in glasgow", ("location", "home_city", "Glasgow")),
    ("Quick context: 34F, software engineer, living in Berlin with my partner Lukas.",
     ("location", "home_city", "Berlin")),
    ("I'm 28 and live with my parents in Manchester", ("location", "home_city", "Manchester")),
    ("i live with my girlfriend in a tiny flat in hackney", ("location", "home_city", "Hackney")),
    ("got a new job!! junior dev at a startup called Pollen", ("work", "employer", "Pollen")),
    ("my bf marco is obsessed with f1", ("relationship", "partner", "boyfriend Marco")),
    ("Just got engaged to my girlfriend Mia!!", ("relationship", "partner", "girlfriend Mia")),
    ("I'm a single dad with two boys, Sam and Theo.", ("relationship", "child", "Theo")),
    ("I've got two cats, Luna and Milo", ("relationship", "pet", "Luna")),
    ("I speak English and Portuguese fluently", ("identity", "language", "Portuguese")),
    ("I'm Muslim so no pork or alcohol please", ("identity", "religion", "Muslim")),
    ("Been doing CrossFit for 3 years now", ("preference", "hobby", "crossfit")),
]


@pytest.mark.parametrize(("message", "expected"), CHAT_STATED)
def test_a_fact_typed_the_way_people_chat_becomes_a_fact(
        message: str, expected: tuple[str, str, str]) -> None:
    assert expected in facts_in(message)


CHAT_PLANS = [
    ("Running the Berlin Marathon on Sept 27!!", "Running the Berlin Marathon on 2026-09-27"),
    ("I want a sub 3:30 at the London Marathon next April.", "London Marathon in 2026-04"),
    ("can you help me plan a weekend in Edinburgh?", "Edinburgh"),
    ("heading to Lisbon in May for a wedding", "Lisbon in 2026-05"),
    ("Next spring I'm hiking the Camino", "hiking the Camino in 2026"),
    ("I'm doing the Great North Run in September", "Great North Run in 2026-09"),
    ("we fly to Tokyo on April 3rd", "Tokyo on 2026-04-03"),
    ("Booked flights to Bali for May!!", "Bali in 2026-05"),
    ("job interview at Amazon on Monday!", "job interview at Amazon on 2026-02-09"),
    ("exams in three weeks and im panicking", "exams on 2026-02-25"),
    ("i have surgery on my knee scheduled for march 12th", "surgery on my knee on 2026-03-12"),
    ("currently living in dublin but moving to cork next month", "Cork in 2026-03"),
]


@pytest.mark.parametrize(("message", "value"), CHAT_PLANS)
def test_a_plan_typed_the_way_people_chat_is_read_with_its_date(message: str, value: str) -> None:
    assert value in {v for category, _, v in facts_in(message) if category == "plan"}


CHAT_NOT_ABOUT_THE_USER = [
    # role play: the character's words
    "I need you to pretend you're my Spanish teacher. I'll start. Hola, me llamo Carlos y vivo "
    "en Madrid.",
    "Let's play a game: you are a pirate captain and I live on Tortuga",
    # gerunds that are subjects, nouns and adjectives
    "Learning to code is hard, any tips?", "Moving to Berlin would be a dream.",
    "Being vegan is expensive", "Rust has a steep but rewarding learning curve.",
    "Vegan croissants sell well in cities", "Married life is great",
    # someone else's, or not a home
    "help me plan a trip to Rome for my parents", "I'm in a conference room in Paris",
    "We're renting a cottage in Cornwall for the summer", "my sister is a nurse in Leeds",
    "my commute from work is long", "I've been in London for two weeks on holiday",
    "The patient, 45, teacher from Leeds, presents with chest pain",
    "Try Sufjan Stevens, Big Thief, Adrianne Lenker and Julien Baker.",
    "I am now in a little bungalow, ten minutes from Susan.",
    "Also the doctor has put me on a new diet, 500 calories a day.",
    # not names, not jobs, not possessions
    "im confused", "hey im back", "lol im dead", "Thanks doctor.",
    "As a teacher, what do you think?",
    "Nurse appreciation week ideas?", "my car is a lemon", "Tesla.", "I take the kids to school",
    "I only got 2 hours of sleep", "I run a Facebook group", "I paint houses for a living",
    "like jollof without the salt bomb", "that is my favourite part",
    "I quit my job at Google last month to start my own company",
    "The wedding in June was lovely", "my friends are running the Berlin Marathon in September",
    "i used to live in brooklyn", "I have work tomorrow", "Thank you for May",
]


@pytest.mark.parametrize("message", CHAT_NOT_ABOUT_THE_USER)
def test_chat_that_states_nothing_durable_about_the_user_gives_no_user_fact(message: str) -> None:
    assert {f for f in facts_in(message) if f[0] != "relationship"} == set()


def test_a_partner_who_is_an_ex_is_no_partner() -> None:
    assert facts_in("My partner and I split up last month.") == set()


def test_a_name_typed_in_lower_case_is_taken_when_the_assistant_confirms_it() -> None:
    def names(reply: str) -> list[str]:
        learned = extract([turn("yo whats up, im kofi. need help w a lesson", reply=reply)])
        return [f.value for f in learned if isinstance(f, Fact) and f.subject == "name"]

    assert names("Hey Kofi! Start with a demo.") == ["Kofi"]
    assert names("Sure, start with a demo.") == []
    assert names("Kofi is a nice name.") == []  # the word only starts a sentence


def test_what_follows_a_role_play_set_up_in_the_same_message_is_not_read() -> None:
    message = "Pretend you're my doctor. I'm allergic to latex and I live in Rome."
    assert facts_in(message) == set()
    assert ("location", "home_city", "Bangalore") in facts_in(
        "ok stop the roleplay lol. I live in Bangalore.")


def test_two_rules_reading_one_plan_give_one_plan() -> None:
    plans = [f for f in facts_in("Running the Berlin Marathon on Sept 27!!") if f[0] == "plan"]
    assert len(plans) == 1


def test_chat_facts_are_read_at_the_message_time() -> None:
    assert facts_in("Next spring I'm hiking the Camino", NOW + 300 * 86_400 * 10**9) == {
        ("plan", "event", "hiking the Camino in 2027")}
