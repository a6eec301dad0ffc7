"""Trace and event reads: the span tree, the event log, and the Flowlines trace check."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Depends, Query

from lumiscope.server.api.params import reader, time_ns
from lumiscope.server.errors import BadRequest, NotFound
from lumiscope.server.ingest.conventions import STATUSES
from lumiscope.server.services import Services
from lumiscope.server.store.projects import Project
from lumiscope.server.store.queries import events, traces


def router(services: Services) -> APIRouter:
    api = APIRouter(tags=["traces"])
    project_of = reader(services)

    @api.get("/v1/traces/{trace_id}")
    def get_trace(trace_id: str, project: Project = Depends(project_of)) -> list[dict[str, Any]]:
        """The trace's root spans, each with nested ``children`` (LumiqTrace span tree)."""
        with services.engine.connect() as conn:
            roots = traces.span_tree(conn, project.id, trace_id)
        if not roots:
            raise NotFound(f"trace {trace_id!r} not found")
        return roots

    @api.get("/v1/events")
    def list_events(
        project: Project = Depends(project_of),
        model: str | None = None,
        status: str | None = None,
        start: str | None = None,
        end: str | None = None,
        environment: str | None = None,
        user_id: str | None = Query(None, alias="userId"),
        session_id: str | None = Query(None, alias="sessionId"),
        span_kind: str | None = Query(None, alias="spanKind"),
        trace_id: str | None = Query(None, alias="traceId"),
        cursor: str | None = None,
        limit: int = Query(50, ge=1, le=200),
    ) -> dict[str, Any]:
        """Every span, newest first, with cursor pagination (``nextCursor``) and ``total``."""
        if status is not None and status not in STATUSES:
            raise BadRequest(f"status must be one of {', '.join(STATUSES)}")
        filters = events.EventFilter(
            model=model, status=status, start_ns=time_ns(start, "start"),
            end_ns=time_ns(end, "end"), environment=environment, user_id=user_id,
            session_id=session_id, span_kind=span_kind, trace_id=trace_id,
        )
        try:
            with services.engine.connect() as conn:
                return events.list_events(conn, project.id, filters, limit, cursor or None)
        except ValueError as exc:
            raise BadRequest(str(exc)) from None

    @api.get("/v1/get-traces")
    def get_traces(
        project: Project = Depends(project_of),
        limit: int = Query(50, ge=1, le=500),
        user_id: str | None = None,
        session_id: str | None = None,
        agent_id: str | None = None,
        since: str | None = None,
    ) -> dict[str, Any]:
        """Recent traces, newest first (the Flowlines guide's ingestion check)."""
        with services.engine.connect() as conn:
            found = traces.list_traces(
                conn, project.id, limit=limit, user_id=user_id or None,
                session_id=session_id or None, agent_id=agent_id or None,
                since_ns=time_ns(since, "since"),
            )
        return {"traces": found, "count": len(found)}

    return api
