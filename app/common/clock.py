"""The service's clock: every answer that depends on the time of the request reads it here.

Tests pin it with ``monkeypatch.setattr(clock, "now", lambda: …)``; nothing else calls
``datetime.now`` for a value that reaches a response or a cache key.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta


def now() -> datetime:
    """The current time, in UTC."""
    return datetime.now(UTC)


def today() -> date:
    """The current UTC day (the day event statuses are computed against)."""
    return now().date()


def seconds_to_midnight() -> int:
    """Whole seconds until the next UTC midnight (at least 1)."""
    current = now()
    midnight = datetime.combine(current.date() + timedelta(days=1), datetime.min.time(), UTC)
    return max(1, int((midnight - current).total_seconds()))
