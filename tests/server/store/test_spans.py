"""Span rows are stored once, and trace/session/user rows stay right, on both stores."""

from __future__ import annotations

from typing import Any

from sqlalchemy import func, select

from lumiscope.server.store.schema import sessions, spans, traces, users
from lumiscope.server.store.spans import write_rows

SECOND = 10**9


def row(span_id: str, parent: str | None = None, *, trace_id: str = "t1", start: int = 0,
        **fields: Any) -> dict[str, Any]:
    base = {
        "project_id": "p", "trace_id": trace_id, "span_id": span_id, "parent_span_id": parent,
        "event_id": None, "name": span_id, "span_kind": "general", "start_ns": start * SECOND,
        "end_ns": (start + 1) * SECOND, "status": "success", "error_code": None,
        "error_message": None, "provider": None, "model": None, "operation": "custom",
        "input_tokens": None, "output_tokens": None, "cached_tokens": None, "cost_usd": None,
        "ttft_ms": None, "stream": None, "environment": None, "user_id": None,
        "session_id": None, "agent_id": None, "service_name": "svc", "scope_name": None,
        "source": "otlp", "resource": None, "payload": b"",
    }
    base.update(fields)
    return base


def write(engine, *rows: dict[str, Any]) -> None:  # type: ignore[no-untyped-def]
    with engine.begin() as conn:
        write_rows(conn, list(rows))


def trace_row(engine, trace_id: str = "t1"):  # type: ignore[no-untyped-def]
    with engine.connect() as conn:
        return conn.execute(select(traces).where(traces.c.trace_id == trace_id)).one()


def test_a_span_sent_twice_is_stored_once_and_counted_once(store_engine):
    llm = row("llm", input_tokens=10, output_tokens=5, span_kind="llm", cost_usd=0.5)
    write(store_engine, llm)
    write(store_engine, llm, llm)
    with store_engine.connect() as conn:
        assert conn.execute(select(func.count()).select_from(spans)).scalar() == 1
    trace = trace_row(store_engine)
    assert (trace.span_count, trace.llm_count, trace.input_tokens, trace.cost_usd) == \
        (1, 1, 10, 0.5)


def test_children_arriving_before_their_root_leave_the_trace_row_right(store_engine):
    write(store_engine, row("child", "root", start=2, status="error"))
    assert trace_row(store_engine).name == "child"  # its parent is not there yet
    write(store_engine, row("root", start=1), row("grandchild", "child", start=3))
    trace = trace_row(store_engine)
    assert (trace.name, trace.root_span_id, trace.span_count) == ("root", "root", 3)
    assert (trace.start_ns, trace.end_ns) == (1 * SECOND, 4 * SECOND)
    assert (trace.status, trace.error_count) == ("error", 1)


def test_a_span_whose_parent_never_arrives_is_the_root(store_engine):
    write(store_engine, row("orphan", "missing-parent", start=5),
          row("later", "orphan", start=6))
    assert trace_row(store_engine).root_span_id == "orphan"


def test_sessions_and_users_track_first_and_last_activity(store_engine):
    write(store_engine, row("a", start=10, user_id="u", session_id="s"))
    write(store_engine, row("b", trace_id="t2", start=5, user_id="u", session_id="s"))
    with store_engine.connect() as conn:
        session = conn.execute(select(sessions)).one()
        user = conn.execute(select(users)).one()
    assert (session.first_ns, session.last_ns, session.user_id) == (5 * SECOND, 11 * SECOND, "u")
    assert (user.first_ns, user.last_ns) == (5 * SECOND, 11 * SECOND)


def test_native_events_with_the_same_event_id_are_stored_once(store_engine):
    write(store_engine, row("x", event_id="e-1", source="native"))
    write(store_engine, row("y", event_id="e-1", source="native"))
    with store_engine.connect() as conn:
        assert conn.execute(select(func.count()).select_from(spans)).scalar() == 1


def test_a_new_trace_summarized_in_python_equals_its_recompute_in_sql(store_engine):
    spans_of_trace = [
        row("root", start=1, user_id="u", service_name="svc"),
        row("llm-a", "root", start=2, span_kind="llm", model="gpt-4o", input_tokens=7,
            output_tokens=3, cost_usd=0.25, session_id="s", status="error"),
        row("llm-b", "root", start=3, span_kind="llm", model="gpt-4o-mini", input_tokens=1,
            agent_id="bot", environment="prod"),
        row("orphan", "gone", start=0),
    ]
    write(store_engine, *spans_of_trace)  # a new trace: summarized from the rows
    first = trace_row(store_engine)._asdict()
    write(store_engine, spans_of_trace[1])  # a known trace: recomputed in SQL
    assert trace_row(store_engine)._asdict() == first
    assert (first["root_span_id"], first["span_count"], first["error_count"]) == ("orphan", 4, 1)
