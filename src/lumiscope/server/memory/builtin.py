"""The builtin engine's reading of turns: rules over the user's own clauses.

Offline and deterministic: standard library only, no model. Every rule in
:mod:`lumiscope.server.memory.rules` runs over every clause of the user's messages in that
clause's language; :func:`lumiscope.server.memory.text.blocked` drops matches inside
questions, hypotheticals, hedges and reported speech. A negated clause ("I no longer live in
Lisbon", "I'm not vegetarian anymore") is read once more without its negation, and whatever
the stateful rules find there becomes a retraction.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import replace

from lumiscope.server.memory.model import Fact, Retraction, Turn
from lumiscope.server.memory.rules import RULES, Context, Found, Rule, attach_departures
from lumiscope.server.memory.text import Clause, blocked, split, third_person

_DENEGATIONS = (
    (re.compile(r"\b(I|we)\s+(?:really\s+|just\s+)?(?:don't|do not|no longer|never)\s+", re.I),
     r"\1 "),
    (re.compile(r"\b(I'm|I am|we're|we are)\s+(?:not|no longer)\s+", re.I), r"\1 "),
    (re.compile(r"\b(I|we)\s+(?:haven't|have not)\s+got\s+", re.I), r"\1 have got "),
    (re.compile(r"\b(?:I|we)(?:'ve| have)?\s+stopped being\s+", re.I), "I'm "),
)
_ANYMORE = re.compile(r"\s*\b(?:anymore|any more)\b", re.I)


def denegate(text: str) -> str | None:
    """``text`` with its negation of a state removed, or None when it negates nothing."""
    result = text
    for pattern, replacement in _DENEGATIONS:
        result = pattern.sub(replacement, result)
    if result == text:
        return None
    return _ANYMORE.sub("", result)


def _matches(rules: Iterable[Rule], clause: Clause, now_ns: int) -> Iterator[Found]:
    context = Context(clause, now_ns)
    for rule in rules:
        if rule.language != clause.language:
            continue
        for match in rule.pattern.finditer(clause.text):
            if not blocked(clause, match.start(), match.end(), allow_modal=rule.allow_modal):
                yield from rule.build(match, context)


_STATEFUL = tuple(rule for rule in RULES if rule.stateful)


def read_clause(clause: Clause, now_ns: int) -> list[Found]:
    """Facts and retractions stated in one clause, without duplicates, in rule order."""
    found = list(_matches(RULES, clause, now_ns))
    negated = denegate(clause.text) if clause.language == "en" else None
    if negated:
        for item in _matches(_STATEFUL, replace(clause, text=negated), now_ns):
            if not item.retract:
                # "I don't have a car" ends whatever car it was; "not in Lisbon" only Lisbon.
                value = "" if item.category == "possession" else item.value
                found.append(replace(item, value=value, text=f"Not: {item.text}", retract=True))
    unique: dict[tuple[str, str, bool], Found] = {}
    for item in found:
        unique.setdefault((item.subject, item.value.lower(), item.retract), item)
    return list(unique.values())


def read_message(message: str, now_ns: int) -> list[Found]:
    """Everything the builtin rules read in one user message sent at ``now_ns``."""
    found: list[Found] = []
    for clause in split(message):
        found.extend(read_clause(clause, now_ns))
    return attach_departures(found)


def extract(turns: Sequence[Turn]) -> list[Fact | Retraction]:
    """Facts and retractions the user stated in ``turns``, in conversation order.

    Pure and fast (regular expressions only); safe to call from any thread.
    """
    learned: list[Fact | Retraction] = []
    for turn in turns:
        provenance = turn.provenance
        for message in turn.user_messages:
            for item in read_message(message, turn.time_ns):
                if item.retract:
                    values = tuple(v for v in item.value.split("|") if v)
                    learned.append(Retraction(item.subject, values, provenance))
                else:
                    learned.append(Fact(
                        category=item.category, subject=item.subject, value=item.value,
                        text=third_person(item.text), confidence=item.confidence,
                        provenance=(provenance,),
                        agent_id=turn.agent_id, valid_from_ns=turn.time_ns))
    return learned
