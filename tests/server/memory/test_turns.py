"""Turns: what the user newly said in each LLM call, in the user's own words."""

from __future__ import annotations

import json

from lumiscope.server.memory.turns import (
    MEMORY_PREFIX,
    LlmCall,
    extract_turns,
    is_injected_memory,
    own_words,
    strip_injected,
)
from tests.server.memory.factories import NOW

SYSTEM = {"role": "system", "content": "You are a helpful assistant."}
MEMORY = {"user_id": "u1", "view": "default", "updated_at": "2026-02-01T10:00:00.000Z",
          "facts": [{"text": "Lives in Lisbon", "category": "location", "subject": "home_city",
                     "value": "Lisbon", "updated_at": "2026-02-01T10:00:00.000Z"}],
          "summary": "Lives in Lisbon."}


def call(inputs: list[dict[str, str]], reply: str = "Sure.", index: int = 0,
         session: str = "s1") -> LlmCall:
    return LlmCall(input_messages=inputs, output_messages=[{"role": "assistant", "content": reply}],
                   trace_id=f"trace{index}", span_id=f"span{index}", session_id=session,
                   user_id="u1", agent_id=None, time_ns=NOW + index)


def conversation(*exchanges: tuple[str, str]) -> list[LlmCall]:
    """The calls of an app that re-sends the whole history each time."""
    history = [SYSTEM]
    calls = []
    for index, (user, reply) in enumerate(exchanges):
        history = [*history, {"role": "user", "content": user}]
        calls.append(call(list(history), reply, index))
        history = [*history, {"role": "assistant", "content": reply}]
    return calls


def test_each_call_gives_the_new_user_message_and_the_reply() -> None:
    turns = extract_turns(conversation(("I live in Lisbon.", "Nice!"), ("Any tips?", "Yes.")))
    assert [(t.user_messages, t.assistant_reply) for t in turns] == [
        (["I live in Lisbon."], "Nice!"), (["Any tips?"], "Yes.")]
    assert [t.span_id for t in turns] == ["span0", "span1"]


def test_a_re_sent_history_is_learned_once() -> None:
    calls = conversation(("I live in Lisbon.", "Nice!"), ("I'm a nurse.", "Great."),
                         ("Thanks.", "Bye."))
    messages = [m for t in extract_turns(calls) for m in t.user_messages]
    assert messages == ["I live in Lisbon.", "I'm a nurse.", "Thanks."]


def test_a_later_run_skips_the_turns_an_earlier_run_learned() -> None:
    first = conversation(("I live in Lisbon.", "Nice!"))
    learned = extract_turns(first)
    later = conversation(("I live in Lisbon.", "Nice!"), ("I moved to Porto.", "Oh!"))
    seen = {fp for t in learned for fp in t.fingerprints}
    assert [t.user_messages for t in extract_turns(later, seen)] == [["I moved to Porto."]]


def test_the_same_words_in_another_session_are_learned_again() -> None:
    first = extract_turns([call([SYSTEM, {"role": "user", "content": "I live in Lisbon."}])])
    seen = {fp for t in first for fp in t.fingerprints}
    later = [call([SYSTEM, {"role": "user", "content": "I live in Lisbon."}], session="s3")]
    assert [t.user_messages for t in extract_turns(later, seen)] == [["I live in Lisbon."]]


def test_a_history_trimmed_to_a_sliding_window_is_not_learned_again() -> None:
    calls = [call([SYSTEM, {"role": "user", "content": "I live in Lisbon."}], index=0),
             call([SYSTEM, {"role": "assistant", "content": "Nice!"},
                   {"role": "user", "content": "I live in Lisbon."},
                   {"role": "assistant", "content": "You said."},
                   {"role": "user", "content": "I'm a nurse."}], index=1)]
    assert [t.user_messages for t in extract_turns(calls)] == [["I live in Lisbon."],
                                                               ["I'm a nurse."]]


def test_several_new_user_messages_in_one_call_make_one_turn() -> None:
    calls = [call([SYSTEM, {"role": "user", "content": "Hi."},
                   {"role": "user", "content": "I'm vegan."}])]
    assert extract_turns(calls)[0].user_messages == ["Hi.", "I'm vegan."]


def test_a_tool_call_round_trip_gives_its_reply_to_the_turn_that_asked() -> None:
    ask = [SYSTEM, {"role": "user", "content": "Weather in Lisbon?"}]
    calls = [call(ask, reply="", index=0),
             call([*ask, {"role": "assistant", "content": ""},
                   {"role": "tool", "content": "18C"}], reply="It's 18C.", index=1)]
    turns = extract_turns(calls)
    assert [(t.user_messages, t.assistant_reply, t.span_id) for t in turns] == [
        (["Weather in Lisbon?"], "It's 18C.", "span0")]


def test_system_messages_are_never_learned_from() -> None:
    calls = [call([{"role": "system", "content": "The user lives in Paris."},
                   {"role": "user", "content": "Hello"}])]
    assert extract_turns(calls)[0].user_messages == ["Hello"]


def test_injected_memory_is_recognised_in_both_its_forms() -> None:
    served = json.dumps(MEMORY)
    assert is_injected_memory(f"{MEMORY_PREFIX}\n{served}")
    assert is_injected_memory(served)
    assert is_injected_memory(json.dumps({"memory": MEMORY}))
    assert not is_injected_memory('My config is {"user_id": 3}')
    assert not is_injected_memory("I live in Lisbon.")


def test_injected_memory_in_a_user_message_is_cut_out() -> None:
    message = f"{MEMORY_PREFIX}\n{json.dumps(MEMORY)}\n\nI moved to Porto."
    calls = [call([SYSTEM, {"role": "user", "content": message}])]
    assert extract_turns(calls)[0].user_messages == ["I moved to Porto."]


def test_a_memory_object_cut_short_is_removed_to_the_end() -> None:
    assert strip_injected('Hi {"user_id": "u1", "facts": [').strip() == "Hi"


def test_memory_injected_as_a_non_system_message_does_not_shift_the_history() -> None:
    injected = {"role": "assistant", "content": f"{MEMORY_PREFIX}\n{json.dumps(MEMORY)}"}
    first = [SYSTEM, {"role": "user", "content": "I live in Lisbon."}]
    calls = [call(first, index=0),
             call([SYSTEM, injected, first[1], {"role": "assistant", "content": "Sure."},
                   {"role": "user", "content": "Thanks."}], index=1)]
    assert [t.user_messages for t in extract_turns(calls)] == [["I live in Lisbon."],
                                                               ["Thanks."]]


def test_code_blocks_and_quoted_lines_are_not_the_users_words() -> None:
    message = "Review this:\n```python\n# I live in Tokyo\nx = 1\n```\n> I prefer tabs.\nThanks!"
    assert "Tokyo" not in own_words(message) and "tabs" not in own_words(message)
    assert "Thanks!" in own_words(message)


def test_reported_speech_after_said_is_not_the_users_words() -> None:
    assert "vegan" not in own_words("The user said: I am vegan")
    assert "meetings" not in own_words('My boss said "I\'m allergic to meetings" on day one.')


def test_a_short_quoted_title_is_kept() -> None:
    assert own_words('I love "Dune" so much.') == "I love Dune so much."


def test_a_pasted_document_after_an_intro_line_is_dropped_but_the_question_kept() -> None:
    message = ("Let me paste the abstract:\n\nCoral bleaching has increased. I love the ocean. "
               "We show resilience.\n\nIs it clear?")
    words = own_words(message)
    assert "ocean" not in words
    assert words.startswith("Let me paste the abstract:") and words.endswith("Is it clear?")


def test_a_pasted_block_in_the_same_paragraph_is_dropped() -> None:
    message = ("Here's what my teammate wrote:\n> I prefer tabs.\nI think I'm right.\n"
               "How do I answer?")
    words = own_words(message)
    assert "right" not in words and words.endswith("How do I answer?")


def test_a_list_of_notes_under_a_label_is_the_users_own() -> None:
    notes = "setup:\n- Claire\n- household: me, husband Dev, daughter Maya (7)"
    assert own_words(notes) == notes


def test_the_users_notes_stay_theirs_when_a_question_follows_the_list() -> None:
    message = ("Hi! Some context first:\n- I'm a software tester at Cendana\n- I'm Deaf\n"
               "My problem: the auto captions are terrible. What can I try?")
    assert own_words(message) == message


def test_a_list_under_a_task_or_someone_elses_label_is_material() -> None:
    assert "Paris" not in own_words("fix this list:\n- I live in Paris\n- I love cats")
    assert "Paris" not in own_words("Here is my friend's bio:\n- lives in Paris")


def test_a_fenced_diff_of_the_users_particulars_keeps_only_the_new_values() -> None:
    message = ("diff since jan:\n```\n- employer: fastly\n+ employer: grafana labs\n```\n"
               "also moving")
    words = own_words(message)
    assert "employer: grafana labs" in words and "fastly" not in words
    assert "x = 1" not in own_words("diff since jan:\n```\nx = 1\n```")


def test_a_very_long_paragraph_is_treated_as_pasted() -> None:
    document = "I live in Paris. " * 80
    assert own_words(f"Summarise please.\n\n{document}") == "Summarise please."


def test_text_after_a_task_label_and_colon_is_material_not_a_statement() -> None:
    assert "Paris" not in own_words("Translate: I live in Paris and I love cheese")
    assert "Leeds" not in own_words("Can you translate this into French: I live in Leeds")


def test_a_turn_keeps_only_the_users_own_words() -> None:
    calls = [call([SYSTEM, {"role": "user", "content": "```\nI live in Rome\n```\nFix it?"}])]
    assert extract_turns(calls)[0].user_messages == ["Fix it?"]
