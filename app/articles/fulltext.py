"""Full-text lists sorted by date: the plan is chosen from the size of the word's matches.

A rare word's matches are read and sorted; a frequent word is paged along the date
index. Snippets are computed for a page's rows only.
"""

from __future__ import annotations

import math
import threading
import time
from collections import OrderedDict
from collections.abc import Callable
from functools import lru_cache
from typing import Any

from sqlalchemy import (
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


# A word's plan follows from a statistic of the store (how many articles it matches),
# read by a statement that costs a rare word more than its page on PostgreSQL (the walk
# of the newest articles reads each one's vector). It changes slowly: each word's plan
# is kept a few minutes (a bounded number of words), as a planner keeps its statistics.
# A stale plan costs time, never a wrong answer (every plan reads the same page).
PLAN_SECONDS = 300.0
PLAN_WORDS = 4096


class _Plans:
    """The plans of the words asked recently: (store, query) → (when, plan)."""

    def __init__(self) -> None:
        self._plans: OrderedDict[tuple[Any, ...], tuple[float, str]] = OrderedDict()
        self._lock = threading.Lock()

    def plan(self, key: tuple[Any, ...], choose: Callable[[], str]) -> str:
        now = time.monotonic()
        with self._lock:
            kept = self._plans.get(key)
            if kept is not None and now - kept[0] < PLAN_SECONDS:
                self._plans.move_to_end(key)
                return kept[1]
        chosen = choose()
        with self._lock:
            self._plans[key] = (now, chosen)
            self._plans.move_to_end(key)
            while len(self._plans) > PLAN_WORDS:
                self._plans.popitem(last=False)
        return chosen


_PLANS = _Plans()


def word_plan(session: Session, shape: tuple[bool, ...], params: dict[str, Any]) -> str:
    """How a word's articles are read by date on the session's store (``sqlite_plan``,
    ``postgres_plan``), kept a few minutes per store and query."""
    bind = session.get_bind()
    if bind.dialect.name == "sqlite":
        word = (str(bind.engine.url), params["fts_query"])
        return _PLANS.plan(word, lambda: sqlite_plan(session, params))
    terms = tuple(params[f"term_{i}"] for i in range(len(shape)))
    return _PLANS.plan(
        (str(bind.engine.url), shape, terms), lambda: postgres_plan(session, shape, params)
    )


def sqlite_plan(session: Session, params: dict[str, Any]) -> str:
    """How SQLite reads a word's articles by date: ``sorted`` (its matches read and
    sorted), ``walk`` (the date index walked, each article looked up in the matches) or
    ``probe`` (the date index walked, FTS5 probed per article).

    Joined to the FTS table, SQLite reads every match, then sorts (or worse, evaluates
    the MATCH once per article). As ``id IN (matches)`` it can instead walk the date
    index newest first and stop after a page; that wins when the matches are many.
    The matches are counted up to the threshold; past it, a second statement counts
    those among the newest ids and reads the newest id (each read along FTS5's posting
    list and stopped early; a rare word, the most common, pays for one).
    """
    sizes = {"fts_query": params["fts_query"]}
    execute = session.connection().execute
    if execute(_SQLITE_COUNT, sizes).scalar_one() <= SQLITE_DATE_WALK_MATCHES:
        return "sorted"
    in_recent, articles = execute(_SQLITE_RECENT, sizes).one()
    estimate = in_recent * articles / min(articles, SQLITE_RECENT_IDS)
    if estimate > SQLITE_PROBE_FACTOR * math.sqrt(articles):
        return "probe"
    return "walk"


def sqlite_by_date(stmt: Any, plan: str) -> Any:
    """``stmt`` limited to the word's articles (``:fts_query``), for ``plan``
    (``sqlite_plan``, or ``entity``: read along an entity's index, matches looked up).

    With ``sorted``, the page is best chosen from (date, id) alone: carrying each
    match's columns and source through the sort cost more than the sort.
    """
    matches = select(search.SQLITE_FTS.c.rowid).where(search.sqlite_condition(search.FTS_QUERY))
    if plan in ("sorted", "entity"):
        return stmt.where(Article.id.in_(matches))
    if plan == "probe":
        fts = search.SQLITE_FTS
        probe = select(fts.c.rowid).where(
            search.sqlite_condition(search.FTS_QUERY), fts.c.rowid == Article.id
        )
        return stmt.where(exists(probe))
    # Unary + keeps SQLite from driving the query from the id list: it walks the date
    # index and probes the (materialised) matches instead.
    return stmt.where(literal_column("+article.id").in_(matches))


# Built once, the MATCH string bound at execution (building and keying the statement on
# every request cost more than running it): the matches up to the threshold, the
# matches among the newest ids and the newest id, each read along FTS5's posting list
# and stopped early.
_SQLITE_MATCHES = select(search.SQLITE_FTS.c.rowid).where(search.sqlite_condition(search.FTS_QUERY))
_NEWEST_ID = select(func.max(Article.id)).scalar_subquery()
_SQLITE_COUNT = select(func.count()).select_from(
    _SQLITE_MATCHES.limit(SQLITE_DATE_WALK_MATCHES + 1).subquery()
)
_SQLITE_RECENT = select(
    select(func.count())
    .select_from(
        _SQLITE_MATCHES.where(search.SQLITE_FTS.c.rowid > _NEWEST_ID - SQLITE_RECENT_IDS).subquery()
    )
    .scalar_subquery(),
    _NEWEST_ID,
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


@lru_cache(maxsize=64)
def _pg_sample(shape: tuple[bool, ...]) -> Any:
    newest = search.postgres_condition(shape, _NEWEST.c.language)
    # Stops at the PG_SAMPLE_MATCHES-th match: a frequent word costs a few rows.
    found = select(_NEWEST.c.id).where(newest).limit(PG_SAMPLE_MATCHES).subquery()
    return select(func.count()).select_from(found)


def postgres_plan(session: Session, shape: tuple[bool, ...], params: dict[str, Any]) -> str:
    """How PostgreSQL reads a word's articles by date: ``walk`` (the date index, each
    article's vector checked) when the word is in many of the newest articles, else
    ``sorted`` (its matches from the GIN index, sorted)."""
    found = session.connection().execute(_pg_sample(shape), params).scalar_one()
    return "walk" if found >= PG_SAMPLE_MATCHES else "sorted"


def postgres_by_date(stmt: Any, match: search.TextMatch, plan: str) -> tuple[Any, Any, Any]:
    """PostgreSQL full text sorted by date (``postgres_plan``): the statement and its
    (date, id) columns.

    A word in many of the newest articles is found within a short walk of the date
    index. A rarer one is read from its matches (the GIN index), which are then sorted:
    a ``MATERIALIZED`` CTE, and the page ordered by its columns, so the planner cannot
    turn it back into a walk of every article.
    """
    if plan == "walk":
        return stmt.where(match.condition), Article.published_at, Article.id
    matches = (
        select(Article.id, Article.published_at)
        .where(match.condition)
        .cte("matches")
        .prefix_with("MATERIALIZED")
    )
    stmt = stmt.join(matches, matches.c.id == Article.id)
    return stmt, matches.c.published_at, matches.c.id


def snippets(
    session: Session,
    match: search.TextMatch,
    params: dict[str, Any],
    ids: list[int],
    *,
    few: bool = False,
) -> dict[int, str]:
    """The highlighted snippet of each article of a page (one statement); ``few``: the
    word's matches are few (``sorted`` plan)."""
    if not ids:
        return {}
    stmt = match.snippets_of_few if few else match.snippets
    rows = session.connection().execute(stmt, {**params, "snippet_ids": ids})
    return dict(rows.all())  # type: ignore[arg-type]
