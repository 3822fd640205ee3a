"""API shapes of the change feed."""

from typing import Literal

from pydantic import BaseModel, Field

from app.common.schemas import Timestamp


class ChangeRead(BaseModel):
    """One create, update or delete."""

    id: int = Field(examples=[42], description="Position in the feed (commit order).")
    resource: Literal["article", "entity", "event", "quote"] = Field(examples=["article"])
    resource_id: int = Field(examples=[7])
    kind: Literal["created", "updated", "deleted"] = Field(examples=["created"])
    changed_at: Timestamp = Field(description="When the change was committed (UTC).")
    url: str | None = Field(
        examples=["http://127.0.0.1:8000/v1/articles/7"],
        description="The resource now (null for a deletion).",
    )


class ChangePage(BaseModel):
    """Changes in commit order; pass ``next_cursor`` as ``since`` to go on."""

    data: list[ChangeRead]
    next_cursor: str = Field(
        examples=["42"],
        description="Pass as `since` for the changes after these (never null: on an "
        "empty page it is the `since` given, so the next call waits for new changes).",
    )
