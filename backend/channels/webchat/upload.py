"""Reading a visitor's upload body under the web chat's own size limit (not the server's JSON body limit).

The route is listed in the body-limit middleware's `streamed_routes` with a hard cap of `HARD_CAP_FACTOR`
times the attachment limit (a larger Content-Length is refused there at once). Here the exact limit is
enforced: a declared Content-Length over it, or a stream growing past it, is refused with 413
`file_too_large` and a message the widget shows. Nothing past the limit is kept in memory; the rest of the
body (up to the hard cap) is read and discarded so the browser receives the answer instead of a reset.
"""

from __future__ import annotations

from fastapi import Request

from backend.channels.webchat.files import too_large

HARD_CAP_FACTOR = 4


def hard_cap(max_bytes: int) -> int:
    return max_bytes * HARD_CAP_FACTOR


async def read_upload(request: Request, max_bytes: int) -> bytes:
    """The body if it is at most `max_bytes`; else 413 `file_too_large` (nothing over the limit is kept)."""
    declared = request.headers.get("content-length", "")
    over = declared.isdigit() and int(declared) > max_bytes
    data = bytearray()
    seen = 0
    async for chunk in request.stream():
        seen += len(chunk)
        if not over:
            data += chunk
            over = seen > max_bytes
            if over:
                data = bytearray()
        if over and seen > hard_cap(max_bytes):
            break  # a client that lied or keeps sending: stop reading, the connection is closed
    if over:
        raise too_large(max_bytes)
    return bytes(data)
