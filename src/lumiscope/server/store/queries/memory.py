"""Memory reads: the get-memory answer and a user's facts with provenance and history."""

from __future__ import annotations

import time
from typing import Any

from sqlalchemy import Connection

from lumiscope.server.memory.view import memory_view
from lumiscope.server.store import memory_store
from lumiscope.server.store.timefmt import iso


def get_memory(conn: Connection, project_id: str, user_id: str, *, view: str | None,
               session_id: str | None, agent_id: str | None) -> dict[str, Any] | None:
    """The object under ``"memory"``, or ``None`` when nothing is remembered (404).

    Reads stored memory only; raises ``UnknownView`` for a view that does not exist.
    """
    facts = memory_store.load_facts(conn, project_id, user_id)
    summaries = memory_store.summaries(conn, project_id, user_id)
    summary, summary_ns = summaries.get(memory_store.USER_SUMMARY, ("", None))
    session_summary = summaries.get(session_id, (None, None))[0] if session_id else None
    return memory_view(user_id, facts, summary=summary, summary_updated_ns=summary_ns,
                       view=view, agent_id=agent_id, session_id=session_id,
                       session_summary=session_summary, now_ns=time.time_ns())


def user_memory(conn: Connection, project_id: str, user_id: str) -> dict[str, Any] | None:
    """Every fact, current and superseded, with provenance; and every summary."""
    facts = memory_store.load_facts(conn, project_id, user_id)
    summaries = memory_store.summaries(conn, project_id, user_id)
    if not facts and not summaries:
        return None

    def fact_json(fact: Any) -> dict[str, Any]:
        return {
            "id": fact.id, "text": fact.text, "category": fact.category,
            "subject": fact.subject, "value": fact.value, "confidence": fact.confidence,
            "agent_id": fact.agent_id, "current": fact.current,
            "valid_from": iso(fact.valid_from_ns), "updated_at": iso(fact.updated_ns),
            "superseded_at": iso(fact.superseded_at), "superseded_by": fact.superseded_by,
            "provenance": [{"trace_id": p.trace_id, "span_id": p.span_id,
                            "session_id": p.session_id, "time": iso(p.time_ns)}
                           for p in fact.provenance],
        }

    user_summary = summaries.pop(memory_store.USER_SUMMARY, ("", None))
    return {
        "user_id": user_id,
        "summary": user_summary[0],
        "facts": [fact_json(f) for f in facts if f.current],
        "history": [fact_json(f) for f in facts if not f.current],
        "sessions": [{"session_id": key, "summary": text, "updated_at": iso(ns)}
                     for key, (text, ns) in summaries.items()],
    }
