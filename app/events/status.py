"""An event's status, computed against the day of the request.

Two facts are kept apart:

- ``reported_as``: what the articles said, in their own time — ``announced`` (still to
  come when written), ``held`` (over when written), ``cancelled``, ``postponed`` — as the
  most recent article mentioning the event said it (stored, see ``Event.reported_as``);
- ``status``: what is true *today* — ``cancelled`` or ``postponed`` when an article
  reported it (they win), else ``scheduled`` while the event's last day is today or
  later, ``past`` after.

An event whose year is unknown ("XXXX-01-10", from an undated article) has no day to
compare with: its status is the reported one (``announced`` → ``scheduled``), and the
``status`` and ``upcoming`` filters, which are ranges on the date, leave it out as a date
range does.
"""

from __future__ import annotations

from datetime import date
from typing import Literal

Status = Literal["scheduled", "past", "cancelled", "postponed"]
ReportedAs = Literal["announced", "held", "cancelled", "postponed"]
STATUSES: tuple[Status, ...] = ("scheduled", "past", "cancelled", "postponed")
CALLED_OFF: tuple[ReportedAs, ...] = ("cancelled", "postponed")

# The importer's status of an event in its article's time → what the article reported.
_REPORTED: dict[str, ReportedAs] = {
    "scheduled": "announced",
    "past": "held",
    "cancelled": "cancelled",
    "postponed": "postponed",
}
_IN_ARTICLE_TIME: dict[str, str] = {reported: status for status, reported in _REPORTED.items()}


def reported_as(article_status: str) -> ReportedAs:
    """What an article reported, from the event's status in the article's own time."""
    return _REPORTED.get(article_status, "announced")


def article_status(reported: str) -> str:
    """The status in the article's own time (``scheduled``/``past``/…) of a report."""
    return _IN_ARTICLE_TIME.get(reported, "scheduled")


def status_on(reported: str, date_end: date | str | None, today: date) -> Status:
    """The event's status on ``today``: reported cancellation first, then its last day."""
    if reported in CALLED_OFF:
        return reported  # type: ignore[return-value]
    if isinstance(date_end, str):
        date_end = date.fromisoformat(date_end[:10])
    if date_end is None:
        return "scheduled" if reported == "announced" else "past"
    return "scheduled" if date_end >= today else "past"
