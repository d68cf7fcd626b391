"""Kill the server while referrals are being submitted: nothing confirmed is lost, nothing is half-written."""

from __future__ import annotations

import threading
import time
from pathlib import Path
from typing import Any

import httpx
from sqlmodel import Session, select

from finder.crypto import decrypt
from finder.db import get_engine
from finder.models import AuditEntry, OutboxMessage, Referral, ReferralEvent
from finder.settings import Settings
from tests.finder.staff.factories import build_world, login, refer, reference_of, server


def test_killing_the_server_mid_submission_loses_no_confirmed_referral(tmp_path: Path) -> None:
    data_dir = tmp_path / "var"
    settings = Settings(data_dir=data_dir, environment="test")
    world = build_world(settings)
    confirmed: dict[str, int] = {}
    stop = threading.Event()

    def submit(client: httpx.Client, csrf: str) -> None:
        for i in range(100_000):
            if stop.is_set():
                return
            try:
                response = refer(
                    client, csrf, world.taalpunt_offer, name=f"Bewoner {i}", question=f"Vraag {i}"
                )
            except httpx.TransportError:
                return
            confirmed[reference_of(response)] = i

    # The per-session limit on referrals would stop this flood long before the kill.
    unlimited = {"staff_referral_limit": "1000000"}
    with (
        server(data_dir, **unlimited) as (process, url),
        httpx.Client(base_url=url, timeout=10) as client,
    ):
        csrf = login(client, world.users["counter"])
        worker = threading.Thread(target=submit, args=(client, csrf))
        worker.start()
        while len(confirmed) < 25 and worker.is_alive():
            time.sleep(0.01)
        process.kill()  # SIGKILL: no shutdown handlers, no chance to tidy up
        worker.join(timeout=30)
        stop.set()
    assert len(confirmed) >= 25

    with server(data_dir) as (_, url), httpx.Client(base_url=url, timeout=10) as client:
        login(client, world.users["counter"])
        listing = client.get("/staff/verwijzingen").text
        assert all(reference in listing for reference in confirmed)

    _assert_complete(settings, confirmed)


def _assert_complete(settings: Settings, confirmed: dict[str, int]) -> None:
    with Session(get_engine(settings)) as db:
        referrals = {r.reference: r for r in db.exec(select(Referral))}
        events: dict[int, list[Any]] = {}
        for event in db.exec(select(ReferralEvent)):
            events.setdefault(event.referral_id, []).append(event)
        created = {
            e.reference for e in db.exec(select(AuditEntry).where(AuditEntry.action == "create"))
        }
        notices = db.exec(select(OutboxMessage)).all()
    assert set(confirmed) <= set(referrals)
    for reference, i in confirmed.items():
        referral = referrals[reference]
        assert decrypt(settings, referral.name_enc) == f"Bewoner {i}"
        assert decrypt(settings, referral.question_enc) == f"Vraag {i}"
    # None half-written: every stored referral, confirmed or not, has its event, audit entry and notice.
    for referral in referrals.values():
        assert referral.id in events and referral.reference in created
        assert referral.consent_text and decrypt(settings, referral.contact_enc)
    assert len(notices) == len(referrals)
    assert sum(len(e) for e in events.values()) == len(referrals)
