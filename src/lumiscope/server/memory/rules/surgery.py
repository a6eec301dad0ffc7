"""Operations the user has had: what was replaced, repaired or taken out stays relevant to
what they can do ("I had a knee replacement in July so I can't manage long walks")."""

from __future__ import annotations

import re
from collections.abc import Iterator

from lumiscope.server.memory.lexicon import BODY_PARTS
from lumiscope.server.memory.rules.base import Context, Found, Rule, article, rule
from lumiscope.server.memory.rules.career import opening

# What is operated on besides the parts a user calls bad.
_PART = "|".join(sorted(BODY_PARTS | {
    "acl", "meniscus", "rotator cuff", "heart", "open heart", "cataract", "hernia", "eye",
    "bunion", "carpal tunnel", "disc", "sinus", "gastric", "bariatric", "weight loss", "brain",
    "spinal", "bladder", "bowel", "cardiac"}, key=len, reverse=True))
# What can be taken out: "had my gallbladder out".
_ORGAN = (r"gall\s?bladder|appendix|tonsils|thyroid|spleen|uterus|womb|ovary|ovaries|kidney|"
          r"prostate|gallstones")
_KIND = (r"replacement|surgery|surgeries|operation|op|reconstruction|fusion|transplant|repair|"
         r"arthroscopy|scope|bypass")
_SIDE = r"(?:(?:left|right|total|partial|double|triple|full|emergency|major|minor)\s+){0,2}"
# "had a knee replacement scheduled", "a hip replacement consult", "a hip replacement patient
# today": a plan, or someone else's operation.
_NOT_DONE = (r"(?!\s+(?:scheduled|booked|planned|pencil\w*|consult\w*|appointment|assessment|"
             r"pre-?op|date|cancel\w*|postponed|lined up|coming|next|on the cards|recommended|"
             r"suggested|discussed|patients?|cases?|list|waiting list)\b)")
# The user had it, and only the user: "we had a hip replacement" is no one's in particular.
_HAD = opening("I") + r"had\s+"


def _operation(value: str) -> Found:
    value = re.sub(r"\s+", " ", value.strip())
    text = f"Has had {value}" if re.search(r"surger(?:y|ies)$", value, re.I) else (
        f"Has had {article(value)} {value}")
    return Found("health", "surgery", value, text, 0.85)


def _had_operation(match: re.Match[str], ctx: Context) -> Iterator[Found]:
    # "I had a knee replacement in July", "had ACL surgery", "I had an appendectomy".
    yield _operation(match.group(1))


def _operated_part(match: re.Match[str], ctx: Context) -> Iterator[Found]:
    # "had my gallbladder out", "I had my hip replaced", "I've had surgery on my left knee".
    part = f"{match.group('side') or ''}{match.group('part')}".lower()
    done = (match.group("done") or "operated").lower()
    kind = ("removal" if done in ("out", "removed", "taken out") else
            "replacement" if done == "replaced" else
            "reconstruction" if done in ("rebuilt", "reconstructed") else "surgery")
    yield _operation(f"{part} {kind}")


RULES: tuple[Rule, ...] = (
    rule(_HAD + r"(?:an?\s+|my\s+|two\s+|three\s+|some\s+)?(" + _SIDE + r"(?:(?:" + _PART
         + r")\s+(?:" + _KIND + r")|[a-z]+ectomy|bypass))\b" + _NOT_DONE, _had_operation),
    rule(_HAD + r"my\s+(?P<side>(?:left|right)\s+)?(?P<part>" + _PART + "|" + _ORGAN
         + r")\s+(?P<done>out|removed|taken out|replaced|operated on|rebuilt|reconstructed)\b"
         + _NOT_DONE, _operated_part),
    rule(_HAD + r"(?:surgery|an operation|an op)\s+on\s+my\s+(?P<side>(?:left|right)\s+)?"
         r"(?P<part>" + _PART + r")\b(?P<done>)" + _NOT_DONE, _operated_part),
)
