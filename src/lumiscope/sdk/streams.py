"""Streams under a span: one span per stream, ended when the stream ends.

Generator functions are driven step by step with the span made current around each step, so
spans the generator body starts are its children, while the consumer's code between items
runs in its own context. A stream object returned by an ``observe_llm`` function (an OpenAI
``Stream``, an instrumentor's wrapper) is wrapped in a proxy that behaves like it and ends
the span at its end, on ``close()``, on leaving its ``with`` block or when it is collected.
"""

from __future__ import annotations

from collections.abc import AsyncGenerator, Generator
from typing import Any

from lumiscope.sdk.calls import Call, report


def drive(gen: Generator[Any, Any, Any], call: Call) -> Generator[Any, Any, Any]:
    """Re-yield ``gen`` under ``call``'s span, passing ``send``/``throw``/``close`` through."""
    sent: Any = None
    thrown: BaseException | None = None
    while True:
        token = call.enter()
        try:
            if thrown is not None:
                exc, thrown = thrown, None
                item = gen.throw(exc)
            else:
                item = gen.send(sent)
        except StopIteration as stop:
            call.exit(token)
            call.stream_end()
            return stop.value
        except BaseException as exc:
            call.exit(token)
            call.fail(exc)
            raise
        call.exit(token)
        call.item(item)
        try:
            sent = yield item
        except GeneratorExit:
            token = call.enter()
            try:
                gen.close()
            finally:
                call.exit(token)
                call.cancel()
            raise
        except BaseException as exc:
            thrown = exc


async def adrive(agen: AsyncGenerator[Any, Any], call: Call) -> AsyncGenerator[Any, Any]:
    """The async twin of :func:`drive`."""
    sent: Any = None
    thrown: BaseException | None = None
    while True:
        token = call.enter()
        try:
            if thrown is not None:
                exc, thrown = thrown, None
                item = await agen.athrow(exc)
            else:
                item = await agen.asend(sent)
        except StopAsyncIteration:
            call.exit(token)
            call.stream_end()
            return
        except BaseException as exc:
            call.exit(token)
            call.fail(exc)
            raise
        call.exit(token)
        call.item(item)
        try:
            sent = yield item
        except GeneratorExit:
            token = call.enter()
            try:
                await agen.aclose()
            finally:
                call.exit(token)
                call.cancel()
            raise
        except BaseException as exc:
            thrown = exc


def is_stream(value: Any) -> bool:
    """An iterator or async iterator that is not plain data (a reply object, a string)."""
    if isinstance(value, (str, bytes, bytearray, dict, list, tuple)):
        return False
    kind = type(value)
    return hasattr(kind, "__next__") or hasattr(kind, "__anext__")


def wrap_stream(value: Any, call: Call, prefer_async: bool) -> Any:
    """A proxy of the stream's kind; wrappers that are both (an instrumentor's) get the kind
    of the decorated function (a coroutine returns an async stream)."""
    kind = type(value)
    is_async = hasattr(kind, "__anext__") and (prefer_async or not hasattr(kind, "__next__"))
    return AsyncStreamProxy(value, call) if is_async else StreamProxy(value, call)


class _Proxy:
    __slots__ = ("_inner", "_call")

    def __init__(self, inner: Any, call: Call) -> None:
        self._inner = inner
        self._call = call

    def __getattr__(self, name: str) -> Any:
        if name in _Proxy.__slots__:  # not set yet: no recursion through __getattr__
            raise AttributeError(name)
        return getattr(self._inner, name)

    def __repr__(self) -> str:
        return repr(self._inner)

    def _left(self, exc: BaseException | None) -> None:
        if exc is not None:
            self._call.fail(exc)
        else:
            self._call.cancel()  # no-op when the stream already ended

    def __del__(self) -> None:
        try:
            self._call.cancel()
        except Exception as exc:  # never let a finalizer raise
            report("ending a collected stream", exc)


class StreamProxy(_Proxy):
    """Iterates like the wrapped stream; the span ends with it."""

    __slots__ = ()

    def __iter__(self) -> StreamProxy:
        return self

    def __next__(self) -> Any:
        try:
            item = next(self._inner)
        except StopIteration:
            self._call.stream_end()
            raise
        except BaseException as exc:
            self._call.fail(exc)
            raise
        self._call.item(item)
        return item

    def close(self) -> None:
        try:
            closer = getattr(self._inner, "close", None)
            if closer is not None:
                closer()
        finally:
            self._call.cancel()

    def __enter__(self) -> StreamProxy:
        enter = getattr(self._inner, "__enter__", None)
        if enter is not None:
            enter()
        return self

    def __exit__(self, *exc_info: Any) -> Any:
        try:
            leave = getattr(self._inner, "__exit__", None)
            return leave(*exc_info) if leave is not None else None
        finally:
            self._left(exc_info[1])


class AsyncStreamProxy(_Proxy):
    """Async-iterates like the wrapped stream; the span ends with it."""

    __slots__ = ()

    def __aiter__(self) -> AsyncStreamProxy:
        return self

    async def __anext__(self) -> Any:
        try:
            item = await self._inner.__anext__()
        except StopAsyncIteration:
            self._call.stream_end()
            raise
        except BaseException as exc:
            self._call.fail(exc)
            raise
        self._call.item(item)
        return item

    async def aclose(self) -> None:
        try:
            closer = getattr(self._inner, "aclose", None) or getattr(self._inner, "close", None)
            if closer is not None:
                result = closer()
                if hasattr(result, "__await__"):
                    await result
        finally:
            self._call.cancel()

    async def __aenter__(self) -> AsyncStreamProxy:
        enter = getattr(self._inner, "__aenter__", None)
        if enter is not None:
            await enter()
        return self

    async def __aexit__(self, *exc_info: Any) -> Any:
        try:
            leave = getattr(self._inner, "__aexit__", None)
            return await leave(*exc_info) if leave is not None else None
        finally:
            self._left(exc_info[1])
