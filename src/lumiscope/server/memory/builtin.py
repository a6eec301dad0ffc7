"""The builtin engine's reading of turns: rules over the user's own clauses.

Offline and deterministic: standard library only, no model. Every rule in
:mod:`lumiscope.server.memory.rules` runs over every clause of the user's messages in that
clause's language; :func:`lumiscope.server.memory.text.blocked` drops matches inside
questions, hypotheticals, hedges and reported speech. A negated clause ("I no longer live in
Lisbon", "I'm not vegetarian anymore") is read once more without its negation, and whatever
the stateful rules find there becomes a retraction. Two rules reading the same plan give one.

The assistant's reply is read for one thing only: whether it confirms a name the user typed
in lower case ("im kofi" answered by "Hey Kofi!"); nothing is learned from what it says.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import replace

from lumiscope.server.memory.model import Fact, Retraction, Turn
from lumiscope.server.memory.rules import RULES, Context, Found, Rule, attach_departures
from lumiscope.server.memory.rules.dated import dated_event
from lumiscope.server.memory.rules.general import general
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


def _matches(rules: Iterable[Rule], context: Context) -> Iterator[Found]:
    clause = context.clause
    for rule in rules:
        if rule.language != clause.language:
            continue
        for match in rule.pattern.finditer(clause.text):
            if not blocked(clause, match.start(), match.end(), allow_modal=rule.allow_modal,
                           allow_question=rule.allow_question):
                yield from rule.build(match, context)


_STATEFUL = tuple(rule for rule in RULES if rule.stateful)


def read_clause(clause: Clause, now_ns: int, message: str = "", reply: str = "") -> list[Found]:
    """Facts and retractions stated in one clause, without duplicates, in rule order."""
    context = Context(clause, now_ns, message, reply)
    found = list(_matches(RULES, context)) or dated_event(context) or general(context)
    negated = denegate(clause.text) if clause.language == "en" else None
    if negated:
        negated_context = Context(replace(clause, text=negated), now_ns, message, reply)
        for item in _matches(_STATEFUL, negated_context):
            if not item.retract:
                # "I don't have a car" ends whatever car it was; "not in Lisbon" only Lisbon.
                value = "" if item.category == "possession" else item.value
                found.append(replace(item, value=value, text=f"Not: {item.text}", retract=True))
    unique: dict[tuple[str, str, str, bool], Found] = {}
    for item in found:
        unique.setdefault((item.category, item.subject, item.value.lower(), item.retract), item)
    return list(unique.values())


def read_message(message: str, now_ns: int, reply: str = "") -> list[Found]:
    """Everything the builtin rules read in one user message sent at ``now_ns``; ``reply``,
    the assistant's answer, only confirms names the user typed in lower case."""
    found: list[Found] = []
    for clause in split(message):
        found.extend(read_clause(clause, now_ns, message, reply))
    return _drop_restated_plans(attach_departures(found))


def _drop_restated_plans(found: list[Found]) -> list[Found]:
    """One plan per event: when two rules read the same plan ("Berlin Marathon on 2026-09-27"
    and "Running the Berlin Marathon on 2026-09-27"), the first rule's reading stays."""
    kept: list[Found] = []
    seen: list[set[str]] = []
    for item in found:
        if item.category == "plan" and not item.retract:
            words = set(item.value.lower().split())
            if any(words <= other or other <= words for other in seen):
                continue
            seen.append(words)
        kept.append(item)
    return kept


def _sentence(text: str) -> str:
    """A fact's text as a sentence: "they're not a morning person" -> "They're not..."."""
    return text[:1].upper() + text[1:]


def extract(turns: Sequence[Turn]) -> list[Fact | Retraction]:
    """Facts and retractions the user stated in ``turns``, in conversation order.

    Pure and fast (regular expressions only); safe to call from any thread.
    """
    learned: list[Fact | Retraction] = []
    for turn in turns:
        provenance = turn.provenance
        for message in turn.user_messages:
            for item in read_message(message, turn.time_ns, turn.assistant_reply):
                if item.retract:
                    values = tuple(v for v in item.value.split("|") if v)
                    learned.append(Retraction(item.subject, values, provenance))
                else:
                    learned.append(Fact(
                        category=item.category, subject=item.subject, value=item.value,
                        text=_sentence(third_person(item.text)), confidence=item.confidence,
                        provenance=(provenance,),
                        agent_id=turn.agent_id, valid_from_ns=turn.time_ns))
    return learned
