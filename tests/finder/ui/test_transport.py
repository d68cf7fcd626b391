"""Forwarded headers count only from trusted proxies; https brings HSTS and Secure cookies (#9)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from finder.app import create_app
from finder.settings import Settings
from tests.conftest import GatedClient
from tests.finder.staff.factories import PASSWORD, build_world, token_in

PROXY = ("10.0.0.2", 40000)
HTTPS = {"x-forwarded-proto": "https", "x-forwarded-for": "203.0.113.9"}


@pytest.fixture
def behind_proxy(tmp_path: Path) -> Iterator[tuple[GatedClient, Settings]]:
    settings = Settings(data_dir=tmp_path / "var", environment="test", trusted_proxies="10.0.0.0/8")
    with GatedClient(create_app(settings), client=PROXY, raise_server_exceptions=False) as client:
        yield client, settings


def _set_cookies(response: object) -> list[str]:
    return list(response.headers.get_list("set-cookie"))  # type: ignore[attr-defined]


def test_hsts_only_when_a_trusted_proxy_says_https(
    behind_proxy: tuple[GatedClient, Settings], tmp_path: Path
) -> None:
    client, _ = behind_proxy
    assert "max-age=" in client.get("/", headers=HTTPS).headers["strict-transport-security"]
    assert "strict-transport-security" not in client.get("/").headers
    settings = Settings(data_dir=tmp_path / "other", environment="test")
    with GatedClient(create_app(settings), client=PROXY) as untrusted:
        assert "strict-transport-security" not in untrusted.get("/", headers=HTTPS).headers


def test_every_cookie_is_secure_under_https(behind_proxy: tuple[GatedClient, Settings]) -> None:
    client, settings = behind_proxy
    world = build_world(settings)
    # The proxy speaks http to the app; the browser's jar sends Secure cookies to https only.
    client.base_url = client.base_url.copy_with(scheme="https")
    cookies = _set_cookies(client.get("/?lang=en", headers=HTTPS))
    cookies += _set_cookies(client.get("/publieke-pc", headers=HTTPS, follow_redirects=False))
    cookies += _set_cookies(
        client.get("/publieke-pc/stoppen", headers=HTTPS, follow_redirects=False)
    )
    page = client.get("/staff/inloggen", headers=HTTPS)
    cookies += _set_cookies(page)
    login = client.post(
        "/staff/inloggen",
        data={
            "email": world.users["helper"],
            "password": PASSWORD,
            "csrf_token": token_in(page.text),
        },
        headers=HTTPS,
        follow_redirects=False,
    )
    assert login.status_code == 303
    cookies += _set_cookies(login)
    names = {c.split("=", 1)[0] for c in cookies}
    assert {"lang", "finder_public_pc", "finder_csrf", "finder_staff"} <= names
    assert all("; secure" in c.lower() for c in cookies), cookies


def test_cookies_over_plain_http_in_development_are_not_secure(
    behind_proxy: tuple[GatedClient, Settings],
) -> None:
    client, _ = behind_proxy
    cookie = client.get("/?lang=en").headers["set-cookie"]
    assert "secure" not in cookie.lower()


def test_the_client_address_comes_from_a_trusted_proxy_only(tmp_path: Path) -> None:
    settings = Settings(data_dir=tmp_path / "var", environment="test", login_max_failures=1)
    build_world(settings)

    def spray(client: GatedClient, prefix: str) -> list[int]:
        statuses = []
        for n in range(6):
            page = client.get("/staff/inloggen")
            statuses.append(
                client.post(
                    "/staff/inloggen",
                    data={
                        "email": f"{prefix}{n}@example.org",
                        "password": "guess",
                        "csrf_token": token_in(page.text),
                    },
                    headers={"x-forwarded-for": f"198.51.100.{n}"},
                ).status_code
            )
        return statuses

    with GatedClient(create_app(settings), client=PROXY) as untrusted:
        assert spray(untrusted, "a")[-1] == 429
    trusted = Settings(
        data_dir=tmp_path / "var",
        environment="test",
        login_max_failures=1,
        trusted_proxies="10.0.0.2",
    )
    with GatedClient(create_app(trusted), client=PROXY) as proxied:
        assert 429 not in spray(proxied, "b")
