"""The builtin engine's rules, by what they learn about the user.

Each module holds a ``RULES`` tuple; :data:`RULES` is all of them in a fixed order, so a
run is deterministic. See :mod:`.base` for what a rule is.
"""

from __future__ import annotations

from lumiscope.server.memory.rules import (
    career,
    chat,
    clinician,
    contacts,
    family,
    goals,
    groups,
    health,
    identity,
    intro,
    location,
    named,
    occasions,
    plans,
    possessions,
    romance,
    study,
    surgery,
    tastes,
    whereabouts,
    work,
)
from lumiscope.server.memory.rules.base import Context, Found, Rule
from lumiscope.server.memory.rules.plans import attach_departures

RULES: tuple[Rule, ...] = (
    identity.RULES + intro.RULES + location.RULES + whereabouts.RULES + work.RULES + career.RULES
    + study.RULES + family.RULES + named.RULES + contacts.RULES + tastes.RULES + health.RULES
    + clinician.RULES + surgery.RULES + plans.RULES + occasions.RULES + goals.RULES + groups.RULES
    + chat.RULES + possessions.RULES + romance.RULES
)

__all__ = ["RULES", "Context", "Found", "Rule", "attach_departures"]
