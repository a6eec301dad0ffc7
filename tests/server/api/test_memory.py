"""Memory learned from traced conversations, served by get-memory and the user routes."""

from __future__ import annotations

from tests.memory_helpers import converse, wait_for_memory


def end(api, user_id: str, session_id: str) -> None:  # type: ignore[no-untyped-def]
    assert api.post("/v1/mark-session-as-ended",
                    json={"session_id": session_id, "user_id": user_id}).status_code == 200


def values(memory) -> dict[str, str]:  # type: ignore[no-untyped-def]
    return {f["subject"]: f["value"] for f in memory["facts"]}


def test_an_ended_conversation_is_remembered_without_any_extra_call(server, api, key):
    converse(server.base_url, key, "maria", "s1",
             ["Hi, I'm Maria and I live in Lisbon.", "I'm vegetarian, any dinner ideas?"])
    assert api.get("/v1/get-memory", params={"user_id": "maria"}).status_code == 404
    end(api, "maria", "s1")

    memory = wait_for_memory(api, "maria")
    assert memory["user_id"] == "maria" and memory["view"] == "default"
    assert values(memory)["home_city"] == "Lisbon"
    assert values(memory)["diet"] == "vegetarian"
    assert list(memory) == ["user_id", "view", "updated_at", "facts", "summary"]
    assert memory["summary"]


def test_a_newer_fact_supersedes_the_older_which_stays_in_history(server, api, key):
    converse(server.base_url, key, "leo", "a", ["I live in Lisbon."])
    end(api, "leo", "a")
    wait_for_memory(api, "leo")
    converse(server.base_url, key, "leo", "b", ["Big news: I moved to Porto last month."])
    end(api, "leo", "b")
    for _ in range(100):
        memory = wait_for_memory(api, "leo")
        if values(memory).get("home_city") == "Porto":
            break
    assert values(memory)["home_city"] == "Porto"
    full = api.get("/v1/users/leo/memory").json()
    assert [f["value"] for f in full["history"] if f["subject"] == "home_city"] == ["Lisbon"]
    [current] = [f for f in full["facts"] if f["subject"] == "home_city"]
    assert current["provenance"][0]["session_id"] == "b"


def test_summary_view_and_session_narrowing(server, api, key):
    converse(server.base_url, key, "ana", "s-ana", ["I work as a teacher in Madrid."])
    end(api, "ana", "s-ana")
    wait_for_memory(api, "ana")
    summary = api.get("/v1/get-memory", params={"user_id": "ana", "view": "summary"}).json()
    assert list(summary["memory"]) == ["user_id", "view", "summary"]
    with_session = wait_for_memory(api, "ana", session_id="s-ana")
    assert with_session["session"]["session_id"] == "s-ana"


def test_facts_learned_from_another_agent_are_not_served_to_this_one(server, api, key):
    converse(server.base_url, key, "kim", "k1", ["I'm allergic to peanuts."],
             agent_id="chef")
    end(api, "kim", "k1")
    wait_for_memory(api, "kim")
    chef = api.get("/v1/get-memory", params={"user_id": "kim", "agent_id": "chef"})
    assert chef.status_code == 200
    other = api.get("/v1/get-memory", params={"user_id": "kim", "agent_id": "travel"})
    assert other.status_code == 404


def test_injected_memory_is_never_learned_again_even_inside_a_user_message(server, api, key):
    converse(server.base_url, key, "ivy", "i1", ["I live in Berlin."])
    end(api, "ivy", "i1")
    memory = wait_for_memory(api, "ivy")
    import json

    injected = ("Here is what you know about this user from previous conversations:\n"
                + json.dumps({**memory, "summary": "I live in Paris and I work as a pilot."}))
    from tests.memory_helpers import chat_span
    from tests.otel_helpers import otlp_provider

    provider, _ = otlp_provider(server.base_url, key)
    # Some apps put the memory into the user's message rather than a system message.
    chat_span(provider.get_tracer("t"), [{"role": "user", "content": injected + "\n\nHi!"}],
              "Hi!", user_id="ivy", session_id="i2")
    provider.shutdown()
    end(api, "ivy", "i2")
    server.services.memory.run_once()
    learned = values(wait_for_memory(api, "ivy"))
    assert learned["home_city"] == "Berlin" and "job_title" not in learned


def test_forgetting_memory_keeps_traces_and_never_relearns_them(server, api, key):
    converse(server.base_url, key, "zoe", "z1", ["I live in Oslo."])
    end(api, "zoe", "z1")
    wait_for_memory(api, "zoe")
    assert api.delete("/v1/users/zoe/memory").json()["facts_deleted"] >= 1
    end(api, "zoe", "z1")
    server.services.memory.run_once()
    assert api.get("/v1/get-memory", params={"user_id": "zoe"}).status_code == 404
    assert api.get("/v1/get-traces", params={"user_id": "zoe"}).json()["count"] == 1


def test_forgetting_the_user_removes_memory_and_unlinks_traces(server, api, key):
    converse(server.base_url, key, "max", "m1", ["I live in Rome."])
    end(api, "max", "m1")
    wait_for_memory(api, "max")
    assert api.delete("/v1/users/max").status_code == 200
    assert api.get("/v1/get-memory", params={"user_id": "max"}).status_code == 404
    assert api.get("/v1/users/max/memory").status_code == 404
    assert api.get("/v1/get-traces", params={"user_id": "max"}).json()["count"] == 0
