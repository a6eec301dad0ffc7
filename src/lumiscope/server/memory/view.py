"""The get-memory answer: the object under ``"memory"`` in ``GET /v1/get-memory``.

Shape (DESIGN.md "Memory", spec/flowlines.md 4.3), keys always in this order:

    {"user_id", "view": "default", "updated_at",
     "facts": [{"text", "category", "subject", "value", "updated_at"}],
     "summary", "session": {"session_id", "summary"}}

``session`` only when a ``session_id`` was asked for and that session has a summary;
``view="summary"`` gives ``{"user_id", "view": "summary", "summary"}``. Facts are the
current ones only (no history, no provenance: they cost prompt tokens and live in the REST
API instead). ``None`` means there is nothing to serve: the route answers 404, never 200 with
an empty memory.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from lumiscope.server.memory.consolidate import plan_expired
from lumiscope.server.memory.model import CATEGORIES, Fact, normalize_value
from lumiscope.server.memory.summary import user_summary
from lumiscope.server.store.timefmt import iso

VIEWS = ("default", "summary")


class UnknownView(ValueError):
    """A view name that is not one of :data:`VIEWS` (the route answers 400)."""


def served_facts(facts: Sequence[Fact], *, agent_id: str | None = None,
                 now_ns: int | None = None) -> list[Fact]:
    """The facts a view shows, in a stable order (category, subject, value).

    Current facts only; with ``agent_id``, those learned from that agent plus the facts that
    belong to no single agent; with ``now_ns``, without plans whose date has passed.
    """
    kept = [f for f in facts if f.current
            and (agent_id is None or f.agent_id in (None, agent_id))
            and (now_ns is None or not plan_expired(f, now_ns))]
    order = {category: index for index, category in enumerate(CATEGORIES)}
    return sorted(kept, key=lambda f: (order.get(f.category, len(order)), f.subject,
                                       normalize_value(f.value), f.id))


def memory_view(user_id: str, facts: Sequence[Fact], *, summary: str = "",
                summary_updated_ns: int | None = None, view: str | None = None,
                agent_id: str | None = None, session_id: str | None = None,
                session_summary: str | None = None,
                now_ns: int | None = None) -> dict[str, Any] | None:
    """The memory object for ``user_id``, or None when there is nothing to serve.

    ``facts``: the user's stored facts (history included; only current ones are served).
    ``summary``: the stored user summary; when ``agent_id`` narrows the facts, the summary is
    rebuilt from the narrowed facts so nothing learned from another agent leaks through it.
    ``session_summary``: the stored summary of ``session_id``. Raises :class:`UnknownView`.
    Pure and fast: no engine runs here.
    """
    name = view or "default"
    if name not in VIEWS:
        raise UnknownView(f"unknown view {name!r}; known views: {', '.join(VIEWS)}")
    shown = served_facts(facts, agent_id=agent_id, now_ns=now_ns)
    if agent_id is not None or not summary:
        summary = user_summary(shown)
    times = [f.updated_ns for f in shown]
    if summary_updated_ns is not None and summary:
        times.append(summary_updated_ns)
    updated_at = iso(max(times)) if times else None
    if name == "summary":
        return {"user_id": user_id, "view": "summary", "summary": summary} if summary else None
    session = ({"session_id": session_id, "summary": session_summary}
               if session_id and session_summary else None)
    if not shown and not summary and session is None:
        return None
    memory: dict[str, Any] = {
        "user_id": user_id, "view": "default", "updated_at": updated_at,
        "facts": [{"text": f.text, "category": f.category, "subject": f.subject,
                   "value": f.value, "updated_at": iso(f.updated_ns)} for f in shown],
        "summary": summary,
    }
    if session is not None:
        memory["session"] = session
    return memory
