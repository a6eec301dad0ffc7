"""Starting, flushing and stopping the SDK: the set-once :class:`Runtime`.

``init`` builds the pipeline around an exporter and puts it on a ``TracerProvider``: the one
given, else the application's global SDK provider (we attach, never replace), else one of our
own that becomes the global provider. Sampling is decided once per trace at the root
(``ParentBased(TraceIdRatioBased(sample_rate))``) and honoured by every child. A second
``init`` raises :class:`AlreadyInitialized` (a ``RuntimeError``), also after ``shutdown``: the
first configuration stays for the life of the process. ``shutdown`` runs at exit.
"""

from __future__ import annotations

import atexit
import logging
import threading
from dataclasses import dataclass
from typing import Any, Literal

from opentelemetry import trace
from opentelemetry.sdk.resources import Resource
from opentelemetry.sdk.trace import SpanProcessor, TracerProvider
from opentelemetry.sdk.trace.export import SpanExporter
from opentelemetry.sdk.trace.sampling import ParentBased, TraceIdRatioBased

from lumiscope.sdk import instrumentors, state
from lumiscope.sdk.client import ApiClient
from lumiscope.sdk.config import Config
from lumiscope.sdk.export import Pipeline, build_pipeline
from lumiscope.sdk.export.exporter import otlp_exporter
from lumiscope.sdk.redaction import Redactor

logger = logging.getLogger("lumiscope")

Mode = Literal["auto", "own", "external", "global"]

_lock = threading.RLock()
_atexit_registered = False


class AlreadyInitialized(RuntimeError):
    pass


@dataclass(frozen=True)
class Stats:
    """Spans since ``init``: handed to the server (``exported``), lost to a failed export after
    its retries (``failed``) and dropped because the queue was full (``dropped``)."""

    exported: int = 0
    failed: int = 0
    dropped: int = 0


class Runtime:
    """The running SDK. Its methods are thread-safe and never raise, except
    :meth:`create_processor` (a programming error, ``RuntimeError``)."""

    def __init__(self, config: Config, provider: TracerProvider | None, owns_provider: bool,
                 exporter: SpanExporter | None, log: logging.Logger, user_agent: str,
                 batch_options: dict[str, Any]) -> None:
        self.config = config
        self.provider = provider
        self.owns_provider = owns_provider
        self.log = log
        self.capture_content = config.capture_content
        self.redactor = Redactor(config.redact_fields)
        self.llm_calls: dict[int, Any] = {}
        self.instrumented: list[Any] = []
        self.pipeline: Pipeline | None = None
        # Where decorated calls leave end-of-call attributes for the export thread; None
        # until there is a pipeline (they are then set on the span at once).
        self.deferred: Any = None
        self.closed = False
        self._exporter = exporter
        self._batch_options = batch_options
        source = provider if provider is not None else trace.get_tracer_provider()
        self.tracer = source.get_tracer(state.TRACER_NAME)
        self.client = ApiClient(config.api_url, config.api_key, key_header=config.key_header,
                                timeout=config.timeout, log=log, user_agent=user_agent)

    def create_processor(self) -> SpanProcessor:
        """Build the pipeline once and return its processor (``RuntimeError`` the second
        time)."""
        with _lock:
            if self.pipeline is not None:
                raise RuntimeError("the span processor was already created")
            exporter = self._exporter or otlp_exporter(self.config.traces_url,
                                                      self.config.headers())
            self.pipeline = build_pipeline(exporter, self.redactor,
                                           capture_content=self.capture_content,
                                           llm_calls=self.llm_calls, **self._batch_options)
            self.deferred = self.pipeline.deferred
            return self.pipeline.processor

    def flush(self, timeout_s: float = 30.0) -> bool:
        """Export every queued span now; blocks until done (each request is bounded by the
        exporter's timeout). ``False`` if it could not."""
        pipeline = self.pipeline
        if pipeline is None or self.closed:
            return False
        try:
            return bool(pipeline.batch.force_flush(int(timeout_s * 1000)))
        except Exception:
            self.log.exception("lumiscope: flush failed")
            return False

    def shutdown(self, timeout_s: float = 10.0) -> None:
        """Export what is queued (within ``timeout_s``) and stop the export thread. Idempotent."""
        with _lock:
            if self.closed:
                return
            self.closed = True
        try:
            if self.pipeline is not None:
                self.pipeline.batch.shutdown(timeout_millis=int(timeout_s * 1000))
            if self.owns_provider and self.provider is not None:
                self.provider.shutdown()
        except Exception:
            self.log.exception("lumiscope: shutdown failed")

    def stats(self) -> Stats:
        pipeline = self.pipeline
        if pipeline is None:
            return Stats()
        s = pipeline.stats
        return Stats(exported=s.exported, failed=s.failed, dropped=s.dropped)

    def end_session(self, user_id: Any, session_id: Any) -> bool:
        """Flush pending spans, then mark the session ended (both blocking). Never raises."""
        self.flush()
        return self.client.end_session(user_id, session_id)


def _resource(config: Config) -> Resource:
    attributes: dict[str, Any] = {}
    if config.service_name:
        attributes["service.name"] = config.service_name
    if config.environment:
        attributes["deployment.environment.name"] = config.environment
    # Resource.create adds OTEL_RESOURCE_ATTRIBUTES / OTEL_SERVICE_NAME underneath these.
    return Resource.create(attributes)


def _provider_for(mode: Mode, config: Config,
                  given: TracerProvider | None) -> tuple[TracerProvider | None, bool]:
    if mode == "external":
        return None, False
    if given is not None and mode == "auto":
        return given, False
    existing = trace.get_tracer_provider()
    if mode == "global":
        if not isinstance(existing, TracerProvider):
            raise RuntimeError("no OpenTelemetry SDK TracerProvider is set globally: "
                               "initialize Traceloop (or OpenTelemetry) first")
        return existing, False
    if mode == "auto" and isinstance(existing, TracerProvider):
        return existing, False
    sampler = ParentBased(TraceIdRatioBased(config.sample_rate))
    return TracerProvider(sampler=sampler, resource=_resource(config)), True


def init(config: Config, *, mode: Mode = "auto", tracer_provider: TracerProvider | None = None,
         exporter: SpanExporter | None = None, log: logging.Logger | None = None,
         user_agent: str = "lumiscope-sdk-py", batch_options: dict[str, Any] | None = None,
         ) -> Runtime:
    """Start the SDK once per process (see the module docstring for the modes).

    Raises :class:`AlreadyInitialized` when started already, ``RuntimeError`` in ``global``
    mode without an SDK provider; on failure nothing is installed, so a retry is allowed.
    ``exporter`` replaces the OTLP exporter (tests, custom destinations).
    """
    global _atexit_registered
    log = log or logger
    with _lock:
        if state.current() is not None:
            raise AlreadyInitialized("the SDK is already initialized")
        provider, owns = _provider_for(mode, config, tracer_provider)
        runtime = Runtime(config, provider, owns, exporter, log, user_agent, batch_options or {})
        if provider is not None:
            runtime.create_processor()
            for processor in runtime.pipeline.chain:  # type: ignore[union-attr]
                provider.add_span_processor(processor)
        if owns and not isinstance(trace.get_tracer_provider(), TracerProvider):
            trace.set_tracer_provider(provider)  # type: ignore[arg-type]
        if config.instrument and provider is not None and mode in ("auto", "own"):
            runtime.instrumented = instrumentors.instrument(provider, log)
        state.install(runtime)
        if not _atexit_registered:
            atexit.register(_shutdown_at_exit)
            _atexit_registered = True
        log.debug("lumiscope: started (%s mode), exporting to %s", mode, config.traces_url)
        return runtime


def _shutdown_at_exit() -> None:
    runtime = state.current()
    if runtime is not None:
        runtime.shutdown()


def reset() -> None:
    """Tests only: shut the SDK down, undo its instrumentation and forget it, so ``init`` can
    run again. OpenTelemetry's own global provider is not touched."""
    with _lock:
        runtime = state.current()
        if runtime is None:
            return
        runtime.shutdown(timeout_s=5.0)
        instrumentors.uninstrument(runtime.instrumented, runtime.log)
        state.install(None)
