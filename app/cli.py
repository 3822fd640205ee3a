"""The ``newsmeta`` command: import, serve, db, kb."""

from __future__ import annotations

import argparse
import logging
import os
import sys
import traceback
from datetime import date
from typing import TYPE_CHECKING

from app.config import get_settings

if TYPE_CHECKING:
    from sqlalchemy.engine import Engine

log = logging.getLogger("newsmeta")


def _date(value: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date (YYYY-MM-DD): {value!r}") from None


def build_parser() -> argparse.ArgumentParser:
    # --verbose is accepted before or after the command (`newsmeta -v import …`).
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument(
        "-v",
        "--verbose",
        action="store_true",
        default=argparse.SUPPRESS,
        help="debug log, with the traceback of any unexpected error",
    )
    parser = argparse.ArgumentParser(prog="newsmeta", description=__doc__, parents=[common])
    commands = parser.add_subparsers(dest="command", required=True)

    imp = commands.add_parser(
        "import", parents=[common], help="import articles from files, folders or stdin (-)"
    )
    imp.add_argument("paths", nargs="+", metavar="PATH")
    imp.add_argument("--published", type=_date, help="publication date when the input has none")
    imp.add_argument("--language", help="language code when the input has none (else detected)")
    imp.add_argument("--source", help="source name when the input has none")
    imp.add_argument("--workers", type=int, default=1, help="NLP processes (default 1)")

    serve = commands.add_parser("serve", parents=[common], help="serve the REST API")
    serve.add_argument("--host", default="127.0.0.1")
    serve.add_argument("--port", type=int, default=8000)
    serve.add_argument("--workers", type=int, default=1)

    db = commands.add_parser("db", parents=[common], help="store management")
    db_commands = db.add_subparsers(dest="db_command", required=True)
    db_commands.add_parser("upgrade", parents=[common], help="apply the migrations")
    db_export = db_commands.add_parser(
        "export",
        parents=[common],
        help="write every article with its extracted data as JSON Lines (- = stdout)",
    )
    db_export.add_argument("path", metavar="PATH")

    kb = commands.add_parser("kb", parents=[common], help="knowledge base of known entities")
    kb_commands = kb.add_subparsers(dest="kb_command", required=True)
    kb_import = kb_commands.add_parser(
        "import", parents=[common], help="add entities from a CSV or JSONL file"
    )
    kb_import.add_argument("file")
    return parser


def main(argv: list[str] | None = None) -> int:
    """Run one command; an error a user can meet is one line on stderr, not a traceback
    (``--verbose`` or ``NEWSMETA_LOG_LEVEL=DEBUG`` show it)."""
    args = build_parser().parse_args(argv)
    verbose = getattr(args, "verbose", False)
    try:
        settings = get_settings()
        from app.common.logs import configure_logging

        configure_logging(settings.log_level, settings.log_format)
        verbose = verbose or settings.log_level.upper() == "DEBUG"
        if verbose:
            logging.getLogger("app").setLevel(logging.DEBUG)
            log.setLevel(logging.DEBUG)
        return _run(args)
    except KeyboardInterrupt:
        print("newsmeta: interrupted", file=sys.stderr)
        return 130
    except Exception as exc:
        if verbose:
            traceback.print_exc()
        print(f"newsmeta: {explain(exc, verbose=verbose)}", file=sys.stderr)
        return 1


def explain(exc: BaseException, *, verbose: bool = False) -> str:
    """One line that says what went wrong and, where known, what to do."""
    from pydantic import ValidationError
    from sqlalchemy.exc import OperationalError, ProgrammingError

    from app.db import MigrationsMissing

    message = " ".join(str(exc).split()) or exc.__class__.__name__
    if isinstance(exc, MigrationsMissing):
        return message
    if isinstance(exc, ValidationError):
        return f"invalid setting: {message}"
    if isinstance(exc, OperationalError | ProgrammingError):
        original = " ".join(str(getattr(exc, "orig", exc)).split())
        if _is_missing_table(original):
            return f"the store has no tables or is behind the code ({original}): run `newsmeta db upgrade`"
        return f"store error: {original}"
    hint = "" if verbose else " (run with --verbose for the traceback)"
    return f"unexpected error: {exc.__class__.__name__}: {message}{hint}"


def _is_missing_table(message: str) -> bool:
    # SQLite: "no such table: x"; PostgreSQL: 'relation "x" does not exist'.
    return "no such table" in message or ("relation" in message and "does not exist" in message)


def _run(args: argparse.Namespace) -> int:
    if args.command == "import":
        return cmd_import(args)
    if args.command == "serve":
        return cmd_serve(args)
    if args.command == "db":
        return cmd_db_export(args.path) if args.db_command == "export" else cmd_db_upgrade()
    if args.command == "kb":
        return cmd_kb_import(args)
    return 2


def cmd_db_upgrade() -> int:
    from app.db import upgrade

    upgrade(get_settings().database_url)
    print("store is at the latest migration")
    return 0


def cmd_kb_import(args: argparse.Namespace) -> int:
    from pathlib import Path

    from sqlmodel import Session

    from app.db import get_writer_engine
    from app.entities.kb import parse_kb_file
    from app.entities.kb_store import save_entries

    try:
        entries = parse_kb_file(Path(args.file))
    except (OSError, ValueError) as exc:
        print(f"newsmeta: {exc}", file=sys.stderr)
        return 1
    engine = get_writer_engine()
    if not _store_is_current(engine):
        return 2
    with Session(engine) as session:
        added, updated = save_entries(session, entries)
        session.commit()
    print(
        f"knowledge base: added {added}, updated {updated}, unchanged {len(entries) - added - updated}"
    )
    return 0


def _store_is_current(engine: Engine) -> bool:
    from app.db import migration_state

    current, head = migration_state(engine)
    if current is None:
        print(
            "newsmeta: the store has no tables yet; run `newsmeta db upgrade` first",
            file=sys.stderr,
        )
        return False
    if current != head:
        print(
            f"newsmeta: the store is at migration {current}, the code expects {head}; "
            "run `newsmeta db upgrade` first",
            file=sys.stderr,
        )
        return False
    return True


def cmd_db_export(path: str) -> int:
    import os
    import tempfile
    from pathlib import Path

    from app.db import get_engine
    from app.pipeline.store.export import export_articles

    if path == "-":
        count = export_articles(get_engine(), sys.stdout.buffer)
        sys.stdout.buffer.flush()
    else:
        # Written beside the target and renamed: a crash never leaves a half dump at PATH.
        target = Path(path)
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", dir=target.parent)
        try:
            with os.fdopen(fd, "wb") as out:
                count = export_articles(get_engine(), out)
                out.flush()
                os.fsync(out.fileno())
            os.replace(tmp, target)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
    print(f"exported {count} articles", file=sys.stderr)
    return 0


def cmd_serve(args: argparse.Namespace) -> int:
    import tempfile

    import uvicorn

    from app.common.metrics import MULTIPROC_ENV

    if args.workers > 1 and not os.environ.get(MULTIPROC_ENV):
        # /metrics adds up the workers' samples, kept in files in this folder.
        os.environ[MULTIPROC_ENV] = tempfile.mkdtemp(prefix="newsmeta-metrics-")
    uvicorn.run(
        "app.main:create_app",
        factory=True,
        host=args.host,
        port=args.port,
        workers=args.workers,
        log_config=None,
        proxy_headers=True,
    )
    return 0


def cmd_import(args: argparse.Namespace) -> int:
    from sqlmodel import Session

    from app.db import get_writer_engine
    from app.pipeline.ingest.prepare import ImportDefaults
    from app.pipeline.run import run_import

    settings = get_settings()
    engine = get_writer_engine()
    if not _store_is_current(engine):
        return 2
    if args.workers < 1:
        print("newsmeta: --workers must be at least 1", file=sys.stderr)
        return 2
    defaults = ImportDefaults(
        published_at=args.published, language=args.language, source=args.source
    )
    with _progress(_expected_articles(args.paths)) as advance:
        report = run_import(
            args.paths,
            session_factory=lambda: Session(engine, expire_on_commit=False),
            defaults=defaults,
            max_bytes=settings.max_article_bytes,
            fallback_language=settings.default_language,
            workers=args.workers,
            on_progress=advance,
        )
    print(
        f"imported {report.imported}, updated {report.updated}, "
        f"unchanged {report.unchanged}, failed {report.failed}"
    )
    for failure in report.failures:
        print(f"failed: {failure.origin}: {failure.reason}", file=sys.stderr)
    _prune_changes(engine, settings.changes_retention_days)
    _log_cpu()
    return 1 if report.failures else 0


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
    """CPU seconds of this process and of its NLP workers (for capacity planning)."""
    import resource

    own = resource.getrusage(resource.RUSAGE_SELF)
    workers = resource.getrusage(resource.RUSAGE_CHILDREN)
    log.info(
        "import cpu: main=%.2fs workers=%.2fs",
        own.ru_utime + own.ru_stime,
        workers.ru_utime + workers.ru_stime,
    )


def _expected_articles(paths: list[str]) -> int | None:
    """How many articles the import will see, when every input is one article per file."""
    from pathlib import Path

    from app.pipeline.ingest.readers import SUFFIXES, iter_paths

    if not sys.stderr.isatty() or "-" in paths:
        return None
    total = 0
    for path in iter_paths(paths):
        if SUFFIXES.get(Path(path).suffix.lower()) not in {"text", "html"}:
            return None  # JSON lists, JSON Lines and feeds hold an unknown number
        total += 1
    return total


class _progress:
    """A rich progress bar (rate, ETA) on a terminal; silent in pipes and CI."""

    def __init__(self, total: int | None) -> None:
        self.total = total

    def __enter__(self):  # type: ignore[no-untyped-def]
        self._bar = None
        if sys.stderr.isatty() and not os.environ.get("CI"):
            from rich.console import Console
            from rich.progress import (
                BarColumn,
                MofNCompleteColumn,
                Progress,
                TextColumn,
                TimeElapsedColumn,
                TimeRemainingColumn,
            )

            self._bar = Progress(
                TextColumn("importing"),
                BarColumn(),
                MofNCompleteColumn(),
                TextColumn("{task.fields[rate]}"),
                TimeElapsedColumn(),
                TextColumn("ETA"),
                TimeRemainingColumn(),
                console=Console(stderr=True),
                transient=True,
            )
            self._bar.start()
            self._task = self._bar.add_task("import", total=self.total, rate="")
        return self._advance

    def _advance(self, _origin: str) -> None:
        if self._bar is not None:
            self._bar.advance(self._task)
            task = self._bar.tasks[0]
            # Articles arrive a batch at a time: the mean rate since the start is steadier
            # than rich's windowed speed.
            if task.elapsed:
                self._bar.update(self._task, rate=f"{task.completed / task.elapsed:.1f} articles/s")

    def __exit__(self, *exc: object) -> None:
        if self._bar is not None:
            self._bar.stop()


if __name__ == "__main__":
    raise SystemExit(main())
