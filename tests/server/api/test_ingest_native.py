"""LumiqTrace native NDJSON events at ``POST /v1/ingest``, read back through the API."""

from __future__ import annotations

import gzip
import json
import uuid
from typing import Any

NDJSON = {"Content-Type": "application/x-ndjson"}


def event(**fields: Any) -> dict[str, Any]:
    """A complete event as the LumiqTrace ingest page shows it, with fresh ids."""
    base = {
        "event_id": str(uuid.uuid4()), "trace_id": "trace-001", "span_id": "span-001",
        "timestamp": "2026-04-20T10:00:00.000Z", "provider": "openai", "model": "gpt-4o",
        "operation": "chat", "latency_ms": 843, "input_tokens": 512, "output_tokens": 128,
        "cost_usd": 0.0034, "status": "success", "stream": False,
        "environment": "production", "sdk_version": "1.4.2",
    }
    return {**base, **fields}


def ndjson(*events: dict[str, Any]) -> bytes:
    return "".join(json.dumps(e) + "\n" for e in events).encode()


def post(api, body: bytes, **headers: str):  # type: ignore[no-untyped-def]
    return api.post("/v1/ingest", content=body, headers={**NDJSON, **headers})


def test_a_batch_is_stored_and_read_back_with_its_event_fields(api):
    root = event(user_id="user_4421", session_id="sess-1", tags={"team": "search"})
    child = event(span_id="span-002", parent_span_id="span-001", operation="embed",
                  model="text-embedding-3-small", timestamp="2026-04-20T10:00:00.100Z",
                  latency_ms=40, input_tokens=8, output_tokens=0, cost_usd=0.0000002,
                  stream=True, ttft_ms=12)

    response = post(api, ndjson(root, child))

    assert response.status_code == 202, response.text
    assert response.json() == {"accepted": 2}
    listed = api.get("/v1/events").json()
    assert listed["total"] == 2
    by_id = {e["event_id"]: e for e in listed["events"]}
    stored = by_id[root["event_id"]]
    for name in ("trace_id", "span_id", "timestamp", "provider", "model", "operation",
                 "input_tokens", "output_tokens", "cost_usd", "status", "stream",
                 "environment", "user_id", "session_id"):
        assert stored[name] == root[name], name
    assert stored["latency_ms"] == 843
    assert stored["parent_span_id"] is None
    assert by_id[child["event_id"]]["ttft_ms"] == 12

    [tree_root] = api.get("/v1/traces/trace-001").json()
    assert tree_root["event_id"] == root["event_id"]
    assert tree_root["tags"] == {"team": "search"}
    assert [c["event_id"] for c in tree_root["children"]] == [child["event_id"]]
    assert tree_root["children"][0]["operation"] == "embed"


def test_a_gzip_body_is_accepted(api):
    first = event()
    response = post(api, gzip.compress(ndjson(first)), **{"Content-Encoding": "gzip"})
    assert response.status_code == 202, response.text
    [stored] = api.get("/v1/events").json()["events"]
    assert stored["event_id"] == first["event_id"]


def test_resending_the_same_event_id_stores_it_once(api):
    first = event()
    assert post(api, ndjson(first)).status_code == 202
    assert post(api, ndjson(first)).status_code == 202
    assert post(api, ndjson(first, first)).status_code == 202
    assert api.get("/v1/events").json()["total"] == 1
    assert api.get("/v1/get-traces").json()["traces"][0]["span_count"] == 1


def test_an_event_id_seen_before_is_dropped_even_under_another_span_id(api):
    first = event()
    assert post(api, ndjson(first)).status_code == 202
    assert post(api, ndjson({**first, "span_id": "span-retry"})).status_code == 202
    [stored] = api.get("/v1/events").json()["events"]
    assert stored["span_id"] == "span-001"


def test_more_than_100_events_is_refused_whole(api):
    batch = [event(span_id=f"span-{i}") for i in range(101)]
    response = post(api, ndjson(*batch))
    assert response.status_code == 400
    assert response.json() == {"error": "Max 100 events per batch"}
    assert api.get("/v1/events").json()["total"] == 0


def test_exactly_100_events_are_accepted(api):
    batch = [event(span_id=f"span-{i}") for i in range(100)]
    assert post(api, ndjson(*batch)).status_code == 202
    assert api.get("/v1/events").json()["total"] == 100


def test_valid_lines_are_stored_and_the_bad_line_is_named(api):
    good_1, good_2 = event(span_id="a"), event(span_id="c")
    wrong_type = event(span_id="b", input_tokens="512")
    body = ndjson(good_1, wrong_type, good_2)

    response = post(api, body)

    assert response.status_code == 400
    answer = response.json()
    assert "line 2" in answer["error"] and "input_tokens" in answer["error"]
    assert answer["accepted"] == 2
    assert [r["line"] for r in answer["rejected"]] == [2]
    ids = {e["event_id"] for e in api.get("/v1/events").json()["events"]}
    assert ids == {good_1["event_id"], good_2["event_id"]}


def test_a_missing_required_field_is_named_with_its_line(api):
    missing = event(span_id="b")
    del missing["trace_id"]
    response = post(api, ndjson(event(span_id="a"), event(span_id="c"), missing))
    assert response.status_code == 400
    assert "line 3" in response.json()["error"]
    assert "trace_id" in response.json()["error"]
    assert api.get("/v1/events").json()["total"] == 2


def test_an_empty_event_id_is_refused_not_merged_with_other_empty_ones(api):
    response = post(api, ndjson(event(span_id="a", event_id=""), event(span_id="b", event_id=""),
                                event(span_id="c", trace_id="")))
    assert response.status_code == 400
    assert [r["line"] for r in response.json()["rejected"]] == [1, 2, 3]
    assert "event_id" in response.json()["error"]
    assert api.get("/v1/events").json()["total"] == 0


def test_a_line_that_is_not_json_is_refused_and_the_others_kept(api):
    body = ndjson(event(span_id="a")) + b"{not json\n" + ndjson(event(span_id="c"))
    response = post(api, body)
    assert response.status_code == 400
    assert response.json()["rejected"][0]["line"] == 2
    assert api.get("/v1/events").json()["total"] == 2


def test_blank_lines_and_a_missing_or_trailing_newline_are_fine(api):
    body = b"\n" + ndjson(event(span_id="a")) + b"\n  \n" + json.dumps(event(span_id="b")).encode()
    assert post(api, body).status_code == 202
    assert post(api, ndjson(event(span_id="c")) + b"\n\n").status_code == 202
    assert api.get("/v1/events").json()["total"] == 3


def test_an_empty_body_stores_nothing(api):
    response = post(api, b"")
    assert response.status_code == 202
    assert response.json() == {"accepted": 0}


def test_cost_is_computed_by_the_server_when_the_event_has_none(api):
    priced = event(span_id="a")
    del priced["cost_usd"]
    post(api, ndjson(priced))
    [stored] = api.get("/v1/events").json()["events"]
    # gpt-4o lists at $2.50 / $10 per million input / output tokens.
    assert stored["cost_usd"] is not None and stored["cost_usd"] > 0
    assert abs(stored["cost_usd"] - (512 * 2.5 + 128 * 10) / 1e6) < 1e-9


def test_the_cost_the_event_carries_is_kept(api):
    post(api, ndjson(event(cost_usd=0.5)))
    assert api.get("/v1/events").json()["events"][0]["cost_usd"] == 0.5


def test_an_unknown_model_has_no_cost_never_zero(api):
    unknown = event(model="my-private-model-xyz")
    del unknown["cost_usd"]
    post(api, ndjson(unknown))
    [stored] = api.get("/v1/events").json()["events"]
    assert stored["cost_usd"] is None


def test_a_failed_event_keeps_its_status_and_error(api):
    failed = event(status="rate_limited", error_code="rate_limit_exceeded",
                   error_message="x" * 600)
    post(api, ndjson(failed))
    [stored] = api.get("/v1/events", params={"status": "rate_limited"}).json()["events"]
    assert stored["error_code"] == "rate_limit_exceeded"
    assert stored["error_message"] == "x" * 500


def test_an_unknown_status_value_is_refused(api):
    response = post(api, ndjson(event(status="exploded")))
    assert response.status_code == 400
    assert "line 1" in response.json()["error"]
    assert api.get("/v1/events").json()["total"] == 0


def test_native_events_make_a_trace_row_like_otlp_spans_do(api):
    root = event(name="agent run", span_kind="agent", model=None, input_tokens=None,
                 output_tokens=None, cost_usd=None, user_id="u-1", session_id="s-1")
    llm = event(span_id="span-002", parent_span_id="span-001", cost_usd=0.25)
    assert post(api, ndjson(llm, root)).status_code == 202
    [trace] = api.get("/v1/get-traces").json()["traces"]
    assert trace["trace_id"] == "trace-001"
    assert trace["name"] == "agent run"
    assert trace["span_count"] == 2
    assert (trace["input_tokens"], trace["output_tokens"]) == (512, 128)
    assert trace["cost_usd"] == 0.25
    assert (trace["user_id"], trace["session_id"]) == ("u-1", "s-1")


def test_native_ingest_needs_the_ndjson_content_type(api):
    response = api.post("/v1/ingest", content=ndjson(event()),
                        headers={"Content-Type": "text/plain"})
    assert response.status_code == 415
    assert "error" in response.json()
    assert api.get("/v1/events").json()["total"] == 0
