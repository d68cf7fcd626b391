from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

from sqlmodel import Session, select

from finder.db import get_engine
from finder.models import OutboxMessage, Referral
from finder.settings import Settings
from finder.staff import outbox
from tests.finder.staff.factories import (
    Inbox,
    build_world,
    free_port,
    login,
    refer,
    reference_of,
    smtp_server,
)


def test_a_down_smtp_server_delays_mail_but_loses_nothing(tmp_path: Any, make_client: Any) -> None:
    inbox, port = Inbox(), free_port()
    settings = Settings(
        data_dir=tmp_path / "var", environment="test", smtp_host="127.0.0.1", smtp_port=port
    )
    world = build_world(settings)
    client = make_client(settings)
    # The SMTP server is down: the referral is still made at once.
    reference = reference_of(
        refer(client, login(client, world.users["counter"]), world.taalpunt_offer)
    )
    assert outbox.flush(settings) == outbox.FlushResult(sent=0, failed=1)
    with Session(get_engine(settings)) as db:
        assert db.exec(select(Referral).where(Referral.reference == reference)).one()
        message = db.exec(select(OutboxMessage)).one()
        assert message.attempts == 1 and message.sent_at is None and message.last_error
        assert "@" not in message.last_error

    server = smtp_server(inbox, port)
    try:
        assert outbox.flush(settings) == outbox.FlushResult()  # not due yet: it backs off
        later = datetime.now(UTC) + timedelta(minutes=2)
        assert outbox.flush(settings, now=later) == outbox.FlushResult(sent=1, failed=0)
        assert outbox.flush(settings, now=later + timedelta(hours=2)) == outbox.FlushResult()
    finally:
        server.stop()
    assert len(inbox.messages) == 1
    recipients, content = inbox.messages[0]
    assert recipients == [world.users["receiver"]]
    assert f"/staff/verwijzingen/{reference}" in content
    with Session(get_engine(settings)) as db:
        sent = db.exec(select(OutboxMessage)).one()
        assert sent.sent_at is not None and sent.to_enc == ""


def test_retries_back_off_and_give_up_after_many_attempts() -> None:
    assert outbox.retry_delay(1) < outbox.retry_delay(3) < outbox.retry_delay(6)
    assert outbox.retry_delay(40) == outbox.MAX_DELAY


def test_without_smtp_configured_mail_waits_in_the_queue(
    settings: Settings, make_client: Any
) -> None:
    world = build_world(settings)
    client = make_client(settings)
    refer(client, login(client, world.users["counter"]), world.taalpunt_offer)
    assert outbox.flush(settings) == outbox.FlushResult()
    assert outbox.counts(settings)["pending"] == 1
