"""Auto-instrumentation of installed LLM libraries through the OpenLLMetry instrumentors.

The registry is the Flowlines SDK's (spec/flowlines.md 1.8), in its order; each entry's
instrumentor package is installed by the extra of the same name (``lumiscope[openai]``...).
Probing a library does not import it; a library or instrumentor that is missing or fails
to load is skipped with a DEBUG line. Nothing here raises.
"""

from __future__ import annotations

import importlib
import importlib.util
import logging
from typing import Any, NamedTuple


class Entry(NamedTuple):
    library: str  # probed with find_spec
    module: str  # under opentelemetry.instrumentation.
    cls: str
    extra: str


REGISTRY: tuple[Entry, ...] = (
    Entry("openai", "openai", "OpenAIInstrumentor", "openai"),
    Entry("anthropic", "anthropic", "AnthropicInstrumentor", "anthropic"),
    Entry("google.genai", "google_generativeai", "GoogleGenerativeAiInstrumentor",
          "google-generativeai"),
    Entry("botocore", "bedrock", "BedrockInstrumentor", "bedrock"),
    Entry("cohere", "cohere", "CohereInstrumentor", "cohere"),
    Entry("vertexai", "vertexai", "VertexAIInstrumentor", "vertexai"),
    Entry("pinecone", "pinecone", "PineconeInstrumentor", "pinecone"),
    Entry("together", "together", "TogetherAiInstrumentor", "together"),
    Entry("chromadb", "chromadb", "ChromaInstrumentor", "chromadb"),
    Entry("qdrant_client", "qdrant", "QdrantInstrumentor", "qdrant"),
    Entry("langchain", "langchain", "LangchainInstrumentor", "langchain"),
    Entry("llama_index", "llamaindex", "LlamaIndexInstrumentor", "llamaindex"),
    Entry("mcp", "mcp", "McpInstrumentor", "mcp"),
    Entry("groq", "groq", "GroqInstrumentor", "groq"),
    Entry("mistralai", "mistralai", "MistralAiInstrumentor", "mistralai"),
    Entry("ollama", "ollama", "OllamaInstrumentor", "ollama"),
    Entry("replicate", "replicate", "ReplicateInstrumentor", "replicate"),
    Entry("transformers", "transformers", "TransformersInstrumentor", "transformers"),
    Entry("boto3", "sagemaker", "SageMakerInstrumentor", "sagemaker"),
    Entry("crewai", "crewai", "CrewAIInstrumentor", "crewai"),
    Entry("agno", "agno", "AgnoInstrumentor", "agno"),
    Entry("haystack", "haystack", "HaystackInstrumentor", "haystack"),
    Entry("lancedb", "lancedb", "LanceInstrumentor", "lancedb"),
    Entry("marqo", "marqo", "MarqoInstrumentor", "marqo"),
    Entry("pymilvus", "milvus", "MilvusInstrumentor", "milvus"),
    Entry("weaviate", "weaviate", "WeaviateInstrumentor", "weaviate"),
    Entry("aleph_alpha_client", "alephalpha", "AlephAlphaInstrumentor", "alephalpha"),
    Entry("voyageai", "voyageai", "VoyageAIInstrumentor", "voyageai"),
    Entry("ibm_watson_machine_learning", "watsonx", "WatsonxInstrumentor", "watsonx"),
    Entry("writer", "writer", "WriterInstrumentor", "writer"),
    Entry("agents", "openai_agents", "OpenAIAgentsInstrumentor", "openai-agents"),
)


def _installed(library: str) -> bool:
    try:
        return importlib.util.find_spec(library) is not None
    except (ImportError, ValueError):  # a missing parent package (google.*), a bad __spec__
        return False


def get_instrumentors(log: logging.Logger) -> list[Any]:
    """An instance of the instrumentor of every installed library, in registry order."""
    found = []
    for entry in REGISTRY:
        if not _installed(entry.library):
            log.debug("Instrumentor %s skipped (library not installed)", entry.cls)
            continue
        try:
            module = importlib.import_module(f"opentelemetry.instrumentation.{entry.module}")
            found.append(getattr(module, entry.cls)())
            log.debug("Instrumentor %s loaded", entry.cls)
        except Exception as exc:  # ImportError, AttributeError, or the module failing to import
            log.debug("Instrumentor %s failed to load: %s", entry.cls, exc)
    log.debug("%d instrumentor(s) available", len(found))
    return found


def instrument(provider: Any, log: logging.Logger) -> list[Any]:
    """Instrument every installed library with ``provider``; returns the instrumentors this
    call instrumented (ones already instrumented are left alone)."""
    done = []
    for instrumentor in get_instrumentors(log):
        if getattr(instrumentor, "is_instrumented_by_opentelemetry", False):
            log.debug("%s was already instrumented", type(instrumentor).__name__)
            continue
        try:
            instrumentor.instrument(tracer_provider=provider)
            done.append(instrumentor)
        except Exception as exc:
            log.warning("Instrumenting with %s failed: %s", type(instrumentor).__name__, exc)
    return done


def uninstrument(instrumentors: list[Any], log: logging.Logger) -> None:
    for instrumentor in instrumentors:
        try:
            instrumentor.uninstrument()
        except Exception as exc:
            log.debug("Uninstrumenting %s failed: %s", type(instrumentor).__name__, exc)


_patched: set[str] = set()


def apply_compat_patches() -> None:
    """The Flowlines SDK's instrumentor fixes (spec 1.9) that still apply, once per process.

    Only the Gemini one: its other fix (Responses ``tools: None``) targets instrumentation
    releases before 0.53, which the extras exclude.
    """
    if "gemini_prompts" in _patched:
        return
    _patched.add("gemini_prompts")
    try:
        from opentelemetry.semconv_ai import SpanAttributes
    except Exception:  # semconv-ai comes with the instrumentors; absent without them
        return
    if not hasattr(SpanAttributes, "LLM_PROMPTS"):
        # The Gemini instrumentor records list prompts under this name; without it they
        # were silently lost.
        SpanAttributes.LLM_PROMPTS = "gen_ai.prompt"  # type: ignore[attr-defined]
