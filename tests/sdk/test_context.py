"""User/session/agent context and request attributes, stamped on spans as they start."""

from __future__ import annotations

import asyncio
import contextvars
import threading

import pytest
from opentelemetry import trace

import lumiscope
from lumiscope.sdk import state
from tests.sdk_support import by_name, finished


def _span(name: str) -> None:
    state.tracer().start_span(name).end()


def test_spans_started_inside_a_context_carry_its_user_session_and_agent(exporter):
    with lumiscope.context(user_id="user-42", session_id="sess-abc", agent_id="support"):
        _span("inside")
    _span("outside")
    spans = by_name(finished(exporter))
    assert spans["inside"].attributes["user.id"] == "user-42"
    assert spans["inside"].attributes["session.id"] == "sess-abc"
    assert spans["inside"].attributes["gen_ai.agent.id"] == "support"
    assert "user.id" not in spans["outside"].attributes


def test_an_inner_context_replaces_the_outer_one_and_the_outer_comes_back(exporter):
    with lumiscope.context(user_id="u1", session_id="s1", agent_id="a1"):
        with lumiscope.context(user_id="u2"):
            _span("inner")
        _span("outer")
    spans = by_name(finished(exporter))
    assert spans["inner"].attributes["user.id"] == "u2"
    assert "session.id" not in spans["inner"].attributes
    assert "gen_ai.agent.id" not in spans["inner"].attributes
    assert spans["outer"].attributes["gen_ai.agent.id"] == "a1"


def test_ids_are_written_as_given(exporter):
    with lumiscope.context(user_id=42, session_id=None):
        _span("s")
    attrs = finished(exporter)[0].attributes
    assert attrs["user.id"] == 42 and "session.id" not in attrs


def test_set_context_and_clear_context_restore_the_previous_identity(exporter):
    token = lumiscope.set_context(user_id="u1")
    try:
        _span("with")
    finally:
        lumiscope.clear_context(token)
    _span("without")
    spans = by_name(finished(exporter))
    assert spans["with"].attributes["user.id"] == "u1"
    assert "user.id" not in spans["without"].attributes
    with pytest.raises(RuntimeError):
        lumiscope.clear_context(token)


def test_asyncio_tasks_see_the_context_and_plain_threads_do_not(exporter):
    async def main() -> None:
        with lumiscope.context(user_id="u-async"):
            await asyncio.create_task(asyncio.to_thread(_span, "to_thread"))
            await asyncio.create_task(_as_coroutine("task"))

    async def _as_coroutine(name: str) -> None:
        _span(name)

    asyncio.run(main())
    with lumiscope.context(user_id="u-thread"):
        thread = threading.Thread(target=_span, args=("thread",))
        thread.start()
        thread.join()
    spans = by_name(finished(exporter))
    assert spans["to_thread"].attributes["user.id"] == "u-async"
    assert spans["task"].attributes["user.id"] == "u-async"
    assert "user.id" not in spans["thread"].attributes


def test_set_attribute_reaches_the_current_span_and_later_ones_but_not_earlier(exporter):
    with lumiscope.context(user_id="u"):
        _span("before")
        with state.tracer().start_as_current_span("current"):
            lumiscope.set_attribute("feature", "chat")
        _span("after")
    spans = by_name(finished(exporter))
    assert spans["current"].attributes["feature"] == "chat"
    assert spans["after"].attributes["feature"] == "chat"
    assert "feature" not in spans["before"].attributes


def test_set_attribute_never_raises_on_odd_keys_or_values(exporter, caplog):
    with state.tracer().start_as_current_span("s"):
        lumiscope.set_attribute(None, "x")  # type: ignore[arg-type]
        lumiscope.set_attribute("obj", {"a": 1})
        lumiscope.set_attribute("list", [1, 2])
    attrs = finished(exporter)[0].attributes
    assert attrs["obj"] == "{'a': 1}" and list(attrs["list"]) == [1, 2]
    assert "non-empty string" in caplog.text


def test_the_current_trace_id_is_32_hex_inside_a_span_and_none_outside(exporter):
    assert lumiscope.get_current_trace_id() is None
    with state.tracer().start_as_current_span("s") as span:
        trace_id = lumiscope.get_current_trace_id()
    assert trace_id == format(span.get_span_context().trace_id, "032x")
    assert trace.get_current_span() is trace.INVALID_SPAN


def test_context_needs_no_init_and_a_token_from_another_context_is_refused():
    token = lumiscope.set_context(user_id="u")
    other = contextvars.copy_context()
    lumiscope.clear_context(token)
    token2 = other.run(lumiscope.set_context, user_id="v")
    with pytest.raises(ValueError):
        lumiscope.clear_context(token2)
