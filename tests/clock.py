"""Pinning the service's clock (``app.common.clock``) in a test: no sleeping, no real time."""

from __future__ import annotations

from datetime import UTC, date, datetime, time

import pytest

from app.common import clock


def pin(monkeypatch: pytest.MonkeyPatch, when: date | datetime) -> None:
    """From now on the service believes it is ``when`` (a day: its noon, UTC)."""
    moment = when if isinstance(when, datetime) else datetime.combine(when, time(12), UTC)
    monkeypatch.setattr(clock, "now", lambda: moment)
