"""LumiqTrace's Flask SDK (``lumiq_flask``) on Lumiscope: code written for it runs unchanged
but for the key and ``base_url``.

    app.wsgi_app = LumiqFlaskMiddleware(app.wsgi_app, config=LumiqConfig(api_key="lqt_..."))

A thin face: the middleware, the decorators and the helpers are Lumiscope's. Spans are
exported in the background (never on the request path).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from lumiscope.integrations.lumiq import LumiqConfig, middleware_options
from lumiscope.integrations.wsgi import WSGIMiddleware
from lumiscope.sdk.context import get_current_trace_id, set_attribute
from lumiscope.sdk.decorators import observe_llm, observe_span

__all__ = [
    "LumiqConfig",
    "LumiqFlaskMiddleware",
    "get_current_trace_id",
    "observe_llm",
    "observe_span",
    "set_attribute",
]


class LumiqFlaskMiddleware(WSGIMiddleware):
    """Wraps a WSGI callable; the first one built starts the SDK from ``config``. Raises
    ``TypeError`` when ``config`` is not a :class:`LumiqConfig`."""

    def __init__(self, app: Callable[..., Any], config: LumiqConfig) -> None:
        super().__init__(app, **middleware_options(config))
