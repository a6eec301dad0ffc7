"""What a clinician told the user, as the user reports it: findings, restrictions and
switches of medication; the same words from anyone else are no statement about the user.

Sentences are read at Wednesday 2026-02-04 (see ``factories.NOW``).
"""

from __future__ import annotations

import pytest

from tests.server.memory.factories import facts_in

TOLD = [
    ("my doctor says it's eczema", ("health", "condition", "eczema")),
    ("ugh my hands are so dry 😩 derma said its hand eczema from the dye and bleach",
     ("health", "condition", "hand eczema")),
    ("Bad news. Herniated a disc lifting a patient at work last month.",
     ("health", "condition", "herniated disc")),
    ("Physio says no heavy lifting for at least 6 months",
     ("constraint", "restriction", "no heavy lifting")),
    ("my asthma is better since my family doctor switched me to a combination inhaler, Symbicort.",
     ("health", "medication", "Symbicort")),
    ("my gout is back again 😤 big toe is killing me", ("health", "condition", "gout")),
]


@pytest.mark.parametrize(("message", "expected"), TOLD)
def test_what_a_clinician_told_the_user_is_a_fact(message: str,
                                                  expected: tuple[str, str, str]) -> None:
    assert expected in facts_in(message)


NOT_TOLD = ["my friend says it's eczema", "she says it's fine", "my doctor switched me to nights",
            "my sister says no heavy lifting", "if the physio says no running, what then?"]


@pytest.mark.parametrize("message", NOT_TOLD)
def test_the_same_words_from_anyone_else_state_nothing(message: str) -> None:
    assert facts_in(message) == set()
