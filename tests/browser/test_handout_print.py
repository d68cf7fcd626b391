"""The visitor handout: five offers of the demo city, the largest among them, on one A4."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser
from sqlmodel import Session, col, func, select

from finder.db import get_engine
from finder.models import OfferLocation, Role
from finder.settings import Settings
from finder.staff import accounts
from tests.browser.conftest import serve
from tests.browser.staff import log_in
from tests.demo_city import crawl_demo
from tests.finder.staff.factories import PASSWORD

pytestmark = pytest.mark.browser
HELPER = "helper@stadkamer.example"


@pytest.fixture(scope="module")
def demo_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, list[str]]]:
    data = tmp_path_factory.mktemp("handout") / "var"
    crawl_demo(data)
    settings = Settings(data_dir=data, environment="test")
    with Session(get_engine(settings)) as db:
        accounts.add_organization(db, "Stadkamer", org_id="stadkamer")
        accounts.add_user(db, HELPER, Role.helper, "stadkamer", PASSWORD, name="Helper")
        # The offers with the most places make the longest handout entries.
        largest = db.exec(
            select(OfferLocation.offer_id)
            .group_by(col(OfferLocation.offer_id))
            .order_by(func.count().desc(), col(OfferLocation.offer_id))
            .limit(5)
        ).all()
    yield from ((url, list(largest)) for url in serve(settings))


def pdf_pages(pdf: bytes) -> int:
    return len(re.findall(rb"/Type\s*/Page(?!s)", pdf))


def test_five_offers_fit_on_one_a4(browser: Browser, demo_server: tuple[str, list[str]]) -> None:
    url, offers = demo_server
    assert len(offers) == 5
    page = browser.new_page()
    log_in(page, url, HELPER)
    for offer_id in offers:
        page.goto(f"{url}/aanbod/{offer_id}")
        page.locator("form[action$='/staff/bezoeker/toevoegen'] button").click()
        page.wait_for_load_state()
    page.goto(f"{url}/staff/bezoeker/overzicht?lang=nl")
    assert page.locator(".handout-item").count() == 5
    links = page.locator(".handout-item .print-url")
    assert links.first.inner_text().startswith(f"{url}/aanbod/"), "QR codes use this host"
    page.emulate_media(media="print")
    text = page.locator("main").inner_text()
    assert "ma" in text and re.search(r"\d\d:\d\d–\d\d:\d\d", text), "the week's hours"
    assert page.locator(".handout-item svg[role=img]").count() == 5
    for lang in ("nl", "ar"):
        page.goto(f"{url}/staff/bezoeker/overzicht?lang={lang}")
        pdf = page.pdf(format="A4")
        assert pdf_pages(pdf) == 1, f"{lang}: {pdf_pages(pdf)} pages"
    page.close()


def test_pdf_page_counting_counts_pages(browser: Browser) -> None:
    page = browser.new_page()
    page.set_content("<p>one</p><p style='break-before: page'>two</p>")
    assert pdf_pages(page.pdf(format="A4")) == 2
    page.close()
