"""From the LLM calls of a session to turns: what the user newly said, and the reply.

Apps re-send the whole history on every call, and some trim it to a sliding window, so a
user message counts once per session: it is new only when neither its position in the
conversation (a fingerprint of every non-system message up to it) nor its text was seen
before. System messages are never learned from, and the user's messages are cut down to the
user's own words: Lumiscope's injected memory, code, quoted and pasted text are removed.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass, replace

from lumiscope.server.ingest.messages import Message, text_of
from lumiscope.server.memory.model import Turn

MEMORY_PREFIX = "Here is what you know about this user from previous conversations:"
_MEMORY_JSON = re.compile(r'\{\s*"(?:user_id|memory)"\s*:')
_MEMORY_KEYS = re.compile(r'"(?:facts|summary|view)"\s*:')
_FENCE = re.compile(r"```.*?(?:```|\Z)", re.S)
_QUOTE_LINE = re.compile(r"^[ \t]*>.*$", re.M)
# "He said: I live in Tokyo." - what follows a reporting verb and a colon is not the user's.
_REPORTED = re.compile(
    r"\b(?:said|says|wrote|writes|told me|asked|replied|goes|posted|commented)"
    r"[ \t]*:[ \t]*\S[^\n]*", re.I)
_QUOTED = re.compile(r"\"[^\"\n]{1,400}\"|“[^”\n]{1,400}”|«[^»\n]{1,400}»"
                     r"|(?<![\w'])'(?=\S)[^'\n]{1,300}(?<=\S)'(?![\w'])")
_PERSONAL = re.compile(r"\b(?:I|I'm|I've|I'd|me|my|mine|we|our|you|your)\b", re.I)
_PASTE_INTRO = re.compile(r":\s*$")
# "Translate: I live in Paris" - after a short task label and a colon, the line is material.
_INLINE_PASTE = re.compile(
    r"^(\W*(?:[\w'-]+\s+){0,5}?(?:translate|correct|proofread|fix|rewrite|rephrase|paraphrase|"
    r"summari[sz]e|check|improve|edit|grade|review|polish|shorten|this|text|sentence|email|"
    r"message|paragraph|caption|bio|post|reply|tweet|note|draft|quote|says?|said|wrote)\b"
    r"[^:\n]{0,30}:)[ \t]*\S.*$", re.I | re.M)
# "setup:\n- Claire\n- vegan since jan": short list items under a label with no task word
# are the user's own notes; under "fix this:" or "ingredients:" they are material.
_LIST_ITEM = re.compile(r"^\s*(?:[-*•·–]|\d{1,2}[.)])\s+\S.{0,100}$")
_MATERIAL_LABEL = re.compile(
    r"\b(?:translate|correct|proofread|fix|rewrite|rephrase|paraphrase|summari[sz]e|check|"
    r"improve|edit|grade|review|polish|shorten|this|these|text|sentence|email|message|"
    r"paragraph|caption|bio|post|reply|tweet|draft|quote|says?|said|wrote|recipe|"
    r"ingredients|list|items|options|example|output|error|log|code)\b", re.I)
PASTED_PARAGRAPH = 1000  # characters; a paragraph this long is a pasted document
QUOTE_PLACEHOLDER = "[quote]"


@dataclass(frozen=True)
class LlmCall:
    """One traced LLM call: its prompt and reply messages (``{"role", "content"}``)."""

    input_messages: Sequence[Message]
    output_messages: Sequence[Message]
    trace_id: str
    span_id: str
    session_id: str | None
    user_id: str | None
    agent_id: str | None
    time_ns: int


def is_injected_memory(text: str) -> bool:
    """Whether ``text`` carries a memory answer Lumiscope served (so memory never feeds on
    itself): the guide's injection prefix, or a get-memory JSON object."""
    if MEMORY_PREFIX.lower() in text.lower():
        return True
    return bool(_MEMORY_JSON.search(text) and _MEMORY_KEYS.search(text))


def strip_injected(text: str) -> str:
    """``text`` without the guide's prefix line and any get-memory JSON object in it."""
    text = re.sub(re.escape(MEMORY_PREFIX), " ", text, flags=re.I)
    decoder = json.JSONDecoder()
    while (match := _MEMORY_JSON.search(text)) is not None:
        try:
            _, end = decoder.raw_decode(text, match.start())
        except ValueError:
            end = len(text)  # a truncated object: nothing after it is the user's either
        text = text[:match.start()] + " " + text[end:]
    return text


def _drop_quote(match: re.Match[str]) -> str:
    inner = match.group(0)[1:-1]
    # A short quoted title ("I love "Dune"") stays; a quoted statement is someone's words.
    if len(inner.split()) <= 4 and not _PERSONAL.search(inner):
        return inner
    return QUOTE_PLACEHOLDER


def _own_notes(label: str, lines: list[str]) -> bool:
    """Whether ``lines`` under ``label`` are the user's own notes: short list items or their
    particulars, under a label that names no material to work on. What follows the list is
    the user's again ("Some context first:\n- I'm Deaf...\nMy problem: ...")."""
    items = []
    for line in lines:
        if not line.strip():
            continue
        if not (_LIST_ITEM.match(line) or _PROFILE_LINE.match(line)):
            break
        items.append(line)
    return bool(items) and not _MATERIAL_LABEL.search(label)


def _drop_pasted(text: str) -> str:
    """Remove pasted blocks: what follows a line ending in ':' up to a closing short line
    (kept when it is a question about the paste), and any very long paragraph."""
    paragraphs = re.split(r"\n\s*\n", text)
    kept: list[str] = []
    pasting, intro = False, ""
    for index, paragraph in enumerate(paragraphs):
        is_last = index == len(paragraphs) - 1
        if pasting and _own_notes(intro, paragraph.split("\n")):
            pasting = False  # "diff since jan:" followed by the user's own particulars
        if pasting and not (is_last and len(paragraph) <= 200 and len(paragraphs) > 2):
            continue
        lines = paragraph.split("\n")
        own: list[str] = []
        for number, line in enumerate(lines):
            own.append(line)
            rest = lines[number + 1:]
            if _PASTE_INTRO.search(line) and rest and not _own_notes(line, rest):
                # Lines after an intro in the same paragraph are pasted, except a final
                # question ("How should I answer?").
                if rest[-1].rstrip().endswith("?"):
                    own.append(rest[-1])
                break
        paragraph = "\n".join(own)
        if len(paragraph) >= PASTED_PARAGRAPH:
            continue
        kept.append(paragraph)
        intro = paragraph.rstrip().split("\n")[-1]
        pasting = pasting or bool(_PASTE_INTRO.search(intro))
    return "\n\n".join(kept)


# A fenced block that only lists the user's own particulars ("- employer: fastly\n+ employer:
# grafana labs") is a note about them, not code: its new lines are kept, its removed ones not.
_PROFILE_LINE = re.compile(r"^\s*([+-]?)\s*(?:employer|company|title|role|job|city|location|home|"
                           r"diet|name|age|team)\s*[:=]\s*\S.*$", re.I)


def _fenced(match: re.Match[str]) -> str:
    lines = [line for line in match.group(0).strip("`").splitlines()[1:] if line.strip()]
    if lines and all(_PROFILE_LINE.match(line) for line in lines):
        kept = [re.sub(r"^\s*\+\s*", "", line) for line in lines
                if _PROFILE_LINE.match(line).group(1) != "-"]  # type: ignore[union-attr]
        return "\n\n" + "\n".join(kept) + "\n\n"
    return "\n\n[code]\n\n"


def own_words(text: str) -> str:
    """The part of a user message that is a statement by the user.

    Removes injected memory, code (fenced blocks, unless one only lists the user's particulars),
    quoted lines (``>``), reported speech after
    "said:", quoted sentences (short quoted titles stay) and pasted documents.
    """
    text = strip_injected(text)
    # Code and quoted lines leave a placeholder line, so a paste's shape (intro, material,
    # question) survives for _drop_pasted; lone placeholders are removed at the end.
    text = _FENCE.sub(_fenced, text)
    text = _QUOTE_LINE.sub(QUOTE_PLACEHOLDER, text)
    text = _REPORTED.sub(QUOTE_PLACEHOLDER, text)
    text = _INLINE_PASTE.sub(lambda m: m.group(1) + " " + QUOTE_PLACEHOLDER, text)
    text = _QUOTED.sub(_drop_quote, text)
    text = _drop_pasted(text)
    text = re.sub(r"^[ \t]*\[(?:code|quote)\][ \t]*$", "", text, flags=re.M)
    return re.sub(r"[ \t]+", " ", re.sub(r"\n{3,}", "\n\n", text)).strip()


def _digest(*parts: str) -> str:
    return hashlib.sha256("\0".join(parts).encode()).hexdigest()[:24]


def _normal(text: str) -> str:
    return " ".join(text.split())


def _reply(messages: Sequence[Message]) -> str:
    texts = (text_of(m.get("content")) for m in messages if m.get("role") != "user")
    return "\n".join(t for t in texts if t.strip())


def _new_user_messages(call: LlmCall, seen: set[str]) -> tuple[list[str], list[str]]:
    """The user messages of ``call`` not learned yet, and the fingerprints they consumed.

    Fingerprints belong to the session: the same words in another session are news (the user
    may have moved back to Lisbon), whatever scope the caller keeps ``seen`` in.
    """
    session = call.session_id or ""
    prefix = hashlib.sha256(f"{session}\0".encode())
    found: list[str] = []
    consumed: list[str] = []
    for message in call.input_messages:
        role = str(message.get("role") or "user")
        content = text_of(message.get("content"))
        if role == "system" or (role != "user" and is_injected_memory(content)):
            continue  # the app's instructions and injected memory are not conversation
        normal = _normal(strip_injected(content))
        prefix.update(f"{role}\0{normal}\0".encode())
        if role != "user" or not normal:
            continue
        position, same_text = "p:" + prefix.hexdigest()[:24], "t:" + _digest(session, normal)
        if position in seen or same_text in seen:
            seen.add(position)  # known text at a new position: a trimmed window, not new
            continue
        seen.update((position, same_text))
        consumed.extend((position, same_text))
        found.append(content)
    return found, consumed


def extract_turns(calls: Iterable[LlmCall], seen: Collection[str] = ()) -> list[Turn]:
    """Turns of a session from its LLM calls, given in time order.

    ``seen`` holds fingerprints of turns learned by an earlier run over the same session
    (the union of their :attr:`Turn.fingerprints`); those messages are skipped. A call that
    adds no user message (a tool-call round trip) gives its reply to the turn before it when
    that turn had none. Pure and non-blocking.
    """
    known = set(seen)
    turns: list[Turn] = []
    for call in calls:
        messages, consumed = _new_user_messages(call, known)
        reply = _reply(call.output_messages)
        if not messages:
            if reply and turns and not turns[-1].assistant_reply:
                turns[-1] = replace(turns[-1], assistant_reply=reply)
            continue
        own = [words for words in (own_words(m) for m in messages) if words]
        turns.append(Turn(trace_id=call.trace_id, span_id=call.span_id,
                          session_id=call.session_id, user_id=call.user_id,
                          agent_id=call.agent_id, time_ns=call.time_ns, user_messages=own,
                          assistant_reply=reply, fingerprints=tuple(consumed)))
    return turns
