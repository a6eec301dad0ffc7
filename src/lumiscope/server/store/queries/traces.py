"""One trace as a span tree, and the list of traces (``/v1/get-traces``)."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Connection, select

from lumiscope.server.store.queries.span_json import span_full
from lumiscope.server.store.schema import spans, traces
from lumiscope.server.store.timefmt import iso


def span_tree(conn: Connection, project_id: str, trace_id: str) -> list[dict[str, Any]]:
    """Root spans, each with a recursive ``children`` list, in start order.

    A span whose parent never arrived is shown as a root. Empty list: no such trace.
    """
    rows = conn.execute(
        select(spans).where(spans.c.project_id == project_id, spans.c.trace_id == trace_id)
        .order_by(spans.c.start_ns, spans.c.span_id)
    ).all()
    trace = conn.execute(
        select(traces.c.user_id, traces.c.session_id)
        .where(traces.c.project_id == project_id, traces.c.trace_id == trace_id)
    ).first()
    nodes = {row.span_id: {**span_full(row), "children": []} for row in rows}
    for node in nodes.values():  # spans without identity show their trace's
        if trace is not None:
            node["user_id"] = node["user_id"] or trace.user_id
            node["session_id"] = node["session_id"] or trace.session_id
    roots = []
    for node in nodes.values():
        parent = nodes.get(node["parent_span_id"]) if node["parent_span_id"] else None
        (parent["children"] if parent else roots).append(node)
    return roots


def trace_summary(row: Any) -> dict[str, Any]:
    return {
        "trace_id": row.trace_id,
        "name": row.name,
        "start_time": iso(row.start_ns),
        "duration_ms": round((row.end_ns - row.start_ns) / 1e6, 3),
        "span_count": row.span_count,
        "llm_count": row.llm_count,
        "status": "ok" if row.status == "success" else "error",
        "user_id": row.user_id,
        "session_id": row.session_id,
        "agent_id": row.agent_id,
        "service_name": row.service_name,
        "model": row.model,
        "input_tokens": row.input_tokens,
        "output_tokens": row.output_tokens,
        "cost_usd": row.cost_usd,
    }


def list_traces(
    conn: Connection,
    project_id: str,
    *,
    limit: int = 50,
    user_id: str | None = None,
    session_id: str | None = None,
    agent_id: str | None = None,
    since_ns: int | None = None,
    before_ns: int | None = None,
    without_session: bool = False,
) -> list[dict[str, Any]]:
    """Newest first. ``without_session``: only traces that belong to no session."""
    query = select(traces).where(traces.c.project_id == project_id)
    if without_session:
        query = query.where(traces.c.session_id.is_(None))
    for column, value in ((traces.c.user_id, user_id), (traces.c.session_id, session_id),
                          (traces.c.agent_id, agent_id)):
        if value is not None:
            query = query.where(column == value)
    if since_ns is not None:
        query = query.where(traces.c.start_ns >= since_ns)
    if before_ns is not None:
        query = query.where(traces.c.start_ns < before_ns)
    query = query.order_by(traces.c.start_ns.desc(), traces.c.trace_id).limit(limit)
    return [trace_summary(row) for row in conn.execute(query)]
