"""Server-side staff sessions. The cookie carries a random token; the database keeps its hash."""

from __future__ import annotations

import hashlib
import secrets
from datetime import UTC, datetime, timedelta

from sqlmodel import Session, col, delete

from finder.models import StaffSession, User

COOKIE = "finder_staff"
IDLE_LIMIT = timedelta(hours=2)
ABSOLUTE_LIMIT = timedelta(hours=12)
TOUCH_EVERY = timedelta(minutes=1)


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def start_session(db: Session, user: User) -> str:
    token = secrets.token_urlsafe(32)
    now = datetime.now(UTC)
    assert user.id is not None
    db.add(StaffSession(token_hash=_hash(token), user_id=user.id, created_at=now, last_seen=now))
    db.commit()
    return token


def load_session(db: Session, token: str) -> tuple[StaffSession, User] | None:
    if not token:
        return None
    row = db.get(StaffSession, _hash(token))
    if row is None:
        return None
    now = datetime.now(UTC)
    user = db.get(User, row.user_id)
    expired = now - row.last_seen > IDLE_LIMIT or now - row.created_at > ABSOLUTE_LIMIT
    if user is None or not user.active or expired:
        db.delete(row)
        db.commit()
        return None
    if now - row.last_seen > TOUCH_EVERY:
        row.last_seen = now
        db.add(row)
        db.commit()
        db.refresh(row)
    return row, user


def end_session(db: Session, token: str) -> None:
    """Logging out deletes the session, and with it the visitor list."""
    db.exec(delete(StaffSession).where(col(StaffSession.token_hash) == _hash(token)))
    db.commit()


def end_sessions_of(db: Session, user_id: int) -> None:
    db.exec(delete(StaffSession).where(col(StaffSession.user_id) == user_id))
    db.commit()
