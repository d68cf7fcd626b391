"""Cookies are read once, cheaply, and one odd cookie of another site loses nothing (#9)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from finder.settings import Settings
from tests.finder.staff.factories import build_world, login


@pytest.mark.parametrize(
    "header",
    [
        "lang=en; consent=yes please",
        'tracker="unclosed; lang=en',
        'lang=en; blob=a"b',
        "lang=en; {odd}=1",
        'lang=en; quoted="' + "\\b" * 2000 + '"',
    ],
)
def test_an_odd_cookie_of_another_site_does_not_lose_the_language(
    settings: Settings, make_client: Callable[[Settings], Any], header: str
) -> None:
    client = make_client(settings)
    page = client.get("/", headers={"cookie": header})
    assert page.status_code == 200
    assert '<html lang="en"' in page.text


def test_an_odd_cookie_does_not_end_a_staff_session(
    settings: Settings, make_client: Callable[[Settings], Any]
) -> None:
    world = build_world(settings)
    client = make_client(settings)
    login(client, world.users["counter"])
    session = client.cookies.get("finder_staff")
    client.cookies.clear()
    page = client.get(
        "/staff/bezoeker",
        headers={"cookie": f"consent=yes please; finder_staff={session}"},
        follow_redirects=False,
    )
    assert page.status_code == 200
