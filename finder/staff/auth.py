"""Logging in: password check, rate limit per client, lockout per account."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from sqlalchemy import delete, func
from sqlmodel import Session, col, select

from finder.crypto import keyed_hash
from finder.models import LoginAttempt, User
from finder.settings import Settings
from finder.staff.passwords import verify_password

# One address may try several accounts (a shared counter PC), so it gets more room.
CLIENT_FACTOR = 4


@dataclass(frozen=True)
class LoginResult:
    user: User | None
    locked: bool = False


def utcnow() -> datetime:
    return datetime.now(UTC)


def _failures(db: Session, column: object, key: str, since: datetime) -> int:
    query = (
        select(func.count())
        .select_from(LoginAttempt)
        .where(column == key, LoginAttempt.at >= since)
    )
    return int(db.exec(query).one())


def attempt_login(
    settings: Settings,
    db: Session,
    email: str,
    password: str,
    client: str,
    now: datetime | None = None,
) -> LoginResult:
    now = now or utcnow()
    account_key = keyed_hash(settings, "login-account", email.strip().lower())
    client_key = keyed_hash(settings, "login-client", client)
    since = now - timedelta(seconds=settings.login_lockout_seconds)
    if (
        _failures(db, col(LoginAttempt.account_key), account_key, since)
        >= settings.login_max_failures
        or _failures(db, col(LoginAttempt.client_key), client_key, since)
        >= settings.login_max_failures * CLIENT_FACTOR
    ):
        return LoginResult(None, locked=True)
    user = db.exec(select(User).where(User.email == email.strip().lower())).first()
    valid = verify_password(user.password_hash if user else None, password)
    if user is not None and valid and user.active:
        db.exec(delete(LoginAttempt).where(col(LoginAttempt.account_key) == account_key))
        db.commit()
        return LoginResult(user)
    db.add(LoginAttempt(account_key=account_key, client_key=client_key, at=now))
    db.commit()
    return LoginResult(None)
