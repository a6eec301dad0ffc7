"""Per-project price overrides, and the cached :class:`Pricer` each project ingests with."""

from __future__ import annotations

import threading
import time

from sqlalchemy import Connection, Engine, select

from lumiscope.server.ingest.pricing import Price, Pricer
from lumiscope.server.store import dialect as d
from lumiscope.server.store.schema import price_overrides


def load_overrides(conn: Connection, project_id: str) -> dict[str, Price]:
    rows = conn.execute(
        select(price_overrides).where(price_overrides.c.project_id == project_id)
    )
    return {r.model: Price(r.input_mtok, r.output_mtok, r.cached_input_mtok) for r in rows}


def set_override(conn: Connection, project_id: str, model: str, price: Price) -> None:
    values = {"input_mtok": price.input_mtok, "output_mtok": price.output_mtok,
              "cached_input_mtok": price.cached_input_mtok}
    stmt = d.upsert(conn.dialect.name, price_overrides, ["project_id", "model"], values)
    conn.execute(stmt, {"project_id": project_id, "model": model, **values})


class PriceBook:
    """A project's pricer, reloaded at most every ``ttl`` seconds (overrides change rarely)."""

    def __init__(self, engine: Engine, ttl: float = 10.0) -> None:
        self._engine = engine
        self._ttl = ttl
        self._cache: dict[str, tuple[float, Pricer]] = {}
        self._lock = threading.Lock()

    def pricer(self, project_id: str) -> Pricer:
        """Blocking on a cache miss (one read)."""
        now = time.monotonic()
        with self._lock:
            hit = self._cache.get(project_id)
        if hit and now - hit[0] < self._ttl:
            return hit[1]
        with self._engine.connect() as conn:
            pricer = Pricer(load_overrides(conn, project_id))
        with self._lock:
            self._cache[project_id] = (now, pricer)
        return pricer
