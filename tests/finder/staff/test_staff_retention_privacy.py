from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from typing import Any

from cryptography.fernet import Fernet
from sqlmodel import Session, select

from finder.db import get_engine
from finder.models import AuditEntry, Referral, ReferralEvent
from finder.settings import Settings
from finder.staff import retention
from finder.staff.crypto import decrypt, encrypt, resident_key
from tests.finder.staff.factories import build_world, login, refer, reference_of


def _close(settings: Settings, reference: str, days_ago: int) -> None:
    with Session(get_engine(settings)) as db:
        referral = db.exec(select(Referral).where(Referral.reference == reference)).one()
        referral.closed_at = datetime.now(UTC) - timedelta(days=days_ago)
        db.add(referral)
        db.commit()


def test_purge_removes_referrals_closed_longer_ago_than_the_retention(
    settings: Settings, make_client: Any
) -> None:
    world = build_world(settings)
    client = make_client(settings)
    csrf = login(client, world.users["counter"])
    old, recent, still_open = (
        reference_of(refer(client, csrf, world.taalpunt_offer)) for _ in range(3)
    )
    _close(settings, old, settings.referral_retention_days + 1)
    _close(settings, recent, settings.referral_retention_days - 1)
    assert retention.purge(settings).referrals == 1
    with Session(get_engine(settings)) as db:
        left = {r.reference for r in db.exec(select(Referral))}
        assert left == {recent, still_open}
        assert len(db.exec(select(ReferralEvent)).all()) == 2
        assert db.exec(select(AuditEntry).where(AuditEntry.action == "purge")).one()


def test_purge_removes_referrals_never_closed_after_the_longer_limit(
    settings: Settings, make_client: Any
) -> None:
    world = build_world(settings)
    client = make_client(settings)
    csrf = login(client, world.users["counter"])
    abandoned, young = (reference_of(refer(client, csrf, world.taalpunt_offer)) for _ in range(2))
    with Session(get_engine(settings)) as db:
        referral = db.exec(select(Referral).where(Referral.reference == abandoned)).one()
        referral.created_at = datetime.now(UTC) - timedelta(
            days=settings.referral_open_max_days + 1
        )
        db.add(referral)
        db.commit()
    assert retention.purge(settings).referrals == 1
    with Session(get_engine(settings)) as db:
        assert {r.reference for r in db.exec(select(Referral))} == {young}


def test_admin_exports_and_deletes_one_residents_referrals(
    settings: Settings, make_client: Any
) -> None:
    world = build_world(settings)
    counter, admin = make_client(settings), make_client(settings)
    csrf = login(counter, world.users["counter"])
    mine = reference_of(refer(counter, csrf, world.taalpunt_offer, contact="06-12345678"))
    also_mine = reference_of(
        refer(counter, csrf, world.voedselbank_offer, contact="+31 6 1234 5678")
    )
    other = reference_of(
        refer(counter, csrf, world.taalpunt_offer, name="Piet", contact="piet@example.org")
    )
    admin_csrf = login(admin, world.users["admin"])
    export = admin.post(
        "/staff/beheer/export", data={"contact": "0612345678", "csrf_token": admin_csrf}
    )
    assert export.headers["content-disposition"].startswith("attachment")
    data = json.loads(export.text)
    assert {r["reference"] for r in data["referrals"]} == {mine, also_mine}
    assert data["referrals"][0]["name"] == "Fatima Jansen" and data["referrals"][0]["consent_text"]
    refused = admin.post(
        "/staff/beheer/verwijderen", data={"contact": "0612345678", "csrf_token": admin_csrf}
    )
    assert refused.status_code == 400
    admin.post(
        "/staff/beheer/verwijderen",
        data={"contact": "0612345678", "confirm": "yes", "csrf_token": admin_csrf},
    )
    with Session(get_engine(settings)) as db:
        assert {r.reference for r in db.exec(select(Referral))} == {other}
        actions = {(e.action, e.reference) for e in db.exec(select(AuditEntry))}
    assert {("export", mine), ("delete", mine), ("delete", also_mine)} <= actions
    audit_page = admin.get("/staff/beheer").text
    assert mine in audit_page and "Fatima" not in audit_page


def test_encryption_round_trips_and_the_resident_key_ignores_formatting(settings: Settings) -> None:
    token = encrypt(settings, "Fatima")
    assert token != "Fatima" and decrypt(settings, token) == "Fatima"
    assert resident_key(settings, "06-12345678") == resident_key(settings, "+31 6 12345678")
    other = Settings(
        data_dir=settings.data_dir,
        environment="test",
        encryption_key=Fernet.generate_key().decode(),
    )
    assert resident_key(other, "06-12345678") != resident_key(settings, "06-12345678")
