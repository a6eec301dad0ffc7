"""The Flowlines API routes: memory reads and session ends (spec/flowlines.md 4.3-4.4)."""

from __future__ import annotations

import json
from typing import Any

from anyio import to_thread
from fastapi import APIRouter, Request

from lumiscope.server.errors import BadRequest, NotFound
from lumiscope.server.memory.view import UnknownView
from lumiscope.server.services import Services
from lumiscope.server.store.database import writing
from lumiscope.server.store.queries import memory, sessions


def _id(body: dict[str, Any], name: str) -> str:
    value = body.get(name)
    if value is None or isinstance(value, (dict, list)) or value == "":
        raise BadRequest(f"{name} is required")
    # The real SDK sends ids as given: numbers become strings here, as on spans.
    return str(value).lower() if isinstance(value, bool) else str(value)


def router(services: Services) -> APIRouter:
    api = APIRouter(tags=["flowlines"])

    @api.get("/v1/get-memory")
    def get_memory(request: Request, user_id: str | None = None, session_id: str | None = None,
                   agent_id: str | None = None, view: str | None = None) -> dict[str, Any]:
        """What is remembered about a user; 404 when nothing is (never 200 with empty memory)."""
        project = services.auth.writer(request.headers)
        if not user_id:
            raise BadRequest("user_id is required")
        try:
            with services.engine.connect() as conn:
                found = memory.get_memory(conn, project.id, user_id, view=view or None,
                                          session_id=session_id or None,
                                          agent_id=agent_id or None)
        except UnknownView as exc:
            raise BadRequest(str(exc)) from None
        if found is None:
            raise NotFound("no memory found")
        return {"memory": found}

    @api.post("/v1/mark-session-as-ended")
    async def mark_session_as_ended(request: Request) -> dict[str, Any]:
        """End a session (idempotent); remembered even before its spans arrive."""
        project = await to_thread.run_sync(services.auth.writer, request.headers)
        try:
            body = json.loads(await request.body() or b"null")
        except ValueError:
            raise BadRequest("body must be JSON: {\"session_id\": ..., \"user_id\": ...}") from None
        if not isinstance(body, dict):
            raise BadRequest("body must be a JSON object with session_id and user_id")
        session_id, user_id = _id(body, "session_id"), _id(body, "user_id")

        def end() -> None:
            with writing(services.engine) as conn:
                sessions.mark_ended(conn, project.id, session_id, user_id)

        await to_thread.run_sync(end)
        services.memory.wake()
        return {"success": True, "session_id": session_id, "user_id": user_id}

    return api
