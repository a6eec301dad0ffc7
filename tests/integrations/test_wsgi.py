"""The WSGI middleware with a real Flask app and its test client."""

from __future__ import annotations

import json
import socket
import threading

import pytest
from flask import Flask, Response, jsonify, request
from opentelemetry.sdk.trace.export.in_memory_span_exporter import InMemorySpanExporter
from opentelemetry.trace import SpanKind, StatusCode

import lumiscope
from lumiscope.integrations import WSGIMiddleware
from lumiscope.sdk import runtime
from lumiscope.sdk.config import load_config
from lumiscope.sdk.redaction import REDACTED
from tests.sdk_support import TEST_KEY, Reply, ScriptedServer, by_name, finished

TRACEPARENT = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-{}"


@lumiscope.observe_span("vector-search", span_type="retriever")
def search_docs(query: str) -> list[str]:
    return ["doc"]


def make_app(**options) -> Flask:
    app = Flask(__name__)

    @app.post("/ask/<topic>")
    def ask(topic: str):
        body = request.get_json()
        lumiscope.set_attribute("user.id", body.get("user_id", "anonymous"))
        search_docs(body["question"])
        return jsonify({"answer": "ok", "trace_id": lumiscope.get_current_trace_id(),
                        "token": "t-123"})

    @app.get("/boom")
    def boom():
        raise RuntimeError("handler failed")

    @app.get("/busy")
    def busy():
        return "later", 503

    @app.get("/stream")
    def stream():
        return Response((f"{i}\n" for i in range(3)), mimetype="text/plain")

    @app.get("/plain")
    def plain():
        return "plain"

    app.wsgi_app = WSGIMiddleware(app.wsgi_app, **options)
    return app


def _ask(client, **extra):
    response = client.post("/ask/geo", json={"question": "Where?", "user_id": "u-1",
                                             "password": "hunter2"}, **extra)
    response.get_data()  # as a server would: the span ends when the body is sent
    return response


def _get(client, url: str):
    response = client.get(url)
    response.get_data()
    return response


def test_each_request_gets_one_root_span_with_method_route_status_and_duration(exporter):
    client = make_app().test_client()
    assert _ask(client, query_string={"page": "2"}).status_code == 200
    spans = by_name(finished(exporter))
    root = spans["POST /ask/<topic>"]
    assert root.kind is SpanKind.SERVER and root.parent is None
    assert root.attributes["http.request.method"] == "POST"
    assert root.attributes["http.route"] == "/ask/<topic>"
    assert root.attributes["url.path"] == "/ask/geo"
    assert root.attributes["url.query"] == "page=2"
    assert root.attributes["http.response.status_code"] == 200
    assert root.end_time > root.start_time
    assert spans["vector-search"].parent.span_id == root.context.span_id


def test_the_trace_id_a_handler_sees_is_the_request_spans(exporter):
    answer = _ask(make_app().test_client()).get_json()
    root = by_name(finished(exporter))["POST /ask/<topic>"]
    assert answer["trace_id"] == format(root.context.trace_id, "032x")


def test_set_attribute_reaches_later_spans_of_the_same_request_only(exporter):
    client = make_app().test_client()
    _ask(client)
    _get(client, "/plain")
    spans = by_name(finished(exporter))
    assert spans["POST /ask/<topic>"].attributes["user.id"] == "u-1"
    assert spans["vector-search"].attributes["user.id"] == "u-1"
    assert "user.id" not in spans["GET /plain"].attributes  # a new request starts clean


def test_a_callers_traceparent_continues_its_trace():
    memory = InMemorySpanExporter()
    runtime.init(load_config({}, api_key=TEST_KEY, instrument=False, sample_rate=0.0),
                 exporter=memory)
    client = make_app().test_client()
    _ask(client, headers={"traceparent": TRACEPARENT.format("01")})
    _ask(client)  # no caller: the root sampler (rate 0) drops it
    spans = finished(memory)
    assert {format(s.context.trace_id, "032x") for s in spans} == {
        "0af7651916cd43dd8448eb211c80319c"}
    root = by_name(spans)["POST /ask/<topic>"]
    assert format(root.parent.span_id, "016x") == "b7ad6b7169203331"
    assert len(spans) == 2  # the caller sampled it, so every child is kept too


def test_a_callers_decision_not_to_sample_is_honoured(exporter):
    _ask(make_app().test_client(), headers={"traceparent": TRACEPARENT.format("00")})
    assert finished(exporter) == []


def test_an_exception_marks_the_request_failed_and_still_propagates(exporter):
    def app(environ, start_response):  # a bare WSGI app: nothing catches for it
        raise RuntimeError("handler failed")

    with pytest.raises(RuntimeError, match="handler failed"):
        WSGIMiddleware(app)({"REQUEST_METHOD": "GET", "PATH_INFO": "/boom"}, lambda *a: None)
    (root,) = finished(exporter)
    assert root.status.status_code is StatusCode.ERROR
    assert root.attributes["http.response.status_code"] == 500
    assert root.events[0].name == "exception"


def test_a_flask_handler_exception_is_a_failed_500_request(exporter):
    assert _get(make_app().test_client(), "/boom").status_code == 500
    (root,) = finished(exporter)
    assert root.status.status_code is StatusCode.ERROR
    assert root.attributes["http.response.status_code"] == 500


def test_a_5xx_response_marks_the_request_span_as_an_error(exporter):
    _get(make_app().test_client(), "/busy")
    (root,) = finished(exporter)
    assert root.status.status_code is StatusCode.ERROR


def test_a_streamed_response_is_timed_until_the_server_closes_it(exporter):
    response = make_app().test_client().get("/stream")
    assert response.data == b"0\n1\n2\n"
    (root,) = finished(exporter)
    assert root.attributes["http.response.status_code"] == 200


def test_bodies_are_not_captured_by_default(exporter):
    _ask(make_app().test_client())
    root = by_name(finished(exporter))["POST /ask/<topic>"]
    assert not any("body" in key for key in root.attributes)


def test_captured_bodies_are_redacted_before_they_are_recorded(exporter):
    client = make_app(capture_request_body=True, capture_response_body=True).test_client()
    assert _ask(client).get_json()["answer"] == "ok"  # the app still reads its body
    root = by_name(finished(exporter))["POST /ask/<topic>"]
    sent = json.loads(root.attributes["lumiscope.http.request.body"])
    assert sent["password"] == REDACTED and sent["question"] == "Where?"
    returned = json.loads(root.attributes["lumiscope.http.response.body"])
    assert returned["token"] == REDACTED and returned["answer"] == "ok"


def test_the_query_string_is_redacted(exporter):
    _get(make_app().test_client(), "/plain?q=x&api_key=secret")
    root = finished(exporter)[0]
    assert "secret" not in root.attributes["url.query"]


def test_a_disabled_middleware_passes_requests_through_untraced(exporter):
    assert make_app(enabled=False).test_client().get("/plain").data == b"plain"
    assert finished(exporter) == []


def test_without_init_requests_are_served_untraced():
    assert make_app().test_client().get("/plain").data == b"plain"


def test_the_request_path_opens_no_network_connection(monkeypatch):
    collector = ScriptedServer(Reply(200)).__enter__()
    runtime.init(load_config({}, api_key=TEST_KEY, instrument=False, endpoint=collector.url),
                 batch_options={"schedule_delay_millis": 60_000})
    connecting_threads = []
    real_connect = socket.socket.connect

    def connect(sock, address):  # type: ignore[no-untyped-def]
        connecting_threads.append(threading.current_thread().name)
        return real_connect(sock, address)

    monkeypatch.setattr(socket.socket, "connect", connect)
    client = make_app().test_client()
    for _ in range(20):
        assert _ask(client).status_code == 200
    assert connecting_threads == []
    lumiscope.flush()  # the export itself does connect, on its own
    assert connecting_threads and len(collector.received) == 1
    collector.__exit__()
