from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from fastapi.testclient import TestClient

from finder.app import create_app
from finder.settings import Settings
from tests.meili import meilisearch_server
from tests.page_gate import check_page


class GatedClient(TestClient):
    """A test client that runs the page quality gate on every HTML page it receives."""

    def request(self, *args: Any, **kwargs: Any) -> httpx.Response:  # type: ignore[override]
        response = super().request(*args, **kwargs)
        if (
            response.headers.get("content-type", "").startswith("text/html")
            and response.text.strip()
        ):
            check_page(response.text)
        return response


@pytest.fixture(scope="session")
def meili_server() -> Iterator[tuple[str, str]]:
    """(url, key) of a live Meilisearch server; skips when none is available."""
    with meilisearch_server() as server:
        if server is None:
            pytest.skip("no Meilisearch: set FINDER_MEILI_URL or FINDER_TEST_MEILI_BIN")
        yield server


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return Settings(data_dir=tmp_path / "var", environment="test")


@pytest.fixture
def make_client() -> Iterator[Any]:
    clients: list[GatedClient] = []

    def _make(settings: Settings) -> GatedClient:
        client = GatedClient(create_app(settings), raise_server_exceptions=False)
        clients.append(client)
        return client

    yield _make
    for client in clients:
        client.close()
