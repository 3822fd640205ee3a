"""Settings: one class, env prefix ``NEWSMETA_``, ``.env`` supported.

Every field is documented in the README's settings table (a test checks it).
"""

from functools import lru_cache
from pathlib import Path
from typing import Annotated

from pydantic import Field, field_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

DEFAULT_DATABASE_URL = "sqlite:///./data/newsmeta.db"


def _split_csv(value: object) -> object:
    if isinstance(value, str):
        return [item.strip() for item in value.split(",") if item.strip()]
    return value


class Settings(BaseSettings):
    model_config = SettingsConfigDict(
        env_prefix="NEWSMETA_", env_file=".env", env_file_encoding="utf-8", extra="ignore"
    )

    # repr=False: secrets (keys, a password in the URL) never reach a log line via repr().
    database_url: str = Field(
        DEFAULT_DATABASE_URL, description="SQLAlchemy URL of the store.", repr=False
    )
    read_database_url: str = Field(
        "",
        description="SQLAlchemy URL of a read replica for GET requests (empty: the store).",
        repr=False,
    )
    redis_url: str = Field(
        "",
        description="Redis URL shared by every API process for the write rate limit "
        "(empty: a limit per process, in memory).",
        repr=False,
    )
    changes_retention_days: int = Field(
        30, ge=1, description="Days the change feed keeps; older changes are pruned."
    )
    api_keys: Annotated[list[str], NoDecode] = Field(
        default_factory=list, description="Comma-separated keys allowed to write.", repr=False
    )
    cors_origins: Annotated[list[str], NoDecode] = Field(
        default_factory=list, description="Comma-separated origins allowed by CORS."
    )
    log_level: str = Field("INFO", description="Python log level.")
    log_format: str = Field("text", description="`text` or `json` (one JSON line per record).")
    page_size: int = Field(20, ge=1, le=100, description="Default `limit` of list endpoints.")
    spacy_models: dict[str, str] = Field(
        default_factory=lambda: {"fr": "fr_core_news_md"},
        description="JSON map of language code to spaCy pipeline name "
        '(`{"fr": "fr_core_news_sm"}`: faster and smaller, weaker entities; see the README).',
    )
    default_language: str = Field("fr", description="Language assumed when detection fails.")
    cursor_secret: str = Field(
        "",
        description="Key that signs pagination cursors (derived from the URL when empty).",
        repr=False,
    )
    cache_max_age: int = Field(
        60, ge=0, description="`Cache-Control: max-age` (seconds) of successful reads."
    )
    api_threads: int = Field(
        0,
        ge=0,
        description="Threads that run request handlers, per process; 0 = 2 on SQLite "
        "(its queries are CPU here: more threads only take turns), 40 on PostgreSQL.",
    )
    response_cache_mb: int = Field(
        32,
        ge=0,
        description="Memory for successful reads kept until the store changes; 0 = off.",
    )
    max_article_bytes: int = Field(
        10 * 1024 * 1024, description="Largest input file or article the importer accepts."
    )
    write_rate_limit: int = Field(
        60, ge=0, description="Writes a minute per API key (or client IP); 0 = no limit."
    )
    max_request_bytes: int = Field(
        4 * 1024 * 1024, ge=1024, description="Largest HTTP request body (413 beyond)."
    )
    db_connect_timeout: int = Field(
        5, ge=1, description="Seconds to wait for a PostgreSQL connection to open."
    )
    db_pool_timeout: float = Field(
        5.0, gt=0, description="Seconds a request waits for a free pooled connection."
    )
    db_statement_timeout: float = Field(
        30.0, ge=0, description="PostgreSQL statement_timeout of the app, seconds (0: none)."
    )
    sqlite_busy_timeout: float = Field(
        30.0, ge=0, description="Seconds a SQLite writer waits for another one to finish."
    )

    @field_validator("api_keys", "cors_origins", mode="before")
    @classmethod
    def _csv(cls, value: object) -> object:
        return _split_csv(value)

    @field_validator("log_format")
    @classmethod
    def _log_format(cls, value: str) -> str:
        if value not in {"text", "json"}:
            raise ValueError("log_format must be 'text' or 'json'")
        return value

    def sqlite_path(self) -> Path | None:
        """The file behind a SQLite URL, or None for other stores and in-memory SQLite."""
        prefix = "sqlite:///"
        if not self.database_url.startswith(prefix):
            return None
        raw = self.database_url[len(prefix) :].split("?", 1)[0]
        return None if raw in {"", ":memory:"} else Path(raw)


@lru_cache
def get_settings() -> Settings:
    return Settings()
