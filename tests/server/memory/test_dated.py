"""The last reading of a clause that names a day ahead: a plan kept in the user's words when
no rule reads it; questions, hypotheticals, the conversation, the working week, other people's
days and things already done are not.

Sentences are read at Wednesday 2026-02-04 (see ``factories.NOW``).
"""

from __future__ import annotations

import pytest

from tests.server.memory.factories import facts_in

DATED = [
    ("After Christmas we're taking the caravan up to Hervey Bay for three weeks, leaving on "
     "the 8th of January.", ("plan", "event", "taking the caravan up to Hervey Bay on 2027-01-08")),
    ("help. pharmacology final is on the 13th and I am so behind",
     ("plan", "event", "pharmacology final on 2026-02-13")),
    ("On the 6th March there is a seed swap in Dresden and I will go.",
     ("plan", "event", "there is a seed swap in Dresden on 2026-03-06")),
    ("antibiotics and anticoagulants. also OSCE is Monday the 16th, the week after",
     ("plan", "event", "OSCE on 2026-02-16")),
    ("the club's Jingle Jog 5K is two weeks from tomorrow, should I race it or just jog?",
     ("plan", "event", "the club's Jingle Jog 5K on 2026-02-19")),
]


@pytest.mark.parametrize(("message", "expected"), DATED)
def test_a_dated_plan_no_rule_reads_is_kept_in_the_users_words(
        message: str, expected: tuple[str, str, str]) -> None:
    assert expected in facts_in(message)


NOT_PLANS = [
    "I'll let you know next week", "I'll try that on Monday", "I'll be in a meeting on Monday",
    "my son has a cold next week", "I ran a 10k on the 5th", "she has an exam on the 3rd",
    "if we go on the 3rd would it be cheaper", "the weather on the 3rd looks bad",
    "can I move my shift on the 12th?", "maybe we'll go camping on the 20th",
    "my friend is getting married on the 14th",
]


@pytest.mark.parametrize("message", NOT_PLANS)
def test_a_sentence_with_a_date_that_is_no_plan_of_the_users(message: str) -> None:
    assert not [f for f in facts_in(message) if f[0] == "plan"]
