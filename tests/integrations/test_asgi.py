"""The ASGI middleware with a real FastAPI app under httpx."""

from __future__ import annotations

import asyncio
import json

import httpx
import pytest
from fastapi import FastAPI, Request
from fastapi.responses import StreamingResponse
from opentelemetry.trace import SpanKind, StatusCode

import lumiscope
from lumiscope.integrations import ASGIMiddleware
from lumiscope.sdk.redaction import REDACTED
from tests.sdk_support import by_name, finished

TRACEPARENT = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01"


@lumiscope.observe_llm(model="gpt-4o", provider="openai")
async def generate(text: str) -> dict:
    await asyncio.sleep(0)
    return {"usage": {"prompt_tokens": 5, "completion_tokens": 2}, "model": "gpt-4o"}


def make_app(**options) -> FastAPI:
    app = FastAPI()
    app.add_middleware(ASGIMiddleware, **options)

    @app.post("/summaries/{kind}")
    async def summarize(kind: str, request: Request) -> dict:
        body = await request.json()
        lumiscope.set_attribute("feature", "summaries")
        await generate(body["text"])
        return {"trace_id": lumiscope.get_current_trace_id(), "api_key": "sk-123"}

    @app.get("/sync")
    def sync_endpoint() -> dict:
        return {"trace_id": lumiscope.get_current_trace_id()}

    @app.get("/boom")
    async def boom() -> None:
        raise ValueError("async handler failed")

    @app.get("/stream")
    async def stream() -> StreamingResponse:
        async def words():
            for word in ("a", "b"):
                yield word
        return StreamingResponse(words())

    return app


def _call(app: FastAPI, method: str, url: str, **kwargs) -> httpx.Response:
    async def go() -> httpx.Response:
        transport = httpx.ASGITransport(app=app, raise_app_exceptions=False)
        async with httpx.AsyncClient(transport=transport, base_url="http://test") as client:
            return await client.request(method, url, **kwargs)
    return asyncio.run(go())


def _ancestors(span, spans) -> list:
    """Parent, grandparent... (FastAPI's telemetry adds its own endpoint spans between)."""
    by_id = {s.context.span_id: s for s in spans}
    chain = []
    while span.parent is not None and span.parent.span_id in by_id:
        span = by_id[span.parent.span_id]
        chain.append(span)
    return chain


def _servers(spans):
    return [s for s in spans if s.kind is SpanKind.SERVER]


def test_each_request_is_one_server_span_with_route_status_and_children(exporter):
    reply = _call(make_app(), "POST", "/summaries/short", json={"text": "t", "password": "p"})
    spans = finished(exporter)
    (root,) = _servers(spans)  # one root, even with FastAPI's own telemetry on
    assert root.attributes["http.route"] == "/summaries/{kind}"
    assert root.attributes["http.response.status_code"] == 200
    assert root.attributes["url.path"] == "/summaries/short"
    llm = by_name(spans)["generate"]
    assert _ancestors(llm, spans)[-1] is root
    assert llm.attributes["feature"] == "summaries"
    assert reply.json()["trace_id"] == format(root.context.trace_id, "032x")


def test_sync_endpoints_in_the_threadpool_see_the_request_trace(exporter):
    trace_id = _call(make_app(), "GET", "/sync").json()["trace_id"]
    (root,) = _servers(finished(exporter))
    assert trace_id == format(root.context.trace_id, "032x")


def test_a_callers_traceparent_continues_its_trace(exporter):
    _call(make_app(), "GET", "/sync", headers={"traceparent": TRACEPARENT})
    (root,) = _servers(finished(exporter))
    assert format(root.context.trace_id, "032x") == "4bf92f3577b34da6a3ce929d0e0e4736"


def test_an_exception_is_recorded_and_answered_500(exporter):
    assert _call(make_app(), "GET", "/boom").status_code == 500
    (root,) = _servers(finished(exporter))
    assert root.status.status_code is StatusCode.ERROR


def test_a_streamed_response_is_one_span_until_its_end(exporter):
    assert _call(make_app(), "GET", "/stream").text == "ab"
    assert len(_servers(finished(exporter))) == 1


def test_bodies_are_captured_only_when_asked_and_redacted(exporter):
    _call(make_app(), "POST", "/summaries/a", json={"text": "t"})
    _call(make_app(capture_request_body=True, capture_response_body=True), "POST",
          "/summaries/b", json={"text": "t", "password": "p"})
    plain, captured = sorted(_servers(finished(exporter)),
                             key=lambda s: s.attributes["url.path"])
    assert not any("body" in key for key in plain.attributes)
    assert json.loads(captured.attributes["lumiscope.http.request.body"])["password"] == REDACTED
    assert json.loads(captured.attributes["lumiscope.http.response.body"])["api_key"] == REDACTED


@pytest.mark.parametrize("enabled", [False])
def test_a_disabled_middleware_passes_requests_through(exporter, enabled):
    app = FastAPI(telemetry={"tracing": False})
    app.add_middleware(ASGIMiddleware, enabled=enabled)

    @app.get("/x")
    def x() -> dict:
        return {"ok": True}

    assert _call(app, "GET", "/x").json() == {"ok": True}
    assert finished(exporter) == []


def test_without_fastapi_telemetry_the_middleware_opens_the_root_itself(exporter):
    app = FastAPI(telemetry={"tracing": False})
    app.add_middleware(ASGIMiddleware)

    @app.get("/items/{item_id}")
    def item(item_id: int) -> dict:
        return {"id": item_id}

    _call(app, "GET", "/items/7")
    (root,) = finished(exporter)
    assert root.name == "GET /items/{item_id}"
    assert root.instrumentation_scope.name == "lumiscope"
