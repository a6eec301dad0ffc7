"""A scripted OpenAI-compatible chat endpoint for the llm engine's tests.

Unlike ``tests/fakes/openai_server.py`` (which echoes the prompt), each test says what the
next completions answer: a message content, an HTTP status, or a delay past the client's
timeout. Requests are recorded with their headers.
"""

from __future__ import annotations

import json
import threading
import time
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any


@dataclass
class Scripted:
    content: str = "{}"
    status: int = 200
    delay: float = 0.0


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server: _Server

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        pass

    def do_POST(self) -> None:  # noqa: N802
        body = json.loads(self.rfile.read(int(self.headers.get("Content-Length") or 0)) or b"{}")
        self.server.requests.append({"path": self.path, "headers": dict(self.headers),
                                     "body": body})
        script = self.server.script.pop(0) if self.server.script else Scripted()
        time.sleep(script.delay)
        payload: dict[str, Any] = (
            {"id": "chatcmpl-1", "object": "chat.completion", "model": body.get("model"),
             "choices": [{"index": 0, "finish_reason": "stop",
                          "message": {"role": "assistant", "content": script.content}}]}
            if script.status == 200 else {"error": {"message": "scripted failure"}})
        data = json.dumps(payload).encode()
        try:
            self.send_response(script.status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the client gave up (a timeout test)


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    requests: list[dict[str, Any]]
    script: list[Scripted]


class FakeChat:
    """``with FakeChat() as chat: chat.answer(...)``; the endpoint is ``chat.base_url``."""

    def __init__(self) -> None:
        self._server = _Server(("127.0.0.1", 0), _Handler)
        self._server.requests, self._server.script = [], []
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self._server.server_address[1]}/v1"

    @property
    def requests(self) -> list[dict[str, Any]]:
        return self._server.requests

    def answer(self, content: str | dict[str, Any] = "{}", *, status: int = 200,
               delay: float = 0.0) -> None:
        """Queue the answer to the next request (a dict is sent as JSON text)."""
        text = content if isinstance(content, str) else json.dumps(content)
        self._server.script.append(Scripted(text, status, delay))

    def __enter__(self) -> FakeChat:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._server.shutdown()
        self._server.server_close()
