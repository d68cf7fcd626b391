"""The questions the demo city must answer well, asked through the HTTP API and pages.

The catalogue comes from the real indexer crawling the bundled demo sources.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from finder.app import create_app
from finder.settings import Settings
from tests.conftest import GatedClient
from tests.demo_city import crawl_demo


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Iterator[GatedClient]:
    data_dir = tmp_path_factory.mktemp("demo") / "var"
    crawl_demo(data_dir)
    with GatedClient(create_app(Settings(data_dir=data_dir, environment="test"))) as client:
        yield client


def search(client: GatedClient, q: str, postcode: str | None = None) -> dict[str, Any]:
    params = {"q": q, **({"postcode": postcode} if postcode else {})}
    response = client.get("/api/v1/search", params=params)
    assert response.status_code == 200
    body: dict[str, Any] = response.json()
    assert body["hits"], f"nothing found for {q!r}"
    return body


def test_digid_near_me(demo: GatedClient) -> None:
    body = search(demo, "wie kan mij helpen met DigiD bij mij in de buurt", "8017")
    top = body["hits"][0]
    assert top["title"].startswith("Informatiepunt Digitale Overheid")
    assert "Stadkamer" in top["organization"]
    assert top["distance_km"] is not None and top["distance_km"] < 3
    assert top["address"] and top["phone"]
    assert body["query"]["understood"] == "DigiD · in de buurt van 8017"


def test_digid_results_page_shows_address_distance_hours_and_phone(demo: GatedClient) -> None:
    page = demo.get(
        "/zoeken",
        params={"q": "wie kan mij helpen met DigiD bij mij in de buurt", "postcode": "8017"},
    )
    first_hit = page.text.split('class="hit"', 2)[1]
    assert "Informatiepunt Digitale Overheid" in first_hit
    assert "<mark>DigiD</mark>" in first_hit
    assert " km" in first_hit
    assert 'href="tel:' in first_hit
    assert "today" in first_hit
    assert "openstreetmap.org" in first_hit


def test_money_worries(demo: GatedClient) -> None:
    titles = [h["title"] for h in search(demo, "ik heb geldzorgen")["hits"][:3]]
    assert any("schuld" in t.lower() or "geldproblemen" in t.lower() for t in titles)


def test_passport_with_a_typo(demo: GatedClient) -> None:
    assert search(demo, "paspoord aanvragen")["hits"][0]["title"] == "Paspoort aanvragen"


def test_tax_return_help(demo: GatedClient) -> None:
    assert (
        "belastingaangifte"
        in search(demo, "hulp bij belastingaangifte")["hits"][0]["title"].lower()
    )


def test_learn_dutch(demo: GatedClient) -> None:
    assert search(demo, "waar kan ik Nederlands leren")["hits"][0]["title"].startswith("Taalpunt")


def test_food_bank(demo: GatedClient) -> None:
    assert search(demo, "voedselbank")["hits"][0]["title"].startswith("Voedselbank")


def test_which_wijkteam_is_mine(demo: GatedClient) -> None:
    top = search(demo, "welk wijkteam hoort bij mij", "8043")["hits"][0]
    assert top["title"] == "Sociaal Wijkteam West"
    assert top["serves_postcode"] is True


def test_english_question(demo: GatedClient) -> None:
    assert search(demo, "help with DigiD")["hits"][0]["title"].startswith(
        "Informatiepunt Digitale Overheid"
    )


def test_food_means_the_food_bank(demo: GatedClient) -> None:
    assert search(demo, "eten")["hits"][0]["title"].startswith("Voedselbank")


def test_detail_page_has_hours_apply_and_source(demo: GatedClient) -> None:
    hit = search(demo, "paspoord aanvragen")["hits"][0]
    page = demo.get(f"/aanbod/{hit['id']}")
    assert page.status_code == 200
    assert 'class="hours-table"' in page.text
    assert 'id="apply-heading"' in page.text
    assert 'id="source-heading"' in page.text
    assert '<ul lang="nl"><li>' in page.text  # what to bring, one item a line


def test_demo_data_is_marked(demo: GatedClient) -> None:
    hits = search(demo, "wijkteam", "8043")["hits"]
    assert any(h["is_demo"] for h in hits)


def test_no_results_page_offers_general_contacts(demo: GatedClient) -> None:
    page = demo.get("/zoeken", params={"q": "qwxzv", "postcode": "8043"})
    assert page.status_code == 200
    assert "14038" in page.text
    assert "Sociaal Wijkteam West" in page.text
    assert "Stadkamer" in page.text


def test_crawled_script_never_reaches_a_page(demo: GatedClient) -> None:
    hit = search(demo, "vrijwilligerswerk")["hits"][0]
    page = demo.get(f"/aanbod/{hit['id']}")
    assert "<script>alert" not in page.text
    assert "onerror" not in page.text
