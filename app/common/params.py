"""Query-parameter checks shared by every router."""

from datetime import date
from typing import Annotated, Any

from fastapi import Query, Request
from pydantic import BeforeValidator, Field

from app.common.errors import ProblemError
from app.common.timex import parse_day


async def forbid_unknown_query_params(request: Request) -> None:
    """422 naming the parameter when a query has one the operation does not know.

    A typo (``langauge=fr``) must not silently return unfiltered data. ``async``: it does
    no I/O, so it runs on the event loop instead of costing a thread-pool round trip.
    """
    route = request.scope.get("route")
    dependant = getattr(route, "dependant", None)
    if dependant is None:
        return
    if not request.scope.get("query_string"):
        return
    allowed: frozenset[str] | None = getattr(route, "newsmeta_query_names", None)
    if allowed is None:  # computed once per route
        allowed = frozenset(_query_names(dependant))
        route.newsmeta_query_names = allowed  # type: ignore[union-attr]
    unknown = sorted(set(request.query_params.keys()) - allowed)
    # PostgreSQL text cannot hold NUL: refuse it here rather than fail in the store.
    with_nul = sorted({k for k, v in request.query_params.multi_items() if "\x00" in v})
    if with_nul and not unknown:
        raise ProblemError(
            422,
            f"Query parameter(s) {', '.join(with_nul)}: NUL characters are not allowed.",
            slug="validation-error",
            errors=[
                {"loc": ["query", name], "msg": "NUL character", "type": "string_pattern_mismatch"}
                for name in with_nul
            ],
        )
    if unknown:
        raise ProblemError(
            422,
            f"Unknown query parameter(s): {', '.join(unknown)}. "
            f"Known: {', '.join(sorted(allowed)) or 'none'}.",
            slug="validation-error",
            errors=[
                {"loc": ["query", name], "msg": "unknown parameter", "type": "extra_forbidden"}
                for name in unknown
            ],
        )


def _query_names(dependant: Any) -> set[str]:
    """Query parameter names of an operation, its dependencies included."""
    names = {param.alias for param in dependant.query_params}
    for sub in dependant.dependencies:
        names |= _query_names(sub)
    return names


# Ids are PostgreSQL ``integer``s: larger numbers are a 422, not a database error.
ID_MAX = 2_147_483_647
IdValue = Annotated[int, Field(ge=1, le=ID_MAX)]


def _iso_date(value: object) -> object:
    # Pydantic's lax mode reads "0" or "1700000000" as Unix times and words its errors
    # "a valid date or datetime"; a date filter is a calendar day, one wording for all.
    return parse_day(value) if isinstance(value, str) else value


IsoDate = Annotated[date, BeforeValidator(_iso_date)]


# Publication-date filters, the same on every list that has them.
PublishedFrom = Annotated[
    IsoDate | None,
    Query(description="Published on or after (YYYY-MM-DD).", examples=["2022-01-01"]),
]
PublishedTo = Annotated[
    IsoDate | None,
    Query(description="Published on or before (YYYY-MM-DD).", examples=["2022-01-31"]),
]


def check_range(lower_name: str, lower: date | None, upper_name: str, upper: date | None) -> None:
    """422 when a ``<field>_from``/``<field>_to`` pair is an empty range (``to`` before ``from``).

    An empty range can match nothing: a silent ``[]`` would hide the swapped dates.
    """
    if lower is None or upper is None or lower <= upper:
        return
    raise ProblemError(
        422,
        f"{upper_name}: {upper.isoformat()} is before {lower_name} {lower.isoformat()}, "
        "an empty range; swap them or drop one.",
        slug="validation-error",
        errors=[
            {"loc": ["query", upper_name], "msg": f"before {lower_name}", "type": "value_error"}
        ],
    )
