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
from typing import Any

from sqlalchemy import Float, and_, cast, column, func, literal_column, or_, table, text
from sqlalchemy.sql.elements import ColumnElement

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

    def fts5(self) -> str:
        """The SQLite FTS5 MATCH string: quoted strings, implicit AND."""
        return " ".join(
            '"' + " ".join(t.words) + '"' + (" *" if t.prefix else "") for t in self.terms
        )

    def tsquery(self, config: Any) -> Any:
        """The PostgreSQL tsquery: the terms AND-ed (``&&``), built by SQL functions."""
        parts = []
        for t in self.terms:
            if t.prefix:
                lexemes = [f"'{w}'" for w in t.words]
                parts.append(func.to_tsquery(config, " <-> ".join(lexemes) + ":*"))
            else:
                parts.append(func.phraseto_tsquery(config, t.text))
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


@dataclass(frozen=True)
class TextMatch:
    """What a search adds to an article query: the join, the condition, rank and snippet."""

    join: Any | None  # (table, on-clause) to join, or None
    condition: ColumnElement[bool]
    rank: ColumnElement[float]  # higher is better
    snippet: ColumnElement[str]
    fts5: str | None = None  # SQLite: the MATCH string, for statements built once


def text_match(*, dialect: str, query: SearchQuery, article: Any) -> TextMatch:
    """The full-text condition, rank and highlighted snippet for ``query`` on ``dialect``."""
    if dialect == "sqlite":
        return _sqlite_match(query, article)
    return _postgres_match(query, article)


def sqlite_condition(fts5: Any) -> ColumnElement[bool]:
    """``article_fts MATCH fts5`` (a MATCH string, or a bind parameter for one)."""
    return literal_column("article_fts").op("MATCH")(fts5)  # type: ignore[no-any-return]


def _sqlite_match(query: SearchQuery, article: Any) -> TextMatch:
    fts: Any = literal_column("article_fts")
    return TextMatch(
        join=(SQLITE_FTS, SQLITE_FTS.c.rowid == article.id),
        condition=sqlite_condition(query.fts5()),
        # bm25 is lower for better matches; title counts most, then standfirst.
        rank=(-func.bm25(fts, 10.0, 4.0, 1.0)).cast(Float),
        snippet=SQLITE_SNIPPET,
        fts5=query.fts5(),
    )


def _pg_config(language: Any) -> Any:
    whens = " ".join(f"WHEN '{code}' THEN '{name}'::regconfig" for code, name in PG_CONFIGS.items())
    return text(f"CASE {language} {whens} ELSE 'simple'::regconfig END")


def postgres_condition(query: SearchQuery, language: Any) -> ColumnElement[bool]:
    """Whether ``article.article_fts_vector`` matches, in its language's configuration.

    The vector is named ``article.…``: a subquery aliased ``article`` can stand in for
    the table (``language`` is then its column).
    """
    document = _PG_VECTOR
    # One branch per configuration, each a constant tsquery: the GIN index serves each.
    branches = [
        and_(language == code, document.op("@@")(query.tsquery(name)))
        for code, name in PG_CONFIGS.items()
    ]
    branches.append(
        and_(language.not_in(list(PG_CONFIGS)), document.op("@@")(query.tsquery("simple")))
    )
    return or_(*branches)


def _postgres_match(query: SearchQuery, article: Any) -> TextMatch:
    document = _PG_VECTOR
    config = _pg_config("article.language")
    tsquery = query.tsquery(config)
    options = (
        f"StartSel={MARK_START}, StopSel={MARK_END}, MaxWords=30, MinWords=12, "
        'MaxFragments=1, FragmentDelimiter=" … "'
    )
    return TextMatch(
        join=None,
        condition=postgres_condition(query, article.language),
        # float8: the cursor round-trips the exact value (float4 text would not).
        rank=cast(func.ts_rank(document, tsquery), Float),
        snippet=func.ts_headline(
            config,
            func.concat_ws(" ", article.title, article.standfirst, article.body),
            tsquery,
            options,
        ),
    )
