"""@observe_llm and @observe_span on the real OpenTelemetry SDK (in-memory exporter)."""

from __future__ import annotations

import asyncio
import json
import logging

import pytest
from opentelemetry.trace import StatusCode

import lumiscope
from lumiscope.sdk import runtime, state
from lumiscope.sdk.config import load_config
from tests.sdk_support import TEST_KEY, by_name, finished

OPENAI_REPLY = {
    "id": "chatcmpl-1", "model": "gpt-4o-2024-08-06",
    "choices": [{"message": {"role": "assistant", "content": "Lisbon."},
                 "finish_reason": "stop"}],
    "usage": {"prompt_tokens": 12, "completion_tokens": 3,
              "prompt_tokens_details": {"cached_tokens": 4}},
}


def test_a_sync_function_becomes_one_span_named_after_it_with_its_kind(exporter):
    @lumiscope.observe_span("document-retrieval", span_type="retriever")
    def retrieve(query: str) -> list[str]:
        return [query]

    assert retrieve("q") == ["q"]
    (span,) = finished(exporter)
    assert span.name == "document-retrieval"
    assert span.attributes["lumiscope.span_kind"] == "retriever"


def test_custom_and_unknown_span_types_are_recorded_as_general(exporter):
    @lumiscope.observe_span("a")
    def a() -> None: ...

    @lumiscope.observe_span("b", span_type="whatever")
    def b() -> None: ...

    a(), b()
    assert {s.attributes["lumiscope.span_kind"] for s in finished(exporter)} == {"general"}


def test_nested_decorated_calls_nest_as_parent_and_child(exporter):
    @lumiscope.observe_llm(model="gpt-4o", provider="openai")
    def answer() -> dict:
        return OPENAI_REPLY

    @lumiscope.observe_span("rag-pipeline")
    def run_rag() -> dict:
        return answer()

    run_rag()
    spans = by_name(finished(exporter))
    assert spans["answer"].parent.span_id == spans["rag-pipeline"].context.span_id
    assert spans["answer"].context.trace_id == spans["rag-pipeline"].context.trace_id


def test_an_llm_call_records_model_provider_usage_and_messages(exporter):
    @lumiscope.observe_llm(model="gpt-4o", provider="openai")
    def answer(messages: list[dict]) -> dict:
        return OPENAI_REPLY

    answer([{"role": "user", "content": "Where do I live?"}])
    attrs = finished(exporter)[0].attributes
    assert attrs["gen_ai.operation.name"] == "chat"  # what makes it an llm span
    assert attrs["gen_ai.provider.name"] == "openai"
    assert attrs["gen_ai.request.model"] == "gpt-4o"
    assert attrs["gen_ai.response.model"] == "gpt-4o-2024-08-06"
    assert attrs["gen_ai.usage.input_tokens"] == 12
    assert attrs["gen_ai.usage.output_tokens"] == 3
    assert attrs["gen_ai.usage.cache_read.input_tokens"] == 4
    assert json.loads(attrs["gen_ai.input.messages"]) == [
        {"role": "user", "parts": [{"type": "text", "content": "Where do I live?"}]}]
    assert json.loads(attrs["gen_ai.output.messages"])[0]["parts"][0]["content"] == "Lisbon."


def test_an_async_function_is_traced_like_a_sync_one(exporter):
    @lumiscope.observe_llm(model="claude-sonnet-4-6", provider="anthropic")
    async def answer() -> dict:
        await asyncio.sleep(0)
        return {"model": "claude-sonnet-4-6", "content": [{"type": "text", "text": "Hi"}],
                "usage": {"input_tokens": 7, "output_tokens": 2}}

    assert asyncio.run(answer())["model"] == "claude-sonnet-4-6"
    attrs = finished(exporter)[0].attributes
    assert (attrs["gen_ai.usage.input_tokens"], attrs["gen_ai.usage.output_tokens"]) == (7, 2)


def test_a_generator_is_one_span_ending_with_the_stream_with_time_to_first_token(exporter):
    @lumiscope.observe_llm(model="gpt-4o")
    def stream(messages: list[dict]):
        yield "Hel"
        yield "lo"

    chunks = stream([{"role": "user", "content": "hi"}])
    assert finished(exporter) == []  # nothing ends before the stream does
    assert list(chunks) == ["Hel", "lo"]
    (span,) = finished(exporter)
    assert span.attributes["lumiscope.stream"] is True
    assert span.attributes["lumiscope.ttft_ms"] >= 0
    output = json.loads(span.attributes["gen_ai.output.messages"])
    assert output[0]["parts"][0]["content"] == "Hello"


def test_an_async_generator_streams_under_one_span(exporter):
    @lumiscope.observe_llm(model="gpt-4o")
    async def stream():
        for word in ("a", "b"):
            await asyncio.sleep(0)
            yield word

    async def consume() -> list[str]:
        return [word async for word in stream()]

    assert asyncio.run(consume()) == ["a", "b"]
    (span,) = finished(exporter)
    assert span.attributes["lumiscope.stream"] is True


def test_spans_started_inside_a_generator_body_are_its_children(exporter):
    @lumiscope.observe_span("step")
    def step() -> None: ...

    @lumiscope.observe_span("pipeline")
    def pipeline():
        step()
        yield 1
        step()
        yield 2

    list(pipeline())
    spans = finished(exporter)
    parent = next(s for s in spans if s.name == "pipeline")
    assert [s.parent.span_id for s in spans if s.name == "step"] == [parent.context.span_id] * 2


def test_send_throw_and_return_value_pass_through_a_decorated_generator(exporter):
    @lumiscope.observe_span("echo")
    def echo():
        received = yield "ready"
        try:
            yield f"got {received}"
        except KeyError:
            yield "handled"
        return "done"

    gen = echo()
    assert next(gen) == "ready"
    assert gen.send("x") == "got x"
    assert gen.throw(KeyError("k")) == "handled"
    with pytest.raises(StopIteration) as stop:
        next(gen)
    assert stop.value.value == "done"


def test_a_returned_stream_object_is_proxied_and_the_span_ends_at_its_end(exporter):
    class Chunk:
        def __init__(self, text: str, usage: dict | None = None) -> None:
            self.choices = [{"delta": {"content": text}}]
            self.usage = usage
            self.model = "gpt-4o-mini"

    class Stream:
        def __init__(self) -> None:
            self.items = iter([Chunk("Hi"), Chunk(" there",
                                                  {"prompt_tokens": 5, "completion_tokens": 2})])
            self.response = "raw http response"

        def __iter__(self):
            return self

        def __next__(self) -> Chunk:
            return next(self.items)

    @lumiscope.observe_llm(model="gpt-4o-mini", provider="openai")
    def ask() -> Stream:
        return Stream()

    stream = ask()
    assert stream.response == "raw http response"  # the proxy behaves like the stream
    assert [c.choices[0]["delta"]["content"] for c in stream] == ["Hi", " there"]
    attrs = finished(exporter)[0].attributes
    assert attrs["gen_ai.usage.output_tokens"] == 2
    assert attrs["gen_ai.response.model"] == "gpt-4o-mini"
    assert json.loads(attrs["gen_ai.output.messages"])[0]["parts"][0]["content"] == "Hi there"


def test_a_stream_abandoned_midway_ends_its_span_as_cancelled(exporter):
    @lumiscope.observe_llm(model="gpt-4o")
    def stream():
        yield from ("a", "b", "c")

    gen = stream()
    next(gen)
    gen.close()
    assert finished(exporter)[0].attributes["lumiscope.status"] == "cancelled"


def test_an_exception_is_recorded_and_reraised_unchanged(exporter):
    class RateLimitError(Exception):
        status_code = 429

    @lumiscope.observe_llm(model="gpt-4o")
    def answer() -> None:
        raise RateLimitError("slow down")

    with pytest.raises(RateLimitError, match="slow down"):
        answer()
    (span,) = finished(exporter)
    assert span.status.status_code is StatusCode.ERROR
    assert span.attributes["http.response.status_code"] == 429
    assert span.attributes["error.type"].endswith("RateLimitError")
    assert span.events[0].name == "exception"


def test_a_cancelled_task_is_recorded_as_cancelled(exporter):
    @lumiscope.observe_span("slow")
    async def slow() -> None:
        await asyncio.sleep(10)

    async def main() -> None:
        task = asyncio.create_task(slow())
        await asyncio.sleep(0.01)
        task.cancel()
        with pytest.raises(asyncio.CancelledError):
            await task

    asyncio.run(main())
    assert finished(exporter)[0].attributes["lumiscope.status"] == "cancelled"


@pytest.mark.parametrize("decorate", [
    lambda: lumiscope.observe_span(12345),
    lambda: lumiscope.observe_span(None, span_type=None),
    lambda: lumiscope.observe_span("x", span_type=["tool"], colour="red"),
    lambda: lumiscope.observe_span,
    lambda: lumiscope.observe_llm(model=42, provider=object()),
    lambda: lumiscope.observe_llm("gpt-4o", "openai", name=3.5, temperature=0.2),
    lambda: lumiscope.observe_llm,
], ids=["int-name", "none-type", "list-type-and-unknown-kwarg", "bare-span", "odd-llm-args",
        "llm-unknown-kwarg", "bare-llm"])
def test_bad_decorator_arguments_never_raise_and_the_function_still_works(exporter, decorate):
    @decorate()
    def add(a: int, b: int) -> int:
        return a + b

    assert add(2, 3) == 5
    assert len(finished(exporter)) == 1


def test_decorating_something_not_callable_leaves_it_as_is(caplog):
    assert lumiscope.observe_span("x")(42) == 42
    assert "not callable" in caplog.text


def test_without_init_a_decorated_function_runs_and_returns_normally():
    @lumiscope.observe_llm(model="gpt-4o")
    def answer() -> str:
        return "ok"

    assert state.current() is None
    assert answer() == "ok"


def test_a_failing_tracer_never_breaks_the_decorated_call(exporter, monkeypatch, caplog):
    def broken(*args, **kwargs):
        raise RuntimeError("tracer exploded")

    monkeypatch.setattr(state.current().tracer, "start_span", broken)
    calls = []

    @lumiscope.observe_span("work")
    def work() -> str:
        calls.append(1)
        return "result"

    with caplog.at_level(logging.WARNING, logger="lumiscope"):
        assert work() == "result"
    assert calls == [1]  # ran exactly once


def test_message_text_is_not_recorded_when_content_capture_is_off():
    from opentelemetry.sdk.trace.export.in_memory_span_exporter import InMemorySpanExporter

    memory = InMemorySpanExporter()
    runtime.init(load_config({}, api_key=TEST_KEY, instrument=False, capture_content=False),
                 exporter=memory)

    @lumiscope.observe_llm(model="gpt-4o")
    def answer(messages: list[dict]) -> dict:
        return OPENAI_REPLY

    answer([{"role": "user", "content": "my secret plans"}])
    attrs = finished(memory)[0].attributes
    assert "gen_ai.input.messages" not in attrs and "gen_ai.output.messages" not in attrs
    assert attrs["gen_ai.usage.input_tokens"] == 12
