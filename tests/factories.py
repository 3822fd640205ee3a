"""Plain factory functions for test data."""

from __future__ import annotations

from datetime import date
from itertools import count
from typing import Any

from sqlmodel import Session

from app.pipeline.store import load
from app.pipeline.types import CleanArticle, Extraction

_numbers = count(1)


def clean_article(**overrides: Any) -> CleanArticle:
    n = next(_numbers)
    values: dict[str, Any] = {
        "title": f"Article {n}",
        "standfirst": None,
        "body": f"Corps de l'article numéro {n}. L'OTAN se réunit à Genève.",
        "language": "fr",
        "republished": False,
        "published_at": date(2022, 1, 1),
        "url": f"https://example.org/articles/{n}",
        "source": "example.org",
    }
    values.update(overrides)
    return CleanArticle(**values)


def make_article(session: Session, extraction: Extraction | None = None, **overrides: Any) -> int:
    """Store an article through the importer's load code; returns its id."""
    stored = load.store_article(session, clean_article(**overrides), extraction or Extraction())
    session.flush()
    return stored.id
