"""Retention: traces older than the configured age go, with their spans.

Memory is not touched: it is what the traces taught, kept until the user is forgotten.
"""

from __future__ import annotations

from sqlalchemy import Connection, delete, select, tuple_

from lumiscope.server.store.schema import spans, traces


def purge_before(conn: Connection, cutoff_ns: int, limit: int = 2000) -> int:
    """Delete up to ``limit`` traces that ended before ``cutoff_ns``, and their spans.

    Returns how many traces went; call again until it returns 0 (small batches keep each
    write transaction short, so ingest never waits long for SQLite's lock).
    """
    keys = [tuple(row) for row in conn.execute(
        select(traces.c.project_id, traces.c.trace_id)
        .where(traces.c.end_ns < cutoff_ns).limit(limit))]
    if not keys:
        return 0
    conn.execute(delete(spans).where(tuple_(spans.c.project_id, spans.c.trace_id).in_(keys)))
    conn.execute(delete(traces).where(tuple_(traces.c.project_id, traces.c.trace_id).in_(keys)))
    return len(keys)
