"""The span writer commits before it answers, and refuses instead of growing."""

from __future__ import annotations

import sqlite3

import pytest
from sqlalchemy import func, select

from lumiscope.server.app import open_store
from lumiscope.server.errors import BadRequest, Overloaded
from lumiscope.server.settings import Settings
from lumiscope.server.store.schema import spans
from lumiscope.server.store.writer import SpanWriter
from tests.server.store.test_spans import row


@pytest.fixture
def sqlite_engine(tmp_path):  # type: ignore[no-untyped-def]
    engine = open_store(Settings.load({}, data_dir=tmp_path))
    yield engine
    engine.dispose()


def count(engine) -> int:  # type: ignore[no-untyped-def]
    with engine.connect() as conn:
        return conn.execute(select(func.count()).select_from(spans)).scalar()


def test_a_write_resolves_only_once_its_rows_are_committed(store_engine):
    writer = SpanWriter(store_engine)
    writer.start()
    try:
        futures = [writer.submit([row(f"s{i}", trace_id=f"t{i}")]) for i in range(50)]
        assert [f.result(timeout=10) for f in futures] == [1] * 50
        assert count(store_engine) == 50
        assert writer.committed == 50
    finally:
        writer.stop()


def test_a_full_backlog_is_refused_and_counted_not_dropped(sqlite_engine, tmp_path):
    writer = SpanWriter(sqlite_engine, capacity=3)
    writer.start()
    blocker = sqlite3.connect(tmp_path / "lumiscope.db", isolation_level=None)
    blocker.execute("BEGIN IMMEDIATE")  # the writer now waits for the lock
    try:
        first = writer.submit([row("a"), row("b")])
        with pytest.raises(Overloaded) as refused:
            writer.submit([row("c"), row("d")])
        assert refused.value.retry_after >= 1
        assert writer.refused == 2
    finally:
        blocker.execute("ROLLBACK")
        blocker.close()
    assert first.result(timeout=15) == 2
    writer.stop()
    assert count(sqlite_engine) == 2


def test_stopping_commits_what_is_queued(sqlite_engine):
    writer = SpanWriter(sqlite_engine)
    writer.start()
    futures = [writer.submit([row(f"s{i}", trace_id=f"t{i}")]) for i in range(20)]
    writer.stop()
    assert all(f.done() and f.exception() is None for f in futures)
    assert count(sqlite_engine) == 20
    with pytest.raises(Overloaded):
        writer.submit([row("late")])


def test_one_bad_batch_does_not_fail_the_batches_committed_with_it(sqlite_engine, tmp_path):
    writer = SpanWriter(sqlite_engine)
    writer.start()
    blocker = sqlite3.connect(tmp_path / "lumiscope.db", isolation_level=None)
    blocker.execute("BEGIN IMMEDIATE")  # everything below queues up into one group
    bad = row("bad")
    bad["start_ns"] = None  # violates NOT NULL
    first = writer.submit([row("first", trace_id="t-first")])
    good = [writer.submit([row(f"g{i}", trace_id=f"t{i}")]) for i in range(3)]
    broken = writer.submit([bad])
    blocker.execute("ROLLBACK")
    blocker.close()
    assert first.result(timeout=15) == 1
    assert all(f.result(timeout=15) == 1 for f in good)
    with pytest.raises(BadRequest):
        broken.result(timeout=15)
    writer.stop()
    assert count(sqlite_engine) == 4
