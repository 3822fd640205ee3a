"""Schema pieces shared across resources (brief forms used inside other resources)."""

from datetime import UTC, date, datetime
from typing import Annotated, Any

from pydantic import AfterValidator, BaseModel, ConfigDict, Field


def _as_utc(value: datetime) -> datetime:
    # SQLite hands timestamps back without a zone; they are stored in UTC.
    return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


Timestamp = Annotated[datetime, AfterValidator(_as_utc)]


# The same values as JSON, for the reads that build their documents without the models.
def timestamp_json(value: datetime) -> str:
    """A stored timestamp as ``Timestamp`` serialises it (UTC, ``Z``)."""
    return _as_utc(value).isoformat().replace("+00:00", "Z")


def date_json(value: date | None) -> str | None:
    return value.isoformat() if value is not None else None


def brief_json(entity_id: int | None, name: str | None, type_: str | None) -> dict[str, Any] | None:
    """An ``EntityBrief`` (None without an entity)."""
    return None if entity_id is None else {"id": entity_id, "name": name, "type": type_}


class ReadModel(BaseModel):
    model_config = ConfigDict(from_attributes=True)


class EntityBrief(ReadModel):
    id: int = Field(examples=[1])
    name: str = Field(examples=["NATO"])
    type: str = Field(examples=["ORG"], description="PERSON, ORG, LOC or MISC.")


class EventBrief(ReadModel):
    id: int = Field(examples=[1])
    title: str = Field(examples=["Pourparlers américano-russes à Genève"])
    type: str = Field(examples=["talks"])
    date: str = Field(examples=["2022-01-10"], description="ISO date (or partial: 2022-01).")
    status: str = Field(
        examples=["past"],
        description="True on the day of the request: `cancelled` or `postponed` when an "
        "article reported it, else `scheduled` while the event's last day is today or "
        "later, `past` after.",
    )
    reported_as: str = Field(
        examples=["announced"],
        description="What the most recent article mentioning it said, in that article's "
        "own time: `announced`, `held`, `cancelled` or `postponed`.",
    )


class ArticleBrief(ReadModel):
    """Enough of an article to show a link to it."""

    id: int = Field(examples=[1])
    title: str = Field(examples=["« Le risque de conflit est réel » – chef de l'OTAN"])
    url: str | None = Field(examples=["https://example.org/otan-risque-conflit"])
    published_at: date | None = Field(examples=["2022-01-07"])
    language: str = Field(examples=["fr"])
