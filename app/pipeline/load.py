"""Typed results → store: idempotent upserts, one transaction per article.

Outcomes: ``imported`` (new article), ``updated`` (same URL/external id with new
content, or a new URL for a known text), ``unchanged`` (nothing to do). Entities
and events are upserted on their unique keys (``ON CONFLICT DO NOTHING`` then a
read), so two importers on one PostgreSQL store never create the same row twice.
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import Any, Literal

from sqlalchemy import BigInteger, bindparam, delete, func, or_, select, update
from sqlmodel import Session

from app.articles.models import (
    SIMHASH_BAND_SHIFTS,
    Article,
    ArticleDuplicate,
    ArticleUrl,
    DateMention,
    Source,
    simhash_band,
)
from app.common.models import utcnow
from app.entities.models import ArticleEntity, Entity, EntityAlias, Mention
from app.entities.names import fold
from app.events.models import Event, EventArticle, EventEntity
from app.pipeline import simhash as sh
from app.pipeline.dates_resolve import date_range
from app.pipeline.load_events import write_events
from app.pipeline.load_sql import insert_or_ignore, plain_insert
from app.pipeline.types import CleanArticle, EntityRef, Extraction
from app.quotes.models import Quote

Outcome = Literal["imported", "updated", "unchanged"]
_SPACES = re.compile(r"\s+")
# Near-duplicates: a store-wide exact search for distance <= 3 (bands), plus a scan of
# the most recent articles for the looser threshold (republications are close in time).
NEAR_DUPLICATE_DISTANCE = 10
NEAR_DUPLICATE_MIN_JACCARD = 0.5
RECENT_WINDOW = 2000


@dataclass(frozen=True)
class StoredArticle:
    id: int
    outcome: Outcome


def content_hash(body: str) -> str:
    """Same text (whitespace aside) → same hash: the republication key."""
    return hashlib.sha256(_SPACES.sub(" ", body).strip().encode()).hexdigest()


def find_existing(session: Session, article: CleanArticle, source_id: int | None) -> Article | None:
    """The stored article this one is a version of: by URL, then external id."""
    if article.url:
        found = session.scalars(
            select(Article).join(ArticleUrl).where(ArticleUrl.url == article.url)
        ).first()
        if found is not None:
            return found
    if article.external_id:
        return session.scalars(
            select(Article).where(
                Article.source_id == source_id, Article.external_id == article.external_id
            )
        ).first()
    return None


# Built once: the importer runs them for every article.
_WITH_TEXT = select(Article).where(Article.content_hash == bindparam("digest"))
_ID_WITH_TEXT = select(Article.id).where(Article.content_hash == bindparam("digest"))


def is_unchanged(session: Session, article: CleanArticle) -> bool:
    """True when this exact text is stored and the URL adds nothing (skip the NLP)."""
    stored = session.scalars(_ID_WITH_TEXT, {"digest": content_hash(article.body)}).first()
    if stored is None:
        return False
    urls = [u for u in (article.url, *article.other_urls) if u]
    if not urls:
        return True
    owners = set(session.scalars(select(ArticleUrl.article_id).where(ArticleUrl.url.in_(urls))))
    return owners == {stored} and len(
        set(session.scalars(select(ArticleUrl.url).where(ArticleUrl.url.in_(urls))))
    ) == len(set(urls))


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


def store_article(
    session: Session,
    article: CleanArticle,
    extraction: Extraction,
    *,
    batch: BatchWrite | None = None,
) -> StoredArticle:
    """Insert or update one article with all its extracted data (caller commits).

    The counts of the entities it adds or removes mentions of are recomputed before this
    returns; or, when the caller passes a ``batch``, their ids are added to its
    ``recount`` and the caller recomputes them once for many articles
    (``refresh_entity_counts``).
    """
    own = batch or BatchWrite(KnownRows())
    stored = _store_article(session, article, extraction, own)
    if batch is None:
        refresh_entity_counts(session, own.recount)
    return stored


def _store_article(
    session: Session, article: CleanArticle, extraction: Extraction, batch: BatchWrite
) -> StoredArticle:
    source_id = _source_id(session, article.source)
    digest = content_hash(article.body)
    existing = find_existing(session, article, source_id)
    if existing is None:
        same_text = session.scalars(_WITH_TEXT, {"digest": digest}).first()
        if same_text is not None:
            assert same_text.id is not None
            added = _add_urls(session, same_text.id, article)
            return StoredArticle(same_text.id, "updated" if added else "unchanged")
        row = Article(**_columns(article, source_id, digest))
        session.add(row)
        session.flush()
        assert row.id is not None
        _add_urls(session, row.id, article)
        _write_extraction(session, row.id, article.published_at, extraction, batch)
        link_near_duplicates(session, row.id, article.body, row.simhash)
        return StoredArticle(row.id, "imported")
    assert existing.id is not None
    if existing.content_hash == digest:
        return StoredArticle(existing.id, "unchanged")
    clash = session.scalars(
        select(Article.id).where(Article.content_hash == digest, Article.id != existing.id)
    ).first()
    if clash is not None:  # the new text is already stored under another article
        _add_urls(session, clash, article)
        return StoredArticle(clash, "updated")
    for name, value in _columns(article, source_id, digest).items():
        setattr(existing, name, value)
    existing.updated_at = utcnow()
    session.add(existing)
    session.flush()
    _add_urls(session, existing.id, article)
    batch.recount |= delete_extraction(session, existing.id)
    _write_extraction(session, existing.id, article.published_at, extraction, batch)
    _drop_orphan_events(session)
    link_near_duplicates(session, existing.id, article.body, existing.simhash)
    return StoredArticle(existing.id, "updated")


def delete_article(session: Session, article_id: int) -> bool:
    """Remove an article and its dependent rows; entities stay, with counts updated."""
    if session.get(Article, article_id) is None:
        return False
    entity_ids = delete_extraction(session, article_id)
    session.execute(delete(ArticleUrl).where(ArticleUrl.article_id == article_id))
    session.execute(
        delete(ArticleDuplicate).where(
            (ArticleDuplicate.article_id == article_id)
            | (ArticleDuplicate.duplicate_id == article_id)
        )
    )
    session.execute(delete(Article).where(Article.id == article_id))
    refresh_entity_counts(session, entity_ids)
    _drop_orphan_events(session)
    return True


def _drop_orphan_events(session: Session) -> None:
    """Events no article mentions any more have no evidence left: they go."""
    orphans = select(Event.id).where(
        ~select(EventArticle.event_id).where(EventArticle.event_id == Event.id).exists()
    )
    orphan_ids = list(session.scalars(orphans))
    if orphan_ids:
        session.execute(delete(EventEntity).where(EventEntity.event_id.in_(orphan_ids)))
        session.execute(delete(Event).where(Event.id.in_(orphan_ids)))


# Statements run for every article, built once: SQLAlchemy would otherwise build and
# key their expressions again each time.
_UNLINK_DUPLICATES = delete(ArticleDuplicate).where(
    (ArticleDuplicate.article_id == bindparam("article_id"))
    | (ArticleDuplicate.duplicate_id == bindparam("article_id"))
)
# Any band equal: catches every hash within distance 3, anywhere in the store, along
# the bands' expression indexes.
_SAME_BAND = (
    select(Article.id, Article.simhash)
    .where(
        Article.id != bindparam("article_id"),
        # (no ``simhash IS NOT NULL``: a NULL hash has no band, and the planner took
        # that condition's index over the bands')
        or_(
            *(
                simhash_band(Article.simhash, shift) == bindparam(f"band{shift}", type_=BigInteger)
                for shift in SIMHASH_BAND_SHIFTS
            )
        ),
    )
    .limit(200)
)
_NEWEST_ID = select(func.max(Article.id))
_SIMHASH_OF = select(Article.simhash).where(Article.id == bindparam("article_id"))
_SIMHASHES_AFTER = (
    select(Article.id, Article.simhash)
    .where(Article.id > bindparam("after"), Article.simhash.is_not(None))
    .order_by(Article.id.desc())
    .limit(RECENT_WINDOW)
)


def link_near_duplicates(session: Session, article_id: int, body: str, value: int | None) -> int:
    """Link this article to stored near-duplicates (same story lightly edited)."""
    session.execute(_UNLINK_DUPLICATES, {"article_id": article_id})
    if value is None or len(body.split()) < sh.MIN_WORDS:
        return 0
    linked = 0
    for other_id in _near_candidates(session, article_id, value):
        other_body = session.scalars(select(Article.body).where(Article.id == other_id)).first()
        if other_body is None:  # a cached id whose row was rolled back or deleted
            continue
        similarity = sh.jaccard(body, other_body)
        if similarity < NEAR_DUPLICATE_MIN_JACCARD:
            continue
        low, high = sorted((article_id, other_id))
        session.execute(
            insert_or_ignore(session, ArticleDuplicate)
            .values(article_id=low, duplicate_id=high, similarity=round(similarity, 3))
            .on_conflict_do_nothing()
        )
        linked += 1
    return linked


def _near_candidates(session: Session, article_id: int, value: int) -> list[int]:
    """Ids whose SimHash is within NEAR_DUPLICATE_DISTANCE of ``value``, closest first."""
    bands = {f"band{s}": b for s, b in zip(SIMHASH_BAND_SHIFTS, sh.bands(value), strict=True)}
    rows = dict(session.execute(_SAME_BAND, {"article_id": article_id, **bands}).tuples().all())
    rows.update(_recent_hashes(session).hashes)
    rows.pop(article_id, None)
    unsigned = sh.to_unsigned(value)
    near = sorted(
        (distance, other_id)
        for other_id, other in rows.items()
        if (distance := (unsigned ^ sh.to_unsigned(other)).bit_count()) <= NEAR_DUPLICATE_DISTANCE
    )
    return [other_id for _, other_id in near[:20]]


@dataclass
class _RecentHashes:
    """The SimHashes of the latest articles, kept per process and read incrementally."""

    last_id: int = 0
    hashes: dict[int, int] = field(default_factory=dict)


_RECENT: dict[str, _RecentHashes] = {}


def _recent_hashes(session: Session) -> _RecentHashes:
    # Reading only the rows added since the last article keeps this O(new rows). A store
    # whose newest cached row went away or changed (rollback, delete, SQLite reusing the
    # ids of rolled-back rows) is read again from scratch.
    key = repr(session.get_bind().engine.url)
    newest = session.scalar(_NEWEST_ID) or 0
    cache = _RECENT.get(key)
    if (
        cache is not None
        and cache.last_id
        and (
            newest < cache.last_id
            or session.scalar(_SIMHASH_OF, {"article_id": cache.last_id})
            != cache.hashes.get(cache.last_id)
        )
    ):
        cache = None
    if cache is None:
        cache = _RECENT[key] = _RecentHashes()
    if newest > cache.last_id:
        rows = session.execute(_SIMHASHES_AFTER, {"after": cache.last_id}).tuples()
        for article_id, value in sorted(rows):
            cache.hashes[article_id] = value
        cache.last_id = newest
        while len(cache.hashes) > RECENT_WINDOW:
            del cache.hashes[next(iter(cache.hashes))]
    return cache


def _columns(article: CleanArticle, source_id: int | None, digest: str) -> dict[str, Any]:
    return {
        "url": article.url,
        "external_id": article.external_id,
        "source_id": source_id,
        "title": article.title,
        "standfirst": article.standfirst,
        "body": article.body,
        "language": article.language,
        "published_at": article.published_at,
        "authors": list(article.authors),
        "republished": article.republished,
        "content_hash": digest,
        "simhash": sh.to_signed(sh.simhash(article.body)),
        "word_count": len(article.body.split()),
    }


def _source_id(session: Session, name: str | None) -> int | None:
    if not name:
        return None
    session.execute(
        insert_or_ignore(session, Source)
        .values(name=name, created_at=utcnow())
        .on_conflict_do_nothing()
    )
    return session.scalars(select(Source.id).where(Source.name == name)).one()


def _add_urls(session: Session, article_id: int, article: CleanArticle) -> bool:
    """Record the article's URLs; True when one of them is new."""
    added = False
    for url in dict.fromkeys(u for u in (article.url, *article.other_urls) if u):
        result = session.execute(
            insert_or_ignore(session, ArticleUrl)
            .values(article_id=article_id, url=url)
            .on_conflict_do_nothing()
        )
        added = added or bool(result.rowcount)
    return added


def delete_extraction(session: Session, article_id: int) -> set[int]:
    """Drop an article's extracted rows; returns the entities whose counts must change."""
    entity_ids = set(
        session.scalars(
            select(ArticleEntity.entity_id).where(ArticleEntity.article_id == article_id)
        )
    )
    for table in (Mention, ArticleEntity, Quote, DateMention, EventArticle):
        session.execute(delete(table).where(table.article_id == article_id))  # type: ignore[attr-defined]
    return entity_ids


def _write_extraction(
    session: Session,
    article_id: int,
    published_at: date | None,
    extraction: Extraction,
    batch: BatchWrite,
) -> None:
    """Write the extracted rows; the entities they mention go to ``batch.recount``."""
    refs = [m.entity for m in extraction.mentions]
    refs += [q.speaker for q in extraction.quotes if q.speaker is not None]
    for event in extraction.events:
        refs += [*event.participants, *event.related]
        if event.location is not None:
            refs.append(event.location)
    ids = upsert_entities(session, refs, batch=batch)
    if extraction.mentions:
        session.execute(
            plain_insert(Mention),
            [
                {
                    "article_id": article_id,
                    "entity_id": ids[m.entity.key],
                    "text": m.text,
                    "start": m.start,
                    "end": m.end,
                }
                for m in extraction.mentions
            ],
        )
        counts = Counter(ids[m.entity.key] for m in extraction.mentions)
        session.execute(
            plain_insert(ArticleEntity),
            [
                {
                    "article_id": article_id,
                    "entity_id": entity_id,
                    "mention_count": n,
                    "published_at": published_at,
                }
                for entity_id, n in counts.items()
            ],
        )
    _write_quotes(session, article_id, published_at, extraction, ids)
    _write_dates(session, article_id, extraction)
    write_events(session, article_id, extraction.events, ids)
    batch.recount |= set(ids.values())


def _write_quotes(
    session: Session,
    article_id: int,
    published_at: date | None,
    extraction: Extraction,
    ids: dict[str, int],
) -> None:
    if extraction.quotes:
        session.execute(
            plain_insert(Quote),
            [
                {
                    "article_id": article_id,
                    "text": q.text,
                    "start": q.start,
                    "end": q.end,
                    "kind": q.kind,
                    "speaker_id": ids[q.speaker.key] if q.speaker else None,
                    "speaker_text": q.speaker_text,
                    "published_at": published_at,
                }
                for q in extraction.quotes
            ],
        )


def _write_dates(session: Session, article_id: int, extraction: Extraction) -> None:
    if not extraction.dates:
        return
    rows = []
    for d in extraction.dates:
        span = date_range(d.value)
        rows.append(
            {
                "article_id": article_id,
                "text": d.text,
                "start": d.start,
                "end": d.end,
                "value": d.value,
                "granularity": d.granularity,
                "range_start": span[0] if span else None,
                "range_end": span[1] if span else None,
            }
        )
    if rows:
        session.execute(plain_insert(DateMention), rows)


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
        session.execute(
            insert_or_ignore(session, Entity).on_conflict_do_nothing(index_elements=["key"]),
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
