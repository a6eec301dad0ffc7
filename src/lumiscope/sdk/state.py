"""The SDK's one piece of module state: the set-once running instance.

Kept apart from :mod:`lumiscope.sdk.runtime` so the decorators, the context functions and the
middlewares can reach the running instance without importing the OpenTelemetry SDK or the
exporter: ``import lumiscope`` stays light. Reads are lock-free (one attribute read); only
:mod:`lumiscope.sdk.runtime` writes, under its lock.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from opentelemetry import trace

if TYPE_CHECKING:
    from lumiscope.sdk.runtime import Runtime

TRACER_NAME = "lumiscope"

_current: Runtime | None = None


def current() -> Runtime | None:
    """The running SDK instance, or ``None`` before ``init()`` (and after ``_reset()``)."""
    return _current


def install(runtime: Runtime | None) -> None:
    """Only :mod:`lumiscope.sdk.runtime` calls this, holding its lock."""
    global _current
    _current = runtime


def tracer() -> Any:
    """The tracer decorators and middlewares start spans with.

    The running instance's (its own or the provider it attached to); before ``init()`` the
    global one, which is a no-op unless the application set up OpenTelemetry itself.
    """
    runtime = _current
    if runtime is not None:
        return runtime.tracer
    return trace.get_tracer(TRACER_NAME)
