"""Span exporters: the OTLP/HTTP exporter and the wrappers composed around it.

Each wrapper does one job and hands the batch on: :class:`CountingExporter` counts results,
:class:`DeferredAttributesExporter` adds what decorated calls left for this thread,
:class:`RedactingExporter` removes secrets (and message text when content capture is off),
:class:`LLMSpanFilter` keeps only LLM spans (the Flowlines rule). All run on the batch
processor's thread, never on the application's; ``export`` returns a result and never
raises.
"""

from __future__ import annotations

import contextlib
import logging
from collections.abc import Sequence
from typing import Any

from opentelemetry.sdk.trace import Event, ReadableSpan
from opentelemetry.sdk.trace.export import SpanExporter, SpanExportResult

from lumiscope.sdk.context import IdentityKeys
from lumiscope.sdk.export.processor import ExportStats
from lumiscope.sdk.redaction import Redactor

logger = logging.getLogger("lumiscope")

# Attributes and events that carry prompt or reply text, in every convention the server reads.
CONTENT_PREFIXES = ("gen_ai.prompt.", "gen_ai.completion.", "llm.input_messages.",
                    "llm.output_messages.")
CONTENT_KEYS = frozenset({
    "gen_ai.input.messages", "gen_ai.output.messages", "gen_ai.system_instructions",
    "gen_ai.prompt", "gen_ai.completion", "input.value", "output.value",
    "traceloop.entity.input", "traceloop.entity.output", "lumiscope.input_messages",
    "lumiscope.output_messages",
})
CONTENT_EVENTS = frozenset({
    "gen_ai.content.prompt", "gen_ai.content.completion", "gen_ai.system.message",
    "gen_ai.user.message", "gen_ai.assistant.message", "gen_ai.tool.message", "gen_ai.choice",
    "gen_ai.client.inference.operation.details",
})


def otlp_exporter(traces_url: str, headers: dict[str, str]) -> SpanExporter:
    """The stock OTLP/HTTP protobuf exporter, gzip. It retries 429, 502, 503, 504 and
    connection errors with exponential backoff (honouring ``Retry-After``) within its
    timeout (``OTEL_EXPORTER_OTLP_TIMEOUT``, default 10 s), and logs a failed batch."""
    from opentelemetry.exporter.otlp.proto.http import Compression
    from opentelemetry.exporter.otlp.proto.http.trace_exporter import OTLPSpanExporter

    return OTLPSpanExporter(endpoint=traces_url, headers=headers, compression=Compression.Gzip)


class ExporterWrapper(SpanExporter):
    """Delegates everything to ``inner``; subclasses change ``export``."""

    def __init__(self, inner: SpanExporter) -> None:
        self.inner = inner

    def export(self, spans: Sequence[ReadableSpan]) -> SpanExportResult:
        return self.inner.export(spans)

    def shutdown(self) -> None:
        self.inner.shutdown()

    def force_flush(self, timeout_millis: int = 30000) -> bool:
        return self.inner.force_flush(timeout_millis)


class CountingExporter(ExporterWrapper):
    """Counts spans whose export succeeded or failed into ``stats``; turns an exception from
    ``inner`` into a logged failure."""

    def __init__(self, inner: SpanExporter, stats: ExportStats) -> None:
        super().__init__(inner)
        self.stats = stats

    def export(self, spans: Sequence[ReadableSpan]) -> SpanExportResult:
        try:
            result = self.inner.export(spans)
        except Exception:
            logger.exception("lumiscope: exporting %d span(s) raised", len(spans))
            result = SpanExportResult.FAILURE
        if result is SpanExportResult.SUCCESS:
            self.stats.add("exported", len(spans))
        else:
            self.stats.add("failed", len(spans))
            logger.debug("lumiscope: export of %d span(s) failed", len(spans))
        return result


def copy_span(span: ReadableSpan, attributes: Any, events: Sequence[Event]) -> ReadableSpan:
    """``span`` with other attributes and events (an ended span is immutable)."""
    return ReadableSpan(
        name=span.name, context=span.context, parent=span.parent, resource=span.resource,
        attributes=attributes, events=events, links=span.links, kind=span.kind,
        status=span.status, start_time=span.start_time, end_time=span.end_time,
        instrumentation_scope=span.instrumentation_scope,
    )


class DeferredAttributes:
    """Attributes of ended spans waiting for the export thread, by span id: a dict, or a
    callable that returns one (run on the export thread).

    Bounded: past ``capacity`` the oldest entry goes (its span can only have been dropped
    from the queue, which holds fewer spans). Safe between threads: single dict operations
    (a plain dict keeps insertion order and is faster to fill than an OrderedDict).
    """

    def __init__(self, capacity: int) -> None:
        self.capacity = capacity
        self._items: dict[int, Any] = {}

    def put(self, span_id: int, attributes: Any) -> None:
        items = self._items
        items[span_id] = attributes
        if len(items) > self.capacity:
            # Another thread may empty it meanwhile: then there is nothing to evict.
            with contextlib.suppress(KeyError, StopIteration, RuntimeError):
                del items[next(iter(items))]

    def pop(self, span_id: int) -> dict[str, Any] | None:
        found = self._items.pop(span_id, None)
        if found is None or isinstance(found, dict):
            return found
        try:
            return found()
        except Exception:
            logger.exception("lumiscope: reading a deferred LLM reply failed")
            return None

    def __len__(self) -> int:
        return len(self._items)


class DeferredAttributesExporter(ExporterWrapper):
    """Adds each span's deferred attributes (see :class:`DeferredAttributes`) to it."""

    def __init__(self, inner: SpanExporter, deferred: DeferredAttributes) -> None:
        super().__init__(inner)
        self.deferred = deferred

    def export(self, spans: Sequence[ReadableSpan]) -> SpanExportResult:
        if not len(self.deferred):
            return self.inner.export(spans)
        merged = []
        for span in spans:
            extra = self.deferred.pop(span.context.span_id) if span.context else None
            if extra:
                span = copy_span(span, {**(span.attributes or {}), **extra}, span.events)
            merged.append(span)
        return self.inner.export(merged)


def _is_content(key: str) -> bool:
    return key in CONTENT_KEYS or key.startswith(CONTENT_PREFIXES)


class RedactingExporter(ExporterWrapper):
    """Replaces the values of sensitive attributes (span and event) by ``[REDACTED]``, and
    drops message text when ``capture_content`` is off. A span that needs no change is passed
    on as is; one that does is copied (spans are immutable once ended)."""

    def __init__(self, inner: SpanExporter, redactor: Redactor,
                 capture_content: bool = True) -> None:
        super().__init__(inner)
        self.redactor = redactor
        self.capture_content = capture_content

    def export(self, spans: Sequence[ReadableSpan]) -> SpanExportResult:
        return self.inner.export([self._clean(span) for span in spans])

    def _attributes(self, attrs: Any) -> dict[str, Any] | None:
        cleaned = self.redactor.attributes(attrs)
        if not self.capture_content and attrs and any(_is_content(k) for k in attrs):
            cleaned = {k: v for k, v in (cleaned or attrs).items() if not _is_content(k)}
        return cleaned

    def _clean(self, span: ReadableSpan) -> ReadableSpan:
        attrs = self._attributes(span.attributes)
        events, changed = [], False
        for event in span.events:
            if not self.capture_content and event.name in CONTENT_EVENTS:
                changed = True
                continue
            event_attrs = self._attributes(event.attributes)
            if event_attrs is not None:
                event = Event(event.name, event_attrs, event.timestamp)
                changed = True
            events.append(event)
        if attrs is None and not changed:
            return span
        return copy_span(span, attrs if attrs is not None else span.attributes, events)


def is_llm_span(span: ReadableSpan) -> bool:
    """The Flowlines rule: some span attribute key starts with ``gen_ai.`` or ``ai.``."""
    return any(key.startswith(("gen_ai.", "ai.")) for key in (span.attributes or ()))


class LLMSpanFilter(ExporterWrapper):
    """Sends only LLM spans (:func:`is_llm_span`); a batch with none is a success that sends
    nothing. Warns once per exporter when a sent span has no user id (the guide makes the
    session optional: the server gives such spans an implicit per-user session)."""

    def __init__(self, inner: SpanExporter, log: logging.Logger, keys: IdentityKeys) -> None:
        super().__init__(inner)
        self.log = log
        self.keys = keys
        self._warned = False

    def export(self, spans: Sequence[ReadableSpan]) -> SpanExportResult:
        kept = [span for span in spans if is_llm_span(span)]
        if not kept:
            self.log.debug("Export: none of %d span(s) are LLM-related, nothing sent", len(spans))
            return SpanExportResult.SUCCESS
        if not self._warned and any(self.keys.user not in (s.attributes or {}) for s in kept):
            self._warned = True
            self.log.warning(
                "Some LLM spans have no %s: no memory can be built from them. Wrap LLM calls "
                "in flowlines.context(user_id=..., session_id=...).", self.keys.user)
        self.log.debug("Export: %d/%d span(s) are LLM-related", len(kept), len(spans))
        result = self.inner.export(kept)
        self.log.debug("Export: %s", "succeeded" if result is SpanExportResult.SUCCESS
                       else "failed")
        return result
