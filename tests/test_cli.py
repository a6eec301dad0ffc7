"""The lumiscope command: serve prints its secrets once; keys are created, listed, revoked."""

from __future__ import annotations

import re
import subprocess
import sys
import time

import httpx
from click.testing import CliRunner

from lumiscope.cli import main
from tests.conftest import free_port

KEY = re.compile(r"^lqt_[0-9a-f]{64}$")


def run(*args: str) -> object:
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def test_keys_create_prints_only_the_key_and_list_never_shows_it(tmp_path):
    result = run("keys", "create", "--project", "shop", "--data-dir", str(tmp_path))
    key = result.output.strip()
    assert KEY.match(key), result.output
    listing = run("keys", "list", "--data-dir", str(tmp_path)).output
    assert "shop" in listing and key[:12] in listing
    assert key not in listing


def test_a_revoked_key_is_listed_as_revoked(tmp_path):
    key = run("keys", "create", "--data-dir", str(tmp_path)).output.strip()
    assert run("keys", "revoke", key, "--data-dir", str(tmp_path)).exit_code == 0
    assert "revoked" in run("keys", "list", "--data-dir", str(tmp_path)).output
    again = CliRunner().invoke(main, ["keys", "revoke", key, "--data-dir", str(tmp_path)])
    assert again.exit_code == 1 and "no active key" in again.output


def test_an_unreachable_database_is_a_one_line_error_not_a_traceback(tmp_path):
    result = CliRunner().invoke(main, ["keys", "list", "--database-url",
                                       "postgresql://nobody@127.0.0.1:1/none"])
    assert result.exit_code == 1
    assert "cannot open the store" in result.output
    assert "Traceback" not in result.output


def test_serve_prints_the_first_key_once_and_it_works(tmp_path):
    def start() -> tuple[subprocess.Popen, str, int]:
        port = free_port()
        proc = subprocess.Popen(
            [sys.executable, "-m", "lumiscope.cli", "serve", "--port", str(port),
             "--data-dir", str(tmp_path)], stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
            text=True)
        lines = []
        for line in proc.stdout:  # type: ignore[union-attr]
            lines.append(line)
            if "OTLP endpoint" in line:
                break
        return proc, "".join(lines), port

    proc, first, port = start()
    try:
        key = re.search(r"API key \(project default\): (\S+)", first).group(1)  # type: ignore[union-attr]
        assert KEY.match(key)
        deadline = time.monotonic() + 10
        while True:
            try:
                response = httpx.get(f"http://127.0.0.1:{port}/v1/get-traces",
                                     headers={"x-api-key": key})
                break
            except httpx.ConnectError:
                assert time.monotonic() < deadline
                time.sleep(0.1)
        assert response.status_code == 200
    finally:
        proc.terminate()
        proc.wait(10)
    proc, second, _ = start()
    proc.terminate()
    proc.wait(10)
    assert "API key" not in second
