"""Pages make no third-party requests, track nothing and run no inline script."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any
from urllib.parse import urlsplit

import pytest

from finder.settings import Settings
from tests.city import build_city

RESOURCE = re.compile(
    r"<(?:script|link|img|iframe|source|video|audio)\b[^>]*?(?:src|href)=\"([^\"]+)\"", re.I
)


@pytest.fixture
def pages(settings: Settings, make_client: Callable[[Settings], Any]) -> list[Any]:
    ids = build_city(settings)
    client = make_client(settings)
    urls = [
        "/",
        "/zoeken?q=digid&postcode=8017",
        "/zoeken?q=qqqxxx",
        f"/aanbod/{ids['Informatiepunt Digitale Overheid']}",
        "/api/docs",
        "/nergens",
    ]
    return [client.get(url) for url in urls]


def test_strict_content_security_policy(pages: list[Any]) -> None:
    for response in pages:
        csp = response.headers["content-security-policy"]
        assert "script-src 'self'" in csp and "default-src 'self'" in csp
        assert "unsafe-inline" not in csp
        assert response.headers["referrer-policy"] == "no-referrer"


def test_every_resource_is_served_by_the_app(pages: list[Any]) -> None:
    for response in pages:
        for url in RESOURCE.findall(response.text):
            assert urlsplit(url).netloc in ("", "testserver"), url


def test_no_inline_script_and_no_tracking_cookies(pages: list[Any]) -> None:
    for response in pages:
        assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", response.text)
        assert "set-cookie" not in response.headers


def test_language_cookie_only_after_an_explicit_choice(
    settings: Settings, make_client: Callable[[Settings], Any]
) -> None:
    client = make_client(settings)
    assert "set-cookie" not in client.get("/", headers={"accept-language": "en"}).headers
    cookie = client.get("/?lang=en").headers["set-cookie"]
    assert cookie.startswith("lang=en") and "HttpOnly" in cookie and "SameSite=Lax" in cookie
