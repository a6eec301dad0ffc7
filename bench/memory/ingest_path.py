"""The benchmark through a running server: OTLP in, end the session, read get-memory.

Each user's sessions are replayed in time order as an instrumented app would: the memory
is read with ``GET /v1/get-memory`` at the start of a session and injected into its
prompts; every LLM call becomes one ``openai.chat`` span (OpenLLMetry attributes, as the
real OpenAI instrumentor writes them) posted as OTLP/JSON to ``/v1/traces``; then
``POST /v1/mark-session-as-ended``, and the script waits for the server's memory worker
(the memory's ``updated_at`` changes) before the next session. User ids get a per-run suffix
so runs never see each other's memory.

Span timestamps are the conversations' own (2026 dates): relative dates resolve as labelled.
The server judges plan expiry by its own clock, so plan figures depend on when this runs.
"""

from __future__ import annotations

import json
import secrets
import time
from collections.abc import Sequence
from typing import Any

import httpx
from conversations import Call, session_calls

SCOPE = "opentelemetry.instrumentation.openai.v1"
CALL_LATENCY_NS = 800_000_000


def _attribute(key: str, value: str | int) -> dict[str, Any]:
    kind = "intValue" if isinstance(value, int) else "stringValue"
    return {"key": key, "value": {kind: str(value) if kind == "intValue" else value}}


def span(call: Call) -> dict[str, Any]:
    """One LLM call as an OTLP/JSON span, with the attributes the OpenAI instrumentor sets."""
    attributes = [_attribute("llm.request.type", "chat"), _attribute("gen_ai.system", "openai"),
                  _attribute("gen_ai.request.model", "gpt-4o-mini"),
                  _attribute("flowlines.user_id", call.user_id),
                  _attribute("flowlines.session_id", call.session_id)]
    if call.agent_id:
        attributes.append(_attribute("flowlines.agent_id", call.agent_id))
    for index, message in enumerate(call.input_messages):
        attributes += [_attribute(f"gen_ai.prompt.{index}.role", message["role"]),
                       _attribute(f"gen_ai.prompt.{index}.content", message["content"])]
    for index, message in enumerate(call.output_messages):
        attributes += [_attribute(f"gen_ai.completion.{index}.role", message["role"]),
                       _attribute(f"gen_ai.completion.{index}.content", message["content"])]
    return {"traceId": call.trace_id, "spanId": call.span_id, "name": "openai.chat", "kind": 3,
            "startTimeUnixNano": str(call.time_ns),
            "endTimeUnixNano": str(call.time_ns + CALL_LATENCY_NS),
            "attributes": attributes, "status": {}}


def export_request(calls: Sequence[Call]) -> dict[str, Any]:
    """An OTLP/JSON ``ExportTraceServiceRequest`` carrying ``calls``."""
    resource = {"attributes": [_attribute("service.name", "lumiscope-memory-bench")]}
    return {"resourceSpans": [{"resource": resource, "scopeSpans": [
        {"scope": {"name": SCOPE}, "spans": [span(call) for call in calls]}]}]}


def get_memory(client: httpx.Client, user_id: str) -> dict[str, Any] | None:
    """The ``memory`` object, or None on 404 (no memory yet)."""
    response = client.get("/v1/get-memory", params={"user_id": user_id})
    if response.status_code == 404:
        return None
    response.raise_for_status()
    memory = response.json()["memory"]
    return memory if isinstance(memory, dict) else None


def _wait_for_update(client: httpx.Client, user_id: str, before: str | None,
                     wait: float) -> dict[str, Any] | None:
    deadline = time.monotonic() + wait
    memory = get_memory(client, user_id)
    while time.monotonic() < deadline:
        if memory is not None and memory.get("updated_at") != before:
            return memory
        time.sleep(0.5)
        memory = get_memory(client, user_id)
    print(f"  {user_id}: no memory update within {wait:.0f} s")
    return memory


def run_user(client: httpx.Client, user: dict[str, Any], run: str,
             wait: float) -> dict[str, Any] | None:
    """Replay one user through the server; the final get-memory object."""
    user_id = f"{user['user_id']}-{run}"
    memory = get_memory(client, user_id)
    for session in sorted(user["sessions"], key=lambda s: s["start"]):
        injected = json.dumps(memory) if memory else None
        calls = list(session_calls(user_id, session, injected, run=f"-{run}"))
        client.post("/v1/traces", json=export_request(calls)).raise_for_status()
        client.post("/v1/mark-session-as-ended",
                    json={"session_id": calls[0].session_id, "user_id": user_id},
                    ).raise_for_status()
        memory = _wait_for_update(client, user_id, (memory or {}).get("updated_at"), wait)
    return memory


def run_http(users: Sequence[dict[str, Any]], url: str, key: str,
             wait: float) -> list[dict[str, Any] | None]:
    """Every user through the server at ``url`` with API key ``key``."""
    run = secrets.token_hex(3)
    with httpx.Client(base_url=url.rstrip("/"), headers={"x-api-key": key},
                      timeout=30) as client:
        return [run_user(client, user, run, wait) for user in users]
