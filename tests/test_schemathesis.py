"""Contract fuzzing: schemathesis drives every read operation against the app.

Bounded (``MAX_EXAMPLES`` per operation, derandomized) over a store holding a few
articles with extracted data, on SQLite and on PostgreSQL (their failures differ:
integer overflow, NUL bytes, search syntax). No 5xx, no response outside its documented
status codes, content types, headers and schemas.
"""

from __future__ import annotations

import importlib.util
from collections.abc import Iterator
from typing import Any

import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.specs.openapi.checks import positive_data_acceptance
from sqlmodel import Session

from app.config import get_settings
from app.db import get_engine, make_engine, upgrade
from tests.api_data import build_store
from tests.conftest import drop_postgres_database, new_store_url

MAX_EXAMPLES = 25


@pytest.fixture(scope="module")
def api_schema(backend: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    url = new_store_url(backend, tmp_path_factory.mktemp("fuzz"))
    upgrade(url)
    engine = make_engine(url)
    with Session(engine) as session:
        build_store(session)
        session.commit()
    engine.dispose()
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("NEWSMETA_DATABASE_URL", url)
        patch.setenv("NEWSMETA_LOG_LEVEL", "WARNING")
        # /v1/changes?wait=30 would hold each example up to 30 s: poll briefly instead.
        patch.setattr("app.changes.router.wait_cap", 0.3)
        get_settings.cache_clear()
        get_engine.cache_clear()
        from app.main import create_app

        yield schemathesis.openapi.from_asgi("/openapi.json", create_app())
        get_engine().dispose()
    get_settings.cache_clear()
    get_engine.cache_clear()
    if backend == "postgresql":
        drop_postgres_database(url)


# Reads only: writes need an API key and run the NLP pipeline (tested on their own).
schema = schemathesis.pytest.from_fixture("api_schema").include(method="GET")
if importlib.util.find_spec("app.events.ics") is None:  # arrives from another branch
    schema = schema.exclude(operation_id="get_events_calendar")


@schema.parametrize()
@settings(
    max_examples=MAX_EXAMPLES,
    derandomize=True,
    deadline=None,
    suppress_health_check=list(HealthCheck),
)
def test_api_honours_its_contract(case: Any) -> None:
    # Schema-valid but refused on purpose: forged cursors (signed, cannot be generated)
    # and queries without a searchable word are 422s, so that check is left out.
    case.call_and_validate(excluded_checks=[positive_data_acceptance])
