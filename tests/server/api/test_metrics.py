"""Analytics: overview KPIs, costs by model and day, latency percentiles and TTFT."""

from __future__ import annotations

import pytest

from tests.native_helpers import event, post_events


@pytest.fixture
def calls(api):  # type: ignore[no-untyped-def]
    post_events(
        api,
        event(model="gpt-4o", latency_ms=100, cost_usd=0.01, minutes_ago=30),
        event(model="gpt-4o", latency_ms=200, cost_usd=0.02, minutes_ago=20),
        event(model="gpt-4o-mini", latency_ms=300, cost_usd=0.001, stream=True, ttft_ms=50,
              minutes_ago=10),
        event(model="gpt-4o-mini", latency_ms=400, status="timeout", error_code="timeout",
              cost_usd=0.0, minutes_ago=5),
        event(model="my-own-model", latency_ms=500, minutes_ago=4),
        event(span_kind="general", model=None, latency_ms=9000, minutes_ago=3),
    )


def test_a_key_cannot_read_another_projects_overview(api, calls):
    response = api.get("/v1/projects/default/overview")
    assert response.status_code == 403
    assert response.json() == {"error": "Not a member of this organization"}


def test_overview_of_the_keys_own_project(server, calls, api):
    project = _project_of(server, api)
    body = api.get(f"/v1/projects/{project}/overview").json()
    kpis = body["kpis"]
    assert kpis["totalRequests"] == 5  # the non-LLM span is not a request
    assert kpis["totalCost"] == pytest.approx(0.031)
    assert kpis["avgLatency"] == pytest.approx(300)
    assert kpis["errorRate"] == pytest.approx(0.2)
    assert body["topModels"][0] == {"model": "gpt-4o", "cost": pytest.approx(0.03),
                                    "requests": 2}
    assert [e["status"] for e in body["recentErrors"]] == ["timeout"]
    assert sum(bucket["requests"] for bucket in body["timeline"]) == 5


def test_costs_break_down_by_model_and_mark_unknown_models_unpriced(server, calls, api):
    body = api.get("/v1/costs").json()
    by_model = {row["model"]: row for row in body["byModel"]}
    assert by_model["gpt-4o"]["cost"] == pytest.approx(0.03)
    assert by_model["my-own-model"]["unpricedRequests"] == 1
    assert body["unpricedRequests"] == 1
    assert body["totalCost"] == pytest.approx(0.031)
    assert sum(day["requests"] for day in body["daily"]) == 5


def test_performance_reports_percentiles_ttft_and_timeout_rate(server, calls, api):
    body = api.get("/v1/performance").json()
    assert body["requests"] == 5
    assert body["latency"]["p50"] == pytest.approx(300)
    assert body["latency"]["p99"] == pytest.approx(500)
    assert body["ttft"]["avg"] == pytest.approx(50)
    assert body["timeoutRate"] == pytest.approx(0.2)
    assert body["tokensPerSecond"] > 0


def test_a_time_window_without_calls_reports_zeroes_not_errors(api, calls):
    body = api.get("/v1/performance", params={"start": "2020-01-01T00:00:00Z",
                                              "end": "2020-01-02T00:00:00Z"}).json()
    assert body["requests"] == 0 and body["latency"]["p50"] is None


def _project_of(server, api) -> str:  # type: ignore[no-untyped-def]
    from lumiscope.server.store.projects import project_for_key

    with server.engine.connect() as conn:
        return project_for_key(conn, api.headers["x-api-key"]).id
