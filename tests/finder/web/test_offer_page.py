"""The offer page through HTTP: places nearest first, the week at a glance, the full table one
click away, labels in the page language, what to bring and how to apply."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import pytest

from finder.search.indexing import reindex
from finder.settings import Settings
from tests import factories as f
from tests.finder.web.resident_city import build, client_at


@pytest.fixture
def city(settings: Settings, make_client: Callable[[Settings], Any]) -> tuple[Any, dict[str, str]]:
    ids = build(settings)
    return client_at(make_client, settings), ids


def places(html: str) -> list[str]:
    return re.findall(r'<h3 id="place-\d+"><span lang="nl" dir="auto">([^<]+)</span>', html)


def test_places_nearest_first_when_a_postcode_is_known(city: tuple[Any, dict[str, str]]) -> None:
    client, ids = city
    path = f"/aanbod/{ids['Informatiepunt Digitale Overheid']}"
    assert places(client.get(path).text) == ["Stadkamer Centrum", "Stadkamer Stadshagen"]
    near = client.get(path, params={"postcode": "8043", "lang": "nl"}).text
    assert places(near) == ["Stadkamer Stadshagen", "Stadkamer Centrum"]
    assert "Het dichtst bij 8043 staat bovenaan." in near
    assert 'href="/?postcode=8043"' in near, "searching again keeps the postcode"
    assert "/aanbod/" in near and "postcode=8043" in re.search(
        r'<a href="([^"]+)"[^>]*hreflang="en"', near
    ).group(1), "the language switcher keeps the postcode"


def test_a_bad_postcode_on_the_offer_page_is_ignored(city: tuple[Any, dict[str, str]]) -> None:
    client, ids = city
    page = client.get(f"/aanbod/{ids['Informatiepunt Digitale Overheid']}?postcode=<script>")
    assert page.status_code == 200 and "<script>" not in page.text


def test_the_week_at_a_glance_and_the_full_table_one_click_away(
    city: tuple[Any, dict[str, str]],
) -> None:
    client, ids = city
    page = client.get(f"/aanbod/{ids['Informatiepunt Digitale Overheid']}?lang=nl").text
    line = re.search(r'<p class="week-line">(.*?)</p>', page, re.S)
    assert line
    assert " ".join(re.sub(r"<[^>]+>", "", line.group(1)).split()) == (
        "Openingstijden: ma–vr 09:00–17:00"
    )
    details = re.search(r'<details class="hours">(.*?)</details>', page, re.S)
    assert details and details.group(1).count('<th scope="row">') == 7
    assert "<summary>Alle openingstijden" in details.group(1)
    assert 'Open tot <bdi dir="ltr">17:00</bdi>' in page


def test_how_to_apply_and_what_to_bring_with_labels_outside_dutch_text(
    settings: Settings, make_client: Callable[[Settings], Any]
) -> None:
    with f.catalogue_session(settings) as db:
        place = f.location(db, "Wijkcentrum", accessibility="Rolstoeltoegankelijk")
        offer = f.offer(
            db,
            "Spreekuur",
            f.organization(db, "Buurthuis"),
            places=(place,),
            how_to_apply=["inloop"],
            what_to_bring="Uw paspoort\nUw brieven",
        )
        db.commit()
        offer_id = offer.id
    reindex(settings)
    page = make_client(settings).get(f"/aanbod/{offer_id}?lang=ar").text
    assert '<p>سهولة الوصول: <span lang="nl" dir="auto">Rolstoeltoegankelijk</span></p>' in page
    assert '<li><span lang="nl" dir="auto">Uw paspoort</span></li>' in page
    assert "ادخل مباشرة، بدون موعد" in page  # walk in, no appointment
    assert re.search(r'<section class="place".*?<a class="route-link"', page, re.S)
