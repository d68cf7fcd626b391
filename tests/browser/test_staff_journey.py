"""Counter staff guide a visitor and refer them; the receiver adds a note, closes and reopens;
the referrer follows it. axe on every page on the way."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from playwright.sync_api import Browser
from sqlmodel import Session, select

from finder.db import get_engine
from finder.models import AuditEntry, Referral, ReferralEvent
from finder.search.indexing import reindex
from finder.settings import Settings
from tests.browser.conftest import serve
from tests.browser.staff import axe_clean, log_in
from tests.finder.staff.factories import World, build_world

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def staff_server(
    tmp_path_factory: pytest.TempPathFactory,
) -> Iterator[tuple[str, World, Settings]]:
    settings = Settings(data_dir=tmp_path_factory.mktemp("staff") / "var", environment="test")
    world = build_world(settings)
    reindex(settings)
    for url in serve(settings):
        yield url, world, settings


def test_counter_to_receiver_journey(
    browser: Browser, staff_server: tuple[str, World, Settings]
) -> None:
    url, world, _ = staff_server
    counter = browser.new_context().new_page()
    log_in(counter, url, world.users["counter"])
    assert counter.url.endswith("/staff/bezoeker")
    axe_clean(counter)

    counter.goto(f"{url}/zoeken?q=nederlands+leren")
    counter.locator("form[action$='/staff/bezoeker/toevoegen'] button").first.click()
    counter.wait_for_load_state()
    assert counter.locator(".staff-hit-actions .badge").count() == 1
    axe_clean(counter)

    counter.goto(f"{url}/staff/bezoeker")
    assert counter.locator(".staff-list li").count() == 1
    counter.goto(f"{url}/staff/bezoeker/overzicht")
    counter.emulate_media(media="print")
    assert (
        counter.locator(".site-header").is_hidden() and counter.locator(".staff-footer").is_hidden()
    )
    item = counter.locator(".handout-item").first
    text = item.inner_text()
    assert "Nederlands leren bij het Taalpunt" in text and "038-000 00 11" in text
    assert "Uw identiteitsbewijs" in text and item.locator("svg[role=img]").is_visible()
    counter.emulate_media(media="screen")

    counter.goto(f"{url}/staff/verwijzen/{world.taalpunt_offer}")
    counter.fill("#name", "Fatima Jansen")
    counter.fill("#contact", "06-12345678")
    counter.fill("#question", "Wil Nederlands leren")
    counter.fill("#nickname", "FJ blauwe jas")
    counter.select_option("#language", "ar")
    counter.check("#channel-phone")
    counter.check("#time-morning")
    counter.locator("form.staff-form button[type=submit]").click()
    counter.wait_for_load_state()
    assert counter.locator("#consent-error").is_visible()  # no consent yet: nothing is sent
    assert counter.locator("#nickname").input_value() == "FJ blauwe jas"
    counter.check("#consent")
    counter.locator("form.staff-form button[type=submit]").click()
    counter.wait_for_load_state()
    reference = counter.url.split("/staff/verwijzingen/")[1].split("?")[0]
    assert counter.locator("h1").inner_text().endswith(reference)

    receiver = browser.new_context().new_page()
    log_in(receiver, url, world.users["receiver"])
    receiver.locator(f"a[href$='/staff/verwijzingen/{reference}']").click()
    receiver.wait_for_load_state()
    main = receiver.locator("main").inner_text()
    assert "Fatima Jansen" in main and "Arabic" in main and "Gemeente Zwolle" in main
    assert "FJ blauwe jas" not in main

    # A note: the status stays where it was.
    receiver.fill("#note", "Voicemail ingesproken")
    receiver.locator("form[action$='/notitie'] button").click()
    receiver.wait_for_load_state()
    assert receiver.locator(".staff-facts .status-received").count() == 1
    assert "Voicemail ingesproken" in receiver.locator(".staff-history").inner_text()
    axe_clean(receiver)

    receiver.locator("#step-contacted").click()
    receiver.wait_for_load_state()
    receiver.fill("#step-note", "Intake gepland")
    receiver.locator("#step-helped").click()
    receiver.wait_for_load_state()
    assert receiver.locator(".staff-facts .status-helped").count() == 1
    assert receiver.locator("#step-heading").count() == 0
    axe_clean(receiver)

    # Closed, and reopened with a reason.
    receiver.locator("form[action$='/heropenen'] button").click()  # no reason: the browser asks
    assert receiver.locator(".staff-facts .status-helped").count() == 1
    receiver.fill("#reason", "Mevrouw heeft nog een vraag over haar brief")
    receiver.locator("form[action$='/heropenen'] button").click()
    receiver.wait_for_load_state()
    assert receiver.locator(".staff-facts .status-contacted").count() == 1
    assert "nog een vraag over haar brief" in receiver.locator(".staff-history").inner_text()

    counter.goto(f"{url}/staff/verwijzingen")
    card = counter.locator(f"#referral-{reference}")
    assert card.locator(".status-contacted").count() == 1
    assert "FJ blauwe jas" in card.inner_text()
    axe_clean(counter)

    _assert_audited(staff_server[2], reference)


def _assert_audited(settings: Settings, reference: str) -> None:
    with Session(get_engine(settings)) as db:
        referral = db.exec(select(Referral).where(Referral.reference == reference)).one()
        kinds = [
            e.kind
            for e in db.exec(select(ReferralEvent).where(ReferralEvent.referral_id == referral.id))
        ]
        actions = [
            (e.action, e.detail)
            for e in db.exec(select(AuditEntry).where(AuditEntry.reference == reference))
        ]
    assert kinds == ["created", "note", "status", "status", "reopened"]
    assert ("note", "") in actions and ("reopen", "helped>contacted") in actions


def test_admin_and_message_pages_pass_axe(
    browser: Browser, staff_server: tuple[str, World, Settings]
) -> None:
    url, world, _ = staff_server
    page: Any = browser.new_context().new_page()
    log_in(page, url, world.users["admin"])
    assert page.url.endswith("/staff/beheer")
    axe_clean(page)
    page.goto(f"{url}/staff/bezoeker")  # not for admins: the friendly 403 page
    assert page.locator("footer.staff-footer").count() == 1
    axe_clean(page)
