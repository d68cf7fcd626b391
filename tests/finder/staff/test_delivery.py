"""The helper sees whether the organisation's e-mail really went out, apart from the handling status.

Against a real SMTP server (aiosmtpd) that is down first and started later.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

from sqlmodel import Session, select

from finder.db import get_engine
from finder.hours import TIMEZONE
from finder.models import OutboxMessage
from finder.settings import Settings
from finder.staff import outbox
from finder.staff.delivery import DeliveryState, summarise
from tests.finder.staff.factories import (
    Inbox,
    build_world,
    free_port,
    in_english,
    login,
    refer,
    reference_of,
    smtp_server,
)


def _smtp_settings(tmp_path: Any, port: int) -> Settings:
    return Settings(
        data_dir=tmp_path / "var", environment="test", smtp_host="127.0.0.1", smtp_port=port
    )


def _state(client: Any, reference: str) -> str:
    page = client.get(f"/staff/verwijzingen/{reference}?lang=en").text
    return page.split('class="delivery delivery-')[1].split('"')[0]


def test_mail_server_down_then_up_shows_queued_failed_then_sent(
    tmp_path: Any, make_client: Any
) -> None:
    inbox, port = Inbox(), free_port()
    server = smtp_server(inbox, port)
    server.stop()  # a real mail server, stopped: nothing listens on the port
    settings = _smtp_settings(tmp_path, port)
    world = build_world(settings)
    helper, admin = in_english(make_client(settings)), in_english(make_client(settings))
    csrf = login(helper, world.users["counter"])
    reference = reference_of(refer(helper, csrf, world.taalpunt_offer))

    created = helper.get(f"/staff/verwijzingen/{reference}?nieuw=1&lang=en").text
    assert 'id="created"' in created and "Ready to send" in created
    assert "Sent" not in created.split('id="created"')[1].split("</div>")[0]
    assert _state(helper, reference) == "queued"
    assert "delivery-queued" in helper.get("/staff/verwijzingen").text

    assert outbox.flush(settings) == outbox.FlushResult(sent=0, failed=1)
    page = helper.get(f"/staff/verwijzingen/{reference}?lang=en").text
    assert _state(helper, reference) == "failed"
    assert "ConnectionRefusedError" in page and "We try again on" in page
    assert "Give the resident the slip to be sure." in page

    login(admin, world.users["admin"])
    queue = admin.get("/staff/beheer/e-mail?lang=en").text
    assert reference in queue and "ConnectionRefusedError" in queue
    message_id = queue.split('name="message_id" value="')[1].split('"')[0]

    server = smtp_server(inbox, port)
    try:
        admin_csrf = login(admin, world.users["admin"])
        retried = admin.post(
            "/staff/beheer/e-mail/opnieuw",
            data={"message_id": message_id, "csrf_token": admin_csrf},
        )
    finally:
        server.stop()
    assert "1 e-mail sent." in retried.text
    assert [recipients for recipients, _ in inbox.messages] == [[world.users["receiver"]]]
    assert _state(helper, reference) == "sent"
    assert reference not in admin.get("/staff/beheer/e-mail").text


def test_without_a_mail_server_set_up_the_page_says_so(
    settings: Settings, make_client: Any
) -> None:
    world = build_world(settings)
    helper, admin = make_client(settings), make_client(settings)
    reference = reference_of(
        refer(helper, login(helper, world.users["counter"]), world.taalpunt_offer)
    )
    page = helper.get(f"/staff/verwijzingen/{reference}?nieuw=1&lang=en").text
    assert "Ready to send" in page and "E-mail is not set up on this server" in page
    admin_csrf = login(admin, world.users["admin"])
    assert 'id="mail-not-set-up"' in admin.get("/staff/beheer/e-mail").text
    # "Try again" cannot send without a server: the message stays, nothing is lost.
    admin.post("/staff/beheer/e-mail/opnieuw", data={"csrf_token": admin_csrf})
    assert outbox.counts(settings)["pending"] == 1
    assert _state(helper, reference) == "queued"


def test_slip_only_says_not_sent_and_to_give_the_slip(settings: Settings, make_client: Any) -> None:
    world = build_world(settings)
    helper = make_client(settings)
    csrf = login(helper, world.users["counter"])
    reference = reference_of(refer(helper, csrf, world.voedselbank_offer))
    page = helper.get(f"/staff/verwijzingen/{reference}?nieuw=1&lang=en").text
    assert "Not sent: give the resident the slip" in page
    assert _state(helper, reference) == "slip_only"


def test_a_message_given_up_on_is_sent_again_from_the_queue(
    tmp_path: Any, make_client: Any
) -> None:
    inbox, port = Inbox(), free_port()
    settings = _smtp_settings(tmp_path, port)
    world = build_world(settings)
    helper, admin = make_client(settings), make_client(settings)
    reference = reference_of(
        refer(helper, login(helper, world.users["counter"]), world.taalpunt_offer)
    )
    moment = datetime.now(UTC)
    for _ in range(outbox.MAX_ATTEMPTS):
        outbox.flush(settings, now=moment)
        moment += outbox.MAX_DELAY
    page = helper.get(f"/staff/verwijzingen/{reference}?lang=en").text
    assert "We stopped trying. The administrator can send it again." in page
    admin_csrf = login(admin, world.users["admin"])
    assert "Given up" in admin.get("/staff/beheer/e-mail?lang=en").text

    server = smtp_server(inbox, port)
    try:
        admin.post("/staff/beheer/e-mail/opnieuw", data={"csrf_token": admin_csrf})
    finally:
        server.stop()
    assert len(inbox.messages) == 1
    assert _state(helper, reference) == "sent"


def _message(sent: bool, error: str = "", dead: bool = False) -> OutboxMessage:
    now = datetime.now(UTC)
    return OutboxMessage(
        kind="notify",
        to_enc="",
        subject="s",
        body="b",
        created_at=now,
        next_attempt_at=now + timedelta(minutes=1),
        attempts=1 if error or sent else 0,
        last_error=error,
        sent_at=now if sent else None,
        dead=dead,
    )


def test_sent_only_when_every_recipient_got_it() -> None:
    assert summarise([_message(True), _message(False)], True).state == DeliveryState.queued
    failing = summarise([_message(True), _message(False, "SMTP error 451")], True)
    assert (failing.state, failing.sent, failing.total) == (DeliveryState.failed, 1, 2)
    assert failing.last_error == "SMTP error 451" and failing.next_attempt
    assert summarise([_message(True), _message(True)], True).state == DeliveryState.sent
    assert summarise([_message(False, "x", dead=True)], True).gave_up
    assert summarise([], True).state == DeliveryState.unknown


def test_the_notice_says_when_the_referral_was_made_in_zwolle_time(
    settings: Settings, make_client: Any
) -> None:
    world = build_world(settings)
    helper = make_client(settings)
    refer(helper, login(helper, world.users["counter"]), world.taalpunt_offer)
    with Session(get_engine(settings)) as db:
        message = db.exec(select(OutboxMessage)).one()
    made = message.created_at.replace(tzinfo=UTC).astimezone(TIMEZONE)
    assert f"{made:%H:%M}" in message.body and "Doorverwijzing gemaakt op" in message.body
