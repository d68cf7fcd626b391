from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from fastapi.testclient import TestClient

from finder.app import create_app
from finder.settings import Settings
from tests.meili import AVAILABLE, live
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
def meili_server() -> tuple[str, str]:
    """(url, key) of a live Meilisearch server; skips when none is available."""
    if not AVAILABLE:
        pytest.skip("no live Meilisearch: set FINDER_TEST_MEILI_BIN or FINDER_MEILI_URL")
    return live()


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
