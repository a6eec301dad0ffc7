"""Request bodies: size limit and Content-Encoding, before any format is decoded."""

from __future__ import annotations

import zlib
from collections.abc import AsyncIterator

from lumiscope.server.errors import BadRequest, PayloadTooLarge, UnsupportedMediaType

ENCODINGS = ("gzip", "deflate", "identity")


async def read_limited(
    stream: AsyncIterator[bytes], content_length: str | None, limit: int
) -> bytes:
    """Read a request body, refusing with 413 as soon as it passes ``limit`` bytes."""
    if content_length and content_length.isdigit() and int(content_length) > limit:
        raise PayloadTooLarge(f"body of {content_length} bytes exceeds the limit of {limit}")
    chunks: list[bytes] = []
    size = 0
    async for chunk in stream:
        size += len(chunk)
        if size > limit:
            raise PayloadTooLarge(f"body exceeds the limit of {limit} bytes")
        chunks.append(chunk)
    return b"".join(chunks)


def decompress(body: bytes, encoding: str | None, limit: int) -> bytes:
    """Undo ``Content-Encoding``; the inflated size is held to ``limit`` too (413)."""
    encoding = (encoding or "identity").strip().lower()
    if encoding == "identity" or not body:
        return body
    if encoding == "gzip":
        wbits = 16 + zlib.MAX_WBITS
    elif encoding == "deflate":
        # Clients send either zlib-wrapped or raw deflate; 32+ auto-detects zlib/gzip headers.
        wbits = 32 + zlib.MAX_WBITS if body[:1] == b"\x78" else -zlib.MAX_WBITS
    else:
        raise UnsupportedMediaType(
            f"unsupported Content-Encoding {encoding!r}; use gzip, deflate or identity"
        )
    inflater = zlib.decompressobj(wbits)
    try:
        out = inflater.decompress(body, limit + 1)
    except zlib.error as exc:
        raise BadRequest(f"body is not valid {encoding}: {exc}") from None
    if len(out) > limit or inflater.unconsumed_tail:
        raise PayloadTooLarge(f"decompressed body exceeds the limit of {limit} bytes")
    if not inflater.eof:
        raise BadRequest(f"body is truncated {encoding} data")
    return out
