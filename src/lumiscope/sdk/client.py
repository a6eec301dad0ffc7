"""A small HTTP client for the memory and session routes (``/v1/get-memory``,
``/v1/mark-session-as-ended``), on the standard library only.

The sync methods block the calling thread for at most ``timeout`` seconds; the async ones run
the same request in a worker thread. None of them raises for a server, network, timeout or
body problem: the problem is logged at the Flowlines levels (404 DEBUG; other 4xx WARNING;
429, 5xx, network and body errors ERROR) and the call returns its "nothing" value.
"""

from __future__ import annotations

import asyncio
import json
import logging
import urllib.error
import urllib.request
from typing import Any
from urllib.parse import urlencode


class _NoMemory:
    """Returned when there is no memory to give (404, or a logged error)."""

    def __repr__(self) -> str:
        return "NO_MEMORY"

    def __bool__(self) -> bool:
        return False


NO_MEMORY: Any = _NoMemory()


class ApiError(Exception):
    """A failed request; ``status_code`` is ``None`` for network and body problems."""

    def __init__(self, message: str, *, status_code: int | None = None) -> None:
        super().__init__(message)
        self.status_code = status_code


class ApiClient:
    """Thread-safe (no shared mutable state; one connection per request)."""

    def __init__(self, base_url: str, api_key: str | None, *, key_header: str = "x-api-key",
                 timeout: float = 10.0, log: logging.Logger | None = None,
                 user_agent: str = "lumiscope-sdk-py") -> None:
        self.base_url = base_url.rstrip("/")
        self.timeout = timeout
        self.log = log or logging.getLogger("lumiscope")
        self.headers = {"User-Agent": user_agent}
        if api_key:
            self.headers[key_header] = api_key

    # -- memory --------------------------------------------------------------------------
    def get_memory(self, user_id: Any, *, session_id: Any = None, agent_id: Any = None,
                   view: Any = None) -> Any:
        """The ``memory`` member of the answer (any JSON value), or :data:`NO_MEMORY`."""
        params = [(k, v) for k, v in (("user_id", user_id), ("session_id", session_id),
                                      ("agent_id", agent_id), ("view", view)) if v is not None]
        try:
            status, body = self._request("GET", "/v1/get-memory?" + urlencode(params), None)
            if status == 404:
                self.log.debug("No memory for user %s (HTTP 404)", user_id)
                return NO_MEMORY
            try:
                parsed = json.loads(body)
            except ValueError:
                raise ApiError("malformed JSON in the answer") from None
            if not isinstance(parsed, dict) or "memory" not in parsed:
                raise ApiError("the answer has no 'memory' member")
            return parsed["memory"]
        except ApiError as exc:
            self._log_failure("Memory request failed", exc)
        except Exception as exc:  # anything else urllib or the socket may raise
            self._log_failure("Memory request failed", ApiError(str(exc) or type(exc).__name__))
        return NO_MEMORY

    async def aget_memory(self, user_id: Any, *, session_id: Any = None, agent_id: Any = None,
                          view: Any = None) -> Any:
        return await asyncio.to_thread(self.get_memory, user_id, session_id=session_id,
                                       agent_id=agent_id, view=view)

    # -- sessions ------------------------------------------------------------------------
    def end_session(self, user_id: Any, session_id: Any) -> bool:
        """Mark a session ended; ``True`` when the server accepted it. Never raises."""
        # Exactly the real SDK's body: session_id first, default separators, ASCII escapes.
        data = json.dumps({"session_id": session_id, "user_id": user_id}).encode()
        try:
            status, _ = self._request("POST", "/v1/mark-session-as-ended", data)
            if status == 404:
                self.log.debug("Session end ignored: HTTP 404")
                return False
            return True
        except ApiError as exc:
            self._log_failure("Session end request failed", exc)
        except Exception as exc:
            self._log_failure("Session end request failed",
                              ApiError(str(exc) or type(exc).__name__))
        return False

    # -- internals -----------------------------------------------------------------------
    def _request(self, method: str, path: str, data: bytes | None) -> tuple[int, bytes]:
        headers = dict(self.headers)
        if data is not None:
            headers["Content-Type"] = "application/json"
        request = urllib.request.Request(self.base_url + path, data=data, headers=headers,
                                         method=method)
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as response:
                return response.status, response.read()
        except urllib.error.HTTPError as error:
            if error.code == 404:
                return 404, b""
            raise ApiError(_detail(error), status_code=error.code) from None
        except urllib.error.URLError as error:
            raise ApiError(str(error.reason)) from None

    def _log_failure(self, what: str, exc: ApiError) -> None:
        status = exc.status_code
        if status is None:
            self.log.error("%s: %s", what, exc)
        elif status == 429 or status >= 500:
            self.log.error("%s (HTTP %s): %s", what, status, exc)
        else:
            self.log.warning("%s (HTTP %s): %s", what, status, exc)


def _detail(error: urllib.error.HTTPError) -> str:
    """The ``error`` member of a JSON error body, else the body text."""
    try:
        text = error.read().decode("utf-8", "replace")
    except Exception:  # the connection may drop while the error body is read
        return error.reason if isinstance(error.reason, str) else "no body"
    try:
        body = json.loads(text)
    except ValueError:
        return text
    if isinstance(body, dict) and "error" in body:
        return str(body["error"])
    return text
