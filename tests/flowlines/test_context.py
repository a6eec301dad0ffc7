"""flowlines.context / set_context / clear_context: the flowlines.* span attributes."""

from __future__ import annotations

import pytest
from opentelemetry.sdk.trace.export.in_memory_span_exporter import InMemorySpanExporter

import flowlines
from lumiscope.sdk import runtime, state
from lumiscope.sdk.config import load_config
from tests.sdk_support import TEST_KEY, by_name, finished


@pytest.fixture
def memory() -> InMemorySpanExporter:
    exported = InMemorySpanExporter()
    runtime.init(load_config({}, api_key=TEST_KEY, instrument=False), exporter=exported)
    return exported


def _span(name: str) -> None:
    state.tracer().start_span(name).end()


def test_spans_carry_the_flowlines_ids_and_session_is_optional(memory):
    with flowlines.context(user_id="user-42", session_id="sess-abc", agent_id="agent-1"):
        _span("full")
    with flowlines.context(user_id="user-42"):
        _span("user-only")
    spans = by_name(finished(memory))
    assert {k: v for k, v in spans["full"].attributes.items() if k.startswith("flowlines.")} == {
        "flowlines.user_id": "user-42", "flowlines.session_id": "sess-abc",
        "flowlines.agent_id": "agent-1"}
    assert dict(spans["user-only"].attributes) == {"flowlines.user_id": "user-42"}


def test_user_id_is_a_required_keyword():
    with pytest.raises(TypeError):
        flowlines.context(session_id="s")  # type: ignore[call-arg]
    with pytest.raises(TypeError):
        flowlines.set_context("user-42")  # type: ignore[misc]


def test_an_inner_context_replaces_the_outer_and_the_token_api_restores_it(memory):
    token = flowlines.set_context(user_id="outer", session_id="s", agent_id="a")
    try:
        with flowlines.context(user_id="inner"):
            _span("inner")
        _span("outer")
    finally:
        flowlines.clear_context(token)
    _span("none")
    spans = by_name(finished(memory))
    assert dict(spans["inner"].attributes) == {"flowlines.user_id": "inner"}
    assert spans["outer"].attributes["flowlines.agent_id"] == "a"
    assert dict(spans["none"].attributes) == {}
    with pytest.raises(RuntimeError):
        flowlines.clear_context(token)


def test_context_works_before_init():
    with flowlines.context(user_id="u", session_id="s") as value:
        assert value is None
