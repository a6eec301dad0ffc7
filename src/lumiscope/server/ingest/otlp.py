"""OTLP/HTTP trace requests: protobuf or JSON bytes to an ``ExportTraceServiceRequest``."""

from __future__ import annotations

import base64
import json
from typing import Any

from google.protobuf import json_format
from google.protobuf.message import DecodeError
from opentelemetry.proto.collector.trace.v1.trace_service_pb2 import (
    ExportTraceServiceRequest,
    ExportTraceServiceResponse,
)

from lumiscope.server.errors import BadRequest, UnsupportedMediaType

PROTOBUF = "application/x-protobuf"
JSON = "application/json"
_PROTOBUF_TYPES = (PROTOBUF, "application/protobuf", "application/octet-stream")
_ID_FIELDS = ("traceId", "spanId", "parentSpanId")


def media_type(content_type: str | None) -> str:
    """``PROTOBUF`` or ``JSON`` for a request's Content-Type; 415 for anything else."""
    base = (content_type or "").split(";")[0].strip().lower()
    if base in _PROTOBUF_TYPES:
        return PROTOBUF
    if base == JSON:
        return JSON
    raise UnsupportedMediaType(
        f"unsupported Content-Type {content_type!r}; send {PROTOBUF} or {JSON}"
    )


def decode(body: bytes, kind: str) -> ExportTraceServiceRequest:
    """Parse an OTLP trace export; 400 with the parser's reason when it is malformed."""
    request = ExportTraceServiceRequest()
    if kind == PROTOBUF:
        try:
            request.ParseFromString(body)
        except (DecodeError, ValueError) as exc:
            raise BadRequest(f"body is not a valid OTLP protobuf message: {exc}") from None
        return request
    if not body.strip():
        return request
    try:
        document = json.loads(body)
    except (ValueError, UnicodeDecodeError) as exc:
        raise BadRequest(f"body is not valid JSON: {exc}") from None
    if not isinstance(document, dict):
        raise BadRequest("OTLP/JSON body must be an object with resourceSpans")
    _hex_ids_to_base64(document)
    try:
        # Receivers must ignore fields they do not know (OTLP spec, "JSON Protobuf Encoding").
        json_format.ParseDict(document, request, ignore_unknown_fields=True)
    except (json_format.ParseError, ValueError, TypeError) as exc:
        raise BadRequest(f"body is not a valid OTLP/JSON trace export: {exc}") from None
    return request


def _hex_ids_to_base64(document: dict[str, Any]) -> None:
    # OTLP/JSON writes trace and span ids as hex, where the protobuf JSON mapping expects
    # base64 for bytes fields.
    for resource_spans in _list(document, "resourceSpans", "resource_spans"):
        for scope_spans in _list(resource_spans, "scopeSpans", "scope_spans"):
            for span in _list(scope_spans, "spans"):
                if not isinstance(span, dict):
                    continue
                _convert_ids(span)
                for link in _list(span, "links"):
                    if isinstance(link, dict):
                        _convert_ids(link)


def _convert_ids(obj: dict[str, Any]) -> None:
    for name in _ID_FIELDS:
        for key in (name, _snake(name)):
            value = obj.get(key)
            if isinstance(value, str) and value:
                obj[key] = _id_as_base64(name, value)


def _id_as_base64(name: str, value: str) -> str:
    try:
        return base64.b64encode(bytes.fromhex(value)).decode()
    except ValueError:
        pass
    # Some encoders follow the generic protobuf JSON mapping (base64) instead of OTLP's hex.
    try:
        if len(base64.b64decode(value, validate=True)) in (8, 16):
            return value
    except ValueError:
        pass
    raise BadRequest(f"{name} {value!r} is neither hex nor base64 of 8 or 16 bytes")


def _list(obj: Any, *keys: str) -> list[Any]:
    if not isinstance(obj, dict):
        return []
    for key in keys:
        value = obj.get(key)
        if isinstance(value, list):
            return value
    return []


def _snake(name: str) -> str:
    return "".join("_" + c.lower() if c.isupper() else c for c in name)


def response_body(kind: str, rejected: int = 0, error: str = "") -> bytes:
    """The success body, in the request's encoding, with OTLP partial success when needed."""
    response = ExportTraceServiceResponse()
    if rejected:
        response.partial_success.rejected_spans = rejected
        response.partial_success.error_message = error
    if kind == PROTOBUF:
        return response.SerializeToString()
    return json.dumps(json_format.MessageToDict(response)).encode()
