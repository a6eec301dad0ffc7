"""Redaction by field name: the LumiqTrace default list plus configured fields."""

from __future__ import annotations

import json

import pytest

from lumiscope.sdk.redaction import DEFAULT_KEYS, REDACTED, Redactor


@pytest.mark.parametrize("key", ["password", "apiKey", "API_KEY", "api-key", "Authorization",
                                 "lumiscope.tag.access_token", "user.credit_card", "CVV",
                                 "privateKey"])
def test_default_keys_match_whatever_their_case_or_style(key):
    assert Redactor().matches(key)


@pytest.mark.parametrize("key", ["gen_ai.usage.input_tokens", "tokens", "author", "feature",
                                 "user.id", "gen_ai.openai.api_base"])
def test_names_match_exactly_never_as_substrings(key):
    assert not Redactor().matches(key)


def test_configured_fields_are_added_to_the_defaults():
    redactor = Redactor(["email", "Phone-Number"])
    assert redactor.matches("EMAIL") and redactor.matches("phone_number")
    assert redactor.matches("password")
    assert len(DEFAULT_KEYS) == 16


def test_attributes_are_copied_only_when_something_matches():
    redactor = Redactor(["email"])
    assert redactor.attributes({"feature": "chat"}) is None
    assert redactor.attributes({"feature": "chat", "email": "a@b"}) == {
        "feature": "chat", "email": REDACTED}


def test_json_bodies_are_redacted_at_any_depth_and_form_bodies_by_parameter():
    redactor = Redactor()
    body = json.dumps({"user": "ana", "auth": {"Token": "t"}, "items": [{"cvv": "123"}]})
    assert json.loads(redactor.body(body.encode(), "application/json", 1000)) == {
        "user": "ana", "auth": REDACTED, "items": [{"cvv": REDACTED}]}
    assert redactor.body(b"user=ana&password=hunter2", "application/x-www-form-urlencoded",
                         1000) == "user=ana&password=%5BREDACTED%5D"


def test_a_json_body_cut_at_the_limit_is_still_redacted():
    cut = b'{"user": "ana", "password": "hunter2", "nested": {"apiKey": "sk-12'
    text = Redactor().body(cut, "application/json; charset=utf-8", 1000)
    assert "hunter2" not in text and "sk-12" not in text and '"user": "ana"' in text


def test_long_bodies_are_cut_at_the_limit():
    assert Redactor().body(b"x" * 50, "text/plain", 10) == "x" * 10 + "...[truncated]"
