"""The llm engine's wire: one chat-completion request to an OpenAI-compatible endpoint.

Any server speaking ``POST {base_url}/chat/completions`` works (OpenAI, Ollama, vLLM, a
gateway). The model is asked for structured output, a JSON object with the same fields as
:class:`~lumiscope.server.memory.model.Fact`, and its answer is validated before anything
is learned from it: an answer that is not that JSON raises :class:`LlmError`, and single
items that break the schema are dropped. httpx only: the server does not depend on openai.
"""

from __future__ import annotations

import json
import logging
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Literal

import httpx

from lumiscope.server.memory.model import (
    CATEGORIES,
    SINGLE_VALUED,
    Fact,
    Retraction,
    Turn,
)
from lumiscope.server.store.timefmt import iso

logger = logging.getLogger("lumiscope.memory")

MAX_REPLY_CHARS = 600  # of each assistant reply sent as context; the user's words go whole
_SUBJECT = re.compile(r"^[a-z][a-z0-9_]{0,47}$")


class LlmError(Exception):
    """The endpoint failed or answered something that is not a valid memory update."""


@dataclass(frozen=True)
class LlmSettings:
    """Where and how to reach the model. ``response_format`` ``"json_object"`` suits
    endpoints without JSON-schema support."""

    base_url: str
    model: str
    api_key: str | None = None
    timeout: float = 30.0
    response_format: Literal["json_schema", "json_object"] = "json_schema"


FACT_ITEM = {
    "type": "object",
    "additionalProperties": False,
    "required": ["op", "category", "subject", "value", "text", "confidence", "turn"],
    "properties": {
        "op": {"type": "string", "enum": ["add", "retract"]},
        "category": {"type": "string", "enum": list(CATEGORIES)},
        "subject": {"type": "string"},
        "value": {"type": "string"},
        "text": {"type": "string"},
        "confidence": {"type": "number"},
        "turn": {"type": "integer"},
    },
}
SCHEMA = {
    "type": "object",
    "additionalProperties": False,
    "required": ["facts", "session_summary"],
    "properties": {"facts": {"type": "array", "items": FACT_ITEM},
                   "session_summary": {"type": "string"}},
}

SYSTEM_PROMPT = f"""You maintain long-term memory about one user of an AI assistant.
From the conversation turns you are given, extract durable facts the USER states about
THEMSELVES in their own messages. Answer with JSON only, matching the schema.

Rules:
- Only facts that stay true beyond this conversation: identity (name, age, pronouns,
  nationality, languages), preferences (likes, dislikes, diet), location, work, goals,
  constraints (budget, time, abilities), relationships (partner, children, pets, by name),
  dated plans, health (allergies, conditions, medications), possessions.
- Never learn from: questions, hypotheticals ("if I lived in..."), hedges, other people's
  traits or tastes ("my wife loves jazz" only says the user has a wife), one-off actions
  ("I ate pizza yesterday"), text the user pasted or quoted, the assistant's messages,
  statements about the assistant.
- subject: a snake_case slug. Reuse the subjects of the known facts. Single-valued subjects:
  {", ".join(sorted(SINGLE_VALUED))}. Others hold several values (allergy, likes, dislikes,
  language, child, pet, goal, condition, medication, trip, event, appointment...).
- value: short ("Lisbon", "vegetarian", "peanuts"). text: a short third-person sentence
  without the user's name ("Lives in Lisbon").
- Plans carry an ISO date resolved against the turn's time: value "Tokyo on 2026-05-14".
- op "retract" when the user says a known fact no longer holds ("I no longer live in
  Lisbon"): subject and value of that fact. A new value of a single-valued subject needs no
  retraction.
- confidence between 0 and 1; turn: the index of the turn the fact comes from.
- session_summary: one to three sentences on what the user asked about and shared.
"""


def build_request(settings: LlmSettings, turns: Sequence[Turn],
                  known: Sequence[Fact]) -> dict[str, Any]:
    """The chat-completion request body for one engine run."""
    context = {
        "known_facts": [{"category": f.category, "subject": f.subject, "value": f.value}
                        for f in known if f.current],
        "turns": [{"turn": index, "time": iso(turn.time_ns), "user": turn.user_messages,
                   "assistant": turn.assistant_reply[:MAX_REPLY_CHARS]}
                  for index, turn in enumerate(turns)],
    }
    if settings.response_format == "json_schema":
        response_format: dict[str, Any] = {
            "type": "json_schema",
            "json_schema": {"name": "memory_update", "strict": True, "schema": SCHEMA}}
    else:
        response_format = {"type": "json_object"}
    return {"model": settings.model, "temperature": 0, "response_format": response_format,
            "messages": [{"role": "system", "content": SYSTEM_PROMPT},
                         {"role": "user", "content": json.dumps(context, ensure_ascii=False)}]}


def complete(client: httpx.Client, settings: LlmSettings, body: dict[str, Any]) -> str:
    """POST the request and return the reply's text. Blocks up to ``settings.timeout``.

    Raises :class:`LlmError` on a transport error, a timeout, a non-2xx status or a reply
    without message content.
    """
    headers = {"Authorization": f"Bearer {settings.api_key}"} if settings.api_key else {}
    url = settings.base_url.rstrip("/") + "/chat/completions"
    try:
        response = client.post(url, json=body, headers=headers, timeout=settings.timeout)
    except httpx.HTTPError as exc:
        raise LlmError(f"{type(exc).__name__}: {exc}") from exc
    if response.status_code // 100 != 2:
        raise LlmError(f"HTTP {response.status_code}: {response.text[:200]}")
    try:
        content = response.json()["choices"][0]["message"]["content"]
    except (ValueError, KeyError, IndexError, TypeError) as exc:
        raise LlmError(f"not a chat completion: {response.text[:200]}") from exc
    if not isinstance(content, str):
        raise LlmError("the reply has no text content")
    return content


def _strip_fence(content: str) -> str:
    # Models asked for JSON without a schema sometimes wrap it in a ```json fence.
    match = re.match(r"^\s*```(?:json)?\s*(.*?)\s*```\s*$", content, re.S)
    return match.group(1) if match else content


def _item(raw: Any, turns: Sequence[Turn]) -> Fact | Retraction | None:
    if not isinstance(raw, dict):
        return None
    op, category, subject = raw.get("op", "add"), raw.get("category"), raw.get("subject")
    value, text, turn = raw.get("value"), raw.get("text"), raw.get("turn")
    confidence = raw.get("confidence", 0.7)
    if (op not in ("add", "retract") or category not in CATEGORIES
            or not isinstance(subject, str) or not _SUBJECT.match(subject)
            or not isinstance(value, str) or not value.strip() or len(value) > 200
            or not isinstance(turn, int) or isinstance(turn, bool)
            or not 0 <= turn < len(turns)
            or not isinstance(confidence, (int, float)) or isinstance(confidence, bool)):
        return None
    source = turns[turn]
    if op == "retract":
        return Retraction(subject, (value.strip(),), source.provenance)
    if not isinstance(text, str) or not text.strip() or len(text) > 300:
        return None
    return Fact(category=category, subject=subject, value=value.strip(), text=text.strip(),
                confidence=min(max(float(confidence), 0.0), 1.0),
                provenance=(source.provenance,), agent_id=source.agent_id,
                valid_from_ns=source.time_ns)


def parse_reply(content: str, turns: Sequence[Turn]) -> tuple[list[Fact | Retraction], str]:
    """Validated facts and retractions, and the session summary, from the model's answer.

    Raises :class:`LlmError` when the answer is not the schema's JSON object; items that
    break the schema are dropped and counted in a log line.
    """
    try:
        data = json.loads(_strip_fence(content))
    except ValueError as exc:
        raise LlmError(f"the reply is not JSON: {content[:200]!r}") from exc
    if not isinstance(data, dict) or not isinstance(data.get("facts"), list):
        raise LlmError(f"the reply has no facts list: {content[:200]!r}")
    summary = data.get("session_summary")
    items = [_item(raw, turns) for raw in data["facts"]]
    valid = [item for item in items if item is not None]
    if len(valid) < len(items):
        logger.warning("llm memory engine: dropped %d invalid fact(s) of %d",
                       len(items) - len(valid), len(items))
    return valid, summary.strip() if isinstance(summary, str) else ""
