"""Automatic clean-up: closed referrals after the retention period, referrals never closed
after a longer limit, and stale operational rows."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from sqlalchemy import delete
from sqlmodel import Session, col, select

from finder.db import get_engine
from finder.models import (
    LoginAttempt,
    OutboxMessage,
    RateLimitHit,
    Referral,
    ReferralEvent,
    StaffSession,
)
from finder.settings import Settings
from finder.staff import audit
from finder.staff.sessions import ABSOLUTE_LIMIT

log = logging.getLogger(__name__)
OUTBOX_KEEP = timedelta(days=30)


@dataclass(frozen=True)
class PurgeResult:
    referrals: int


def delete_referrals(db: Session, ids: list[int]) -> None:
    """Removes referrals with their history and their e-mail; the caller commits.

    Unsent e-mail goes too: a slip still holds the resident's address, and a notice about a
    deleted referral would only lead to a page that no longer exists.
    """
    if ids:
        db.exec(delete(ReferralEvent).where(col(ReferralEvent.referral_id).in_(ids)))
        db.exec(delete(OutboxMessage).where(col(OutboxMessage.referral_id).in_(ids)))
        db.exec(delete(Referral).where(col(Referral.id).in_(ids)))


def purge(settings: Settings, now: datetime | None = None) -> PurgeResult:
    now = now or datetime.now(UTC)
    cutoff = now - timedelta(days=settings.referral_retention_days)
    # A referral nobody closed must not keep a resident's data for ever.
    abandoned = now - timedelta(days=settings.referral_open_max_days)
    with Session(get_engine(settings)) as db:
        closed_long_ago = col(Referral.closed_at).is_not(None) & (col(Referral.closed_at) < cutoff)
        never_closed = col(Referral.closed_at).is_(None) & (col(Referral.created_at) < abandoned)
        ids = [
            i
            for i in db.exec(select(Referral.id).where(closed_long_ago | never_closed))
            if i is not None
        ]
        delete_referrals(db, ids)
        if ids:
            audit.record(db, None, "purge", detail=f"{len(ids)} referrals")
        db.exec(delete(LoginAttempt).where(col(LoginAttempt.at) < now - timedelta(days=1)))
        db.exec(delete(StaffSession).where(col(StaffSession.created_at) < now - ABSOLUTE_LIMIT))
        db.exec(delete(RateLimitHit).where(col(RateLimitHit.at) < now - timedelta(days=1)))
        # E-mail of a referral stays as long as the referral: it is how delivery is shown.
        db.exec(
            delete(OutboxMessage).where(
                col(OutboxMessage.referral_id).is_(None),
                col(OutboxMessage.created_at) < now - OUTBOX_KEEP,
                col(OutboxMessage.sent_at).is_not(None) | col(OutboxMessage.dead),
            )
        )
        db.commit()
    if ids:
        log.info("retention: purged %d referrals", len(ids))
    return PurgeResult(len(ids))
