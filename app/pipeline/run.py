"""The importer. Stage order (one sub-package each, see ``app/pipeline/__init__.py``):

1. ingest/readers  — files, folders, stdin → RawArticle (or a ReadFailure)
2. ingest/prepare  — layout, boilerplate (ingest/clean.py), language, publication date →
                     CleanArticle; a record with ``extracted`` (a ``db export`` dump)
                     skips stages 4-5 (store/given.py)
3. skip            — an article whose exact text and URLs are stored is "unchanged"
4. nlp             — spaCy, batched (nlp.pipe), in this process or in N worker processes
5. extract         — entities/, dates/, quotes/, events/ → Extraction (extract.extract_all)
6. store/load      — one transaction per batch (savepoints per article only when one of
                     them fails): an article is stored whole with all its extracted rows
                     or not at all
"""

from __future__ import annotations

import logging
import threading
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, replace
from itertools import chain, islice

from sqlalchemy.exc import IntegrityError, SQLAlchemyError
from sqlalchemy.orm import sessionmaker
from sqlmodel import Session

from app.entities import kb_store
from app.pipeline.analyse import Analysed, Analyser, analyse_batch
from app.pipeline.ingest.prepare import ImportDefaults, PrepareError, prepare
from app.pipeline.ingest.readers import ReadFailure, iter_paths, read_path
from app.pipeline.ingest.sitename import SiteNames, site_of
from app.pipeline.store import load
from app.pipeline.store.entities import BatchWrite, KnownRows, refresh_entity_counts
from app.pipeline.store.given import given_extraction
from app.pipeline.types import CleanArticle, Extraction, RawArticle

log = logging.getLogger(__name__)
BATCH_SIZE = 32

SessionFactory = sessionmaker[Session] | Callable[[], Session]


@dataclass
class ImportReport:
    imported: int = 0
    updated: int = 0
    unchanged: int = 0
    failures: list[ReadFailure] = field(default_factory=list)
    article_ids: list[int] = field(default_factory=list)
    # Files in a folder that are not in an article format (a README.md): left alone.
    skipped: list[str] = field(default_factory=list)
    # What a user should know about an article that was not an error ("source kept").
    notes: list[str] = field(default_factory=list)

    @property
    def failed(self) -> int:
        return len(self.failures)

    def count(self, outcome: load.Outcome) -> None:
        setattr(self, outcome, getattr(self, outcome) + 1)


@dataclass(frozen=True)
class Prepared:
    origin: str
    article: CleanArticle
    extraction: Extraction | None = None  # given by the input: no NLP


def iter_prepared(
    paths: list[str],
    defaults: ImportDefaults,
    *,
    max_bytes: int,
    report: ImportReport,
    fallback_language: str,
) -> Iterator[Prepared]:
    for path in iter_paths(paths, on_skip=lambda found: report.skipped.append(str(found))):
        try:
            for item in read_path(path, max_bytes=max_bytes):
                if isinstance(item, ReadFailure):
                    report.failures.append(item)
                    continue
                try:
                    article = prepare(item, defaults, fallback_language=fallback_language)
                    prepared = Prepared(item.origin, article, given_extraction(item, article))
                except PrepareError as exc:
                    report.failures.append(ReadFailure(item.origin, str(exc)))
                except Exception as exc:  # a bug or a library's surprise: this article's failure
                    report.failures.append(unexpected_failure(item.origin, exc))
                else:
                    yield prepared
        except Exception as exc:  # raised while reading: the rest of this file is lost
            report.failures.append(unexpected_failure(str(path), exc))


def unexpected_failure(origin: str, exc: Exception) -> ReadFailure:
    """A one-line failure for an error no stage expected; the traceback is logged at DEBUG."""
    log.debug("unexpected error on %s", origin, exc_info=exc)
    message = " ".join(str(exc).split())[:300]
    return ReadFailure(origin, f"unexpected error: {exc.__class__.__name__}: {message}")


def run_import(
    paths: list[str],
    *,
    session_factory: SessionFactory,
    defaults: ImportDefaults,
    max_bytes: int,
    fallback_language: str = "fr",
    workers: int = 1,
    on_progress: Callable[[str], None] | None = None,
) -> ImportReport:
    """Import every article under ``paths``; failures are reported, never raised."""
    report = ImportReport()
    prepared = iter_prepared(
        paths, defaults, max_bytes=max_bytes, report=report, fallback_language=fallback_language
    )
    progress = on_progress or (lambda _origin: None)
    with session_factory() as session:
        kb_entries = kb_store.stored_entries(session)
    batches = _batches(prepared, BATCH_SIZE)
    known = KnownRows()  # entities and aliases committed by this run
    # One batch (a file, a POST-sized import) is parsed here; more go to worker processes
    # so that reading and writing here overlap with the NLP there.
    head = list(islice(batches, 2))
    with Analyser(workers if len(head) > 1 else 0, kb_entries) as analyser:
        # Keep a few batches in the workers while this process reads and writes.
        pending: deque[tuple[list[Prepared], Analysed]] = deque()
        site_names = SiteNames()
        for batch in chain(head, batches):
            batch = strip_site_names(batch, site_names)
            todo = _skip_unchanged(batch, session_factory, report, progress)
            pending.append((todo, analyser.submit([p.article for p in todo if not p.extraction])))
            while len(pending) > analyser.depth:
                _store_batch(*pending.popleft(), session_factory, known, report, progress)
        while pending:
            _store_batch(*pending.popleft(), session_factory, known, report, progress)
    return report


def strip_site_names(batch: list[Prepared], names: SiteNames) -> list[Prepared]:
    """Titles without the name their site repeats in them (learnt from this run's titles,
    this batch's included); a record with its own extraction keeps its title as given."""
    for item in batch:
        names.learn(site_of(item.article.url, item.article.source), item.article.title)
    stripped = []
    for item in batch:
        site = site_of(item.article.url, item.article.source)
        title = names.strip(site, item.article.title) if item.extraction is None else ""
        if title and title != item.article.title:
            item = replace(item, article=replace(item.article, title=title))
        stripped.append(item)
    return stripped


def _batches(items: Iterable[Prepared], size: int) -> Iterator[list[Prepared]]:
    iterator = iter(items)
    while batch := list(islice(iterator, size)):
        yield batch


def _skip_unchanged(
    batch: list[Prepared],
    session_factory: SessionFactory,
    report: ImportReport,
    progress: Callable[[str], None],
) -> list[Prepared]:
    """The articles of the batch that need the NLP; the others are counted here.

    An unchanged article whose stored copy has no source gets the input's (``--source``
    or its own field): counted as updated. A different stored source is kept, with a note.
    """
    todo = []
    sourced = False
    with session_factory() as session:
        for item in batch:
            if not load.is_unchanged(session, item.article):
                todo.append(item)
                continue
            outcome = load.fill_source(session, item.article)
            if outcome.added:
                sourced = True
                report.count("updated")
                report.article_ids.append(outcome.id)
            else:
                report.count("unchanged")
            if outcome.kept:
                report.notes.append(
                    f"{item.origin}: unchanged; its stored source {outcome.kept!r} is kept "
                    f"(not {item.article.source!r})"
                )
            progress(item.origin)
        if sourced:
            session.commit()
        else:
            session.rollback()
    return todo


def _store_batch(
    todo: list[Prepared],
    analysed: Analysed,
    session_factory: SessionFactory,
    known: KnownRows,
    report: ImportReport,
    progress: Callable[[str], None],
) -> None:
    """One transaction for the batch; an article is stored whole or not at all.

    The batch is first written straight through. If an article fails, that is rolled
    back and the batch written again with a savepoint per article, which leaves out only
    the failing ones (savepoints cost: SQLite's full-text index flushes at each one).
    Entity counts are recomputed once, for all the batch's entities, before the commit.
    """
    results = iter(analysed.result())
    work: list[tuple[Prepared, Extraction]] = []
    failed: list[ReadFailure] = []
    for item in todo:
        extraction = item.extraction or next(results)
        if isinstance(extraction, str):
            failed.append(ReadFailure(item.origin, extraction))
        else:
            work.append((item, extraction))
    with session_factory() as session:
        batch = BatchWrite(known)
        stored = _store_all(session, work, batch)
        if stored is None:
            session.rollback()
            batch = BatchWrite(known)
            stored, more = _store_each(session, work, batch)
            failed += more
        try:
            session.commit()
            known.update(batch.seen)
        except SQLAlchemyError as exc:
            session.rollback()
            log.error("batch commit failed: %s", exc)
            failed += [ReadFailure(origin, "store error: commit failed") for origin, _ in stored]
            stored = []
    for origin, outcome in stored:
        report.count(outcome.outcome)
        report.article_ids.append(outcome.id)
        progress(origin)
    for failure in failed:
        report.failures.append(failure)
        progress(failure.origin)


Stored = list[tuple[str, load.StoredArticle]]


def _store_all(
    session: Session, work: list[tuple[Prepared, Extraction]], batch: BatchWrite
) -> Stored | None:
    """Every article of the batch, no savepoints; None (roll back) if any fails."""
    stored = []
    try:
        for item, extraction in work:
            outcome = load.store_article(session, item.article, extraction, batch=batch)
            stored.append((item.origin, outcome))
        refresh_entity_counts(session, batch.recount)
    except Exception as exc:  # written again one savepoint per article, which reports it
        log.debug("batch write failed (%s); writing it article by article", exc)
        return None
    return stored


def _store_each(
    session: Session, work: list[tuple[Prepared, Extraction]], batch: BatchWrite
) -> tuple[Stored, list[ReadFailure]]:
    """The batch with one savepoint per article: the failing ones are left out."""
    stored: Stored = []
    failed: list[ReadFailure] = []
    for item, extraction in work:
        outcome = _store_one(session, item, extraction, batch)
        if isinstance(outcome, ReadFailure):
            failed.append(outcome)
        else:
            stored.append((item.origin, outcome))
    try:
        refresh_entity_counts(session, batch.recount)
    except SQLAlchemyError as exc:
        session.rollback()
        log.error("entity counts failed: %s", exc)
        failed += [ReadFailure(origin, "store error: entity counts failed") for origin, _ in stored]
        stored = []
    return stored, failed


def _store_one(
    session: Session, item: Prepared, extraction: Extraction, batch: BatchWrite
) -> load.StoredArticle | ReadFailure:
    for attempt in (1, 2):
        # What the article writes counts for the batch once its savepoint is released.
        own = BatchWrite(batch.known, seen=batch.seen.copy())
        savepoint = session.begin_nested()
        try:
            stored = load.store_article(session, item.article, extraction, batch=own)
            savepoint.commit()
            batch.merge(own)
            return stored
        except IntegrityError:
            # Another importer wrote the same row first; a retry sees it.
            savepoint.rollback()
            if attempt == 2:
                return ReadFailure(item.origin, "conflicting concurrent write")
        except Exception as exc:  # one bad article must not stop the batch
            savepoint.rollback()
            log.debug("failed to store %s", item.origin, exc_info=True)  # reported below
            reason = f"store error: {exc.__class__.__name__}: {exc}".splitlines()[0][:300]
            return ReadFailure(item.origin, reason)
    raise AssertionError("unreachable")


_NLP_LOCK = threading.Lock()


def ingest_article(
    session: Session, raw: RawArticle, defaults: ImportDefaults, *, fallback_language: str = "fr"
) -> load.StoredArticle:
    """One article through the same pipeline (the API's POST); the caller commits.

    PrepareError for input without a usable article; RuntimeError if the NLP fails.
    """
    article = prepare(raw, defaults, fallback_language=fallback_language)
    extraction = given_extraction(raw, article)
    if extraction is None:
        if load.is_unchanged(session, article):
            extraction = Extraction()  # stored as is: load sees the same text, writes nothing
        else:
            from app.pipeline.extract import use_knowledge_base

            # spaCy pipelines are not safe to share between threads of the API.
            with _NLP_LOCK:
                use_knowledge_base(kb_store.stored_entries(session))
                [result] = analyse_batch([article])
            if isinstance(result, str):
                raise RuntimeError(result)
            extraction = result
    with session.begin_nested():
        return load.store_article(session, article, extraction)
