"""Merging what was just learned into what was known: duplicates, supersession, history.

The rules, applied in the order things were said (a retraction before a fact stated at the
same moment, so "I left Lisbon, I live in Porto now" ends Lisbon and keeps Porto):

- same subject and value as a current fact: one fact, the new provenance appended;
- a restatement less specific than a current fact ("Has a wife" when "Has a wife named Ana"
  is known) merges into it; a more specific one ("Has a dog named Max" after "Has a dog")
  supersedes it;
- a move to a new ``home_city`` also ends the neighbourhood known before it;
- a job title or employer ends what an earlier conversation said of work in the user's own
  words (``statement``: "work second shift at a warehouse");
- a new value of a single-valued subject (``home_city``, ``employer``, ``diet``...) supersedes
  the current one; multi-valued subjects (``allergy``, ``likes``...) accumulate;
- a new value under the opposite subject (``dislikes`` vs ``likes``) supersedes the old one;
- a retraction supersedes the current facts it names, replaced by nothing;
- a corrected day ("it's the 4th, not the 5th") moves the plans on the old day to the new one,
  and a plan dated to the day ends the same plan dated to its month ("JLPT N4 in 2026-12", then
  "the JLPT on 2026-12-06");
- a plan whose date has passed is superseded when the engine runs after it (a planned move
  then leaves the user living in that place, with less confidence), and a planned move ends
  when the user is known to live in that place;
- a short form of the known name ("Ada" after "Adaeze") confirms it.

Superseded facts stay, with ``superseded_at`` and ``superseded_by``: that is the history.
Both engines share this module, so an LLM's extraction is merged by the same rules.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import replace
from datetime import datetime, timezone

from lumiscope.server.memory.dates import message_day
from lumiscope.server.memory.lexicon import CHILDREN, PARTNERS, PETS, POSSESSIONS, SIBLINGS
from lumiscope.server.memory.model import (
    MAX_PROVENANCE,
    OPPOSITES,
    Fact,
    Provenance,
    Retraction,
    is_single_valued,
    normalize_value,
    value_tokens,
)

# Values that only say a thing exists ("Has a wife", "Owns a car"): never worth more than a
# known, specific value of the same subject.
GENERIC_VALUES = frozenset(PARTNERS | CHILDREN | SIBLINGS | PETS | set(POSSESSIONS)
                           | {"married", "engaged"})
_PLAN_DATE = re.compile(r"\b(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?$")


def is_generic(fact: Fact) -> bool:
    return normalize_value(fact.value) in GENERIC_VALUES


def _more_specific(specific: Fact, general: Fact) -> bool:
    if specific.subject != general.subject or specific.key == general.key:
        return False
    if is_generic(general) and not is_generic(specific):
        return True
    text, prefix = specific.text.lower(), general.text.lower()
    return text.startswith(prefix) and text[len(prefix):len(prefix) + 1] in (" ", ",")


_ISO = re.compile(r"^\d{4}-\d{2}(?:-\d{2})?$")
_PLAN_FILLER = frozenset(("the", "a", "an", "on", "in", "at", "for", "to", "my", "our", "of", "and",
                          "signed", "up", "plans", "trip", "is", "with", "we", "i", "registered"))


def _refines(precise: Fact, coarse: Fact) -> bool:
    """Whether plan ``precise`` dates the same event as ``coarse`` to a finer day: "the JLPT on
    2026-12-06" after "Signed up for JLPT N4 in 2026-12" (a distinctive word in common, and the
    coarse date a prefix of the fine one)."""
    if precise.category != "plan" or coarse.category != "plan" or precise.id == coarse.id:
        return False
    fine = max((t for t in value_tokens(precise.value) if _ISO.match(t)), key=len, default="")
    rough = max((t for t in value_tokens(coarse.value) if _ISO.match(t)), key=len, default="")
    if not rough or len(fine) <= len(rough) or not fine.startswith(rough):
        return False
    words = {t for t in value_tokens(precise.value) if len(t) > 2 and not _ISO.match(t)}
    return bool(words & set(value_tokens(coarse.value)) - _PLAN_FILLER)


def _same_person(known: Fact, new: Fact) -> bool:
    """Whether two relationship values name the same person: the name (the last word) is the
    same and one value holds the other ("wife Karen", "Karen")."""
    a, b = normalize_value(known.value).split(), normalize_value(new.value).split()
    return (known.category == "relationship" and bool(a) and bool(b) and a[-1] == b[-1]
            and (set(a) <= set(b) or set(b) <= set(a)))


def _merged_provenance(old: Sequence[Provenance],
                       new: Iterable[Provenance]) -> tuple[Provenance, ...]:
    seen = {(p.trace_id, p.span_id) for p in old}
    merged = list(old) + [p for p in new if (p.trace_id, p.span_id) not in seen]
    if len(merged) > MAX_PROVENANCE:
        # Keep where it was first learned and the latest confirmations.
        merged = merged[:1] + merged[-(MAX_PROVENANCE - 1):]
    return tuple(merged)


def merge(old: Fact, new: Fact) -> Fact:
    """``old`` confirmed by ``new``: provenance appended, highest confidence, and no single
    agent any more when two agents learned it."""
    return replace(old, provenance=_merged_provenance(old.provenance, new.provenance),
                   confidence=max(old.confidence, new.confidence),
                   agent_id=old.agent_id if old.agent_id == new.agent_id else None)


def _time(item: Fact | Retraction) -> int:
    return item.provenance.time_ns if isinstance(item, Retraction) else item.valid_from_ns


class _Memory:
    """Facts by id while one batch is merged in, remembering which ones changed."""

    def __init__(self, existing: Iterable[Fact]) -> None:
        self.facts = {fact.id: fact for fact in existing}
        self.touched: set[str] = set()

    def current(self, subject: str | None = None) -> list[Fact]:
        return [f for f in self.facts.values()
                if f.current and (subject is None or f.subject == subject)]

    def put(self, fact: Fact) -> None:
        self.facts[fact.id] = fact
        self.touched.add(fact.id)

    def add(self, new: Fact) -> None:
        current = self.current(new.subject)
        same = next((f for f in current if f.key == new.key), None)
        if same is None:
            same = next((f for f in current if _more_specific(f, new)), None)
        if same is None and new.subject == "job_title":
            # "Is a teacher" after "Works as a high school teacher": the same job, said loosely.
            same = next((f for f in current
                         if value_tokens(new.value) < value_tokens(f.value)), None)
        if same is None and new.subject == "name":
            # "Ada" after "Adaeze", "Bernard" after "Bernard Lefèvre": the short form of the
            # name already known, not a new name.
            short = normalize_value(new.value)
            same = next((f for f in current if normalize_value(f.value).startswith(short)), None)
        if same is None and new.category == "relationship":
            # "son Arjun" and "Arjun" (named in a list of the kids): the same person, told
            # with and without the relation; the fuller value stays.
            same = next((f for f in current if _same_person(f, new)), None)
            if same is not None and len(new.value) > len(same.value):
                same = replace(same, value=new.value, text=new.text)
        if same is not None:
            self.put(merge(same, new))
            return
        replaced = [f for f in current if _more_specific(new, f)]
        if is_single_valued(new.subject):
            replaced = current
        opposite = OPPOSITES.get(new.subject)
        if opposite:
            replaced += [f for f in self.current(opposite)
                         if normalize_value(f.value) == normalize_value(new.value)]
        # A plan dated more finely ends the same plan dated by its month.
        replaced += [f for f in self.current() if _refines(new, f)]
        for old in replaced:
            if old.valid_from_ns > new.valid_from_ns:
                # Learned out of order: what was said later stays current.
                self.put(new.supersede(old.valid_from_ns, old.id))
                return
        if new.subject == "home_city" and any(f.subject == "home_city" for f in replaced):
            # A move to another city ends the neighbourhood known in the old one.
            replaced += [f for f in self.current("neighbourhood")
                         if f.valid_from_ns < new.valid_from_ns]
        if new.subject in ("job_title", "employer"):
            # "work second shift at a warehouse", said in an earlier conversation, was about the
            # job the user had then; a job named since is the one that holds.
            sessions = {p.session_id for p in new.provenance}
            replaced += [f for f in self.current("statement") if f.category == "work"
                         and f.valid_from_ns < new.valid_from_ns
                         and not sessions & {p.session_id for p in f.provenance}]
        if new.subject in ("home_city", "home_country"):
            # Living in the place a move was planned to ends the plan.
            replaced += [f for f in self.current("move")
                         if f.valid_from_ns <= new.valid_from_ns
                         and value_tokens(new.value) <= value_tokens(f.value)]
        for old in replaced:
            self.put(old.supersede(new.valid_from_ns, new.id))
        self.put(new)

    def retract(self, retraction: Retraction) -> None:
        at = retraction.provenance.time_ns
        if retraction.subject == "*redate":
            self.redate(retraction)
            return
        for fact in self.current():
            if fact.valid_from_ns <= at and _retracts(retraction, fact):
                self.put(fact.supersede(at, None))


    def redate(self, correction: Retraction) -> None:
        """ "it's the 4th, not the 5th": the plans on the old day move to the new one."""
        old, new = correction.values
        at = correction.provenance.time_ns
        for fact in self.current():
            if fact.category == "plan" and fact.valid_from_ns <= at and old in fact.value:
                moved = replace(fact, value=fact.value.replace(old, new),
                                text=fact.text.replace(old, new),
                                provenance=_merged_provenance(fact.provenance,
                                                              [correction.provenance]),
                                valid_from_ns=at, id="")
                self.put(fact.supersede(at, moved.id))
                self.put(moved)


def _retracts(retraction: Retraction, fact: Fact) -> bool:
    if retraction.subject == "*":
        # "I left Stripe": whatever held exactly that value.
        return normalize_value(fact.value) in {normalize_value(v) for v in retraction.values}
    if retraction.subject.startswith("*"):
        # "*possession": "I sold the Zafira" ends the possession that named it.
        tokens = value_tokens(fact.value)
        return fact.category == retraction.subject[1:] and any(
            value_tokens(v) and value_tokens(v) <= tokens for v in retraction.values)
    if fact.subject == "statement" and retraction.values and not retraction.subject.startswith("*"):
        # A sentence kept whole ("Been on metformin for the diabetes six years") ends with the
        # value it names ("switched me off the metformin").
        tokens = value_tokens(fact.value)
        return any(value_tokens(v) and value_tokens(v) <= tokens for v in retraction.values)
    if fact.subject != retraction.subject:
        return False
    if not retraction.values:
        return True
    tokens = value_tokens(fact.value)
    return any(value_tokens(v) and value_tokens(v) <= tokens for v in retraction.values)


def plan_expired(fact: Fact, now_ns: int) -> bool:
    """Whether ``fact`` is a plan whose date (day, month or year) is before ``now_ns``."""
    if fact.category != "plan":
        return False
    match = _PLAN_DATE.search(fact.value)
    if match is None:
        return False
    stated = match.group(0)
    return stated < message_day(now_ns).isoformat()[:len(stated)]


def moved_in(move: Fact) -> Fact:
    """The home a planned move whose day has passed leads to: "Annecy in 2026-06" means the
    user has lived in Annecy since June (less certain than their own word)."""
    stated = _PLAN_DATE.search(move.value)
    since, place = move.valid_from_ns, move.value
    if stated:
        moved = datetime(int(stated.group(1)), int(stated.group(2) or 1), int(stated.group(3) or 1),
                         tzinfo=timezone.utc).timestamp()
        since = max(since, int(moved) * 1_000_000_000)
        place = re.sub(r"\s+(?:on|in)$", "", move.value[:stated.start()].strip())
    return Fact(category="location", subject="home_city", value=place,
                text=f"Lives in {place} (moved there as planned)", confidence=0.7,
                provenance=move.provenance, agent_id=move.agent_id, valid_from_ns=since)


def consolidate(existing: Sequence[Fact], learned: Sequence[Fact | Retraction],
                now_ns: int | None = None) -> tuple[list[Fact], list[Fact]]:
    """Merge ``learned`` (in the order said) into ``existing``.

    Returns ``(facts, superseded)``: the current facts that are new or changed, and the facts
    that became history in this run. ``existing`` is not modified. With ``now_ns``, plans
    dated before it are superseded too. Pure; no I/O.
    """
    memory = _Memory(existing)
    ordered = sorted(enumerate(learned), key=lambda pair: (
        _time(pair[1]), 0 if isinstance(pair[1], Retraction) else 1, pair[0]))
    for _, item in ordered:
        if isinstance(item, Retraction):
            memory.retract(item)
        else:
            memory.add(item)
    if now_ns is not None:
        for fact in memory.current():
            if plan_expired(fact, now_ns):
                memory.put(fact.supersede(now_ns, None))
                if fact.subject == "move":
                    memory.add(moved_in(fact))
    changed = sorted((memory.facts[i] for i in memory.touched),
                     key=lambda f: (f.valid_from_ns, f.id))
    return [f for f in changed if f.current], [f for f in changed if not f.current]
