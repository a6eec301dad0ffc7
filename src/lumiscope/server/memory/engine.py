"""Memory engines: from a session's new turns and the known facts to a memory update.

Two engines share one protocol. :class:`BuiltinEngine` reads the turns with rules (offline,
no model). :class:`LlmEngine` asks an OpenAI-compatible model and falls back to the builtin
engine, with a log line, whenever the model fails. Both merge what they read into the known
facts with :func:`~lumiscope.server.memory.consolidate.consolidate`, so supersession and
history behave the same whichever engine read the turns.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from typing import Protocol

import httpx

from lumiscope.server.memory import llm
from lumiscope.server.memory.builtin import extract
from lumiscope.server.memory.consolidate import consolidate
from lumiscope.server.memory.model import Fact, MemoryUpdate, Retraction, Turn, apply_update
from lumiscope.server.memory.summary import session_summary, topics, user_summary

logger = logging.getLogger("lumiscope.memory")

MAX_LLM_SUMMARY = 600


class Engine(Protocol):
    """What the scheduler runs on the new turns of one ended session."""

    name: str

    def learn(self, turns: Sequence[Turn], existing: Sequence[Fact], now_ns: int, *,
              recent_summaries: Sequence[str] = ()) -> MemoryUpdate:
        """The update that ``turns`` (one session, in time order) make to ``existing`` (the
        user's stored facts, history included) at ``now_ns``. ``recent_summaries``: earlier
        session summaries of the user, oldest first, for the user summary. Blocking; call
        from a worker thread. Never raises for bad input or a failing model."""
        ...


def build_update(turns: Sequence[Turn], existing: Sequence[Fact],
                 learned: Sequence[Fact | Retraction], now_ns: int,
                 recent_summaries: Sequence[str], summary: str | None = None) -> MemoryUpdate:
    """Merge ``learned`` into ``existing`` and write both summaries."""
    facts, superseded = consolidate(existing, learned, now_ns)
    spans = {(t.trace_id, t.span_id) for t in turns}
    from_session = [f for f in facts
                    if any((p.trace_id, p.span_id) in spans for p in f.provenance)]
    # A session of greetings and thanks leaves no summary, even one the llm engine wrote.
    substance = bool(from_session) or bool(topics(turns))
    summary = (summary or session_summary(turns, from_session)) if substance else ""
    partial = MemoryUpdate(facts, superseded, summary, "")
    current = [f for f in apply_update(existing, partial) if f.current]
    return MemoryUpdate(facts, superseded, summary,
                        user_summary(current, [*recent_summaries, summary]))


class BuiltinEngine:
    """The default engine: rules over the user's own words, stdlib only, deterministic."""

    name = "builtin"

    def learn(self, turns: Sequence[Turn], existing: Sequence[Fact], now_ns: int, *,
              recent_summaries: Sequence[str] = ()) -> MemoryUpdate:
        return build_update(turns, existing, extract(turns), now_ns, recent_summaries)


class LlmEngine:
    """Opt-in: a model behind an OpenAI-compatible endpoint reads the turns.

    ``client`` is shared and thread-safe; one is made (and closed by :meth:`close`) when
    not given. Any failure, including a timeout after ``settings.timeout`` seconds, is
    logged and answered by ``fallback``.
    """

    name = "llm"

    def __init__(self, settings: llm.LlmSettings, *, client: httpx.Client | None = None,
                 fallback: Engine | None = None) -> None:
        self.settings = settings
        self._own_client = client is None
        self._client = client or httpx.Client(timeout=settings.timeout)
        self.fallback = fallback or BuiltinEngine()

    def learn(self, turns: Sequence[Turn], existing: Sequence[Fact], now_ns: int, *,
              recent_summaries: Sequence[str] = ()) -> MemoryUpdate:
        if not turns:
            return build_update(turns, existing, [], now_ns, recent_summaries)
        try:
            body = llm.build_request(self.settings, turns, existing)
            content = llm.complete(self._client, self.settings, body)
            learned, summary = llm.parse_reply(content, turns)
        except llm.LlmError as exc:
            logger.warning("llm memory engine failed (%s); the builtin engine serves", exc)
            return self.fallback.learn(turns, existing, now_ns,
                                       recent_summaries=recent_summaries)
        return build_update(turns, existing, learned, now_ns, recent_summaries,
                            summary[:MAX_LLM_SUMMARY] or None)

    def close(self) -> None:
        if self._own_client:
            self._client.close()
