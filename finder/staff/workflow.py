"""How a receiver handles a referral: explicit next steps, notes that never move the status,
and reopening a closed referral with a reason. Every change is an event and an audit entry.

A step only happens when the referral still has the status the receiver saw (compare and set
in one UPDATE), so two people working on one referral cannot overwrite each other.
"""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import update
from sqlmodel import Session, col

from finder.crypto import encrypt
from finder.models import EventKind, Referral, ReferralEvent, ReferralStatus
from finder.models.staff import CLOSED_STATUSES
from finder.settings import Settings
from finder.staff import audit

MAX_NOTE = 1000
OPEN_STATUSES = (ReferralStatus.received, ReferralStatus.contacted)
_OUTCOMES = (
    ReferralStatus.helped,
    ReferralStatus.not_reached,
    ReferralStatus.declined,
    ReferralStatus.closed,
)
NEXT_STEPS: dict[ReferralStatus, tuple[ReferralStatus, ...]] = {
    ReferralStatus.received: (ReferralStatus.contacted, *_OUTCOMES),
    ReferralStatus.contacted: _OUTCOMES,
}
REOPENABLE = frozenset(_OUTCOMES)


class Refused(ValueError):
    """The step is not possible from the referral's current status (or it changed meanwhile)."""


class TextNeeded(ValueError):
    """A note or reason is empty or longer than MAX_NOTE characters."""


def next_steps(status: ReferralStatus) -> tuple[ReferralStatus, ...]:
    return NEXT_STEPS.get(status, ())


def _event(
    settings: Settings,
    db: Session,
    referral: Referral,
    kind: EventKind,
    status: ReferralStatus,
    actor_id: int,
    text: str,
    now: datetime,
) -> None:
    assert referral.id is not None
    db.add(
        ReferralEvent(
            referral_id=referral.id,
            kind=kind.value,
            status=status,
            note_enc=encrypt(settings, text),
            actor_id=actor_id,
            at=now,
        )
    )


def _move(
    db: Session, referral: Referral, seen: ReferralStatus, to: ReferralStatus, now: datetime
) -> None:
    closed_at = now if to in CLOSED_STATUSES else None
    result = db.exec(
        update(Referral)
        .where(col(Referral.id) == referral.id, col(Referral.status) == seen)
        .values(status=to, updated_at=now, closed_at=closed_at)
    )
    if result.rowcount != 1:
        db.rollback()
        raise Refused("the referral changed in the meantime")


def _text(value: str, required: bool) -> str:
    text = value.strip()
    if len(text) > MAX_NOTE or (required and not text):
        raise TextNeeded(f"write between 1 and {MAX_NOTE} characters")
    return text


def change_status(
    settings: Settings,
    db: Session,
    actor_id: int,
    referral: Referral,
    seen: ReferralStatus,
    to: ReferralStatus,
    note: str = "",
) -> None:
    text = _text(note, required=False)
    if seen != referral.status or to not in next_steps(seen):
        raise Refused("this status change is not possible")
    now = datetime.now(UTC)
    _move(db, referral, seen, to, now)
    _event(settings, db, referral, EventKind.status, to, actor_id, text, now)
    audit.record(db, actor_id, "status", referral.reference, f"{seen.value}>{to.value}")
    db.commit()


def add_note(settings: Settings, db: Session, actor_id: int, referral: Referral, note: str) -> None:
    """A note is history only: the status and the retention clock stay as they are."""
    text = _text(note, required=True)
    _event(
        settings, db, referral, EventKind.note, referral.status, actor_id, text, datetime.now(UTC)
    )
    audit.record(db, actor_id, "note", referral.reference)
    db.commit()


def reopen_target(history: list[ReferralEvent]) -> ReferralStatus:
    """Back to where handling stood before it was closed: contacted if they had been reached."""
    for event in reversed(history):
        if event.status in OPEN_STATUSES:
            return ReferralStatus(event.status)
    return ReferralStatus.received


def reopen(
    settings: Settings,
    db: Session,
    actor_id: int,
    referral: Referral,
    history: list[ReferralEvent],
    reason: str,
) -> ReferralStatus:
    text = _text(reason, required=True)
    if referral.status not in REOPENABLE:
        raise Refused("only a closed referral can be reopened")
    seen = referral.status
    to = reopen_target(history)
    now = datetime.now(UTC)
    _move(db, referral, seen, to, now)
    _event(settings, db, referral, EventKind.reopened, to, actor_id, text, now)
    audit.record(db, actor_id, "reopen", referral.reference, f"{seen.value}>{to.value}")
    db.commit()
    return to
