"""Every table, imported in one place so Alembic sees the whole metadata."""

from app.articles.models import Article, ArticleDuplicate, ArticleUrl, DateMention, Source
from app.changes.models import Change, ChangeHorizon
from app.db import metadata
from app.entities.models import ArticleEntity, Entity, EntityAlias, KbEntry, Mention
from app.events.models import Event, EventArticle, EventEntity
from app.quotes.models import Quote

__all__ = [
    "Article",
    "ArticleDuplicate",
    "ArticleEntity",
    "ArticleUrl",
    "Change",
    "ChangeHorizon",
    "DateMention",
    "Entity",
    "EntityAlias",
    "Event",
    "EventArticle",
    "EventEntity",
    "KbEntry",
    "Mention",
    "Quote",
    "Source",
    "metadata",
]
