"""Sessions and users: who talked to the application, and in which conversations."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Depends, Query

from lumiscope.server.api.params import reader
from lumiscope.server.errors import NotFound
from lumiscope.server.services import Services
from lumiscope.server.store import memory_store
from lumiscope.server.store.database import writing
from lumiscope.server.store.projects import Project
from lumiscope.server.store.queries import sessions, users


def router(services: Services) -> APIRouter:
    api = APIRouter(tags=["sessions and users"])
    project_of = reader(services)

    @api.get("/v1/sessions")
    def list_sessions(project: Project = Depends(project_of),
                      user_id: str | None = Query(None, alias="userId"),
                      limit: int = Query(50, ge=1, le=200),
                      offset: int = Query(0, ge=0)) -> dict[str, Any]:
        """Sessions, most recently active first, with their totals."""
        with services.engine.connect() as conn:
            found = sessions.list_sessions(conn, project.id, idle_ns=services.idle_ns,
                                           user_id=user_id, limit=limit, offset=offset)
        return {"sessions": found, "count": len(found)}

    @api.get("/v1/sessions/{session_id}")
    def get_session(session_id: str, project: Project = Depends(project_of)) -> dict[str, Any]:
        """One session with its traces."""
        with services.engine.connect() as conn:
            found = sessions.get_session(conn, project.id, session_id, idle_ns=services.idle_ns)
        if found is None:
            raise NotFound(f"session {session_id!r} not found")
        return found

    @api.get("/v1/users")
    def list_users(project: Project = Depends(project_of),
                   limit: int = Query(50, ge=1, le=200),
                   offset: int = Query(0, ge=0)) -> dict[str, Any]:
        """Users, most recently seen first, with their totals."""
        with services.engine.connect() as conn:
            found = users.list_users(conn, project.id, limit=limit, offset=offset)
        return {"users": found, "count": len(found)}

    @api.get("/v1/users/{user_id}")
    def get_user(user_id: str, project: Project = Depends(project_of)) -> dict[str, Any]:
        """One user with their sessions."""
        with services.engine.connect() as conn:
            found = users.get_user(conn, project.id, user_id, idle_ns=services.idle_ns)
        if found is None:
            raise NotFound(f"user {user_id!r} not found")
        return found

    @api.delete("/v1/users/{user_id}")
    def forget_user(user_id: str, project: Project = Depends(project_of)) -> dict[str, Any]:
        """Forget a user: memory and user row go, their traces stay but are unlinked."""
        with writing(services.engine) as conn:
            found = users.forget_user(conn, project.id, user_id)
            found = memory_store.forget(conn, project.id, user_id, keep_learned=False) or found
        if not found:
            raise NotFound(f"user {user_id!r} not found")
        return {"deleted": True, "user_id": user_id}

    return api
