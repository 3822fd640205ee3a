"""importer indexes: the four SimHash bands

For every article, the importer looks for stored articles whose SimHash shares one of
its four 16-bit bands (``load._SAME_BAND``). Without an index on each band that read
every article's hash: a full scan per imported article, growing with the store. The
plain index on ``simhash`` served no query, and SQLite preferred scanning it (it covers
the hash) to the bands' indexes: it is dropped.

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-27 22:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa

from alembic import op

revision: str = "0007"
down_revision: str | None = "0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

SHIFTS = (48, 32, 16, 0)  # app.articles.models.SIMHASH_BAND_SHIFTS when this was written


def upgrade() -> None:
    op.drop_index("ix_article_simhash", table_name="article")
    for shift in SHIFTS:
        op.create_index(
            f"ix_article_simhash_band{shift}",
            "article",
            [sa.text(f"((simhash >> {shift}) & 65535)")],
            unique=False,
        )


def downgrade() -> None:
    for shift in SHIFTS:
        op.drop_index(f"ix_article_simhash_band{shift}", table_name="article")
    op.create_index("ix_article_simhash", "article", ["simhash"], unique=False)
