"""Readers: files, folders, stdin → RawArticle (or a ReadFailure with a one-line reason).

Formats by extension: ``.txt`` (plain-text layout), ``.html``/``.htm`` (a web page),
``.json`` (one article or a list), ``.jsonl`` (one article per line, streamed),
``.xml``/``.rss``/``.atom`` (feeds, one article per item). Stdin (``-``) is sniffed.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from pydantic import ValidationError

from app.pipeline.ingest.decode import DecodeError, decode_bytes
from app.pipeline.ingest.feeds import FeedError, read_feed
from app.pipeline.ingest.html import HtmlError, read_page
from app.pipeline.ingest.schemas import ArticleIn, describe_validation_error
from app.pipeline.types import RawArticle

__all__ = [
    "SUFFIXES",
    "ArticleIn",
    "ReadFailure",
    "has_article_files",
    "is_article_file",
    "iter_paths",
    "read_bytes",
    "read_path",
]

SUFFIXES = {
    ".txt": "text",
    ".html": "html",
    ".htm": "html",
    ".json": "json",
    ".jsonl": "jsonl",
    ".xml": "feed",
    ".rss": "feed",
    ".atom": "feed",
}
_SNIFF_BYTES = 8192


@dataclass(frozen=True)
class ReadFailure:
    origin: str
    reason: str


def iter_paths(
    paths: list[str], *, on_skip: Callable[[Path], None] | None = None
) -> Iterator[Path | str]:
    """Each file under the given paths (folders recursively, sorted); ``-`` is stdin.

    In a folder, files whose extension is not an article format (a README.md, an image)
    are left out and passed to ``on_skip``; a file named on the command line is always
    read (and fails if its format is unknown). Entries that are not regular files
    (dangling links, sockets) are yielded too, so that they are reported instead of
    silently skipped.
    """
    for given in paths:
        if given == "-":
            yield "-"
            continue
        path = Path(given)
        if not path.is_dir():
            yield path
            continue
        for found in _walk(path):
            if is_article_file(found):
                yield found
            elif on_skip is not None:
                on_skip(found)


def _walk(folder: Path) -> list[Path]:
    return sorted(
        p
        for p in folder.rglob("*")
        if not p.is_dir() and not any(part.startswith(".") for part in p.relative_to(folder).parts)
    )


def is_article_file(path: Path) -> bool:
    """True when the extension is one of the article formats (``SUFFIXES``)."""
    return path.suffix.lower() in SUFFIXES


def has_article_files(folder: Path) -> bool:
    """True when the folder holds at least one file in an article format."""
    return any(is_article_file(p) for p in _walk(folder))


def read_path(path: Path | str, *, max_bytes: int) -> Iterator[RawArticle | ReadFailure]:
    """The articles in one file (or stdin); failures are yielded, never raised."""
    origin = "<stdin>" if path == "-" else str(path)
    try:
        if path != "-" and Path(path).exists() and not Path(path).is_file():
            yield ReadFailure(origin, "not a regular file")
            return
        stream = sys.stdin.buffer if path == "-" else open(path, "rb")  # noqa: SIM115
    except OSError as exc:
        yield ReadFailure(origin, f"cannot read: {exc.strerror or exc}")
        return
    try:
        yield from _read_stream(origin, path, stream, max_bytes)
    except OSError as exc:
        yield ReadFailure(origin, f"cannot read: {exc.strerror or exc}")
    finally:
        if path != "-":
            stream.close()


def _read_stream(
    origin: str, path: Path | str, stream: IO[bytes], max_bytes: int
) -> Iterator[RawArticle | ReadFailure]:
    head = stream.peek(_SNIFF_BYTES)[:_SNIFF_BYTES] if hasattr(stream, "peek") else b""
    suffix = Path(str(path)).suffix.lower()
    kind = sniff(head) if path == "-" else SUFFIXES.get(suffix, "")
    if not kind:
        yield ReadFailure(origin, f"unsupported file type {suffix or '(no extension)'!r}")
        return
    if kind == "jsonl":
        yield from _read_jsonl(origin, stream, max_bytes)
        return
    data = stream.read(max_bytes + 1)
    if len(data) > max_bytes:
        yield ReadFailure(origin, f"larger than the {max_bytes}-byte limit (max_article_bytes)")
        return
    yield from read_bytes(origin, data, kind)


def read_bytes(origin: str, data: bytes, kind: str) -> Iterator[RawArticle | ReadFailure]:
    """The articles in ``data`` of the given kind (text, html, json, jsonl, feed)."""
    if not data.strip():
        yield ReadFailure(origin, "empty file")
        return
    if kind == "feed":
        try:
            for item in read_feed(origin, data):
                yield item if isinstance(item, RawArticle) else ReadFailure(*item)
        except FeedError as exc:
            yield ReadFailure(origin, str(exc))
        return
    try:
        text = decode_bytes(data)
    except DecodeError as exc:
        yield ReadFailure(origin, str(exc))
        return
    if kind == "text":
        yield RawArticle(origin=origin, text=text)
    elif kind == "html":
        yield _read_html(origin, text)
    elif kind == "jsonl":
        yield from _jsonl_lines(origin, enumerate(text.splitlines(), start=1))
    else:
        yield from _read_json(origin, text)


def sniff(head: bytes) -> str:
    """The format of stdin from its first bytes."""
    start = head.lstrip(b"\xef\xbb\xbf \t\r\n")
    lowered = start[:2048].lower()
    if start.startswith(b"["):
        return "json"
    if start.startswith(b"{"):
        first, _, rest = start.partition(b"\n")
        try:
            json.loads(first)
        except (ValueError, RecursionError):
            return "json"  # a pretty-printed object spans several lines
        return "jsonl" if rest.strip() else "json"
    if start.startswith(b"<"):
        if any(tag in lowered for tag in (b"<rss", b"<feed", b"<rdf:rdf")):
            return "feed"
        if any(tag in lowered for tag in (b"<html", b"<!doctype html", b"<body")):
            return "html"
        if lowered.startswith(b"<?xml"):
            return "feed"
    return "text"


def _read_html(origin: str, html: str) -> RawArticle | ReadFailure:
    try:
        page = read_page(html)
    except HtmlError as exc:
        return ReadFailure(origin, str(exc))
    return RawArticle(
        origin=origin,
        text=page.text,
        title=page.title,
        standfirst=page.lead,
        url=page.url,
        published_at=page.published_at,
        language=page.language,
        source=page.site_name,
        authors=page.authors,
    )


def _read_jsonl(
    origin: str, stream: IO[bytes], max_bytes: int
) -> Iterator[RawArticle | ReadFailure]:
    """Line by line, so a dump larger than memory (``db export``) imports fine."""
    seen_any = False
    number = 0
    while line := stream.readline(max_bytes + 1):
        number += 1
        if len(line) > max_bytes and not line.endswith(b"\n"):
            while (rest := stream.readline(max_bytes)) and not rest.endswith(b"\n"):
                pass  # skip the rest of the over-long line
            yield ReadFailure(f"{origin}:{number}", f"line larger than the {max_bytes}-byte limit")
            continue
        if not line.strip():
            continue
        seen_any = True
        try:
            text = decode_bytes(line)
        except DecodeError as exc:
            yield ReadFailure(f"{origin}:{number}", str(exc))
            continue
        yield from _jsonl_lines(origin, [(number, text)])
    if not seen_any:
        yield ReadFailure(origin, "empty file")


def _jsonl_lines(
    origin: str, lines: Iterator[tuple[int, str]] | list[tuple[int, str]]
) -> Iterator[RawArticle | ReadFailure]:
    for number, line in lines:
        if not line.strip():
            continue
        where = f"{origin}:{number}"
        try:
            item = json.loads(line)
        except json.JSONDecodeError as exc:
            yield ReadFailure(where, f"malformed JSON: {exc.msg} (column {exc.colno})")
            continue
        except RecursionError:
            yield ReadFailure(where, "JSON nested too deeply to be an article")
            continue
        yield parse_article(where, item)


def _read_json(origin: str, text: str) -> Iterator[RawArticle | ReadFailure]:
    try:
        payload = json.loads(text)
    except json.JSONDecodeError as exc:
        yield ReadFailure(origin, f"malformed JSON at line {exc.lineno}: {exc.msg}")
        return
    except RecursionError:
        yield ReadFailure(origin, "JSON nested too deeply to be an article")
        return
    if isinstance(payload, list) and not payload:
        yield ReadFailure(origin, "empty JSON list: no articles")
        return
    items = payload if isinstance(payload, list) else [payload]
    for index, item in enumerate(items):
        where = f"{origin}[{index}]" if isinstance(payload, list) else origin
        yield parse_article(where, item)


def parse_article(origin: str, item: Any) -> RawArticle | ReadFailure:
    """One SPEC JSON article (strict) → RawArticle, or the reason it is refused."""
    if not isinstance(item, dict):
        return ReadFailure(origin, f"expected a JSON object, got {type(item).__name__}")
    try:
        return ArticleIn.model_validate(item).to_raw(origin)
    except ValidationError as exc:
        return ReadFailure(origin, describe_validation_error(exc))
