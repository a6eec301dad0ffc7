"""What the user owns: vehicles, homes, devices, instruments, tools.

Only listed kinds of things count ("I have a question" owns nothing), matched on the head noun
of the phrase or, for brands, its first capitalized word ("a Tesla Model 3").
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from lumiscope.server.memory.lexicon import BRANDS, POSSESSIONS
from lumiscope.server.memory.rules.base import (
    HAVE,
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

_PHRASE_END = re.compile(
    r"\s+(?:in|at|for|from|with|that|which|who|to|on|near|since|last|yesterday|and|but|"
    r"because|so|you|I|he|she|they|we|it|this|from|when|after|before|recently|lately|"
    r"now|today|a while|years|everywhere|every day|daily|around|all the time|mostly|w|off)\b.*$",
    re.I)


def kind_of(thing: str) -> str | None:
    """The possession subject of ``thing`` (``"gravel bike"`` -> ``"bike"``), if listed."""
    for kind, words in POSSESSIONS.items():
        if lookup(thing, words):
            return kind
    words_ = thing.split()
    first, pair = words_[0], " ".join(words_[:2]).lower()
    maker = pair if pair in BRANDS else first.lower() if first.lower() in BRANDS else None
    if first[:1].isupper() or maker:
        for kind, words in POSSESSIONS.items():
            if (maker or first.lower()) in words:
                return kind
    return None


# "a ps5 and a crappy acer laptop": each thing of a list owned.
_ITEMS = re.compile(r"\s+and\s+(?:a|an|my|two|some)\s+|,\s*(?:a|an|my)\s+", re.I)


# "got a new truck!! 2014 silverado 1500": the model, named in the next sentence.
_NEXT_MODEL = re.compile(r"^[!.\s]+(?:an?\s+)?(?:(?:19|20)\d\d\s+)?([\w-]+(?:\s+[\w-]+){0,2})")


def _model_next(item: str, message: str) -> str | None:
    at = message.lower().find(item.lower())
    found = _NEXT_MODEL.match(message[at + len(item):]) if at >= 0 else None
    words = found.group(1).split() if found else []
    if not words or words[0].lower() not in BRANDS:
        return None
    length = 1
    while length < len(words) and _MODEL.match(words[length]):
        length += 1
    return " ".join(w if w[:1].isupper() or w[:1].isdigit() else w.capitalize()
                    for w in words[:length])


def _owns(match: re.Match[str], ctx: Context) -> Iterator[Found]:
    verb = match.group(1).lower()
    # "bought a proper bike for weekend rides, a Brompton": the model named after a comma.
    model = re.match(r"\s*,\s*an?\s+((?-i:[A-Z][\w-]+))\s*(?:[.!]|$)",
                     ctx.clause.text[match.end():])
    if model is None and kind_of(match.group(2).split()[-1]) and (
            named := _model_next(match.group(2), ctx.message)):
        value = named
        yield Found("possession", kind_of(match.group(2).split()[-1]) or "car", value,
                    f"Owns {article(value)} {value}")
        return
    for item in _ITEMS.split(match.group(2)):
        for found in _owned(verb, item):
            if model and not found.value[:1].isupper():
                value = f"{model.group(1)} {found.subject}"
                found = Found("possession", found.subject, value, f"Owns {article(value)} {value}")
            yield found


def _owned(verb: str, item: str) -> Iterator[Found]:
    thing = re.sub(r"^(?:(?:new|brand new|second-hand|2nd[- ]hand|used|old|first|own|crappy|cheap|"
                   r"trusty|beat-up|battered|ancient|fancy|shiny|little|tiny|(?:19|20)\d\d|"
                   r"\d+[\s-]*(?:year|yr)s?[\s-]*old)\s+)+", "",
                   _PHRASE_END.sub("", item).strip(), flags=re.I)
    thing = clean(thing, 4) or ""
    if not thing:
        return
    kind = kind_of(thing)
    if kind is None or verb in ("drive", "ride") and kind not in (
            "car", "motorbike", "bike", "vehicle") or verb == "run" and kind != "vehicle":
        return
    yield Found("possession", kind, thing, f"Owns {article(thing)} {thing}")


def _sold(match: re.Match[str], ctx: Context) -> Iterator[Found]:
    thing = clean(_PHRASE_END.sub("", match.group(1)), 4)
    kind = kind_of(thing) if thing else None
    if kind:
        yield Found("possession", kind, "", f"No longer owns {article(kind)} {kind}",
                    retract=True)
    elif thing and thing[:1].isupper():
        # "I sold the Zafira": a model the lexicon does not know ends the fact that named it.
        yield Found("possession", "*possession", thing, f"No longer owns the {thing}",
                    retract=True)


def _account(match: re.Match[str], ctx: Context) -> Iterator[Found]:
    account = clean(match.group(1), 4)
    if account:
        yield Found("possession", "account", account, f"Has {article(account)} {account}", 0.8)


def _my_thing_is(match: re.Match[str], ctx: Context) -> Iterator[Found]:
    # "my car is a 2015 Honda Fit": the kind is named, the value is what follows.
    thing = clean(_PHRASE_END.sub("", match.group(2)), 4)
    thing = re.sub(r"^(?:(?:new|used|old|(?:19|20)\d\d)\s+)+", "", thing or "", flags=re.I)
    kind = kind_of(match.group(1))
    if thing and kind and (kind_of(thing) or thing[:1].isupper() or thing[:1].isdigit()):
        yield Found("possession", kind, thing, f"Owns {article(thing)} {thing}")


_MODEL = re.compile(r"^(?:\d[\w-]*|pro|max|mini|air|plus|ultra|se|(?-i:[A-Z][\w-]*))$", re.I)


def _my_brand(match: re.Match[str], ctx: Context) -> Iterator[Found]:
    # "my macbook keeps crashing", "my Tesla": a maker's name says what the user owns.
    words = match.group(1).split()
    maker = 2 if " ".join(words[:2]).lower() in BRANDS else 1 if words[0].lower() in BRANDS else 0
    if not maker:
        return
    while maker < min(len(words), 4) and _MODEL.match(words[maker]):
        maker += 1  # "iphone 12", "MacBook Pro", "Tesla Model 3"
    value = " ".join(words[:maker])
    kind = kind_of(value)
    if kind:
        yield Found("possession", kind, value, f"Owns {article(value)} {value}", 0.8)


# "my Dad car", "my Work laptop": whose or what for, not a model.
_OWNERS = frozenset(("dad", "mum", "mom", "mother", "father", "wife", "husband", "son", "daughter",
                     "brother", "sister", "work", "company", "school", "family", "old", "new"))


def _named_model(match: re.Match[str], ctx: Context) -> Iterator[Found]:
    # "my Activa scooter", "our Bosch dishwasher": a model name the lexicon does not know,
    # said with the kind of thing it is.
    value = f"{match.group(1)} {match.group(2).lower()}"
    kind = kind_of(match.group(2))
    if kind and match.group(1).lower() not in _OWNERS:
        yield Found("possession", kind, value, f"Owns {article(value)} {value}", 0.8)


def _fragment(match: re.Match[str], ctx: Context) -> Iterator[Found]:
    # "Got the car! A 2015 Honda Fit.": a sentence that is only a maker and model.
    words = match.group(1).split()
    maker = 2 if " ".join(words[:2]).lower() in BRANDS else 1 if words[0].lower() in BRANDS else 0
    described = len(words) > maker or match.group(0).strip()[:1].lower() == "a" or re.search(
        r"\b(?:19|20)\d\d\b", match.group(0))  # "Tesla." alone may name anything
    if maker and described and all(_MODEL.match(word) for word in words[maker:]):
        value = " ".join(words)
        kind = kind_of(value)
        if kind:
            yield Found("possession", kind, value, f"Owns {article(value)} {value}", 0.75)


RULES: tuple[Rule, ...] = (
    rule(subject(HAVE) + r"\s+(own|have|got|drive|ride|run|bought|purchased|just bought|"
         r"finally bought|picked up|(?:just\s+)?closed on(?!\s+the\s+sale)|(?:finally\s+)?treated "
         r"(?:myself|ourselves) to)(?:\s+got)?"
         r"(?:\s+(?:myself|ourselves))?\s+"
         r"(?:a|an|the|my|our|one)\s+([^,;:.!?()]+?)(?=\s+(?:that|which)\s|[,;:.!?()]|$)",
         _owns, stateful=True),
    # "she bought me a greenhouse for my birthday": a gift is the user's.
    rule(r"\b(?:bought|got|gave|gifted)\s+(me)\s+(?:a|an)\s+([^,;:.!?()]+)", _owns),
    rule(r"\bmy\s+(car|bike|motorbike|motorcycle|laptop|phone|van|truck)\s+is\s+an?\s+"
         r"([^,;:.!?()]+)", _my_thing_is),
    # "my car (2012 corolla) makes a squeaky noise".
    rule(r"\bmy\s+(car|bike|motorbike|motorcycle|laptop|phone|van|truck)\s*\(\s*((?:19|20)\d\d\s+"
         r"[\w -]{2,30}?)\s*\)", _my_thing_is),
    rule(r"\b(?:my|our)\s+(?:(?:new|old|trusty|crappy|beat-up|ancient|wee|little|lil|beloved|"
         r"(?:19|20)\d\d)\s+)*"
         r"([\w+-]+(?:\s+[\w+-]+){0,3})", _my_brand, allow_question=True, allow_modal=True),
    rule(r"\b(?:my|our)\s+(?:(?:new|old|trusty)\s+)?((?-i:[A-Z][\w-]+))\s+(scooter|motorbike|motorcycle|"
         r"bike|car|van|truck|laptop|phone|tablet|camera|guitar|piano|dishwasher|kayak|boat)\b",
         _named_model, allow_question=True, allow_modal=True),
    rule(r"^\W*(?:an?\s+)?(?:(?:new|used|second-hand|old|(?:19|20)\d\d)\s+)*([\w+-]+(?:\s+[\w+-]+)"
         r"{0,3})\W*$", _fragment),
    # "The Passat is sold.", "my old bike has been sold".
    rule(r"^\W*(?:the|my|our)\s+((?:old\s+)?[\w-]+(?:\s+[\w-]+)?)\s+(?:is|was|has been|got)\s+"
         r"sold\b", _sold),
    # "I commute with a Brompton folding bicycle", "I get around on an e-bike".
    rule(SELF + r"\s+(commute|get around|travel)\s+(?:with|on|by)\s+(?:a|an|my)\s+([^,;:.!?()]+)",
         _owns),
    # "update: opened a TFSA with easy equities", "I opened a Roth IRA": a financial account.
    rule(r"(?:" + subject(HAVE) + r"\s+|^\W*(?:[\w ]{1,15}:\s*)?(?:just\s+|finally\s+)?)opened\s+"
         r"(?:a|an|my|our)\s+(?:new\s+|first\s+|own\s+)?((?:[\w-]+\s+){0,2}?(?:tfsa|rrsp|resp|fhsa|"
         r"lisa|isa|sipp|ira|401\(?k\)?|hsa|savings|checking|current|brokerage|investment|pension|"
         r"retirement|bank)"
         r"(?:\s+account)?)\b", _account),
    rule(r"(?:" + subject(HAVE) + r"\s+(?:sold|gave away|got rid of|crashed|totaled|totalled)|"
         + subject(HAVE) + r"\s+closed\s+on\s+the\s+sale\s+of)\s+"
         r"(?:my|our|the|that|those)\s+([^,;:.!?()]+)", _sold),
    # "instant pot died. replaced w/ ninja foodi": what replaced a thing is owned now.
    # "we finally traded in the civic for a used rav4": the new one is owned, the old one not.
    rule(subject(HAVE) + r"\s+(?:finally\s+)?(traded)(?:\s+in)?\s+"
         r"(?:(?:the|my|our|that)\s+[\w\s-]{1,30}?\s+)?for\s+(?:a|an|the)\s+([^,;:.!?()]+)", _owns),
    rule(subject(HAVE) + r"\s+(replaced)\s+(?:(?:it|that|them|my\s+[\w\s-]{1,30}?)\s+)?with\s+"
         r"(?:a|an|the|my|our|one)?\s*([^,;:.!?()]+)", _owns),
)
