"""Entities → store: race-safe upserts of entities and aliases, and their counts.

Entities and aliases are inserted on their unique keys (``ON CONFLICT DO NOTHING`` then
a read), so two importers on one PostgreSQL store never create the same row twice.
newsmeta never deletes an entity or an alias, so a batch remembers the committed ones.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from sqlalchemy import func, select, update
from sqlmodel import Session

from app.changes import service as changes
from app.common.models import utcnow
from app.entities.models import ArticleEntity, Entity, EntityAlias
from app.entities.names import fold
from app.entities.types import EntityRef
from app.pipeline.store.sql import insert_or_ignore


@dataclass
class KnownRows:
    """Entity ids and alias keys known to be in the store. newsmeta never deletes an
    entity or an alias, so an import run remembers the committed ones and neither
    writes nor reads them again."""

    entity_ids: dict[str, int] = field(default_factory=dict)
    aliases: set[tuple[int, str]] = field(default_factory=set)

    def update(self, other: KnownRows) -> None:
        self.entity_ids.update(other.entity_ids)
        self.aliases |= other.aliases

    def copy(self) -> KnownRows:
        return KnownRows(dict(self.entity_ids), set(self.aliases))


@dataclass
class BatchWrite:
    """What a batch writer (``run._store_batch``) carries from one article to the next."""

    known: KnownRows  # committed before the batch's transaction began
    seen: KnownRows = field(default_factory=KnownRows)  # written or read in this transaction
    recount: set[int] = field(default_factory=set)  # entities whose counts are now stale

    def entity_id(self, key: str) -> int | None:
        return self.seen.entity_ids.get(key) or self.known.entity_ids.get(key)

    def has_alias(self, alias: tuple[int, str]) -> bool:
        return alias in self.seen.aliases or alias in self.known.aliases

    def merge(self, article: BatchWrite) -> None:
        """Take over what an article wrote under a savepoint that was released."""
        self.seen.update(article.seen)
        self.recount |= article.recount


def upsert_entities(
    session: Session, refs: Iterable[EntityRef], *, batch: BatchWrite | None = None
) -> dict[str, int]:
    """Entity id per key, creating missing entities and aliases (race-safe).

    With a ``batch``, the entities and aliases it knows are in the store are not written
    again (the rows are there: ``ON CONFLICT DO NOTHING`` would change nothing).
    """
    # Key order: two importers inserting the same new entities cannot deadlock.
    unique = dict(sorted({ref.key: ref for ref in refs}.items()))
    if not unique:
        return {}
    batch = batch or BatchWrite(KnownRows())
    ids = {key: id_ for key in unique if (id_ := batch.entity_id(key)) is not None}
    missing = [ref for key, ref in unique.items() if key not in ids]
    if missing:
        now = utcnow()
        created = session.scalars(
            insert_or_ignore(session, Entity)
            .on_conflict_do_nothing(index_elements=["key"])
            .returning(Entity.__table__.c.id),
            [
                {
                    "key": ref.key,
                    "name": ref.name,
                    "type": ref.type,
                    "wikidata": ref.ids.get("wikidata"),
                    "geonames": ref.ids.get("geonames"),
                    "iso3166": ref.ids.get("iso3166"),
                    "article_count": 0,
                    "mention_count": 0,
                    "created_at": now,
                    "updated_at": now,
                }
                for ref in missing
            ],
        )
        changes.record(session, "entity", list(created), "created")
        keys = [ref.key for ref in missing]
        ids |= dict(
            session.execute(select(Entity.key, Entity.id).where(Entity.key.in_(keys)))
            .tuples()
            .all()
        )
    aliases = {
        (ids[key], fold(alias)): alias
        for key, ref in unique.items()
        for alias in (ref.name, *ref.aliases)
        if alias.strip()
    }
    new_aliases = {pair: alias for pair, alias in aliases.items() if not batch.has_alias(pair)}
    if new_aliases:
        session.execute(
            insert_or_ignore(session, EntityAlias).on_conflict_do_nothing(),
            [{"entity_id": e, "alias": a, "normalized": n} for (e, n), a in new_aliases.items()],
        )
    batch.seen.entity_ids.update(ids)
    batch.seen.aliases.update(aliases)
    return ids


def refresh_entity_counts(session: Session, entity_ids: set[int]) -> None:
    """Recount articles, mentions and first/last seen for these entities."""
    if not entity_ids:
        return
    ae = ArticleEntity.__table__
    # Lock the rows first, in id order: the recount below then starts after a concurrent
    # importer's commit and counts its rows too (READ COMMITTED snapshots per statement).
    # NO KEY UPDATE, like the UPDATE itself: it does not wait for foreign-key checks.
    ids = sorted(entity_ids)
    changes.record(session, "entity", ids, "updated")  # counts, first and last seen
    session.execute(
        select(Entity.id)
        .where(Entity.id.in_(ids))  # type: ignore[union-attr]
        .order_by(Entity.id)
        .with_for_update(key_share=True)
    )
    session.execute(
        update(Entity)
        .where(Entity.id.in_(sorted(entity_ids)))  # type: ignore[union-attr]
        .values(
            article_count=select(func.count()).where(ae.c.entity_id == Entity.id).scalar_subquery(),
            mention_count=select(func.coalesce(func.sum(ae.c.mention_count), 0))
            .where(ae.c.entity_id == Entity.id)
            .scalar_subquery(),
            first_seen=select(func.min(ae.c.published_at))
            .where(ae.c.entity_id == Entity.id)
            .scalar_subquery(),
            last_seen=select(func.max(ae.c.published_at))
            .where(ae.c.entity_id == Entity.id)
            .scalar_subquery(),
            updated_at=utcnow(),
        )
    )
