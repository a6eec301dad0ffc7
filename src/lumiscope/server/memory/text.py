"""Sentences, clauses and the guards that keep the builtin engine precise.

The builtin rules match first-person statements inside one clause. Before a match becomes a
fact, the guards here reject it when the clause is a question, when it sits in a
hypothetical ("if I lived in Paris"), a hedge ("I think I'm allergic"), a modal ("I'd live
in"), or someone else's words ("my friend says I'm..."), looking only at the text before the
match, so "I live in Lisbon, even if it's pricey" still counts.

Chat is typed loosely, so clauses are normalized first: apostrophes restored ("im" ->
"I'm"), an emoji ends a sentence, a clause without a subject gets the user as one ("moved to
Leeds", "learning spanish because..."), and place names typed in lower case after
unambiguous cues get their capitals. What follows a role-play set-up in a message ("pretend
you're my teacher. Hola, me llamo Carlos") is a character's, and is not read at all.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from lumiscope.server.memory.lexicon import CONDITIONS, word_set

_ABBREVIATIONS = re.compile(r"\b(?:e\.g|i\.e|etc|vs|Dr|Mr|Mrs|Ms|St|Prof|approx)\.", re.I)
_EMOJI = "\U0001F300-\U0001FAFF\u2600-\u27BF"
# A sentence ends at its mark, at a line break, and in chat at an emoji ("sleep is gone 🥹 so").
_SENTENCE_END = re.compile(r"(?<=[.!?…" + _EMOJI + r"])[\"')\]]*\s+|\n+")
_LEAD = r"(?:I|I'm|I've|I'd|I'll|we|we're|we've|we'll|my|our)"
# "Have asthma and..." drops the "I"; "have you tried..." asks.
_QUESTION_WORDS = (r"do|does|did|should|shall|can(?!\s+only\b)|could|would|will|is|are|am|was|"
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
    r"|,?\s+(?:but|so|because|although|though|whereas|since|cause)\s+"
    r"|,?\s+and\s+(?=" + _LEAD + r"\b)(?!I\s+are\b)"
    r"|,\s+(?=(?:got|moved|started|quit|left|joined|bought|switched|settled)\s)"
    r"|\s+and\s+(?=(?:live|work|have|own|speak|love|hate|enjoy|take|wear|teach)\s)"
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
# Someone other than the user reports it: "my friend says I'm...", "you said I live...".
_REPORTED = re.compile(
    r"\b(?!I\b)\w+\s+(?:said|says|say|told me|tells me|thinks|think|thought|believes|"
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


# Contractions typed without their apostrophe: "im kofi", "ive got", "dont".
_BARE_CONTRACTIONS = re.compile(
    r"\b(?:(im|ive)|(dont|doesnt|didnt|cant|wont|isnt|arent|wasnt|werent|havent|hasnt|"
    r"couldnt|shouldnt|wouldnt)|(whats|thats|theres|youre|theyre|hes|shes))\b", re.I)


def _apostrophe(match: re.Match[str]) -> str:
    word = match.group(0)
    if match.group(1):
        return {"im": "I'm", "ive": "I've"}[word.lower()]
    cut = 2 if word.lower().endswith("re") else 1
    return word[:-cut] + "'" + word[-cut:]


# "I should mention that I am dyslexic": the lead announces a statement; its modal is no hedge.
_ANNOUNCE = re.compile(r"\bI\s+(?:should|must|have to|need to|ought to)\s+(?:mention|say|add|"
                       r"admit|confess|point out|tell you|warn you)(?:\s+that)?[,:]?\s+(?=I\b)")


def prepare(text: str) -> str:
    """Typographic normalization the rules rely on: straight apostrophes, capital ``I``,
    apostrophes restored in chat contractions ("im" -> "I'm"), announcing leads dropped."""
    text = text.replace("’", "'").replace("‘", "'").replace("“", '"').replace("”", '"')
    text = _BARE_CONTRACTIONS.sub(_apostrophe, text)
    text = re.sub(r"(?<![\w'])i(?=(?:'[a-z]+)?\b)(?!\.)", "I", text)
    return _ANNOUNCE.sub("", text)


def sentences(text: str) -> list[str]:
    """Sentences of a message, each keeping its end mark (questions end with ``?``)."""
    protected = _ABBREVIATIONS.sub(lambda m: m.group(0)[:-1] + "\x00", text)
    parts = (p.replace("\x00", ".").strip() for p in _SENTENCE_END.split(protected))
    return [p for p in parts if p]


# A second statement without its subject after a whole first one: "sold the bakery in
# september, doing catering now" (not after a fragment: "19, doing comp sci at UCL").
_SECOND_STATEMENT = re.compile(r",\s+(?=(?:doing|working|running|teaching|studying|"
                               r"freelancing|started)\s)", re.I)


def clauses(sentence: str) -> list[str]:
    """Clauses of a sentence, split where a new subject or a question starts."""
    found = []
    for part in _CLAUSE_SPLIT.split(sentence):
        if not part or not part.strip():
            continue
        second = _SECOND_STATEMENT.search(part)
        if second and len(part[:second.start()].split()) >= 4:
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


# Chat style drops the subject: "Moved to Porto last month", "got diagnosed with ADHD",
# "life update: quit my job", "Running the Berlin marathon on Sept 27".
_IMPLICIT_LEAD = (r"^(\W*(?:[\w' ]{1,25}:\s*)?(?:(?:yeah|yes|so|also|and|ok|okay|oh|well|btw|"
                  r"fwiw|tbh|honestly|plus|ps|lol|"
                  r"update|news|anyway|actually|just|recently|finally|currently|still|now)\W+)*)")
_IMPLICIT_VERBS = (r"got|moved|relocated|started|quit|left|joined|bought|booked|adopted|switched|"
                   r"became|turned|finished|settled|been|love|enjoy|hate|live|work|own|speak|play|"
                   r"have|take|farm|run|drive|sold|signed|wear|can only|don't eat|don't drink|"
                   r"wanna|want to|hope to|gonna")
_IMPLICIT = re.compile(_IMPLICIT_LEAD + r"(?=(?:" + _IMPLICIT_VERBS + r")\b)", re.I)
# A clause opening on a gerund is the user's "I'm ...ing"; these -ing words are nouns.
_NOT_GERUNDS = word_set("""
thing, something, anything, nothing, everything, morning, evening, wedding, meeting, building,
ceiling, pudding, sibling, during, darling, clothing, spring, string, king, ring, wing, swing,
sing, bring, sting, setting, ending, beginning, parking, housing, funding, pricing, spelling,
timing, lightning, offspring, herring, earring, icing, interesting, amazing, boring, exciting,
rewarding, annoying, confusing, frustrating, charming, stunning, relaxing, challenging, tiring,
exhausting, inspiring, surprising, disappointing, terrifying, overwhelming, refreshing,
fascinating, depressing, encouraging, satisfying, promising, welcoming, according, including,
regarding, following, outstanding, missing, remaining, existing, upcoming, ongoing, incoming
""")
_GERUND = re.compile(_IMPLICIT_LEAD + r"(?=(\w{2,}ing)\s+\w)", re.I)
# "Learning Spanish is hard": the gerund phrase is the subject of a verb, not the user's act.
_GERUND_SUBJECT = re.compile(r"^\w+ing(?:\s+[\w'-]+){0,3}?\s+(?:is|are|was|were|can|could|"
                             r"would|should|might|will|must|(?-i:may)|has|have|seems|sounds|looks|"
                             r"makes|takes|gets|helps|feels|isn't|wasn't|won't|would've)\b",
                             re.I)
# Fragments that drop "I'm": "allergic to penicillin btw", "huge fan of Arsenal", "Being
# pescatarian, these client dinners...".
_ADJECTIVE_FRAGMENT = re.compile(
    _IMPLICIT_LEAD + r"(?:being\s+)?(?=(?:still in|allergic to|obsessed with|based in|"
    r"originally from|off to|(?:not\s+)?"
    r"(?:a\s+)?(?:big\s+|huge\s+|massive\s+)?fan of|(?:an?\s+)?(?:big|huge|massive|"
    r"die-?hard|lifelong)\s+(?:[\w'&.-]+\s+){1,3}?fan\b|not (?:really |that )?(?:into|big on|"
    r"keen on))\b|(?:vegan|vegetarian|pescatarian|diabetic|married|engaged|divorced|pregnant|"
    r"retired|lactose intolerant|gluten intolerant|coeliac|celiac|colou?r ?blind|deaf|asthmatic|"
    r"epileptic|dyslexic|autistic|anemic|anaemic)\b\W*"
    r"(?:$|[,.!;(]|now\b|"
    r"too\b|btw\b|since\b|for\b|with\b|myself\b|again\b|lol\b|actually\b|so\b|here\b|and\b|"
    r"by the way\b))", re.I)


_PERSONAL_START = re.compile(r"^\W*(?:[\w']+\W+){0,2}?(?:I|I'm|I've|I'll|we|we're|we've)\b")


def implicit_subject(clause: str, personal: bool = True) -> str:
    """``clause`` with "I" supplied when it starts with a verb and no subject, "I'm" when it
    starts with a gerund ("learning spanish because...") and is ``personal``: it opens its
    sentence or follows a clause about the user ("I live in Dublin but moving to Cork")."""
    supplied = _IMPLICIT.sub(lambda m: m.group(1) + "I ", clause, count=1)
    if supplied == clause:
        supplied = _ADJECTIVE_FRAGMENT.sub(lambda m: m.group(1) + "I'm ", clause, count=1)
    if supplied != clause:
        return supplied
    gerund = _GERUND.match(clause) if personal else None
    if gerund and gerund.group(2).lower() not in _NOT_GERUNDS and not _GERUND_SUBJECT.match(
            clause[gerund.end(1):]):
        return clause[:gerund.end(1)] + "I'm " + clause[gerund.end(1):]
    return clause


_PLACE_CUE = re.compile(
    r"\b(live in|living in|based in|(?:live|moved|moving) (?:up|down|out|over|back) (?:in|to)|"
    r"been in(?=\s+[a-z'-]+(?:\s+[a-z'-]+)?\s+(?:for|since|\d))|still in|"
    r"moved to|moving to|move to|from|grew up in|flying to|"
    r"going to|driving to|heading to|trip to|(?:going|flying|driving|heading|coming) home to|"
    r"visiting|relocated to|settled in|abroad in|"
    r"(?:house|flat|apartment|home|place|studio|condo) in)\s+([a-z][a-z'-]+(?:\s+[a-z][a-z'-]+)?)",
    re.I)
# In a message with capitals, only cues after which a lower-case word is still a place.
_STRONG_PLACE_CUE = re.compile(
    r"\b(live in|living in|based in|grew up in|relocated to|settled in|"
    r"(?:moved|moving)(?: up| down| out| over| back)? to(?=\s+[a-z'-]+(?:\s+[a-z'-]+)?"
    r"(?:\s*[,.!;]|\s+(?:and|last|this|next|in|for|so|early|late|mid|soon|on|by)\b|\s*$))|"
    r"live (?:up|down|out|over) in|"
    r"been in(?=\s+[a-z'-]+(?:\s+[a-z'-]+)?\s+(?:for|since|\d)))\s+"
    r"([a-z][a-z'-]+(?:\s+[a-z][a-z'-]+)?)", re.I)
_NOT_PLACES = word_set("""
a, an, the, my, our, his, her, their, your, fear, hope, peace, harmony, denial, halls, dorms,
residence, town, city, suburbs, downtown, countryside, village, house, flat, apartment, home,
here, there, work, school, college, uni, university, bed, it, this, that, shared, student,
poverty, luxury, comfort, sin, bed, sleep, the gym, gym, church, time, now, then, scratch,
a lot, hospital, office, abroad, overseas, somewhere, nowhere, everywhere, anywhere, me, you,
them, him, do, be, get, see, make, have, try, buy, learn, study, start, work, visit, go, dinner,
lunch, breakfast, class, bed, sleep, zone, area, part, one, two, three, next, last, this,
well, nicely, fine, okay, ok, quickly, slowly, alone, together, tent, van, car, dorm, london's,
remote, hybrid, freelance, online, therapy, nights, days, part-time, full-time, years, months,
weeks, ages, decades
""")
# Words that end a lower-case place name: "salford into town", "leeds lol".
_PLACE_TAIL = _NOT_PLACES | word_set("""
with, and, for, since, in, at, near, into, to, so, but, because, or, as, on, by, where, when,
which, who, now, too, lol, haha, tbh, rn, btw, though, tho, again, already, yet, since, until, till,
is, was, are, were, has, had, and, which, centre, center, last, next, jan, feb, mar, apr, jun,
jul, aug, sep, sept, oct, nov, dec, january, february, march, april, june, july, august,
september, october, november, december, early, late, mid, soon, for, over, this, tomorrow
""")


def capitalize_places(text: str) -> str:
    """Place names typed in lower case after "live in", "moved to"... get their capitals
    ("i live in london" -> "London"), so the place rules can see them. In a message that
    has capitals elsewhere, only after cues that leave no doubt ("based in montreal")."""
    cue = _STRONG_PLACE_CUE if any(ch.isupper() for ch in text) else _PLACE_CUE

    def fix(match: re.Match[str]) -> str:
        words = match.group(2).split()
        if words[0][0].isupper():
            return match.group(0)
        # "london with my bf": a second word is part of the name only if it is no cue word.
        if len(words) == 2 and words[1].lower() in _PLACE_TAIL:
            words = words[:1]
        if words[0].lower() in _NOT_PLACES:
            return match.group(0)
        rest = match.group(2)[len(" ".join(words)):]
        return f"{match.group(1)} {' '.join(w.capitalize() for w in words)}{rest}"

    return cue.sub(fix, text)


_ROLE_PLAY = re.compile(
    r"\b(?:pretend(?:ing)?\s+(?:to be|that|you|you're|I'm|we're)|role[- ]?play|let's play|"
    r"act as|play the role|you are now|you're now|in character)\b", re.I)
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


def split(message: str) -> list[Clause]:
    """Every clause of a message, in order, flagged for questions and conditionals."""
    found: list[Clause] = []
    text = prepare(capitalize_places(message))
    overall = language(text)
    for sentence in sentences(text):
        if _ROLE_PLAY.search(sentence) and not _ROLE_PLAY_END.search(sentence):
            break  # what follows a role-play set-up is the character's, not the user's
        lang = language(sentence, overall)
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
            personal = bool(_PERSONAL_START.match(text))
            # "If I lived in Paris, I'd..." - the clause after an "if" clause depends on it.
            conditional = bool(_HYPOTHETICAL.match(part.lstrip()))
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
    if _HYPOTHETICAL.search(before) or _HEDGE.search(before) or _REPORTED.search(before):
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
    r"this (?:week|month|year)|all day|(?:once|twice|\w+ times) (?:a|per) (?:day|week|month)|"
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
