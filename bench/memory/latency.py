"""get-memory latency with many users stored: prints p50/p95/p99 over HTTP.

    python bench/memory/latency.py [--users 10000] [--facts 8] [--requests 2000]

Fills a fresh SQLite store (or --database-url) with users' facts and summaries through
the store's own write path, starts the server on loopback and times GET /v1/get-memory
for random users, sequentially, from this process.
"""

from __future__ import annotations

import argparse
import random
import statistics
import tempfile
import time
from pathlib import Path

import httpx

from lumiscope.demo.server import BackgroundServer, free_port
from lumiscope.server.app import open_store
from lumiscope.server.memory.model import Fact, MemoryUpdate, Provenance
from lumiscope.server.settings import Settings
from lumiscope.server.store.database import writing
from lumiscope.server.store.memory_store import save_update
from lumiscope.server.store.projects import create_key, project_for_key

CITIES = ["Lisbon", "Porto", "Berlin", "Paris", "Madrid", "Oslo", "Rome", "Tokyo"]
FACT_KINDS = [("location", "home_city"), ("work", "job_title"), ("preference", "likes"),
              ("health", "allergy"), ("relationship", "pet"), ("goal", "goal"),
              ("possession", "car"), ("identity", "name"), ("constraint", "budget")]


def facts_for(user: int, count: int, now: int) -> list[Fact]:
    rng = random.Random(user)
    facts = []
    for index in range(count):
        category, subject = FACT_KINDS[index % len(FACT_KINDS)]
        value = f"{rng.choice(CITIES)} {index}"
        facts.append(Fact(category=category, subject=subject, value=value,
                          text=f"{subject.replace('_', ' ')}: {value}", confidence=0.9,
                          provenance=(Provenance(f"t{user}", f"s{index}", f"sess{user}", now),),
                          agent_id=None, valid_from_ns=now))
    return facts


def fill(engine, project_id: str, users: int, facts: int) -> float:  # type: ignore[no-untyped-def]
    started = time.perf_counter()
    now = time.time_ns()
    for first in range(0, users, 500):
        with writing(engine) as conn:
            for user in range(first, min(first + 500, users)):
                update = MemoryUpdate(facts=facts_for(user, facts, now), superseded=[],
                                      session_summary="Talked about travel.",
                                      user_summary=f"User {user} likes travel.")
                save_update(conn, project_id, f"user-{user}", f"sess{user}", update, [], now)
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--users", type=int, default=10_000)
    parser.add_argument("--facts", type=int, default=8)
    parser.add_argument("--requests", type=int, default=2_000)
    parser.add_argument("--database-url")
    args = parser.parse_args()

    data_dir = Path(tempfile.mkdtemp(prefix="lumiscope-memory-bench-"))
    settings = Settings.load({}, data_dir=data_dir, port=free_port(),
                             database_url=args.database_url, memory_interval=3600)
    engine = open_store(settings)
    with writing(engine) as conn:
        key = create_key(conn, "bench")
        project = project_for_key(conn, key)
    seconds = fill(engine, project.id, args.users, args.facts)
    print(f"stored {args.users:,} users x {args.facts} facts in {seconds:.1f}s "
          f"({settings.store_url})")
    rng = random.Random(7)
    with BackgroundServer(settings, engine) as server, \
            httpx.Client(base_url=server.base_url, headers={"x-api-key": key}) as api:
        for _ in range(50):  # warm up connections and caches
            api.get("/v1/get-memory", params={"user_id": "user-0"})
        timings = []
        for _ in range(args.requests):
            user = f"user-{rng.randrange(args.users)}"
            started = time.perf_counter()
            response = api.get("/v1/get-memory", params={"user_id": user})
            timings.append((time.perf_counter() - started) * 1000)
            assert response.status_code == 200, response.text
    timings.sort()

    def pct(q: float) -> float:
        return timings[min(len(timings) - 1, int(q * len(timings)))]

    print(f"get-memory over HTTP, {args.requests:,} requests for random users: "
          f"p50 {pct(0.5):.2f} ms, p95 {pct(0.95):.2f} ms, p99 {pct(0.99):.2f} ms, "
          f"mean {statistics.fmean(timings):.2f} ms  (target: p95 < 20 ms)")


if __name__ == "__main__":
    main()
