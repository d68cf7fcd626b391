"""Every staff page type passes axe-core in all six languages, as the residents' pages do."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Browser, Page

from finder.search.indexing import reindex
from finder.settings import Settings
from finder.ui.i18n import LOCALES
from tests.browser.conftest import serve
from tests.browser.pages import with_lang
from tests.browser.staff import log_in, refer_in_browser
from tests.finder.staff.factories import World, build_world

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def staff_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, World]]:
    settings = Settings(
        data_dir=tmp_path_factory.mktemp("staff-axe") / "var",
        environment="test",
        smtp_host="127.0.0.1",
        smtp_port=9,  # nothing listens: messages wait in the queue
    )
    world = build_world(settings)
    reindex(settings)
    for url in serve(settings):
        yield url, world


def _check(page: Page, axe: Axe, url: str, status: int) -> None:
    response = page.goto(url)
    assert response is not None and response.status == status, url
    assert page.locator("footer.staff-footer").count() == 1, url
    result = axe.run(page)
    assert result.violations_count == 0, f"{url}\n{result.generate_report()}"


def _in_every_language(page: Page, url: str, paths: dict[str, int]) -> None:
    axe = Axe()
    for locale in LOCALES:
        for path, status in paths.items():
            _check(page, axe, url + with_lang(path, locale), status)


def test_helper_pages(browser: Browser, staff_site: tuple[str, World]) -> None:
    url, world = staff_site
    page: Any = browser.new_context().new_page()
    log_in(page, url, world.users["counter"])
    page.goto(f"{url}/zoeken?q=nederlands")
    page.locator("form[action$='/staff/bezoeker/toevoegen'] button").first.click()
    digital = refer_in_browser(page, url, world.taalpunt_offer, **{"#nickname": "FJ"})
    slip_only = refer_in_browser(page, url, world.voedselbank_offer)
    _in_every_language(
        page,
        url,
        {
            "/staff/bezoeker": 200,
            "/staff/bezoeker/overzicht": 200,
            f"/staff/verwijzen/{world.taalpunt_offer}": 200,
            f"/staff/verwijzingen/{digital}?nieuw=1": 200,
            f"/staff/verwijzingen/{slip_only}?nieuw=1": 200,
            "/staff/verwijzingen": 200,
            f"/staff/verwijzingen/{digital}/bon": 200,
            "/staff/beheer": 403,
            "/staff/verwijzingen/ZW-0000-0000": 404,
        },
    )
    axe = Axe()
    for locale in LOCALES:  # the form with every error shown
        page.goto(url + with_lang(f"/staff/verwijzen/{world.taalpunt_offer}", locale))
        page.fill("#own-words", "Mijn eigen woorden")
        page.locator("form.staff-form button[type=submit]").click()
        page.wait_for_load_state()
        assert page.locator(".error-summary").count() == 1
        result = axe.run(page)
        assert result.violations_count == 0, result.generate_report()


def test_receiver_pages(browser: Browser, staff_site: tuple[str, World]) -> None:
    url, world = staff_site
    helper: Any = browser.new_context().new_page()
    log_in(helper, url, world.users["helper"])
    open_one = refer_in_browser(helper, url, world.taalpunt_offer)
    closed_one = refer_in_browser(helper, url, world.taalpunt_offer)
    page: Any = browser.new_context().new_page()
    log_in(page, url, world.users["receiver"])
    page.goto(f"{url}/staff/verwijzingen/{closed_one}")
    page.locator("#step-declined").click()
    page.wait_for_load_state()
    _in_every_language(
        page,
        url,
        {
            "/staff/verwijzingen": 200,
            f"/staff/verwijzingen/{open_one}": 200,
            f"/staff/verwijzingen/{closed_one}": 200,
        },
    )


def test_admin_pages(browser: Browser, staff_site: tuple[str, World]) -> None:
    url, world = staff_site
    page: Any = browser.new_context().new_page()
    log_in(page, url, world.users["admin"])
    _in_every_language(
        page,
        url,
        {
            "/staff/beheer": 200,
            "/staff/beheer/e-mail": 200,
            "/staff/beheer/organisaties": 200,
            "/staff/beheer/organisaties/taalpunt?q=zwolle": 200,
        },
    )


def test_the_login_page(browser: Browser, staff_site: tuple[str, World]) -> None:
    url, _ = staff_site
    _in_every_language(browser.new_context().new_page(), url, {"/staff/inloggen": 200})
