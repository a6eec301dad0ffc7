"""The words of kinship: which relations there are, what fact each makes, and which words are
no name ("my son (ugh)", "Is Tom (my son)...")."""

from __future__ import annotations

import re

from lumiscope.server.memory.lexicon import (
    ACCESSIBILITY,
    CHILDREN,
    GRANDCHILDREN,
    NATIONALITIES,
    NOT_NAMES,
    PARTNERS,
    PET_PLURALS,
    PETS,
    SIBLINGS,
    word_set,
)
from lumiscope.server.memory.rules.base import Found, article

ROOMMATES = word_set("roommate, roomate, roomie, flatmate, housemate")
# The wider family: remembered only with a name ("my nephew Dani"), as "my cousin" alone says
# little.
EXTENDED = word_set("nephew, niece, cousin, godson, goddaughter, aunt, uncle, stepson, "
                    "stepdaughter")
_RELATIVES = sorted(PARTNERS | CHILDREN | SIBLINGS | PETS | GRANDCHILDREN | ROOMMATES | EXTENDED,
                    key=len, reverse=True)
RELATIVE = r"(" + "|".join(re.escape(r) for r in _RELATIVES) + r")"
NOT_NAME_WORDS = NOT_NAMES | NATIONALITIES | ACCESSIBILITY | {
    "and", "but", "is", "was", "has", "had", "who", "if", "the", "or", "ugh", "lol", "haha",
    "sigh", "yikes", "omg", "jk", "ok", "okay", "yes", "no", "shower", "monitor", "registry",
    "bump", "food", "stuff", "clothes", "formula", "gear", "names", "seat", "sitter", "steps",
    "teeth", "birthday", "party", "school", "teacher", "friends", "toys", "lunch", "dinner",
    "breakfast", "supper", "tea", "bedtime", "nap", "pickup", "practice", "training", "class",
    "bath", "homework", "curfew", "mine", "hers", "his", "theirs", "ours",
    # "my sister wedding is the 12th", "baby girl came last month": an event or a kind.
    "wedding", "graduation", "funeral", "engagement", "christening", "baptism", "hen", "stag",
    "girl", "boy", "mr", "mrs", "ms", "miss", "mx", "dr",
}


def is_name(word: str) -> bool:
    return word.split()[0].lower() not in NOT_NAME_WORDS


# The plain word for a relation said casually: the value reads "boyfriend Daan", not "bf Daan".
_PLAIN = {"bf": "boyfriend", "gf": "girlfriend", "hubby": "husband", "other half": "partner",
          "boy": "son", "girl": "daughter", "kid": "child", "grandkid": "grandchild",
          "grandbaby": "grandchild", "fiance": "fiancé", "fiancee": "fiancée"}


def relative(relation: str, name: str | None, confidence: float = 0.9) -> Found | None:
    """A relationship fact: partner, child, sibling or pet, named when ``name`` is given (the
    value is then "daughter Zosia")."""
    relation = relation.lower()
    relation = _PLAIN.get(relation, relation)
    if relation in PARTNERS:
        subject_ = "partner"
    elif relation in CHILDREN:
        subject_ = "child"
    elif relation in SIBLINGS:
        subject_ = "sibling"
    elif relation in GRANDCHILDREN:
        subject_ = "grandchild"
    elif relation in PETS:
        subject_ = "pet"
    elif relation in ROOMMATES or relation in EXTENDED:
        if name is None:
            return None  # "my roommate", "my cousin" alone say too little
        subject_ = "roommate" if relation in ROOMMATES else "relative"
        return Found("relationship", subject_, f"{relation} {name}",
                     f"Has {article(relation)} {relation} named {name}", confidence)
    else:
        return None
    if name is None:
        return Found("relationship", subject_, relation,
                     f"Has {article(relation)} {relation}", 0.6)
    # The value keeps the relation with the name: "wife Karen" says who Karen is, where the
    # subject only says "partner".
    return Found("relationship", subject_, f"{relation} {name}",
                 f"Has {article(relation)} {relation} named {name}", confidence)


PRONOUNS = word_set("she, he, they, it, we, you, that, this, there, then, here, what, which, "
                     "whose, whom, too, also, so")
ADVERBS = word_set("always, never, also, just, really, still, usually, sometimes, often, "
                    "actually, already, even, only, now, then, too, totally, basically, "
                    "literally, finally, recently, currently")


KIN_ADJECTIVES = r"(?:old|new|little|big|baby|eldest|youngest|oldest|younger|older|late|lovely)"


def plural_kin(plural: str) -> str | None:
    """The singular relation of a plural ("grandchildren" -> "grandchild", "kelpies" ->
    "kelpie"), when it is one."""
    plural = plural.lower()
    singular = {"kids": "kid", "children": "child", "grandchildren": "grandchild",
                "grandkids": "grandkid", "twins": "child", "boys": "son", "girls": "daughter"}.get(
        plural) or PET_PLURALS.get(plural) or (plural[:-3] + "y" if plural.endswith("ies")
                                               and plural[:-3] + "y" in PETS else plural[:-1])
    return singular if relative(singular, "X") else None
