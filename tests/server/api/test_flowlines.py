"""The Flowlines routes answer as spec/flowlines.md 4.3 and 4.4 say."""

from __future__ import annotations


def test_get_memory_without_memory_is_404_never_an_empty_200(api):
    response = api.get("/v1/get-memory", params={"user_id": "user-42"})
    assert response.status_code == 404
    assert response.json() == {"error": "no memory found"}


def test_get_memory_needs_a_user_and_a_known_view(api):
    assert api.get("/v1/get-memory").status_code == 400
    assert api.get("/v1/get-memory?user_id=").status_code == 400
    response = api.get("/v1/get-memory", params={"user_id": "u", "view": "tutor_context"})
    assert response.status_code == 400
    assert "unknown view" in response.json()["error"]


def test_get_memory_with_a_bad_key_is_401(server):
    with server.client("lqt_" + "0" * 64) as client:
        response = client.get("/v1/get-memory", params={"user_id": "u"})
    assert response.status_code == 401
    assert response.json() == {"error": "Invalid API key"}


def test_ending_a_session_accepts_the_sdk_headers_and_numeric_ids(server, key):
    with server.client() as client:
        response = client.post(
            "/v1/mark-session-as-ended",
            content=b'{"session_id": 7, "user_id": 42}',
            headers={"X-Flowlines-Api-Key": key, "Content-Type": "application/json",
                     "Connection": "close"},
        )
    assert response.status_code == 200
    assert response.json() == {"success": True, "session_id": "7", "user_id": "42"}


def test_ending_a_session_twice_is_fine(api):
    body = {"session_id": "s", "user_id": "u"}
    assert api.post("/v1/mark-session-as-ended", json=body).status_code == 200
    assert api.post("/v1/mark-session-as-ended", json=body).status_code == 200


def test_a_malformed_end_request_is_400(api):
    for content in (b"not json", b"[]", b'{"user_id": "u"}', b'{"session_id": "s"}',
                    b'{"session_id": {}, "user_id": "u"}'):
        response = api.post("/v1/mark-session-as-ended", content=content,
                            headers={"content-type": "application/json"})
        assert response.status_code == 400, content
        assert response.json()["error"]


def test_wrong_methods_are_405_with_a_json_error(api):
    response = api.get("/v1/mark-session-as-ended")
    assert response.status_code == 405
    assert response.json() == {"error": "Method Not Allowed"}
