"""Anonymous search answers are cached briefly; personal pages never are."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import httpx
import pytest
from starlette.requests import Request
from starlette.responses import PlainTextResponse
from starlette.types import Receive, Scope, Send

from finder.search.indexing import reindex
from finder.settings import Settings
from finder.web.page_cache import PageCache
from tests.city import build_city
from tests.meili import drop_indexes, meili_settings, needs_meili
from tests.meili_proxy import meili_proxy


@pytest.fixture
def client(settings: Settings, make_client: Callable[[Settings], Any]) -> Any:
    build_city(settings)
    return make_client(settings)


def test_repeated_question_is_served_from_cache(client: Any) -> None:
    first = client.get("/zoeken", params={"q": "digid", "postcode": "8017"})
    second = client.get("/zoeken", params={"postcode": "8017", "q": "digid"})
    assert (first.headers["x-cache"], second.headers["x-cache"]) == ("miss", "hit")
    assert first.text == second.text


def test_offer_pages_are_cached_until_a_new_generation(client: Any, settings: Settings) -> None:
    offer = client.get("/api/v1/search", params={"q": "digid"}).json()["hits"][0]["id"]
    for path in (f"/aanbod/{offer}", f"/api/v1/offers/{offer}"):
        assert client.get(path).headers["x-cache"] == "miss"
        assert client.get(path).headers["x-cache"] == "hit"
    reindex(settings)
    assert client.get(f"/aanbod/{offer}").headers["x-cache"] == "miss"


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
    client = make_client(settings)
    client.get("/zoeken", params={"q": "digid"})
    assert "x-cache" not in client.get("/zoeken", params={"q": "digid"}).headers


def _echo_app(body_size: int = 0) -> Any:
    """An app that answers with the last `q` it was given, padded to `body_size` bytes."""

    async def app(scope: Scope, receive: Receive, send: Send) -> None:
        q = Request(scope).query_params.get("q", "")
        await PlainTextResponse(q.ljust(body_size, "."))(scope, receive, send)

    return app


def _ask(cache: PageCache, url: str) -> httpx.Response:
    async def go() -> httpx.Response:
        transport = httpx.ASGITransport(app=cache)
        async with httpx.AsyncClient(transport=transport, base_url="http://t") as c:
            return await c.get(url)

    return asyncio.run(go())


def test_repeated_parameters_in_another_order_do_not_share_an_answer() -> None:
    cache = PageCache(_echo_app(), generation=lambda: 1, ttl=60)
    first, second = _ask(cache, "/zoeken?q=a&q=b"), _ask(cache, "/zoeken?q=b&q=a")
    assert (first.text, second.text) == ("b", "a")
    assert second.headers["x-cache"] == "miss"
    assert _ask(cache, "/zoeken?q=b&q=a").headers["x-cache"] == "hit"


def test_the_cache_holds_at_most_its_byte_budget() -> None:
    cache = PageCache(_echo_app(10_000), generation=lambda: 1, ttl=60, max_bytes=100_000)
    for n in range(100):
        _ask(cache, f"/zoeken?q=unique{n}")
    assert 0 < cache.size <= 100_000 and len(cache) < 10
    assert _ask(cache, "/zoeken?q=unique99").headers["x-cache"] == "hit"
    assert _ask(cache, "/zoeken?q=unique0").headers["x-cache"] == "miss"


def test_a_popular_answer_survives_a_stream_of_unique_questions() -> None:
    cache = PageCache(_echo_app(10_000), generation=lambda: 1, ttl=60, max_bytes=100_000)
    for n in range(100):
        _ask(cache, "/zoeken?q=digid")
        _ask(cache, f"/zoeken?q=unique{n}")
    assert _ask(cache, "/zoeken?q=digid").headers["x-cache"] == "hit"


def test_expired_answers_are_freed_even_if_nobody_asks_for_them_again() -> None:
    now = [0.0]
    cache = PageCache(_echo_app(1000), generation=lambda: 1, ttl=60, clock=lambda: now[0])
    for n in range(50):
        _ask(cache, f"/zoeken?q=unique{n}")
    assert len(cache) == 50
    now[0] = 61
    _ask(cache, "/zoeken?q=another")
    assert len(cache) == 1 and cache.size < 2000


def test_a_new_generation_frees_every_answer_of_the_old_one() -> None:
    generation = [1]
    cache = PageCache(_echo_app(1000), generation=lambda: generation[0], ttl=60)
    for n in range(20):
        _ask(cache, f"/zoeken?q=unique{n}")
    generation[0] = 2
    _ask(cache, "/zoeken?q=another")
    assert len(cache) == 1


def test_many_residents_asking_a_new_question_at_once_compute_it_once() -> None:
    calls = []

    async def slow(scope: Scope, receive: Receive, send: Send) -> None:
        calls.append(scope["path"])
        await asyncio.sleep(0.05)
        await PlainTextResponse("answer")(scope, receive, send)

    cache = PageCache(slow, generation=lambda: 1, ttl=60)

    async def crowd() -> list[httpx.Response]:
        transport = httpx.ASGITransport(app=cache)
        async with httpx.AsyncClient(transport=transport, base_url="http://t") as c:
            return await asyncio.gather(*(c.get("/zoeken?q=nieuw") for _ in range(50)))

    answers = asyncio.run(crowd())
    assert {a.text for a in answers} == {"answer"} and len(calls) == 1
    assert sorted(a.headers["x-cache"] for a in answers).count("miss") == 1
