"""``lumiscope demo`` on an empty store: traffic, memory and the commands to read them."""

from __future__ import annotations

import re
import subprocess
import sys

from sqlalchemy import func, select

from lumiscope.server.app import open_store
from lumiscope.server.settings import Settings
from lumiscope.server.store.schema import sessions, spans, traces
from tests.conftest import free_port


def test_the_demo_fills_a_fresh_store_and_says_where_to_look(tmp_path):
    port = free_port()
    done = subprocess.run(
        [sys.executable, "-m", "lumiscope.cli", "demo", "--exit", "--port", str(port),
         "--data-dir", str(tmp_path)], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    out = done.stdout
    assert "Traceback" not in out + done.stderr
    assert re.search(r"Demo project key: lqt_[0-9a-f]{64}", out)
    assert f"curl -s -H \"x-api-key: $KEY\" 'http://127.0.0.1:{port}/v1/get-traces'" in out
    assert '"value": "Lisbon"' in out  # memory was learned and shown

    engine = open_store(Settings.load({}, data_dir=tmp_path))
    with engine.connect() as conn:
        statuses = dict(conn.execute(
            select(spans.c.status, func.count()).group_by(spans.c.status)).all())
        streamed = conn.execute(select(spans.c.ttft_ms).where(spans.c.stream.is_(True))).all()
        users = set(conn.execute(select(traces.c.user_id).distinct()).scalars())
        ended = conn.execute(select(func.count()).select_from(sessions)
                             .where(sessions.c.status == "ended")).scalar()
        request_roots = conn.execute(
            select(traces.c.name, traces.c.span_count).where(traces.c.name.like("GET%"))).all()
    engine.dispose()
    assert statuses["success"] > 5 and statuses["error"] == 1 and statuses["rate_limited"] == 1
    assert streamed and streamed[0].ttft_ms is not None
    assert {"maria", "leo", "kim", "ana"} <= users
    assert ended >= 2
    assert len(request_roots) == 2 and all(count == 3 for _, count in request_roots)
