"""When nothing is found: a spelling that finds help, topics in the page language, and the
general contacts with their place, hours and phone."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import pytest

from finder.settings import Settings
from tests import factories as f
from tests.finder.web.resident_city import build, client_at


@pytest.fixture
def client(settings: Settings, make_client: Callable[[Settings], Any]) -> Any:
    build(settings)
    return client_at(make_client, settings)


def test_a_spelling_suggestion_leaves_out_words_nobody_would_type(client: Any) -> None:
    # Four letters get no typo from the engine, so this finds nothing as typed.
    page = client.get("/zoeken", params={"q": "pizza digd", "lang": "nl"}).text
    assert "Geen resultaten gevonden." in page
    suggestion = re.search(r"Bedoelde u: <a [^>]*>([^<]+)</a>", page)
    assert suggestion and suggestion.group(1) == "digid", "not 'pizza digid'"


def test_no_suggestion_that_would_find_nothing_either(client: Any) -> None:
    page = client.get("/zoeken", params={"q": "pizza", "lang": "nl"}).text
    assert "Geen resultaten gevonden." in page
    assert "Bedoelde u" not in page


@pytest.mark.parametrize(
    ("lang", "label"), [("nl", "Geldzorgen en schulden"), ("en", "Money worries and debts")]
)
def test_topics_to_try_are_in_the_page_language(client: Any, lang: str, label: str) -> None:
    page = client.get("/zoeken", params={"q": "xyzzy", "lang": lang, "postcode": "8011"}).text
    links = re.findall(r'<ul class="topic-links">(.*?)</ul>', page, re.S)[0]
    assert f">{label}</a>" in links
    assert "postcode=8011" in links


def test_topics_to_try_find_something_in_their_language(client: Any) -> None:
    page = client.get("/zoeken", params={"q": "xyzzy", "lang": "uk"}).text
    links = re.findall(r'<ul class="topic-links">.*?</ul>', page, re.S)[0]
    first = re.search(r'href="([^"]+)"', links)
    assert first
    assert client.get(first.group(1).replace("&amp;", "&")).status_code == 200


def test_general_contacts_have_place_hours_and_phone(
    settings: Settings, make_client: Callable[[Settings], Any]
) -> None:
    build(settings)
    page = client_at(make_client, settings).get(
        "/zoeken", params={"q": "xyzzy", "postcode": "8043", "lang": "nl"}
    )
    contacts = page.text[page.text.index('id="contacts-heading"') :]
    library = contacts[contacts.index("Stadkamer</strong>") :].split("</li>")[0]
    assert "Stadkamer Stadshagen" in library, "the branch nearest to 8043"
    assert "Voorbeeldstraat 1, 8043AB Zwolle" in library
    assert 'href="tel:0380000010"' in library
    assert "Open tot" in library
    municipality = contacts[contacts.index("Gemeente Zwolle</strong>") :].split("</li>")[0]
    assert "Stadskantoor" in municipality and 'href="tel:14038"' in municipality


def test_general_contacts_without_the_library_in_the_catalogue(
    settings: Settings, make_client: Callable[[Settings], Any]
) -> None:
    with f.catalogue_session(settings) as db:
        f.offer(db, "Iets", f.organization(db, "Ander"))
        db.commit()
    from finder.search.indexing import reindex

    reindex(settings)
    page = make_client(settings).get("/zoeken", params={"q": "xyzzy"}).text
    assert "Stadkamer</strong>" in page and "14038" in page
