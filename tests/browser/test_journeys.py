"""The main journey without JavaScript, the live region with it, and the printed page."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Browser, Response, expect

pytestmark = pytest.mark.browser


def test_main_journey_works_without_javascript(browser: Browser, live_server: str) -> None:
    context = browser.new_context(java_script_enabled=False, locale="en-GB")
    page = context.new_page()
    page.goto(live_server + "/")
    assert page.locator("html").get_attribute("lang") == "en"
    page.get_by_label("What do you need help with?").fill("food bank near me")
    page.get_by_label("Your postcode (optional)").fill("8017")
    page.get_by_role("button", name="Search").click()
    page.wait_for_url("**/zoeken?**")
    assert page.locator("#live-count").inner_text() == ""
    assert "Results found: 2." in page.locator(".understood").inner_text()
    first = page.locator(".hit").first
    assert first.locator(".hit-title").inner_text() == "Voedselbank Zwolle"
    assert first.locator(".hit-title a").get_attribute("lang") == "nl"
    first.locator(".hit-title a").click()
    page.wait_for_url("**/aanbod/**")
    assert page.locator("h1").inner_text() == "Voedselbank Zwolle"
    assert page.locator(".dutch-notice").is_visible()
    assert page.locator(".js-print").is_hidden()

    page.get_by_role("link", name="Nederlands").click()
    assert page.locator("h2#apply-heading").inner_text() == "Hoe vraagt u het aan?"
    assert page.locator(".dutch-notice").count() == 0
    page.goto(live_server + "/privacy")
    assert page.locator("h1").inner_text() == "Privacyverklaring", (
        "the chosen language is remembered"
    )
    context.close()


def test_result_count_is_announced_in_a_polite_live_region(
    browser: Browser, live_server: str
) -> None:
    page = browser.new_page()
    page.goto(live_server + "/zoeken?q=digid&lang=nl")
    live = page.locator("#live-count")
    assert live.get_attribute("role") == "status"
    assert live.get_attribute("aria-live") == "polite"
    expect(live).to_have_text("Aantal resultaten: 5.")
    assert page.locator(".result-count").inner_text() == "Aantal resultaten: 5."
    page.close()


def test_printed_offer_shows_contact_details_and_a_qr_code(
    browser: Browser, live_server: str, offer_ids: dict[str, str]
) -> None:
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    qr_answers: list[Response] = []
    page.on("response", lambda r: qr_answers.append(r) if "/qr.svg" in r.url else None)
    page.goto(live_server + f"/aanbod/{offer_ids['Informatiepunt Digitale Overheid']}?lang=nl")
    page.emulate_media(media="print")
    body = page.locator("main").inner_text()
    for fact in (
        "Stadkamer Centrum",
        "Voorbeeldstraat 1, 8011AB Zwolle",
        "09:00–17:00",
        "038-000 00 01",
    ):
        assert fact in body
    assert page.locator(".site-header").is_hidden()
    assert page.locator(".language-switcher, nav.languages").first.is_hidden()
    qr = page.locator(".print-qr img")
    assert qr.is_visible()
    assert qr.get_attribute("alt") == "QR-code met het adres van deze pagina"
    box = qr.bounding_box()
    assert box is not None and box["width"] > 50
    assert "http://finder.example/aanbod/" in page.locator(".print-url").inner_text()
    pdf = page.pdf(format="A4")
    assert pdf.startswith(b"%PDF")
    # Without JavaScript browsers load lazy images at once; printing shows the loaded code.
    assert [r.status for r in qr_answers] == [200]
    assert qr_answers[0].header_value("content-type") == "image/svg+xml"
    assert qr_answers[0].body().startswith(b"<svg")
    assert page.evaluate("document.querySelector('.print-qr img').naturalWidth") > 0
    context.close()


def test_the_qr_code_is_fetched_only_when_the_page_is_printed(
    browser: Browser, live_server: str
) -> None:
    page = browser.new_page()
    asked: list[str] = []
    page.on("request", lambda r: asked.append(r.url) if "/qr.svg" in r.url else None)
    page.goto(live_server + "/zoeken?q=hulp&postcode=8017&lang=nl")
    page.wait_for_load_state("networkidle")
    assert asked == []
    with page.expect_response(lambda r: "/qr.svg" in r.url) as answer:
        page.pdf(format="A4")
    assert answer.value.status == 200
    assert answer.value.url.endswith("/qr.svg?u=/zoeken%3Fq%3Dhulp%26postcode%3D8017%26lang%3Dnl")
    page.close()


def test_filters_work_without_javascript_and_keep_the_question(
    browser: Browser, live_server: str
) -> None:
    context = browser.new_context(java_script_enabled=False, locale="nl-NL")
    page = context.new_page()
    page.goto(live_server + "/zoeken?q=hulp&postcode=8017&lang=nl")
    before = page.locator(".hit").count()
    assert before > 1
    filters = page.locator("form#filters")
    filters.get_by_role("radio", name=re.compile(r"^Inwoners")).check()
    filters.get_by_role("button", name="Resultaten tonen").click()
    page.wait_for_url("**audience=particulier**")
    assert "q=hulp" in page.url and "postcode=8017" in page.url
    assert page.get_by_label("Waar heeft u hulp bij nodig?").input_value() == "hulp"
    assert page.locator(".active-filters").get_by_role("link", name=re.compile("Inwoners"))
    page.locator(".active-filters").get_by_role("link", name=re.compile("Inwoners")).click()
    page.wait_for_load_state()
    assert "audience" not in page.url and "postcode=8017" in page.url
    assert page.locator(".hit").count() == before
    context.close()


def test_a_printed_results_page_shows_the_week_and_no_buttons(
    browser: Browser, live_server: str
) -> None:
    page = browser.new_page()
    page.goto(live_server + "/zoeken?q=hulp&lang=nl")
    page.emulate_media(media="print")
    assert page.locator(".hit-week").first.is_visible()
    week = page.locator(".hit", has_text="Informatiepunt Digitale Overheid").locator(".hit-week")
    assert week.inner_text() == "Openingstijden: ma–vr 09:00–17:00"
    main = page.locator("main").inner_text()
    for hidden in ("Meer resultaten tonen", "Alle gegevens", "Resultaten filteren"):
        assert hidden not in main
    assert page.locator("form#filters").is_hidden()
    assert page.locator(".print-qr img").is_visible()
    page.close()
