"""The ceiling of the server stack: a bare ASGI app answering a precomputed body.

Served by the same uvicorn as the API (``uvicorn bench.asgi_ceiling:app``); the body is
the bytes of ``$NEWSMETA_BENCH_BODY_FILE`` (the benchmark writes an article detail
there), so the comparison with ``GET /v1/articles/{id}`` is size for size.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

_BODY_FILE = os.environ.get("NEWSMETA_BENCH_BODY_FILE")
BODY = Path(_BODY_FILE).read_bytes() if _BODY_FILE else b'{"ok":true}'
HEADERS = [
    (b"content-type", b"application/json"),
    (b"content-length", str(len(BODY)).encode()),
]


async def app(scope: dict[str, Any], receive: Any, send: Any) -> None:
    """Every HTTP request gets ``BODY``; lifespan events are acknowledged."""
    if scope["type"] == "lifespan":
        while True:
            message = await receive()
            if message["type"] == "lifespan.startup":
                await send({"type": "lifespan.startup.complete"})
            elif message["type"] == "lifespan.shutdown":
                await send({"type": "lifespan.shutdown.complete"})
                return
    await send({"type": "http.response.start", "status": 200, "headers": HEADERS})
    await send({"type": "http.response.body", "body": BODY})
