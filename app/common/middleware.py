"""Request id, access log line and request metrics, as plain ASGI middleware."""

from __future__ import annotations

import logging
import re
import time
import uuid
from collections import Counter, defaultdict
from typing import Any

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from app.common.http import request_header

log = logging.getLogger("newsmeta.access")
_VALID_ID = re.compile(r"^[A-Za-z0-9._-]{1,128}$")

# Prometheus-style counters, per process.
REQUESTS: Counter[tuple[str, str, int]] = Counter()
DURATION_SUM: defaultdict[str, float] = defaultdict(float)


class RequestContextMiddleware:
    """Echo or create ``X-Request-ID``; log one line per request; count it."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        incoming = request_header(scope, b"x-request-id")
        request_id = incoming if incoming and _VALID_ID.match(incoming) else uuid.uuid4().hex
        scope.setdefault("state", {})["request_id"] = request_id
        started = time.perf_counter()
        status = 500

        async def send_wrapper(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
                headers = message.setdefault("headers", [])
                # The 500 handler names the request id itself (in the header and detail).
                if not any(name == b"x-request-id" for name, _ in headers):
                    message["headers"] = [*headers, (b"x-request-id", request_id.encode())]
            await send(message)

        try:
            await self.app(scope, receive, send_wrapper)
        finally:
            duration_ms = (time.perf_counter() - started) * 1000
            route = scope.get("route")
            path_template = getattr(route, "path", "<unmatched>")
            REQUESTS[(scope["method"], path_template, status)] += 1
            DURATION_SUM[path_template] += duration_ms / 1000
            if log.isEnabledFor(logging.INFO):
                log.info(
                    "%s %s %s %.1fms",
                    scope["method"],
                    scope["path"],
                    status,
                    duration_ms,
                    extra={
                        "method": scope["method"],
                        "path": scope["path"],
                        "status": status,
                        "duration_ms": round(duration_ms, 2),
                        "request_id": request_id,
                    },
                )


def render_metrics(extra: dict[str, Any] | None = None) -> str:
    lines = [
        "# HELP newsmeta_http_requests_total HTTP requests by method, route and status.",
        "# TYPE newsmeta_http_requests_total counter",
    ]
    for (method, path, status), count in sorted(REQUESTS.items()):
        lines.append(
            f'newsmeta_http_requests_total{{method="{method}",route="{path}",status="{status}"}} {count}'
        )
    lines += [
        "# HELP newsmeta_http_request_duration_seconds_sum Time spent serving each route.",
        "# TYPE newsmeta_http_request_duration_seconds_sum counter",
    ]
    for path, total in sorted(DURATION_SUM.items()):
        lines.append(f'newsmeta_http_request_duration_seconds_sum{{route="{path}"}} {total:.6f}')
    for name, value in (extra or {}).items():
        lines += [f"# TYPE {name} gauge", f"{name} {value}"]
    return "\n".join(lines) + "\n"
