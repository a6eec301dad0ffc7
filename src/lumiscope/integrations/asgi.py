"""ASGI middleware: one root span per HTTP request (see
:mod:`lumiscope.integrations.request`); websocket and lifespan traffic passes through.

The span is current while the application runs, in the request's own task, and ends when
the application returns. Never raises anything of its own: if telemetry fails the request is
served untraced, and the application's exceptions pass through unchanged.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any

from lumiscope.integrations.request import PROPAGATION_HEADERS, Capture, RequestTrace
from lumiscope.sdk.calls import report

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]

_WANTED = frozenset(name.encode() for name in PROPAGATION_HEADERS)


def _route(scope: Scope) -> str | None:
    # Starlette's router (so FastAPI's) records the matched route in the scope.
    route = getattr(scope.get("route"), "path", None)
    return route if isinstance(route, str) else None


def _content_type(headers: Any) -> str | None:
    for key, value in headers or ():
        if key.lower() == b"content-type":
            return value.decode("latin-1")
    return None


class ASGIMiddleware:
    """``app = ASGIMiddleware(app)`` or ``app.add_middleware(ASGIMiddleware)``. Holds no
    per-request state. Bodies are captured only when asked (off by default)."""

    def __init__(self, app: Callable[..., Any], *, capture_request_body: bool = False,
                 capture_response_body: bool = False, body_limit: int = 16 * 1024,
                 enabled: bool = True) -> None:
        self.app = app
        self.enabled = enabled
        self.capture = Capture(capture_request_body, capture_response_body, body_limit)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope.get("type") != "http" or not self.enabled:
            await self.app(scope, receive, send)
            return
        headers = scope.get("headers") or ()
        carrier = {k.decode("latin-1"): v.decode("latin-1") for k, v in headers if k in _WANTED}
        request = RequestTrace.start(
            scope.get("method", "GET"), scope.get("root_path", "") + scope.get("path", ""),
            (scope.get("query_string") or b"").decode("latin-1"), scope.get("scheme", "http"),
            carrier, self.capture,
        )
        if request is None:
            await self.app(scope, receive, send)
            return
        capture_request = self.capture.request_body and request.recording
        capture_response = self.capture.response_body and request.recording
        if capture_request:
            request.request_type = _content_type(headers)

        async def traced_receive() -> Message:
            message = await receive()
            try:
                if message.get("type") == "http.request":
                    request.request_chunk(message.get("body") or b"")
            except Exception as exc:
                report("capturing a request body", exc)
            return message

        async def traced_send(message: Message) -> None:
            try:
                kind = message.get("type")
                if kind == "http.response.start":
                    request.response_started(int(message["status"]),
                                             _content_type(message.get("headers")))
                elif kind == "http.response.body":
                    if capture_response:
                        request.response_chunk(message.get("body") or b"")
                    if not message.get("more_body"):
                        request.complete(_route(scope))
            except Exception as exc:
                report("reading the response", exc)
            await send(message)

        request.activate()
        try:
            await self.app(scope, traced_receive if capture_request else receive, traced_send)
        except BaseException as exc:
            request.fail(exc)
            raise
        finally:
            request.deactivate()
            request.finish(_route(scope))
