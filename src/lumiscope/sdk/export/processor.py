"""Span processors: stamping context on spans, spotting nested LLM spans, and the bounded
batch queue that counts what it drops.

Each does one job; :func:`lumiscope.sdk.export.pipeline` chains them. ``on_start`` and
``on_end`` run on the thread that starts or ends a span, so they do no I/O and take no lock;
export happens on the batch processor's own thread.
"""

from __future__ import annotations

import logging
import threading
import time
from dataclasses import dataclass, field
from typing import Any

from opentelemetry.context import Context
from opentelemetry.sdk.trace import ReadableSpan, Span, SpanProcessor
from opentelemetry.sdk.trace.export import BatchSpanProcessor, SpanExporter

from lumiscope.sdk.context import current_scope

logger = logging.getLogger("lumiscope")

# Attributes that make an ended span an LLM call of its own (an instrumentor's span).
_LLM_MARKERS = ("gen_ai.operation.name", "gen_ai.request.model", "gen_ai.response.model",
                "llm.request.type", "llm.model_name", "gen_ai.usage.input_tokens",
                "gen_ai.usage.prompt_tokens")


class ContextProcessor(SpanProcessor):
    """Stamps the current identity and request attributes on every span as it starts.

    Values are read from the starting code's context, so entering a context after a span
    started does not change it (as the Flowlines SDK behaves).
    """

    def on_start(self, span: Span, parent_context: Context | None = None) -> None:
        scope = current_scope()
        if scope is not None:
            if scope.identity:
                span.set_attributes(scope.identity)
            if scope.attributes:
                span.set_attributes(scope.attributes)

    def on_end(self, span: ReadableSpan) -> None:
        pass

    def shutdown(self) -> None:
        pass

    def force_flush(self, timeout_millis: int = 30000) -> bool:
        return True


class NestedLLMProcessor(SpanProcessor):
    """Tells an open ``observe_llm`` call that an LLM span ended directly under it.

    ``calls`` maps span ids of open ``observe_llm`` spans to their calls (owned by the
    runtime). Dict reads and writes are atomic under the GIL, so no lock is needed.
    """

    def __init__(self, calls: dict[int, Any]) -> None:
        self._calls = calls

    def on_start(self, span: Span, parent_context: Context | None = None) -> None:
        pass

    def on_end(self, span: ReadableSpan) -> None:
        if not self._calls or span.parent is None:
            return
        call = self._calls.get(span.parent.span_id)
        if call is not None:
            attributes = span.attributes or {}
            if any(marker in attributes for marker in _LLM_MARKERS):
                call.child_llm = True

    def shutdown(self) -> None:
        pass

    def force_flush(self, timeout_millis: int = 30000) -> bool:
        return True


@dataclass
class ExportStats:
    """Counters of one pipeline, updated by the batch thread and read by anyone."""

    dropped: int = 0
    exported: int = 0
    failed: int = 0
    lock: threading.Lock = field(default_factory=threading.Lock, repr=False, compare=False)

    def add(self, name: str, count: int) -> None:
        with self.lock:
            setattr(self, name, getattr(self, name) + count)


class _DropCounter:
    """Forwards the batch processor's metrics calls and counts queue-full drops."""

    def __init__(self, inner: Any, stats: ExportStats) -> None:
        self._inner = inner
        self._stats = stats

    def drop_items(self, count: int, error_type: str = "queue_full") -> None:
        if error_type == "queue_full":
            self._stats.add("dropped", count)
        self._inner.drop_items(count, error_type)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._inner, name)


class CountingBatchProcessor(BatchSpanProcessor):
    """The stock ``BatchSpanProcessor`` (bounded queue, background export thread, the
    ``OTEL_BSP_*`` variables), with queue-full drops counted in ``stats.dropped``.

    When the queue is full the OpenTelemetry processor drops the oldest span and logs a
    warning; this class only adds the count. ``shutdown`` takes a deadline.
    """

    def __init__(self, exporter: SpanExporter, stats: ExportStats, **options: Any) -> None:
        super().__init__(exporter, **options)
        self.stats = stats
        inner = getattr(self, "_batch_processor", None)
        # The SDK (>= 1.33) reports drops through its processor-metrics hook; wrap it.
        if inner is not None and hasattr(inner, "_metrics"):
            inner._metrics = _DropCounter(inner._metrics, stats)
        else:
            logger.debug("this OpenTelemetry SDK version does not report drops; not counted")

    def force_flush(self, timeout_millis: int | None = None) -> bool:
        """Export the spans queued now, within ``timeout_millis`` (default 30 s); blocks.

        The stock flush exports until the queue is empty, which never happens when each
        export makes a new span (a server traced by this provider, in this process): it
        would spin forever. This one exports what was queued when it was called.
        """
        inner = getattr(self, "_batch_processor", None)
        try:
            from opentelemetry.sdk._shared_internal import BatchExportStrategy
        except ImportError:
            BatchExportStrategy = None  # noqa: N806
        if inner is None or BatchExportStrategy is None or not hasattr(inner, "_queue"):
            return super().force_flush(timeout_millis)
        if inner._shutdown:
            return False
        deadline = time.monotonic() + (timeout_millis or 30000) / 1000
        pending = len(inner._queue)
        while pending > 0 and inner._queue:
            if time.monotonic() > deadline:
                return False
            # One batch (more while the queue holds a full batch or more).
            inner._export(BatchExportStrategy.EXPORT_AT_LEAST_ONE_BATCH)
            pending -= inner._max_export_batch_size
        return True

    def shutdown(self, timeout_millis: int = 30000) -> None:  # type: ignore[override]
        inner = getattr(self, "_batch_processor", None)
        if inner is not None:
            inner.shutdown(timeout_millis=timeout_millis)
        else:
            super().shutdown()
