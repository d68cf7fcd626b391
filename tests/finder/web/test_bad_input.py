"""Bad input gets a calm answer: never a 500, never a traceback."""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

import pytest

from finder.settings import Settings
from tests.city import build_city


@pytest.fixture
def client(settings: Settings, make_client: Callable[[Settings], Any]) -> Any:
    build_city(settings)
    return make_client(settings)


def test_empty_query_shows_home_with_a_hint(client: Any) -> None:
    response = client.get("/zoeken", params={"q": "   "})
    assert response.status_code == 200
    assert 'role="status"' in response.text and 'id="q"' in response.text
    assert client.get("/api/v1/search", params={"q": ""}).json()["hits"] == []


@pytest.mark.parametrize(
    "q",
    [
        "digid " * 400,
        "dig\x00id\x07\x1b[31m",
        "😀🙈 digid 🚀",
        "مساعدة في الحصول على DigiD",
        "<script>alert(1)</script>",
        "' OR 1=1; --",
        '*?~:^"()[]{}',
    ],
)
def test_absurd_queries_are_handled_calmly(client: Any, q: str) -> None:
    page = client.get("/zoeken", params={"q": q})
    assert page.status_code == 200
    assert "<script>alert(1)</script>" not in page.text
    api = client.get("/api/v1/search", params={"q": q})
    assert api.status_code == 200
    assert len(api.json()["query"]["q"]) <= 200


def test_long_query_is_truncated_and_says_so(client: Any) -> None:
    body = client.get("/api/v1/search", params={"q": "digid " * 400}).json()
    assert body["query"]["truncated"] is True
    assert body["hits"][0]["title"] == "Informatiepunt Digitale Overheid"


def test_malformed_postcode_gets_a_message_and_search_still_runs(client: Any) -> None:
    page = client.get("/zoeken", params={"q": "digid", "postcode": "80171"})
    assert page.status_code == 200
    assert 'aria-invalid="true"' in page.text and 'aria-describedby="postcode-error"' in page.text
    assert "Informatiepunt Digitale Overheid" in page.text
    body = client.get("/api/v1/search", params={"q": "digid", "postcode": "ABCD"}).json()
    assert body["query"]["postcode_valid"] is False and body["hits"]


def test_unknown_postcode_still_searches(client: Any) -> None:
    body = client.get("/api/v1/search", params={"q": "digid", "postcode": "9999"}).json()
    assert body["hits"] and body["query"]["location_known"] is False
    assert body["hits"][0]["distance_km"] is None


def test_unknown_page_is_a_friendly_404(client: Any) -> None:
    response = client.get("/bestaat-niet")
    assert response.status_code == 404
    assert "14038" in response.text


def test_offer_with_strange_id_is_404(client: Any) -> None:
    assert client.get("/aanbod/..%2F..%2Fetc%2Fpasswd").status_code == 404


def test_missing_index_gives_friendly_503(
    settings: Settings, make_client: Callable[[Settings], Any]
) -> None:
    client = make_client(settings)
    page = client.get("/zoeken", params={"q": "digid"})
    assert page.status_code == 503
    assert "14038" in page.text and "Traceback" not in page.text
    assert client.get("/api/v1/search", params={"q": "digid"}).status_code == 503
    assert client.get("/healthz").status_code == 503


def test_unreachable_meilisearch_gives_friendly_503_and_logs(
    tmp_path: Any, make_client: Callable[[Settings], Any], caplog: pytest.LogCaptureFixture
) -> None:
    settings = Settings(
        data_dir=tmp_path / "var",
        environment="test",
        search_backend="meilisearch",
        meili_url="http://127.0.0.1:9",
    )
    client = make_client(settings)
    with caplog.at_level(logging.ERROR):
        page = client.get("/zoeken", params={"q": "digid", "postcode": "8017"})
    assert page.status_code == 503
    assert "14038" in page.text and "Traceback" not in page.text
    assert any("meilisearch" in r.getMessage().lower() for r in caplog.records)
    api = client.get("/api/v1/search", params={"q": "digid"})
    assert api.status_code == 503 and api.json()["error"] == "search_unavailable"
