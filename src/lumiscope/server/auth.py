"""Who is calling: a project API key, or the admin token (reads any project it names)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from sqlalchemy import Engine

from lumiscope.server.errors import BadRequest, Forbidden, NotFound, Unauthorized
from lumiscope.server.store.projects import Project, find_project, is_admin_token, project_for_key

INVALID_KEY = "Invalid API key"


@dataclass(frozen=True)
class Caller:
    project: Project | None  # None for the admin token
    admin: bool = False


def credential(headers: Mapping[str, str]) -> str | None:
    """The key from ``x-api-key``, ``x-flowlines-api-key`` or ``Authorization: Bearer``."""
    for name in ("x-api-key", "x-flowlines-api-key"):
        value = headers.get(name)
        if value:
            return value.strip()
    authorization = headers.get("authorization") or ""
    scheme, _, token = authorization.partition(" ")
    if scheme.lower() == "bearer" and token.strip():
        return token.strip()
    return None


class Authenticator:
    """Checks credentials against the store on every call, so a revoked key fails at once."""

    def __init__(self, engine: Engine) -> None:
        self._engine = engine

    def caller(self, headers: Mapping[str, str], *, allow_admin: bool = True) -> Caller:
        """Blocking (one indexed read). Raises ``Unauthorized``."""
        secret = credential(headers)
        if not secret:
            raise Unauthorized(INVALID_KEY)
        with self._engine.connect() as conn:
            project = project_for_key(conn, secret)
            if project is not None:
                return Caller(project)
            if allow_admin and is_admin_token(conn, secret):
                return Caller(None, admin=True)
        raise Unauthorized(INVALID_KEY)

    def writer(self, headers: Mapping[str, str]) -> Project:
        """The project an ingest request writes to (project keys only)."""
        caller = self.caller(headers, allow_admin=False)
        assert caller.project is not None
        return caller.project

    def reader(self, headers: Mapping[str, str], project_param: str | None) -> Project:
        """The project a read request may see.

        A key reads its own project; naming another is 403. The admin token must name one
        (``projectId``, by id or name): 400 when it does not, 404 when it does not exist.
        """
        caller = self.caller(headers)
        if caller.project is not None:
            if project_param and project_param not in (caller.project.id, caller.project.name):
                raise Forbidden("Not a member of this organization")
            return caller.project
        if not project_param:
            raise BadRequest("projectId is required with the admin token")
        with self._engine.connect() as conn:
            project = find_project(conn, project_param)
        if project is None:
            raise NotFound(f"project {project_param!r} not found")
        return project
