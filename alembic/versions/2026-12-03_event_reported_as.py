"""events: what the articles reported (``reported_as``, ``reported_in``), not a frozen status

``event.status`` was the event's status relative to the publication date of the first
article that named it, stored once and never changed: events of 2022 stayed
"scheduled" for ever. The column becomes ``reported_as`` — what the most recent article
said in its own time (``scheduled`` → ``announced``, ``past`` → ``held``; ``cancelled``,
``postponed``) — with ``reported_in``, that article; each ``event_article`` link keeps
what its article said. The status an answer shows is computed at request time.

Revision ID: 0008_event_reported_as
Revises: 0007
Create Date: 2026-12-03 20:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa

from alembic import op

revision: str = "0008_event_reported_as"
down_revision: str | None = "0008_quote_speaker_role"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_TO_REPORTED = "CASE {col} WHEN 'past' THEN 'held' WHEN 'scheduled' THEN 'announced' ELSE {col} END"
_TO_STATUS = "CASE {col} WHEN 'held' THEN 'past' WHEN 'announced' THEN 'scheduled' ELSE {col} END"


def upgrade() -> None:
    op.drop_index("ix_event_status", table_name="event")
    op.execute("ALTER TABLE event RENAME COLUMN status TO reported_as")
    op.execute(f"UPDATE event SET reported_as = {_TO_REPORTED.format(col='reported_as')}")
    op.create_index("ix_event_reported_as", "event", ["reported_as"], unique=False)
    # No foreign key: SQLite would need a copy of "event" (whose DROP cascades to its
    # links); the importer keeps it right (``store.events.refresh_reports``).
    op.add_column("event", sa.Column("reported_in", sa.Integer(), nullable=True))
    op.create_index("ix_event_reported_in", "event", ["reported_in"], unique=False)
    op.add_column(
        "event_article",
        sa.Column(
            "reported_as", sa.String(length=16), nullable=False, server_default="announced"
        ),
    )
    # Each link said what the event's first article said (all that was stored).
    op.execute(
        "UPDATE event_article SET reported_as = "
        "(SELECT event.reported_as FROM event WHERE event.id = event_article.event_id)"
    )
    # The reporting article: the most recent one (undated ones count as the oldest).
    op.execute(
        "UPDATE event SET reported_in = (SELECT ea.article_id FROM event_article ea "
        "JOIN article a ON a.id = ea.article_id WHERE ea.event_id = event.id "
        "ORDER BY a.published_at IS NULL, a.published_at DESC, ea.article_id DESC LIMIT 1)"
    )


def downgrade() -> None:
    op.drop_column("event_article", "reported_as")
    op.drop_index("ix_event_reported_in", table_name="event")
    op.drop_column("event", "reported_in")
    op.drop_index("ix_event_reported_as", table_name="event")
    op.execute(f"UPDATE event SET reported_as = {_TO_STATUS.format(col='reported_as')}")
    op.execute("ALTER TABLE event RENAME COLUMN reported_as TO status")
    op.create_index("ix_event_status", "event", ["status"], unique=False)
