"""The memory engine's data: turns in, facts and summaries out.

Everything here is a plain frozen dataclass with no I/O, so the store can persist it (via
:meth:`Fact.to_dict` / :meth:`Fact.from_dict`) and the engines can be tested without one.
Times are integers in nanoseconds since the epoch, as in the span store.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

CATEGORIES = ("identity", "location", "work", "relationship", "preference", "health",
              "constraint", "goal", "plan", "possession")
"""Every fact category, in the order a memory view lists them."""

# Subjects that hold one value at a time: a newer value supersedes the older one. Every other
# subject accumulates values (allergies, likes, children...). ``favourite_*`` is single too.
SINGLE_VALUED = frozenset({
    "name", "age", "pronouns", "nationality", "birthday", "birth_year",
    "home_city", "home_country", "origin", "work_city",
    "job_title", "employer", "field", "school", "school_year", "nickname", "alcohol", "smoking",
    "partner", "diet", "budget", "time_available", "work_mode",
    "car", "home", "phone",
})

# A newer value of one of these supersedes the same value under its opposite.
OPPOSITES = {"likes": "dislikes", "dislikes": "likes"}

MAX_PROVENANCE = 10  # per fact: the first sighting and the latest ones; why a fact is known


def is_single_valued(subject: str) -> bool:
    """Whether a newer value of ``subject`` replaces the current one."""
    return subject in SINGLE_VALUED or subject.startswith("favourite_")


_ARTICLES = re.compile(r"^(?:a|an|the|my|our)\s+", re.I)
_PUNCT = re.compile(r"[^\w\s/+$-]")
_SPACES = re.compile(r"\s+")


def normalize_value(value: str) -> str:
    """The comparison form of a value: lower case, no accents, articles or punctuation.

    ``"the Hospital São João."`` and ``"hospital sao joao"`` compare equal; ``$4,000`` and
    ``$4000`` too.
    """
    text = unicodedata.normalize("NFKD", value)
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).lower()
    text = re.sub(r"(?<=\d),(?=\d{3})", "", text)
    text = _PUNCT.sub(" ", text)
    text = _SPACES.sub(" ", text).strip()
    return _ARTICLES.sub("", text)


def value_tokens(value: str) -> frozenset[str]:
    """The words of a normalized value, for "does this value mention that one" checks."""
    return frozenset(normalize_value(value).split())


@dataclass(frozen=True)
class Provenance:
    """Where a fact was stated: one span of one trace in one session, at one time."""

    trace_id: str
    span_id: str
    session_id: str | None
    time_ns: int

    def to_dict(self) -> dict[str, Any]:
        return {"trace_id": self.trace_id, "span_id": self.span_id,
                "session_id": self.session_id, "time_ns": self.time_ns}


@dataclass(frozen=True)
class Turn:
    """What one LLM call added to a conversation: the user's new message(s) and the reply.

    ``user_messages`` hold the user's own words only: pasted, quoted and injected text is
    already removed (see :mod:`lumiscope.server.memory.turns`). ``fingerprints`` identify the
    messages this turn consumed, so a later run over the same session skips them.
    """

    trace_id: str
    span_id: str
    session_id: str | None
    user_id: str | None
    agent_id: str | None
    time_ns: int
    user_messages: list[str]
    assistant_reply: str
    fingerprints: tuple[str, ...] = ()

    @property
    def provenance(self) -> Provenance:
        return Provenance(self.trace_id, self.span_id, self.session_id, self.time_ns)


@dataclass(frozen=True)
class Fact:
    """A durable statement about a user, current or (when superseded) historical.

    ``subject`` is a stable slug (``home_city``, ``diet``, ``allergy``...), ``value`` what it
    holds and ``text`` a short third-person sentence for prompts ("Lives in Lisbon").
    ``agent_id`` is None when the fact does not belong to one agent (learned without an
    agent, or from several). A superseded fact keeps ``superseded_at`` (ns) and the id of the
    fact that replaced it in ``superseded_by`` (None for a plain retraction).
    """

    category: str
    subject: str
    value: str
    text: str
    confidence: float
    provenance: tuple[Provenance, ...]
    agent_id: str | None
    valid_from_ns: int
    superseded_by: str | None = None
    superseded_at: int | None = None
    id: str = field(default="")

    def __post_init__(self) -> None:
        if not self.id:
            # Deterministic, so two runs over the same turns agree on ids; valid_from is part
            # of it because a value can come back after being superseded (moved back home).
            digest = hashlib.sha1(
                f"{self.subject}\0{normalize_value(self.value)}\0{self.valid_from_ns}".encode()
            ).hexdigest()
            object.__setattr__(self, "id", digest[:16])

    @property
    def current(self) -> bool:
        return self.superseded_at is None

    @property
    def updated_ns(self) -> int:
        """When the fact was last stated."""
        return max((p.time_ns for p in self.provenance), default=self.valid_from_ns)

    @property
    def key(self) -> tuple[str, str]:
        return self.subject, normalize_value(self.value)

    def supersede(self, at_ns: int, by: str | None) -> Fact:
        return replace(self, superseded_at=at_ns, superseded_by=by)

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict, the shape the store keeps and the REST API shows."""
        return {"id": self.id, "category": self.category, "subject": self.subject,
                "value": self.value, "text": self.text, "confidence": self.confidence,
                "agent_id": self.agent_id, "valid_from_ns": self.valid_from_ns,
                "superseded_by": self.superseded_by, "superseded_at": self.superseded_at,
                "provenance": [p.to_dict() for p in self.provenance]}

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Fact:
        return cls(category=data["category"], subject=data["subject"], value=data["value"],
                   text=data["text"], confidence=float(data["confidence"]),
                   provenance=tuple(Provenance(**p) for p in data.get("provenance", ())),
                   agent_id=data.get("agent_id"), valid_from_ns=int(data["valid_from_ns"]),
                   superseded_by=data.get("superseded_by"),
                   superseded_at=data.get("superseded_at"), id=data.get("id", ""))


@dataclass(frozen=True)
class Retraction:
    """The user said a fact no longer holds ("I no longer live in Lisbon").

    ``subject`` ``"*"`` matches any subject ("I left Stripe" ends whatever held Stripe);
    ``"*<category>"`` any fact of that category whose value names every word of one of
    ``values`` ("I sold the Zafira" ends "Vauxhall Zafira"); ``values`` empty matches any
    value of the subject.
    """

    subject: str
    values: tuple[str, ...]
    provenance: Provenance


@dataclass(frozen=True)
class MemoryUpdate:
    """What one engine run changes.

    ``facts``: new facts and current facts that gained provenance; ``superseded``: facts that
    became history in this run (with ``superseded_at`` set). The store upserts both by id.
    """

    facts: list[Fact]
    superseded: list[Fact]
    session_summary: str
    user_summary: str


def apply_update(existing: Sequence[Fact], update: MemoryUpdate) -> list[Fact]:
    """``existing`` with ``update`` written over it by fact id: what the store would hold."""
    by_id = {fact.id: fact for fact in existing}
    for fact in (*update.superseded, *update.facts):
        by_id[fact.id] = fact
    return list(by_id.values())
