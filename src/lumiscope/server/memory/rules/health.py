"""The user's health: allergies, conditions, medications, and what they make impossible."""

from __future__ import annotations

import re
from collections.abc import Iterator

from lumiscope.server.memory.lexicon import ACCESSIBILITY, CONDITIONS, MEDICATIONS, STATES
from lumiscope.server.memory.rules.base import (
    ADV,
    BE,
    HAVE,
    I_AM,
    I_HAVE,
    PHRASE,
    SELF,
    Context,
    Found,
    Rule,
    clean,
    rule,
    subject,
)
from lumiscope.server.memory.text import split_list, trim

_DETERMINER = re.compile(r"^(?:the|this|that|my|your|it|these|those|a|an|some)\b", re.I)


def _allergies(match: re.Match[str], ctx: Context) -> Iterator[Found]:
    for item in split_list(match.group(1)):
        value = clean(re.sub(r"^(?:all|most|some)\s+", "", item, flags=re.I), 4)
        if value and not _DETERMINER.match(value):
            yield Found("health", "allergy", value, f"Is allergic to {value}")


def _allergy_noun(match: re.Match[str], ctx: Context) -> Iterator[Found]:
    value = clean(match.group(1), 3)
    if value:
        yield Found("health", "allergy", value, f"Is allergic to {value}")


def condition(value: str, confidence: float = 0.9) -> Found:
    """A health condition the user has."""
    return Found("health", "condition", value, f"Has {value}", confidence)


_SORE = re.compile(r"^(?:an?\s+|my\s+)?(?:really\s+)?(?:bad|sore|dodgy|weak|injured)\s+"
                   r"(?:lower\s+|upper\s+|left\s+|right\s+)?(back|knee|hip|shoulder|neck)\b",
                   re.I)


def known_condition(phrase: str) -> str | None:
    """The listed condition a phrase starts with: "arthritis in my hands" -> "arthritis"."""
    sore = _SORE.match(trim(phrase))
    if sore:
        return f"a bad {sore.group(1).lower()}"
    words = re.sub(r"^(?:(?:mild|severe|chronic|slight|moderate|bad|really|terrible|awful|an?|"
                   r"diagnosed|the|sugar|frequent|constant|recurring|a lot of|lots of)\s+)+", "",
                   trim(phrase), flags=re.I).split()
    for length in range(min(len(words), 5), 0, -1):
        candidate = " ".join(words[:length])
        if candidate.lower() in CONDITIONS:
            return candidate
    return None


def _has_condition(match: re.Match[str], ctx: Context) -> Iterator[Found]:
    value = known_condition(match.group(1))
    if value:
        yield condition(value)


def _gets_condition(match: re.Match[str], ctx: Context) -> Iterator[Found]:
    # "I've been getting headaches and migraines": each listed condition.
    for item in split_list(match.group(1)):
        value = known_condition(item)
        if value:
            yield condition(value)


def _diagnosed(match: re.Match[str], ctx: Context) -> Iterator[Found]:
    value = clean(re.split(r"\s+(?:in|at|last|when|after|since)\b", match.group(1))[0], 5)
    if value and (not _DETERMINER.match(value) or value.lower() in CONDITIONS):
        yield condition(value)


def _suffers(match: re.Match[str], ctx: Context) -> Iterator[Found]:
    value = clean(match.group(1), 4)
    if value and (not _DETERMINER.match(value) or value.lower() in CONDITIONS):
        yield condition(value, 0.85)


def _state(match: re.Match[str], ctx: Context) -> Iterator[Found]:
    state = STATES[match.group(1).lower()]
    kind = re.search(r"\btype\s+(1|2|one|two|i|ii)\b", match.group(0), re.I)
    if kind and state == "diabetes":  # "a type 1 diabetic": the type matters for advice
        number = {"one": "1", "i": "1", "two": "2", "ii": "2"}.get(kind.group(1).lower(),
                                                                   kind.group(1))
        state = f"type {number} diabetes"
    yield condition(state)


def _accessibility(match: re.Match[str], ctx: Context) -> Iterator[Found]:
    value = match.group(1).lower()
    yield Found("constraint", "accessibility", value, f"Is {value}")


def _wheelchair(match: re.Match[str], ctx: Context) -> Iterator[Found]:
    yield Found("constraint", "accessibility", "wheelchair user", "Uses a wheelchair")


def _afraid(match: re.Match[str], ctx: Context) -> Iterator[Found]:
    value = clean(match.group(1), 3)
    if value and not _DETERMINER.match(value):
        yield Found("constraint", "fear", value, f"Is afraid of {value}", 0.8)


def medication_name(raw: str) -> str | None:
    """A listed medication at the start of ``raw`` ("metformin every morning")."""
    lowered = trim(raw).lower()
    for length in (3, 2, 1):
        candidate = " ".join(lowered.split()[:length])
        if candidate in MEDICATIONS:
            return re.sub(r"^an?\s+", "", " ".join(trim(raw).split()[:length]), flags=re.I)
    first = trim(raw).split()[0] if trim(raw) else ""
    return first if _DRUG_SUFFIX.search(first) else None


# Generic drug names by their stem: "sumatriptan", "ramipril", "omeprazole", "sertraline".
_DRUG_SUFFIX = re.compile(
    r"^[a-z]{3,}(?:pril|olol|statin|prazole|triptan|sartan|dipine|oxetine|traline|pramine|"
    r"azepam|zolam|cycline|cillin|mycin|floxacin|gliptin|gliflozin|glutide|tidine|thyroxine|"
    r"phylline|terol|sonide|asone|olone|mab|vir|azine|barb\w*|amide|ophen|profen|coxib|"
    r"triptyline|epine|idone)$", re.I)


def _takes(match: re.Match[str], ctx: Context) -> Iterator[Found]:
    # "I take now Eliquis": an adverb may come before the drug.
    for item in split_list(re.sub(r"^(?:now|also|still|daily|regularly)\s+", "", match.group(1))):
        name = medication_name(item)
        if name:
            yield Found("health", "medication", name, f"Takes {name}")


def _drug(raw: str) -> str | None:
    """A medication named after a prescribing verb: a known one, or a capitalized word the
    lexicon does not know ("started me on Elvanse", "switched me to Jardiance")."""
    raw = trim(raw)
    return medication_name(raw) or (raw.split()[0] if raw[:1].isupper() else None)


def _word_drug(raw: str) -> str | None:
    """What a known drug was switched to, typed in lower case: "put me on symbicort"."""
    word = (trim(raw).split() or [""])[0]
    if len(word) < 5 or not word.isalpha() or word.lower() in (
            "something", "another", "different", "higher", "lower", "tablets", "pills",
            "injections", "generic", "liquid"):
        return None
    return word


def _switched(match: re.Match[str], ctx: Context) -> Iterator[Found]:
    raw_old, raw_new = (match.group(1), match.group(2)) if match.group(1) else match.group(3, 4)
    old = medication_name(raw_old)
    # An unknown new name is a drug only when the old one was: not "from Python to Go".
    new = (_drug(raw_new) or _word_drug(raw_new)) if old else medication_name(raw_new)
    if old:
        yield Found("health", "medication", old, f"No longer takes {old}", retract=True)
    if new:
        yield Found("health", "medication", new, f"Takes {new}")


_PRESCRIBER = re.compile(r"\b(?:doctor|doc|gp|dr|consultant|specialist|psychiatrist|"
                        r"neurologist|cardiologist|rheumatologist|nurse practitioner)\b", re.I)


def _prescribed(match: re.Match[str], ctx: Context) -> Iterator[Found]:
    raw = next((g for g in match.groups() if g), "")
    # "The GP has put me on naproxen": after a prescriber, a lower-case word is a drug too.
    name = _drug(raw) or (_word_drug(raw) if _PRESCRIBER.search(ctx.clause.text) else None)
    if name:
        yield Found("health", "medication", name, f"Takes {name}", 0.85)


def _stopped_taking(match: re.Match[str], ctx: Context) -> Iterator[Found]:
    name = medication_name(match.group(1))
    if name:
        yield Found("health", "medication", name, f"No longer takes {name}", retract=True)


_STATES = "|".join(sorted(STATES, key=len, reverse=True))
_ACCESS = "|".join(sorted(ACCESSIBILITY, key=len, reverse=True))
def _wears(match: re.Match[str], ctx: Context) -> Iterator[Found]:
    aid = match.group(1).lower()
    text = "Uses a CPAP machine" if aid.startswith(("cpap", "a cpap")) else f"Wears {aid}"
    yield Found("health", "aid", aid, text, 0.85)


def _abstains(match: re.Match[str], ctx: Context) -> Iterator[Found]:
    # "I've been alcohol-free for 60 days", "sober since March", "quit smoking in May".
    smoke = re.search(r"smok|nicotine|vap|cigarette", match.group(0), re.I)
    if smoke:
        yield Found("health", "smoking", "quit smoking", "Has quit smoking", 0.85)
    else:
        yield Found("health", "alcohol", "alcohol-free", "Is alcohol-free", 0.85)


def _high_reading(match: re.Match[str], ctx: Context) -> Iterator[Found]:
    # "my cholesterol's up over 260": a reading the user has to manage.
    what = {"bp": "blood pressure", "sugar": "blood sugar", "sugars": "blood sugar"}.get(
        match.group(1).lower(), match.group(1).lower())
    yield Found("health", "condition", f"high {what}", f"Has high {what}", 0.8)


def _injury(match: re.Match[str], ctx: Context) -> Iterator[Found]:
    done = {"tore": "torn", "broke": "broken", "sprained": "sprained", "fractured": "fractured",
            "dislocated": "dislocated", "ruptured": "ruptured", "herniated": "herniated"}.get(
        match.group(1).lower(), match.group(1).lower())
    part = match.group(2)
    part = part.upper() if part.lower() in ("acl", "mcl") else part.lower()
    yield Found("health", "condition", f"{done} {part}", f"Has a {done} {part}", 0.85)


def _does_not(match: re.Match[str], ctx: Context) -> Iterator[Found]:
    # "I do not fly any more": a standing limit, whatever the reason.
    verb = match.group(1).lower()
    yield Found("constraint", "cannot", f"doesn't {verb}", f"Doesn't {verb}", 0.85)


RULES: tuple[Rule, ...] = (
    rule(SELF + r"\s+(?:wear|have|use|need|got|'ve got)\s+(?:a\s+|an\s+|one of (?:them|those)\s+)?"
         r"(cpap|hearing aids?|a cochlear implant|"
         r"glasses|contact lenses|contacts|a knee brace|a back brace|dentures|a cpap(?: machine)?|"
         r"a walking stick|a cane|a walker|a pacemaker|an insulin pump)\b", _wears, stateful=True),
    rule(r"\b(?:I|I'm|I am|I've|I have|we're|we've)" + ADV + r"\s+(?:been\s+|stayed\s+|now\s+)?"
         r"(?:alcohol[- ]free|sober|teetotal|booze[- ]free|smoke[- ]free|nicotine[- ]free|"
         r"off (?:the )?(?:booze|alcohol|drink|cigarettes|smokes))\b|" + subject(HAVE)
         + r"\s+(?:quit|stopped|given up|gave up)\s+(?:drinking|alcohol|the booze|smoking|"
         r"cigarettes|vaping)\b", _abstains),
    # "wrist: RSI, right side, flaring": a body part and what is wrong with it, as notes.
    rule(r"^\W*(?:my\s+)?(?:wrist|wrists|back|knee|knees|hip|hips|shoulder|neck|ankle|elbow|foot|feet|"
         r"hand|hands|eyes|gut|stomach|skin|health)\s*[:=-]\s*" + PHRASE, _has_condition),
    # "my cardiologist has found an atrial fibrillation", "Doc cut a melanoma off my shoulder".
    rule(r"\b(?:doctor|doc|gp|dr|consultant|specialist|cardiologist|dermatologist|neurologist|"
         r"surgeon|physio)\s+(?:has\s+|just\s+)?(?:found|diagnosed|discovered|detected|spotted|cut|"
         r"removed|took)\s+(?:me\s+with\s+)?" + PHRASE, _has_condition),
    # "i literally tore my meniscus", "I broke my wrist skiing".
    rule(SELF + r"\s+(tore|torn|broke|broken|sprained|fractured|dislocated|ruptured|"
         r"herniated)\s+my\s+(?:left\s+|right\s+)?(meniscus|acl|mcl|achilles|hamstring|"
         r"rotator cuff|ankle|wrist|knee|collarbone|arm|leg|foot|hip|shoulder|elbow|disc|back)\b",
         _injury),
    rule(r"\bmy\s+(cholesterol|blood pressure|bp|blood sugar|sugars?|a1c|blood sugars)(?:'s|\s+is|"
         r"\s+are|\s+has been|'s been)?\s+(?:\w+\s+)?(?:up|high|too high|over|through the roof|"
         r"creeping up|elevated)\b", _high_reading),
    rule(SELF + r"\s+(?:don't|do not|no longer|never|can't|cannot)\s+(fly|drive)\b(?!\s+(?:to|"
         r"there|on|at|in|this|that|today|tomorrow|tonight|much|often|very)\b)", _does_not),
    rule(I_AM + r"\s+(?:\w+\s+)?allergic\s+to\s+" + PHRASE, _allergies, stateful=True),
    rule(I_HAVE + r"\s+(?:an?\s+)?(?:severe\s+|mild\s+)?(\w+(?:\s\w+)?)\s+allergy\b",
         _allergy_noun),
    rule(I_HAVE + r"\s+(?:an?\s+)?allerg(?:y|ies)\s+to\s+" + PHRASE, _allergies),
    rule(r"\b(?:I|we)(?:'ve| have)?\s+(?:have|got)(?:\s+got)?\s+" + PHRASE, _has_condition,
         stateful=True),
    # "I've been getting migraines", "been having really bad insomnia", "dealing with eczema".
    rule(r"\b(?:I|we)(?:'ve| have|'m| am)?" + ADV + r"\s+(?:been\s+)?(?:getting|having|"
         r"dealing with|struggling with|battling|fighting|managing)\s+" + PHRASE, _gets_condition),
    rule(r"\b(?:I|I'm|I am|I've|I have)\s+(?:been\s+|was\s+|got\s+)?diagnosed\s+with\s+" + PHRASE,
         _diagnosed),
    rule(SELF + r"\s+(?:suffer from|live with)\s+" + PHRASE, _suffers),
    rule(I_AM + r"\s+(?:(?:a\s+)?type\s+(?:1|2|one|two|i|ii)\s+|(?:\d+|\w+)\s+(?:weeks?|"
         r"months?)\s+)?(" + _STATES + r")\b", _state, stateful=True),
    rule(I_AM + r"\s+(" + _ACCESS + r")\b", _accessibility, stateful=True),
    rule(SELF + r"\s+(?:use|am in|'m in)\s+a\s+(wheelchair)\b", _wheelchair, stateful=True),
    rule(I_AM + r"\s+(?:very\s+|really\s+|so\s+)?(?:terrified|afraid|scared)\s+of\s+" + PHRASE,
         _afraid, stateful=True),
    rule(subject(BE) + r"\s+(?:take|use|carry|on|taking)\s+" + PHRASE, _takes, stateful=True),
    rule(r"\b(?:I|we)(?:'ve| have)" + ADV + r"\s+been\s+(?:on|taking)\s+" + PHRASE, _takes),
    rule(r"\b(?:switched|changed|moved|put)\s+(?:me\s+)?from\s+([\w-]+(?:\s[\w-]+)?)\s+to\s+"
         r"([\w-]+(?:\s[\w-]+)?)|\btook\s+me\s+off\s+([\w-]+)\s+and\s+(?:put|started)\s+me\s+on\s+"
         r"([\w-]+)", _switched),
    rule(r"\b(?:started|put|prescribed|has|have|had|got|keeps|gave)\s+me\s+(?:on\s+)?" + PHRASE
         + r"|\b(?:doctor|doc|gp|dr|psychiatrist|neurologist)\s+(?:has\s+|just\s+)?prescribed\s+"
         r"(?:me\s+)?" + PHRASE + r"|" + subject(HAVE)
         + r"\s+(?:was|got|been)\s+prescribed\s+" + PHRASE, _prescribed),
    rule(subject(HAVE) + r"\s+(?:stopped|quit)\s+(?:taking\s+)?" + PHRASE, _stopped_taking),
)

