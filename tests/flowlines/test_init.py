"""flowlines.init and its modes, the guide's contract (DESIGN.md decisions)."""

from __future__ import annotations

import logging

import openai
import pytest
from opentelemetry import trace
from opentelemetry.sdk.trace import TracerProvider

import flowlines
from lumiscope.sdk import state
from tests.sdk_support import Reply, ScriptedServer

LOCAL = "http://127.0.0.1:9"


def _init(url: str = LOCAL, **options) -> None:
    flowlines.init(api_key="lqt_k", ingest_endpoint=url, api_endpoint=url, **options)


def test_the_fourteen_public_names_of_0_2_4():
    assert sorted(flowlines.__all__) == sorted([
        "init", "shutdown", "create_span_processor", "get_instrumentors", "context",
        "set_context", "clear_context", "get_memory", "aget_memory", "end_session",
        "aend_session", "FlowlinesExporter", "FlowlinesMemoryError", "FlowlinesSessionError"])
    error = flowlines.FlowlinesMemoryError("m", status_code=503)
    assert error.status_code == 503 and str(error) == "m"
    assert flowlines.FlowlinesSessionError("s").status_code is None


def test_importing_flowlines_prints_errors_to_stderr_with_its_prefix(stderr_lines):
    logging.getLogger("flowlines").error("boom")
    logging.getLogger("flowlines").warning("quiet")
    assert stderr_lines.getvalue() == "[flowlines] boom\n"


@pytest.mark.parametrize(("options", "message"), [
    ({"api_key": ""}, "must not be empty"),
    ({"api_key": "   "}, "must not be empty"),
    ({"api_key": "k", "has_external_otel": True, "has_traceloop": True}, "mutually exclusive"),
    ({"api_key": "k", "ingest_endpoint": "http://example.com"}, "HTTPS is required"),
    ({"api_key": "k", "api_endpoint": "http://127.0.0.2:80"}, "HTTPS is required"),
])
def test_invalid_init_raises_value_error_and_a_retry_is_allowed(options, message):
    with pytest.raises(ValueError, match=message):
        flowlines.init(**options)
    assert state.current() is None
    _init()
    assert state.current() is not None


def test_everything_after_api_key_is_keyword_only():
    with pytest.raises(TypeError):
        flowlines.init("k", True)  # type: ignore[misc]


def test_a_second_init_raises_runtime_error_even_after_shutdown():
    _init()
    with pytest.raises(RuntimeError, match="exactly once"):
        _init()
    flowlines.shutdown()
    flowlines.shutdown()  # idempotent
    with pytest.raises(RuntimeError):
        _init()


def test_before_init_shutdown_is_a_no_op_and_create_span_processor_raises():
    flowlines.shutdown()
    with pytest.raises(RuntimeError):
        flowlines.create_span_processor()


def test_mode_a_owns_a_global_provider_instruments_and_sends_only_llm_spans(fake_openai):
    with ScriptedServer(Reply(200)) as s:
        _init(s.url)
        provider = state.current().provider
        assert trace.get_tracer_provider() is provider
        client = openai.OpenAI(api_key="sk-fake", base_url=fake_openai.base_url)
        with flowlines.context(user_id="user-42", session_id="sess-abc"), \
                trace.get_tracer("app").start_as_current_span("handler"):
            client.chat.completions.create(
                model="gpt-4", messages=[{"role": "user", "content": "Hello!"}])
        state.current().flush()
    (request,) = s.received
    assert request.headers["x-flowlines-api-key"] == "lqt_k"
    (span,) = request.spans()  # the app's "handler" span is not LLM-related
    attrs = {a.key: a.value for a in span.attributes}
    assert span.name == "openai.chat"
    assert attrs["flowlines.user_id"].string_value == "user-42"
    assert attrs["flowlines.session_id"].string_value == "sess-abc"
    with pytest.raises(RuntimeError):
        flowlines.create_span_processor()


def test_mode_b1_creates_nothing_and_hands_out_one_processor():
    _init(has_external_otel=True)
    assert state.current().provider is None
    provider = TracerProvider()
    provider.add_span_processor(flowlines.create_span_processor())
    with pytest.raises(RuntimeError):
        flowlines.create_span_processor()
    for instrumentor in flowlines.get_instrumentors():
        assert hasattr(instrumentor, "instrument")


def test_mode_b2_needs_an_sdk_provider_set_globally_first():
    with pytest.raises(RuntimeError, match="Traceloop"):
        _init(has_traceloop=True)
    assert state.current() is None
    provider = TracerProvider()
    trace.set_tracer_provider(provider)
    _init(has_traceloop=True)
    assert state.current().provider is provider


def test_verbose_prints_debug_lines_once_each(stderr_lines):
    _init(verbose=True)
    logging.getLogger("flowlines").error("only once")
    text = stderr_lines.getvalue()
    assert "[flowlines] Initializing" in text
    assert text.count("only once") == 1
