"""The bounded batch queue: a full queue drops spans and counts them."""

from __future__ import annotations

import logging
import threading
import time

from opentelemetry.sdk.trace.export import SpanExportResult
from opentelemetry.sdk.trace.export.in_memory_span_exporter import InMemorySpanExporter

import lumiscope
from lumiscope.sdk import runtime, state
from lumiscope.sdk.config import load_config
from tests.sdk_support import TEST_KEY, wait_for


class _Stuck(InMemorySpanExporter):
    """Blocks every export until released: the server is unreachable, the queue fills."""

    def __init__(self) -> None:
        super().__init__()
        self.release = threading.Event()
        self.entered = threading.Event()

    def export(self, spans):  # type: ignore[no-untyped-def]
        self.entered.set()
        self.release.wait(10)
        return super().export(spans) if self.release.is_set() else SpanExportResult.FAILURE


def test_a_full_queue_drops_spans_counts_them_and_says_so(caplog):
    stuck = _Stuck()
    runtime.init(load_config({}, api_key=TEST_KEY, instrument=False), exporter=stuck,
                 batch_options={"max_queue_size": 8, "max_export_batch_size": 4,
                                "schedule_delay_millis": 60_000})
    tracer = state.tracer()
    with caplog.at_level(logging.WARNING):
        for _ in range(4):
            tracer.start_span("s").end()
        assert stuck.entered.wait(5)  # the first batch is stuck in export
        for _ in range(96):
            tracer.start_span("s").end()
    assert lumiscope.stats().dropped == 96 - 8
    assert "Queue full" in caplog.text
    stuck.release.set()
    lumiscope.flush()
    assert wait_for(lambda: lumiscope.stats().exported == 12)


def test_the_queue_size_follows_otel_bsp_max_queue_size(monkeypatch):
    monkeypatch.setenv("OTEL_BSP_MAX_QUEUE_SIZE", "3")
    monkeypatch.setenv("OTEL_BSP_MAX_EXPORT_BATCH_SIZE", "3")
    stuck = _Stuck()
    runtime.init(load_config({}, api_key=TEST_KEY, instrument=False), exporter=stuck)
    tracer = state.tracer()
    for _ in range(3):
        tracer.start_span("s").end()
    assert stuck.entered.wait(5)
    for _ in range(10):
        tracer.start_span("s").end()
    assert lumiscope.stats().dropped == 7
    stuck.release.set()


def test_a_flush_ends_even_when_each_export_makes_a_new_span():
    class SelfTracing(InMemorySpanExporter):
        """A server in this process, traced by this provider: every export is a new span."""

        def export(self, spans):  # type: ignore[no-untyped-def]
            state.tracer().start_span("POST /v1/traces").end()
            return super().export(spans)

    runtime.init(load_config({}, api_key=TEST_KEY, instrument=False), exporter=SelfTracing(),
                 batch_options={"schedule_delay_millis": 60_000})
    state.tracer().start_span("work").end()
    started = time.monotonic()
    assert lumiscope.flush(timeout=5) is True
    assert time.monotonic() - started < 2
