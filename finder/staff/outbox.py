"""E-mail queued in the database and retried, so a failing SMTP server loses nothing."""

from __future__ import annotations

import logging
from collections.abc import Collection
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from sqlalchemy import update
from sqlmodel import Session, col, select

from finder.crypto import decrypt, encrypt
from finder.db import get_engine
from finder.models import OutboxMessage, Referral
from finder.settings import Settings
from finder.staff.mailer import MailError, mail_enabled, send_mail

log = logging.getLogger(__name__)
MAX_ATTEMPTS = 12
BASE_DELAY = timedelta(seconds=30)
MAX_DELAY = timedelta(hours=1)
CLAIM = timedelta(minutes=5)
BATCH = 50


@dataclass(frozen=True)
class FlushResult:
    sent: int = 0
    failed: int = 0


def enqueue(
    settings: Settings,
    db: Session,
    kind: str,
    to: str,
    subject: str,
    body: str,
    referral: Referral | None = None,
) -> None:
    """Adds to the caller's transaction: the message exists exactly when the referral does."""
    now = datetime.now(UTC)
    db.add(
        OutboxMessage(
            kind=kind,
            referral_id=referral.id if referral else None,
            reference=referral.reference if referral else "",
            to_enc=encrypt(settings, to),
            subject=subject,
            body=body,
            created_at=now,
            next_attempt_at=now,
        )
    )


def retry_delay(attempts: int) -> timedelta:
    return min(BASE_DELAY * (2 ** max(attempts - 1, 0)), MAX_DELAY)


def _claim(db: Session, message: OutboxMessage, now: datetime) -> bool:
    """Several workers may flush at once; only the one that moves next_attempt_at sends."""
    result = db.exec(
        update(OutboxMessage)
        .where(
            col(OutboxMessage.id) == message.id,
            col(OutboxMessage.next_attempt_at) == message.next_attempt_at,
        )
        .values(next_attempt_at=now + CLAIM)
    )
    db.commit()
    return bool(result.rowcount == 1)


def flush(
    settings: Settings, now: datetime | None = None, only: Collection[int] | None = None
) -> FlushResult:
    """Sends what is due; `only` limits it to those messages (the admin's "try again")."""
    if not mail_enabled(settings):
        return FlushResult()
    now = now or datetime.now(UTC)
    sent = failed = 0
    with Session(get_engine(settings)) as db:
        query = select(OutboxMessage).where(
            col(OutboxMessage.sent_at).is_(None),
            col(OutboxMessage.dead).is_(False),
            OutboxMessage.next_attempt_at <= now,
        )
        if only is not None:
            query = query.where(col(OutboxMessage.id).in_(list(only)))
        due = db.exec(query.order_by(col(OutboxMessage.id)).limit(BATCH)).all()
        for message in due:
            if not _claim(db, message, now):
                continue
            db.refresh(message)
            try:
                send_mail(
                    settings, decrypt(settings, message.to_enc), message.subject, message.body
                )
            except MailError as exc:
                failed += 1
                message.attempts += 1
                message.last_error = str(exc)
                message.next_attempt_at = now + retry_delay(message.attempts)
                message.dead = message.attempts >= MAX_ATTEMPTS
                log.warning(
                    "outbox message %s not sent (attempt %d): %s", message.id, message.attempts, exc
                )
            else:
                sent += 1
                message.attempts += 1
                message.sent_at = now
                message.to_enc = ""  # the address is only needed until the message is out
                message.last_error = ""
            db.add(message)
            db.commit()
    if sent or failed:
        log.info("outbox flushed: %d sent, %d failed", sent, failed)
    return FlushResult(sent, failed)


def unsent(db: Session, limit: int = 100) -> list[OutboxMessage]:
    """Messages still waiting, failing or given up on, oldest first."""
    query = (
        select(OutboxMessage)
        .where(col(OutboxMessage.sent_at).is_(None))
        .order_by(col(OutboxMessage.id))
        .limit(limit)
    )
    return list(db.exec(query))


def retry(
    settings: Settings, ids: Collection[int] | None = None, now: datetime | None = None
) -> FlushResult:
    """Makes unsent messages due at once, even those given up on, and sends them now."""
    now = now or datetime.now(UTC)
    with Session(get_engine(settings)) as db:
        query = update(OutboxMessage).where(col(OutboxMessage.sent_at).is_(None))
        if ids is not None:
            query = query.where(col(OutboxMessage.id).in_(list(ids)))
        db.exec(query.values(next_attempt_at=now, dead=False, attempts=0))
        db.commit()
        chosen = (
            list(ids)
            if ids is not None
            else list(db.exec(select(OutboxMessage.id).where(col(OutboxMessage.sent_at).is_(None))))
        )
    return flush(settings, now, only=[i for i in chosen if i is not None])


def counts(settings: Settings) -> dict[str, int]:
    with Session(get_engine(settings)) as db:
        rows = db.exec(select(OutboxMessage)).all()
    return {
        "pending": sum(1 for m in rows if m.sent_at is None and not m.dead),
        "sent": sum(1 for m in rows if m.sent_at is not None),
        "dead": sum(1 for m in rows if m.dead),
    }
