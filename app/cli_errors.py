"""What the ``newsmeta`` command says when something goes wrong: one line that names the
problem and what to do about it (the traceback only with ``--verbose``)."""

from __future__ import annotations

import re


class CommandError(Exception):
    """A mistake in the command line or its inputs; the message is the whole story.

    ``code`` is the exit status: 2 for a command line that cannot work as given
    (a missing path, a bad option value), 1 for the rest.
    """

    def __init__(self, message: str, *, code: int = 1) -> None:
        super().__init__(message)
        self.code = code


def explain(exc: BaseException, *, verbose: bool = False) -> str:
    """One line that says what went wrong and, where known, what to do."""
    from pydantic import ValidationError
    from sqlalchemy.exc import DBAPIError, SQLAlchemyError

    from app.db import MigrationsMissing, StoreUrlError

    message = " ".join(str(exc).split()) or exc.__class__.__name__
    if isinstance(exc, CommandError | MigrationsMissing):
        return message
    if isinstance(exc, StoreUrlError):
        return f"NEWSMETA_DATABASE_URL: {message}"
    if isinstance(exc, ValidationError):
        return f"invalid setting: {message}"
    if isinstance(exc, DBAPIError):
        return describe_store_error(" ".join(str(exc.orig).split()))
    if isinstance(exc, SQLAlchemyError):
        return describe_store_error(message)
    hint = "" if verbose else " (run with --verbose for the traceback)"
    return f"unexpected error: {exc.__class__.__name__}: {message}{hint}"


_FIX_URL = "fix NEWSMETA_DATABASE_URL"
# (pattern of the driver's message, what it means and what to do); the first match wins.
_STORE_ERRORS: list[tuple[str, str]] = [
    (
        r"no such table|relation \"[^\"]+\" does not exist|no such column",
        "the store has no tables or is behind the code ({0}): run `newsmeta db upgrade`",
    ),
    (
        r"port (\d+) failed: Connection refused|Connection refused",
        "cannot connect to PostgreSQL (connection refused): is the server running, and are "
        f"the host and port right? Start it or {_FIX_URL}",
    ),
    (
        r"password authentication failed for user \"([^\"]+)\"",
        "PostgreSQL refused the password of user {1}: " + _FIX_URL,
    ),
    (
        r"no password supplied|password authentication failed",
        "PostgreSQL wants a password: put it in the URL (postgresql://user:password@host/db)",
    ),
    (
        r"database \"([^\"]+)\" does not exist",
        "PostgreSQL has no database {1}: create it (`createdb {1}`) or " + _FIX_URL,
    ),
    (
        r"role \"([^\"]+)\" does not exist",
        "PostgreSQL has no user {1}: create it or " + _FIX_URL,
    ),
    (
        r"could not translate host name|failed to resolve host|Name or service not known",
        "cannot resolve the database host: " + _FIX_URL,
    ),
    (
        r"timeout expired|timed out",
        "the database did not answer within NEWSMETA_DB_CONNECT_TIMEOUT seconds: is the "
        f"host reachable? Check the network or {_FIX_URL}",
    ),
    (
        r"unable to open database file",
        "cannot open the SQLite file: does its folder exist and can this user write there? "
        + _FIX_URL,
    ),
    (
        r"attempt to write a readonly database|readonly database",
        "the SQLite file is read-only for this user: fix its permissions or " + _FIX_URL,
    ),
]


def describe_store_error(original: str) -> str:
    """The store's error (a driver message) as what it means and what to do."""
    for pattern, text in _STORE_ERRORS:
        match = re.search(pattern, original)
        if match:
            return text.format(original, *match.groups())
    return f"store error: {original}"
