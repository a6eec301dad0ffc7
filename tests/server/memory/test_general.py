"""The last reading of a clause: statements about the user that no rule's pattern knows are
kept as they stand, under a category their words give; requests, the moment, other people,
ended states and hedges are not.

Sentences are read at Wednesday 2026-02-04 (see ``factories.NOW``).
"""

from __future__ import annotations

import pytest

from lumiscope.server.memory.model import is_single_valued
from tests.server.memory.factories import facts_in

STATEMENTS = [
    ("honestly im not a morning person which is hilarious for a baker",
     ("preference", "statement", "not a morning person")),
    ("I'm a morning person.", ("preference", "statement", "a morning person")),
    ("also someday i wanna publish a cookbook",
     ("goal", "statement", "want to publish a cookbook")),
    ("wanna get a 3.5 gpa this quarter fr",
     ("goal", "statement", "want to get a 3.5 gpa this quarter")),
    ("I want to walk 10,000 steps every day. At my age is that sensible?",
     ("goal", "statement", "want to walk 10,000 steps")),
    ("big change: sold the bakery in september, doing catering full time from home now",
     ("work", "statement", "doing catering full time from home")),
    ("I moved to remote work last year", ("work", "statement", "moved to remote work")),
    ("my back is killing me from the herniated disc",
     ("health", "statement", "my back is killing me from the herniated disc")),
]


@pytest.mark.parametrize(("message", "expected"), STATEMENTS)
def test_a_statement_about_the_user_that_no_rule_reads_is_kept_as_it_stands(
        message: str, expected: tuple[str, str, str]) -> None:
    assert expected in facts_in(message)


NOT_STATEMENTS = [
    "I can't open the file.", "I'm looking for a job in Berlin.",
    "I want to write an email to my boss.", "I'm trying to understand recursion.",
    "I have a question about Python.", "I take the bus to work.",
    "my commute from work is long", "I only got 2 hours of sleep", "I have work tomorrow",
    "Have a great day!", "I'm not sure I want to live in London.",
    "my roommate is obsessed w league of legends", "I love how you explain things",
    "I stopped freelancing", "I don't work at Spotify anymore", "my shifts changed",
    "if I wanted to run a marathon, how long would it take?", "I'd love to work at Google",
    "my boss says I work too much", "I want to know how to cook rice",
    "ich arbeite gern von zu Hause", "je veux publier un livre",
]


@pytest.mark.parametrize("message", NOT_STATEMENTS)
def test_a_request_the_moment_someone_else_or_an_ended_state_is_not_kept(message: str) -> None:
    assert {f for f in facts_in(message) if f[1] == "statement"} == set()


def test_a_statement_never_supersedes_what_a_rule_read() -> None:
    # "statement" accumulates: it is no single-valued subject a later reading replaces.
    assert not is_single_valued("statement")


def test_a_clause_a_rule_read_is_not_read_again_as_a_statement() -> None:
    facts = facts_in("I work as a nurse at St Mary's")
    assert ("work", "job_title", "nurse") in facts
    assert {f for f in facts if f[1] == "statement"} == set()
