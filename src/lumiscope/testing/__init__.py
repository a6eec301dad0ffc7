"""Helpers for testing applications traced with Lumiscope, offline: a fake OpenAI-compatible
server (:class:`~lumiscope.testing.fake_openai.FakeOpenAI`). Not imported by ``lumiscope``."""

from lumiscope.testing.fake_openai import FakeOpenAI

__all__ = ["FakeOpenAI"]
