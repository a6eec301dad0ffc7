"""A user's memory in full, and forgetting it."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Depends

from lumiscope.server.api.params import reader
from lumiscope.server.errors import NotFound
from lumiscope.server.services import Services
from lumiscope.server.store import memory_store
from lumiscope.server.store.database import writing
from lumiscope.server.store.projects import Project
from lumiscope.server.store.queries import memory


def router(services: Services) -> APIRouter:
    api = APIRouter(tags=["memory"])
    project_of = reader(services)

    @api.get("/v1/users/{user_id}/memory")
    def get_user_memory(user_id: str, project: Project = Depends(project_of)) -> dict[str, Any]:
        """Current facts with provenance, superseded facts (history) and summaries."""
        with services.engine.connect() as conn:
            found = memory.user_memory(conn, project.id, user_id)
        if found is None:
            raise NotFound("no memory found")
        return found

    @api.delete("/v1/users/{user_id}/memory")
    def forget_user_memory(user_id: str,
                           project: Project = Depends(project_of)) -> dict[str, Any]:
        """Forget what was learned; the traces stay, and are never learned from again."""
        with writing(services.engine) as conn:
            removed = memory_store.forget(conn, project.id, user_id, keep_learned=True)
        return {"deleted": True, "user_id": user_id, "facts_deleted": removed}

    return api
