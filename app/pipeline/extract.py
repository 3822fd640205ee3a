"""Doc → Extraction: the extraction stages in order (entities, dates, quotes, events)."""

from __future__ import annotations

from spacy.tokens import Doc

from app.pipeline.types import CleanArticle, Extraction


def extract_all(doc: Doc, article: CleanArticle) -> Extraction:
    """Everything newsmeta extracts from one parsed article body."""
    return Extraction()
