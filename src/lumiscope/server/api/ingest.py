"""Ingest routes: OTLP/HTTP traces and LumiqTrace native NDJSON events.

Each handler checks credentials, type and encoding before reading the body, decodes off
the event loop, and answers only after the writer committed the rows.
"""

from __future__ import annotations

from anyio import to_thread
from fastapi import APIRouter, Request, Response
from fastapi.responses import JSONResponse

from lumiscope.server.errors import BadRequest, UnsupportedMediaType
from lumiscope.server.ingest import native, otlp
from lumiscope.server.ingest.bodies import ENCODINGS, decompress, read_limited
from lumiscope.server.ingest.normalize import Batch, normalize_otlp
from lumiscope.server.services import Services

OTLP_PATHS = ("/v1/traces", "/v1/otel/v1/traces", "/traces", "/v1/otel")
_OTLP_DOC = {
    "requestBody": {"required": True, "content": {
        "application/x-protobuf": {"schema": {"type": "string", "format": "binary"}},
        "application/json": {"schema": {"type": "object"}}}},
}
_NDJSON_DOC = {
    "requestBody": {"required": True, "content": {
        "application/x-ndjson": {"schema": {"type": "string"}}}},
}


def _encoding(request: Request) -> str:
    encoding = (request.headers.get("content-encoding") or "identity").strip().lower()
    if encoding not in ENCODINGS:
        raise UnsupportedMediaType(
            f"unsupported Content-Encoding {encoding!r}; use gzip, deflate or identity"
        )
    return encoding


def router(services: Services) -> APIRouter:
    api = APIRouter(tags=["ingest"])
    limit = services.settings.max_body_bytes

    async def _body(request: Request) -> bytes:
        return await read_limited(request.stream(), request.headers.get("content-length"), limit)

    async def otlp_traces(request: Request) -> Response:
        """OTLP/HTTP trace export, protobuf or JSON, gzip/deflate/identity."""
        project = await to_thread.run_sync(services.auth.writer, request.headers)
        kind = otlp.media_type(request.headers.get("content-type"))
        encoding = _encoding(request)
        body = await _body(request)

        def decode() -> Batch:
            message = otlp.decode(decompress(body, encoding, limit), kind)
            return normalize_otlp(message, project.id, services.prices.pricer(project.id))

        batch = await to_thread.run_sync(decode)
        await services.writer.write(batch.rows)
        status = 202 if request.url.path == "/v1/otel" else 200
        content = otlp.response_body(kind, batch.rejected, "; ".join(batch.errors))
        return Response(content, status_code=status, media_type=kind)

    for path in OTLP_PATHS:
        api.add_api_route(path, otlp_traces, methods=["POST"], openapi_extra=_OTLP_DOC,
                          summary="OTLP/HTTP traces", include_in_schema=path == "/v1/traces")

    @api.post("/v1/ingest", openapi_extra=_NDJSON_DOC, summary="LumiqTrace native events")
    async def ingest_events(request: Request) -> Response:
        """At most 100 NDJSON events; duplicates (same ``event_id``) are stored once.

        Valid lines are stored even when others are not; the answer is then 400 and lists
        the refused lines.
        """
        project = await to_thread.run_sync(services.auth.writer, request.headers)
        content_type = (request.headers.get("content-type") or "").split(";")[0].strip().lower()
        if content_type not in native.NDJSON_TYPES:
            raise UnsupportedMediaType(
                f"unsupported Content-Type {content_type!r}; send application/x-ndjson"
            )
        encoding = _encoding(request)
        body = await _body(request)

        def decode() -> native.NativeBatch:
            try:
                return native.parse_ndjson(decompress(body, encoding, limit), project.id,
                                           services.prices.pricer(project.id))
            except native.EventError as exc:
                raise BadRequest(str(exc)) from None

        batch = await to_thread.run_sync(decode)
        await services.writer.write(batch.rows)
        if batch.errors:
            first = batch.errors[0]
            return JSONResponse(status_code=400, content={
                "error": f"line {first['line']}: {first['error']}",
                "accepted": len(batch.rows), "rejected": batch.errors,
            })
        return JSONResponse(status_code=202, content={"accepted": len(batch.rows)})

    return api
