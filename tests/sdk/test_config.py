"""Configuration: arguments, LUMISCOPE_* and OTEL_* variables, validation, documentation."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from lumiscope.sdk.config import (
    ENVIRONMENT,
    load_config,
    require_https_unless_loopback,
)

SRC = Path(__file__).parents[2] / "src"


def test_defaults_point_at_a_local_server_and_trace_everything():
    config = load_config({})
    assert config.traces_url == "http://127.0.0.1:4318/v1/traces"
    assert (config.sample_rate, config.capture_content, config.instrument) == (1.0, True, True)
    assert config.headers() == {}


def test_arguments_win_over_lumiscope_variables_which_win_over_otel_ones():
    env = {"LUMISCOPE_ENDPOINT": "http://lumi:1", "OTEL_EXPORTER_OTLP_ENDPOINT": "http://otel:2",
           "LUMISCOPE_SAMPLE_RATE": "0.5", "OTEL_TRACES_SAMPLER": "traceidratio",
           "OTEL_TRACES_SAMPLER_ARG": "0.1", "LUMISCOPE_API_KEY": "lqt_env"}
    assert load_config(env).endpoint == "http://lumi:1"
    assert load_config(env).sample_rate == 0.5
    assert load_config(env, endpoint="http://arg:3/").traces_url == "http://arg:3/v1/traces"
    assert load_config(env, sample_rate=0.0).sample_rate == 0.0
    assert load_config(env).headers() == {"x-api-key": "lqt_env"}


def test_standard_otel_variables_are_honoured_where_they_apply():
    config = load_config({
        "OTEL_EXPORTER_OTLP_TRACES_ENDPOINT": "https://collector/v1/traces",
        "OTEL_EXPORTER_OTLP_HEADERS": "X-Tenant=acme,Authorization=Bearer%20t",
        "OTEL_TRACES_SAMPLER": "parentbased_traceidratio", "OTEL_TRACES_SAMPLER_ARG": "0.25",
    }, api_key="lqt_k")
    assert config.traces_url == "https://collector/v1/traces"
    assert config.api_url == "https://collector"
    assert config.sample_rate == 0.25
    assert config.headers() == {"x-tenant": "acme", "authorization": "Bearer t",
                                "x-api-key": "lqt_k"}
    assert load_config({"OTEL_SDK_DISABLED": "true"}).enabled is False
    assert load_config({"OTEL_EXPORTER_OTLP_ENDPOINT": "http://c:4318"}).traces_url == \
        "http://c:4318/v1/traces"


def test_lists_and_flags_come_from_the_environment_too():
    config = load_config({"LUMISCOPE_REDACT_FIELDS": "email, phone", "LUMISCOPE_INSTRUMENT": "0",
                          "LUMISCOPE_CAPTURE_CONTENT": "false", "LUMISCOPE_ENVIRONMENT": "ci"})
    assert config.redact_fields == ("email", "phone")
    assert (config.instrument, config.capture_content, config.environment) == (False, False, "ci")


@pytest.mark.parametrize(("env", "explicit", "named"), [
    ({}, {"sample_rate": 1.5}, "sample_rate"),
    ({"LUMISCOPE_SAMPLE_RATE": "half"}, {}, "LUMISCOPE_SAMPLE_RATE"),
    ({}, {"endpoint": "localhost:4318"}, "endpoint"),
    ({"LUMISCOPE_INSTRUMENT": "maybe"}, {}, "LUMISCOPE_INSTRUMENT"),
    ({}, {"capture_content": "yes"}, "capture_content"),
    ({}, {"api_key": 123}, "api_key"),
])
def test_an_invalid_setting_raises_value_error_naming_it(env, explicit, named):
    with pytest.raises(ValueError, match=named):
        load_config(env, **explicit)


@pytest.mark.parametrize(("url", "ok"), [
    ("http://127.0.0.1:4318", True), ("http://localhost:8000/", True), ("http://[::1]:9", True),
    ("HTTPS://host", True), ("http://LOCALHOST", True), ("https://api.flowlines.ai", True),
    ("http://example.com", False), ("http://127.0.0.2", False), ("http://0.0.0.0", False),
    ("localhost:4318", False), ("", False),
])
def test_the_flowlines_endpoint_rule_is_https_unless_loopback(url, ok):
    if ok:
        require_https_unless_loopback(url)
    else:
        with pytest.raises(ValueError, match="HTTPS is required"):
            require_https_unless_loopback(url)


def test_every_environment_variable_the_sdk_reads_is_declared_with_a_doc():
    declared = {v.name for v in ENVIRONMENT}
    assert all(v.doc for v in ENVIRONMENT)
    used = set()
    for path in [*SRC.joinpath("lumiscope/sdk").rglob("*.py"),
                 *SRC.joinpath("lumiscope/integrations").rglob("*.py"),
                 *SRC.glob("flowlines/*.py"), *SRC.glob("lumiq_*/*.py")]:
        used |= set(re.findall(r'"(LUMISCOPE_[A-Z_]+|OTEL_[A-Z_]+)"', path.read_text()))
    assert used - declared == set()
