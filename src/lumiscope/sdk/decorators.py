"""``@observe_llm`` and ``@observe_span`` for sync and async functions, generators and async
generators.

A decorated function runs exactly once per call and returns or raises exactly what it would
undecorated: bad decorator arguments are logged and replaced by defaults, telemetry failures
are logged once and skipped (see :mod:`lumiscope.sdk.calls`). The span is current while the
function runs, so nested decorated calls and instrumented library calls become children.
Without ``init()`` spans go to the global tracer (a no-op unless the application set up
OpenTelemetry). No I/O on the calling thread: ended spans wait in the batch queue.
"""

from __future__ import annotations

import functools
import inspect
import logging
from collections.abc import Callable
from typing import Any, TypeVar

from lumiscope.sdk import calls, streams

logger = logging.getLogger("lumiscope")

F = TypeVar("F", bound=Callable[..., Any])

# LumiqTrace's span kinds; the decorators' "custom" and anything unknown become "general".
SPAN_KINDS = frozenset({"llm", "agent", "tool", "planning", "handoff", "retriever", "guardrail",
                        "general"})


def _text(what: str, value: Any) -> str | None:
    if value is None or isinstance(value, str):
        return value
    logger.warning("lumiscope: %s should be a string, got %r; using its text", what, value)
    return str(value)


def _warn_unknown(decorator: str, unknown: dict[str, Any]) -> None:
    if unknown:
        logger.warning("lumiscope: %s ignores unknown arguments %s", decorator,
                       ", ".join(sorted(unknown)))


def span_kind(span_type: Any) -> str:
    word = span_type.strip().lower() if isinstance(span_type, str) else ""
    if word in SPAN_KINDS:
        return word
    if word != "custom":
        logger.warning("lumiscope: unknown span_type %r, recorded as 'general'", span_type)
    return "general"


def observe_span(name: Any = None, span_type: Any = "custom", **unknown: Any) -> Any:
    """Trace a function as a span named ``name`` (default: the function's name).

    ``span_type`` is a LumiqTrace kind hint (``"retriever"``, ``"tool"``, ``"agent"``...;
    ``"custom"`` = general). Usable as ``@observe_span("name")`` or bare ``@observe_span``.
    Never raises at decoration time.
    """
    _warn_unknown("observe_span", unknown)
    if callable(name) and not isinstance(name, str):  # bare @observe_span
        return _decorate(name, _span_spec(name, None, "custom"))

    def decorator(fn: F) -> F:
        return _decorate(fn, _span_spec(fn, name, span_type))

    return decorator


def observe_llm(model: Any = None, provider: Any = None, *, name: Any = None,
                **unknown: Any) -> Any:
    """Trace a function that calls an LLM as an ``llm`` span.

    Records ``model`` and ``provider`` as given, then reads the reply: usage (``.usage``,
    OpenAI or Anthropic shapes, dicts too), response model and, when content capture is on,
    the prompt (a ``messages`` argument) and the reply text. A generator function, or a
    returned stream, is one span ending with the stream, with time to first token. When an
    auto-instrumented LLM span runs inside, that span carries usage and messages and this one
    becomes a ``general`` wrapper, so the call is not counted twice. Never raises at
    decoration time.
    """
    _warn_unknown("observe_llm", unknown)
    if callable(model) and not isinstance(model, str):  # bare @observe_llm
        return _decorate(model, _llm_spec(model, None, None, None))

    def decorator(fn: F) -> F:
        return _decorate(fn, _llm_spec(fn, model, provider, name))

    return decorator


def _function_name(fn: Any) -> str:
    return getattr(fn, "__name__", None) or type(fn).__name__


def _span_spec(fn: Any, name: Any, span_type: Any) -> calls.CallSpec:
    label = _text("observe_span name", name) or _function_name(fn)
    return calls.CallSpec(label, {"lumiscope.span_kind": span_kind(span_type)})


def _llm_spec(fn: Any, model: Any, provider: Any, name: Any) -> calls.CallSpec:
    # gen_ai.operation.name=chat makes it an llm span for the server (and for OTel GenAI
    # readers); no lumiscope.span_kind, as each attribute costs the call about 1.5 us.
    attributes = {"gen_ai.operation.name": "chat"}
    provider = _text("observe_llm provider", provider)
    model = _text("observe_llm model", model)
    if provider:
        attributes["gen_ai.provider.name"] = provider
    if model:
        attributes["gen_ai.request.model"] = model
    label = _text("observe_llm name", name) or _function_name(fn)
    return calls.CallSpec(label, attributes, llm=True)


def _decorate(fn: Any, spec: calls.CallSpec) -> Any:
    if not callable(fn):
        logger.warning("lumiscope: cannot trace %r, it is not callable; left as is", fn)
        return fn
    try:
        if inspect.isasyncgenfunction(fn):
            return _async_generator(fn, spec)
        if inspect.iscoroutinefunction(fn):
            return _coroutine(fn, spec)
        if inspect.isgeneratorfunction(fn):
            return _generator(fn, spec)
        return _function(fn, spec)
    except Exception as exc:  # e.g. functools.wraps on an exotic callable
        calls.report("decorating a function", exc)
        return fn


def _settle(call: calls.Call, result: Any, prefer_async: bool = False) -> Any:
    """End the span with ``result``, or hand it a stream to end with; returns what the
    caller gets. Never raises."""
    try:
        if call.spec.llm and streams.is_stream(result):
            return streams.wrap_stream(result, call, prefer_async)
    except Exception as exc:
        calls.report("wrapping a stream", exc)
    call.succeed(result)
    return result


def _function(fn: Callable[..., Any], spec: calls.CallSpec) -> Any:
    @functools.wraps(fn)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        call = calls.start(spec, args, kwargs)
        if call is None:
            return fn(*args, **kwargs)
        token = call.enter()
        try:
            result = fn(*args, **kwargs)
        except BaseException as exc:
            call.exit(token)
            call.fail(exc)
            raise
        call.exit(token)
        return _settle(call, result)

    return wrapper


def _coroutine(fn: Callable[..., Any], spec: calls.CallSpec) -> Any:
    @functools.wraps(fn)
    async def wrapper(*args: Any, **kwargs: Any) -> Any:
        call = calls.start(spec, args, kwargs)
        if call is None:
            return await fn(*args, **kwargs)
        token = call.enter()
        try:
            result = await fn(*args, **kwargs)
        except BaseException as exc:
            call.exit(token)
            call.fail(exc)
            raise
        call.exit(token)
        return _settle(call, result, prefer_async=True)

    return wrapper


def _generator(fn: Callable[..., Any], spec: calls.CallSpec) -> Any:
    # The span starts at the first next(), when the generator body starts to run.
    @functools.wraps(fn)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        call = calls.start(spec, args, kwargs)
        if call is None:
            return (yield from fn(*args, **kwargs))
        try:
            gen = fn(*args, **kwargs)
        except BaseException as exc:
            call.fail(exc)
            raise
        return (yield from streams.drive(gen, call))

    return wrapper


def _async_generator(fn: Callable[..., Any], spec: calls.CallSpec) -> Any:
    @functools.wraps(fn)
    async def wrapper(*args: Any, **kwargs: Any) -> Any:
        call = calls.start(spec, args, kwargs)
        if call is None:
            async for item in fn(*args, **kwargs):
                yield item
            return
        try:
            agen = fn(*args, **kwargs)
        except BaseException as exc:
            call.fail(exc)
            raise
        driven = streams.adrive(agen, call)
        try:
            # Pass asend()/athrow() through: the consumer may drive us like the original.
            item = await driven.__anext__()
            while True:
                try:
                    sent = yield item
                except GeneratorExit:
                    await driven.aclose()
                    raise
                except BaseException as exc:
                    item = await driven.athrow(exc)
                else:
                    item = await driven.asend(sent)
        except StopAsyncIteration:
            return

    return wrapper
