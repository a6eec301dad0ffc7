"""The span writer: one thread, one connection, group commit, bounded backlog.

Ingest handlers hand rows to :meth:`SpanWriter.write` and await the commit; the thread
gathers whatever is waiting into one transaction (SQLite gets exactly one writer; on
PostgreSQL each server process has its own). When the backlog is full, ``write`` raises
:class:`~lumiscope.server.errors.Overloaded` at once, so the client retries later instead of
the server growing or dropping data.
"""

from __future__ import annotations

import asyncio
import logging
import threading
import time
from collections import deque
from concurrent.futures import Future
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Connection, Engine
from sqlalchemy.exc import DataError, IntegrityError

from lumiscope.server.errors import BadRequest, LumiscopeError, Overloaded
from lumiscope.server.store.spans import write_rows

log = logging.getLogger(__name__)

GROUP_ROWS = 4096  # rows per transaction at most; bigger groups gain little and delay answers


@dataclass
class _Job:
    rows: list[dict[str, Any]]
    done: Future = field(default_factory=Future)


class SpanWriter:
    """Lifecycle: ``start()``, then ``write()`` from any thread or task, then ``stop()``."""

    def __init__(self, engine: Engine, capacity: int = 50_000) -> None:
        self._engine = engine
        self._capacity = capacity
        self._jobs: deque[_Job] = deque()
        self._pending = 0
        self._cond = threading.Condition()
        self._running = False
        self._thread: threading.Thread | None = None
        self._conn: Connection | None = None
        self.committed = 0
        self.refused = 0

    def start(self) -> None:
        self._running = True
        self._thread = threading.Thread(target=self._run, name="lumiscope-writer", daemon=True)
        self._thread.start()

    def stop(self, timeout: float = 10.0) -> None:
        """Commit what is queued (within ``timeout`` seconds), then end the thread."""
        with self._cond:
            self._running = False
            self._cond.notify()
        if self._thread is not None:
            self._thread.join(timeout)

    def submit(self, rows: list[dict[str, Any]]) -> Future:
        """Queue rows; the future resolves once they are committed. Never blocks.

        Raises ``Overloaded`` when the backlog is full. A batch larger than the whole
        capacity is still taken when nothing else waits, so no request can never fit.
        """
        job = _Job(rows)
        if not rows:
            job.done.set_result(0)
            return job.done
        with self._cond:
            if not self._running:
                raise Overloaded("the server is shutting down", retry_after=5)
            if self._pending and self._pending + len(rows) > self._capacity:
                self.refused += len(rows)
                raise Overloaded("ingest backlog is full; retry later", retry_after=1)
            self._jobs.append(job)
            self._pending += len(rows)
            self._cond.notify()
        return job.done

    async def write(self, rows: list[dict[str, Any]]) -> None:
        """Queue rows and wait until they are committed (raises what the commit raised)."""
        await asyncio.wrap_future(self.submit(rows))

    @property
    def backlog(self) -> int:
        return self._pending

    def _run(self) -> None:
        while True:
            with self._cond:
                while not self._jobs and self._running:
                    self._cond.wait()
                if not self._jobs:
                    break
                group = [self._jobs.popleft()]
                size = len(group[0].rows)
                while self._jobs and size + len(self._jobs[0].rows) <= GROUP_ROWS:
                    job = self._jobs.popleft()
                    group.append(job)
                    size += len(job.rows)
            self._commit(group)
            with self._cond:
                self._pending -= size
        if self._conn is not None:
            self._conn.close()

    def _commit(self, group: list[_Job]) -> None:
        try:
            self._transaction([row for job in group for row in job.rows])
        except Exception as exc:
            if len(group) == 1:
                log.exception("writing %d spans failed", len(group[0].rows))
                group[0].done.set_exception(_http_error(exc))
                return
            # One bad request must not fail the others committed with it: retry alone.
            for job in group:
                self._commit([job])
            return
        self.committed += sum(len(job.rows) for job in group)
        for job in group:
            job.done.set_result(len(job.rows))

    def _transaction(self, rows: list[dict[str, Any]]) -> None:
        for attempt in range(3):
            if self._conn is None:
                # The writer keeps one connection checked out for its whole life.
                self._conn = self._engine.connect()
                self._conn.info["writer"] = True
            try:
                with self._conn.begin():
                    write_rows(self._conn, rows)
                return
            except Exception as exc:
                self._conn.close()
                self._conn = None
                # Deadlocks between PostgreSQL server processes are transient: retry.
                if attempt == 2 or "deadlock" not in str(exc).lower():
                    raise
                time.sleep(0.05 * (attempt + 1))


def _http_error(exc: Exception) -> LumiscopeError:
    """Data the store refuses will be refused again (400); anything else may pass later (503)."""
    if isinstance(exc, (IntegrityError, DataError)):
        return BadRequest(f"the store refused these spans: {str(exc.orig)[:200]}")
    return Overloaded("the store is unavailable; retry later", retry_after=5)
