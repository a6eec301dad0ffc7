"""Sentences, clauses and the guards that keep matches to plain statements by the user."""

from __future__ import annotations

import pytest

from lumiscope.server.memory.text import (
    blocked,
    clauses,
    is_question,
    language,
    sentences,
    split,
    split_list,
    third_person,
    trim,
)


def test_sentences_split_on_end_marks_and_lines_but_not_abbreviations() -> None:
    assert sentences("Hi! I'm Maria. Dr. Smith, e.g. my GP, says hi?\nOk") == [
        "Hi!", "I'm Maria.", "Dr. Smith, e.g. my GP, says hi?", "Ok"]


def test_clauses_split_where_a_new_subject_or_question_starts() -> None:
    assert clauses("I live in Lisbon and I work as a nurse") == ["I live in Lisbon",
                                                                 "I work as a nurse"]
    assert clauses("Sounds good, but I'm allergic to shellfish, so no shrimp") == [
        "Sounds good", "I'm allergic to shellfish", "no shrimp"]
    assert clauses("I speak Hindi, Marathi and English, does that help?") == [
        "I speak Hindi, Marathi and English", "does that help?"]
    assert clauses("my wife and I are expecting a baby") == ["my wife and I are expecting a baby"]


@pytest.mark.parametrize("text", ["Do I like sushi?", "should I move to Berlin",
                                  "So, what should I eat", "¿Debería mudarme?", "I'm vegan?"])
def test_a_question_is_known_by_its_mark_or_its_first_word(text: str) -> None:
    assert is_question(text)


@pytest.mark.parametrize("text", ["I live in Lisbon.", "Please keep it short", "Thanks!"])
def test_a_statement_is_not_a_question(text: str) -> None:
    assert not is_question(text)


@pytest.mark.parametrize(("text", "lang"), [
    ("I live in Lisbon and I love it.", "en"), ("J'habite à Lyon avec mon copain.", "fr"),
    ("Vivo en Madrid con mi familia.", "es"), ("¿Qué tal?", "es"), ("Ok", "en"),
    ("Yo, I'm Marcus.", "en")])
def test_the_language_of_a_text_is_voted_by_its_stop_words(text: str, lang: str) -> None:
    assert language(text) == lang


def test_the_clause_after_an_if_clause_is_conditional() -> None:
    parsed = split("If I lived in Paris, I'd eat croissants. I live in Lyon.")
    assert [(c.text, c.conditional) for c in parsed] == [
        ("If I lived in Paris", False), ("I'd eat croissants.", True), ("I live in Lyon.", False)]


def test_every_clause_of_a_question_sentence_is_a_question() -> None:
    assert all(c.question for c in split("Do you think I should live in Berlin, or Rome?"))


def test_long_unpunctuated_speech_splits_where_a_new_subject_starts() -> None:
    dictated = ("so we booked a cruise for our anniversary out of galveston we leave two weeks "
                "from saturday can you tell me what to pack")
    assert clauses(dictated) == [
        "so we booked a cruise for our anniversary out of galveston",
        "we leave two weeks from saturday can you tell me what to pack"]
    assert clauses("what I want is to lose thirty pounds now that I'm not sitting in a truck "
                   "all day") == ["what I want is to lose thirty pounds now that I'm not "
                                  "sitting in a truck all day"]


def test_the_reason_a_question_gives_about_the_user_is_a_statement() -> None:
    parsed = split("Would it look bad to ask for more time because I have dyslexia?")
    assert [(c.text, c.question) for c in parsed] == [
        ("Would it look bad to ask for more time", True), ("I have dyslexia", False)]
    assert all(c.question for c in split("Should I go because the weather is nice?"))


def _guard(text: str, phrase: str, **options: bool) -> bool:
    clause = split(text)[-1]
    start = clause.text.index(phrase)
    return blocked(clause, start, start + len(phrase), **options)


@pytest.mark.parametrize(("text", "phrase"), [
    ("I think I'm allergic to cats", "I'm allergic"),
    ("maybe I live in the wrong city", "I live"),
    ("You said I live in Paris", "I live"),
    ("my friend says I'm a great cook", "I'm a great cook"),
    ("I wish I lived in Rome", "I lived"),
    ("I'd live in Rome", "I'd live"),
    ("Should I move to Rome?", "I move"),
])
def test_a_match_inside_a_hedge_a_wish_someone_elses_words_or_a_question_is_blocked(
        text: str, phrase: str) -> None:
    assert _guard(text, phrase)


@pytest.mark.parametrize(("text", "phrase"), [
    ("I live in Lisbon, even if it's expensive", "I live"),
    ("I said I'm vegetarian", "I'm vegetarian"),
    ("My exam is in May", "My exam"),
])
def test_a_plain_statement_is_not_blocked(text: str, phrase: str) -> None:
    assert not _guard(text, phrase)


def test_a_rule_that_expresses_a_modal_itself_may_allow_it() -> None:
    assert not _guard("I'd prefer short answers", "I'd prefer", allow_modal=True)


def test_trim_removes_fillers_time_phrases_and_punctuation() -> None:
    assert trim("hiking and board games too!") == "hiking and board games"
    assert trim("metformin every morning") == "metformin"
    assert trim("padel twice a week") == "padel"
    assert trim("asthma myself, actually.") == "asthma"


def test_a_list_splits_on_commas_and_conjunctions() -> None:
    assert split_list("Hindi, Marathi and English") == ["Hindi", "Marathi", "English"]
    assert split_list("dust mites & cats") == ["dust mites", "cats"]


def test_third_person_rewrites_the_users_pronouns() -> None:
    assert third_person("correct my grammar when I make mistakes") == (
        "correct their grammar when they make mistakes")
