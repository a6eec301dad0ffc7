"""The public API of ``import lumiscope``: its names, its weight, memory and sessions."""

from __future__ import annotations

import asyncio
import subprocess
import sys

import lumiscope
from lumiscope.sdk import state

PUBLIC = [
    "__version__", "aend_session", "aget_memory", "clear_context", "context", "end_session",
    "flush", "get_current_trace_id", "get_memory", "init", "observe_llm", "observe_span",
    "set_attribute", "set_context", "shutdown", "stats",
]


def test_the_public_names_are_pinned():
    assert sorted(lumiscope.__all__) == PUBLIC
    assert all(hasattr(lumiscope, name) for name in PUBLIC)


def test_importing_lumiscope_loads_no_server_module_and_no_heavy_dependency():
    code = ("import sys, lumiscope; print(sorted(m for m in sys.modules if m.startswith(("
            "'lumiscope.server', 'opentelemetry.sdk', 'opentelemetry.exporter', 'requests', "
            "'google.protobuf', 'openai', 'fastapi', 'sqlalchemy', 'asyncio'))))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True).stdout
    assert out.strip() == "[]"


def test_memory_and_session_calls_before_init_warn_and_return_nothing(caplog):
    assert lumiscope.get_memory("u") is None
    assert lumiscope.end_session("u", "s") is False
    assert "call lumiscope.init()" in caplog.text


def test_memory_of_a_user_the_server_never_saw_is_none_quietly(server_process, caplog):
    lumiscope.init(server_process.key, endpoint=server_process.base_url, instrument=False)
    assert lumiscope.get_memory("never-seen", session_id="s", view="summary") is None
    assert asyncio.run(lumiscope.aget_memory("never-seen")) is None
    assert not [r for r in caplog.records if r.levelname in ("WARNING", "ERROR")]


def test_end_session_flushes_the_spans_first_then_ends_the_session(server_process):
    lumiscope.init(server_process.key, endpoint=server_process.base_url, instrument=False)

    @lumiscope.observe_llm(model="gpt-4o", provider="openai")
    def answer() -> dict:
        return {"usage": {"prompt_tokens": 3, "completion_tokens": 1}}

    with lumiscope.context(user_id="user-7", session_id="sess-7"):
        answer()
    assert lumiscope.end_session("user-7", "sess-7") is True
    with server_process.client() as api:
        assert api.get("/v1/sessions/sess-7").json()["status"] == "ended"
        # The flush came first: the span is stored by the time the session ends.
        (event,) = api.get("/v1/events", params={"sessionId": "sess-7"}).json()["events"]
    assert event["user_id"] == "user-7" and event["input_tokens"] == 3
    assert asyncio.run(lumiscope.aend_session("user-7", "sess-7")) is True
    assert state.current().stats().exported == 1
