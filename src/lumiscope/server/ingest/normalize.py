"""Decoded OTLP spans to span rows: one row shape whichever instrumentation sent the span.

This is the ingest hot path: per span it decodes only the attributes in
:data:`~lumiscope.server.ingest.conventions.COLUMN_KEYS` and keeps the span itself, as
protobuf bytes, for the read path to decode in full.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from lumiscope.server.ingest import conventions as cv
from lumiscope.server.ingest.attributes import pick, to_dict
from lumiscope.server.ingest.pricing import Pricer

ERROR_MESSAGE_MAX = 500
_STATUS_ERROR = 2  # opentelemetry.proto.trace.v1.Status.STATUS_CODE_ERROR


@dataclass
class Batch:
    """The rows one request carries, and what was refused from it (OTLP partial success)."""

    rows: list[dict[str, Any]] = field(default_factory=list)
    rejected: int = 0
    errors: list[str] = field(default_factory=list)

    def reject(self, reason: str) -> None:
        self.rejected += 1
        if len(self.errors) < 5:
            self.errors.append(reason)


def normalize_otlp(request: Any, project_id: str, pricer: Pricer) -> Batch:
    """Rows for every span of an ``ExportTraceServiceRequest``; invalid spans are counted."""
    batch = Batch()
    for resource_spans in request.resource_spans:
        resource = to_dict(resource_spans.resource.attributes)
        context = {
            "project_id": project_id,
            "service_name": cv.as_str(resource.get("service.name")),
            "environment": cv.as_str(cv.first(resource, cv.ENVIRONMENT)),
            "resource": json.dumps(resource, separators=(",", ":"), default=str),
        }
        for scope_spans in resource_spans.scope_spans:
            scope_name = scope_spans.scope.name or None
            for span in scope_spans.spans:
                if len(span.trace_id) == 0 or len(span.span_id) == 0:
                    batch.reject(f"span {span.name!r} has an empty trace_id or span_id")
                    continue
                batch.rows.append(span_row(span, context, scope_name, pricer))
    return batch


def span_row(span: Any, context: dict[str, Any], scope_name: str | None, pricer: Pricer) -> dict:
    attrs = pick(span.attributes, cv.COLUMN_KEYS)
    start_ns = span.start_time_unix_nano
    end_ns = max(span.end_time_unix_nano, start_ns)
    model = cv.model_of(attrs)
    provider = cv.as_str(cv.first(attrs, cv.PROVIDER))
    kind = cv.span_kind(attrs, has_model=model is not None)
    input_tokens = cv.as_int(cv.first(attrs, cv.INPUT_TOKENS))
    output_tokens = cv.as_int(cv.first(attrs, cv.OUTPUT_TOKENS))
    cached_tokens = cv.as_int(cv.first(attrs, cv.CACHED_TOKENS))
    cost = cv.as_float(cv.first(attrs, cv.COST))
    if cost is None:
        cost = pricer.cost(provider, model, input_tokens, output_tokens, cached_tokens)
    status, error_code, error_message = _status(span, attrs)
    ttft_ms = cv.as_float(cv.first(attrs, cv.TTFT_MS))
    stream = cv.first(attrs, cv.STREAM)
    if ttft_ms is None:
        for event in span.events:
            if event.name in cv.FIRST_TOKEN_EVENTS:
                ttft_ms = max(event.time_unix_nano - start_ns, 0) / 1e6
                stream = True if stream is None else stream
                break
    return {
        **context,
        "trace_id": span.trace_id.hex(),
        "span_id": span.span_id.hex(),
        "parent_span_id": span.parent_span_id.hex() or None,
        "event_id": None,
        "name": span.name,
        "span_kind": kind,
        "start_ns": start_ns,
        "end_ns": end_ns,
        "status": status,
        "error_code": error_code,
        "error_message": error_message,
        "provider": provider.lower() if provider else None,
        "model": model,
        "operation": cv.operation(attrs, kind),
        "input_tokens": input_tokens,
        "output_tokens": output_tokens,
        "cached_tokens": cached_tokens,
        "cost_usd": cost,
        "ttft_ms": ttft_ms,
        "stream": bool(stream) if stream is not None else (False if kind == "llm" else None),
        "environment": cv.as_str(cv.first(attrs, cv.ENVIRONMENT)) or context["environment"],
        "user_id": cv.as_str(cv.first(attrs, cv.USER)),
        "session_id": cv.as_str(cv.first(attrs, cv.SESSION)),
        "agent_id": cv.as_str(cv.first(attrs, cv.AGENT)),
        "scope_name": scope_name,
        "source": "otlp",
        "payload": span.SerializeToString(),
    }


def _status(span: Any, attrs: dict[str, Any]) -> tuple[str, str | None, str | None]:
    explicit = attrs.get("lumiscope.status")
    failed = span.status.code == _STATUS_ERROR or explicit not in (None, "success")
    if not failed:
        return "success", None, None
    error_type = cv.as_str(cv.first(attrs, cv.ERROR_TYPE))
    message = span.status.message or None
    for event in span.events:
        if event.name == "exception":
            details = to_dict(event.attributes)
            error_type = error_type or cv.as_str(details.get("exception.type"))
            message = message or cv.as_str(details.get("exception.message"))
            break
    if error_type and "." in error_type:
        error_type = error_type.rsplit(".", 1)[1]
    http_status = cv.as_int(cv.first(attrs, cv.HTTP_STATUS))
    if explicit in cv.FAILED_STATUSES:
        status = explicit
    else:
        status = cv.error_status(error_type, http_status)
    return status, error_type, message[:ERROR_MESSAGE_MAX] if message else None

