"""The OpenAPI document: valid, stable operation ids, problem+json errors everywhere."""

from typing import Any

import pytest
from openapi_spec_validator import validate

from app.main import create_app

OPERATIONS = {
    "list_articles",
    "get_article",
    "list_entities",
    "get_entity",
    "list_entity_articles",
    "list_related_entities",
    "list_entity_quotes",
    "list_entity_events",
    "list_events",
    "get_event",
    "list_event_articles",
    "get_events_calendar",
    "list_quotes",
    "get_quote",
    "get_health",
    "get_readiness",
    "get_metrics",
}


@pytest.fixture(scope="module")
def schema() -> dict[str, Any]:
    return create_app().openapi()


def _operations(schema: dict[str, Any]) -> list[tuple[str, str, dict[str, Any]]]:
    return [
        (path, method, op) for path, item in schema["paths"].items() for method, op in item.items()
    ]


def test_the_document_is_valid_openapi(schema: dict[str, Any]) -> None:
    validate(schema)  # raises on any violation of the OpenAPI 3.1 schema


def test_every_operation_has_a_stable_id_a_tag_and_a_summary(schema: dict[str, Any]) -> None:
    operations = _operations(schema)
    read_ids = {op["operationId"] for path, method, op in operations if method == "get"}
    assert read_ids >= OPERATIONS
    for path, method, op in operations:
        assert op["tags"], (path, method)
        summary = op["summary"]
        assert summary and "\n" not in summary, (path, summary)
        for param in op.get("parameters", []):
            assert param.get("description"), (path, param["name"])


def test_errors_are_problem_json_and_fastapi_422_is_gone(schema: dict[str, Any]) -> None:
    assert "HTTPValidationError" not in schema["components"]["schemas"]
    problem = schema["components"]["schemas"]["Problem"]
    assert {"type", "title", "status", "detail"} <= set(problem["required"])
    for path, _method, op in _operations(schema):
        errors = {code: r for code, r in op["responses"].items() if code[0] in "45"}
        assert "500" in errors
        if path.startswith("/v1/"):
            assert "422" in errors and "503" in errors
        if "{" in path:
            assert "404" in errors
        for response in errors.values():
            assert response["content"] == {
                "application/problem+json": {"schema": {"$ref": "#/components/schemas/Problem"}}
            }


def test_reads_document_cache_headers_and_json_ld(schema: dict[str, Any]) -> None:
    article = schema["paths"]["/v1/articles/{article_id}"]["get"]
    assert {"application/json", "application/ld+json"} <= set(
        article["responses"]["200"]["content"]
    )
    assert "ETag" in article["responses"]["200"]["headers"] and "304" in article["responses"]
    event = schema["paths"]["/v1/events/{event_id}"]["get"]
    assert "application/ld+json" in event["responses"]["200"]["content"]
    listed = schema["paths"]["/v1/articles"]["get"]["responses"]["200"]
    assert "Link" in listed["headers"]
    calendar = schema["paths"]["/v1/events.ics"]["get"]["responses"]["200"]
    assert "text/calendar" in calendar["content"]


def test_parameters_carry_examples_from_the_reference_article(schema: dict[str, Any]) -> None:
    params = {p["name"]: p for p in schema["paths"]["/v1/articles"]["get"]["parameters"]}
    assert params["published_from"]["example"] == "2022-01-01"
    assert "négociations" in params["q"]["example"]
    assert params["sort"]["schema"]["enum"] == ["-published_at", "published_at", "relevance"]
    assert params["limit"]["schema"]["anyOf"][0]["maximum"] == 100
