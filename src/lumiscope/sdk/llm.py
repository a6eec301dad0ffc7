"""What an LLM call's arguments, reply and stream chunks say, as GenAI span attributes.

Reads objects and dicts alike, in the OpenAI (chat completions and responses) and Anthropic
shapes: usage from ``.usage``, the model, the reply text. Every reader returns nothing
rather than raising on a shape it does not know. Pure; no I/O.
"""

from __future__ import annotations

from json.encoder import encode_basestring_ascii as _encode
from typing import Any

MAX_TEXT = 32_000  # characters kept per message; a span is not a transcript store


def field(obj: Any, name: str) -> Any:
    if type(obj) is dict:  # the common cases first: this runs several times per call
        return obj.get(name)
    if obj is None:
        return None
    if isinstance(obj, dict):
        return obj.get(name)
    try:
        return getattr(obj, name, None)
    except Exception:  # properties of foreign objects may raise anything
        return None


def usage_attributes(obj: Any) -> dict[str, int]:
    """``gen_ai.usage.*`` from ``obj.usage`` (or ``obj["usage"]``, or a stream event's
    ``message.usage``), OpenAI and Anthropic names alike."""
    usage = field(obj, "usage")
    if usage is None:
        usage = field(field(obj, "message"), "usage")
        if usage is None:
            return {}
    found = {}
    tokens = field(usage, "prompt_tokens")
    if tokens is None:
        tokens = field(usage, "input_tokens")
    if type(tokens) is int:
        found["gen_ai.usage.input_tokens"] = tokens
    tokens = field(usage, "completion_tokens")
    if tokens is None:
        tokens = field(usage, "output_tokens")
    if type(tokens) is int:
        found["gen_ai.usage.output_tokens"] = tokens
    details = field(usage, "prompt_tokens_details") or field(usage, "input_tokens_details")
    cached = field(details, "cached_tokens") if details else field(
        usage, "cache_read_input_tokens")
    if type(cached) is int and cached:
        found["gen_ai.usage.cache_read.input_tokens"] = cached
    return found


def response_model(obj: Any) -> str | None:
    """The model that answered, as the reply (or a stream chunk) names it."""
    model = field(obj, "model")
    return model if isinstance(model, str) and model else None


def finish_reason(obj: Any) -> str | None:
    """Why the reply ended: the first choice's ``finish_reason`` or Anthropic's
    ``stop_reason``."""
    choices = field(obj, "choices")
    if choices:
        try:
            reason = field(choices[0], "finish_reason")
        except (TypeError, IndexError, KeyError):
            reason = None
    else:
        reason = field(obj, "stop_reason")
    return reason if isinstance(reason, str) else None


def _content_text(content: Any) -> str | None:
    if isinstance(content, str):
        return content
    if isinstance(content, list):  # Anthropic content blocks, OpenAI parts
        texts = [field(part, "text") for part in content]
        texts = [t for t in texts if isinstance(t, str)]
        return "".join(texts) if texts else None
    return None


def reply_text(obj: Any) -> str | None:
    """The assistant text of a reply: a plain string, a chat completion's first choice, a
    Responses API ``output_text`` or Anthropic content blocks."""
    if isinstance(obj, str):
        return obj
    choices = field(obj, "choices")
    if choices:
        try:
            first = choices[0]
        except (TypeError, IndexError, KeyError):
            first = None
        text = _content_text(field(field(first, "message"), "content"))
        if text is None:
            text = field(first, "text")
        if isinstance(text, str):
            return text
    output_text = field(obj, "output_text")
    if isinstance(output_text, str):
        return output_text
    return _content_text(field(obj, "content"))


def chunk_text(chunk: Any) -> str | None:
    """The text a stream chunk adds: a string, an OpenAI delta or an Anthropic text delta."""
    if isinstance(chunk, str):
        return chunk
    if isinstance(chunk, bytes):
        return chunk.decode("utf-8", "replace")
    choices = field(chunk, "choices")
    if choices:
        try:
            delta = field(choices[0], "delta")
        except (TypeError, IndexError, KeyError):
            delta = None
        text = field(delta, "content")
        return text if isinstance(text, str) else None
    text = field(field(chunk, "delta"), "text")
    if isinstance(text, str):
        return text
    delta = field(chunk, "delta")  # Responses API: response.output_text.delta events
    return delta if isinstance(delta, str) else None


def input_messages(args: tuple[Any, ...], kwargs: dict[str, Any]) -> list[dict[str, Any]]:
    """The prompt of a decorated call: a ``messages`` list (keyword or positional) plus an
    Anthropic-style ``system``; else a ``prompt`` string. Empty when neither is there."""
    if not args and not kwargs:
        return []
    messages = kwargs.get("messages")
    if not _is_messages(messages):
        messages = next((a for a in args if _is_messages(a)), None)
    found: list[dict[str, Any]] = []
    if isinstance(kwargs.get("system"), str):
        found.append({"role": "system", "content": kwargs["system"]})
    if messages:
        found.extend(m for m in messages if isinstance(m, dict))
    elif isinstance(kwargs.get("prompt"), str):
        found.append({"role": "user", "content": kwargs["prompt"]})
    return found


def _is_messages(value: Any) -> bool:
    return (isinstance(value, (list, tuple)) and bool(value)
            and all(isinstance(m, dict) and "role" in m for m in value))


def messages_json(messages: list[dict[str, Any]], finish_reason: str | None = None) -> str:
    """``gen_ai.input.messages`` / ``gen_ai.output.messages`` JSON (messages with parts).

    Written by hand around the C string encoder: ``json.dumps`` of the whole list costs
    several times more, and this runs on the application's thread for every call.
    """
    items = []
    for message in messages:
        content = message.get("content")
        text = _content_text(content)
        if text is None:
            text = "" if content is None else str(content)
        item = (f'{{"role":{_encode(str(message.get("role") or "user"))},'
                f'"parts":[{{"type":"text","content":{_encode(text[:MAX_TEXT])}}}]')
        if finish_reason:
            item += f',"finish_reason":{_encode(finish_reason)}'
        items.append(item + "}")
    return "[" + ",".join(items) + "]"
