"""Opening the store: engines for SQLite or PostgreSQL, and migrating it on start."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from alembic import command
from alembic.config import Config
from sqlalchemy import Connection, Engine, create_engine, event

MIGRATIONS = str(Path(__file__).with_name("migrations"))

# WAL lets readers run while the single writer commits; NORMAL keeps every commit that
# returned across a process crash (kill -9), which is the durability ingest promises.
# Checkpointing every 4096 pages (64 MiB) rather than 1000 writes hot index pages back
# less often: ~5% less CPU per ingested span (bench/ingest.py).
_SQLITE_PRAGMAS = (
    "PRAGMA journal_mode=WAL",
    "PRAGMA synchronous=NORMAL",
    "PRAGMA busy_timeout=10000",
    "PRAGMA cache_size=-65536",
    "PRAGMA wal_autocheckpoint=4096",
    "PRAGMA foreign_keys=OFF",
)


def create_store_engine(url: str) -> Engine:
    """An engine for ``url``; for SQLite, creates the file's directory and sets the pragmas."""
    if url.startswith("sqlite"):
        path = url.split("///", 1)[1]
        if path and path != ":memory:":
            Path(path).parent.mkdir(parents=True, exist_ok=True)
            _set_page_size(path)
        engine = create_engine(url, connect_args={"check_same_thread": False}, pool_size=8)
        event.listen(engine, "connect", _sqlite_on_connect)
        return engine
    return create_engine(url, pool_size=8, max_overflow=8, pool_pre_ping=True)


def _set_page_size(path: str) -> None:
    # 16 KiB pages nearly double insert throughput for span rows; page size can only be
    # chosen before the first table exists.
    if Path(path).exists() and Path(path).stat().st_size > 0:
        return
    conn = sqlite3.connect(path)
    try:
        conn.execute("PRAGMA page_size=16384")
        conn.execute("VACUUM")
    finally:
        conn.close()


def _sqlite_on_connect(dbapi_connection: sqlite3.Connection, _record: object) -> None:
    # Let SQLAlchemy's transactions map to BEGIN, not pysqlite's own implicit ones.
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    for pragma in _SQLITE_PRAGMAS:
        cursor.execute(pragma)
    cursor.close()


@event.listens_for(Engine, "begin")
def _sqlite_begin(conn) -> None:  # type: ignore[no-untyped-def]
    if conn.dialect.name == "sqlite":
        # IMMEDIATE takes the write lock up front, so a writer never fails half-way with
        # SQLITE_BUSY after having read.
        conn.exec_driver_sql("BEGIN IMMEDIATE" if conn.info.get("writer") else "BEGIN")


def migrate(engine: Engine) -> None:
    """Bring the store's schema to the newest revision (creates it when empty)."""
    config = Config()
    config.set_main_option("script_location", MIGRATIONS)
    with writing(engine) as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "head")


@contextmanager
def writing(engine: Engine) -> Iterator[Connection]:
    """A transaction that will write: on SQLite it takes the write lock up front.

    A deferred SQLite transaction that reads and then writes fails at once with
    SQLITE_BUSY when another writer committed in between; IMMEDIATE waits instead.
    """
    with engine.connect() as conn:
        conn.info["writer"] = True
        try:
            with conn.begin():
                yield conn
        finally:
            conn.info.pop("writer", None)
