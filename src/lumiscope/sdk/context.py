"""Who a span is for (user, session, agent) and the attributes of the current request.

State is one :class:`contextvars.ContextVar` holding an immutable :class:`Scope`, so it
follows ``contextvars`` rules: asyncio tasks see a snapshot, ``asyncio.to_thread`` sees it,
plain threads do not. A scope's identity replaces the outer one's (never merges); its
``attributes`` bag is shared with the outer scope, so :func:`set_attribute` reaches the
whole request. :class:`~lumiscope.sdk.export.processor.ContextProcessor` stamps both on every
span when it starts. Nothing here needs :func:`lumiscope.init` or does I/O, and nothing
raises except the documented ``clear_context`` token errors.
"""

from __future__ import annotations

import contextvars
import logging
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any, NamedTuple

from opentelemetry import trace

logger = logging.getLogger("lumiscope")


class IdentityKeys(NamedTuple):
    """The span attribute names one face writes user, session and agent ids under."""

    user: str
    session: str
    agent: str


# Standard OpenTelemetry names where they exist; the server reads all of these.
LUMISCOPE_KEYS = IdentityKeys("user.id", "session.id", "gen_ai.agent.id")
FLOWLINES_KEYS = IdentityKeys("flowlines.user_id", "flowlines.session_id", "flowlines.agent_id")


@dataclass(frozen=True)
class Scope:
    identity: dict[str, Any] = field(default_factory=dict)
    # Shared (mutable) between a request's nested scopes: the request's trace attributes.
    attributes: dict[str, Any] = field(default_factory=dict)


_scope: contextvars.ContextVar[Scope | None] = contextvars.ContextVar(
    "lumiscope_scope", default=None
)


def current_scope() -> Scope | None:
    return _scope.get()


def set_context(*, user_id: Any, session_id: Any = None, agent_id: Any = None,
                keys: IdentityKeys = LUMISCOPE_KEYS) -> contextvars.Token[Scope | None]:
    """Make the given ids the current identity; returns the token for :func:`clear_context`.

    ``None`` values are left out; other values are written as given (an ``int`` id stays an
    ``int`` attribute). Replaces, never merges with, an outer identity.
    """
    identity = {k: v for k, v in zip(keys, (user_id, session_id, agent_id), strict=True)
                if v is not None}
    outer = _scope.get()
    bag = outer.attributes if outer is not None else {}
    return _scope.set(Scope(identity, bag))


def clear_context(token: contextvars.Token[Scope | None]) -> None:
    """Restore the identity that was current before ``set_context`` returned ``token``.

    Raises ``RuntimeError`` when the token was used already and ``ValueError`` when it comes
    from another context, as :meth:`contextvars.ContextVar.reset` does.
    """
    _scope.reset(token)


@contextmanager
def context(*, user_id: Any, session_id: Any = None, agent_id: Any = None,
            keys: IdentityKeys = LUMISCOPE_KEYS) -> Iterator[None]:
    """``with context(user_id=...):`` spans started inside carry these ids."""
    token = set_context(user_id=user_id, session_id=session_id, agent_id=agent_id, keys=keys)
    try:
        yield
    finally:
        _scope.reset(token)


def enter_request() -> contextvars.Token[Scope | None]:
    """A fresh identity and attribute bag for one request (the middlewares call this).

    WSGI servers reuse threads, so a request must never see the previous one's values.
    """
    return _scope.set(Scope())


def leave_request(token: contextvars.Token[Scope | None]) -> None:
    _scope.reset(token)


def attribute_value(value: Any) -> Any:
    """A value OpenTelemetry accepts: primitives and lists of them as is, the rest as text."""
    if isinstance(value, (str, bool, int, float)):
        return value
    if isinstance(value, (list, tuple)) and all(isinstance(v, (str, bool, int, float))
                                                for v in value):
        return list(value)
    return str(value)


def set_attribute(key: str, value: Any) -> None:
    """Attach ``key=value`` to the current span and to every span started after it in the
    current request (or ``context`` block). Never raises; a non-string key is ignored with a
    warning, a value OpenTelemetry cannot hold is stored as its text.
    """
    if not isinstance(key, str) or not key:
        logger.warning("set_attribute: the key must be a non-empty string, not %r", key)
        return
    value = attribute_value(value)
    span = trace.get_current_span()
    if span.is_recording():
        span.set_attribute(key, value)
    scope = _scope.get()
    if scope is not None:
        scope.attributes[key] = value


def get_current_trace_id() -> str | None:
    """The current trace id as 32 hex digits, or ``None`` outside any trace."""
    span_context = trace.get_current_span().get_span_context()
    if not span_context.is_valid:
        return None
    return format(span_context.trace_id, "032x")
