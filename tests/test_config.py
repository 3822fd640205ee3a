"""Every setting is documented in the README, with its default."""

import re
from pathlib import Path

from app.config import Settings

README = Path(__file__).resolve().parent.parent / "README.md"


def test_every_setting_is_documented_in_the_readme() -> None:
    readme = README.read_text(encoding="utf-8")
    documented = set(re.findall(r"^\|\s*`(NEWSMETA_[A-Z_]+)`", readme, flags=re.MULTILINE))
    expected = {f"NEWSMETA_{name.upper()}" for name in Settings.model_fields}
    assert expected - documented == set(), "settings missing from the README table"
    assert documented - expected == set(), "README documents settings that do not exist"


def test_lists_are_comma_separated(monkeypatch) -> None:
    monkeypatch.setenv("NEWSMETA_API_KEYS", "key1, key2")
    monkeypatch.setenv("NEWSMETA_CORS_ORIGINS", "https://a.example,https://b.example")
    settings = Settings()
    assert settings.api_keys == ["key1", "key2"]
    assert settings.cors_origins == ["https://a.example", "https://b.example"]


def test_dotenv_is_read(tmp_path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / ".env").write_text("NEWSMETA_PAGE_SIZE=7\n")
    assert Settings().page_size == 7


def test_default_store_is_a_sqlite_file_under_data() -> None:
    settings = Settings(_env_file=None)
    assert settings.database_url == "sqlite:///./data/newsmeta.db"
    assert str(settings.sqlite_path()) == "data/newsmeta.db"
