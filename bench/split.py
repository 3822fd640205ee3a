"""Tune and check halves of an evaluation set, split by document.

Rules are changed looking at the *tune* half only; the *check* half is the number that
is reported and held as a floor in the tests. The split is a stable hash of the
document's name (its file name or document id), so it does not move when files are
added, and no one chooses which documents land where.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable
from typing import Literal, TypeVar

Half = Literal["tune", "check"]
HALVES: tuple[Half, ...] = ("tune", "check")
T = TypeVar("T")


def half_of(name: str) -> Half:
    """``tune`` or ``check`` for a document name (stable: a hash, not a position)."""
    digest = hashlib.sha256(name.encode("utf-8")).digest()
    return "tune" if digest[0] % 2 == 0 else "check"


def split(items: Iterable[T], name: Callable[[T], str]) -> dict[Half, list[T]]:
    """Items grouped by the half of their document name."""
    halves: dict[Half, list[T]] = {"tune": [], "check": []}
    for item in items:
        halves[half_of(name(item))].append(item)
    return halves
