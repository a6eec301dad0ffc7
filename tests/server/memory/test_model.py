"""The memory data: value comparison, fact identity and storage round trips."""

from __future__ import annotations

import json

from lumiscope.server.memory.model import (
    Fact,
    MemoryUpdate,
    apply_update,
    is_single_valued,
    normalize_value,
    value_tokens,
)
from tests.server.memory.factories import NOW, at, fact


def test_values_compare_without_case_accents_articles_or_punctuation() -> None:
    assert normalize_value("the Hospital São João.") == normalize_value("hospital sao joao")
    assert normalize_value("$4,000") == "$4000"
    assert normalize_value("he/him") == "he/him"
    assert value_tokens("Porto half marathon on 2026-04-03") >= value_tokens("half marathon")


def test_single_valued_subjects_include_every_favourite() -> None:
    assert is_single_valued("home_city") and is_single_valued("favourite_band")
    assert not is_single_valued("allergy") and not is_single_valued("likes")


def test_a_fact_id_is_deterministic_and_depends_on_when_the_value_became_true() -> None:
    assert fact("home_city", "Lisbon").id == fact("home_city", "lisbon").id
    assert fact("home_city", "Lisbon").id != fact("home_city", "Lisbon", time_ns=at(1)).id
    assert len(fact("home_city", "Lisbon").id) == 16


def test_a_fact_round_trips_through_its_json_form() -> None:
    original = fact("home_city", "Lisbon", agent_id="a").supersede(at(2), "abc")
    data = json.loads(json.dumps(original.to_dict()))
    assert Fact.from_dict(data) == original


def test_a_fact_is_current_until_superseded_and_updated_when_last_stated() -> None:
    lisbon = fact("home_city", "Lisbon")
    assert lisbon.current and lisbon.updated_ns == NOW
    assert not lisbon.supersede(at(1), None).current


def test_applying_an_update_replaces_facts_by_id() -> None:
    lisbon, porto = fact("home_city", "Lisbon"), fact("home_city", "Porto", time_ns=at(1))
    update = MemoryUpdate([porto], [lisbon.supersede(at(1), porto.id)], "", "")
    stored = apply_update([lisbon], update)
    assert sorted((f.value, f.current) for f in stored) == [("Lisbon", False), ("Porto", True)]
