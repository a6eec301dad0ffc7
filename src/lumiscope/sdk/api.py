"""The functions behind ``lumiscope.init`` and friends.

The OpenTelemetry SDK and the exporter are imported on first use, so ``import lumiscope``
stays light. After ``init`` none of these raise: problems are logged on the ``lumiscope``
logger. Before ``init``, ``flush``/``shutdown`` do nothing and the memory calls log a warning
and return ``None``/``False``.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from lumiscope import __version__
from lumiscope.sdk import state

if TYPE_CHECKING:
    from opentelemetry.sdk.trace import TracerProvider

    from lumiscope.sdk.runtime import Stats

logger = logging.getLogger("lumiscope")
USER_AGENT = f"lumiscope-sdk-py/{__version__}"


def init(api_key: str | None = None, *, endpoint: str | None = None,
         service_name: str | None = None, environment: str | None = None,
         sample_rate: float | None = None, redact_fields: Sequence[str] | None = None,
         capture_content: bool | None = None, instrument: bool | None = None,
         api_endpoint: str | None = None, debug: bool | None = None,
         enabled: bool | None = None, timeout: float | None = None,
         tracer_provider: TracerProvider | None = None) -> None:
    """Start tracing: spans are batched in memory and exported in the background to
    ``endpoint`` (``/v1/traces``) as OTLP/HTTP with the key in ``x-api-key``.

    Arguments left ``None`` come from ``LUMISCOPE_*`` then ``OTEL_*`` variables (see
    :mod:`lumiscope.sdk.config`). With ``instrument`` (default on) every installed library of
    the OpenLLMetry registry is instrumented. Attaches to ``tracer_provider``, or to the
    application's global OpenTelemetry SDK provider if it has one (whose sampler then rules),
    instead of replacing it. Raises ``ValueError`` for an invalid setting, at startup only. A
    second call logs a warning and changes nothing. Call from the main thread, once, before
    creating LLM clients.
    """
    from lumiscope.sdk import logs, runtime
    from lumiscope.sdk.config import load_config

    config = load_config(
        api_key=api_key, endpoint=endpoint, service_name=service_name,
        environment=environment, sample_rate=sample_rate, redact_fields=redact_fields,
        capture_content=capture_content, instrument=instrument, api_endpoint=api_endpoint,
        debug=debug, enabled=enabled, timeout=timeout,
    )
    if not config.enabled:
        logger.info("lumiscope: disabled by configuration, nothing is traced")
        return
    if config.debug:
        logs.debug_to_stdout(logger)
    if not config.api_key:
        logger.warning("lumiscope: no API key (LUMISCOPE_API_KEY); the server will refuse "
                       "the spans unless a header in OTEL_EXPORTER_OTLP_HEADERS carries one")
    try:
        runtime.init(config, tracer_provider=tracer_provider, user_agent=USER_AGENT)
    except runtime.AlreadyInitialized:
        logger.warning("lumiscope: init() was called again; the first configuration stays")


def flush(timeout: float = 30.0) -> bool:
    """Export every queued span now. Blocks the caller (use it at the end of a serverless
    handler or a script); ``False`` if not initialized or the export did not complete."""
    runtime = state.current()
    return runtime.flush(timeout) if runtime is not None else False


def shutdown(timeout: float = 10.0) -> None:
    """Flush and stop exporting (also done at interpreter exit). Blocks for at most about
    ``timeout`` seconds plus one export request. Idempotent."""
    runtime = state.current()
    if runtime is not None:
        runtime.shutdown(timeout)


def stats() -> Stats:
    """Counts of spans exported, failed (after retries) and dropped (queue full)."""
    from lumiscope.sdk.runtime import Stats

    runtime = state.current()
    return runtime.stats() if runtime is not None else Stats()


def _client() -> Any:
    runtime = state.current()
    if runtime is None:
        logger.warning("lumiscope: call lumiscope.init() before the memory or session calls")
    return runtime


def get_memory(user_id: Any, *, session_id: Any = None, agent_id: Any = None,
               view: str | None = None) -> Any:
    """What the server remembers about a user (its ``memory`` object), or ``None`` when there
    is none or on any error (logged). Blocks up to the configured timeout."""
    runtime = _client()
    if runtime is None:
        return None
    memory = runtime.client.get_memory(user_id, session_id=session_id, agent_id=agent_id,
                                       view=view)
    return _or_none(memory)


async def aget_memory(user_id: Any, *, session_id: Any = None, agent_id: Any = None,
                      view: str | None = None) -> Any:
    """:func:`get_memory` in a worker thread."""
    runtime = _client()
    if runtime is None:
        return None
    memory = await runtime.client.aget_memory(user_id, session_id=session_id,
                                              agent_id=agent_id, view=view)
    return _or_none(memory)


def _or_none(memory: Any) -> Any:
    from lumiscope.sdk.client import NO_MEMORY  # loaded already: the runtime holds a client

    return None if memory is NO_MEMORY else memory


def end_session(user_id: Any, session_id: Any) -> bool:
    """Flush pending spans, then tell the server the session is over (so its memory is
    built). Blocks; ``True`` when the server accepted it; never raises."""
    runtime = _client()
    return runtime.end_session(user_id, session_id) if runtime is not None else False


async def aend_session(user_id: Any, session_id: Any) -> bool:
    """:func:`end_session` in a worker thread."""
    import asyncio

    runtime = _client()
    if runtime is None:
        return False
    return await asyncio.to_thread(runtime.end_session, user_id, session_id)
