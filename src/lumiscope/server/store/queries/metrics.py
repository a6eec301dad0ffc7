"""Analytics over LLM calls: project overview, costs and performance.

Sums and counts run in SQL; percentiles are taken in Python from the sorted durations,
because SQLite has no percentile function and the two stores must answer alike.
"""

from __future__ import annotations

import time
from datetime import datetime, timezone
from typing import Any

from sqlalchemy import Connection, case, func, select

from lumiscope.server.store.schema import spans
from lumiscope.server.store.timefmt import iso

HOUR_NS = 3600 * 10**9
DAY_NS = 24 * HOUR_NS
FAILED = ("error", "timeout", "rate_limited")


def _llm(project_id: str, start_ns: int, end_ns: int) -> list[Any]:
    c = spans.c
    return [c.project_id == project_id, c.span_kind == "llm", c.start_ns >= start_ns,
            c.start_ns <= end_ns]


def _failed() -> Any:
    return func.sum(case((spans.c.status.in_(FAILED), 1), else_=0))


def overview(conn: Connection, project_id: str, start_ns: int, end_ns: int) -> dict[str, Any]:
    c = spans.c
    where = _llm(project_id, start_ns, end_ns)
    kpi = conn.execute(
        select(func.count(), func.sum(c.cost_usd), func.avg(c.end_ns - c.start_ns), _failed())
        .where(*where)
    ).one()
    requests = kpi[0] or 0
    bucket = HOUR_NS if end_ns - start_ns <= 2 * DAY_NS else DAY_NS
    slot = c.start_ns - (c.start_ns % bucket)
    timeline = conn.execute(
        select(slot.label("slot"), func.count(), func.sum(c.cost_usd), _failed())
        .where(*where).group_by(slot).order_by(slot)
    ).all()
    top = conn.execute(
        select(c.model, func.sum(c.cost_usd).label("cost"), func.count())
        .where(*where).group_by(c.model)
        .order_by(func.coalesce(func.sum(c.cost_usd), 0).desc(), func.count().desc()).limit(5)
    ).all()
    errors = conn.execute(
        select(c.event_id, c.trace_id, c.span_id, c.model, c.status, c.error_code, c.start_ns)
        .where(*where, c.status != "success").order_by(c.start_ns.desc()).limit(10)
    ).all()
    key = "hour" if bucket == HOUR_NS else "day"
    return {
        "projectId": project_id,
        "start": iso(start_ns),
        "end": iso(end_ns),
        "kpis": {
            "totalRequests": requests,
            "totalCost": round(kpi[1] or 0.0, 8),
            "avgLatency": round((kpi[2] or 0) / 1e6, 3),
            "errorRate": round((kpi[3] or 0) / requests, 6) if requests else 0.0,
        },
        "timeline": [{key: iso(int(r[0])), "requests": r[1], "cost": round(r[2] or 0.0, 8),
                      "errors": r[3] or 0} for r in timeline],
        "topModels": [{"model": r[0], "cost": round(r[1] or 0.0, 8), "requests": r[2]}
                      for r in top],
        "recentErrors": [{"event_id": r.event_id, "trace_id": r.trace_id, "span_id": r.span_id,
                          "model": r.model, "status": r.status, "error_code": r.error_code,
                          "timestamp": iso(r.start_ns)} for r in errors],
    }


def costs(conn: Connection, project_id: str, start_ns: int, end_ns: int) -> dict[str, Any]:
    c = spans.c
    where = _llm(project_id, start_ns, end_ns)
    by_model = conn.execute(
        select(c.provider, c.model, func.sum(c.cost_usd), func.count(),
               func.coalesce(func.sum(c.input_tokens), 0),
               func.coalesce(func.sum(c.output_tokens), 0),
               func.coalesce(func.sum(c.cached_tokens), 0),
               func.sum(case((c.cost_usd.is_(None), 1), else_=0)))
        .where(*where).group_by(c.provider, c.model)
        .order_by(func.coalesce(func.sum(c.cost_usd), 0).desc())
    ).all()
    day = c.start_ns - (c.start_ns % DAY_NS)
    daily = conn.execute(
        select(day, func.sum(c.cost_usd), func.count()).where(*where).group_by(day).order_by(day)
    ).all()
    now = time.time_ns()
    month_start = datetime.now(timezone.utc).replace(day=1, hour=0, minute=0, second=0,
                                                     microsecond=0)
    mtd = conn.execute(
        select(func.sum(c.cost_usd)).where(*_llm(project_id, int(month_start.timestamp() * 1e9),
                                                 now))
    ).scalar()
    # Projection: the mean daily spend of the last 7 days, over 30 days.
    recent = conn.execute(
        select(func.sum(c.cost_usd)).where(*_llm(project_id, now - 7 * DAY_NS, now))
    ).scalar()
    input_tokens = sum(r[4] for r in by_model)
    cached = sum(r[6] for r in by_model)
    return {
        "projectId": project_id,
        "start": iso(start_ns),
        "end": iso(end_ns),
        "totalCost": round(sum(r[2] or 0.0 for r in by_model), 8),
        "byModel": [{"provider": r[0], "model": r[1], "cost": round(r[2] or 0.0, 8),
                     "requests": r[3], "inputTokens": r[4], "outputTokens": r[5],
                     "cachedTokens": r[6], "unpricedRequests": r[7]} for r in by_model],
        "daily": [{"date": iso(int(r[0]))[:10], "cost": round(r[1] or 0.0, 8), "requests": r[2]}
                  for r in daily],
        "monthToDate": round(mtd or 0.0, 8),
        "projected30d": round((recent or 0.0) / 7 * 30, 8),
        "cacheUtilization": round(cached / input_tokens, 6) if input_tokens else 0.0,
        "unpricedRequests": sum(r[7] for r in by_model),
    }


def _percentile(values: list[float], q: float) -> float | None:
    if not values:
        return None
    index = min(len(values) - 1, max(0, round(q * (len(values) - 1))))
    return round(values[index], 3)


def performance(conn: Connection, project_id: str, start_ns: int, end_ns: int) -> dict[str, Any]:
    c = spans.c
    rows = conn.execute(
        select(c.end_ns - c.start_ns, c.ttft_ms, c.output_tokens, c.status)
        .where(*_llm(project_id, start_ns, end_ns))
    ).all()
    latencies = sorted(r[0] / 1e6 for r in rows)
    ttfts = sorted(r[1] for r in rows if r[1] is not None)
    rates = [r[2] / (r[0] / 1e9) for r in rows if r[2] and r[0] > 0]
    timeouts = sum(1 for r in rows if r[3] == "timeout")
    return {
        "projectId": project_id,
        "start": iso(start_ns),
        "end": iso(end_ns),
        "requests": len(rows),
        "latency": {"p50": _percentile(latencies, 0.5), "p95": _percentile(latencies, 0.95),
                    "p99": _percentile(latencies, 0.99),
                    "avg": round(sum(latencies) / len(latencies), 3) if latencies else None},
        "ttft": {"avg": round(sum(ttfts) / len(ttfts), 3) if ttfts else None,
                 "p50": _percentile(ttfts, 0.5), "p95": _percentile(ttfts, 0.95)},
        "tokensPerSecond": round(sum(rates) / len(rates), 3) if rates else None,
        "timeoutRate": round(timeouts / len(rows), 6) if rows else 0.0,
    }
