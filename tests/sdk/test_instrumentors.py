"""Auto-instrumentation: the registry, and the real openai client traced through it."""

from __future__ import annotations

import json
import logging
from pathlib import Path

import openai
import tomllib
from opentelemetry.sdk.trace.export.in_memory_span_exporter import InMemorySpanExporter

import lumiscope
from lumiscope.sdk import instrumentors, runtime
from lumiscope.sdk.config import load_config
from tests.sdk_support import TEST_KEY, by_name, finished

PYPROJECT = Path(__file__).parents[2] / "pyproject.toml"
GUIDE_EXTRAS = [
    "openai", "anthropic", "google-generativeai", "bedrock", "cohere", "vertexai", "together",
    "groq", "mistralai", "ollama", "replicate", "transformers", "sagemaker", "watsonx", "writer",
    "alephalpha", "voyageai", "openai-agents", "pinecone", "chromadb", "qdrant", "lancedb",
    "marqo", "milvus", "weaviate", "langchain", "llamaindex", "crewai", "agno", "haystack", "mcp",
]


def test_the_registry_covers_every_extra_of_the_flowlines_guide():
    assert len(instrumentors.REGISTRY) == 31
    assert sorted(e.extra for e in instrumentors.REGISTRY) == sorted(GUIDE_EXTRAS)


def test_each_extra_installs_its_instrumentor_package_and_all_installs_every_one():
    extras = tomllib.loads(PYPROJECT.read_text())["project"]["optional-dependencies"]
    for extra in GUIDE_EXTRAS:
        assert extras[extra] == [f"opentelemetry-instrumentation-{extra}>=0.53"], extra
    [everything] = extras["all"]  # lumiscope[openai,anthropic,...]: every extra above
    assert sorted(everything.removeprefix("lumiscope[").removesuffix("]").split(",")) == \
        sorted(GUIDE_EXTRAS)


def test_installed_libraries_get_an_instrumentor_and_missing_ones_are_skipped(caplog):
    with caplog.at_level(logging.DEBUG, logger="lumiscope.test"):
        found = instrumentors.get_instrumentors(logging.getLogger("lumiscope.test"))
    assert "OpenAIInstrumentor" in [type(i).__name__ for i in found]
    assert "GroqInstrumentor skipped (library not installed)" in caplog.text


def test_an_instrumentor_that_fails_to_load_is_skipped_with_a_debug_line(monkeypatch, caplog):
    monkeypatch.setattr(instrumentors, "REGISTRY", (
        instrumentors.Entry("json", "no_such_module", "Nope", "nope"),))
    with caplog.at_level(logging.DEBUG, logger="lumiscope.test"):
        assert instrumentors.get_instrumentors(logging.getLogger("lumiscope.test")) == []
    assert "Nope failed to load" in caplog.text


def _instrumented() -> InMemorySpanExporter:
    memory = InMemorySpanExporter()
    runtime.init(load_config({}, api_key=TEST_KEY, instrument=True), exporter=memory)
    return memory


def test_init_instruments_the_openai_client_with_messages_and_tokens(fake_openai):
    memory = _instrumented()
    client = openai.OpenAI(api_key="sk-fake", base_url=fake_openai.base_url)
    with lumiscope.context(user_id="user-42", session_id="sess-abc"):
        client.chat.completions.create(model="gpt-4o",
                                       messages=[{"role": "user", "content": "I live in Lisbon"}])
    (span,) = finished(memory)
    attrs = span.attributes
    assert attrs["gen_ai.request.model"] == "gpt-4o"
    assert attrs["gen_ai.usage.input_tokens"] > 0
    assert attrs["user.id"] == "user-42" and attrs["session.id"] == "sess-abc"
    assert "Lisbon" in attrs["gen_ai.input.messages"]


def test_observe_llm_around_an_instrumented_call_counts_the_call_once(fake_openai):
    memory = _instrumented()
    client = openai.OpenAI(api_key="sk-fake", base_url=fake_openai.base_url)

    @lumiscope.observe_llm(model="gpt-4o", provider="openai")
    def answer_question(question: str) -> str:
        response = client.chat.completions.create(
            model="gpt-4o", messages=[{"role": "user", "content": question}])
        return response.choices[0].message.content

    answer_question("Hi")
    spans = by_name(finished(memory))
    wrapper, call = spans["answer_question"], spans["openai.chat"]
    assert call.parent.span_id == wrapper.context.span_id
    assert call.attributes["gen_ai.usage.output_tokens"] > 0
    # The instrumented span carries the call; the decorated one is a wrapper without tokens.
    assert wrapper.attributes["lumiscope.span_kind"] == "general"
    assert not any(k.startswith("gen_ai.usage") for k in wrapper.attributes)


def test_a_streamed_openai_reply_under_observe_llm_is_one_span_per_layer(fake_openai):
    memory = _instrumented()
    client = openai.OpenAI(api_key="sk-fake", base_url=fake_openai.base_url)

    @lumiscope.observe_llm(model="gpt-4o", provider="openai")
    def ask(question: str):
        return client.chat.completions.create(
            model="gpt-4o", stream=True, messages=[{"role": "user", "content": question}])

    text = "".join(chunk.choices[0].delta.content or "" for chunk in ask("stream please")
                   if chunk.choices)
    assert text == "You said: stream please"
    spans = by_name(finished(memory))
    assert spans["openai.chat"].parent.span_id == spans["ask"].context.span_id
    assert spans["ask"].attributes["lumiscope.ttft_ms"] >= 0
    assert json.loads(spans["openai.chat"].attributes["gen_ai.output.messages"])
