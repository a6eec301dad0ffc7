"""Users: listing, one user with their sessions, and forgetting one."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Connection, delete, func, select, update

from lumiscope.server.store.queries.sessions import list_sessions
from lumiscope.server.store.schema import sessions, spans, traces, users
from lumiscope.server.store.timefmt import iso


def _query(project_id: str):  # type: ignore[no-untyped-def]
    t = traces.c
    stats = (
        select(t.user_id, func.count().label("trace_count"),
               func.count(func.distinct(t.session_id)).label("session_count"),
               func.sum(t.llm_count).label("llm_count"),
               func.sum(t.input_tokens + t.output_tokens).label("tokens"),
               func.sum(t.cost_usd).label("cost_usd"))
        .where(t.project_id == project_id, t.user_id.is_not(None))
        .group_by(t.user_id)
        .subquery()
    )
    return (
        select(users, stats.c.trace_count, stats.c.session_count, stats.c.llm_count,
               stats.c.tokens, stats.c.cost_usd)
        .outerjoin(stats, stats.c.user_id == users.c.user_id)
        .where(users.c.project_id == project_id)
    )


def _user_json(row: Any) -> dict[str, Any]:
    return {
        "user_id": row.user_id,
        "first_seen": iso(row.first_ns),
        "last_seen": iso(row.last_ns),
        "trace_count": row.trace_count or 0,
        "session_count": row.session_count or 0,
        "llm_count": row.llm_count or 0,
        "total_tokens": row.tokens or 0,
        "cost_usd": row.cost_usd,
    }


def list_users(conn: Connection, project_id: str, *, limit: int = 50,
               offset: int = 0) -> list[dict[str, Any]]:
    query = _query(project_id).order_by(users.c.last_ns.desc()).limit(limit).offset(offset)
    return [_user_json(row) for row in conn.execute(query)]


def get_user(conn: Connection, project_id: str, user_id: str, *,
             idle_ns: int) -> dict[str, Any] | None:
    row = conn.execute(_query(project_id).where(users.c.user_id == user_id)).first()
    if row is None:
        return None
    result = _user_json(row)
    result["sessions"] = list_sessions(conn, project_id, idle_ns=idle_ns, user_id=user_id,
                                       limit=200)
    return result


def forget_user(conn: Connection, project_id: str, user_id: str) -> bool:
    """Unlink the user's traces and drop the user row; ``False`` if the user is unknown."""
    found = conn.execute(
        delete(users).where(users.c.project_id == project_id, users.c.user_id == user_id)
    ).rowcount
    for table in (spans, traces, sessions):
        unlinked = conn.execute(
            update(table).where(table.c.project_id == project_id, table.c.user_id == user_id)
            .values(user_id=None)
        ).rowcount
        found = found or unlinked
    return bool(found)
