"""API shapes of the articles resource."""

from datetime import date
from typing import Any, Literal

from pydantic import Field
from pydantic.json_schema import SkipJsonSchema

from app.common.schemas import EntityBrief, EventBrief, ReadModel, Timestamp

TextField = Literal["title", "standfirst", "body"]
_FIELD: Any = Field(
    default="body",
    examples=["body"],
    description="The article field `start`/`end` point into: `title`, `standfirst` or `body`.",
)


class MentionRead(ReadModel):
    text: str = Field(examples=["OTAN"])
    start: int = Field(description="Offset of the first character in `field` (`body`).")
    end: int = Field(description="Offset after the last character in `field` (`body`).")
    field: TextField = _FIELD
    entity: EntityBrief


class DateRead(ReadModel):
    text: str = Field(examples=["le 10 janvier"])
    start: int
    end: int
    value: str = Field(examples=["2022-01-10"], description="TIMEX3-style resolved value.")
    granularity: str = Field(examples=["day"])
    field: TextField = _FIELD


class QuoteRead(ReadModel):
    id: int
    text: str = Field(examples=["Le risque de conflit est réel."])
    start: int
    end: int
    kind: str = Field(examples=["direct"], description="`direct` or `indirect`.")
    speaker: EntityBrief | None
    speaker_text: str | None = Field(examples=["Stoltenberg"])
    field: TextField = _FIELD
    speaker_role: str | None = Field(
        default=None,
        examples=["secrétaire général de l'OTAN"],
        description="The role the article gives the speaker; `speaker` is always a person.",
    )


class DuplicateRead(ReadModel):
    id: int
    title: str
    similarity: float = Field(description="Share of similar shingles, 0 to 1.")


class _ArticleFields(ReadModel):
    id: int = Field(examples=[1])
    url: str | None = Field(
        examples=["https://example.org/otan-risque-conflit"],
        description="The article's URL (the first of `urls`); null when it came without one.",
    )
    title: str = Field(examples=["« Le risque de conflit est réel » – chef de l'OTAN"])
    standfirst: str | None
    language: str = Field(examples=["fr"], description="ISO 639-1 code, lower case.")
    published_at: date | None = Field(examples=["2022-01-07"])
    source: str | None = Field(examples=["rt.com"])
    authors: list[str]
    republished: bool
    content_hash: str
    word_count: int


def _no_default(schema: dict[str, Any]) -> None:
    schema.pop("default", None)  # left out, so no default value to show


def _only_when(description: str) -> Any:
    """A list item's field that is left out (not null) unless the request asks for it."""
    return Field(default=None, description=description, json_schema_extra=_no_default)


class ArticleRead(_ArticleFields):
    """An article without its body and extracted data (list items).

    List items carry no `created_at`/`updated_at` (no list item does; the detail has them),
    and `body`/`snippet` only when asked for: the keys are left out, never null.
    """

    body: str | SkipJsonSchema[None] = _only_when("Only with `include=body`.")
    snippet: str | SkipJsonSchema[None] = _only_when(
        "Only with `q`: the best matching passage, matches in `<mark>`."
    )


class ArticleDetail(_ArticleFields):
    """An article with its body and everything extracted from it."""

    created_at: Timestamp
    updated_at: Timestamp
    body: str
    urls: list[str] = Field(
        description="Every URL the article was seen under, its own `url` first (empty when "
        "it has none)."
    )
    mentions: list[MentionRead]
    quotes: list[QuoteRead]
    dates: list[DateRead]
    events: list[EventBrief]
    duplicates: list[DuplicateRead]
