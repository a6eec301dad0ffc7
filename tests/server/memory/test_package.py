"""The memory package's contract with the rest of the server."""

from __future__ import annotations

import ast
from pathlib import Path

import lumiscope.server.memory as memory

PACKAGE = Path(memory.__file__).parent


def _modules() -> list[Path]:
    return sorted(PACKAGE.rglob("*.py"))


def test_the_public_api_is_pinned() -> None:
    assert sorted(memory.__all__) == sorted([
        "CATEGORIES", "VIEWS", "BuiltinEngine", "Engine", "Fact", "LlmCall", "LlmEngine",
        "LlmSettings", "MemoryUpdate", "Provenance", "Retraction", "Turn", "UnknownView",
        "apply_update", "consolidate", "extract_turns", "is_injected_memory", "memory_view",
        "own_words"])
    assert all(hasattr(memory, name) for name in memory.__all__)


def test_no_module_imports_the_sdk() -> None:
    for path in _modules():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = ([alias.name for alias in node.names] if isinstance(node, ast.Import)
                     else [node.module or ""] if isinstance(node, ast.ImportFrom) else [])
            assert not any(name.startswith(("lumiscope.sdk", "openai")) for name in names), (
                path.name, names)


def test_every_module_stays_small() -> None:
    sizes = {path.name: len(path.read_text(encoding="utf-8").splitlines()) for path in _modules()}
    assert max(sizes.values()) <= 400, sizes
