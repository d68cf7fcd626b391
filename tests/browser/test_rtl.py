"""Arabic pages read in one direction: text lines up on the right, Dutch catalogue text is
marked and isolated on its own element, labels stay Arabic, times read 14:00–16:00, and the
question in the search box shows its start at 320 px."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Browser, Page

from tests.browser.pages import OFFER

pytestmark = pytest.mark.browser

# Every visible block of text in <main>, with the side its text really lines up with: the
# side of its content box its text comes closest to.
ALIGNMENT = """() => {
  const blocks = 'p, li, h1, h2, h3, dt, dd, td, th, summary, label, legend, figcaption';
  const found = [];
  for (const el of document.querySelectorAll('main :is(' + blocks + ')')) {
    if (el.closest('.visually-hidden, details:not([open]) > :not(summary)')) continue;
    if (!el.offsetParent || !el.textContent.trim()) continue;
    // Blocks of text only, not containers of other blocks.
    const inline = [...el.children].every(c => !c.offsetParent || getComputedStyle(c).display.startsWith('inline') || c.matches('bdi, span, a, mark, strong, dfn, code'));
    if (!inline) continue;
    const style = getComputedStyle(el);
    if (style.textAlign === 'center') continue;
    const rects = [];
    const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
    while (walker.nextNode()) {
      const node = walker.currentNode;
      if (!node.textContent.trim() || node.parentElement.closest('.visually-hidden')) continue;
      const range = document.createRange();
      range.selectNodeContents(node);
      rects.push(...[...range.getClientRects()].filter(r => r.width > 1));
    }
    if (!rects.length) continue;
    const box = el.getBoundingClientRect();
    const innerRight = box.right - parseFloat(style.paddingRight) - parseFloat(style.borderRightWidth);
    const innerLeft = box.left + parseFloat(style.paddingLeft) + parseFloat(style.borderLeftWidth);
    const gapRight = innerRight - Math.max(...rects.map(r => r.right));
    const gapLeft = Math.min(...rects.map(r => r.left)) - innerLeft;
    // A disclosure triangle stands at the start, inside the box: compare the two gaps.
    const edge = gapRight <= gapLeft + 2 ? 'right' : 'left';
    found.push({tag: el.tagName, cls: el.className, text: el.textContent.trim().slice(0, 40), edge});
  }
  return found;
}"""
DUTCH = """() => [...document.querySelectorAll('main [lang="nl"]')].map(el => ({
  text: el.textContent.trim().slice(0, 40),
  dir: el.getAttribute('dir'),
  inAuto: !!el.parentElement.closest('[dir="auto"]'),
  arabic: /[\\u0600-\\u06ff]/.test(el.textContent),
}))"""
TIME_ORDER = """(el) => {
  const text = el.firstChild;
  const range = document.createRange();
  range.setStart(text, 0); range.setEnd(text, 1);
  const first = range.getBoundingClientRect().left;
  range.setStart(text, text.length - 1); range.setEnd(text, text.length);
  return [first, range.getBoundingClientRect().left];
}"""


def _check_page(page: Page, spans: bool = True) -> None:
    assert page.locator("html").get_attribute("dir") == "rtl"
    assert page.locator("html").get_attribute("lang") == "ar"
    left = [b for b in page.evaluate(ALIGNMENT) if b["edge"] != "right"]
    assert left == [], "everything lines up on the right"
    dutch = page.evaluate(DUTCH)
    assert dutch, "catalogue text is marked as Dutch"
    for element in dutch:
        assert element["dir"] == "auto" or element["inAuto"], element
        assert not element["arabic"], f"an Arabic label inside Dutch text: {element}"
    if not spans:
        return
    times = page.locator("bdi[dir=ltr]:visible").filter(
        has_text=re.compile(r"^\d\d:\d\d–\d\d:\d\d$")
    )
    assert times.count() > 0
    first, last = times.first.evaluate(TIME_ORDER)
    assert first < last, "opening hours read from left to right: 09:00–17:00, not 17:00–09:00"


def test_arabic_results_and_offer_pages_read_in_one_direction(
    browser: Browser, live_server: str, offer_ids: dict[str, str]
) -> None:
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(live_server + "/zoeken?q=digid&postcode=8017&lang=ar")
    page.emulate_media(media="print")  # the week's hours show on every card on paper
    _check_page(page)
    page.emulate_media(media="screen")
    _check_page(page, spans=False)
    page.goto(live_server + f"/aanbod/{offer_ids[OFFER]}?postcode=8017&lang=ar")
    _check_page(page)
    label = page.locator("p", has_text="سهولة الوصول")
    if label.count():
        assert label.first.get_attribute("lang") is None
    page.close()


def test_the_question_shows_its_start_at_320_px(browser: Browser, live_server: str) -> None:
    page = browser.new_page(viewport={"width": 320, "height": 640})
    question = "wie kan mij helpen met DigiD bij mij in de buurt"
    page.goto(live_server + f"/zoeken?q={question.replace(' ', '+')}&lang=ar")
    box = page.locator("#q")
    assert box.evaluate("el => getComputedStyle(el).direction") == "ltr"
    assert box.evaluate("el => el.scrollWidth > el.clientWidth"), "the question is longer"
    assert box.evaluate("el => el.scrollLeft") == 0, "its start is in view"
    arabic = "مساعدة في الحصول على DigiD"
    page.goto(live_server + f"/zoeken?q={arabic}&lang=nl")
    assert page.locator("#q").evaluate("el => getComputedStyle(el).direction") == "rtl"
    page.close()
