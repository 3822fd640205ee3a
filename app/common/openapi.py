"""The OpenAPI document: problem+json errors on every operation, cache headers.

FastAPI documents a 422 ``HTTPValidationError`` of its own; ours is an RFC 9457
``Problem`` (``application/problem+json``), so every operation lists the problems it
can answer with, and generated SDKs get one error type.
"""

from __future__ import annotations

from typing import Any

from fastapi import FastAPI
from fastapi.openapi.utils import get_openapi
from pydantic import BaseModel

from app.common.errors import PROBLEM_JSON, Problem

PROBLEM_REF = {"$ref": "#/components/schemas/Problem"}
# Models used in the document without FastAPI seeing them (bodies parsed by hand).
_EXTRA_COMPONENTS: list[type[BaseModel]] = []


def component_ref(model: type[BaseModel]) -> dict[str, str]:
    """A ``$ref`` to ``model``, whose schema (and nested ones) join the components."""
    _EXTRA_COMPONENTS.append(model)
    return {"$ref": f"#/components/schemas/{model.__name__}"}


PROBLEMS = {
    "404": "No resource with this id.",
    "422": "Invalid parameter (the `detail` and `errors` name it).",
    "500": "Unexpected error (logged with the request id).",
    "503": "The store is unavailable; retry after `Retry-After` seconds.",
}
STRING = {"schema": {"type": "string"}}
READ_HEADERS = {
    "ETag": {"description": "Entity tag (strong on resources, weak on lists).", **STRING},
    "Cache-Control": {"description": "`public, max-age=N`.", **STRING},
}
LINK_HEADER = {"Link": {"description": 'RFC 8288 `<…>; rel="next"` when more pages.', **STRING}}


def _problem(description: str) -> dict[str, Any]:
    return {"description": description, "content": {PROBLEM_JSON: {"schema": PROBLEM_REF}}}


def _document(operation: dict[str, Any], path: str, method: str) -> None:
    description = operation.get("description", "").strip()
    if description:  # the docstring's first line is the summary (SDK method docs)
        first, _, rest = description.partition("\n")
        operation["summary"] = first
        if rest.strip():
            operation["description"] = rest.strip()
        else:
            del operation["description"]
    responses = operation.setdefault("responses", {})
    params = operation.get("parameters", [])
    in_api = path.startswith("/v1/")
    wanted = {"500"}
    if in_api:
        wanted |= {"422", "503"}  # unknown query parameters are 422 everywhere under /v1
    if params:
        wanted.add("422")
    if any(p.get("in") == "path" for p in params):
        wanted.add("404")
    for status in sorted(wanted):
        responses[status] = _problem(PROBLEMS[status])
    for status, response in responses.items():  # errors declared by routes: problem+json only
        if status[0] in "45":
            response["content"] = _problem("")["content"]
    for param in params:  # a parameter-level example for docs and SDK generators
        examples = param.get("schema", {}).get("examples")
        if examples and "example" not in param:
            param["example"] = examples[0]
        _name_sort_values(param.get("schema", {}))
    if method == "get" and in_api:
        ok = responses.get("200", {})
        is_list = any(p.get("name") == "cursor" for p in params) or path.endswith(".ics")
        ok["headers"] = READ_HEADERS | (LINK_HEADER if is_list else {})
        responses["304"] = {"description": "Not modified (`If-None-Match` matched the ETag)."}


def _name_sort_values(schema: dict[str, Any]) -> None:
    """SDK enum member names for sort keys: ``-published_at`` → ``PUBLISHED_AT_DESC``."""
    values = schema.get("enum", [])
    if any(isinstance(v, str) and v.startswith("-") for v in values):
        schema["x-enum-varnames"] = [
            v.lstrip("-").upper() + ("_DESC" if v.startswith("-") else "") for v in values
        ]


def install_openapi(app: FastAPI) -> None:
    """Replace ``app.openapi`` with the problem+json aware document builder."""

    def build() -> dict[str, Any]:
        if app.openapi_schema:
            return app.openapi_schema
        schema = get_openapi(
            title=app.title,
            version=app.version,
            description=app.description,
            routes=app.routes,
            tags=app.openapi_tags,
        )
        components = schema.setdefault("components", {}).setdefault("schemas", {})
        components.pop("HTTPValidationError", None)
        components.pop("ValidationError", None)
        problem = Problem.model_json_schema(ref_template="#/components/schemas/{model}")
        components.update(problem.pop("$defs", {}))
        components["Problem"] = problem
        for model in _EXTRA_COMPONENTS:
            extra = model.model_json_schema(ref_template="#/components/schemas/{model}")
            components.update(extra.pop("$defs", {}))
            components[model.__name__] = extra
        for path, item in schema.get("paths", {}).items():
            for method, operation in item.items():
                _document(operation, path, method)
        app.openapi_schema = schema
        return schema

    app.openapi = build  # type: ignore[method-assign]
