"""The root span of one HTTP request, shared by the WSGI and ASGI middlewares.

One SERVER span per request with method, route, path, status code and duration. An incoming
W3C ``traceparent`` (through the configured propagators, W3C by default) makes the span a
child of the caller's, and its sampling decision is kept; otherwise the sampler decides here,
once, for the whole trace. When the framework already opened a SERVER span for the request
(FastAPI's built-in telemetry, an OpenTelemetry instrumentation), that span is annotated
instead of nesting a second root under it. Bodies are captured only when asked, cut at
``body_limit`` and redacted before they are put on the span. Every method catches its own
failures: telemetry never breaks a request. No I/O: the ended span waits in the batch queue.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from opentelemetry import context as otel_context
from opentelemetry import propagate, trace
from opentelemetry.trace import SpanKind, Status, StatusCode

from lumiscope.sdk import state
from lumiscope.sdk.calls import report
from lumiscope.sdk.context import enter_request, leave_request
from lumiscope.sdk.redaction import Redactor

PROPAGATION_HEADERS = ("traceparent", "tracestate", "baggage")
_DEFAULT_REDACTOR = Redactor()


@dataclass(frozen=True)
class Capture:
    """What a middleware records beyond the request line and status."""

    request_body: bool = False
    response_body: bool = False
    body_limit: int = 16 * 1024


class RequestTrace:
    """Created by :meth:`start`; ended by exactly one :meth:`finish`."""

    __slots__ = ("span", "ctx", "method", "path", "capture", "redactor", "status",
                 "request_type", "response_type", "request_body", "response_body", "tokens",
                 "route", "annotated", "ended")

    def __init__(self, span: Any, ctx: Any, method: str, path: str, capture: Capture,
                 redactor: Redactor) -> None:
        self.span = span
        self.ctx = ctx  # None: the span is the framework's, already current and ended by it
        self.method = method
        self.path = path
        self.capture = capture
        self.redactor = redactor
        self.status: int | None = None
        self.request_type: str | None = None
        self.response_type: str | None = None
        self.request_body = bytearray()
        self.response_body = bytearray()
        self.tokens: tuple[object | None, object] | None = None
        self.route: str | None = None  # the matched route template, once known
        self.annotated = False
        self.ended = False

    @classmethod
    def start(cls, method: str, path: str, query: str, scheme: str, carrier: dict[str, str],
              capture: Capture) -> RequestTrace | None:
        """The request's span, or ``None`` when telemetry failed (serve it untraced)."""
        try:
            runtime = state.current()
            parent = propagate.extract(carrier) if carrier else None
            attributes = {"http.request.method": method, "url.path": path, "url.scheme": scheme}
            redactor = runtime.redactor if runtime is not None else _DEFAULT_REDACTOR
            if query:
                attributes["url.query"] = redactor.query(query)
            outer = trace.get_current_span()
            if outer.is_recording() and getattr(outer, "kind", None) is SpanKind.SERVER:
                outer.set_attributes(attributes)
                return cls(outer, None, method, path, capture, redactor)
            span = state.tracer().start_span(f"{method} {path}", context=parent,
                                             kind=SpanKind.SERVER, attributes=attributes)
            return cls(span, trace.set_span_in_context(span, parent), method, path, capture,
                       redactor)
        except Exception as exc:
            report("starting a request span", exc)
            return None

    @property
    def recording(self) -> bool:
        return bool(self.span.is_recording())

    # -- making the span current while the application runs -----------------------------
    def activate(self) -> None:
        # A fresh identity/attribute scope too: servers reuse threads between requests.
        span_token = otel_context.attach(self.ctx) if self.ctx is not None else None
        self.tokens = (span_token, enter_request())

    def deactivate(self) -> None:
        if self.tokens is None:
            return
        span_token, scope_token = self.tokens
        self.tokens = None
        try:
            leave_request(scope_token)
            if span_token is not None:
                otel_context.detach(span_token)  # type: ignore[arg-type]
        except Exception as exc:
            report("leaving a request context", exc)

    # -- what happens during the request ---------------------------------------------------
    def request_chunk(self, data: bytes) -> None:
        room = self.capture.body_limit - len(self.request_body)
        if room > 0 and data:
            self.request_body += data[:room]

    def response_started(self, status: int, content_type: str | None) -> None:
        self.status = status
        self.response_type = content_type

    def response_chunk(self, data: bytes) -> None:
        room = self.capture.body_limit - len(self.response_body)
        if room > 0 and data:
            self.response_body += data[:room]

    def fail(self, exc: BaseException) -> None:
        try:
            if self.recording:
                self.span.record_exception(exc)
                self.span.set_attribute("error.type", type(exc).__qualname__)
                self.span.set_status(Status(StatusCode.ERROR, f"{type(exc).__name__}: {exc}"))
                if self.status is None:
                    self.status = 500
        except Exception as inner:
            report("recording a request exception", inner)

    def complete(self, route: str | None = None) -> None:
        """The response is about to be sent in full: record route, status and bodies now,
        while a framework's span (which may end as the response goes out) still records."""
        if self.annotated:
            return
        self.annotated = True
        try:
            if self.recording:
                self._annotate(route or self.route)
        except Exception as exc:
            report("annotating a request span", exc)

    def finish(self, route: str | None = None) -> None:
        if self.ended:
            return
        self.ended = True
        self.complete(route)
        try:
            if self.ctx is not None:
                self.span.end()
        except Exception as exc:
            report("ending a request span", exc)

    def _annotate(self, route: str | None) -> None:
        span = self.span
        if route:
            span.set_attribute("http.route", route)
            span.update_name(f"{self.method} {route}")
        if self.status is not None:
            span.set_attribute("http.response.status_code", self.status)
            if self.status >= 500:
                span.set_status(Status(StatusCode.ERROR))
        limit = self.capture.body_limit
        if self.capture.request_body and self.request_body:
            span.set_attribute("lumiscope.http.request.body", self.redactor.body(
                bytes(self.request_body), self.request_type, limit))
        if self.capture.response_body and self.response_body:
            span.set_attribute("lumiscope.http.response.body", self.redactor.body(
                bytes(self.response_body), self.response_type, limit))
