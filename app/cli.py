"""The `newsmeta` command: import articles, serve the REST API, manage the store."""

from __future__ import annotations

import argparse
import logging
import os
import sys
import traceback
from datetime import date
from pathlib import Path
from typing import NoReturn

from app.cli_errors import CommandError, explain
from app.cli_import import cmd_import, require_current_store
from app.cli_serve import cmd_serve
from app.config import get_settings

log = logging.getLogger("newsmeta")

DESCRIPTION = """\
newsmeta turns news articles (text, HTML, JSON, feeds) into a linked store of articles,
entities, quotes, dates and events, and serves it over a REST API. The store is
NEWSMETA_DATABASE_URL (default sqlite:///./data/newsmeta.db)."""
EPILOG = """first steps:
  newsmeta db upgrade              create or migrate the store
  newsmeta import examples/        import articles (files, folders, - for stdin)
  newsmeta serve                   serve http://127.0.0.1:8000 (docs at /docs)

`newsmeta COMMAND --help` describes each command; settings are NEWSMETA_* environment
variables (see the README).
"""
KB_FORMAT = """file format (by extension):
  .jsonl  one JSON object per line:
          {"name": "NATO", "type": "ORG", "aliases": ["OTAN", "Alliance atlantique"],
           "ids": {"wikidata": "Q7184"}}
  .csv    a header row, then one entity per row; aliases separated by |:
          name,type,aliases,wikidata,geonames,iso3166
          NATO,ORG,OTAN|Alliance atlantique,Q7184,,

  name      required; the canonical name
  type      required; PERSON, ORG, LOC or MISC
  aliases   optional; other names found in articles (any language)
  ids       optional; wikidata (Q123), geonames (2988507), iso3166 (FR)

An entry matching a stored one (same id, else same name and type) updates it.
"""


class _Parser(argparse.ArgumentParser):
    """Usage errors in one line, naming the help to read (argparse prints the usage too)."""

    def error(self, message: str) -> NoReturn:
        self.exit(2, f"{self.prog}: {message} (see `{self.prog} --help`)\n")


def _date(value: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date (YYYY-MM-DD): {value!r}") from None


def _port(value: str) -> int:
    try:
        port = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a port number: {value!r}") from None
    if not 1 <= port <= 65535:
        raise argparse.ArgumentTypeError(f"{port} is out of range: a TCP port is 1 to 65535")
    return port


def _positive(value: str) -> int:
    try:
        number = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a whole number: {value!r}") from None
    if number < 1:
        raise argparse.ArgumentTypeError(f"must be at least 1, not {number}")
    return number


def _version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("newsmeta")
    except PackageNotFoundError:  # run from a checkout that was never installed
        return "unknown (not installed)"


def build_parser() -> argparse.ArgumentParser:
    # --verbose is accepted before or after the command (`newsmeta -v import …`).
    common = _Parser(add_help=False)
    common.add_argument(
        "-v",
        "--verbose",
        action="store_true",
        default=argparse.SUPPRESS,
        help="debug log, with the traceback of any unexpected error",
    )
    parser = _Parser(
        prog="newsmeta",
        description=DESCRIPTION,
        epilog=EPILOG,
        parents=[common],
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {_version()}")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    imp = commands.add_parser(
        "import",
        parents=[common],
        help="import articles from files, folders or stdin (-)",
        description="Import articles: .txt, .html/.htm, .json, .jsonl, .xml/.rss/.atom "
        "files, folders (read recursively; other files are skipped) or - for stdin. "
        "Re-importing is idempotent.",
    )
    imp.add_argument("paths", nargs="+", metavar="PATH", help="file, folder or - (stdin)")
    imp.add_argument(
        "--published",
        type=_date,
        metavar="YYYY-MM-DD",
        help="publication date for articles whose input has none",
    )
    imp.add_argument(
        "--language", help="language code for articles whose input has none (else detected)"
    )
    imp.add_argument(
        "--source",
        metavar="NAME",
        help="source (publisher) for articles whose input has none; also given to an "
        "unchanged stored article that has no source",
    )
    imp.add_argument(
        "--workers", type=_positive, default=1, help="NLP processes (default: %(default)s)"
    )

    serve = commands.add_parser(
        "serve",
        parents=[common],
        help="serve the REST API (and the explorer) over HTTP",
        description="Serve the REST API, the explorer (/), its docs (/docs) and /metrics.",
    )
    serve.add_argument(
        "--host",
        default="127.0.0.1",
        help="address to listen on; 0.0.0.0 for every interface (default: %(default)s)",
    )
    serve.add_argument(
        "--port", type=_port, default=8000, help="TCP port, 1-65535 (default: %(default)s)"
    )
    serve.add_argument(
        "--workers",
        type=_positive,
        default=1,
        help="API processes sharing the port (default: %(default)s)",
    )

    db = commands.add_parser("db", parents=[common], help="create, migrate or export the store")
    db_commands = db.add_subparsers(dest="db_command", required=True, metavar="COMMAND")
    db_commands.add_parser(
        "upgrade", parents=[common], help="create the store or apply the missing migrations"
    )
    db_export = db_commands.add_parser(
        "export",
        parents=[common],
        help="write every article with its extracted data as JSON Lines (- = stdout)",
    )
    db_export.add_argument("path", metavar="PATH", help="file to write, or - for stdout")
    db_export.add_argument(
        "--parents", action="store_true", help="create the file's missing folders"
    )

    kb = commands.add_parser("kb", parents=[common], help="knowledge base of known entities")
    kb_commands = kb.add_subparsers(dest="kb_command", required=True, metavar="COMMAND")
    kb_import = kb_commands.add_parser(
        "import",
        parents=[common],
        help="add or update known entities from a .jsonl or .csv file",
        description="Add or update known entities (names, aliases, Wikidata/GeoNames ids):\n"
        "the importer links the mentions of their names to them.",
        epilog=KB_FORMAT,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    kb_import.add_argument("file", metavar="FILE", help="a .jsonl or .csv file (format below)")
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
    except CommandError as exc:
        print(f"newsmeta: {exc}", file=sys.stderr)
        return exc.code
    except Exception as exc:
        if verbose:
            traceback.print_exc()
        print(f"newsmeta: {explain(exc, verbose=verbose)}", file=sys.stderr)
        return 1


def _run(args: argparse.Namespace) -> int:
    if args.command == "import":
        return cmd_import(args)
    if args.command == "serve":
        return cmd_serve(args)
    if args.command == "db":
        if args.db_command == "export":
            return cmd_db_export(args.path, parents=args.parents)
        return cmd_db_upgrade()
    if args.command == "kb":
        return cmd_kb_import(args)
    return 2


def cmd_db_upgrade() -> int:
    from app.db import current_revision, head_revision, make_engine, upgrade

    url = get_settings().database_url
    engine = make_engine(url)
    try:
        before = current_revision(engine)
    finally:
        engine.dispose()
    upgrade(url)
    head = head_revision()
    if before is None:
        print(f"created the store (migrations applied up to {head})")
    elif before == head:
        print(f"the store is already at the latest migration ({head})")
    else:
        print(f"upgraded the store from migration {before} to {head}")
    return 0


def cmd_kb_import(args: argparse.Namespace) -> int:
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
    require_current_store(engine)
    with Session(engine) as session:
        added, updated = save_entries(session, entries)
        session.commit()
    print(
        f"knowledge base: added {added}, updated {updated}, unchanged {len(entries) - added - updated}"
    )
    return 0


def cmd_db_export(path: str, *, parents: bool = False) -> int:
    import tempfile

    from app.db import get_engine
    from app.pipeline.store.export import export_articles

    if path == "-":
        count = export_articles(get_engine(), sys.stdout.buffer)
        sys.stdout.buffer.flush()
        print(f"exported {count} articles", file=sys.stderr)
        return 0
    target = Path(path)
    if target.is_dir():
        raise CommandError(
            f"{path} is a folder: name the file to write, e.g. {target / 'backup.jsonl'}"
        )
    if target.parent.exists() and not target.parent.is_dir():
        raise CommandError(f"{target.parent} is not a folder: name a file in a folder")
    if not target.parent.is_dir():
        if not parents:
            raise CommandError(
                f"the folder {target.parent} does not exist: create it, or pass --parents"
            )
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise CommandError(
                f"cannot create the folder {target.parent}: {exc.strerror}"
            ) from None
    # Written beside the target and renamed: a crash never leaves a half dump at PATH.
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", dir=target.parent)
    except OSError as exc:
        raise CommandError(f"cannot write in {target.parent}: {exc.strerror}") from None
    try:
        with os.fdopen(fd, "wb") as out:
            count = export_articles(get_engine(), out)
            out.flush()
            os.fsync(out.fileno())
        os.replace(tmp, target)
    except OSError as exc:
        Path(tmp).unlink(missing_ok=True)
        raise CommandError(f"cannot write {path}: {exc.strerror or exc}") from None
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    print(f"exported {count} articles to {path}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
