"""The user's health: allergies, conditions, medications, and what they make impossible."""

from __future__ import annotations

import re
from collections.abc import Iterator

from lumiscope.server.memory.lexicon import (
    ACCESSIBILITY,
    BODY_PARTS,
    CONDITIONS,
    MEDICATIONS,
    STATES,
)
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
from lumiscope.server.memory.text import CONDITION_NAMES, split_list, trim

_DETERMINER = re.compile(r"^(?:the|this|that|my|your|it|these|those|a|an|some|anything|nothing|"
                         r"everything|something)\b", re.I)


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
    text = f"Is {value}" if value == "pregnant" else f"Has {value}"
    return Found("health", "condition", value, text, confidence)


_SORE = re.compile(r"^(?:an?\s+|my\s+)?(?:really\s+)?(?:bad|sore|dodgy|weak|injured)\s+"
                   r"(?:lower\s+|upper\s+|left\s+|right\s+)?(back|knee|hip|shoulder|neck)\b",
                   re.I)


def known_condition(phrase: str) -> str | None:
    """The listed condition a phrase starts with: "arthritis in my hands" -> "arthritis"."""
    sore = _SORE.match(trim(phrase))
    if sore:
        return f"a bad {sore.group(1).lower()}"
    bare = re.sub(r"^(?:(?:mild|severe|chronic|slight|moderate|obstructive|bad|really|terrible|"
                  r"awful|an?|diagnosed|the|sugar|frequent|constant|recurring|a lot of|lots of)"
                  r"\s+)+", "", trim(phrase), flags=re.I)
    # Without its modifiers first ("severe asthma" -> "asthma"), then as said: "bad knees".
    for words in (bare.split(), trim(phrase).split()):
        for length in range(min(len(words), 5), 0, -1):
            candidate = " ".join(words[:length])
            if candidate.lower() in CONDITIONS:
                return candidate
    return None


def _has_condition(match: re.Match[str], ctx: Context) -> Iterator[Found]:
    value = known_condition(match.group(1))
    if value:
        yield condition(value)


# How long a condition has lasted: "since college", "for years", "all my life".
_LASTING = re.compile(r"\b(?:since|all my life|my whole life|as long as I can remember|for\s+"
                      r"(?:years|ages|decades|a long time|most of my life|(?:about\s+|over\s+|"
                      r"like\s+)?(?:\d+|a few|a couple of|several|many|two|three|four|five|ten)\s+"
                      r"(?:years|months)))\b", re.I)


def _has_had(match: re.Match[str], ctx: Context) -> Iterator[Found]:
    # "I've had migraines since college": a condition that lasts. Without "have", only
    # "since" says it still does ("I had asthma for years" is over).
    # The clause may end before "since": "I've had migraines | since college".
    named = trim(match.group(2))
    after = ctx.message.find(named) + len(named) if named in ctx.message else len(ctx.message)
    lasting = _LASTING.search(match.group(2)) or _LASTING.match(ctx.message[after:].lstrip(" ,"))
    value = known_condition(match.group(2))
    if value and lasting and (match.group(1) or lasting.group(0).lower() == "since"):
        yield condition(value)


def _gets_condition(match: re.Match[str], ctx: Context) -> Iterator[Found]:
    # "I've been getting headaches and migraines": each listed condition.
    for item in split_list(match.group(1)):
        value = known_condition(item)
        if value:
            yield condition(value)


def _my_condition(match: re.Match[str], ctx: Context) -> Iterator[Found]:
    # "a cpap for my sleep apnea", "my asthma is acting up": "my" before a listed condition
    # makes it the user's ("my wife's asthma" puts another word between them).
    yield condition(match.group(1) or match.group(2), 0.85)


# A body part the user calls bad, in a fragment or after "my": "bad left knee, old injury",
# "my left knee has been bad since my surgery".
_SIDE = r"(?:(?:left|right|lower|upper)\s+)?"
_PART = "|".join(sorted(BODY_PARTS, key=len, reverse=True))
_BAD = r"bad|dodgy|gammy|bum|busted|crook|wonky|trick|weak|injured|knackered|creaky|problem"
# Said of a part, these last only when the clause says so ("my back is killing me" today).
_LASTS = re.compile(r"\b(?:has been|have been|'s been|keeps?|always|ever since|since|for\s+"
                    r"(?:years|ages|months|weeks|a while|a long time))\b", re.I)


# "after 20 minutes my left wrist hurts": pain that comes back with something it follows.
_RECURS = re.compile(r"\b(?:after|whenever|every time|each time|when I)\b", re.I)


def _bad_part(match: re.Match[str], ctx: Context) -> Iterator[Found]:
    part = f"{match.group('side') or ''}{match.group('part')}".lower()
    how = (match.group("how") or "bad").lower()
    if how in ("hurts", "aches", "hurt", "ache"):
        if _RECURS.search(ctx.clause.text):
            yield condition(f"{part} pain", 0.8)
        return
    if re.fullmatch(_BAD + r"|shot|wrecked|messed up|a problem|an issue", how) or _LASTS.search(
            ctx.clause.text[match.start():]):
        value = f"{how if re.fullmatch(_BAD, how) else 'bad'} {part}"
        yield condition(value, 0.85)


def _diagnosed(match: re.Match[str], ctx: Context) -> Iterator[Found]:
    value = clean(re.split(r"\s+(?:in|at|last|when|after|since)\b", match.group(1))[0], 5)
    if value and (not _DETERMINER.match(value) or value.lower() in CONDITIONS):
        yield condition(value)


def _suffers(match: re.Match[str], ctx: Context) -> Iterator[Found]:
    value = clean(match.group(1), 4)
    if value and re.match(r"^(?:\d+|two|three|four|my|our|his|her|a|an)\s+"
                          r"(?:flat|room|house)?mates?\b|^(?:my|our|his|her)\s+(?:parents|mum|mom|dad|partner|wife|husband|"
                          r"family|kids|sister|brother|friends?)\b", value, re.I):
        return  # "i live with 2 flatmates": people, not a condition
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


# Deafness, blindness and colour blindness are the body's, so filed under health; the subject
# says they shape what the user can use.
def _accessibility(match: re.Match[str], ctx: Context) -> Iterator[Found]:
    value = match.group(1).lower()
    yield Found("health", "accessibility", value, f"Is {value}")


def _wheelchair(match: re.Match[str], ctx: Context) -> Iterator[Found]:
    yield Found("health", "accessibility", "wheelchair user", "Uses a wheelchair")


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


def drug_name(raw: str) -> str | None:
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
    new = (drug_name(raw_new) or _word_drug(raw_new)) if old else medication_name(raw_new)
    if old:
        yield Found("health", "medication", old, f"No longer takes {old}", retract=True)
    if new:
        yield Found("health", "medication", new, f"Takes {new}")


_PRESCRIBER = re.compile(r"\b(?:doctor|doc|gp|dr|consultant|specialist|psychiatrist|"
                        r"neurologist|cardiologist|rheumatologist|nurse practitioner)\b", re.I)


# "My GP ... she prescribed": the pronoun is the user's own prescriber.
_MY_PRESCRIBER = re.compile(r"\bmy\s+(?:\w+\s+)?" + _PRESCRIBER.pattern, re.I)


def _prescribed(match: re.Match[str], ctx: Context) -> Iterator[Found]:
    raw = next((g for g in match.groups() if g), "")
    if re.match(r"(?:she|he|they)\b", match.group(0), re.I) and not _MY_PRESCRIBER.search(
            ctx.message):
        return
    # "The GP has put me on naproxen": after a prescriber, a lower-case word is a drug too.
    name = drug_name(raw) or (_word_drug(raw) if _PRESCRIBER.search(ctx.clause.text) else None)
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


_READING_NAMES = {"bp": "blood pressure", "sugar": "blood sugar", "sugars": "blood sugar",
                  "blood sugars": "blood sugar", "vit d": "vitamin D", "vitamin d": "vitamin D",
                  "b12": "B12", "vitamin b12": "vitamin B12", "a1c": "A1C", "tsh": "TSH"}
_READINGS = (r"cholesterol|blood pressure|bp|blood sugars?|sugars?|a1c|iron|ferritin|vitamin d|"
             r"vit d|vitamin b12|b12|folate|thyroid|tsh|potassium|sodium|magnesium|calcium|"
             r"testosterone|ha?emoglobin|platelets|white (?:blood )?cell count|heart rate")
# Who or what finds a reading: "my GP did a blood test and said my iron is low".
_FINDER = (r"\b(?:doctor|doc|gp|dr|consultant|specialist|nurse|cardiologist|endocrinologist|"
           r"blood\s?work|blood tests?|tests?|results?|labs?)\b[^,;.!?]{0,40}?\b(?:said|says|"
           r"told me|found|confirmed|showed|shows|came back)\s+(?:that\s+)?")


def _reading(match: re.Match[str], ctx: Context) -> Iterator[Found]:
    # "my cholesterol's up over 260", "my iron is low": a reading the user has to manage.
    what = _READING_NAMES.get(match.group(1).lower(), match.group(1).lower())
    low = re.match(r"(?:too\s+|borderline\s+|on the\s+)?low|deficient", match.group(2), re.I)
    value = f"{'low' if low else 'high'} {what}"
    yield Found("health", "condition", value, f"Has {value}", 0.8)


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
    rule(r"(?:" + _FINDER + r")?\bmy\s+(" + _READINGS + r")(?:\s+levels?)?(?:'s|\s+is|\s+are|"
         r"\s+was|\s+were|\s+has been|\s+have been|'s been|\s+came back)?\s+(?:(?!not\b|never\b|"
         r"back\b|no\b)\w+\s+){0,2}?(up|high|too high|over|through the roof|creeping up|elevated|"
         r"raised|(?:too |borderline |on the )?low|deficient|on the high side)\b", _reading),
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
    rule(r"\b(?:I|we)('ve| have)?" + ADV + r"\s+had\s+" + PHRASE, _has_had),
    rule(r"\b(?:for|with|because of|due to|thanks to|managing|manage|treat|treating|control|"
         r"controlling)\s+my\s+(" + CONDITION_NAMES + r")\b(?!'|\s+(?:patients?|clients?|"
         r"residents?|clinic|ward|unit|research|charity|team|caseload|students?|pupils?|kids|"
         r"group|class|awareness|fundraiser)\b)|\bmy\s+(" + CONDITION_NAMES
         + r")\s+(?:is|are|has been|'s been|have been|keeps|was)\s+(?:\w+\s+)?(?:acting up|"
         r"playing up|flaring(?: up)?|flared(?: up)?|getting worse|worse|under control|kicking in|"
         r"kicked in|killing me|triggered|back(?: again)?)\b", _my_condition),
    rule(r"^\W*(?:(?:also|and|oh|btw|fyi|ps|plus|but|one thing|one more thing|heads up|note|"
         r"context|fwiw|just so you know)\W+)*(?:an?\s+)?(?P<how>" + _BAD + r")\s+(?P<side>"
         + _SIDE + r")(?P<part>" + _PART + r")(?=\s*(?:$|[,;.!(:-]|\s+(?:from|since|after|so|and|"
         r"that|which|lol|tbh|btw|too|here|though)\b))", _bad_part),
    rule(r"\bmy\s+(?P<side>" + _SIDE + r")(?P<part>" + _PART + r")\s+(?:has been|have been|"
         r"'s been|is|are|was|keeps?)\s+(?:(?:always|really|pretty|so|quite|kinda|still|been)\s+)*"
         r"(?P<how>" + _BAD + r"|shot|wrecked|messed up|a problem|an issue|playing up|acting up|"
         r"giving me (?:trouble|grief|problems)|bothering me|killing me|sore|painful|hurting|"
         r"stiff)\b", _bad_part),
    rule(r"\bmy\s+(?P<side>" + _SIDE + r")(?P<part>" + _PART + r")\s+(?:always\s+|still\s+|"
         r"really\s+)?(?P<how>hurts|aches|hurt|ache)\b", _bad_part),
    rule(r"\b(?:(?:I|I'm|I am|I've|I have)\s+(?:been\s+|was\s+|got\s+)?|(?:they|doctor|doc|gp|"
         r"he|she)\s+(?:have\s+|has\s+|just\s+)?)diagnosed\s+(?:me\s+)?with\s+" + PHRASE,
         _diagnosed),
    rule(SELF + r"\s+(?:suffer from|live with)\s+" + PHRASE, _suffers),
    rule(I_AM + r"\s+(?:(?:a\s+)?type\s+(?:1|2|one|two|i|ii)\s+|(?:\d+|\w+)\s+(?:weeks?|"
         r"months?)\s+)?(" + _STATES + r")\b", _state, stateful=True),
    rule(I_AM + r"\s+((?:red[- ]green\s+)?(?:" + _ACCESS + r"))\b", _accessibility,
         stateful=True),
    rule(SELF + r"\s+(?:use|am in|'m in)\s+a\s+(wheelchair)\b", _wheelchair, stateful=True),
    rule(I_AM + r"\s+(?:very\s+|really\s+|so\s+)?(?:terrified|afraid|scared)\s+of\s+" + PHRASE,
         _afraid, stateful=True),
    rule(subject(BE) + r"\s+(?:take|use|carry|on|taking)\s+" + PHRASE, _takes, stateful=True),
    rule(r"\b(?:I|we)(?:'ve| have)" + ADV + r"\s+been\s+(?:on|taking)\s+" + PHRASE, _takes),
    rule(r"\b(?:switched|changed|moved|put)\s+(?:me\s+)?from\s+([\w-]+(?:\s[\w-]+)?)\s+to\s+"
         r"([\w-]+(?:\s[\w-]+)?)|\btook\s+me\s+off\s+([\w-]+)\s+and\s+(?:put|started)\s+me\s+on\s+"
         r"([\w-]+)", _switched),
    rule(r"\b(?:started|put|prescribed|has|have|had|got|keeps|gave)\s+me\s+(?:on\s+)?" + PHRASE
         + r"|\b(?:doctor|doc|gp|dr|psychiatrist|neurologist|she|he|they)\s+(?:has\s+|have\s+|"
         r"just\s+|also\s+)?prescribed\s+"
         r"(?:me\s+)?" + PHRASE + r"|" + subject(HAVE)
         + r"\s+(?:was|got|been)\s+prescribed\s+" + PHRASE, _prescribed),
    rule(subject(HAVE) + r"\s+(?:stopped|quit)\s+(?:taking\s+)?" + PHRASE, _stopped_taking),
)

