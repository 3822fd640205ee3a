"""The importer's progress bar on a terminal (silent in pipes and CI)."""

from __future__ import annotations

import os
import sys
from pathlib import Path


def expected_articles(paths: list[str]) -> int | None:
    """How many articles the import will see, when every input is one article per file."""
    from app.pipeline.ingest.readers import SUFFIXES, iter_paths

    if not sys.stderr.isatty() or "-" in paths:
        return None
    total = 0
    for path in iter_paths(paths):
        if SUFFIXES.get(Path(path).suffix.lower()) not in {"text", "html"}:
            return None  # JSON lists, JSON Lines and feeds hold an unknown number
        total += 1
    return total


class progress:
    """A rich progress bar (rate, ETA) on a terminal; silent in pipes and CI."""

    def __init__(self, total: int | None) -> None:
        self.total = total

    def __enter__(self):  # type: ignore[no-untyped-def]
        self._bar = None
        if sys.stderr.isatty() and not os.environ.get("CI"):
            from rich.console import Console
            from rich.progress import (
                BarColumn,
                MofNCompleteColumn,
                Progress,
                TextColumn,
                TimeElapsedColumn,
                TimeRemainingColumn,
            )

            self._bar = Progress(
                TextColumn("importing"),
                BarColumn(),
                MofNCompleteColumn(),
                TextColumn("{task.fields[rate]}"),
                TimeElapsedColumn(),
                TextColumn("ETA"),
                TimeRemainingColumn(),
                console=Console(stderr=True),
                transient=True,
            )
            self._bar.start()
            self._task = self._bar.add_task("import", total=self.total, rate="")
        return self._advance

    def _advance(self, _origin: str) -> None:
        if self._bar is not None:
            self._bar.advance(self._task)
            task = self._bar.tasks[0]
            # Articles arrive a batch at a time: the mean rate since the start is steadier
            # than rich's windowed speed.
            if task.elapsed:
                self._bar.update(self._task, rate=f"{task.completed / task.elapsed:.1f} articles/s")

    def __exit__(self, *exc: object) -> None:
        if self._bar is not None:
            self._bar.stop()
