"""The questions the demo city must answer well, asked through the HTTP API and pages.

The catalogue comes from the real indexer crawling the bundled demo sources; every test runs
on the embedded engine and, when a server is available, on Meilisearch from the same catalogue.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any
from urllib.parse import unquote

import pytest

from finder.app import create_app
from finder.search.indexing import reindex
from finder.search.meili import MeiliBackend
from finder.settings import Settings
from tests.conftest import GatedClient
from tests.demo_city import crawl_demo
from tests.meili import BACKENDS, on_meilisearch


@pytest.fixture(scope="module")
def demo_city(tmp_path_factory: pytest.TempPathFactory) -> Settings:
    data_dir = tmp_path_factory.mktemp("demo") / "var"
    crawl_demo(data_dir)
    return Settings(data_dir=data_dir, environment="test")


@pytest.fixture(scope="module", params=BACKENDS)
def demo(request: pytest.FixtureRequest, demo_city: Settings) -> Iterator[GatedClient]:
    settings = demo_city
    if request.param == "meilisearch":
        settings = on_meilisearch(demo_city, request.getfixturevalue("meili_server"))
        reindex(settings)
    with GatedClient(create_app(settings)) as client:
        yield client
    if request.param == "meilisearch":
        MeiliBackend(settings.meili_url, settings.meili_key, settings.meili_index).drop()


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


def test_digid_results_page_shows_place_distance_hours_and_phone(demo: GatedClient) -> None:
    page = demo.get(
        "/zoeken",
        params={"q": "wie kan mij helpen met DigiD bij mij in de buurt", "postcode": "8017"},
    )
    first_hit = page.text.split('class="hit"', 2)[1]
    assert "Informatiepunt Digitale Overheid" in first_hit
    assert "<mark>DigiD</mark>" in first_hit, "the summary line shows the resident's word"
    assert " km" in first_hit or " m<" in first_hit
    assert 'href="tel:' in first_hit
    assert 'class="status' in first_hit
    detail = first_hit.split('href="', 1)[1].split('"', 1)[0].replace("&amp;", "&")
    assert "postcode=8017" in detail, "the offer link carries the postcode"
    assert "openstreetmap.org" in demo.get(detail).text


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
    assert 'class="week-line"' in page.text
    assert 'id="apply-heading"' in page.text
    assert 'id="source-heading"' in page.text
    assert '<ul><li><span lang="nl" dir="auto">' in page.text  # what to bring, one item a line


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


# Questions in Arabic, Turkish, Polish and Ukrainian about money, food, language, DigiD,
# documents and housing find the Dutch offers, whatever the interface language (#8).
ANY_LANGUAGE = [
    ("ar", "عندي ديون كثيرة", "Geldproblemen oplossen"),
    ("ar", "أين أجد بنك الطعام", "Voedselbank"),
    ("ar", "أريد أن أتعلم اللغة الهولندية", "Taalpunt"),
    ("ar", "مساعدة في DigiD", "Informatiepunt Digitale Overheid"),
    ("ar", "أحتاج جواز سفر جديد", "Paspoort aanvragen"),
    ("ar", "أخاف أن أطرد من بيتي", "Direct hulp bij dreigende huisuitzetting"),
    ("tr", "borçlarım için yardım", "Geldproblemen oplossen"),
    ("tr", "gıda bankası nerede", "Voedselbank"),
    ("tr", "hollandaca öğrenmek istiyorum", "Taalpunt"),
    ("tr", "DigiD şifremi unuttum", "Informatiepunt Digitale Overheid"),
    ("tr", "kimlik kartı başvurusu", "Identiteitskaart aanvragen"),
    ("tr", "kira yardımı almak istiyorum", "Hulp bij belastingaangifte en toeslagen"),
    ("pl", "mam długi co robić", "Geldproblemen oplossen"),
    ("pl", "gdzie jest bank żywności", "Voedselbank"),
    ("pl", "kurs języka niderlandzkiego", "Taalpunt"),
    ("pl", "pomoc z DigiD", "Informatiepunt Digitale Overheid"),
    ("pl", "gdzie mogę dostać paszport", "Paspoort aanvragen"),
    ("pl", "eksmisja z mieszkania", "Direct hulp bij dreigende huisuitzetting"),
    ("uk", "у мене борги", "Geldproblemen oplossen"),
    ("uk", "де продовольчий банк", "Voedselbank"),
    ("uk", "курси нідерландської мови", "Taalpunt"),
    ("uk", "допомога з DigiD", "Informatiepunt Digitale Overheid"),
    ("uk", "посвідчення особи", "Identiteitskaart aanvragen"),
    ("uk", "виселення з квартири", "Direct hulp bij dreigende huisuitzetting"),
]


@pytest.mark.parametrize(("lang", "question", "title"), ANY_LANGUAGE)
def test_questions_in_other_languages_find_the_dutch_offer(
    demo: GatedClient, lang: str, question: str, title: str
) -> None:
    for interface in (lang, "nl"):
        response = demo.get("/api/v1/search", params={"q": question, "lang": interface})
        titles = [h["title"] for h in response.json()["hits"][:3]]
        assert any(t.startswith(title) for t in titles), (interface, titles)


def test_each_hit_says_why_in_the_interface_language(demo: GatedClient) -> None:
    body = demo.get(
        "/api/v1/search", params={"q": "у мене борги", "lang": "uk", "postcode": "8017"}
    )
    top = body.json()["hits"][0]
    assert top["about"] == [{"id": "geldzorgen", "label": "Грошові проблеми та борги"}]
    page = demo.get("/zoeken", params={"q": "ik heb schulden", "postcode": "8017", "lang": "nl"})
    first_hit = page.text.split('class="hit"', 2)[1]
    assert '<p class="hit-reason">Over: Geldzorgen en schulden</p>' in first_hit
    assert '<bdi dir="ltr">1,2 km</bdi>' in first_hit


def test_the_offer_page_names_its_topics(demo: GatedClient) -> None:
    hit = search(demo, "voedselbank")["hits"][0]
    assert "Onderwerp: Eten" in demo.get(f"/aanbod/{hit['id']}", params={"lang": "nl"}).text
    assert "Topic: Food" in demo.get(f"/aanbod/{hit['id']}", params={"lang": "en"}).text


@pytest.mark.parametrize("lang", ["nl", "en", "ar", "tr", "pl", "uk"])
def test_every_need_tile_leads_to_results_for_its_need(demo: GatedClient, lang: str) -> None:
    home = demo.get("/", params={"lang": lang}).text
    links = re.findall(r'<li><a href="(/zoeken\?q=[^"]+)"><svg class="need-icon"', home)
    assert len(links) >= 8
    for link in links:
        question = unquote(link.split("q=", 1)[1])
        body = demo.get("/api/v1/search", params={"q": question}).json()
        assert len(body["query"]["needs"]) == 1, question
        need = body["query"]["needs"][0]
        assert body["hits"], question
        assert any(need in [a["id"] for a in h["about"]] for h in body["hits"][:3]), question


@pytest.mark.parametrize("lang", ["nl", "en", "ar", "tr", "pl", "uk"])
def test_the_examples_shown_to_residents_find_help(demo: GatedClient, lang: str) -> None:
    for page in ("/", "/hoe-werkt-zoeken"):
        html = demo.get(page, params={"lang": lang}).text
        lists = re.findall(r'<ul class="examples">(.*?)</ul>', html, re.S)
        questions = [unquote(q) for block in lists for q in re.findall(r"\?q=([^\"]+)", block)]
        assert len(questions) >= 3, (page, lang)
        for question in questions:
            body = demo.get("/api/v1/search", params={"q": question, "lang": lang}).json()
            assert body["hits"], (page, question)
            top = body["hits"][0]
            assert top["about"] or top["matched_words"], (page, question)
