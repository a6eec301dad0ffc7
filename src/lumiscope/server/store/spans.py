"""Writing span rows, and keeping the trace, session and user rows that summarize them.

All of it runs in the caller's transaction; :class:`~lumiscope.server.store.writer.SpanWriter`
calls :func:`write_rows` once per group commit.
"""

from __future__ import annotations

import time
from typing import Any

from sqlalchemy import Connection, case, func

from lumiscope.server.store import dialect as d
from lumiscope.server.store.schema import sessions, spans, users
from lumiscope.server.store.trace_rows import update_traces

# Traces with a user but no session join one implicit session per user (DESIGN.md), closed
# by the idle timeout like any other.
IMPLICIT_SESSION = "~user:"


def write_rows(conn: Connection, rows: list[dict[str, Any]]) -> None:
    """Store span rows once each, then bring their traces, sessions and users up to date."""
    if not rows:
        return
    dialect = conn.dialect.name
    # Key order keeps concurrent PostgreSQL writers from deadlocking on the same spans.
    rows = sorted(rows, key=lambda r: (r["project_id"], r["trace_id"], r["span_id"]))
    d.insert_ignoring_duplicates(conn, spans, rows)
    # Sessions and users follow their traces: an LLM span inherits the user and session
    # that any span of its trace (typically the request's root) carries.
    touched = update_traces(conn, rows)
    _touch_sessions(conn, dialect, touched)
    _touch_users(conn, dialect, touched)


def session_key(session_id: str | None, user_id: str | None) -> str | None:
    """The session a trace belongs to; a user's traces without one share an implicit one."""
    if session_id is not None:
        return session_id
    return IMPLICIT_SESSION + user_id if user_id is not None else None


def _ranges(traces_touched: list[dict[str, Any]], key: Any) -> list[dict[str, Any]]:
    ranges: dict[tuple[str, str], dict[str, Any]] = {}
    for trace in traces_touched:
        value = key(trace)
        if value is None:
            continue
        entry = ranges.setdefault(
            (trace["project_id"], value),
            {"project_id": trace["project_id"], "key": value, "user_id": trace["user_id"],
             "first_ns": trace["start_ns"], "last_ns": trace["end_ns"]},
        )
        entry["first_ns"] = min(entry["first_ns"], trace["start_ns"])
        entry["last_ns"] = max(entry["last_ns"], trace["end_ns"])
        entry["user_id"] = entry["user_id"] or trace["user_id"]
    return list(ranges.values())


def _touch_sessions(conn: Connection, dialect: str, touched: list[dict[str, Any]]) -> None:
    ranges = _ranges(touched, lambda t: session_key(t["session_id"], t["user_id"]))
    if not ranges:
        return
    now = time.time_ns()
    params = [{"project_id": r["project_id"], "session_id": r["key"], "user_id": r["user_id"],
               "first_ns": r["first_ns"], "last_ns": r["last_ns"], "status": "active",
               "ended_ns": None, "touched_ns": now} for r in ranges]
    current = sessions.c
    stmt = d.upsert(dialect, sessions, ["project_id", "session_id"], {
        "user_id": lambda ex: func.coalesce(current.user_id, ex.user_id),
        "first_ns": lambda ex: d.least(dialect, current.first_ns, ex.first_ns),
        "last_ns": lambda ex: d.greatest(dialect, current.last_ns, ex.last_ns),
        # A span that started after the session ended reopens it.
        "status": lambda ex: _reopened(current, ex),
        "touched_ns": lambda ex: ex.touched_ns,
    })
    conn.execute(stmt, params)


def _reopened(current: Any, excluded: Any) -> Any:
    return case(
        (current.ended_ns.is_(None), current.status),
        (excluded.last_ns > current.ended_ns, "active"),
        else_=current.status,
    )


def _touch_users(conn: Connection, dialect: str, touched: list[dict[str, Any]]) -> None:
    ranges = _ranges(touched, lambda t: t["user_id"])
    if not ranges:
        return
    params = [{"project_id": r["project_id"], "user_id": r["key"], "first_ns": r["first_ns"],
               "last_ns": r["last_ns"]} for r in ranges]
    current = users.c
    stmt = d.upsert(dialect, users, ["project_id", "user_id"], {
        "first_ns": lambda ex: d.least(dialect, current.first_ns, ex.first_ns),
        "last_ns": lambda ex: d.greatest(dialect, current.last_ns, ex.last_ns),
    })
    conn.execute(stmt, params)
