"""Starting and stopping the SDK: providers, sampling, resource, exit."""

from __future__ import annotations

import subprocess
import sys
import textwrap
import time

import pytest
from opentelemetry import trace
from opentelemetry.sdk.trace import TracerProvider
from opentelemetry.sdk.trace.export import SimpleSpanProcessor
from opentelemetry.sdk.trace.export.in_memory_span_exporter import InMemorySpanExporter

import lumiscope
from lumiscope.sdk import runtime, state
from lumiscope.sdk.config import load_config
from tests.sdk_support import TEST_KEY, Reply, ScriptedServer, finished


def _config(**options):
    return load_config({}, api_key=TEST_KEY, instrument=False, **options)


def test_init_creates_a_provider_that_becomes_the_global_one():
    rt = runtime.init(_config(), exporter=InMemorySpanExporter())
    assert rt.owns_provider and trace.get_tracer_provider() is rt.provider


def test_init_attaches_to_the_applications_provider_instead_of_replacing_it():
    theirs = TracerProvider()
    their_spans = InMemorySpanExporter()
    theirs.add_span_processor(SimpleSpanProcessor(their_spans))
    trace.set_tracer_provider(theirs)
    ours = InMemorySpanExporter()
    rt = runtime.init(_config(), exporter=ours)
    assert rt.provider is theirs and not rt.owns_provider
    trace.get_tracer("app").start_span("their span").end()
    assert [s.name for s in their_spans.get_finished_spans()] == ["their span"]
    assert [s.name for s in finished(ours)] == ["their span"]


def test_init_attaches_to_a_provider_passed_in():
    given = TracerProvider()
    memory = InMemorySpanExporter()
    lumiscope.init(TEST_KEY, instrument=False, tracer_provider=given)
    assert state.current().provider is given
    runtime.reset()
    rt = runtime.init(_config(), tracer_provider=given, exporter=memory)
    assert rt.provider is given


def test_a_second_init_raises_and_the_public_one_warns_and_keeps_the_first(caplog):
    runtime.init(_config(), exporter=InMemorySpanExporter())
    with pytest.raises(runtime.AlreadyInitialized):
        runtime.init(_config(), exporter=InMemorySpanExporter())
    first = state.current()
    lumiscope.init(TEST_KEY, endpoint="http://127.0.0.1:9")
    assert state.current() is first
    assert "called again" in caplog.text


def test_sampling_is_decided_at_the_root_and_honoured_by_every_child():
    memory = InMemorySpanExporter()
    runtime.init(_config(sample_rate=0.0), exporter=memory)

    @lumiscope.observe_span("child")
    def child() -> None: ...

    @lumiscope.observe_span("root")
    def root() -> None:
        child()

    for _ in range(20):
        root()
    assert finished(memory) == []


def test_half_the_traces_are_kept_whole_at_a_rate_of_one_half():
    memory = InMemorySpanExporter()
    runtime.init(_config(sample_rate=0.5), exporter=memory)

    @lumiscope.observe_span("child")
    def child() -> None: ...

    @lumiscope.observe_span("root")
    def root() -> None:
        child()

    for _ in range(400):
        root()
    spans = finished(memory)
    roots = {s.context.trace_id for s in spans if s.name == "root"}
    children = {s.context.trace_id for s in spans if s.name == "child"}
    assert roots == children  # never a trace with only part of its spans
    assert 120 < len(roots) < 280


def test_the_resource_carries_service_name_environment_and_otel_attributes(monkeypatch):
    monkeypatch.setenv("OTEL_RESOURCE_ATTRIBUTES", "team=ml")
    rt = runtime.init(_config(service_name="chat-api", environment="staging"),
                      exporter=InMemorySpanExporter())
    attributes = rt.provider.resource.attributes
    assert attributes["service.name"] == "chat-api"
    assert attributes["deployment.environment.name"] == "staging"
    assert attributes["team"] == "ml"


def test_lumiscope_variables_alone_configure_init(monkeypatch):
    with ScriptedServer(Reply(200)) as s:
        monkeypatch.setenv("LUMISCOPE_API_KEY", "lqt_from_env")
        monkeypatch.setenv("LUMISCOPE_ENDPOINT", s.url)
        monkeypatch.setenv("LUMISCOPE_INSTRUMENT", "false")
        lumiscope.init()
        state.tracer().start_span("s").end()
        lumiscope.flush()
    assert s.received[0].headers["x-api-key"] == "lqt_from_env"


def test_a_disabled_sdk_starts_nothing(monkeypatch):
    monkeypatch.setenv("LUMISCOPE_ENABLED", "false")
    lumiscope.init(TEST_KEY)
    assert state.current() is None


def test_before_init_flush_shutdown_and_stats_do_nothing():
    assert lumiscope.flush() is False
    lumiscope.shutdown()
    assert lumiscope.stats() == runtime.Stats()


def test_shutdown_returns_within_its_deadline_when_the_server_hangs():
    with ScriptedServer(Reply(200, delay=3)) as s:
        runtime.init(load_config({}, api_key=TEST_KEY, endpoint=s.url, instrument=False))
        state.tracer().start_span("s").end()
        started = time.monotonic()
        lumiscope.shutdown(timeout=0.5)
        assert time.monotonic() - started < 1.5
        lumiscope.shutdown()  # idempotent


def test_spans_still_queued_at_exit_are_flushed(server, key, api):
    script = textwrap.dedent(f"""
        import lumiscope
        lumiscope.init({key!r}, endpoint={server.base_url!r}, instrument=False)

        @lumiscope.observe_span("queued-at-exit")
        def work():
            return lumiscope.get_current_trace_id()

        print(work())
    """)
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                          timeout=60)
    assert done.returncode == 0, done.stderr
    trace_id = done.stdout.strip()
    (root,) = api.get(f"/v1/traces/{trace_id}").json()
    assert root["name"] == "queued-at-exit"
