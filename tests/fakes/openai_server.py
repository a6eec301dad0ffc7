"""The fake OpenAI-compatible server lives in :mod:`lumiscope.testing.fake_openai` (the
examples and the demo use it too); this name stays for the tests."""

from lumiscope.testing.fake_openai import FakeOpenAI, reply_for

__all__ = ["FakeOpenAI", "reply_for"]
