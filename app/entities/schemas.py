"""API shapes of the entities resource."""

from datetime import date

from pydantic import Field

from app.common.schemas import EntityBrief, Timestamp


class EntityRead(EntityBrief):
    """An entity with its external ids and counts (list items)."""

    ids: dict[str, str] = Field(
        description="Known external ids only: `wikidata`, `geonames`, `iso3166`.",
        examples=[{"wikidata": "Q7184"}],
    )
    article_count: int = Field(description="Articles that name it.", examples=[1])
    mention_count: int = Field(description="Times it is named, all articles.", examples=[4])
    first_seen: date | None = Field(description="Earliest publication date naming it.")
    last_seen: date | None = Field(description="Latest publication date naming it.")


class EntityDetail(EntityRead):
    """An entity with every name it goes by."""

    aliases: list[str] = Field(examples=[["NATO", "OTAN", "l'OTAN"]])
    created_at: Timestamp
    updated_at: Timestamp


class RelatedEntity(EntityBrief):
    """An entity named in the same articles, with how many."""

    ids: dict[str, str] = Field(description="Known external ids only.")
    shared_articles: int = Field(
        description="Articles naming both (among the entity's most recent ones).", examples=[1]
    )
