"""Tables of the entities domain: canonical entities, aliases and mentions."""

from datetime import date, datetime

from sqlalchemy import JSON, Column, ForeignKey, Index, Integer, String, UniqueConstraint
from sqlmodel import Field, SQLModel

from app.common.models import NEVER_REUSE_IDS, timestamp_field


class Entity(SQLModel, table=True):
    """One real-world thing across articles and languages; ``key`` is its canonical key."""

    __table_args__ = (
        Index("ix_entity_article_count_id", "article_count", "id"),
        Index("ix_entity_type_article_count", "type", "article_count"),
        NEVER_REUSE_IDS,
    )

    id: int | None = Field(default=None, primary_key=True)
    key: str = Field(max_length=300, unique=True)
    name: str = Field(max_length=300, index=True)
    type: str = Field(max_length=8)
    wikidata: str | None = Field(default=None, max_length=32, index=True)
    geonames: str | None = Field(default=None, max_length=32, index=True)
    iso3166: str | None = Field(default=None, max_length=8, index=True)
    article_count: int = Field(default=0)
    mention_count: int = Field(default=0)
    first_seen: date | None = Field(default=None)
    last_seen: date | None = Field(default=None)
    created_at: datetime = timestamp_field()
    updated_at: datetime = timestamp_field()


class EntityAlias(SQLModel, table=True):
    """A name an entity goes by; ``normalized`` is lowercased and accent-folded for search."""

    __tablename__ = "entity_alias"
    __table_args__ = (UniqueConstraint("entity_id", "normalized"),)

    id: int | None = Field(default=None, primary_key=True)
    entity_id: int = Field(
        sa_column=Column(Integer, ForeignKey("entity.id", ondelete="CASCADE"), nullable=False)
    )
    alias: str = Field(max_length=300)
    normalized: str = Field(max_length=300, index=True)


class Mention(SQLModel, table=True):
    """An entity named in an article body at ``start:end``."""

    __table_args__ = (Index("ix_mention_entity_id_article_id", "entity_id", "article_id"),)

    id: int | None = Field(default=None, primary_key=True)
    article_id: int = Field(
        sa_column=Column(
            Integer, ForeignKey("article.id", ondelete="CASCADE"), nullable=False, index=True
        )
    )
    entity_id: int = Field(
        sa_column=Column(Integer, ForeignKey("entity.id", ondelete="CASCADE"), nullable=False)
    )
    text: str = Field(max_length=300)
    start: int
    end: int
    # The article field the offsets point into: "title", "standfirst" or "body".
    field: str = Field(
        default="body", sa_column=Column(String(16), nullable=False, server_default="body")
    )


class ArticleEntity(SQLModel, table=True):
    """Which entities an article names, how often; drives entity filters and co-occurrence.

    ``published_at`` is copied from the article so "latest articles of an entity" is
    one index range scan.
    """

    __tablename__ = "article_entity"
    __table_args__ = (
        Index("ix_article_entity_entity_published", "entity_id", "published_at", "article_id"),
    )

    article_id: int = Field(
        sa_column=Column(Integer, ForeignKey("article.id", ondelete="CASCADE"), primary_key=True)
    )
    entity_id: int = Field(
        sa_column=Column(
            Integer, ForeignKey("entity.id", ondelete="CASCADE"), primary_key=True, index=True
        )
    )
    mention_count: int = Field(default=1)
    published_at: date | None = Field(default=None)


class KbEntry(SQLModel, table=True):
    """A knowledge-base entry added by ``newsmeta kb import`` (the bundled ones ship as files)."""

    __tablename__ = "kb_entry"

    id: int | None = Field(default=None, primary_key=True)
    key: str = Field(max_length=300, unique=True)
    name: str = Field(max_length=300)
    type: str = Field(max_length=8)
    aliases: list[str] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    ids: dict[str, str] = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))
    created_at: datetime = timestamp_field()
    updated_at: datetime = timestamp_field()
