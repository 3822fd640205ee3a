"""The importer on the reference article: stored fields, idempotency, failures reported."""

import json
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select
from sqlmodel import Session

from app.articles.models import Article, DateMention
from app.entities.models import ArticleEntity, Entity, Mention
from app.events.models import EventArticle
from app.pipeline.ingest.prepare import ImportDefaults
from app.pipeline.run import run_import
from app.pipeline.store import load
from app.quotes.models import Quote
from tests.conftest import SEED_FILE, SEED_GOLD

GOLD = SEED_GOLD


def _import(paths: list[str], factory: Callable[[], Session], published: date | None = None):
    return run_import(
        paths,
        session_factory=factory,
        defaults=ImportDefaults(published_at=published),
        max_bytes=10_000_000,
    )


def test_reference_article_is_stored_as_the_gold_says(session: Session, session_factory) -> None:
    report = _import([str(SEED_FILE)], session_factory, date(2022, 1, 7))
    assert (report.imported, report.failed) == (1, 0)
    article = session.get(Article, report.article_ids[0])
    gold = GOLD["article"]
    assert article.title == gold["title"]
    assert article.standfirst == gold["standfirst"]
    assert article.language == gold["language"]
    assert article.republished is gold["republished"]
    assert article.published_at == date(2022, 1, 7)
    assert article.body.startswith(gold["body_starts_with"])
    assert article.body.endswith(gold["body_ends_with"])
    for junk in gold["body_must_not_contain"]:
        assert junk not in article.body


def test_importing_twice_leaves_one_article(session: Session, session_factory) -> None:
    first = _import([str(SEED_FILE)], session_factory, date(2022, 1, 7))
    second = _import([str(SEED_FILE)], session_factory, date(2022, 1, 7))
    assert (first.imported, second.imported, second.unchanged) == (1, 0, 1)
    assert session.scalar(select(func.count()).select_from(Article)) == 1


def test_without_a_date_the_article_has_none(session: Session, session_factory) -> None:
    report = _import([str(SEED_FILE)], session_factory)
    assert session.get(Article, report.article_ids[0]).published_at is None


def test_a_broken_file_is_reported_and_the_rest_imported(
    session: Session, session_factory, tmp_path: Path
) -> None:
    (tmp_path / "a-good.txt").write_text(SEED_FILE.read_text())
    (tmp_path / "b-empty.txt").write_text("")
    (tmp_path / "c-binary.txt").write_bytes(b"\x00\x01\x02binary")
    (tmp_path / "d-typo.json").write_text(json.dumps({"text": "Un texte.", "titel": "x"}))
    report = _import([str(tmp_path)], session_factory)
    assert report.imported == 1
    reasons = {Path(f.origin).name: f.reason for f in report.failures}
    assert reasons == {
        "b-empty.txt": "empty file",
        "c-binary.txt": "binary file (NUL bytes), not text",
        "d-typo.json": "titel: unknown field",
    }


def test_an_article_failing_mid_write_leaves_nothing_and_the_batch_is_stored(
    session: Session, session_factory, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The batch is written straight through; a failure rolls it back and it is written
    again one savepoint per article: the others are stored, the failing one not at all."""
    examples = Path(__file__).resolve().parents[2] / "examples"
    for example in examples.glob("*.json"):
        (tmp_path / example.name).write_text(example.read_text())
    write_extraction = load.write_extraction

    def failing(session: Session, article_id: int, *args: Any) -> set[int]:
        touched = write_extraction(session, article_id, *args)  # rows written, then:
        if session.get(Article, article_id).title.startswith("Présidentielle"):
            raise RuntimeError("disk on fire")
        return touched

    monkeypatch.setattr(load, "write_extraction", failing)
    report = _import([str(tmp_path)], session_factory)
    assert [(Path(f.origin).name, f.reason) for f in report.failures] == [
        ("presidentielle.json", "store error: RuntimeError: disk on fire")
    ]
    assert report.imported == 3
    stored = set(session.scalars(select(Article.id)))
    assert stored == set(report.article_ids)
    for table in (Mention, ArticleEntity, DateMention, Quote, EventArticle):
        assert set(session.scalars(select(table.article_id))) <= stored  # type: ignore[attr-defined]
    assert session.scalar(select(func.count()).select_from(Mention)) > 0
    # Entity counts recomputed once for the batch, from the rows that stayed.
    for entity in session.scalars(select(Entity)):
        rows = session.scalars(select(ArticleEntity).where(ArticleEntity.entity_id == entity.id))
        counts = [row.mention_count for row in rows]
        assert (entity.article_count, entity.mention_count) == (len(counts), sum(counts))


def test_an_articles_urls_start_with_its_own_url_from_every_format(
    session: Session, session_factory, tmp_path: Path
) -> None:
    """``url`` is the first of ``urls`` (and ``urls`` empty without one), however it came."""
    from app.articles.detail import article_document
    from app.articles.models import ArticleUrl

    only_urls = tmp_path / "only-urls.jsonl"
    text = "Le Conseil OTAN-Russie se réunira à Bruxelles le 12 janvier, a annoncé l'OTAN."
    urls = ["https://example.org/a", "https://example.org/b"]
    only_urls.write_text(json.dumps({"title": "Sans URL propre", "text": text, "urls": urls}))
    formats = Path(__file__).resolve().parent.parent / "data" / "formats"
    paths = [*sorted(str(p) for p in formats.iterdir()), str(SEED_FILE), str(only_urls)]
    report = _import(paths, session_factory, date(2022, 1, 7))
    assert report.failed == 0
    with_url = without_url = 0
    for article in session.scalars(select(Article)):
        stored = set(
            session.scalars(select(ArticleUrl.url).where(ArticleUrl.article_id == article.id))
        )
        document = article_document(session=session, article_id=article.id)
        if article.url is None:
            without_url += 1
            assert stored == set() and document["urls"] == []
        else:
            with_url += 1
            assert article.url in stored and document["urls"][0] == article.url
            assert set(document["urls"]) == stored
    assert with_url and without_url  # both kinds were seen
    record = article_document(session=session, article_id=report.article_ids[-1])
    assert (record["url"], record["urls"]) == (urls[0], urls)
