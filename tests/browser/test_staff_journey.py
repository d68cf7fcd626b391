"""Counter staff guide a visitor and refer them; the receiver helps; the referrer sees it. axe on every page."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Browser, Page

from finder.search.indexing import reindex
from finder.settings import Settings
from tests.browser.conftest import serve
from tests.finder.staff.factories import PASSWORD, World, build_world

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def staff_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, World]]:
    settings = Settings(data_dir=tmp_path_factory.mktemp("staff") / "var", environment="test")
    world = build_world(settings)
    reindex(settings)
    for url in serve(settings):
        yield url, world


def _axe_clean(page: Page) -> None:
    results = Axe().run(page)
    assert results.violations_count == 0, results.generate_report()


def _login(page: Page, url: str, email: str) -> None:
    page.goto(f"{url}/staff/inloggen")
    _axe_clean(page)
    page.fill("#email", email)
    page.fill("#password", PASSWORD)
    page.locator("form.staff-form button[type=submit]").click()
    page.wait_for_load_state()


def test_counter_to_receiver_journey(browser: Browser, staff_server: tuple[str, World]) -> None:
    url, world = staff_server
    counter = browser.new_context().new_page()
    _login(counter, url, world.users["counter"])
    assert counter.url.endswith("/staff/bezoeker")
    _axe_clean(counter)

    counter.goto(f"{url}/zoeken?q=nederlands+leren")
    counter.locator("form[action$='/staff/bezoeker/toevoegen'] button").first.click()
    counter.wait_for_load_state()
    assert counter.locator(".staff-hit-actions .badge").count() == 1
    _axe_clean(counter)

    counter.goto(f"{url}/staff/bezoeker")
    assert counter.locator(".staff-list li").count() == 1
    _axe_clean(counter)
    counter.goto(f"{url}/staff/bezoeker/overzicht")
    _axe_clean(counter)
    counter.emulate_media(media="print")
    assert counter.locator(".site-header").is_hidden() and counter.locator(".staff-nav").is_hidden()
    item = counter.locator(".handout-item").first
    assert item.is_visible()
    text = item.inner_text()
    assert (
        "Nederlands leren bij het Taalpunt" in text
        and "038-000 00 11" in text
        and "Uw identiteitsbewijs" in text
    )
    assert item.locator("svg[role=img]").is_visible()
    counter.emulate_media(media="screen")

    counter.goto(f"{url}/staff/verwijzen/{world.taalpunt_offer}")
    _axe_clean(counter)
    counter.fill("#name", "Fatima Jansen")
    counter.fill("#contact", "06-12345678")
    counter.fill("#question", "Wil Nederlands leren")
    counter.locator("form.staff-form button[type=submit]").click()
    counter.wait_for_load_state()
    assert counter.locator("#consent-error").is_visible()  # no consent yet: nothing is sent
    _axe_clean(counter)
    counter.check("#consent")
    counter.locator("form.staff-form button[type=submit]").click()
    counter.wait_for_load_state()
    reference = counter.url.split("/staff/verwijzingen/")[1].split("?")[0]
    assert counter.locator("h1").inner_text().endswith(reference)
    _axe_clean(counter)
    counter.goto(f"{url}/staff/verwijzingen/{reference}/bon")
    _axe_clean(counter)

    receiver = browser.new_context().new_page()
    _login(receiver, url, world.users["receiver"])
    _axe_clean(receiver)
    receiver.locator(f"a[href$='/staff/verwijzingen/{reference}']").click()
    receiver.wait_for_load_state()
    assert "Fatima Jansen" in receiver.locator("main").inner_text()
    _axe_clean(receiver)
    receiver.check("#status-helped")
    receiver.fill("#note", "Intake gepland")
    receiver.locator("form.staff-form button[type=submit]").click()
    receiver.wait_for_load_state()
    assert receiver.locator(".staff-facts .status-helped").count() == 1

    counter.goto(f"{url}/staff/verwijzingen")
    assert counter.locator(f"tr:has(a[href$='{reference}']) .status-helped").count() == 1
    _axe_clean(counter)


def test_admin_and_message_pages_pass_axe(
    browser: Browser, staff_server: tuple[str, World]
) -> None:
    url, world = staff_server
    page: Any = browser.new_context().new_page()
    _login(page, url, world.users["admin"])
    assert page.url.endswith("/staff/beheer")
    _axe_clean(page)
    page.goto(f"{url}/staff/bezoeker")  # not for admins: the friendly 403 page
    _axe_clean(page)
    page.goto(f"{url}/publieke-pc")
    _axe_clean(page)
