"""The article reads served by the fast path (``app.common.fastpath``).

Each answers only the requests it reads exactly as its FastAPI route would, with the
route's own service code; any other parameter, or a value the route would refuse,
goes to the route (which validates and explains).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import orjson
from sqlalchemy.engine import Engine
from sqlmodel import Session
from starlette.requests import Request
from starlette.types import Scope

from app.articles import detail, service
from app.articles.router import get_article, list_articles
from app.common.fastpath import FastRead, FastRoute, Headers, query_items
from app.common.pagination import MAX_LIMIT, PageParams
from app.common.params import ID_MAX
from app.config import get_settings

_POSITIVE = re.compile(r"[1-9][0-9]{0,9}")
# The list's parameters the fast path reads, with the route's limits (longer: the route).
_MAX_LENGTH = {"q": 500, "cursor": 2000}


@dataclass(frozen=True)
class ListQuery:
    limit: int | None
    cursor: str | None
    q: str | None
    entity: int | None


class ArticleList:
    """``GET /v1/articles`` with ``limit``, ``cursor``, ``q`` and one ``entity``: the
    latest articles, a word's and an entity's (the lists read most)."""

    endpoint = staticmethod(list_articles)

    def match(self, path: str, query_string: bytes) -> ListQuery | None:
        if path != "/v1/articles":
            return None
        values: dict[str, str] = {}
        for name, value in query_items(query_string):
            if name in values or not _readable(name, value):
                return None
            values[name] = value
        limit = values.get("limit")
        if limit is not None and int(limit) > MAX_LIMIT:
            return None
        entity = values.get("entity")
        return ListQuery(
            limit=int(limit) if limit is not None else None,
            cursor=values.get("cursor"),
            q=values.get("q"),
            entity=int(entity) if entity is not None else None,
        )

    def answer(self, engine: Engine, args: ListQuery, scope: Scope) -> tuple[bytes, Headers]:
        filters = service.ArticleFilters(
            q=args.q, entity=[args.entity] if args.entity is not None else []
        )
        page = PageParams(limit=args.limit or get_settings().page_size, cursor=args.cursor)
        with Session(engine, expire_on_commit=False) as session:
            items, next_cursor = service.list_articles(session=session, filters=filters, page=page)
        body = orjson.dumps({"data": items, "next_cursor": next_cursor})
        if next_cursor is None:
            return body, []
        url = Request(scope).url.include_query_params(cursor=next_cursor)
        return body, [(b"link", f'<{url}>; rel="next"'.encode("latin-1"))]


def _readable(name: str, value: str) -> bool:
    """Whether the route would take ``value`` for ``name`` as it is (no 422)."""
    if name in ("limit", "entity"):
        return _POSITIVE.fullmatch(value) is not None and int(value) <= ID_MAX
    if name in _MAX_LENGTH:
        return 0 < len(value) <= _MAX_LENGTH[name] and "\x00" not in value
    return False


FAST_READS: list[FastRoute] = [
    FastRead("/v1/articles/{id}", get_article, detail.article_json),
    ArticleList(),
]
