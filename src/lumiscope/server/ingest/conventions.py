"""Attribute conventions to Lumiscope's span fields.

One table per field lists the attribute names that carry it, newest convention first:
OpenTelemetry GenAI (current and earlier names), OpenLLMetry, OpenInference, the Flowlines
and LumiqTrace identities, and Lumiscope's own SDK. The ingest path decodes only the keys in
:data:`COLUMN_KEYS`; messages are read from the full attribute dict when a span is read.
"""

from __future__ import annotations

import json
from typing import Any

PROVIDER = ("gen_ai.provider.name", "gen_ai.system", "llm.provider", "llm.system")
MODEL = ("gen_ai.response.model", "gen_ai.request.model", "llm.model_name", "llm.response.model",
         "llm.request.model")
INPUT_TOKENS = ("gen_ai.usage.input_tokens", "gen_ai.usage.prompt_tokens",
                "llm.usage.prompt_tokens", "llm.token_count.prompt")
OUTPUT_TOKENS = ("gen_ai.usage.output_tokens", "gen_ai.usage.completion_tokens",
                 "llm.usage.completion_tokens", "llm.token_count.completion")
CACHED_TOKENS = ("gen_ai.usage.cache_read.input_tokens", "gen_ai.usage.cache_read_input_tokens",
                 "llm.token_count.prompt_details.cache_read", "lumiscope.usage.cached_tokens")
COST = ("lumiscope.cost_usd", "gen_ai.usage.cost", "llm.usage.cost")
USER = ("flowlines.user_id", "user.id", "lumiscope.user_id", "enduser.id",
        "traceloop.association.properties.user_id")
SESSION = ("flowlines.session_id", "session.id", "lumiscope.session_id", "gen_ai.conversation.id",
           "traceloop.association.properties.session_id")
AGENT = ("flowlines.agent_id", "lumiscope.agent_id", "gen_ai.agent.id", "gen_ai.agent.name",
         "agent.id")
STREAM = ("lumiscope.stream", "gen_ai.is_streaming", "llm.is_streaming", "gen_ai.request.stream")
TTFT_MS = ("lumiscope.ttft_ms",)
ENVIRONMENT = ("lumiscope.environment", "deployment.environment.name", "deployment.environment")
ERROR_TYPE = ("error.type", "lumiscope.error_code")
SPAN_KIND_HINTS = ("lumiscope.span_kind", "openinference.span.kind", "traceloop.span.kind",
                   "gen_ai.operation.name", "llm.request.type")
STATUS = ("lumiscope.status",)
# Only read when a span has no model under the names above (OpenInference error spans).
INVOCATION_PARAMETERS = "llm.invocation_parameters"
HTTP_STATUS = ("http.response.status_code", "http.status_code")

COLUMN_KEYS = frozenset(
    PROVIDER + MODEL + INPUT_TOKENS + OUTPUT_TOKENS + CACHED_TOKENS + COST + USER + SESSION
    + AGENT + STREAM + TTFT_MS + ENVIRONMENT + ERROR_TYPE + SPAN_KIND_HINTS + STATUS
    + HTTP_STATUS + (INVOCATION_PARAMETERS,)
)

# Events whose first occurrence marks the first streamed token.
FIRST_TOKEN_EVENTS = frozenset(
    {"gen_ai.content.completion.chunk", "llm.content.completion.chunk", "First Token Stream Event",
     "lumiscope.first_token"}
)

STATUSES = ("success", "error", "timeout", "rate_limited", "cancelled")
FAILED_STATUSES = STATUSES[1:]
SPAN_KINDS = ("llm", "agent", "tool", "planning", "handoff", "retriever", "guardrail", "general")
_KIND_WORDS = {
    # OpenInference
    "llm": "llm", "embedding": "llm", "retriever": "retriever", "reranker": "retriever",
    "tool": "tool", "agent": "agent", "guardrail": "guardrail", "chain": "general",
    "evaluator": "general", "prompt": "general",
    # OpenLLMetry traceloop.span.kind
    "workflow": "general", "task": "general",
    # OTel gen_ai.operation.name and llm.request.type
    "chat": "llm", "text_completion": "llm", "generate_content": "llm", "embeddings": "llm",
    "completion": "llm", "rerank": "retriever", "execute_tool": "tool", "invoke_agent": "agent",
    "create_agent": "agent",
    # LumiqTrace decorators' span_type
    "custom": "general",
}
_OPERATIONS = {
    "chat": "chat", "text_completion": "chat", "generate_content": "chat", "completion": "chat",
    "embeddings": "embed", "embedding": "embed", "embed": "embed", "execute_tool": "tool",
    "invoke_agent": "agent", "create_agent": "agent", "llm": "chat",
}


def first(attrs: dict[str, Any], names: tuple[str, ...]) -> Any:
    for name in names:
        value = attrs.get(name)
        if value is not None and value != "":
            return value
    return None


def as_int(value: Any) -> int | None:
    try:
        return None if value is None or isinstance(value, bool) else int(value)
    except (TypeError, ValueError):
        return None


def as_float(value: Any) -> float | None:
    try:
        return None if value is None or isinstance(value, bool) else float(value)
    except (TypeError, ValueError):
        return None


def as_str(value: Any) -> str | None:
    """Identity values may arrive as ints or bools (Flowlines sends them as given)."""
    if value is None or value == "":
        return None
    if isinstance(value, (list, dict)):
        return json.dumps(value)
    return str(value)


def span_kind(attrs: dict[str, Any], has_model: bool) -> str:
    """LumiqTrace's span kind from whichever convention's hint is present."""
    for name in SPAN_KIND_HINTS:
        hint = attrs.get(name)
        if isinstance(hint, str) and hint:
            word = hint.strip().lower()
            if word in SPAN_KINDS:
                return word
            if word in _KIND_WORDS:
                return _KIND_WORDS[word]
    return "llm" if has_model else "general"


def operation(attrs: dict[str, Any], kind: str) -> str:
    """LumiqTrace's operation: chat, embed, tool, agent or custom."""
    for name in ("gen_ai.operation.name", "llm.request.type", "openinference.span.kind"):
        word = attrs.get(name)
        if isinstance(word, str) and word.lower() in _OPERATIONS:
            return _OPERATIONS[word.lower()]
    if kind in ("llm", "tool", "agent"):
        return "chat" if kind == "llm" else kind
    return "custom"


def model_of(attrs: dict[str, Any]) -> str | None:
    model = first(attrs, MODEL)
    if model is None and isinstance(attrs.get(INVOCATION_PARAMETERS), str):
        try:
            model = json.loads(attrs[INVOCATION_PARAMETERS]).get("model")
        except (ValueError, AttributeError):
            model = None
    return as_str(model)


def error_status(error_type: str | None, http_status: int | None) -> str:
    """Refine a failed span's status from its error type or HTTP status."""
    text = (error_type or "").lower()
    if http_status == 429 or "ratelimit" in text or "rate_limit" in text:
        return "rate_limited"
    if http_status in (408, 504) or "timeout" in text or "timedout" in text:
        return "timeout"
    if "cancel" in text:
        return "cancelled"
    return "error"
