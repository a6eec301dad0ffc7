"""Trace reads: the span tree, the event log with filters and cursors, get-traces."""

from __future__ import annotations

from tests.native_helpers import event, post_events


def test_the_span_tree_nests_children_under_their_parent(api):
    root = event(trace_id="t-tree", span_id="root", name="request", span_kind="general",
                 model=None, minutes_ago=3)
    child = event(trace_id="t-tree", span_id="llm", parent_span_id="root", minutes_ago=2)
    grandchild = event(trace_id="t-tree", span_id="tool", parent_span_id="llm",
                       span_kind="tool", model=None, minutes_ago=1)
    post_events(api, grandchild, child, root)

    [tree] = api.get("/v1/traces/t-tree").json()
    assert tree["span_id"] == "root"
    assert [c["span_id"] for c in tree["children"]] == ["llm"]
    assert [g["span_id"] for g in tree["children"][0]["children"]] == ["tool"]
    assert tree["children"][0]["children"][0]["children"] == []


def test_an_unknown_trace_is_a_404_with_a_reason(api):
    response = api.get("/v1/traces/does-not-exist")
    assert response.status_code == 404
    assert "not found" in response.json()["error"]


def test_events_are_filtered_by_model_status_user_and_time(api):
    post_events(
        api,
        event(model="gpt-4o", user_id="ann", minutes_ago=50),
        event(model="gpt-4o-mini", user_id="bob", minutes_ago=40),
        event(model="gpt-4o", status="error", error_code="boom", user_id="ann", minutes_ago=30),
        event(model="gpt-4o", environment="staging", minutes_ago=20),
    )
    def total(**params):  # type: ignore[no-untyped-def]
        return api.get("/v1/events", params=params).json()["total"]

    assert total() == 4
    assert total(model="gpt-4o") == 3
    assert total(status="error") == 1
    assert total(userId="ann") == 2
    assert total(environment="staging") == 1
    events = api.get("/v1/events", params={"model": "gpt-4o-mini"}).json()["events"]
    assert [e["user_id"] for e in events] == ["bob"]


def test_events_come_newest_first_and_pages_follow_the_cursor_to_the_end(api):
    post_events(api, *[event(span_id=f"s{i:02d}", minutes_ago=100 - i) for i in range(25)])
    seen, cursor, pages = [], None, 0
    while True:
        params = {"limit": 10, **({"cursor": cursor} if cursor else {})}
        page = api.get("/v1/events", params=params).json()
        assert page["total"] == 25
        seen += [e["span_id"] for e in page["events"]]
        cursor, pages = page["nextCursor"], pages + 1
        if cursor is None:
            break
    assert pages == 3
    assert seen == [f"s{i:02d}" for i in reversed(range(25))]


def test_a_page_stays_stable_when_newer_events_arrive_between_pages(api):
    post_events(api, *[event(span_id=f"old{i}", minutes_ago=60 - i) for i in range(4)])
    first = api.get("/v1/events", params={"limit": 2}).json()
    post_events(api, event(span_id="newest", minutes_ago=0))
    second = api.get("/v1/events", params={"limit": 2, "cursor": first["nextCursor"]}).json()
    assert [e["span_id"] for e in second["events"]] == ["old1", "old0"]


def test_bad_event_queries_are_400_with_a_reason(api):
    for params in ({"status": "weird"}, {"cursor": "!!"}, {"start": "yesterday"},
                   {"limit": 500}):
        response = api.get("/v1/events", params=params)
        assert response.status_code == 400, params
        assert response.json()["error"]


def test_get_traces_lists_newest_first_and_filters_by_user_and_session(api):
    post_events(
        api,
        event(trace_id="a", user_id="u1", session_id="s1", minutes_ago=9),
        event(trace_id="b", user_id="u2", session_id="s2", minutes_ago=5),
        event(trace_id="c", user_id="u1", session_id="s3", minutes_ago=1),
    )
    body = api.get("/v1/get-traces").json()
    assert [t["trace_id"] for t in body["traces"]] == ["c", "b", "a"]
    assert body["count"] == 3
    assert [t["trace_id"] for t in api.get("/v1/get-traces?user_id=u1").json()["traces"]] \
        == ["c", "a"]
    assert [t["trace_id"] for t in api.get("/v1/get-traces?session_id=s2").json()["traces"]] \
        == ["b"]
    assert api.get("/v1/get-traces?limit=1").json()["count"] == 1


def test_get_traces_is_an_empty_list_for_a_new_project(api):
    assert api.get("/v1/get-traces").json() == {"traces": [], "count": 0}


def test_a_span_without_identity_shows_and_is_found_by_its_traces_user_and_session(api):
    post_events(
        api,
        event(trace_id="t-id", span_id="root", span_kind="general", model=None,
              user_id="uma", session_id="s-uma", minutes_ago=2),
        event(trace_id="t-id", span_id="llm", parent_span_id="root", minutes_ago=1),
    )
    found = api.get("/v1/events", params={"userId": "uma", "spanKind": "llm"}).json()
    assert [(e["span_id"], e["user_id"], e["session_id"]) for e in found["events"]] == \
        [("llm", "uma", "s-uma")]
    assert api.get("/v1/events", params={"sessionId": "s-uma"}).json()["total"] == 2
    [root] = api.get("/v1/traces/t-id").json()
    assert root["children"][0]["user_id"] == "uma"
