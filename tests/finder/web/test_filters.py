"""Filters on the results page, through HTTP: counts, narrowing, removing, keeping the question."""

from __future__ import annotations

import re
from collections.abc import Callable
from html import unescape
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest

from finder.settings import Settings
from tests.finder.web.resident_city import build, client_at


@pytest.fixture
def client(settings: Settings, make_client: Callable[[Settings], Any]) -> Any:
    build(settings)
    return client_at(make_client, settings)


def titles(html: str) -> list[str]:
    return re.findall(r'class="hit-title"><a [^>]*>([^<]+)</a>', html)


def option(html: str, name: str, value: str) -> str:
    """The label text of one filter choice."""
    found = re.search(
        rf'<input type="radio" name="{name}" value="{value}"[^>]*>(.*?)</label>', html, re.S
    )
    assert found, (name, value)
    return " ".join(re.sub(r"<[^>]+>", " ", found.group(1)).split())


def test_every_filter_shows_its_count(client: Any) -> None:
    page = client.get("/zoeken", params={"q": "digid", "lang": "nl"}).text
    assert option(page, "open", "now") == "Nu open (2)"
    assert option(page, "open", "today") == "Vandaag open (2)"
    assert option(page, "kind", "gemeente") == "Van de gemeente (1)"
    assert option(page, "kind", "organisatie") == "Hulp van een organisatie (2)"
    assert option(page, "kind", "wijkteam") == "Wijkteams (1)"
    assert option(page, "kind", "plek") == "Een plek om zonder afspraak langs te gaan (1)"
    assert option(page, "audience", "particulier") == "Inwoners (2)"
    assert option(page, "audience", "ondernemer") == "Ondernemers (1)"
    assert option(page, "language", "ar") == "Arabisch (1)"
    assert option(page, "language", "en") == "Engels (1)", "'Engels' in the data is read as en"
    assert option(page, "language", "tr") == "Turks (1)"


def test_the_form_is_a_plain_get_form_that_keeps_question_and_postcode(client: Any) -> None:
    page = client.get("/zoeken", params={"q": "digid", "postcode": "8043"}).text
    form = re.search(r'<form id="filters"[^>]*>(.*?)</form>', page, re.S)
    assert form and 'method="get"' in form.group(0) and 'action="/zoeken"' in form.group(0)
    assert '<input type="hidden" name="q" value="digid">' in form.group(1)
    assert '<input type="hidden" name="postcode" value="8043">' in form.group(1)


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"open": "now"}, {"Informatiepunt Digitale Overheid", "Sociaal Wijkteam Centrum"}),
        ({"kind": "gemeente"}, {"Paspoort aanvragen met DigiD"}),
        ({"kind": "plek"}, {"Informatiepunt Digitale Overheid"}),
        ({"audience": "ondernemer"}, {"DigiD-hulp voor ondernemers"}),
        ({"language": "tr"}, {"DigiD-hulp voor ondernemers"}),
        ({"language": "en", "open": "now"}, {"Informatiepunt Digitale Overheid"}),
        ({"kind": "wijkteam", "postcode": "8011"}, {"Sociaal Wijkteam Centrum"}),
        ({"kind": "wijkteam", "postcode": "8043"}, set()),
    ],
)
def test_filters_narrow_the_results(
    client: Any, params: dict[str, str], expected: set[str]
) -> None:
    page = client.get("/zoeken", params={"q": "digid", **params})
    assert page.status_code == 200
    assert set(titles(page.text)) == expected


def test_counts_leave_out_their_own_filter_but_respect_the_others(client: Any) -> None:
    page = client.get("/zoeken", params={"q": "digid", "open": "now", "lang": "nl"}).text
    assert option(page, "open", "today") == "Vandaag open (2)"
    assert option(page, "kind", "organisatie") == "Hulp van een organisatie (1)"
    assert "ondernemer" not in re.search(r'<form id="filters".*?</form>', page, re.S).group(0)


def test_an_active_filter_is_a_link_that_removes_it(client: Any) -> None:
    page = client.get(
        "/zoeken", params={"q": "digid", "postcode": "8011", "open": "now", "kind": "organisatie"}
    ).text
    links = re.findall(r'<div class="active-filters">.*?</div>', page, re.S)[0]
    removes = {
        unescape(href): label
        for href, label in re.findall(r'<a href="([^"]+)">(.*?)</a>', links, re.S)
    }
    queries = [parse_qs(urlsplit(href).query) for href in removes]
    assert {"q": ["digid"], "postcode": ["8011"], "kind": ["organisatie"]} in queries
    assert {"q": ["digid"], "postcode": ["8011"], "open": ["now"]} in queries
    assert {"q": ["digid"], "postcode": ["8011"]} in queries, "remove all filters"
    assert client.get(next(iter(removes))).status_code == 200


def test_unknown_filter_values_are_ignored_not_an_error(client: Any) -> None:
    page = client.get(
        "/zoeken", params={"q": "digid", "open": "ooit", "kind": "<b>", "language": "x1"}
    )
    assert page.status_code == 200 and len(titles(page.text)) == 4
    assert "&lt;b&gt;" not in page.text


def test_no_results_with_filters_offers_to_search_without_them(client: Any) -> None:
    page = client.get("/zoeken", params={"q": "digid", "kind": "wijkteam", "postcode": "8043"})
    assert "Opnieuw zoeken zonder filters" in page.text
    assert 'href="/zoeken?q=digid&amp;postcode=8043"' in page.text


def test_the_api_filters_the_same_way(client: Any) -> None:
    body = client.get("/api/v1/search", params={"q": "digid", "kind": "gemeente"}).json()
    assert [h["title"] for h in body["hits"]] == ["Paspoort aanvragen met DigiD"]
    assert body["hits"][0]["kinds"] == ["gemeente"]
    opened = client.get("/api/v1/search", params={"q": "digid", "open": "now"}).json()
    assert {h["title"] for h in opened["hits"]} == {
        "Informatiepunt Digitale Overheid",
        "Sociaal Wijkteam Centrum",
    }
    assert client.get("/api/v1/search", params={"q": "digid", "kind": "x"}).status_code == 422
