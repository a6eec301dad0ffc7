"""The export pipeline: processors chained in front of a bounded batch queue, whose thread
hands batches to exporters wrapped around the OTLP exporter.

    span start -> ContextProcessor (identity, request attributes)
    span end   -> NestedLLMProcessor -> CountingBatchProcessor (bounded queue, drops counted)
                  == batch thread ==> CountingExporter -> DeferredAttributesExporter
                                      -> RedactingExporter -> exporter

Importing this package loads the OpenTelemetry SDK; ``import lumiscope`` does not.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from typing import Any

from opentelemetry.sdk.trace import SpanProcessor, SynchronousMultiSpanProcessor
from opentelemetry.sdk.trace.export import SpanExporter

from lumiscope.sdk.export.exporter import (
    CountingExporter,
    DeferredAttributes,
    DeferredAttributesExporter,
    RedactingExporter,
)
from lumiscope.sdk.export.processor import (
    ContextProcessor,
    CountingBatchProcessor,
    ExportStats,
    NestedLLMProcessor,
)
from lumiscope.sdk.redaction import Redactor


@dataclass
class Pipeline:
    """``processor`` goes on a ``TracerProvider``; ``batch`` is flushed and shut down;
    decorated calls leave end-of-call attributes in ``deferred``."""

    processor: SpanProcessor
    batch: CountingBatchProcessor
    stats: ExportStats
    deferred: DeferredAttributes
    # The same chain unwrapped: added one by one to a provider, a span crosses one loop of
    # processors instead of two.
    chain: tuple[SpanProcessor, ...] = ()


def build_pipeline(exporter: SpanExporter, redactor: Redactor, *, capture_content: bool,
                   llm_calls: dict[int, Any], **batch_options: Any) -> Pipeline:
    """Compose the pipeline around ``exporter`` (built by the caller, never here)."""
    stats = ExportStats()
    batch_size = batch_options.get("max_queue_size") or _env_queue_size()
    deferred = DeferredAttributes(capacity=4 * batch_size)
    wrapped = CountingExporter(DeferredAttributesExporter(
        RedactingExporter(exporter, redactor, capture_content), deferred), stats)
    batch = CountingBatchProcessor(wrapped, stats, **batch_options)
    processors = (ContextProcessor(), NestedLLMProcessor(llm_calls), batch)
    chain = SynchronousMultiSpanProcessor()
    for processor in processors:
        chain.add_span_processor(processor)
    return Pipeline(chain, batch, stats, deferred, processors)


def _env_queue_size() -> int:
    try:
        return max(int(os.environ.get("OTEL_BSP_MAX_QUEUE_SIZE", "2048")), 1)
    except ValueError:
        return 2048
