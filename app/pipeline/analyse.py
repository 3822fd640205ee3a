"""NLP + extraction for batches of articles, in this process or in worker processes.

Workers receive clean articles and send back plain typed results (``Extraction``),
never spaCy objects. Each worker loads its spaCy pipeline once. spaCy and the extraction
stages are imported where they run: an importer whose NLP is in workers never loads them
(importing spaCy's French language data alone costs seconds of CPU).
"""

from __future__ import annotations

import atexit
import contextlib
import gc
import logging
import multiprocessing
import os
import sys
import threading
import time
from collections.abc import Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import Protocol

from app.entities.kb import KBEntry
from app.pipeline.types import CleanArticle, Extraction

log = logging.getLogger(__name__)

# An Extraction, or the one-line reason it could not be made.
Result = Extraction | str


class Analysed(Protocol):
    def result(self) -> list[Result]: ...


class _Done:
    def __init__(self, results: list[Result]) -> None:
        self._results = results

    def result(self) -> list[Result]:
        return self._results


class _Pending:
    def __init__(self, future: Future[list[Result]], size: int) -> None:
        self._future = future
        self._size = size

    def result(self) -> list[Result]:
        try:
            return self._future.result()
        except BrokenProcessPool:
            return ["NLP worker process died (out of memory?)"] * self._size


def _start_worker(parent: int, kb_entries: list[KBEntry]) -> None:
    """Exit with the importer (even after SIGKILL) and without tearing down; use the
    store's knowledge base; load the pipeline and the word lists before the first batch."""
    from app.config import get_settings
    from app.pipeline import nlp
    from app.pipeline.extract import active_knowledge_base, use_knowledge_base
    from app.pipeline.lexicon import common_words

    threading.Thread(target=_exit_with_parent, args=(parent,), daemon=True).start()
    atexit.register(_exit_now)
    use_knowledge_base(kb_entries)
    active_knowledge_base()
    language = get_settings().default_language
    common_words(language)
    with contextlib.suppress(nlp.ModelUnavailable):
        nlp.get_nlp(language)
    # What is loaded now lives as long as the worker: out of the garbage collector's
    # reach, its full collections no longer walk the model, the KB and the word lists
    # (~0.3 ms an article).
    gc.freeze()


def _exit_now() -> None:
    # A worker stops once the importer has all its results (they go back over a pipe
    # as each batch ends): freeing the spaCy pipeline and every module would only keep
    # the importer waiting for the exit (~0.3 s).
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(0)


def _exit_with_parent(parent: int) -> None:
    # The worker holds both ends of its task queue, so it never sees the importer die.
    while os.getppid() == parent:
        time.sleep(0.5)
    os._exit(1)


def _fields(article: CleanArticle) -> list[tuple[str, str]]:
    """The article's texts to analyse, body first: (field, text)."""
    fields = [("body", article.body)]
    fields += [
        (f, t) for f, t in (("title", article.title), ("standfirst", article.standfirst)) if t
    ]
    return fields


def analyse_batch(articles: Sequence[CleanArticle]) -> list[Result]:
    """Parse and extract a batch (grouped by language for nlp.pipe), in input order.

    The title and the standfirst are parsed and analysed like the body (their items say
    which field their offsets point into)."""
    from app.pipeline import nlp

    results: list[Result | None] = [None] * len(articles)
    by_language: dict[str, list[tuple[int, str, str]]] = {}
    for index, article in enumerate(articles):
        for field, text in _fields(article):
            by_language.setdefault(article.language, []).append((index, field, text))
    for language, parts in by_language.items():
        try:
            docs: list[object] = list(nlp.parse_many((t for _, _, t in parts), language))
        except Exception as exc:  # one text that breaks spaCy must not sink its batch
            log.warning("nlp.pipe failed on a batch (%s); parsing one by one", exc)
            docs = [_parse_one(text, language) for _, _, text in parts]
        by_article: dict[int, dict[str, object]] = {}
        for (index, field, _), doc in zip(parts, docs, strict=True):
            by_article.setdefault(index, {})[field] = doc
        for index, fields in by_article.items():
            results[index] = _extract(fields, articles[index])
    return [r if r is not None else "not analysed" for r in results]


def _parse_one(text: str, language: str) -> object:
    from app.pipeline import nlp

    try:
        return nlp.parse(text, language)
    except Exception as exc:
        return f"NLP error: {exc.__class__.__name__}: {exc}".splitlines()[0][:300]


def _extract(docs: dict[str, object], article: CleanArticle) -> Result:
    from app.pipeline.doc_index import parsed_from
    from app.pipeline.extract import extract_all, extract_field, merge_fields

    failed = next((d for d in docs.values() if isinstance(d, str)), None)
    if failed is not None:
        return failed  # type: ignore[return-value]
    try:
        parsed_from(docs["body"], article.body)  # type: ignore[arg-type]
        body = extract_all(docs["body"], article)  # type: ignore[arg-type]
        others = []
        for field, doc in docs.items():
            if field != "body":
                parsed_from(doc, getattr(article, field))  # type: ignore[arg-type]
                others.append(
                    extract_field(doc, article, field, body, body_doc=docs["body"])  # type: ignore[arg-type]
                )
        return merge_fields(body, *others)
    except Exception as exc:  # a bug on one article must not stop the import
        log.debug("extraction failed", exc_info=True)  # reported as the article's failure
        return f"extraction error: {exc.__class__.__name__}: {exc}".splitlines()[0][:300]


class Analyser:
    """``submit(batch)`` → results later; ``depth`` batches may be in flight.

    ``workers`` NLP processes; 0 parses in this process (small imports, no start-up cost).
    """

    def __init__(self, workers: int, kb_entries: list[KBEntry] | None = None) -> None:
        self.workers = max(0, workers)
        self.kb_entries = kb_entries or []
        self.depth = 0 if self.workers == 0 else self.workers + 1
        self._pool: ProcessPoolExecutor | None = None

    def __enter__(self) -> Analyser:
        if self.workers == 0:
            from app.pipeline.extract import use_knowledge_base

            use_knowledge_base(self.kb_entries)  # the workers set their own
        else:
            # One math thread per worker: N workers must not oversubscribe N cores.
            for name in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "BLIS_NUM_THREADS"):
                os.environ.setdefault(name, "1")
            # spawn: workers share no sockets, locks or threads with the importer.
            self._pool = ProcessPoolExecutor(
                self.workers,
                mp_context=multiprocessing.get_context("spawn"),
                initializer=_start_worker,
                initargs=(os.getpid(), self.kb_entries),
            )
        return self

    def submit(self, articles: list[CleanArticle]) -> Analysed:
        if not articles:
            return _Done([])
        if self._pool is None:
            return _Done(analyse_batch(articles))
        try:
            future = self._pool.submit(analyse_batch, articles)
        except BrokenProcessPool:
            log.error("an NLP worker died; starting a new pool")
            self._pool.shutdown(wait=False, cancel_futures=True)
            self.__enter__()
            assert self._pool is not None
            future = self._pool.submit(analyse_batch, articles)
        return _Pending(future, len(articles))

    def __exit__(self, *exc: object) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
