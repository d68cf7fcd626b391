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


def test_meilisearch_needs_a_url(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # scripts/test exports the URL of the Meilisearch it started; this test is about its absence.
    monkeypatch.delenv("FINDER_MEILI_URL", raising=False)
    with pytest.raises(ValidationError, match="FINDER_MEILI_URL"):
        Settings(data_dir=tmp_path, search_backend="meilisearch")


def test_crawler_names_the_deployment_as_contact(tmp_path: Path) -> None:
    settings = Settings(data_dir=tmp_path, base_url="https://hulp.zwolle.nl/")
    assert settings.user_agent == "StadInVerbinding-indexer/0.1 (+https://hulp.zwolle.nl/over)"
    assert Settings(data_dir=tmp_path, crawl_user_agent="Mine/1").user_agent == "Mine/1"


def test_sqlite_under_the_data_dir_by_default(tmp_path: Path) -> None:
    assert (
        Settings(data_dir=tmp_path).resolved_database_url
        == f"sqlite:///{tmp_path}/catalogue.sqlite3"
    )
