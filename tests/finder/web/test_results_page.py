"""The compact results page through HTTP: cards, opening status, copy, the question said back."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import pytest

from finder.settings import Settings
from tests.finder.web.resident_city import MONDAY_10, build, client_at


@pytest.fixture
def city(settings: Settings, make_client: Callable[[Settings], Any]) -> tuple[Any, dict[str, str]]:
    ids = build(settings)
    return client_at(make_client, settings), ids


def hits(html: str) -> dict[str, str]:
    """Each card's text without tags, by title."""
    cards = re.findall(r'<li class="hit">(.*?)</li>', html, re.S)
    found = {}
    for card in cards:
        title = re.search(r'class="hit-title"><a [^>]*>([^<]+)</a>', card)
        assert title
        found[title.group(1)] = card
    return found


def text(markup: str) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", markup).split())


def test_a_card_has_at_most_three_links_and_no_glossary(city: tuple[Any, dict[str, str]]) -> None:
    client, _ = city
    page = client.get("/zoeken", params={"q": "digid", "lang": "nl"}).text
    cards = hits(page)
    assert len(cards) == 4
    for card in cards.values():
        stops = card.count("<a ") + card.count("<button") + card.count("<summary")
        assert 1 <= stops <= 3, card
        assert "glossary" not in card and "Alle gegevens" not in card


def test_open_until_and_closed_with_the_next_opening(city: tuple[Any, dict[str, str]]) -> None:
    client, _ = city
    cards = {t: text(c) for t, c in hits(client.get("/zoeken?q=digid&lang=nl").text).items()}
    assert "Open tot 17:00" in cards["Informatiepunt Digitale Overheid"]
    assert "Gesloten · opent morgen om 10:00" in cards["Paspoort aanvragen met DigiD"]
    assert "Gesloten · opent woensdag om 13:00" in cards["DigiD-hulp voor ondernemers"]
    for card in cards.values():
        assert card.count("Vandaag") <= 1, "no 'Vandaag | Vandaag gesloten'"
        assert not re.search(r"\.\d", card), "no 'Nu open.10:00': words and times keep a space"


def test_the_status_follows_the_clock(
    settings: Settings, make_client: Callable[[Settings], Any]
) -> None:
    build(settings)
    evening = client_at(make_client, settings, MONDAY_10.replace(hour=20))
    cards = {t: text(c) for t, c in hits(evening.get("/zoeken?q=digid&lang=en").text).items()}
    assert "Closed · opens tomorrow at 09:00" in cards["Informatiepunt Digitale Overheid"]


def test_times_are_isolated_left_to_right_in_arabic(city: tuple[Any, dict[str, str]]) -> None:
    client, _ = city
    page = client.get("/zoeken", params={"q": "digid", "lang": "ar"}).text
    card = hits(page)["Informatiepunt Digitale Overheid"]
    assert '<bdi dir="ltr">17:00</bdi>' in card


def test_count_and_question_each_on_their_own_line(city: tuple[Any, dict[str, str]]) -> None:
    client, _ = city
    page = client.get("/zoeken", params={"q": "digid", "postcode": "8043", "lang": "nl"}).text
    assert '<p class="result-count">Aantal resultaten: 4.</p>' in page
    assert "U zocht" not in page.split('class="understood"')[1].split("</div>")[0]


def test_the_question_is_said_back_in_the_page_language(city: tuple[Any, dict[str, str]]) -> None:
    client, _ = city
    for lang, near in (
        ("nl", "in de buurt van 8043"),
        ("ar", "بالقرب من 8043"),
        ("en", "near 8043"),
    ):
        page = client.get("/zoeken", params={"q": "digid", "postcode": "8043", "lang": lang}).text
        h1 = re.search(r"<h1>(.*?)</h1>", page, re.S)
        assert h1 and near in h1.group(1), lang
        assert "<bdi>digid</bdi>" in h1.group(1)
        if lang != "nl":
            assert "in de buurt" not in page


def test_an_unknown_postcode_is_not_also_asked_for(city: tuple[Any, dict[str, str]]) -> None:
    client, _ = city
    page = client.get("/zoeken", params={"q": "digid", "postcode": "1012", "lang": "nl"}).text
    assert "We kunnen deze postcode niet vinden op de kaart" in page
    assert "Vul uw postcode in" not in page
    assert "Vul uw postcode in" in client.get("/zoeken?q=digid&lang=nl").text


def test_offer_links_carry_the_postcode(city: tuple[Any, dict[str, str]]) -> None:
    client, ids = city
    page = client.get("/zoeken", params={"q": "digid 8043", "lang": "nl"}).text
    assert f'href="/aanbod/{ids["Paspoort aanvragen met DigiD"]}?postcode=8043"' in page


def test_the_card_stays_one_line_of_summary(city: tuple[Any, dict[str, str]]) -> None:
    client, _ = city
    card = hits(client.get("/zoeken?q=digid&lang=nl").text)["Informatiepunt Digitale Overheid"]
    summary = re.search(r'class="hit-summary"[^>]*>(.*?)</p>', card, re.S)
    assert summary
    assert summary.group(1) == "In de Stadkamer helpen we u met <mark>DigiD</mark>.", (
        "the sentence with the resident's word, not the first one"
    )
