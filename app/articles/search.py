"""Full-text search over article title, standfirst and body, on both stores.

The user query is parsed here into terms (words, ``"phrases"``, ``prefix*``) and
rendered as a safe FTS5 ``MATCH`` string (SQLite) or a tsquery built from
``phraseto_tsquery``/``to_tsquery`` over sanitised words (PostgreSQL): raw search syntax never reaches the database, so a stray quote or
operator is a 422 or is ignored, never a 500.

SQLite uses the FTS5 table ``article_fts`` (accent-insensitive ``unicode61``
tokenizer); PostgreSQL uses the stored ``article_fts_vector`` column of migration
0002 (built with the article's language: ``french``, ``english``, else ``simple``)
and its GIN index.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from sqlalchemy import (
    Float,
    String,
    and_,
    bindparam,
    cast,
    column,
    func,
    literal_column,
    or_,
    select,
    table,
    text,
)
from sqlalchemy.sql.elements import ColumnElement

from app.articles.models import Article
from app.common.errors import ProblemError

MAX_TERMS = 16
MARK_START, MARK_END = "<mark>", "</mark>"
_TOKEN = re.compile(r'"([^"]*)"?|(\S+)')
_WORD = re.compile(r"[^\W_]+")
# PostgreSQL: text search configuration per article language (as in migration 0002).
PG_CONFIGS = {"fr": "french", "en": "english"}
SQLITE_FTS = table("article_fts", column("rowid"))
SQLITE_SNIPPET: Any = func.snippet(literal_column("article_fts"), -1, MARK_START, MARK_END, "…", 24)
# PostgreSQL: the stored vector, named by table (a subquery aliased ``article`` stands in).
_PG_VECTOR: Any = literal_column("article.article_fts_vector")


@dataclass(frozen=True)
class Term:
    """Words that must appear in this order (one word: anywhere); ``prefix``: last is a prefix.

    ``text`` is the term as typed (for PostgreSQL's ``phraseto_tsquery``, which parses
    hyphenated compounds like its index does and has no syntax to break).
    """

    words: tuple[str, ...]
    prefix: bool = False
    text: str = ""


@dataclass(frozen=True)
class SearchQuery:
    terms: tuple[Term, ...]

    @property
    def shape(self) -> tuple[bool, ...]:
        """What the statements depend on (each term a prefix or not); the words are bound."""
        return tuple(t.prefix for t in self.terms)

    def fts5(self) -> str:
        """The SQLite FTS5 MATCH string: quoted strings, implicit AND."""
        return " ".join(
            '"' + " ".join(t.words) + '"' + (" *" if t.prefix else "") for t in self.terms
        )

    def params(self, dialect: str) -> dict[str, str]:
        """The values of the statements' bind parameters (``text_match``) for this query."""
        if dialect == "sqlite":
            return {"fts_query": self.fts5()}
        # PostgreSQL: a prefix term is a to_tsquery string of its words (letters and
        # digits only, quoted), a word or phrase is given as typed to phraseto_tsquery.
        return {
            f"term_{i}": (" <-> ".join(f"'{w}'" for w in t.words) + ":*" if t.prefix else t.text)
            for i, t in enumerate(self.terms)
        }


def _tsquery(shape: tuple[bool, ...], config: Any) -> Any:
    """The PostgreSQL tsquery of a query of ``shape``: its terms AND-ed (``&&``), each a
    bind parameter (``SearchQuery.params``)."""
    parts = [
        (func.to_tsquery if prefix else func.phraseto_tsquery)(
            config, bindparam(f"term_{i}", type_=String)
        )
        for i, prefix in enumerate(shape)
    ]
    combined: Any = parts[0]
    for part in parts[1:]:
        combined = combined.op("&&")(part)
    return combined


def parse_query(q: str) -> SearchQuery:
    """Words, ``"exact phrases"`` and ``prefix*`` terms, all required; 422 if none."""
    terms: list[Term] = []
    for phrase, bare in _TOKEN.findall(unicodedata.normalize("NFC", q)):
        raw = phrase if phrase else bare
        words = tuple(w.casefold() for w in _WORD.findall(raw))
        if not words:
            continue
        prefix = not phrase and raw.endswith("*")
        terms.append(Term(words=words, prefix=prefix, text=raw.rstrip("*")))
    if not terms:
        raise ProblemError(
            422,
            'q: no searchable word in the query (use words, "phrases" or prefix*).',
            slug="validation-error",
            errors=[{"loc": ["query", "q"], "msg": "no searchable word", "type": "value_error"}],
        )
    if len(terms) > MAX_TERMS:
        raise ProblemError(
            422,
            f"q: at most {MAX_TERMS} terms.",
            slug="validation-error",
            errors=[{"loc": ["query", "q"], "msg": "too many terms", "type": "value_error"}],
        )
    return SearchQuery(terms=tuple(terms))


@dataclass(frozen=True, eq=False)
class TextMatch:
    """What a search adds to an article query: the join, the condition, rank and snippet.

    Built once per dialect and shape of query (``text_match``): the words are bind
    parameters, given by ``SearchQuery.params``.
    """

    join: Any | None  # (table, on-clause) to join, or None
    condition: ColumnElement[bool]
    rank: ColumnElement[float]  # higher is better
    snippets: Any  # (id, snippet) of the articles of ``:snippet_ids``
    # The same for a word of few matches (SQLite: its posting list read once, not probed
    # for each article of the page)
    snippets_of_few: Any


@lru_cache(maxsize=64)
def text_match(*, dialect: str, shape: tuple[bool, ...]) -> TextMatch:
    """The full-text condition, rank and highlighted snippets of a query of ``shape``
    (``SearchQuery.shape``) on ``dialect``."""
    if dialect == "sqlite":
        return _SQLITE_MATCH
    return _postgres_match(shape)


FTS_QUERY = bindparam("fts_query", type_=String)
SNIPPET_IDS: Any = bindparam("snippet_ids", expanding=True)


def sqlite_condition(fts5: Any) -> ColumnElement[bool]:
    """``article_fts MATCH fts5`` (a MATCH string, or a bind parameter for one)."""
    return literal_column("article_fts").op("MATCH")(fts5)  # type: ignore[no-any-return]


def _sqlite_match() -> TextMatch:
    fts: Any = literal_column("article_fts")
    condition = sqlite_condition(FTS_QUERY)
    return TextMatch(
        join=(SQLITE_FTS, SQLITE_FTS.c.rowid == Article.id),
        condition=condition,
        # bm25 is lower for better matches; title counts most, then standfirst.
        rank=(-func.bm25(fts, 10.0, 4.0, 1.0)).cast(Float),
        # FTS5's snippet() reads the MATCH of its own statement, asked of the FTS table by
        # rowid (one probe per article: joined to ``article``, SQLite read every match).
        snippets=select(SQLITE_FTS.c.rowid, SQLITE_SNIPPET).where(
            SQLITE_FTS.c.rowid.in_(SNIPPET_IDS), condition
        ),
        # ``+rowid``: FTS5 is not given the ids. Given them, it runs the query once per id
        # (~17 µs each, 100k store); a rare word's whole posting list costs less.
        snippets_of_few=select(SQLITE_FTS.c.rowid, SQLITE_SNIPPET).where(
            literal_column("+article_fts.rowid").in_(SNIPPET_IDS), condition
        ),
    )


def _pg_config(language: Any) -> Any:
    whens = " ".join(f"WHEN '{code}' THEN '{name}'::regconfig" for code, name in PG_CONFIGS.items())
    return text(f"CASE {language} {whens} ELSE 'simple'::regconfig END")


def postgres_condition(shape: tuple[bool, ...], language: Any) -> ColumnElement[bool]:
    """Whether ``article.article_fts_vector`` matches, in its language's configuration.

    The vector is named ``article.…``: a subquery aliased ``article`` can stand in for
    the table (``language`` is then its column).
    """
    document = _PG_VECTOR
    # One branch per configuration, each a constant tsquery: the GIN index serves each.
    branches = [
        and_(language == code, document.op("@@")(_tsquery(shape, name)))
        for code, name in PG_CONFIGS.items()
    ]
    branches.append(
        and_(language.not_in(list(PG_CONFIGS)), document.op("@@")(_tsquery(shape, "simple")))
    )
    return or_(*branches)


def _postgres_match(shape: tuple[bool, ...]) -> TextMatch:
    document = _PG_VECTOR
    article_id: Any = Article.id
    config = _pg_config("article.language")
    tsquery = _tsquery(shape, config)
    options = (
        f"StartSel={MARK_START}, StopSel={MARK_END}, MaxWords=30, MinWords=12, "
        'MaxFragments=1, FragmentDelimiter=" … "'
    )
    headline = func.ts_headline(
        config,
        func.concat_ws(" ", Article.title, Article.standfirst, Article.body),
        tsquery,
        options,
    )
    snippets = select(article_id, headline).where(article_id.in_(SNIPPET_IDS))
    return TextMatch(
        join=None,
        condition=postgres_condition(shape, Article.language),
        # float8: the cursor round-trips the exact value (float4 text would not).
        rank=cast(func.ts_rank(document, tsquery), Float),
        # ts_headline needs no condition (which could make the planner read every match).
        snippets=snippets,
        snippets_of_few=snippets,
    )


_SQLITE_MATCH = _sqlite_match()
