"""The issue's journey in Chromium: a resident reports a wrong phone number without JavaScript;
an editor accepts and corrects it; the offer page shows the corrected number; a re-crawl of the
unchanged source keeps it; a source change raises a conflict for the editor. axe on the way."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page
from sqlmodel import Session, select

from finder.db import get_engine
from finder.models import Offer
from finder.settings import Settings
from tests.browser.conftest import serve
from tests.browser.staff import axe_clean, log_in
from tests.finder.editorial.sources import crawl, service
from tests.finder.staff.factories import World, build_world

pytestmark = pytest.mark.browser
OLD, NEW, LATER = "038-000 00 01", "038-123 45 67", "038-999 99 99"


@pytest.fixture(scope="module")
def site(
    tmp_path_factory: pytest.TempPathFactory,
) -> Iterator[tuple[str, World, Settings, Path, str]]:
    folder = tmp_path_factory.mktemp("supply")
    settings = Settings(data_dir=folder / "var", environment="test")
    world = build_world(settings)
    crawl(folder, settings.data_dir, [service(phone=OLD)])
    with Session(get_engine(settings)) as db:
        offer_id = db.exec(select(Offer.id).where(Offer.title == "Spreekuur schulden (demo)")).one()
    for url in serve(settings):
        yield url, world, settings, folder, offer_id


def _shown_phone(page: Page, url: str, offer_id: str) -> str:
    page.goto(f"{url}/aanbod/{offer_id}?lang=en")
    return page.locator(".contact-list a[href^='tel:']").inner_text()


def test_report_correct_recrawl_and_conflict(
    browser: Browser, site: tuple[str, World, Settings, Path, str]
) -> None:
    url, world, settings, folder, offer_id = site
    resident = browser.new_context(java_script_enabled=False, locale="nl-NL").new_page()
    # axe runs as a script, so it checks the same pages in a second browser that runs scripts.
    checker = browser.new_context().new_page()
    assert _shown_phone(resident, url, offer_id) == OLD
    checker.goto(resident.url)
    axe_clean(checker)
    resident.check("#report-problem-phone")
    resident.fill("#report-note", f"Het juiste nummer is {NEW}")
    resident.locator(".report-problem button[type=submit]").click()
    resident.wait_for_load_state()
    assert resident.locator("h1").inner_text() == "Thank you for your message"
    checker.goto(resident.url)
    axe_clean(checker)

    editor = browser.new_context().new_page()
    log_in(editor, url, world.users["editor"])
    assert editor.url.endswith("/staff/redactie")
    axe_clean(editor)
    editor.locator("#reports-heading + ul a").first.click()
    editor.wait_for_load_state()
    assert NEW in editor.locator(".editor-list li.current").inner_text()
    axe_clean(editor)
    editor.fill("#text-phone", NEW)
    editor.locator("form:has(#text-phone) button[type=submit]").click()
    editor.wait_for_load_state()
    assert editor.locator("#saved").is_visible()
    assert editor.locator("#reports-heading").count() == 0  # the report is handled
    axe_clean(editor)

    assert _shown_phone(resident, url, offer_id) == NEW
    crawl(folder, settings.data_dir, [service(phone=OLD)])
    assert _shown_phone(resident, url, offer_id) == NEW

    crawl(folder, settings.data_dir, [service(phone=LATER)])
    editor.goto(f"{url}/staff/redactie")
    conflict = editor.locator("#conflicts-heading + p + ul li").first
    assert LATER in conflict.inner_text() and NEW in conflict.inner_text()
    axe_clean(editor)
    editor.goto(f"{url}/staff/redactie/wijzigingen")
    assert editor.locator("table.staff-table tbody tr").count() >= 1
    axe_clean(editor)
    conflict_page = f"{url}/staff/redactie"
    editor.goto(conflict_page)
    editor.locator("#conflicts-heading + p + ul form[action$='/intrekken'] button").first.click()
    editor.wait_for_load_state()
    assert _shown_phone(resident, url, offer_id) == LATER
