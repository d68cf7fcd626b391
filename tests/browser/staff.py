"""Staff steps the browser tests share: log in, make a referral, check a page with axe."""

from __future__ import annotations

from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page

from tests.finder.staff.factories import PASSWORD


def axe_clean(page: Page) -> None:
    results = Axe().run(page)
    assert results.violations_count == 0, results.generate_report()


def log_in(page: Page, url: str, email: str) -> None:
    page.goto(f"{url}/staff/inloggen")
    page.fill("#email", email)
    page.fill("#password", PASSWORD)
    page.locator("form.staff-form button[type=submit]").click()
    page.wait_for_load_state()


def refer_in_browser(page: Page, url: str, offer_id: str, **extra: str) -> str:
    page.goto(f"{url}/staff/verwijzen/{offer_id}")
    page.fill("#name", "Fatima Jansen")
    page.fill("#contact", "06-12345678")
    page.fill("#question", "Wil Nederlands leren")
    for selector, value in extra.items():
        page.fill(selector, value)
    page.check("#consent")
    page.locator("form.staff-form button[type=submit]").click()
    page.wait_for_load_state()
    return page.url.split("/staff/verwijzingen/")[1].split("?")[0]
