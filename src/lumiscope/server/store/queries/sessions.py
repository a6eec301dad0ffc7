"""Sessions: listing, one session with its traces, and ending one."""

from __future__ import annotations

import time
from typing import Any

from sqlalchemy import Connection, Text, func, literal, select

from lumiscope.server.store import dialect as d
from lumiscope.server.store.queries.traces import list_traces
from lumiscope.server.store.schema import sessions, traces
from lumiscope.server.store.spans import IMPLICIT_SESSION
from lumiscope.server.store.timefmt import iso


def _stats():  # type: ignore[no-untyped-def]
    t = traces.c
    # A user's traces without a session count toward their implicit session.
    key = func.coalesce(t.session_id, literal(IMPLICIT_SESSION, Text) + t.user_id)
    return (
        select(key.label("session_id"), func.count().label("trace_count"),
               func.sum(t.span_count).label("span_count"),
               func.sum(t.llm_count).label("llm_count"),
               func.sum(t.error_count).label("error_count"),
               func.sum(t.input_tokens).label("input_tokens"),
               func.sum(t.output_tokens).label("output_tokens"),
               func.sum(t.cost_usd).label("cost_usd"))
        .where(key.is_not(None))
        .group_by(t.project_id, key)
    )


def _session_json(row: Any, idle_ns: int, now_ns: int) -> dict[str, Any]:
    ended = row.status == "ended" or (row.last_ns is not None and row.last_ns < now_ns - idle_ns)
    return {
        "session_id": row.session_id,
        "implicit": row.session_id.startswith(IMPLICIT_SESSION),
        "user_id": row.user_id,
        "status": "ended" if ended else "active",
        "started_at": iso(row.first_ns),
        "last_activity_at": iso(row.last_ns),
        "ended_at": iso(row.ended_ns) if row.status == "ended" else None,
        "trace_count": row.trace_count or 0,
        "span_count": row.span_count or 0,
        "llm_count": row.llm_count or 0,
        "error_count": row.error_count or 0,
        "input_tokens": row.input_tokens or 0,
        "output_tokens": row.output_tokens or 0,
        "cost_usd": row.cost_usd,
    }


def _query(project_id: str):  # type: ignore[no-untyped-def]
    stats = _stats().where(traces.c.project_id == project_id).subquery()
    return (
        select(sessions, *[stats.c[k] for k in ("trace_count", "span_count", "llm_count",
                                                "error_count", "input_tokens", "output_tokens",
                                                "cost_usd")])
        .outerjoin(stats, stats.c.session_id == sessions.c.session_id)
        .where(sessions.c.project_id == project_id)
    )


def list_sessions(conn: Connection, project_id: str, *, idle_ns: int, user_id: str | None = None,
                  limit: int = 50, offset: int = 0) -> list[dict[str, Any]]:
    query = _query(project_id)
    if user_id is not None:
        query = query.where(sessions.c.user_id == user_id)
    query = query.order_by(sessions.c.last_ns.desc()).limit(limit).offset(offset)
    now = time.time_ns()
    return [_session_json(row, idle_ns, now) for row in conn.execute(query)]


def get_session(conn: Connection, project_id: str, session_id: str, *,
                idle_ns: int) -> dict[str, Any] | None:
    row = conn.execute(_query(project_id).where(sessions.c.session_id == session_id)).first()
    if row is None:
        return None
    result = _session_json(row, idle_ns, time.time_ns())
    if result["implicit"]:
        result["traces"] = list_traces(conn, project_id, user_id=row.user_id,
                                       without_session=True, limit=1000)
    else:
        result["traces"] = list_traces(conn, project_id, session_id=session_id, limit=1000)
    return result


def mark_ended(conn: Connection, project_id: str, session_id: str, user_id: str | None) -> None:
    """End a session now; remembered even before any of its spans arrived."""
    now = time.time_ns()
    dialect = conn.dialect.name
    stmt = d.upsert(dialect, sessions, ["project_id", "session_id"], {
        "status": "ended",
        "ended_ns": now,
        "user_id": lambda ex: func.coalesce(sessions.c.user_id, ex.user_id),
    })
    conn.execute(stmt, {"project_id": project_id, "session_id": session_id, "user_id": user_id,
                        "first_ns": None, "last_ns": None, "status": "ended", "ended_ns": now})
