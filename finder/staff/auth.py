"""Logging in: password check, a growing wait per account, lockout per client address.

A hard lock per account let any stranger lock a colleague out by typing wrong passwords. Now the
source of the attempts is locked out, and one account only slows down: after
`login_max_failures` failures each next try waits 1 second after the latest failure, doubling
per failure up to a minute. A guess that comes too early is not even checked, so spreading
guesses over many machines gains nothing, while the right password always works after the wait.
"""

from __future__ import annotations

import math
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
MAX_DELAY = 60


@dataclass(frozen=True)
class LoginResult:
    user: User | None
    # The client address is locked out for the window.
    locked: bool = False
    # Seconds before this account takes the next try.
    retry_after: int = 0
    # The try came within the wait, so the password was not checked.
    too_early: bool = False


def utcnow() -> datetime:
    return datetime.now(UTC)


def account_delay(failures: int, max_failures: int) -> int:
    """Seconds an account waits after its latest failure."""
    if failures < max_failures:
        return 0
    return min(2 ** (failures - max_failures), MAX_DELAY)


def _failures(
    db: Session, column: object, key: str, since: datetime
) -> tuple[int, datetime | None]:
    """How many failures since `since`, and the latest one."""
    query = select(func.count(), func.max(LoginAttempt.at)).where(
        column == key, LoginAttempt.at >= since
    )
    count, latest = db.exec(query).one()
    if isinstance(latest, datetime) and latest.tzinfo is None:
        latest = latest.replace(tzinfo=UTC)  # SQLite hands back naive UTC
    return int(count), latest


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
    window = settings.login_lockout_seconds
    since = now - timedelta(seconds=window)
    from_client, _ = _failures(db, col(LoginAttempt.client_key), client_key, since)
    if from_client >= settings.login_max_failures * CLIENT_FACTOR:
        return LoginResult(None, locked=True, retry_after=window)
    failures, latest = _failures(db, col(LoginAttempt.account_key), account_key, since)
    delay = account_delay(failures, settings.login_max_failures)
    if delay and latest is not None:
        wait = delay - (now - latest).total_seconds()
        if wait > 0:
            return LoginResult(None, retry_after=math.ceil(wait), too_early=True)
    user = db.exec(select(User).where(User.email == email.strip().lower())).first()
    valid = verify_password(user.password_hash if user else None, password)
    if user is not None and valid and user.active:
        db.exec(delete(LoginAttempt).where(col(LoginAttempt.account_key) == account_key))
        db.commit()
        return LoginResult(user)
    db.add(LoginAttempt(account_key=account_key, client_key=client_key, at=now))
    db.commit()
    upcoming = account_delay(failures + 1, settings.login_max_failures)
    return LoginResult(None, retry_after=upcoming)
