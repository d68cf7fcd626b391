"""The one settings object fails fast on unsafe production set-ups."""

from __future__ import annotations

from pathlib import Path

import pytest
from pydantic import ValidationError

from finder.settings import Settings


def test_production_needs_a_secret_and_an_encryption_key(tmp_path: Path) -> None:
    with pytest.raises(ValidationError, match="FINDER_SECRET_KEY"):
        Settings(data_dir=tmp_path, environment="production", encryption_key="k")
    with pytest.raises(ValidationError, match="FINDER_ENCRYPTION_KEY"):
        Settings(data_dir=tmp_path, environment="production", secret_key="a-real-secret")


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
