"""Prompt and reply messages of a span, from whichever convention carried them.

Read when a span is shown in full or learned from, never on the ingest path. Every shape
ends as a list of ``{"role": ..., "content": ...}`` with text content.
"""

from __future__ import annotations

import json
import re
from typing import Any

Message = dict[str, str]

_INDEXED = {
    "input": (re.compile(r"^gen_ai\.prompt\.(\d+)\.(role|content)$"),
              re.compile(r"^llm\.input_messages\.(\d+)\.message\.(role|content)$"),
              re.compile(r"^llm\.input_messages\.(\d+)\.message\.contents\.\d+\.message_content\.(text)$")),
    "output": (re.compile(r"^gen_ai\.completion\.(\d+)\.(role|content)$"),
               re.compile(r"^llm\.output_messages\.(\d+)\.message\.(role|content)$"),
               re.compile(r"^llm\.output_messages\.(\d+)\.message\.contents\.\d+\.message_content\.(text)$")),
}
_TEXT_PART_TYPES = (None, "text", "input_text", "output_text")
_EVENT_ROLES = {"gen_ai.system.message": "system", "gen_ai.user.message": "user",
                "gen_ai.assistant.message": "assistant", "gen_ai.tool.message": "tool"}


def text_of(content: Any) -> str:
    """Text of a message content: a string, a list of parts, or a parts object."""
    if content is None:
        return ""
    if isinstance(content, str):
        return content
    if isinstance(content, list):
        return "".join(text_of(part) for part in content)
    if isinstance(content, dict):
        for key in ("content", "text", "value"):
            if key in content and content.get("type") in _TEXT_PART_TYPES:
                return text_of(content[key])
        return ""
    return str(content)


def _parse_list(value: Any) -> list[Any] | None:
    if isinstance(value, str):
        try:
            value = json.loads(value)
        except ValueError:
            return None
    if isinstance(value, dict):
        value = [value]
    return value if isinstance(value, list) else None


def _from_json(value: Any, default_role: str) -> list[Message]:
    items = _parse_list(value) or []
    messages = []
    for item in items:
        if not isinstance(item, dict):
            continue
        message = item.get("message") if isinstance(item.get("message"), dict) else item
        content = message.get("parts", message.get("content"))
        messages.append({"role": str(message.get("role") or default_role),
                         "content": text_of(content)})
    return messages


def _from_indexed(attrs: dict[str, Any], direction: str, default_role: str) -> list[Message]:
    found: dict[int, dict[str, str]] = {}
    for key, value in attrs.items():
        if not key.startswith(("gen_ai.prompt.", "gen_ai.completion.", "llm.input_messages.",
                               "llm.output_messages.")):
            continue
        for pattern in _INDEXED[direction]:
            match = pattern.match(key)
            if match:
                slot = found.setdefault(int(match.group(1)), {})
                field = "content" if match.group(2) == "text" else match.group(2)
                if field == "content" and slot.get("content"):
                    slot["content"] += text_of(value)
                else:
                    slot[field] = text_of(value)
                break
    return [{"role": m.get("role") or default_role, "content": m.get("content", "")}
            for _, m in sorted(found.items())]


def _from_events(events: list[dict[str, Any]], direction: str) -> list[Message]:
    messages = []
    for event in events:
        name, attrs = event.get("name"), event.get("attributes") or {}
        if direction == "input" and name in _EVENT_ROLES:
            body = attrs.get("content", attrs.get("body"))
            messages.append({"role": attrs.get("role") or _EVENT_ROLES[name],
                             "content": text_of(_maybe_json(body))})
        elif direction == "output" and name == "gen_ai.choice":
            body = _maybe_json(attrs.get("message", attrs.get("body")))
            content = body.get("content") if isinstance(body, dict) else body
            messages.append({"role": "assistant", "content": text_of(content)})
        elif name == "gen_ai.client.inference.operation.details":
            key = "gen_ai.input.messages" if direction == "input" else "gen_ai.output.messages"
            messages.extend(_from_json(attrs.get(key), "user"))
        elif direction == "input" and name == "gen_ai.content.prompt":
            messages.extend(_from_json(attrs.get("gen_ai.prompt"), "user")
                            or _plain(attrs.get("gen_ai.prompt"), "user"))
        elif direction == "output" and name == "gen_ai.content.completion":
            messages.extend(_from_json(attrs.get("gen_ai.completion"), "assistant")
                            or _plain(attrs.get("gen_ai.completion"), "assistant"))
    return messages


def _maybe_json(value: Any) -> Any:
    if isinstance(value, str) and value[:1] in "[{":
        try:
            return json.loads(value)
        except ValueError:
            return value
    return value


def _plain(value: Any, role: str) -> list[Message]:
    return [{"role": role, "content": value}] if isinstance(value, str) and value else []


def extract(attrs: dict[str, Any], events: list[dict[str, Any]],
            is_llm: bool) -> tuple[list[Message], list[Message]]:
    """``(input_messages, output_messages)`` of a span, empty lists when it carries none."""
    result = []
    for direction, default_role in (("input", "user"), ("output", "assistant")):
        key = f"gen_ai.{direction}.messages"
        messages = (
            _from_json(attrs.get(f"lumiscope.{direction}_messages"), default_role)
            or _from_json(attrs.get(key), default_role)
            or _from_indexed(attrs, direction, default_role)
            or _from_events(events, direction)
        )
        if direction == "input" and attrs.get("gen_ai.system_instructions"):
            system = text_of(_maybe_json(attrs["gen_ai.system_instructions"]))
            if not any(m["role"] == "system" for m in messages):
                messages.insert(0, {"role": "system", "content": system})
        if not messages and is_llm:
            value = attrs.get(f"{direction}.value")
            if isinstance(value, str) and attrs.get(f"{direction}.mime_type") != "application/json":
                messages = _plain(value, default_role)
        result.append(messages)
    return result[0], result[1]
