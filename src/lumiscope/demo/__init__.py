"""``lumiscope demo``: the server, a fake model and an application's traffic, in one command.

It starts the server on the embedded SQLite store (a demo data directory of its own), a
built-in fake OpenAI-compatible model, and sends traffic through the SDK; then it waits for
memory to be learned, prints commands that read what was made, and keeps serving until
Ctrl-C. Nothing leaves the machine.
"""

from __future__ import annotations

import contextlib
import json
import time
from collections.abc import Callable
from pathlib import Path

import httpx

from lumiscope.demo.server import BackgroundServer, free_port, port_is_free
from lumiscope.server.app import open_store
from lumiscope.server.settings import Settings
from lumiscope.server.store.database import writing
from lumiscope.server.store.projects import create_key

DEFAULT_DATA_DIR = Path.home() / ".lumiscope" / "demo"


def run_demo(*, port: int = 4318, data_dir: Path = DEFAULT_DATA_DIR, keep_serving: bool = True,
             echo: Callable[[str], None] = print) -> dict[str, str]:
    """Run the demo; returns the server URL and the demo key. Blocks while serving."""
    started = time.monotonic()
    if not port_is_free("127.0.0.1", port):
        echo(f"Port {port} is taken (a Lumiscope already running?); using another one.")
        port = free_port()
    settings = Settings.load({}, port=port, data_dir=data_dir, memory_interval=1.0)
    engine = open_store(settings)
    with writing(engine) as conn:
        key = create_key(conn, "demo", "lumiscope demo")
    with BackgroundServer(settings, engine) as server:
        base = server.base_url
        echo(f"Lumiscope is serving {base} (store: {data_dir})")
        _send_traffic(base, key, echo)
        memory = _wait_for_memory(base, key, "maria")
        echo(f"Done in {time.monotonic() - started:.1f}s.\n")
        echo(_where_to_look(base, key, memory, _a_request_trace(base, key)))
        if keep_serving:
            echo("Serving until Ctrl-C.")
            with contextlib.suppress(KeyboardInterrupt):
                server.wait()
    return {"base_url": base, "key": key}


def _send_traffic(base: str, key: str, echo: Callable[[str], None]) -> None:
    import lumiscope
    from lumiscope.demo import traffic
    from lumiscope.testing.fake_openai import FakeOpenAI

    lumiscope.init(api_key=key, endpoint=base, service_name="lumiscope-demo",
                   environment="demo", instrument=True)
    with FakeOpenAI() as model:
        echo(f"Fake OpenAI-compatible model on {model.base_url}; sending traffic...")
        result = traffic.run(model.base_url)
    echo(f"Sent 3 users' chats, a streamed reply, 2 web requests and "
         f"{len(result.errors)} failing calls ({', '.join(result.errors)}).")


def _wait_for_memory(base: str, key: str, user_id: str, timeout: float = 15.0) -> str | None:
    deadline = time.monotonic() + timeout
    with httpx.Client(base_url=base, headers={"x-api-key": key}) as api:
        while time.monotonic() < deadline:
            response = api.get("/v1/get-memory", params={"user_id": user_id})
            if response.status_code == 200:
                return json.dumps(response.json()["memory"], indent=2)
            time.sleep(0.2)
    return None


def _a_request_trace(base: str, key: str) -> str | None:
    """The id of a traced web request (root span, retriever and LLM call)."""
    with httpx.Client(base_url=base, headers={"x-api-key": key}) as api:
        traces = api.get("/v1/get-traces", params={"limit": 50}).json()["traces"]
    return next((t["trace_id"] for t in traces if t["span_count"] > 2), None)


def _where_to_look(base: str, key: str, memory: str | None, trace_id: str | None) -> str:
    lines = [
        f"Demo project key: {key}",
        "Read what the demo made:",
        f"  export KEY={key}",
    ]
    for what, path in (
        ("traces, newest first", "/v1/get-traces"),
        ("every span (event log)", "/v1/events?limit=20"),
        ("conversations", "/v1/sessions"),
        ("one user, with sessions", "/v1/users/maria"),
        ("what is remembered about maria", "/v1/get-memory?user_id=maria"),
        ("her facts with provenance and history", "/v1/users/maria/memory"),
        ("cost by model", "/v1/costs"),
        ("latency, TTFT, tokens/s", "/v1/performance"),
    ):
        lines.append(f"  curl -s -H \"x-api-key: $KEY\" '{base}{path}'   # {what}")
    if trace_id:
        lines.append(f"  curl -s -H \"x-api-key: $KEY\" '{base}/v1/traces/{trace_id}'"
                     "   # a web request's span tree")
    if memory:
        lines.append(f"\nMemory learned for maria (get-memory):\n{memory}")
    else:
        lines.append("\nMemory for maria is not ready yet; ask get-memory again in a moment.")
    return "\n".join(lines)
