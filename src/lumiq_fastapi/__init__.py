"""LumiqTrace's FastAPI SDK (``lumiq_fastapi``) on Lumiscope: code written for it runs
unchanged but for the key and ``base_url``.

    app.add_middleware(LumiqFastAPIMiddleware, config=LumiqConfig(api_key="lqt_..."))

A thin face: the middleware, the decorators and the helpers are Lumiscope's. Spans are
exported in the background by the SDK's batch thread (httpx is not needed).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from lumiscope.integrations.asgi import ASGIMiddleware
from lumiscope.integrations.lumiq import LumiqConfig, middleware_options
from lumiscope.sdk.context import get_current_trace_id, set_attribute
from lumiscope.sdk.decorators import observe_llm, observe_span

__all__ = [
    "LumiqConfig",
    "LumiqFastAPIMiddleware",
    "get_current_trace_id",
    "observe_llm",
    "observe_span",
    "set_attribute",
]


class LumiqFastAPIMiddleware(ASGIMiddleware):
    """An ASGI middleware class; the first one built starts the SDK from ``config``. Raises
    ``TypeError`` when ``config`` is not a :class:`LumiqConfig`."""

    def __init__(self, app: Callable[..., Any], config: LumiqConfig) -> None:
        super().__init__(app, **middleware_options(config))
