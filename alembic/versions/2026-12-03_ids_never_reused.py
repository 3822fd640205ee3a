"""ids never reused: AUTOINCREMENT on SQLite; stored values put in their normal form

SQLite hands out ``max(id) + 1`` for a table without AUTOINCREMENT: delete the newest
article and the next import gets its id, so a link, a cached copy or a stored id shows
another article. The tables a client addresses by id (article, entity, event, quote) are
rebuilt with AUTOINCREMENT, by hand (SQLite's "generalized ALTER TABLE" procedure): the
table's own SQL with the id column made ``PRIMARY KEY AUTOINCREMENT`` (as ``create_all``
renders ``sqlite_autoincrement=True``), rows copied with their ids, then the table's
indexes (expression and partial ones included) and triggers (full-text search) re-created
from their stored SQL. Foreign keys are off during migrations (``alembic/env.py``), so
dropping the old table cascades nothing. Each table's sequence starts above its highest
id and above every id the change feed saw deleted (the newest rows may be gone already).
PostgreSQL's sequences never hand out an id twice: nothing to do there.

Two stored values get their normal form, which the filters now rely on: article
``language`` codes in lower case (imports of records with ``extracted`` kept the case
given), and an article's own ``url`` among its ``urls`` (``article_url``).

Revision ID: 0009_ids_never_reused
Revises: 0008_change_feed
Create Date: 2026-12-03 22:00:00
"""

import re
from collections.abc import Callable, Sequence

from alembic import op

revision: str = "0009_ids_never_reused"
down_revision: str | None = "0008_change_feed"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# Entities first: events and quotes point at them, quotes at articles (the order only
# matters for reading the script; foreign keys are off).
TABLES = ("entity", "article", "event", "quote")

_ID_COLUMN = "id INTEGER NOT NULL"
_AUTOINCREMENT = "id INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT"


def upgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        _foreign_keys_off()
        for table in TABLES:
            _rebuild(table, _with_autoincrement)
            _start_sequence_above_deleted(table)
    op.execute("UPDATE article SET language = lower(language) WHERE language <> lower(language)")
    # The article's own URL among its URLs, unless another article holds it already.
    op.execute(
        "INSERT INTO article_url (article_id, url) SELECT a.id, a.url FROM article a "
        "WHERE a.url IS NOT NULL AND NOT EXISTS "
        "(SELECT 1 FROM article_url u WHERE u.url = a.url)"
    )


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        _foreign_keys_off()
        for table in reversed(TABLES):
            _rebuild(table, _without_autoincrement)


def _with_autoincrement(table: str, create: str) -> str:
    pk = re.compile(rf",\s*CONSTRAINT pk_{table} PRIMARY KEY \(id\)")
    if _AUTOINCREMENT in create:
        return create
    if not pk.search(create) or f"\t{_ID_COLUMN}, " not in create:
        raise RuntimeError(f"unexpected schema of table {table!r}: {create}")
    create = pk.sub("", create, count=1)
    return create.replace(f"\t{_ID_COLUMN}, ", f"\t{_AUTOINCREMENT}, ", 1)


def _without_autoincrement(table: str, create: str) -> str:
    if _AUTOINCREMENT not in create:
        return create
    create = create.replace(_AUTOINCREMENT, _ID_COLUMN, 1)
    # The primary key goes back as the first table constraint, where create_all puts it.
    head, sep, tail = create.partition(", \n\tCONSTRAINT ")
    if not sep:
        head, tail = create.rstrip().removesuffix(")").rstrip(), ""
        return f"{head}, \n\tCONSTRAINT pk_{table} PRIMARY KEY (id)\n)"
    return f"{head}, \n\tCONSTRAINT pk_{table} PRIMARY KEY (id), \n\tCONSTRAINT {tail}"


def _foreign_keys_off() -> None:
    """Dropping a referenced table with foreign keys on would cascade its deletes."""
    bind = op.get_bind()
    if bind.exec_driver_sql("PRAGMA foreign_keys").scalar():
        bind.exec_driver_sql("PRAGMA foreign_keys=OFF")  # a no-op inside a transaction
        if bind.exec_driver_sql("PRAGMA foreign_keys").scalar():
            raise RuntimeError("foreign keys must be off to rebuild tables (see alembic/env.py)")


def _rebuild(table: str, rewrite: Callable[[str, str], str]) -> None:
    """The table re-created from its own SQL as ``rewrite`` changes it, rows and ids kept."""
    bind = op.get_bind()
    objects = bind.exec_driver_sql(
        "SELECT type, sql FROM sqlite_master WHERE tbl_name = ? AND sql IS NOT NULL "
        "AND type IN ('table', 'index', 'trigger') ORDER BY rowid",
        (table,),
    ).all()
    create = next(sql for type_, sql in objects if type_ == "table")
    changed = rewrite(table, create)
    if changed == create:
        return
    new = f"_new_{table}"
    head = re.compile(rf"^CREATE TABLE \"?{table}\"? \(")
    bind.exec_driver_sql(head.sub(f"CREATE TABLE {new} (", changed, count=1))
    bind.exec_driver_sql(f'INSERT INTO {new} SELECT * FROM "{table}"')
    bind.exec_driver_sql(f'DROP TABLE "{table}"')  # its indexes and triggers go with it
    bind.exec_driver_sql(f'ALTER TABLE {new} RENAME TO "{table}"')
    for type_, sql in objects:
        if type_ != "table":
            bind.exec_driver_sql(sql)


def _start_sequence_above_deleted(table: str) -> None:
    """The next id is above the highest one stored and every one the change feed saw."""
    bind = op.get_bind()
    highest = bind.exec_driver_sql(
        f'SELECT max(coalesce((SELECT max(id) FROM "{table}"), 0), '
        "coalesce((SELECT max(resource_id) FROM change WHERE resource = ?), 0))",
        (table,),
    ).scalar()
    bind.exec_driver_sql("DELETE FROM sqlite_sequence WHERE name = ?", (table,))
    if highest:
        bind.exec_driver_sql(
            "INSERT INTO sqlite_sequence (name, seq) VALUES (?, ?)", (table, highest)
        )
