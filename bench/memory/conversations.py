"""The benchmark's conversations, and the LLM calls an app would make while having them.

Each ``data/<split>/<user>.json`` holds one user: sessions in time order, each a list of
``{"user", "assistant"}`` turns, and the labels: ``expect`` (facts a good memory holds at the
end), ``acceptable`` (true facts it may hold), ``stale`` (values it must no longer serve) and
``noise`` (values that must never become facts). Categories may list alternatives.

The app being simulated follows the Flowlines guide: every call re-sends the system prompt,
the memory served at the start of the session (injected as a system message) and the whole
history, so the engine sees re-sent and injected text exactly as it would in production.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

DATA = Path(__file__).parent / "data"
SPLITS = ("dev", "heldout", "blind", "blind2", "blind3", "blind4", "blind5", "blind6", "blind7",
          "blind8", "blind9", "blind10", "blind11", "blind12", "blind13", "blind14",
          "blind15", "blind16", "blind17", "blind18", "blind19", "blind20", "blind21", "blind22",
          "blind23", "blind24", "blind25", "blind26")
# Sets no rule was written from yet: their figures estimate quality on unseen chat. A round of
# rules that looks at one moves it out of here, and a fresh set should come in.
UNSEEN = ("blind25", "blind26")
TURN_GAP_NS = 90 * 1_000_000_000  # one exchange every 90 seconds
INJECTION = "Here is what you know about this user from previous conversations:\n{memory}"


@dataclass(frozen=True)
class Call:
    """One LLM call of the simulated app."""

    trace_id: str
    span_id: str
    user_id: str
    session_id: str
    agent_id: str | None
    time_ns: int
    input_messages: list[dict[str, str]]
    output_messages: list[dict[str, str]]


def load(splits: tuple[str, ...] = SPLITS) -> list[dict[str, Any]]:
    """Every user of ``splits``, each tagged with its ``split``."""
    users = []
    for split in splits:
        for path in sorted((DATA / split).glob("*.json")):
            user = json.loads(path.read_text(encoding="utf-8"))
            user["split"] = split
            users.append(user)
    return users


def parse_time(value: str) -> int:
    return int(datetime.fromisoformat(value.replace("Z", "+00:00")).timestamp()) * 1_000_000_000


def _hex(*parts: str, length: int) -> str:
    return hashlib.sha256("/".join(parts).encode()).hexdigest()[:length]


def session_calls(user_id: str, session: dict[str, Any], memory: str | None,
                  run: str = "") -> Iterator[Call]:
    """The calls of one session: history re-sent each time, memory injected if any."""
    history: list[dict[str, str]] = [
        {"role": "system", "content": session.get("system", "You are a helpful assistant.")}]
    if memory:
        history.append({"role": "system", "content": INJECTION.format(memory=memory)})
    start = parse_time(session["start"])
    for index, turn in enumerate(session["turns"]):
        history.append({"role": "user", "content": turn["user"]})
        reply = {"role": "assistant", "content": turn["assistant"]}
        yield Call(trace_id=_hex(run, session["session_id"], str(index), length=32),
                   span_id=_hex(run, session["session_id"], str(index), "span", length=16),
                   user_id=user_id, session_id=session["session_id"] + run,
                   agent_id=session.get("agent_id"), time_ns=start + index * TURN_GAP_NS,
                   input_messages=list(history), output_messages=[reply])
        history.append(reply)


def session_end(session: dict[str, Any]) -> int:
    """When the session's last exchange happened."""
    return parse_time(session["start"]) + (len(session["turns"]) - 1) * TURN_GAP_NS
