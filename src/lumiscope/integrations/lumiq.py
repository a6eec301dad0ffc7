"""``LumiqConfig`` and its mapping onto the SDK, for the ``lumiq_flask`` and ``lumiq_fastapi``
faces (spec/lumiqtrace.md 3.1-3.2).

Spans are exported as OTLP to ``base_url`` + ``/v1/traces``; ``sample_rate`` is the root
sampler's; ``redact_fields`` (added to the LumiqTrace default list) and the body options act
in the process, before export. The first middleware built starts the SDK; later ones (more
apps in one process) share it.
"""

from __future__ import annotations

import contextlib
import logging
from dataclasses import dataclass, field
from typing import Any

from lumiscope.sdk import state
from lumiscope.sdk.config import check_url

logger = logging.getLogger("lumiscope")

DEFAULT_BASE_URL = "https://api.lumiqtrace.com"


def _default_redact_fields() -> list[str]:
    return ["password", "token", "api_key"]


@dataclass
class LumiqConfig:
    """The documented options and defaults. Raises ``TypeError`` for a wrong type and
    ``ValueError`` for a wrong value, when constructed."""

    api_key: str
    base_url: str = DEFAULT_BASE_URL
    enabled: bool = True
    sample_rate: float = 1.0
    capture_request_body: bool = False
    capture_response_body: bool = False
    redact_fields: list[str] = field(default_factory=_default_redact_fields)
    debug: bool = False

    def __post_init__(self) -> None:
        if not isinstance(self.api_key, str):
            raise TypeError("api_key must be a string")
        if not self.api_key.startswith("lqt_"):
            raise ValueError("api_key must start with 'lqt_' (Settings -> API Keys)")
        self.base_url = check_url("base_url", self.base_url)
        for name in ("enabled", "capture_request_body", "capture_response_body", "debug"):
            if not isinstance(getattr(self, name), bool):
                raise TypeError(f"{name} must be True or False, not {getattr(self, name)!r}")
        rate = self.sample_rate
        if isinstance(rate, bool) or not isinstance(rate, (int, float)):
            raise TypeError(f"sample_rate must be a number, not {rate!r}")
        if not 0.0 <= rate <= 1.0:
            raise ValueError(f"sample_rate must be between 0.0 and 1.0, not {rate!r}")
        if isinstance(self.redact_fields, str) or not all(
            isinstance(f, str) for f in self.redact_fields
        ):
            raise TypeError("redact_fields must be a list of field names")


def middleware_options(config: LumiqConfig) -> dict[str, Any]:
    """Start the SDK from ``config`` unless it runs already; the middleware's keywords."""
    if not isinstance(config, LumiqConfig):
        raise TypeError(f"config must be a LumiqConfig, not {type(config).__name__}")
    if config.enabled:
        _ensure_started(config)
    return {"enabled": config.enabled, "capture_request_body": config.capture_request_body,
            "capture_response_body": config.capture_response_body}


def _ensure_started(config: LumiqConfig) -> None:
    from lumiscope.sdk import logs, runtime
    from lumiscope.sdk.api import USER_AGENT
    from lumiscope.sdk.config import load_config

    current = state.current()
    if current is not None:
        if current.config.endpoint != config.base_url:
            logger.warning("lumiscope: the SDK already exports to %s; this middleware's "
                           "base_url %s is not used", current.config.endpoint, config.base_url)
        return
    sdk_config = load_config(api_key=config.api_key, endpoint=config.base_url,
                             sample_rate=float(config.sample_rate),
                             redact_fields=list(config.redact_fields), debug=config.debug)
    if config.debug:
        logs.debug_to_stdout(logger)
    # AlreadyInitialized: another thread built a middleware first; share its SDK.
    with contextlib.suppress(runtime.AlreadyInitialized):
        runtime.init(sdk_config, user_agent=USER_AGENT)
