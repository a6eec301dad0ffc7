"""Long-term user memory, built from traced conversations (DESIGN.md "Memory").

Pure Python, no I/O but the llm engine's HTTP call: the scheduler feeds it the LLM calls of
an ended session and stores what comes out; ``GET /v1/get-memory`` serves
:func:`memory_view` of the stored facts. The flow:

    calls --extract_turns--> turns --Engine.learn--> MemoryUpdate --store--> memory_view

Never imports the SDK.
"""

from __future__ import annotations

from lumiscope.server.memory.consolidate import consolidate
from lumiscope.server.memory.engine import BuiltinEngine, Engine, LlmEngine
from lumiscope.server.memory.llm import LlmSettings
from lumiscope.server.memory.model import (
    CATEGORIES,
    Fact,
    MemoryUpdate,
    Provenance,
    Retraction,
    Turn,
    apply_update,
)
from lumiscope.server.memory.turns import LlmCall, extract_turns, is_injected_memory, own_words
from lumiscope.server.memory.view import VIEWS, UnknownView, memory_view

__all__ = [
    "CATEGORIES", "VIEWS", "BuiltinEngine", "Engine", "Fact", "LlmCall", "LlmEngine",
    "LlmSettings", "MemoryUpdate", "Provenance", "Retraction", "Turn", "UnknownView",
    "apply_update", "consolidate", "extract_turns", "is_injected_memory", "memory_view",
    "own_words",
]
