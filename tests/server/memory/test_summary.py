"""Extractive summaries: what a session was about, and who the user is."""

from __future__ import annotations

import pytest

from lumiscope.server.memory.summary import session_summary, user_summary
from tests.server.memory.factories import at, fact, turn


def test_a_session_summary_says_what_the_user_asked_and_shared() -> None:
    turns = [turn("Hi! Can you suggest a quick dinner after a night shift?"),
             turn("Thanks. What should I eat before a race?", time_ns=at(0) + 1)]
    shared = [fact("home_city", "Porto", text="Lives in Porto")]
    assert session_summary(turns, shared) == (
        "Asked about: suggest a quick dinner after a night shift; what should they eat before "
        "a race. Shared: lives in Porto.")


@pytest.mark.parametrize("messages", [("Hello!",), ("Thanks!", "ok"), ("hi", "nvm, thanks"),
                                      ("hey, how are you?",), ("good morning",), ("ty!!",)])
def test_small_talk_alone_leaves_no_summary(messages: tuple[str, ...]) -> None:
    assert session_summary([turn(m) for m in messages]) == ""
    assert user_summary([], [session_summary([turn(m) for m in messages])]) == ""


def test_small_talk_beside_a_question_is_left_out() -> None:
    assert session_summary([turn("Hello!"), turn("How do I boil an egg?"), turn("thanks")]) == (
        "Asked about: how do they boil an egg.")


def test_a_long_question_is_cut_to_a_few_words() -> None:
    summary = session_summary([turn("How do I " + "really " * 20 + "cook rice?")])
    assert summary.endswith("....")
    assert len(summary.split()) < 20


def test_a_session_summary_is_deterministic_and_empty_without_turns() -> None:
    turns = [turn("Could you explain recursion?")]
    assert session_summary(turns) == session_summary(turns) == "Asked about: explain recursion."
    assert session_summary([]) == ""


def test_a_user_summary_leads_with_the_name_and_the_most_telling_facts() -> None:
    facts = [fact("likes", "jazz", category="preference", text="Likes jazz"),
             fact("name", "Maria", category="identity", text="Is called Maria"),
             fact("home_city", "Porto", text="Lives in Porto"),
             fact("home_city", "Lisbon", text="Lives in Lisbon").supersede(at(1), None)]
    assert user_summary(facts, ["Asked about: risotto."]) == (
        "Maria: Lives in Porto; likes jazz. Last conversation: asked about: risotto.")


def test_a_user_summary_is_empty_when_nothing_is_known() -> None:
    assert user_summary([], []) == ""
    assert user_summary([], ["", ""]) == ""


def test_a_question_that_starts_with_i_am_reads_in_the_third_person():
    from lumiscope.server.memory.summary import topics
    from tests.server.memory.factories import turn

    assert topics([turn("I'm vegetarian, so what could I cook tonight?")]) == \
        ["they're vegetarian, so what could they cook tonight"]
