"""Typed results → store: idempotent upserts, one transaction per article.

Outcomes: ``imported`` (new article), ``updated`` (same URL/external id with new
content, or a new URL for a known text), ``unchanged`` (nothing to do). Entities
and events are upserted on their unique keys (``ON CONFLICT DO NOTHING`` then a
read), so two importers on one PostgreSQL store never create the same row twice.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from typing import Any, Literal

from sqlalchemy import bindparam, delete, func, select
from sqlmodel import Session

from app.articles.models import (
    Article,
    ArticleDuplicate,
    ArticleUrl,
    Source,
)
from app.changes import service as changes
from app.common.models import utcnow
from app.events.models import Event, EventArticle, EventEntity
from app.pipeline.ingest import simhash as sh
from app.pipeline.store.duplicates import link_near_duplicates
from app.pipeline.store.entities import BatchWrite, KnownRows, refresh_entity_counts
from app.pipeline.store.events import event_ids_of, refresh_reports
from app.pipeline.store.extraction import delete_extraction, write_extraction
from app.pipeline.store.sql import insert_or_ignore
from app.pipeline.types import CleanArticle, Extraction

Outcome = Literal["imported", "updated", "unchanged"]
_SPACES = re.compile(r"\s+")


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


@dataclass(frozen=True)
class SourceFill:
    id: int
    added: bool  # the stored article had no source and now has the input's
    kept: str | None  # the stored source, when it differs from the input's


def fill_source(session: Session, article: CleanArticle) -> SourceFill:
    """For an unchanged article (same text stored): give the stored copy the input's
    source when it has none. A stored source is never replaced by an unchanged text:
    which of two publishers printed it first is not something a re-import knows."""
    stored = session.scalars(_WITH_TEXT, {"digest": content_hash(article.body)}).one()
    assert stored.id is not None
    if not article.source:
        return SourceFill(stored.id, added=False, kept=None)
    if stored.source_id is None:
        source_id = _source_id(session, article.source)
        taken = select(Article.id).where(
            Article.source_id == source_id, Article.external_id == stored.external_id
        )
        if stored.external_id and session.scalars(taken).first() is not None:
            return SourceFill(stored.id, added=False, kept=None)  # that pair is another's
        stored.source_id = source_id
        stored.updated_at = utcnow()
        session.add(stored)
        session.flush()
        changes.record(session, "article", [stored.id], "updated")
        return SourceFill(stored.id, added=True, kept=None)
    name = session.scalars(select(Source.name).where(Source.id == stored.source_id)).one()
    return SourceFill(stored.id, added=False, kept=None if name == article.source else name)


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
    if stored.outcome != "unchanged":
        kind = "created" if stored.outcome == "imported" else "updated"
        changes.record(session, "article", [stored.id], kind)
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
            if same_text.url is None and added:  # its first URL (``urls`` starts with it)
                same_text.url = _own_url(article)
                session.add(same_text)
            return StoredArticle(same_text.id, "updated" if added else "unchanged")
        row = Article(**_columns(article, source_id, digest))
        session.add(row)
        session.flush()
        assert row.id is not None
        _add_urls(session, row.id, article)
        write_extraction(session, row.id, article.published_at, extraction, batch)
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
        if name != "url" or value is not None:  # a version without a URL keeps the one known
            setattr(existing, name, value)
    existing.updated_at = utcnow()
    session.add(existing)
    session.flush()
    _add_urls(session, existing.id, article)
    mentioned = event_ids_of(session, existing.id)
    batch.recount |= delete_extraction(session, existing.id)
    write_extraction(session, existing.id, article.published_at, extraction, batch)
    _drop_orphan_events(session)
    refresh_reports(session, mentioned)
    link_near_duplicates(session, existing.id, article.body, existing.simhash)
    return StoredArticle(existing.id, "updated")


def delete_article(session: Session, article_id: int) -> bool:
    """Remove an article and its dependent rows; entities stay, with counts updated."""
    if session.get(Article, article_id) is None:
        return False
    mentioned = event_ids_of(session, article_id)
    entity_ids = delete_extraction(session, article_id)
    session.execute(delete(ArticleUrl).where(ArticleUrl.article_id == article_id))
    session.execute(
        delete(ArticleDuplicate).where(
            (ArticleDuplicate.article_id == article_id)
            | (ArticleDuplicate.duplicate_id == article_id)
        )
    )
    session.execute(delete(Article).where(Article.id == article_id))
    changes.record(session, "article", [article_id], "deleted")
    # Events before entity counts, as an importer's batch does: taking the entity row
    # locks first deadlocked with an importer linking one of these events meanwhile.
    _drop_orphan_events(session)
    refresh_reports(session, mentioned)
    refresh_entity_counts(session, entity_ids)
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
        changes.record(session, "event", orphan_ids, "deleted")


def _columns(article: CleanArticle, source_id: int | None, digest: str) -> dict[str, Any]:
    return {
        "url": _own_url(article),
        "external_id": article.external_id,
        "source_id": source_id,
        "title": article.title,
        "standfirst": article.standfirst,
        "body": article.body,
        "language": article.language.lower(),  # the filter compares lower case
        "published_at": article.published_at,
        "authors": list(article.authors),
        "republished": article.republished,
        "content_hash": digest,
        "simhash": sh.to_signed(sh.simhash(article.body)),
        "word_count": len(article.body.split()),
    }


def _own_url(article: CleanArticle) -> str | None:
    """The article's URL: given, else the first of its other URLs (``urls`` starts with it)."""
    return article.url or next((u for u in article.other_urls if u), None)


def _source_id(session: Session, name: str | None) -> int | None:
    """The source named ``name`` in any case ("RT.com" is "rt.com"), created if new."""
    if not name:
        return None
    same = select(Source.id).where(func.lower(Source.name) == name.lower()).order_by(Source.id)
    found = session.scalars(same.limit(1)).first()
    if found is not None:
        return found
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
