"""The get-memory object, exactly as DESIGN.md shows it; None when there is nothing."""

from __future__ import annotations

import json

import pytest

from lumiscope.server.memory.view import UnknownView, memory_view, served_facts
from tests.server.memory.factories import NOW, at, fact

LISBON = fact("home_city", "Lisbon", text="Lives in Lisbon", time_ns=NOW)
VEGAN = fact("diet", "vegan", category="preference", text="Is vegan", time_ns=at(1),
             agent_id="cook-bot")
OLD = fact("home_city", "Paris", text="Lives in Paris", time_ns=at(-10)).supersede(NOW, None)


def test_the_default_view_has_the_documented_keys_in_order() -> None:
    memory = memory_view("u1", [VEGAN, LISBON, OLD], summary="Lives in Lisbon; is vegan.",
                         summary_updated_ns=at(2), session_id="s1",
                         session_summary="Asked about: risotto.")
    assert memory == {
        "user_id": "u1", "view": "default", "updated_at": "2026-02-06T10:00:00.000Z",
        "facts": [
            {"text": "Lives in Lisbon", "category": "location", "subject": "home_city",
             "value": "Lisbon", "updated_at": "2026-02-04T10:00:00.000Z"},
            {"text": "Is vegan", "category": "preference", "subject": "diet", "value": "vegan",
             "updated_at": "2026-02-05T10:00:00.000Z"}],
        "summary": "Lives in Lisbon; is vegan.",
        "session": {"session_id": "s1", "summary": "Asked about: risotto."}}
    assert list(memory) == ["user_id", "view", "updated_at", "facts", "summary", "session"]


def test_the_session_block_appears_only_for_a_session_with_a_summary() -> None:
    assert "session" not in memory_view("u1", [LISBON], summary="x")  # type: ignore[operator]
    assert "session" not in memory_view("u1", [LISBON], summary="x",  # type: ignore[operator]
                                        session_id="s1", session_summary=None)


def test_the_summary_view_has_only_the_summary() -> None:
    assert memory_view("u1", [LISBON], summary="Lives in Lisbon.", view="summary") == {
        "user_id": "u1", "view": "summary", "summary": "Lives in Lisbon."}


def test_nothing_to_serve_is_none_never_an_empty_memory() -> None:
    assert memory_view("u1", []) is None
    assert memory_view("u1", [OLD]) is None
    assert memory_view("u1", [], view="summary") is None


def test_an_unknown_view_raises() -> None:
    with pytest.raises(UnknownView, match="unknown view 'tutor'"):
        memory_view("u1", [LISBON], view="tutor")


def test_a_missing_summary_is_written_from_the_facts() -> None:
    memory = memory_view("u1", [LISBON])
    assert memory is not None and memory["summary"] == "Lives in Lisbon."


def test_an_agent_sees_its_own_facts_and_the_agent_independent_ones() -> None:
    other = fact("likes", "golf", category="preference", text="Likes golf", agent_id="golf-bot")
    memory = memory_view("u1", [LISBON, VEGAN, other], summary="Likes golf; lives in Lisbon.",
                         agent_id="cook-bot")
    assert memory is not None
    assert [f["value"] for f in memory["facts"]] == ["Lisbon", "vegan"]
    assert "golf" not in memory["summary"]  # rebuilt from what this agent may see


def test_an_agent_with_nothing_of_its_own_and_no_shared_facts_gets_none() -> None:
    assert memory_view("u1", [VEGAN], agent_id="golf-bot") is None


def test_plans_whose_date_has_passed_are_not_served() -> None:
    trip = fact("trip", "Japan on 2026-02-10", category="plan", text="Plans a trip")
    assert [f.value for f in served_facts([trip, LISBON], now_ns=at(3))] == [
        "Lisbon", "Japan on 2026-02-10"]
    assert [f.value for f in served_facts([trip, LISBON], now_ns=at(10))] == ["Lisbon"]


def test_facts_are_served_in_a_stable_order() -> None:
    facts = [fact("likes", "b", category="preference"), fact("likes", "a", category="preference"),
             fact("name", "Jo", category="identity"), LISBON]
    order = [(f.subject, f.value) for f in served_facts(facts)]
    assert order == [("name", "Jo"), ("home_city", "Lisbon"), ("likes", "a"), ("likes", "b")]
    assert served_facts(list(reversed(facts))) == served_facts(facts)


def test_the_view_is_plain_json() -> None:
    memory = memory_view("u1", [LISBON, VEGAN], summary="s")
    assert json.loads(json.dumps(memory)) == memory
