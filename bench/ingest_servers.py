"""Servers under test: starting them on loopback, and reading their memory, CPU and stores."""

from __future__ import annotations

import json
import os
import re
import shutil
import socket
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

_KEY_LINE = re.compile(r"API key \(project default\): (lqt_\S+)")
_CLOCK_TICKS = os.sysconf("SC_CLK_TCK")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@dataclass
class Server:
    """A server process this script started, or one named by ``--url`` (``process`` None)."""

    name: str
    url: str  # the OTLP/HTTP traces endpoint
    key: str | None = None
    pid: int | None = None
    db_path: Path | None = None
    process: subprocess.Popen | None = None
    workdir: Path | None = None
    log_path: Path | None = None
    version: str = ""
    notes: list[str] = field(default_factory=list)

    def stop(self, keep: bool) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(20)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        if self.workdir is not None and not keep:
            shutil.rmtree(self.workdir, ignore_errors=True)


def _wait_http(url: str, process: subprocess.Popen, log_path: Path, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"server exited with {process.returncode}; see {log_path}:\n"
                               + log_path.read_text()[-2000:])
        try:
            with urllib.request.urlopen(url, timeout=2):
                return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError(f"server did not answer {url} within {timeout:.0f}s; see {log_path}")


def start_lumiscope(python: str = sys.executable) -> Server:
    """``lumiscope serve`` on a free loopback port with a fresh data dir; reads its key."""
    workdir = Path(tempfile.mkdtemp(prefix="lumiscope-bench-"))
    port = free_port()
    log_path = workdir / "server.log"
    with open(log_path, "wb") as log:
        process = subprocess.Popen(
            [python, "-m", "lumiscope.cli", "serve", "--host", "127.0.0.1", "--port", str(port),
             "--data-dir", str(workdir / "data")],
            stdout=log, stderr=subprocess.STDOUT,
        )
    base = f"http://127.0.0.1:{port}"
    server = Server("lumiscope", f"{base}/v1/traces", pid=process.pid, process=process,
                    db_path=workdir / "data" / "lumiscope.db", workdir=workdir,
                    log_path=log_path)
    try:
        _wait_http(base + "/", process, log_path, timeout=60)
        match = _KEY_LINE.search(log_path.read_text())
        if not match:
            raise RuntimeError(f"no API key line in {log_path}")
        server.key = match.group(1)
        server.version = subprocess.run(
            [python, "-c", "import lumiscope; print(lumiscope.__version__)"],
            capture_output=True, text=True, check=False).stdout.strip()
    except Exception:
        server.stop(keep=True)
        raise
    return server


def ensure_phoenix(venv: Path, spec: str) -> str:
    """The venv's python, after creating the venv and installing ``spec`` when missing."""
    python = venv / "bin" / "python"
    phoenix = venv / "bin" / "phoenix"
    if python.exists() and phoenix.exists():
        return str(python)
    print(f"creating {venv} and installing {spec} (once) ...", flush=True)
    started = time.monotonic()
    steps = ([sys.executable, "-m", "venv", str(venv)],
             [str(python), "-m", "pip", "install", "--quiet", "--upgrade", "pip"],
             [str(python), "-m", "pip", "install", "--quiet", spec])
    for step in steps:
        # pip's output is only worth reading when it fails.
        done = subprocess.run(step, capture_output=True, text=True, check=False)
        if done.returncode:
            raise RuntimeError(f"{' '.join(step)} failed:\n{done.stdout}{done.stderr}")
    print(f"  Phoenix virtualenv ready in {time.monotonic() - started:.0f}s", flush=True)
    return str(python)


def start_phoenix(python: str) -> Server:
    """``phoenix serve`` on free loopback ports with a temporary working directory."""
    workdir = Path(tempfile.mkdtemp(prefix="phoenix-bench-"))
    port, grpc_port = free_port(), free_port()
    env = {
        **os.environ,
        "PHOENIX_HOST": "127.0.0.1",
        "PHOENIX_PORT": str(port),
        "PHOENIX_GRPC_PORT": str(grpc_port),
        "PHOENIX_WORKING_DIR": str(workdir),
        "PHOENIX_TELEMETRY_ENABLED": "false",
    }
    log_path = workdir / "server.log"
    phoenix = str(Path(python).with_name("phoenix"))
    with open(log_path, "wb") as log:
        process = subprocess.Popen([phoenix, "serve"], stdout=log, stderr=subprocess.STDOUT,
                                   env=env)
    base = f"http://127.0.0.1:{port}"
    server = Server("phoenix", f"{base}/v1/traces", pid=process.pid, process=process,
                    db_path=workdir / "phoenix.db", workdir=workdir, log_path=log_path)
    try:
        _wait_http(base + "/healthz", process, log_path, timeout=180)
        server.version = subprocess.run(
            [python, "-c", "from phoenix.version import __version__ as v; print(v)"],
            capture_output=True, text=True, check=False).stdout.strip()
    except Exception:
        server.stop(keep=True)
        raise
    return server


# --- the server's process: memory and CPU, from /proc --------------------------------------


def _tree(pid: int) -> list[int]:
    """``pid`` and its descendants (Phoenix may fork workers)."""
    children: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            stat = Path(f"/proc/{entry}/stat").read_text()
        except OSError:
            continue
        ppid = int(stat.rsplit(")", 1)[1].split()[1])
        children.setdefault(ppid, []).append(int(entry))
    found, todo = [], [pid]
    while todo:
        current = todo.pop()
        found.append(current)
        todo.extend(children.get(current, []))
    return found


def _status_kb(pid: int, field_name: str) -> int:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith(field_name + ":"):
                return int(line.split()[1])
    except OSError:
        pass
    return 0


def rss_mb(pid: int) -> float:
    """Current resident memory of the process tree, MB."""
    return sum(_status_kb(p, "VmRSS") for p in _tree(pid)) / 1024


def peak_rss_mb(pid: int) -> float:
    """Peak resident memory (VmHWM) of the process tree, MB (summed over its processes)."""
    return sum(_status_kb(p, "VmHWM") for p in _tree(pid)) / 1024


def cpu_seconds(pid: int) -> float:
    """User + system CPU time of the process tree so far."""
    total = 0
    for p in _tree(pid):
        try:
            fields = Path(f"/proc/{p}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        total += int(fields[11]) + int(fields[12])  # utime, stime
    return total / _CLOCK_TICKS


# --- counting what the store committed --------------------------------------------------------


class SpanCounter:
    """Counts committed spans: the SQLite file when known, else Lumiscope's API."""

    def __init__(self, server: Server) -> None:
        self.server = server
        self._conn: sqlite3.Connection | None = None
        self._lock = threading.Lock()

    def count(self) -> int:
        with self._lock:
            return self._count()

    def _count(self) -> int:
        if self.server.db_path is not None:
            return self._count_sqlite(self.server.db_path)
        if self.server.name == "lumiscope":
            return self._count_api()
        raise RuntimeError("give --db PATH to count a Phoenix store started elsewhere")

    def _count_sqlite(self, path: Path) -> int:
        if self._conn is None:
            if not path.exists():
                return 0
            self._conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=30,
                                         check_same_thread=False)
        try:
            return self._conn.execute("SELECT count(*) FROM spans").fetchone()[0]
        except sqlite3.OperationalError as exc:
            if "no such table" in str(exc):
                return 0
            raise

    def _count_api(self) -> int:
        base = self.server.url.rsplit("/v1/traces", 1)[0]
        request = urllib.request.Request(f"{base}/v1/events?limit=1",
                                         headers={"x-api-key": self.server.key or ""})
        with urllib.request.urlopen(request, timeout=30) as response:
            return int(json.load(response)["total"])

    def close(self) -> None:
        if self._conn is not None:
            self._conn.close()


@dataclass
class Sample:
    at: float  # seconds since the first send
    committed: int
    rss_mb: float


class Sampler:
    """Polls the committed count (and RSS) in a thread, from the first send until stopped."""

    def __init__(self, counter: SpanCounter, pid: int | None, interval: float = 0.1) -> None:
        self.counter, self.pid, self.interval = counter, pid, interval
        self.samples: list[Sample] = []
        self.t0 = 0.0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="sampler", daemon=True)

    def start(self, t0: float) -> None:
        self.t0 = t0
        self._thread.start()

    def _run(self) -> None:
        while not self._stop.is_set():
            self.sample()
            self._stop.wait(self.interval)

    def sample(self) -> Sample:
        # Stamped before the query: the count is of the snapshot the query started on.
        at = time.perf_counter() - self.t0
        committed = self.counter.count()
        rss = rss_mb(self.pid) if self.pid else 0.0
        sample = Sample(at, committed, rss)
        self.samples.append(sample)
        return sample

    def stop(self) -> None:
        self._stop.set()
        self._thread.join()
