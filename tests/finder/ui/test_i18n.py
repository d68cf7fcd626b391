"""Six languages: choosing one, the catalogues, right-to-left, and Dutch offer texts marked as Dutch."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import pytest

from finder.settings import Settings
from finder.ui.i18n import LOCALES
from tests.browser.city import build_city

Client = Any


@pytest.fixture
def city(
    settings: Settings, make_client: Callable[[Settings], Client]
) -> tuple[Client, dict[str, str]]:
    return make_client(settings), build_city(settings)


def _h1(html: str) -> str:
    match = re.search(r"<h1[^>]*>(.*?)</h1>", html, re.S)
    assert match
    return match.group(1).strip()


def _html_tag(html: str) -> str:
    match = re.search(r"<html[^>]*>", html)
    assert match
    return match.group(0)


def test_dutch_is_the_default_and_uses_u(
    settings: Settings, make_client: Callable[[Settings], Client]
) -> None:
    response = make_client(settings).get("/")
    assert 'lang="nl"' in _html_tag(response.text)
    assert _h1(response.text) == "Vind hulp in Zwolle"
    assert "Waar heeft u hulp bij nodig?" in response.text
    assert "set-cookie" not in response.headers


def test_accept_language_chooses_without_setting_a_cookie(
    settings: Settings, make_client: Callable[[Settings], Client]
) -> None:
    response = make_client(settings).get(
        "/", headers={"Accept-Language": "de-DE,tr;q=0.8,en;q=0.5"}
    )
    assert 'lang="tr"' in _html_tag(response.text)
    assert _h1(response.text) == "Zwolle'de yardım bulun"
    assert "set-cookie" not in response.headers


def test_an_explicit_choice_is_remembered_over_accept_language(
    settings: Settings, make_client: Callable[[Settings], Client]
) -> None:
    client = make_client(settings)
    chosen = client.get("/?lang=pl", headers={"Accept-Language": "en"})
    assert "lang=pl" in chosen.headers["set-cookie"]
    later = client.get("/privacy", headers={"Accept-Language": "en"})
    assert _h1(later.text) == "Oświadczenie o prywatności"


def test_arabic_pages_are_right_to_left(
    settings: Settings, make_client: Callable[[Settings], Client]
) -> None:
    tag = _html_tag(make_client(settings).get("/?lang=ar").text)
    assert 'lang="ar"' in tag and 'dir="rtl"' in tag


def test_every_locale_translates_the_pages(
    settings: Settings, make_client: Callable[[Settings], Client]
) -> None:
    client = make_client(settings)
    headings = {code: _h1(client.get(f"/toegankelijkheid?lang={code}").text) for code in LOCALES}
    assert headings["nl"] == "Toegankelijkheidsverklaring"
    assert headings["en"] == "Accessibility statement"
    assert len(set(headings.values())) == len(LOCALES)


def test_language_switcher_is_plain_links_named_in_their_own_language(
    settings: Settings, make_client: Callable[[Settings], Client]
) -> None:
    html = make_client(settings).get("/zoeken?q=x&lang=en").text
    switcher = html[html.index('class="languages"') :]
    switcher = switcher[: switcher.index("</nav>")]
    for code, name in LOCALES.items():
        assert f'lang="{code}" hreflang="{code}"' in switcher
        assert f">{name}</a>" in switcher
    assert "/zoeken?q=x&amp;lang=uk" in switcher
    assert 'aria-current="true">English' in switcher


def test_offer_texts_stay_dutch_and_are_marked_on_other_language_pages(
    city: tuple[Client, dict[str, str]],
) -> None:
    client, ids = city
    english = client.get(f"/aanbod/{ids['Voedselbank Zwolle']}?lang=en").text
    assert '<h1 lang="nl" dir="auto">Voedselbank Zwolle</h1>' in english
    lead = '<p class="lead" lang="nl" dir="auto">Voedselpakketten voor wie het even niet redt.</p>'
    assert lead in english
    assert "is in Dutch" in english and "Stadkamer" in english and "municipal counter" in english
    dutch = client.get(f"/aanbod/{ids['Voedselbank Zwolle']}?lang=nl").text
    assert "dutch-notice" not in dutch
    results = client.get("/zoeken", params={"q": "voedselbank", "lang": "uk"}).text
    assert 'lang="nl" dir="auto">Voedselbank Zwolle</a>' in results
    assert "dutch-notice" in results


def test_result_count_sits_in_a_polite_live_region(city: tuple[Client, dict[str, str]]) -> None:
    client, _ = city
    html = client.get("/zoeken", params={"q": "voedselbank"}).text
    live = re.search(r'<p id="live-count"[^>]*>', html)
    assert live
    assert 'role="status"' in live.group(0) and 'aria-live="polite"' in live.group(0)
    assert 'data-message="Aantal resultaten: 1."' in live.group(0)


def test_postcode_error_is_linked_and_announced(city: tuple[Client, dict[str, str]]) -> None:
    client, _ = city
    html = client.get("/zoeken", params={"q": "voedselbank", "postcode": "80"}).text
    assert 'aria-invalid="true" aria-describedby="postcode-error"' in html
    assert re.search(r'<p id="postcode-error" class="field-error" role="alert">We herkennen', html)
