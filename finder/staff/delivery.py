"""Whether a referral's e-mail really went out: read from the outbox, never assumed.

Delivery is separate from the handling status: an organisation can only start handling a
referral it has heard of, and a helper must know when to hand over the slip instead.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from typing import Protocol

from sqlalchemy import select as sa_select
from sqlmodel import Session, col

from finder.models import OutboxMessage, Referral
from finder.staff import clock

NOTIFY = "notify"
SLIP = "slip"


class DeliveryState(StrEnum):
    queued = "queued"
    sent = "sent"
    failed = "failed"
    slip_only = "slip_only"
    # Referrals made before delivery was recorded per referral have no messages to read.
    unknown = "unknown"


@dataclass(frozen=True)
class Delivery:
    state: DeliveryState
    sent: int = 0
    total: int = 0
    last_error: str = ""
    gave_up: bool = False
    next_attempt: str = ""
    sent_at: str = ""
    mail_enabled: bool = True


class MessageState(Protocol):
    """What delivery reads of a message: an outbox row, or just these columns of it."""

    @property
    def id(self) -> int | None: ...
    @property
    def sent_at(self) -> datetime | None: ...
    @property
    def dead(self) -> bool: ...
    @property
    def last_error(self) -> str: ...
    @property
    def next_attempt_at(self) -> datetime: ...


def summarise(messages: Sequence[MessageState], mail_enabled: bool) -> Delivery:
    """One state for a set of messages: sent only when every one of them went out."""
    if not messages:
        return Delivery(DeliveryState.unknown, mail_enabled=mail_enabled)
    done = [m for m in messages if m.sent_at is not None]
    waiting = [m for m in messages if m.sent_at is None]
    failing = [m for m in waiting if m.dead or m.last_error]
    if not waiting:
        last = max(m.sent_at for m in done if m.sent_at is not None)
        return Delivery(DeliveryState.sent, len(done), len(messages), sent_at=clock.when(last))
    if failing:
        latest = max(failing, key=lambda m: m.next_attempt_at)
        gave_up = any(m.dead for m in failing)
        return Delivery(
            DeliveryState.failed,
            len(done),
            len(messages),
            last_error=latest.last_error,
            gave_up=gave_up,
            next_attempt="" if gave_up else clock.when(latest.next_attempt_at),
            mail_enabled=mail_enabled,
        )
    return Delivery(DeliveryState.queued, len(done), len(messages), mail_enabled=mail_enabled)


def _messages(db: Session, referral_ids: Iterable[int], kind: str) -> dict[int, list[MessageState]]:
    """Only the columns delivery needs: not the bodies or the encrypted addresses."""
    ids = list(referral_ids)
    found: dict[int, list[MessageState]] = {i: [] for i in ids}
    if not ids:
        return found
    query = sa_select(
        col(OutboxMessage.referral_id),
        col(OutboxMessage.id),
        col(OutboxMessage.sent_at),
        col(OutboxMessage.dead),
        col(OutboxMessage.last_error),
        col(OutboxMessage.next_attempt_at),
    ).where(col(OutboxMessage.referral_id).in_(ids), col(OutboxMessage.kind) == kind)
    for row in db.execute(query):
        if row.referral_id is not None:
            found[row.referral_id].append(row)
    return found


def of_referrals(
    db: Session, referrals: Sequence[Referral], mail_enabled: bool
) -> dict[int, Delivery]:
    """The organisation's notice per referral, in one query for a whole list."""
    by_id = _messages(db, (r.id for r in referrals if r.id is not None), NOTIFY)
    return {
        r.id: (
            summarise(by_id[r.id], mail_enabled)
            if r.digital
            else Delivery(DeliveryState.slip_only, mail_enabled=mail_enabled)
        )
        for r in referrals
        if r.id is not None
    }


def of_slip_mail(db: Session, referral: Referral, mail_enabled: bool) -> Delivery | None:
    """The slip e-mailed to the resident, if a helper sent one: the latest counts."""
    if referral.id is None:
        return None
    messages = _messages(db, [referral.id], SLIP)[referral.id]
    if not messages:
        return None
    return summarise([max(messages, key=lambda m: m.id or 0)], mail_enabled)
