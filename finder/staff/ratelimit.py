"""Per staff session limits on making referrals and sending e-mail.

Counted in the database rather than in memory, so the limit holds across every worker process.
A stolen or scripted session can then flood neither the referral tables nor the mail server.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from enum import StrEnum

from sqlalchemy import func
from sqlmodel import Session, col, select

from finder.models import RateLimitHit
from finder.settings import Settings
from finder.staff.context import StaffContext

WINDOW = timedelta(minutes=10)


class Action(StrEnum):
    referral = "referral"
    mail = "mail"


def limit_of(settings: Settings, action: Action) -> int:
    return settings.staff_referral_limit if action == Action.referral else settings.staff_mail_limit


def wait_seconds(
    settings: Settings,
    db: Session,
    staff: StaffContext,
    action: Action,
    now: datetime | None = None,
) -> int:
    """0 when the action may go ahead, otherwise how long until the oldest count expires."""
    now = now or datetime.now(UTC)
    since = now - WINDOW
    query = select(func.count(), func.min(RateLimitHit.at)).where(
        RateLimitHit.key == staff.session_hash,
        RateLimitHit.action == action.value,
        col(RateLimitHit.at) >= since,
    )
    used, oldest = db.exec(query).one()
    if int(used) < limit_of(settings, action):
        return 0
    if oldest.tzinfo is None:  # SQLite hands back UTC without a zone
        oldest = oldest.replace(tzinfo=UTC)
    return max(1, int((oldest + WINDOW - now).total_seconds()) + 1)


def count(db: Session, staff: StaffContext, action: Action) -> None:
    """Adds to the caller's transaction: only an action that really happens is counted."""
    db.add(RateLimitHit(key=staff.session_hash, action=action.value, at=datetime.now(UTC)))
