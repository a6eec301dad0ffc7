"""Memory and session calls: never raise for server, network or body problems."""

from __future__ import annotations

import asyncio
import logging

import pytest

from lumiscope.sdk.client import NO_MEMORY, ApiClient
from tests.sdk_support import Reply, ScriptedServer

log = logging.getLogger("lumiscope.test.client")


def _client(url: str, timeout: float = 5.0) -> ApiClient:
    return ApiClient(url, "lqt_k", key_header="x-flowlines-api-key", timeout=timeout, log=log,
                     user_agent="flowlines-sdk-py")


def test_no_memory_on_the_real_server_is_none_and_logs_nothing_above_debug(server, key, caplog):
    with caplog.at_level(logging.DEBUG, logger=log.name):
        assert ApiClient(server.base_url, key, log=log).get_memory("user-42") is NO_MEMORY
    assert [r.levelname for r in caplog.records] == ["DEBUG"]


def test_the_request_carries_the_key_and_the_parameters_in_order():
    with ScriptedServer(Reply(200, b'{"memory": {"facts": []}}')) as s:
        assert _client(s.url).get_memory("user 42", agent_id="a1", view="summary") == \
            {"facts": []}
    (request,) = s.received
    assert request.path == "/v1/get-memory?user_id=user+42&agent_id=a1&view=summary"
    assert request.headers["x-flowlines-api-key"] == "lqt_k"
    assert request.headers["user-agent"] == "flowlines-sdk-py"


@pytest.mark.parametrize(("reply", "level", "text"), [
    (Reply(500, b'{"error": "database down"}'), "ERROR", "(HTTP 500): database down"),
    (Reply(429, b"slow down"), "ERROR", "(HTTP 429): slow down"),
    (Reply(401, b'{"error": "invalid API key"}'), "WARNING", "(HTTP 401): invalid API key"),
    (Reply(400, b'{"error": "unknown view"}'), "WARNING", "(HTTP 400)"),
    (Reply(200, b"not json"), "ERROR", "malformed JSON"),
    (Reply(200, b"42"), "ERROR", "no 'memory' member"),
    (Reply(204), "ERROR", "malformed JSON"),
    (Reply(drop=True), "ERROR", "Memory request failed"),
    (Reply(200, b'{"memory": 1}', delay=1.0), "ERROR", "timed out"),
], ids=["500", "429", "401", "400", "not-json", "bare-number", "204", "dropped", "slow"])
def test_every_failure_is_logged_at_its_level_and_returns_no_memory(reply, level, text, caplog):
    with ScriptedServer(reply) as s, caplog.at_level(logging.DEBUG, logger=log.name):
        assert _client(s.url, timeout=0.5).get_memory("u") is NO_MEMORY
    assert caplog.records[-1].levelname == level
    assert text in caplog.text


def test_a_server_that_is_down_gives_no_memory_and_an_error_line(caplog):
    with ScriptedServer() as s:
        url = s.url
    with caplog.at_level(logging.ERROR, logger=log.name):
        assert _client(url).get_memory("u") is NO_MEMORY
        assert _client(url).end_session("u", "s") is False
    assert "Connection refused" in caplog.text


def test_a_memory_of_null_is_a_value_not_no_memory():
    with ScriptedServer(Reply(200, b'{"memory": null}')) as s:
        assert _client(s.url).get_memory("u") is None


def test_ending_a_session_on_the_real_server_marks_it_ended(server, key, api):
    assert ApiClient(server.base_url, key, log=log).end_session("user-42", "sess-end") is True
    assert api.get("/v1/sessions/sess-end").json()["status"] == "ended"


def test_end_session_sends_exactly_the_flowlines_body_and_ignores_404(caplog):
    with ScriptedServer(Reply(404)) as s, caplog.at_level(logging.DEBUG, logger=log.name):
        assert _client(s.url).end_session("user-42", "sess-abc") is False
    assert s.received[0].body == b'{"session_id": "sess-abc", "user_id": "user-42"}'
    assert s.received[0].headers["content-type"] == "application/json"
    assert all(r.levelname == "DEBUG" for r in caplog.records)


def test_end_session_never_raises_when_the_connection_drops(caplog):
    with ScriptedServer(Reply(drop=True)) as s:
        assert _client(s.url).end_session("u", "s") is False
    assert "Session end request failed" in caplog.text


def test_the_async_variants_run_the_same_request_in_a_thread():
    with ScriptedServer(Reply(200, b'{"memory": "remembered"}')) as s:
        client = _client(s.url)
        assert asyncio.run(client.aget_memory("u")) == "remembered"
