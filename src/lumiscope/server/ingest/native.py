"""LumiqTrace native events (``POST /v1/ingest``, NDJSON) to span rows.

Each event becomes the same row an OTLP span would; what has no column (tags, metadata,
messages, ``sdk_version``...) is kept as attributes of a synthetic OTLP span in ``payload``,
so the read path decodes both sources alike.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import datetime, timezone
from typing import Any

from opentelemetry.proto.common.v1.common_pb2 import KeyValue
from opentelemetry.proto.trace.v1.trace_pb2 import Span

from lumiscope.server.ingest import conventions as cv
from lumiscope.server.ingest.normalize import ERROR_MESSAGE_MAX
from lumiscope.server.ingest.pricing import Pricer

MAX_EVENTS = 100
MAX_EVENTS_ERROR = "Max 100 events per batch"
NDJSON_TYPES = ("application/x-ndjson", "application/ndjson", "application/jsonl",
                "application/json")

_STR, _NUM, _INT, _BOOL = (str,), (int, float), (int,), (bool,)
# field: (accepted types, required)
FIELDS: dict[str, tuple[tuple[type, ...], bool]] = {
    "event_id": (_STR, True), "trace_id": (_STR, True), "span_id": (_STR, True),
    "parent_span_id": (_STR, False), "timestamp": (_STR, True), "provider": (_STR, False),
    "model": (_STR, False), "operation": (_STR, False), "span_kind": (_STR, False),
    "name": (_STR, False), "latency_ms": (_NUM, False), "ttft_ms": (_NUM, False),
    "input_tokens": (_INT, False), "output_tokens": (_INT, False), "cached_tokens": (_INT, False),
    "cost_usd": (_NUM, False), "status": (_STR, False), "error_code": (_STR, False),
    "error_message": (_STR, False), "stream": (_BOOL, False), "environment": (_STR, False),
    "user_id": (_STR, False), "session_id": (_STR, False), "agent_id": (_STR, False),
    "tags": ((dict,), False), "metadata": ((dict,), False), "prompt_hash": (_STR, False),
    "sdk_version": (_STR, False), "finish_reason": ((str, list), False),
    "delegation_reason": (_STR, False), "input_messages": ((list,), False),
    "output_messages": ((list,), False), "prompt": (_STR, False), "completion": (_STR, False),
    "service_name": (_STR, False),
}
_EXTRA_ATTRIBUTES = ("prompt_hash", "sdk_version", "finish_reason", "delegation_reason")


@dataclass
class NativeBatch:
    rows: list[dict[str, Any]] = field(default_factory=list)
    errors: list[dict[str, Any]] = field(default_factory=list)


class EventError(ValueError):
    pass


def parse_ndjson(body: bytes, project_id: str, pricer: Pricer) -> NativeBatch:
    """Rows for the valid lines; each invalid line is reported with its number and reason.

    Raises ``EventError`` for a batch over :data:`MAX_EVENTS` (nothing is taken from it).
    """
    lines = [(n, line) for n, line in enumerate(body.split(b"\n"), 1) if line.strip()]
    if len(lines) > MAX_EVENTS:
        raise EventError(MAX_EVENTS_ERROR)
    batch = NativeBatch()
    for number, line in lines:
        try:
            event = json.loads(line)
            batch.rows.append(event_row(event, project_id, pricer))
        except (ValueError, UnicodeDecodeError) as exc:
            batch.errors.append({"line": number, "error": str(exc)})
    return batch


def event_row(event: Any, project_id: str, pricer: Pricer) -> dict[str, Any]:
    """One event to a span row; ``EventError`` names the first field that is wrong."""
    if not isinstance(event, dict):
        raise EventError("event must be a JSON object")
    for name, (types, required) in FIELDS.items():
        value = event.get(name)
        # An empty id is no id: two events with event_id "" would dedup into one.
        if value is None or (required and value == ""):
            if required:
                raise EventError(f"missing required field {name!r}")
            continue
        if not isinstance(value, types) or (types != _BOOL and isinstance(value, bool)):
            raise EventError(f"field {name!r} has the wrong type ({type(value).__name__})")
    status = event.get("status") or "success"
    if status not in cv.STATUSES:
        raise EventError(f"status must be one of {', '.join(cv.STATUSES)}")
    start_ns = _parse_timestamp(event["timestamp"])
    end_ns = start_ns + int(float(event.get("latency_ms") or 0) * 1_000_000)
    model = event.get("model")
    kind = (event.get("span_kind") or ("llm" if model else "general")).lower()
    kind = kind if kind in cv.SPAN_KINDS else "general"
    cost = event.get("cost_usd")
    if cost is None:
        cost = pricer.cost(event.get("provider"), model, event.get("input_tokens"),
                           event.get("output_tokens"), event.get("cached_tokens"))
    message = event.get("error_message")
    return {
        "project_id": project_id,
        "trace_id": event["trace_id"],
        "span_id": event["span_id"],
        "parent_span_id": event.get("parent_span_id") or None,
        "event_id": event["event_id"],
        "name": event.get("name") or event.get("operation") or kind,
        "span_kind": kind,
        "start_ns": start_ns,
        "end_ns": end_ns,
        "status": status,
        "error_code": event.get("error_code"),
        "error_message": message[:ERROR_MESSAGE_MAX] if message else None,
        "provider": (event.get("provider") or "").lower() or None,
        "model": model,
        "operation": event.get("operation") or cv.operation({}, kind),
        "input_tokens": event.get("input_tokens"),
        "output_tokens": event.get("output_tokens"),
        "cached_tokens": event.get("cached_tokens"),
        "cost_usd": float(cost) if cost is not None else None,
        "ttft_ms": event.get("ttft_ms"),
        "stream": event.get("stream"),
        "environment": event.get("environment"),
        "user_id": event.get("user_id"),
        "session_id": event.get("session_id"),
        "agent_id": event.get("agent_id"),
        "service_name": event.get("service_name"),
        "scope_name": "lumiqtrace.ingest",
        "source": "native",
        "resource": None,
        "payload": _payload(event),
    }


def _parse_timestamp(value: str) -> int:
    try:
        moment = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        raise EventError(f"timestamp {value!r} is not ISO 8601") from None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=timezone.utc)
    return int(moment.timestamp() * 1_000_000) * 1000


def _payload(event: dict[str, Any]) -> bytes:
    """The attributes no column holds, as a synthetic OTLP span."""
    attributes: dict[str, str] = {}
    for key, value in (event.get("tags") or {}).items():
        attributes[f"lumiscope.tag.{key}"] = str(value)
    if event.get("metadata"):
        attributes["lumiscope.metadata"] = json.dumps(event["metadata"])
    for name in _EXTRA_ATTRIBUTES:
        if event.get(name) is not None:
            value = event[name]
            attributes[f"lumiq.{name}"] = value if isinstance(value, str) else json.dumps(value)
    for name, text_field, role in (("input_messages", "prompt", "user"),
                                   ("output_messages", "completion", "assistant")):
        messages = event.get(name)
        if messages is None and event.get(text_field):
            messages = [{"role": role, "content": event[text_field]}]
        if messages:
            attributes[f"lumiscope.{name}"] = json.dumps(messages)
    span = Span(name=str(event.get("name") or ""))
    span.attributes.extend(
        KeyValue(key=k, value={"string_value": v}) for k, v in attributes.items()
    )
    return span.SerializeToString()
