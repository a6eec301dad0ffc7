"""Several ``lumiscope serve`` processes on one PostgreSQL database act as one server."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor

import httpx
from opentelemetry.proto.collector.trace.v1.trace_service_pb2 import ExportTraceServiceRequest
from opentelemetry.proto.common.v1.common_pb2 import KeyValue
from opentelemetry.proto.trace.v1.trace_pb2 import Span

from tests.conftest import free_port

TRACES, SPANS_PER_TRACE = 40, 6


def serve(database_url: str, data_dir: str) -> tuple[subprocess.Popen, str]:
    port = free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "lumiscope.cli", "serve", "--port", str(port),
         "--database-url", database_url, "--data-dir", data_dir],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        env={k: v for k, v in os.environ.items() if not k.startswith("LUMISCOPE_")})
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 30
    while True:
        try:
            if httpx.get(base + "/readyz").status_code == 200:
                return process, base
        except httpx.HTTPError:
            pass
        assert process.poll() is None and time.monotonic() < deadline, "server did not start"
        time.sleep(0.1)


def batch(trace: int, span: int) -> bytes:
    """One span of a trace: span 0 is the root, the others its children."""
    trace_id = trace.to_bytes(16, "big")
    message = Span(trace_id=trace_id, span_id=(trace * 100 + span + 1).to_bytes(8, "big"),
                   name=f"span-{span}", start_time_unix_nano=1_700_000_000_000_000_000 + span,
                   end_time_unix_nano=1_700_000_001_000_000_000 + span)
    if span:
        message.parent_span_id = (trace * 100 + 1).to_bytes(8, "big")
        message.attributes.append(KeyValue(key="gen_ai.usage.input_tokens",
                                           value={"int_value": 10}))
    request = ExportTraceServiceRequest()
    request.resource_spans.add().scope_spans.add().spans.append(message)
    return request.SerializeToString()


def test_two_processes_ingesting_one_traces_spans_keep_each_trace_row_right(postgres_url,
                                                                            tmp_path):
    from click.testing import CliRunner

    from lumiscope.cli import main  # the CLI creates the key in the shared database

    key = CliRunner().invoke(main, ["keys", "create", "--database-url", postgres_url]).output
    key = key.strip()
    servers = [serve(postgres_url, str(tmp_path)) for _ in range(2)]
    try:
        jobs = [(t, s) for t in range(1, TRACES + 1) for s in range(SPANS_PER_TRACE)]

        def send(job: tuple[int, int]) -> int:
            _, base = servers[(job[0] + job[1]) % 2]  # each trace's spans split over both
            return httpx.post(f"{base}/v1/traces", content=batch(*job),
                              headers={"x-api-key": key,
                                       "content-type": "application/x-protobuf"}).status_code

        with ThreadPoolExecutor(8) as pool:
            assert set(pool.map(send, jobs + jobs[::3])) == {200}  # some sent twice
        _, base = servers[0]
        traces = httpx.get(f"{base}/v1/get-traces", params={"limit": 100},
                           headers={"x-api-key": key}).json()["traces"]
    finally:
        for process, _ in servers:
            process.terminate()
            process.wait(15)
    assert len(traces) == TRACES
    assert {(t["name"], t["span_count"], t["input_tokens"]) for t in traces} == \
        {("span-0", SPANS_PER_TRACE, 10 * (SPANS_PER_TRACE - 1))}
