"""Readers: files, folders, stdin → RawArticle (or a ReadFailure with a one-line reason).

Formats by extension: ``.txt``, ``.json`` (one article or a list), ``.jsonl``.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, ValidationError, field_validator, model_validator

from app.pipeline.types import RawArticle

TEXT_SUFFIXES = {".txt"}
JSON_SUFFIXES = {".json"}
JSONL_SUFFIXES = {".jsonl"}
SUPPORTED = TEXT_SUFFIXES | JSON_SUFFIXES | JSONL_SUFFIXES


@dataclass(frozen=True)
class ReadFailure:
    origin: str
    reason: str


class ArticleIn(BaseModel):
    """The SPEC.md JSON article; unknown fields are errors (a typo must not drop data)."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    url: str | None = None
    title: str | None = None
    text: str | None = None
    html: str | None = None
    published_at: date | None = None
    language: str | None = None
    source: str | None = None
    authors: list[str] = []
    external_id: str | None = None
    extracted: dict[str, Any] | None = None

    @field_validator("published_at", mode="before")
    @classmethod
    def _date_part(cls, value: Any) -> Any:
        # Accept full timestamps ("2022-01-07T10:00:00Z"): the day anchors relative dates.
        if isinstance(value, str) and len(value) > 10 and value[10] in "T ":
            return value[:10]
        return value

    @model_validator(mode="after")
    def _needs_content(self) -> ArticleIn:
        if not (self.text or self.html):
            raise ValueError("either 'text' or 'html' is required")
        return self

    def to_raw(self, origin: str) -> RawArticle:
        return RawArticle(
            origin=origin,
            text=self.text,
            html=self.html,
            title=self.title,
            url=self.url,
            published_at=self.published_at,
            language=self.language,
            source=self.source,
            authors=tuple(self.authors),
            external_id=self.external_id,
            extracted=self.extracted,
        )


def describe_validation_error(exc: ValidationError) -> str:
    """'published_at: Input should be a valid date' — field names first, one line."""
    parts = []
    for err in exc.errors()[:3]:
        where = ".".join(str(p) for p in err["loc"])
        message = "unknown field" if err["type"] == "extra_forbidden" else err["msg"]
        parts.append(f"{where}: {message}" if where else message)
    return "; ".join(parts)


def iter_paths(paths: list[str]) -> Iterator[Path | str]:
    """Each file under the given paths (folders recursively, sorted); ``-`` is stdin."""
    for given in paths:
        if given == "-":
            yield "-"
            continue
        path = Path(given)
        if path.is_dir():
            yield from sorted(
                p for p in path.rglob("*") if p.is_file() and not p.name.startswith(".")
            )
        else:
            yield path


def read_path(path: Path | str, *, max_bytes: int) -> Iterator[RawArticle | ReadFailure]:
    """The articles in one file (or stdin)."""
    origin = "<stdin>" if path == "-" else str(path)
    try:
        data = (
            sys.stdin.buffer.read(max_bytes + 1)
            if path == "-"
            else _read_bytes(Path(path), max_bytes)
        )
    except OSError as exc:
        yield ReadFailure(origin, f"cannot read: {exc.strerror or exc}")
        return
    if len(data) > max_bytes:
        yield ReadFailure(origin, f"larger than the {max_bytes}-byte limit")
        return
    if not data.strip():
        yield ReadFailure(origin, "empty file")
        return
    suffix = (
        ".json"
        if path == "-" and data.lstrip()[:1] in (b"{", b"[")
        else Path(str(path)).suffix.lower()
    )
    if path == "-" and suffix != ".json":
        suffix = ".txt"
    if suffix not in SUPPORTED:
        yield ReadFailure(origin, f"unsupported file type {suffix or '(none)'!r}")
        return
    try:
        text = decode(data)
    except ValueError as exc:
        yield ReadFailure(origin, str(exc))
        return
    if suffix in TEXT_SUFFIXES:
        yield RawArticle(origin=origin, text=text)
    elif suffix in JSONL_SUFFIXES:
        yield from _read_jsonl(origin, text)
    else:
        yield from _read_json(origin, text)


def _read_bytes(path: Path, max_bytes: int) -> bytes:
    with path.open("rb") as handle:
        return handle.read(max_bytes + 1)


def decode(data: bytes) -> str:
    """UTF-8 text; binary data is refused with a clear reason."""
    if b"\x00" in data[:4096]:
        raise ValueError("binary file (NUL bytes), not text")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ValueError(f"not valid UTF-8 (byte {exc.start})") from None


def _read_json(origin: str, text: str) -> Iterator[RawArticle | ReadFailure]:
    try:
        payload = json.loads(text)
    except json.JSONDecodeError as exc:
        yield ReadFailure(origin, f"malformed JSON at line {exc.lineno}: {exc.msg}")
        return
    items = payload if isinstance(payload, list) else [payload]
    for index, item in enumerate(items):
        where = f"{origin}[{index}]" if isinstance(payload, list) else origin
        yield _parse_article(where, item)


def _read_jsonl(origin: str, text: str) -> Iterator[RawArticle | ReadFailure]:
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        where = f"{origin}:{number}"
        try:
            item = json.loads(line)
        except json.JSONDecodeError as exc:
            yield ReadFailure(where, f"malformed JSON: {exc.msg}")
            continue
        yield _parse_article(where, item)


def _parse_article(origin: str, item: Any) -> RawArticle | ReadFailure:
    if not isinstance(item, dict):
        return ReadFailure(origin, f"expected a JSON object, got {type(item).__name__}")
    try:
        return ArticleIn.model_validate(item).to_raw(origin)
    except ValidationError as exc:
        return ReadFailure(origin, describe_validation_error(exc))
