"""Sentences, clauses and the guards that keep the builtin engine precise.

The builtin rules match first-person statements inside one clause. Before a match becomes a
fact, the guards here reject it when the clause is a question, when it sits in a
hypothetical ("if I lived in Paris"), a hedge ("I think I'm allergic"), a modal ("I'd live
in"), or someone else's words ("my friend says I'm..."), looking only at the text before the
match, so "I live in Lisbon, even if it's pricey" still counts.

Chat is typed loosely, so messages are normalized first (``informal``: apostrophes, dropped
subjects, places in lower case); an emoji ends a sentence and a list item is a sentence of its
own. What follows a role-play set-up in a message ("pretend
you're my teacher. Hola, me llamo Carlos") is a character's, and is not read at all.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from lumiscope.server.memory.informal import (
    PERSONAL_START,
    capitalize_places,
    implicit_subject,
    prepare,
    spell_out,
)
from lumiscope.server.memory.lexicon import CONDITIONS, word_set

_ABBREVIATIONS = re.compile(r"\b(?:e\.g|i\.e|etc|vs|Dr|Mr|Mrs|Ms|St|Prof|approx)\.", re.I)
_EMOJI = "\U0001F300-\U0001FAFF\u2600-\u27BF\uFE0F\u200D"  # with joiners: "💇‍♀️"
# A sentence ends at its mark, at a line break, and in chat at an emoji ("sleep is gone 🥹 so").
_SENTENCE_END = re.compile(r"(?<=[.!?…" + _EMOJI + r"])[\"')\]]*\s+|\n+")
_LEAD = r"(?:I|I'm|I've|I'd|I'll|we|we're|we've|we'll|my|our)"
# "Have asthma and..." drops the "I"; "have you tried..." asks.
_QUESTION_WORDS = (r"do|does|did|should|shall|can(?!\s+only\b|'t\b)|could|would|will|is|are|am|was|"
                   r"were|(?:have|has)(?=\s+(?:you|u|ya|they|we|I|he|she|it|anyone|anybody|any|"
                   r"there|the|your|my|this|that|these|those|to|not|n't)\b)|what|what's|where|"
                   r"when|why|how|which|who|whose|any|isn't|aren't|"
                   r"don't(?!\s+(?:eat|drink|smoke|drive|own|have)\b)|doesn't|didn't|won't|"
                   r"wouldn't|shouldn't|qu'est-ce|est-ce|quel|quelle|où|comment|pourquoi|qué|"
                   r"cómo|dónde|cuándo|puedes|podrías")
# Conditions as chat names them, without an article: "herniated disc", "bad knees".
CONDITION_NAMES = "|".join(sorted({re.escape(re.sub(r"^an?\s+", "", c)) for c in CONDITIONS},
                                  key=len, reverse=True))
_CLAUSE_SPLIT = re.compile(
    r"\s*;\s*"
    r"|(?<!\bor)(?<!\band)(?<!\bjust)(?<!\bever),?\s+(?:but|so|because|although|though|whereas|"
    r"since|cause)\s+"
    r"|(?<!\bme),?\s+and\s+(?=" + _LEAD + r"\b)(?!I\s+are\b)"  # not "me and my wife are"
    r"|,\s+(?=(?:got|moved|started|quit|left|joined|bought|switched|settled)\s)"
    r"|\s+and\s+(?=(?:live|work|have|own|speak|love|hate|enjoy|take|wear|teach|got|bought|"
    r"sold|joined|started|moved|quit|left|switched|signed|adopted)\s)"
    r"|,\s+(?=(?:worth|thoughts|ideas|tips|recommendations|suggestions|help|pls|please|"
    r"suggest|recommend|explain|tell me|give me|show me)\b)"
    # A short question tagged on a statement: "..., realistic?", "..., 1440p possible?".
    r"|,\s+(?=(?:[\w'$-]+\s+){0,5}[\w'$-]+\?\W*$)"

    r"|,\s+(?=(?:" + CONDITION_NAMES + r")\s+(?:from|since|after|for)\b)"
    r"|,\s+(?=(?:still in|allergic to|lactose intolerant|gluten intolerant|vegan|vegetarian|"
    r"pescatarian|diabetic|colou?r ?blind)\b)"
    # (", which is on 12 December" is a relative clause, not a question)
    r"|,\s+(?!(?:which|who)\s+(?:is|was|are|were)\b)(?=(?:" + _LEAD + r"|he|she|they|it's|you|"
    r"anyway|also|btw|oh|please|" + _QUESTION_WORDS + r")\b)",
    re.I)
_FILLERS = r"(?:and|so|but|also|oh|ok|okay|well|hey|hi|hello|anyway|btw|then|yes|yeah|no|sorry)"
_QUESTION_START = re.compile(
    r"^\W*(?:" + _FILLERS + r"\W+)*(?:" + _QUESTION_WORDS + r")\b", re.I)
_HYPOTHETICAL = re.compile(
    r"\b(?:if|unless|suppose|supposing|imagine|imagining|hypothetically|pretend|wish|wished|"
    r"whether|in theory|let's say|what if|as if|in case|dream of|dreaming|fantasi[sz]e|si)\b",
    re.I)
# "may" only in lower case: "in May" is a month.
_MODAL = re.compile(r"\b(?:would|could|might|should|must|shall)\b|\b\w+'d\b|(?-i:\bmay\b)",
                    re.I)
_HEDGE = re.compile(
    r"\b(?:maybe|perhaps|probably|possibly|I think|I guess|I suppose|I believe|not sure|"
    r"I don't know|I dunno|I wonder|I doubt|kind of|sort of|je pense|je crois|creo que|"
    r"quizás|tal vez|peut-être)\b", re.I)
# Taken back anywhere in the clause: "im allergic to phone calls (not literally lol)".
_NOT_MEANT = re.compile(r"\b(?:not literally|jk|just kidding|only joking)\b", re.I)
# Someone other than the user reports it: "my friend says I'm...", "you said I live..." (a
# doctor's finding is about the user: "my doctor says i got sleep apnea").
_REPORTED = re.compile(
    r"\b(?!I\b|doctor\b|doc\b|gp\b|dr\b|consultant\b|specialist\b|surgeon\b|physio\b|"
    r"neurologist\b|cardiologist\b|psychiatrist\b|dermatologist\b|derma\b|bloodwork\b|tests?\b|scan\b|"
    r"just\b|also\b|then\b|has\b|had\b|finally\b|always\b|even\b|once\b)"
    r"\w+\s+(?:(?:just|also|then|has|had|finally|always|even|once)\s+)?(?:said|says|say|told me|"
    r"tells me|thinks|think|thought|believes|"
    r"believe|claims|claimed|assumed|assumes|keeps telling me|wants me to|reckons|"
    r"mentioned|wrote|writes)\b", re.I)
_PLACEHOLDER_QUOTE = "[quote]"

_STOPWORDS = {
    "en": word_set("i, i'm, my, me, the, a, an, is, am, are, and, to, of, in, for, with, you, it, "
                   "that, this, have, was, do, can, what, how"),
    "fr": word_set("je, j', suis, est, les, des, une, et, pas, mon, ma, mes, c'est, à, avec, pour, "
                   "dans, très, mais, nous, vous, que, qui, il, elle, ne, n', au, aux, du, le, la"),
    # Not "yo": English chat opens with it ("yo callum here").
    "es": word_set("soy, es, los, las, una, y, mi, mis, con, para, en, muy, pero, que, "
                   "tengo, estoy, me, el, la, del, al, se, lo, hola, gracias, de, nos, ahora, "
                   "vivo, porque, también, está, qué, jaja, llamo"),
}
_WORD = re.compile(r"\w+(?:'\w+)?|¿|¡", re.U)


# A list item's marker: "- no cilantro", "* vegan since jan", "2) lawyer".
_BULLET = re.compile(r"^(?:[-*•·–]|\d{1,2}[.)])\s+")


def sentences(text: str) -> list[str]:
    """Sentences of a message, each keeping its end mark (questions end with ``?``); a list
    item is a sentence of its own, without its marker."""
    protected = _ABBREVIATIONS.sub(lambda m: m.group(0)[:-1] + "\x00", text)
    parts = (_BULLET.sub("", p.replace("\x00", ".").strip())
             for p in _SENTENCE_END.split(protected))
    return [p for p in parts if p]


# A second statement without its subject after a whole first one: "sold the bakery in
# september, doing catering now" (not after a fragment: "19, doing comp sci at UCL").
_SECOND_STATEMENT = re.compile(r",\s+(?=(?:doing|working|running|teaching|studying|"
                               r"freelancing|started|"
                               r"(trying to|hoping to|planning to|learning))\s)", re.I)


# Dictated speech runs sentences together without punctuation: "...lose thirty pounds now that
# im not sitting in a truck all day the doctor says it would help". In a long part without a
# comma, a new subject starts a new clause (not after "what", "that", "if"...: "what I want").
_RUN_ON_WORDS = 18
_NEW_SUBJECT = re.compile(r"\s+(?=(?:I|I'm|I've|we|we're|we've|he|she|they|(?:the|my|our)\s+\w+\s+"
                          r"(?:says|said|thinks|wants)|(?i:how|what|where|which|why)\s+(?i:much|many|"
                          r"long|do|does|did|should|can|could|would|is|are))\s)")
_BINDS_NEXT = word_set("what, that, if, when, where, how, why, which, who, because, since, as, so, "
                       "and, but, or, whether, than, said, says, think, thought, know, knew, hope")


def _run_on(part: str) -> list[str]:
    """``part`` split at its new subjects when it is a long stretch of unpunctuated speech."""
    if len(part.split()) < _RUN_ON_WORDS or "," in part:
        return [part]
    pieces, start = [], 0
    for match in _NEW_SUBJECT.finditer(part):
        before = part[start:match.start()].split()
        if before and before[-1].lower() not in _BINDS_NEXT and len(before) >= 3:
            pieces.append(part[start:match.start()])
            start = match.end()
    return pieces + [part[start:]]


def clauses(sentence: str) -> list[str]:
    """Clauses of a sentence, split where a new subject or a question starts."""
    found = []
    for part in (piece for chunk in _CLAUSE_SPLIT.split(sentence) if chunk
                 for piece in _run_on(chunk)):
        if not part or not part.strip():
            continue
        if found and not sentence.rstrip().endswith("?") and re.match(
                r"(?:is|are|was|were)\s", part.strip()):
            # "my operation of the cataract, the left eye, is in a fortnight.": the verb after
            # an aside continues the statement; a question would end in "?".
            found[-1] = f"{found[-1]}, {part.strip()}"
            continue
        second = _SECOND_STATEMENT.search(part)
        # An aim after an introduction is a statement of its own: "I'm 15, trying to learn..."
        aim = second and second.group(1) and re.match(r"^\W*(?:I'm|I am)\s", part)
        if second and (aim or len(part[:second.start()].split()) >= 4):
            found.extend((part[:second.start()].strip(), part[second.end():].strip()))
        else:
            found.append(part.strip())
    return found


def is_question(clause: str) -> bool:
    """A question, by its mark or its first word ("do I like sushi", "should I move")."""
    stripped = clause.rstrip()
    return stripped.endswith("?") or stripped.startswith("¿") or bool(
        _QUESTION_START.search(stripped))


def language(text: str, default: str = "en") -> str:
    """``"en"``, ``"fr"`` or ``"es"`` by a stop-word vote; ``default`` when no language wins
    (short sentences: "Me llamo Ana." ties English and Spanish on "me")."""
    words = [w.lower() for w in _WORD.findall(text)]
    # French elisions vote by their first part: "j'habite" counts as "j'".
    words += [w.split("'")[0] + "'" for w in words if "'" in w]
    votes = {lang: sum(w in stops for w in words) for lang, stops in _STOPWORDS.items()}
    if "¿" in words or "¡" in words:
        votes["es"] += 2
    ranked = sorted(votes.values(), reverse=True)
    if ranked[0] == ranked[1]:
        return default
    return max(votes, key=votes.__getitem__)


_ROLE_PLAY = re.compile(
    r"\b(?:pretend(?:ing)?\s+(?:to be|that|you|you're|I'm|we're)|role[- ]?play|let's play|"
    r"act as|play the role|you are now|you're now|in character|"
    r"you(?:'re| are) the (?:\w+ )?(?:teacher|customer|interviewer|patient|doctor|boss|client|"
    r"examiner|landlord|waiter|waitress|shopkeeper|person|seller|buyer|manager|guest)|"
    r"I'm (?:a|an) \w+ named \w+|you be (?:the|my|a) \w+|I'll be (?:the|a|an) \w+,? you)\b", re.I)
_ROLE_PLAY_END = re.compile(r"\b(?:stop|end|enough|quit|out of|break|done with|no more)\b"
                            r"(?:\s+\w+){0,2}?\s+(?:role[- ]?play|game|pretending|character)\b",
                            re.I)


@dataclass(frozen=True)
class Clause:
    """One clause to match rules against, with what the sentence around it says."""

    text: str
    language: str
    conditional: bool  # the clause is the consequence of an "if" clause before it
    question: bool


# The reason a question gives is still a statement: "Would it look bad to ask for the case
# study in advance because I have dyslexia?" says the user has dyslexia.
_REASON = re.compile(r"\b(?:because|cause|since)\s+(I\s[^?]*|I'(?:m|ve)\s[^?]*)")


# "As a type 1 diabetic, is it safe...?", "As someone who can't stand cilantro, is it...?": the
# question opens on a statement about the user.
_AS_SOMEONE = re.compile(r"^\W*As\s+(?:(someone|a person|somebody)\s+who\s+|(an?\s+))"
                         r"([^,?]{3,80}),\s*", re.I)


def _as_someone(sentence: str) -> tuple[str | None, str]:
    """The statement an "As a ..." opening makes, and the rest of the sentence."""
    opening = _AS_SOMEONE.match(sentence)
    # "As a teacher, what do you think?" asks the assistant to answer as one.
    if not opening or not sentence.rstrip().endswith("?") or not re.search(
            r"\b(?:I|me|my|I'm|I've)\b", sentence[opening.end():]):
        return None, sentence
    person, article_, said = opening.groups()
    said = f"I {said}" if person else f"I'm {article_}{said}"
    return said, sentence[opening.end():]


# Words that may open an "if" clause: "Honestly, if we ever sold up and moved to Spain...".
_FILLER = re.compile(r"\W*(?:(?:honestly|so|and|but|well|ok|okay|also|like|yeah|oh|tbh|ngl|"
                     r"lol|haha|ha|I mean|even)\W+)*", re.I)


def split(message: str) -> list[Clause]:
    """Every clause of a message, in order, flagged for questions and conditionals."""
    found: list[Clause] = []
    text = prepare(capitalize_places(spell_out(message)))
    overall = language(text)
    for sentence in sentences(text):
        if _ROLE_PLAY.search(sentence) and not _ROLE_PLAY_END.search(sentence):
            break  # what follows a role-play set-up is the character's, not the user's
        lang = language(sentence, overall)
        said, sentence = _as_someone(sentence)
        if said:
            found.append(Clause(said, lang, False, False))
        parts = clauses(sentence)
        whole_question = sentence.rstrip().endswith("?") and bool(parts) and is_question(
            parts[0])
        reasons = [m.group(1).rstrip("? ") for m in _REASON.finditer(sentence)]
        conditional = False
        personal = True  # a gerund clause is the user's at a sentence start or after theirs
        for part in parts:
            reason = whole_question and any(r.startswith(part.rstrip("? ")) for r in reasons)
            if reason:
                part = part.rstrip("? ")
            question = (whole_question and not reason) or is_question(part)
            text = part if question or lang != "en" else implicit_subject(part, personal)
            found.append(Clause(text, lang, conditional, question))
            personal = bool(PERSONAL_START.match(text))
            # "If I lived in Paris, I'd..." - the clause after an "if" clause depends on it.
            conditional = bool(_HYPOTHETICAL.match(part, _FILLER.match(part).end()))
    return found


def blocked(clause: Clause, start: int, end: int, *, allow_modal: bool = False,
            allow_question: bool = False) -> bool:
    """Whether the match ``clause.text[start:end]`` is not a plain statement of the user's.

    Looks at the clause text before the match (and the match itself for modals): questions,
    hypotheticals, hedges, reported speech, quotes and, unless ``allow_modal``, modals.
    """
    if clause.conditional or (clause.question and not allow_question):
        return True
    before = clause.text[:start]
    # A hedge before a colon qualifies the lead, not what follows it: "stuff about me for the
    # essays i guess: i'm 17".
    said = before[before.rfind(": ") + 1:]
    if _HYPOTHETICAL.search(before) or _HEDGE.search(said) or _REPORTED.search(before):
        return True
    if _NOT_MEANT.search(clause.text):
        return True
    if _PLACEHOLDER_QUOTE in clause.text[start:end]:
        return True
    return not allow_modal and bool(_MODAL.search(clause.text[:end]))


_TRAILING = re.compile(
    r"(?:[\s,]+(?:too|as well|a lot|so much|very much|really|though|actually|anymore|"
    r"any more|now|these days|lately|right now|at the moment|for now|lol|haha|ha|tbh|here|"
    r"honestly|for years|for a while|for (?:\w+ )?(?:years|months|weeks|days)|with a passion|"
    r"since \w+|every (?:day|morning|evening|night|week)|daily|in general|btw|"
    r"by the way|originally|myself|again|last (?:week|month|year)|yesterday|today|"
    r"this (?:week|month|year)|all day|"
    r"(?:in|since|from) (?:january|february|march|april|may|june|july|august|september|october|"
    r"november|december)|(?:once|twice|\w+ times) (?:a|per) (?:day|week|month)|"
    r"on weekends|at weekends|regularly|sometimes|often|most days|,)\b\.?)+$", re.I)


def trim(value: str) -> str:
    """A captured value without trailing fillers, time phrases, punctuation and emoji."""
    value = re.sub("[" + _EMOJI + r"\s]+$", "", value).strip(" \t\n,.;:!?-\"'()")
    previous = None
    while previous != value:
        previous = value
        value = _TRAILING.sub("", value).strip(" \t\n,.;:!?-\"'()")
    return value


def split_list(value: str) -> list[str]:
    """``"Hindi, Marathi and English"`` -> the three items."""
    parts = re.split(r"\s*,\s*(?:and\s+|or\s+)?|\s+(?:and|or|&)\s+", value)
    return [p for p in (trim(p) for p in parts) if p]


_PRONOUNS = (("I'm", "they're"), ("I am", "they are"), ("I've", "they've"), ("I'd", "they'd"),
             ("I'll", "they'll"), ("myself", "themselves"), ("mine", "theirs"), ("my", "their"),
             ("me", "them"), ("I", "they"))
_PRONOUN = re.compile(r"\b(" + "|".join(re.escape(a) for a, _ in _PRONOUNS) + r")\b")


def third_person(text: str) -> str:
    """A fact's text about the user, not in the user's voice: "my" -> "their"."""
    table = dict(_PRONOUNS)
    return _PRONOUN.sub(lambda m: table[m.group(1)], text)
