"""The SPEC.md JSON article (files, JSON Lines, ``POST /v1/articles``, ``db export``).

Strict: unknown fields and wrong types are errors that name the field. ``extracted``
holds data in the shape of ``GET /v1/articles/{id}`` and is stored without running the NLP.
"""

from __future__ import annotations

from datetime import date
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from app.common.timex import BAD_DATE, parse_day
from app.pipeline.types import RawArticle

EntityTypeIn = Literal["PERSON", "ORG", "LOC", "MISC"]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class EntityIn(_Strict):
    id: int | None = Field(default=None, description="Ignored on import (ids are local).")
    name: str = Field(min_length=1, max_length=300)
    type: EntityTypeIn
    key: str | None = Field(default=None, max_length=300, description="Canonical entity key.")
    ids: dict[str, str] = Field(default_factory=dict, description="wikidata, geonames, iso3166.")
    aliases: list[str] = Field(default_factory=list)


class _Span(_Strict):
    text: str
    start: int = Field(ge=0)
    end: int = Field(ge=0)
    field: Literal["title", "standfirst", "body"] = Field(
        default="body", description="The article field the offsets point into."
    )


class MentionIn(_Span):
    entity: EntityIn


class DateIn(_Span):
    value: str = Field(min_length=1, max_length=64)
    granularity: str = Field(min_length=1, max_length=16)


class QuoteIn(_Span):
    id: int | None = None
    kind: Literal["direct", "indirect"] = "direct"
    speaker: EntityIn | None = None
    speaker_text: str | None = None
    speaker_role: str | None = Field(default=None, max_length=300)
    speaker_start: int | None = None
    speaker_end: int | None = None


class EventIn(_Strict):
    id: int | None = None
    title: str = Field(min_length=1, max_length=500)
    type: str = Field(min_length=1, max_length=32)
    date: str = Field(min_length=1, max_length=64)
    granularity: str = "day"
    status: Literal["scheduled", "past", "cancelled", "postponed"]  # in the article's time
    location: EntityIn | None = None
    participants: list[EntityIn] = Field(default_factory=list)
    related: list[EntityIn] = Field(default_factory=list)
    notes: list[str] = Field(default_factory=list)
    evidence: str = ""
    start: int = Field(default=0, ge=0)
    end: int = Field(default=0, ge=0)
    trigger: str = ""


class ExtractedIn(_Strict):
    """Extracted data as ``GET /v1/articles/{id}`` shows it (entities with key/ids/aliases)."""

    mentions: list[MentionIn] = Field(default_factory=list)
    quotes: list[QuoteIn] = Field(default_factory=list)
    dates: list[DateIn] = Field(default_factory=list)
    events: list[EventIn] = Field(default_factory=list)


class ArticleIn(_Strict):
    """The SPEC.md JSON article; unknown fields are errors (a typo must not drop data)."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    url: str | None = Field(default=None, max_length=2000)
    urls: list[str] = Field(
        default_factory=list,
        description="Every URL the article was seen under, `url` among them (`db export` "
        "writes them); the first is the article's `url` when that is not given.",
    )
    title: str | None = None
    text: str | None = None
    html: str | None = None
    published_at: date | None = None
    language: str | None = Field(default=None, max_length=16)
    source: str | None = Field(default=None, max_length=200)
    authors: list[str] = Field(default_factory=list)
    external_id: str | None = Field(default=None, max_length=500)
    standfirst: str | None = Field(default=None, description="Set by `db export`; optional.")
    republished: bool | None = Field(default=None, description="Set by `db export`; optional.")
    extracted: ExtractedIn | None = None

    @field_validator("published_at", mode="before")
    @classmethod
    def _date_part(cls, value: Any) -> Any:
        # Accept full timestamps ("2022-01-07T10:00:00Z"): the day anchors relative dates.
        # Anything else is refused with the API's one wording (no Unix times).
        if value is None or isinstance(value, date):
            return value
        if not isinstance(value, str):
            raise ValueError(BAD_DATE)
        if len(value) > 10 and value[10] in "T ":
            value = value[:10]
        return parse_day(value)

    @model_validator(mode="after")
    def _needs_content(self) -> ArticleIn:
        if not (self.text or self.html):
            raise ValueError("either 'text' or 'html' is required")
        if self.extracted is not None and not (self.text and self.title):
            raise ValueError("'extracted' needs 'text' (the clean body) and 'title'")
        return self

    def to_raw(self, origin: str) -> RawArticle:
        return RawArticle(
            origin=origin,
            text=self.text,
            html=self.html,
            title=self.title,
            url=self.url,
            published_at=self.published_at,
            language=self.language,
            source=self.source,
            authors=tuple(self.authors),
            external_id=self.external_id,
            standfirst=self.standfirst,
            republished=self.republished,
            other_urls=tuple(self.urls),
            extracted=self.extracted.model_dump() if self.extracted is not None else None,
        )


def describe_validation_error(exc: ValidationError) -> str:
    """'published_at: Input should be a valid date' — field names first, one line."""
    parts = []
    for err in exc.errors()[:3]:
        where = ".".join(str(p) for p in err["loc"])
        message = "unknown field" if err["type"] == "extra_forbidden" else err["msg"]
        message = message.removeprefix("Value error, ")
        parts.append(f"{where}: {message}" if where else message)
    return "; ".join(parts)
