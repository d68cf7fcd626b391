from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

from sqlmodel import Session, select

from finder.db import get_engine
from finder.models import AuditEntry, Referral, ReferralEvent
from finder.settings import Settings
from finder.staff import retention
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
