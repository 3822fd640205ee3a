"""Table of the quotes domain."""

from datetime import date

from sqlalchemy import Column, ForeignKey, Index, Integer, String, Text
from sqlmodel import Field, SQLModel

from app.common.models import NEVER_REUSE_IDS


class Quote(SQLModel, table=True):
    """Who said what, with its offsets in the article body."""

    __table_args__ = (
        Index("ix_quote_speaker_id_id", "speaker_id", "id"),
        # A speaker's quotes, newest first: seek and order in one index (not a sort of all).
        Index("ix_quote_speaker_id_published_at_id", "speaker_id", "published_at", "id"),
        # The list pages by the row value (published_at, id): seek and order in one index.
        Index("ix_quote_published_at_id", "published_at", "id"),
        NEVER_REUSE_IDS,
    )

    id: int | None = Field(default=None, primary_key=True)
    article_id: int = Field(
        sa_column=Column(
            Integer, ForeignKey("article.id", ondelete="CASCADE"), nullable=False, index=True
        )
    )
    text: str = Field(sa_column=Column(Text, nullable=False))
    start: int
    end: int
    # The article field the offsets point into: "title", "standfirst" or "body".
    field: str = Field(
        default="body", sa_column=Column(String(16), nullable=False, server_default="body")
    )
    kind: str = Field(max_length=16)
    speaker_id: int | None = Field(
        default=None, sa_column=Column(Integer, ForeignKey("entity.id", ondelete="SET NULL"))
    )
    speaker_text: str | None = Field(default=None, max_length=300)
    # The role the article gives the speaker ("ministre des Affaires étrangères").
    speaker_role: str | None = Field(default=None, max_length=300)
    # Copied from the article so quotes filter by date without a join.
    published_at: date | None = Field(default=None)
