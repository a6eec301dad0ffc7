"""get_memory / end_session: None and log lines, never an exception for server problems."""

from __future__ import annotations

import asyncio
import json

import pytest

import flowlines
from tests.sdk_support import Reply, ScriptedServer


def _init(url: str, key: str = "lqt_k", **options) -> None:
    flowlines.init(api_key=key, ingest_endpoint=url, api_endpoint=url, **options)


def test_memory_and_session_calls_before_init_raise_runtime_error():
    with pytest.raises(RuntimeError):
        flowlines.get_memory("u")
    with pytest.raises(RuntimeError):
        asyncio.run(flowlines.aget_memory("u"))
    with pytest.raises(RuntimeError):
        flowlines.end_session("u", session_id="s")
    with pytest.raises(RuntimeError):
        asyncio.run(flowlines.aend_session("u", session_id="s"))


def test_for_a_new_user_memory_is_none_and_the_session_ends_without_a_line(
        server_process, stderr_lines):
    _init(server_process.base_url, server_process.key)
    assert flowlines.get_memory("user-new", session_id="sess-f", view="summary") is None
    assert asyncio.run(flowlines.aget_memory("user-new")) is None
    flowlines.end_session(user_id="user-new", session_id="sess-f")
    asyncio.run(flowlines.aend_session("user-new", session_id="sess-f"))
    with server_process.client() as api:
        assert api.get("/v1/sessions/sess-f").json()["status"] == "ended"
    assert stderr_lines.getvalue() == ""


@pytest.mark.parametrize(("body", "expected"), [
    (b'{"memory": {"facts": [{"text": "Lives in Lisbon"}]}}',
     '{"facts": [{"text": "Lives in Lisbon"}]}'),
    (b'{"memory": "caf\xc3\xa9"}', '"caf\\u00e9"'),
    (b'{"memory": null}', "null"),
    (b'{"memory": {}}', "{}"),
])
def test_memory_is_json_dumps_of_the_memory_member(body, expected):
    with ScriptedServer(Reply(200, body)) as s:
        _init(s.url)
        memory = flowlines.get_memory("user-42")
    assert memory == expected
    assert json.loads(memory) == json.loads(body)["memory"]


def test_the_request_is_the_real_sdks(stderr_lines):
    with ScriptedServer(Reply(404), Reply(200)) as s:
        _init(s.url)
        flowlines.get_memory("user-42", session_id="sess abc", agent_id="agent 1")
        flowlines.end_session("user-42", session_id="sess-abc")
    get, post = s.received[-2:]
    assert get.path == "/v1/get-memory?user_id=user-42&session_id=sess+abc&agent_id=agent+1"
    assert get.headers["x-flowlines-api-key"] == "lqt_k"
    assert get.headers["user-agent"] == "flowlines-sdk-py"
    assert post.body == b'{"session_id": "sess-abc", "user_id": "user-42"}'
    assert stderr_lines.getvalue() == ""


@pytest.mark.parametrize("reply", [Reply(500, b'{"error": "down"}'), Reply(429),
                                   Reply(drop=True), Reply(200, b"<html>"),
                                   Reply(200, b"42")],
                         ids=["500", "429", "dropped", "html", "bare-number"])
def test_server_and_body_problems_print_an_error_line_and_never_raise(reply, stderr_lines):
    with ScriptedServer(reply) as s:
        _init(s.url)
        assert flowlines.get_memory("u") is None
        flowlines.end_session("u", session_id="s")
    lines = stderr_lines.getvalue().splitlines()
    assert lines and all(line.startswith("[flowlines] ") for line in lines)
    assert "Memory request failed" in lines[0]


def test_a_wrong_key_is_a_warning_seen_only_in_verbose_mode(stderr_lines):
    with ScriptedServer(Reply(401, b'{"error": "invalid API key"}')) as s:
        _init(s.url)
        assert flowlines.get_memory("u") is None
        assert stderr_lines.getvalue() == ""
        flowlines._reset()
        _init(s.url, verbose=True)
        flowlines.get_memory("u")
    assert "Memory request failed (HTTP 401): invalid API key" in stderr_lines.getvalue()


def test_a_server_that_is_down_gives_none_and_one_error_line(stderr_lines):
    with ScriptedServer() as s:
        url = s.url
    _init(url)
    assert flowlines.get_memory("user-42") is None
    assert stderr_lines.getvalue().count("[flowlines] Memory request failed") == 1
