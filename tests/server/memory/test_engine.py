"""Engines: the builtin one, and the llm one with the builtin one as its fallback."""

from __future__ import annotations

import json
import logging
import time

import pytest

from lumiscope.server.memory.engine import BuiltinEngine, LlmEngine
from lumiscope.server.memory.llm import LlmSettings
from lumiscope.server.memory.model import apply_update
from lumiscope.server.memory.view import memory_view
from tests.fakes.openai_server import FakeOpenAI
from tests.server.memory.factories import at, fact, turn
from tests.server.memory.fake_chat import FakeChat

SESSION = [turn("Hi! I'm Maria and I live in Lisbon.", span_id="a"),
           turn("Can you suggest a quick dinner? I'm allergic to shellfish.", time_ns=at(0) + 60,
                span_id="b")]


def current(facts):  # type: ignore[no-untyped-def]
    return sorted((f.subject, f.value) for f in facts if f.current)


def test_the_builtin_engine_learns_facts_and_writes_both_summaries() -> None:
    update = BuiltinEngine().learn(SESSION, [], at(1))
    assert current(update.facts) == [("allergy", "shellfish"), ("home_city", "Lisbon"),
                                     ("name", "Maria")]
    assert update.superseded == []
    assert update.session_summary == (
        "Asked about: suggest a quick dinner. Shared: is called Maria; lives in Lisbon; is "
        "allergic to shellfish.")
    assert update.user_summary.startswith("Maria: Lives in Lisbon; is allergic to shellfish.")
    assert "Last conversation: asked about: suggest a quick dinner." in update.user_summary


@pytest.mark.parametrize("messages", [("Hello!",), ("hi", "thanks", "ok")])
def test_a_session_of_small_talk_leaves_no_memory_at_all(messages: tuple[str, ...]) -> None:
    turns = [turn(m, time_ns=at(0) + i, span_id=str(i)) for i, m in enumerate(messages)]
    update = BuiltinEngine().learn(turns, [], at(1))
    assert update.facts == [] and update.session_summary == "" and update.user_summary == ""
    assert memory_view("u1", update.facts, summary=update.user_summary) is None


def test_small_talk_after_a_real_session_keeps_the_earlier_summary() -> None:
    engine = BuiltinEngine()
    first = engine.learn(SESSION, [], at(1))
    second = engine.learn([turn("thanks!", time_ns=at(2), span_id="c")], first.facts, at(2),
                          recent_summaries=[first.session_summary])
    assert second.session_summary == ""
    assert "Last conversation: asked about: suggest a quick dinner." in second.user_summary


def test_the_builtin_engine_supersedes_across_sessions_and_keeps_history() -> None:
    engine = BuiltinEngine()
    first = engine.learn(SESSION, [], at(1))
    stored = apply_update([], first)
    second = engine.learn([turn("We moved to Porto last month!", time_ns=at(40), span_id="c",
                                session_id="s2")], stored, at(41),
                          recent_summaries=[first.session_summary])
    stored = apply_update(stored, second)
    assert current(stored) == [("allergy", "shellfish"), ("home_city", "Porto"),
                               ("name", "Maria")]
    [lisbon] = second.superseded
    assert lisbon.value == "Lisbon" and lisbon.superseded_at == at(40)
    assert second.session_summary == "Shared: lives in Porto."


def test_the_builtin_engine_is_deterministic() -> None:
    assert BuiltinEngine().learn(SESSION, [], at(1)) == BuiltinEngine().learn(SESSION, [], at(1))


def test_the_llm_engine_learns_what_the_model_answers(chat: FakeChat) -> None:
    chat.answer({"facts": [
        {"op": "add", "category": "identity", "subject": "name", "value": "Maria",
         "text": "Is called Maria", "confidence": 0.95, "turn": 0},
        {"op": "add", "category": "location", "subject": "home_city", "value": "Lisbon",
         "text": "Lives in Lisbon", "confidence": 0.9, "turn": 0}],
        "session_summary": "Maria asked for a quick dinner."})
    engine = LlmEngine(LlmSettings(chat.base_url, "small-model", api_key="k"))
    try:
        update = engine.learn(SESSION, [fact("home_city", "Paris", time_ns=at(-5))], at(1))
    finally:
        engine.close()
    assert current(update.facts) == [("home_city", "Lisbon"), ("name", "Maria")]
    assert [f.value for f in update.superseded] == ["Paris"]
    assert update.session_summary == "Maria asked for a quick dinner."
    assert update.user_summary.startswith("Maria: Lives in Lisbon.")
    body = chat.requests[0]["body"]
    assert body["model"] == "small-model"
    assert body["response_format"]["type"] == "json_schema"


def test_the_llm_engine_falls_back_when_the_model_does_not_answer_json(
        fake_openai: FakeOpenAI, caplog: pytest.LogCaptureFixture) -> None:
    engine = LlmEngine(LlmSettings(fake_openai.base_url, "gpt-4o-mini"))
    with caplog.at_level(logging.WARNING, "lumiscope.memory"):
        update = engine.learn(SESSION, [], at(1))
    engine.close()
    assert update == BuiltinEngine().learn(SESSION, [], at(1))
    assert "llm memory engine failed (the reply is not JSON" in caplog.text


def test_the_llm_engine_falls_back_on_a_server_error(
        fake_openai: FakeOpenAI, caplog: pytest.LogCaptureFixture) -> None:
    engine = LlmEngine(LlmSettings(fake_openai.base_url, "broken"))
    with caplog.at_level(logging.WARNING, "lumiscope.memory"):
        update = engine.learn(SESSION, [], at(1))
    engine.close()
    assert current(update.facts) == [("allergy", "shellfish"), ("home_city", "Lisbon"),
                                     ("name", "Maria")]
    assert "HTTP 500" in caplog.text


def test_the_llm_engine_falls_back_within_its_timeout(chat: FakeChat) -> None:
    chat.answer(json.dumps({"facts": [], "session_summary": ""}), delay=2.0)
    engine = LlmEngine(LlmSettings(chat.base_url, "slow", timeout=0.3))
    started = time.monotonic()
    update = engine.learn(SESSION, [], at(1))
    engine.close()
    assert time.monotonic() - started < 1.5
    assert ("home_city", "Lisbon") in current(update.facts)


def test_the_llm_engine_falls_back_when_nothing_listens() -> None:
    engine = LlmEngine(LlmSettings("http://127.0.0.1:9/v1", "m", timeout=2))
    assert ("home_city", "Lisbon") in current(engine.learn(SESSION, [], at(1)).facts)
    engine.close()


def test_the_llm_engine_does_not_call_the_model_without_turns(chat: FakeChat) -> None:
    engine = LlmEngine(LlmSettings(chat.base_url, "m"))
    update = engine.learn([], [fact("home_city", "Lisbon")], at(1))
    engine.close()
    assert chat.requests == [] and update.facts == [] and update.session_summary == ""


def test_the_llm_engine_uses_the_fallback_it_is_given(fake_openai: FakeOpenAI) -> None:
    class Nothing(BuiltinEngine):
        def learn(self, turns, existing, now_ns, *, recent_summaries=()):  # type: ignore[no-untyped-def]
            return super().learn([], existing, now_ns, recent_summaries=recent_summaries)

    engine = LlmEngine(LlmSettings(fake_openai.base_url, "broken"), fallback=Nothing())
    assert engine.learn(SESSION, [], at(1)).facts == []
    engine.close()
