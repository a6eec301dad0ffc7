"""Writing span rows, and keeping the trace, session and user rows that summarize them.

All of it runs in the caller's transaction; :class:`~lumiscope.server.store.writer.SpanWriter`
calls :func:`write_rows` once per group commit.
"""

from __future__ import annotations

import time
from typing import Any

from sqlalchemy import Connection, case, func, select, text, tuple_

from lumiscope.server.store import dialect as d
from lumiscope.server.store.schema import sessions, spans, traces, users

# Traces with a user but no session join one implicit session per user (DESIGN.md), closed
# by the idle timeout like any other.
IMPLICIT_SESSION = "~user:"

# The trace row is recomputed from its stored spans, so it is right whatever the order
# or number of times its spans arrive. The root is a span with no parent or whose parent
# never arrived, earliest first.
_RECOMPUTE_TRACE = text(
    """
INSERT INTO traces (project_id, trace_id, root_span_id, name, start_ns, end_ns, span_count,
    llm_count, error_count, status, input_tokens, output_tokens, cost_usd, model, user_id,
    session_id, agent_id, service_name, environment)
SELECT s.project_id, s.trace_id, root.span_id, root.name, MIN(s.start_ns), MAX(s.end_ns),
    COUNT(*), SUM(CASE WHEN s.span_kind = 'llm' THEN 1 ELSE 0 END),
    SUM(CASE WHEN s.status <> 'success' THEN 1 ELSE 0 END),
    CASE WHEN SUM(CASE WHEN s.status <> 'success' THEN 1 ELSE 0 END) > 0
         THEN 'error' ELSE 'success' END,
    COALESCE(SUM(s.input_tokens), 0), COALESCE(SUM(s.output_tokens), 0), SUM(s.cost_usd),
    MAX(s.model), MAX(s.user_id), MAX(s.session_id), MAX(s.agent_id), MAX(s.service_name),
    MAX(s.environment)
FROM spans s
LEFT JOIN (
    SELECT r.span_id, r.name FROM spans r
    WHERE r.project_id = :project_id AND r.trace_id = :trace_id
    ORDER BY CASE WHEN r.parent_span_id IS NULL OR NOT EXISTS (
        SELECT 1 FROM spans p WHERE p.project_id = r.project_id AND p.trace_id = r.trace_id
        AND p.span_id = r.parent_span_id) THEN 0 ELSE 1 END, r.start_ns
    LIMIT 1
) root ON 1 = 1
WHERE s.project_id = :project_id AND s.trace_id = :trace_id
GROUP BY s.project_id, s.trace_id, root.span_id, root.name
ON CONFLICT (project_id, trace_id) DO UPDATE SET
    root_span_id = excluded.root_span_id, name = excluded.name, start_ns = excluded.start_ns,
    end_ns = excluded.end_ns, span_count = excluded.span_count,
    llm_count = excluded.llm_count, error_count = excluded.error_count,
    status = excluded.status, input_tokens = excluded.input_tokens,
    output_tokens = excluded.output_tokens, cost_usd = excluded.cost_usd,
    model = excluded.model, user_id = excluded.user_id, session_id = excluded.session_id,
    agent_id = excluded.agent_id, service_name = excluded.service_name,
    environment = excluded.environment
"""
)

# PostgreSQL: serialize recomputes of one trace across server processes, so the last one
# to commit always sees every span (READ COMMITTED takes a new snapshot per statement).
_LOCK_TRACES = text(
    "SELECT pg_advisory_xact_lock(hashtextextended(k, 0)) "
    "FROM (SELECT unnest(CAST(:keys AS text[])) AS k ORDER BY 1) AS keys"
)


def write_rows(conn: Connection, rows: list[dict[str, Any]]) -> None:
    """Store span rows once each, then bring their traces, sessions and users up to date."""
    if not rows:
        return
    dialect = conn.dialect.name
    # Key order keeps concurrent PostgreSQL writers from deadlocking on the same spans.
    rows = sorted(rows, key=lambda r: (r["project_id"], r["trace_id"], r["span_id"]))
    conn.execute(d.insert(dialect, spans).on_conflict_do_nothing(), rows)
    trace_keys = sorted({(r["project_id"], r["trace_id"]) for r in rows})
    if dialect == "postgresql":
        conn.execute(_LOCK_TRACES, {"keys": [f"{p}\x1f{t}" for p, t in trace_keys]})
    conn.execute(_RECOMPUTE_TRACE, [{"project_id": p, "trace_id": t} for p, t in trace_keys])
    # Sessions and users follow their traces: an LLM span inherits the user and session
    # that any span of its trace (typically the request's root) carries.
    touched = conn.execute(
        select(traces.c.project_id, traces.c.user_id, traces.c.session_id, traces.c.start_ns,
               traces.c.end_ns)
        .where(tuple_(traces.c.project_id, traces.c.trace_id).in_(trace_keys))
    ).all()
    _touch_sessions(conn, dialect, touched)
    _touch_users(conn, dialect, touched)


def session_key(session_id: str | None, user_id: str | None) -> str | None:
    """The session a trace belongs to; a user's traces without one share an implicit one."""
    if session_id is not None:
        return session_id
    return IMPLICIT_SESSION + user_id if user_id is not None else None


def _ranges(traces_touched: list[Any], key: Any) -> list[dict[str, Any]]:
    ranges: dict[tuple[str, str], dict[str, Any]] = {}
    for trace in traces_touched:
        value = key(trace)
        if value is None:
            continue
        entry = ranges.setdefault(
            (trace.project_id, value),
            {"project_id": trace.project_id, "key": value, "user_id": trace.user_id,
             "first_ns": trace.start_ns, "last_ns": trace.end_ns},
        )
        entry["first_ns"] = min(entry["first_ns"], trace.start_ns)
        entry["last_ns"] = max(entry["last_ns"], trace.end_ns)
        entry["user_id"] = entry["user_id"] or trace.user_id
    return list(ranges.values())


def _touch_sessions(conn: Connection, dialect: str, touched: list[Any]) -> None:
    ranges = _ranges(touched, lambda t: session_key(t.session_id, t.user_id))
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


def _touch_users(conn: Connection, dialect: str, touched: list[Any]) -> None:
    ranges = _ranges(touched, lambda t: t.user_id)
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
