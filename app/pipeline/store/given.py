"""A record's ``extracted`` data (GET /v1/articles/{id} shape) → the typed Extraction.

Used by restores from ``newsmeta db export`` and by annotations made elsewhere: the
data is stored as given, without the NLP, once its offsets are checked against the body.
"""

from __future__ import annotations

from typing import Any

from app.entities.names import fold
from app.entities.types import EntityRef, MentionResult
from app.pipeline.ingest.prepare import PrepareError
from app.pipeline.ingest.schemas import EntityIn, ExtractedIn
from app.pipeline.types import (
    CleanArticle,
    DateResult,
    EventResult,
    Extraction,
    QuoteResult,
    RawArticle,
)

_ID_KINDS = ("wikidata", "iso3166", "geonames")


class ExtractedError(ValueError):
    """The extracted data does not fit the article body (reason in the message)."""


def entity_key(name: str, type_: str, ids: dict[str, str]) -> str:
    """The canonical key of an entity given without one (knowledge-base id first)."""
    for kind in _ID_KINDS:
        if ids.get(kind):
            return f"{kind}:{ids[kind]}"
    return f"name:{type_}:{fold(name)}"


def to_entity(entity: EntityIn) -> EntityRef:
    ids = {k: v for k, v in entity.ids.items() if v}
    return EntityRef(
        key=entity.key or entity_key(entity.name, entity.type, ids),
        name=entity.name,
        type=entity.type,
        ids=ids,
        aliases=tuple(entity.aliases),
    )


def to_extraction(
    data: dict[str, Any], body: str, *, title: str = "", standfirst: str | None = None
) -> Extraction:
    """Typed results of ``data``; ExtractedError when an offset does not match the text of
    its ``field`` (``body``, ``title`` or ``standfirst``)."""
    extracted = ExtractedIn.model_validate(data)
    texts = {"body": body, "title": title, "standfirst": standfirst or ""}
    for kind in ("mentions", "quotes", "dates"):
        for index, span in enumerate(getattr(extracted, kind)):
            text = texts[span.field]
            if (
                span.end > len(text)
                or span.start > span.end
                or text[span.start : span.end] != span.text
            ):
                raise ExtractedError(
                    f"extracted.{kind}[{index}]: {span.field}[{span.start}:{span.end}]"
                    f" is not {span.text!r}"
                )
    return Extraction(
        mentions=[
            MentionResult(m.text, m.start, m.end, to_entity(m.entity), m.field)
            for m in extracted.mentions
        ],
        dates=[
            DateResult(d.text, d.start, d.end, d.value, d.granularity, d.field)
            for d in extracted.dates
        ],
        quotes=[
            QuoteResult(
                text=q.text,
                start=q.start,
                end=q.end,
                kind=q.kind,
                speaker=to_entity(q.speaker) if q.speaker else None,
                speaker_text=q.speaker_text,
                speaker_role=q.speaker_role,
                speaker_start=q.speaker_start,
                speaker_end=q.speaker_end,
                field=q.field,
            )
            for q in extracted.quotes
        ],
        events=[
            EventResult(
                type=e.type,
                title=e.title,
                date=e.date,
                granularity=e.granularity,
                status=e.status,
                location=to_entity(e.location) if e.location else None,
                participants=tuple(to_entity(p) for p in e.participants),
                related=tuple(to_entity(r) for r in e.related),
                notes=tuple(e.notes),
                evidence=e.evidence,
                start=e.start,
                end=e.end,
                trigger=e.trigger,
            )
            for e in extracted.events
        ],
    )


def given_extraction(raw: RawArticle, article: CleanArticle) -> Extraction | None:
    """The record's own ``extracted`` data as typed results (None: run the NLP)."""
    if raw.extracted is None:
        return None
    try:
        return to_extraction(
            raw.extracted, article.body, title=article.title, standfirst=article.standfirst
        )
    except (ExtractedError, ValueError) as exc:
        raise PrepareError(str(exc).splitlines()[0]) from None
