"""full-text search over article title, standfirst and body

SQLite: an FTS5 external-content table ``article_fts`` kept in sync by triggers.
PostgreSQL: a stored generated ``tsvector`` column ``article_fts_vector`` built with
the article's language (french for ``fr``, english for ``en``, simple otherwise; title
weighted A, standfirst B, body C) and a GIN index on it. Stored, not an expression
index: matches are rechecked and ranked without re-parsing every body. Neither is
declared on the model (``alembic/env.py`` skips ``article_fts*`` objects).

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-27 13:45:00
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

PG_DOCUMENT = (
    "setweight(to_tsvector(CASE language WHEN 'fr' THEN 'french'::regconfig "
    "WHEN 'en' THEN 'english'::regconfig ELSE 'simple'::regconfig END, title), 'A') || "
    "setweight(to_tsvector(CASE language WHEN 'fr' THEN 'french'::regconfig "
    "WHEN 'en' THEN 'english'::regconfig ELSE 'simple'::regconfig END, "
    "coalesce(standfirst, '')), 'B') || "
    "to_tsvector(CASE language WHEN 'fr' THEN 'french'::regconfig "
    "WHEN 'en' THEN 'english'::regconfig ELSE 'simple'::regconfig END, body)"
)

SQLITE_UP = [
    "CREATE VIRTUAL TABLE article_fts USING fts5("
    "title, standfirst, body, content='article', content_rowid='id', "
    "tokenize='unicode61 remove_diacritics 2')",
    "CREATE TRIGGER article_fts_ai AFTER INSERT ON article BEGIN "
    "INSERT INTO article_fts(rowid, title, standfirst, body) "
    "VALUES (new.id, new.title, new.standfirst, new.body); END",
    "CREATE TRIGGER article_fts_ad AFTER DELETE ON article BEGIN "
    "INSERT INTO article_fts(article_fts, rowid, title, standfirst, body) "
    "VALUES ('delete', old.id, old.title, old.standfirst, old.body); END",
    "CREATE TRIGGER article_fts_au AFTER UPDATE OF title, standfirst, body ON article BEGIN "
    "INSERT INTO article_fts(article_fts, rowid, title, standfirst, body) "
    "VALUES ('delete', old.id, old.title, old.standfirst, old.body); "
    "INSERT INTO article_fts(rowid, title, standfirst, body) "
    "VALUES (new.id, new.title, new.standfirst, new.body); END",
    "INSERT INTO article_fts(article_fts) VALUES ('rebuild')",
]
SQLITE_DOWN = [
    "DROP TRIGGER IF EXISTS article_fts_au",
    "DROP TRIGGER IF EXISTS article_fts_ad",
    "DROP TRIGGER IF EXISTS article_fts_ai",
    "DROP TABLE IF EXISTS article_fts",
]


def upgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        for statement in SQLITE_UP:
            op.execute(statement)
    else:
        op.execute(
            f"ALTER TABLE article ADD COLUMN article_fts_vector tsvector "
            f"GENERATED ALWAYS AS ({PG_DOCUMENT}) STORED"
        )
        op.execute("CREATE INDEX article_fts_vector_gin ON article USING gin (article_fts_vector)")


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        for statement in SQLITE_DOWN:
            op.execute(statement)
    else:
        op.execute("DROP INDEX IF EXISTS article_fts_vector_gin")
        op.execute("ALTER TABLE article DROP COLUMN IF EXISTS article_fts_vector")
