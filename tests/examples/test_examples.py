"""The examples/ scripts (the two seed pages) against a real server and the fake model."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.sdk_support import wait_for

EXAMPLES = Path(__file__).parents[2] / "examples"


@pytest.fixture
def env(server_process, fake_openai) -> dict[str, str]:
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("OTEL_", "LUMISCOPE_"))}
    return {**clean, "LUMISCOPE_API_KEY": server_process.key,
            "LUMISCOPE_ENDPOINT": server_process.base_url,
            "OPENAI_BASE_URL": fake_openai.base_url, "OPENAI_API_KEY": "sk-fake"}


def _run(script: str, env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    done = subprocess.run([sys.executable, str(EXAMPLES / script), *args], env=env,
                          timeout=120, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    return done


def test_the_flask_example_gives_one_trace_per_request(env, server_process):
    lines = [json.loads(line) for line in _run("flask_traffic.py", env).stdout.splitlines()]
    assert [line["user_id"] for line in lines] == ["ana", "bo"]
    for line in lines:
        (root,) = server_process.trace(line["trace_id"], spans=4)
        assert (root["name"], root["user_id"]) == ("POST /ask", line["user_id"])
        search, wrapper = sorted(root["children"], key=lambda s: s["timestamp"])
        assert (search["name"], search["span_kind"]) == ("vector-search", "retriever")
        (llm,) = wrapper["children"]
        assert llm["model"] == "gpt-4o" and llm["input_tokens"] and llm["output_tokens"]


def test_the_flowlines_example_stores_the_conversation_and_ends_the_session(env,
                                                                             server_process):
    done = _run("flowlines_chat.py", env)
    assert done.stderr == ""  # no error line: memory 404 is quiet
    with server_process.client() as api:
        assert api.get("/v1/sessions/sess-abc").json()["status"] == "ended"
        events = api.get("/v1/events", params={"sessionId": "sess-abc"}).json()["events"]
        assert events and {e["user_id"] for e in events} == {"user-42"}
        (span,) = api.get(f"/v1/traces/{events[0]['trace_id']}").json()
    assert span["input_messages"][-1] == {"role": "user", "content": "Hello!"}
    assert span["output_messages"][0]["content"] == "You said: Hello!"


def test_the_flowlines_example_remembers_the_first_conversation_on_its_second_run(
        env, server_process):
    key = server_process.new_key("memory-example")
    env = {**env, "LUMISCOPE_API_KEY": key}
    first = _run("flowlines_chat.py", env, "Hi, I'm Maria. I live in Lisbon and I'm vegetarian.")
    assert first.stdout.strip() == "memory injected: None"
    with server_process.client(key) as api:
        assert wait_for(lambda: api.get("/v1/get-memory",
                                         params={"user_id": "user-42"}).status_code == 200)
    second = _run("flowlines_chat.py", env, "What should I cook tonight?")
    injected = json.loads(second.stdout.removeprefix("memory injected: "))
    assert {f["value"] for f in injected["facts"]} >= {"Lisbon", "vegetarian"}
    with server_process.client(key) as api:
        [call] = [e for e in api.get("/v1/events", params={"sessionId": "sess-abc"}).json()
                  ["events"] if e["span_kind"] == "llm"][:1]
        tree = api.get(f"/v1/traces/{call['trace_id']}").json()
    prompt = tree[0]["input_messages"]
    assert any("previous conversations" in m["content"] for m in prompt if m["role"] == "system")
