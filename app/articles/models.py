"""Tables of the articles domain: sources, articles, their URLs, dates and near-duplicates."""

from datetime import date, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    BigInteger,
    Column,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
    literal_column,
    text,
)
from sqlmodel import Field, SQLModel

from app.common.models import NEVER_REUSE_IDS, timestamp_field


class Source(SQLModel, table=True):
    """A publisher or feed, e.g. ``rt.com``."""

    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(max_length=200, unique=True)
    created_at: datetime = timestamp_field()


# The four 16-bit bands of a stored SimHash (signed 64-bit): two hashes within Hamming
# distance 3 share one band exactly, so near-duplicate candidates are four index
# lookups (migration 0007), not a scan of every article's hash.
SIMHASH_BAND_SHIFTS = (48, 32, 16, 0)
ID_DATE_INDEX = "ix_article_id_published_at"


def simhash_band(simhash: Any, shift: int) -> Any:
    """The band at ``shift`` of ``simhash``: the expression ``ix_article_simhash_band*`` index."""
    return simhash.op(">>")(literal_column(str(shift))).op("&")(literal_column("65535"))


class Article(SQLModel, table=True):
    __table_args__ = (
        UniqueConstraint("source_id", "external_id"),
        Index("ix_article_published_at_id", "published_at", "id"),
        # A word's matches sorted by date, their rows unread (migration 0010).
        Index(ID_DATE_INDEX, "id", "published_at"),
        Index("ix_article_language_published_at", "language", "published_at"),
        *(
            Index(f"ix_article_simhash_band{shift}", text(f"((simhash >> {shift}) & 65535)"))
            for shift in SIMHASH_BAND_SHIFTS
        ),
        NEVER_REUSE_IDS,
    )

    id: int | None = Field(default=None, primary_key=True)
    url: str | None = Field(default=None, max_length=2000)
    external_id: str | None = Field(default=None, max_length=500)
    source_id: int | None = Field(
        default=None,
        sa_column=Column(Integer, ForeignKey("source.id", ondelete="SET NULL"), index=True),
    )
    title: str = Field(sa_column=Column(Text, nullable=False))
    standfirst: str | None = Field(default=None, sa_column=Column(Text))
    body: str = Field(sa_column=Column(Text, nullable=False))
    language: str = Field(max_length=16)
    published_at: date | None = Field(default=None)
    authors: list[str] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    republished: bool = Field(default=False)
    content_hash: str = Field(max_length=64, unique=True)
    # Read by its bands' indexes only (``ix_article_simhash_band*``).
    simhash: int | None = Field(default=None, sa_column=Column(BigInteger))
    word_count: int = Field(default=0)
    created_at: datetime = timestamp_field()
    updated_at: datetime = timestamp_field()


class ArticleUrl(SQLModel, table=True):
    """Every URL an article was seen under (republications share one article)."""

    __tablename__ = "article_url"

    id: int | None = Field(default=None, primary_key=True)
    article_id: int = Field(
        sa_column=Column(
            Integer, ForeignKey("article.id", ondelete="CASCADE"), nullable=False, index=True
        )
    )
    url: str = Field(max_length=2000, unique=True)


class ArticleDuplicate(SQLModel, table=True):
    """A near-duplicate pair (same story lightly edited), ``article_id`` < ``duplicate_id``."""

    __tablename__ = "article_duplicate"

    article_id: int = Field(
        sa_column=Column(Integer, ForeignKey("article.id", ondelete="CASCADE"), primary_key=True)
    )
    duplicate_id: int = Field(
        sa_column=Column(
            Integer, ForeignKey("article.id", ondelete="CASCADE"), primary_key=True, index=True
        )
    )
    similarity: float = Field(default=0.0)


class DateMention(SQLModel, table=True):
    """A date expression in an article body, resolved against its publication date."""

    __tablename__ = "date_mention"
    __table_args__ = (Index("ix_date_mention_range", "range_start", "range_end"),)

    id: int | None = Field(default=None, primary_key=True)
    article_id: int = Field(
        sa_column=Column(
            Integer, ForeignKey("article.id", ondelete="CASCADE"), nullable=False, index=True
        )
    )
    text: str = Field(max_length=500)
    start: int
    end: int
    # The article field the offsets point into: "title", "standfirst" or "body".
    field: str = Field(
        default="body", sa_column=Column(String(16), nullable=False, server_default="body")
    )
    value: str = Field(max_length=64)
    granularity: str = Field(max_length=16)
    # First and last day the value covers (null when the year is unknown): the range filters.
    range_start: date | None = Field(default=None)
    range_end: date | None = Field(default=None)
