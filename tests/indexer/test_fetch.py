"""Polite, robust fetching against a real local server: caps, redirects, retries, 304s."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from http.server import BaseHTTPRequestHandler

import pytest

from finder.settings import Settings
from indexer.fetch import Fetched, Fetcher, FetchError
from indexer.http_cache import HttpCache
from indexer.limits import CrawlLimits
from tests.indexer.helpers import LocalSite


def _limits(**overrides: object) -> CrawlLimits:
    values: dict[str, object] = {
        "user_agent": "StadInVerbinding-indexer/test (+https://example.invalid)",
        "concurrency": 2,
        "delay": 0.0,
        "connect_timeout": 2.0,
        "read_timeout": 2.0,
        "max_bytes": 1000,
        "retries": 2,
        "retry_backoff": 0.01,
    } | overrides
    return CrawlLimits(**values)  # type: ignore[arg-type]


def _get(url: str, limits: CrawlLimits | None = None, cache: HttpCache | None = None) -> Fetched:
    async def run() -> Fetched:
        async with Fetcher(limits or _limits(), cache) as fetcher:
            return await fetcher.get(url)

    return asyncio.run(run())


def test_user_agent_and_charset_from_headers(make_site: Callable[[], LocalSite]) -> None:
    site = make_site()
    seen: list[str] = []

    def page(request: BaseHTTPRequestHandler) -> tuple[int, dict[str, str], bytes]:
        seen.append(request.headers["User-Agent"])
        return 200, {"Content-Type": "text/html; charset=windows-1252"}, "Café € ".encode("cp1252")

    site.routes["/p"] = page
    assert _get(site.url("/p")).text() == "Café € "
    assert seen == ["StadInVerbinding-indexer/test (+https://example.invalid)"]


def test_body_over_the_size_cap_is_cut_off(make_site: Callable[[], LocalSite]) -> None:
    site = make_site()
    site.add("/big", b"x" * 5000)
    with pytest.raises(FetchError, match="larger than 1000 bytes"):
        _get(site.url("/big"))


def test_redirect_loop_and_too_many_redirects(make_site: Callable[[], LocalSite]) -> None:
    site = make_site()
    site.add("/a", status=302, headers={"Location": "/b"})
    site.add("/b", status=301, headers={"Location": "/a"})
    for hop in range(7):
        site.add(f"/r{hop}", status=302, headers={"Location": f"/r{hop + 1}"})
    site.add("/r7", "end")
    with pytest.raises(FetchError, match="redirect loop"):
        _get(site.url("/a"))
    with pytest.raises(FetchError, match="more than 5 redirects"):
        _get(site.url("/r0"))
    site.add("/short", status=302, headers={"Location": "/r5"})
    assert _get(site.url("/short")).text() == "end"


def test_server_errors_are_retried_then_recorded(make_site: Callable[[], LocalSite]) -> None:
    site = make_site()
    answers = iter([500, 503, 200])

    def flaky(_request: BaseHTTPRequestHandler) -> tuple[int, dict[str, str], bytes]:
        return next(answers), {}, b"ok"

    site.routes["/flaky"] = flaky
    site.add("/down", status=500)
    assert _get(site.url("/flaky")).text() == "ok"
    with pytest.raises(FetchError, match="HTTP 500 after 3 attempts"):
        _get(site.url("/down"))
    assert site.asked("/down") == 3


def test_conditional_get_reports_unchanged(
    make_site: Callable[[], LocalSite], settings: Settings
) -> None:
    from finder.db import init_db

    cache = HttpCache(init_db(settings))
    site = make_site()
    site.add("/feed", "same body", headers={"ETag": '"v1"'})
    first = _get(site.url("/feed"), cache=cache)
    second = _get(site.url("/feed"), cache=cache)
    assert not first.unchanged
    assert second.unchanged and second.text() == "same body"
