"""Fixtures of the memory engine tests."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.server.memory.fake_chat import FakeChat


@pytest.fixture
def chat() -> Iterator[FakeChat]:
    """A scripted OpenAI-compatible endpoint of this test's own."""
    with FakeChat() as fake:
        yield fake
