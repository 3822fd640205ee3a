"""What the ``newsmeta`` command says when something goes wrong: one line that names the
problem and what to do about it (the traceback only with ``--verbose``)."""

from __future__ import annotations


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

    from app.db import MigrationsMissing, StoreUrlError, describe_store_error

    message = " ".join(str(exc).split()) or exc.__class__.__name__
    if isinstance(exc, CommandError | MigrationsMissing):
        return message
    if isinstance(exc, StoreUrlError):
        return f"NEWSMETA_DATABASE_URL: {message}"
    if isinstance(exc, ValidationError):
        # Each setting by its variable, never with its value (a URL may hold a password,
        # a key list the write keys).
        problems = "; ".join(
            f"NEWSMETA_{'_'.join(map(str, error['loc'])).upper()}: {error['msg']}"
            for error in exc.errors()
        )
        return f"invalid setting: {problems}"
    if isinstance(exc, DBAPIError):
        return describe_store_error(" ".join(str(exc.orig).split()))
    if isinstance(exc, SQLAlchemyError):
        return describe_store_error(message)
    hint = "" if verbose else " (run with --verbose for the traceback)"
    return f"unexpected error: {exc.__class__.__name__}: {message}{hint}"
