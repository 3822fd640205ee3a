"""`newsmeta import`: check the inputs (fast, before spaCy loads), import, report."""

from __future__ import annotations

import argparse
import logging
import os
import sys
from pathlib import Path

from sqlalchemy.engine import Engine

from app.cli_errors import CommandError
from app.cli_progress import expected_articles, progress
from app.config import get_settings

log = logging.getLogger("newsmeta")
# Files skipped in folders (not an article format) named one by one, up to this many.
SKIPPED_SHOWN = 10


def cmd_import(args: argparse.Namespace) -> int:
    from sqlmodel import Session

    from app.db import get_writer_engine
    from app.pipeline.ingest.prepare import ImportDefaults
    from app.pipeline.run import run_import

    check_inputs(args.paths)
    settings = get_settings()
    engine = get_writer_engine()
    require_current_store(engine)
    defaults = ImportDefaults(
        published_at=args.published, language=args.language, source=args.source
    )
    with progress(expected_articles(args.paths)) as advance:
        report = run_import(
            args.paths,
            session_factory=lambda: Session(engine, expire_on_commit=False),
            defaults=defaults,
            max_bytes=settings.max_article_bytes,
            fallback_language=settings.default_language,
            workers=args.workers,
            on_progress=advance,
        )
    summary = (
        f"imported {report.imported}, updated {report.updated}, "
        f"unchanged {report.unchanged}, failed {report.failed}"
    )
    print(summary + (f", skipped {len(report.skipped)}" if report.skipped else ""))
    for failure in report.failures:
        print(f"failed: {failure.origin}: {failure.reason}", file=sys.stderr)
    for note in report.notes:
        print(f"note: {note}", file=sys.stderr)
    _print_skipped(report.skipped)
    _prune_changes(engine, settings.changes_retention_days)
    _log_cpu()
    return 1 if report.failures else 0


def check_inputs(paths: list[str]) -> None:
    """CommandError unless every path exists and some of them hold article files."""
    from app.pipeline.ingest.readers import SUFFIXES, has_article_files

    missing = [p for p in paths if p != "-" and not os.path.lexists(p)]
    if missing:
        raise CommandError(f"no such file or folder: {', '.join(missing)}", code=2)
    empty = [p for p in paths if p != "-" and Path(p).is_dir() and not has_article_files(Path(p))]
    formats = ", ".join(SUFFIXES)
    if len(empty) == len(paths):
        raise CommandError(
            f"no article files in {', '.join(empty)} (looked for {formats}, in sub-folders too)"
        )
    for folder in empty:
        print(f"note: no article files in {folder} (looked for {formats})", file=sys.stderr)


def _print_skipped(skipped: list[str]) -> None:
    for path in skipped[:SKIPPED_SHOWN]:
        suffix = Path(path).suffix or "no extension"
        print(f"skipped: {path}: not an article file ({suffix})", file=sys.stderr)
    if len(skipped) > SKIPPED_SHOWN:
        print(f"skipped: {len(skipped) - SKIPPED_SHOWN} more files", file=sys.stderr)


def require_current_store(engine: Engine) -> None:
    """CommandError (exit 2) unless the store's migrations are the code's."""
    from app.db import migration_state

    current, head = migration_state(engine)
    if current is None:
        raise CommandError("the store has no tables yet; run `newsmeta db upgrade` first", code=2)
    if current != head:
        raise CommandError(
            f"the store is at migration {current}, the code expects {head}; "
            "run `newsmeta db upgrade` first",
            code=2,
        )


def _prune_changes(engine: Engine, retention_days: int) -> None:
    """Changes older than the retention go, at the end of each import."""
    from sqlalchemy.exc import SQLAlchemyError
    from sqlmodel import Session

    from app.changes import service

    try:
        with Session(engine) as session:
            pruned = service.prune(session, retention_days=retention_days)
            session.commit()
    except SQLAlchemyError as exc:  # the import itself is done: say so, do not fail it
        log.warning("pruning the change feed failed: %s", exc)
        return
    if pruned:
        log.info("change feed: pruned %d changes older than %d days", pruned, retention_days)


def _log_cpu() -> None:
    """CPU seconds of this process and of its NLP workers (for capacity planning; DEBUG:
    `--verbose` shows it)."""
    import resource

    own = resource.getrusage(resource.RUSAGE_SELF)
    workers = resource.getrusage(resource.RUSAGE_CHILDREN)
    log.debug(
        "import cpu: main=%.2fs workers=%.2fs",
        own.ru_utime + own.ru_stime,
        workers.ru_utime + workers.ru_stime,
    )
