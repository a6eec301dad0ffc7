"""Cost comes from genai-prices, a project's overrides win, and unknown models stay unpriced."""

from __future__ import annotations

import pytest

from lumiscope.server.ingest.pricing import Price, Pricer
from lumiscope.server.store.database import writing
from lumiscope.server.store.prices import set_override
from lumiscope.server.store.projects import project_for_key
from tests.native_helpers import event, post_events


def test_a_known_model_is_priced_from_the_catalog():
    cost = Pricer().cost("openai", "gpt-4o", 1_000_000, 1_000_000, 0)
    assert cost == pytest.approx(2.5 + 10.0)


def test_dated_model_names_and_provider_spellings_are_found():
    assert Pricer().cost("openai", "gpt-4o-2024-08-06", 1000, 100, 0) is not None
    assert Pricer().cost("aws.bedrock", "claude-3-haiku", 1000, 100, 0) is not None


def test_cached_input_tokens_are_billed_at_the_cached_price():
    full = Pricer().cost("openai", "gpt-4o", 1_000_000, 0, 0)
    cached = Pricer().cost("openai", "gpt-4o", 1_000_000, 0, 1_000_000)
    assert cached == pytest.approx(full / 2)


def test_an_unknown_model_or_a_call_without_tokens_is_unpriced_not_free():
    assert Pricer().cost("openai", "my-finetune-7", 100, 10, 0) is None
    assert Pricer().cost("openai", "gpt-4o", None, None, None) is None
    assert Pricer().cost(None, None, 100, 10, 0) is None


def test_an_override_wins_over_the_catalog():
    pricer = Pricer({"gpt-4o": Price(input_mtok=1.0, output_mtok=2.0)})
    assert pricer.cost("openai", "gpt-4o", 1_000_000, 1_000_000, 0) == pytest.approx(3.0)


def test_a_projects_override_prices_its_ingested_spans(server, api, key):
    with writing(server.engine) as conn:
        project = project_for_key(conn, key)
        set_override(conn, project.id, "house-model", Price(10.0, 20.0))
    post_events(api, event(model="house-model", input_tokens=1000, output_tokens=1000,
                           trace_id="priced"))
    [span] = api.get("/v1/traces/priced").json()
    assert span["cost_usd"] == pytest.approx(0.03)
    with server.client(server.new_key()) as other:
        post_events(other, event(model="house-model", trace_id="unpriced"))
        assert other.get("/v1/traces/unpriced").json()[0]["cost_usd"] is None
