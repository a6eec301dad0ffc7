"""The LLM calls of one session, with their messages: what the memory engine learns from."""

from __future__ import annotations

from sqlalchemy import Connection, and_, func, select

from lumiscope.server.ingest import messages
from lumiscope.server.memory.turns import LlmCall
from lumiscope.server.store.queries.span_json import decode_payload
from lumiscope.server.store.schema import spans, traces
from lumiscope.server.store.spans import IMPLICIT_SESSION


def session_calls(conn: Connection, project_id: str, session_id: str,
                  user_id: str) -> list[LlmCall]:
    """LLM calls of the session's traces in start order, each with its trace's identity.

    A call whose span lacks the user or session takes its trace's; the agent is the span's,
    else the trace's, else the service name (Flowlines names agents after services).
    """
    s, t = spans.c, traces.c
    if session_id.startswith(IMPLICIT_SESSION):
        in_session = and_(t.session_id.is_(None), t.user_id == user_id)
    else:
        in_session = t.session_id == session_id
    rows = conn.execute(
        select(s.trace_id, s.span_id, s.start_ns, s.payload,
               func.coalesce(s.user_id, t.user_id).label("user_id"),
               func.coalesce(s.agent_id, t.agent_id, s.service_name).label("agent_id"))
        .join(traces, and_(t.project_id == s.project_id, t.trace_id == s.trace_id))
        .where(s.project_id == project_id, s.span_kind == "llm", in_session)
        .order_by(s.start_ns, s.span_id)
    ).all()
    calls = []
    for row in rows:
        if row.user_id != user_id:
            continue
        attributes, events = decode_payload(row.payload)
        inputs, outputs = messages.extract(attributes, events, is_llm=True)
        calls.append(LlmCall(inputs, outputs, row.trace_id, row.span_id, session_id,
                             row.user_id, row.agent_id, row.start_ns))
    return calls
