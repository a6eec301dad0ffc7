"""The published flowlines 0.2.4, in its own virtualenv, against a Lumiscope server
(spec/flowlines.md, "Acceptance: driving the real SDK").

The virtualenv is made once under ~/.cache/lumiscope-tests (``LUMISCOPE_TEST_CACHE`` moves it)
and reused; the tests are skipped only when pip cannot reach the package registry.
"""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
import uuid
from pathlib import Path

import pytest

from tests.sdk_support import wait_for

CACHE = Path(os.environ.get("LUMISCOPE_TEST_CACHE", Path.home() / ".cache" / "lumiscope-tests"))
VENV = CACHE / "flowlines-0.2.4"
PACKAGES = ["flowlines[openai]==0.2.4", "openai"]
OFFLINE_MARKS = ("Could not find a version", "No matching distribution", "Failed to establish",
                 "Temporary failure in name resolution", "Network is unreachable",
                 "Max retries exceeded", "ProxyError")


# The first test here may create the virtualenv (a pip install from the registry).
pytestmark = pytest.mark.timeout(700)


def _python() -> Path:
    return VENV / "bin" / "python"


@pytest.fixture(scope="module")
def real_flowlines() -> Path:
    """The virtualenv's python, flowlines 0.2.4 installed in it."""
    done = VENV / ".installed"
    if not done.exists():
        subprocess.run([sys.executable, "-m", "venv", "--clear", str(VENV)], check=True)
        install = subprocess.run([str(_python()), "-m", "pip", "install", "-q", *PACKAGES],
                                 capture_output=True, text=True, timeout=600)
        if install.returncode != 0:
            output = install.stdout + install.stderr
            if any(mark in output for mark in OFFLINE_MARKS):
                pytest.skip(f"pip cannot reach the package registry: {output[-300:]}")
            pytest.fail(f"installing {PACKAGES} failed:\n{output[-2000:]}")
        done.touch()
    version = subprocess.run([str(_python()), "-c",
                              "import importlib.metadata as m; print(m.version('flowlines'))"],
                             capture_output=True, text=True, check=True).stdout.strip()
    assert version == "0.2.4"
    return _python()


def _run(python: Path, code: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("OTEL_", "LUMISCOPE_"))}
    return subprocess.run([str(python), "-c", textwrap.dedent(code)], capture_output=True,
                          text=True, timeout=120, env=env)


FAILURES = ("Traceback", "request failed", "Export: failed", "Failed to export")


def _guide_example(key: str, url: str, openai_url: str, user: str, session: str,
                   verbose: bool = True) -> str:
    """The guide's full example: only the key, the endpoints and the client's URL changed
    (plus a streaming call, as the acceptance asks)."""
    return f"""
        import flowlines
        from openai import OpenAI

        flowlines.init(api_key={key!r}, ingest_endpoint={url!r}, api_endpoint={url!r},
                       verbose={verbose})

        client = OpenAI(api_key="sk-fake", base_url={openai_url!r})

        user_id = {user!r}
        session_id = {session!r}

        memory = flowlines.get_memory(user_id)
        print("memory:", memory)
        messages = [{{"role": "system", "content": "You are a helpful assistant."}}]
        if memory:
            messages.append({{"role": "system", "content": "Here is what you know about "
                              f"this user from previous conversations:\\n{{memory}}"}})
        messages.append({{"role": "user", "content": "Hello! I live in Lisbon and I am "
                          "allergic to peanuts."}})

        with flowlines.context(user_id=user_id, session_id=session_id):
            response = client.chat.completions.create(model="gpt-4", messages=messages)
            stream = client.chat.completions.create(model="gpt-4", messages=messages,
                                                    stream=True)
            for chunk in stream:
                pass

        flowlines.end_session(user_id=user_id, session_id=session_id)
    """


def test_the_guides_full_example_ingests_ends_the_session_and_reads_memory(
        real_flowlines, server_process, fake_openai):
    user, session = "user-" + uuid.uuid4().hex[:6], "sess-" + uuid.uuid4().hex[:6]
    done = _run(real_flowlines, _guide_example(server_process.key, server_process.base_url,
                                               fake_openai.base_url, user, session))
    assert done.returncode == 0, done.stderr
    assert "memory: None" in done.stdout  # 404: no memory yet, and nothing logged for it
    assert "Export: 2/2 span(s) are LLM-related" in done.stderr
    assert "Export: succeeded" in done.stderr
    assert not any(failure in done.stderr for failure in FAILURES), done.stderr
    with server_process.client() as api:
        assert api.get(f"/v1/sessions/{session}").json()["status"] == "ended"
        events = api.get("/v1/events", params={"sessionId": session}).json()["events"]
        assert len(events) == 2
        for event in events:
            assert (event["user_id"], event["model"]) == (user, "gpt-4")
            assert event["provider"] == "openai" and event["span_kind"] == "llm"
        (span,) = api.get(f"/v1/traces/{events[0]['trace_id']}").json()
        assert "Lisbon" in span["input_messages"][-1]["content"]
        assert span["output_messages"][0]["content"].startswith("You said:")
        assert any(e["input_tokens"] for e in events)
        listed = api.get("/v1/get-traces", headers={"x-flowlines-api-key": server_process.key})
        assert listed.status_code == 200


def test_mode_b1_spans_arrive_through_the_exit_hook(real_flowlines, server_process,
                                                    fake_openai):
    session = "sess-b1-" + uuid.uuid4().hex[:6]
    url = server_process.base_url
    done = _run(real_flowlines, f"""
        import flowlines
        from opentelemetry.sdk.trace import TracerProvider
        from openai import OpenAI

        flowlines.init(api_key={server_process.key!r}, has_external_otel=True,
                       ingest_endpoint={url!r}, api_endpoint={url!r})
        provider = TracerProvider()
        provider.add_span_processor(flowlines.create_span_processor())
        for instrumentor in flowlines.get_instrumentors():
            instrumentor.instrument(tracer_provider=provider)
        client = OpenAI(api_key="sk-fake", base_url={fake_openai.base_url!r})
        with flowlines.context(user_id="user-b1", session_id={session!r}):
            client.chat.completions.create(model="gpt-4o", messages=[
                {{"role": "user", "content": "hi"}}])
    """)
    assert done.returncode == 0, done.stderr
    with server_process.client() as api:
        assert wait_for(lambda: api.get("/v1/events", params={"sessionId": session})
                        .json()["events"])


def test_a_wrong_key_and_the_async_calls_never_raise(real_flowlines, server_process):
    url = server_process.base_url
    done = _run(real_flowlines, f"""
        import asyncio
        import flowlines

        flowlines.init(api_key="lqt_{'0' * 64}", ingest_endpoint={url!r},
                       api_endpoint={url!r})
        print("memory:", flowlines.get_memory("user-42", view="summary", agent_id="a"))
        flowlines.end_session("user-42", session_id="sess-wrong-key")
        print("async:", asyncio.run(flowlines.aget_memory("user-42")))
        asyncio.run(flowlines.aend_session("user-42", session_id="sess-wrong-key"))
    """)
    assert done.returncode == 0, done.stderr
    assert "memory: None" in done.stdout and "async: None" in done.stdout
    assert "Traceback" not in done.stderr


def test_a_stopped_server_gives_none_and_an_error_line_without_traceback(real_flowlines,
                                                                          server_process):
    from tests.conftest import free_port

    url = f"http://127.0.0.1:{free_port()}"
    done = _run(real_flowlines, f"""
        import flowlines

        flowlines.init(api_key={server_process.key!r}, ingest_endpoint={url!r},
                       api_endpoint={url!r})
        print("memory:", flowlines.get_memory("user-42"))
    """)
    assert done.returncode == 0, done.stderr
    assert "memory: None" in done.stdout
    assert "[flowlines] Memory request failed" in done.stderr
    assert "Traceback" not in done.stderr


def test_our_flowlines_runs_the_same_example_with_the_same_results(server_process,
                                                                    fake_openai):
    user, session = "user-" + uuid.uuid4().hex[:6], "sess-" + uuid.uuid4().hex[:6]
    done = _run(Path(sys.executable), _guide_example(
        server_process.key, server_process.base_url, fake_openai.base_url, user, session,
        verbose=False))
    assert done.returncode == 0, done.stderr
    assert done.stderr == "" and "memory: None" in done.stdout
    with server_process.client() as api:
        assert api.get(f"/v1/sessions/{session}").json()["status"] == "ended"
        events = api.get("/v1/events", params={"sessionId": session}).json()["events"]
    assert len(events) == 2 and {e["user_id"] for e in events} == {user}
