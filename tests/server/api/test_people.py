"""Sessions and users: totals, detail views, ending sessions and forgetting users."""

from __future__ import annotations

from tests.native_helpers import event, post_events


def test_sessions_list_totals_per_conversation(api):
    post_events(
        api,
        event(trace_id="t1", user_id="ann", session_id="s-a", cost_usd=0.01, minutes_ago=9),
        event(trace_id="t2", user_id="ann", session_id="s-a", cost_usd=0.02, minutes_ago=8),
        event(trace_id="t3", user_id="bob", session_id="s-b", status="error", minutes_ago=1),
    )
    sessions = {s["session_id"]: s for s in api.get("/v1/sessions").json()["sessions"]}
    assert sessions["s-a"]["trace_count"] == 2
    assert sessions["s-a"]["user_id"] == "ann"
    assert sessions["s-a"]["cost_usd"] == 0.03
    assert sessions["s-b"]["error_count"] == 1
    assert [s["session_id"] for s in api.get("/v1/sessions?userId=bob").json()["sessions"]] \
        == ["s-b"]


def test_a_session_shows_its_traces_and_ends_on_request(api):
    post_events(api, event(trace_id="t1", user_id="ann", session_id="s-end", minutes_ago=2))
    assert api.get("/v1/sessions/s-end").json()["status"] == "active"

    ended = api.post("/v1/mark-session-as-ended", json={"session_id": "s-end", "user_id": "ann"})
    assert ended.json() == {"success": True, "session_id": "s-end", "user_id": "ann"}
    detail = api.get("/v1/sessions/s-end").json()
    assert detail["status"] == "ended" and detail["ended_at"]
    assert [t["trace_id"] for t in detail["traces"]] == ["t1"]


def test_a_span_that_starts_after_the_end_reopens_the_session(api):
    post_events(api, event(user_id="ann", session_id="s-re", minutes_ago=5))
    api.post("/v1/mark-session-as-ended", json={"session_id": "s-re", "user_id": "ann"})
    post_events(api, event(user_id="ann", session_id="s-re", minutes_ago=-1))
    assert api.get("/v1/sessions/s-re").json()["status"] == "active"


def test_a_late_span_from_before_the_end_does_not_reopen_the_session(api):
    api.post("/v1/mark-session-as-ended", json={"session_id": "s-late", "user_id": "ann"})
    post_events(api, event(user_id="ann", session_id="s-late", minutes_ago=3))
    detail = api.get("/v1/sessions/s-late").json()
    assert detail["status"] == "ended"
    assert detail["trace_count"] == 1


def test_a_user_shows_totals_and_sessions(api):
    post_events(
        api,
        event(user_id="carol", session_id="c1", input_tokens=10, output_tokens=5, minutes_ago=6),
        event(user_id="carol", session_id="c2", input_tokens=20, output_tokens=5, minutes_ago=2),
    )
    user = api.get("/v1/users/carol").json()
    assert user["session_count"] == 2
    assert user["total_tokens"] == 40
    assert [s["session_id"] for s in user["sessions"]] == ["c2", "c1"]
    assert [u["user_id"] for u in api.get("/v1/users").json()["users"]] == ["carol"]


def test_forgetting_a_user_unlinks_their_traces_but_keeps_them(api):
    post_events(api, event(trace_id="tf", user_id="dave", session_id="d1"))
    assert api.delete("/v1/users/dave").json() == {"deleted": True, "user_id": "dave"}
    assert api.get("/v1/users/dave").status_code == 404
    [trace] = api.get("/v1/get-traces").json()["traces"]
    assert trace["trace_id"] == "tf" and trace["user_id"] is None
    assert api.get("/v1/events", params={"userId": "dave"}).json()["total"] == 0
    assert api.delete("/v1/users/dave").status_code == 404


def test_unknown_sessions_and_users_are_404(api):
    assert api.get("/v1/sessions/nope").status_code == 404
    assert api.get("/v1/users/nope").json() == {"error": "user 'nope' not found"}


def test_a_users_traces_without_a_session_form_one_implicit_session(api):
    post_events(api, event(trace_id="loose-1", user_id="eve", minutes_ago=3),
                event(trace_id="loose-2", user_id="eve", minutes_ago=2))
    [session] = api.get("/v1/sessions", params={"userId": "eve"}).json()["sessions"]
    assert session["implicit"] is True and session["trace_count"] == 2
    detail = api.get(f"/v1/sessions/{session['session_id']}").json()
    assert [t["trace_id"] for t in detail["traces"]] == ["loose-2", "loose-1"]
