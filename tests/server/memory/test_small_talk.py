"""A user who only said hello has no memory at all: no facts, no summary, get-memory 404."""

from __future__ import annotations

from tests.memory_helpers import converse, wait_for_memory


def end(api, user_id: str, session_id: str) -> None:  # type: ignore[no-untyped-def]
    assert api.post("/v1/mark-session-as-ended",
                    json={"session_id": session_id, "user_id": user_id}).status_code == 200


def test_a_session_of_greetings_and_thanks_leaves_no_memory(server, api, key):
    converse(server.base_url, key, "quiet", "q1", ["Hello!", "thanks", "ok"])
    end(api, "quiet", "q1")
    # Another user's session, ended after it, shows the scheduler has run past the first.
    converse(server.base_url, key, "chatty", "c1", ["Hi, I live in Oslo."])
    end(api, "chatty", "c1")
    wait_for_memory(api, "chatty")
    server.services.memory.run_once()
    assert api.get("/v1/get-memory", params={"user_id": "quiet"}).status_code == 404
    assert api.get("/v1/get-memory", params={"user_id": "quiet",
                                             "view": "summary"}).status_code == 404
