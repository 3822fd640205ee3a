"""A small store shaped like the reference article, built through the real loader."""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlmodel import Session

from app.entities.types import EntityRef, MentionResult
from app.pipeline.types import DateResult, EventResult, Extraction, QuoteResult
from tests.factories import make_article

NATO = EntityRef(
    "wikidata:Q7184", "NATO", "ORG", ids={"wikidata": "Q7184"}, aliases=("OTAN", "l'OTAN")
)
STOLTENBERG = EntityRef("wikidata:Q57287", "Jens Stoltenberg", "PERSON", ids={"wikidata": "Q57287"})
RUSSIA = EntityRef("iso3166:RU", "Russia", "LOC", ids={"iso3166": "RU"}, aliases=("Russie",))
GENEVA = EntityRef(
    "geonames:2660646", "Geneva", "LOC", ids={"geonames": "2660646"}, aliases=("Genève",)
)
USA = EntityRef(
    "iso3166:US", "United States", "LOC", ids={"iso3166": "US"}, aliases=("États-Unis",)
)

BODY_1 = (
    "L'OTAN est ouverte à l'écoute des préoccupations de Moscou, a déclaré vendredi "
    "Jens Stoltenberg. « Le risque de conflit est réel », a insisté Stoltenberg. "
    "Des pourparlers entre les États-Unis et la Russie auront lieu le 10 janvier à Genève."
)
BODY_2 = (
    "Les négociations de Genève entre les États-Unis et la Russie commencent le 10 janvier. "
    "Une réunion du Conseil OTAN-Russie devrait avoir lieu le 12 janvier."
)


def _span(body: str, text: str, nth: int = 0) -> tuple[int, int]:
    start = -1
    for _ in range(nth + 1):
        start = body.index(text, start + 1)
    return start, start + len(text)


def mention(body: str, text: str, entity: EntityRef, nth: int = 0) -> MentionResult:
    start, end = _span(body, text, nth)
    return MentionResult(text, start, end, entity)


def day(body: str, text: str, value: str) -> DateResult:
    start, end = _span(body, text)
    return DateResult(text, start, end, value, "day")


def talks(body: str, *, sentence: str) -> EventResult:
    start, end = _span(body, sentence)
    return EventResult(
        type="talks",
        title="Pourparlers américano-russes à Genève",
        date="2022-01-10",
        granularity="day",
        status="scheduled",
        location=GENEVA,
        participants=(USA, RUSSIA),
        related=(),
        notes=(),
        evidence=sentence,
        start=start,
        end=end,
        trigger="pourparlers",
    )


def build_store(session: Session) -> dict[str, Any]:
    """Two articles about the Geneva talks (one event), a quote, dates; returns the ids."""
    s1 = "Des pourparlers entre les États-Unis et la Russie auront lieu le 10 janvier à Genève."
    quote_text = "Le risque de conflit est réel"
    q_start, q_end = _span(BODY_1, quote_text)
    sp_start, sp_end = _span(BODY_1, "Stoltenberg", 1)
    first = make_article(
        session,
        title="« Le risque de conflit est réel » – chef de l'OTAN",
        standfirst="Stoltenberg déclare que l'OTAN est prête à négocier avec la Russie.",
        body=BODY_1,
        published_at=date(2022, 1, 7),
        source="rt.com",
        url="https://example.org/otan-risque-conflit",
        authors=("RT France",),
        extraction=Extraction(
            mentions=[
                mention(BODY_1, "OTAN", NATO),
                mention(BODY_1, "Jens Stoltenberg", STOLTENBERG),
                mention(BODY_1, "Stoltenberg", STOLTENBERG, 1),
                mention(BODY_1, "États-Unis", USA),
                mention(BODY_1, "Russie", RUSSIA),
                mention(BODY_1, "Genève", GENEVA),
            ],
            dates=[
                day(BODY_1, "vendredi", "2022-01-07"),
                day(BODY_1, "le 10 janvier", "2022-01-10"),
            ],
            quotes=[
                QuoteResult(
                    quote_text,
                    q_start,
                    q_end,
                    "direct",
                    STOLTENBERG,
                    "Stoltenberg",
                    sp_start,
                    sp_end,
                    "chef de l'OTAN",
                )
            ],
            events=[talks(BODY_1, sentence=s1)],
        ),
    )
    s2 = "Les négociations de Genève entre les États-Unis et la Russie commencent le 10 janvier."
    second = make_article(
        session,
        title="Négociations à Genève",
        body=BODY_2,
        published_at=date(2022, 1, 8),
        source="example.org",
        extraction=Extraction(
            mentions=[
                mention(BODY_2, "Genève", GENEVA),
                mention(BODY_2, "États-Unis", USA),
                mention(BODY_2, "Russie", RUSSIA),
                mention(BODY_2, "OTAN", NATO),
            ],
            dates=[
                day(BODY_2, "le 10 janvier", "2022-01-10"),
                day(BODY_2, "le 12 janvier", "2022-01-12"),
            ],
            events=[talks(BODY_2, sentence=s2)],
        ),
    )
    unrelated = make_article(
        session, title="Météo", body="Il pleuvra demain.", published_at=date(2022, 1, 9)
    )
    return {"first": first, "second": second, "unrelated": unrelated}


def entity_id(session: Session, ref: EntityRef) -> int:
    from sqlalchemy import select

    from app.entities.models import Entity

    return int(session.scalars(select(Entity.id).where(Entity.key == ref.key)).one())


def event_id(session: Session) -> int:
    from sqlalchemy import select

    from app.events.models import Event

    return int(session.scalars(select(Event.id)).one())
