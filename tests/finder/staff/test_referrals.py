from __future__ import annotations

from typing import Any

from sqlmodel import Session, select

from finder.db import get_engine
from finder.models import AuditEntry, OutboxMessage, Referral, ReferralEvent
from finder.settings import Settings
from tests.finder.staff.factories import build_world, login, refer, reference_of, step


def _db(settings: Settings) -> Session:
    return Session(get_engine(settings))


def test_closed_loop_from_referral_to_helped(settings: Settings, make_client: Any) -> None:
    world = build_world(settings)
    counter, receiver = make_client(settings), make_client(settings)
    csrf = login(counter, world.users["counter"])
    form = counter.get(f"/staff/verwijzen/{world.taalpunt_offer}").text
    assert 'id="consent-text"' in form
    reference = reference_of(refer(counter, csrf, world.taalpunt_offer))
    assert "Fatima" not in reference

    receiver_csrf = login(receiver, world.users["receiver"])
    inbox = receiver.get("/staff/verwijzingen").text
    assert reference in inbox
    detail = receiver.get(f"/staff/verwijzingen/{reference}").text
    assert "Fatima Jansen" in detail and "06-12345678" in detail
    for seen, status in (("received", "contacted"), ("contacted", "helped")):
        response = step(receiver, receiver_csrf, reference, status, seen, "Gebeld op dinsdag")
        assert response.status_code == 303
    assert step(receiver, receiver_csrf, reference, "contacted", "helped").status_code == 409

    with _db(settings) as db:
        referral = db.exec(select(Referral).where(Referral.reference == reference)).one()
        assert referral.status.value == "helped" and referral.closed_at is not None
        assert " 90 " in referral.consent_text  # the text the resident agreed to, as shown
        events = db.exec(
            select(ReferralEvent).where(ReferralEvent.referral_id == referral.id)
        ).all()
        assert [e.status.value for e in events] == ["received", "contacted", "helped"]
    assert "status-helped" in counter.get("/staff/verwijzingen").text
    assert "Gebeld op dinsdag" in counter.get(f"/staff/verwijzingen/{reference}").text


def test_consent_and_fields_are_required(settings: Settings, make_client: Any) -> None:
    world = build_world(settings)
    client = make_client(settings)
    csrf = login(client, world.users["helper"])
    response = refer(client, csrf, world.taalpunt_offer, consent="", contact="12")
    assert response.status_code == 400
    assert 'id="consent-error"' in response.text and 'id="contact-error"' in response.text
    with _db(settings) as db:
        assert db.exec(select(Referral)).all() == []


def test_personal_data_is_encrypted_at_rest(settings: Settings, make_client: Any) -> None:
    world = build_world(settings)
    client = make_client(settings)
    refer(client, login(client, world.users["helper"]), world.taalpunt_offer)
    stored = b"".join(p.read_bytes() for p in settings.data_dir.glob("catalogue.sqlite3*"))
    for secret in (b"Fatima", b"12345678", b"Nederlands leren voor werk"):
        assert secret not in stored


def test_the_organisation_is_told_by_link_only(settings: Settings, make_client: Any) -> None:
    world = build_world(settings)
    client = make_client(settings)
    reference = reference_of(
        refer(client, login(client, world.users["counter"]), world.taalpunt_offer)
    )
    with _db(settings) as db:
        messages = db.exec(select(OutboxMessage)).all()
    assert len(messages) == 1
    body = messages[0].subject + messages[0].body
    assert f"/staff/verwijzingen/{reference}" in body
    for personal in ("Fatima", "Jansen", "12345678", "Nederlands leren voor werk"):
        assert personal not in body


def test_organisation_without_receiver_gets_a_slip_only_and_the_app_says_so(
    settings: Settings, make_client: Any
) -> None:
    world = build_world(settings)
    client = make_client(settings)
    csrf = login(client, world.users["counter"])
    form = client.get(f"/staff/verwijzen/{world.voedselbank_offer}").text
    assert 'id="slip-only"' in form
    reference = reference_of(refer(client, csrf, world.voedselbank_offer))
    slip = client.get(f"/staff/verwijzingen/{reference}/bon").text
    assert reference in slip and "Voedselbank Zwolle (demo)" in slip and "<svg" in slip
    assert "Fatima" not in slip
    with _db(settings) as db:
        assert db.exec(select(OutboxMessage)).all() == []
        referral = db.exec(select(Referral)).one()
        assert referral.status.value == "slip_only" and not referral.digital


def test_every_view_and_change_of_personal_data_is_audited(
    settings: Settings, make_client: Any
) -> None:
    world = build_world(settings)
    counter, receiver = make_client(settings), make_client(settings)
    reference = reference_of(
        refer(counter, login(counter, world.users["counter"]), world.taalpunt_offer)
    )
    counter.get(f"/staff/verwijzingen/{reference}")
    receiver_csrf = login(receiver, world.users["receiver"])
    receiver.get(f"/staff/verwijzingen/{reference}")
    step(receiver, receiver_csrf, reference, "contacted", "received")
    with _db(settings) as db:
        entries = db.exec(select(AuditEntry).where(AuditEntry.reference == reference)).all()
    actions = [e.action for e in entries]
    assert actions[:3] == ["create", "view", "view"] and "status" in actions
    assert len({e.actor_id for e in entries}) == 2
    assert all(e.at is not None for e in entries)


def test_slip_can_be_emailed_to_the_resident(settings: Settings, make_client: Any) -> None:
    world = build_world(settings)
    client = make_client(settings)
    csrf = login(client, world.users["helper"])
    reference = reference_of(
        refer(client, csrf, world.taalpunt_offer, contact="fatima@example.org")
    )
    response = client.post(f"/staff/verwijzingen/{reference}/bon-mailen", data={"csrf_token": csrf})
    assert response.status_code == 200
    with _db(settings) as db:
        slip = db.exec(select(OutboxMessage).where(OutboxMessage.kind == "slip")).one()
    assert reference in slip.body and "Fatima" not in slip.body
    assert "fatima@example.org" not in slip.to_enc


def test_long_lists_come_in_pages_newest_first(tmp_path: Any, make_client: Any) -> None:
    settings = Settings(data_dir=tmp_path / "var", environment="test", staff_referral_limit=100)
    world = build_world(settings)
    client = make_client(settings)
    csrf = login(client, world.users["counter"])
    made = [reference_of(refer(client, csrf, world.taalpunt_offer)) for _ in range(53)]
    first = client.get("/staff/verwijzingen").text
    assert first.count('class="referral-card"') == 50
    assert made[-1] in first and made[2] not in first and "?pagina=2" in first
    second = client.get("/staff/verwijzingen?pagina=2").text
    assert second.count('class="referral-card"') == 3 and made[0] in second
    assert "?pagina=3" not in second and "?pagina=1" in second
    beyond = client.get("/staff/verwijzingen?pagina=9")
    assert beyond.status_code == 200 and 'class="referral-card"' not in beyond.text
    assert client.get("/staff/verwijzingen?pagina=0").status_code == 422
