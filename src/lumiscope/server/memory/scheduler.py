"""The memory scheduler: learns from ended sessions in the background.

One thread per server process. It claims sessions through the store (leases, see
:mod:`lumiscope.server.store.memory_claims`), so several processes share the work with
none done twice, and a run cut short by a killed process is redone after restart. It wakes
when a session is ended and otherwise every ``interval`` seconds to find idle sessions.
"""

from __future__ import annotations

import logging
import os
import secrets
import threading
import time

from sqlalchemy import Engine as Database

from lumiscope.server.memory.engine import Engine
from lumiscope.server.memory.turns import extract_turns
from lumiscope.server.store import memory_store
from lumiscope.server.store.database import writing
from lumiscope.server.store.memory_claims import Claim, claim_sessions, finish
from lumiscope.server.store.queries.conversations import session_calls

log = logging.getLogger(__name__)

MINUTE_NS = 60 * 10**9


class MemoryScheduler:
    """Lifecycle: ``start()``, ``wake()`` after a session ends, ``stop()``.

    :meth:`run_once` does one round synchronously (tests and the thread use it).
    """

    def __init__(self, database: Database, engine: Engine, *, idle_ns: int,
                 lease_ns: int = 5 * MINUTE_NS, interval: float = 30.0) -> None:
        self._db = database
        self._engine = engine
        self._idle_ns = idle_ns
        self._lease_ns = lease_ns
        self._interval = interval
        self._owner = f"{os.getpid()}-{secrets.token_hex(4)}"
        self._wakeup = threading.Event()
        self._stopping = threading.Event()
        self._thread: threading.Thread | None = None
        self.learned_sessions = 0
        self.failures = 0

    def start(self) -> None:
        self._thread = threading.Thread(target=self._run, name="lumiscope-memory", daemon=True)
        self._thread.start()

    def stop(self, timeout: float = 10.0) -> None:
        """Finish the session at hand (within ``timeout``) and end the thread."""
        self._stopping.set()
        self._wakeup.set()
        if self._thread is not None:
            self._thread.join(timeout)

    def wake(self) -> None:
        """Look for work now (non-blocking)."""
        self._wakeup.set()

    def _run(self) -> None:
        while not self._stopping.is_set():
            self._wakeup.clear()
            try:
                busy = self.run_once() > 0
            except Exception:  # the store may be briefly unavailable; try next round
                log.exception("memory scheduling failed")
                busy = False
            if not busy:
                self._wakeup.wait(self._interval)

    def run_once(self) -> int:
        """Claim what needs learning and learn it; returns how many sessions were learned."""
        with writing(self._db) as conn:
            claims = claim_sessions(conn, self._owner, now_ns=time.time_ns(),
                                    idle_ns=self._idle_ns, lease_ns=self._lease_ns)
        done = 0
        for claim in claims:
            if self._stopping.is_set():
                break  # the lease lets a later run take the rest over
            try:
                self._learn(claim)
                done += 1
            except Exception:
                # Left claimed: retried once the lease runs out, not in a tight loop.
                self.failures += 1
                log.exception("learning session %s failed", claim.session_id)
        self.learned_sessions += done
        return done

    def _learn(self, claim: Claim) -> None:
        project, user = claim.project_id, claim.user_id
        with self._db.connect() as conn:
            calls = session_calls(conn, project, claim.session_id, user)
            seen = memory_store.learned_fingerprints(conn, project, user)
            existing = memory_store.load_facts(conn, project, user)
            summaries = memory_store.summaries(conn, project, user)
        turns = extract_turns(calls, seen)
        update = None
        if turns:
            # The engine runs outside any transaction: the llm engine may take seconds,
            # and SQLite's write lock must not wait on it.
            recent = [text for key, (text, _) in summaries.items()
                      if key not in (memory_store.USER_SUMMARY, claim.session_id)]
            update = self._engine.learn(turns, existing, time.time_ns(), recent_summaries=recent)
        with writing(self._db) as conn:
            if update is not None:
                fingerprints = [fp for turn in turns for fp in turn.fingerprints]
                memory_store.save_update(conn, project, user, claim.session_id, update,
                                         fingerprints, time.time_ns())
            finish(conn, claim, self._owner)
