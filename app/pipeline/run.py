"""The importer. Stage order:

1. readers  — files, folders, stdin → RawArticle (or a ReadFailure)
2. prepare  — layout, boilerplate (clean.py), language, publication date → CleanArticle
3. skip     — an article whose exact text and URL are stored is "unchanged" (no NLP)
4. nlp      — spaCy, batched (nlp.pipe)
5. extract  — entities, dates, quotes, events → Extraction
6. load     — one transaction per article, idempotent upserts
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from itertools import islice

from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import sessionmaker
from sqlmodel import Session

from app.pipeline import load, nlp
from app.pipeline.extract import extract_all
from app.pipeline.prepare import ImportDefaults, PrepareError, prepare
from app.pipeline.readers import ReadFailure, iter_paths, read_path
from app.pipeline.types import CleanArticle

log = logging.getLogger(__name__)
BATCH_SIZE = 16


@dataclass
class ImportReport:
    imported: int = 0
    updated: int = 0
    unchanged: int = 0
    failures: list[ReadFailure] = field(default_factory=list)
    article_ids: list[int] = field(default_factory=list)

    @property
    def failed(self) -> int:
        return len(self.failures)

    def count(self, outcome: load.Outcome) -> None:
        setattr(self, outcome, getattr(self, outcome) + 1)


@dataclass(frozen=True)
class Prepared:
    origin: str
    article: CleanArticle


def iter_prepared(
    paths: list[str],
    defaults: ImportDefaults,
    *,
    max_bytes: int,
    report: ImportReport,
    fallback_language: str,
) -> Iterator[Prepared]:
    for path in iter_paths(paths):
        for item in read_path(path, max_bytes=max_bytes):
            if isinstance(item, ReadFailure):
                report.failures.append(item)
                continue
            try:
                yield Prepared(
                    item.origin, prepare(item, defaults, fallback_language=fallback_language)
                )
            except PrepareError as exc:
                report.failures.append(ReadFailure(item.origin, str(exc)))


def run_import(
    paths: list[str],
    *,
    session_factory: sessionmaker[Session] | Callable[[], Session],
    defaults: ImportDefaults,
    max_bytes: int,
    fallback_language: str = "fr",
    on_progress: Callable[[str], None] | None = None,
) -> ImportReport:
    """Import every article under ``paths``; failures are reported, never raised."""
    report = ImportReport()
    prepared = iter_prepared(
        paths, defaults, max_bytes=max_bytes, report=report, fallback_language=fallback_language
    )
    for batch in _batches(prepared, BATCH_SIZE):
        _import_batch(batch, session_factory, report, on_progress)
    return report


def _batches(items: Iterable[Prepared], size: int) -> Iterator[list[Prepared]]:
    iterator = iter(items)
    while batch := list(islice(iterator, size)):
        yield batch


def _import_batch(
    batch: list[Prepared],
    session_factory: Callable[[], Session],
    report: ImportReport,
    on_progress: Callable[[str], None] | None,
) -> None:
    with session_factory() as session:
        todo = []
        for item in batch:
            if load.is_unchanged(session, item.article):
                report.count("unchanged")
                _progress(on_progress, item.origin)
            else:
                todo.append(item)
        session.rollback()
    by_language: dict[str, list[Prepared]] = {}
    for item in todo:
        by_language.setdefault(item.article.language, []).append(item)
    for language, items in by_language.items():
        docs = nlp.parse_many((i.article.body for i in items), language)
        for item, doc in zip(items, docs, strict=True):
            extraction = extract_all(doc, item.article)
            _store(item, extraction, session_factory, report)
            _progress(on_progress, item.origin)


def _store(item: Prepared, extraction, session_factory, report: ImportReport) -> None:  # type: ignore[no-untyped-def]
    for attempt in (1, 2):
        with session_factory() as session:
            try:
                stored = load.store_article(session, item.article, extraction)
                session.commit()
            except IntegrityError:
                # Another importer wrote the same row first: retry sees it.
                session.rollback()
                if attempt == 2:
                    report.failures.append(ReadFailure(item.origin, "conflicting concurrent write"))
                continue
            except Exception as exc:  # one bad article must not stop the batch
                session.rollback()
                log.exception("failed to store %s", item.origin)
                report.failures.append(
                    ReadFailure(item.origin, f"store error: {exc.__class__.__name__}")
                )
                return
        report.count(stored.outcome)
        report.article_ids.append(stored.id)
        return


def _progress(callback: Callable[[str], None] | None, origin: str) -> None:
    if callback is not None:
        callback(origin)
