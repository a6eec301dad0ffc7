"""The scheduler learns each ended session once, shares work, and resumes after a crash."""

from __future__ import annotations

import json
import threading
import time

from opentelemetry.proto.common.v1.common_pb2 import KeyValue
from opentelemetry.proto.trace.v1.trace_pb2 import Span

from lumiscope.server.memory.engine import BuiltinEngine
from lumiscope.server.memory.scheduler import MemoryScheduler
from lumiscope.server.store import memory_store
from lumiscope.server.store.database import writing
from lumiscope.server.store.memory_claims import claim_sessions
from lumiscope.server.store.queries.sessions import mark_ended
from lumiscope.server.store.spans import write_rows
from tests.server.store.test_spans import row

MINUTE = 60 * 10**9


def said(engine, user: str, session: str, text: str, start: int = 1) -> None:  # type: ignore[no-untyped-def]
    span = Span(name="chat")
    messages = json.dumps([{"role": "user", "parts": [{"type": "text", "content": text}]}])
    span.attributes.append(KeyValue(key="gen_ai.input.messages",
                                    value={"string_value": messages}))
    with writing(engine) as conn:
        write_rows(conn, [row(f"{session}-{start}", trace_id=f"{session}-{start}",
                              span_kind="llm", user_id=user, session_id=session, start=start,
                              payload=span.SerializeToString())])
        mark_ended(conn, "p", session, user)


class CountingEngine(BuiltinEngine):
    def __init__(self) -> None:
        self.turns_seen: list[str] = []
        self._lock = threading.Lock()

    def learn(self, turns, existing, now_ns, *, recent_summaries=()):  # type: ignore[no-untyped-def]
        with self._lock:
            self.turns_seen += [m for t in turns for m in t.user_messages]
        return super().learn(turns, existing, now_ns, recent_summaries=recent_summaries)


def facts(engine, user: str) -> dict[str, str]:  # type: ignore[no-untyped-def]
    with engine.connect() as conn:
        return {f.subject: f.value for f in memory_store.load_facts(conn, "p", user) if f.current}


def test_an_ended_session_is_learned_once(store_engine):
    said(store_engine, "u", "s", "I live in Lisbon.")
    counting = CountingEngine()
    scheduler = MemoryScheduler(store_engine, counting, idle_ns=30 * MINUTE)
    assert scheduler.run_once() == 1
    assert scheduler.run_once() == 0
    assert counting.turns_seen == ["I live in Lisbon."]
    assert facts(store_engine, "u") == {"home_city": "Lisbon"}


def test_two_schedulers_share_the_work_and_never_learn_a_session_twice(store_engine):
    for i in range(12):
        said(store_engine, f"u{i}", f"s{i}", f"I live in City{i}.")
    counting = CountingEngine()
    schedulers = [MemoryScheduler(store_engine, counting, idle_ns=30 * MINUTE)
                  for _ in range(2)]
    threads = [threading.Thread(target=s.run_once) for s in schedulers]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    for scheduler in schedulers:
        scheduler.run_once()
    assert sorted(counting.turns_seen) == sorted(f"I live in City{i}." for i in range(12))


def test_a_claim_waits_for_a_claim_in_progress_and_then_sees_it(store_engine):
    said(store_engine, "u", "s", "I live in Lisbon.")
    claimed: list[list] = []

    def claim_elsewhere() -> None:
        with writing(store_engine) as conn:
            claimed.append(claim_sessions(conn, "second", now_ns=time.time_ns(),
                                          idle_ns=30 * MINUTE, lease_ns=5 * MINUTE))

    with writing(store_engine) as conn:
        assert claim_sessions(conn, "first", now_ns=time.time_ns(), idle_ns=30 * MINUTE,
                              lease_ns=5 * MINUTE)
        other = threading.Thread(target=claim_elsewhere)
        other.start()
        other.join(0.5)
        assert other.is_alive()  # waits for the first claim to commit
    other.join(10)
    assert claimed == [[]]  # and then sees the session as taken


def test_work_claimed_by_a_process_that_died_is_resumed_after_the_lease(store_engine):
    said(store_engine, "u", "s", "I work as a nurse.")
    with writing(store_engine) as conn:  # a process claims the session, then dies
        assert claim_sessions(conn, "dead", now_ns=time.time_ns(), idle_ns=30 * MINUTE,
                              lease_ns=5 * MINUTE)
    fresh = MemoryScheduler(store_engine, BuiltinEngine(), idle_ns=30 * MINUTE,
                            lease_ns=5 * MINUTE)
    assert fresh.run_once() == 0  # the lease still holds
    after_restart = MemoryScheduler(store_engine, BuiltinEngine(), idle_ns=30 * MINUTE,
                                    lease_ns=0)
    assert after_restart.run_once() == 1
    assert facts(store_engine, "u") == {"job_title": "nurse"}


def test_new_spans_in_a_learned_session_teach_only_what_is_new(store_engine):
    said(store_engine, "u", "s", "I live in Lisbon.", start=1)
    counting = CountingEngine()
    scheduler = MemoryScheduler(store_engine, counting, idle_ns=30 * MINUTE)
    scheduler.run_once()
    said(store_engine, "u", "s", "I'm vegetarian.", start=5)
    assert scheduler.run_once() == 1
    assert counting.turns_seen == ["I live in Lisbon.", "I'm vegetarian."]
    assert facts(store_engine, "u") == {"home_city": "Lisbon", "diet": "vegetarian"}


def test_the_thread_learns_as_soon_as_it_is_woken(store_engine):
    scheduler = MemoryScheduler(store_engine, BuiltinEngine(), idle_ns=30 * MINUTE,
                                interval=3600)
    scheduler.start()
    try:
        said(store_engine, "u", "s", "I live in Porto.")
        scheduler.wake()
        deadline = time.monotonic() + 10
        while not facts(store_engine, "u") and time.monotonic() < deadline:
            time.sleep(0.05)
    finally:
        scheduler.stop()
    assert facts(store_engine, "u") == {"home_city": "Porto"}
