"""The article columns a list item is read from, and the item as JSON-ready values.

Shared by every list of articles (``/v1/articles``, an entity's, an event's).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from sqlalchemy import bindparam, select

from app.articles.models import Article, Source
from app.common.schemas import date_json, timestamp_json

ARTICLE_COLUMNS = (
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
    Article.created_at,
    Article.updated_at,
    Article.body,
)
# A list item: every column but the body (read only with ``include=body``).
LIST_COLUMNS = ARTICLE_COLUMNS[:-1]
_LIST_KEYS = tuple(column.key for column in LIST_COLUMNS)
_IDS: Any = bindparam("ids", expanding=True)
ROWS_BY_ID = {
    body: select(*(ARTICLE_COLUMNS if body else LIST_COLUMNS))
    .outerjoin(Source, Source.id == Article.source_id)
    .where(Article.id.in_(_IDS))
    for body in (False, True)
}


def list_document(
    row: Mapping[str, Any], *, body: bool = False, snippet: str | None = None
) -> dict[str, Any]:
    """An ``ArticleRead`` as JSON-ready values from a row of ``LIST_COLUMNS`` (+ body)."""
    doc = {key: row[key] for key in _LIST_KEYS}
    doc["published_at"] = date_json(doc["published_at"])
    doc["created_at"] = timestamp_json(doc["created_at"])
    doc["updated_at"] = timestamp_json(doc["updated_at"])
    doc["body"] = row["body"] if body else None
    doc["snippet"] = snippet
    return doc
