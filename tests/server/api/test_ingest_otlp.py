"""OTLP/HTTP ingest from the real OpenTelemetry SDK exporter, read back through the API."""

from __future__ import annotations

from opentelemetry.sdk.trace.export import SpanExportResult

from tests.otel_helpers import hex_trace_id, otlp_provider


def _llm_trace(tracer) -> str:  # type: ignore[no-untyped-def]
    with tracer.start_as_current_span("POST /chat") as root:
        root.set_attribute("user.id", "user-1")
        root.set_attribute("session.id", "sess-1")
        with tracer.start_as_current_span("retrieve"):
            pass
        with tracer.start_as_current_span("chat gpt-4o") as llm:
            llm.set_attribute("gen_ai.provider.name", "openai")
            llm.set_attribute("gen_ai.operation.name", "chat")
            llm.set_attribute("gen_ai.request.model", "gpt-4o")
            llm.set_attribute("gen_ai.usage.input_tokens", 1000)
            llm.set_attribute("gen_ai.usage.output_tokens", 100)
            llm.set_attribute("gen_ai.input.messages",
                              '[{"role": "user", "parts": [{"type": "text", "content": "Hi"}]}]')
        return hex_trace_id(root)


def test_spans_from_the_otel_sdk_come_back_as_one_span_tree(server, api, key):
    provider, exporter = otlp_provider(server.base_url, key)
    trace_id = _llm_trace(provider.get_tracer("t"))
    provider.shutdown()
    assert exporter.results and set(exporter.results) == {SpanExportResult.SUCCESS}

    response = api.get(f"/v1/traces/{trace_id}")
    assert response.status_code == 200
    [root] = response.json()
    assert root["name"] == "POST /chat"
    assert root["parent_span_id"] is None
    assert [c["name"] for c in root["children"]] == ["retrieve", "chat gpt-4o"]
    llm = root["children"][1]
    assert llm["span_kind"] == "llm"
    assert llm["model"] == "gpt-4o" and llm["provider"] == "openai"
    assert (llm["input_tokens"], llm["output_tokens"]) == (1000, 100)
    assert llm["cost_usd"] > 0
    assert llm["input_messages"] == [{"role": "user", "content": "Hi"}]
    assert root["service_name"] == "test-service"


def test_the_trace_row_sums_its_spans_and_carries_user_and_session(server, api, key):
    provider, _ = otlp_provider(server.base_url, key)
    trace_id = _llm_trace(provider.get_tracer("t"))
    provider.shutdown()

    [trace] = api.get("/v1/get-traces").json()["traces"]
    assert trace["trace_id"] == trace_id
    assert trace["name"] == "POST /chat"
    assert trace["span_count"] == 3
    assert (trace["user_id"], trace["session_id"]) == ("user-1", "sess-1")
    assert (trace["input_tokens"], trace["output_tokens"]) == (1000, 100)


def test_uncompressed_protobuf_is_accepted_too(server, api, key):
    provider, exporter = otlp_provider(server.base_url, key, gzip=False)
    trace_id = _llm_trace(provider.get_tracer("t"))
    provider.shutdown()
    assert api.get(f"/v1/traces/{trace_id}").status_code == 200


def test_a_key_of_another_project_cannot_read_the_trace(server, api, key):
    provider, _ = otlp_provider(server.base_url, key)
    trace_id = _llm_trace(provider.get_tracer("t"))
    provider.shutdown()

    with server.client(server.new_key()) as other:
        assert other.get(f"/v1/traces/{trace_id}").status_code == 404
        assert other.get("/v1/get-traces").json()["traces"] == []
        assert other.get("/v1/events").json()["total"] == 0
