"""The raw event log (``GET /v1/events``): filters and keyset cursor pagination."""

from __future__ import annotations

import base64
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, and_, func, or_, select, tuple_

from lumiscope.server.store.queries.span_json import SUMMARY_COLUMNS, span_summary
from lumiscope.server.store.schema import spans, traces

# A span shows and is found by its trace's user and session when it has none of its own:
# an LLM call inside a request usually carries neither, the request's root span does.
_WITH_TRACE = spans.outerjoin(traces, and_(traces.c.project_id == spans.c.project_id,
                                           traces.c.trace_id == spans.c.trace_id))
USER_ID = func.coalesce(spans.c.user_id, traces.c.user_id)
SESSION_ID = func.coalesce(spans.c.session_id, traces.c.session_id)


@dataclass(frozen=True)
class EventFilter:
    model: str | None = None
    status: str | None = None
    start_ns: int | None = None
    end_ns: int | None = None
    environment: str | None = None
    user_id: str | None = None
    session_id: str | None = None
    span_kind: str | None = None
    trace_id: str | None = None

    def clauses(self) -> list[Any]:
        c = spans.c
        out = []
        for column, value in ((c.model, self.model), (c.status, self.status),
                              (c.environment, self.environment), (USER_ID, self.user_id),
                              (SESSION_ID, self.session_id), (c.span_kind, self.span_kind),
                              (c.trace_id, self.trace_id)):
            if value is not None:
                out.append(column == value)
        if self.start_ns is not None:
            out.append(c.start_ns >= self.start_ns)
        if self.end_ns is not None:
            out.append(c.start_ns <= self.end_ns)
        return out


def encode_cursor(start_ns: int, trace_id: str, span_id: str) -> str:
    raw = f"{start_ns}\x1f{trace_id}\x1f{span_id}".encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def decode_cursor(cursor: str) -> tuple[int, str, str]:
    """``ValueError`` for a cursor this server did not hand out."""
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)).decode()
        start, trace_id, span_id = raw.split("\x1f")
        return int(start), trace_id, span_id
    except (ValueError, UnicodeDecodeError):
        raise ValueError("cursor is not one this server returned") from None


def list_events(
    conn: Connection, project_id: str, filters: EventFilter, limit: int, cursor: str | None
) -> dict[str, Any]:
    """Newest first; ``nextCursor`` is ``None`` on the last page; ``total`` counts all pages.

    Keyset pagination on (start, trace, span) keeps pages stable while new spans arrive.
    """
    where = [spans.c.project_id == project_id, *filters.clauses()]
    page_where = list(where)
    if cursor:
        start, trace_id, span_id = decode_cursor(cursor)
        key = tuple_(spans.c.trace_id, spans.c.span_id)
        page_where.append(or_(spans.c.start_ns < start,
                              and_(spans.c.start_ns == start, key > tuple_(trace_id, span_id))))
    identity = {"user_id": USER_ID.label("user_id"), "session_id": SESSION_ID.label("session_id")}
    columns = [identity.get(name, spans.c[name]) for name in SUMMARY_COLUMNS]
    rows = conn.execute(
        select(*columns).select_from(_WITH_TRACE).where(*page_where)
        .order_by(spans.c.start_ns.desc(), spans.c.trace_id, spans.c.span_id).limit(limit + 1)
    ).all()
    total = conn.execute(select(func.count()).select_from(_WITH_TRACE).where(*where)).scalar_one()
    more = len(rows) > limit
    rows = rows[:limit]
    next_cursor = encode_cursor(rows[-1].start_ns, rows[-1].trace_id, rows[-1].span_id) \
        if more and rows else None
    return {"events": [span_summary(r) for r in rows], "nextCursor": next_cursor, "total": total}
