"""The span of one decorated call, from start to end, including streamed replies.

Every method here is telemetry: it catches its own failures (logged once per kind, counted
nowhere else) so the decorated function runs exactly once and its result or exception reaches
the caller unchanged. Runs in the caller's thread; no I/O (the span goes to the batch queue).
"""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass
from typing import Any

from opentelemetry import context as otel_context
from opentelemetry import trace
from opentelemetry.trace import Status, StatusCode

from lumiscope.sdk import llm, state

logger = logging.getLogger("lumiscope")
_reported: set[str] = set()
MAX_STREAM_TEXT = llm.MAX_TEXT


def report(where: str, exc: BaseException) -> None:
    """Log a telemetry failure once per place: it must never flood the host's logs."""
    if where not in _reported:
        _reported.add(where)
        logger.warning("lumiscope: %s failed, telemetry for it is skipped: %r", where, exc)


@dataclass(frozen=True)
class CallSpec:
    """What a decorator knows before any call: fixed per decorated function."""

    name: str
    attributes: dict[str, Any]
    llm: bool = False


class Call:
    """One call's span. ``enter``/``exit`` make it current; ``succeed``/``fail``/``cancel``
    (or the stream methods) end it exactly once."""

    __slots__ = ("spec", "span", "ctx", "recording", "start_ns", "first_ns", "texts",
                 "text_len", "stream_attrs", "child_llm", "done", "runtime", "capture", "args",
                 "kwargs", "span_id")

    def __init__(self, spec: CallSpec, span: Any, runtime: Any, args: tuple[Any, ...],
                 kwargs: dict[str, Any]) -> None:
        self.spec = spec
        self.span = span
        self.ctx = trace.set_span_in_context(span)
        self.recording = span.is_recording()
        self.start_ns = time.monotonic_ns()
        self.first_ns: int | None = None
        self.texts: list[str] = []  # filled only by streams
        self.text_len = 0
        self.stream_attrs: dict[str, Any] = {}
        self.child_llm = False
        self.done = False
        self.runtime = runtime
        self.capture = (spec.llm and self.recording and runtime is not None
                        and runtime.capture_content)
        # Kept only to read the prompt at the end, and only when content is captured.
        self.args = args if self.capture else ()
        self.kwargs = kwargs if self.capture else {}
        self.span_id = span.get_span_context().span_id
        if spec.llm and self.recording and runtime is not None:
            # Lets NestedLLMProcessor tell us when an instrumented LLM span ends under us.
            runtime.llm_calls[self.span_id] = self

    # -- context -------------------------------------------------------------------------
    def enter(self) -> object:
        return otel_context.attach(self.ctx)

    def exit(self, token: object) -> None:
        try:
            otel_context.detach(token)  # type: ignore[arg-type]
        except Exception as exc:
            report("detaching the span context", exc)

    # -- ending --------------------------------------------------------------------------
    def succeed(self, result: Any) -> None:
        if self.done:
            return
        try:
            if self.recording and self.spec.llm:
                self._llm_attributes(result, streamed=False)
        except Exception as exc:
            report("reading the LLM reply", exc)
        self._end()

    def fail(self, exc: BaseException) -> None:
        if self.done:
            return
        try:
            if self.recording:
                # asyncio's, anyio's or concurrent.futures' (asyncio is not imported for it).
                if type(exc).__name__ == "CancelledError":
                    self.span.set_attribute("lumiscope.status", "cancelled")
                else:
                    self.span.record_exception(exc)
                    self.span.set_status(Status(StatusCode.ERROR, f"{type(exc).__name__}: {exc}"))
                    self.span.set_attribute("error.type", type(exc).__qualname__)
                    status = getattr(exc, "status_code", None)
                    if isinstance(status, int) and not isinstance(status, bool):
                        self.span.set_attribute("http.response.status_code", status)
                if self.spec.llm:
                    self._llm_attributes(None, streamed=self.first_ns is not None)
        except Exception as inner:
            report("recording an exception", inner)
        self._end()

    def cancel(self) -> None:
        """The consumer stopped reading a stream before its end."""
        if self.done:
            return
        try:
            if self.recording:
                self.span.set_attribute("lumiscope.status", "cancelled")
                if self.spec.llm:
                    self._llm_attributes(None, streamed=True)
        except Exception as exc:
            report("ending a cancelled stream", exc)
        self._end()

    # -- streams -------------------------------------------------------------------------
    def item(self, chunk: Any) -> None:
        """One yielded item of a streamed LLM reply: time to first token, text, usage."""
        if not (self.recording and self.spec.llm):
            return
        try:
            if self.first_ns is None:
                self.first_ns = time.monotonic_ns()
                self.span.set_attribute("lumiscope.stream", True)
                self.span.set_attribute("lumiscope.ttft_ms",
                                        (self.first_ns - self.start_ns) / 1e6)
            text = llm.chunk_text(chunk)
            if text and self.capture and self.text_len < MAX_STREAM_TEXT:
                self.texts.append(text)
                self.text_len += len(text)
            if not isinstance(chunk, (str, bytes)):
                self.stream_attrs.update(llm.usage_attributes(chunk))
                model = llm.response_model(chunk)
                if model:
                    self.stream_attrs["gen_ai.response.model"] = model
                reason = llm.finish_reason(chunk)
                if reason:
                    self.stream_attrs["finish_reason"] = reason
        except Exception as exc:
            report("reading a stream chunk", exc)

    def stream_end(self) -> None:
        if self.done:
            return
        try:
            if self.recording and self.spec.llm:
                self._llm_attributes(None, streamed=True)
        except Exception as exc:
            report("reading the streamed reply", exc)
        self._end()

    # -- internals -----------------------------------------------------------------------
    def _llm_attributes(self, result: Any, streamed: bool) -> None:
        if self.child_llm:
            # An instrumented LLM span under this one carries the call's usage and messages;
            # repeating them here would count the call twice. This span becomes a wrapper.
            self._set({"lumiscope.span_kind": "general"})
            return
        prompt_json = None
        if self.capture:
            # Encoded now: the caller may change its messages list once we return.
            prompt = llm.input_messages(self.args, self.kwargs)
            if prompt:
                prompt_json = llm.messages_json(prompt)
        if streamed:
            reply = Reply(None, self.stream_attrs, "".join(self.texts), prompt_json,
                          self.capture)
        else:
            reply = Reply(result, None, None, prompt_json, self.capture)
        self._set(reply)

    def _set(self, attrs: dict[str, Any] | Reply) -> None:
        """Attributes known at the end of the call. With our pipeline they ride to the
        export thread, which reads the reply and adds them to the span (doing it here would
        be most of what a decorated call costs); otherwise they are set on the span now."""
        deferred = self.runtime.deferred if self.runtime is not None else None
        if deferred is not None:
            deferred.put(self.span_id, attrs)
        else:
            self.span.set_attributes(attrs if isinstance(attrs, dict) else attrs())

    def _end(self) -> None:
        self.done = True
        try:
            if self.runtime is not None and self.spec.llm and self.recording:
                self.runtime.llm_calls.pop(self.span_id, None)
            self.span.end()
        except Exception as exc:
            report("ending a span", exc)


class Reply:
    """What an LLM call returned, read into span attributes when called (on the export
    thread). Reply objects are read, never changed; the prompt was encoded at the call."""

    __slots__ = ("result", "stream_attrs", "text", "prompt_json", "capture")

    def __init__(self, result: Any, stream_attrs: dict[str, Any] | None, text: str | None,
                 prompt_json: str | None, capture: bool) -> None:
        self.result = result
        self.stream_attrs = stream_attrs
        self.text = text
        self.prompt_json = prompt_json
        self.capture = capture

    def __call__(self) -> dict[str, Any]:
        if self.stream_attrs is not None:
            attrs = dict(self.stream_attrs)
            reason = attrs.pop("finish_reason", None)
            text = self.text
        else:
            result = self.result
            attrs = llm.usage_attributes(result) if result is not None else {}
            model = llm.response_model(result)
            if model:
                attrs["gen_ai.response.model"] = model
            reason = llm.finish_reason(result)
            text = llm.reply_text(result) if self.capture else None
        if self.prompt_json:
            attrs["gen_ai.input.messages"] = self.prompt_json
        if text:
            attrs["gen_ai.output.messages"] = llm.messages_json(
                [{"role": "assistant", "content": text}], reason)
        return attrs


def start(spec: CallSpec, args: tuple[Any, ...], kwargs: dict[str, Any]) -> Call | None:
    """A started span for a call, or ``None`` if telemetry failed (the call then runs bare)."""
    try:
        runtime = state.current()
        tracer = runtime.tracer if runtime is not None else state.tracer()
        span = tracer.start_span(spec.name, attributes=spec.attributes)
        return Call(spec, span, runtime, args, kwargs)
    except Exception as exc:
        report("starting a span", exc)
        return None
