"""Sessions are claimed for learning once, resumed after a crash, and re-learned on news."""

from __future__ import annotations

import time

from lumiscope.server.store.database import writing
from lumiscope.server.store.memory_claims import claim_sessions, finish
from lumiscope.server.store.queries.sessions import mark_ended
from lumiscope.server.store.spans import write_rows
from tests.server.store.test_spans import row

MINUTE = 60 * 10**9
LEASE = 5 * MINUTE


def add_session(engine, session_id: str, user_id: str = "u") -> None:  # type: ignore[no-untyped-def]
    with writing(engine) as conn:
        write_rows(conn, [row("llm-" + session_id, trace_id="t-" + session_id,
                              span_kind="llm", user_id=user_id, session_id=session_id)])


def claim(engine, owner: str, now: int | None = None, idle: int = 30 * MINUTE):  # type: ignore[no-untyped-def]
    with writing(engine) as conn:
        return claim_sessions(conn, owner, now_ns=now or time.time_ns(), idle_ns=idle,
                              lease_ns=LEASE)


def end(engine, session_id: str) -> None:  # type: ignore[no-untyped-def]
    with writing(engine) as conn:
        mark_ended(conn, "p", session_id, "u")


def test_an_active_session_waits_and_an_ended_one_is_claimed_once(store_engine):
    add_session(store_engine, "s1")
    assert claim(store_engine, "a") == []
    end(store_engine, "s1")
    [claimed] = claim(store_engine, "a")
    assert (claimed.session_id, claimed.user_id) == ("s1", "u")
    assert claim(store_engine, "b") == []


def test_a_session_idle_past_the_timeout_is_claimed_without_an_end(store_engine):
    add_session(store_engine, "idle")
    later = time.time_ns() + 31 * MINUTE
    assert [c.session_id for c in claim(store_engine, "a", now=later)] == ["idle"]


def test_a_finished_session_is_claimed_again_only_when_new_spans_arrive(store_engine):
    add_session(store_engine, "s2")
    end(store_engine, "s2")
    [claimed] = claim(store_engine, "a")
    with writing(store_engine) as conn:
        assert finish(conn, claimed, "a")
    assert claim(store_engine, "a") == []
    with writing(store_engine) as conn:
        write_rows(conn, [row("more", trace_id="t-more", span_kind="llm", user_id="u",
                              session_id="s2", start=10**9)])
    end(store_engine, "s2")
    assert [c.session_id for c in claim(store_engine, "a")] == ["s2"]


def test_a_claim_left_by_a_killed_process_is_taken_over_after_the_lease(store_engine):
    add_session(store_engine, "s3")
    end(store_engine, "s3")
    [abandoned] = claim(store_engine, "dead")
    assert claim(store_engine, "alive") == []
    [resumed] = claim(store_engine, "alive", now=time.time_ns() + LEASE + MINUTE)
    assert resumed.session_id == "s3"
    with writing(store_engine) as conn:
        assert not finish(conn, abandoned, "dead")  # too late: the claim moved on
        assert finish(conn, resumed, "alive")


def test_an_idle_session_without_a_user_is_never_claimed(store_engine):
    with writing(store_engine) as conn:
        write_rows(conn, [row("anon", trace_id="t-anon", span_kind="llm", session_id="s4")])
    later = time.time_ns() + 31 * MINUTE
    assert claim(store_engine, "a", now=later) == []
