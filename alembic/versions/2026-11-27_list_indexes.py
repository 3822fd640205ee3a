"""list indexes: quotes by (published_at, id)

The quote list pages by the row value ``(published_at, id)`` newest first; with an
index on ``published_at`` alone PostgreSQL filters the row value and re-sorts each
date (Incremental Sort). ``(published_at, id)`` gives the seek and the order.

The article and article_entity lists already page along ``ix_article_published_at_id``
and ``ix_article_entity_entity_published`` (undated rows are read by a second
statement, so no ``NULLS LAST`` index is needed).

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-27 15:15:00
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("quote", schema=None) as batch_op:
        batch_op.create_index("ix_quote_published_at_id", ["published_at", "id"], unique=False)
        batch_op.drop_index("ix_quote_published_at")


def downgrade() -> None:
    with op.batch_alter_table("quote", schema=None) as batch_op:
        batch_op.create_index("ix_quote_published_at", ["published_at"], unique=False)
        batch_op.drop_index("ix_quote_published_at_id")
