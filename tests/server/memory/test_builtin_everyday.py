"""Ways ordinary users of everyday apps state facts: what they will do on a day, their
family's occasions, a home named by where it is, relatives and pets named in lower case or
after their kind, children listed with their ages.

Sentences are read at Wednesday 2026-02-04 (see ``factories.NOW``).
"""

from __future__ import annotations

import pytest

from lumiscope.server.memory.builtin import extract
from lumiscope.server.memory.consolidate import consolidate
from lumiscope.server.memory.model import Fact
from tests.server.memory.factories import at, facts_in, retractions_in, turn

STATED = [
    # what the user will do on a day (rules/occasions.py)
    ("Perfect. I'll do a trial run of the nut roast on Sunday the 15th.",
     ("plan", "event", "do a trial run of the nut roast on 2026-02-15")),
    ("before that im doing the turkey trot on thanksgiving w drew's family, just for fun",
     ("plan", "event", "doing the turkey trot on 2026-11-26")),
    ("Hello! I'm hosting Christmas dinner this year, 10 of us on Christmas Day.",
     ("plan", "event", "hosting Christmas dinner on 2026-12-25")),
    ("ok big news i signed up for my first half marathon!! its april 25th",
     ("plan", "event", "half marathon on 2026-04-25")),
    ("Linda and I will also be in Arizona from March 10 through the end of April.",
     ("plan", "trip", "Arizona on 2026-03-10")),
    ("After that I fly home to Rosario on March 17, I'm so happy",
     ("plan", "trip", "Rosario on 2026-03-17")),
    ("also were driving up to my moms in duluth the saturday before christmas",
     ("plan", "event", "driving up to my moms in Duluth on 2026-12-19")),
    ("I'd love to plan a Christmas markets trip to Vienna. We'd fly out on Friday the 11th of "
     "December for four nights.", ("plan", "trip", "Vienna on 2026-12-11")),
    ("lobola negotiations are 9 jan, wedding probably end of next year.",
     ("plan", "event", "lobola negotiations on 2027-01-09")),
    # the family's occasions
    ("Our daughter Niamh is getting married in Boston on the 12th of June and we'll need flights.",
     ("plan", "event", "Niamh's wedding on 2026-06-12")),
    ("my granddaughter kaylee has her first dance recital two weeks from tomorrow",
     ("plan", "event", "Kaylee's dance recital on 2026-02-19")),
    ("Our Ellie turns 18 on the 5th of March and she's asked for a lemon drizzle",
     ("plan", "event", "Ellie's 18th birthday on 2026-03-05")),
    # homes
    ("There's a lovely farm shop near us in Leeds that does veg boxes, are they worth it?",
     ("location", "home_city", "Leeds")),
    ("we got a little house in Maroochydore, w a proper backyard",
     ("location", "home_city", "Maroochydore")),
    ("guess what we moved!! me n my partner sam got a little house in maroochydore",
     ("location", "home_city", "Maroochydore")),
    ("Also which hospitals are on the list near Lekki? That's where we live.",
     ("location", "home_city", "Lekki")),
    ("Hi, we've moved house. New address is 7 Farleigh Road, Basingstoke.",
     ("location", "home_city", "Basingstoke")),
    ("House is a 1962 bungalow in Dartmouth NS, basement is about 900 sq ft",
     ("location", "home_city", "Dartmouth NS")),
    ("me and jess split up last month. ive moved back in with my mam in southwick",
     ("location", "home_city", "Southwick")),
    # goals said without an apostrophe
    ("keep it cheapish tho, were saving for a house", ("goal", "goal", "save for a house")),
    # a profile in shorthand, a landlord's property, standing requests
    ("32F, 5'6, 168 lbs. want to lose 10 lbs by summer", ("identity", "age", "32")),
    ("hi. 27M, joburg. earn about R32k net pm.", ("identity", "age", "27")),
    ("Good evening. I own a duplex and a one-bedroom condo here in Spokane that I rent out",
     ("possession", "property", "duplex")),
    ("Good evening. I own a duplex and a one-bedroom condo here in Spokane that I rent out",
     ("possession", "home", "one-bedroom condo")),
    ("I've a slow cooker, it's ancient", ("possession", "appliance", "slow cooker")),
    ("I've a slow cooker that I'd love to use more", ("possession", "appliance", "slow cooker")),
    ("Declan likes an aisle seat, but I always want the window.", ("preference", "seat", "window")),
    ("Also be blunt with me, I don't need sugarcoating.",
     ("preference", "prefers", "be blunt with me")),
    # tastes said in passing, shops, a spending cap, a course, a programme
    ("And please, no coriander. Can't stand the stuff, tastes like soap to me.",
     ("preference", "dislikes", "coriander")),
    ("Still a small guesthouse-type place if you can, we're not big hotel people.",
     ("preference", "dislikes", "hotel")),
    ("Food: I cook mostly, but I drink a lot of mate and the yerba is expensive here lol",
     ("preference", "likes", "mate")),
    ("Budget wise we try to keep the big shop to about £90 a week, I do it at Tesco.",
     ("preference", "favourite_supermarket", "Tesco")),
    ("Budget wise we try to keep the big shop to about £90 a week, I do it at Tesco.",
     ("constraint", "budget", "£90 a week")),
    ("We've switched the big shop to Aldi as Tesco was getting silly.",
     ("preference", "favourite_supermarket", "Aldi")),
    ("Also I signed up for a Dutch course, I want to reach B1 before I graduate.",
     ("goal", "goal", "learn Dutch")),
    ("I'm doing an online Spanish course", ("goal", "goal", "learn Spanish")),
    ("I have been accepted into the Dane County Master Gardener program! Training starts soon.",
     ("goal", "program", "Dane County Master Gardener program")),
    ("update: opened a TFSA with easy equities, R2000 pm into a global ETF",
     ("possession", "account", "TFSA")),
    ("I finally opened a savings account", ("possession", "account", "savings account")),
    ("i quit keto btw, couldnt stick with it. doing intermittent fasting 16:8 now",
     ("preference", "diet", "intermittent fasting")),
    ("Update: I got an offer! Learning Experience Designer at Sun Life, $82k, hybrid.",
     ("work", "job_title", "Learning Experience Designer")),
    # a question run on after a dictated statement
    ("long term i want to go owner operator buy my own truck in a couple years how much should "
     "i save up", ("goal", "statement", "want to go owner operator buy my own truck in a couple "
                   "years")),
    ("Also quick update, I gave up on keto, it was making me miserable. I'm doing more of a "
     "Mediterranean thing now, lots of fish and veggies.", ("preference", "diet", "Mediterranean")),
    # a student's year, a job between dashes, hobbies, targets, intentions
    ("hi! Year 2 nursing student at NUS here. need help with fluid & electrolytes",
     ("work", "school_year", "Year 2")),
    ("hi! Year 2 nursing student at NUS here.", ("work", "job_title", "nursing student")),
    ("hello!! new sem, I'm Year 3 now. and my placement changed",
     ("work", "school_year", "Year 3")),
    ("i work from home full time - data analyst for an insurance company - so I'm on calls",
     ("work", "job_title", "data analyst")),
    ("also i crochet to wind down at night, any beginner friendly patterns",
     ("preference", "hobby", "crocheting")),
    ("I do a bit of woodturning as a hobby.", ("preference", "hobby", "woodturning")),
    ("My target is to be fully ACCA qualified before end of 2027",
     ("goal", "goal", "be fully ACCA qualified before end of 2027")),
    ("haha true. long term tho i really want to open a 2nd branch in la trinidad",
     ("goal", "statement", "really want to open a 2nd branch in la trinidad")),
    ("Hey. Looking to finish our basement this year.",
     ("goal", "statement", "Looking to finish our basement")),
    ("i stopped eating pork in september, my cholesterol came back high",
     ("preference", "avoids", "pork")),
    ("GUESS WHO GOT THE JOB 🎉🎉 im officially a paralegal again at Pruitt & Vance",
     ("work", "employer", "Pruitt & Vance")),
    ("ok good. there names are mikaere and tia, can u help me write a note for there teacher",
     ("relationship", "child", "child Tia")),
    ("can u help me make a post for my salon 💇‍♀️ its called kulot & co, were on session road "
     "here in baguio",
     ("location", "home_city", "Baguio")),
    # the blind17/18 round
    ("we have 2 cats already so it has to be cat friendly", ("relationship", "pet", "2 cats")),
    ("I want to file a claim for my dog. His name is Bingo, German Shepherd, 4 years old.",
     ("relationship", "pet", "Bingo")),
    ("good idea. also Otis (our bernese) is gonna be so confused",
     ("relationship", "pet", "bernese Otis")),
    ("OMG me and Alun got engaged last night!!! 💍💍",
     ("relationship", "partner", "Alun (engaged)")),
    ("renata and i hit 15 years married next month so im surprising her with a trip",
     ("relationship", "partner", "Renata")),
    ("Hi Nova, I need a birthday present for my nephew Dani, he turns 7 in May.",
     ("relationship", "relative", "nephew Dani")),
    ("hey can you help me text my daughters coach. Lyric is 13 and made the 8th grade team",
     ("relationship", "child", "Lyric")),
    ("failed my glucose test 😩 they diagnosed me with gestational diabetes today.",
     ("health", "condition", "gestational diabetes")),
    ("My doctor told me at my physical in December that I'm prediabetic, so I started keto",
     ("health", "condition", "prediabetes")),
    ("doc put me on amlodipine for high blood pressure last month",
     ("health", "condition", "high blood pressure")),
    ("also we finally traded in the civic for a used rav4 so the car seat fits",
     ("possession", "car", "rav4")),
    ("also my business goal for 2027 is a portable ultrasound for pregnancy diagnosis",
     ("goal", "goal", "a portable ultrasound for pregnancy diagnosis")),
    ("whats a good daily calorie target for a 41 yr old guy 5'11 around 238",
     ("identity", "age", "41")),
    ("im surprising her with a trip to Gatlinburg. we leave on the 14th",
     ("plan", "trip", "Gatlinburg on 2026-02-14")),
    ("the basin is a different problem tho. sign it Luthando", ("identity", "name", "Luthando")),
    ("thanks!! can u make it less stiff. and put my name, Ishita", ("identity", "name", "Ishita")),
    ("I transfer to Osaka office. Please update profile.", ("location", "work_city", "Osaka")),
    ("From 1 October I transfer to Osaka office.", ("plan", "move", "Osaka on 2026-10-01")),
    ("Thank you. Invoice to Tokiwa Semiconductor, sales division. I am sales director.",
     ("work", "job_title", "sales director")),
    ("Someone always home, I work from home, software engineer.",
     ("work", "job_title", "software engineer")),
    ("huge news. i QUIT the agency. freelance now, working from home",
     ("work", "employment", "freelance")),
    ("big change, I started my own mobile practice, Ewaso Vet Services 🎉",
     ("work", "employer", "Ewaso Vet Services")),
    ("Thanks. business name is Sityana Plumbing & Drains.",
     ("work", "employer", "Sityana Plumbing & Drains")),
    ("HUGE news: I left the ER! New job at a family medicine clinic, day shifts only",
     ("work", "employer", "family medicine clinic")),
    ("update: started running!! 3x a week, morning, before work",
     ("preference", "hobby", "running")),
    ("totally random but ive been doing wild swimming since last summer",
     ("preference", "hobby", "wild swimming")),
    ("maybe. also started therapy, online, every tuesday.", ("health", "treatment", "therapy")),
    ("Hi!! I'm Jenna, 34, from Portland Oregon 🌲", ("location", "origin", "Portland Oregon")),
    ("different topic, my mom is flying into Kamloops from Moncton.",
     ("location", "home_city", "Kamloops")),
    ("I'm a teaching assistant in a Year 2 class at a primary school in Kendal",
     ("location", "home_city", "Kendal")),
    # where the user is based
    ("hey this is ray im a truck driver long haul out of joplin missouri",
     ("location", "home_city", "Joplin Missouri")),
    ("The heating in my room in Leiden is broken since Friday and it is freezing.",
     ("location", "home_city", "Leiden")),
    # engagements
    ("and lerato said yes!! we're engaged", ("relationship", "partner", "Lerato (engaged)")),
    ("ARJUN PROPOSED!!! Last Saturday at Point Reyes. I'm still shaking",
     ("relationship", "partner", "Arjun (engaged)")),
    # children named in a list, with or without their ages
    ("my kids are jaylen whos 8 and amara whos 5 and in kindergarten now",
     ("relationship", "child", "child Amara")),
    ("Ok. It's my husband Chidi and our two kids, Ebuka is 6 and Nneka is 3.",
     ("relationship", "child", "child Nneka")),
    ("loads. there's 4 of us - me, my partner Sam and our two kids, Arjun (15) and Meera (11).",
     ("relationship", "child", "child Meera")),
    ("ok good. there names are mikaere and tia, can u help me write a note about the twins",
     ("relationship", "child", "child Tia")),
    ("What should I buy for my four-year-old daughter? Her name is Adanna and she hates hats.",
     ("relationship", "child", "Adanna")),
    # relatives and pets
    ("me and my wife steph have 3 kids, emma 12 jack 9 and lucy 4",
     ("relationship", "partner", "wife Steph")),
    ("me and my wife steph have 3 kids, emma 12 jack 9 and lucy 4",
     ("relationship", "child", "Lucy")),
    ("I have 2 kids, Tom 5 and Ann 3", ("relationship", "child", "Ann")),
    ("good thats good also my dog bandit rides with me in the truck",
     ("relationship", "pet", "dog Bandit")),
    ("hey!! so i just adopted a rescue kelpie x called Banjo, hes about 2 yrs old",
     ("relationship", "pet", "kelpie Banjo")),
    ("AND we adopted a second dog lol, retired greyhound called Pixie, shes 4",
     ("relationship", "pet", "greyhound Pixie")),
]


@pytest.mark.parametrize(("message", "expected"), STATED)
def test_a_statement_written_this_way_becomes_a_fact(message: str,
                                                     expected: tuple[str, str, str]) -> None:
    assert expected in facts_in(message)


NOT_FACTS = [
    "I'll let you know next week", "I'll try that on Monday", "I'll be in a meeting on Monday",
    "I'm doing a lot better this week", "my son has a cold next week",
    "we were driving home when it broke", "my friend got a little house in Leeds",
    "if we got a house in Leeds would it be cheaper?",
    "Lucy signed up for the half marathon, its april 25th",
    "I want the window open", "I've a question", "Room 12B, 3F, next to the lift",
    "my sister is 32F", "be nice to her", "I do it at Starbucks", "I'm doing a crash course",
    "my son signed up for a Spanish course", "Tom proposed a new plan at work",
    "she said yes to the dress", "my hotel room in Rome is tiny",
    "Can't you help?",
    "our kids, both teenagers, hate it", "my kids are at school",
    "my sister's address is 5 High St, Leeds", "I'm in Year 10", "Love the box idea!",
    "I know the medication side", "looking for a recipe", "the target is to ship by friday",
    "Morning coach. New year new me lol.", "I'll work till Christmas.",
    "ok cool. one more thing, i live with 2 flatmates and we keep fighting about the bill.",
    "(out of character) lol I'm not allergic to anything and I've never been to Osaka",
    "I will miss the Wednesday and Saturday games until the middle of January",
    "いしゃ. doctor. i work with like 5 of them lol", "I want to file a claim for my dog",
    "I want to update my civil status", "my cousin is a pharmacist", "sign it from the team",
    "is it ok for a 41 yr old guy to run", "I'm fine.", "I am so tired.", "I'm done now",
    "my son started running",
    "when can the engineer come? not a Monday pls, Mondays are back to back calls for me",
    "I'd love to plan a trip to Japan someday",
    "If we won we'd fly out on Friday",
    "I opened a PR", "I opened a bottle of wine", "she opened a TFSA", "hey coach.",
    "Let's switch. Now I'm a student named Tyler who hates chemistry, and you're the teacher.",
    "Can we do role play today? you are the bakery person. I am a teacher from Hamburg",
]


def test_a_gerund_in_a_job_title_is_no_goal() -> None:
    read = facts_in("Update: I got an offer! Learning Experience Designer at Sun Life.")
    assert not [f for f in read if f[0] == "goal"]


def test_a_sale_closed_ends_the_home_owned() -> None:
    assert ("home", "") in retractions_in("We closed on the sale of the condo in August.")


def test_a_one_bedroom_condo_takes_a_not_an() -> None:
    turns = [turn("I own a one-bedroom condo")]
    assert [f.text for f in extract(turns) if isinstance(f, Fact)] == ["Owns a one-bedroom condo"]


def test_a_yes_next_to_an_engagement_names_the_partner_once() -> None:
    assert [f for f in facts_in("Ana said yes, we're engaged") if f[1] == "partner"] == [
        ("relationship", "partner", "Ana (engaged)")]


@pytest.mark.parametrize("message", NOT_FACTS)
def test_a_sentence_written_this_way_states_no_fact(message: str) -> None:
    assert facts_in(message) == set()


def test_saving_for_a_house_is_one_goal_not_two() -> None:
    assert [f for f in facts_in("we're saving for a house") if f[0] == "goal"] == [
        ("goal", "goal", "save for a house")]


def test_working_out_of_the_house_is_no_home_town() -> None:
    assert not [f for f in facts_in("I work out of the house") if f[0] == "location"]


def test_giving_up_a_diet_ends_it() -> None:
    assert ("diet", "keto") in retractions_in("i quit keto btw, couldnt stick with it")


def test_a_flat_got_for_work_is_no_home_town() -> None:
    read = facts_in("my partner got a flat in Leeds for work")
    assert not [f for f in read if f[0] == "location"]


def test_a_day_corrected_in_the_same_breath_moves_the_plan() -> None:
    turns = [turn("Hi!! My first dress fitting is on the 5th. What should I bring?"),
             turn("wait no, it's Friday the 6th, not the 5th, I mixed it up", time_ns=at(0) + 60)]
    facts, _ = consolidate([], extract(turns))
    assert [f.value for f in facts if f.category == "plan" and f.current] == [
        "first dress fitting on 2026-02-06"]


def test_a_baby_shower_is_no_baby() -> None:
    read = facts_in("my baby shower is on the 24th and my mom is flying in from Moncton")
    assert not [f for f in read if f[0] == "relationship"]


def test_studying_at_an_hour_is_no_field() -> None:
    read = facts_in("I'm an ER nurse on night shifts so I study at like 4am on my breaks haha")
    assert not [f for f in read if f[1] == "field"]


def test_the_day_after_christmas_dates_a_trip() -> None:
    assert ("plan", "trip", "Sapporo on 2026-12-26") in facts_in(
        "Also private. Family trip to Sapporo, day after Christmas, 3 people.")
