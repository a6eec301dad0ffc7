"""Building LumiqTrace native events, the quickest way to store spans with exact fields."""

from __future__ import annotations

import json
import uuid
from datetime import datetime, timedelta, timezone
from typing import Any

import httpx

NDJSON = {"content-type": "application/x-ndjson"}


def event(**fields: Any) -> dict[str, Any]:
    """A valid event; ``minutes_ago`` sets the timestamp relative to now."""
    minutes_ago = fields.pop("minutes_ago", 1)
    moment = datetime.now(timezone.utc) - timedelta(minutes=minutes_ago)
    base = {
        "event_id": str(uuid.uuid4()),
        "trace_id": "trace-" + uuid.uuid4().hex[:8],
        "span_id": "span-" + uuid.uuid4().hex[:8],
        "timestamp": moment.strftime("%Y-%m-%dT%H:%M:%S.%f")[:-3] + "Z",
        "provider": "openai",
        "model": "gpt-4o",
        "operation": "chat",
        "latency_ms": 800,
        "input_tokens": 500,
        "output_tokens": 100,
        "status": "success",
        "stream": False,
    }
    base.update(fields)
    return base


def post_events(api: httpx.Client, *events: dict[str, Any]) -> httpx.Response:
    body = "\n".join(json.dumps(e) for e in events) + "\n"
    response = api.post("/v1/ingest", content=body, headers=NDJSON)
    assert response.status_code == 202, response.text
    return response
