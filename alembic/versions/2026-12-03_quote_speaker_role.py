"""quote speaker role

Revision ID: 0008_quote_speaker_role
Revises: 0007
Create Date: 2026-12-03 19:40:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel

from alembic import op

revision: str = "0008_quote_speaker_role"
down_revision: str | None = "0008_evidence_field"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("quote") as batch:
        batch.add_column(
            sa.Column("speaker_role", sqlmodel.sql.sqltypes.AutoString(length=300), nullable=True)
        )


def downgrade() -> None:
    with op.batch_alter_table("quote") as batch:
        batch.drop_column("speaker_role")
