"""Query-parameter helpers shared by the read routes: the reading project and time ranges."""

from __future__ import annotations

import time

from fastapi import Query, Request

from lumiscope.server.errors import BadRequest
from lumiscope.server.services import Services
from lumiscope.server.store.projects import Project
from lumiscope.server.store.timefmt import parse_iso

DAY_NS = 86_400 * 10**9


def reader(services: Services):  # type: ignore[no-untyped-def]
    """A dependency giving the project the caller may read (``projectId`` optional for keys)."""

    def dependency(request: Request,
                   project_id: str | None = Query(None, alias="projectId")) -> Project:
        return services.auth.reader(request.headers, project_id)

    return dependency


def time_ns(value: str | None, name: str) -> int | None:
    if value is None or value == "":
        return None
    try:
        return parse_iso(value)
    except ValueError:
        raise BadRequest(f"{name} must be an ISO 8601 time, got {value!r}") from None


def time_range(start: str | None, end: str | None, default_days: float) -> tuple[int, int]:
    end_ns = time_ns(end, "end") or time.time_ns()
    start_ns = time_ns(start, "start") or end_ns - int(default_days * DAY_NS)
    if start_ns > end_ns:
        raise BadRequest("start must not be after end")
    return start_ns, end_ns
