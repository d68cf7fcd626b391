"""Crawl the demo city into a temporary folder, serve it, and photograph the pages (see
scripts/screenshots). Prints each file with the page's height, so a change in length shows."""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from playwright.sync_api import Page, sync_playwright
from sqlmodel import Session

from finder.db import get_engine
from finder.models import Role
from finder.settings import Settings
from finder.staff import accounts
from tests.browser.conftest import CHROMIUM, CHROMIUM_ARGS, serve
from tests.browser.staff import log_in
from tests.demo_city import crawl_demo
from tests.finder.staff.factories import PASSWORD

HELPER = "helper@stadkamer.example"
QUESTION = "wie kan mij helpen met DigiD bij mij in de buurt"
PAGES = {
    "home": "/",
    "results": f"/zoeken?q={QUESTION.replace(' ', '+')}&postcode=8043",
    "no-results": "/zoeken?q=pizza+bezorgen&postcode=8043",
}
HANDOUT_OFFERS = 5


def _shoot(page: Page, url: str, path: Path) -> None:
    page.goto(url)
    page.screenshot(path=str(path), full_page=True)
    height = page.evaluate("document.documentElement.scrollHeight")
    print(f"{path}  {height} px")


def main(out: Path) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        data = Path(tmp) / "var"
        crawl_demo(data)
        settings = Settings(data_dir=data, environment="test")
        with Session(get_engine(settings)) as db:
            accounts.add_organization(db, "Stadkamer", org_id="stadkamer")
            accounts.add_user(db, HELPER, Role.helper, "stadkamer", PASSWORD, name="Helper")
        for base in serve(settings):
            with sync_playwright() as playwright:
                browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
                for width in (1280, 320):
                    for lang in ("nl", "ar"):
                        page = browser.new_page(viewport={"width": width, "height": 900})
                        for name, path in PAGES.items():
                            sep = "&" if "?" in path else "?"
                            _shoot(
                                page,
                                f"{base}{path}{sep}lang={lang}",
                                out / f"{name}-{width}-{lang}.png",
                            )
                        page.goto(f"{base}{PAGES['results']}&lang={lang}")
                        detail = page.locator(".hit-title a").first.get_attribute("href") or ""
                        sep = "&" if "?" in detail else "?"
                        _shoot(
                            page,
                            f"{base}{detail}{sep}lang={lang}",
                            out / f"detail-{width}-{lang}.png",
                        )
                        page.close()
                staff = browser.new_page(viewport={"width": 1280, "height": 900})
                log_in(staff, base, HELPER)
                staff.goto(f"{base}/zoeken?q=hulp&lang=nl")
                for _ in range(HANDOUT_OFFERS):
                    staff.locator("form[action$='/staff/bezoeker/toevoegen'] button").first.click()
                    staff.wait_for_load_state()
                for width in (1280, 320):
                    for lang in ("nl", "ar"):
                        staff.set_viewport_size({"width": width, "height": 900})
                        _shoot(
                            staff,
                            f"{base}/staff/bezoeker/overzicht?lang={lang}",
                            out / f"handout-{width}-{lang}.png",
                        )
                staff.emulate_media(media="print")
                staff.goto(f"{base}/staff/bezoeker/overzicht?lang=nl")
                staff.pdf(path=str(out / "handout-nl.pdf"), format="A4")
                print(f"{out / 'handout-nl.pdf'}")
                browser.close()


if __name__ == "__main__":
    main(Path(sys.argv[1]))
