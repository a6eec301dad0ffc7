"""Memory at rest: a user's facts (history included), summaries and learned turns."""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any

from sqlalchemy import Connection, delete, select

from lumiscope.server.memory.model import Fact, MemoryUpdate, Provenance
from lumiscope.server.store import dialect as d
from lumiscope.server.store.schema import (
    memory_facts,
    memory_progress,
    memory_summaries,
    memory_turns,
)

USER_SUMMARY = ""  # the session_id under which a user's own summary is kept


def load_facts(conn: Connection, project_id: str, user_id: str) -> list[Fact]:
    """Every fact of the user, current and superseded, oldest first."""
    f = memory_facts.c
    rows = conn.execute(
        select(memory_facts).where(f.project_id == project_id, f.user_id == user_id)
        .order_by(f.created_ns, f.id)
    )
    return [_fact(row) for row in rows]


def _fact(row: Any) -> Fact:
    return Fact(
        id=row.id, category=row.category, subject=row.subject, value=row.value, text=row.text,
        confidence=row.confidence if row.confidence is not None else 1.0,
        provenance=tuple(Provenance(**p) for p in json.loads(row.provenance)),
        agent_id=row.agent_id, valid_from_ns=row.created_ns, superseded_by=row.superseded_by,
        superseded_at=row.superseded_ns,
    )


def _fact_row(project_id: str, user_id: str, fact: Fact) -> dict[str, Any]:
    return {
        "project_id": project_id, "user_id": user_id, "id": fact.id,
        "agent_id": fact.agent_id, "category": fact.category, "subject": fact.subject,
        "value": fact.value, "text": fact.text, "confidence": fact.confidence,
        "status": "current" if fact.current else "superseded",
        "created_ns": fact.valid_from_ns, "updated_ns": fact.updated_ns,
        "superseded_ns": fact.superseded_at, "superseded_by": fact.superseded_by,
        "provenance": json.dumps([p.to_dict() for p in fact.provenance]),
    }


def save_update(conn: Connection, project_id: str, user_id: str, session_id: str,
                update: MemoryUpdate, fingerprints: Iterable[str], now_ns: int) -> None:
    """Write one engine run: facts by id, both summaries, and the turns it consumed."""
    dialect = conn.dialect.name
    rows = [_fact_row(project_id, user_id, f) for f in (*update.superseded, *update.facts)]
    if rows:
        columns = [k for k in rows[0] if k not in ("project_id", "user_id", "id")]
        stmt = d.upsert(dialect, memory_facts, ["project_id", "user_id", "id"],
                        {c: (lambda ex, c=c: ex[c]) for c in columns})
        conn.execute(stmt, rows)
    summaries = [(session_id, update.session_summary), (USER_SUMMARY, update.user_summary)]
    summary_rows = [{"project_id": project_id, "user_id": user_id, "session_id": key,
                     "agent_id": None, "summary": text, "updated_ns": now_ns}
                    for key, text in summaries if text]
    if summary_rows:
        stmt = d.upsert(dialect, memory_summaries, ["project_id", "user_id", "session_id"], {
            "summary": lambda ex: ex.summary, "updated_ns": lambda ex: ex.updated_ns})
        conn.execute(stmt, summary_rows)
    turn_rows = [{"project_id": project_id, "user_id": user_id, "fingerprint": fp,
                  "learned_ns": now_ns} for fp in set(fingerprints)]
    if turn_rows:
        conn.execute(d.insert(dialect, memory_turns).on_conflict_do_nothing(), turn_rows)


def learned_fingerprints(conn: Connection, project_id: str, user_id: str) -> set[str]:
    t = memory_turns.c
    return set(conn.execute(
        select(t.fingerprint).where(t.project_id == project_id, t.user_id == user_id)
    ).scalars())


def summaries(conn: Connection, project_id: str, user_id: str) -> dict[str, tuple[str, int]]:
    """``{session_id or "": (summary, updated_ns)}`` for the user."""
    s = memory_summaries.c
    rows = conn.execute(
        select(s.session_id, s.summary, s.updated_ns)
        .where(s.project_id == project_id, s.user_id == user_id).order_by(s.updated_ns)
    )
    return {row.session_id: (row.summary, row.updated_ns) for row in rows}


def forget(conn: Connection, project_id: str, user_id: str, *, keep_learned: bool) -> int:
    """Delete what is remembered of a user; returns how many facts went.

    ``keep_learned`` keeps the record of which turns were learned from, so the old traces
    are never learned from again while new conversations still are.
    """
    removed = 0
    tables = [memory_facts, memory_summaries]
    if not keep_learned:
        tables += [memory_turns, memory_progress]
    for table in tables:
        result = conn.execute(
            delete(table).where(table.c.project_id == project_id, table.c.user_id == user_id)
        )
        if table is memory_facts:
            removed = result.rowcount or 0
    return removed
