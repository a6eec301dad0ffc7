"""The builtin engine reads durable facts about the user, and nothing else.

Sentences are read at Wednesday 2026-02-04 (see ``factories.NOW``).
"""

from __future__ import annotations

import pytest

from lumiscope.server.memory.builtin import denegate, extract
from lumiscope.server.memory.model import Fact, Retraction
from tests.server.memory.factories import NOW, facts_in, retractions_in, turn

STATED = [
    # identity
    ("Hi! I'm Maria.", ("identity", "name", "Maria")),
    ("My name is Omar and I need help with a report.", ("identity", "name", "Omar")),
    ("Call me Jo, everyone does.", ("identity", "name", "Jo")),
    ("Hey, Aisha here.", ("identity", "name", "Aisha")),
    ("my name is grace and i need help", ("identity", "name", "Grace")),
    ("Kwame here, secondary school maths teacher in Accra.", ("location", "home_city", "Accra")),
    ("quick intro: I'm Olivia, UX designer at Spotify.", ("identity", "name", "Olivia")),
    ("Originally Australian.", ("identity", "nationality", "Australian")),
    ("yo. 19, doing comp sci at UCL, living in halls", ("work", "school", "UCL")),
    ("i live in london, zone 2", ("location", "home_city", "London")),
    ("i'm grace, 67, retired primary school teacher from Glasgow",
     ("identity", "name", "Grace")),
    ("i'm grace, 67, retired primary school teacher from Glasgow", ("identity", "age", "67")),
    ("I'm 42, and I have two kids.", ("identity", "age", "42")),
    ("I am 30 years old.", ("identity", "age", "30")),
    ("I just turned 50 last week.", ("identity", "age", "50")),
    ("My pronouns are they/them.", ("identity", "pronouns", "they/them")),
    ("I am Japanese, living in Manchester.", ("identity", "nationality", "Japanese")),
    ("I speak Hindi, Marathi and English.", ("identity", "language", "Marathi")),
    ("I'm fluent in Portuguese.", ("identity", "language", "Portuguese")),
    ("My native language is Tagalog.", ("identity", "language", "Tagalog")),
    ("I was born in 1988.", ("identity", "birth_year", "1988")),
    # location
    ("I live in Lisbon and I work as a nurse.", ("location", "home_city", "Lisbon")),
    ("We live in Barcelona, in Poblenou.", ("location", "home_city", "Barcelona")),
    ("I'm based in Dubai.", ("location", "home_city", "Dubai")),
    ("I am Japanese, living in Manchester for my PhD.", ("location", "home_city", "Manchester")),
    ("We moved to Porto last month!", ("location", "home_city", "Porto")),
    ("Moved to Berlin in January.", ("location", "home_city", "Berlin")),
    ("I live in the Netherlands.", ("location", "home_country", "the Netherlands")),
    ("I'm from Pune originally.", ("location", "origin", "Pune")),
    ("I grew up in Rio de Janeiro.", ("location", "origin", "Rio de Janeiro")),
    ("We just bought a house in Leeds.", ("location", "home_city", "Leeds")),
    ("I'm an accountant at Deloitte, based in Dubai.", ("location", "home_city", "Dubai")),
    # work
    ("I work as a nurse at Hospital Santa Maria.", ("work", "job_title", "nurse")),
    ("I work as a nurse at Hospital Santa Maria.", ("work", "employer", "Hospital Santa Maria")),
    ("I'm a backend developer at Stripe, mostly Go.", ("work", "job_title", "backend developer")),
    ("I'm a backend developer at Stripe, mostly Go.", ("work", "employer", "Stripe")),
    ("I'm now a staff engineer at Datadog.", ("work", "job_title", "staff engineer")),
    ("I'm a second-year medical student at McGill.", ("work", "school", "McGill")),
    ("I'm a software tester at Ocado.", ("work", "job_title", "software tester")),
    ("I work remotely for a Berlin startup called Kolibri.", ("work", "employer", "Kolibri")),
    ("I'm starting at Shopify as a junior data analyst on July 1.",
     ("work", "job_title", "junior data analyst")),
    ("I'm starting at Shopify as a junior data analyst on July 1.",
     ("work", "employer", "Shopify")),
    ("I started a new job as a pastry chef at Le Petit Four.",
     ("work", "employer", "Le Petit Four")),
    ("I'm a midwife now, starting at Birmingham Women's Hospital in June.",
     ("work", "employer", "Birmingham Women's Hospital")),
    ("I'm doing a PhD in marine biology.", ("work", "field", "marine biology")),
    ("I work in marketing.", ("work", "field", "marketing")),
    ("I'm retired.", ("work", "job_title", "retired")),
    # relationships
    ("My husband Rui hates coriander.", ("relationship", "partner", "husband Rui")),
    ("I'm planning a trip with my girlfriend Sofia.",
     ("relationship", "partner", "girlfriend Sofia")),
    ("My wife's name is Ana.", ("relationship", "partner", "wife Ana")),
    ("I'm married to Priya.", ("relationship", "partner", "Priya")),
    ("I have two kids, Lucas and Marta.", ("relationship", "child", "Marta")),
    ("I have two kids, Lucas and Marta.", ("relationship", "children_count", "2")),
    ("I've got twin boys, Zayn and Idris.", ("relationship", "child", "Idris")),
    ("We just had a baby girl, her name is Layla!", ("relationship", "child", "Layla")),
    ("My son Leo starts school soon.", ("relationship", "child", "son Leo")),
    ("My sister Laura is visiting.", ("relationship", "sibling", "sister Laura")),
    ("I have a golden retriever named Biscuit and two cats.",
     ("relationship", "pet", "golden retriever Biscuit")),
    ("We've got a wee cat called Hamish who digs in the beds.",
     ("relationship", "pet", "cat Hamish")),
    ("My dog Max loves the beach.", ("relationship", "pet", "dog Max")),
    # preferences
    ("I love hiking and board games too.", ("preference", "likes", "hiking")),
    ("I love hiking and board games too.", ("preference", "likes", "board games")),
    ("I'm really into rock climbing.", ("preference", "likes", "rock climbing")),
    ("I'm a big fan of the Beatles.", ("preference", "likes", "the Beatles")),
    ("I hate running on treadmills though.", ("preference", "dislikes", "running on treadmills")),
    ("I can't stand cilantro.", ("preference", "dislikes", "cilantro")),
    ("I'm not a fan of big parties.", ("preference", "dislikes", "big parties")),
    ("My favourite band is Radiohead.", ("preference", "favourite_band", "Radiohead")),
    ("I prefer concise answers with code examples.",
     ("preference", "prefers", "concise answers with code examples")),
    ("please keep your answers short", ("preference", "prefers", "keep your answers short")),
    ("I play the violin in a student orchestra.", ("preference", "hobby", "violin")),
    ("I play padel twice a week with colleagues.", ("preference", "hobby", "padel")),
    ("I'm vegetarian, by the way.", ("preference", "diet", "vegetarian")),
    ("I've been vegan for six years.", ("preference", "diet", "vegan")),
    ("I don't eat meat anymore.", ("preference", "diet", "vegetarian")),
    ("I only eat halal meat.", ("preference", "diet", "halal")),
    ("I don't drink alcohol.", ("preference", "avoids", "alcohol")),
    ("Oh and I don't eat pork.", ("preference", "avoids", "pork")),
    # health
    ("I'm allergic to shellfish, so no shrimp please.", ("health", "allergy", "shellfish")),
    ("I'm severely allergic to bee stings.", ("health", "allergy", "bee stings")),
    ("I have a peanut allergy.", ("health", "allergy", "peanut")),
    ("I have type 2 diabetes and I take metformin every morning.",
     ("health", "condition", "type 2 diabetes")),
    ("I have type 2 diabetes and I take metformin every morning.",
     ("health", "medication", "metformin")),
    ("i have arthritis in my hands so typing is slow", ("health", "condition", "arthritis")),
    ("My knees are fine but I have mild asthma.", ("health", "condition", "asthma")),
    ("I have asthma myself, actually.", ("health", "condition", "asthma")),
    ("Got diagnosed with ADHD last week.", ("health", "condition", "ADHD")),
    ("I'm lactose intolerant.", ("health", "condition", "lactose intolerance")),
    ("The doctor started me on Elvanse.", ("health", "medication", "Elvanse")),
    ("I'm on Ozempic now.", ("health", "medication", "Ozempic")),
    # constraints
    ("I have a budget of about $4,000 for the whole trip.", ("constraint", "budget", "$4,000")),
    ("My budget for a new laptop is around $1500.", ("constraint", "budget", "$1500")),
    ("our budget is 450k euros max", ("constraint", "budget", "450k euros")),
    ("my budget is 30,000 cedis.", ("constraint", "budget", "30,000 cedis")),
    ("I can't do high-impact exercise because of my knee.",
     ("constraint", "cannot", "do high-impact exercise")),
    ("I can't drive.", ("constraint", "cannot", "drive")),
    ("I only have weekends for projects.", ("constraint", "time_available", "weekends")),
    ("I'm colorblind, so describe things by name.", ("health", "accessibility", "colorblind")),
    ("I use a wheelchair.", ("health", "accessibility", "wheelchair user")),
    ("I'm terrified of heights.", ("constraint", "fear", "heights")),
    ("I work from home as a designer.", ("constraint", "work_mode", "from home")),
    # goals
    ("My goal is to run a 10k by June.", ("goal", "goal", "run a 10k by June")),
    ("I'm trying to lose 5 kilos before summer.", ("goal", "goal", "lose 5 kilos before summer")),
    ("I'm learning Spanish because I want to move.", ("goal", "goal", "learn Spanish")),
    ("I want to become a pilot.", ("goal", "goal", "become a pilot")),
    ("I'm studying to become a midwife.", ("goal", "goal", "become a midwife")),
    ("I'm training for a marathon.", ("goal", "goal", "training for a marathon")),
    # possessions
    ("I own a gravel bike.", ("possession", "bike", "gravel bike")),
    ("I bought the MacBook Pro you recommended.", ("possession", "laptop", "MacBook Pro")),
    ("I drive a Toyota Corolla.", ("possession", "car", "Toyota Corolla")),
    ("Just bought a Nintendo Switch for the flight.", ("possession", "console", "Nintendo Switch")),
    ("I own a drill but that's about it.", ("possession", "tool", "drill")),
]


@pytest.mark.parametrize(("message", "expected"), STATED)
def test_a_durable_statement_about_the_user_becomes_a_fact(message: str,
                                                           expected: tuple[str, str, str]) -> None:
    assert expected in facts_in(message)


PLANS = [
    ("I'm running the Porto half marathon in two weeks.",
     ("plan", "event", "running the Porto half marathon on 2026-02-18")),
    ("I've got a physio appointment next Thursday.",
     ("plan", "appointment", "physio appointment on 2026-02-05")),
    ("I have an interview with Shopify next Wednesday!",
     ("plan", "event", "interview with Shopify on 2026-02-11")),
    ("My thesis defense is on June 3rd.", ("plan", "event", "thesis defense on 2026-06-03")),
    ("My exams start in two weeks.", ("plan", "event", "exams on 2026-02-18")),
    ("We're getting married on September 12!", ("plan", "event", "getting married on 2026-09-12")),
    ("I'm flying to Lisbon on May 20 for a conference.", ("plan", "trip", "Lisbon on 2026-05-20")),
    ("I'm planning a trip to Japan. We fly out on March 28.",
     ("plan", "trip", "Japan on 2026-03-28")),
    ("I'm moving to Ottawa in three weeks.", ("plan", "move", "Ottawa on 2026-02-25")),
    ("I'm moving out of halls into a flat in Camden in September.",
     ("plan", "move", "Camden in 2026-09")),
    ("my wife and I are expecting our first baby in July!",
     ("plan", "event", "expecting our first baby in 2026-07")),
    ("Tore my ACL, surgery is on April 15.", ("plan", "event", "surgery on 2026-04-15")),
    ("I start at PwC next Monday as a senior auditor.",
     ("plan", "event", "starts at PwC on 2026-02-09")),
    ("We're driving to Lisbon next weekend.", ("plan", "trip", "Lisbon on 2026-02-14")),
    ("I've signed up for the Accra marathon on April 26!",
     ("plan", "event", "Accra marathon on 2026-04-26")),
    ("Baby is due on August 14!", ("plan", "event", "Baby on 2026-08-14")),
]


@pytest.mark.parametrize(("message", "expected"), PLANS)
def test_a_plan_carries_its_date_resolved_against_the_message_time(
        message: str, expected: tuple[str, str, str]) -> None:
    assert expected in facts_in(message)


NOT_ABOUT_THE_USER = [
    # questions
    "Do I like sushi?", "Should I move to Berlin?", "Where do you think I should live, Berlin?",
    "Do you think I'd like Kyoto more than Osaka?", "Am I allergic to penicillin?",
    "Would it be crazy if I quit my job to open a bakery?",
    "Do I need a visa as a British citizen?",
    # hypotheticals, wishes, hedges, modals
    "If I lived in Paris, I'd eat croissants every day.", "What if I lived in Paris?",
    "I wish I had a dog.", "Imagine I'm a doctor, what would you say?",
    "Let's say I live in Tokyo.",
    "I'd love to live in Japan someday.", "I'd never live in Florida, too humid.",
    "I think I'm allergic to penicillin.", "Maybe I'll move to Spain.",
    "I'm not sure I want to live in London.", "Hypothetically, if I were vegan, what would I eat?",
    "If I had more time I'd join a climbing gym.",
    # other people
    "My wife loves jazz.", "My brother lives in Madrid.", "My boss is a vegan.",
    "He's from Brazil.", "She's allergic to nuts.", "Lucas is allergic to peanuts.",
    "My roommate is obsessed with K-pop.", "My friend said I'm a great singer.",
    "My girlfriend says I'm a terrible cook.", "You said I live in Paris.",
    "My colleague hates travelling, can't relate.",
    # one-off actions and moments
    "I ate pizza yesterday.", "I went to Rome last summer.", "I watched Dune last night.",
    "I'm running late.", "I'm going to bed.", "I'm in Paris this week for work.",
    "I'm tired today.", "I can't find my keys.", "I can't open the file.",
    "I'm at the airport.", "I'm on holiday in Crete.", "I used to live in Madrid.",
    "I was a teacher for ten years.", "I visited my parents.", "I'm looking for a job in Berlin.",
    "I'm thinking about moving to Lisbon.", "I need a car for the weekend.",
    # about the assistant or the conversation
    "You are wrong.", "I love you.", "I like your answer.", "I like the second option better.",
    "I love it when you explain things simply.", "I'm a big fan of your work.",
    "I hate to say it but you were right.", "I love this song.",
    # requests and idioms
    "I want to know how to cook rice.", "I want to write an email to my boss.",
    "I'm trying to understand recursion.", "I have a question about Python.",
    "I have two questions.", "I'm a terrible cook.",
    "ok, 50, that's the number", "my name is not important", "i live in fear lol",
    "Write a story where I am a dragon that lives in a cave.", "I take the bus to work.",
]


@pytest.mark.parametrize("message", NOT_ABOUT_THE_USER)
def test_a_sentence_that_states_nothing_durable_about_the_user_gives_no_user_fact(
        message: str) -> None:
    # A partner or relative mentioned in passing is a relationship fact, not a taste.
    assert {f for f in facts_in(message) if f[0] != "relationship"} == set()


def test_another_persons_taste_gives_the_relationship_but_not_the_taste() -> None:
    assert facts_in("My wife loves jazz.") == {("relationship", "partner", "wife")}
    assert facts_in("My wife Jenny is vegan and keeps telling me to try it.") == {
        ("relationship", "partner", "wife Jenny")}


def test_a_pasted_or_quoted_statement_is_not_read() -> None:
    from lumiscope.server.memory.turns import own_words

    pasted = ("Here's my essay:\n\nI have always loved the sea. I grew up in Brest and my "
              "father taught me to sail.\n\nCan you grade it?")
    for message in (pasted, "Translate: I live in Paris and I love cheese",
                    'My boss said "I\'m allergic to meetings" lol', "> I prefer tabs, always.",
                    "```\n# I live in Tokyo\n```"):
        assert facts_in(own_words(message)) == set()


RETRACTED = [
    ("I no longer live in Lisbon.", ("home_city", "Lisbon")),
    ("I don't live in Paris anymore, I moved to Lyon.", ("home_city", "Paris")),
    ("I'm not vegetarian anymore.", ("diet", "vegetarian")),
    ("I started eating chicken again.", ("diet", "vegetarian|vegan|pescatarian|plant-based")),
    ("I left Stripe.", ("*", "Stripe")),
    ("I finally quit Deloitte.", ("*", "Deloitte")),
    ("I don't work as a paramedic anymore.", ("job_title", "paramedic")),
    ("I don't have a car, I bike everywhere.", ("car", "")),
    ("The doctor switched me from metformin to Ozempic.", ("medication", "metformin")),
    ("I stopped taking sertraline.", ("medication", "sertraline")),
    ("Je n'habite plus à Lyon.", ("*", "Lyon")),
    ("We broke up last month.", ("partner", "")),
]


@pytest.mark.parametrize(("message", "expected"), RETRACTED)
def test_a_statement_that_a_fact_no_longer_holds_is_a_retraction(
        message: str, expected: tuple[str, str]) -> None:
    assert expected in retractions_in(message)


def test_a_correction_retracts_the_old_value_and_states_the_new_one() -> None:
    message = "The doctor switched me from metformin to Ozempic."
    assert ("health", "medication", "Ozempic") in facts_in(message)
    assert ("health", "medication", "metformin") not in facts_in(message)


def test_a_negation_of_a_state_is_read_without_its_negation() -> None:
    assert denegate("I no longer live in Lisbon") == "I live in Lisbon"
    assert denegate("I'm not vegetarian anymore") == "I'm vegetarian"
    assert denegate("I live in Lisbon") is None


ROMANCE = [
    ("Je m'appelle Camille.", ("identity", "name", "Camille")),
    ("J'habite à Nantes avec mon copain.", ("location", "home_city", "Nantes")),
    ("Je suis végétarienne depuis deux ans.", ("preference", "diet", "vegetarian")),
    ("Je suis allergique aux arachides.", ("health", "allergy", "arachides")),
    ("Me llamo Lucía.", ("identity", "name", "Lucía")),
    ("Vivo en Valencia ahora, nos mudamos en marzo.", ("location", "home_city", "Valencia")),
    ("Soy vegana desde hace tres años.", ("preference", "diet", "vegan")),
    ("Soy alérgica al polen.", ("health", "allergy", "polen")),
]


@pytest.mark.parametrize(("message", "expected"), ROMANCE)
def test_a_few_plain_french_and_spanish_statements_are_read(
        message: str, expected: tuple[str, str, str]) -> None:
    assert expected in facts_in(message)


ROMANCE_CHITCHAT = [
    "Bonjour ! Comment ça va aujourd'hui ?", "Je voudrais une recette de crêpes s'il vous plaît.",
    "Mon frère habite à Marseille et il adore le foot.",
    "Si j'habitais à Paris, je sortirais plus souvent.",
    "Est-ce que je devrais déménager à Bordeaux ?", "J'ai mangé une pizza hier soir.",
    "Je ne sais pas si j'aime le vin rouge, mais mes collègues adorent ça.",
    "Quel temps fait-il à Paris demain ?", "Mon copain adore le hockey.",
    "¿Cómo estás? Hoy hace mucho calor.", "Mi madre vive en Bogotá y le encantan las flores.",
    "Si viviera en Madrid, iría al Prado cada semana.", "¿Debería mudarme a Valencia?",
    "Ayer comí paella con mis amigos.", "Mi hermano vive en Barcelona y le encanta el fútbol.",
    "Si tuviera más tiempo, aprendería a tocar el piano.",
    "¿Puedes ayudarme con un correo para el director? Gracias.",
]


@pytest.mark.parametrize("message", ROMANCE_CHITCHAT)
def test_french_and_spanish_chitchat_gives_no_junk(message: str) -> None:
    assert facts_in(message) == set()


def test_extract_gives_facts_with_the_turns_provenance_and_agent() -> None:
    learned = extract([turn("I live in Lisbon.", agent_id="cook-bot", span_id="abc")])
    assert len(learned) == 1
    fact = learned[0]
    assert isinstance(fact, Fact)
    assert (fact.subject, fact.value, fact.text) == ("home_city", "Lisbon", "Lives in Lisbon")
    assert fact.agent_id == "cook-bot" and fact.valid_from_ns == NOW
    assert [(p.span_id, p.session_id) for p in fact.provenance] == [("abc", "s1")]


def test_extract_gives_retractions_in_conversation_order() -> None:
    learned = extract([turn("I live in Lisbon."), turn("I left Lisbon.", time_ns=NOW + 1)])
    assert type(learned[0]) is Fact and len(learned) > 1
    assert all(type(item) is Retraction for item in learned[1:])


def test_fact_texts_speak_of_the_user_in_the_third_person() -> None:
    [fact] = [f for f in extract([turn("Please correct my grammar when I make mistakes.")])
              if isinstance(f, Fact)]
    assert fact.text == "Wants the assistant to correct their grammar when they make mistakes"
