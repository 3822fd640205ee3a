"""Doc → Extraction: the extraction stages in order.

Entities come first because quotes (speakers) and events (participants, places)
point at them; dates come before events, which are tied to a resolved date.
"""

from __future__ import annotations

from dataclasses import replace

from spacy.tokens import Doc

from app.entities.kb import KBEntry, KnowledgeBase, build_knowledge_base
from app.entities.names import fold
from app.pipeline.dates.extract import extract_dates
from app.pipeline.doc_index import doc_text, index_sentences
from app.pipeline.entities.extract import extract_mentions
from app.pipeline.events.extract import extract_events
from app.pipeline.quotes.extract import article_roles, extract_quotes
from app.pipeline.types import CleanArticle, Extraction

_active: KnowledgeBase | None = None
_active_entries: list[KBEntry] = []


def use_knowledge_base(user_entries: list[KBEntry]) -> None:
    """Make the bundled KB plus the store's user entries this process's KB (importer
    start, each NLP worker process at its start, each API ingest); rebuilt only when
    the entries changed."""
    global _active, _active_entries
    if user_entries != _active_entries:
        _active = build_knowledge_base(user_entries) if user_entries else None
        _active_entries = list(user_entries)


def active_knowledge_base() -> KnowledgeBase:
    return _active or KnowledgeBase.bundled()


def extract_all(doc: Doc, article: CleanArticle, *, kb: KnowledgeBase | None = None) -> Extraction:
    """Everything newsmeta extracts from one parsed article body (offsets into ``doc.text``)."""
    index_sentences(doc)
    kb = kb or active_knowledge_base()
    language = article.language
    mentions = extract_mentions(doc, kb=kb, language=language)
    dates = extract_dates(doc_text(doc), anchor=article.published_at, language=language, doc=doc)
    quotes = extract_quotes(doc, mentions=mentions, language=language)
    events = extract_events(
        doc, mentions=mentions, dates=dates, anchor=article.published_at, language=language, kb=kb
    )
    return Extraction(mentions=mentions, dates=dates, quotes=quotes, events=events)


def extract_field(
    doc: Doc,
    article: CleanArticle,
    field: str,
    body: Extraction,
    *,
    kb: KnowledgeBase | None = None,
    body_doc: Doc | None = None,
) -> Extraction:
    """Mentions, dates and quotes of the title or the standfirst, analysed like the body
    (offsets into that field, ``field`` set). A surname alone there is the person the body
    names in full ("Scholz" in the title is "Olaf Scholz"), a role the person the body
    introduced with it ("chef de l'OTAN"; needs ``body_doc``). Events stay the body's: an
    event is told, with its evidence, in the text of the article."""
    index_sentences(doc)
    kb = kb or active_knowledge_base()
    language = article.language
    people = {
        fold(m.entity.name.split()[-1]): m.entity
        for m in body.mentions
        if m.entity.type == "PERSON" and " " in m.entity.name
    }
    mentions = []
    for m in extract_mentions(doc, kb=kb, language=language):
        ref = m.entity
        if ref.type == "PERSON" and ref.key.startswith("name:") and " " not in ref.name:
            ref = people.get(fold(ref.name), ref)
        mentions.append(replace(m, entity=ref, field=field))
    dates = extract_dates(doc_text(doc), anchor=article.published_at, language=language, doc=doc)
    given = article_roles(body_doc, body.mentions) if body_doc is not None else []
    quotes = extract_quotes(doc, mentions=mentions, language=language, given_roles=given)
    return Extraction(
        mentions=mentions,
        dates=[replace(d, field=field) for d in dates],
        quotes=[replace(q, field=field) for q in quotes],
    )


def merge_fields(body: Extraction, *others: Extraction) -> Extraction:
    """One article's extraction: the title's and standfirst's items before the body's."""
    merged = Extraction(events=body.events)
    for part in (*others, body):
        merged.mentions += part.mentions
        merged.dates += part.dates
        merged.quotes += part.quotes
    return merged
