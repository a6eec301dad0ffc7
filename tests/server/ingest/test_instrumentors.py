"""Spans from real instrumentations, and hand-built spans in older conventions, all
normalize to the same span row (ingest/normalize.py, conventions.py, messages.py).

The real ``openai`` client calls the local fake OpenAI server; the instrumentors' spans go
through the real OTLP/HTTP exporter to the real server and are read back through the API.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable, Iterator
from typing import Any

import openai
import pytest
import wrapt
from openinference.instrumentation.openai import OpenAIInstrumentor as OpenInference
from opentelemetry.instrumentation.openai import OpenAIInstrumentor as OpenLLMetry

from tests.otel_helpers import hex_trace_id, otlp_provider, send

PROMPT = [{"role": "system", "content": "Be brief."},
          {"role": "user", "content": "Hello there"}]
REPLY = [{"role": "assistant", "content": "You said: Hello there"}]
INSTRUMENTORS = {"openllmetry": OpenLLMetry, "openinference": OpenInference}


def _traced(server, key, fake_openai, instrumentor: str,
            call: Callable[[openai.OpenAI], Any]) -> None:
    """Run ``call`` with the instrumentor on, exporting to ``server``; always uninstrument."""
    provider, exporter = otlp_provider(server.base_url, key, service="chat-app")
    instrumentor_obj = INSTRUMENTORS[instrumentor]()
    instrumentor_obj.instrument(tracer_provider=provider)
    try:
        client = openai.OpenAI(base_url=fake_openai.base_url, api_key="sk-test", max_retries=0)
        call(client)
    finally:
        instrumentor_obj.uninstrument()
        _unwrap_leftovers()
        provider.shutdown()
    assert exporter.results, "the instrumentor produced no span"


def _unwrap_leftovers() -> None:
    """Undo what ``uninstrument()`` left patched in the ``openai`` package.

    OpenLLMetry 0.62 unwraps with ``unwrap("openai.resources.chat.completions",
    "Completions.create")``, which opentelemetry-instrumentation 0.66 resolves to nothing:
    its wrappers stay, and each later ``instrument()`` stacks one more (streamed text then
    comes back doubled, tripled...). Tests must not depend on which ran before them.
    """
    for name, module in list(sys.modules.items()):
        if not name.startswith("openai.resources"):
            continue
        for cls in list(vars(module).values()):
            if not isinstance(cls, type):
                continue
            for attr, value in list(vars(cls).items()):
                while isinstance(value, wrapt.FunctionWrapper):
                    value = value.__wrapped__
                    setattr(cls, attr, value)


def _only_span(api) -> dict[str, Any]:
    """The one span of this test's project, in full (from the span tree)."""
    listed = api.get("/v1/events").json()
    assert listed["total"] == 1, listed
    [event] = listed["events"]
    [root] = api.get(f"/v1/traces/{event['trace_id']}").json()
    assert {k: root[k] for k in event} == event  # the list and the tree agree
    return root


NORMALIZED = ("provider", "model", "span_kind", "operation", "input_tokens", "output_tokens",
              "cost_usd", "input_messages", "output_messages", "status", "stream",
              "service_name")


def _chat(client: openai.OpenAI) -> None:
    client.chat.completions.create(model="gpt-4o-mini", messages=PROMPT)


@pytest.fixture(params=sorted(INSTRUMENTORS))
def instrumentor(request: pytest.FixtureRequest) -> str:
    return request.param


def test_a_chat_call_is_stored_with_model_tokens_messages_and_cost(
        server, api, key, fake_openai, instrumentor):
    _traced(server, key, fake_openai, instrumentor, _chat)

    span = _only_span(api)
    assert span["provider"] == "openai"
    assert span["model"] == "gpt-4o-mini"
    assert span["span_kind"] == "llm" and span["operation"] == "chat"
    assert (span["input_tokens"], span["output_tokens"]) == (4, 4)
    assert span["cost_usd"] > 0
    assert span["input_messages"] == PROMPT
    assert span["output_messages"] == REPLY
    assert span["status"] == "success" and span["error_code"] is None
    assert span["stream"] is False and span["ttft_ms"] is None


def test_both_instrumentors_give_the_same_row_for_the_same_call(
        server, fake_openai):
    rows = []
    for name in sorted(INSTRUMENTORS):
        key = server.new_key()
        _traced(server, key, fake_openai, name, _chat)
        with server.client(key) as api:
            span = _only_span(api)
        rows.append({field: span[field] for field in NORMALIZED})
    assert rows[0] == rows[1]


def test_a_streamed_call_is_marked_stream_with_a_time_to_first_token(
        server, api, key, fake_openai, instrumentor):
    def stream(client: openai.OpenAI) -> None:
        chunks = client.chat.completions.create(
            model="gpt-4o-mini", messages=PROMPT[1:], stream=True,
            stream_options={"include_usage": True})
        assert "".join(c.choices[0].delta.content or "" for c in chunks if c.choices)

    _traced(server, key, fake_openai, instrumentor, stream)

    span = _only_span(api)
    assert span["stream"] is True
    assert span["ttft_ms"] is not None
    assert 0 <= span["ttft_ms"] <= span["latency_ms"]
    assert (span["input_tokens"], span["output_tokens"]) == (2, 4)
    assert span["output_messages"] == REPLY
    assert span["cost_usd"] > 0


def test_a_429_from_the_provider_is_stored_as_rate_limited(
        server, api, key, fake_openai, instrumentor):
    def rate_limited(client: openai.OpenAI) -> None:
        with pytest.raises(openai.RateLimitError):
            client.chat.completions.create(model="rate-limited", messages=PROMPT[1:])

    _traced(server, key, fake_openai, instrumentor, rate_limited)

    span = _only_span(api)
    assert span["status"] == "rate_limited"
    assert span["error_code"] == "RateLimitError"
    assert "429" in span["error_message"]
    assert span["model"] == "rate-limited"
    assert span["cost_usd"] is None
    assert api.get("/v1/events", params={"status": "rate_limited"}).json()["total"] == 1


# Hand-built spans: the same call as OpenLLMetry 0.53 and the OTel GenAI events wrote it.
# Each builder gets the span and the identity to stamp; all must yield EXPECTED.

USER, SESSION, AGENT = "4242", "sess-9", "support-bot"
EXPECTED = {
    "provider": "openai", "model": "gpt-4o-mini", "span_kind": "llm", "operation": "chat",
    "input_tokens": 12, "output_tokens": 5, "input_messages": PROMPT, "output_messages": REPLY,
    "user_id": USER, "session_id": SESSION, "status": "success",
}


def _openllmetry_053(span) -> None:  # type: ignore[no-untyped-def]
    span.set_attribute("llm.request.type", "chat")
    span.set_attribute("gen_ai.system", "OpenAI")
    span.set_attribute("gen_ai.request.model", "gpt-4o-mini")
    span.set_attribute("gen_ai.response.model", "gpt-4o-mini")
    for i, message in enumerate(PROMPT):
        span.set_attribute(f"gen_ai.prompt.{i}.role", message["role"])
        span.set_attribute(f"gen_ai.prompt.{i}.content", message["content"])
    span.set_attribute("gen_ai.completion.0.role", "assistant")
    span.set_attribute("gen_ai.completion.0.content", REPLY[0]["content"])
    span.set_attribute("gen_ai.completion.0.finish_reason", "stop")
    span.set_attribute("gen_ai.usage.prompt_tokens", 12)
    span.set_attribute("gen_ai.usage.completion_tokens", 5)
    span.set_attribute("llm.usage.total_tokens", 17)


def _genai_events(span) -> None:  # type: ignore[no-untyped-def]
    span.set_attribute("gen_ai.operation.name", "chat")
    span.set_attribute("gen_ai.system", "openai")
    span.set_attribute("gen_ai.request.model", "gpt-4o-mini")
    span.set_attribute("gen_ai.usage.input_tokens", 12)
    span.set_attribute("gen_ai.usage.output_tokens", 5)
    span.add_event("gen_ai.system.message", {"gen_ai.system": "openai", "content": "Be brief."})
    span.add_event("gen_ai.user.message", {"gen_ai.system": "openai", "content": "Hello there"})
    span.add_event("gen_ai.choice", {
        "gen_ai.system": "openai", "index": 0, "finish_reason": "stop",
        "message": json.dumps({"role": "assistant", "content": REPLY[0]["content"]}),
    })


def _flowlines_ids(span) -> None:  # type: ignore[no-untyped-def]
    span.set_attribute("flowlines.user_id", int(USER))  # Flowlines sends ids as given
    span.set_attribute("flowlines.session_id", SESSION)
    span.set_attribute("flowlines.agent_id", AGENT)


def _generic_ids(span) -> None:  # type: ignore[no-untyped-def]
    span.set_attribute("user.id", USER)
    span.set_attribute("session.id", SESSION)


def _traceloop_ids(span) -> None:  # type: ignore[no-untyped-def]
    span.set_attribute("traceloop.association.properties.user_id", USER)
    span.set_attribute("traceloop.association.properties.session_id", SESSION)


CASES = {
    "openllmetry-0.53+traceloop-ids": (_openllmetry_053, _traceloop_ids),
    "openllmetry-0.53+flowlines-ids": (_openllmetry_053, _flowlines_ids),
    "genai-events+generic-ids": (_genai_events, _generic_ids),
    "genai-events+flowlines-ids": (_genai_events, _flowlines_ids),
}


@pytest.fixture(params=sorted(CASES))
def convention(request: pytest.FixtureRequest) -> Iterator[tuple[Callable, Callable]]:
    yield CASES[request.param]


def test_older_conventions_and_identity_attributes_give_the_same_row(server, api, key,
                                                                     convention):
    llm_attributes, identity = convention

    def build(tracer) -> str:  # type: ignore[no-untyped-def]
        with tracer.start_as_current_span("openai.chat") as span:
            llm_attributes(span)
            identity(span)
            return hex_trace_id(span)

    trace_id = send(server.base_url, key, build)

    span = _only_span(api)
    assert span["trace_id"] == trace_id
    assert {field: span[field] for field in EXPECTED} == EXPECTED
    assert span["cost_usd"] > 0
    assert api.get("/v1/events", params={"userId": USER}).json()["total"] == 1
    [trace] = api.get("/v1/get-traces").json()["traces"]
    assert (trace["user_id"], trace["session_id"]) == (USER, SESSION)


def test_the_flowlines_agent_id_is_stored_and_filters_traces(server, api, key):
    def build(tracer) -> None:  # type: ignore[no-untyped-def]
        with tracer.start_as_current_span("openai.chat") as span:
            _openllmetry_053(span)
            _flowlines_ids(span)

    send(server.base_url, key, build)

    assert _only_span(api)["agent_id"] == AGENT
    assert len(api.get("/v1/get-traces", params={"agent_id": AGENT}).json()["traces"]) == 1
    assert api.get("/v1/get-traces", params={"agent_id": "other"}).json()["traces"] == []


def test_both_older_conventions_are_priced_alike_without_identity(server):
    costs = set()
    for llm_attributes, _ in (CASES["openllmetry-0.53+traceloop-ids"],
                              CASES["genai-events+generic-ids"]):
        key = server.new_key()

        def build(tracer, llm_attributes=llm_attributes) -> None:  # type: ignore[no-untyped-def]
            with tracer.start_as_current_span("chat") as span:
                llm_attributes(span)

        send(server.base_url, key, build)
        with server.client(key) as api:
            costs.add(_only_span(api)["cost_usd"])
    assert len(costs) == 1 and costs.pop() > 0
