"""What the user owns: vehicles, homes, devices, instruments, tools.

Only listed kinds of things count ("I have a question" owns nothing), matched on the head noun
of the phrase or, for brands, its first capitalized word ("a Tesla Model 3").
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from lumiscope.server.memory.lexicon import POSSESSIONS
from lumiscope.server.memory.rules.base import (
    HAVE,
    Context,
    Found,
    Rule,
    article,
    clean,
    lookup,
    rule,
    subject,
)

_PHRASE_END = re.compile(
    r"\s+(?:in|at|for|from|with|that|which|who|to|on|near|since|last|yesterday|and|but|"
    r"because|so|you|I|he|she|they|we|it|this|from|when|after|before|recently|lately|"
    r"now|today|a while|years)\b.*$", re.I)


def kind_of(thing: str) -> str | None:
    """The possession subject of ``thing`` (``"gravel bike"`` -> ``"bike"``), if listed."""
    for kind, words in POSSESSIONS.items():
        if lookup(thing, words):
            return kind
    first = thing.split()[0]
    if first[:1].isupper():
        for kind, words in POSSESSIONS.items():
            if first.lower() in words:
                return kind
    return None


def _owns(match: re.Match[str], ctx: Context) -> Iterator[Found]:
    thing = clean(_PHRASE_END.sub("", match.group(2)), 4)
    if not thing:
        return
    thing = re.sub(r"^(?:new|brand new|second-hand|used|old)\s+", "", thing, flags=re.I)
    kind = kind_of(thing)
    if kind is None or match.group(1).lower() in ("drive", "ride") and kind not in (
            "car", "motorbike", "bike"):
        return
    yield Found("possession", kind, thing, f"Owns {article(thing)} {thing}")


def _sold(match: re.Match[str], ctx: Context) -> Iterator[Found]:
    thing = clean(_PHRASE_END.sub("", match.group(1)), 4)
    kind = kind_of(thing) if thing else None
    if kind:
        yield Found("possession", kind, "", f"No longer owns {article(kind)} {kind}",
                    retract=True)


RULES: tuple[Rule, ...] = (
    rule(subject(HAVE) + r"\s+(own|have|got|drive|ride|bought|purchased|just bought|"
         r"finally bought|picked up)(?:\s+got)?\s+(?:a|an|the|my|our|one)\s+([^,;:.!?()]+)",
         _owns, stateful=True),
    rule(subject(HAVE) + r"\s+(?:sold|gave away|got rid of|crashed|totaled|totalled)\s+"
         r"(?:my|our|the)\s+([^,;:.!?()]+)", _sold),
)
