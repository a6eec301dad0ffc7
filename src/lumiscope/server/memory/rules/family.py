"""The people and animals in the user's life: partner, children, siblings, pets.

Only the relation is learned, never what the relative likes or does: "my wife Jenny is vegan"
gives a partner named Jenny, not a vegan user.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from lumiscope.server.memory.lexicon import (
    CHILDREN,
    NOT_NAMES,
    PARTNERS,
    PET_PLURALS,
    PETS,
    SIBLINGS,
)
from lumiscope.server.memory.rules.base import (
    BE,
    HAVE,
    I_AM,
    LIST,
    NAME,
    Context,
    Found,
    Rule,
    article,
    lookup,
    rule,
    subject,
)
from lumiscope.server.memory.text import split_list

_NUMBERS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5,
            "twin": 2, "twins": 2}
_RELATIVES = sorted(PARTNERS | CHILDREN | SIBLINGS | PETS, key=len, reverse=True)
_RELATIVE = r"(" + "|".join(re.escape(r) for r in _RELATIVES) + r")"
_NOT_NAME_WORDS = NOT_NAMES | {"and", "but", "is", "was", "has", "had", "who", "if", "the", "or"}


def _is_name(word: str) -> bool:
    return word.split()[0].lower() not in _NOT_NAME_WORDS


def relative(relation: str, name: str | None, confidence: float = 0.9) -> Found | None:
    """A relationship fact: partner, child, sibling or pet, named when ``name`` is given."""
    relation = relation.lower()
    if relation in PARTNERS:
        subject_ = "partner"
    elif relation in CHILDREN:
        subject_ = "child"
    elif relation in SIBLINGS:
        subject_ = "sibling"
    elif relation in PETS:
        subject_ = "pet"
    else:
        return None
    if name is None:
        return Found("relationship", subject_, relation,
                     f"Has {article(relation)} {relation}", 0.6)
    return Found("relationship", subject_, name,
                 f"Has {article(relation)} {relation} named {name}", confidence)


def _my_named(match: re.Match[str], ctx: Context) -> Iterator[Found]:
    name = match.group(2)
    if _is_name(name):
        found = relative(match.group(1), name.split()[0] if " " in name else name)
        if found and re.search(r"\blate\s", match.group(0), re.I):
            found = Found(found.category, found.subject, found.value,
                          f"Had {article(match.group(1))} {match.group(1)} named "
                          f"{found.value}, who has died", found.confidence)
        if found:
            yield found


def _my_partner(match: re.Match[str], ctx: Context) -> Iterator[Found]:
    # A partner mentioned without a name still says the user has one; siblings and parents
    # without a name are too common and too vague to keep.
    found = relative(match.group(1), None)
    if found:
        yield found


_COUNTED = re.compile(r"^(a|an|one|two|three|four|five|twin|\d)\s+([\w\s'-]+?)"
                      r"(?:\s+(?:named|called)\s+(" + NAME + r"))?$", re.I)
_KIDS = frozenset(CHILDREN | {"children"})


def _counted(match: re.Match[str], ctx: Context) -> Iterator[Found]:
    """ "I have two kids, Lucas and Marta", "I have a golden retriever named Biscuit and two
    cats": each item of the list is a child or a pet; bare names after children are theirs."""
    naming_children = False
    for item in split_list(match.group(1)):
        item = re.split(r"\s+(?:who|which|that|whose|but)\b", item)[0]
        parsed = _COUNTED.match(item)
        if parsed is None:
            if naming_children and re.fullmatch(NAME, item) and _is_name(item):
                yield Found("relationship", "child", item, f"Has a child named {item}")
            continue
        count = _NUMBERS.get(parsed.group(1).lower()) or int(parsed.group(1))
        noun, name = parsed.group(2).strip().lower(), parsed.group(3)
        singular = PET_PLURALS.get(noun) or (noun[:-1] if count > 1 and noun.endswith("s")
                                             else noun)
        if singular in _KIDS:
            naming_children = True
            if count > 1:
                yield Found("relationship", "children_count", str(count),
                            f"Has {count} children")
            elif name and _is_name(name):
                yield Found("relationship", "child", name, f"Has a child named {name}")
            continue
        naming_children = False
        pet = lookup(singular, PETS)
        if pet and count > 1:
            yield Found("relationship", "pet", f"{count} {noun}", f"Has {count} {noun}", 0.8)
        elif pet:
            found = relative(pet, name if name and _is_name(name) else None)
            if found:
                yield Found(found.category, found.subject, found.value,
                            f"Has {article(noun)} {noun}" + (f" named {name}" if name else ""),
                            found.confidence)


def _baby(match: re.Match[str], ctx: Context) -> Iterator[Found]:
    if _is_name(match.group(1)):
        yield Found("relationship", "child", match.group(1), f"Has a child named {match.group(1)}")


def _married(match: re.Match[str], ctx: Context) -> Iterator[Found]:
    name = match.group(1)
    if name and _is_name(name):
        yield Found("relationship", "partner", name, f"Is married to {name}")
    else:
        yield Found("relationship", "partner", "married", "Is married", 0.8)


def _single(match: re.Match[str], ctx: Context) -> Iterator[Found]:
    yield Found("relationship", "partner", "", "Is single", retract=True)


RULES: tuple[Rule, ...] = (
    rule(r"\bmy\s+(?:(?:lovely|amazing|dear|beautiful|little|new|old|older|younger|big|baby|late|"
         r"twin)\s+)?"
         + _RELATIVE + r"(?:'s name is|,?\s+(?:is called|is named|named|called))?,?\s+("
         + NAME + ")", _my_named),
    rule(r"\bmy\s+(wife|husband|partner|girlfriend|boyfriend|fiancée?|spouse)\b(?!'s name|,?\s+"
         r"(?:is called|is named|named|called|" + NAME + "))", _my_partner),
    rule(subject(HAVE) + r"\s+(?:got|have|adopted|own|rescued)\s+((?:a|an|one|two|three|four|"
         r"five|twin|\d)\s+" + LIST.strip("()") + ")", _counted),
    rule(subject(HAVE) + r"\s+(?:just\s+)?(?:had|welcomed)\s+(?:a|our)\s+(?:new\s+)?(?:baby|son|"
         r"daughter)(?:\s+(?:girl|boy))?\b,?\s+(?:named|called|(?:her|his) name is)\s+("
         + NAME + ")", _baby),
    rule(I_AM + r"\s+(?:happily\s+)?(?:married|engaged)(?:\s+to\s+(" + NAME + "))?", _married,
         stateful=True),
    rule(subject(BE + "|" + HAVE) + r"\s+(?:got\s+)?(?:married|engaged)(?:\s+to\s+(" + NAME + "))?",
         _married),
    rule(I_AM + r"\s+(?:single|divorced|separated|widowed)\b|" + subject()
         + r"\s+(?:broke up|split up|got divorced|separated)\b", _single),
)
