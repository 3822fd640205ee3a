"""schema.org JSON-LD for articles and events (``Accept: application/ld+json``)."""

from __future__ import annotations

from typing import Any

from fastapi import Request
from fastapi.responses import JSONResponse

from app.common.schemas import EntityBrief

JSONLD = "application/ld+json"
SCHEMA_TYPES = {"PERSON": "Person", "ORG": "Organization", "LOC": "Place", "MISC": "Thing"}
JSONLD_RESPONSE: dict[str, Any] = {
    JSONLD: {
        "schema": {
            "type": "object",
            "description": "schema.org JSON-LD (sent for `Accept: application/ld+json`).",
            "additionalProperties": True,
        }
    }
}


def wants_jsonld(request: Request) -> bool:
    """True when the client prefers JSON-LD over plain JSON in its ``Accept`` header."""
    weights: dict[str, float] = {}
    for item in request.headers.get("accept", "").split(","):
        media, *params = (part.strip() for part in item.split(";"))
        weight = 1.0
        for param in params:
            name, _, value = param.partition("=")
            if name.strip() == "q":
                try:
                    weight = float(value)
                except ValueError:
                    weight = 0.0
        weights[media.lower()] = max(weight, weights.get(media.lower(), 0.0))
    ld = weights.get(JSONLD, 0.0)
    return ld > 0 and ld >= weights.get("application/json", 0.0)


def jsonld_response(document: dict[str, Any]) -> JSONResponse:
    return JSONResponse(document, media_type=JSONLD)


def thing(entity: EntityBrief, wikidata: str | None = None) -> dict[str, Any]:
    """A schema.org Person/Organization/Place/Thing, ``sameAs`` its Wikidata page if known."""
    node: dict[str, Any] = {"@type": SCHEMA_TYPES.get(entity.type, "Thing"), "name": entity.name}
    if wikidata:
        node["sameAs"] = f"https://www.wikidata.org/wiki/{wikidata}"
    return node
