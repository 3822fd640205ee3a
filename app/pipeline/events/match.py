"""One event across articles: the merge key, the finer matcher, and the event status.

Rule (documented in ``event_key`` and ``same_event``): two mentions of an event are the
same event when they have the same type, the same date value, and either the same place
or at least one participant in common. Capitals and seats of power count as their
country ("Washington et Moscou" matches "américano-russes"), and two different cities
are never the same event.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace
from datetime import date
from typing import Any, Protocol

from app.common.timex import date_range
from app.entities.types import EntityRef
from app.pipeline.events.lexicon import METONYMS
from app.pipeline.types import EventResult, EventStatus


class EventLike(Protocol):
    """What the matcher reads: an EventResult, a stored event or any object alike.

    ``location`` and ``participants`` hold objects with a ``key`` (EntityRef, a table row)
    or plain entity keys (strings).
    """

    @property
    def type(self) -> str: ...

    @property
    def date(self) -> str: ...

    @property
    def location(self) -> Any: ...

    @property
    def participants(self) -> Any: ...


def entity_key(entity: Any) -> str:
    """The entity's key, with capitals and seats of power mapped to their country."""
    key = entity if isinstance(entity, str) else str(entity.key)
    name = "" if isinstance(entity, str) else str(getattr(entity, "name", "") or "")
    return METONYMS.get(name.lower(), key)


def _keys(entities: Iterable[Any] | None) -> set[str]:
    return {entity_key(e) for e in entities or ()}


def event_key(event: EventLike) -> str:
    """Stable key of an event: ``type|date|loc:<place key>``, else ``type|date|with:<keys>``.

    The place wins because articles agree on it more often than on the list of
    participants: "les pourparlers américano-russes à Genève le 10 janvier" and "les
    négociations entre Washington et Moscou le 10 janvier à Genève" share
    ``talks|2022-01-10|loc:geonames:2660646``. Without a place the sorted participant keys
    are used; events that still differ there are caught by ``same_event``.
    """
    base = f"{event.type}|{event.date}"
    if event.location is not None:
        return f"{base}|loc:{entity_key(event.location)}"
    return f"{base}|with:{'+'.join(sorted(_keys(event.participants)))}"


def same_event(a: EventLike, b: EventLike) -> bool:
    """Same type and date, no conflicting cities, and the same place or a shared participant."""
    if a.type != b.type or a.date != b.date:
        return False
    place_a = entity_key(a.location) if a.location is not None else None
    place_b = entity_key(b.location) if b.location is not None else None
    if place_a and place_b:
        if place_a == place_b:
            return True
        if not (place_a.startswith("iso3166:") or place_b.startswith("iso3166:")):
            return False  # two different cities: two events
    return bool(_keys(a.participants) & _keys(b.participants))


def event_status(value: str, anchor: date | None, future_tense: bool) -> EventStatus:
    """``scheduled`` when the date is after the anchor, ``past`` when before.

    Without an anchor, with an unresolved year ("XXXX-01-10") or when the date's period
    contains the anchor (same day, same month), the verb decides: future or conditional
    → scheduled, anything else → past.
    """
    period = date_range(value)
    if anchor is not None and period is not None:
        if period[0] > anchor:
            return "scheduled"
        if period[1] < anchor:
            return "past"
    return "scheduled" if future_tense else "past"


def merge_repeats(found: list[tuple[EventResult, bool]]) -> list[EventResult]:
    """One event per happening in an article: repeats merge into the one dated by its sentence."""
    kept: list[tuple[EventResult, bool]] = []
    for event, own in found:
        for index, (other, other_own) in enumerate(kept):
            if same_event(event, other):
                base, extra = (event, other) if own and not other_own else (other, event)
                kept[index] = (_union(base, extra), own or other_own)
                break
        else:
            kept.append((event, own))
    return [event for event, _ in kept]


def _union(base: EventResult, extra: EventResult) -> EventResult:
    called_off = [e.status for e in (base, extra) if e.status in ("cancelled", "postponed")]
    return replace(
        base,
        status=called_off[0] if called_off else base.status,
        location=base.location or extra.location,
        participants=_by_key(base.participants + extra.participants),
        related=_by_key(base.related + extra.related),
        notes=tuple(dict.fromkeys(base.notes + extra.notes)),
    )


def _by_key(entities: tuple[EntityRef, ...]) -> tuple[EntityRef, ...]:
    return tuple(
        {e.key: e for e in reversed(entities)}[k] for k in dict.fromkeys(e.key for e in entities)
    )
