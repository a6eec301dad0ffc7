"""Nanosecond integers in the store, ISO 8601 UTC strings on the wire."""

from __future__ import annotations

from datetime import datetime, timezone


def iso(ns: int | None) -> str | None:
    """``2026-04-20T10:00:00.000Z`` (milliseconds, as LumiqTrace writes timestamps)."""
    if ns is None:
        return None
    moment = datetime.fromtimestamp(ns / 1e9, tz=timezone.utc)
    return moment.strftime("%Y-%m-%dT%H:%M:%S.") + f"{moment.microsecond // 1000:03d}Z"


def parse_iso(value: str) -> int:
    """Nanoseconds since the epoch; ``ValueError`` for anything that is not ISO 8601."""
    moment = datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=timezone.utc)
    return int(moment.timestamp() * 1_000_000) * 1000
