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


def test_meilisearch_needs_a_url(tmp_path: Path) -> None:
    with pytest.raises(ValidationError, match="FINDER_MEILI_URL"):
        # Explicitly empty: scripts/test exports FINDER_MEILI_URL when it runs Meilisearch.
        Settings(data_dir=tmp_path, search_backend="meilisearch", meili_url="")


def test_production_meilisearch_needs_a_key(tmp_path: Path) -> None:
    production = {
        "data_dir": tmp_path,
        "environment": "production",
        "secret_key": "a-real-secret",
        "encryption_key": "k",
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
