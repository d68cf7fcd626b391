"""When a part is down or slow, residents get the general contacts and /healthz names the part.

Never a 500: Meilisearch is stopped mid-run (then started again), stalled behind a proxy, and
PostgreSQL is stopped under a running app.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from finder.settings import Settings
from tests.city import build_city
from tests.meili import (
    MeiliServer,
    drop_indexes,
    meili_settings,
    needs_meili,
    needs_meili_binary,
    private_server,
)
from tests.meili_proxy import MeiliProxy, meili_proxy
from tests.postgres import postgres_server

GENERAL_CONTACTS = ("14038", "Stadkamer")


def assert_search_unavailable(client: Any, q: str) -> None:
    page = client.get("/zoeken", params={"q": q, "postcode": "8043"})
    assert page.status_code == 503
    assert all(contact in page.text for contact in GENERAL_CONTACTS)
    assert "Sociaal Wijkteam West" in page.text  # the resident's own wijkteam, from the database
    api = client.get("/api/v1/search", params={"q": q})
    assert api.status_code == 503
    assert api.json() == {
        "error": "search_unavailable",
        "message": "Search is temporarily unavailable.",
    }
    health = client.get("/healthz")
    assert health.status_code == 503
    assert health.json()["database"] == "ok" and health.json()["search"] == "unavailable"


@pytest.fixture
def own_server() -> Iterator[MeiliServer]:
    with private_server() as server:
        yield server


@needs_meili_binary
def test_meilisearch_stopped_mid_run_and_started_again(
    own_server: MeiliServer, tmp_path: Path, make_client: Callable[[Settings], Any]
) -> None:
    settings = meili_settings(tmp_path / "var", url=own_server.url, key=own_server.key)
    build_city(settings)
    client = make_client(settings)
    assert "Voedselbank Zwolle" in client.get("/zoeken", params={"q": "voedselbank"}).text
    assert client.get("/healthz").json()["status"] == "ok"

    own_server.stop()
    assert_search_unavailable(client, "digid")

    own_server.start()
    assert "Informatiepunt Digitale Overheid" in client.get("/zoeken", params={"q": "digid"}).text
    health = client.get("/healthz").json()
    assert (health["status"], health["search_backend"]) == ("ok", "meilisearch")
    assert health["documents"] >= 9


@pytest.fixture
def stalling(tmp_path: Path) -> Iterator[tuple[Settings, MeiliProxy]]:
    direct = meili_settings(tmp_path / "var")
    with meili_proxy(direct.meili_url) as proxy:
        settings = direct.model_copy(update={"meili_url": proxy.url, "meili_timeout": 0.5})
        build_city(settings)
        yield settings, proxy
    drop_indexes(direct)


@needs_meili
def test_a_stalled_meilisearch_times_out_into_the_friendly_page(
    stalling: tuple[Settings, MeiliProxy], make_client: Callable[[Settings], Any]
) -> None:
    settings, proxy = stalling
    client = make_client(settings)
    assert "Voedselbank Zwolle" in client.get("/zoeken", params={"q": "voedselbank"}).text
    proxy.stall()
    # The proxy answers nothing for 30 s: only the app's own timeout can end the wait sooner.
    assert_search_unavailable(client, "digid")
    assert not proxy.outlasted


@needs_meili
def test_after_a_timeout_meilisearch_is_left_alone_as_long_and_then_asked_again(
    stalling: tuple[Settings, MeiliProxy], make_client: Callable[[Settings], Any]
) -> None:
    settings, proxy = stalling
    client = make_client(settings)
    proxy.stall()
    assert client.get("/api/v1/search", params={"q": "digid"}).status_code == 503
    asked = [r for r in proxy.requests if "multi-search" in r]
    # A stalled server is not asked again at once: every resident would wait the full timeout.
    assert client.get("/api/v1/search", params={"q": "paspoort"}).status_code == 503
    assert client.get("/zoeken", params={"q": "schulden"}).status_code == 503
    assert [r for r in proxy.requests if "multi-search" in r] == asked
    proxy.stalled = False
    proxy.release.set()
    time.sleep(settings.meili_timeout + 0.1)
    answer = client.get("/api/v1/search", params={"q": "digid"})
    assert answer.status_code == 200
    assert "Informatiepunt Digitale Overheid" in answer.text


def test_database_down_is_named_by_healthz(
    tmp_path: Path, make_client: Callable[[Settings], Any]
) -> None:
    with postgres_server() as (url, server):
        settings = Settings(data_dir=tmp_path / "var", environment="test", database_url=url)
        offers = build_city(settings)
        client = make_client(settings)
        assert client.get("/healthz").json()["database"] == "ok"
        server.terminate()
        server.wait(30)
        health = client.get("/healthz")
        assert health.status_code == 503
        assert health.json()["database"] == "unavailable" and health.json()["search"] == "ok"
        # Search needs only the index; the page says nothing of the database.
        page = client.get("/zoeken", params={"q": "voedselbank"})
        assert page.status_code == 200 and "Voedselbank Zwolle" in page.text
        # What needs the database is an outage to wait out: a 503 with a phone number, not a 500.
        offer = offers["Voedselbank Zwolle"]
        detail = client.get(f"/aanbod/{offer}", params={"lang": "en"})
        assert detail.status_code == 503 and detail.headers["retry-after"] == "60"
        assert "This information is not available right now" in detail.text
        assert 'href="tel:' in detail.text
        api = client.get(f"/api/v1/offers/{offer}")
        assert api.status_code == 503 and api.json()["error"] == "catalogue_unavailable"
