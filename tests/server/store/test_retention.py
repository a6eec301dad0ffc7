"""Old traces are purged with their spans; recent ones and memory stay."""

from __future__ import annotations

import time

from sqlalchemy import func, select

from lumiscope.server.memory.model import MemoryUpdate
from lumiscope.server.retention import DAY_NS, RetentionJob
from lumiscope.server.store import memory_store
from lumiscope.server.store.database import writing
from lumiscope.server.store.schema import spans, traces
from lumiscope.server.store.spans import write_rows
from tests.server.store.test_spans import row

SECOND = 10**9


def count(engine, table) -> int:  # type: ignore[no-untyped-def]
    with engine.connect() as conn:
        return conn.execute(select(func.count()).select_from(table)).scalar()


def test_traces_older_than_the_retention_go_with_their_spans(store_engine):
    now = time.time_ns()
    old, recent = (now - 40 * DAY_NS) // SECOND, (now - DAY_NS) // SECOND
    with writing(store_engine) as conn:
        write_rows(conn, [row("a", trace_id="old", start=old),
                          row("b", "a", trace_id="old", start=old, user_id="u"),
                          row("c", trace_id="recent", start=recent, user_id="u")])
        memory_store.save_update(conn, "p", "u", "s", MemoryUpdate([], [], "", "Likes tea."),
                                 [], now)
    job = RetentionJob(store_engine, days=30)
    assert job.run_once(now) == 1
    assert count(store_engine, traces) == 1 and count(store_engine, spans) == 1
    with store_engine.connect() as conn:
        assert conn.execute(select(traces.c.trace_id)).scalar() == "recent"
        assert memory_store.summaries(conn, "p", "u")[""][0] == "Likes tea."
    assert job.run_once(now) == 0


def test_a_server_with_retention_purges_old_traces_when_it_starts(tmp_path):
    from lumiscope.server.app import open_store
    from lumiscope.server.settings import Settings
    from tests.conftest import free_port, start_server

    settings = Settings.load({"LUMISCOPE_RETENTION_DAYS": "7"}, data_dir=tmp_path,
                             port=free_port())
    engine = open_store(settings)
    with writing(engine) as conn:
        write_rows(conn, [row("x", trace_id="ancient", start=1_000_000_000)])  # year 2001
    for _server in start_server(settings):
        deadline = time.monotonic() + 10
        while count(engine, traces) and time.monotonic() < deadline:
            time.sleep(0.05)
    assert count(engine, traces) == 0 and count(engine, spans) == 0
