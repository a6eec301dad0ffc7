"""Claiming sessions for the memory engine through the store.

A session needs learning when it has ended (explicitly, or idle past the timeout) and got
spans since the last completed run. A claim is a lease: the claimer writes its name and the
time; a claim older than the lease is taken over, so a run cut short by a killed process is
done again after restart, and no two live processes work on the same session. On
PostgreSQL claims are serialized with a transaction-level advisory lock: each claim then reads
the claims committed before it. (Row locks on ``sessions`` were not enough: a claim whose
snapshot predates another's commit would still see that session as unclaimed, since the
claim is written to ``memory_progress``, and learn it twice.)
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Connection, and_, or_, select, text, update

from lumiscope.server.store import dialect as d
from lumiscope.server.store.schema import memory_progress, sessions

_SERIALIZE_CLAIMS = text("SELECT pg_advisory_xact_lock(hashtextextended('lumiscope.memory', 0))")


@dataclass(frozen=True)
class Claim:
    project_id: str
    session_id: str
    user_id: str
    touched_ns: int


def claim_sessions(conn: Connection, owner: str, *, now_ns: int, idle_ns: int, lease_ns: int,
                   limit: int = 20) -> list[Claim]:
    """Claim up to ``limit`` sessions that need learning, oldest activity first."""
    s, m = sessions.c, memory_progress.c
    query = (
        select(s.project_id, s.session_id, s.user_id, s.touched_ns)
        .select_from(sessions.outerjoin(
            memory_progress, and_(m.project_id == s.project_id, m.session_id == s.session_id)))
        .where(
            s.user_id.is_not(None),
            s.touched_ns.is_not(None),
            or_(s.status == "ended", s.touched_ns < now_ns - idle_ns),
            or_(m.learned_ns.is_(None), s.touched_ns > m.learned_ns),
            or_(m.claimed_ns.is_(None), m.claimed_ns < now_ns - lease_ns),
        )
        .order_by(s.touched_ns)
        .limit(limit)
    )
    if conn.dialect.name == "postgresql":
        conn.execute(_SERIALIZE_CLAIMS)  # held until the claims below commit
    claims = [Claim(*row) for row in conn.execute(query)]
    if claims:
        stmt = d.upsert(conn.dialect.name, memory_progress, ["project_id", "session_id"], {
            "claimed_by": lambda ex: ex.claimed_by,
            "claimed_ns": lambda ex: ex.claimed_ns,
            "user_id": lambda ex: ex.user_id,
        })
        conn.execute(stmt, [
            {"project_id": c.project_id, "session_id": c.session_id, "user_id": c.user_id,
             "learned_ns": None, "claimed_by": owner, "claimed_ns": now_ns}
            for c in claims
        ])
    return claims


def finish(conn: Connection, claim: Claim, owner: str) -> bool:
    """Record the run as complete; ``False`` if the claim was taken over meanwhile."""
    m = memory_progress.c
    result = conn.execute(
        update(memory_progress)
        .where(m.project_id == claim.project_id, m.session_id == claim.session_id,
               m.claimed_by == owner)
        .values(learned_ns=claim.touched_ns, claimed_by=None, claimed_ns=None)
    )
    return bool(result.rowcount)

