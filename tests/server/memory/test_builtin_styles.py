"""Ways of writing the rules must read through: list items, chat shorthand, facts given as
the reason for a question, nicknames, gifts and replacements, prescriptions by a doctor.

Sentences are read at Wednesday 2026-02-04 (see ``factories.NOW``).
"""

from __future__ import annotations

import pytest

from lumiscope.server.memory.builtin import extract
from lumiscope.server.memory.consolidate import consolidate
from lumiscope.server.memory.model import Fact
from tests.server.memory.factories import at, facts_in, retractions_in, turn

STATED = [
    # list items and shorthand
    ("setup:\n- fyi lactose intolerant, always have been",
     ("health", "condition", "lactose intolerance")),
    ("- instant pot died. replaced w/ ninja foodi. use it",
     ("possession", "appliance", "ninja foodi")),
    ("sold my switch btw n got a steam deck", ("possession", "console", "steam deck")),
    ("she bought me a greenhouse for my birthday", ("possession", "garden", "greenhouse")),
    # the reason a question gives
    ("Would it look bad to ask for the case study in advance because I have dyslexia?",
     ("health", "condition", "dyslexia")),
    # notation: "me =", "@", "->", brackets, body part and condition as notes
    ("k. fyi me = backend eng @ fastly, 3y.", ("work", "employer", "Fastly")),
    ("k. fyi me = backend eng @ fastly, 3y.", ("work", "job_title", "backend eng")),
    ("also moving pdx -> seattle on the 30th. lease signed.",
     ("plan", "move", "Seattle on 2026-03-30")),
    ("gf (ana) is vegan. cooking together 2x/wk.", ("relationship", "partner", "girlfriend Ana")),
    ("My kids are Olivia (7) and Noah (4) and they are SO picky.",
     ("relationship", "child", "child Noah")),
    ("We also just got a puppy!! A beagle named Scout.", ("relationship", "pet", "beagle Scout")),
    ("oh also got a cat. shes called pickles. rescue", ("relationship", "pet", "Pickles")),
    ("wrist: RSI, right side, flaring.", ("health", "condition", "RSI")),
    ("title: staff engineer", ("work", "job_title", "staff engineer")),
    ("Since 2026-07-01 I am lead engineer for pitch systems at Nordex in Hamburg.",
     ("work", "employer", "Nordex")),
    ("Bought a second-hand Kubota M7040 off a bloke in Gunnedah.",
     ("possession", "vehicle", "Kubota M7040")),
    ("I commute with a Brompton folding bicycle and the S-Bahn",
     ("possession", "bike", "Brompton folding bicycle")),
    ("transferred to UT Austin!!! moved into my apartment in austin on monday",
     ("location", "home_city", "Austin")),
    ("goal is literally to make the u23 national team pool next year",
     ("goal", "goal", "make the u23 national team pool next year")),
    ("Please use metric units and the date format YYYY-MM-DD in all answers.",
     ("preference", "prefers", "use metric units and the date format YYYY-MM-DD in all answers")),
    ("I'm an accountant (audit, at PwC), I like plans and lists", ("work", "employer", "PwC")),
    ("got a help desk job at UPMC in pittsburgh. start next monday", ("work", "employer", "UPMC")),
    ("I have now booked the fjords cruise with Margaret. It sails from Southampton on the 18th "
     "of May.", ("plan", "trip", "fjords cruise on 2026-05-18")),
    ("oh and moving flat in 3 wks, leith -> portobello, so packing hell incoming",
     ("plan", "move", "Portobello on 2026-02-25")),
    ("we moved house from Leeds to York last year", ("location", "home_city", "York")),
    ("I've finally, after years of procrastination, bought a drysuit",
     ("possession", "gear", "drysuit")),
    ("employer: grafana labs (remote)", ("work", "employer", "Grafana Labs")),
    ("city: Lisbon", ("location", "home_city", "Lisbon")),
    # formal and dialect forms
    ("My good name is Lakshmi Venkataraman and I am working as QA lead",
     ("identity", "name", "Lakshmi Venkataraman")),
    ("Please note I am pure vegetarian only, we do not take egg also.",
     ("preference", "diet", "vegetarian")),
    ("so I am, somewhat unbelievably, Dr Ines Carvalho now", ("identity", "name", "Ines Carvalho")),
    ("I am having one query regarding my Activa scooter, the service is due.",
     ("possession", "motorbike", "Activa scooter")),
    ("from September I'll be teaching structures part-time at UWE", ("work", "employer", "UWE")),
    # names people use
    ("Bernard here, though everyone calls me Bernie.", ("identity", "name", "Bernard")),
    ("Bernard here, though everyone calls me Bernie.", ("identity", "nickname", "Bernie")),
    ("I'm Margaret but I go by Maggie", ("identity", "nickname", "Maggie")),
    ("Hi, call me Ed", ("identity", "name", "Ed")),
    ("also btw my names jordan. i have adhd", ("identity", "name", "Jordan")),
    ("hiya its jordan again. got a 58 on my stats coursework", ("identity", "name", "Jordan")),
    ("Hi again, it's Sarah. I'm going back to work", ("identity", "name", "Sarah")),
    # where the user is, said plainly
    ("love it. im Lauren btw. i'm in Portland Maine so the vibe is my brand",
     ("location", "home_city", "Portland Maine")),
    ("We're in Columbus if that matters for what's in season.",
     ("location", "home_city", "Columbus")),
    ("Kamau got transferred to their Kisumu office so we moved at the beginning of August",
     ("location", "home_city", "Kisumu")),
    ("got my own place finally. studio in evanston", ("location", "home_city", "Evanston")),
    # everyday writers
    ("My doctor just told me my A1C is 7.4 and that I have type 2 diabetes.",
     ("health", "condition", "type 2 diabetes")),
    ("I would like to lose 20 pounds by Christmas. Is that realistic?",
     ("goal", "goal", "lose 20 pounds by Christmas")),
    ("i have to pick my dissertation topic by next friday.",
     ("plan", "deadline", "pick my dissertation topic by 2026-02-06")),
    ("thx. i work at tesco like 16 hrs a week on top of uni", ("work", "employer", "Tesco")),
    ("also our cats Pepper and Salt keep trying to sit on the table",
     ("relationship", "pet", "cat Salt")),
    ("Quick update, we've booked Madeira! We fly out after the wedding.",
     ("plan", "trip", "Madeira")),
    ("Also I've finally bought a proper bike for weekend rides, a Brompton.",
     ("possession", "bike", "Brompton bike")),
    ("bought a cast iron skillet. how do i season it",
     ("possession", "cookware", "cast iron skillet")),
    ("I'm a project coordinator at an architecture firm in town, Halden Associates, and...",
     ("work", "employer", "Halden Associates")),
    ("okay so um this is darnell im driving right now", ("identity", "name", "Darnell")),
    ("hey its me darnell again uh big news", ("identity", "name", "Darnell")),
    ("Noted. Cheers. Hugh.", ("identity", "name", "Hugh")),
    ("thanks. sorry for the mess of messages. dan", ("identity", "name", "Dan")),
    ("dan again. 2:40am. she's asleep, i'm not.", ("identity", "name", "Dan")),
    ("Bron again. Kids are home", ("identity", "name", "Bron")),
    ("Good evening o\nMy name na Adaeze\nEverybody dey call me Ada",
     ("identity", "name", "Adaeze")),
    ("Good evening o\nMy name na Adaeze\nEverybody dey call me Ada",
     ("identity", "nickname", "Ada")),
    ("Permit me to present myself: Bernard Lefèvre, seventy-three years old, professor emeritus "
     "of medieval literature.", ("identity", "name", "Bernard Lefèvre")),
    ("Permit me to present myself: Bernard Lefèvre, seventy-three years old, professor emeritus "
     "of medieval literature.", ("identity", "age", "73")),
    ("Permit me to present myself: Bernard Lefèvre, seventy-three years old, professor emeritus "
     "of medieval literature.", ("work", "job_title", "professor emeritus")),
    # relatives named beside the relation, in asides and appositions, even inside a question
    ("Fiona (wife) and I are thinking of the Lake District",
     ("relationship", "partner", "wife Fiona")),
    ("Rory, our son, who's in his final year at Durham", ("relationship", "child", "son Rory")),
    ("Dwayne, that's my husband, forty-one years this fall",
     ("relationship", "partner", "husband Dwayne")),
    ("Would Renée (my wife) be able to use my Subaru Outback's roof rails?",
     ("relationship", "partner", "wife Renée")),
    ("Would Renée (my wife) be able to use my Subaru Outback's roof rails?",
     ("possession", "car", "Subaru Outback")),
    # a doctor's finding, readings, aids, the type of a condition
    ("my doctor says i got sleep apnea so i got one of them cpap machines now",
     ("health", "condition", "sleep apnea")),
    ("my doctor says i got sleep apnea so i got one of them cpap machines now",
     ("health", "aid", "cpap")),
    ("my cholesterol's up over 260", ("health", "condition", "high cholesterol")),
    ("my cardiologist has found an atrial fibrillation.",
     ("health", "condition", "atrial fibrillation")),
    ("Doc cut a melanoma off my left shoulder last week.", ("health", "condition", "melanoma")),
    ("I take now Eliquis, twice each day.", ("health", "medication", "Eliquis")),
    ("Another thing\nDoctor say my BP high\nMake I reduce salt",
     ("health", "condition", "high blood pressure")),
    ("update: i literally tore my meniscus in a scrimmage",
     ("health", "condition", "torn meniscus")),
    ("I am a type two diabetic", ("health", "condition", "type 2 diabetes")),
    # a question that opens on the user
    ("As a type 1 diabetic, is it actually safe for me to run fasted?",
     ("health", "condition", "type 1 diabetes")),
    ("As someone who genuinely can't stand cilantro, is it genetic for me?",
     ("preference", "dislikes", "cilantro")),
    # dialect and dictation
    ("what i wanna do this year is lose thirty pounds now that im not sitting all day",
     ("goal", "goal", "lose thirty pounds")),
    ("what i wanna do this year is lose thirty pounds now that im not sitting in a truck all day "
     "the doctor says it would help with the apnea too", ("goal", "goal", "lose thirty pounds")),
    ("I been an Auburn fan since I was knee high.", ("preference", "likes", "Auburn")),
    ("Gaspard, my old spaniel, will have the lake.", ("relationship", "pet", "spaniel Gaspard")),
    ("Rob reckons just buy a new pump. Rob's my husband.",
     ("relationship", "partner", "husband Rob")),
    ("my twin brother cole keeps facetiming me", ("relationship", "sibling", "brother Cole")),
    ("Kids are home for the hols. Jack's 15, Ellie's 13, eating us out of house and home.",
     ("relationship", "child", "Ellie")),
    ("for Camille and for the grandchildren, Lucas and Inès.",
     ("relationship", "grandchild", "grandchild Inès")),
    ("Put the dogs in it. Blue and Tess, our kelpies.", ("relationship", "pet", "kelpie Tess")),
    ("my twins, Rosie and Finn, start school", ("relationship", "child", "child Rosie")),
    ("Oh and Waylon, that's our old coonhound, chewed up the mat.",
     ("relationship", "pet", "coonhound Waylon")),
    # a lower-case message's town after "here in", a job named by the job
    ("i took the dispatcher job so im home every night now here in memphis",
     ("location", "home_city", "Memphis")),
    ("i took the dispatcher job so im home every night now here in memphis",
     ("work", "job_title", "dispatcher")),
    # a prescriber names a drug the lexicon may not know
    ("The GP has put me on naproxen for the hands.", ("health", "medication", "naproxen")),
    ("my consultant put me on rinvoq last week", ("health", "medication", "rinvoq")),
    ("I've been on sertraline for about a year.", ("health", "medication", "sertraline")),
    # abstaining
    ("and I've been alcohol-free for 60 days today", ("health", "alcohol", "alcohol-free")),
    ("I quit smoking in May", ("health", "smoking", "quit smoking")),
    # people and pets in a list, an age before the kind, a name after the kind
    ("household: me, husband Dev, daughter Maya (7)", ("relationship", "partner", "husband Dev")),
    ("household: me, husband Dev, daughter Maya (7)", ("relationship", "child", "daughter Maya")),
    ("I've just adopted a 2 year old labradoodle called Biscuit from a rescue",
     ("relationship", "pet", "labradoodle Biscuit")),
    ("I also have a cat, Miso, she's 5.", ("relationship", "pet", "cat Miso")),
    # where the user is, said in passing or by a move to a home
    ("I've just adopted a dog from a rescue here in Galway", ("location", "home_city", "Galway")),
    ("we've moved! Out of the flat in Galway city to a little house in Oranmore",
     ("location", "home_city", "Oranmore")),
    ("I've signed a lease on a one-bedroom in Geelong", ("location", "home_city", "Geelong")),
    # employers named by the job or described after the name
    ("I got the Octopus Energy job, and I start Monday the 2nd!",
     ("work", "employer", "Octopus Energy")),
    ("I got the Octopus Energy job, and I start Monday the 2nd!",
     ("plan", "event", "starts at Octopus Energy on 2026-03-02")),
    ("Now I am in Sanepar, the water company here in Curitiba.", ("work", "employer", "Sanepar")),
    ("I have resigned from Infosys and joined Thoughtworks as Senior QA Consultant",
     ("work", "employer", "Thoughtworks")),
    ("Since I've accepted an assistant principal job at a high school in Flagstaff starting in "
     "August, do I still get summers off?", ("work", "job_title", "assistant principal")),
    ("Since I've accepted an assistant principal job at a high school in Flagstaff starting in "
     "August, do I still get summers off?", ("location", "work_city", "Flagstaff")),
    ("I've accepted a two-year postdoc at Dalhousie University in Halifax, starting in September",
     ("work", "employer", "Dalhousie University")),
    ("I own Pruitt's Pie Shop over in Opelika, Alabama", ("work", "employer", "Pruitt's Pie Shop")),
    ("I own Pruitt's Pie Shop over in Opelika, Alabama", ("location", "work_city", "Opelika")),
    # a teenager's introduction
    ("im jayden, 15, tryna learn japanese bc anime lol", ("identity", "name", "Jayden")),
    ("im jayden, 15, tryna learn japanese bc anime lol", ("goal", "goal", "learn japanese")),
    # a year at school is a stage the next year supersedes
    ("im a sophomore at westview high", ("work", "school_year", "sophomore")),
    ("back. junior yr is lowkey destroying me", ("work", "school_year", "junior")),
    ("im a sophomore at westview high in portland", ("location", "home_city", "Portland")),
    ("I'm a junior at Lincoln High School in Omaha", ("work", "school", "Lincoln High School")),
    # what the user does regularly, limits in list shorthand, seats
    ("i got basketball practice basically every day after school",
     ("preference", "hobby", "basketball")),
    ("Running helps more than anything.", ("preference", "hobby", "running")),
    ("- groceries ~$150/wk", ("constraint", "budget", "$150/wk")),
    ("my grocery budget is $150 a week", ("constraint", "budget", "$150")),
    ("weeknights 20 min cooking max", ("constraint", "time_available", "20 min cooking max")),
    ("For me, I need always the aisle seat because of my back", ("preference", "seat", "aisle")),
    ("Still civil engineer.", ("work", "job_title", "civil engineer")),
    ("updates:\n- goal 100g protein/day", ("goal", "goal", "100g protein/day")),
    ("My goal is still to finish under 2:15.", ("goal", "goal", "finish under 2:15")),
    ("goal 2026: ship a toy ray tracer in rust, open source it",
     ("goal", "goal", "ship a toy ray tracer in rust")),
    ("What's a reasonable pet insurance budget? I can do €30 a month max.",
     ("constraint", "budget", "€30 a month")),
    # plans whose date or name is said in other words
    ("- hosting dinner party sat the 21st, 8 ppl. menu?",
     ("plan", "event", "hosting dinner party on 2026-02-21")),
    ("we booked a cruise for our anniversary out of galveston. we leave two weeks from saturday",
     ("plan", "trip", "cruise on 2026-02-21")),
    ("me and Dwayne are finally taking us a little vacation down to Gulf Shores, leaving the "
     "Sunday after Thanksgiving.", ("plan", "trip", "Gulf Shores on 2026-11-29")),
    ("Saturday week I go travel to Abuja\nFabric exhibition, 3 days",
     ("plan", "trip", "Abuja on 2026-02-14")),
    ("And my operation of the cataract, the left eye, is in a fortnight, on the Thursday.",
     ("plan", "event", "cataract operation on 2026-02-18")),
    ("the surgeon says it's to be a knee replacement. I'm booked in for the 3rd of March.",
     ("plan", "appointment", "knee replacement on 2026-03-03")),
]


@pytest.mark.parametrize(("message", "expected"), STATED)
def test_a_statement_written_this_way_becomes_a_fact(message: str,
                                                     expected: tuple[str, str, str]) -> None:
    assert expected in facts_in(message)


NOT_FACTS = [
    "my boss put me on nights", "the bus goes by Leeds", "I replaced my old kettle with a new one",
    "Should I go because the weather is nice?", "Plan N is fine", "I've been on holiday",
    "I've been on nights all week", "We're on holiday, the weather here in Rome is great",
    "ok, 50, that's the number", "I start Monday!",
    "my son's junior year is hard", "I've got no training today", "I have driving lessons",
    "the recipe takes 20 min max", "I'd like the window seat for this flight?",
    "I can do 5 reps max", "I'm booked in for Friday", "News: I change my job!",
    "so I'm trying to journal a bit in it.", "I'm trying to learn it",
    "I joined Weight Watchers last week", "this is ridiculous", "this is crazy, help",
    "hey its me again", "Sarah, my boss, is annoying", "what if my Tesla breaks",
    "As a teacher, what do you think?", "What I want is a refund", "my friend says I'm a vegan",
    "I got a new job!", "I took the job", "my son (ugh) is a teen", "my Dad car",
    "her husband (Tom) is nice", "title: Re: your order", "moving house soon, want to sell it",
    "our friends are coming", "the boys, Tom and Jerry, are on TV", "thanks so much. help",
    "I broke my phone", "the weather is sold out", "me again lol", "Hello again",
    "Tom's 45, he is my boss", "My objective is to finish it before March",
    "I'm in Paris this week for work", "I'm in Year 10", "I'm in London for a conference",
    "I'm in Tokyo right now", "Hello, it's Monday", "these names are hard",
    "ideally a venue within an hour or so of here.",
    "Kamau got transferred to their Kisumu office, I might follow",
    "my friend just told me I'm vegan", "I'd like to know more", "I need to book a table by 8",
    "I booked Airbnb!", "Hotel in Rome?",
]


@pytest.mark.parametrize("message", NOT_FACTS)
def test_a_sentence_written_this_way_states_no_fact(message: str) -> None:
    assert facts_in(message) == set()


def test_a_relative_in_a_list_is_never_read_as_a_job() -> None:
    assert not [f for f in facts_in("household: me, husband Dev") if f[1] == "job_title"]


def test_aiming_for_a_place_on_a_date_is_a_trip_not_a_goal() -> None:
    read = facts_in("We're now aiming for Northumberland instead, probably late June.")
    assert [f[0] for f in read] == ["plan"]


def test_a_car_that_is_sold_is_no_longer_owned() -> None:
    assert ("*possession", "Passat") in retractions_in("The Passat is sold. We have no car now.")


def test_a_place_described_after_its_name_is_no_employer() -> None:
    assert facts_in("I'm in Lisbon, the city of light") == {("location", "home_city", "Lisbon")}


def test_a_list_item_can_end_a_diet() -> None:
    assert ("diet", "vegan") in retractions_in("updates:\n- no longer vegan. bloodwork = low iron")


def test_what_was_got_rid_of_is_no_longer_owned() -> None:
    assert ("tool", "") in retractions_in("I've finally got rid of that old petrol mower")


@pytest.mark.parametrize(("before", "after", "subject", "old", "new"), [
    ("im a sophomore at westview high", "junior yr is lowkey destroying me", "school_year",
     "sophomore", "junior"),
    ("I got an old Dell laptop and a flip phone", "they talked me into one of them smartphones. "
     "An iPhone.", "phone", "flip phone", "iPhone"),
])
def test_the_next_one_supersedes_the_last(before: str, after: str, subject: str, old: str,
                                          new: str) -> None:
    earlier = [f for f in extract([turn(before)]) if isinstance(f, Fact)]
    later = [f for f in extract([turn(after, time_ns=at(200))]) if isinstance(f, Fact)]
    changed, superseded = consolidate(earlier, later, None)
    assert [f.value for f in superseded if f.subject == subject] == [old]
    assert [f.value for f in changed if f.subject == subject] == [new]


def test_a_doctor_booked_is_no_trip() -> None:
    assert not [f for f in facts_in("I booked Dr Patel for Monday") if f[1] == "trip"]
