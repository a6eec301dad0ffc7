"""Everything that differs between SQLite and PostgreSQL, in one place."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Connection, Table, func
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.sql import ColumnElement
from sqlalchemy.sql.dml import Insert


def insert(dialect: str, table: Table) -> Any:
    """An INSERT that supports ``on_conflict_do_nothing``/``on_conflict_do_update``."""
    if dialect == "sqlite":
        return sqlite.insert(table)
    if dialect == "postgresql":
        return postgresql.insert(table)
    raise ValueError(f"unsupported database {dialect!r}; use SQLite or PostgreSQL")


def insert_ignoring_duplicates(conn: Connection, table: Table,
                               rows: list[dict[str, Any]]) -> None:
    """INSERT ... ON CONFLICT DO NOTHING of many rows, handed to the driver as tuples.

    SQLAlchemy's per-row parameter handling was a quarter of all ingest CPU on SQLite
    (bench/ingest.py, py-spy) for the same statement; on PostgreSQL psycopg's executemany
    (pipelined) took 15% less CPU per span than SQLAlchemy's multi-VALUES batches.
    """
    names = [c.name for c in table.columns]
    marker = "?" if conn.dialect.name == "sqlite" else "%s"
    sql = (f"INSERT INTO {table.name} ({', '.join(names)}) "
           f"VALUES ({', '.join([marker] * len(names))}) ON CONFLICT DO NOTHING")
    conn.exec_driver_sql(sql, [tuple(row[n] for n in names) for row in rows])


def upsert(dialect: str, table: Table, keys: list[str], update: dict[str, Any]) -> Insert:
    """INSERT ... ON CONFLICT (keys) DO UPDATE SET update; ``update`` may use ``excluded``."""
    stmt = insert(dialect, table)
    values = {k: (v(stmt.excluded) if callable(v) else v) for k, v in update.items()}
    return stmt.on_conflict_do_update(index_elements=keys, set_=values)


def least(dialect: str, *args: Any) -> ColumnElement[Any]:
    """The smallest non-NULL argument (SQLite's scalar min() returns NULL if any is NULL)."""
    if dialect == "sqlite":
        return func.min(*(func.coalesce(a, *[b for b in args if b is not a]) for a in args))
    return func.least(*args)


def greatest(dialect: str, *args: Any) -> ColumnElement[Any]:
    """The largest non-NULL argument."""
    if dialect == "sqlite":
        return func.max(*(func.coalesce(a, *[b for b in args if b is not a]) for a in args))
    return func.greatest(*args)
