"""The benchmark's load: gzip'd OTLP/protobuf exports of realistic LLM spans, built up front.

Each span looks like what OpenLLMetry (Traceloop) and the OTel GenAI conventions send from
a support agent: a workflow root, an agent under it, LLM calls and a tool call under the
agent, about 2 KB of attributes each (prompts, completions, tool input and output). Every
batch, and every run, has its own trace and span ids, so the store deduplicates nothing.
"""

from __future__ import annotations

import gzip
import json
import os
import random
from dataclasses import dataclass

from opentelemetry.proto.collector.trace.v1.trace_service_pb2 import ExportTraceServiceRequest
from opentelemetry.proto.common.v1.common_pb2 import AnyValue, KeyValue
from opentelemetry.proto.trace.v1.trace_pb2 import Span, Status

SPANS_PER_TRACE = 8  # workflow, agent, 5 LLM calls, 1 tool call
_WORDS = (
    "the", "customer", "asked", "about", "a", "refund", "for", "order", "which", "arrived",
    "damaged", "and", "the", "agent", "checked", "policy", "shipping", "warranty", "invoice",
    "account", "billing", "subscription", "plan", "upgrade", "please", "confirm", "details",
    "summary", "escalate", "ticket", "priority", "response", "within", "hours", "days", "product",
    "replacement", "return", "label", "tracking", "number", "delivery", "address", "payment",
    "method", "card", "we", "apologize", "for", "the", "inconvenience", "here", "is", "what", "I",
    "found", "in", "our", "documentation", "about",
)
_MODELS = (("openai", "gpt-4o-mini", "gpt-4o-mini-2024-07-18"),
           ("openai", "gpt-4.1", "gpt-4.1-2025-04-14"),
           ("anthropic", "claude-3-5-haiku-latest", "claude-3-5-haiku-20241022"))
_SYSTEM_PROMPT = (
    "You are Ada, the support assistant of Acme Outdoor. Answer in the customer's language, "
    "cite the help-centre article you used, never promise a refund above the order total, "
    "and hand over to a human when the customer asks for one or is upset twice in a row. "
    "Use the tools to look up orders, shipments and the returns policy before answering."
)


@dataclass(frozen=True)
class Load:
    """The bodies to send (gzip'd) and what they hold."""

    bodies: list[bytes]
    spans_per_batch: int
    raw_bytes: int  # one batch, before gzip
    attribute_bytes: int  # mean bytes of attribute keys and values per span

    @property
    def spans(self) -> int:
        return self.spans_per_batch * len(self.bodies)


def _kv(key: str, value: str | int | float | bool) -> KeyValue:
    if isinstance(value, bool):
        return KeyValue(key=key, value=AnyValue(bool_value=value))
    if isinstance(value, int):
        return KeyValue(key=key, value=AnyValue(int_value=value))
    if isinstance(value, float):
        return KeyValue(key=key, value=AnyValue(double_value=value))
    return KeyValue(key=key, value=AnyValue(string_value=value))


class _Builder:
    def __init__(self, seed: int, start_ns: int) -> None:
        self.rng = random.Random(seed)
        # Ids differ on every run, so a store that kept an earlier run's spans counts these.
        self.ids = random.Random(os.urandom(16))
        self.now = start_ns
        # A Zipf-like vocabulary of common words and made-up ones, so gzip shrinks the text
        # about as much as real prose (3x), not as much as a repeated phrase would.
        letters = "etaoinshrdlucmfwypvbgkqjxz"
        made_up = ["".join(self.rng.choices(letters[:18], k=self.rng.randint(3, 10)))
                   for _ in range(3000)]
        self.vocabulary = list(_WORDS) + made_up
        self.weights = [1 / (rank + 1) for rank in range(len(self.vocabulary))]
        # Sentences are drawn from a pool so building stays fast.
        self.sentences = [self._sentence() for _ in range(3000)]

    def _sentence(self) -> str:
        words = self.rng.choices(self.vocabulary, self.weights, k=self.rng.randint(8, 20))
        return " ".join(words).capitalize() + "."

    def text(self, chars: int) -> str:
        parts: list[str] = []
        size = 0
        while size < chars:
            sentence = self.rng.choice(self.sentences)
            parts.append(sentence)
            size += len(sentence) + 1
        return " ".join(parts)

    def span(self, trace_id: bytes, parent: bytes, name: str, start: int, duration_ms: int,
             attrs: dict[str, str | int | float | bool]) -> Span:
        return Span(
            trace_id=trace_id, span_id=self.ids.randbytes(8), parent_span_id=parent,
            name=name, kind=Span.SPAN_KIND_CLIENT if parent else Span.SPAN_KIND_INTERNAL,
            start_time_unix_nano=start, end_time_unix_nano=start + duration_ms * 1_000_000,
            attributes=[_kv(k, v) for k, v in attrs.items()],
            status=Status(code=Status.STATUS_CODE_OK),
        )

    def llm_attrs(self, user: str, session: str, index: int) -> dict:
        provider, model, response_model = self.rng.choice(_MODELS)
        question = self.text(self.rng.randint(250, 450))
        answer = self.text(self.rng.randint(350, 600))
        attrs: dict[str, str | int | float | bool] = {
            "gen_ai.system": provider,
            "gen_ai.provider.name": provider,
            "gen_ai.operation.name": "chat",
            "llm.request.type": "chat",
            "gen_ai.request.model": model,
            "gen_ai.response.model": response_model,
            "gen_ai.request.temperature": 0.2,
            "gen_ai.request.max_tokens": 1024,
            "gen_ai.response.id": f"chatcmpl-{self.rng.getrandbits(96):024x}",
            "gen_ai.usage.input_tokens": self.rng.randint(300, 3000),
            "gen_ai.usage.output_tokens": self.rng.randint(40, 600),
            "llm.usage.total_tokens": 0,
            "llm.is_streaming": index % 3 == 0,
            "server.address": "api.openai.com" if provider == "openai" else "api.anthropic.com",
            "flowlines.user_id": user,
            "flowlines.session_id": session,
            "traceloop.association.properties.user_id": user,
        }
        attrs["llm.usage.total_tokens"] = (attrs["gen_ai.usage.input_tokens"]
                                           + attrs["gen_ai.usage.output_tokens"])
        if index % 2:
            # The current GenAI convention: messages as one JSON attribute each way.
            attrs["gen_ai.input.messages"] = json.dumps([
                {"role": "system", "parts": [{"type": "text", "content": _SYSTEM_PROMPT}]},
                {"role": "user", "parts": [{"type": "text", "content": question}]},
            ])
            attrs["gen_ai.output.messages"] = json.dumps([
                {"role": "assistant", "finish_reason": "stop",
                 "parts": [{"type": "text", "content": answer}]},
            ])
        else:
            # OpenLLMetry's indexed attributes.
            attrs["gen_ai.prompt.0.role"] = "system"
            attrs["gen_ai.prompt.0.content"] = _SYSTEM_PROMPT
            attrs["gen_ai.prompt.1.role"] = "user"
            attrs["gen_ai.prompt.1.content"] = question
            attrs["gen_ai.completion.0.role"] = "assistant"
            attrs["gen_ai.completion.0.content"] = answer
            attrs["gen_ai.completion.0.finish_reason"] = "stop"
        return attrs

    def trace(self, user: str, session: str) -> list[Span]:
        trace_id = self.ids.randbytes(16)
        start = self.now
        self.now += 1_000_000_000
        common = {"flowlines.user_id": user, "flowlines.session_id": session,
                  "traceloop.workflow.name": "support_agent"}
        request = self.text(1700)
        root = self.span(trace_id, b"", "support_agent.workflow", start, 9000, {
            **common, "traceloop.span.kind": "workflow",
            "traceloop.entity.name": "support_agent",
            "traceloop.entity.input": json.dumps({"inputs": {"message": request}}),
        })
        agent = self.span(trace_id, root.span_id, "invoke_agent ada", start + 1_000_000, 8900, {
            **common, "traceloop.span.kind": "agent", "gen_ai.operation.name": "invoke_agent",
            "gen_ai.agent.name": "ada", "flowlines.agent_id": "ada",
            "traceloop.entity.output": json.dumps({"outputs": {"reply": self.text(1600)}}),
        })
        spans = [root, agent]
        at = start + 2_000_000
        for index in range(SPANS_PER_TRACE - 3):
            attrs = self.llm_attrs(user, session, index)
            name = f"{attrs['gen_ai.system']}.chat"
            spans.append(self.span(trace_id, agent.span_id, name, at, 1200, attrs))
            at += 1_300_000_000
        spans.append(self.span(trace_id, agent.span_id, "lookup_order.tool", at, 300, {
            **common, "traceloop.span.kind": "tool", "gen_ai.operation.name": "execute_tool",
            "gen_ai.tool.name": "lookup_order",
            "traceloop.entity.input": json.dumps({"order_id": f"A-{self.rng.randint(1, 10**6)}",
                                                  "query": self.text(500)}),
            "traceloop.entity.output": json.dumps({"status": "delivered",
                                                   "notes": self.text(1100)}),
        }))
        return spans


def _resource_spans(request: ExportTraceServiceRequest) -> None:
    resource = request.resource_spans.add()
    resource.resource.attributes.extend([
        _kv("service.name", "support-bot"), _kv("service.version", "1.14.2"),
        _kv("deployment.environment", "bench"), _kv("telemetry.sdk.language", "python"),
        _kv("telemetry.sdk.name", "opentelemetry"), _kv("telemetry.sdk.version", "1.30.0"),
    ])


def build(batches: int, spans_per_batch: int = 512, seed: int = 7) -> Load:
    """``batches`` gzip'd requests of ``spans_per_batch`` spans (a multiple of 8)."""
    if spans_per_batch % SPANS_PER_TRACE:
        raise ValueError(f"spans per batch must be a multiple of {SPANS_PER_TRACE}")
    builder = _Builder(seed, start_ns=1_750_000_000 * 10**9)
    users = [f"user-{i:04d}" for i in range(200)]
    bodies: list[bytes] = []
    raw_bytes = attribute_bytes = 0
    for _ in range(batches):
        request = ExportTraceServiceRequest()
        _resource_spans(request)
        scope_spans = request.resource_spans[0].scope_spans
        workflow = scope_spans.add()
        workflow.scope.name, workflow.scope.version = "traceloop.sdk", "0.40.7"
        llm = scope_spans.add()
        llm.scope.name = "opentelemetry.instrumentation.openai.v1"
        llm.scope.version = "0.40.7"
        for _ in range(spans_per_batch // SPANS_PER_TRACE):
            user = builder.rng.choice(users)
            session = f"sess-{user}-{builder.rng.randint(1, 5)}"
            for span in builder.trace(user, session):
                target = llm if span.name.endswith(".chat") else workflow
                target.spans.append(span)
        raw = request.SerializeToString()
        if not bodies:
            raw_bytes = len(raw)
            spans = [s for scope in scope_spans for s in scope.spans]
            attribute_bytes = sum(len(kv.key) + kv.value.ByteSize()
                                  for s in spans for kv in s.attributes) // len(spans)
        bodies.append(gzip.compress(raw, compresslevel=6))
    return Load(bodies, spans_per_batch, raw_bytes, attribute_bytes)


def probe(seed: int = 99) -> bytes:
    """One small gzip'd export (one trace), to warm a server up before the clock starts."""
    builder = _Builder(seed, start_ns=1_740_000_000 * 10**9)
    request = ExportTraceServiceRequest()
    _resource_spans(request)
    scope = request.resource_spans[0].scope_spans.add()
    scope.scope.name = "traceloop.sdk"
    scope.spans.extend(builder.trace("user-warmup", "sess-warmup"))
    return gzip.compress(request.SerializeToString())
