"""Projects, their API keys, and the admin token. Secrets are stored only as hashes.

Keys are 256 random bits (``lqt_`` + 64 hex), so a single SHA-256 is as safe as a slow
password hash would be and keeps the per-request lookup to one indexed read.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
import time
from dataclasses import dataclass

from sqlalchemy import Connection, or_, select, update

from lumiscope.server.store.schema import api_keys, projects, server_state

KEY_PREFIX = "lqt_"
_ADMIN_TOKEN = "admin_token_hash"


@dataclass(frozen=True)
class Project:
    id: str
    name: str


def hash_secret(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def new_key() -> str:
    return KEY_PREFIX + secrets.token_hex(32)


def ensure_project(conn: Connection, name: str) -> Project:
    """The project called ``name``, created if it does not exist yet."""
    found = find_project(conn, name)
    if found:
        return found
    project = Project(id="proj_" + secrets.token_hex(6), name=name)
    conn.execute(projects.insert().values(id=project.id, name=name, created_ns=time.time_ns()))
    return project


def find_project(conn: Connection, id_or_name: str) -> Project | None:
    row = conn.execute(
        select(projects.c.id, projects.c.name).where(
            or_(projects.c.id == id_or_name, projects.c.name == id_or_name)
        )
    ).first()
    return Project(row.id, row.name) if row else None


def create_key(conn: Connection, project_name: str, key_name: str | None = None) -> str:
    """A new key for the project (created if needed); the only time its value exists."""
    project = ensure_project(conn, project_name)
    key = new_key()
    conn.execute(
        api_keys.insert().values(
            id="key_" + secrets.token_hex(6), project_id=project.id, name=key_name,
            prefix=key[: len(KEY_PREFIX) + 8], key_hash=hash_secret(key),
            created_ns=time.time_ns(),
        )
    )
    return key


def list_keys(conn: Connection, project_name: str | None = None) -> list[dict]:
    query = (
        select(api_keys.c.id, api_keys.c.name, api_keys.c.prefix, api_keys.c.created_ns,
               api_keys.c.revoked_ns, projects.c.name.label("project"))
        .join(projects, projects.c.id == api_keys.c.project_id)
        .order_by(api_keys.c.created_ns)
    )
    if project_name:
        query = query.where(projects.c.name == project_name)
    return [dict(row._mapping) for row in conn.execute(query)]


def revoke_key(conn: Connection, key_id_or_value: str) -> int:
    """Revoke by id (``key_...``) or by the key itself; returns how many were revoked."""
    matches = or_(api_keys.c.id == key_id_or_value,
                  api_keys.c.key_hash == hash_secret(key_id_or_value))
    result = conn.execute(
        update(api_keys).where(matches, api_keys.c.revoked_ns.is_(None))
        .values(revoked_ns=time.time_ns())
    )
    return result.rowcount or 0


def project_for_key(conn: Connection, key: str) -> Project | None:
    """The project a live key belongs to, or ``None`` for an unknown or revoked key."""
    if not key.startswith(KEY_PREFIX):
        return None
    row = conn.execute(
        select(projects.c.id, projects.c.name)
        .join(api_keys, api_keys.c.project_id == projects.c.id)
        .where(api_keys.c.key_hash == hash_secret(key), api_keys.c.revoked_ns.is_(None))
    ).first()
    return Project(row.id, row.name) if row else None


def bootstrap(conn: Connection) -> tuple[str, str] | None:
    """On an empty store: the ``default`` project, its first key and the admin token.

    Returns ``(api_key, admin_token)`` the one time they are created, else ``None``.
    """
    if conn.execute(select(server_state.c.key).where(server_state.c.key == _ADMIN_TOKEN)).first():
        return None
    key = create_key(conn, "default", "first key")
    token = "lqa_" + secrets.token_hex(24)
    conn.execute(server_state.insert().values(key=_ADMIN_TOKEN, value=hash_secret(token)))
    return key, token


def is_admin_token(conn: Connection, token: str) -> bool:
    row = conn.execute(
        select(server_state.c.value).where(server_state.c.key == _ADMIN_TOKEN)
    ).first()
    return bool(row) and hmac.compare_digest(row.value, hash_secret(token))
