"""Reads of entities: search, detail, their articles and co-occurring entities.

Reads select columns (no ORM objects) on the session's connection and return JSON-ready
dicts that the routes serialise themselves; statements are built once, filter values bound.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from sqlalchemy import Integer, String, bindparam, func, or_, select, union_all
from sqlalchemy.orm import aliased
from sqlmodel import Session

from app.articles.columns import LIST_COLUMNS, list_document
from app.articles.models import Article, Source
from app.common import keyset
from app.common.errors import NotFound
from app.common.pagination import PageParams
from app.common.schemas import date_json, timestamp_json
from app.entities.models import ArticleEntity, Entity, EntityAlias
from app.entities.names import fold

# sort key → (column, descending)
SORTS: dict[str, tuple[Any, bool]] = {
    "-article_count": (Entity.article_count, True),
    "name": (Entity.name, False),
}
# Co-occurrence is counted over the entity's most recent articles: constant cost per call.
RELATED_WINDOW = 1000
_WORD_SEPARATORS = (" ", "'", "-")
_LIKE_SPECIALS = str.maketrans({"\\": "\\\\", "%": "\\%", "_": "\\_"})
_ENTITY_ID = bindparam("entity_id", type_=Integer)
_Page = tuple[list[dict[str, Any]], str | None]


@dataclass(frozen=True)
class EntityFilters:
    q: str | None = None
    type: str | None = None
    sort: str = "-article_count"


def _ids(wikidata: str | None, geonames: str | None, iso3166: str | None) -> dict[str, str]:
    """The known external ids of an entity (no nulls)."""
    ids = {"wikidata": wikidata, "geonames": geonames, "iso3166": iso3166}
    return {name: value for name, value in ids.items() if value}


# An ``EntityRead`` as columns.
_READ_COLUMNS = (
    Entity.id,
    Entity.name,
    Entity.type,
    Entity.wikidata,
    Entity.geonames,
    Entity.iso3166,
    Entity.article_count,
    Entity.mention_count,
    Entity.first_seen,
    Entity.last_seen,
)


def _read(row: Any) -> dict[str, Any]:
    """An ``EntityRead`` as JSON-ready values from a row starting with ``_READ_COLUMNS``."""
    return {
        "id": row[0],
        "name": row[1],
        "type": row[2],
        "ids": _ids(row[3], row[4], row[5]),
        "article_count": row[6],
        "mention_count": row[7],
        "first_seen": date_json(row[8]),
        "last_seen": date_json(row[9]),
    }


@lru_cache(maxsize=16)
def _entities_keyset(typed: bool, searched: bool, sort: str) -> keyset.Keyset:
    """The entity list's statements for one combination of filters (values are bound)."""
    stmt = select(*_READ_COLUMNS)
    if typed:
        stmt = stmt.where(Entity.type == bindparam("type", type_=String))
    if searched:
        # The alias starts with q, or one of its words does ("stolt" → "jens stoltenberg").
        patterns = [bindparam(f"pattern_{n}", type_=String) for n in range(4)]
        matching = or_(*(EntityAlias.normalized.like(p, escape="\\") for p in patterns))
        stmt = stmt.where(Entity.id.in_(select(EntityAlias.entity_id).where(matching)))
    column, descending = SORTS[sort]
    return keyset.Keyset(
        stmt, sort_column=column, id_column=Entity.id, descending=descending, nullable=False
    )


def list_entities(
    *, session: Session, filters: EntityFilters, page: PageParams
) -> tuple[list[dict[str, Any]], str | None]:
    """Entities whose name or an alias (or a word of it) starts with ``q``, case and
    accents ignored; by article count or name. Items are ``EntityRead`` documents."""
    params: dict[str, Any] = {"type": filters.type}
    folded = fold(filters.q) if filters.q else ""
    if folded:
        prefix = folded.translate(_LIKE_SPECIALS) + "%"
        patterns = [prefix, *(f"%{sep}{prefix}" for sep in _WORD_SEPARATORS)]
        params |= {f"pattern_{n}": pattern for n, pattern in enumerate(patterns)}
    shape = _entities_keyset(bool(filters.type), bool(folded), filters.sort)
    position = 6 if filters.sort == "-article_count" else 1  # the sort column in the row
    rows, next_cursor = shape.page(
        session.connection().execute,
        params,
        scope=f"entities:{filters.sort}",
        page=page,
        position_of=lambda row: [row[position], row[0]],
    )
    return [_read(row) for row in rows], next_cursor


_DETAIL = select(*_READ_COLUMNS, Entity.created_at, Entity.updated_at).where(
    Entity.id == _ENTITY_ID
)
_ALIASES = (
    select(EntityAlias.alias).where(EntityAlias.entity_id == _ENTITY_ID).order_by(EntityAlias.id)
)
_EXISTS = select(Entity.id).where(Entity.id == _ENTITY_ID)


def get_entity(*, session: Session, entity_id: int) -> dict[str, Any]:
    """The ``EntityDetail`` document of one entity; 404 if there is none."""
    connection = session.connection()
    params = {"entity_id": entity_id}
    row = connection.execute(_DETAIL, params).first()
    if row is None:
        raise NotFound("entity", entity_id)
    document = _read(row)
    aliases = connection.execute(_ALIASES, params).scalars()
    document["aliases"] = list(dict.fromkeys(aliases))
    document["created_at"] = timestamp_json(row[10])
    document["updated_at"] = timestamp_json(row[11])
    return document


def ensure_entity(session: Session, entity_id: int) -> None:
    """404 unless the entity exists (sub-resources of an unknown entity are 404, not [])."""
    if session.connection().execute(_EXISTS, {"entity_id": entity_id}).first() is None:
        raise NotFound("entity", entity_id)


def read_sublist(
    session: Session, entity_id: int, page: PageParams, read: Callable[[], _Page]
) -> _Page:
    """``read()`` a page of one of the entity's lists; 404 if the entity does not exist."""
    return keyset.sublist(page, read, lambda: ensure_entity(session, entity_id))


# Read from the entity's rows of ``article_entity`` along (entity, published_at, article).
_ARTICLES = keyset.Keyset(
    select(*LIST_COLUMNS)
    .select_from(ArticleEntity)
    .join(Article, Article.id == ArticleEntity.article_id)
    .outerjoin(Source, Source.id == Article.source_id)
    .where(ArticleEntity.entity_id == _ENTITY_ID),
    sort_column=ArticleEntity.published_at,
    id_column=ArticleEntity.article_id,
    descending=True,
)


def list_entity_articles(
    *, session: Session, entity_id: int, page: PageParams
) -> tuple[list[dict[str, Any]], str | None]:
    """Articles naming the entity, newest first (``ArticleRead`` documents)."""

    def read() -> tuple[list[dict[str, Any]], str | None]:
        rows, next_cursor = _ARTICLES.page(
            session.connection().execute,
            {"entity_id": entity_id},
            scope=f"entity-articles:{entity_id}",
            page=page,
            position_of=lambda row: [row.published_at, row.id],
        )
        return [list_document(row._mapping) for row in rows], next_cursor

    return read_sublist(session, entity_id, page, read)


def _related_keyset() -> keyset.Keyset:
    """Entities named with the entity in its ``RELATED_WINDOW`` most recent articles.

    The window is read along ``ix_article_entity_entity_published`` in its own order: the
    dated articles newest first, then (if fewer than the window) the undated ones. A
    single ``ORDER BY published_at DESC NULLS LAST`` is not the order of the index on
    PostgreSQL (NULLs sort first there), which made it sort every article of the entity.
    """
    mine = ArticleEntity
    dated = (
        select(mine.article_id)
        .where(mine.entity_id == _ENTITY_ID, mine.published_at.is_not(None))
        .order_by(mine.published_at.desc(), mine.article_id.desc())  # type: ignore[union-attr]
        .limit(RELATED_WINDOW)
        .subquery()
    )
    dated_count = select(func.count()).select_from(dated).scalar_subquery()
    undated = (
        select(mine.article_id)
        .where(mine.entity_id == _ENTITY_ID, mine.published_at.is_(None))
        # All NULL: by id, but written as the index's order so no store sorts them.
        .order_by(mine.published_at.desc(), mine.article_id.desc())  # type: ignore[union-attr]
        .limit(RELATED_WINDOW - dated_count)
        .subquery()
    )
    window = union_all(select(dated.c.article_id), select(undated.c.article_id))
    other = aliased(ArticleEntity)
    counts = (
        select(other.entity_id.label("entity_id"), func.count().label("shared"))
        .where(other.article_id.in_(window), other.entity_id != _ENTITY_ID)
        .group_by(other.entity_id)
        .subquery()
    )
    # The page is chosen from the counts alone; its entities are read after, by id (joined
    # here, PostgreSQL at 1M hashed all 50k entities for a page of 8).
    return keyset.Keyset(
        select(counts.c.entity_id, counts.c.shared),
        sort_column=counts.c.shared,
        id_column=counts.c.entity_id,
        descending=True,
        nullable=False,
    )


_RELATED = _related_keyset()
_RELATED_ENTITIES = select(
    Entity.id, Entity.name, Entity.type, Entity.wikidata, Entity.geonames, Entity.iso3166
).where(Entity.id.in_(bindparam("ids", expanding=True)))


def list_related_entities(
    *, session: Session, entity_id: int, page: PageParams
) -> tuple[list[dict[str, Any]], str | None]:
    """Entities named in the same articles, most shared first (``RelatedEntity`` documents).

    Counted over the entity's ``RELATED_WINDOW`` most recent articles so the cost does
    not grow with the size of the store.
    """

    def read() -> tuple[list[dict[str, Any]], str | None]:
        execute = session.connection().execute
        rows, next_cursor = _RELATED.page(
            execute,
            {"entity_id": entity_id},
            scope=f"related:{entity_id}",
            page=page,
            position_of=lambda row: [row[1], row[0]],
        )
        shared: dict[int, int] = dict(rows)  # page order
        items = [
            {
                "id": i,
                "name": name,
                "type": type_,
                "ids": _ids(wikidata, geonames, iso3166),
                "shared_articles": shared[i],
            }
            for i, name, type_, wikidata, geonames, iso3166 in keyset.rows_by_id(
                execute, _RELATED_ENTITIES, list(shared)
            )
        ]
        return items, next_cursor

    return read_sublist(session, entity_id, page, read)
