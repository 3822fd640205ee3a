"""change feed: the change table and its pruning horizon

Revision ID: 0008_change_feed
Revises: 0007
Create Date: 2026-12-03 19:40:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel

from alembic import op

revision: str = "0008_change_feed"
down_revision: str | None = "0008_event_reported_as"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_ID = sa.BigInteger().with_variant(sa.Integer(), "sqlite")


def upgrade() -> None:
    op.create_table(
        "change",
        sa.Column("id", _ID, nullable=False),
        sa.Column("resource", sqlmodel.sql.sqltypes.AutoString(length=16), nullable=False),
        sa.Column("resource_id", sa.Integer(), nullable=False),
        sa.Column("kind", sqlmodel.sql.sqltypes.AutoString(length=8), nullable=False),
        sa.Column("changed_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_change")),
        sqlite_autoincrement=True,
    )
    op.create_index("ix_change_changed_at", "change", ["changed_at"], unique=False)
    op.create_table(
        "change_horizon",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("pruned_through", _ID, nullable=False),
        sa.Column("pruned_at", sa.DateTime(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_change_horizon")),
    )


def downgrade() -> None:
    op.drop_table("change_horizon")
    op.drop_index("ix_change_changed_at", table_name="change")
    op.drop_table("change")
