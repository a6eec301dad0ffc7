"""Cost of an LLM call from genai-prices, with per-project overrides.

genai-prices finds the model (provider aliases, dated names) and holds the prices. Its
``calc_price`` costs ~65 us a call (Decimal arithmetic), which alone would cap ingest near
15k spans/s, so a model's flat per-token prices are looked up once and multiplied here;
a model whose prices are tiered or otherwise not flat goes through ``calc_price`` itself.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache

from genai_prices import Usage, calc_price

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Price:
    """USD per million tokens."""

    input_mtok: float
    output_mtok: float
    cached_input_mtok: float | None = None

    def cost(self, input_tokens: int, output_tokens: int, cached_tokens: int) -> float:
        cached = min(cached_tokens, input_tokens) if self.cached_input_mtok is not None else 0
        return (
            (input_tokens - cached) * self.input_mtok
            + cached * (self.cached_input_mtok or 0.0)
            + output_tokens * self.output_mtok
        ) / 1_000_000


def _flat(value: object) -> float | None:
    if value is None:
        return 0.0
    if isinstance(value, (Decimal, int, float)):
        return float(value)
    return None  # tiered or conditional price: not flat


@lru_cache(maxsize=4096)
def _lookup(provider: str | None, model: str) -> Price | str | None:
    """A flat :class:`Price`, ``"tiered"`` when only ``calc_price`` can price it, or ``None``."""
    try:
        found = calc_price(Usage(input_tokens=0, output_tokens=0), model, provider_id=provider)
    except LookupError:
        if provider is None:
            return None
        return _lookup(None, model)  # the provider name may be one genai-prices spells otherwise
    except Exception:  # a bad model string must never fail ingest
        log.debug("genai-prices failed for %s/%s", provider, model, exc_info=True)
        return None
    mp = found.model_price
    prices = (_flat(mp.input_mtok), _flat(mp.output_mtok))
    cached = _flat(mp.cache_read_mtok) if mp.cache_read_mtok is not None else None
    if None in prices or (mp.cache_read_mtok is not None and cached is None):
        return "tiered"
    return Price(prices[0], prices[1], cached)  # type: ignore[arg-type]


def catalog_cost(
    provider: str | None, model: str, input_tokens: int, output_tokens: int, cached_tokens: int
) -> float | None:
    """Cost in USD from genai-prices, or ``None`` when the model is not in its catalog."""
    provider = (provider or "").split(".")[0].lower() or None
    price = _lookup(provider, model)
    if price is None:
        return None
    if isinstance(price, Price):
        return price.cost(input_tokens, output_tokens, cached_tokens)
    usage = Usage(input_tokens=input_tokens, output_tokens=output_tokens,
                  cache_read_tokens=cached_tokens or None)
    try:
        return float(calc_price(usage, model, provider_id=provider).total_price)
    except LookupError:
        return float(calc_price(usage, model).total_price)


class Pricer:
    """Prices calls for one project: its overrides first, then genai-prices."""

    def __init__(self, overrides: dict[str, Price] | None = None) -> None:
        self._overrides = overrides or {}

    def cost(
        self,
        provider: str | None,
        model: str | None,
        input_tokens: int | None,
        output_tokens: int | None,
        cached_tokens: int | None,
    ) -> float | None:
        """USD for one call; ``None`` (unpriced, never 0) for an unknown model or no tokens."""
        if not model or (input_tokens is None and output_tokens is None):
            return None
        args = (input_tokens or 0, output_tokens or 0, cached_tokens or 0)
        override = self._overrides.get(model)
        if override is not None:
            return override.cost(*args)
        return catalog_cost(provider, model, *args)
