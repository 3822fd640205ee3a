"""full-text search over article title, standfirst and body

SQLite: an FTS5 external-content table ``article_fts`` kept in sync by triggers.
PostgreSQL: a GIN index over a language-aware ``tsvector`` expression (french for
``fr``, english for ``en``, simple otherwise); ``app/articles/search.py`` repeats
the same expression so the planner uses the index.

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
        op.execute(f"CREATE INDEX article_fts_document ON article USING gin (({PG_DOCUMENT}))")


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        for statement in SQLITE_DOWN:
            op.execute(statement)
    else:
        op.execute("DROP INDEX IF EXISTS article_fts_document")
