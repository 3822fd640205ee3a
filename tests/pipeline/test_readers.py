"""Readers: every format gives the article and its metadata; bad input gives one clear line."""

from __future__ import annotations

import io
import json
import sys
from datetime import date
from pathlib import Path

import pytest

from app.common.timex import BAD_DATE
from app.pipeline.ingest.prepare import ImportDefaults, prepare
from app.pipeline.ingest.readers import ReadFailure, iter_paths, read_path, sniff
from app.pipeline.types import RawArticle

DATA = Path(__file__).resolve().parent.parent / "data"
FORMATS = DATA / "formats"
BAD = DATA / "bad"


def read_all(path: Path | str, max_bytes: int = 1_000_000) -> list[RawArticle | ReadFailure]:
    return list(read_path(path, max_bytes=max_bytes))


def only_article(path: Path) -> RawArticle:
    [item] = read_all(path)
    assert isinstance(item, RawArticle), item
    return item


def test_html_page_gives_text_and_the_page_metadata() -> None:
    raw = only_article(FORMATS / "page.html")
    assert raw.title == "Genève accueille les pourparlers américano-russes"
    assert raw.published_at == date(2022, 1, 9)
    assert raw.authors == ("Claire Martin",)
    assert raw.source == "Le Quotidien"
    assert raw.url == "https://quotidien.example/monde/geneve-pourparlers"
    assert raw.language == "fr"
    article = prepare(raw, ImportDefaults())
    assert article.body.startswith("Les délégations américaine et russe sont arrivées dimanche")
    assert article.body.endswith("de négocier « de bonne foi ».")
    for chrome in ("Accueil", "Mentions légales", "Le Quotidien"):
        assert chrome not in article.body


def test_rss_items_are_articles_with_content_encoded_as_text() -> None:
    first, second = read_all(FORMATS / "feed.rss")
    assert isinstance(first, RawArticle) and isinstance(second, RawArticle)
    assert first.origin.endswith("feed.rss#item1")
    assert first.title == "L'OTAN se dit prête au dialogue"
    assert first.url == "https://quotidien.example/monde/otan-dialogue"
    assert first.external_id == "quotidien-1001"
    assert first.source == "Le Quotidien – Monde"
    assert first.language == "fr"
    assert first.authors == ("Claire Martin",)
    # 23:30 in Paris is still Friday the 7th, whatever the UTC date.
    assert first.published_at == date(2022, 1, 7)
    assert first.text == (
        "L'OTAN est ouverte à l'écoute des préoccupations de Moscou, a déclaré vendredi "
        "Jens Stoltenberg.\n\nUne réunion du Conseil OTAN-Russie devrait avoir lieu le 12 janvier."
    )
    # No content:encoded: the summary's HTML becomes the text.
    assert second.text == "Les délégations sont arrivées dimanche à Genève."


def test_atom_and_rss_1_feeds() -> None:
    atom = only_article(FORMATS / "feed.atom")
    assert (atom.title, atom.url, atom.external_id, atom.source, atom.authors) == (
        "NATO and Russia meet in Brussels",
        "https://desk.example/nato-russia",
        "urn:example:world:42",
        "World Desk",
        ("Sam Lee",),
    )
    assert atom.published_at == date(2022, 1, 12)  # published, not updated
    assert atom.text and atom.text.endswith("It was the first such meeting since 2019.")
    rdf = only_article(FORMATS / "rdf.rss")
    assert (rdf.title, rdf.source, rdf.published_at) == (
        "Parliament passes the budget",
        "Old Wire",
        date(2022, 1, 11),
    )


def test_windows_1252_and_mojibake_are_read_as_proper_french() -> None:
    expected = "Le budget de la ville adopté à l'unanimité"
    for name in ("cp1252.txt", "mojibake.txt"):
        article = prepare(only_article(FORMATS / name), ImportDefaults())
        assert article.title == expected, name
        assert "« un effort considérable »" in (article.standfirst or "")
        assert (
            article.body
            == "Le maire a précisé que les impôts locaux n'augmenteraient pas cette année."
        )


def test_json_lines_are_strict_and_name_the_line(tmp_path: Path) -> None:
    items = read_all(BAD / "lines.jsonl")
    assert isinstance(items[0], RawArticle) and items[0].title == "Bon"
    failures = [(Path(f.origin).name, f.reason) for f in items[1:] if isinstance(f, ReadFailure)]
    assert failures == [
        ("lines.jsonl:2", "malformed JSON: Expecting value (column 1)"),
        ("lines.jsonl:3", f"published_at: {BAD_DATE}"),  # the API's one wording
        ("lines.jsonl:4", "expected a JSON object, got list"),
    ]


def test_json_list_items_are_named_by_index(tmp_path: Path) -> None:
    path = tmp_path / "list.json"
    path.write_text(json.dumps([{"title": "A", "text": "Un."}, {"title": 3, "text": "Deux."}]))
    first, second = read_all(path)
    assert isinstance(first, RawArticle)
    assert second == ReadFailure(f"{path}[1]", "title: Input should be a valid string")


def test_json_html_field_is_converted_to_text() -> None:
    from app.pipeline.ingest.readers import parse_article

    raw = parse_article("x", {"title": "T", "html": "<p>Premier paragraphe.</p><p>Second.</p>"})
    assert isinstance(raw, RawArticle)
    assert prepare(raw, ImportDefaults()).body == "Premier paragraphe.\n\nSecond."


@pytest.mark.parametrize(
    ("head", "kind"),
    [
        (b'{"title": "a", "text": "b"}', "json"),
        (b'{"title": "a", "text": "b"}\n{"title": "c", "text": "d"}\n', "jsonl"),
        (b'{\n  "title": "a"\n}', "json"),
        (b"[{}]", "json"),
        (b'<?xml version="1.0"?><rss version="2.0">', "feed"),
        (b'<feed xmlns="http://www.w3.org/2005/Atom">', "feed"),
        (b"<!DOCTYPE html><html><body>", "html"),
        (b"Un titre\n\nUn texte.", "text"),
    ],
)
def test_stdin_format_is_sniffed(head: bytes, kind: str) -> None:
    assert sniff(head) == kind


def test_stdin_json_lines(monkeypatch: pytest.MonkeyPatch) -> None:
    lines = b'{"title": "A", "text": "Un."}\n{"title": "B", "text": "Deux."}\n'
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BufferedReader(io.BytesIO(lines))))
    items = read_all("-")
    assert [i.title for i in items if isinstance(i, RawArticle)] == ["A", "B"]
    assert [i.origin for i in items] == ["<stdin>:1", "<stdin>:2"]


BAD_REASONS = {
    "empty.txt": "empty file",
    "blank.txt": "empty file",
    "binary.txt": "binary file (NUL bytes), not text",
    "garbage.txt": "not valid UTF-8 (byte 5) and no other encoding fits",
    # The download stopped inside the article's only paragraph (a page cut after its
    # article is read: tests/pipeline/test_html_pages.py).
    "truncated.html": "truncated HTML: the page ends inside the article text",
    "no-text.html": "too short to be an article: 7 characters of text",
    "malformed.json": "malformed JSON at line 2: Expecting ',' delimiter",
    "deeply-nested.json": "JSON nested too deeply to be an article",
    "typo.json": "publised_at: unknown field",
    "wrong-type.json": "authors: Input should be a valid list",
    "no-text.json": "either 'text' or 'html' is required",
    "empty-list.json": "empty JSON list: no articles",
    "not-a-feed.xml": "not an RSS or Atom feed",
    "empty-feed.atom": "the feed has no items",
    "document.docx": "unsupported file type '.docx'",
}


@pytest.mark.parametrize(("name", "reason"), sorted(BAD_REASONS.items()))
def test_bad_input_gets_a_one_line_reason(name: str, reason: str) -> None:
    assert read_all(BAD / name) == [ReadFailure(str(BAD / name), reason)]


def test_feed_item_without_content_is_reported_and_the_others_kept() -> None:
    good, bad = read_all(BAD / "broken-items.rss")
    assert isinstance(good, RawArticle) and good.title == "Un bon article"
    assert bad == ReadFailure(
        f"{BAD / 'broken-items.rss'}#item2",
        "feed item has no text (no content:encoded, content or summary)",
    )


def test_a_file_over_the_size_limit_is_refused() -> None:
    path = BAD / "too-big.txt"
    assert read_all(path, max_bytes=1000) == [
        ReadFailure(str(path), "larger than the 1000-byte limit (max_article_bytes)")
    ]


def test_an_over_long_json_line_is_refused_and_the_next_read(tmp_path: Path) -> None:
    path = tmp_path / "long.jsonl"
    long = json.dumps({"title": "Long", "text": "x " * 2000})
    path.write_text(long + "\n" + json.dumps({"title": "Court", "text": "Un."}) + "\n")
    failure, article = read_all(path, max_bytes=1000)
    assert failure == ReadFailure(f"{path}:1", "line larger than the 1000-byte limit")
    assert isinstance(article, RawArticle) and article.title == "Court"


def test_unreadable_paths_are_reported_not_skipped(tmp_path: Path) -> None:
    (tmp_path / "dangling.txt").symlink_to(tmp_path / "nowhere.txt")
    (tmp_path / "sub").mkdir()
    (tmp_path / ".git").mkdir()
    (tmp_path / ".git" / "notes.txt").write_text("Pas un article\n\nIgnoré.")
    (tmp_path / ".hidden.txt").write_text("Pas un article\n\nIgnoré.")
    found = list(iter_paths([str(tmp_path)]))
    assert found == [tmp_path / "dangling.txt"]
    assert read_all(tmp_path / "dangling.txt") == [
        ReadFailure(str(tmp_path / "dangling.txt"), "cannot read: No such file or directory")
    ]
    assert read_all(tmp_path / "sub") == [ReadFailure(str(tmp_path / "sub"), "not a regular file")]
    assert read_all(tmp_path / "missing.txt") == [
        ReadFailure(str(tmp_path / "missing.txt"), "cannot read: No such file or directory")
    ]


def test_a_folder_yields_its_article_files_and_skips_the_others(tmp_path: Path) -> None:
    for name in ("b.txt", "a.json", "README.md", "notes", "img/photo.JPG", "img/feed.RSS"):
        (tmp_path / name).parent.mkdir(exist_ok=True)
        (tmp_path / name).write_text("x")
    skipped: list[Path] = []
    found = list(iter_paths([str(tmp_path)], on_skip=skipped.append))
    assert found == [tmp_path / "a.json", tmp_path / "b.txt", tmp_path / "img" / "feed.RSS"]
    assert sorted(skipped) == [
        tmp_path / "README.md",
        tmp_path / "img/photo.JPG",
        tmp_path / "notes",
    ]
    # A file named on the command line is read whatever its extension (and fails there).
    assert list(iter_paths([str(tmp_path / "README.md")])) == [tmp_path / "README.md"]
