"""evidence field: which article field (title, standfirst, body) offsets point into

The title and the standfirst are analysed like the body: a mention, a quote or a date
found there keeps offsets into that field, named by ``field`` (``body`` for every row
stored before).

Revision ID: 0008_evidence_field
Revises: 0007
Create Date: 2026-12-03 20:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa

from alembic import op

revision: str = "0008_evidence_field"
down_revision: str | None = "0007"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_TABLES = ("mention", "quote", "date_mention")


def upgrade() -> None:
    for table in _TABLES:
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.add_column(
                sa.Column("field", sa.String(length=16), nullable=False, server_default="body")
            )


def downgrade() -> None:
    for table in _TABLES:
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.drop_column("field")
