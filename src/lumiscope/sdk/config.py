"""SDK configuration, read once at the edge into a frozen :class:`Config`.

Every environment variable the SDK reads is declared in :data:`ENVIRONMENT` with its
documentation (``tests/sdk/test_config.py`` fails when one is not). Precedence: explicit
argument > ``LUMISCOPE_*`` variable > standard ``OTEL_*`` variable > default. The OTLP
exporter and the batch processor read their own ``OTEL_EXPORTER_OTLP_TIMEOUT`` /
``OTEL_BSP_*`` variables; they are listed here for the docs only.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any
from urllib.parse import unquote, urlparse

DEFAULT_ENDPOINT = "http://127.0.0.1:4318"
TRACES_PATH = "/v1/traces"
LOOPBACK_HOSTS = frozenset({"localhost", "127.0.0.1", "::1"})


@dataclass(frozen=True)
class Variable:
    name: str
    doc: str


ENVIRONMENT: tuple[Variable, ...] = (
    Variable("LUMISCOPE_API_KEY", "Project API key (lqt_...), sent with every export."),
    Variable("LUMISCOPE_ENDPOINT", "Base URL of the Lumiscope server (default "
             f"{DEFAULT_ENDPOINT}); spans go to <endpoint>/v1/traces."),
    Variable("LUMISCOPE_API_ENDPOINT", "Base URL for memory and session calls (default: the "
             "endpoint)."),
    Variable("LUMISCOPE_SERVICE_NAME", "service.name of the spans (else OTEL_SERVICE_NAME)."),
    Variable("LUMISCOPE_ENVIRONMENT", "deployment.environment.name, e.g. production."),
    Variable("LUMISCOPE_SAMPLE_RATE", "Fraction of traces kept, 0.0-1.0, decided at the root."),
    Variable("LUMISCOPE_REDACT_FIELDS", "Comma-separated extra field names to redact (the "
             "default list always applies)."),
    Variable("LUMISCOPE_CAPTURE_CONTENT", "true/false: keep prompt and reply text (default "
             "true; memory is built from it)."),
    Variable("LUMISCOPE_INSTRUMENT", "true/false: auto-instrument installed LLM libraries "
             "(default true)."),
    Variable("LUMISCOPE_ENABLED", "false turns init() into a no-op (as OTEL_SDK_DISABLED)."),
    Variable("LUMISCOPE_DEBUG", "true: SDK debug logging to stdout."),
    Variable("LUMISCOPE_TIMEOUT", "Seconds for memory and session calls (default 10)."),
    # Standard OpenTelemetry variables honoured where they apply.
    Variable("OTEL_SDK_DISABLED", "true turns init() into a no-op."),
    Variable("OTEL_SERVICE_NAME", "service.name when LUMISCOPE_SERVICE_NAME is unset."),
    Variable("OTEL_RESOURCE_ATTRIBUTES", "Extra resource attributes (key=value,...)."),
    Variable("OTEL_EXPORTER_OTLP_ENDPOINT", "Base URL when LUMISCOPE_ENDPOINT is unset."),
    Variable("OTEL_EXPORTER_OTLP_TRACES_ENDPOINT", "Full traces URL when neither endpoint "
             "variable above is set."),
    Variable("OTEL_EXPORTER_OTLP_HEADERS", "Extra export headers (key=value,...)."),
    Variable("OTEL_EXPORTER_OTLP_TRACES_HEADERS", "Extra export headers, traces only."),
    Variable("OTEL_EXPORTER_OTLP_TIMEOUT", "Seconds per export request (read by the exporter)."),
    Variable("OTEL_TRACES_SAMPLER", "traceidratio / parentbased_traceidratio / always_on / "
             "always_off, when LUMISCOPE_SAMPLE_RATE is unset."),
    Variable("OTEL_TRACES_SAMPLER_ARG", "The ratio for the *traceidratio samplers."),
    Variable("OTEL_BSP_MAX_QUEUE_SIZE", "Spans waiting for export before new ones are dropped "
             "and counted (default 2048; read by the batch processor)."),
    Variable("OTEL_BSP_SCHEDULE_DELAY", "Milliseconds between exports (default 5000)."),
)


@dataclass(frozen=True)
class Config:
    """Everything the SDK needs, fixed at :func:`lumiscope.init`."""

    api_key: str | None = None
    endpoint: str = DEFAULT_ENDPOINT
    traces_url: str = DEFAULT_ENDPOINT + TRACES_PATH
    api_url: str = DEFAULT_ENDPOINT
    key_header: str = "x-api-key"
    export_headers: tuple[tuple[str, str], ...] = ()
    service_name: str | None = None
    environment: str | None = None
    sample_rate: float = 1.0
    redact_fields: tuple[str, ...] = ()
    capture_content: bool = True
    instrument: bool = True
    enabled: bool = True
    debug: bool = False
    # The Flowlines exporter's filter: export only spans with gen_ai.* / ai.* attributes.
    llm_spans_only: bool = False
    timeout: float = 10.0

    def headers(self) -> dict[str, str]:
        """Headers of every export request: the OTEL_* ones, then the key."""
        headers = dict(self.export_headers)
        if self.api_key:
            headers[self.key_header] = self.api_key
        return headers


def _flag(name: str, raw: str) -> bool:
    value = raw.strip().lower()
    if value in ("1", "true", "yes", "on"):
        return True
    if value in ("0", "false", "no", "off", ""):
        return False
    raise ValueError(f"{name} must be true or false, not {raw!r}")


def _rate(name: str, raw: Any) -> float:
    try:
        rate = float(raw)
    except (TypeError, ValueError):
        raise ValueError(f"{name} must be a number between 0.0 and 1.0, not {raw!r}") from None
    if isinstance(raw, bool) or not 0.0 <= rate <= 1.0:
        raise ValueError(f"{name} must be between 0.0 and 1.0, not {raw!r}")
    return rate


def check_url(name: str, url: Any) -> str:
    """An http(s) URL with a host, without trailing slashes; ``ValueError`` otherwise."""
    if not isinstance(url, str) or not url.strip():
        raise ValueError(f"{name} must be an http(s) URL, not {url!r}")
    parsed = urlparse(url.strip())
    if parsed.scheme not in ("http", "https") or not parsed.hostname:
        raise ValueError(f"{name} must be an http(s) URL, not {url!r}")
    return url.strip().rstrip("/")


def require_https_unless_loopback(url: Any) -> None:
    """The Flowlines endpoint rule: HTTPS, or any scheme to a loopback host (spec 1.4).

    Raises ``ValueError`` naming the URL. ``127.0.0.2`` and ``0.0.0.0`` are not loopback here,
    as in the real SDK.
    """
    try:
        parsed = urlparse(url)
        host = parsed.hostname
    except (TypeError, ValueError, AttributeError):
        parsed, host = None, None
    if parsed is not None and (parsed.scheme == "https" or host in LOOPBACK_HOSTS):
        return
    raise ValueError(f"HTTPS is required unless the endpoint is a loopback address: {url!r}")


def _headers(raw: str) -> tuple[tuple[str, str], ...]:
    # OTEL_EXPORTER_OTLP_HEADERS: comma-separated key=value, values URL-encoded (OTel spec).
    pairs = []
    for item in raw.split(","):
        if "=" in item:
            key, value = item.split("=", 1)
            if key.strip():
                pairs.append((key.strip().lower(), unquote(value.strip())))
    return tuple(pairs)


def _fields(raw: str | Iterable[Any] | None) -> tuple[str, ...]:
    if raw is None:
        return ()
    items = raw.split(",") if isinstance(raw, str) else list(raw)
    return tuple(str(item).strip() for item in items if str(item).strip())


def _sampler_rate(env: Mapping[str, str]) -> float | None:
    sampler = env.get("OTEL_TRACES_SAMPLER", "").strip().lower()
    if sampler in ("always_off", "parentbased_always_off"):
        return 0.0
    if sampler in ("always_on", "parentbased_always_on"):
        return 1.0
    if sampler in ("traceidratio", "parentbased_traceidratio") and env.get(
        "OTEL_TRACES_SAMPLER_ARG"
    ):
        return _rate("OTEL_TRACES_SAMPLER_ARG", env["OTEL_TRACES_SAMPLER_ARG"])
    return None


def load_config(env: Mapping[str, str] | None = None, **explicit: Any) -> Config:
    """The configuration from explicit arguments (``None`` = not given) and the environment.

    Raises ``ValueError`` naming the argument or variable that is invalid. Pure: reads
    ``env`` (default ``os.environ``) and nothing else.
    """
    env = os.environ if env is None else env
    given = {k: v for k, v in explicit.items() if v is not None}

    def pick(arg: str, var: str) -> Any:
        return given[arg] if arg in given else env.get(var) or None

    api_key = pick("api_key", "LUMISCOPE_API_KEY")
    if api_key is not None and not isinstance(api_key, str):
        raise ValueError(f"api_key must be a string, not {type(api_key).__name__}")

    endpoint = pick("endpoint", "LUMISCOPE_ENDPOINT")
    traces_url = None
    if endpoint is None and env.get("OTEL_EXPORTER_OTLP_ENDPOINT"):
        endpoint = env["OTEL_EXPORTER_OTLP_ENDPOINT"]
    if endpoint is None and env.get("OTEL_EXPORTER_OTLP_TRACES_ENDPOINT"):
        traces_url = check_url("OTEL_EXPORTER_OTLP_TRACES_ENDPOINT",
                               env["OTEL_EXPORTER_OTLP_TRACES_ENDPOINT"])
        endpoint = traces_url.removesuffix(TRACES_PATH)
    endpoint = check_url("endpoint", endpoint or DEFAULT_ENDPOINT)
    api_url = check_url("api_endpoint", pick("api_endpoint", "LUMISCOPE_API_ENDPOINT") or endpoint)

    rate_source = "sample_rate" if "sample_rate" in given else "LUMISCOPE_SAMPLE_RATE"
    raw_rate = pick("sample_rate", "LUMISCOPE_SAMPLE_RATE")
    sample_rate = _rate(rate_source, raw_rate) if raw_rate is not None else (
        _sampler_rate(env) if _sampler_rate(env) is not None else 1.0)

    def flag(arg: str, var: str, default: bool) -> bool:
        if arg in given:
            if not isinstance(given[arg], bool):
                raise ValueError(f"{arg} must be True or False, not {given[arg]!r}")
            return given[arg]
        return _flag(var, env[var]) if env.get(var) else default

    enabled = flag("enabled", "LUMISCOPE_ENABLED", True)
    if env.get("OTEL_SDK_DISABLED") and _flag("OTEL_SDK_DISABLED", env["OTEL_SDK_DISABLED"]):
        enabled = False

    timeout = pick("timeout", "LUMISCOPE_TIMEOUT") or 10.0
    try:
        timeout = float(timeout)
    except (TypeError, ValueError):
        raise ValueError(f"timeout must be a number of seconds, not {timeout!r}") from None

    redact = given.get("redact_fields", env.get("LUMISCOPE_REDACT_FIELDS"))
    if isinstance(redact, (bytes, int, float)):
        raise ValueError(f"redact_fields must be a list of names, not {redact!r}")
    headers = _headers(env.get("OTEL_EXPORTER_OTLP_TRACES_HEADERS")
                       or env.get("OTEL_EXPORTER_OTLP_HEADERS", ""))
    service = pick("service_name", "LUMISCOPE_SERVICE_NAME")
    environment = pick("environment", "LUMISCOPE_ENVIRONMENT")
    return Config(
        api_key=api_key.strip() if api_key else None,
        endpoint=endpoint,
        traces_url=traces_url or endpoint + TRACES_PATH,
        api_url=api_url,
        key_header=given.get("key_header", "x-api-key"),
        export_headers=headers,
        service_name=str(service) if service is not None else None,
        environment=str(environment) if environment is not None else None,
        sample_rate=sample_rate,
        redact_fields=_fields(redact),
        capture_content=flag("capture_content", "LUMISCOPE_CAPTURE_CONTENT", True),
        instrument=flag("instrument", "LUMISCOPE_INSTRUMENT", True),
        enabled=enabled,
        debug=flag("debug", "LUMISCOPE_DEBUG", False),
        llm_spans_only=bool(given.get("llm_spans_only", False)),
        timeout=timeout,
    )
