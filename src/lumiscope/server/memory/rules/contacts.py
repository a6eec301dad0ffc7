"""The people who look after the user's work, money, health and learning, named: "my
accountant Graciela does this", "I found a teacher, Frau Lindner", "my therapist, Dr Okafor".

Family and pets are :mod:`.family`'s and :mod:`.named`'s; these are the user's contacts, each
remembered under its role so a new accountant replaces the old one.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from lumiscope.server.memory.rules.base import NAME, Context, Found, Rule, rule
from lumiscope.server.memory.rules.kinship import is_name

_ROLES = (r"accountant|bookkeeper|lawyer|solicitor|attorney|therapist|counsell?or|"
          r"psychologist|psychiatrist|physio|physiotherapist|personal trainer|trainer|"
          r"coach|tutor|teacher|piano teacher|violin teacher|music teacher|mentor|doctor|"
          r"gp|dentist|landlord|landlady|realtor|estate agent|mortgage broker|broker|"
          r"financial advis[eo]r|midwife|nanny|childminder|cleaner|vet|hairdresser|barber|"
          r"mechanic|builder|contractor|agent|editor|sponsor")
_HONORIFIC = r"(?:(?-i:Mr|Mrs|Ms|Miss|Dr|Prof|Frau|Herr|Señora?|Madame|Monsieur|Sensei)\.?\s+)"


def _contact(match: re.Match[str], ctx: Context) -> Iterator[Found]:
    role, name = match.group(1).lower(), match.group(2)
    if is_name(name):
        value = f"{role} {name}"
        yield Found("relationship", role, value, f"Their {role} is {name}", 0.85)


RULES: tuple[Rule, ...] = (
    # "my accountant Graciela does this", "my physio, Dr Shah, says...".
    rule(r"\bmy\s+(?:new\s+|old\s+|current\s+)?(" + _ROLES + r"),?\s+(?:" + _HONORIFIC + r")?("
         + NAME + r")\b", _contact),
    # "I found a teacher, Frau Lindner", "we have a new vet, Dr Patel": a title says it is a name.
    rule(r"\b(?:I|we)(?:'ve| have)?\s+(?:found|got|hired|have|see|started seeing)\s+(?:a|an)\s+"
         r"(?:new\s+)?(" + _ROLES + r"),?\s+" + _HONORIFIC + r"(" + NAME + r")\b", _contact),
)
