"""One staff session cannot flood the referral tables or the mail server (#9)."""

from __future__ import annotations

from typing import Any

from sqlmodel import Session, select

from finder.db import get_engine
from finder.models import OutboxMessage, Referral
from finder.settings import Settings
from tests.finder.staff.factories import (
    Inbox,
    build_world,
    free_port,
    login,
    refer,
    reference_of,
    smtp_server,
)


def _count(settings: Settings, model: Any) -> int:
    with Session(get_engine(settings)) as db:
        return len(db.exec(select(model)).all())


def test_a_flood_of_referrals_from_one_session_is_stopped(tmp_path: Any, make_client: Any) -> None:
    settings = Settings(data_dir=tmp_path / "var", environment="test", staff_referral_limit=3)
    world = build_world(settings)
    client = make_client(settings)
    csrf = login(client, world.users["counter"])
    answers = [
        refer(client, csrf, world.taalpunt_offer, name=f"Bewoner {i}").status_code
        for i in range(40)
    ]
    assert answers[:3] == [303] * 3 and set(answers[3:]) == {429}
    assert _count(settings, Referral) == 3
    assert _count(settings, OutboxMessage) == 3  # and no e-mail queued for the refused ones

    refused = refer(client, csrf, world.taalpunt_offer, name="Fatima Jansen")
    assert 'id="limited"' in refused.text and int(refused.headers["retry-after"]) > 0
    assert 'value="Fatima Jansen"' in refused.text  # what was typed is still there

    # The limit is per session: the same account at another desk can go on.
    other_desk = make_client(settings)
    fresh = login(other_desk, world.users["counter"])
    assert refer(other_desk, fresh, world.taalpunt_offer).status_code == 303


def test_invalid_forms_do_not_use_up_the_limit(tmp_path: Any, make_client: Any) -> None:
    settings = Settings(data_dir=tmp_path / "var", environment="test", staff_referral_limit=2)
    world = build_world(settings)
    client = make_client(settings)
    csrf = login(client, world.users["counter"])
    for _ in range(5):
        assert refer(client, csrf, world.taalpunt_offer, consent="").status_code == 400
    assert reference_of(refer(client, csrf, world.taalpunt_offer))


def test_slip_and_overview_mail_are_limited_per_session(tmp_path: Any, make_client: Any) -> None:
    inbox, port = Inbox(), free_port()
    settings = Settings(
        data_dir=tmp_path / "var",
        environment="test",
        smtp_host="127.0.0.1",
        smtp_port=port,
        staff_mail_limit=2,
    )
    world = build_world(settings)
    client = make_client(settings)
    csrf = login(client, world.users["helper"])
    reference = reference_of(
        refer(client, csrf, world.taalpunt_offer, contact="fatima@example.org")
    )
    slip = f"/staff/verwijzingen/{reference}/bon-mailen"
    answers = [
        client.post(slip, data={"csrf_token": csrf}, follow_redirects=False).status_code
        for _ in range(2)
    ]
    assert answers == [303, 303]
    client.post(
        "/staff/bezoeker/toevoegen", data={"offer_id": world.taalpunt_offer, "csrf_token": csrf}
    )
    server = smtp_server(inbox, port)
    try:
        blocked_mail = client.post(
            "/staff/bezoeker/mailen", data={"email": "bezoeker@example.org", "csrf_token": csrf}
        )
        blocked_slip = client.post(slip, data={"csrf_token": csrf})
    finally:
        server.stop()
    assert blocked_mail.status_code == 429 and 'id="limited"' in blocked_mail.text
    assert blocked_slip.status_code == 429 and "retry-after" in blocked_slip.headers
    assert inbox.messages == []
    with Session(get_engine(settings)) as db:
        slips = db.exec(select(OutboxMessage).where(OutboxMessage.kind == "slip")).all()
    assert len(slips) == 2


def test_a_slip_without_an_e_mail_address_is_not_counted(tmp_path: Any, make_client: Any) -> None:
    settings = Settings(data_dir=tmp_path / "var", environment="test", staff_mail_limit=1)
    world = build_world(settings)
    client = make_client(settings)
    csrf = login(client, world.users["helper"])
    phone_only = reference_of(refer(client, csrf, world.taalpunt_offer))
    by_mail = reference_of(refer(client, csrf, world.taalpunt_offer, contact="a@example.org"))
    for _ in range(3):
        response = client.post(
            f"/staff/verwijzingen/{phone_only}/bon-mailen",
            data={"csrf_token": csrf},
            follow_redirects=False,
        )
        assert response.headers["location"].endswith("bon=no-email")
    ok = client.post(
        f"/staff/verwijzingen/{by_mail}/bon-mailen",
        data={"csrf_token": csrf},
        follow_redirects=False,
    )
    assert ok.status_code == 303
