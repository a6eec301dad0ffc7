"""Sending spans with the real OpenTelemetry SDK and its OTLP/HTTP exporter."""

from __future__ import annotations

from collections.abc import Callable

from opentelemetry.exporter.otlp.proto.http import Compression
from opentelemetry.exporter.otlp.proto.http.trace_exporter import OTLPSpanExporter
from opentelemetry.sdk.resources import Resource
from opentelemetry.sdk.trace import Tracer, TracerProvider
from opentelemetry.sdk.trace.export import SimpleSpanProcessor, SpanExportResult


class RecordingExporter(OTLPSpanExporter):
    """The real exporter, remembering what each export returned."""

    results: list[SpanExportResult]

    def __init__(self, **kwargs: object) -> None:
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self.results = []

    def export(self, spans):  # type: ignore[no-untyped-def]
        result = super().export(spans)
        self.results.append(result)
        return result


def otlp_provider(base_url: str, key: str, service: str = "test-service",
                  gzip: bool = True) -> tuple[TracerProvider, RecordingExporter]:
    exporter = RecordingExporter(
        endpoint=f"{base_url}/v1/traces", headers={"x-api-key": key},
        compression=Compression.Gzip if gzip else Compression.NoCompression,
    )
    provider = TracerProvider(resource=Resource.create({"service.name": service}))
    provider.add_span_processor(SimpleSpanProcessor(exporter))
    return provider, exporter


def send(base_url: str, key: str, build: Callable[[Tracer], str | None]) -> str | None:
    """Run ``build`` with a tracer exporting to the server; returns what ``build`` returns."""
    provider, _ = otlp_provider(base_url, key)
    try:
        return build(provider.get_tracer("tests"))
    finally:
        provider.shutdown()


def hex_trace_id(span) -> str:  # type: ignore[no-untyped-def]
    return format(span.get_span_context().trace_id, "032x")
