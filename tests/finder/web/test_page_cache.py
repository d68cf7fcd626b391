"""Anonymous search answers are cached briefly; personal pages never are."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import httpx
import pytest
from starlette.responses import PlainTextResponse
from starlette.types import Receive, Scope, Send

from finder.search.indexing import reindex
from finder.settings import Settings
from finder.web.page_cache import PageCache
from tests.finder.search.catalogue import build_city
from tests.meili import drop_indexes, meili_settings, needs_meili
from tests.meili_proxy import meili_proxy


@pytest.fixture
def client(settings: Settings, make_client: Callable[[Settings], Any]) -> Any:
    build_city(settings)
    reindex(settings)
    return make_client(settings)


def test_repeated_question_is_served_from_cache(client: Any) -> None:
    first = client.get("/zoeken", params={"q": "digid", "postcode": "8017"})
    second = client.get("/zoeken", params={"postcode": "8017", "q": "digid"})
    assert (first.headers["x-cache"], second.headers["x-cache"]) == ("miss", "hit")
    assert first.text == second.text


def test_each_language_has_its_own_entry(client: Any) -> None:
    client.get("/zoeken", params={"q": "digid"})
    english = client.get("/zoeken", params={"q": "digid"}, headers={"accept-language": "en"})
    assert english.headers["x-cache"] == "miss"
    assert 'lang="en"' in english.text


def test_staff_pages_are_never_cached(client: Any) -> None:
    client.get("/zoeken", params={"q": "digid"})
    client.cookies.set("finder_staff", "token")
    staff = client.get("/zoeken", params={"q": "digid"})
    assert "x-cache" not in staff.headers


def test_a_new_index_generation_drops_cached_answers(client: Any, settings: Settings) -> None:
    client.get("/api/v1/search", params={"q": "voedselbank"})
    reindex(settings)
    assert client.get("/api/v1/search", params={"q": "voedselbank"}).headers["x-cache"] == "miss"


def _until(cache_state: str, ask: Callable[[], Any]) -> None:
    deadline = time.monotonic() + 15
    while ask().headers["x-cache"] != cache_state:
        assert time.monotonic() < deadline, f"never a {cache_state}"
        time.sleep(0.1)


@needs_meili
def test_a_new_meilisearch_generation_drops_cached_answers(
    tmp_path: Path, make_client: Callable[[Settings], Any]
) -> None:
    direct = meili_settings(tmp_path / "var")
    try:
        with meili_proxy(direct.meili_url) as proxy:
            settings = direct.model_copy(update={"meili_url": proxy.url})
            build_city(settings)
            reindex(settings)
            client = make_client(settings)

            def ask() -> Any:
                return client.get("/api/v1/search", params={"q": "voedselbank"})

            _until("hit", ask)
            proxy.requests.clear()
            assert all(ask().headers["x-cache"] == "hit" for _ in range(20))
            # Knowing the generation costs a request every few seconds, not one per page view.
            assert len(proxy.requests) <= 2
            reindex(settings)
            _until("miss", ask)
    finally:
        drop_indexes(direct)


def test_answers_expire() -> None:
    now = [0.0]
    calls = []

    async def app(scope: Scope, receive: Receive, send: Send) -> None:
        calls.append(scope["path"])
        await PlainTextResponse("ok")(scope, receive, send)

    cached = PageCache(app, generation=lambda: "1", ttl=60, clock=lambda: now[0])
    transport = httpx.ASGITransport(app=cached)

    async def ask() -> str:
        async with httpx.AsyncClient(transport=transport, base_url="http://t") as c:
            return (await c.get("/zoeken?q=eten")).headers["x-cache"]

    assert asyncio.run(ask()) == "miss"
    now[0] = 59
    assert asyncio.run(ask()) == "hit"
    now[0] = 61
    assert asyncio.run(ask()) == "miss"
    assert len(calls) == 2


def test_cache_can_be_turned_off(tmp_path: Any, make_client: Callable[[Settings], Any]) -> None:
    settings = Settings(data_dir=tmp_path / "var", environment="test", page_cache_seconds=0)
    build_city(settings)
    reindex(settings)
    client = make_client(settings)
    client.get("/zoeken", params={"q": "digid"})
    assert "x-cache" not in client.get("/zoeken", params={"q": "digid"}).headers
