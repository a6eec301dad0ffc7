"""How chat is typed, undone before the rules read it.

Contractions typed without their apostrophe ("im" -> "I'm"), shorthand ("w/", "n" for
"and"), a capital ``I``, announcing leads dropped ("I should mention that..."), the subject a
clause leaves out ("moved to Leeds", "learning spanish because...", "allergic to penicillin
btw"), and place names typed in lower case after cues that leave no doubt ("based in
montreal").
"""

from __future__ import annotations

import re

from lumiscope.server.memory.lexicon import word_set

# Contractions typed without their apostrophe: "im kofi", "ive got", "dont".
_BARE_CONTRACTIONS = re.compile(
    r"\b(?:(im|ive)|(dont|doesnt|didnt|cant|wont|isnt|arent|wasnt|werent|havent|hasnt|"
    r"couldnt|shouldnt|wouldnt)|(whats|thats|theres|youre|theyre|hes|shes))\b", re.I)


# "were saving for a house", "also were driving up to my moms": "we're" without its
# apostrophe, where no subject comes before it (that would make it "we were").
_BARE_WE_ARE = re.compile(r"(^|[.!?,;]\s+|\b(?:also|and|so|but|btw|tho|now|oh)\s+)were"
                          r"(?=\s+\w+ing\b)", re.I)


def _apostrophe(match: re.Match[str]) -> str:
    word = match.group(0)
    if match.group(1):
        return {"im": "I'm", "ive": "I've"}[word.lower()]
    cut = 2 if word.lower().endswith("re") else 1
    return word[:-cut] + "'" + word[-cut:]


# "I should mention that I am dyslexic": the lead announces a statement; its modal is no hedge.
# So does a correction of what went unsaid: "i should of said im lactose intolerant".
_ANNOUNCE = re.compile(r"\bI\s+(?:(?:should|must|have to|need to|ought to)\s+(?:mention|say|add|"
                       r"admit|confess|point out|tell you|warn you)|(?:should(?:'ve| have| of)|"
                       r"forgot to)\s+(?:said|say|mentioned|mention|told you|tell you))"
                       r"(?:\s+that)?[,:]?\s+(?=I\b)", re.I)


# An aside between commas inside a statement: "I've finally, after years of procrastination,
# bought a drysuit", "I've also decided, now that I'm no longer commuting, to walk the path".
_ASIDE = re.compile(r"\b((?:I|I've|I'm|I am|I have|we|we've|we're)(?:\s+(?:also|finally|just|"
                    r"now|decided|been))*),\s*(?:after|despite|now that|since|for the first time|"
                    r"at (?:long )?last|somewhat \w+|honestly|frankly|believe it or not)\b"
                    r"[^,.;!?]{0,60},\s*", re.I)


def spell_out(text: str) -> str:
    """Notation spelled out in words, before anything reads the text: "me = backend eng @
    fastly" -> "I'm backend eng at fastly", "moving pdx -> seattle" -> "moving pdx to seattle"."""
    text = re.sub(r"(?:^|(?<=[.!?;]\s)|(?<=\bfyi\s)|(?<=\bbtw\s))me\s*[:=]\s*", "I'm ", text,
                  flags=re.I | re.M)
    text = re.sub(r"(?<=\w)\s+@\s+(?=\w)", " at ", text)
    return re.sub(r"(?<=\w)\s*(?:->|→|=>)\s*(?=\w)", " to ", text)


def prepare(text: str) -> str:
    """Typographic normalization the rules rely on: straight apostrophes, capital ``I``,
    apostrophes restored in chat contractions ("im" -> "I'm"), announcing leads dropped."""
    text = text.replace("’", "'").replace("‘", "'").replace("“", '"').replace("”", '"')
    text = _BARE_CONTRACTIONS.sub(_apostrophe, text)
    text = _BARE_WE_ARE.sub(r"\1we're", text)
    text = re.sub(r"\bI've(?=\s+(?:a|an|two|three)\s)", "I have", text)  # "I've a slow cooker"
    # Chat shorthand: "replaced w/ a ninja foodi", "living w my mom", "sold my switch n got a
    # steam deck", "tryna learn japanese bc anime".
    text = re.sub(r"\bw/o\b", "without", text)
    text = re.sub(r"\bw/(?=\s*\w)\s*", "with ", text)
    text = re.sub(r"(?<![\w/])w\s+(?=(?:my|a|an|the|his|her|our|their|some|no)\b|(?-i:[A-Z]))",
                  "with ", text)
    text = re.sub(r"(?<=[a-z] )n(?= [a-z])", "and", text)
    text = _ASIDE.sub(lambda m: m.group(1) + " ", text)
    text = re.sub(r"\btryna\b", "trying to", text)
    # "my names jordan", "names ryan btw": "name's" without its apostrophe.
    text = re.sub(r"(?:(?<=\bmy )|^|(?<=[.!?]\s))(names)(?=\s+[a-z])", "name's", text,
                  flags=re.I | re.M)

    text = re.sub(r"\b([Ii]|we)\s+been\b", r"\1've been", text)  # "i been a grizz fan"
    # Scots: "a'm 20", "a've got asthma", "ma girlfriend Eilidh".
    text = re.sub(r"(?<![\w'])a'(m|ve|d|ll)\b", r"I'\1", text)
    text = re.sub(r"(?<![\w'])ma(?=\s+(?:wee\s+)?(?:girlfriend|boyfriend|wife|husband|maw|da|mum|"
                  r"dad|pal|mate|flat|car|dog|cat|son|daughter|wean|weans|bairn|bairns|brother|sister|"
                  r"job|team|uni|inhaler|deposit|landlord|fitba|guitar)\b)", "my", text)
    # The dropped g: "doin computing science", "movin flat next week".
    text = re.sub(r"\b(do|go|mov|driv|gett|work|liv|hav|mak|tak|com|try|runn|play|think|start|"
                  r"study|learn|sav|plann|train|teach|writ|stay|fly|look|hop|leav|head)in'?(?=\s)",
                  r"\1ing", text, flags=re.I)
    # "am vegetarian n skint": "I" left out before "am".
    text = re.sub(r"(?:^|(?<=[.!?]\s))am(?=\s+(?:a|an|vegetarian|vegan|\w+ing|from|in|at|on)\b)",
                  "I am", text, flags=re.M)
    text = re.sub(r"\b(?:bc|bcuz|cuz|coz)\b", "because", text)
    text = re.sub(r"(?<![\w'])i(?=(?:'[a-z]+)?\b)(?!\.)", "I", text)
    return _ANNOUNCE.sub("", text)


# Chat style drops the subject: "Moved to Porto last month", "got diagnosed with ADHD",
# "life update: quit my job", "Running the Berlin marathon on Sept 27".
_IMPLICIT_LEAD = (r"^(\W*(?:[\w' ]{1,25}:\s*)?(?:(?:hi|hey|hello|yeah|yes|so|also|and|ok|okay|oh|"
                  r"well|btw|fwiw|fyi|tbh|tbf|ngl|honestly|plus|ps|lol|"
                  r"update|news|anyway|actually|just|recently|finally|currently|still|now)\W+)*)")
_IMPLICIT_VERBS = (r"got|moved|relocated|shifted|closed on|started|quit|left|joined|bought|booked|"
                   r"adopted|switched|became|turned|finished|settled|been|love|enjoy|hate|live|work|own|"
                   r"speak|play|have|take|farm|run|drive|sold|signed|wear|replaced|can only|"
                   r"don't eat|don't drink|wanna|want to|hope to|gonna")
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
    _IMPLICIT_LEAD + r"(?:being\s+)?(?=(?:(?:no longer|not) (?=vegan|vegetarian|pescatarian|"
    r"married|engaged|pregnant)|still in|allergic to|obsessed with|based in|"
    r"originally from|off to|(?:not\s+)?"
    r"(?:a\s+)?(?:big\s+|huge\s+|massive\s+)?fan of|(?:an?\s+)?(?:big|huge|massive|"
    r"die-?hard|lifelong)\s+(?:[\w'&.-]+\s+){1,3}?fan\b|not (?:really |that )?(?:into|big on|"
    r"keen on)|keen on)\b|(?:vegan|vegetarian|pescatarian|diabetic|married|engaged|divorced|"
    r"pregnant|retired|lactose intolerant|gluten intolerant|coeliac|celiac|colou?r ?blind|deaf|"
    r"asthmatic|epileptic|dyslexic|autistic|anemic|anaemic)\b\W*"
    r"(?:$|[,.!;(]|now\b|"
    r"too\b|btw\b|since\b|for\b|with\b|myself\b|again\b|lol\b|actually\b|so\b|here\b|and\b|"
    r"by the way\b))", re.I)


# A clause that opens on the user: the next gerund clause is theirs too.
PERSONAL_START = re.compile(r"^\W*(?:[\w']+\W+){0,2}?(?:I|I'm|I've|I'll|we|we're|we've)\b")


# "Learning Experience Designer at Sun Life": a gerund in a title is no activity.
_TITLE_CASE = re.compile(r"[A-Z]\w*ing\s+[A-Z]\w+\s+[A-Z]")


# Terse writers drop "my" before a relative: "Wife Lorraine asks...", "Grandson Ethan set me up".
_BARE_KIN = re.compile(r"^(\W*)(?-i:(Wife|Husband|Partner|Fianc[ée]e?|Son|Daughter|Grandson|"
                       r"Granddaughter|Brother|Sister|Mum|Mom|Dad|Mother|Father|Stepson|"
                       r"Stepdaughter)\s+(?=[A-Z][a-z]+\b))")


def implicit_subject(clause: str, personal: bool = True) -> str:
    """``clause`` with "I" supplied when it starts with a verb and no subject, "I'm" when it
    starts with a gerund ("learning spanish because...") and is ``personal``: it opens its
    sentence or follows a clause about the user ("I live in Dublin but moving to Cork"), and
    "my" before a relative named without it."""
    kin = _BARE_KIN.match(clause)
    if kin:
        return f"{kin.group(1)}My {kin.group(2).lower()} {clause[kin.end():]}"
    supplied = _IMPLICIT.sub(lambda m: m.group(1) + "I ", clause, count=1)
    if supplied == clause:
        supplied = _ADJECTIVE_FRAGMENT.sub(lambda m: m.group(1) + "I'm ", clause, count=1)
    if supplied != clause:
        return supplied
    gerund = _GERUND.match(clause) if personal else None
    if gerund and gerund.group(2).lower() not in _NOT_GERUNDS and not _GERUND_SUBJECT.match(
            clause[gerund.end(1):]) and not _TITLE_CASE.match(clause, gerund.end(1)):
        return clause[:gerund.end(1)] + "I'm " + clause[gerund.end(1):]
    return clause


_PLACE_CUE = re.compile(
    r"\b(live in|living in|based in|(?:live|moved|moving) (?:up|down|out|over|back) (?:in|to)|"
    r"been in(?=\s+[a-z'-]+(?:\s+[a-z'-]+)?\s+(?:for|since|\d))|still in|"
    r"moved to|moving to|move to|(?:moving|moved) (?:from )?[a-z]+ to|from|grew up in|flying to|"
    r"going to|driving to|heading to|trip to|(?:going|flying|driving|heading|coming) home to|"
    r"visiting|relocated to|settled in|abroad in|here in|"
    r"(?:based|haul|driving|working|trucking) out of|"
    r"(?:house|flat|apartment|home|place|studio|condo|[1-4] bed) in|"
    r"(?:mom|mum|mam|dad|parents|sister|brother|grandma|nan|family)(?:'?s)? in)\s+"
    r"([a-z][a-z'-]+(?:\s+[a-z][a-z'-]+)?)",
    re.I)
# In a message with capitals, only cues after which a lower-case word is still a place.
_STRONG_PLACE_CUE = re.compile(
    r"\b(live in|living in|based in|(?:based|haul|driving|working|trucking) out of|"
    r"grew up in|relocated to|settled in|"
    r"(?:moved|moving)(?: up| down| out| over| back)? to(?=\s+[a-z'-]+(?:\s+[a-z'-]+)?"
    r"(?:\s*[,.!;]|\s+(?:and|last|this|next|in|for|so|early|late|mid|soon|on|by)\b|\s*$))|"
    r"live (?:up|down|out|over) in|"
    r"(?:moved|moving) into (?:my|our|a|the) (?:new )?(?:apartment|flat|house|place|dorm) in|"
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
