"""article (id, published_at): a word's matches sorted by date without reading their rows

A rare word's page is its matches (article ids from the full-text index) sorted by
``published_at``. SQLite stores ``published_at`` after ``body`` in each row, so reading
it for a match walks the row's overflow pages (the body, kilobytes); the index holds
the two values of every article side by side and is read instead (the list asks for it
with ``INDEXED BY``, see ``app/articles/service.py``). PostgreSQL keeps long bodies out
of line (TOAST) and can read the same index as an index-only scan.

Revision ID: 0010_article_id_date_index
Revises: 0009_ids_never_reused
Create Date: 2026-12-04 03:20:00
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0010_article_id_date_index"
down_revision: str | None = "0009_ids_never_reused"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_index("ix_article_id_published_at", "article", ["id", "published_at"])


def downgrade() -> None:
    op.drop_index("ix_article_id_published_at", table_name="article")
