"""Keyboard only: skip link, search, open a result and print, with visible focus all the way."""

from __future__ import annotations

import pytest
from playwright.sync_api import Browser, Page

pytestmark = pytest.mark.browser

FOCUS_STYLE = """() => {
  const el = document.activeElement;
  const style = getComputedStyle(el);
  return {outline: style.outlineStyle, width: parseFloat(style.outlineWidth), shadow: style.boxShadow};
}"""


def _assert_focus_visible(page: Page) -> None:
    style = page.evaluate(FOCUS_STYLE)
    assert style["outline"] != "none" and style["width"] >= 2, style


def _tab_until(page: Page, selector: str, limit: int = 40) -> None:
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("s => document.activeElement.matches(s)", selector):
            _assert_focus_visible(page)
            return
        _assert_focus_visible(page)
    raise AssertionError(f"Tab never reached {selector}")


def test_search_open_and_print_with_only_tab_and_enter(browser: Browser, live_server: str) -> None:
    context = browser.new_context()
    # Record the print request instead of opening the print dialog of headless Chromium.
    context.add_init_script("window.print = () => { window.__printed = true; };")
    page = context.new_page()
    page.goto(live_server + "/?lang=nl")

    _tab_until(page, ".skip-link")
    page.keyboard.press("Enter")
    _tab_until(page, "#q")
    page.keyboard.type("wie kan mij helpen met DigiD")
    _tab_until(page, "#postcode")
    page.keyboard.type("8017")
    page.keyboard.press("Enter")
    page.wait_for_url("**/zoeken?**")
    assert "Informatiepunt Digitale Overheid" in page.locator(".hit-title").first.inner_text()

    _tab_until(page, ".skip-link")
    page.keyboard.press("Enter")
    _tab_until(page, ".hit-title a")
    page.keyboard.press("Enter")
    page.wait_for_url("**/aanbod/**")
    assert page.locator("h1").inner_text() == "Informatiepunt Digitale Overheid"

    _tab_until(page, ".js-print")
    page.keyboard.press("Enter")
    assert page.evaluate("window.__printed === true")
    context.close()


TAB_STOPS = """() => {
  const focusable = 'a[href], button, input:not([type=hidden]), summary, select, textarea, [tabindex]';
  const visible = el => el.offsetParent !== null && el.tabIndex >= 0;
  const all = [...document.querySelectorAll(focusable)].filter(visible);
  const firstHit = document.querySelector('.hit');
  const before = all.filter(el => firstHit.compareDocumentPosition(el) & Node.DOCUMENT_POSITION_PRECEDING);
  const perHit = [...document.querySelectorAll('.hit')].map(h => all.filter(el => h.contains(el)).length);
  return {before: before.length, perHit};
}"""


def test_results_take_few_tab_stops(browser: Browser, live_server: str) -> None:
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(live_server + "/zoeken?q=hulp&postcode=8017&lang=nl")
    stops = page.evaluate(TAB_STOPS)
    assert stops["perHit"] and max(stops["perHit"]) <= 3, stops
    # Skip link, brand, six languages, the search form and the link to the filters.
    assert stops["before"] <= 13, stops
    heights = page.evaluate("[...document.querySelectorAll('.hit')].map(h => h.offsetHeight)")
    assert max(heights) <= 230, heights
    page.close()
