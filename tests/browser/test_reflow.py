"""Reflow (WCAG 1.4.10) and text spacing (WCAG 1.4.12): no sideways scrolling, no clipped text."""

from __future__ import annotations

import pytest
from playwright.sync_api import Browser, Page

from tests.browser.pages import resident_pages, with_lang

pytestmark = pytest.mark.browser

# The WCAG 1.4.12 text spacing bookmarklet, as a style sheet.
TEXT_SPACING = """
* { line-height: 1.5 !important; letter-spacing: 0.12em !important; word-spacing: 0.16em !important; }
p { margin-bottom: 2em !important; }
"""
SIDEWAYS = "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"
CLIPPED = """() => {
  const clipped = [];
  for (const el of document.body.querySelectorAll('*')) {
    if (el.closest('.visually-hidden, .skip-link, .print-only, svg')) continue;
    const style = getComputedStyle(el);
    if (style.display === 'none' || !el.textContent.trim()) continue;
    const hidesX = ['hidden', 'clip'].includes(style.overflowX);
    const hidesY = ['hidden', 'clip'].includes(style.overflowY);
    if ((hidesX && el.scrollWidth > el.clientWidth + 1) || (hidesY && el.scrollHeight > el.clientHeight + 1)) {
      clipped.push(el.tagName + '.' + el.className);
    }
    for (const child of el.children) {
      const box = child.getBoundingClientRect();
      if (box.width && box.right > document.documentElement.clientWidth + 1) {
        clipped.push(child.tagName + '.' + child.className + ' runs off the screen');
      }
    }
  }
  return clipped;
}"""


def _walk(page: Page, base: str, offer_ids: dict[str, str], locales: tuple[str, ...]) -> None:
    for locale in locales:
        for kind, path in resident_pages(offer_ids).items():
            page.goto(base + with_lang(path, locale))
            assert page.evaluate(SIDEWAYS) <= 0, f"{kind} ({locale}) scrolls sideways"
            assert page.evaluate(CLIPPED) == [], f"{kind} ({locale})"


@pytest.mark.parametrize(
    ("width", "height", "scale"),
    [(320, 640, 1), (320, 256, 4)],
    ids=["320-css-px", "400-percent-zoom"],
)
def test_pages_reflow_without_sideways_scrolling(
    browser: Browser,
    live_server: str,
    offer_ids: dict[str, str],
    width: int,
    height: int,
    scale: int,
) -> None:
    # 400% zoom of a 1280x1024 window leaves a layout viewport of 320x256 CSS px.
    context = browser.new_context(
        viewport={"width": width, "height": height}, device_scale_factor=scale
    )
    page = context.new_page()
    _walk(page, live_server, offer_ids, ("nl", "ar", "uk"))
    context.close()


def test_text_spacing_override_clips_nothing(
    browser: Browser, live_server: str, offer_ids: dict[str, str]
) -> None:
    # The override is an inline style sheet, which the page's CSP rightly blocks; a user's
    # bookmarklet is not bound by it, so the test context bypasses the CSP the same way.
    context = browser.new_context(viewport={"width": 320, "height": 640}, bypass_csp=True)
    page = context.new_page()
    for locale in ("nl", "ar"):
        for kind, path in resident_pages(offer_ids).items():
            page.goto(live_server + with_lang(path, locale))
            page.add_style_tag(content=TEXT_SPACING)
            spacing = page.evaluate("getComputedStyle(document.querySelector('p')).wordSpacing")
            assert spacing != "0px", "the text spacing override was not applied"
            if locale != "ar":
                # Arabic is written joined up: the NL Design System's document style keeps its
                # letter spacing at 0, as WCAG 1.4.12 allows for scripts that do not use it.
                letters = "getComputedStyle(document.querySelector('p')).letterSpacing"
                assert page.evaluate(letters) != "normal"
            assert page.evaluate(SIDEWAYS) <= 0, f"{kind} ({locale}) scrolls sideways"
            assert page.evaluate(CLIPPED) == [], f"{kind} ({locale})"
    context.close()


WORD_BREAKS = """() => [...document.querySelectorAll('th')].filter(th => {
  const text = th.textContent.trim();
  if (!text || /\\s/.test(text)) return false;
  const range = document.createRange();
  range.selectNodeContents(th);
  return range.getClientRects().length > 1;
}).map(th => th.textContent.trim())"""


def test_table_headers_never_break_inside_a_word(browser: Browser, live_server: str) -> None:
    page = browser.new_page(viewport={"width": 320, "height": 640})
    for locale in ("nl", "ar", "uk"):
        page.goto(live_server + f"/hoe-werkt-zoeken?lang={locale}")
        assert page.locator(".sources-table th").count() > 0
        assert page.evaluate(WORD_BREAKS) == [], locale
    page.close()
