"""The people and animals in the user's life: partner, children, siblings, pets.

Only the relation is learned, never what the relative likes or does: "my wife Jenny is vegan"
gives a partner named Jenny, not a vegan user.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from lumiscope.server.memory.lexicon import (
    CHILDREN,
    GRANDCHILDREN,
    PET_PLURALS,
    PETS,
)
from lumiscope.server.memory.rules.base import (
    BE,
    HAVE,
    I_AM,
    LIST,
    NAME,
    SELF,
    Context,
    Found,
    Rule,
    article,
    lookup,
    rule,
    subject,
    typed_in_lower_case,
)
from lumiscope.server.memory.rules.kinship import (
    ADVERBS,
    PRONOUNS,
    RELATIVE,
    is_name,
    relative,
)
from lumiscope.server.memory.text import split_list

_NUMBERS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
            "twin": 2, "twins": 2}
def _my_named(match: re.Match[str], ctx: Context) -> Iterator[Found]:
    name = re.sub(r"'s?$", "", match.group(2))  # "my daughter Mia's birthday"
    if is_name(name):
        name = name.split()[0]
        found = relative(match.group(1), name)
        if found and re.search(r"\blate\s", match.group(0), re.I):
            found = Found(found.category, found.subject, found.value,
                          f"Had {article(match.group(1))} {match.group(1)} named "
                          f"{name}, who has died", found.confidence)
        if found:
            yield found


def _my_partner(match: re.Match[str], ctx: Context) -> Iterator[Found]:
    # A partner mentioned without a name still says the user has one; siblings and parents
    # without a name are too common and too vague to keep.
    if re.search(r"\b(?:broke up|split up|splitting up|breaking up|divorced|separated|ex)\b",
                 ctx.message or ctx.clause.text, re.I):
        return  # "my partner and I split up": no partner any more
    found = relative(match.group(1), None)
    if found:
        yield found


_COUNTED = re.compile(r"^(a|an|one|two|three|four|five|twin|\d)\s+([\w\s'-]+?)"
                      r"(?:\s+(?:named|called)\s+(" + NAME + r"))?$", re.I)
_KIDS = frozenset(CHILDREN | {"children"})
_GRANDKIDS = frozenset(GRANDCHILDREN | {"grandchildren"})
# "a 2 yr old", "a six-year-old", "a 4 month old": a child by its age.
_AGED = re.compile(r"^(?:\d+|an?|one|two|three|four|five|six|seven|eight|nine|ten)[\s-]*"
                   r"(?:yr|year|month|week)s?[\s-]*old$", re.I)


# "emma 12 jack 9", "Olivia (7)": children named with their ages after "3 kids,".
_WITH_AGES = re.compile(r"(?:[A-Za-z][a-z'-]+\s*\(?\d{1,2}\)?\s*)+")
_KIND_NAMED = re.compile(r"^(?:[\w-]+\s+){0,2}?(" + "|".join(sorted(PETS, key=len, reverse=True))
                         + r")\s+(?:called|named)\s+(" + NAME + ")", re.I)


def _named_with_ages(item: str, naming: str, ctx: Context) -> Iterator[Found]:
    for name in re.findall(r"([A-Za-z][a-z'-]+)\s*\(?\d", item):
        if is_name(name) and (name[0].isupper() or typed_in_lower_case(ctx.message)):
            name = name.capitalize()
            yield Found("relationship", naming, name, f"Has a {naming} named {name}")


def _offspring(noun: str) -> str | None:
    """``"child"`` or ``"grandchild"`` when ``noun`` (singular) names one."""
    if noun in _KIDS or _AGED.match(noun):
        return "child"
    return "grandchild" if noun in _GRANDKIDS else None


def _counted(match: re.Match[str], ctx: Context) -> Iterator[Found]:
    """ "I have two kids, Lucas and Marta", "I have a golden retriever named Biscuit and two
    cats": each item of the list is a child or a pet; bare names after children are theirs."""
    naming: str | None = None  # "child", "grandchild" or "pet" while a list of names runs
    items = [re.split(r"\s+(?:who|which|that|whose|but|from|at|in|for|on|last|yesterday|"
                      r"today|already|so|because|too|now)\b", item)[0]
             for item in split_list(match.group(1))]
    for index, item in enumerate(items):
        # "a 2 year old labradoodle called Biscuit": the age says nothing of the kind.
        item = re.sub(r"^(an?|one)\s+(?:\d+|an?|one|two|three|four|five|six|seven|eight|nine|ten)"
                      r"[\s-]*(?:year|yr|month|week)s?[\s-]*old\s+(?!named|called)(?=\w)",
                      r"\1 ", item, flags=re.I)
        parsed = _COUNTED.match(item)
        if parsed is None:
            if naming and re.fullmatch(NAME, item) and is_name(item):
                yield Found("relationship", naming, item, f"Has a {naming} named {item}")
            elif naming and _WITH_AGES.fullmatch(item):
                yield from _named_with_ages(item, naming, ctx)
            elif kind := _KIND_NAMED.match(item):  # "..., retired greyhound called Pixie"
                found = relative(kind.group(1), kind.group(2)) if is_name(kind.group(2)) else None
                if found:
                    yield found
            continue
        count = _NUMBERS.get(parsed.group(1).lower()) or int(parsed.group(1))
        # "a rescue kelpie x called Banjo": a cross is of its first breed.
        noun = re.sub(r"\s+(?:x|cross|mix)$", "", parsed.group(2).strip().lower())
        name = parsed.group(3)
        singular = PET_PLURALS.get(noun) or (noun[:-1] if count > 1 and noun.endswith("s")
                                             else noun)
        naming = _offspring(singular)
        if naming:
            if count > 1:
                plural = "children" if naming == "child" else "grandchildren"
                yield Found("relationship", f"{plural}_count", str(count),
                            f"Has {count} {plural}")
            elif name and is_name(name):
                yield Found("relationship", naming, name, f"Has a {naming} named {name}")
            continue
        pet = lookup(singular, PETS)
        if pet and count > 1:
            naming = "pet"  # "two cats, Luna and Milo"
            yield Found("relationship", "pet", f"{count} {noun}", f"Has {count} {noun}", 0.8)
        elif pet:
            following = items[index + 1] if index + 1 < len(items) else ""
            if not name and re.fullmatch(NAME, following) and is_name(following):
                name = following  # "I have a cat, Miso, she's 7"
            found = relative(pet, name if name and is_name(name) else None)
            if found:
                yield Found(found.category, found.subject, found.value,
                            f"Has {article(noun)} {noun}" + (f" named {name}" if name else ""),
                            found.confidence)


# After "my wife", a lower-case word followed by a verb is her name ("my wife akosua is"),
# unless it is an adverb ("my wife always says").
_LOWER_NAME_VERBS = (r"is|was|has|had|and|says|said|keeps|thinks|loves|hates|wants|works|lives|"
                     r"who|just|will|does|did|can|'s|likes|made|makes|got|gets|told|tells|are|were|swears|"
                    r"usually|needs|handles|went|goes|'ll|texted|asked|came|comes|loved|hated|"
                    r"have|rides|drives|sleeps|eats|plays|barks|runs|helps|cooks|stays|sits|"
                    r"turns|turned|started|starts|moved")
def _my_lower_named(match: re.Match[str], ctx: Context) -> Iterator[Found]:
    name = match.group(2)
    if name in ADVERBS or name in PRONOUNS or name.endswith("ly") or not is_name(name) or len(
            name) < 3:
        return
    if not ctx.clause.text[match.end():].strip() and not re.search(
            r"\b" + re.escape(name) + r"\s+and\s+I\b", ctx.message, re.I):
        return  # at the clause's end only in "my roommate tara and I...", not "my son football"
    found = relative(match.group(1), name.capitalize())
    if found:
        yield found


def _named_is(match: re.Match[str], ctx: Context) -> Iterator[Found]:
    # "my girlfriend is Valentina", "girlfriend = Valentina".
    name = match.group(2)
    if is_name(name):
        found = relative(match.group(1), name)
        if found:
            yield found


# Who "her name is Lucía" names, by what the message is about.
_PET_WORDS = "|".join(sorted(PETS, key=len, reverse=True))
_ABOUT = (("pet", re.compile(r"\b(?:adopted|rescued|" + _PET_WORDS + r")\b", re.I)),
          ("child", re.compile(r"\b(?:baby|newborn|son|daughter|gave birth|pregnant)\b", re.I)),
          ("partner", re.compile(r"\b(?:dating|seeing someone|girlfriend|boyfriend|gf|bf|met "
                                 r"someone|new partner)\b", re.I)))


def _name_is(match: re.Match[str], ctx: Context) -> Iterator[Found]:
    # "I'm dating someone new, her name is Lucía", "adopted a cat!! her name is mochi".
    name = match.group(1)
    if not is_name(name) or name.lower() in PRONOUNS | ADVERBS or len(name) < 2:
        return
    name = name[0].upper() + name[1:]
    for subject_, about in _ABOUT:
        if about.search(ctx.message or ctx.clause.text):
            yield Found("relationship", subject_, name, f"Has a {subject_} named {name}", 0.8)
            return


def _relative_named_is(match: re.Match[str], ctx: Context) -> Iterator[Found]:
    name = match.group(2)
    if is_name(name) and name.lower() not in PRONOUNS | ADVERBS and (
            name[0].isupper() or typed_in_lower_case(ctx.message)):
        found = relative(match.group(1), name.capitalize())
        if found:
            yield found


def _baby_named(match: re.Match[str], ctx: Context) -> Iterator[Found]:
    # "baby Ama is 4 months now": a child called by name.
    if is_name(match.group(1)):
        yield Found("relationship", "child", match.group(1),
                    f"Has a child named {match.group(1)}", 0.8)


def _born(match: re.Match[str], ctx: Context) -> Iterator[Found]:
    # "baby girl arrived!! Abena, born april 22": a name and a birth in a message about a baby.
    if is_name(match.group(1)) and re.search(r"\b(?:baby|newborn|son|daughter|arrived|"
                                              r"little (?:boy|girl))\b", ctx.message, re.I):
        yield Found("relationship", "child", match.group(1),
                    f"Has a child named {match.group(1)}")


def _baby(match: re.Match[str], ctx: Context) -> Iterator[Found]:
    if is_name(match.group(1)):
        yield Found("relationship", "child", match.group(1), f"Has a child named {match.group(1)}")


_TO_PARTNER = r"(?:my\s+(?:girlfriend|boyfriend|partner|fianc[ée]e?)\s+)?"


def _married(match: re.Match[str], ctx: Context) -> Iterator[Found]:
    state = "engaged" if "engaged" in match.group(0).lower() else "married"
    name = match.group(1) or (_fiance(ctx.message) if state == "engaged" else None)
    if name and is_name(name):
        yield Found("relationship", "partner", _partner(name, state), f"Is {state} to {name}")
    else:
        yield Found("relationship", "partner", state, f"Is {state}", 0.8)


def _parent_of(match: re.Match[str], ctx: Context) -> Iterator[Found]:
    # "I'm a mum of three", "a single dad with two boys, Sam and Theo".
    words = match.group(1).split()
    if len(words) > 1 and words[1].strip(",").lower() not in ("and", "but", "so", "who"):
        yield from _counted(match, ctx)
        return
    count = _NUMBERS.get(words[0].lower().strip(",")) or int(words[0].strip(","))
    if count > 1:
        yield Found("relationship", "children_count", str(count), f"Has {count} children")


def _partner(name: str, state: str | None) -> str:
    """A partner's value: the name, and "(engaged)" while the wedding is ahead."""
    return f"{name} (engaged)" if state == "engaged" else name


# "and lerato said yes!! we're engaged", "ARJUN PROPOSED!!!", "Amir and I got engaged": who
# the user got engaged to.
_FIANCE = re.compile(r"(?:^|[.!?:]\s+|\b(?:and|so|omg)\s+)(" + NAME + r"|(?-i:[a-z][a-z'-]+)|"
                     r"(?-i:[A-Z]{2,}))\s+(?:said\s+yes|proposed|PROPOSED|and\s+I\s+(?:just\s+)?"
                     r"got\s+engaged)\b")


def _fiance(message: str) -> str | None:
    found = _FIANCE.search(message)
    name = found.group(1) if found else None
    if name and is_name(name) and name.lower() not in PRONOUNS and (
            name[0].isupper() or typed_in_lower_case(message)):
        return name.capitalize()
    return None


def _years_together(match: re.Match[str], ctx: Context) -> Iterator[Found]:
    named = re.search(r"(?:^|[.!?]\s+|\bso\s+)(" + NAME + r"|(?-i:[a-z][a-z'-]{2,15}))\s+and\s+I\s+"
                      + re.escape(ctx.clause.text.split(None, 1)[1][:12]), ctx.message, re.I)
    if named:
        yield from _got_married_to(named, ctx)


def _got_married_to(match: re.Match[str], ctx: Context) -> Iterator[Found]:
    # "me and Alun got engaged", "renata and i hit 15 years married".
    name = next(g for g in match.groups() if g)
    if not is_name(name) or (name[0].islower() and not typed_in_lower_case(ctx.message)):
        return
    name = name[0].upper() + name[1:]
    said = match.group(0).lower()
    state = "engaged" if "engaged" in said else "married" if "married" in said else None
    yield Found("relationship", "partner", _partner(name, state),
                f"Is {state} to {name}" if state else f"Has a partner named {name}")


def _proposed(match: re.Match[str], ctx: Context) -> Iterator[Found]:
    name = _fiance(ctx.clause.text)
    if name:
        yield Found("relationship", "partner", _partner(name, "engaged"), f"Is engaged to {name}")


def _single(match: re.Match[str], ctx: Context) -> Iterator[Found]:
    yield Found("relationship", "partner", "", "Is single", retract=True)
    # "I'm recently divorced" also says what the user's life is like now.
    status = re.search(r"divorced|separated|widowed", match.group(0), re.I)
    if status:
        value = status.group(0).lower()
        yield Found("relationship", "marital_status", value, f"Is {value}", 0.85)


def _custody(match: re.Match[str], ctx: Context) -> Iterator[Found]:
    kind = match.group(1).lower()
    yield Found("relationship", "custody", f"{kind} custody", f"Has {kind} custody of the kids",
                0.85)


# "ive been seeing someone since august, her name is nadia": the clause names nobody, the
# message does.
_NAMED_LATER = re.compile(r"\b(?:her|his|their)\s+name(?:'s|\s+is)\s+(" + NAME
                          + r"|(?-i:[a-z][a-z'-]{2,15}))\b")


def _seeing_someone(match: re.Match[str], ctx: Context) -> Iterator[Found]:
    named = _NAMED_LATER.search(ctx.message, ctx.message.find(match.group(0)[-8:]))
    name = named.group(1) if named else ""
    if name and is_name(name) and (name[0].isupper() or typed_in_lower_case(ctx.message)):
        name = name[0].upper() + name[1:]
        yield Found("relationship", "partner", name, f"Is seeing {name}", 0.8)


RULES: tuple[Rule, ...] = (
    rule(SELF + r"\s+(?:have|share|got|'ve got)\s+(shared|joint|full|primary|50/50|split)\s+"
         r"custody\b", _custody),
    rule(r"\b(?:I|I've|I have)\s+(?:been\s+)?(?:seeing|dating)\s+(?:someone|somebody|"
         r"a\s+(?:guy|girl|woman|man|lady))\b", _seeing_someone),
    rule(r"\b(?:my|our)\s+(?:(?:lovely|amazing|dear|beautiful|little|new|old|older|younger|big|baby|late|"
         r"twin|eldest|oldest|youngest|middle|\w+[\s-]+(?:yr|year|month)s?[\s-]+old)\s+)?"
         + RELATIVE + r"(?:'s name is|,?\s+(?:is called|is named|named|called))?,?\s+("
         + NAME + ")", _my_named, allow_modal=True, allow_question=True),
    rule(r"\b(?:my|our)\s+(wife|husband|partner|girlfriend|boyfriend|fiancée?|spouse)\b"
         r"(?!'s name|,?\s+"
         r"(?:is called|is named|named|called|" + NAME + "))", _my_partner),
    rule(r"\b(?:my|our)\s+(?:(?:new|late|baby|little|older|younger|twin|big)\s+)?" + RELATIVE
         + r"\s+(?-i:([a-z][a-z'-]+))(?:\s*\(\d{1,2}\))?(?:\s+(?:literally|always|actually|totally|"
         r"really|never|still|also))?(?:\s+(?:ate|chewed|bit|broke|knocked|destroyed|hid|"
         + _LOWER_NAME_VERBS
         + r")\b|\s*$)",
         _my_lower_named),
    rule(r"(?:^\W*|\b(?:my|our)\s+)" + RELATIVE + r"(?:'s name)?\s*(?:=|:|\bis\b)\s*(" + NAME
         + r")(?=\s*(?:[,.!;]|$|and\b|but\b|btw\b|lol\b))", _named_is),
    # "for my wifes birthday her name is donna and...": the relative the clause is about.
    rule(r"\b(?:my|our)\s+" + RELATIVE + r"(?:'?s)?\b[^.!?]{0,40}?\b(?:her|his)\s+name\s+is\s+("
         + NAME + r"|(?-i:[a-z][a-z'-]+))\b", _relative_named_is, allow_question=True),
    rule(r"^\W*(?:and\s+)?(?:(?:her|his|their|its)\s+name(?:'s|\s+is)|(?:she|he|it)(?:'s|\s+is|s)\s+"
         r"(?:called|named)|we\s+(?:named|called)\s+(?:her|him))\s+("
         + NAME + r"|(?-i:[a-z][a-z'-]+))"
         r"(?:\W*$|\s+and\s+(?:she|he|it)\b|\s*,)", _name_is),
    # "Njeri is 7 months old": only a baby's age is told in months.
    rule(r"^\W*(?:[\w,]+\s+){0,3}?(" + NAME + r")\s+(?:is|'s)\s+(?:\d{1,2}|a few|six|seven|eight|"
         r"nine|ten|eleven)\s+(?:months?|weeks?)\s+old\b", _baby_named),
    rule(r"^\W*(?:our\s+|my\s+)?baby\s+(" + NAME + r")\s+(?:(?:is|'s)\s+(?:\d|now|still|finally|"
         r"teething|sleeping|crawling|walking|not|so)|was born|just|turned|has|had|won't|doesn't|"
         r"keeps)\b",
         _baby_named),
    rule(r"^\W*(" + NAME + r"),?\s+(?:was\s+)?born\s+(?:on\s+|in\s+|at\s+|last\s+|this\s+|"
         r"yesterday\b|today\b|\d|(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec))",
         _born),
    # "(me and) my wife steph have 3 kids": "have" after "my wife" says the subject was "we".
    rule(r"(?:" + subject(HAVE) + r"|\bme\s+and\s+my\s+\w+(?:\s+[\w'-]+)?|^\W*my\s+(?:wife|husband|"
         r"partner|girlfriend|boyfriend|fianc[ée]e?)(?:\s+[\w'-]+)?(?=\s+have\b))"
         r"\s+(?:got|have|adopted|own|rescued)\s+((?:a|an|one|two|three|four|"
         r"five|twin|\d)\s+" + LIST.strip("()") + ")", _counted),
    rule(subject(HAVE) + r"\s+(?:just\s+)?(?:had|welcomed)\s+(?:a|our)\s+(?:new\s+)?(?:baby|son|"
         r"daughter)(?:\s+(?:girl|boy))?\b,?\s+(?:named|called|(?:her|his) name is)\s+("
         + NAME + ")", _baby),
    rule(I_AM + r"\s+(?:happily\s+)?(?:married|engaged)(?:\s+to\s+" + _TO_PARTNER + "(" + NAME
         + "))?", _married,
         stateful=True),
    rule(subject(BE + "|" + HAVE) + r"\s+(?:got\s+)?(?:married|engaged)(?:\s+to\s+" + _TO_PARTNER
         + "(" + NAME + "))?", _married),
    # "renata and i hit 15 years married": the clause split left the name before it.
    rule(r"^\W*I\s+(?:hit|celebrate|will have been|have been|'ve been|are)\s+(?:\d+|\w+)\s+"
         r"years?\s+(?:married|together)\b", _years_together),
    # "OMG me and Alun got engaged last night!!!"
    rule(r"\b(?:me\s+and\s+(" + NAME + r")|(" + NAME + r")\s+and\s+I)\s+(?:just\s+|finally\s+)?"
         r"got\s+(?:married|engaged)\b", _got_married_to),
    rule(I_AM + r"\s+(?:an?\s+)?(?:single\s+|proud\s+|busy\s+|working\s+|stay-at-home\s+)?"
         r"(?:mum|mom|mam|dad|mother|father|parent)\s+(?:of|to|with)\s+((?:two|three|four|five|six|"
         r"a|an|one|\d)\b[^;:.!?()\[\]]*)", _parent_of),
    rule(r"^\W*(?:and\s+|so\s+|omg\s+)?(?:" + NAME + r"|(?-i:[A-Z]{2,})|"
         r"(?-i:[a-z][a-z'-]{2,15}))\s+(?:proposed|PROPOSED)"
         r"(?=\W*$|\s+(?:last|yesterday|today|this|on|at|in|to me)\b)", _proposed),
    rule(I_AM + r"\s+(?:recently\s+|newly\s+|now\s+)?(?:single|divorced|separated|widowed)\b|(?:"
         + subject()
         + r"|\bme\s+and\s+\w+|^\W*\w+\s+and\s+I)\s+(?:broke up|split up|got divorced|separated)\b",
         _single),
)
