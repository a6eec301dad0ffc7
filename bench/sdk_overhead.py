"""What the SDK costs the application, measured in one run:

1. a decorated call (``@observe_llm`` on a function returning a prepared response) against
   the same call inside a bare OpenTelemetry span (5 attributes) with a BatchSpanProcessor,
   both exporting to a discarding exporter, in alternating rounds: the time on the calling
   thread (target <= 1.2x), and the time with the export work (a flush every 1,000 calls);
2. the latency the WSGI and ASGI middlewares add to a request (target < 100 us);
3. 2,000 decorated spans/s sustained for ``--seconds`` through the default queue and the
   real OTLP/HTTP exporter to a loopback sink in another process: no span may be dropped.

    python bench/sdk_overhead.py [--calls 20000] [--seconds 10]

Not a test: numbers depend on the machine. Exits 1 when a target is missed.
"""

from __future__ import annotations

import argparse
import asyncio
import subprocess
import sys
import textwrap
import time
import urllib.request
from collections.abc import Callable

from opentelemetry.sdk.trace import TracerProvider
from opentelemetry.sdk.trace.export import BatchSpanProcessor, SpanExporter, SpanExportResult

import lumiscope
from lumiscope.integrations import ASGIMiddleware, WSGIMiddleware
from lumiscope.sdk import runtime
from lumiscope.sdk.config import load_config

KEY = "lqt_" + "0" * 64
RESPONSE = {
    "id": "chatcmpl-1", "model": "gpt-4o-2024-08-06",
    "choices": [{"message": {"role": "assistant", "content": "Lisbon."},
                 "finish_reason": "stop"}],
    "usage": {"prompt_tokens": 12, "completion_tokens": 3},
}
CHUNK = 1000  # calls between flushes: the queue (2048) never overflows


class Discard(SpanExporter):
    def export(self, spans):  # type: ignore[no-untyped-def]
        return SpanExportResult.SUCCESS


def _per_call_us(run: Callable[[], None], flush: Callable[[], object], calls: int,
                 with_export: bool) -> float:
    """Time per call over ``calls`` calls, flushing every CHUNK calls; the flush (the export
    work) is inside the timed part only ``with_export``."""
    spent = 0.0
    for _ in range(calls // CHUNK):
        started = time.perf_counter()
        for _ in range(CHUNK):
            run()
        if with_export:
            flush()
        spent += time.perf_counter() - started
        if not with_export:
            flush()
    return spent / calls * 1e6


def _compare(bare: tuple[Callable[[], None], Callable[[], object]],
             ours: tuple[Callable[[], None], Callable[[], object]], calls: int,
             with_export: bool) -> tuple[float, float]:
    """Best of 7 rounds (as ``timeit`` reports), run alternately so that noise from other
    work on the machine hits both sides alike."""
    rounds: tuple[list[float], list[float]] = ([], [])
    for _ in range(7):
        for side, (run, flush) in enumerate((bare, ours)):
            rounds[side].append(_per_call_us(run, flush, calls, with_export))
    return min(rounds[0]), min(rounds[1])


def bench_decorator(calls: int) -> dict[str, tuple[float, float]]:
    """(bare, decorated) microseconds per call: inline, and with the export work."""
    provider = TracerProvider()
    provider.add_span_processor(BatchSpanProcessor(Discard()))
    tracer = provider.get_tracer("bench")
    attributes = {"gen_ai.operation.name": "chat", "gen_ai.provider.name": "openai",
                  "gen_ai.request.model": "gpt-4o", "lumiscope.span_kind": "llm",
                  "user.id": "u"}

    def answer() -> dict:
        return RESPONSE

    def bare() -> None:
        with tracer.start_as_current_span("answer", attributes=attributes):
            answer()

    runtime.init(load_config({}, api_key=KEY, instrument=False), exporter=Discard())
    decorated = lumiscope.observe_llm(model="gpt-4o", provider="openai")(answer)
    for _ in range(3000):  # warm up both paths
        bare()
        decorated()
    provider.force_flush()
    lumiscope.flush()
    sides = ((bare, provider.force_flush), (decorated, lumiscope.flush))
    result = {"inline": _compare(*sides, calls, with_export=False),
              "with export": _compare(*sides, calls, with_export=True)}
    provider.shutdown()
    return result


def _wsgi_app(environ, start_response):  # type: ignore[no-untyped-def]
    start_response("200 OK", [("Content-Type", "text/plain")])
    return [b"ok"]


def _wsgi_request(app: Callable[..., object]) -> None:
    environ = {"REQUEST_METHOD": "GET", "PATH_INFO": "/items/1", "QUERY_STRING": "",
               "wsgi.url_scheme": "http", "SERVER_NAME": "bench", "SERVER_PORT": "80"}
    body = app(environ, lambda status, headers, *exc: None)
    for _ in body:  # type: ignore[attr-defined]
        pass
    close = getattr(body, "close", None)
    if close is not None:
        close()


def bench_wsgi(requests: int) -> float:
    traced = WSGIMiddleware(_wsgi_app)
    bare_us, traced_us = _compare((lambda: _wsgi_request(_wsgi_app), lambda: None),
                                  (lambda: _wsgi_request(traced), lumiscope.flush),
                                  requests, with_export=False)
    return traced_us - bare_us


async def _asgi_app(scope, receive, send):  # type: ignore[no-untyped-def]
    await send({"type": "http.response.start", "status": 200,
                "headers": [(b"content-type", b"text/plain")]})
    await send({"type": "http.response.body", "body": b"ok"})


def bench_asgi(requests: int) -> float:
    scope = {"type": "http", "method": "GET", "path": "/items/1", "root_path": "",
             "query_string": b"", "scheme": "http", "headers": []}

    async def receive() -> dict:
        return {"type": "http.request", "body": b"", "more_body": False}

    async def send(message: dict) -> None:
        pass

    # One loop for the whole run; each request is one run_until_complete, on both sides.
    loop = asyncio.new_event_loop()
    traced = ASGIMiddleware(_asgi_app)

    def run(app: Callable[..., object]) -> Callable[[], None]:
        return lambda: loop.run_until_complete(app(dict(scope), receive, send))  # type: ignore

    try:
        bare_us, traced_us = _compare((run(_asgi_app), lambda: None),
                                      (run(traced), lumiscope.flush), requests,
                                      with_export=False)
    finally:
        loop.close()
    return traced_us - bare_us


SINK = textwrap.dedent("""
    import sys
    from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

    class Sink(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"
        def log_message(self, *args):
            pass
        def do_POST(self):
            self.rfile.read(int(self.headers.get("Content-Length") or 0))
            self.send_response(200)
            self.send_header("Content-Length", "0")
            self.end_headers()

    server = ThreadingHTTPServer(("127.0.0.1", 0), Sink)
    print(server.server_address[1], flush=True)
    server.serve_forever()
""")


def bench_sustained(rate: int, seconds: float) -> tuple[int, int, int, float]:
    """(spans made, exported, dropped, worst lag in ms behind the schedule)."""
    sink = subprocess.Popen([sys.executable, "-c", SINK], stdout=subprocess.PIPE, text=True)
    try:
        port = int(sink.stdout.readline())  # type: ignore[union-attr]
        urllib.request.urlopen(f"http://127.0.0.1:{port}/", data=b"", timeout=5).close()
        runtime.reset()
        runtime.init(load_config({}, api_key=KEY, instrument=False,
                                 endpoint=f"http://127.0.0.1:{port}"))

        @lumiscope.observe_llm(model="gpt-4o", provider="openai")
        def answer() -> dict:
            return RESPONSE

        total = int(rate * seconds)
        started = time.perf_counter()
        worst = 0.0
        for i in range(total):
            due = started + i / rate
            now = time.perf_counter()
            if due > now:
                time.sleep(due - now)
            else:
                worst = max(worst, now - due)
            with lumiscope.context(user_id=f"user-{i % 50}", session_id=f"s-{i % 200}"):
                answer()
        lumiscope.flush()
        stats = lumiscope.stats()
        return total, stats.exported, stats.dropped, worst * 1000
    finally:
        runtime.reset()
        sink.terminate()
        sink.wait(10)


def main() -> int:
    parser = argparse.ArgumentParser(description="SDK overhead benchmark")
    parser.add_argument("--calls", type=int, default=20_000)
    parser.add_argument("--seconds", type=float, default=10.0)
    parser.add_argument("--rate", type=int, default=2000)
    args = parser.parse_args()
    calls = max(CHUNK, args.calls // CHUNK * CHUNK)

    decorator = bench_decorator(calls)
    wsgi_us = bench_wsgi(calls)
    asgi_us = bench_asgi(calls)
    runtime.reset()
    made, exported, dropped, lag_ms = bench_sustained(args.rate, args.seconds)

    (bare_us, ours_us), (bare_all, ours_all) = decorator["inline"], decorator["with export"]
    ratio = ours_us / bare_us
    checks = [
        ("bare OTel span (5 attributes) + BatchSpanProcessor", f"{bare_us:7.1f} us", None),
        ("@observe_llm: span, usage, model, reply text", f"{ours_us:7.1f} us", ratio <= 1.2),
        ("  ratio, on the calling thread (target <= 1.2x)", f"{ratio:7.2f} x", None),
        ("  with the export work (flush) counted: bare / ours",
         f"{bare_all:5.1f} / {ours_all:5.1f} us", None),
        ("WSGI middleware, added per request (< 100 us)", f"{wsgi_us:7.1f} us", wsgi_us < 100),
        ("ASGI middleware, added per request (< 100 us)", f"{asgi_us:7.1f} us", asgi_us < 100),
        (f"{args.rate} spans/s for {args.seconds:g} s: made / exported / dropped",
         f"{made} / {exported} / {dropped}", dropped == 0 and exported == made),
        ("  worst lag behind the schedule", f"{lag_ms:7.1f} ms", None),
    ]
    failed = False
    for label, value, ok in checks:
        verdict = "" if ok is None else ("  ok" if ok else "  MISSED")
        failed |= ok is False
        print(f"{label:<56} {value:>22}{verdict}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
