"""Query-parameter checks shared by every router."""

from typing import Any

from fastapi import Request

from app.common.errors import ProblemError


def forbid_unknown_query_params(request: Request) -> None:
    """422 naming the parameter when a query has one the operation does not know.

    A typo (``langauge=fr``) must not silently return unfiltered data.
    """
    route = request.scope.get("route")
    dependant = getattr(route, "dependant", None)
    if dependant is None:
        return
    allowed = _query_names(dependant)
    unknown = sorted(set(request.query_params.keys()) - allowed)
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
