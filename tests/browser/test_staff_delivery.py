"""No mail server: the helper reads "Klaargezet", not "Verstuurd"; the admin sees the message in
the queue and, once the (real, aiosmtpd) mail server is back, "try again" sends it."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser

from finder.search.indexing import reindex
from finder.settings import Settings
from tests.browser.conftest import serve
from tests.browser.staff import axe_clean, log_in, refer_in_browser
from tests.finder.staff.factories import Inbox, World, build_world, free_port, smtp_server

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def mail_world(
    tmp_path_factory: pytest.TempPathFactory,
) -> Iterator[tuple[str, World, int]]:
    port = free_port()
    settings = Settings(
        data_dir=tmp_path_factory.mktemp("delivery") / "var",
        environment="test",
        smtp_host="127.0.0.1",
        smtp_port=port,
    )
    world = build_world(settings)
    reindex(settings)
    for url in serve(settings):
        yield url, world, port


def test_no_mail_server_then_try_again_sends_it(
    browser: Browser, mail_world: tuple[str, World, int]
) -> None:
    url, world, port = mail_world
    inbox = Inbox()
    smtp_server(inbox, port).stop()  # the mail server was running, and is down now

    helper = browser.new_context(locale="nl-NL").new_page()
    log_in(helper, url, world.users["counter"])
    reference = refer_in_browser(helper, url, world.taalpunt_offer)
    created = helper.locator("#created").inner_text()
    assert "Klaargezet om te versturen" in created and "Verstuurd" not in created
    assert helper.locator(".staff-facts .delivery-queued").count() == 1
    axe_clean(helper)

    admin = browser.new_context(locale="nl-NL").new_page()
    log_in(admin, url, world.users["admin"])
    admin.goto(f"{url}/staff/beheer/e-mail")
    card = admin.locator("#outbox li", has_text=reference)
    assert card.count() == 1
    axe_clean(admin)

    server = smtp_server(inbox, port)
    try:
        card.locator("button[type=submit]").click()
        admin.wait_for_load_state()
    finally:
        server.stop()
    assert "1 e-mail verstuurd" in admin.locator("#retried").inner_text()
    assert admin.locator("#outbox li", has_text=reference).count() == 0
    assert [recipients for recipients, _ in inbox.messages] == [[world.users["receiver"]]]

    helper.goto(f"{url}/staff/verwijzingen/{reference}")
    assert helper.locator(".staff-facts .delivery-sent").inner_text() == "Verstuurd"
    helper.goto(f"{url}/staff/verwijzingen")
    assert helper.locator(f"#referral-{reference} .delivery-sent").count() == 1
