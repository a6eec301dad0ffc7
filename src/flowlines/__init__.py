"""The Flowlines Python SDK (0.2.4 API, the integration guide's contract) on Lumiscope.

Code written from the Flowlines guide runs unchanged but for the key and the endpoints:

    flowlines.init(api_key=KEY, ingest_endpoint="http://127.0.0.1:4318",
                   api_endpoint="http://127.0.0.1:4318")

A thin face over :mod:`lumiscope.sdk`, keeping the documented behaviour where the guide and
0.2.4 differ (DESIGN.md): a second ``init()`` raises ``RuntimeError``; ``session_id`` is
optional in ``context``/``set_context``; everything after ``api_key`` is keyword-only; memory
and session calls never raise for server, network or body problems (``RuntimeError`` only
before ``init()``). Logger ``flowlines``: ERROR lines always on stderr as ``[flowlines] ...``,
DEBUG too with ``verbose=True`` (each line once).
"""

from __future__ import annotations

import asyncio
import json
import logging
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import Token
from typing import Any

from opentelemetry.sdk.trace import SpanProcessor

from lumiscope.sdk import context as _context
from lumiscope.sdk import instrumentors as _instrumentors
from lumiscope.sdk import logs as _logs
from lumiscope.sdk import runtime as _runtime
from lumiscope.sdk import state as _state
from lumiscope.sdk.client import NO_MEMORY as _NO_MEMORY
from lumiscope.sdk.config import load_config as _load_config
from lumiscope.sdk.config import require_https_unless_loopback as _require_endpoint
from lumiscope.sdk.export.exporter import LLMSpanFilter as _LLMSpanFilter
from lumiscope.sdk.export.exporter import otlp_exporter as _otlp_exporter

__all__ = [
    "FlowlinesExporter",
    "FlowlinesMemoryError",
    "FlowlinesSessionError",
    "aend_session",
    "aget_memory",
    "clear_context",
    "context",
    "create_span_processor",
    "end_session",
    "get_instrumentors",
    "get_memory",
    "init",
    "set_context",
    "shutdown",
]

_log = logging.getLogger("flowlines")
_logs.attach_handler(_log, logging.ERROR, "[flowlines] %(message)s")

_KEY_HEADER = "x-flowlines-api-key"
_USER_AGENT = "flowlines-sdk-py"


class FlowlinesMemoryError(Exception):
    """Kept for import compatibility: memory errors are logged, never raised (0.2.3+)."""

    def __init__(self, message: str, *, status_code: int | None = None) -> None:
        super().__init__(message)
        self.status_code = status_code


class FlowlinesSessionError(Exception):
    """Kept for import compatibility: session errors are logged, never raised (0.2.3+)."""

    def __init__(self, message: str, *, status_code: int | None = None) -> None:
        super().__init__(message)
        self.status_code = status_code


class FlowlinesExporter(_LLMSpanFilter):
    """OTLP/HTTP (protobuf, gzip) to ``endpoint`` + ``/v1/traces`` with the key in
    ``x-flowlines-api-key``, sending only LLM spans (a ``gen_ai.*`` or ``ai.*`` attribute)."""

    def __init__(self, api_key: str, endpoint: str) -> None:
        url = endpoint.rstrip("/") + "/v1/traces"
        super().__init__(_otlp_exporter(url, {_KEY_HEADER: api_key}), _log,
                         _context.FLOWLINES_KEYS)


def init(api_key: str, *, has_external_otel: bool = False, has_traceloop: bool = False,
         verbose: bool = False, ingest_endpoint: str = "https://ingest.flowlines.ai",
         api_endpoint: str = "https://api.flowlines.ai") -> None:
    """Start the SDK, once per process; a second call raises ``RuntimeError`` (also after
    ``shutdown()``; a failed call does not count).

    Mode A (default): own ``TracerProvider``, set globally, every installed LLM library
    instrumented. Mode B1 (``has_external_otel``): nothing is created; add
    :func:`create_span_processor` to your provider. Mode B2 (``has_traceloop``): the
    processor is added to Traceloop's global provider (``RuntimeError`` if there is none).
    ``ValueError`` for an empty key, both modes at once, or an endpoint that is neither HTTPS
    nor loopback.
    """
    if _state.current() is not None:
        raise RuntimeError("flowlines.init() must be called exactly once")
    if not isinstance(api_key, str) or not api_key.strip():
        raise ValueError("api_key must not be empty")
    if has_external_otel and has_traceloop:
        raise ValueError("has_external_otel and has_traceloop are mutually exclusive")
    _require_endpoint(ingest_endpoint)
    _require_endpoint(api_endpoint)
    if verbose:
        _logs.set_verbose(_log)
    _instrumentors.apply_compat_patches()
    mode = "external" if has_external_otel else "global" if has_traceloop else "own"
    _log.debug("Initializing (ingest endpoint %s)", ingest_endpoint)
    config = _load_config(api_key=api_key, endpoint=ingest_endpoint, api_endpoint=api_endpoint,
                          key_header=_KEY_HEADER, instrument=mode == "own", timeout=30.0)
    try:
        _runtime.init(config, mode=mode, exporter=FlowlinesExporter(api_key, ingest_endpoint),
                      log=_log, user_agent=_USER_AGENT)
    except _runtime.AlreadyInitialized:  # a concurrent init() won
        raise RuntimeError("flowlines.init() must be called exactly once") from None
    _log.debug("Initialized in mode %s", {"own": "A", "external": "B1", "global": "B2"}[mode])


def shutdown() -> None:
    """Flush and stop exporting; a no-op before ``init()``, idempotent, never raises (errors
    are logged with their traceback). Also runs at interpreter exit."""
    runtime = _state.current()
    if runtime is not None:
        _log.debug("Shutting down")
        runtime.shutdown()


def _require() -> _runtime.Runtime:
    runtime = _state.current()
    if runtime is None:
        raise RuntimeError("flowlines.init() must be called first")
    return runtime


def create_span_processor() -> SpanProcessor:
    """The processor to add to your own provider in Mode B1. ``RuntimeError`` before
    ``init()`` and when one was created already (always in Modes A and B2)."""
    return _require().create_processor()


def get_instrumentors() -> list[Any]:
    """Instrumentors of the installed LLM libraries (the registry of the guide's extras)."""
    return _instrumentors.get_instrumentors(_log)


def set_context(*, user_id: Any, session_id: Any = None,
                agent_id: Any = None) -> Token[Any]:
    """Stamp ``flowlines.user_id``/``session_id``/``agent_id`` on spans started from now on
    in this context; returns the token for :func:`clear_context`. Replaces an outer context."""
    return _context.set_context(user_id=user_id, session_id=session_id, agent_id=agent_id,
                                keys=_context.FLOWLINES_KEYS)


def clear_context(token: Token[Any]) -> None:
    """Restore the context before ``set_context`` (``RuntimeError`` if the token was used,
    ``ValueError`` if it is from another context)."""
    _context.clear_context(token)


@contextmanager
def context(*, user_id: Any, session_id: Any = None, agent_id: Any = None) -> Iterator[None]:
    """``with flowlines.context(user_id=...):`` set on entry, restored on exit."""
    with _context.context(user_id=user_id, session_id=session_id, agent_id=agent_id,
                          keys=_context.FLOWLINES_KEYS):
        yield


def _as_text(memory: Any) -> str | None:
    # The real SDK's return value: json.dumps of the "memory" member, default settings.
    return None if memory is _NO_MEMORY else json.dumps(memory)


def get_memory(user_id: Any, *, session_id: Any = None, agent_id: Any = None,
               view: Any = None) -> str | None:
    """The user's memory as a JSON string, or ``None`` (no memory, or any error, logged).
    Blocks up to 30 s. ``RuntimeError`` before ``init()``."""
    memory = _require().client.get_memory(user_id, session_id=session_id, agent_id=agent_id,
                                          view=view)
    return _as_text(memory)


async def aget_memory(user_id: Any, *, session_id: Any = None, agent_id: Any = None,
                      view: Any = None) -> str | None:
    """:func:`get_memory` in a worker thread."""
    memory = await _require().client.aget_memory(user_id, session_id=session_id,
                                                 agent_id=agent_id, view=view)
    return _as_text(memory)


def end_session(user_id: Any, *, session_id: Any) -> None:
    """Flush pending spans, then mark the session ended. Blocks; never raises for server or
    network problems (logged). ``RuntimeError`` before ``init()``."""
    _require().end_session(user_id, session_id)


async def aend_session(user_id: Any, *, session_id: Any) -> None:
    """:func:`end_session` (flush and request) in a worker thread."""
    runtime = _require()
    await asyncio.to_thread(runtime.end_session, user_id, session_id)


def _reset() -> None:
    """Tests only: shut down and forget the SDK so ``init()`` may run again."""
    _runtime.reset()
