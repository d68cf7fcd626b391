"""axe-core finds no accessibility violations on any page type, in any language."""

from __future__ import annotations

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Browser, Page

from finder.ui.i18n import LOCALES
from tests.browser.pages import resident_pages, with_lang

pytestmark = pytest.mark.browser
STAFF_PUBLIC_PAGES = ("/staff/inloggen",)


def _check(page: Page, axe: Axe, url: str, expected_status: int) -> None:
    response = page.goto(url)
    assert response is not None and response.status == expected_status, url
    result = axe.run(page)
    assert result.violations_count == 0, f"{url}\n{result.generate_report()}"


def test_every_resident_page_in_every_language_has_no_violations(
    browser: Browser, live_server: str, offer_ids: dict[str, str]
) -> None:
    statuses = {"not-found": 404, "invalid": 422}
    page = browser.new_page()
    axe = Axe()
    for locale in LOCALES:
        for kind, path in resident_pages(offer_ids).items():
            _check(page, axe, live_server + with_lang(path, locale), statuses.get(kind, 200))
    page.close()


def test_the_search_outage_page_has_no_violations(browser: Browser, broken_server: str) -> None:
    page = browser.new_page()
    axe = Axe()
    for locale in LOCALES:
        _check(page, axe, f"{broken_server}/zoeken?q=digid&lang={locale}", 503)
        assert page.locator("h1").inner_text()
    page.close()


def test_public_staff_pages_have_no_violations(browser: Browser, live_server: str) -> None:
    page = browser.new_page()
    axe = Axe()
    for path in STAFF_PUBLIC_PAGES:
        for locale in LOCALES:
            _check(page, axe, live_server + with_lang(path, locale), 200)
    page.close()
