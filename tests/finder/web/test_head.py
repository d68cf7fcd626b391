"""HEAD works wherever GET does, for uptime monitors and link checkers (#9)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from finder.settings import Settings
from tests.city import build_city


@pytest.fixture
def client_and_ids(
    settings: Settings, make_client: Callable[[Settings], Any]
) -> tuple[Any, dict[str, str]]:
    ids = build_city(settings)
    return make_client(settings), ids


def test_head_answers_like_get_without_a_body(client_and_ids: tuple[Any, dict[str, str]]) -> None:
    client, ids = client_and_ids
    offer = ids["Informatiepunt Digitale Overheid"]
    for url in (
        "/healthz",
        "/",
        "/zoeken?q=digid",
        f"/aanbod/{offer}",
        "/api/v1/search?q=digid",
        f"/api/v1/offers/{offer}",
        "/privacy",
        "/api/docs",
        "/static/finder.css",
    ):
        get, head = client.get(url), client.head(url)
        assert head.status_code == get.status_code == 200, url
        assert head.content == b"", url
        assert head.headers["content-type"] == get.headers["content-type"], url
    assert client.head("/bestaat-niet").status_code == 404
    assert client.head("/staff/uitloggen").status_code == 405
