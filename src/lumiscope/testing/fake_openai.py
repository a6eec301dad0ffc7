"""A local OpenAI-compatible HTTP server: the one thing the tests, the examples and the demo
fake, so everything runs offline.

It answers ``POST /v1/chat/completions`` (plain and ``stream: true``) and ``/v1/embeddings``
with deterministic replies, so the real ``openai`` client and the real instrumentors run
against it over loopback. A model named ``rate-limited`` answers 429, ``broken`` answers 500.
``python -m lumiscope.testing.fake_openai --port 18440`` serves until interrupted.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


def reply_for(messages: list[dict]) -> str:
    last = next((m for m in reversed(messages) if m.get("role") == "user"), {})
    content = last.get("content") or ""
    if isinstance(content, list):
        content = " ".join(part.get("text", "") for part in content)
    return f"You said: {content[:200]}"


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        pass

    def do_POST(self) -> None:  # noqa: N802
        length = int(self.headers.get("Content-Length") or 0)
        body = json.loads(self.rfile.read(length) or b"{}")
        self.server.requests.append((self.path, body))  # type: ignore[attr-defined]
        model = body.get("model", "gpt-4o-mini")
        if model == "rate-limited":
            return self._json(429, {"error": {"message": "Rate limit reached", "type": "requests",
                                              "code": "rate_limit_exceeded"}},
                              {"retry-after": "0"})
        if model == "broken":
            return self._json(500, {"error": {"message": "boom", "type": "server_error"}})
        if self.path.endswith("/embeddings"):
            return self._json(200, {"object": "list", "model": model,
                                    "data": [{"object": "embedding", "index": 0,
                                              "embedding": [0.1, 0.2, 0.3]}],
                                    "usage": {"prompt_tokens": 4, "total_tokens": 4}})
        text = reply_for(body.get("messages", []))
        messages = body.get("messages", [])
        prompt_tokens = sum(len(str(m.get("content", "")).split()) for m in messages)
        completion_tokens = len(text.split())
        if body.get("stream"):
            return self._stream(model, text, prompt_tokens, completion_tokens, body)
        return self._json(200, {
            "id": "chatcmpl-fake", "object": "chat.completion", "created": int(time.time()),
            "model": model,
            "choices": [{"index": 0, "finish_reason": "stop",
                         "message": {"role": "assistant", "content": text}}],
            "usage": {"prompt_tokens": prompt_tokens, "completion_tokens": completion_tokens,
                      "total_tokens": prompt_tokens + completion_tokens},
        })

    def _json(self, status: int, payload: dict, headers: dict | None = None) -> None:
        data = json.dumps(payload).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        for k, v in (headers or {}).items():
            self.send_header(k, v)
        self.end_headers()
        self.wfile.write(data)

    def _stream(self, model: str, text: str, pt: int, ct: int, body: dict) -> None:
        self.send_response(200)
        self.send_header("Content-Type", "text/event-stream")
        self.send_header("Transfer-Encoding", "chunked")
        self.end_headers()
        words = text.split(" ")
        chunks = []
        for i, word in enumerate(words):
            delta = {"content": (" " if i else "") + word}
            if i == 0:
                delta["role"] = "assistant"
            chunks.append({"choices": [{"index": 0, "delta": delta, "finish_reason": None}]})
        chunks.append({"choices": [{"index": 0, "delta": {}, "finish_reason": "stop"}]})
        if (body.get("stream_options") or {}).get("include_usage"):
            chunks.append({"choices": [], "usage": {"prompt_tokens": pt, "completion_tokens": ct,
                                                    "total_tokens": pt + ct}})
        for chunk in chunks:
            chunk.update({"id": "chatcmpl-fake", "object": "chat.completion.chunk",
                          "created": int(time.time()), "model": model})
            self._chunk(f"data: {json.dumps(chunk)}\n\n".encode())
            time.sleep(0.005)
        self._chunk(b"data: [DONE]\n\n")
        self._chunk(b"")

    def _chunk(self, data: bytes) -> None:
        self.wfile.write(f"{len(data):x}\r\n".encode() + data + b"\r\n")
        self.wfile.flush()


class _QuietServer(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request: object, client_address: object) -> None:
        # A client closing its keep-alive connection is normal, not worth a traceback.
        pass


class FakeOpenAI:
    """``with FakeOpenAI() as fake:`` serves on ``fake.base_url`` (ends in ``/v1``)."""

    def __init__(self, port: int = 0) -> None:
        self._server = _QuietServer(("127.0.0.1", port), _Handler)
        self._server.requests = []  # type: ignore[attr-defined]
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self._server.server_address[1]}/v1"

    @property
    def requests(self) -> list:
        return self._server.requests  # type: ignore[attr-defined]

    def __enter__(self) -> FakeOpenAI:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._server.shutdown()
        self._server.server_close()


def main(argv: list[str] | None = None) -> None:
    """Serve on loopback until Ctrl-C; prints the base URL to give ``OPENAI_BASE_URL``."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, default=18440)
    args = parser.parse_args(argv)
    with FakeOpenAI(args.port) as fake:
        print(f"fake OpenAI-compatible server on {fake.base_url}", flush=True)
        with contextlib.suppress(KeyboardInterrupt):
            threading.Event().wait()


if __name__ == "__main__":  # pragma: no cover
    main()
