from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from finder.search.indexing import reindex
from finder.settings import Settings
from tests.finder.search.catalogue import build_city


@pytest.fixture
def api(settings: Settings, make_client: Callable[[Settings], Any]) -> tuple[Any, dict[str, str]]:
    ids = build_city(settings)
    reindex(settings)
    return make_client(settings), ids


def test_search_returns_the_documented_shape(api: tuple[Any, dict[str, str]]) -> None:
    client, ids = api
    body = client.get("/api/v1/search", params={"q": "help with DigiD", "postcode": "8017"}).json()
    assert set(body) == {"query", "total", "generation", "hits"}
    assert body["generation"].startswith("gen-")
    hit = body["hits"][0]
    assert hit["id"] == ids["Informatiepunt Digitale Overheid"]
    for key in (
        "title",
        "organization",
        "source",
        "source_ref",
        "url",
        "summary",
        "address",
        "postcode",
    ):
        assert key in hit
    assert hit["source"] == "open-referral"
    assert isinstance(hit["distance_km"], float)
    assert hit["serves_postcode"] is True
    assert body["query"]["understood"] == "DigiD · in de buurt van 8017"


def test_distance_and_serves_are_null_without_location(api: tuple[Any, dict[str, str]]) -> None:
    client, _ = api
    hit = client.get("/api/v1/search", params={"q": "digid"}).json()["hits"][0]
    assert hit["distance_km"] is None and hit["serves_postcode"] is None


def test_limit_is_respected(api: tuple[Any, dict[str, str]]) -> None:
    client, _ = api
    body = client.get("/api/v1/search", params={"q": "wijkteam", "limit": 1}).json()
    assert len(body["hits"]) == 1 and body["total"] >= 3


def test_offer_detail(api: tuple[Any, dict[str, str]]) -> None:
    client, ids = api
    body = client.get(f"/api/v1/offers/{ids['Informatiepunt Digitale Overheid']}").json()
    assert body["title"] == "Informatiepunt Digitale Overheid"
    assert len(body["locations"]) == 3
    assert body["locations"][0]["hours"][0]["opens"] == "09:00"
    assert body["sources"][0]["kind"] == "open-referral"


def test_defunct_offer_is_not_found(api: tuple[Any, dict[str, str]]) -> None:
    client, ids = api
    response = client.get(f"/api/v1/offers/{ids['Oude dienst die niet meer bestaat']}")
    assert response.status_code == 404
    assert response.json()["error"] == "http_error"


@pytest.mark.parametrize(
    "params",
    [
        {"q": "digid", "limit": "veel"},
        {"q": "digid", "limit": 0},
        {"q": "digid", "sort": "x"},
        {"lang": "xx"},
    ],
)
def test_bad_parameters_give_a_clear_422(
    api: tuple[Any, dict[str, str]], params: dict[str, object]
) -> None:
    client, _ = api
    response = client.get("/api/v1/search", params=params)
    assert response.status_code == 422
    body = response.json()
    assert body["error"] == "invalid_request"
    assert body["detail"] and body["detail"][0]["loc"][0] == "query"


def test_healthz(api: tuple[Any, dict[str, str]]) -> None:
    client, _ = api
    body = client.get("/healthz").json()
    assert body["status"] == "ok" and body["documents"] >= 9


def test_openapi_docs_are_served(api: tuple[Any, dict[str, str]]) -> None:
    client, _ = api
    docs = client.get("/api/docs")
    assert docs.status_code == 200
    for model in ("SearchResponse", "OfferResponse", "HealthResponse", "LocationOut", "NeedRef"):
        assert f'<h3 id="model-{model}"><code>{model}</code></h3>' in docs.text
    assert '<a href="#model-OfferResponse"><code>OfferResponse</code></a>' in docs.text
    assert "/api/v1/search" in client.get("/api/openapi.json").json()["paths"]


def test_every_api_route_has_a_documented_response_model(api: tuple[Any, dict[str, str]]) -> None:
    client, _ = api
    schema = client.get("/api/openapi.json").json()
    for path in ("/api/v1/search", "/api/v1/offers/{offer_id}", "/healthz"):
        content = schema["paths"][path]["get"]["responses"]["200"]["content"]
        assert "$ref" in content["application/json"]["schema"], path
    offer = schema["components"]["schemas"]["OfferResponse"]["properties"]
    assert {"locations", "hours", "sources", "organization"} <= set(offer)


def test_offer_detail_answers_with_its_model(api: tuple[Any, dict[str, str]]) -> None:
    client, ids = api
    body = client.get(f"/api/v1/offers/{ids['Informatiepunt Digitale Overheid']}").json()
    assert body["organization"]["name"] == "Stadkamer"
    assert "status" not in body and "stale_since" in body
    assert {"id", "name", "address", "postcode", "hours"} <= set(body["locations"][0])
