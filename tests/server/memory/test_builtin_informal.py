"""More informal chat: "our" relatives, names in lower case, fans, conditions one gets or
has, titles without an article, fillers before an introduction, lower-case places.

Sentences are read at Wednesday 2026-02-04 (see ``factories.NOW``).
"""

from __future__ import annotations

import pytest

from lumiscope.server.memory.builtin import extract
from lumiscope.server.memory.model import Fact, Retraction
from tests.server.memory.factories import facts_in, retractions_in, turn

STATED = [
    # relatives: "our" as well as "my", names typed in lower case, a name in an aside
    ("Our daughter Maya starts school in the fall", ("relationship", "child", "daughter Maya")),
    ("our grandson leo is visiting next week", ("relationship", "grandchild", "grandson Leo")),
    ("my bf sam swears by cold showers", ("relationship", "partner", "boyfriend Sam")),
    ("me and my wife priti are flying out", ("relationship", "partner", "wife Priti")),
    ("Martha (that's the wife) wants a new kitchen", ("relationship", "partner", "wife Martha")),
    # fans
    ("I'm a huge Celtics fan", ("preference", "likes", "Celtics")),
    ("im a massive liverpool fan", ("preference", "likes", "liverpool")),
    ("die-hard Packers fan btw", ("preference", "likes", "Packers")),
    # conditions and medications without the usual verbs
    ("I've been getting cluster headaches and migraines lately", ("health", "condition",
                                                                  "migraines")),
    ("been having bad insomnia for weeks", ("health", "condition", "insomnia")),
    ("dealing with a sore lower back from lifting", ("health", "condition", "a bad back")),
    ("got the sugar diabetes now", ("health", "condition", "diabetes")),
    ("Have eczema and the cold makes it worse, what cream helps?", ("health", "condition",
                                                                    "eczema")),
    ("i have ibs and take omeprazole", ("health", "medication", "omeprazole")),
    ("i have ibs and take omeprazole", ("health", "condition", "ibs")),
    ("the doc has me on lisinopril now", ("health", "medication", "lisinopril")),
    ("my neurologist prescribed rizatriptan", ("health", "medication", "rizatriptan")),
    ("keep it brief, lactose intolerant and in a rush", ("health", "condition",
                                                         "lactose intolerance")),
    ("also colourblind (red-green) fyi", ("health", "accessibility", "colourblind")),
    ("fwiw allergic to latex", ("health", "allergy", "latex")),
    # work: no article, an employer typed in lower case inside an introduction
    ("I'm now general counsel at Stripe", ("work", "job_title", "general counsel")),
    ("I'm now general counsel at Stripe", ("work", "employer", "Stripe")),
    ("fwiw i'm ana, civil engineer at arup, based in Leeds", ("work", "employer", "Arup")),
    ("fwiw i'm ana, civil engineer at arup, based in Leeds", ("identity", "name", "Ana")),
    ("retired postman here, 68 years young", ("work", "job_title", "retired postman")),
    ("retired postman here, 68 years young", ("identity", "age", "68")),
    ("hi its rosa. quick question about taxes", ("identity", "name", "Rosa")),
    ("Bea, 41, from Porto originally", ("location", "origin", "Porto")),
    # places typed in lower case in a message with capitals
    ("Big news, moved to denver and started at REI", ("location", "home_city", "Denver")),
    ("I've been in bristol 6 months now, loving it", ("location", "home_city", "Bristol")),
    ("we live out in Tacoma", ("location", "home_city", "Tacoma")),
    ("also moved down to Kent last week", ("location", "home_city", "Kent")),
    ("Been living in Oslo since 2019", ("location", "home_city", "Oslo")),
    ("so moving to san diego early march", ("plan", "move", "San Diego in 2026-03")),
    # roommates, pets and partners named in the next sentence, babies by name
    ("my flatmate ollie and I split the bills", ("relationship", "roommate", "flatmate Ollie")),
    ("we rescued a dog!! his name is biscuit", ("relationship", "pet", "Biscuit")),
    ("seeing someone new. her name is Ines", ("relationship", "partner", "Ines")),
    ("baby Kofi is teething, help", ("relationship", "child", "Kofi")),
    # possessions: model names, years and ages before them, farm machines
    ("still driving my beat-up 2004 camry", ("possession", "car", "camry")),
    ("Got a 6 year old ThinkPad that overheats, worth fixing?", ("possession", "laptop",
                                                                  "ThinkPad")),
    ("we run a Kubota tractor on the hill field", ("possession", "vehicle", "Kubota tractor")),
    # work: verbs that are jobs, one-word teaching subjects, students' schools and majors
    ("I farm 200 acres near Dubuque", ("work", "job_title", "farmer")),
    ("I farm 200 acres near Dubuque", ("location", "home_city", "Dubuque")),
    ("I teach piano", ("work", "job_title", "piano teacher")),
    ("I'm a freshman at tufts studying History", ("work", "school", "Tufts")),
    ("switched my major to economics", ("work", "field", "economics")),
    ("freelancing now, mostly for agencies", ("work", "employment", "freelancing")),
    ("We own a bakery in Porto", ("location", "home_city", "Porto")),
    # trips, goals and budgets said loosely
    ("Surf trip to the Algarve with Tom in June, tips?", ("plan", "trip", "Algarve in 2026-06")),
    ("me and my bf are driving to yosemite for christmas", ("plan", "trip",
                                                            "Yosemite on 2026-12-25")),
    ("im doing a year abroad in madrid next autumn", ("plan", "trip", "Madrid in 2026")),
    ("We're doing Lisbon for my birthday next April", ("plan", "trip", "Lisbon in 2026-04")),
    ("long term goal is to open a clinic", ("goal", "goal", "open a clinic")),
    ("trying to save $200 a month for a new car", ("goal", "goal", "save for a new car")),
    ("can only afford like 1.5k/month for rent", ("constraint", "budget", "1.5k")),
    ("I only really have 30 minutes a day for this", ("constraint", "time_available",
                                                      "30 minutes a day")),
    ("long term I want to specialize in cardiology", ("goal", "goal",
                                                      "specialize in cardiology")),
    ("dont eat pork btw", ("preference", "avoids", "pork")),
    # a pet named in an aside, a drug a doctor switched to, a school by its initials
    ("also biscuit (our golden retriever) will be there",
     ("relationship", "pet", "golden retriever Biscuit")),
    ("My doctor switched me from metformin to Jardiance last week.",
     ("health", "medication", "Jardiance")),
    ("sup. kenji here, cs sophomore at uw", ("work", "school", "UW")),
    # where the user works and lives, said in passing
    ("I teach year 4 at a primary school in Leeds", ("location", "work_city", "Leeds")),
    ("I am a retired civil engineer living in Edinburgh.", ("location", "home_city",
                                                             "Edinburgh")),
    # a trip home, with the short question tagged on after a comma
    ("going home to portland for thanksgiving, bus or train from seattle?",
     ("plan", "trip", "Portland on 2026-11-26")),
    ("planning my daughter Mia's 7th birthday next saturday! ideas?",
     ("plan", "event", "planning my daughter Mia's 7th birthday on 2026-02-07")),
    ("planning my daughter Mia's 7th birthday next saturday! ideas?",
     ("relationship", "child", "daughter Mia")),
    ("can only afford like $300 for a new monitor, 1440p possible?",
     ("constraint", "budget", "$300")),
    ("catering a wedding on dec 5th for 120 people, help me plan a menu?",
     ("plan", "event", "catering a wedding on 2026-12-05")),
    # a taste stated about a thing named just before ("...cilantro. i cant stand it")
    ("random but what do u think of cilantro. i cant stand it personally",
     ("preference", "dislikes", "cilantro")),
    ("no cilantro pls i hate that stuff, tastes like soap", ("preference", "dislikes",
                                                            "cilantro")),
    ("also i'm not great with spicy food despite being nigerian lol",
     ("preference", "dislikes", "spicy food")),
    ("Grand, thanks. Being pescatarian, these client dinners are a nightmare tbh.",
     ("preference", "diet", "pescatarian")),
    # someone coming to the user, an opening, each thing of a list, an employer in lower case
    ("he's visiting on the 21st of december, what should we do in leeds?",
     ("plan", "visit", "visiting on 2026-12-21")),
    ("sold the truck!! signed a lease on a restaurant in Decatur, grand opening jan 15",
     ("plan", "event", "grand opening on 2027-01-15")),
    ("got a ps5 and a crappy acer laptop that overheats", ("possession", "laptop",
                                                          "acer laptop")),
    ("got a ps5 and a crappy acer laptop that overheats", ("possession", "console", "ps5")),
    ("i switched from python to go at work since joining stripe, any good go books?",
     ("work", "employer", "Stripe")),
    # an announced statement, a sign-off, aids worn, limits, goals said other ways
    ("I should mention that I am dyslexic, so long PDFs take me a long time.",
     ("health", "condition", "dyslexia")),
    ("My internet keeps dropping.\n\nKind regards,\nHarriet Pembroke",
     ("identity", "name", "Harriet Pembroke")),
    ("I am rather hard of hearing and wear hearing aids", ("health", "aid", "hearing aids")),
    ("I do not fly any more; my balance is poor", ("constraint", "cannot", "doesn't fly")),
    ("I shall be travelling with my sister Margaret",
     ("relationship", "sibling", "sister Margaret")),
    ("new goal: sub 2 hour half next year 😤😤", ("goal", "goal", "sub 2 hour half next year")),
    ("goal this yr is to actually ship a side project in rust",
     ("goal", "goal", "actually ship a side project in rust")),
    ("What I really want is to get a deposit together for our own place",
     ("goal", "goal", "get a deposit together for our own place")),
    ("I have always wanted to see the Norwegian fjords", ("goal", "goal",
                                                          "see the Norwegian fjords")),
    # where the user lives and works, said in passing
    ("still in edinburgh tho, its hybrid", ("location", "home_city", "Edinburgh")),
    ("we rent a two-bed in Kings Heath in Birmingham", ("location", "home_city", "Birmingham")),
    ("I drive trains for Avanti West Coast", ("work", "employer", "Avanti West Coast")),
    ("update: got the octopus job!! started 2 wks ago", ("work", "employer", "Octopus")),
    ("I am a retired primary school headteacher", ("work", "job_title",
                                                  "retired primary school headteacher")),
    # health, family and things, without the usual verbs
    ("also asthmatic so hills = death lol", ("health", "condition", "asthma")),
    ("My GP gave me sumatriptan.", ("health", "medication", "sumatriptan")),
    ("gp took me off salbutamol and put me on symbicort", ("health", "medication", "symbicort")),
    ("Njeri is 7 months old and she's started waking", ("relationship", "child", "Njeri")),
    ("I finally treated myself to an air fryer last week", ("possession", "appliance",
                                                            "air fryer")),
    # dated events in other shapes
    ("We are going to the York food festival this weekend.",
     ("plan", "event", "York food festival on 2026-02-07")),
    ("it is Rhys's birthday on the 31st", ("plan", "event", "Rhys's birthday on 2026-03-31")),
    ("Also, Anneke is visiting on the 28th.", ("plan", "visit", "Anneke visiting on 2026-02-28")),
    ("I would like to prepare for the Goethe B2 exam, which is on 12 December.",
     ("plan", "event", "Goethe B2 exam on 2026-12-12")),
    ("next up trail 10k on the 25th ⛰️ any tips for mud",
     ("plan", "event", "trail 10k on 2026-02-25")),
    ("We've booked an appointment with a mortgage advisor next Tuesday.",
     ("plan", "appointment", "appointment with a mortgage advisor on 2026-02-10")),
    ("I have accepted an offer from Airbus in Hamburg as a structures engineer.",
     ("location", "work_city", "Hamburg")),
    ("i boulder like 3x a week", ("preference", "hobby", "bouldering")),
    ("I've decided to leave PwC in January and set up my own bookkeeping practice from home",
     ("goal", "statement",
      "decided to leave PwC in January and set up my own bookkeeping practice from home")),
]


@pytest.mark.parametrize(("message", "expected"), STATED)
def test_informal_statements_become_facts(message: str,
                                          expected: tuple[str, str, str]) -> None:
    assert expected in facts_in(message)


NOT_FACTS = [
    "I'm fine at home", "I'm happy at Google",
    "Have you tried yoga?", "Has anyone been to Lisbon?", "its raining again",
    "I'm a big fan", "I've been in a meeting for 3 hours",
    "my gf really likes sushi", "Thanks doctor.", "my dad wants me to take lithium",
    "what if I got migraines from coffee?",
    "I farm out my laundry", "my son football", "we ranch cattle", "I'm doing Rome for you",
    "don't forget the milk", "I run a Facebook group in Leeds", "I run a 5k every week",
    "can you only afford one?", "my gf jess", "I'm a nurse at heart", "so engineer.",
    "baby Driver is a great movie", "Have a great day!", "take care!", "drive safe",
    "farm animals are so cute", "hi its late here", "hey its me again",
    "I switched from Python to Go at work", "student at the uni", "it (my old car) broke",
    "what do you think about the weather? I hate it", "Have you seen Dune? I love it",
    "my sister is visiting", "we joined forces", "we ate at a restaurant",
    "being married is hard", "I wanted to ask something", "I don't drive to work",
    "I cook for my family", "physio says runners knee, no running for 2 wks",
    "only tues thurs sat work for running", "yo what's up", "I ran a 10k on the 5th",
    "so please keep the equipment simple",
]


@pytest.mark.parametrize("message", NOT_FACTS)
def test_informal_chat_that_states_no_fact_about_the_user(message: str) -> None:
    assert {f for f in facts_in(message) if f[0] != "relationship"} == set()


def test_an_appointment_after_a_filler_is_a_plan_not_a_job() -> None:
    found = facts_in("oh and dentist appointment in two weeks")
    assert not {f for f in found if f[0] == "work"}
    assert any(f[0] == "plan" and "dentist" in f[2] for f in found)


def test_a_sold_business_ends_the_job_of_running_it() -> None:
    assert retractions_in("Big news: sold the bakery!!") >= {("job_title", "bakery")}
    assert not retractions_in("sold my old bike")  - {("bike", "")}


def test_a_lone_name_before_btw_needs_the_assistant_to_confirm_it() -> None:
    def names(reply: str) -> list[str]:
        learned = extract([turn("thanks!! maya btw", reply=reply)])
        return [f.value for f in learned if isinstance(f, Fact) and f.subject == "name"]

    assert names("You're welcome, Maya!") == ["Maya"]
    assert names("You're welcome!") == []


def test_planning_to_do_something_is_a_goal_not_an_organized_event() -> None:
    assert facts_in("I'm planning to move next month") == {("goal", "goal", "move next month")}


def test_a_dated_place_after_work_is_a_trip_not_where_the_user_works() -> None:
    assert facts_in("I work for Google in Zurich on Monday") == {("work", "employer", "Google")}


def test_a_sold_model_the_lexicon_does_not_know_ends_the_possession_that_named_it() -> None:
    turns = [turn("We've got a 2014 Vauxhall Zafira that's basically held together with hope"),
             turn("I sold the Zafira in May for £1,900")]
    assert [r.values for r in extract(turns) if isinstance(r, Retraction)] == [("Zafira",)]


def test_a_drug_switched_to_must_follow_a_known_one() -> None:
    assert facts_in("gp switched me from metformin to a lower dose") == set()
    assert retractions_in("gp switched me from metformin to a lower dose")
