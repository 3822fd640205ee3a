"""API shapes of the quotes resource."""

from datetime import date
from typing import Literal

from pydantic import Field

from app.common.schemas import ArticleBrief, EntityBrief, ReadModel


class QuoteItem(ReadModel):
    """Who said what, where (offsets into the article ``body``)."""

    id: int = Field(examples=[1])
    text: str = Field(examples=["Le risque de conflit est réel."])
    kind: str = Field(examples=["direct"], description="`direct` or `indirect`.")
    speaker: EntityBrief | None
    speaker_text: str | None = Field(examples=["Stoltenberg"])
    speaker_role: str | None = Field(
        default=None,
        examples=["secrétaire général de l'OTAN"],
        description="The role the article gives the speaker; `speaker` is always a person.",
    )
    start: int = Field(description="Offset of the first character in the article `body`.")
    end: int = Field(description="Offset after the last character in the article `body`.")
    field: Literal["title", "standfirst", "body"] = Field(
        default="body",
        description="The article field `start`/`end` point into: `title`, `standfirst` or `body`.",
    )
    published_at: date | None = Field(examples=["2022-01-07"])
    article: ArticleBrief
