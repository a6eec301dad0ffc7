"""Operations: liveness and readiness."""

from __future__ import annotations

from fastapi import APIRouter
from fastapi.responses import JSONResponse
from sqlalchemy import text

from lumiscope.server.services import Services


def router(services: Services) -> APIRouter:
    api = APIRouter(tags=["operations"])

    @api.get("/healthz")
    def healthz() -> dict[str, str]:
        """The process is up."""
        return {"status": "ok"}

    @api.get("/readyz")
    def readyz() -> JSONResponse:
        """The store answers and the writer has room: 200, else 503."""
        try:
            with services.engine.connect() as conn:
                conn.execute(text("SELECT 1"))
        except Exception as exc:  # any store failure means not ready
            return JSONResponse({"status": "unavailable", "error": str(exc)[:200]}, 503)
        return JSONResponse({"status": "ready", "ingest_backlog": services.writer.backlog})

    return api
