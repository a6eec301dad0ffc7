"""What a doctor, physio or other clinician told the user, in the user's report of it: a
finding ("derma said its hand eczema"), a restriction ("Physio says no heavy lifting") and a
switch of medication ("my family doctor switched me to a combination inhaler, Symbicort").

Reported speech is otherwise not the user's statement (see :func:`..text.blocked`); a
clinician's word about the user is the exception, and these rules say what it holds.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from lumiscope.server.memory.lexicon import BODY_PARTS
from lumiscope.server.memory.rules.base import PHRASE, SELF, Context, Found, Rule, clean, rule
from lumiscope.server.memory.rules.health import (
    condition,
    drug_name,
    known_condition,
    medication_name,
)
from lumiscope.server.memory.text import CONDITION_NAMES

_CLINICIAN = (r"\b(?:doctor|doc|derma|dermatologist|gp|dr|consultant|specialist|physio|"
              r"physiotherapist|chiro|chiropractor|surgeon|nurse|cardiologist|neurologist|"
              r"rheumatologist|dentist|optician|therapist|psychiatrist)")


def _finding(match: re.Match[str], ctx: Context) -> Iterator[Found]:
    # "the derma said its hand eczema from the dye": a condition the lexicon knows.
    phrase = match.group(1)
    value = known_condition(phrase)
    part = re.match(r"(\w+)\s+(.*)$", phrase)
    if value is None and part and part.group(1).lower() in BODY_PARTS | {"hand", "foot", "scalp"}:
        found = known_condition(part.group(2))  # "hand eczema"
        value = f"{part.group(1).lower()} {found}" if found else None
    if value:
        yield condition(value)


def _restriction(match: re.Match[str], ctx: Context) -> Iterator[Found]:
    # "Physio says no heavy lifting for at least 6 months".
    what = clean(re.split(r"\s+(?:for|until|till|while|because)\b", match.group(1))[0], 5)
    if what:
        yield Found("constraint", "restriction", f"no {what}", f"Must avoid {what} (told by "
                    "a clinician)", 0.85)


def _switched_to(match: re.Match[str], ctx: Context) -> Iterator[Found]:
    # "switched me to a combination inhaler, Symbicort": the brand after the comma, if any.
    named = re.match(r"\s*,\s*((?-i:[A-Z][\w-]+))", ctx.clause.text[match.end():])
    name = named.group(1) if named else drug_name(match.group(1))
    if name:
        yield Found("health", "medication", name, f"Takes {name}", 0.85)


def _taken_off(match: re.Match[str], ctx: Context) -> Iterator[Found]:
    # "she took me off the amlodipine and put me on losartan", "doctor change my medicine,
    # stop the amlodipine": the old drug has ended.
    if match.group(0).lower().startswith("stop") and not _CLINICIAN_SAID.search(ctx.message):
        return
    name = drug_name(match.group(1))
    if name:
        yield Found("health", "medication", name, f"No longer takes {name}", retract=True)


def _not_after_all(match: re.Match[str], ctx: Context) -> Iterator[Found]:
    # "So it's NOT really insomnia after all, the apnea is what's been waking me": a condition
    # the user believed they had, revised.
    value = known_condition(match.group(1))
    if value:
        yield Found("health", "condition", value, f"Does not have {value}", retract=True)


_CLINICIAN_SAID = re.compile(r"\b(?:doctor|doc|gp|consultant|nurse|specialist|pharmacist)\b",
                             re.I)


def _flared(match: re.Match[str], ctx: Context) -> Iterator[Found]:
    # "gout's flared up again", "hay fever has been awful this year": a condition that comes
    # back, in the user's own message.
    value = known_condition(match.group(1))
    if value:
        yield condition(value, 0.8)


def _switched_off(match: re.Match[str], ctx: Context) -> Iterator[Found]:
    # "consultant switched me off metformin and onto insulin".
    old, new = drug_name(match.group(1)), drug_name(match.group(2))
    if old:
        yield Found("health", "medication", old, f"No longer takes {old}", retract=True)
    if new:
        yield Found("health", "medication", new, f"Takes {new}", 0.85)


def _body_condition(match: re.Match[str], ctx: Context) -> Iterator[Found]:
    if match.group(1).lower() in BODY_PARTS | {"thyroid", "joints", "skin", "gut", "heart"}:
        value = known_condition(match.group(2))
        if value:
            yield condition(value)


def _bare_condition(match: re.Match[str], ctx: Context) -> Iterator[Found]:
    # "i have back problem, herniated disc since may": named alone after the user's own
    # complaint ("I have...", "my back...") and no one else's.
    before = (ctx.message or "").split(match.group(1))[0]
    if re.search(r"\bI\s*(?:have|'ve got|got|'m|am)\b|\bmy\s+(?:back|knee|hip|neck|doctor|gp)\b",
                 before, re.I) and not re.search(r"\b(?:my|our)\s+(?:mum|mom|dad|wife|husband|son|"
                                                 r"daughter|partner|kid|child|brother|sister)\b",
                                                 before, re.I):
        value = known_condition(match.group(1))
        if value:
            yield condition(value)


def _treated_condition(match: re.Match[str], ctx: Context) -> Iterator[Found]:
    value = known_condition(match.group(1))
    if value:
        yield condition(value, 0.85)


def _starts_drug(match: re.Match[str], ctx: Context) -> Iterator[Found]:
    # "i start levothyroxine tomorrow": a drug the lexicon knows ("I start Monday" is a job).
    name = medication_name(match.group(1))
    if name:
        yield Found("health", "medication", name, f"Takes {name}", 0.85)


def _still_on(match: re.Match[str], ctx: Context) -> Iterator[Found]:
    name = drug_name(match.group(1))
    if name:
        yield Found("health", "medication", name, f"Takes {name}", 0.8)


def _injured(match: re.Match[str], ctx: Context) -> Iterator[Found]:
    # "Herniated a disc lifting a patient at work last month.", "I tore a ligament skiing".
    part = match.group(2) if match.group(2).isupper() else match.group(2).lower()
    done = match.group(1).lower()
    value = f"{done} {part}" if part.isupper() else f"{done} {part.lower()}"
    yield Found("health", "condition", value, f"Has a {value}", 0.8)


def _treated_for(match: re.Match[str], ctx: Context) -> Iterator[Found]:
    # "doc put me on amlodipine for high blood pressure": what the drug is for is the user's.
    value = known_condition(match.group(1))
    if value:
        yield condition(value, 0.85)


def _in_treatment(match: re.Match[str], ctx: Context) -> Iterator[Found]:
    # "also started therapy, online, every tuesday".
    what = match.group(1).lower()
    yield Found("health", "treatment", what, f"Is in {what}", 0.85)


RULES: tuple[Rule, ...] = (
    rule(r"(?:" + SELF + r"(?:'ve|\s+have)?\s+|^\W*(?:(?:also|and|so|update)\W+)*)"
         r"(?:just\s+|finally\s+)?(?:started|began|begun|am in|'m in|am doing|'m doing)\s+"
         r"(therapy|counselling|counseling|physio|physiotherapy|cbt|rehab|hydrotherapy|chemo|"
         r"radiotherapy|ivf)\b", _in_treatment),
    rule(r"\b(?:put|started|has|have)\s+me\s+on\s+[\w-]+(?:\s+[\w-]+)?\s+for\s+(?:my\s+)?" + PHRASE,
         _treated_for),
    rule(_CLINICIAN + r"\s+(?:says|said|say|thinks|reckons|confirmed|told me)\s+(?:that\s+)?"
         r"(?:it's|its|it is|is|it was|I've got|I have|I got|I had)\s+(?:an?\s+)?" + PHRASE,
         _finding),
    # "my right hip is shot, arthritis, and...", "my thyroid is low, hypothyroidism": a part of
    # the user's body, then the condition named bare.
    rule(r"\bmy\s+(?:(?:left|right|lower|upper)\s+)?([\w-]+)\s+(?:is|are|'s)\s+[\w\s]{2,25}?,\s*("
         + CONDITION_NAMES + r")\s*(?=,|\.|$|\band\b|\bsince\b)", _body_condition),
    # "i have back problem, herniated disc since may": a condition alone, with its start.
    rule(r"^\W*(" + CONDITION_NAMES + r")(?:\s+since\s+\w+|\W*$)", _bare_condition),
    rule(r"\bno\s+more\s+([\w-]{3,30})", _taken_off),
    # "Been on metformin for the diabetes six years now".
    rule(r"(?:^\W*|\b(?:I|we)(?:'ve|\s+have)?\s+)been\s+on\s+(?:the\s+)?([\w-]{3,30})",
         _starts_drug),
    # "my adhd meds", "my asthma inhaler": the condition the user's treatment is for.
    rule(r"\bmy\s+(" + CONDITION_NAMES + r")\s+(?:meds|medication|medicine|tablets|pills|inhaler|"
         r"treatment|diagnosis|nurse|clinic|review|specialist|consultant)\b", _treated_condition),
    rule(SELF + r"\s+(?:start|started|am starting|'m starting|began|begin)\s+(?:taking\s+|on\s+)?"
         r"([\w-]{3,30})", _starts_drug),
    rule(_CLINICIAN + r"\s+(?:says|said|told me)\s+(?:that\s+)?(?:no|not to do|to avoid|I can't "
         r"do|I shouldn't do)\s+(?:any\s+)?([a-z][\w -]{2,40})", _restriction),
    rule(r"\b(?:switched|changed|moved|put)\s+me\s+(?:on)?to\s+(?:an?\s+|the\s+)?([\w -]{2,40}?)"
         r"(?=\s*,|\s*$|\s+(?:instead|now|and|which|for)\b)", _switched_to),
    rule(r"\b(?:it's|its|it is|it was|I don't have|I do not have)\s+not\s+(?:really\s+|"
         r"actually\s+)?([a-z][\w -]{2,30}?)\s+after\s+all\b", _not_after_all),
    rule(r"^\W*(?:(?:ugh|so|and|also|btw)\W+)*(?:my\s+)?(" + CONDITION_NAMES + r")(?:'s|\s+has|"
         r"\s+have|\s+is|\s+are)\s+(?:been\s+)?(?:flared up|flaring(?: up)?|acting up|playing up|"
         r"awful|terrible|horrendous|brutal|bad|worse|back)\b", _flared),
    rule(r"\bswitched\s+me\s+(?:off|from)\s+(?:the\s+)?([\w-]+)\s+(?:and\s+)?(?:on)?to\s+"
         r"(?:the\s+)?([\w-]+)", _switched_off),
    rule(r"^\W*(?:(?:and|so|also|ok|yes|yeah)\W+)*(?:I'm\s+|I am\s+)?still\s+on\s+(?:the\s+|my\s+)?"
         r"([\w-]+)", _still_on),
    rule(r"(?:" + SELF + r"\s+|^\W*(?:(?:so|and|also|ugh)\W+)*)(tore|torn|ruptured|sprained|"
         r"dislocated|fractured|broke)\s+my\s+(?:left\s+|right\s+)?(ACL|MCL|PCL|meniscus|"
         r"rotator cuff|achilles|hamstring|ankle|wrist|collarbone|shoulder|knee|hip|elbow)\b",
         _injured),
    rule(r"\b(?:they|doctor|doc|gp|consultant|he|she)(?:'ve|\s+have|\s+has)?\s+(?:just\s+|finally\s+)?"
         r"diagnosed\s+(?:me\s+with\s+|it\s+as\s+)?(" + CONDITION_NAMES + r")\b", _flared),
    rule(r"\bstop(?:ped)?\s+(?:the|my)\s+([\w-]{3,30})", _taken_off),
    rule(r"\b(?:took|taken|take|takes|taking|got)\s+me\s+off\s+(?:of\s+)?(?:the\s+|my\s+)?"
         r"([\w-]{3,30})", _taken_off),
    rule(r"(?:" + SELF + r"\s+|^\W*(?:(?:bad news|so|and|also|ugh|update)\W+)*)(herniated|slipped|"
         r"tore|ruptured|fractured|broke)\s+an?\s+(disc|ligament|tendon|rib|vertebra|bone|muscle)\b",
         _injured),
)
