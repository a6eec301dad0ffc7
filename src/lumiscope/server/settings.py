"""Server configuration, read once at the edge into a frozen :class:`Settings`.

Every environment variable the server reads is declared in :data:`ENVIRONMENT` with its
documentation; ``tests/server/test_settings.py`` fails when the README does not list one.
Precedence: explicit argument (CLI flag) > environment variable > default.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field, fields
from pathlib import Path


@dataclass(frozen=True)
class Variable:
    name: str
    setting: str
    doc: str


ENVIRONMENT: tuple[Variable, ...] = (
    Variable("LUMISCOPE_HOST", "host", "Interface to bind (default 127.0.0.1)."),
    Variable("LUMISCOPE_PORT", "port", "TCP port (default 4318, the OTLP/HTTP port)."),
    Variable(
        "LUMISCOPE_DATA_DIR", "data_dir", "Directory of the SQLite store (default ~/.lumiscope)."
    ),
    Variable(
        "LUMISCOPE_DATABASE_URL",
        "database_url",
        "URL of the store, postgresql://user@host/db for PostgreSQL (default: SQLite in the "
        "data dir).",
    ),
    Variable(
        "LUMISCOPE_MAX_BODY_BYTES",
        "max_body_bytes",
        "Largest ingest body accepted, compressed or not (default 16 MiB); larger is 413.",
    ),
    Variable(
        "LUMISCOPE_INGEST_QUEUE",
        "ingest_queue_spans",
        "Spans waiting for the writer before ingest answers 503 (default 50000).",
    ),
    Variable(
        "LUMISCOPE_MEMORY_ENGINE",
        "memory_engine",
        "builtin (default: offline rules) or llm (OpenAI-compatible model, builtin fallback).",
    ),
    Variable("LUMISCOPE_MEMORY_LLM_URL", "memory_llm_url",
             "Base URL of the llm engine's endpoint, e.g. http://127.0.0.1:11434/v1 (Ollama)."),
    Variable("LUMISCOPE_MEMORY_LLM_MODEL", "memory_llm_model", "Model name for the llm engine."),
    Variable("LUMISCOPE_MEMORY_LLM_API_KEY", "memory_llm_api_key",
             "API key for the llm engine's endpoint, if it needs one (never logged)."),
    Variable("LUMISCOPE_MEMORY_LLM_TIMEOUT", "memory_llm_timeout",
             "Seconds before the llm engine gives up and the builtin engine serves (default 30)."),
    Variable("LUMISCOPE_RETENTION_DAYS", "retention_days",
             "Days traces are kept; older ones are purged hourly (default 0: keep forever)."),
    Variable("LUMISCOPE_MEMORY_INTERVAL", "memory_interval",
             "Seconds between looks for idle sessions to learn from (default 30)."),
    Variable(
        "LUMISCOPE_SESSION_IDLE_MINUTES",
        "session_idle_minutes",
        "Minutes without a span after which a session counts as ended (default 30).",
    ),
)


def _default_data_dir() -> Path:
    return Path.home() / ".lumiscope"


@dataclass(frozen=True)
class Settings:
    """Everything the server needs, fixed at start."""

    host: str = "127.0.0.1"
    port: int = 4318
    data_dir: Path = field(default_factory=_default_data_dir)
    database_url: str | None = None
    max_body_bytes: int = 16 * 1024 * 1024
    ingest_queue_spans: int = 50_000
    session_idle_minutes: float = 30.0
    memory_engine: str = "builtin"
    memory_llm_url: str | None = None
    memory_llm_model: str | None = None
    memory_llm_api_key: str | None = field(default=None, repr=False)
    memory_llm_timeout: float = 30.0
    memory_interval: float = 30.0
    retention_days: float = 0.0

    def __post_init__(self) -> None:
        if self.memory_engine not in ("builtin", "llm"):
            raise ValueError(f"memory engine must be builtin or llm, not {self.memory_engine!r}")
        if self.memory_engine == "llm" and not (self.memory_llm_url and self.memory_llm_model):
            raise ValueError("the llm memory engine needs LUMISCOPE_MEMORY_LLM_URL and "
                             "LUMISCOPE_MEMORY_LLM_MODEL")

    @property
    def store_url(self) -> str:
        """The SQLAlchemy URL of the store: the explicit one, or SQLite in ``data_dir``."""
        if self.database_url:
            url = self.database_url
            # Users write the libpq form; SQLAlchemy needs the driver named for psycopg 3.
            for prefix in ("postgresql://", "postgres://"):
                if url.startswith(prefix):
                    return "postgresql+psycopg://" + url[len(prefix) :]
            return url
        return f"sqlite:///{Path(self.data_dir).expanduser() / 'lumiscope.db'}"

    @classmethod
    def load(cls, environ: Mapping[str, str] | None = None, **overrides: object) -> Settings:
        """Build settings from ``environ`` (default ``os.environ``) and explicit overrides.

        Overrides that are ``None`` are ignored, so CLI options can be passed as they come.
        Raises ``ValueError`` naming the variable when a value cannot be converted.
        """
        environ = os.environ if environ is None else environ
        types = {f.name: f.type for f in fields(cls)}
        values: dict[str, object] = {}
        for var in ENVIRONMENT:
            raw = environ.get(var.name)
            if raw is None or raw == "":
                continue
            try:
                values[var.setting] = _convert(types[var.setting], raw)
            except ValueError as exc:
                raise ValueError(f"{var.name}={raw!r}: {exc}") from None
        values.update({k: v for k, v in overrides.items() if v is not None})
        if "data_dir" in values:
            values["data_dir"] = Path(str(values["data_dir"])).expanduser()
        return cls(**values)  # type: ignore[arg-type]

    @property
    def idle_ns(self) -> int:
        return int(self.session_idle_minutes * 60 * 1e9)


def _convert(type_name: object, raw: str) -> object:
    name = str(type_name)
    if name.startswith("int"):
        return int(raw)
    if name.startswith("float"):
        return float(raw)
    if name.startswith("Path"):
        return Path(raw).expanduser()
    return raw
