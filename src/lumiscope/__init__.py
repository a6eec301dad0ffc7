"""Lumiscope: tracing and long-term user memory for LLM applications.

This module is the public SDK API. It never imports :mod:`lumiscope.server`, and importing it
loads only the OpenTelemetry API: the SDK, the exporter and the instrumentors load at
:func:`init`.

    import lumiscope

    lumiscope.init(api_key="lqt_...", endpoint="http://127.0.0.1:4318")

    @lumiscope.observe_llm(model="gpt-4o", provider="openai")
    def answer(question: str) -> str: ...

    with lumiscope.context(user_id="user-42", session_id="sess-abc"):
        answer("Hello!")
    lumiscope.end_session("user-42", "sess-abc")
"""

__version__ = "0.1.0"

from lumiscope.sdk.api import (  # noqa: E402  (the version is read by the modules below)
    aend_session,
    aget_memory,
    end_session,
    flush,
    get_memory,
    init,
    shutdown,
    stats,
)
from lumiscope.sdk.context import (  # noqa: E402
    clear_context,
    context,
    get_current_trace_id,
    set_attribute,
    set_context,
)
from lumiscope.sdk.decorators import observe_llm, observe_span  # noqa: E402

__all__ = [
    "__version__",
    "aend_session",
    "aget_memory",
    "clear_context",
    "context",
    "end_session",
    "flush",
    "get_current_trace_id",
    "get_memory",
    "init",
    "observe_llm",
    "observe_span",
    "set_attribute",
    "set_context",
    "shutdown",
    "stats",
]
