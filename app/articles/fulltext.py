"""Full-text lists sorted by date: the plan is chosen from the size of the word's matches.

A rare word's matches are read and sorted; a frequent word is paged along the date
index. Snippets are computed for a page's rows only.
"""

from __future__ import annotations

import math
from typing import Any

from sqlalchemy import (
    String,
    bindparam,
    exists,
    func,
    literal_column,
    select,
)
from sqlmodel import Session

from app.articles import search
from app.articles.models import Article

# SQLite full text sorted by date has three plans; the cheapest depends on how many
# articles match (measured at 100k and 1M articles, see docs/benchmarks.md):
# - up to this many matches, read them and sort them;
SQLITE_DATE_WALK_MATCHES = 2_000
# - more: walk the date index newest first, checking each article against the set of
#   matches (built once: its cost grows with the matches);
# - past ~75·√N matches, walk the date index and probe FTS5 for each article instead: a
#   few probes per page, whatever the store's size, but each dearer than a set lookup
#   (the two cross at ~20k matches of 100k articles and ~90k of 1M).
SQLITE_PROBE_FACTOR = 75
# The share of matches is estimated on the newest ids (a range FTS5 reads directly).
SQLITE_RECENT_IDS = 10_000


def sqlite_search_by_date(
    session: Session, stmt: Any, match: search.TextMatch, *, by_entity: bool
) -> tuple[Any, bool]:
    """SQLite FTS5 sorted by date: the matches as a condition on ``article.id``, and
    whether the page is best chosen from (date, id) alone (when every match is sorted:
    carrying each one's columns and source through the sort cost more than the sort).

    Joined to the FTS table, SQLite reads every match, then sorts (or worse, evaluates
    the MATCH once per article). As ``id IN (matches)`` it can instead walk the date
    index newest first and stop after a page; that wins when the matches are many.
    One statement sizes them: the matches up to the threshold, the matches among the
    newest ids and the newest id, each read along FTS5's posting list and stopped early.
    """
    assert match.join is not None
    fts = match.join[0]
    matches = select(fts.c.rowid).where(match.condition)
    if by_entity:  # (with an entity, the list reads along its index instead)
        return stmt.where(Article.id.in_(matches)), False
    sizes = {"fts_query": match.fts5}
    count, in_recent, articles = session.connection().execute(_SQLITE_SIZES, sizes).one()
    if count <= SQLITE_DATE_WALK_MATCHES:
        return stmt.where(Article.id.in_(matches)), True
    estimate = in_recent * articles / min(articles, SQLITE_RECENT_IDS)
    if estimate > SQLITE_PROBE_FACTOR * math.sqrt(articles):
        probe = select(fts.c.rowid).where(match.condition, fts.c.rowid == Article.id)
        return stmt.where(exists(probe)), False
    # Unary + keeps SQLite from driving the query from the id list: it walks the date
    # index and probes the (materialised) matches instead.
    return stmt.where(literal_column("+article.id").in_(matches)), False


# Built once, the MATCH string bound at execution (building and keying the statement on
# every request cost more than running it): the matches up to the threshold, the
# matches among the newest ids and the newest id, each read along FTS5's posting list
# and stopped early.
_FTS_QUERY = bindparam("fts_query", type_=String)
_SQLITE_MATCHES = select(search.SQLITE_FTS.c.rowid).where(search.sqlite_condition(_FTS_QUERY))
_NEWEST_ID = select(func.max(Article.id)).scalar_subquery()
_SQLITE_SIZES = select(
    select(func.count())
    .select_from(_SQLITE_MATCHES.limit(SQLITE_DATE_WALK_MATCHES + 1).subquery())
    .scalar_subquery(),
    select(func.count())
    .select_from(
        _SQLITE_MATCHES.where(search.SQLITE_FTS.c.rowid > _NEWEST_ID - SQLITE_RECENT_IDS).subquery()
    )
    .scalar_subquery(),
    _NEWEST_ID,
)
_SQLITE_SNIPPETS = select(search.SQLITE_FTS.c.rowid, search.SQLITE_SNIPPET).where(
    search.SQLITE_FTS.c.rowid.in_(bindparam("snippet_ids", expanding=True)),
    search.sqlite_condition(_FTS_QUERY),
)


# PostgreSQL: how many of the newest articles a word must match for the page to be
# read along the date index (checking each article's vector) rather than from the
# word's matches, sorted. The planner cannot tell: for a word missing from its
# statistics it assumes 0.5 % of the rows, and walked 43k articles for a word in 58
# (100k store, 128 ms); sorting a frequent word's matches reads all of them. At 3 in
# 1,000 (0.3 %) either plan costs at most ~10 ms at 1M articles: a walk of ~7k articles,
# or a sort of ~3k matches (a word in 1 % took 107 ms to sort there).
PG_SAMPLE_ARTICLES = 1_000
PG_SAMPLE_MATCHES = 3
# The newest articles' vectors, as a subquery named like the table so that the
# search condition (which names ``article.article_fts_vector``) reads them: checked row
# by row, never a scan of every article's vector (which the planner picked otherwise).
_NEWEST = (
    select(
        Article.id,
        Article.language,
        literal_column("article.article_fts_vector").label("article_fts_vector"),
    )
    .where(Article.published_at.is_not(None))
    .order_by(Article.published_at.desc(), Article.id.desc())  # type: ignore[union-attr]
    .limit(PG_SAMPLE_ARTICLES)
    .subquery("article")
)


def postgres_search_by_date(
    session: Session, stmt: Any, query: search.SearchQuery, match: search.TextMatch
) -> tuple[Any, Any, Any]:
    """PostgreSQL full text sorted by date: the statement and its (date, id) columns.

    A word in many of the newest articles is found within a short walk of the date
    index. A rarer one is read from its matches (the GIN index), which are then sorted:
    a ``MATERIALIZED`` CTE, and the page ordered by its columns, so the planner cannot
    turn it back into a walk of every article.
    """
    newest = search.postgres_condition(query, _NEWEST.c.language)
    # Stops at the PG_SAMPLE_MATCHES-th match: a frequent word costs a few rows.
    found = select(_NEWEST.c.id).where(newest).limit(PG_SAMPLE_MATCHES).subquery()
    sample = select(func.count()).select_from(found)
    if session.connection().execute(sample).scalar_one() >= PG_SAMPLE_MATCHES:
        return stmt.where(match.condition), Article.published_at, Article.id
    matches = (
        select(Article.id, Article.published_at)
        .where(match.condition)
        .cte("matches")
        .prefix_with("MATERIALIZED")
    )
    stmt = stmt.join(matches, matches.c.id == Article.id)
    return stmt, matches.c.published_at, matches.c.id


def snippets(session: Session, match: search.TextMatch, ids: list[int]) -> dict[int, str]:
    """The highlighted snippet of each article of a page (one statement)."""
    if not ids:
        return {}
    if match.join is not None:
        # SQLite: FTS5's snippet() reads the MATCH of its own statement, asked of the FTS
        # table by rowid (one probe per article: joined to ``article``, SQLite read every
        # match of the word instead).
        values = {"snippet_ids": ids, "fts_query": match.fts5}
        return dict(session.connection().execute(_SQLITE_SNIPPETS, values).all())
    else:
        # PostgreSQL's ts_headline needs no condition (which could make the planner read
        # every match).
        stmt = select(Article.id, match.snippet).where(Article.id.in_(ids))
    return {article_id: snippet for article_id, snippet in session.execute(stmt)}
