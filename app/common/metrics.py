"""Prometheus metrics through ``prometheus_client``.

One process: the default registry. Several (``newsmeta serve --workers N``, or any
server that sets ``PROMETHEUS_MULTIPROC_DIR``): each process writes its samples to files
in that folder and ``/metrics`` adds up every process's, whichever one answers.
"""

from __future__ import annotations

import os
from typing import Any

from prometheus_client import (
    CONTENT_TYPE_LATEST,
    REGISTRY,
    CollectorRegistry,
    Counter,
    Histogram,
    generate_latest,
    multiprocess,
)

MULTIPROC_ENV = "PROMETHEUS_MULTIPROC_DIR"
CONTENT_TYPE = CONTENT_TYPE_LATEST

REQUESTS = Counter(
    "newsmeta_http_requests", "HTTP requests by method, route and status.",
    ["method", "route", "status"],
)  # fmt: skip
DURATION = Histogram(
    "newsmeta_http_request_duration_seconds",
    "Time to answer a request, by method and route (long polls included).",
    ["method", "route"],
    buckets=(0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30),
)


# Each labelled child looked up once: ``labels()`` takes a lock and builds a key on
# every call. Bounded: routes and statuses are few (unmatched paths share one name).
_CHILDREN: dict[tuple[str, str, int], tuple[Any, Any]] = {}


def observe(method: str, route: str, status: int, seconds: float) -> None:
    key = (method, route, status)
    children = _CHILDREN.get(key)
    if children is None:
        children = (REQUESTS.labels(method, route, str(status)), DURATION.labels(method, route))
        _CHILDREN[key] = children
    children[0].inc()
    children[1].observe(seconds)


def render() -> bytes:
    """The exposition text: of every process when ``PROMETHEUS_MULTIPROC_DIR`` is set."""
    if os.environ.get(MULTIPROC_ENV):
        registry = CollectorRegistry()
        multiprocess.MultiProcessCollector(registry)  # type: ignore[no-untyped-call]
        return generate_latest(registry)
    return generate_latest(REGISTRY)
