"""Query plans of an entity's lists, on both stores."""

from __future__ import annotations

import re
from datetime import date

import pytest
from sqlmodel import Session

from app.common.pagination import PageParams
from app.entities import service as entities
from app.entities.types import EntityRef, MentionResult
from app.pipeline.types import Extraction
from tests.api_data import entity_id
from tests.factories import make_article
from tests.query_plans import page_plans

OTAN = EntityRef("wikidata:Q7184", "NATO", "ORG")
GENEVA = EntityRef("geonames:2660646", "Geneva", "LOC")
RUSSIA = EntityRef("iso3166:RU", "Russia", "LOC")
BODY = "L'OTAN et la Russie à Genève."


@pytest.fixture
def otan(session: Session) -> int:
    """NATO in eight articles (two undated), with Geneva in all and Russia in three."""
    for n in range(8):
        mentions = [MentionResult("OTAN", 2, 6, OTAN), MentionResult("Genève", 22, 28, GENEVA)]
        if n % 3 == 0:
            mentions.append(MentionResult("Russie", 13, 19, RUSSIA))
        published = date(2022, 1, n + 1) if n not in (2, 5) else None
        make_article(
            session, Extraction(mentions=mentions), body=BODY + f" {n}", published_at=published
        )
    return entity_id(session, OTAN)


def _sorts(plan: str) -> int:
    if "TEMP B-TREE" in plan:  # SQLite
        return plan.count("TEMP B-TREE FOR ORDER BY")
    return sum(1 for line in plan.splitlines() if re.search(r"(^|->\s+)Sort\s+\(", line.strip()))


def test_related_entities_count_dated_and_undated_articles(session: Session, otan: int) -> None:
    page = PageParams(limit=10, cursor=None)
    items, _ = entities.list_related_entities(session=session, entity_id=otan, page=page)
    assert [(item["name"], item["shared_articles"]) for item in items] == [
        ("Geneva", 8),
        ("Russia", 3),
    ]


def test_related_window_is_read_along_the_entity_date_index(session: Session, otan: int) -> None:
    """The entity's most recent articles come from ``ix_article_entity_entity_published``
    in its order (no sort of all the entity's articles); the one sort is of the counts."""
    page = PageParams(limit=1, cursor=None)
    (plan,) = page_plans(
        session, lambda: entities.list_related_entities(session=session, entity_id=otan, page=page)
    )
    assert "ix_article_entity_entity_published" in plan, plan
    assert _sorts(plan) == 1, plan
