"""Analytics reads: project overview, costs, performance."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Depends, Request

from lumiscope.server.api.params import reader, time_range
from lumiscope.server.errors import BadRequest
from lumiscope.server.services import Services
from lumiscope.server.store.projects import Project
from lumiscope.server.store.queries import metrics

_PERIODS = {"24h": 1.0, "7d": 7.0, "30d": 30.0, "90d": 90.0}


def router(services: Services) -> APIRouter:
    api = APIRouter(tags=["metrics"])
    project_of = reader(services)

    @api.get("/v1/projects/{project_id}/overview")
    def overview(project_id: str, request: Request, period: str = "24h",
                 start: str | None = None, end: str | None = None) -> dict[str, Any]:
        """KPIs, timeline, top models and recent errors of LLM calls (default: last 24 h)."""
        project = services.auth.reader(request.headers, project_id)
        if period not in _PERIODS:
            raise BadRequest(f"period must be one of {', '.join(_PERIODS)}")
        start_ns, end_ns = time_range(start, end, _PERIODS[period])
        with services.engine.connect() as conn:
            return metrics.overview(conn, project.id, start_ns, end_ns)

    @api.get("/v1/costs")
    def costs(project: Project = Depends(project_of), start: str | None = None,
              end: str | None = None) -> dict[str, Any]:
        """Cost by model, by day, month to date and a 30-day projection (default: 30 days)."""
        start_ns, end_ns = time_range(start, end, 30)
        with services.engine.connect() as conn:
            return metrics.costs(conn, project.id, start_ns, end_ns)

    @api.get("/v1/performance")
    def performance(project: Project = Depends(project_of), start: str | None = None,
                    end: str | None = None) -> dict[str, Any]:
        """Latency percentiles, time to first token, tokens/s, timeout rate (default: 7 days)."""
        start_ns, end_ns = time_range(start, end, 7)
        with services.engine.connect() as conn:
            return metrics.performance(conn, project.id, start_ns, end_ns)

    return api
