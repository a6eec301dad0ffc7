"""The export path against loopback HTTP servers: retries, failures, redaction, the filter.

Whatever the server does, the application never sees an exception and never waits."""

from __future__ import annotations

import gzip
import logging
import threading
import time
from collections.abc import Sequence

import pytest
from opentelemetry.sdk.trace import ReadableSpan
from opentelemetry.sdk.trace.export import SpanExportResult
from opentelemetry.sdk.trace.export.in_memory_span_exporter import InMemorySpanExporter

import lumiscope
from lumiscope.sdk import runtime, state
from lumiscope.sdk.config import load_config
from lumiscope.sdk.context import FLOWLINES_KEYS
from lumiscope.sdk.export.exporter import LLMSpanFilter
from lumiscope.sdk.redaction import REDACTED
from tests.sdk_support import TEST_KEY, Reply, ScriptedServer, wait_for

DELAYS = {"schedule_delay_millis": 20}


def _start(url: str, **options) -> None:
    runtime.init(load_config({}, api_key=TEST_KEY, endpoint=url, instrument=False, **options),
                 batch_options=DELAYS)


@lumiscope.observe_llm(model="gpt-4o", provider="openai")
def answer(messages: list[dict]) -> str:
    return "Sure."


def _one_call() -> None:
    with lumiscope.context(user_id="user-42", session_id="sess-abc"):
        answer([{"role": "user", "content": "hello"}])


def test_spans_reach_the_server_as_gzip_protobuf_with_the_key():
    with ScriptedServer(Reply(200)) as s:
        _start(s.url)
        _one_call()
        lumiscope.flush()
    (request,) = s.received
    assert request.path == "/v1/traces"
    assert request.headers["x-api-key"] == TEST_KEY
    assert request.headers["content-encoding"] == "gzip"
    assert [span.name for span in request.spans()] == ["answer"]
    assert lumiscope.stats().exported == 1


def test_503_and_429_are_retried_honouring_retry_after():
    replies = (Reply(503, headers={"Retry-After": "0"}), Reply(429, headers={"Retry-After": "0"}),
               Reply(200))
    with ScriptedServer(*replies) as s:
        _start(s.url)
        _one_call()
        lumiscope.flush()
    assert len(s.received) == 3
    assert lumiscope.stats().exported == 1 and lumiscope.stats().failed == 0


def test_retries_back_off_when_the_server_gives_no_retry_after():
    with ScriptedServer(Reply(503), Reply(200)) as s:
        _start(s.url)
        _one_call()
        started = time.monotonic()
        lumiscope.flush()
        waited = time.monotonic() - started
    assert len(s.received) == 2
    assert waited >= 0.7  # the first backoff is 1 s +-20 %


def test_a_401_is_not_retried_and_counts_as_failed_without_reaching_the_app(caplog):
    with ScriptedServer(Reply(401, b'{"error": "invalid API key"}')) as s:
        _start(s.url)
        _one_call()
        assert lumiscope.flush() is True
    assert len(s.received) == 1
    assert lumiscope.stats().failed == 1
    assert "Failed to export spans batch code: 401" in caplog.text


def test_a_500_counts_as_failed():
    with ScriptedServer(Reply(500)) as s:
        _start(s.url)
        _one_call()
        lumiscope.flush()
    assert lumiscope.stats().failed == 1


def test_a_server_that_is_down_costs_the_app_nothing(monkeypatch):
    monkeypatch.setenv("OTEL_EXPORTER_OTLP_TIMEOUT", "1")
    with ScriptedServer() as s:
        url = s.url
    _start(url)
    _one_call()
    lumiscope.flush()
    assert lumiscope.stats().failed == 1


def test_a_dropped_connection_is_retried_at_once():
    with ScriptedServer(Reply(drop=True), Reply(200)) as s:
        _start(s.url)
        _one_call()
        lumiscope.flush()
    assert len(s.received) == 2 and lumiscope.stats().exported == 1


def test_a_slow_server_never_slows_the_application_down():
    with ScriptedServer(Reply(200, delay=1.5)) as s:
        _start(s.url)
        _one_call()
        time.sleep(0.1)  # the batch thread is now stuck in the slow export
        assert len(s.received) == 1
        started = time.monotonic()
        for _ in range(200):
            _one_call()
        assert time.monotonic() - started < 1.0  # the export in progress takes 1.5 s
        runtime.reset()


def test_secrets_are_redacted_before_the_spans_leave_the_process():
    with ScriptedServer(Reply(200)) as s:
        _start(s.url, redact_fields=["email"])
        with state.tracer().start_as_current_span("s") as span:
            lumiscope.set_attribute("apiKey", "sk-live-123")
            lumiscope.set_attribute("user.email", "ana@example.com")
            span.add_event("login", {"Password": "hunter2", "user": "ana"})
        lumiscope.flush()
    raw = gzip.decompress(s.received[0].body)
    for secret in (b"sk-live-123", b"ana@example.com", b"hunter2"):
        assert secret not in raw
    (span,) = s.received[0].spans()
    attrs = {a.key: a.value.string_value for a in span.attributes}
    assert attrs["apiKey"] == REDACTED and attrs["user.email"] == REDACTED
    event = {a.key: a.value.string_value for a in span.events[0].attributes}
    assert event == {"Password": REDACTED, "user": "ana"}


def test_message_text_never_leaves_the_process_when_content_capture_is_off():
    with ScriptedServer(Reply(200)) as s:
        _start(s.url, capture_content=False)
        with state.tracer().start_as_current_span("openai.chat") as span:
            span.set_attributes({"gen_ai.prompt.0.content": "my diary",
                                 "gen_ai.input.messages": "[my diary]",
                                 "gen_ai.usage.input_tokens": 3})
        lumiscope.flush()
    assert b"my diary" not in gzip.decompress(s.received[0].body)
    keys = {a.key for a in s.received[0].spans()[0].attributes}
    assert "gen_ai.usage.input_tokens" in keys


class _Recorder(InMemorySpanExporter):
    def export(self, spans: Sequence[ReadableSpan]) -> SpanExportResult:
        self.batches = [*getattr(self, "batches", []), len(spans)]
        return super().export(spans)


def _span(name: str, **attributes) -> ReadableSpan:
    return ReadableSpan(name, attributes=attributes)


def test_the_llm_filter_sends_only_spans_with_gen_ai_or_ai_attributes(caplog):
    inner = _Recorder()
    log = logging.getLogger("lumiscope.test.filter")
    filtered = LLMSpanFilter(inner, log, FLOWLINES_KEYS)
    spans = [_span("http"), _span("chat", **{"gen_ai.system": "openai",
                                             "flowlines.user_id": "u"}),
             _span("vercel", **{"ai.model.id": "m", "flowlines.user_id": "u"}),
             _span("llm-only", **{"llm.request.type": "chat"}),
             _span("ids-only", **{"flowlines.user_id": "u"})]
    assert filtered.export(spans) is SpanExportResult.SUCCESS
    assert [s.name for s in inner.get_finished_spans()] == ["chat", "vercel"]
    assert filtered.export([_span("http")]) is SpanExportResult.SUCCESS
    assert inner.batches == [2]  # a batch with no LLM span sends nothing
    assert "no flowlines.user_id" not in caplog.text


def test_the_llm_filter_warns_once_about_spans_without_a_user(caplog):
    filtered = LLMSpanFilter(InMemorySpanExporter(), logging.getLogger("lumiscope.test.f"),
                             FLOWLINES_KEYS)
    with caplog.at_level(logging.WARNING):
        filtered.export([_span("a", **{"gen_ai.system": "openai"})])
        filtered.export([_span("b", **{"gen_ai.system": "openai"})])
    assert caplog.text.count("no flowlines.user_id") == 1


@pytest.mark.parametrize("kind", ["exception", "failure"])
def test_an_exporter_that_raises_or_fails_is_counted_not_propagated(kind):
    class Broken(InMemorySpanExporter):
        def export(self, spans):  # type: ignore[no-untyped-def]
            if kind == "exception":
                raise ConnectionError("boom")
            return SpanExportResult.FAILURE

    runtime.init(load_config({}, api_key=TEST_KEY, instrument=False), exporter=Broken())
    _one_call()
    lumiscope.flush()
    assert lumiscope.stats().failed == 1


def test_exports_never_run_on_the_application_thread():
    exporting_threads = []

    class Watcher(InMemorySpanExporter):
        def export(self, spans):  # type: ignore[no-untyped-def]
            exporting_threads.append(threading.current_thread().name)
            return super().export(spans)

    runtime.init(load_config({}, api_key=TEST_KEY, instrument=False), exporter=Watcher(),
                 batch_options={"schedule_delay_millis": 10})
    for _ in range(5):
        _one_call()
    assert wait_for(lambda: exporting_threads, timeout=5)
    assert threading.main_thread().name not in exporting_threads


def test_deferred_attributes_are_bounded_and_a_failing_reader_is_skipped(caplog):
    from lumiscope.sdk.export.exporter import DeferredAttributes

    deferred = DeferredAttributes(capacity=3)
    for span_id in range(5):
        deferred.put(span_id, {"n": span_id})
    assert len(deferred) == 3 and deferred.pop(0) is None and deferred.pop(4) == {"n": 4}

    def broken() -> dict:
        raise ValueError("odd reply")

    deferred.put(9, broken)
    assert deferred.pop(9) is None
    assert "reading a deferred LLM reply failed" in caplog.text
