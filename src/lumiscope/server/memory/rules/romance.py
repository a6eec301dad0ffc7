"""A few unambiguous French and Spanish first-person statements.

English rules never run on French or Spanish clauses (see :func:`..text.language`), so text
in those languages yields these facts or nothing. Facts are written in English.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from lumiscope.server.memory.rules.base import NAME, PROPER, Context, Found, Rule, rule
from lumiscope.server.memory.rules.identity import name_fact
from lumiscope.server.memory.rules.location import home, place_name
from lumiscope.server.memory.rules.tastes import diet
from lumiscope.server.memory.text import split_list


def _name(match: re.Match[str], ctx: Context) -> Iterator[Found]:
    yield from name_fact(match.group(1), 0.85)


def _lives(match: re.Match[str], ctx: Context) -> Iterator[Found]:
    place = place_name(match.group(1))
    if place:
        yield home(place, 0.85)


def _left(match: re.Match[str], ctx: Context) -> Iterator[Found]:
    place = place_name(match.group(1))
    if place:
        yield Found("location", "*", place, f"No longer lives in {place}", retract=True)


def _diet(match: re.Match[str], ctx: Context) -> Iterator[Found]:
    yield diet(match.group(1))


def _allergies(match: re.Match[str], ctx: Context) -> Iterator[Found]:
    for item in split_list(re.sub(r"\s+(?:y|et|o|ou)\s+", ", ", match.group(1))):
        value = re.sub(r"^(?:l'|(?:les|la|le|los|las|el|al|aux|a|à)\s+)", "", item, flags=re.I)
        if value and len(value.split()) <= 3:
            yield Found("health", "allergy", value, f"Is allergic to {value}", 0.8)


def _job(match: re.Match[str], ctx: Context) -> Iterator[Found]:
    title = match.group(1).strip()
    if len(title.split()) <= 3:
        yield Found("work", "job_title", title, f"Works as {title}", 0.75)


_FR_DIETS = "végétarienne|végétarien|végane|végan|vegan|vegane"
_ES_DIETS = "vegetariana|vegetariano|vegana|vegano"
_PLACE = r"(" + PROPER + ")"
RULES: tuple[Rule, ...] = (
    rule(r"\bje m'appelle\s+(" + NAME + ")", _name, language="fr"),
    rule(r"\bmon (?:nom|prénom) est\s+(" + NAME + ")", _name, language="fr"),
    rule(r"\b(?:j'habite|je vis|je réside|j'habite maintenant|je vis maintenant)\s+(?:à|a|en|au)\s+"
         + _PLACE, _lives, language="fr"),
    rule(r"\b(?:j'ai|nous avons|on a)\s+déménagé\s+(?:à|a|en|au)\s+" + _PLACE, _lives,
         language="fr"),
    rule(r"\bje n'habite plus\s+(?:à|a|en|au)\s+" + _PLACE, _left, language="fr"),
    rule(r"\bje suis\s+(" + _FR_DIETS + r")\b", _diet, language="fr"),
    rule(r"\bje suis allergique\s+(?:à|a|aux|au)\s+([^,;.!?]+)", _allergies, language="fr"),
    rule(r"\bje travaille (?:comme|en tant que)\s+(?-i:([a-zà-ÿ -]{3,40}))", _job,
         language="fr"),
    rule(r"\bme llamo\s+(" + NAME + ")", _name, language="es"),
    rule(r"\bmi nombre es\s+(" + NAME + ")", _name, language="es"),
    rule(r"(?:^|[^\w])soy\s+(" + NAME + r")(?!\s+de\b)", _name, language="es"),
    rule(r"(?:^|[^\w])(?:vivo|ahora vivo|vivimos)\s+en\s+" + _PLACE, _lives, language="es"),
    rule(r"\b(?:me mudé|nos mudamos|me he mudado|nos hemos mudado)\s+a\s+" + _PLACE, _lives,
         language="es"),
    rule(r"\bya no vivo en\s+" + _PLACE, _left, language="es"),
    rule(r"\bsoy\s+(" + _ES_DIETS + r")\b", _diet, language="es"),
    rule(r"\bsoy alérgic[oa]\s+(?:a|al)\s+([^,;.!?]+)", _allergies, language="es"),
    rule(r"\btrabajo (?:como|de)\s+(?-i:([a-zà-ÿ -]{3,40}))", _job, language="es"),
)

