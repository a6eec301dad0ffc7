"""What the user likes, dislikes, prefers and eats.

Objects that point at the conversation ("I love it", "I like your answer", "I like the second
option") are not tastes; a value must name something ("jazz", "board games", "the Beatles").
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from lumiscope.server.memory.lexicon import DIETS, INSTRUMENTS, MEAT_FREE_DIETS, MEATS, SPORTS
from lumiscope.server.memory.rules.base import (
    HAVE,
    I_AM,
    PHRASE,
    PROPER,
    SELF,
    Context,
    Found,
    Rule,
    article,
    clean,
    lookup,
    rule,
    subject,
)
from lumiscope.server.memory.text import split_list, trim

_DEICTIC = re.compile(
    r"^(?:I|it|its|it's|this|that|these|those|you|your|yours|them|him|her|his|their|how|what|"
    r"when|where|why|who|which|if|because|the way|the idea|a|an|some|any|my|our|one|ones|"
    r"working with you|talking to you|everything|anything|nothing|something|here|there|"
    r"so|too|very|much|more|most|doing|being|having|getting|to be|to have|to do|to know|"
    r"already|still|again|now|later)\b",
    re.I)
# "the" + a common noun is about the conversation ("the second option") except for these.
_THE_OK = re.compile(r"^the\s+(?:outdoors|mountains|ocean|sea|beach|countryside|cinema|"
                     r"theatre|theater|opera|gym|rain|snow|sun|winter|summer|autumn|fall|"
                     r"spring|night|morning)\b", re.I)
_THE_CAPITAL = re.compile(r"^the\s+[A-Z]")
_CUT = re.compile(r"\s+(?:when|while|whenever|because|since|but|if|as|despite|even though|"
                  r"which|that|who|with\s+my|for\s+(?:my|the|a)|over|rather than|more than|"
                  r"instead of)\b.*$", re.I)
_DIET_WORDS = "|".join(sorted((re.escape(d) for d in DIETS), key=len, reverse=True))


_POINTING = re.compile(r"\b(?:it|this|that|these|those|you|your|them)\b", re.I)


def things(raw: str, max_words: int = 5) -> list[str]:
    """The named things of a taste: ``"hiking and board games too"`` -> two values."""
    found = []
    for item in split_list(_CUT.sub("", raw)):
        value = clean(re.sub(r"^my\s+(?=\w+ing$)", "", item.strip()), max_words)  # "my gardening"
        # "I hate to say it", "I love how you..." point at the conversation, not a taste.
        if not value or _DEICTIC.match(value) or _POINTING.search(value):
            continue
        if value.lower().startswith("the ") and not (
                _THE_OK.match(value) or _THE_CAPITAL.match(value)):
            continue
        found.append(value)
    return found


def _likes(match: re.Match[str], ctx: Context) -> Iterator[Found]:
    for value in things(match.group(1)):
        yield Found("preference", "likes", value, f"Likes {value}", 0.85)


def _dislikes(match: re.Match[str], ctx: Context) -> Iterator[Found]:
    for value in things(match.group(1)):
        yield Found("preference", "dislikes", value, f"Dislikes {value}", 0.85)


def _supermarket(match: re.Match[str], ctx: Context) -> Iterator[Found]:
    store = match.group(1)
    if re.search(r"\bit\s+at\b", match.group(0)) and not re.search(
            r"\b(?:shop|shopping|groceries|grocery)\b", ctx.message, re.I):
        return  # "I do it at Starbucks": "it" is the shopping only when the message says so
    yield Found("preference", "favourite_supermarket", store, f"Shops at {store}", 0.8)


def _favourite(match: re.Match[str], ctx: Context) -> Iterator[Found]:
    kind = re.sub(r"[^a-z]+", "_", match.group(1).lower()).strip("_")
    values = things(match.group(2))
    if kind and values:
        yield Found("preference", f"favourite_{kind}", values[0],
                    f"Favourite {match.group(1).lower()}: {values[0]}")


def _prefers(match: re.Match[str], ctx: Context) -> Iterator[Found]:
    value = clean(re.split(r"\s+(?:over|to|rather than|instead of)\s+", match.group(1))[0], 8)
    if value and not _DEICTIC.match(value):
        yield Found("preference", "prefers", value, f"Prefers {value}", 0.85)


def _standing_request(match: re.Match[str], ctx: Context) -> Iterator[Found]:
    # "Please correct my grammar when I make mistakes": a request that outlives the turn.
    value = clean(match.group(1), 12)
    if value:
        yield Found("preference", "prefers", value, f"Wants the assistant to {value}", 0.8)


def _plays(match: re.Match[str], ctx: Context) -> Iterator[Found]:
    phrase = trim(_CUT.sub("", re.split(r"\s+(?:in|at|on|with|for|every|since)\b",
                                        match.group(1))[0]))
    thing = lookup(phrase, INSTRUMENTS | SPORTS)
    if thing and phrase.lower().endswith(thing):
        text = f"Plays the {thing}" if thing in INSTRUMENTS else f"Plays {thing}"
        yield Found("preference", "hobby", thing, text)


def _supports(match: re.Match[str], ctx: Context) -> Iterator[Found]:
    team = match.group(1)
    yield Found("preference", "favourite_team", team, f"Supports {team}", 0.85)


def _favourite_first(match: re.Match[str], ctx: Context) -> Iterator[Found]:
    values = things(match.group(1))
    if values and not match.group(2) and not re.match(r"^(?:this|that|it|which|what|who|he|she|"
                                                      r"they|there|here)$", values[0], re.I):
        # "Willie Nelson's my all time favorite": a favourite of no named kind.
        yield Found("preference", "likes", values[0], f"Loves {values[0]}", 0.85)
        return
    kind = re.sub(r"[^a-z]+", "_", (match.group(2) or "").lower()).strip("_")
    if kind and values and not re.match(r"^(?:this|that|it|which|what|who|he|she|they)$",
                                        values[0], re.I):
        yield Found("preference", f"favourite_{kind}", values[0],
                    f"Favourite {match.group(2).lower()}: {values[0]}")


_GERUNDS = {"run": "running", "swim": "swimming", "knit": "knitting", "ski": "skiing",
            "boulder": "bouldering",
            "surf": "surfing", "row": "rowing", "fish": "fishing"}


def _hobby(match: re.Match[str], ctx: Context) -> Iterator[Found]:
    hobby = match.group(1).lower()
    yield Found("preference", "hobby", hobby, f"Enjoys {hobby}", 0.8)


def _hobby_verb(match: re.Match[str], ctx: Context) -> Iterator[Found]:
    verb = match.group(1).lower()
    hobby = _GERUNDS.get(verb) or (verb[:-1] if verb.endswith("e") else verb) + "ing"
    yield Found("preference", "hobby", hobby, f"Enjoys {hobby}", 0.8)


def _goes(match: re.Match[str], ctx: Context) -> Iterator[Found]:
    yield Found("preference", "hobby", match.group(1).lower(), f"Goes {match.group(1).lower()}",
                0.8)


def _practises(match: re.Match[str], ctx: Context) -> Iterator[Found]:
    activity = match.group(1).lower()
    yield Found("preference", "hobby", activity, f"Does {activity} regularly", 0.8)


def _seat(match: re.Match[str], ctx: Context) -> Iterator[Found]:
    seat = match.group(1).lower()
    yield Found("preference", "seat", seat, f"Prefers {article(seat)} {seat} seat", 0.85)


def diet(word: str) -> Found:
    """The user's diet, by any of its spellings."""
    name = DIETS[word.lower()]
    return Found("preference", "diet", name, f"Is {name}" if name != "keto" else "Eats keto")


def _diet(match: re.Match[str], ctx: Context) -> Iterator[Found]:
    yield diet(match.group(1))


def _diet_ended(match: re.Match[str], ctx: Context) -> Iterator[Found]:
    # "I gave up on keto", "i quit keto btw": that diet is over.
    name = DIETS[match.group(1).lower()]
    stated = diet(name).text
    yield Found("preference", "diet", name, f"No longer {stated[0].lower()}{stated[1:]}",
                retract=True)


def _avoids(match: re.Match[str], ctx: Context) -> Iterator[Found]:
    verb = match.group(1).lower()
    for value in things(match.group(2)):
        if verb == "eat" and value.lower() in ("meat", "any meat", "red meat and fish",
                                                "meat or fish", "meat and fish"):
            yield diet("vegetarian")
        elif value.lower() in ("animal products", "any animal products"):
            yield diet("vegan")
        else:
            yield Found("preference", "avoids", value, f"Doesn't {verb} {value}", 0.85)


def _eats_meat_again(match: re.Match[str], ctx: Context) -> Iterator[Found]:
    yield Found("preference", "diet", "|".join(MEAT_FREE_DIETS), "Eats meat again", retract=True)


# The thing a pointing word stands for, named just before it in the message: "what do u think
# of cilantro. i cant stand it", "no cilantro pls i hate that stuff".
_ANTECEDENT = re.compile(r"\b(?:of|about|no|without|with|try|tried|eat|eating)\s+"
                         r"((?-i:[a-z][\w-]+)(?:\s+(?-i:[a-z][\w-]+))?)\s*(?:pls|please|\?|[.!,]|$)",
                         re.I)


def _referred(match: re.Match[str], ctx: Context) -> str | None:
    verb = match.group("verb")
    message = ctx.message or ctx.clause.text
    before = message[:message.lower().rfind(verb.split()[-1].lower().replace("'", ""))]
    named = list(_ANTECEDENT.finditer(before))
    if not named:
        return None
    value = clean(named[-1].group(1), 3)
    if value is None or _DEICTIC.match(value) or value.lower().startswith("the "):
        return None
    return value


def _likes_referred(match: re.Match[str], ctx: Context) -> Iterator[Found]:
    value = _referred(match, ctx)
    if value:
        yield Found("preference", "likes", value, f"Likes {value}", 0.8)


def _dislikes_referred(match: re.Match[str], ctx: Context) -> Iterator[Found]:
    value = _referred(match, ctx)
    if value:
        yield Found("preference", "dislikes", value, f"Dislikes {value}", 0.8)


_LIKE = r"(?:love|like|enjoy|adore)"
_HATE = r"(?:hate|dislike|detest|loathe|can't stand|cannot stand|don't like|do not like|" \
        r"don't enjoy|do not enjoy|don't love|really don't like)"
_MEAT = "|".join(sorted(MEATS, key=len, reverse=True))
RULES: tuple[Rule, ...] = (
    rule(SELF + r"\s+(?:do\s+)?" + _LIKE + r"\s+" + PHRASE, _likes, stateful=True),
    rule(I_AM + r"\s+(?:a\s+)?(?:big\s+|huge\s+|massive\s+)?(?:fan of|into|passionate about|"
         r"obsessed with|crazy about|addicted to|(?:really\s+|very\s+)?keen on)\s+" + PHRASE,
         _likes, stateful=True),
    # "batch cooking is my whole life", "baking is my thing".
    rule(r"^\W*(?:(?:yes|yeah|ok|oh)\W+)*(?:please\W+)?((?:[\w'&-]+\s+){0,2}?[\w'&-]+)\s+"
         r"(?:is|are)\s+(?:literally\s+)?my\s+(?:whole\s+life|(?:absolute\s+)?thing|jam|passion|"
         r"happy place)\b", _likes),
    # "I'm a huge Mariners fan", "big fc barcelona fan btw".
    rule(I_AM + r"\s+(?:an?\s+)?(?:big|huge|massive|die-?hard|lifelong|long-?time|proud|mad)\s+"
         r"((?:[\w'&.-]+\s+){0,2}?[\w'&.-]+)\s+fan\b", _likes, stateful=True),
    # "I've been an Auburn fan since I was knee high".
    rule(r"\b(?:I|we)(?:'ve| have)\s+been\s+(?:an?\s+)?(?:(?:big|huge|massive|die-?hard|lifelong|"
         r"proud|mad)\s+)?(?!(?:a|an|the|big|huge|fan)\b)((?:[\w'&.-]+\s+){0,2}?[\w'&.-]+)\s+fan\b",
         _likes),
    rule(SELF + r"\s+" + _HATE + r"\s+" + PHRASE, _dislikes),
    # "I drink a lot of mate", "we eat loads of rice".
    rule(SELF + r"\s+(?:drink|eat|cook with)\s+(?:a lot of|lots of|loads of|tons of|so much)\s+"
         + PHRASE, _likes),
    # "I do the big shop at Tesco", "we've switched the big shop to Aldi".
    rule(r"(?:" + SELF + r"\s+(?:do|get)\s+(?:the|my|our|it)\s*(?:big|weekly|food|grocery)?\s*"
         r"(?:shop|shopping|groceries)?\s+at|" + SELF + r"(?:'ve| have)?\s+(?:switched|moved)\s+"
         r"(?:the|my|our)\s+(?:big\s+|weekly\s+|food\s+|grocery\s+)?(?:shop|shopping|groceries)\s+"
         r"to|" + SELF + r"\s+(?:shop|do my shopping|buy my groceries)\s+at)\s+(" + PROPER + ")",
         _supermarket),
    rule(r"(?:" + SELF + r"\s+|^\W*)(?:really\s+)?(?P<verb>" + _HATE.strip("(?:)") + r")\s+"
         r"(?:it|that stuff|"
         r"that|them|those|the stuff)(?=\s*(?:[,.!;]|$|personally\b|so much\b|lol\b|tho\b|"
         r"though\b|tastes\b))", _dislikes_referred),
    rule(SELF + r"\s+(?:really\s+)?(?P<verb>love|adore)\s+(?:it|that stuff|them|the stuff)"
         r"(?=\s*(?:[,.!;]|$|personally\b|so much\b|lol\b))", _likes_referred),
    rule(I_AM + r"\s+not\s+(?:very\s+|that\s+|too\s+|super\s+)?(?:great|good|big)\s+with\s+"
         + PHRASE, _dislikes),
    # "we're not big hotel people", "I'm not a cruise person".
    # ("not a morning person" is a trait, kept as it stands by rules/general.py.)
    rule(I_AM + r"\s+not\s+(?:really\s+)?(?:an?\s+)?(?:big\s+|huge\s+)?(?!(?:morning|night|evening|"
         r"people|early)\b)((?:[\w-]+\s+)?[\w-]+)\s+(?:people|person)\b", _dislikes),
    rule(I_AM + r"\s+not\s+(?:really\s+|very\s+)?(?:a\s+)?(?:big\s+|huge\s+)?(?:fan of|into|"
         r"big on|keen on|a fan of)\s+" + PHRASE, _dislikes),
    # "I support Wisla Krakow": in British and European English, a football team.
    rule(SELF + r"\s+(?:have\s+)?(?:always\s+)?support(?:ed)?\s+(" + PROPER + r")(?=\s*(?:[,.;!]|$|"
         r"since\b|and\b|so\b|,?\s+maybe\b))", _supports),
    # "I ain't giving up brisket, that's not happening": what the user will not do without.
    rule(SELF + r"\s+(?:ain't|am not|'m not|won't|will not|refuse to)\s+(?:be\s+)?giv(?:e|ing)\s+"
         r"up\s+(?:my\s+)?" + PHRASE, _likes, allow_modal=True),
    # "Radiohead is my favourite band", "sushi is my all-time favourite food".
    rule(r"(?:^\W*|,\s*)((?:[\w'&-]+\s+){0,3}?[\w'&-]+?)(?:\s+(?:is|are)|'s)\s+"
         r"(?:definitely\s+|probably\s+)?my\s+(?:all[- ]time\s+|absolute\s+)?favou?rite"
         r"(?:\s+(?!of\b|ever\b|too\b|now\b|though\b|tho\b)(\w+(?:\s\w+)?))?\b", _favourite_first),
    rule(SELF + r"\s+(knit|crochet|paint|bake|sew|draw|garden|swim|cycle|hike|climb|surf|ski|"
         r"dance|sing|run|skate|row|fish|sketch|quilt|boulder)(?=\s*(?:[,.!;]|$|a lot\b|a bit\b|"
         r"every\b|(?:like\s+|about\s+)?\d+\s*(?:x|times)\b|"
         r"daily\b|regularly\b|on weekends\b|at weekends\b|most\b|\d|twice\b|whenever\b|"
         r"for fun\b|as a hobby\b|in my spare time\b|in my free time\b|to (?:wind down|unwind|"
         r"relax|de-?stress|switch off)\b|at night\b|in the evenings?\b))", _hobby_verb),
    # "update: started running!! 3x a week", "ive been doing wild swimming since last summer".
    rule(r"(?:" + SELF + r"(?:'ve|\s+have)?\s+|^\W*(?:[\w ]{1,15}:\s*)?)"
         r"(?:just\s+|finally\s+|recently\s+)?"
         r"(?:started|took up|taken up|got into|picked up|been doing)\s+(?:the\s+)?((?:(?:wild|"
         r"open water|sea|cold water|outdoor|indoor|trail|road|mountain|rock|ice|salsa|ballroom|"
         r"aerial|hot)\s+)?(?:running|swimming|cycling|hiking|climbing|bouldering|yoga|pilates|"
         r"boxing|rowing|surfing|knitting|crochet|painting|pottery|gardening|baking|dancing|"
         r"lifting|weightlifting|crossfit|tennis|golf|chess|birdwatching|fishing|couch to 5k|"
         r"c25k|parkrun))\b", _hobby),
    # "I do a bit of woodturning as a hobby".
    rule(SELF + r"\s+do\s+(?:a\s+bit\s+of\s+|some\s+|a\s+lot\s+of\s+)?([\w-]+ing)\s+(?:as a hobby|"
         r"for fun|in my (?:spare|free) time|to (?:wind down|unwind|relax))\b", _hobby),
    rule(subject(HAVE) + r"(?:\s+been)?\s+(?:do|doing|practise|practice|practising|practicing|"
         r"love doing|enjoy doing)\s+(yoga|pilates|crossfit|"
         r"karate|judo|jiu-jitsu|bjj|taekwondo|kickboxing|boxing|ballet|zumba|tai chi|"
         r"parkour|aerial silks|pole fitness|spin|spinning|triathlons?|park ?run|weightlifting|"
         r"powerlifting|calisthenics|meditation|improv)\b", _goes),
    rule(r"\bmy\s+(?:all-time\s+)?favou?rite\s+(\w+(?:\s\w+)?)\s+(?:is|are|has to be)\s+" + PHRASE,
         _favourite),
    rule(SELF + r"\s+(?:much\s+|generally\s+|usually\s+)?prefer\s+" + PHRASE, _prefers),
    rule(r"\b(?:I'd|I would)\s+(?:much\s+)?(?:prefer|rather)\s+" + PHRASE, _prefers,
         allow_modal=True),
    rule(r"^\W*(?:please\s+)?(?:always\s+)?((?:correct|answer|reply|respond|write|explain|use|"
         r"(?:keep|make)(?=\s+(?:it|things|everything|answers|replies|responses|explanations|your|"
         r"them)\b)|give me|talk to me|speak to me|address me|remind me|avoid|don't use)\b"
         r"[^.;!?]*?\b(?:when I|whenever|from now on|in (?:the )?future|going forward|every time|"
         r"always|in all answers|in every answer|in all replies|short|shorter|brief|concise|simple|"
         r"simpler|detailed|bullet points|plain "
         r"english|jargon|emojis?|formal|informal|casual)\b[^.;!?]*)", _standing_request),
    rule(SELF + r"\s+play\s+(?:the\s+|a\s+lot\s+of\s+)?" + PHRASE, _plays, stateful=True),
    # "I've had a season ticket at Parc y Scarlets for years": a team the user follows.
    rule(r"\b(?:I|we)(?:'ve| have)?\s+(?:had|got|have|bought)\s+(?:a\s+)?season\s+tickets?\s+"
         r"(?:at|for|to)\s+((?-i:[A-Z][\w'-]*(?:\s+(?:y|de|del|la|of|the)?\s*[A-Z][\w'-]*){0,3}))",
         _likes),
    # "no coriander on mine please, it tastes like washing-up liquid to me".
    rule(r"\bno\s+([a-z][\w -]{2,20}?)\s+(?:on|in)\s+mine\b", _dislikes),
    # "Please always show me the amounts in pesos": "always" makes any request a standing one.
    rule(r"^\W*(?:(?:also|and|oh|btw)\W+)*(?:please\s+)?(?:always|never)\s+(?:please\s+)?((?:show|"
         r"give|quote|list|put|convert|tell|send|spell|format|round|sign)\b[^.;!?]{3,60})",
         _standing_request),
    # "I need always the aisle seat", "always book me a window seat".
    rule(r"\b(?:I|me)\s+(?:always\s+|usually\s+|really\s+)?(?:need|want|prefer|book|get|take|"
         r"ask for|like)\s+(?:always\s+)?(?:an?|the|my)\s+(aisle|window)(?:\s+seats?\b|\s*$|"
         r"(?=\s*[,.!;]))", _seat),
    # "Also be blunt with me, I don't need sugarcoating."
    rule(r"^\W*(?:(?:also|and|please|pls|just)\s+)*(be\s+(?:blunt|direct|brutally honest|honest|"
         r"straight|brief|concise|gentle|patient)\s+with\s+me)\b", _standing_request),
    # "i got basketball practice basically every day": a team or a class the user belongs to.
    rule(SELF + r"\s+(?:have|got|'ve got|have got)\s+(?!no\b|a\b|the\b|some\b|my\b|driving\b|"
         r"more\b|extra\b)([a-z]{4,})\s+(?:practice|training|rehearsals?)\b", _practises),
    # "Running helps more than anything": what keeps the user going is what they do.
    rule(r"^\W*(running|swimming|cycling|hiking|climbing|walking|gardening|yoga|meditation|"
         r"lifting|boxing|surfing|painting|knitting|baking|journaling|journalling)\s+(?:really\s+)?"
         r"(?:helps|keeps me sane|saved me|is my thing|is my therapy|is what keeps me)\b",
         _practises),
    rule(SELF + r"\s+(?:go|love going|like going)\s+(running|hiking|climbing|bouldering|swimming|"
         r"surfing|skiing|cycling|sailing|fishing|camping|diving|kayaking|skating)\b", _goes),
    rule(I_AM + r"\s+(?:an?\s+)?(?:strict\s+|full\s+|fully\s+|pure\s+|100%\s+)?(" + _DIET_WORDS
         + r")\b(?!\s+"
         r"(?:food|restaurant|recipe|option|dish|meal)s?\b)", _diet, stateful=True),
    rule(subject(HAVE) + r"\s+(?:been|become|became|gone|went|turned|started being|switched|"
         r"changed|converted|gone back|went back|come back|am back|'m back)\s+"
         r"(?:(?:back\s+)?to\s+)?(?:being\s+)?(?:an?\s+)?(?:full\s+|fully\s+|strict\s+)?("
         + _DIET_WORDS + r")\b", _diet),
    # "As a vegan I struggle...": the user describes themselves in passing.
    rule(r"(?:^\W*|,\s*)(?:\w+\s+){0,2}?as\s+an?\s+(?:strict\s+|lifelong\s+)?(" + _DIET_WORDS
         + r")\b(?=\s*,?\s*(?:myself\b|I\b|I'm\b|I've\b|it\b|this\b|that\b|there\b))", _diet),
    rule(r"(?:" + SELF + r"\s+(?:eat|follow|keep|am on|'m on|started|am doing|'m doing|do)|" + I_AM
         + r"\s+(?:doing|trying|following))\s+(?:more of\s+)?(?:an?\s+|strictly\s+)?(" + _DIET_WORDS
         + r")\b", _diet),
    rule(subject(HAVE) + r"\s+(?:gave up|given up|quit|stopped|dropped|came off|ditched)\s+"
         r"(?:on\s+)?(?:the\s+)?(" + _DIET_WORDS + r")\b", _diet_ended),
    rule(SELF + r"\s+(?:don't|do not|never|no longer)\s+(eat|drink)\s+" + PHRASE, _avoids),
    rule(subject(HAVE) + r"\s+(?:stopped|quit|given up|gave up)\s+(eat|drink)(?:ing)?\s+" + PHRASE,
         _avoids),
    rule(subject(HAVE) + r"\s+(?:started|begun|began|am|'m)\s+eating\s+(?:" + _MEAT
         + r")(?:\s+again)?\b|" + SELF + r"\s+eat\s+(?:" + _MEAT + r")\s+again\b",
         _eats_meat_again),
)
