"""User knowledge-base entries in the store (``newsmeta kb import``) and the KB they make.

Entries live in the ``kb_entry`` table so every importer on the same store, on any
machine, sees the same knowledge base.
"""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import select
from sqlmodel import Session

from app.common.models import utcnow
from app.entities.kb import KnowledgeBase, build_knowledge_base
from app.entities.kb_files import KBEntry, entry_key
from app.entities.models import KbEntry


def save_entries(session: Session, entries: Sequence[KBEntry]) -> tuple[int, int]:
    """Insert or update entries by key; returns (added, updated). Caller commits."""
    added = updated = 0
    for entry in entries:
        key = entry_key(entry)
        row = session.scalars(select(KbEntry).where(KbEntry.key == key)).first()
        if row is None:
            session.add(
                KbEntry(
                    key=key,
                    name=entry.name,
                    type=entry.type,
                    aliases=list(entry.aliases),
                    ids=dict(entry.ids),
                )
            )
            added += 1
            continue
        aliases = list(dict.fromkeys([*row.aliases, *entry.aliases]))
        ids = {**row.ids, **entry.ids}
        if (row.name, row.type, row.aliases, row.ids) != (entry.name, entry.type, aliases, ids):
            row.name, row.type, row.aliases, row.ids = entry.name, entry.type, aliases, ids
            row.updated_at = utcnow()
            session.add(row)
            updated += 1
        session.flush()
    session.flush()
    return added, updated


def stored_entries(session: Session) -> list[KBEntry]:
    rows = session.scalars(select(KbEntry).order_by(KbEntry.id)).all()
    return [KBEntry(r.name, r.type, tuple(r.aliases), dict(r.ids)) for r in rows]  # type: ignore[arg-type]


def knowledge_base(session: Session) -> KnowledgeBase:
    """The bundled knowledge base extended with the store's user entries."""
    extra = stored_entries(session)
    return build_knowledge_base(extra) if extra else KnowledgeBase.bundled()
