"""Conversations sent as the OpenLLMetry instrumentor sends them, and waiting for memory."""

from __future__ import annotations

import json
import time
from typing import Any

import httpx

from tests.otel_helpers import otlp_provider


def chat_span(tracer, history: list[dict[str, str]], reply: str, *,  # type: ignore[no-untyped-def]
              user_id: str | None, session_id: str | None,
              agent_id: str | None = None) -> None:
    """One LLM call: the whole history in, one reply out, with Flowlines identity."""
    with tracer.start_as_current_span("openai.chat") as span:
        if user_id is not None:
            span.set_attribute("flowlines.user_id", user_id)
        if session_id is not None:
            span.set_attribute("flowlines.session_id", session_id)
        if agent_id is not None:
            span.set_attribute("flowlines.agent_id", agent_id)
        span.set_attribute("gen_ai.provider.name", "openai")
        span.set_attribute("gen_ai.request.model", "gpt-4o-mini")
        span.set_attribute("gen_ai.input.messages", json.dumps(
            [{"role": m["role"], "parts": [{"type": "text", "content": m["content"]}]}
             for m in history]))
        span.set_attribute("gen_ai.output.messages", json.dumps(
            [{"role": "assistant", "parts": [{"type": "text", "content": reply}]}]))


def converse(base_url: str, key: str, user_id: str | None, session_id: str | None,
             user_messages: list[str], **identity: Any) -> None:
    """A conversation where every call re-sends the history, as chat apps do."""
    provider, _ = otlp_provider(base_url, key)
    tracer = provider.get_tracer("chat")
    history = [{"role": "system", "content": "You are a helpful assistant."}]
    for text in user_messages:
        history.append({"role": "user", "content": text})
        reply = "Noted!"
        chat_span(tracer, history, reply, user_id=user_id, session_id=session_id, **identity)
        history.append({"role": "assistant", "content": reply})
    provider.shutdown()


def wait_for_memory(api: httpx.Client, user_id: str, timeout: float = 15.0,
                    **params: str) -> dict[str, Any]:
    deadline = time.monotonic() + timeout
    while True:
        response = api.get("/v1/get-memory", params={"user_id": user_id, **params})
        if response.status_code == 200:
            return response.json()["memory"]
        assert response.status_code == 404, response.text
        assert time.monotonic() < deadline, "no memory was learned in time"
        time.sleep(0.1)
