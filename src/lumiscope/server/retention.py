"""The retention job: a thread that purges old traces every ``interval`` seconds."""

from __future__ import annotations

import logging
import threading
import time

from sqlalchemy import Engine

from lumiscope.server.store.database import writing
from lumiscope.server.store.retention import purge_before

log = logging.getLogger(__name__)

DAY_NS = 86_400 * 10**9


class RetentionJob:
    """Lifecycle: ``start()``/``stop()``; :meth:`run_once` purges now (tests use it)."""

    def __init__(self, engine: Engine, days: float, interval: float = 3600.0) -> None:
        self._engine = engine
        self._max_age_ns = int(days * DAY_NS)
        self._interval = interval
        self._stopping = threading.Event()
        self._thread: threading.Thread | None = None
        self.purged = 0

    def start(self) -> None:
        self._thread = threading.Thread(target=self._run, name="lumiscope-retention",
                                        daemon=True)
        self._thread.start()

    def stop(self, timeout: float = 10.0) -> None:
        self._stopping.set()
        if self._thread is not None:
            self._thread.join(timeout)

    def run_once(self, now_ns: int | None = None) -> int:
        """Purge every trace older than the retention age; returns how many went."""
        cutoff = (now_ns or time.time_ns()) - self._max_age_ns
        total = 0
        while not self._stopping.is_set():
            with writing(self._engine) as conn:
                purged = purge_before(conn, cutoff)
            total += purged
            if not purged:
                break
        self.purged += total
        return total

    def _run(self) -> None:
        while not self._stopping.is_set():
            try:
                purged = self.run_once()
                if purged:
                    log.info("retention: purged %d traces", purged)
            except Exception:  # the store may be briefly unavailable; try next round
                log.exception("retention failed")
            self._stopping.wait(self._interval)
