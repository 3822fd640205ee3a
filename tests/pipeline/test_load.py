"""Loading: idempotent upserts, updates in one go, near-duplicates linked, deletes complete."""

from __future__ import annotations

from sqlalchemy import func, select
from sqlmodel import Session

from app.articles.models import (
    SIMHASH_BAND_SHIFTS,
    Article,
    ArticleDuplicate,
    ArticleUrl,
    DateMention,
)
from app.entities.models import ArticleEntity, Entity, Mention
from app.entities.types import EntityRef, MentionResult
from app.events.models import Event, EventArticle
from app.pipeline.store import duplicates, load
from app.pipeline.types import DateResult, EventResult, Extraction, QuoteResult
from app.quotes.models import Quote
from tests.factories import clean_article
from tests.query_plans import statement_plans

NATO = EntityRef("wikidata:Q7184", "NATO", "ORG", {"wikidata": "Q7184"}, ("OTAN",))
GENEVA = EntityRef("wikidata:Q71", "Genève", "LOC", {"wikidata": "Q71"})
STOLTENBERG = EntityRef("name:PERSON:jens stoltenberg", "Jens Stoltenberg", "PERSON")
BODY = "L'OTAN se réunit à Genève le 10 janvier. « Le risque est réel », dit Jens Stoltenberg."


def span(text: str, body: str = BODY) -> tuple[str, int, int]:
    start = body.index(text)
    return text, start, start + len(text)


def extraction(body: str = BODY) -> Extraction:
    return Extraction(
        mentions=[
            MentionResult(*span("OTAN", body), NATO),
            MentionResult(*span("Genève", body), GENEVA),
            MentionResult(*span("Jens Stoltenberg", body), STOLTENBERG),
        ],
        dates=[DateResult(*span("le 10 janvier", body), "2022-01-10", "day")],
        quotes=[
            QuoteResult(
                *span("Le risque est réel", body),
                kind="direct",
                speaker=STOLTENBERG,
                speaker_text="Jens Stoltenberg",
                speaker_role="secrétaire général de l'OTAN",
            )
        ],
        events=[
            EventResult(
                type="meeting",
                title="Réunion de l'OTAN à Genève",
                date="2022-01-10",
                granularity="day",
                status="scheduled",
                location=GENEVA,
                participants=(NATO,),
                related=(),
                notes=(),
                evidence=body[: body.index(".") + 1],
                start=0,
                end=body.index(".") + 1,
                trigger="réunit",
            )
        ],
    )


def count(session: Session, table: type, **where: object) -> int:
    stmt = select(func.count()).select_from(table)
    for name, value in where.items():
        stmt = stmt.where(getattr(table, name) == value)
    return int(session.scalar(stmt) or 0)


def test_same_content_twice_is_unchanged(session: Session) -> None:
    article = clean_article(body=BODY)
    first = load.store_article(session, article, extraction())
    second = load.store_article(session, article, extraction())
    assert (first.outcome, second.outcome, first.id) == ("imported", "unchanged", second.id)
    assert load.is_unchanged(session, article)
    assert count(session, Mention, article_id=first.id) == 3
    assert count(session, DateMention, article_id=first.id) == 1


def test_same_text_under_two_urls_is_one_article(session: Session) -> None:
    first = load.store_article(
        session, clean_article(body=BODY, url="https://a.example/1"), Extraction()
    )
    second = load.store_article(
        session, clean_article(body=BODY, url="https://b.example/2"), Extraction()
    )
    assert (second.id, second.outcome) == (first.id, "updated")
    urls = set(session.scalars(select(ArticleUrl.url).where(ArticleUrl.article_id == first.id)))
    assert urls == {"https://a.example/1", "https://b.example/2"}


def test_new_content_at_the_same_url_replaces_the_extracted_data(session: Session) -> None:
    url = "https://a.example/otan"
    first = load.store_article(session, clean_article(body=BODY, url=url), extraction())
    edited = BODY.replace("Genève", "Bruxelles")
    only_nato = Extraction(mentions=[MentionResult(*span("OTAN", edited), NATO)])
    second = load.store_article(session, clean_article(body=edited, url=url), only_nato)
    assert (second.id, second.outcome) == (first.id, "updated")
    assert session.get(Article, first.id).body == edited
    assert [
        m.text for m in session.scalars(select(Mention).where(Mention.article_id == first.id))
    ] == ["OTAN"]
    assert count(session, Quote, article_id=first.id) == 0
    assert count(session, DateMention, article_id=first.id) == 0
    assert count(session, EventArticle, article_id=first.id) == 0
    assert count(session, Event) == 0  # the event lost its only article
    geneva = session.scalars(select(Entity).where(Entity.key == GENEVA.key)).one()
    assert (geneva.article_count, geneva.mention_count) == (0, 0)


def test_same_external_id_and_source_is_the_same_article(session: Session) -> None:
    first = load.store_article(
        session, clean_article(url=None, external_id="g-1", source="feed.example"), Extraction()
    )
    second = load.store_article(
        session,
        clean_article(url=None, external_id="g-1", source="feed.example", body=BODY),
        Extraction(),
    )
    assert (second.id, second.outcome) == (first.id, "updated")


def test_delete_removes_dependent_rows_and_keeps_entities(session: Session) -> None:
    load.store_article(
        session, clean_article(body=BODY + " Encore."), extraction(BODY + " Encore.")
    )
    gone = load.store_article(session, clean_article(body=BODY), extraction())
    assert load.delete_article(session, gone.id)
    for table in (Mention, ArticleEntity, Quote, DateMention, EventArticle, ArticleUrl):
        assert count(session, table, article_id=gone.id) == 0, table
    assert session.get(Article, gone.id) is None
    nato = session.scalars(select(Entity).where(Entity.key == NATO.key)).one()
    assert (nato.article_count, nato.mention_count) == (1, 1)
    assert count(session, Event) == 1  # still mentioned by the other article
    assert not load.delete_article(session, gone.id)


def test_simhash_is_stored_signed(session: Session) -> None:
    stored = load.store_article(session, clean_article(body=BODY), Extraction())
    value = session.get(Article, stored.id).simhash
    assert value is not None and -(2**63) <= value < 2**63


STORY = (
    "Le conseil municipal de Lyon a voté lundi soir un budget de 1,2 milliard d'euros pour "
    "l'année prochaine, après plus de six heures de débats. La majorité a adopté le budget "
    "primitif par 42 voix contre 21. L'opposition a dénoncé une hausse non maîtrisée des "
    "dépenses de fonctionnement, tandis que l'adjoint aux finances a assuré que la dette "
    "resterait sous contrôle. La municipalité entend partager les coûts du nouveau tramway "
    "avec la métropole, qui doit se prononcer en février. Les associations de quartier ont "
    "apporté leur soutien au projet, tout en réclamant davantage de concertation."
)


def test_a_lightly_edited_story_is_linked_not_duplicated(session: Session) -> None:
    first = load.store_article(session, clean_article(body=STORY), Extraction())
    edited = STORY.replace("lundi soir", "lundi").replace("six heures", "sept heures")
    second = load.store_article(session, clean_article(body=edited), Extraction())
    other = load.store_article(
        session, clean_article(body=(STORY[::-1] + " autre histoire")), Extraction()
    )
    assert len({first.id, second.id, other.id}) == 3
    links = session.execute(select(ArticleDuplicate)).scalars().all()
    assert [(d.article_id, d.duplicate_id) for d in links] == [(first.id, second.id)]
    assert 0.8 < links[0].similarity < 1


def test_unrelated_stories_are_not_linked(session: Session) -> None:
    from tests.pipeline.test_clean import ARTICLES

    for path in ARTICLES:
        body = "\n\n".join(path.read_text().split("\n\n")[1:])
        load.store_article(session, clean_article(body=body), Extraction())
    assert count(session, ArticleDuplicate) == 0


def test_near_duplicate_candidates_are_read_along_the_band_indexes(session: Session) -> None:
    """Each imported article asks for the hashes sharing one of its bands: four index
    lookups (migration 0007), not a scan of every article's hash, on both stores."""
    stored = load.store_article(session, clean_article(body=STORY), Extraction())
    connection = session.connection()
    if connection.dialect.name == "postgresql":  # (a table this small is read whole)
        connection.exec_driver_sql("SET LOCAL enable_seqscan = off")
    value = session.get(Article, stored.id).simhash
    assert value is not None
    plans = [
        plan
        for sql, plan in statement_plans(
            session, lambda: duplicates._near_candidates(session, stored.id + 1, value)
        )
        if "65535" in sql
    ]
    assert len(plans) == 1
    for shift in SIMHASH_BAND_SHIFTS:
        assert f"ix_article_simhash_band{shift}" in plans[0], plans[0]
    assert duplicates._near_candidates(session, stored.id + 1, value) == [stored.id]
