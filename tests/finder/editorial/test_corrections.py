"""Corrections live apart from crawled data: they survive re-crawls, and a source that changes
a corrected field raises a conflict the editor decides. Through the real crawl and real pages."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from sqlmodel import Session, select

from finder.db import get_engine
from finder.models import CorrectedField, Correction, Offer, OfferLocation
from finder.settings import Settings
from finder.staff.editor_reindex import run_if_requested
from tests.finder.editorial.sources import crawl, service
from tests.finder.staff.factories import build_world, login

NEW = "038-123 45 67"


@pytest.fixture
def desk(tmp_path: Path, settings: Settings, make_client: Any) -> dict[str, Any]:
    """A crawled source, an editor logged in, and a resident's browser."""
    world = build_world(settings)
    crawl(tmp_path, settings.data_dir, [service()])
    with Session(get_engine(settings)) as db:
        offer = db.exec(select(Offer).where(Offer.title == "Spreekuur schulden (demo)")).one()
    editor = make_client(settings)
    return {
        "editor": editor,
        "csrf": login(editor, world.users["editor"]),
        "resident": make_client(settings),
        "offer": offer.id,
        "folder": tmp_path,
    }


def _correct(desk: dict[str, Any], **fields: str) -> None:
    response = desk["editor"].post(
        f"/staff/redactie/aanbod/{desk['offer']}/correctie",
        data={"csrf_token": desk["csrf"], **fields},
        follow_redirects=False,
    )
    assert response.status_code == 303, response.text
    assert "opgeslagen=" in response.headers["location"]


def _phone_on_page(desk: dict[str, Any]) -> str:
    page = desk["resident"].get(f"/aanbod/{desk['offer']}")
    assert page.status_code == 200
    found = re.search(r'href="tel:[^"]*"><bdi dir="ltr">([^<]+)<', page.text)
    assert found
    return found.group(1)


def test_a_correction_shows_everywhere_and_survives_an_unchanged_recrawl(
    desk: dict[str, Any], settings: Settings
) -> None:
    _correct(desk, field="phone", text=NEW)
    assert _phone_on_page(desk) == NEW
    api = desk["resident"].get(f"/api/v1/offers/{desk['offer']}").json()
    assert api["phone"] == NEW
    assert run_if_requested(settings) is True  # the background task builds a new generation
    hits = desk["resident"].get("/api/v1/search", params={"q": "schulden"}).json()["hits"]
    assert [h["phone"] for h in hits if h["id"] == desk["offer"]] == [NEW]
    crawl(desk["folder"], settings.data_dir, [service()])
    assert _phone_on_page(desk) == NEW
    with Session(get_engine(settings)) as db:
        crawled = db.get(Offer, desk["offer"])
        assert crawled is not None and crawled.phone == "038-000 00 01"  # stored apart
    assert "conflict-" not in desk["editor"].get("/staff/redactie").text


def test_a_source_change_to_a_corrected_field_is_a_conflict_the_editor_decides(
    desk: dict[str, Any], settings: Settings
) -> None:
    _correct(desk, field="phone", text=NEW)
    crawl(desk["folder"], settings.data_dir, [service(phone="038-999 99 99")])
    queue = desk["editor"].get("/staff/redactie").text
    assert "038-999 99 99" in queue and NEW in queue and "038-000 00 01" in queue
    assert _phone_on_page(desk) == NEW  # until the editor decides, the correction stands
    correction_id = re.search(r'id="conflict-(\d+)"', queue)
    assert correction_id
    response = desk["editor"].post(
        f"/staff/redactie/correcties/{correction_id.group(1)}/intrekken",
        data={"csrf_token": desk["csrf"]},
        follow_redirects=False,
    )
    assert response.status_code == 303
    assert _phone_on_page(desk) == "038-999 99 99"
    assert "conflict-" not in desk["editor"].get("/staff/redactie").text


def test_keeping_a_correction_after_a_conflict_measures_it_against_the_new_source(
    desk: dict[str, Any], settings: Settings
) -> None:
    _correct(desk, field="phone", text=NEW)
    crawl(desk["folder"], settings.data_dir, [service(phone="038-999 99 99")])
    queue = desk["editor"].get("/staff/redactie").text
    correction_id = re.search(r'id="conflict-(\d+)"', queue)
    assert correction_id
    desk["editor"].post(
        f"/staff/redactie/correcties/{correction_id.group(1)}/houden",
        data={"csrf_token": desk["csrf"]},
    )
    assert "conflict-" not in desk["editor"].get("/staff/redactie").text
    assert _phone_on_page(desk) == NEW
    crawl(desk["folder"], settings.data_dir, [service(phone=NEW)])
    assert "conflict-" not in desk["editor"].get("/staff/redactie").text  # the source caught up


def test_address_and_hours_corrections_and_hiding_an_offer(
    desk: dict[str, Any], settings: Settings
) -> None:
    with Session(get_engine(settings)) as db:
        place = db.exec(
            select(OfferLocation.location_id).where(OfferLocation.offer_id == desk["offer"])
        ).one()
    _correct(
        desk,
        field="address",
        location_id=place,
        address="Nieuwstraat 5",
        postcode="8011 AB",
        city="Zwolle",
    )
    _correct(desk, field="hours", opens_1="13:00", closes_1="16:30")
    page = desk["resident"].get(f"/aanbod/{desk['offer']}").text
    assert "Nieuwstraat 5, 8011AB Zwolle" in page and "13:00" in page and "09:00" not in page
    run_if_requested(settings)
    hit = desk["resident"].get("/api/v1/search", params={"q": "schulden"}).json()["hits"][0]
    assert hit["address"] == "Nieuwstraat 5" and hit["postcode"] == "8011AB"
    _correct(desk, field="gone")
    assert desk["resident"].get(f"/aanbod/{desk['offer']}").status_code == 404
    run_if_requested(settings)
    hits = desk["resident"].get("/api/v1/search", params={"q": "schulden"}).json()["hits"]
    assert desk["offer"] not in [h["id"] for h in hits]
    assert desk["resident"].get("/hsds/services").json()["total_items"] == 2  # the world's two


@pytest.mark.parametrize(
    "fields",
    [
        {"field": "phone", "text": "bel ons maar"},
        {"field": "email", "text": "geen-adres"},
        {"field": "url", "text": "javascript:alert(1)"},
        {"field": "address", "address": "", "postcode": "8011AB", "city": "Zwolle"},
        {"field": "address", "address": "Straat 1", "postcode": "12", "city": "Zwolle"},
        {"field": "hours", "opens_0": "17:00", "closes_0": "09:00"},
        {"field": "hours", "opens_0": "9 uur", "closes_0": "17:00"},
        {"field": "colour", "text": "red"},
    ],
)
def test_a_value_that_cannot_be_stored_is_refused_and_nothing_changes(
    settings: Settings, make_client: Any, fields: dict[str, str]
) -> None:
    world = build_world(settings)
    editor = make_client(settings)
    csrf = login(editor, world.users["editor"])
    response = editor.post(
        f"/staff/redactie/aanbod/{world.taalpunt_offer}/correctie",
        data={"csrf_token": csrf, **fields},
        follow_redirects=False,
    )
    assert response.status_code == 303 and "fout=" in response.headers["location"]
    page = editor.get(response.headers["location"])
    assert page.status_code == 400 and 'role="alert"' in page.text
    with Session(get_engine(settings)) as db:
        assert db.exec(select(Correction)).all() == []
    assert "038-000 00 11" in make_client(settings).get(f"/aanbod/{world.taalpunt_offer}").text


def test_corrections_need_a_valid_csrf_token(settings: Settings, make_client: Any) -> None:
    world = build_world(settings)
    editor = make_client(settings)
    login(editor, world.users["editor"])
    response = editor.post(
        f"/staff/redactie/aanbod/{world.taalpunt_offer}/correctie",
        data={"csrf_token": "forged", "field": "phone", "text": NEW},
    )
    assert response.status_code == 403
    with Session(get_engine(settings)) as db:
        assert (
            db.exec(select(Correction).where(Correction.field == CorrectedField.phone.value)).all()
            == []
        )
