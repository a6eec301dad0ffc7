"""An acknowledged span survives ``kill -9``: the server answers only after the commit.

Runs the real ``lumiscope serve`` command in a subprocess, streams OTLP batches at it from
a thread, kills it mid-stream and restarts it on the same data directory.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import httpx
import pytest
from opentelemetry.proto.collector.trace.v1.trace_service_pb2 import ExportTraceServiceRequest
from opentelemetry.proto.trace.v1.trace_pb2 import Span

from tests.conftest import free_port

SPANS_PER_BATCH = 200


def _lumiscope() -> str:
    beside = Path(sys.executable).with_name("lumiscope")
    found = str(beside) if beside.exists() else shutil.which("lumiscope")
    assert found, "the lumiscope command is not installed"
    return found


class Serve:
    """``lumiscope serve`` on a port and data dir; ``key`` is read from the first start."""

    def __init__(self, data_dir: Path) -> None:
        self.port = free_port()
        self.base_url = f"http://127.0.0.1:{self.port}"
        self.process = subprocess.Popen(
            [_lumiscope(), "serve", "--port", str(self.port), "--data-dir", str(data_dir)],
            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
            env={**os.environ, "PYTHONUNBUFFERED": "1"},
        )
        self.output: list[str] = []
        self.key: str | None = None
        threading.Thread(target=self._read_output, daemon=True).start()
        self._wait_ready()

    def _read_output(self) -> None:
        assert self.process.stdout is not None
        for line in self.process.stdout:
            self.output.append(line)
            if "API key" in line and self.key is None:
                self.key = line.split()[-1]

    def _wait_ready(self) -> None:
        deadline = time.monotonic() + 15
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                pytest.fail("lumiscope serve exited:\n" + "".join(self.output))
            try:
                if httpx.get(f"{self.base_url}/healthz", timeout=1).status_code == 200:
                    return
            except httpx.TransportError:
                time.sleep(0.05)
        pytest.fail("lumiscope serve did not become ready:\n" + "".join(self.output))

    def kill(self) -> None:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGKILL)
        self.process.wait(5)


@pytest.fixture
def serve(tmp_path: Path) -> Iterator[Callable[[], Serve]]:
    """Start ``lumiscope serve`` on this test's data dir; every process is killed at the end."""
    started: list[Serve] = []

    def start() -> Serve:
        started.append(Serve(tmp_path / "store"))
        return started[-1]

    yield start
    for process in started:
        process.kill()


def _batch(n: int) -> bytes:
    trace_id = n.to_bytes(16, "big")
    request = ExportTraceServiceRequest()
    spans = request.resource_spans.add().scope_spans.add().spans
    start = 1_700_000_000_000_000_000 + n * 1_000_000_000
    for i in range(1, SPANS_PER_BATCH + 1):
        spans.append(Span(trace_id=trace_id, span_id=i.to_bytes(8, "big"),
                          parent_span_id=b"" if i == 1 else (1).to_bytes(8, "big"),
                          name=f"batch-{n}-{i}", start_time_unix_nano=start + i,
                          end_time_unix_nano=start + i + 1000))
    return request.SerializeToString()


class Streamer(threading.Thread):
    """Posts batch after batch until the server goes away; remembers which got 200."""

    def __init__(self, base_url: str, key: str) -> None:
        super().__init__(daemon=True)
        self.base_url, self.key = base_url, key
        self.acknowledged: list[int] = []
        self.sent = 0

    def run(self) -> None:
        headers = {"x-api-key": self.key, "Content-Type": "application/x-protobuf"}
        with httpx.Client(base_url=self.base_url, headers=headers, timeout=5) as client:
            for n in range(1, 10_000):
                body = _batch(n)
                self.sent = n
                try:
                    response = client.post("/v1/traces", content=body)
                except httpx.TransportError:
                    return
                if response.status_code == 200:
                    self.acknowledged.append(n)


def test_every_acknowledged_span_survives_kill_9(serve):
    first = serve()
    assert first.key and first.key.startswith("lqt_"), "".join(first.output)
    streamer = Streamer(first.base_url, first.key)
    streamer.start()
    deadline = time.monotonic() + 8
    while len(streamer.acknowledged) < 5 and time.monotonic() < deadline:
        time.sleep(0.01)
    first.kill()  # mid-stream: the streamer is still sending
    streamer.join(10)
    assert not streamer.is_alive()
    acknowledged = set(streamer.acknowledged)
    assert len(acknowledged) >= 5

    second = serve()
    assert second.key is None, "a restart must not create a new first key"
    with httpx.Client(base_url=second.base_url, headers={"x-api-key": first.key}) as api:
        traces = api.get("/v1/get-traces", params={"limit": 500}).json()["traces"]
        counts = {int(t["trace_id"], 16): t["span_count"] for t in traces}
        assert acknowledged <= set(counts), "an acknowledged batch was lost"
        # A batch is one transaction: whatever was committed is whole.
        assert set(counts.values()) == {SPANS_PER_BATCH}
        assert set(counts) <= set(range(1, streamer.sent + 1))
        total = api.get("/v1/events", params={"limit": 1}).json()["total"]
        assert total == len(counts) * SPANS_PER_BATCH
