"""Server settings with their defaults, and small helpers every route shares."""

from __future__ import annotations

from dataclasses import dataclass

from starlette.requests import Request
from starlette.responses import JSONResponse


@dataclass(frozen=True)
class Settings:
    host: str = "127.0.0.1"
    port: int = 7878
    timeout: float = 10.0  # seconds per query, then 503
    max_rows: int = 10_000  # rows (or triples) per result; more are cut and flagged by a header
    cors: str | None = None  # an allowed Origin, or "*"; no CORS headers when None
    max_body: int = 1_000_000  # bytes of a POST body, then 413
    max_concurrent: int = 4  # queries evaluating at once (the store has 2 cores to share)


class BodyTooLarge(Exception):
    pass


def error(status: int, message: str) -> JSONResponse:
    return JSONResponse({"error": message, "status": status}, status_code=status)


async def read_body(request: Request, limit: int) -> bytes:
    """The request body, refusing (BodyTooLarge -> 413) past `limit` bytes without reading on."""
    declared = request.headers.get("content-length")
    if declared and declared.isdigit() and int(declared) > _DRAIN * limit:
        raise BodyTooLarge(f"request body over {limit} bytes")
    chunks, size = [], 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > _DRAIN * limit:
            break
        if size <= limit:
            chunks.append(chunk)
    # A body somewhat over the limit is read to its end (and dropped) before answering, so the
    # client, still sending, gets the 413 rather than a reset connection.
    if size > limit:
        raise BodyTooLarge(f"request body over {limit} bytes")
    return b"".join(chunks)


_DRAIN = 8  # bodies up to 8x the limit are drained; larger ones are cut off at once
