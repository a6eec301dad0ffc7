from __future__ import annotations

import io
import logging
from collections.abc import Iterator

import pytest

import flowlines
from tests.sdk_support import clean_sdk, exporter, server_process  # noqa: F401  (clean_sdk: autouse)


@pytest.fixture(autouse=True)
def flowlines_fresh() -> Iterator[None]:
    """No SDK running, and the flowlines logger back to its import-time state."""
    log = logging.getLogger("flowlines")
    level = log.level
    yield
    flowlines._reset()
    log.setLevel(level)
    for handler in log.handlers:
        handler.setLevel(logging.ERROR)


@pytest.fixture
def stderr_lines() -> Iterator[io.StringIO]:
    """What the ``[flowlines]`` stderr handler prints during the test."""
    (handler,) = [h for h in logging.getLogger("flowlines").handlers
                  if isinstance(h, logging.StreamHandler)]
    buffer = io.StringIO()
    previous = handler.setStream(buffer)
    yield buffer
    handler.setStream(previous)
