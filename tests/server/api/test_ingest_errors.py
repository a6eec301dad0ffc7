"""Ingest's answers to bad, odd and excessive requests (spec/flowlines.md 4.2,
spec/lumiqtrace.md 2.2 and 2.11), and the trace row under retries and disorder."""

from __future__ import annotations

import contextlib
import gzip
import sqlite3
import time
import zlib
from collections.abc import Iterator
from concurrent.futures import FIRST_COMPLETED, ThreadPoolExecutor, wait

import httpx
import pytest
from opentelemetry.proto.collector.trace.v1.trace_service_pb2 import (
    ExportTraceServiceRequest,
    ExportTraceServiceResponse,
)
from opentelemetry.proto.trace.v1.trace_pb2 import Span

from lumiscope.server.settings import Settings
from lumiscope.server.store.database import writing
from lumiscope.server.store.projects import revoke_key
from tests.conftest import RunningServer, free_port, start_server

PROTOBUF = {"Content-Type": "application/x-protobuf"}
JSON = {"Content-Type": "application/json"}
NDJSON = {"Content-Type": "application/x-ndjson"}
TRACE = "5b8efff798038103d269b633813fc60c"
INVALID_KEY = {"error": "Invalid API key"}


def span(span_id: str, parent: str = "", name: str | None = None, start: int = 1,
         trace: str = TRACE) -> Span:
    base = 1_700_000_000_000_000_000 + start * 1_000_000
    return Span(trace_id=bytes.fromhex(trace), span_id=bytes.fromhex(span_id),
                parent_span_id=bytes.fromhex(parent), name=name or f"op-{span_id[-2:]}",
                start_time_unix_nano=base, end_time_unix_nano=base + 5_000_000)


def otlp(*spans: Span) -> bytes:
    request = ExportTraceServiceRequest()
    request.resource_spans.add().scope_spans.add().spans.extend(spans)
    return request.SerializeToString()


def json_span(span_id: str, trace: str = TRACE, name: str = "op") -> dict:
    return {"traceId": trace, "spanId": span_id, "name": name,
            "startTimeUnixNano": "1700000000000000000", "endTimeUnixNano": "1700000000005000000"}


def json_otlp(*spans: dict) -> dict:
    return {"resourceSpans": [{"resource": {"attributes": [
        {"key": "service.name", "value": {"stringValue": "json-svc"}}]},
        "scopeSpans": [{"scope": {"name": "t"}, "spans": list(spans)}]}]}


def stored(api) -> int:  # type: ignore[no-untyped-def]
    return api.get("/v1/events").json()["total"]


def assert_still_serves(server: RunningServer, api) -> None:  # type: ignore[no-untyped-def]
    assert api.get(f"{server.base_url}/healthz").status_code == 200
    before = stored(api)
    response = api.post("/v1/traces", content=otlp(span("00000000000000aa")), headers=PROTOBUF)
    assert response.status_code == 200
    assert stored(api) == before + 1


# -- authentication ---------------------------------------------------------------------

@pytest.mark.parametrize("path, headers", [("/v1/traces", PROTOBUF), ("/v1/ingest", NDJSON),
                                           ("/v1/otel", PROTOBUF)])
def test_a_missing_or_unknown_key_is_401_invalid_api_key(server, path, headers):
    with httpx.Client(base_url=server.base_url) as anonymous:
        for extra in ({}, {"x-api-key": "lqt_" + "0" * 64}, {"x-api-key": "nonsense"},
                      {"Authorization": "Bearer lqt_" + "1" * 64}, {"x-api-key": ""}):
            response = anonymous.post(path, content=otlp(span("00000000000000b1")),
                                      headers={**headers, **extra})
            assert response.status_code == 401, extra
            assert response.json() == INVALID_KEY


def test_a_revoked_key_is_refused_at_once(server, api, key):
    assert api.post("/v1/traces", content=otlp(span("00000000000000c1")),
                    headers=PROTOBUF).status_code == 200
    with writing(server.engine) as conn:
        assert revoke_key(conn, key) == 1
    response = api.post("/v1/traces", content=otlp(span("00000000000000c2")), headers=PROTOBUF)
    assert response.status_code == 401
    assert response.json() == INVALID_KEY


def test_the_admin_token_cannot_write(server):
    with httpx.Client(base_url=server.base_url) as client:
        response = client.post("/v1/traces", content=otlp(span("00000000000000c3")),
                               headers={**PROTOBUF, "x-api-key": server.admin_token})
    assert response.status_code == 401


@pytest.mark.parametrize("header", ["x-api-key", "x-flowlines-api-key", "X-Flowlines-Api-Key",
                                    "X-FLOWLINES-API-KEY", "Authorization"])
def test_the_key_is_accepted_in_every_documented_header(server, key, header):
    value = f"Bearer {key}" if header == "Authorization" else key
    with httpx.Client(base_url=server.base_url) as client:
        response = client.post("/v1/traces", content=otlp(span("00000000000000d1")),
                               headers={**PROTOBUF, header: value})
        assert response.status_code == 200, response.text
        assert client.get("/v1/events", headers={"x-api-key": key}).json()["total"] == 1


# -- media type, encoding and decoding --------------------------------------------------

@pytest.mark.parametrize("path, content_type", [
    ("/v1/traces", "text/plain"), ("/v1/traces", "application/x-ndjson"), ("/v1/traces", ""),
    ("/v1/ingest", "application/x-protobuf"), ("/v1/ingest", "text/csv"),
])
def test_an_unknown_content_type_is_415(server, api, path, content_type):
    response = api.post(path, content=b"{}", headers={"Content-Type": content_type})
    assert response.status_code == 415
    assert set(response.json()) == {"error"}
    assert_still_serves(server, api)


@pytest.mark.parametrize("path, headers", [("/v1/traces", PROTOBUF), ("/v1/ingest", NDJSON)])
def test_an_unknown_content_encoding_is_415(server, api, path, headers):
    response = api.post(path, content=b"\x00\x01",
                        headers={**headers, "Content-Encoding": "br"})
    assert response.status_code == 415
    assert set(response.json()) == {"error"}
    assert stored(api) == 0


def test_deflate_bodies_are_decoded_both_zlib_wrapped_and_raw(api):
    body = otlp(span("00000000000000e1"))
    raw = zlib.compressobj(wbits=-zlib.MAX_WBITS)
    for compressed in (zlib.compress(body), raw.compress(body) + raw.flush()):
        response = api.post("/v1/traces", content=compressed,
                            headers={**PROTOBUF, "Content-Encoding": "deflate"})
        assert response.status_code == 200
    assert stored(api) == 1


@pytest.mark.parametrize("body, headers", [
    (b"\x0a\xff\xff\xff\x0f", PROTOBUF),                         # length past the end
    (gzip.compress(otlp(span("00000000000000f1")))[:-12],
     {**PROTOBUF, "Content-Encoding": "gzip"}),                 # truncated gzip
    (b"definitely not gzip", {**PROTOBUF, "Content-Encoding": "gzip"}),
    (b"{not json", JSON),
    (b"[1, 2]", JSON),
    (b'{"resourceSpans": "nope"}', JSON),
    (b'{"resourceSpans": [{"scopeSpans": [{"spans": [{"traceId": 5}]}]}]}', JSON),
    (b'{"resourceSpans": [{"scopeSpans": [{"spans": [{"traceId": "zz", "spanId": "01"}]}]}]}',
     JSON),
    (b'{"resourceSpans": [{"scopeSpans": [{"spans": [{"name": 7}]}]}]}', JSON),
], ids=["protobuf", "truncated-gzip", "not-gzip", "not-json", "json-array",
        "wrong-type-list", "wrong-type-id", "non-hex-id", "wrong-type-name"])
def test_an_undecodable_body_is_400_and_stores_nothing(server, api, body, headers):
    response = api.post("/v1/traces", content=body, headers=headers)
    assert response.status_code == 400
    assert set(response.json()) == {"error"}
    assert stored(api) == 0
    assert_still_serves(server, api)


def test_an_empty_protobuf_body_is_200(api):
    response = api.post("/v1/traces", content=b"", headers=PROTOBUF)
    assert response.status_code == 200
    assert response.headers["content-type"] == "application/x-protobuf"
    ExportTraceServiceResponse().ParseFromString(response.content)
    assert stored(api) == 0


def test_an_empty_otlp_json_body_is_200(api):
    response = api.post("/v1/traces", content=b"", headers=JSON)
    assert response.status_code == 200
    assert response.json() == {}


def test_empty_attribute_values_and_non_string_identity_are_tolerated(api):
    odd = span("00000000000000e7")
    odd.attributes.add(key="llm.request.reasoning_effort")  # an empty AnyValue
    odd.attributes.add(key="flowlines.user_id").value.int_value = 42
    odd.attributes.add(key="flowlines.session_id").value.double_value = 1.5
    response = api.post("/v1/traces", content=otlp(odd), headers=PROTOBUF)
    assert response.status_code == 200
    [stored_span] = api.get(f"/v1/traces/{TRACE}").json()
    assert (stored_span["user_id"], stored_span["session_id"]) == ("42", "1.5")
    assert stored_span["attributes"]["llm.request.reasoning_effort"] is None


def test_the_wrong_method_is_405_with_a_json_error(api):
    response = api.get("/v1/ingest")
    assert response.status_code == 405
    assert set(response.json()) == {"error"}


# -- OTLP/JSON ------------------------------------------------------------------------

def test_otlp_json_ids_are_hex_and_the_answer_is_an_empty_json_object(api):
    response = api.post("/v1/traces", json=json_otlp(json_span("00f067aa0ba902b7")))
    assert response.status_code == 200
    assert response.headers["content-type"] == "application/json"
    assert response.json() == {}
    [stored_span] = api.get(f"/v1/traces/{TRACE}").json()
    assert stored_span["span_id"] == "00f067aa0ba902b7"
    assert stored_span["service_name"] == "json-svc"


def test_one_span_with_an_empty_trace_id_is_rejected_and_the_others_stored(api):
    document = json_otlp(json_span("00000000000000a1"), json_span("00000000000000a2", trace=""),
                         json_span("00000000000000a3"))
    response = api.post("/v1/traces", json=document)
    assert response.status_code == 200
    partial = response.json()["partialSuccess"]
    assert int(partial["rejectedSpans"]) == 1  # int64: a string in OTLP/JSON
    assert partial["errorMessage"]
    assert stored(api) == 2


def test_a_protobuf_span_without_ids_is_counted_as_rejected(api):
    response = api.post("/v1/traces", content=otlp(span("00000000000000b2"), Span(name="bad")),
                        headers=PROTOBUF)
    assert response.status_code == 200
    answer = ExportTraceServiceResponse.FromString(response.content)
    assert answer.partial_success.rejected_spans == 1
    assert stored(api) == 1


# -- routes ---------------------------------------------------------------------------

@pytest.mark.parametrize("path, status", [("/v1/traces", 200), ("/v1/otel", 202),
                                          ("/v1/otel/v1/traces", 200), ("/traces", 200)])
def test_every_otlp_alias_stores_spans(api, path, status):
    response = api.post(path, content=otlp(span("00000000000000c9")), headers=PROTOBUF)
    assert response.status_code == status
    assert stored(api) == 1


# -- size limits ----------------------------------------------------------------------

@pytest.fixture(scope="module")
def small_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[RunningServer]:
    settings = Settings.load({}, data_dir=tmp_path_factory.mktemp("small"), port=free_port(),
                             max_body_bytes=4096)
    yield from start_server(settings)


def test_a_body_over_the_limit_is_413(small_server):
    key = small_server.new_key()
    big = otlp(*[span(f"{i:016x}", name="x" * 100) for i in range(1, 60)])
    assert len(big) > 4096
    with small_server.client(key) as api:
        response = api.post("/v1/traces", content=big, headers=PROTOBUF)
        assert response.status_code == 413
        assert set(response.json()) == {"error"}
        # Without Content-Length (chunked), the limit holds while reading.
        chunked = api.post("/v1/traces", content=iter([big[:3000], big[3000:]]),
                           headers=PROTOBUF)
        assert chunked.status_code == 413
        assert stored(api) == 0
        assert_still_serves(small_server, api)


def test_a_gzip_bomb_is_413(small_server):
    key = small_server.new_key()
    bomb = gzip.compress(b"\x00" * 2_000_000)
    assert len(bomb) < 4096
    with small_server.client(key) as api:
        response = api.post("/v1/traces", content=bomb,
                            headers={**PROTOBUF, "Content-Encoding": "gzip"})
        assert response.status_code == 413
        ndjson_bomb = api.post("/v1/ingest", content=bomb,
                               headers={**NDJSON, "Content-Encoding": "gzip"})
        assert ndjson_bomb.status_code == 413
        assert_still_serves(small_server, api)


# -- the trace row under retries and disorder (SQLite and PostgreSQL) ------------------

def _trace_row(api) -> dict:  # type: ignore[no-untyped-def]
    [trace] = api.get("/v1/get-traces").json()["traces"]
    return trace


def test_the_same_span_twice_is_stored_once(any_server):
    with any_server.client(any_server.new_key()) as api:
        batch = otlp(span("0000000000000001", name="root"),
                     span("0000000000000002", "0000000000000001", start=2))
        for _ in range(2):
            assert api.post("/v1/traces", content=batch, headers=PROTOBUF).status_code == 200
        child = span("0000000000000002", "0000000000000001", start=2)
        again = otlp(child, child)  # twice in one request too
        assert api.post("/v1/traces", content=again, headers=PROTOBUF).status_code == 200
        assert stored(api) == 2
        trace = _trace_row(api)
        assert (trace["name"], trace["span_count"]) == ("root", 2)


def test_children_arriving_before_their_root_leave_the_trace_row_right(any_server):
    with any_server.client(any_server.new_key()) as api:
        for one in (span("0000000000000003", "0000000000000002", start=3),
                    span("0000000000000002", "0000000000000001", start=2),
                    span("0000000000000001", name="root", start=1)):
            assert api.post("/v1/traces", content=otlp(one), headers=PROTOBUF).status_code == 200
        trace = _trace_row(api)
        assert (trace["name"], trace["span_count"]) == ("root", 3)
        [root] = api.get(f"/v1/traces/{TRACE}").json()
        assert root["span_id"] == "0000000000000001"
        assert root["children"][0]["children"][0]["span_id"] == "0000000000000003"


def test_a_span_whose_parent_never_arrives_is_a_root(any_server):
    with any_server.client(any_server.new_key()) as api:
        orphan = span("0000000000000007", "00000000000000ff", name="orphan", start=2)
        # The child's clock runs ahead: the root is found by parentage, not by start time.
        child = span("0000000000000008", "0000000000000007", start=1)
        assert api.post("/v1/traces", content=otlp(child, orphan),
                        headers=PROTOBUF).status_code == 200
        trace = _trace_row(api)
        assert (trace["name"], trace["span_count"]) == ("orphan", 2)
        [root] = api.get(f"/v1/traces/{TRACE}").json()
        assert root["parent_span_id"] == "00000000000000ff"
        assert [c["span_id"] for c in root["children"]] == ["0000000000000008"]


# -- backpressure ---------------------------------------------------------------------

@contextlib.contextmanager
def _write_lock(server: RunningServer) -> Iterator[sqlite3.Connection]:
    """Hold SQLite's write lock from another connection, as a long writer would."""
    conn = sqlite3.connect(server.settings.data_dir / "lumiscope.db", isolation_level=None)
    conn.execute("BEGIN IMMEDIATE")
    try:
        yield conn
    finally:
        conn.execute("ROLLBACK")
        conn.close()


def test_a_full_ingest_queue_answers_503_with_retry_after_and_loses_nothing(tmp_path):
    settings = Settings.load({}, data_dir=tmp_path, port=free_port(), ingest_queue_spans=2)
    with contextlib.contextmanager(start_server)(settings) as server:
        key = server.new_key()
        bodies = {name: otlp(span(f"{i:016x}", trace=trace), span(f"{i + 1:016x}", trace=trace))
                  for i, (name, trace) in enumerate((("a", "a" * 32), ("b", "b" * 32)), 1)}

        def send(name: str) -> tuple[str, httpx.Response]:
            with server.client(key) as client:
                return name, client.post("/v1/traces", content=bodies[name], headers=PROTOBUF)

        # The lock is released (inner context) before the pool waits for the queued request.
        with ThreadPoolExecutor(2) as pool, _write_lock(server):
            futures = [pool.submit(send, name) for name in bodies]
            done, waiting = wait(futures, timeout=8, return_when=FIRST_COMPLETED)
            assert len(done) == 1 and len(waiting) == 1, "one request should wait for the lock"
            refused_name, refused = done.pop().result()
            assert refused.status_code == 503
            assert int(refused.headers["Retry-After"]) >= 1
            assert set(refused.json()) == {"error"}
            time.sleep(0.2)
            assert not waiting.pop().done(), "the queued request answered before its commit"
        accepted_name, accepted = next(f.result() for f in futures if f.result()[1] is not refused)
        assert accepted.status_code == 200

        with server.client(key) as api:
            traces = {t["trace_id"] for t in api.get("/v1/get-traces").json()["traces"]}
            assert traces == {accepted_name * 32}
            assert stored(api) == 2
            retried = api.post("/v1/traces", content=bodies[refused_name], headers=PROTOBUF)
            assert retried.status_code == 200
            assert stored(api) == 4


def test_otlp_json_ids_in_base64_are_understood_too(api):
    import base64

    trace = bytes.fromhex("5b8efff798038103d269b633813fc60c")
    body = {"resourceSpans": [{"scopeSpans": [{"spans": [{
        "traceId": base64.b64encode(trace).decode(),
        "spanId": base64.b64encode(bytes.fromhex("eee19b7ec3c1b174")).decode(),
        "name": "b64", "startTimeUnixNano": "1700000000000000000",
        "endTimeUnixNano": "1700000001000000000"}]}]}]}
    assert api.post("/v1/traces", json=body).status_code == 200
    assert api.get(f"/v1/traces/{trace.hex()}").json()[0]["span_id"] == "eee19b7ec3c1b174"
