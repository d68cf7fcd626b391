"""The e-mails: no personal data, the truth about what happens next, in the reader's language."""

from __future__ import annotations

from typing import Any

from sqlmodel import Session, select

from finder.db import get_engine
from finder.models import OutboxMessage
from finder.settings import Settings
from tests.finder.staff.factories import build_world, login, refer, reference_of


def _slip(settings: Settings, client: Any, csrf: str, reference: str) -> str:
    client.post(f"/staff/verwijzingen/{reference}/bon-mailen", data={"csrf_token": csrf})
    with Session(get_engine(settings)) as db:
        message = db.exec(
            select(OutboxMessage).where(
                OutboxMessage.reference == reference, OutboxMessage.kind == "slip"
            )
        ).one()
    return message.subject + "\n" + message.body


def test_the_slip_mail_is_in_the_residents_language(settings: Settings, make_client: Any) -> None:
    world = build_world(settings)
    client = make_client(settings)
    csrf = login(client, world.users["helper"])
    reference = reference_of(
        refer(client, csrf, world.taalpunt_offer, contact="fatima@example.org", language="ar")
    )
    text = _slip(settings, client, csrf, reference)
    assert reference in text and "Fatima" not in text
    assert "إحالتك" in text  # "Your referral" in Arabic, although the helper's page is Dutch


def test_a_slip_only_referral_does_not_promise_a_call(settings: Settings, make_client: Any) -> None:
    world = build_world(settings)
    client = make_client(settings)
    csrf = login(client, world.users["helper"])
    reference = reference_of(
        refer(client, csrf, world.voedselbank_offer, contact="fatima@example.org", language="en")
    )
    text = _slip(settings, client, csrf, reference)
    assert "does not get a message from us" in text
    assert "will contact you" not in text and "passed on your question" not in text
