"""Typed values passed between pipeline stages (plain dataclasses, no database).

Offsets (`start`, `end`) are character offsets into the article field named by the
result's ``field``: the clean ``body`` (the default), the ``title`` or the ``standfirst``
(``article.<field>[start:end] == text``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any, Literal, get_args

from app.entities.types import EntityRef, MentionResult

QuoteKind = Literal["direct", "indirect"]
TextField = Literal["title", "standfirst", "body"]
TEXT_FIELDS: tuple[str, ...] = get_args(TextField)
EventStatus = Literal["scheduled", "past", "cancelled", "postponed"]  # in the article's own time


@dataclass(frozen=True)
class RawArticle:
    """One article as a reader found it, before cleaning."""

    origin: str  # file path, "<stdin>", "<api>" or "path:line" — used in error reports
    text: str | None = None
    html: str | None = None
    title: str | None = None
    url: str | None = None
    published_at: date | None = None
    language: str | None = None
    source: str | None = None
    authors: tuple[str, ...] = ()
    external_id: str | None = None
    standfirst: str | None = None
    extracted: dict[str, Any] | None = None  # SPEC "extracted": stored as given, no NLP
    republished: bool | None = None  # given by the input (db export); else detected
    other_urls: tuple[str, ...] = ()  # more URLs of the same article (db export)


@dataclass(frozen=True)
class CleanArticle:
    """An article after cleaning: what is stored in the ``article`` table."""

    title: str
    standfirst: str | None
    body: str
    language: str
    republished: bool
    published_at: date | None
    url: str | None = None
    source: str | None = None
    authors: tuple[str, ...] = ()
    external_id: str | None = None
    other_urls: tuple[str, ...] = ()  # recorded in article_url besides ``url``


@dataclass(frozen=True)
class DateResult:
    text: str
    start: int
    end: int
    value: str  # TIMEX3-style: 2022-01-10, 2022-01, 2022, 2022-W02, XXXX-01-10, 2022-01-10T15:00
    granularity: str  # "day" | "week" | "month" | "season" | "quarter" | "year" | "decade" | "century" | "time"
    field: str = "body"  # the article field the offsets point into


@dataclass(frozen=True)
class QuoteResult:
    text: str
    start: int
    end: int
    kind: QuoteKind
    speaker: EntityRef | None
    speaker_text: str | None
    speaker_start: int | None = None
    speaker_end: int | None = None
    # The role the article gives the speaker ("ministre des Affaires étrangères").
    speaker_role: str | None = None
    field: str = "body"  # the article field the offsets point into


@dataclass(frozen=True)
class EventResult:
    type: str
    title: str
    date: str  # the DateResult.value it is tied to
    granularity: str
    status: EventStatus
    location: EntityRef | None
    participants: tuple[EntityRef, ...]
    related: tuple[EntityRef, ...]  # other entities named in the event phrase (e.g. the council)
    notes: tuple[str, ...]
    evidence: str  # the sentence
    start: int  # evidence offsets
    end: int
    trigger: str  # the word(s) that name the event ("pourparlers", "réunion")


@dataclass
class Extraction:
    mentions: list[MentionResult] = field(default_factory=list)
    dates: list[DateResult] = field(default_factory=list)
    quotes: list[QuoteResult] = field(default_factory=list)
    events: list[EventResult] = field(default_factory=list)
