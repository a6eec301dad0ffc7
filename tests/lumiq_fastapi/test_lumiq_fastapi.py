"""lumiq_fastapi: the documented middleware and decorators on a real FastAPI app."""

from __future__ import annotations

import asyncio

import httpx
import openai
from fastapi import FastAPI, Request

import lumiq_fastapi
from lumiq_fastapi import (
    LumiqConfig,
    LumiqFastAPIMiddleware,
    get_current_trace_id,
    observe_llm,
    observe_span,
    set_attribute,
)
from lumiscope.sdk import state
from tests.sdk_support import TEST_KEY


def test_the_public_names_include_the_flask_helpers():
    assert sorted(lumiq_fastapi.__all__) == sorted([
        "LumiqFastAPIMiddleware", "LumiqConfig", "observe_llm", "observe_span",
        "set_attribute", "get_current_trace_id"])
    assert lumiq_fastapi.LumiqConfig is __import__("lumiq_flask").LumiqConfig


def test_an_async_app_traces_requests_decorators_and_users_end_to_end(server_process,
                                                                      fake_openai):
    app = FastAPI()
    app.add_middleware(LumiqFastAPIMiddleware, config=LumiqConfig(
        api_key=server_process.key, base_url=server_process.base_url))
    client = openai.AsyncOpenAI(api_key="sk-fake", base_url=fake_openai.base_url)

    @observe_span("lookup", span_type="tool")
    async def lookup(text: str) -> str:
        return text.upper()

    @observe_llm(model="gpt-4o", provider="openai")
    async def generate_summary(text: str) -> str:
        response = await client.chat.completions.create(
            model="gpt-4o", messages=[{"role": "user", "content": text}])
        return response.choices[0].message.content

    @app.post("/summarize")
    async def summarize(request: Request) -> dict:
        body = await request.json()
        set_attribute("user.id", body["user_id"])
        summary = await generate_summary(await lookup(body["text"]))
        return {"summary": summary, "trace_id": get_current_trace_id()}

    async def call() -> dict:
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://app") as http:
            reply = await http.post("/summarize", json={"text": "hello", "user_id": "cy"})
            return reply.json()

    answer = asyncio.run(call())
    assert answer["summary"] == "You said: HELLO"
    state.current().flush()
    spans = _flatten(server_process.trace(answer["trace_id"], spans=4))
    names = {s["name"]: s for s in spans}
    assert names["POST /summarize"]["parent_span_id"] is None
    assert names["lookup"]["span_kind"] == "tool"
    chat = next(s for s in spans if s["span_kind"] == "llm")
    assert chat["model"] == "gpt-4o" and chat["input_tokens"] > 0 and chat["user_id"] == "cy"


def _flatten(tree: list[dict]) -> list[dict]:
    out = []
    for node in tree:
        out.append(node)
        out.extend(_flatten(node.get("children", [])))
    return out


def test_a_disabled_config_leaves_the_app_untraced():
    app = FastAPI()
    app.add_middleware(LumiqFastAPIMiddleware, config=LumiqConfig(api_key=TEST_KEY,
                                                                 enabled=False))
    app.get("/")(lambda: {"ok": True})

    async def call() -> int:
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://app") as http:
            return (await http.get("/")).status_code

    assert asyncio.run(call()) == 200
    assert state.current() is None
