"""How chat is typed: apostrophes, shorthand, dropped subjects, places in lower case."""

from __future__ import annotations

from lumiscope.server.memory.informal import (
    capitalize_places,
    implicit_subject,
    prepare,
    spell_out,
)


def test_prepare_straightens_apostrophes_and_capitalizes_a_lone_i() -> None:
    assert prepare("i’m tired and i think i'll sleep, i.e. now") == (
        "I'm tired and I think I'll sleep, i.e. now")


def test_places_typed_in_lower_case_get_their_capitals_in_an_all_lower_case_message() -> None:
    assert capitalize_places("i live in london, zone 2") == "i live in London, zone 2"
    assert capitalize_places("i moved to new york with my bf") == "i moved to New York with my bf"
    assert capitalize_places("i live in fear") == "i live in fear"
    assert capitalize_places("I'm going to london") == "I'm going to london"


def test_a_lower_case_place_after_an_unambiguous_cue_gets_its_capital_in_any_message() -> None:
    assert capitalize_places("Hi! Designer based in montreal.") == "Hi! Designer based in Montreal."
    assert capitalize_places("I live in london") == "I live in London"
    assert capitalize_places("I live in Rio de Janeiro") == "I live in Rio de Janeiro"
    assert capitalize_places("I moved to remote work") == "I moved to remote work"


def test_chat_contractions_typed_without_an_apostrophe_are_restored() -> None:
    assert prepare("im kofi and ive got a dog, dont ask") == (
        "I'm kofi and I've got a dog, don't ask")
    assert prepare("whats up, youre great") == "what's up, you're great"


def test_a_clause_without_a_subject_gets_the_user_as_subject() -> None:
    assert implicit_subject("Moved to Porto last month") == "I Moved to Porto last month"
    assert implicit_subject("btw, got diagnosed with ADHD") == "btw, I got diagnosed with ADHD"
    assert implicit_subject("My wife moved to Porto") == "My wife moved to Porto"
    assert implicit_subject("life update: quit flipkart") == "life update: I quit flipkart"


def test_a_clause_opening_on_a_gerund_gets_the_user_as_subject() -> None:
    assert implicit_subject("learning spanish for her parents") == (
        "I'm learning spanish for her parents")
    assert implicit_subject("Running the Berlin Marathon on Sept 27") == (
        "I'm Running the Berlin Marathon on Sept 27")
    assert implicit_subject("Wedding is on June 3") == "Wedding is on June 3"
    assert implicit_subject("Something came up") == "Something came up"


def test_chat_shorthand_is_spelled_out() -> None:
    assert prepare("replaced w/ ninja foodi, w/o the lid") == (
        "replaced with ninja foodi, without the lid")
    assert prepare("sold my switch n got a steam deck") == "sold my switch and got a steam deck"
    assert prepare("Plan N is fine") == "Plan N is fine"


def test_a_fragment_that_ends_a_diet_or_a_marriage_gets_the_user_as_subject() -> None:
    assert implicit_subject("no longer vegan. bloodwork says so") == (
        "I'm no longer vegan. bloodwork says so")
    assert implicit_subject("fyi lactose intolerant") == "fyi I'm lactose intolerant"


def test_notation_is_spelled_out_in_words() -> None:
    assert spell_out("fyi me = backend eng @ fastly") == "fyi I'm backend eng at fastly"
    assert spell_out("moving pdx -> seattle") == "moving pdx to seattle"
    assert spell_out("mail me @ work, a->b") == "mail me at work, a to b"
    assert spell_out("email me@example.com") == "email me@example.com"


def test_an_aside_between_commas_is_dropped_from_a_statement() -> None:
    assert prepare("I've finally, after years of procrastination, bought a drysuit") == (
        "I've finally bought a drysuit")
    assert prepare("I've also decided, now that I'm no longer commuting, to walk the path") == (
        "I've also decided to walk the path")
    assert prepare("Paris, after all, is lovely") == "Paris, after all, is lovely"
