"""OTLP ingest benchmark: spans/s *committed* (counted in the store), latency and peak RSS.

    python bench/ingest.py                      # Lumiscope, then Phoenix, and the ratio
    python bench/ingest.py --target lumiscope   # Lumiscope alone
    python bench/ingest.py --target lumiscope --url http://127.0.0.1:4318/v1/traces \\
        --key lqt_... [--pid PID] [--db DATA_DIR/lumiscope.db]

The same load goes to every target: ``--batches`` gzip'd OTLP/protobuf exports of
``--spans`` realistic LLM spans (~2 KB of attributes each), built before the clock starts
and sent over ``--concurrency`` keep-alive connections. A target's committed rate is the
spans its store holds divided by the time from the first send until the count reached the
total (or until the count stopped growing, or ``--commit-timeout``).
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import sys
import threading
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

sys.path.insert(0, str(Path(__file__).resolve().parent))

import ingest_payloads as payloads  # noqa: E402
import ingest_servers as servers  # noqa: E402

BENCH_DIR = Path(__file__).resolve().parent
RETRYABLE = (429, 503)


@dataclass
class Result:
    target: str
    version: str
    spans: int
    requests: int
    send_seconds: float
    committed: int
    commit_seconds: float
    complete: bool
    p50_ms: float
    p99_ms: float
    max_ms: float
    refused: int  # 429/503 answers (retried)
    failed: int  # other answers or connection errors (not retried)
    peak_rss_mb: float | None
    start_rss_mb: float | None
    cpu_seconds: float | None
    client_cpu_seconds: float
    notes: list[str] = field(default_factory=list)

    @property
    def acknowledged_per_s(self) -> float:
        return self.spans / self.send_seconds if self.send_seconds else 0.0

    @property
    def committed_per_s(self) -> float:
        return self.committed / self.commit_seconds if self.commit_seconds else 0.0


class Sender:
    """Sends every body once over ``concurrency`` keep-alive connections, timing each."""

    def __init__(self, url: str, key: str | None, bodies: list[bytes], concurrency: int):
        parts = urlsplit(url)
        self.host, self.port = parts.hostname or "127.0.0.1", parts.port or 80
        self.path = parts.path or "/v1/traces"
        self.headers = {"Content-Type": "application/x-protobuf", "Content-Encoding": "gzip"}
        if key:
            self.headers["x-api-key"] = key
        self.bodies, self.concurrency = bodies, concurrency
        self.latencies: list[float] = []
        self.refused = self.failed = 0
        self.errors: list[str] = []
        self._next = 0
        self._lock = threading.Lock()

    def run(self) -> None:
        threads = [threading.Thread(target=self._worker, name=f"sender-{i}")
                   for i in range(self.concurrency)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()

    def send_one(self, body: bytes) -> int:
        conn = http.client.HTTPConnection(self.host, self.port, timeout=120)
        try:
            conn.request("POST", self.path, body, self.headers)
            response = conn.getresponse()
            response.read()
            return response.status
        finally:
            conn.close()

    def _take(self) -> bytes | None:
        with self._lock:
            if self._next >= len(self.bodies):
                return None
            self._next += 1
            return self.bodies[self._next - 1]

    def _worker(self) -> None:
        conn = http.client.HTTPConnection(self.host, self.port, timeout=300)
        while (body := self._take()) is not None:
            for attempt in range(50):
                started = time.perf_counter()
                try:
                    conn.request("POST", self.path, body, self.headers)
                    response = conn.getresponse()
                    answer = response.read()
                except OSError as exc:
                    conn.close()
                    conn = http.client.HTTPConnection(self.host, self.port, timeout=300)
                    if attempt < 2:
                        continue
                    self._fail(f"{type(exc).__name__}: {exc}")
                    break
                elapsed = time.perf_counter() - started
                if response.status in RETRYABLE:
                    with self._lock:
                        self.refused += 1
                    retry_after = response.getheader("Retry-After") or "0.2"
                    time.sleep(min(float(retry_after), 1.0) if retry_after.isdigit() else 0.2)
                    continue
                if response.status >= 300:
                    self._fail(f"HTTP {response.status}: {answer[:200]!r}")
                else:
                    with self._lock:
                        self.latencies.append(elapsed)
                break
        conn.close()

    def _fail(self, reason: str) -> None:
        with self._lock:
            self.failed += 1
            if len(self.errors) < 5:
                self.errors.append(reason)


def _percentile(values: list[float], fraction: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


def _wait_committed(counter: servers.SpanCounter, target: int, timeout: float) -> int:
    deadline = time.monotonic() + timeout
    while (count := counter.count()) < target and time.monotonic() < deadline:
        time.sleep(0.1)
    return count


def run_target(server: servers.Server, load: payloads.Load, args: argparse.Namespace) -> Result:
    counter = servers.SpanCounter(server)
    sender = Sender(server.url, server.key, load.bodies, args.concurrency)
    notes = list(server.notes)
    # Warm up: one small export, so first-request imports and caches are off the clock.
    status = sender.send_one(payloads.probe())
    if status >= 300:
        raise RuntimeError(f"{server.name} answered {status} to the warm-up export")
    before = _wait_committed(counter, 1, timeout=60)
    start_rss = servers.rss_mb(server.pid) if server.pid else None
    cpu_before = servers.cpu_seconds(server.pid) if server.pid else None
    sampler = servers.Sampler(counter, server.pid)
    print(f"[{server.name}] sending {len(load.bodies)} x {load.spans_per_batch} spans over "
          f"{args.concurrency} connections to {server.url}"
          + (f" (pid {server.pid})" if server.pid else ""), flush=True)
    client_cpu = time.process_time()
    t0 = time.perf_counter()
    sampler.start(t0)
    sender.run()
    send_seconds = time.perf_counter() - t0
    print(f"[{server.name}] all answered after {send_seconds:.1f}s; waiting for the store",
          flush=True)
    # Wait until every span is counted, the count stops growing, or the timeout passes.
    goal = before + load.spans
    last_growth, last_count = time.perf_counter(), -1
    settled = False
    while True:
        time.sleep(0.2)
        current = sampler.samples[-1].committed if sampler.samples else 0
        now = time.perf_counter()
        if current != last_count:
            last_count, last_growth = current, now
        if current >= goal:
            break
        if now - last_growth > args.settle:
            settled = True
            notes.append(f"count stopped growing for {args.settle:.0f}s")
            break
        if now - t0 - send_seconds > args.commit_timeout:
            notes.append(f"stopped waiting {args.commit_timeout:.0f}s after the last answer")
            break
    sampler.stop()
    client_cpu = time.process_time() - client_cpu
    final = sampler.sample()
    committed = final.committed - before
    complete = final.committed >= goal
    if complete:
        # The first sample that saw the whole load: its time is when the last span landed.
        commit_seconds = next(s.at for s in sampler.samples if s.committed >= goal)
    else:
        grown = [s for s in sampler.samples if s.committed == final.committed]
        commit_seconds = grown[0].at if settled else final.at
        notes.append(f"only {committed:,} of {load.spans:,} spans committed")
    counter.close()
    if sender.errors:
        notes.append("errors: " + "; ".join(sender.errors))
    return Result(
        target=server.name, version=server.version, spans=load.spans,
        requests=len(load.bodies), send_seconds=send_seconds, committed=committed,
        commit_seconds=commit_seconds, complete=complete,
        p50_ms=_percentile(sender.latencies, 0.50) * 1000,
        p99_ms=_percentile(sender.latencies, 0.99) * 1000,
        max_ms=max(sender.latencies, default=float("nan")) * 1000,
        refused=sender.refused, failed=sender.failed,
        peak_rss_mb=servers.peak_rss_mb(server.pid) if server.pid else None,
        start_rss_mb=start_rss,
        cpu_seconds=(servers.cpu_seconds(server.pid) - cpu_before) if server.pid else None,
        client_cpu_seconds=client_cpu, notes=notes,
    )


def _mb(value: float | None) -> str:
    return "n/a" if value is None else f"{value:,.0f} MB"


def report(result: Result) -> None:
    rows = [
        ("server", f"{result.target} {result.version}".strip()),
        ("load", f"{result.spans:,} spans in {result.requests} requests"),
        ("acknowledged", f"{result.acknowledged_per_s:,.0f} spans/s "
                         f"(all answered after {result.send_seconds:.2f}s)"),
        ("committed", f"{result.committed_per_s:,.0f} spans/s "
                      f"({result.committed:,} spans in the store after "
                      f"{result.commit_seconds:.2f}s)"),
        ("latency", f"p50 {result.p50_ms:,.0f} ms, p99 {result.p99_ms:,.0f} ms, "
                    f"max {result.max_ms:,.0f} ms"),
        ("refused/failed", f"{result.refused} answered 429/503 (retried), "
                           f"{result.failed} failed"),
        ("server RSS", f"peak {_mb(result.peak_rss_mb)} (before the load "
                       f"{_mb(result.start_rss_mb)})"),
    ]
    if result.cpu_seconds is not None and result.committed:
        rows.append(("server CPU", f"{result.cpu_seconds:.1f} s, "
                                   f"{result.cpu_seconds * 1000 / result.committed:.3f} ms "
                                   "per committed span"))
    rows.append(("client CPU", f"{result.client_cpu_seconds:.1f} s (this script: senders "
                               "and store polling, on the same machine)"))
    rows += [("note", note) for note in result.notes]
    width = max(len(name) for name, _ in rows)
    print()
    for name, value in rows:
        print(f"  {name:<{width}}  {value}")
    print(flush=True)


def compare(results: list[Result]) -> None:
    by_name = {r.target: r for r in results}
    lumi, phoenix = by_name.get("lumiscope"), by_name.get("phoenix")
    header = f"  {'':<22}" + "".join(f"{r.target:>14}" for r in results)
    print(header)
    lines = (
        ("committed spans/s", lambda r: f"{r.committed_per_s:,.0f}"),
        ("acknowledged spans/s", lambda r: f"{r.acknowledged_per_s:,.0f}"),
        ("p50 latency ms", lambda r: f"{r.p50_ms:,.0f}"),
        ("p99 latency ms", lambda r: f"{r.p99_ms:,.0f}"),
        ("peak RSS MB", lambda r: "n/a" if r.peak_rss_mb is None else f"{r.peak_rss_mb:,.0f}"),
        ("CPU ms/span", lambda r: "n/a" if not (r.cpu_seconds and r.committed)
         else f"{r.cpu_seconds * 1000 / r.committed:.3f}"),
    )
    for label, cell in lines:
        print(f"  {label:<22}" + "".join(f"{cell(r):>14}" for r in results))
    if lumi and phoenix and phoenix.committed_per_s:
        ratio = lumi.committed_per_s / phoenix.committed_per_s
        print(f"\n  Lumiscope/Phoenix, committed spans/s: {ratio:,.1f}x")
    print(flush=True)


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--target", choices=("lumiscope", "phoenix", "both"), default="both")
    parser.add_argument("--url", help="OTLP/HTTP traces URL of a server already running "
                        "(one target only); default: start the server here on loopback")
    parser.add_argument("--key", help="API key for --url (Lumiscope)")
    parser.add_argument("--pid", type=int, help="pid of the --url server, for RSS and CPU")
    parser.add_argument("--db", type=Path, help="SQLite file of the --url server, to count "
                        "committed spans (Lumiscope default: its /v1/events API)")
    parser.add_argument("--batches", type=int, default=200, help="requests to send")
    parser.add_argument("--spans", type=int, default=512, help="spans per request")
    parser.add_argument("--concurrency", type=int, default=4, help="connections")
    parser.add_argument("--commit-timeout", type=float, default=120.0,
                        help="seconds to wait for the store after the last answer")
    parser.add_argument("--settle", type=float, default=30.0,
                        help="stop waiting once the count has not grown for this long")
    parser.add_argument("--phoenix-venv", type=Path, default=BENCH_DIR / ".phoenix-venv")
    parser.add_argument("--phoenix-python", help="python of an existing Phoenix install")
    parser.add_argument("--phoenix-spec", default="arize-phoenix",
                        help="what to pip install into a new Phoenix venv")
    parser.add_argument("--keep", action="store_true", help="keep the servers' temp dirs")
    parser.add_argument("--json", type=Path, help="also write the results here as JSON")
    args = parser.parse_args(argv)
    if args.url and args.target == "both":
        parser.error("--url needs --target lumiscope or --target phoenix")
    if args.url and args.target == "lumiscope" and not args.key:
        parser.error("--url with --target lumiscope needs --key")
    return args


def _server(name: str, args: argparse.Namespace) -> servers.Server:
    if args.url:
        server = servers.Server(name, args.url, key=args.key, pid=args.pid, db_path=args.db)
        server.notes.append("server started elsewhere")
        return server
    if name == "lumiscope":
        return servers.start_lumiscope()
    python = args.phoenix_python or servers.ensure_phoenix(args.phoenix_venv, args.phoenix_spec)
    return servers.start_phoenix(python)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    started = time.perf_counter()
    load = payloads.build(args.batches, args.spans)
    gz = sum(len(b) for b in load.bodies) / len(load.bodies)
    print(f"built {load.spans:,} spans in {time.perf_counter() - started:.1f}s: "
          f"{args.batches} requests of {args.spans} spans, {load.raw_bytes / 1e6:.2f} MB "
          f"protobuf -> {gz / 1e6:.2f} MB gzip each, {load.attribute_bytes:,} B of "
          f"attributes per span", flush=True)
    print(f"machine: {os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.2f} "
          "(other work on the machine skews the figures)", flush=True)
    targets = ["lumiscope", "phoenix"] if args.target == "both" else [args.target]
    results = []
    for name in targets:
        server = _server(name, args)
        try:
            result = run_target(server, load, args)
        finally:
            server.stop(args.keep)
            if args.keep and server.workdir:
                print(f"[{name}] kept {server.workdir}")
        report(result)
        results.append(result)
    compare(results)
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps([asdict(r) | {
            "committed_per_s": r.committed_per_s, "acknowledged_per_s": r.acknowledged_per_s,
        } for r in results], indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
