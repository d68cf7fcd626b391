"""Failed logins slow one account down and lock out their source, never the account (#9)."""

from __future__ import annotations

import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

from sqlmodel import Session

from finder.app import create_app
from finder.db import get_engine
from finder.settings import Settings
from finder.staff.auth import MAX_DELAY, attempt_login
from tests.conftest import GatedClient
from tests.finder.staff.factories import PASSWORD, build_world, login, token_in

STRANGER = ("198.51.100.7", 40000)
OWNER = ("192.0.2.10", 40000)


def _post(client: GatedClient, email: str, password: str) -> object:
    token = token_in(client.get("/staff/inloggen").text)
    return client.post(
        "/staff/inloggen",
        data={"email": email, "password": password, "csrf_token": token},
        follow_redirects=False,
    )


def test_a_stranger_cannot_lock_someone_out(tmp_path: Path) -> None:
    settings = Settings(data_dir=tmp_path / "var", environment="test", login_max_failures=3)
    world = build_world(settings)
    email = world.users["helper"]
    app = create_app(settings)
    with GatedClient(app, client=STRANGER) as stranger, GatedClient(app, client=OWNER) as owner:
        for _ in range(3):
            assert _post(stranger, email, "wrong password").status_code == 400  # type: ignore[attr-defined]
        soon = _post(owner, email, PASSWORD)
        assert soon.status_code == 429  # type: ignore[attr-defined]
        wait = int(soon.headers["retry-after"])  # type: ignore[attr-defined]
        assert 1 <= wait <= 2
        assert "Wait a minute" in soon.text or "minuut" in soon.text  # type: ignore[attr-defined]
        time.sleep(wait + 0.1)
        assert _post(owner, email, PASSWORD).status_code == 303  # type: ignore[attr-defined]
        # Another account from the stranger's desk is not slowed down.
        login(stranger, world.users["counter"])


def test_the_wait_doubles_with_every_failure_up_to_a_minute(tmp_path: Path) -> None:
    settings = Settings(data_dir=tmp_path / "var", environment="test", login_max_failures=3)
    world = build_world(settings)
    email, now = world.users["receiver"], datetime.now(UTC)
    waits = []
    with Session(get_engine(settings)) as db:
        for n in range(12):
            # Each guess comes from a new address, as in a spray from many machines.
            result = attempt_login(settings, db, email, "guess", f"203.0.113.{n}", now)
            assert result.user is None and not result.locked
            waits.append(result.retry_after)
            if result.retry_after:
                early = attempt_login(settings, db, email, PASSWORD, "192.0.2.1", now)
                assert early.too_early and early.retry_after == result.retry_after
            now += timedelta(seconds=result.retry_after)
        assert waits == [0, 0, 1, 2, 4, 8, 16, 32, MAX_DELAY, MAX_DELAY, MAX_DELAY, MAX_DELAY]
        assert attempt_login(settings, db, email, PASSWORD, "192.0.2.1", now).user is not None


def test_many_failures_from_one_address_lock_out_that_address(tmp_path: Path) -> None:
    settings = Settings(data_dir=tmp_path / "var", environment="test", login_max_failures=2)
    world = build_world(settings)
    now = datetime.now(UTC)
    with Session(get_engine(settings)) as db:
        for n in range(8):
            attempt_login(settings, db, f"nobody{n}@example.org", "guess", "198.51.100.1", now)
        blocked = attempt_login(settings, db, world.users["admin"], PASSWORD, "198.51.100.1", now)
        assert blocked.locked and blocked.user is None and blocked.retry_after > 0
        elsewhere = attempt_login(settings, db, world.users["admin"], PASSWORD, "192.0.2.1", now)
        assert elsewhere.user is not None
