"""Questions in English find the right Dutch offers, through the JSON API."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from finder.settings import Settings
from tests.city import build_city


@pytest.mark.parametrize(
    ("question", "title"),
    [
        ("food bank near me", "Voedselbank Zwolle"),
        ("help with DigiD", "Informatiepunt Digitale Overheid"),
        ("who can help me with my tax return", "Hulp bij belastingaangifte"),
    ],
)
def test_english_phrasing_finds_dutch_offers(
    settings: Settings, make_client: Callable[[Settings], Any], question: str, title: str
) -> None:
    build_city(settings)
    body = (
        make_client(settings)
        .get("/api/v1/search", params={"q": question, "postcode": "8017", "lang": "en"})
        .json()
    )
    assert body["hits"], body["query"]
    assert body["hits"][0]["title"] == title
    assert body["hits"][0]["distance_km"] is not None
