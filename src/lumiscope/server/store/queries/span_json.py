"""A stored span row as the read API shows it (LumiqTrace event names plus Lumiscope's)."""

from __future__ import annotations

import uuid
from typing import Any

from opentelemetry.proto.trace.v1.trace_pb2 import Span

from lumiscope.server.ingest import messages
from lumiscope.server.ingest.attributes import to_dict
from lumiscope.server.store.timefmt import iso

_EVENT_NAMESPACE = uuid.UUID("6d1c3c1e-8f0e-4b7e-9a55-3f1f4a1c2b10")
_TAG_PREFIX = "lumiscope.tag."

# Columns a list view needs; the payload is read only for a span shown in full.
SUMMARY_COLUMNS = (
    "trace_id", "span_id", "parent_span_id", "event_id", "name", "span_kind", "start_ns",
    "end_ns", "status", "error_code", "error_message", "provider", "model", "operation",
    "input_tokens", "output_tokens", "cached_tokens", "cost_usd", "ttft_ms", "stream",
    "environment", "user_id", "session_id", "agent_id", "service_name",
)


def span_summary(row: Any) -> dict[str, Any]:
    m = row._mapping if hasattr(row, "_mapping") else row
    return {
        "event_id": m["event_id"] or str(uuid.uuid5(_EVENT_NAMESPACE,
                                                    f"{m['trace_id']}/{m['span_id']}")),
        "trace_id": m["trace_id"],
        "span_id": m["span_id"],
        "parent_span_id": m["parent_span_id"],
        "name": m["name"],
        "timestamp": iso(m["start_ns"]),
        "end_timestamp": iso(m["end_ns"]),
        "provider": m["provider"],
        "model": m["model"],
        "operation": m["operation"],
        "span_kind": m["span_kind"],
        "latency_ms": round((m["end_ns"] - m["start_ns"]) / 1e6, 3),
        "ttft_ms": m["ttft_ms"],
        "input_tokens": m["input_tokens"],
        "output_tokens": m["output_tokens"],
        "cached_tokens": m["cached_tokens"],
        "cost_usd": m["cost_usd"],
        "status": m["status"],
        "error_code": m["error_code"],
        "error_message": m["error_message"],
        "stream": bool(m["stream"]) if m["stream"] is not None else None,
        "environment": m["environment"],
        "user_id": m["user_id"],
        "session_id": m["session_id"],
        "agent_id": m["agent_id"],
        "service_name": m["service_name"],
    }


def decode_payload(payload: bytes) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """A stored span's full attributes and events."""
    span = Span()
    span.ParseFromString(payload)
    events = [
        {"name": e.name, "timestamp": iso(e.time_unix_nano), "attributes": to_dict(e.attributes)}
        for e in span.events
    ]
    return to_dict(span.attributes), events


def span_full(row: Any) -> dict[str, Any]:
    """Summary plus tags, messages, every attribute and every event."""
    result = span_summary(row)
    attributes, events = decode_payload(row._mapping["payload"])
    input_messages, output_messages = messages.extract(
        attributes, events, is_llm=result["span_kind"] == "llm"
    )
    result.update(
        tags={k[len(_TAG_PREFIX):]: v for k, v in attributes.items() if k.startswith(_TAG_PREFIX)},
        input_messages=input_messages,
        output_messages=output_messages,
        attributes=attributes,
        events=events,
    )
    return result
