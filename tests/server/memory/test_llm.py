"""The llm engine's wire: request, HTTP call and validation of the model's answer."""

from __future__ import annotations

import json
import logging

import httpx
import pytest

from lumiscope.server.memory.llm import (
    SCHEMA,
    LlmError,
    LlmSettings,
    build_request,
    complete,
    parse_reply,
)
from lumiscope.server.memory.model import Fact, Retraction
from tests.server.memory.factories import NOW, fact, turn
from tests.server.memory.fake_chat import FakeChat

TURNS = [turn("I live in Lisbon.", span_id="a"), turn("I'm vegan.", time_ns=NOW + 60, span_id="b",
                                                      agent_id="cook-bot")]


def item(**overrides: object) -> dict[str, object]:
    base = {"op": "add", "category": "location", "subject": "home_city", "value": "Lisbon",
            "text": "Lives in Lisbon", "confidence": 0.9, "turn": 0}
    return {**base, **overrides}


def test_the_request_asks_for_json_matching_the_schema() -> None:
    body = build_request(LlmSettings("http://x/v1", "m1"), TURNS,
                         [fact("home_city", "Paris"),
                          fact("home_city", "Rome").supersede(NOW, None)])
    assert body["model"] == "m1" and body["temperature"] == 0
    assert body["response_format"] == {"type": "json_schema", "json_schema": {
        "name": "memory_update", "strict": True, "schema": SCHEMA}}
    context = json.loads(body["messages"][1]["content"])
    assert context["known_facts"] == [{"category": "location", "subject": "home_city",
                                       "value": "Paris"}]
    assert [t["user"] for t in context["turns"]] == [["I live in Lisbon."], ["I'm vegan."]]
    assert context["turns"][0]["time"] == "2026-02-04T10:00:00.000Z"


def test_the_request_can_ask_for_a_plain_json_object() -> None:
    settings = LlmSettings("http://x/v1", "m1", response_format="json_object")
    assert build_request(settings, TURNS, [])["response_format"] == {"type": "json_object"}


def test_the_schema_is_strict_about_every_field() -> None:
    fact_schema = SCHEMA["properties"]["facts"]["items"]  # type: ignore[index]
    assert set(fact_schema["required"]) == set(fact_schema["properties"])
    assert fact_schema["additionalProperties"] is False


def test_complete_posts_to_chat_completions_with_the_key(chat: FakeChat) -> None:
    chat.answer("hello")
    settings = LlmSettings(chat.base_url, "m1", api_key="sk-test")
    with httpx.Client() as client:
        assert complete(client, settings, {"model": "m1"}) == "hello"
    [request] = chat.requests
    assert request["path"] == "/v1/chat/completions"
    assert request["headers"]["Authorization"] == "Bearer sk-test"


@pytest.mark.parametrize("status", [400, 429, 500, 503])
def test_complete_raises_on_an_error_status(chat: FakeChat, status: int) -> None:
    chat.answer(status=status)
    with httpx.Client() as client, pytest.raises(LlmError, match=f"HTTP {status}"):
        complete(client, LlmSettings(chat.base_url, "m1"), {})


def test_complete_raises_on_a_timeout(chat: FakeChat) -> None:
    chat.answer("late", delay=1.0)
    with httpx.Client() as client, pytest.raises(LlmError, match="Timeout"):
        complete(client, LlmSettings(chat.base_url, "m1", timeout=0.2), {})


def test_complete_raises_when_nothing_listens() -> None:
    with httpx.Client() as client, pytest.raises(LlmError, match="ConnectError"):
        complete(client, LlmSettings("http://127.0.0.1:9/v1", "m1", timeout=2), {})


def test_a_valid_answer_gives_facts_with_the_provenance_of_their_turn() -> None:
    answer = {"facts": [item(), item(category="preference", subject="diet", value="vegan",
                                     text="Is vegan", turn=1)],
              "session_summary": "Talked about food."}
    learned, summary = parse_reply(json.dumps(answer), TURNS)
    assert summary == "Talked about food."
    lisbon, vegan = learned
    assert isinstance(vegan, Fact) and vegan.agent_id == "cook-bot"
    assert (vegan.provenance[0].span_id, vegan.valid_from_ns) == ("b", NOW + 60)
    assert isinstance(lisbon, Fact) and lisbon.text == "Lives in Lisbon"


def test_a_retract_item_becomes_a_retraction() -> None:
    answer = {"facts": [item(op="retract", value="Paris")], "session_summary": ""}
    [learned], _ = parse_reply(json.dumps(answer), TURNS)
    assert isinstance(learned, Retraction) and learned.values == ("Paris",)


def test_an_answer_in_a_json_fence_is_accepted() -> None:
    content = "```json\n" + json.dumps({"facts": [item()], "session_summary": "x"}) + "\n```"
    assert len(parse_reply(content, TURNS)[0]) == 1


@pytest.mark.parametrize("bad", [
    item(category="mood"), item(subject="Home City"), item(value=""), item(value=3),
    item(turn=7), item(turn=True), item(op="update"), item(text=""), item(confidence="high"),
    "not an object"])
def test_an_item_that_breaks_the_schema_is_dropped_and_logged(
        bad: object, caplog: pytest.LogCaptureFixture) -> None:
    answer = {"facts": [item(), bad], "session_summary": "x"}
    with caplog.at_level(logging.WARNING, "lumiscope.memory"):
        learned, _ = parse_reply(json.dumps(answer), TURNS)
    assert len(learned) == 1
    assert "dropped 1 invalid fact(s) of 2" in caplog.text


def test_a_confidence_out_of_range_is_clamped() -> None:
    [learned], _ = parse_reply(json.dumps({"facts": [item(confidence=7)],
                                           "session_summary": ""}), TURNS)
    assert isinstance(learned, Fact) and learned.confidence == 1.0


@pytest.mark.parametrize("content", ["You said: hi", "[]", '{"facts": "none"}', "{}"])
def test_an_answer_that_is_not_the_schemas_object_raises(content: str) -> None:
    with pytest.raises(LlmError):
        parse_reply(content, TURNS)
