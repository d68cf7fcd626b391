"""The one settings object fails fast on unsafe production set-ups."""

from __future__ import annotations

from pathlib import Path

import pytest
from cryptography.fernet import Fernet
from pydantic import ValidationError

from finder.settings import DEV_KEYS, Settings


def test_production_needs_a_secret_and_an_encryption_key(tmp_path: Path) -> None:
    key, secret = Fernet.generate_key().decode(), "a-real-secret-" * 3
    for weak in ("", "dev-only-secret-change-me-dev-only-secret", "too-short"):
        with pytest.raises(ValidationError, match="FINDER_SECRET_KEY"):
            Settings(
                data_dir=tmp_path, environment="production", encryption_key=key, secret_key=weak
            )
    with pytest.raises(ValidationError, match="FINDER_ENCRYPTION_KEY"):
        Settings(data_dir=tmp_path, environment="production", secret_key=secret)
    Settings(data_dir=tmp_path, environment="production", secret_key=secret, encryption_key=key)
    assert not (tmp_path / DEV_KEYS).exists()


@pytest.mark.parametrize("environment", ["production", "development"])
def test_the_encryption_key_must_be_a_fernet_key(tmp_path: Path, environment: str) -> None:
    for wrong in ("k" * 44, "not a key", Fernet.generate_key().decode()[:-2]):
        with pytest.raises(ValidationError, match="not a Fernet key"):
            Settings(
                data_dir=tmp_path,
                environment=environment,
                secret_key="s" * 40,
                encryption_key=wrong,
            )


def test_meilisearch_needs_a_url(tmp_path: Path) -> None:
    with pytest.raises(ValidationError, match="FINDER_MEILI_URL"):
        # Explicitly empty: scripts/test exports FINDER_MEILI_URL when it runs Meilisearch.
        Settings(data_dir=tmp_path, search_backend="meilisearch", meili_url="")


def test_production_meilisearch_needs_a_key(tmp_path: Path) -> None:
    production = {
        "data_dir": tmp_path,
        "environment": "production",
        "secret_key": "a-real-secret-that-is-long-enough-for-production",
        "encryption_key": Fernet.generate_key().decode(),
        "search_backend": "meilisearch",
        "meili_url": "http://127.0.0.1:7700",
        "meili_key": "",  # explicitly empty: scripts/test exports FINDER_MEILI_KEY
        "meili_search_key": "",
    }
    with pytest.raises(ValidationError, match="FINDER_MEILI_SEARCH_KEY"):
        Settings(**production)  # type: ignore[arg-type]
    assert Settings(**{**production, "meili_search_key": "web"}).meili_search_key == "web"  # type: ignore[arg-type]
    assert Settings(**{**production, "meili_key": "indexer"}).meili_key == "indexer"  # type: ignore[arg-type]


def test_a_search_timeout_must_be_positive(tmp_path: Path) -> None:
    with pytest.raises(ValidationError, match="meili_timeout"):
        Settings(data_dir=tmp_path, meili_timeout=0)


def test_crawler_names_the_deployment_as_contact(tmp_path: Path) -> None:
    settings = Settings(data_dir=tmp_path, base_url="https://hulp.zwolle.nl/")
    assert settings.user_agent == "StadInVerbinding-indexer/0.1 (+https://hulp.zwolle.nl/over)"
    assert Settings(data_dir=tmp_path, crawl_user_agent="Mine/1").user_agent == "Mine/1"


def test_sqlite_under_the_data_dir_by_default(tmp_path: Path) -> None:
    assert (
        Settings(data_dir=tmp_path).resolved_database_url
        == f"sqlite:///{tmp_path}/catalogue.sqlite3"
    )


def test_an_empty_data_dir_is_the_default_not_the_current_folder(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("FINDER_DATA_DIR", "")
    assert Settings(environment="test").data_dir == Path("var")
