"""User knowledge-base entries: stored, merged with the bundled KB, imported by the CLI."""

import json
from pathlib import Path

from sqlmodel import Session

from app.entities.kb import KBEntry, KnowledgeBase
from app.entities.kb_store import knowledge_base, save_entries, stored_entries
from tests.conftest import drop_postgres_database, new_store_url
from tests.test_cli import newsmeta


def test_saved_entries_extend_the_bundled_knowledge_base(session: Session) -> None:
    added, updated = save_entries(
        session,
        [
            KBEntry("Observatoire des médias du Jura", "ORG", ("OMJ",), {"wikidata": "Q999000111"}),
            KBEntry("NATO", "ORG", ("Alliance atlantique",), {"wikidata": "Q7184"}),
        ],
    )
    assert (added, updated) == (2, 0)
    kb = knowledge_base(session)
    assert kb.lookup("OMJ").name == "Observatoire des médias du Jura"
    assert kb.lookup("OMJ").key == "wikidata:Q999000111"
    # An entry with a known key adds aliases to the bundled entity, it does not replace it.
    nato = kb.lookup("Alliance atlantique")
    assert nato.key == "wikidata:Q7184" and nato.name == "NATO"
    assert kb.lookup("OTAN").key == "wikidata:Q7184"
    # The bundled, cached knowledge base is not changed by a store's entries.
    assert KnowledgeBase.bundled().lookup("OMJ") is None


def test_saving_again_updates_or_leaves_unchanged(session: Session) -> None:
    entry = KBEntry("Observatoire des médias du Jura", "ORG", ("OMJ",), {"wikidata": "Q999000111"})
    save_entries(session, [entry])
    assert save_entries(session, [entry]) == (0, 0)
    more = KBEntry(
        "Observatoire des médias du Jura",
        "ORG",
        ("Observatoire jurassien",),
        {"wikidata": "Q999000111"},
    )
    assert save_entries(session, [more]) == (0, 1)
    (stored,) = stored_entries(session)
    assert stored.aliases == ("OMJ", "Observatoire jurassien")


def test_kb_import_command(backend: str, tmp_path: Path) -> None:
    url = new_store_url(backend, tmp_path)
    try:
        newsmeta("db", "upgrade", url=url)
        good = tmp_path / "kb.jsonl"
        good.write_text(
            json.dumps({"name": "Wendy Sherman", "type": "PERSON", "aliases": ["Sherman"]}) + "\n"
        )
        result = newsmeta("kb", "import", str(good), url=url)
        assert result.returncode == 0, result.stderr
        assert "added 1, updated 0, unchanged 0" in result.stdout
        bad = tmp_path / "bad.csv"
        bad.write_text("name,type,aliases\nSomething,THING,\n")
        result = newsmeta("kb", "import", str(bad), url=url)
        assert result.returncode == 1
        assert "type" in result.stderr and "Traceback" not in result.stderr
    finally:
        if backend == "postgresql":
            drop_postgres_database(url)


def test_the_importer_uses_the_stores_knowledge_base(
    session: Session, session_factory, tmp_path: Path
) -> None:
    from app.pipeline.ingest.prepare import ImportDefaults
    from app.pipeline.run import run_import

    save_entries(
        session,
        [KBEntry("Observatoire des médias du Jura", "ORG", ("OMJ",), {"wikidata": "Q999000111"})],
    )
    session.commit()
    path = tmp_path / "omj.json"
    path.write_text(
        json.dumps(
            {
                "title": "Rapport annuel",
                "text": "Selon l'OMJ, la presse locale recule. L'OMJ publie son rapport à Delémont.",
                "language": "fr",
            }
        )
    )
    report = run_import(
        [str(path)], session_factory=session_factory, defaults=ImportDefaults(), max_bytes=10**6
    )
    assert report.imported == 1, report.failures
    from sqlalchemy import select

    from app.entities.models import Entity, Mention

    keys = set(
        session.scalars(
            select(Entity.key)
            .join(Mention, Mention.entity_id == Entity.id)
            .where(Mention.article_id == report.article_ids[0])
        )
    )
    assert "wikidata:Q999000111" in keys
