"""The demo's application: what a user's chat app and Flask-style service would send.

Everything goes through the public SDK (``lumiscope``), the real ``openai`` client and the
OpenLLMetry instrumentor, against the built-in fake model: several users and sessions,
history re-sent on every call, a request traced by the WSGI middleware with a retriever
span, a streaming call, a failing call and a rate-limited call.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any
from wsgiref.util import setup_testing_defaults

import openai

import lumiscope
from lumiscope.integrations import WSGIMiddleware

CONVERSATIONS = {
    ("maria", "maria-1"): ["Hi! I'm Maria, I live in Lisbon and I work as a nurse.",
                           "I'm vegetarian, so what could I cook tonight?",
                           "Thanks! By the way I'm allergic to peanuts."],
    ("leo", "leo-1"): ["Hello, I'm Leo. I'm moving to Berlin next month for a new job.",
                       "Can you suggest neighbourhoods? I have a dog named Pixel."],
    ("kim", "kim-1"): ["I love jazz and I play the piano.",
                       "Any tips for practicing scales?"],
}
SYSTEM = "You are a helpful assistant."


@dataclass
class Result:
    errors: list[str] = field(default_factory=list)


def chat(client: openai.OpenAI, user_id: str, session_id: str, messages: list[str]) -> None:
    """A chat session: each call re-sends the history, memory injected as the guide shows."""
    history = [{"role": "system", "content": SYSTEM}]
    memory = lumiscope.get_memory(user_id)
    if memory:
        history.append({"role": "system", "content":
                        f"Here is what you know about this user from previous conversations:\n"
                        f"{memory}"})
    with lumiscope.context(user_id=user_id, session_id=session_id, agent_id="assistant"):
        for text in messages:
            history.append({"role": "user", "content": text})
            reply = client.chat.completions.create(model="gpt-4o-mini", messages=history)
            history.append({"role": "assistant",
                            "content": reply.choices[0].message.content or ""})
    lumiscope.end_session(user_id, session_id)


def streamed(client: openai.OpenAI) -> None:
    with lumiscope.context(user_id="kim", session_id="kim-1"):
        stream = client.chat.completions.create(
            model="gpt-4o", stream=True, stream_options={"include_usage": True},
            messages=[{"role": "user", "content": "Write a haiku about scales."}])
        for _ in stream:
            pass


def failures(client: openai.OpenAI, result: Result) -> None:
    for model in ("broken", "rate-limited"):
        try:
            client.chat.completions.create(
                model=model, messages=[{"role": "user", "content": "Are you there?"}])
        except openai.APIError as exc:
            result.errors.append(f"{model}: {type(exc).__name__}")


def web_app(client: openai.OpenAI) -> Callable[..., Any]:
    """A tiny WSGI service: a retriever span and an LLM call inside each request."""

    @lumiscope.observe_span("vector-search", span_type="retriever")
    def search_docs(question: str) -> list[str]:
        return ["Lumiscope keeps every LLM call of a request in one trace."]

    def app(environ: dict[str, Any], start_response: Callable[..., Any]) -> list[bytes]:
        question = environ.get("QUERY_STRING", "").replace("+", " ") or "What is tracing?"
        lumiscope.set_attribute("user.id", "ana")
        docs = search_docs(question)
        answer = client.chat.completions.create(model="gpt-4o", messages=[
            {"role": "system", "content": "Answer using this context:\n" + "\n".join(docs)},
            {"role": "user", "content": question}])
        result = (answer.choices[0].message.content or "").encode()
        start_response("200 OK", [("Content-Type", "text/plain")])
        return [result]

    return WSGIMiddleware(app)


def request(app: Callable[..., Any], path: str, query: str) -> None:
    environ: dict[str, Any] = {"PATH_INFO": path, "QUERY_STRING": query}
    setup_testing_defaults(environ)

    def start_response(status: str, headers: list[tuple[str, str]], *exc: Any) -> None:
        pass

    body = app(environ, start_response)
    b"".join(body)
    if hasattr(body, "close"):
        body.close()


def run(fake_model_url: str) -> Result:
    """Send the demo traffic; the SDK must be initialized. Blocks until it is all sent."""
    result = Result()
    client = openai.OpenAI(api_key="sk-demo", base_url=fake_model_url, max_retries=0)
    for (user_id, session_id), messages in CONVERSATIONS.items():
        chat(client, user_id, session_id, messages)
    streamed(client)
    failures(client, result)
    service = web_app(client)
    for question in ("What+is+a+trace?", "How+do+sessions+work?"):
        request(service, "/ask", question)
    lumiscope.flush()
    return result
