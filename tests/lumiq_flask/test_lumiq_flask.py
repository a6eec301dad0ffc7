"""lumiq_flask: LumiqConfig as documented, and the seed page's app against a real server."""

from __future__ import annotations

import openai
import pytest
from flask import Flask, jsonify, request

import lumiq_flask
from lumiq_flask import (
    LumiqConfig,
    LumiqFlaskMiddleware,
    get_current_trace_id,
    observe_llm,
    observe_span,
    set_attribute,
)
from lumiscope.sdk import state
from tests.sdk_support import TEST_KEY, Reply, ScriptedServer


def test_the_public_names_are_the_documented_ones():
    assert sorted(lumiq_flask.__all__) == sorted([
        "LumiqFlaskMiddleware", "LumiqConfig", "observe_llm", "observe_span", "set_attribute",
        "get_current_trace_id"])


def test_lumiq_config_has_the_documented_defaults():
    config = LumiqConfig(api_key=TEST_KEY)
    assert config.base_url == "https://api.lumiqtrace.com"
    assert (config.enabled, config.sample_rate, config.debug) == (True, 1.0, False)
    assert (config.capture_request_body, config.capture_response_body) == (False, False)
    assert config.redact_fields == ["password", "token", "api_key"]


@pytest.mark.parametrize(("options", "error"), [
    ({"api_key": "sk-not-lumiq"}, ValueError),
    ({"api_key": TEST_KEY, "sample_rate": 1.5}, ValueError),
    ({"api_key": TEST_KEY, "sample_rate": -0.1}, ValueError),
    ({"api_key": TEST_KEY, "sample_rate": "all"}, TypeError),
    ({"api_key": TEST_KEY, "base_url": "api.example.com"}, ValueError),
    ({"api_key": TEST_KEY, "enabled": "yes"}, TypeError),
    ({"api_key": TEST_KEY, "redact_fields": "password"}, TypeError),
    ({"api_key": 42}, TypeError),
    ({}, TypeError),
])
def test_lumiq_config_refuses_invalid_options(options, error):
    with pytest.raises(error):
        LumiqConfig(**options)


def _seed_app(config: LumiqConfig, openai_client_factory) -> Flask:
    """The page's complete example (base_url and key aside)."""
    app = Flask(__name__)
    app.wsgi_app = LumiqFlaskMiddleware(app.wsgi_app, config=config)
    openai_client = openai_client_factory()

    @observe_span("vector-search", span_type="retriever")
    def search_docs(query: str) -> list:
        return ["Relevant document 1", "Relevant document 2"]

    @observe_llm(model="gpt-4o", provider="openai")
    def answer_question(question: str, context: str) -> str:
        response = openai_client.chat.completions.create(
            model="gpt-4o",
            messages=[
                {"role": "system", "content": f"Answer using this context:\n{context}"},
                {"role": "user", "content": question},
            ],
        )
        return response.choices[0].message.content

    @app.post("/ask")
    def ask_endpoint():
        body = request.get_json()
        set_attribute("user.id", body.get("user_id", "anonymous"))
        docs = search_docs(body["question"])
        answer = answer_question(body["question"], "\n".join(docs))
        return jsonify({"answer": answer, "trace_id": get_current_trace_id()})

    return app


def test_the_complete_example_gives_one_trace_per_request_with_its_three_spans(
        server_process, fake_openai):
    config = LumiqConfig(api_key=server_process.key, base_url=server_process.base_url,
                         sample_rate=1.0)
    app = _seed_app(config, lambda: openai.OpenAI(api_key="sk-fake",
                                                  base_url=fake_openai.base_url))
    client = app.test_client()
    trace_ids = []
    for user in ("ana", "bo"):
        reply = client.post("/ask", json={"question": "Where is it?", "user_id": user})
        trace_ids.append(reply.get_json()["trace_id"])
    assert len(set(trace_ids)) == 2
    state.current().flush()
    (root,) = server_process.trace(trace_ids[0], spans=4)
    assert root["name"] == "POST /ask" and root["user_id"] == "ana"
    (search, wrapper) = sorted(root["children"], key=lambda s: s["timestamp"])
    assert search["name"] == "vector-search" and search["span_kind"] == "retriever"
    (llm,) = wrapper["children"]
    assert llm["span_kind"] == "llm" and llm["model"] == "gpt-4o"
    assert llm["input_tokens"] > 0 and llm["output_tokens"] > 0
    assert llm["user_id"] == "ana"


def test_a_disabled_config_passes_requests_through_and_starts_nothing():
    app = Flask(__name__)
    app.wsgi_app = LumiqFlaskMiddleware(app.wsgi_app, config=LumiqConfig(api_key=TEST_KEY,
                                                                        enabled=False))
    app.get("/")(lambda: "hi")
    assert app.test_client().get("/").data == b"hi"
    assert state.current() is None


def test_debug_prints_flush_errors_to_stdout(capsys):
    with ScriptedServer(Reply(401, b'{"error": "invalid API key"}')) as s:
        app = Flask(__name__)
        app.wsgi_app = LumiqFlaskMiddleware(
            app.wsgi_app, config=LumiqConfig(api_key=TEST_KEY, base_url=s.url, debug=True))
        app.get("/")(lambda: "hi")
        app.test_client().get("/").get_data()
        state.current().flush()
    assert "export of 1 span(s) failed" in capsys.readouterr().out


def test_redact_fields_and_the_default_list_apply_before_export():
    with ScriptedServer(Reply(200)) as s:
        config = LumiqConfig(api_key=TEST_KEY, base_url=s.url, redact_fields=["email"])
        app = Flask(__name__)
        app.wsgi_app = LumiqFlaskMiddleware(app.wsgi_app, config=config)

        @app.get("/")
        def index():
            set_attribute("email", "ana@example.com")
            set_attribute("secret", "s3")
            set_attribute("feature", "chat")
            return "hi"

        app.test_client().get("/").get_data()
        state.current().flush()
    (span,) = s.received[0].spans()
    attrs = {a.key: a.value.string_value for a in span.attributes}
    assert attrs["email"] == attrs["secret"] == "[REDACTED]"
    assert attrs["feature"] == "chat"
    assert s.received[0].headers["x-api-key"] == TEST_KEY


def test_a_second_app_shares_the_running_sdk(caplog):
    with ScriptedServer(Reply(200)) as s:
        first = LumiqFlaskMiddleware(Flask("a").wsgi_app,
                                     config=LumiqConfig(api_key=TEST_KEY, base_url=s.url))
        running = state.current()
        LumiqFlaskMiddleware(Flask("b").wsgi_app,
                             config=LumiqConfig(api_key=TEST_KEY, base_url=s.url + "/other"))
    assert first.enabled and state.current() is running
    assert "is not used" in caplog.text
