"""Framework errors keep their status and get a page in the interface language (#9)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import pytest

from finder.settings import Settings
from tests.city import build_city

ENGLISH = {"accept-language": "en"}


@pytest.fixture
def client(settings: Settings, make_client: Callable[[Settings], Any]) -> Any:
    build_city(settings)
    return make_client(settings)


def _title(page: Any) -> str:
    return str(page.text.split("<title>", 1)[1].split("<", 1)[0])


def test_a_wrong_method_is_405_with_allow(client: Any) -> None:
    page = client.delete("/zoeken", headers=ENGLISH)
    assert page.status_code == 405
    assert "GET" in page.headers["allow"]
    assert _title(page).startswith("This page does not work this way")


def test_a_form_with_too_many_fields_is_400(client: Any) -> None:
    fields = "&".join(f"f{n}=1" for n in range(1200))
    page = client.post(
        "/staff/inloggen",
        content=fields,
        headers={**ENGLISH, "content-type": "application/x-www-form-urlencoded"},
    )
    assert page.status_code == 400
    assert _title(page).startswith("We could not read this request")


def test_a_large_body_is_413_before_it_is_read(client: Any) -> None:
    page = client.post(
        "/staff/inloggen",
        content=b"a" * 20_000_000,
        headers={**ENGLISH, "content-type": "application/x-www-form-urlencoded"},
    )
    assert page.status_code == 413
    assert _title(page).startswith("What you sent is too large")


def test_a_large_body_without_a_length_is_413_too(client: Any) -> None:
    def chunks() -> Iterator[bytes]:
        for _ in range(100):
            yield b"a" * 100_000

    page = client.post(
        "/staff/inloggen",
        content=chunks(),
        headers={**ENGLISH, "content-type": "application/x-www-form-urlencoded"},
    )
    assert page.status_code == 413


def test_a_long_address_is_414(client: Any) -> None:
    page = client.get("/zoeken", params={"q": "digid", "postcode": "8017" + "x" * 60_000})
    assert page.status_code == 414
    assert _title(page).startswith("Dit webadres is te lang")
    api = client.get("/api/v1/search", params={"q": "x" * 60_000})
    assert api.status_code == 414 and api.json()["error"] == "http_error"


def test_large_headers_are_431_in_the_interface_language(client: Any) -> None:
    page = client.get("/", headers={**ENGLISH, "cookie": "a=" + "b" * 20_000})
    assert page.status_code == 431
    assert _title(page).startswith("Your browser sent too much information")
    many = {f"x-filler-{n}": "y" * 1000 for n in range(20)}
    assert client.get("/", headers=many).status_code == 431


def test_ordinary_requests_pass_the_limits(client: Any) -> None:
    assert client.get("/zoeken", params={"q": "digid " * 400}).status_code == 200
    assert client.get("/", headers={"cookie": "lang=en; other=" + "z" * 4000}).status_code == 200
