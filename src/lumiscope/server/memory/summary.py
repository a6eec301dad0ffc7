"""Short extractive summaries: one per session, one per user. Deterministic, no model.

A session summary says what the user asked about (their questions and requests, cut to a
few words) and what they shared (the facts learned from the session). A user summary leads
with the user's current facts, most telling categories first, and ends with the latest
session's summary.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from lumiscope.server.memory.model import CATEGORIES, Fact, Turn
from lumiscope.server.memory.text import is_question, prepare, sentences, third_person

MAX_TOPICS = 3
MAX_SHARED = 5
MAX_USER_FACTS = 8
TOPIC_WORDS = 12
_REQUEST = re.compile(
    r"^\W*(?:(?:hi|hey|hello|ok|okay|so|also|and|anyway|thanks)\W+)*(?:please\s+)?(?:can|could|"
    r"would|will)\s+you\b|^\W*(?:please\s+)?(?:help|give|write|suggest|explain|make|show|tell|"
    r"recommend|review|summari[sz]e|translate|plan|find|check|look|draft|create|list|compare)"
    r"\b", re.I)
_POLITE = re.compile(
    r"^\W*(?:(?:hi|hey|hello|ok|okay|so|also|and|anyway|thanks|yes|great|cool)\W+)*(?:please\s+)?"
    r"(?:(?:can|could|would|will)\s+you\s+(?:please\s+)?|please\s+)?(?:help\s+me\s+(?:to\s+)?"
    r"(?:with\s+)?)?", re.I)
_SMALL_TALK = re.compile(r"^\W*(?:thanks?|thank you|thx|ty|ok|okay|great|cool|hi+|hello|hey|bye|"
                         r"yes|no|nope|yep|sure|perfect|got it|nvm|never mind|lol|haha|nice|"
                         r"good (?:morning|afternoon|evening|night)|how are you|how's it going|"
                         r"what's up|sup|yo)\b[\w\s,!.?']{0,20}$", re.I)


def _topic(sentence: str) -> str | None:
    """A question or request, cut to its gist: "Can you suggest a quick dinner?" ->
    "suggest a quick dinner"."""
    if _SMALL_TALK.match(sentence) or not (is_question(sentence) or _REQUEST.search(sentence)):
        return None
    gist = _POLITE.sub("", sentence).strip().rstrip("?!.").strip()
    words = gist.split()
    if len(words) < 2:
        return None
    gist = " ".join(words[:TOPIC_WORDS]) + ("..." if len(words) > TOPIC_WORDS else "")
    # Third person first: lowering the first letter would hide a leading "I'm" from it.
    gist = third_person(gist)
    return _lower_first(gist)


def _lower_first(text: str) -> str:
    return text[0].lower() + text[1:] if text and not text[:2].isupper() else text


def topics(turns: Sequence[Turn]) -> list[str]:
    """The user's questions and requests in ``turns``, each cut to its gist; greetings,
    thanks and other small talk are none."""
    found: list[str] = []
    for turn in turns:
        for message in turn.user_messages:
            for sentence in sentences(prepare(message)):
                topic = _topic(sentence)
                if topic and topic not in found:
                    found.append(topic)
    return found


def session_summary(turns: Sequence[Turn], learned: Sequence[Fact] = ()) -> str:
    """One to three sentences on a session: what the user asked about and shared.

    ``learned``: the facts learned from this session. Empty string when the session had no
    substance: no question or request and nothing learned ("Hello!", "thanks", "ok").
    """
    topics_ = topics(turns)
    parts = []
    if topics_:
        parts.append("Asked about: " + "; ".join(topics_[:MAX_TOPICS]) + ".")
    shared = list(dict.fromkeys(_lower_first(f.text) for f in learned))
    if shared:
        parts.append("Shared: " + "; ".join(shared[:MAX_SHARED]) + ".")
    return " ".join(parts)


def _rank(fact: Fact) -> tuple[int, float, int]:
    order = CATEGORIES.index(fact.category) if fact.category in CATEGORIES else len(CATEGORIES)
    return order, -fact.confidence, -fact.updated_ns


def user_summary(facts: Sequence[Fact], session_summaries: Sequence[str] = ()) -> str:
    """A few sentences on a user: current facts, then the latest session (last of
    ``session_summaries``). Empty string when there is nothing to say."""
    current = sorted((f for f in facts if f.current), key=_rank)
    name = next((f.value for f in current if f.subject == "name"), None)
    others = [f for f in current if f.subject != "name"][:MAX_USER_FACTS]
    parts = []
    if others:
        listed = "; ".join(_lower_first(f.text) for f in others)
        parts.append(f"{name + ': ' if name else ''}{listed[0].upper() + listed[1:]}.")
    elif name:
        parts.append(f"Is called {name}.")
    latest = next((s for s in reversed(session_summaries) if s), None)
    if latest:
        parts.append(f"Last conversation: {_lower_first(latest)}")
    return " ".join(parts)
