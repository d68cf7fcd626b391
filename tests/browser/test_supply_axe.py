"""The new pages of #14 pass axe-core in all six languages: the report form and its answers,
the editors' queue, offer, changes and Inzichten pages."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from typing import Any

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Browser

from finder.db import get_engine
from finder.insights.facts import SearchFact
from finder.insights.recorder import local_day
from finder.insights.store import flush
from finder.insights.tally import Tally
from finder.search.indexing import reindex
from finder.settings import Settings
from finder.ui.i18n import LOCALES
from tests.browser.conftest import serve
from tests.browser.pages import with_lang
from tests.browser.staff import log_in
from tests.finder.staff.factories import World, build_world

pytestmark = pytest.mark.browser


def _counts(settings: Settings) -> None:
    tally = Tally()
    today = local_day()
    for n in range(12):
        day = date.fromordinal(today.toordinal() - 7 * (n % 4))
        tally.add(day, SearchFact(("taal",), "Assendorp", False, ""))
        tally.add(day, SearchFact(("geldzorgen",), "Binnenstad", n % 2 == 0, ""))
        tally.add(today, SearchFact((), "Holtenbroek", True, "plofkip xyzzy"), refined=("taal",))
    flush(get_engine(settings), tally.drain(), settings.insights_k)


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, World]]:
    settings = Settings(data_dir=tmp_path_factory.mktemp("supply-axe") / "var", environment="test")
    world = build_world(settings)
    reindex(settings)
    _counts(settings)
    for url in serve(settings):
        yield url, world


def _clean(page: Any, url: str, status: int) -> None:
    response = page.goto(url)
    assert response is not None and response.status == status, url
    result = Axe().run(page)
    assert result.violations_count == 0, f"{url}\n{result.generate_report()}"


def test_report_pages(browser: Browser, site: tuple[str, World]) -> None:
    url, world = site
    page: Any = browser.new_context().new_page()
    for locale in LOCALES:
        _clean(page, url + with_lang(f"/aanbod/{world.taalpunt_offer}/melden", locale), 200)
        _clean(
            page, url + with_lang(f"/aanbod/{world.taalpunt_offer}/melden?bedankt=1", locale), 200
        )
        page.goto(url + with_lang(f"/aanbod/{world.taalpunt_offer}/melden", locale))
        page.fill("#report-email", "not an address")
        page.locator(".report-problem button[type=submit]").click()
        page.wait_for_load_state()
        assert page.locator(".error-summary").is_visible()
        result = Axe().run(page)
        assert result.violations_count == 0, result.generate_report()


def test_editor_pages(browser: Browser, site: tuple[str, World]) -> None:
    url, world = site
    page: Any = browser.new_context().new_page()
    resident = browser.new_context().new_page()
    resident.goto(f"{url}/aanbod/{world.taalpunt_offer}/melden")
    resident.check("#report-problem-hours")
    resident.locator(".report-problem button[type=submit]").click()
    log_in(page, url, world.users["editor"])
    for locale in LOCALES:
        for path in (
            "/staff/redactie",
            f"/staff/redactie/aanbod/{world.taalpunt_offer}?melding=1",
            f"/staff/redactie/aanbod/{world.taalpunt_offer}?fout=phone",
            "/staff/redactie/wijzigingen",
            "/staff/inzichten",
        ):
            _clean(page, url + with_lang(path, locale), 400 if "fout=" in path else 200)
    page.goto(f"{url}/staff/inzichten")
    assert page.locator("svg.chart").count() == 3
