"""Event extraction: happenings named in the text, with date, place, participants and notes.

Rules, per sentence (a spaCy sentence cut again at paragraph breaks):
1. A trigger is an event noun of the lexicon (event_lexicon.TRIGGERS: "pourparlers",
   "réunion", "conférence de presse", "summit"…); its phrase is its noun group.
2. Date: among the sentence's dates, those hanging off the trigger's phrase or its verb
   first, then the nearest one, day precision before month and year. Dates introduced by
   "depuis"/"since" are reference points, never the event's date. A trigger announced or
   used as a reference point ("avant les prochaines pourparlers") only takes a date inside
   its own phrase. A past-tense event without a date of its own takes the nearest earlier
   day date of its paragraph or the previous one (the report's "vendredi" context).
3. Place: a LOC mention after à/en/au/in/at attached to the phrase or its verb, or a city
   in the phrase itself ("le sommet de Genève"); else ``places``: the nearest undated
   mention of an event of the same type that has a place, else the dateline's city.
4. Participants: entities of the phrase (compounds such as "américano-russes" or
   "OTAN-Russie" give each party; the named body holding them goes to ``related``),
   nationality adjectives of the phrase, and the verb's subject when the trigger is not
   the object of a reporting verb ("X a annoncé une réunion": X is not a participant).
5. An event needs a date and a participant or a place; the same event named twice in
   one article is kept once (``same_event``).
6. Status, in the article's own time: ``cancelled``/``postponed`` when the clause reports
   it (``reports.called_off``), else ``match.event_status`` (date vs. publication date,
   else the verb's tense).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Protocol, TypeVar

from spacy.tokens import Doc, Span, Token

from app.common.timex import date_range
from app.entities.types import EntityRef, MentionResult
from app.pipeline.doc_index import doc_text
from app.pipeline.events import syntax as syn
from app.pipeline.events.lexicon import DURING_BEFORE, LOCATION_BEFORE, REFERENCE_DATE_BEFORE
from app.pipeline.events.match import (
    event_key,
    event_status,
    merge_repeats,
    same_event,
)
from app.pipeline.events.notes import find_notes
from app.pipeline.events.parties import find_parties
from app.pipeline.events.places import dateline_place, is_city
from app.pipeline.events.reports import called_off
from app.pipeline.events.titles import TitleParts, build_title
from app.pipeline.types import DateResult, EventResult

if TYPE_CHECKING:
    from app.entities.kb import KnowledgeBase

__all__ = ["event_key", "extract_events", "same_event"]


class _Located(Protocol):
    @property
    def start(self) -> int: ...

    @property
    def end(self) -> int: ...


_T = TypeVar("_T", bound=_Located)

_GRANULARITY_RANK = {"time": 0, "day": 0, "week": 1, "month": 2, "season": 3, "quarter": 3}
_COARSE_PENALTY = 40  # characters of distance one step of coarser precision is worth
_WINDOW_TOKENS = 10  # without a parse, how far a date or place may be from the phrase
# Date values an event can carry: a known year or month ("XXXX-01-10" yes, "XXXX-XX-XX" no).
_PLACEABLE = re.compile(r"\d{4}(-.*)?|XXXX-(\d{2}|W\d{2})(-.*)?")


@dataclass(frozen=True)
class _Article:
    doc: Doc
    mentions: Sequence[MentionResult]
    dates: Sequence[DateResult]
    anchor: dt.date | None
    language: str
    kb: KnowledgeBase | None
    paragraphs: syn.Paragraphs


@dataclass(frozen=True)
class _Site:
    """One trigger in its sentence, with the syntax the rules look at."""

    sent: Span
    trigger: syn.Trigger
    head: Token
    verb: Token | None
    phrase: tuple[int, int]
    phrase_chars: tuple[int, int]
    verb_cluster: frozenset[int]
    tense: syn.Tense | None
    secondary: bool


def extract_events(
    doc: Doc,
    *,
    mentions: Sequence[MentionResult],
    dates: Sequence[DateResult],
    anchor: dt.date | None,
    language: str = "fr",
    kb: KnowledgeBase | None = None,
) -> list[EventResult]:
    """Events named in the document, each tied to a date and to participants or a place."""
    size = len(doc_text(doc))
    article = _Article(
        doc=doc,
        mentions=sorted((m for m in mentions if 0 <= m.start < m.end <= size), key=_start),
        dates=sorted(
            (d for d in dates if 0 <= d.start < d.end <= size and _placeable(d)), key=_start
        ),
        anchor=anchor,
        language=language,
        kb=kb,
        paragraphs=syn.Paragraphs(doc_text(doc)),
    )
    found: list[tuple[EventResult, bool]] = []
    # Places of the event nouns that make no event (no date of their own), by type.
    undated: list[tuple[str, int, EntityRef]] = []
    for sent in syn.evidence_sentences(doc):
        triggers = syn.find_triggers(sent)
        for index, trigger in enumerate(triggers):
            following = triggers[index + 1] if index + 1 < len(triggers) else None
            site = _site(article, sent, trigger)
            result = _event_at(article, site, following)
            if result is not None:
                found.append(result)
            elif not site.secondary:
                place = _location(article, site)[0]
                if place is not None:
                    undated.append((trigger.type, doc[trigger.start].idx, place))
    events = merge_repeats(found)
    dateline = dateline_place(doc_text(doc), article.mentions)
    return [_placed(event, undated, dateline) for event in events]


def _placed(
    event: EventResult, undated: list[tuple[str, int, EntityRef]], dateline: EntityRef | None
) -> EventResult:
    """The event with a place from the text when its own sentences gave none
    (``places``: the nearest undated mention of the same type, else the dateline)."""
    if event.location is not None:
        return event
    same = [(abs(at - event.start), place) for type_, at, place in undated if type_ == event.type]
    place = min(same, key=lambda item: item[0])[1] if same else dateline
    return replace(event, location=place) if place is not None else event


def _start(item: _Located) -> int:
    return item.start


def _placeable(found: DateResult) -> bool:
    """A date an event can carry: its month at least is known ("XXXX-01-10", not "XXXX-XX-XX")."""
    return _PLACEABLE.fullmatch(found.value) is not None


def _site(article: _Article, sent: Span, trigger: syn.Trigger) -> _Site:
    doc = article.doc
    head = syn.head_token(doc, trigger, article.language)
    inside = [(m.start, m.end) for m in _in_sentence(article.mentions, sent)]
    inside += [(d.start, d.end) for d in _in_sentence(article.dates, sent)]
    phrase = syn.phrase_range(doc, trigger, head, sent, inside)
    last = doc[phrase[1] - 1]
    verb = syn.governing_verb(head, sent) if syn.is_parsed(doc) else None
    return _Site(
        sent=sent,
        trigger=trigger,
        head=head,
        verb=verb,
        phrase=phrase,
        phrase_chars=(doc[phrase[0]].idx, last.idx + len(last)),
        verb_cluster=frozenset(syn.verb_cluster(verb)) if verb is not None else frozenset(),
        tense=syn.clause_tense(doc, verb, sent),
        secondary=syn.is_secondary(doc, trigger, phrase[0]),
    )


def _in_sentence(items: Sequence[_T], sent: Span) -> list[_T]:
    return [x for x in items if sent.start_char <= x.start and x.end <= sent.end_char]


def _event_at(
    article: _Article, site: _Site, following: syn.Trigger | None
) -> tuple[EventResult, bool] | None:
    """The event at one trigger and whether its date is its own sentence's; None if none."""
    doc, sent = article.doc, site.sent
    region_start = doc[max(sent.start, site.phrase[0] - 2)].idx  # "extraordinary NATO summit"
    region_end = doc[following.start].idx if following is not None else sent.end_char
    notes, note_spans = find_notes(
        doc_text(doc), region_start, region_end
    )  # spans cut the title ("en ligne")
    own_date = _date_in_sentence(article, site, note_spans)
    chosen = own_date or _date_from_context(article, site)
    if chosen is None:
        return None
    location, place_text, place_span = _location(article, site)
    parties = find_parties(
        doc,
        phrase=site.phrase,
        head=site.head,
        verb=site.verb,
        mentions=_in_sentence(article.mentions, sent),
        location=location,
        kb=article.kb,
    )
    if not parties.participants and location is None:
        return None
    title_parts = TitleParts(
        phrase=site.phrase,
        trigger=(site.trigger.start, site.trigger.end),
        cuts=[(d.start, d.end) for d in article.dates]
        + [s for s in [place_span] if s]
        + [s for s in note_spans if " " in doc_text(doc)[s[0] : s[1]]],
        named=parties.named_spans,
        participants=parties.surfaces,
        place=place_text,
        place_span=place_span,
        event_type=site.trigger.type,
    )
    evidence = syn.whole_sentence(doc_text(doc), sent.start_char, sent.end_char)
    event = EventResult(
        type=site.trigger.type,
        title=build_title(doc, title_parts, article.language),
        date=chosen.value,
        granularity=chosen.granularity,
        status=called_off(
            doc_text(doc),
            sent.start_char,
            region_end,
            date_start=chosen.start,
            future=site.tense == "future",
        )
        or event_status(chosen.value, article.anchor, site.tense == "future"),
        location=location,
        participants=parties.participants,
        related=parties.related,
        notes=notes,
        evidence=doc_text(doc)[evidence[0] : evidence[1]],
        start=evidence[0],
        end=evidence[1],
        trigger=doc[site.trigger.start : site.trigger.end].text,
    )
    return event, own_date is not None


def _is_near(article: _Article, site: _Site, start: int, end: int) -> bool:
    """True when a span belongs to the trigger's clause (a parse) or window (no parse)."""
    doc = article.doc
    lo, hi = site.phrase_chars
    if lo <= start and end <= hi:
        return True
    if syn.is_parsed(doc):
        phrase = range(*site.phrase)
        return syn.is_attached(doc, start, end, phrase, set(site.verb_cluster))
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None:
        return False
    gap = span.start - site.phrase[1] if span.start >= site.phrase[1] else site.phrase[0] - span.end
    return gap <= _WINDOW_TOKENS


def _is_reference_date(text: str, found: DateResult) -> bool:
    """ "depuis 2019", "since 2019", "il y a deux ans": a point of reference, not a date."""
    return REFERENCE_DATE_BEFORE.search(text[max(0, found.start - 30) : found.start]) is not None


def _date_in_sentence(
    article: _Article, site: _Site, note_spans: Sequence[tuple[int, int]]
) -> DateResult | None:
    """The sentence's date for this trigger: attached first, then nearest and most precise."""
    text = doc_text(article.doc)
    lo, hi = site.phrase_chars
    trigger_lo = article.doc[site.trigger.start].idx
    scored = []
    for found in _in_sentence(article.dates, site.sent):
        if _is_reference_date(text, found):
            continue
        if any(s <= found.start and found.end <= e for s, e in note_spans):
            continue
        inside = lo <= found.start and found.end <= hi
        if site.secondary and not inside:
            continue
        attached = _is_near(article, site, found.start, found.end)
        distance = abs(found.start - trigger_lo)
        rank = _GRANULARITY_RANK.get(found.granularity, 4)
        scored.append((not attached, distance + _COARSE_PENALTY * rank, found))
    if not scored:
        return None
    return min(scored, key=lambda item: item[:2])[2]


def _date_from_context(article: _Article, site: _Site) -> DateResult | None:
    """For a past-tense event: the nearest earlier day date of this or the previous paragraph."""
    if site.secondary or site.tense != "past" or not _happened_in_clause(article.doc, site):
        return None
    paragraph = article.paragraphs.index(site.sent.start_char)
    text = doc_text(article.doc)
    for found in reversed(article.dates):
        if found.end > site.sent.start_char:
            continue
        if article.paragraphs.index(found.start) < paragraph - 1:
            return None
        if found.granularity not in ("day", "time") or _is_reference_date(text, found):
            continue
        period = date_range(found.value)
        if article.anchor and period and period[0] > article.anchor:
            continue  # a past event cannot take a date still to come
        return found
    return None


def _happened_in_clause(doc: Doc, site: _Site) -> bool:
    """The clause says the event took place: its subject, object, or "lors de"/"during" it."""
    if site.head.dep_ in ("nsubj", "nsubj:pass", "obj") and site.verb is not None:
        return site.head.head == site.verb
    trigger_start = doc[site.trigger.start].idx
    return (
        DURING_BEFORE.search(doc_text(doc)[max(0, trigger_start - 30) : trigger_start]) is not None
    )


def _location(
    article: _Article, site: _Site
) -> tuple[EntityRef | None, str | None, tuple[int, int] | None]:
    """The event's place, its text for the title ("à Genève") and its span."""
    text = doc_text(article.doc)
    lo, hi = site.phrase_chars
    best: tuple[int, EntityRef, str, tuple[int, int]] | None = None
    for mention in _in_sentence(article.mentions, site.sent):
        if mention.entity.type != "LOC":
            continue
        before = text[site.sent.start_char : mention.start]
        prep = LOCATION_BEFORE.search(before)
        in_phrase = lo <= mention.start and mention.end <= hi
        if prep is not None and _is_near(article, site, mention.start, mention.end):
            place = f"{prep.group(0).strip()} {mention.text}"
        elif in_phrase and is_city(mention.entity) and re.search(r"\bd[eu'’]\s*$", before):
            place = f"{'à' if article.language == 'fr' else 'in'} {mention.text}"
        else:
            continue
        distance = abs(mention.start - article.doc[site.trigger.start].idx)
        if best is None or distance < best[0]:
            best = (distance, mention.entity, place, (mention.start, mention.end))
    if best is None:
        return None, None, None
    return best[1], best[2], best[3]
