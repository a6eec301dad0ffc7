"""The app factory: one ASGI app wired from one :class:`Settings`."""

from __future__ import annotations

import contextlib
import inspect
import logging
from collections.abc import AsyncIterator

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from sqlalchemy import Engine as Database
from starlette.exceptions import HTTPException

from lumiscope import __version__
from lumiscope.server.api import flowlines, ingest, memory, metrics, ops, people, traces
from lumiscope.server.auth import Authenticator
from lumiscope.server.errors import LumiscopeError, Overloaded
from lumiscope.server.memory.engine import BuiltinEngine, Engine, LlmEngine
from lumiscope.server.memory.llm import LlmSettings
from lumiscope.server.memory.scheduler import MemoryScheduler
from lumiscope.server.retention import RetentionJob
from lumiscope.server.services import Services
from lumiscope.server.settings import Settings
from lumiscope.server.store.database import create_store_engine, migrate
from lumiscope.server.store.prices import PriceBook
from lumiscope.server.store.writer import SpanWriter

log = logging.getLogger(__name__)


def open_store(settings: Settings) -> Database:
    """An engine on the configured store, migrated to the current schema."""
    engine = create_store_engine(settings.store_url)
    migrate(engine)
    return engine


def memory_engine(settings: Settings) -> Engine:
    """The configured memory engine; the llm one falls back to the builtin one."""
    if settings.memory_engine == "llm":
        return LlmEngine(LlmSettings(
            base_url=settings.memory_llm_url or "", model=settings.memory_llm_model or "",
            api_key=settings.memory_llm_api_key, timeout=settings.memory_llm_timeout))
    return BuiltinEngine()


def create_app(settings: Settings, engine: Database | None = None) -> FastAPI:
    """The whole server. ``engine`` defaults to :func:`open_store` on ``settings``."""
    engine = engine or open_store(settings)
    services = Services(
        settings=settings,
        engine=engine,
        writer=SpanWriter(engine, capacity=settings.ingest_queue_spans),
        auth=Authenticator(engine),
        prices=PriceBook(engine),
        memory=MemoryScheduler(engine, memory_engine(settings), idle_ns=settings.idle_ns,
                               interval=settings.memory_interval),
    )

    @contextlib.asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        async with contextlib.AsyncExitStack() as stack:
            services.writer.start()
            # Stopped last-in first-out: memory stops first, then the writer commits what
            # it holds before exit.
            stack.callback(services.writer.stop)
            services.memory.start()
            stack.callback(services.memory.stop)
            if settings.retention_days > 0:
                retention = RetentionJob(engine, settings.retention_days)
                retention.start()
                stack.callback(retention.stop)
            yield

    app = FastAPI(title="Lumiscope", version=__version__, lifespan=lifespan,
                  docs_url=None, redoc_url=None, **_no_self_telemetry())
    app.state.services = services
    for module in (ingest, traces, metrics, people, memory, flowlines, ops):
        app.include_router(module.router(services))
    _install_error_handlers(app)

    @app.get("/", include_in_schema=False)
    def home() -> dict[str, str]:
        return {"name": "Lumiscope", "version": __version__, "api": "/openapi.json"}

    return app


def _no_self_telemetry() -> dict[str, object]:
    # Recent FastAPI traces itself through the global OpenTelemetry provider. A server that
    # shares its process with the SDK (lumiscope demo, tests) would trace its own ingest
    # and export those spans to itself without end.
    if "telemetry" in inspect.signature(FastAPI.__init__).parameters:
        return {"telemetry": {"tracing": False, "metrics": False, "logs": False}}
    return {}


def _install_error_handlers(app: FastAPI) -> None:
    """Every error is JSON ``{"error": "..."}``; nothing but a bug is a 500."""

    @app.exception_handler(LumiscopeError)
    async def lumiscope_error(_request: Request, exc: LumiscopeError) -> JSONResponse:
        headers = {"Retry-After": str(exc.retry_after)} if isinstance(exc, Overloaded) else None
        return JSONResponse({"error": exc.message}, exc.status_code, headers=headers)

    @app.exception_handler(HTTPException)
    async def http_error(_request: Request, exc: HTTPException) -> JSONResponse:
        return JSONResponse({"error": str(exc.detail)}, exc.status_code, headers=exc.headers)

    @app.exception_handler(RequestValidationError)
    async def validation_error(_request: Request, exc: RequestValidationError) -> JSONResponse:
        problems = "; ".join(
            f"{'.'.join(str(p) for p in e['loc'][1:]) or e['loc'][0]}: {e['msg']}"
            for e in exc.errors()
        )
        return JSONResponse({"error": problems or "invalid request"}, 400)

    @app.exception_handler(Exception)
    async def unexpected(_request: Request, exc: Exception) -> JSONResponse:
        log.exception("unexpected error")
        return JSONResponse({"error": "internal server error"}, 500)
