"""Every query parameter is bounded before it is searched, echoed or used as a cache key (#9)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from finder.settings import Settings
from tests.city import build_city


@pytest.fixture
def client(settings: Settings, make_client: Callable[[Settings], Any]) -> Any:
    build_city(settings)
    return make_client(settings)


def test_an_overlong_postcode_is_not_a_postcode_and_is_not_echoed(client: Any) -> None:
    postcode = "801700" + "x" * 3000
    page = client.get("/zoeken", params={"q": "digid", "postcode": postcode})
    assert page.status_code == 200
    assert 'aria-invalid="true"' in page.text
    assert "Informatiepunt Digitale Overheid" in page.text
    assert "x" * 250 not in page.text
    normal = client.get("/zoeken", params={"q": "digid", "postcode": "8017"})
    assert len(page.content) < len(normal.content) + 10_000


def test_the_api_refuses_a_postcode_longer_than_seven_characters(client: Any) -> None:
    assert client.get("/api/v1/search", params={"q": "digid", "postcode": "8017 AB"}).is_success
    response = client.get("/api/v1/search", params={"q": "digid", "postcode": "8017 ABC"})
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["query", "postcode"]


def test_a_postcode_with_spaces_around_it_still_counts(client: Any) -> None:
    page = client.get("/zoeken", params={"q": "digid", "postcode": "  8017 AB  "})
    assert 'aria-invalid="true"' not in page.text


@pytest.mark.parametrize("path", ["/zoeken", "/api/v1/search"])
def test_repeated_parameters_are_refused(client: Any, path: str) -> None:
    for query in (
        "q=digid&q=voedselbank",
        "q=voedselbank&q=digid",
        "q=digid&postcode=8017&postcode=8043",
    ):
        response = client.get(f"{path}?{query}")
        assert response.status_code == 422, query
        assert "x-cache" not in response.headers or response.headers["x-cache"] == "miss"


def test_a_list_parameter_of_the_api_may_repeat(client: Any) -> None:
    response = client.get("/api/v1/search?q=digid&category=Digitale+hulp&category=Geld")
    assert response.status_code == 200


@pytest.mark.parametrize("meer", ["2", "-1", "99999999999999999999", "ja"])
def test_more_results_is_zero_or_one(client: Any, meer: str) -> None:
    assert client.get("/zoeken", params={"q": "digid", "meer": meer}).status_code == 422


def test_language_links_do_not_repeat_an_absurd_parameter(client: Any) -> None:
    page = client.get("/zoeken", params={"q": "digid", "utm": "y" * 3000})
    assert page.status_code == 200
    assert "y" * 300 not in page.text
