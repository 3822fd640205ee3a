"""Follow newsmeta's change feed with the Python SDK generated from its OpenAPI document.

The SDK (``openapi-python-client generate --url http://HOST/openapi.json``) has one
function per operation; this module, copied next to it, adds the loop a consumer needs::

    from newsmeta_client import Client
    from newsmeta_changes import CursorExpired, iter_changes

    client = Client(base_url="http://127.0.0.1:8000", timeout=httpx.Timeout(40))
    for change in iter_changes(client, since=saved_cursor):
        handle(change)                 # change.resource, .resource_id, .kind, .url
        saved_cursor = str(change.id)  # the cursor to resume from, after a restart too

It long-polls (``wait``), so an idle feed costs one request every ``wait`` seconds, and
raises ``CursorExpired`` when the cursor is older than the changes the server keeps: then
take the cursor of ``latest_cursor(client)``, list the resources again, and go on from it.
It depends on nothing but the generated package (``package``, ``newsmeta_client``).
"""

from __future__ import annotations

import importlib
from collections.abc import Iterator
from typing import Any


class CursorExpired(Exception):
    """The server answered 410: the cursor is older than the changes it keeps."""


def _list_changes(package: str) -> Any:
    return importlib.import_module(f"{package}.api.changes.list_changes")


def _page(client: Any, package: str, **params: Any) -> Any:
    response = _list_changes(package).sync_detailed(client=client, **params)
    status = int(response.status_code)
    if status == 410:
        detail = getattr(response.parsed, "detail", "") or "cursor expired"
        raise CursorExpired(detail)
    if status != 200:
        raise RuntimeError(f"GET /v1/changes answered {status}: {response.content[:300]!r}")
    return response.parsed


def latest_cursor(client: Any, *, package: str = "newsmeta_client") -> str:
    """The cursor of the newest change: follow from here to see only what comes next."""
    return str(_page(client, package, since="latest").next_cursor)


def iter_changes(
    client: Any,
    *,
    since: str | None = None,
    limit: int = 100,
    wait: float = 30,
    stop_when_idle: bool = False,
    package: str = "newsmeta_client",
) -> Iterator[Any]:
    """Every change after ``since`` (None: the oldest kept), in commit order, forever
    (or, with ``stop_when_idle``, until a page comes back empty)."""
    cursor = since
    while True:
        params: dict[str, Any] = {"limit": limit, "wait": 0 if stop_when_idle else wait}
        if cursor is not None:
            params["since"] = cursor
        page = _page(client, package, **params)
        yield from page.data
        cursor = page.next_cursor
        if stop_when_idle and not page.data:
            return
