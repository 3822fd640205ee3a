"""Reads of entities: search, detail, their articles and co-occurring entities."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import func, or_, select
from sqlalchemy.orm import aliased
from sqlmodel import Session

from app.articles import service as article_service
from app.articles.models import Article, Source
from app.articles.schemas import ArticleRead
from app.common import keyset
from app.common.errors import NotFound
from app.common.pagination import PageParams
from app.entities.models import ArticleEntity, Entity, EntityAlias
from app.entities.names import fold
from app.entities.schemas import EntityDetail, EntityRead, RelatedEntity

# sort key → (column, descending)
SORTS: dict[str, tuple[Any, bool]] = {
    "-article_count": (Entity.article_count, True),
    "name": (Entity.name, False),
}
# Co-occurrence is counted over the entity's most recent articles: constant cost per call.
RELATED_WINDOW = 1000
_WORD_SEPARATORS = (" ", "'", "-")
_LIKE_SPECIALS = str.maketrans({"\\": "\\\\", "%": "\\%", "_": "\\_"})


@dataclass(frozen=True)
class EntityFilters:
    q: str | None = None
    type: str | None = None
    sort: str = "-article_count"


def external_ids(entity: Entity) -> dict[str, str]:
    """The known external ids of an entity (no nulls)."""
    ids = {"wikidata": entity.wikidata, "geonames": entity.geonames, "iso3166": entity.iso3166}
    return {name: value for name, value in ids.items() if value}


def _read(entity: Entity) -> EntityRead:
    return EntityRead.model_validate(entity.model_dump() | {"ids": external_ids(entity)})


def list_entities(
    *, session: Session, filters: EntityFilters, page: PageParams
) -> tuple[list[EntityRead], str | None]:
    """Entities whose name or an alias (or a word of it) starts with ``q``, case and
    accents ignored; by article count or name."""
    stmt = select(Entity)
    if filters.type:
        stmt = stmt.where(Entity.type == filters.type)
    if filters.q and fold(filters.q):
        prefix = fold(filters.q).translate(_LIKE_SPECIALS) + "%"
        # The alias starts with q, or one of its words does ("stolt" → "jens stoltenberg").
        patterns = [prefix, *(f"%{sep}{prefix}" for sep in _WORD_SEPARATORS)]
        matching = or_(*(EntityAlias.normalized.like(p, escape="\\") for p in patterns))
        stmt = stmt.where(Entity.id.in_(select(EntityAlias.entity_id).where(matching)))
    column, descending = SORTS[filters.sort]
    rows, next_cursor = keyset.paginate(
        session,
        stmt,
        scope=f"entities:{filters.sort}",
        page=page,
        sort_column=column,
        id_column=Entity.id,
        descending=descending,
        position_of=lambda row: [getattr(row[0], column.key), row[0].id],
        nullable=False,
    )
    return [_read(row[0]) for row in rows], next_cursor


def get_entity(*, session: Session, entity_id: int) -> EntityDetail:
    entity = session.get(Entity, entity_id)
    if entity is None:
        raise NotFound("entity", entity_id)
    aliases = session.scalars(
        select(EntityAlias.alias).where(EntityAlias.entity_id == entity_id).order_by(EntityAlias.id)
    )
    return EntityDetail.model_validate(
        entity.model_dump() | {"ids": external_ids(entity), "aliases": list(dict.fromkeys(aliases))}
    )


def ensure_entity(session: Session, entity_id: int) -> None:
    """404 unless the entity exists (sub-resources of an unknown entity are 404, not [])."""
    if session.get(Entity, entity_id) is None:
        raise NotFound("entity", entity_id)


def list_entity_articles(
    *, session: Session, entity_id: int, page: PageParams
) -> tuple[list[ArticleRead], str | None]:
    """Articles naming the entity, newest first, along its (entity, published_at, article) index."""
    ensure_entity(session, entity_id)
    stmt = (
        select(Article, Source.name)
        .select_from(ArticleEntity)
        .join(Article, Article.id == ArticleEntity.article_id)
        .outerjoin(Source, Source.id == Article.source_id)
        .where(ArticleEntity.entity_id == entity_id)
    )
    rows, next_cursor = keyset.paginate(
        session,
        stmt,
        scope=f"entity-articles:{entity_id}",
        page=page,
        sort_column=ArticleEntity.published_at,
        id_column=ArticleEntity.article_id,
        descending=True,
        position_of=lambda row: [row[0].published_at, row[0].id],
    )
    return [article_service.read_item(a, s) for a, s in rows], next_cursor


def list_related_entities(
    *, session: Session, entity_id: int, page: PageParams
) -> tuple[list[RelatedEntity], str | None]:
    """Entities named in the same articles, most shared first: one grouped query.

    Counted over the entity's ``RELATED_WINDOW`` most recent articles so the cost does
    not grow with the size of the store.
    """
    ensure_entity(session, entity_id)
    recent = (
        select(ArticleEntity.article_id)
        .where(ArticleEntity.entity_id == entity_id)
        .order_by(ArticleEntity.published_at.desc().nulls_last(), ArticleEntity.article_id.desc())
        .limit(RELATED_WINDOW)
    )
    other = aliased(ArticleEntity)
    counts = (
        select(other.entity_id.label("entity_id"), func.count().label("shared"))
        .where(other.article_id.in_(recent), other.entity_id != entity_id)
        .group_by(other.entity_id)
        .subquery()
    )
    stmt = select(Entity, counts.c.shared).join(counts, counts.c.entity_id == Entity.id)
    rows, next_cursor = keyset.paginate(
        session,
        stmt,
        scope=f"related:{entity_id}",
        page=page,
        sort_column=counts.c.shared,
        id_column=Entity.id,
        descending=True,
        position_of=lambda row: [row[1], row[0].id],
        nullable=False,
    )
    items = [
        RelatedEntity(
            id=e.id, name=e.name, type=e.type, ids=external_ids(e), shared_articles=shared
        )
        for e, shared in rows
    ]
    return items, next_cursor
