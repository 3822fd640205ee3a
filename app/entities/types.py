"""The entity types the domain owns: what an entity is and where a text names one.

The importer builds these (``app.pipeline``) and the knowledge base matches them; both
import them from here, so the domain never depends on the importer.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

EntityType = Literal["PERSON", "ORG", "LOC", "MISC"]


@dataclass(frozen=True)
class EntityRef:
    """A canonical entity: ``key`` is stable across articles, runs and languages.

    Keys: ``wikidata:Q7184``, ``iso3166:RU``, ``geonames:2660646`` for knowledge-base
    entities, ``name:{type}:{normalised name}`` for the others.
    """

    key: str
    name: str
    type: EntityType
    ids: dict[str, str] = field(default_factory=dict, hash=False, compare=False)
    aliases: tuple[str, ...] = field(default=(), hash=False, compare=False)


@dataclass(frozen=True)
class MentionResult:
    text: str
    start: int
    end: int
    entity: EntityRef
    field: str = "body"  # the article field the offsets point into: title, standfirst, body
