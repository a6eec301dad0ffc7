"""Relatives and pets named in passing: in an aside ("Fiona (wife) and I"), an apposition
("Rory, our son, who's..."), brackets ("gf (ana)"), or a list ("the grandchildren, Lucas and
Inès"), a fragment ("A beagle named Scout."). Like :mod:`.family`, only the relation is
learned.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from lumiscope.server.memory.lexicon import PETS, word_set
from lumiscope.server.memory.rules.base import (
    NAME,
    Context,
    Found,
    Rule,
    rule,
    typed_in_lower_case,
)
from lumiscope.server.memory.rules.intro import is_known_word
from lumiscope.server.memory.rules.kinship import (
    ADVERBS,
    KIN_ADJECTIVES,
    NOT_NAME_WORDS,
    PRONOUNS,
    RELATIVE,
    is_name,
    plural_kin,
    relative,
)
from lumiscope.server.memory.text import split_list

_PET_WORDS = "|".join(sorted(PETS, key=len, reverse=True))
_LEADS = word_set("would, could, should, can, will, does, do, did, are, were, when, where, how, "
                  "why, what, if, so, then, also, since, because, ask, tell, let")


def _kin(relation: str | None, name: str) -> Iterator[Found]:
    """The user's ``relation`` named ``name``, when ``name`` can be a name."""
    if relation and is_name(name) and name.lower() not in PRONOUNS | ADVERBS and len(name) > 1:
        found = relative(relation, name[0].upper() + name[1:])
        if found:
            yield found


def _named_aside(match: re.Match[str], ctx: Context) -> Iterator[Found]:
    # "Joyce (that's the wife)", "biscuit (our golden retriever)": the aside says who it is.
    words = match.group(1).split()
    while len(words) > 1 and (words[0].lower() in NOT_NAME_WORDS or words[0].lower() in _LEADS):
        words.pop(0)  # "Is Tom (my son) old enough?"
    yield from _kin(match.group(2), " ".join(words))


def _died(match: re.Match[str], ctx: Context) -> Iterator[Found]:
    # "Bess died in september": the pet or relative of that name is gone (kept in history).
    name = match.group(1)
    if is_name(name) and name.lower() not in PRONOUNS:
        yield Found("relationship", "*relationship", name, f"{name} has died", retract=True)


def _born(match: re.Match[str], ctx: Context) -> Iterator[Found]:
    # "our baby girl came last month": the pregnancy is over.
    yield Found("health", "condition", "pregnant", "No longer pregnant", retract=True)


def _bracketed_name(match: re.Match[str], ctx: Context) -> Iterator[Found]:
    yield from _kin(match.group(1), match.group(2))


def _plural_named(match: re.Match[str], ctx: Context) -> Iterator[Found]:
    # "the grandchildren, Lucas and Inès" ("the" only for children: "the boys, Tom and Jerry").
    kin = plural_kin(match.group(1) or match.group(2))
    for name in match.group(3, 4):
        yield from _kin(kin, name)


def _plural_named_first(match: re.Match[str], ctx: Context) -> Iterator[Found]:
    # "Blue and Tess, our kelpies": the clause split left the names before the relation.
    names = re.search(r"(?:^|[.!?;]\s+)(" + NAME + r")\s+and\s+(" + NAME + r"),\s+(?:my|our)\s+"
                      + re.escape(match.group(1)), ctx.message)
    for name in names.group(1, 2) if names else ():
        yield from _kin(plural_kin(match.group(1)), name)


def _pet_fragment(match: re.Match[str], ctx: Context) -> Iterator[Found]:
    # "We just got a puppy!! A beagle named Scout.": the pet named in a fragment of its own.
    yield from _kin(match.group(1), match.group(2))


# One child of a list, with its age or not: "Arjun (15)", "Ebuka is 6", "jaylen whos 8".
_LISTED = re.compile(r"^(" + NAME + r"|(?-i:[a-z][a-z'-]+))(?:\s*\(\d{1,2}\)?|\s+(?:is|'s|whos|"
                     r"who's|who is)\s+\d{1,2}\b|\s+\d{1,2}\b)?$")


def _names_listed(plural: str, listed_text: str, ctx: Context) -> Iterator[Found]:
    """The relatives named in ``listed_text`` ("Olivia (7) and Noah (4)", "Ebuka is 6 and Nneka
    is 3", "jaylen whos 8 and amara whos 5"), while the list runs on."""
    kin = plural_kin(plural)
    for item in split_list(listed_text):
        listed = _LISTED.match(item)
        name = listed.group(1) if listed else ""
        aged = bool(listed) and listed.group(0) != name
        if not listed or (name[0].islower() and not aged and not typed_in_lower_case(ctx.message)):
            break  # the list has ended: "... and in kindergarten now"
        yield from _kin(kin, name)


def _kids_listed(match: re.Match[str], ctx: Context) -> Iterator[Found]:
    # "My kids are Olivia (7) and Noah (4)", "our two kids, Ebuka is 6 and Nneka is 3".
    yield from _names_listed(match.group(1), match.group(2), ctx)


def _their_names(match: re.Match[str], ctx: Context) -> Iterator[Found]:
    # "there names are mikaere and tia", in a message about the twins or their school.
    about = re.search(r"\b(kids|children|sons|daughters|boys|girls|twins|grandkids|dogs|cats|"
                      r"puppies|kittens)\b", ctx.message, re.I)
    if about or re.search(r"\b(?:teacher|class|school|brother|sister)\b", ctx.message, re.I):
        yield from _names_listed(about.group(1) if about else "kids", match.group(1), ctx)


def _kid_aged(match: re.Match[str], ctx: Context) -> Iterator[Found]:
    # "Kids are home for the hols. Jack's 15, Ellie's 13": children named with their ages.
    if not re.search(r"\b(?:kids|children|sons|daughters|boys|girls|twins)\b", ctx.message, re.I):
        return
    # "cian is 9 and saoirse is 7": names in lower case, in a message all in lower case.
    lower = r"|(?-i:[a-z][a-z'-]{2,15})" if typed_in_lower_case(ctx.message) else ""
    for name, age in re.findall(r"\b(" + NAME + lower + r")(?:'s|\s+is)\s+(\d{1,2})\b",
                                ctx.clause.text):
        if is_name(name) and int(age) <= 25 and not (name.islower() and is_known_word(name)):
            name = name[0].upper() + name[1:]
            yield Found("relationship", "child", name, f"Has a child named {name} ({age})", 0.75)


def _apposed(match: re.Match[str], ctx: Context) -> Iterator[Found]:
    # "Rory, our son, who's in his final year": the clause split left the name before it.
    named = re.search(r"(?:^|[.!?;]\s+)(" + NAME + r"),\s+(?:my|our)\s+(?:" + KIN_ADJECTIVES
                      + r"\s+)?" + re.escape(match.group(1)) + r"\s*,", ctx.message)
    if named:
        yield from _kin(match.group(1), named.group(1))


RULES: tuple[Rule, ...] = (
    rule(r"(" + NAME + r"|(?-i:[a-z][a-z'-]+))\s*\(\s*(?:(?:(?:that's|that is|=)\s+)?(?:the|my|our)"
         r"\s+)?(?:[\w-]+\s+){0,2}?" + RELATIVE + r"\s*\)", _named_aside, allow_question=True,
         allow_modal=True),
    # "Rory, our son, who's...", "Dwayne, that's my husband, forty-one years this fall".
    rule(r"(?:^\W*|[.!;]\s+)(?:(?:oh|and|so|also)\s+)*(" + NAME + r"),\s+(?:(?:that's|that is|he's|"
         r"she's)\s+)?(?:my|our)\s+(?:(?:old|new|little|big|baby|eldest|youngest)\s+)?" + RELATIVE
         + r"\s*(?:,|$|\.)", _named_aside),
    rule(r"^\W*(?:" + NAME + r"|(?-i:[a-z][a-z'-]{2,15}))(?:'s|\s+is)\s+\d{1,2}\s*(?:,|\band\b)",
         _kid_aged),
    rule(r"^\W*(?:my|our)\s+(?:" + KIN_ADJECTIVES + r"\s+)?" + RELATIVE + r"\s*(?:,|$)", _apposed),
    # "with my wife Agnieszka and small daughter Zosia": the second relative of a pair.
    rule(r"\b(?:my|our)\s+(?:" + KIN_ADJECTIVES + r"\s+)?" + RELATIVE.replace("(", "(?:", 1)
         + r"\s+" + NAME + r"\s+(?:and|&)\s+(?:(?:my|our)\s+)?(?:(?:small|"
         + KIN_ADJECTIVES[3:-1] + r")\s+)?" + RELATIVE + r"\s+(" + NAME + ")", _bracketed_name),
    # "Darlene my wife already took my Dr Pepper away": the name, then who it is.
    rule(r"^\W*(?:(?:oh|and|so|also)\s+)*(" + NAME + r")\s+(?:my|our)\s+(?:" + KIN_ADJECTIVES
         + r"\s+)?" + RELATIVE + r"\s+(?!and\b|or\b)(?=\w)", _named_aside),
    # "Rob's my husband", "Tess is our kelpie".
    rule(r"^\W*(" + NAME + r")(?:'s|\s+is)\s+(?:my|our)\s+(?:" + KIN_ADJECTIVES + r"\s+)?"
         + RELATIVE + r"\b", _named_aside),
    # "the grandchildren, Lucas and Inès", "Blue and Tess, our kelpies": plural kin named.
    rule(r"\b(?:(?:my|our)\s+(kids|children|grandchildren|grandkids|twins|boys|girls|dogs|cats|"
         r"\w+ies|\w+s)|the\s+(kids|children|grandchildren|grandkids|twins))\s*,?\s*(" + NAME
         + r")\s+and\s+(" + NAME + ")", _plural_named),
    rule(r"^\W*(?:my|our)\s+(kids|children|grandchildren|grandkids|twins|boys|girls|dogs|cats|\w+ies|"
         r"\w+s)\b", _plural_named_first),
    # "new one's a cocker spaniel called Rolo" (a pet just told of).
    rule(r"^\W*(?:(?:(?:the\s+)?new\s+one|she|he)(?:'s|\s+is)\s+)?(?:an?|our|my)\s+(?:[\w-]+\s+)?("
         + _PET_WORDS + r")\s+(?:named|called)\s+(" + NAME
         + r"|(?-i:[a-z][a-z'-]+))\b", _pet_fragment),
    rule(r"\b(?:my|our)\s+(?:two\s+|three\s+|four\s+|five\s+|\d\s+)?(kids|children|sons|"
         r"daughters|boys|girls|grandkids|grandchildren|twins)\s*(?:\bare\b|,|:|-)\s*([^.;!?]+)",
         _kids_listed),
    # "there names are mikaere and tia" in a message about the twins.
    rule(r"^\W*(?:(?:ok|okay|so|and|oh)\W+){0,3}(?:their|there)\s+names\s+are\s+([^.;!?]+)",
         _their_names),
    rule(r"(?:^\W*|[,;]\s*|\b(?:and|but|so|sadly)\s+)(" + NAME + r")\s+(?:died|passed away|"
         r"passed|was put down|had to be put down|was put to sleep)\b", _died),
    rule(r"\b(?:my|our|the)\s+(?:baby|little one|(?:baby\s+)?(?:girl|boy)|son|daughter)\s+"
         r"(?:finally\s+)?(?:came|arrived|was born|is here)\b|\b(?:I|we)\s+(?:just\s+)?(?:gave "
         r"birth|had (?:the|our|my)\s+baby)\b", _born),
    # "gf (ana) is vegan", "my brother (Oscar) lives there": the name in brackets.
    rule(r"(?:^\W*|\b(?:my|our)\s+)" + RELATIVE + r"\s*\(\s*(" + NAME
         + r"|(?-i:[a-z][a-z'-]+))\s*\)", _bracketed_name, allow_question=True),
)
