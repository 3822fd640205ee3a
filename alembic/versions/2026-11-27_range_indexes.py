"""range indexes: quotes of a speaker by date, long events by start

``/v1/quotes?speaker=`` pages by ``(published_at, id)`` among one speaker's quotes: with
``(speaker_id, id)`` alone the store read every quote of the speaker and sorted them.
``(speaker_id, published_at, id)`` gives the seek and the order.

``/v1/events?from=`` reads short events along ``ix_event_date_start_id`` from
``from - 31 days``; events lasting longer (quarter, season, year…) that start before
are read from a partial index of their own. The condition is written per store
(``app.events.models.lasts_long``) and must stay the same text as in the queries.

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-27 17:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa

from alembic import op

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("quote", schema=None) as batch_op:
        batch_op.create_index(
            "ix_quote_speaker_id_published_at_id",
            ["speaker_id", "published_at", "id"],
            unique=False,
        )
    op.create_index(
        "ix_event_long_date_start_id",
        "event",
        ["date_start", "id"],
        unique=False,
        sqlite_where=sa.text("julianday(date_end) - julianday(date_start) > 31"),
        postgresql_where=sa.text("date_end - date_start > 31"),
    )


def downgrade() -> None:
    op.drop_index("ix_event_long_date_start_id", table_name="event")
    with op.batch_alter_table("quote", schema=None) as batch_op:
        batch_op.drop_index("ix_quote_speaker_id_published_at_id")
