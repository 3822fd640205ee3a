"""Near-duplicates: link an article to stored texts that tell the same story lightly edited.

Candidates come from the SimHash bands' expression indexes (any band equal: every hash
within distance 3, store-wide) and from the most recent articles' hashes, kept per
process (republications are close in time); word-shingle Jaccard decides.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import BigInteger, bindparam, delete, func, or_, select
from sqlmodel import Session

from app.articles.models import SIMHASH_BAND_SHIFTS, Article, ArticleDuplicate, simhash_band
from app.pipeline.ingest import simhash as sh
from app.pipeline.store.sql import insert_or_ignore

# Near-duplicates: a store-wide exact search for distance <= 3 (bands), plus a scan of
# the most recent articles for the looser threshold (republications are close in time).
NEAR_DUPLICATE_DISTANCE = 10
NEAR_DUPLICATE_MIN_JACCARD = 0.5
RECENT_WINDOW = 2000

# Statements run for every article, built once: SQLAlchemy would otherwise build and
# key their expressions again each time.
_UNLINK_DUPLICATES = delete(ArticleDuplicate).where(
    (ArticleDuplicate.article_id == bindparam("article_id"))
    | (ArticleDuplicate.duplicate_id == bindparam("article_id"))
)
# Any band equal: catches every hash within distance 3, anywhere in the store, along
# the bands' expression indexes.
_SAME_BAND = (
    select(Article.id, Article.simhash)
    .where(
        Article.id != bindparam("article_id"),
        # (no ``simhash IS NOT NULL``: a NULL hash has no band, and the planner took
        # that condition's index over the bands')
        or_(
            *(
                simhash_band(Article.simhash, shift) == bindparam(f"band{shift}", type_=BigInteger)
                for shift in SIMHASH_BAND_SHIFTS
            )
        ),
    )
    .limit(200)
)
_NEWEST_ID = select(func.max(Article.id))
_SIMHASH_OF = select(Article.simhash).where(Article.id == bindparam("article_id"))
_SIMHASHES_AFTER = (
    select(Article.id, Article.simhash)
    .where(Article.id > bindparam("after"), Article.simhash.is_not(None))
    .order_by(Article.id.desc())
    .limit(RECENT_WINDOW)
)


def link_near_duplicates(session: Session, article_id: int, body: str, value: int | None) -> int:
    """Link this article to stored near-duplicates (same story lightly edited)."""
    session.execute(_UNLINK_DUPLICATES, {"article_id": article_id})
    if value is None or len(body.split()) < sh.MIN_WORDS:
        return 0
    linked = 0
    for other_id in _near_candidates(session, article_id, value):
        other_body = session.scalars(select(Article.body).where(Article.id == other_id)).first()
        if other_body is None:  # a cached id whose row was rolled back or deleted
            continue
        similarity = sh.jaccard(body, other_body)
        if similarity < NEAR_DUPLICATE_MIN_JACCARD:
            continue
        low, high = sorted((article_id, other_id))
        session.execute(
            insert_or_ignore(session, ArticleDuplicate)
            .values(article_id=low, duplicate_id=high, similarity=round(similarity, 3))
            .on_conflict_do_nothing()
        )
        linked += 1
    return linked


def _near_candidates(session: Session, article_id: int, value: int) -> list[int]:
    """Ids whose SimHash is within NEAR_DUPLICATE_DISTANCE of ``value``, closest first."""
    bands = {f"band{s}": b for s, b in zip(SIMHASH_BAND_SHIFTS, sh.bands(value), strict=True)}
    rows = dict(session.execute(_SAME_BAND, {"article_id": article_id, **bands}).tuples().all())
    rows.update(_recent_hashes(session).hashes)
    rows.pop(article_id, None)
    unsigned = sh.to_unsigned(value)
    near = sorted(
        (distance, other_id)
        for other_id, other in rows.items()
        if (distance := (unsigned ^ sh.to_unsigned(other)).bit_count()) <= NEAR_DUPLICATE_DISTANCE
    )
    return [other_id for _, other_id in near[:20]]


@dataclass
class _RecentHashes:
    """The SimHashes of the latest articles, kept per process and read incrementally."""

    last_id: int = 0
    hashes: dict[int, int] = field(default_factory=dict)


_RECENT: dict[str, _RecentHashes] = {}


def _recent_hashes(session: Session) -> _RecentHashes:
    # Reading only the rows added since the last article keeps this O(new rows). A store
    # whose newest cached row went away or changed (rollback, delete, SQLite reusing the
    # ids of rolled-back rows) is read again from scratch.
    key = repr(session.get_bind().engine.url)
    newest = session.scalar(_NEWEST_ID) or 0
    cache = _RECENT.get(key)
    if (
        cache is not None
        and cache.last_id
        and (
            newest < cache.last_id
            or session.scalar(_SIMHASH_OF, {"article_id": cache.last_id})
            != cache.hashes.get(cache.last_id)
        )
    ):
        cache = None
    if cache is None:
        cache = _RECENT[key] = _RecentHashes()
    if newest > cache.last_id:
        rows = session.execute(_SIMHASHES_AFTER, {"after": cache.last_id}).tuples()
        for article_id, value in sorted(rows):
            cache.hashes[article_id] = value
        cache.last_id = newest
        while len(cache.hashes) > RECENT_WINDOW:
            del cache.hashes[next(iter(cache.hashes))]
    return cache
