"""importer indexes: events by (type, date)

For every event it extracts, the importer reads the stored events of the same type and
date (``load._matching_event``); ``ix_event_type_date_start`` narrows that to the type
only, so the lookup read every event of the type (hundreds of "meeting" rows after a
thousand articles) and grew with the store.

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-27 17:00:00
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0006"
down_revision: str | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("event", schema=None) as batch_op:
        batch_op.create_index("ix_event_type_date", ["type", "date"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("event", schema=None) as batch_op:
        batch_op.drop_index("ix_event_type_date")
