"""API shapes of the events resource."""

from datetime import date

from pydantic import Field

from app.articles.schemas import ArticleRead
from app.common.schemas import ArticleBrief, EntityBrief, EventBrief, ReadModel, Timestamp


class Evidence(ReadModel):
    """The sentence of an article that mentions the event, with its offsets into ``body``."""

    text: str = Field(
        examples=["Des pourparlers entre les États-Unis et la Russie auront lieu le 10 janvier."]
    )
    start: int
    end: int


class EventRead(EventBrief):
    """An event with its place and participants (list items: no timestamps, as no list
    item has them; the detail does)."""

    granularity: str = Field(examples=["day"], description="day, week, month, year…")
    date_start: date | None = Field(description="First day the date covers.")
    date_end: date | None = Field(description="Last day the date covers.")
    reported_in: ArticleBrief | None = Field(
        description="The article that reported it most recently (by publication date)."
    )
    location: EntityBrief | None
    participants: list[EntityBrief]
    notes: list[str] = Field(examples=[["first since 2019"]])
    article_count: int = Field(description="Articles mentioning it.", examples=[1])


class EventArticleBrief(ArticleBrief):
    """An article mentioning the event, with the evidence sentence."""

    evidence: Evidence


class EventDetail(EventRead):
    """An event with the entities named with it and the articles that mention it."""

    created_at: Timestamp
    updated_at: Timestamp
    related: list[EntityBrief] = Field(description="Other entities named with the event.")
    articles: list[EventArticleBrief] = Field(
        description="The most recent articles mentioning it (all: /v1/events/{id}/articles)."
    )


class EventArticleRead(ArticleRead):
    """An article (list form) with the sentence that mentions the event."""

    evidence: Evidence
