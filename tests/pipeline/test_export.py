"""Backups: `db export` then `import` into an empty store gives the same store, without NLP."""

from __future__ import annotations

import io
import json
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine, func, select
from sqlmodel import Session

from app.articles.models import Article
from app.db import make_engine, upgrade
from app.entities.types import MentionResult
from app.pipeline import nlp
from app.pipeline.ingest.prepare import ImportDefaults
from app.pipeline.run import run_import
from app.pipeline.store import load
from app.pipeline.store.export import export_articles
from app.pipeline.types import DateResult, QuoteResult
from tests.conftest import drop_postgres_database, new_store_url
from tests.factories import clean_article
from tests.pipeline.test_load import BODY, GENEVA, NATO, extraction
from tests.test_cli import newsmeta


@pytest.fixture
def new_store(backend: str, tmp_path: Path) -> Iterator[Callable[[], Engine]]:
    """Makes fresh migrated stores of the test's backend; drops them afterwards."""
    made: list[tuple[str, Engine]] = []

    def make() -> Engine:
        url = new_store_url(backend, tmp_path)
        upgrade(url)
        engine = make_engine(url)
        made.append((url, engine))
        return engine

    yield make
    for url, engine in made:
        engine.dispose()
        if backend == "postgresql":
            drop_postgres_database(url)


def dump(engine: Engine) -> bytes:
    out = io.BytesIO()
    export_articles(engine, out)
    return out.getvalue()


def fill(engine: Engine) -> None:
    with Session(engine) as session:
        load.store_article(
            session,
            clean_article(
                body=BODY,
                standfirst="Un chapeau.",
                republished=True,
                authors=("Claire Martin",),
                url="https://a.example/1",
            ),
            extraction(),
        )
        load.store_article(
            session, clean_article(body=BODY, url="https://b.example/2"), extraction()
        )
        other = BODY.replace("Genève", "Genève et à Paris")
        load.store_article(session, clean_article(body=other, published_at=None), extraction(other))
        session.commit()


def test_export_then_import_restores_the_same_store(
    new_store: Callable[[], Engine],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    source = new_store()
    fill(source)
    exported = dump(source)
    records = [json.loads(line) for line in exported.splitlines()]
    assert len(records) == 2
    first = records[0]
    # Every URL, its own first, as GET /v1/articles/{id} gives them.
    assert (first["url"], first["urls"]) == (
        "https://a.example/1",
        ["https://a.example/1", "https://b.example/2"],
    )
    assert (first["standfirst"], first["republished"], first["authors"]) == (
        "Un chapeau.",
        True,
        ["Claire Martin"],
    )
    mention = first["extracted"]["mentions"][0]
    assert mention == {
        "text": "OTAN",
        "start": 2,
        "end": 6,
        "field": "body",
        "entity": {
            "name": "NATO",
            "type": "ORG",
            "key": "wikidata:Q7184",
            "ids": {"wikidata": "Q7184"},
            "aliases": ["OTAN"],
        },
    }
    [quote] = first["extracted"]["quotes"]
    assert quote["speaker_role"] == "secrétaire général de l'OTAN"
    [event] = first["extracted"]["events"]
    assert event["location"]["name"] == "Genève" and event["participants"][0]["name"] == "NATO"
    assert event["evidence"].startswith("L'OTAN se réunit")

    def no_nlp(*args: object, **kwargs: object) -> None:
        raise AssertionError("a restore must not run the NLP")

    monkeypatch.setattr(nlp, "parse_many", no_nlp)
    path = tmp_path / "dump.jsonl"
    path.write_bytes(exported)
    target = new_store()
    report = run_import(
        [str(path)],
        session_factory=lambda: Session(target, expire_on_commit=False),
        defaults=ImportDefaults(),
        max_bytes=1_000_000,
    )
    assert (report.imported, report.failed) == (2, 0), report.failures
    assert dump(target) == exported
    again = run_import(
        [str(path)],
        session_factory=lambda: Session(target, expire_on_commit=False),
        defaults=ImportDefaults(),
        max_bytes=1_000_000,
    )
    assert (again.imported, again.unchanged) == (0, 2)


def test_items_of_the_title_and_standfirst_keep_their_field(
    new_store: Callable[[], Engine], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Offsets into the title or the standfirst say so; a restore checks them against it."""
    source = new_store()
    found = extraction()
    found.mentions += [
        MentionResult("Genève", 11, 17, GENEVA, "title"),
        MentionResult("OTAN", 2, 6, NATO, "standfirst"),
    ]
    found.dates.append(DateResult("lundi", 15, 20, "2022-01-03", "day", "standfirst"))
    found.quotes.append(QuoteResult("Réel", 2, 6, "direct", None, None, field="title"))
    with Session(source) as session:
        load.store_article(
            session,
            clean_article(body=BODY, title="« Réel » – Genève", standfirst="L'OTAN a parlé lundi."),
            found,
        )
        session.commit()
    exported = dump(source)
    [record] = [json.loads(line) for line in exported.splitlines()]
    fields = {(m["text"], m["field"]) for m in record["extracted"]["mentions"]}
    assert {("Genève", "title"), ("OTAN", "standfirst"), ("OTAN", "body")} <= fields
    assert [d["field"] for d in record["extracted"]["dates"]] == ["standfirst", "body"]
    assert {q["field"] for q in record["extracted"]["quotes"]} == {"title", "body"}

    monkeypatch.setattr(nlp, "parse_many", lambda *a, **k: None)
    path = tmp_path / "dump.jsonl"
    path.write_bytes(exported)
    target = new_store()
    report = run_import(
        [str(path)],
        session_factory=lambda: Session(target, expire_on_commit=False),
        defaults=ImportDefaults(),
        max_bytes=1_000_000,
    )
    assert (report.imported, report.failed) == (1, 0), report.failures
    assert dump(target) == exported
    # An offset that does not fit the field it names is refused.
    record["extracted"]["mentions"][0]["field"] = "standfirst"
    record["extracted"]["mentions"][0]["start"] = 30
    path.write_text(json.dumps(record) + "\n")
    bad = run_import(
        [str(path)],
        session_factory=lambda: Session(new_store(), expire_on_commit=False),
        defaults=ImportDefaults(),
        max_bytes=1_000_000,
    )
    assert bad.failed == 1 and "standfirst[30:" in str(bad.failures)


def test_extracted_offsets_must_match_the_text(tmp_path: Path) -> None:
    from app.pipeline.ingest.readers import parse_article
    from app.pipeline.run import ImportReport, iter_prepared

    record = {
        "title": "T",
        "text": "L'OTAN se réunit.",
        "extracted": {
            "mentions": [
                {"text": "OTAN", "start": 0, "end": 4, "entity": {"name": "NATO", "type": "ORG"}}
            ]
        },
    }
    path = tmp_path / "bad.jsonl"
    path.write_text(json.dumps(record) + "\n")
    report = ImportReport()
    assert (
        list(
            iter_prepared(
                [str(path)],
                ImportDefaults(),
                max_bytes=10_000,
                report=report,
                fallback_language="fr",
            )
        )
        == []
    )
    assert [f.reason for f in report.failures] == ["extracted.mentions[0]: body[0:4] is not 'OTAN'"]
    typo = parse_article("x", record | {"extracted": {"mention": []}})
    assert getattr(typo, "reason", None) == "extracted.mention: unknown field"


def test_db_export_command_round_trip(tmp_path: Path) -> None:
    source = f"sqlite:///{tmp_path / 'a.db'}"
    target = f"sqlite:///{tmp_path / 'b.db'}"
    for url in (source, target):
        assert newsmeta("db", "upgrade", url=url).returncode == 0
    records = tmp_path / "in.jsonl"
    records.write_text(
        "\n".join(
            json.dumps(
                {
                    "title": f"Article {n}",
                    "text": f"L'OTAN se réunit le jour {n}.",
                    "url": f"https://a.example/{n}",
                    "extracted": {
                        "mentions": [
                            {
                                "text": "OTAN",
                                "start": 2,
                                "end": 6,
                                "entity": {"name": "NATO", "type": "ORG"},
                            }
                        ]
                    },
                }
            )
            for n in range(3)
        )
    )
    assert newsmeta("import", str(records), url=source).returncode == 0
    out = tmp_path / "backup" / "dump.jsonl"
    result = newsmeta("db", "export", "--parents", str(out), url=source)
    assert result.returncode == 0 and "exported 3 articles" in result.stderr
    restored = newsmeta("import", str(out), url=target)
    assert "imported 3, updated 0, unchanged 0, failed 0" in restored.stdout, restored.stderr
    assert newsmeta("db", "export", "-", url=target).stdout.encode() == out.read_bytes()
    engine = make_engine(target)
    with Session(engine) as session:
        assert session.scalar(select(func.count()).select_from(Article)) == 3
    engine.dispose()
