"""Ids a client addresses (articles, entities, events, quotes) are never handed out twice."""

from datetime import UTC, datetime
from typing import Any

import pytest
from sqlalchemy import delete, func, select
from sqlmodel import Session

from app.articles.models import Article
from app.entities.models import Entity
from app.events.models import Event
from app.quotes.models import Quote
from tests.factories import make_article


def _row(model: Any, n: int, article_id: int) -> Any:
    now = datetime.now(UTC)
    if model is Entity:
        return Entity(key=f"test:ids:{n}", name=f"Ids {n}", type="ORG")
    if model is Event:
        return Event(
            key=f"test:ids:{n}", title=f"Ids {n}", type="other", date="2022-01-10",
            granularity="day", reported_as="announced", created_at=now, updated_at=now,
        )  # fmt: skip
    return Quote(article_id=article_id, text=f"Ids {n}", start=0, end=3, kind="direct")


@pytest.mark.parametrize("model", [Entity, Event, Quote])
def test_the_id_of_the_newest_deleted_row_is_not_reused(session: Session, model: Any) -> None:
    article_id = make_article(session)
    newest = _row(model, 1, article_id)
    session.add(newest)
    session.flush()
    session.execute(delete(model).where(model.id == newest.id))
    again = _row(model, 2, article_id)
    session.add(again)
    session.flush()
    assert again.id > newest.id
    assert session.scalar(select(func.max(model.id))) == again.id


def test_the_id_of_the_newest_deleted_article_is_not_reused(session: Session) -> None:
    from app.pipeline.store import load

    newest = make_article(session)
    assert load.delete_article(session, newest)
    session.flush()
    assert make_article(session) > newest
    assert session.get(Article, newest) is None
