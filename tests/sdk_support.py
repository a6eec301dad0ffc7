"""Fixtures and helpers shared by the SDK-side tests (sdk, integrations and the three faces).

Each of those test folders imports the fixtures in its ``conftest.py``. ``clean_sdk`` (autouse
there) gives every test a process with no SDK running and no global tracer provider, as
OpenTelemetry's own tests do. ``ScriptedServer`` is a loopback HTTP server that answers from
a script (statuses, delays, dropped connections) and records what it received.
"""

from __future__ import annotations

import gzip
import os
import re
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import httpx
import pytest
from opentelemetry import trace
from opentelemetry.proto.collector.trace.v1.trace_service_pb2 import ExportTraceServiceRequest
from opentelemetry.sdk.trace import ReadableSpan
from opentelemetry.sdk.trace.export.in_memory_span_exporter import InMemorySpanExporter
from opentelemetry.util._once import Once

import lumiscope
from lumiscope.sdk import runtime
from lumiscope.sdk.config import load_config
from tests.conftest import free_port

TEST_KEY = "lqt_" + "ab" * 32


def reset_otel_globals() -> None:
    """Forget the global tracer provider (OpenTelemetry sets it once per process)."""
    trace._TRACER_PROVIDER_SET_ONCE = Once()  # type: ignore[attr-defined]
    trace._TRACER_PROVIDER = None  # type: ignore[attr-defined]


@pytest.fixture(autouse=True)
def clean_sdk() -> Iterator[None]:
    runtime.reset()
    reset_otel_globals()
    yield
    runtime.reset()
    reset_otel_globals()


@pytest.fixture
def exporter() -> InMemorySpanExporter:
    """The SDK running with an in-memory exporter behind the real pipeline (no instrumentors)."""
    memory = InMemorySpanExporter()
    runtime.init(load_config({}, api_key=TEST_KEY, instrument=False), exporter=memory)
    return memory


def finished(memory: InMemorySpanExporter) -> list[ReadableSpan]:
    """Every span exported so far, after flushing the batch queue."""
    lumiscope.flush()
    return list(memory.get_finished_spans())


def by_name(spans: list[ReadableSpan]) -> dict[str, ReadableSpan]:
    return {span.name: span for span in spans}


@dataclass
class Reply:
    status: int = 200
    body: bytes = b""
    headers: dict[str, str] = field(default_factory=dict)
    delay: float = 0.0
    drop: bool = False  # close the connection without answering


@dataclass
class Received:
    method: str
    path: str
    headers: dict[str, str]
    body: bytes

    def spans(self) -> list:
        """The OTLP spans of a trace export."""
        raw = gzip.decompress(self.body) if self.headers.get("content-encoding") == "gzip" \
            else self.body
        request = ExportTraceServiceRequest()
        request.ParseFromString(raw)
        return [span for rs in request.resource_spans for ss in rs.scope_spans
                for span in ss.spans]


class ScriptedServer:
    """``with ScriptedServer(Reply(503), Reply(200)) as s:`` - request n gets reply n (the
    last one repeats); ``s.received`` lists what came in."""

    def __init__(self, *replies: Reply) -> None:
        self.replies = list(replies) or [Reply()]
        self.received: list[Received] = []
        outer = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, format: str, *args: object) -> None:  # noqa: A002
                pass

            def _handle(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(length) if length else b""
                index = len(outer.received)
                outer.received.append(Received(self.command, self.path,
                                               {k.lower(): v for k, v in self.headers.items()},
                                               body))
                reply = outer.replies[min(index, len(outer.replies) - 1)]
                time.sleep(reply.delay)
                if reply.drop:
                    self.close_connection = True
                    self.connection.close()
                    return
                self.send_response(reply.status)
                for key, value in reply.headers.items():
                    self.send_header(key, value)
                self.send_header("Content-Length", str(len(reply.body)))
                self.end_headers()
                self.wfile.write(reply.body)

            do_GET = do_POST = _handle  # noqa: N815

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._server.daemon_threads = True
        self._thread = threading.Thread(target=self._server.serve_forever, args=(0.02,),
                                        daemon=True)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self._server.server_address[1]}"

    def __enter__(self) -> ScriptedServer:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._server.shutdown()
        self._server.server_close()


def wait_for(predicate, timeout: float = 10.0) -> bool:  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.02)
    return predicate()


@dataclass
class ServerProcess:
    """A ``lumiscope serve`` subprocess and a key of its default project."""

    base_url: str
    key: str
    data_dir: Path

    def client(self, key: str | None = None) -> httpx.Client:
        return httpx.Client(base_url=self.base_url, headers={"x-api-key": key or self.key},
                            timeout=30)

    def new_key(self, project: str) -> str:
        """A key of another project, made with ``lumiscope keys create`` on the same store."""
        done = subprocess.run(
            [sys.executable, "-m", "lumiscope.cli", "keys", "create", "--project", project,
             "--data-dir", str(self.data_dir)], capture_output=True, text=True, check=True)
        return done.stdout.strip()

    def trace(self, trace_id: str, spans: int = 1) -> list[dict]:
        """The span tree of a trace once ``spans`` of its spans are stored."""
        with self.client() as api:
            def ready() -> bool:
                found = api.get("/v1/events", params={"traceId": trace_id}).json()["events"]
                return len(found) >= spans
            assert wait_for(ready), f"trace {trace_id} did not arrive"
            return api.get(f"/v1/traces/{trace_id}").json()


_KEY_LINE = re.compile(r"API key \(project default\): (lqt_\S+)")
_served: list[ServerProcess] = []  # one server for the whole session, whichever folder asks


@pytest.fixture(scope="session")
def server_process(tmp_path_factory: pytest.TempPathFactory,
                   request: pytest.FixtureRequest) -> ServerProcess:
    """A real server in its own process: an SDK tracing into the global provider of the test
    process must not also trace the server (FastAPI traces itself with the global provider).
    Each test folder's conftest imports this fixture; they all share the first process."""
    if _served:
        return _served[0]
    data = tmp_path_factory.mktemp("served-store")
    env = {k: v for k, v in os.environ.items() if not k.startswith(("OTEL_", "LUMISCOPE_"))}
    port = free_port()
    out = (data / "stdout.txt").open("w")
    process = subprocess.Popen(
        [sys.executable, "-m", "lumiscope.cli", "serve", "--port", str(port), "--data-dir",
         str(data)], env=env, stdout=out, stderr=subprocess.STDOUT)

    def stop() -> None:
        process.terminate()
        process.wait(15)
        out.close()

    request.addfinalizer(stop)
    base_url = f"http://127.0.0.1:{port}"

    def healthy() -> bool:
        try:
            return httpx.get(base_url + "/healthz", timeout=1).status_code == 200
        except httpx.HTTPError:
            return process.poll() is not None  # it died: stop waiting, report below

    # Generous: the first start creates the store, and the machine may be busy.
    assert wait_for(healthy, timeout=90) and process.poll() is None, \
        (data / "stdout.txt").read_text()
    key = _KEY_LINE.search((data / "stdout.txt").read_text())
    assert key, "lumiscope serve printed no key on its first start"
    _served.append(ServerProcess(base_url, key.group(1), data))
    return _served[0]
