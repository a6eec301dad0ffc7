"""WSGI middleware: one root span per request (see :mod:`lumiscope.integrations.request`).

The span is current while the application runs and ends when the server closes the response
(so streaming bodies count in the duration). Never raises anything of its own: if telemetry
fails the request is served untraced, and the application's exceptions pass through unchanged.
"""

from __future__ import annotations

import io
from collections.abc import Callable, Iterable, Iterator
from typing import Any

from lumiscope.integrations.request import PROPAGATION_HEADERS, Capture, RequestTrace
from lumiscope.sdk.calls import report

_ENVIRON_KEYS = tuple((name, "HTTP_" + name.upper()) for name in PROPAGATION_HEADERS)


def _route(environ: dict[str, Any]) -> str | None:
    # Werkzeug (Flask) leaves its request, with the matched URL rule, in the environ.
    rule = getattr(environ.get("werkzeug.request"), "url_rule", None)
    route = getattr(rule, "rule", None)
    return route if isinstance(route, str) else None


class WSGIMiddleware:
    """``app.wsgi_app = WSGIMiddleware(app.wsgi_app)``. Thread-safe: no per-request state on
    the instance. Bodies are captured only when asked (off by default)."""

    def __init__(self, app: Callable[..., Any], *, capture_request_body: bool = False,
                 capture_response_body: bool = False, body_limit: int = 16 * 1024,
                 enabled: bool = True) -> None:
        self.app = app
        self.enabled = enabled
        self.capture = Capture(capture_request_body, capture_response_body, body_limit)

    def __call__(self, environ: dict[str, Any], start_response: Callable[..., Any]) -> Any:
        if not self.enabled:
            return self.app(environ, start_response)
        carrier = {name: environ[key] for name, key in _ENVIRON_KEYS if key in environ}
        request = RequestTrace.start(
            environ.get("REQUEST_METHOD", "GET"),
            environ.get("SCRIPT_NAME", "") + environ.get("PATH_INFO", ""),
            environ.get("QUERY_STRING", ""), environ.get("wsgi.url_scheme", "http"), carrier,
            self.capture,
        )
        if request is None:
            return self.app(environ, start_response)
        if self.capture.request_body and request.recording:
            _capture_request_body(environ, request)

        def traced_start_response(status: str, headers: list[tuple[str, str]],
                                  *exc_info: Any) -> Any:
            try:
                content_type = next((v for k, v in headers if k.lower() == "content-type"), None)
                request.response_started(int(status.split(" ", 1)[0]), content_type)
                # Flask clears its request from the environ when the request context ends.
                request.route = _route(environ)
            except Exception as exc:
                report("reading the response status", exc)
            return start_response(status, headers, *exc_info)

        request.activate()
        try:
            body = self.app(environ, traced_start_response)
        except BaseException as exc:
            request.fail(exc)
            request.deactivate()
            request.finish()
            raise
        request.deactivate()
        return _ResponseBody(body, request)


def _capture_request_body(environ: dict[str, Any], request: RequestTrace) -> None:
    try:
        length = int(environ.get("CONTENT_LENGTH") or 0)
        if 0 < length <= request.capture.body_limit:
            data = environ["wsgi.input"].read(length)
            # The application reads the same bytes from a replay of what we read.
            environ["wsgi.input"] = io.BytesIO(data)
            request.request_type = environ.get("CONTENT_TYPE")
            request.request_chunk(data)
    except Exception as exc:
        report("capturing a request body", exc)


class _ResponseBody:
    """The application's response iterable; ends the request span when it is exhausted or
    closed, whichever comes first (servers close; some test clients only read)."""

    def __init__(self, body: Iterable[bytes], request: RequestTrace) -> None:
        self.body = body
        self.request = request

    def __iter__(self) -> Iterator[bytes]:
        capture = self.request.capture.response_body and self.request.recording
        for chunk in self.body:
            if capture:
                self.request.response_chunk(chunk)
            yield chunk
        self.request.finish()

    def close(self) -> None:
        try:
            close = getattr(self.body, "close", None)
            if close is not None:
                close()
        finally:
            self.request.finish()
