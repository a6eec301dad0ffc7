"""Builders for the memory tests: turns, facts and readings at a fixed, known time."""

from __future__ import annotations

from datetime import datetime, timezone

from lumiscope.server.memory.builtin import read_message
from lumiscope.server.memory.model import Fact, Provenance, Turn

# Wednesday 4 February 2026, 10:00 UTC: the "now" of every test unless told otherwise.
NOW = int(datetime(2026, 2, 4, 10, tzinfo=timezone.utc).timestamp()) * 1_000_000_000
DAY = 86_400 * 1_000_000_000


def at(day: int, now: int = NOW) -> int:
    """``day`` days after :data:`NOW` (negative: before)."""
    return now + day * DAY


def turn(*messages: str, time_ns: int = NOW, session_id: str = "s1", agent_id: str | None = None,
         span_id: str | None = None, reply: str = "Noted.") -> Turn:
    span = span_id or f"{time_ns:x}"[-16:]
    return Turn(trace_id="t" + span, span_id=span, session_id=session_id, user_id="u1",
                agent_id=agent_id, time_ns=time_ns, user_messages=list(messages),
                assistant_reply=reply)


def fact(subject: str, value: str, *, category: str = "location", text: str | None = None,
         time_ns: int = NOW, agent_id: str | None = None, span_id: str = "span1",
         confidence: float = 0.9) -> Fact:
    return Fact(category=category, subject=subject, value=value, text=text or f"{subject} {value}",
                confidence=confidence,
                provenance=(Provenance("trace1", span_id, "s1", time_ns),),
                agent_id=agent_id, valid_from_ns=time_ns)


def facts_in(message: str, now_ns: int = NOW) -> set[tuple[str, str, str]]:
    """``(category, subject, value)`` of every fact (not retraction) the builtin engine reads."""
    return {(f.category, f.subject, f.value) for f in read_message(message, now_ns)
            if not f.retract}


def retractions_in(message: str, now_ns: int = NOW) -> set[tuple[str, str]]:
    """``(subject, value)`` of every retraction the builtin engine reads."""
    return {(f.subject, f.value) for f in read_message(message, now_ns) if f.retract}
