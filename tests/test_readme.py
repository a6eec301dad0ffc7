"""The README documents what the code reads."""

from __future__ import annotations

from pathlib import Path

from lumiscope.sdk.config import ENVIRONMENT as SDK_ENVIRONMENT
from lumiscope.server.settings import ENVIRONMENT as SERVER_ENVIRONMENT

README = (Path(__file__).resolve().parents[1] / "README.md").read_text()


def test_every_variable_the_sdk_or_the_server_reads_is_in_the_readme():
    names = [v.name for v in (*SDK_ENVIRONMENT, *SERVER_ENVIRONMENT)]
    assert [name for name in names if f"`{name}`" not in README] == []


def test_the_readme_starts_with_the_demo_and_gives_the_ci_test_command():
    ci = (Path(__file__).resolve().parents[1] / ".ci" / "run").read_text()
    assert README.index("lumiscope demo") < README.index("python -m pytest")
    assert 'pip install -e ".[dev]" && python -m pytest' in README
    assert 'pip install -e ".[dev]" && python -m pytest' in ci
