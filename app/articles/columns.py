"""The article columns a list item is read from, and the item as JSON-ready values.

Shared by every list of articles (``/v1/articles``, an entity's, an event's).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from sqlalchemy import bindparam, select

from app.articles.models import Article, Source
from app.common.schemas import date_json, timestamp_json

# A list item: no body (read only with ``include=body``), no timestamps (detail only).
LIST_COLUMNS = (
    Article.id,
    Article.url,
    Article.title,
    Article.standfirst,
    Article.language,
    Article.published_at,
    Source.name.label("source"),  # type: ignore[attr-defined]
    Article.authors,
    Article.republished,
    Article.content_hash,
    Article.word_count,
)
ARTICLE_COLUMNS = (*LIST_COLUMNS, Article.body)
DETAIL_COLUMNS = (*ARTICLE_COLUMNS, Article.created_at, Article.updated_at)
_LIST_KEYS = tuple(column.key for column in LIST_COLUMNS)
_IDS: Any = bindparam("ids", expanding=True)
ROWS_BY_ID = {
    body: select(*(ARTICLE_COLUMNS if body else LIST_COLUMNS))
    .outerjoin(Source, Source.id == Article.source_id)
    .where(Article.id.in_(_IDS))
    for body in (False, True)
}


def list_document(
    row: Mapping[str, Any],
    *,
    body: bool = False,
    snippet: str | None = None,
    timestamps: bool = False,
) -> dict[str, Any]:
    """An ``ArticleRead`` as JSON-ready values from a row of ``LIST_COLUMNS`` (+ body).

    ``body`` and ``snippet`` only when asked for (left out, not null); the timestamps
    only for the detail (``ArticleDetail``): no list item carries them.
    """
    doc = {key: row[key] for key in _LIST_KEYS}
    doc["published_at"] = date_json(doc["published_at"])
    if timestamps:
        doc["created_at"] = timestamp_json(row["created_at"])
        doc["updated_at"] = timestamp_json(row["updated_at"])
    if body:
        doc["body"] = row["body"]
    if snippet is not None:
        doc["snippet"] = snippet
    return doc


def own_url_first(url: str | None, urls: list[str]) -> list[str]:
    """Every URL of an article, its own ``url`` first (the store keeps them in the order seen,
    and an update may give the article another URL)."""
    return [url, *(u for u in urls if u != url)] if url else urls
