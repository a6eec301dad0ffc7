"""Merging what was learned into what was known: duplicates, supersession and history."""

from __future__ import annotations

from dataclasses import replace

from lumiscope.server.memory.consolidate import consolidate, plan_expired
from lumiscope.server.memory.model import (
    MAX_PROVENANCE,
    Fact,
    Provenance,
    Retraction,
    apply_update,
)
from lumiscope.server.memory.model import MemoryUpdate as Update
from tests.server.memory.factories import NOW, at, fact


def retraction(subject: str, *values: str, time_ns: int) -> Retraction:
    return Retraction(subject, values, Provenance("trace9", "span9", "s2", time_ns))


def merged(existing, learned, now_ns=None):  # type: ignore[no-untyped-def]
    changed, superseded = consolidate(existing, learned, now_ns)
    return apply_update(existing, Update(changed, superseded, "", "")), changed, superseded


def current(facts):  # type: ignore[no-untyped-def]
    return sorted((f.subject, f.value) for f in facts if f.current)


def test_the_same_fact_stated_again_is_one_fact_with_both_provenances() -> None:
    old = fact("home_city", "Lisbon")
    again = fact("home_city", "lisbon.", time_ns=at(3), span_id="span2")
    facts, changed, superseded = merged([old], [again])
    assert current(facts) == [("home_city", "Lisbon")] and superseded == []
    [kept] = changed
    assert kept.id == old.id
    assert [p.span_id for p in kept.provenance] == ["span1", "span2"]
    assert kept.updated_ns == at(3)


def test_a_new_value_of_a_single_valued_subject_supersedes_the_old_one() -> None:
    lisbon = fact("home_city", "Lisbon")
    porto = fact("home_city", "Porto", time_ns=at(30))
    facts, changed, superseded = merged([lisbon], [porto])
    assert current(facts) == [("home_city", "Porto")]
    [old] = superseded
    assert (old.value, old.superseded_at, old.superseded_by) == ("Lisbon", at(30), porto.id)
    assert [f.value for f in changed] == ["Porto"]


def test_a_short_form_of_the_known_name_does_not_replace_it() -> None:
    adaeze = fact("name", "Adaeze", category="identity")
    ada = fact("name", "Ada", category="identity", time_ns=at(30))
    facts, _, superseded = merged([adaeze], [ada])
    assert current(facts) == [("name", "Adaeze")] and superseded == []
    marta = fact("name", "Marta", category="identity", time_ns=at(30))
    assert current(merged([adaeze], [marta])[0]) == [("name", "Marta")]


def test_a_planned_move_whose_day_has_passed_leaves_the_user_living_there() -> None:
    lyon = fact("home_city", "Lyon")
    move = fact("move", "Annecy in 2026-06", category="plan")
    facts, _, superseded = merged([lyon, move], [], now_ns=at(200))
    assert current(facts) == [("home_city", "Annecy")]
    assert {f.value for f in superseded} == {"Lyon", "Annecy in 2026-06"}


def test_a_multi_valued_subject_accumulates() -> None:
    facts, _, superseded = merged([fact("allergy", "peanuts", category="health")],
                                  [fact("allergy", "shellfish", category="health",
                                        time_ns=at(1))])
    assert current(facts) == [("allergy", "peanuts"), ("allergy", "shellfish")]
    assert superseded == []


def test_a_person_named_with_and_without_the_relation_is_one_fact_with_the_fuller_value() -> None:
    facts, _, superseded = merged([fact("child", "Arjun", category="relationship")],
                                  [fact("child", "son Arjun", category="relationship",
                                        time_ns=at(1))])
    assert current(facts) == [("child", "son Arjun")] and superseded == []
    facts, _, _ = merged(facts, [fact("child", "Arjun", category="relationship", time_ns=at(2))])
    assert current(facts) == [("child", "son Arjun")]


def test_two_children_with_the_same_relation_stay_two_facts() -> None:
    facts, _, _ = merged([fact("child", "son Arjun", category="relationship")],
                         [fact("child", "son Kofi", category="relationship", time_ns=at(1))])
    assert current(facts) == [("child", "son Arjun"), ("child", "son Kofi")]


def test_a_retraction_ends_the_fact_it_names_and_keeps_it_in_history() -> None:
    vegetarian = fact("diet", "vegetarian", category="preference")
    facts, changed, superseded = merged([vegetarian], [retraction("diet", "vegetarian",
                                                                  time_ns=at(10))])
    assert current(facts) == [] and changed == []
    [old] = superseded
    assert (old.superseded_at, old.superseded_by) == (at(10), None)


def test_a_retraction_names_values_by_their_words() -> None:
    meds = [fact("medication", "metformin", category="health"),
            fact("medication", "insulin", category="health")]
    facts, _, _ = merged(meds, [retraction("medication", "Metformin", time_ns=at(1))])
    assert current(facts) == [("medication", "insulin")]


def test_a_retraction_without_values_ends_every_value_of_its_subject() -> None:
    facts, _, _ = merged([fact("car", "Toyota Corolla", category="possession")],
                         [retraction("car", time_ns=at(1))])
    assert current(facts) == []


def test_a_retraction_of_any_subject_ends_exactly_that_value() -> None:
    known = [fact("employer", "Stripe", category="work"), fact("likes", "Stripe docs")]
    facts, _, _ = merged(known, [retraction("*", "Stripe", time_ns=at(1))])
    assert current(facts) == [("likes", "Stripe docs")]


def test_a_retraction_of_a_category_ends_what_names_every_word_of_it_there_only() -> None:
    known = [fact("car", "Vauxhall Zafira", category="possession"),
             fact("likes", "Zafira adverts", category="preference")]
    facts, _, _ = merged(known, [retraction("*possession", "Zafira", time_ns=at(1))])
    assert current(facts) == [("likes", "Zafira adverts")]


def test_a_retraction_does_not_end_a_fact_stated_after_it() -> None:
    porto = fact("home_city", "Porto", time_ns=at(5))
    facts, _, _ = merged([porto], [retraction("home_city", "Porto", time_ns=at(1))])
    assert current(facts) == [("home_city", "Porto")]


def test_a_retraction_and_a_fact_at_the_same_moment_end_the_old_and_keep_the_new() -> None:
    lisbon = fact("home_city", "Lisbon")
    porto = fact("home_city", "Porto", time_ns=at(2))
    facts, _, _ = merged([lisbon], [porto, retraction("*", "Lisbon", time_ns=at(2))])
    assert current(facts) == [("home_city", "Porto")]


def test_a_dislike_supersedes_the_same_like() -> None:
    likes = fact("likes", "jazz", category="preference")
    facts, _, superseded = merged([likes], [fact("dislikes", "Jazz", category="preference",
                                                 time_ns=at(1))])
    assert current(facts) == [("dislikes", "Jazz")]
    assert [f.value for f in superseded] == ["jazz"]


def test_a_more_specific_restatement_supersedes_a_vaguer_fact() -> None:
    dog = fact("pet", "dog", category="relationship", text="Has a dog")
    named = fact("pet", "Max", category="relationship", text="Has a dog named Max",
                 time_ns=at(1))
    facts, _, _ = merged([dog], [named])
    assert current(facts) == [("pet", "Max")]


def test_a_vaguer_restatement_confirms_the_specific_fact_instead_of_replacing_it() -> None:
    named = fact("partner", "Ana", category="relationship", text="Has a wife named Ana")
    vague = fact("partner", "wife", category="relationship", text="Has a wife", time_ns=at(1),
                 span_id="span2")
    facts, changed, superseded = merged([named], [vague])
    assert current(facts) == [("partner", "Ana")] and superseded == []
    assert len(changed[0].provenance) == 2


def test_a_looser_job_title_confirms_the_fuller_one_instead_of_replacing_it() -> None:
    full = fact("job_title", "high school teacher", category="work")
    loose = fact("job_title", "teacher", category="work", time_ns=at(1), span_id="span2")
    facts, _, superseded = merged([full], [loose])
    assert current(facts) == [("job_title", "high school teacher")] and superseded == []


def test_a_new_job_title_still_supersedes_the_old_one() -> None:
    old = fact("job_title", "QA engineer", category="work")
    new = fact("job_title", "test lead", category="work", time_ns=at(30))
    facts, _, _ = merged([old], [new])
    assert current(facts) == [("job_title", "test lead")]


def test_living_in_the_place_a_move_was_planned_to_ends_the_plan() -> None:
    move = fact("move", "Leeds", category="plan")
    other = fact("move", "York", category="plan", span_id="span3")
    home = fact("home_city", "Leeds", time_ns=at(90), span_id="span2")
    facts, _, superseded = merged([move, other], [home])
    assert current(facts) == [("home_city", "Leeds"), ("move", "York")]
    assert [f.value for f in superseded] == ["Leeds"]


def test_a_fact_learned_out_of_order_goes_straight_to_history() -> None:
    porto = fact("home_city", "Porto", time_ns=at(30))
    late = fact("home_city", "Lisbon", time_ns=at(1))
    facts, _, superseded = merged([porto], [late])
    assert current(facts) == [("home_city", "Porto")]
    [old] = superseded
    assert (old.value, old.superseded_by) == ("Lisbon", porto.id)


def test_facts_are_applied_in_the_order_they_were_said() -> None:
    lisbon, porto = fact("home_city", "Lisbon", time_ns=at(1)), fact("home_city", "Porto",
                                                                     time_ns=at(2))
    facts, _, _ = merged([], [porto, lisbon])
    assert current(facts) == [("home_city", "Porto")]


def test_a_value_that_comes_back_is_a_new_fact_after_the_old_one() -> None:
    lisbon = fact("home_city", "Lisbon")
    facts, _, _ = merged([lisbon], [fact("home_city", "Porto", time_ns=at(1)),
                                    fact("home_city", "Lisbon", time_ns=at(2))])
    assert current(facts) == [("home_city", "Lisbon")]
    assert len([f for f in facts if f.value == "Lisbon"]) == 2


def test_a_plan_whose_date_has_passed_is_superseded_when_the_engine_runs() -> None:
    trip = fact("trip", "Japan on 2026-02-10", category="plan")
    undated = fact("trip", "Japan", category="plan")
    facts, _, superseded = merged([trip, undated], [], now_ns=at(10))
    assert current(facts) == [("trip", "Japan")]
    assert [f.superseded_at for f in superseded] == [at(10)]


def test_plan_expiry_reads_days_months_and_years() -> None:
    assert plan_expired(fact("event", "exam on 2026-02-03", category="plan"), NOW)
    assert not plan_expired(fact("event", "exam on 2026-02-04", category="plan"), NOW)
    assert plan_expired(fact("move", "Rome in 2026-01", category="plan"), NOW)
    assert not plan_expired(fact("move", "Rome in 2026-02", category="plan"), NOW)
    assert not plan_expired(fact("goal", "retire in 2020", category="goal"), NOW)


def test_provenance_keeps_the_first_sighting_and_the_latest_ones() -> None:
    known = fact("home_city", "Lisbon")
    learned = [fact("home_city", "Lisbon", time_ns=at(i), span_id=f"span{i + 1}")
               for i in range(1, 20)]
    facts, _, _ = merged([known], learned)
    spans = [p.span_id for p in facts[0].provenance]
    assert len(spans) == MAX_PROVENANCE and spans[0] == "span1" and spans[-1] == "span20"


def test_a_fact_learned_by_two_agents_belongs_to_no_single_agent() -> None:
    facts, _, _ = merged([fact("home_city", "Lisbon", agent_id="a")],
                         [fact("home_city", "Lisbon", agent_id="b", time_ns=at(1))])
    assert facts[0].agent_id is None


def test_consolidation_does_not_modify_what_it_was_given() -> None:
    lisbon = fact("home_city", "Lisbon")
    existing = [lisbon]
    consolidate(existing, [fact("home_city", "Porto", time_ns=at(1))])
    assert existing == [lisbon] and lisbon.current


def test_a_move_to_another_city_ends_the_old_neighbourhood() -> None:
    old = [fact("home_city", "London"), fact("neighbourhood", "Peckham", time_ns=at(1))]
    facts, _, _ = merged(old, [fact("home_city", "Leeds", time_ns=at(5), span_id="s5")])
    assert current(facts) == [("home_city", "Leeds")]


def test_a_neighbourhood_stays_when_the_city_is_only_restated_or_said_with_it() -> None:
    old = [fact("home_city", "London"), fact("neighbourhood", "Peckham", time_ns=at(1))]
    facts, _, _ = merged(old, [fact("home_city", "London", time_ns=at(5), span_id="s5")])
    assert ("neighbourhood", "Peckham") in current(facts)
    facts, _, _ = merged([fact("home_city", "London")], [
        fact("neighbourhood", "Hyde Park", time_ns=at(5), span_id="s6"),
        fact("home_city", "Leeds", time_ns=at(5), span_id="s7")])
    assert current(facts) == [("home_city", "Leeds"), ("neighbourhood", "Hyde Park")]


def test_a_new_job_title_supersedes_the_old_one() -> None:
    facts, _, _ = merged([fact("job_title", "solicitor", category="work")], [
        fact("job_title", "in-house counsel", category="work", time_ns=at(5), span_id="s5")])
    assert current(facts) == [("job_title", "in-house counsel")]


def _in_session(item: Fact, session_id: str) -> Fact:
    return replace(item, provenance=tuple(replace(p, session_id=session_id)
                                          for p in item.provenance))


def test_a_job_named_later_ends_what_an_earlier_conversation_said_of_work() -> None:
    said = _in_session(fact("statement", "work second shift at a warehouse", category="work"),
                       "s1")
    job = _in_session(fact("job_title", "911 dispatcher", category="work", time_ns=at(30),
                           span_id="span2"), "s2")
    facts, superseded = consolidate([said], [job])
    assert [f.value for f in superseded] == ["work second shift at a warehouse"]
    assert [f.value for f in facts] == ["911 dispatcher"]


def test_a_job_named_in_the_same_conversation_keeps_what_was_said_of_work() -> None:
    said = fact("statement", "work second shift at a warehouse", category="work")
    job = fact("job_title", "warehouse associate", category="work", time_ns=at(0) + 1,
               span_id="span2")
    facts, superseded = consolidate([said], [job])
    assert superseded == []


def test_a_corrected_day_moves_the_plan_on_the_old_day() -> None:
    fitting = fact("event", "first dress fitting on 2026-12-05", category="plan")
    moved = Retraction("*redate", ("2026-12-05", "2026-12-04"),
                       Provenance("trace2", "span2", "s1", at(1)))
    facts, superseded = consolidate([fitting], [moved])
    assert [f.value for f in facts] == ["first dress fitting on 2026-12-04"]
    assert [f.value for f in superseded] == ["first dress fitting on 2026-12-05"]
