"""Trace rows: one per trace, kept right whatever the order or repetition of its spans.

A trace seen for the first time is summarized in Python from the rows at hand (its spans
are all in this group); a trace that already has stored spans is recomputed in SQL from all
of them. The first path is the common one under load and skips a query per trace.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Connection, select, text, tuple_

from lumiscope.server.store import dialect as d
from lumiscope.server.store.schema import traces

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
        AND p.span_id = r.parent_span_id) THEN 0 ELSE 1 END, r.start_ns, r.span_id
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
# to commit always sees every span (READ COMMITTED takes a new snapshot per statement),
# and a trace is new to at most one of them.
_LOCK_TRACES = text(
    "SELECT pg_advisory_xact_lock(hashtextextended(k, 0)) "
    "FROM (SELECT unnest(CAST(:keys AS text[])) AS k ORDER BY 1) AS keys"
)


def update_traces(conn: Connection, rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Bring the traces of ``rows`` up to date; returns each one's identity and time range.

    Runs in the caller's transaction, after ``rows`` were inserted.
    """
    keys = sorted({(r["project_id"], r["trace_id"]) for r in rows})
    if conn.dialect.name == "postgresql":
        conn.execute(_LOCK_TRACES, {"keys": [f"{p}\x1f{t}" for p, t in keys]})
    known = {tuple(k) for k in conn.execute(
        select(traces.c.project_id, traces.c.trace_id)
        .where(tuple_(traces.c.project_id, traces.c.trace_id).in_(keys)))}
    fresh: dict[tuple[str, str], list[dict[str, Any]]] = {}
    for row in rows:
        key = (row["project_id"], row["trace_id"])
        if key not in known:
            fresh.setdefault(key, []).append(row)
    summaries = [summarize(spans) for spans in fresh.values()]
    if summaries:
        conn.execute(d.insert(conn.dialect.name, traces), summaries)
    stale = [{"project_id": p, "trace_id": t} for p, t in keys if (p, t) in known]
    if not stale:
        return summaries
    conn.execute(_RECOMPUTE_TRACE, stale)
    recomputed = conn.execute(
        select(traces.c.project_id, traces.c.user_id, traces.c.session_id, traces.c.start_ns,
               traces.c.end_ns)
        .where(tuple_(traces.c.project_id, traces.c.trace_id).in_(
            [(k["project_id"], k["trace_id"]) for k in stale]))
    )
    return summaries + [dict(r._mapping) for r in recomputed]


def summarize(rows: list[dict[str, Any]]) -> dict[str, Any]:
    """The trace row of a trace whose every span is in ``rows`` (the SQL recompute's twin)."""
    spans = list({r["span_id"]: r for r in rows}.values())
    ids = {s["span_id"] for s in spans}
    root = min(spans, key=lambda s: (s["parent_span_id"] in ids, s["start_ns"], s["span_id"]))
    errors = sum(1 for s in spans if s["status"] != "success")
    costs = [s["cost_usd"] for s in spans if s["cost_usd"] is not None]

    def largest(name: str) -> Any:
        return max((s[name] for s in spans if s[name] is not None), default=None)

    return {
        "project_id": root["project_id"], "trace_id": root["trace_id"],
        "root_span_id": root["span_id"], "name": root["name"],
        "start_ns": min(s["start_ns"] for s in spans),
        "end_ns": max(s["end_ns"] for s in spans),
        "span_count": len(spans),
        "llm_count": sum(1 for s in spans if s["span_kind"] == "llm"),
        "error_count": errors, "status": "error" if errors else "success",
        "input_tokens": sum(s["input_tokens"] or 0 for s in spans),
        "output_tokens": sum(s["output_tokens"] or 0 for s in spans),
        "cost_usd": sum(costs) if costs else None,
        "model": largest("model"), "user_id": largest("user_id"),
        "session_id": largest("session_id"), "agent_id": largest("agent_id"),
        "service_name": largest("service_name"), "environment": largest("environment"),
    }
