"""The receiver's workflow: every transition, notes that never move the status, audited reopening."""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from datetime import UTC, datetime
from typing import Any

import pytest
from sqlmodel import Session, col, select

from finder.app import create_app
from finder.db import get_engine
from finder.hours import TIMEZONE
from finder.models import AuditEntry, Referral, ReferralEvent, ReferralStatus
from finder.models.staff import CLOSED_STATUSES
from finder.settings import Settings
from finder.staff import workflow
from tests.conftest import GatedClient
from tests.finder.staff.factories import (
    World,
    build_world,
    in_english,
    login,
    refer,
    reference_of,
    step,
)

HANDLED = [s for s in ReferralStatus if s != ReferralStatus.slip_only]
ALLOWED = {
    ("received", "contacted"),
    *(("received", s) for s in ("helped", "not_reached", "declined", "closed")),
    *(("contacted", s) for s in ("helped", "not_reached", "declined", "closed")),
}


@pytest.fixture(scope="module")
def desk(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Any]]:
    settings = Settings(
        data_dir=tmp_path_factory.mktemp("workflow") / "var",
        environment="test",
        staff_referral_limit=1000,
    )
    world = build_world(settings)
    counter = GatedClient(create_app(settings), raise_server_exceptions=False)
    receiver = in_english(GatedClient(create_app(settings), raise_server_exceptions=False))
    yield {
        "settings": settings,
        "world": world,
        "counter": (counter, login(counter, world.users["counter"])),
        "receiver": (receiver, login(receiver, world.users["receiver"])),
    }
    counter.close()
    receiver.close()


def _new(desk: dict[str, Any], status: ReferralStatus = ReferralStatus.received) -> str:
    """A referral to the receiver's organisation, put straight into `status`."""
    counter, csrf = desk["counter"]
    world: World = desk["world"]
    reference = reference_of(refer(counter, csrf, world.taalpunt_offer))
    with Session(get_engine(desk["settings"])) as db:
        referral = db.exec(select(Referral).where(Referral.reference == reference)).one()
        referral.status = status
        referral.closed_at = datetime.now(UTC) if status in CLOSED_STATUSES else None
        db.add(referral)
        db.commit()
    return reference


def _row(desk: dict[str, Any], reference: str) -> tuple[Referral, list[ReferralEvent]]:
    with Session(get_engine(desk["settings"])) as db:
        referral = db.exec(select(Referral).where(Referral.reference == reference)).one()
        events = db.exec(
            select(ReferralEvent)
            .where(ReferralEvent.referral_id == referral.id)
            .order_by(col(ReferralEvent.id))
        ).all()
        return referral, list(events)


def _audit(desk: dict[str, Any], reference: str) -> list[tuple[str, str]]:
    with Session(get_engine(desk["settings"])) as db:
        entries = db.exec(select(AuditEntry).where(AuditEntry.reference == reference)).all()
        return [(e.action, e.detail) for e in entries]


@pytest.mark.parametrize(("seen", "to"), list(itertools.product(HANDLED, HANDLED)))
def test_every_transition(desk: dict[str, Any], seen: ReferralStatus, to: ReferralStatus) -> None:
    receiver, csrf = desk["receiver"]
    reference = _new(desk, seen)
    response = step(receiver, csrf, reference, to.value, seen.value)
    referral, events = _row(desk, reference)
    if (seen.value, to.value) in ALLOWED:
        assert response.status_code == 303
        assert referral.status == to
        assert (referral.closed_at is not None) == (to in CLOSED_STATUSES)
        assert (events[-1].kind, events[-1].status) == ("status", to)
        assert ("status", f"{seen.value}>{to.value}") in _audit(desk, reference)
    else:
        assert response.status_code == 409
        assert referral.status == seen and len(events) == 1
        assert ("status-refused", "") in _audit(desk, reference)


def test_the_next_steps_are_buttons_and_nothing_is_chosen_in_advance(desk: dict[str, Any]) -> None:
    receiver, _ = desk["receiver"]
    page = receiver.get(f"/staff/verwijzingen/{_new(desk)}").text
    buttons = [b.split('"')[0] for b in page.split('name="status" value="')[1:]]
    assert buttons == ["contacted", "helped", "not_reached", "declined", "closed"]
    assert 'type="radio"' not in page.split('id="step-heading"')[1].split("</section>")[0]
    assert 'name="seen" value="received"' in page


def test_a_page_that_is_out_of_date_cannot_move_the_status(desk: dict[str, Any]) -> None:
    receiver, csrf = desk["receiver"]
    reference = _new(desk, ReferralStatus.contacted)
    # The receiver's page still showed "received"; someone else moved it on meanwhile.
    response = step(receiver, csrf, reference, "contacted", "received")
    assert response.status_code == 409 and "changed this referral" in response.text
    assert _row(desk, reference)[0].status == ReferralStatus.contacted


def test_a_note_never_changes_the_status(desk: dict[str, Any]) -> None:
    receiver, csrf = desk["receiver"]
    reference = _new(desk, ReferralStatus.helped)
    before, _ = _row(desk, reference)
    response = receiver.post(
        f"/staff/verwijzingen/{reference}/notitie",
        data={"note": "Mevrouw belde nog even", "csrf_token": csrf},
        follow_redirects=False,
    )
    assert response.status_code == 303
    after, events = _row(desk, reference)
    assert (after.status, after.closed_at) == (before.status, before.closed_at)
    assert (events[-1].kind, events[-1].status) == ("note", ReferralStatus.helped)
    assert ("note", "") in _audit(desk, reference)
    page = receiver.get(response.headers["location"]).text
    assert "The note is added. The status did not change." in page
    assert "Mevrouw belde nog even" in page


def test_an_empty_or_too_long_note_is_refused_and_the_text_kept(desk: dict[str, Any]) -> None:
    receiver, csrf = desk["receiver"]
    reference = _new(desk)
    empty = receiver.post(
        f"/staff/verwijzingen/{reference}/notitie", data={"note": "  ", "csrf_token": csrf}
    )
    assert empty.status_code == 400 and 'id="note-error"' in empty.text
    long_note = "Lang verhaal " * 100
    too_long = receiver.post(
        f"/staff/verwijzingen/{reference}/notitie", data={"note": long_note, "csrf_token": csrf}
    )
    assert too_long.status_code == 400 and long_note.strip() in too_long.text
    assert len(_row(desk, reference)[1]) == 1


@pytest.mark.parametrize("closed", sorted(workflow.REOPENABLE))
def test_a_closed_referral_is_reopened_with_a_reason(
    desk: dict[str, Any], closed: ReferralStatus
) -> None:
    receiver, csrf = desk["receiver"]
    reference = _new(desk)
    assert step(receiver, csrf, reference, "contacted", "received").status_code == 303
    assert step(receiver, csrf, reference, closed.value, "contacted").status_code == 303
    page = receiver.get(f"/staff/verwijzingen/{reference}").text
    assert 'id="reopen-heading"' in page and 'id="step-heading"' not in page

    response = receiver.post(
        f"/staff/verwijzingen/{reference}/heropenen",
        data={"reason": "Mevrouw heeft toch nog hulp nodig", "csrf_token": csrf},
        follow_redirects=False,
    )
    assert response.status_code == 303
    referral, events = _row(desk, reference)
    # Back to where handling stood: they had been contacted.
    assert referral.status == ReferralStatus.contacted and referral.closed_at is None
    assert (events[-1].kind, events[-1].status) == ("reopened", ReferralStatus.contacted)
    assert ("reopen", f"{closed.value}>contacted") in _audit(desk, reference)
    page = receiver.get(response.headers["location"]).text
    assert "Mevrouw heeft toch nog hulp nodig" in page and 'id="step-heading"' in page


def test_reopening_needs_a_reason_and_a_closed_referral(desk: dict[str, Any]) -> None:
    receiver, csrf = desk["receiver"]
    reference = _new(desk, ReferralStatus.declined)
    no_reason = receiver.post(
        f"/staff/verwijzingen/{reference}/heropenen", data={"reason": "", "csrf_token": csrf}
    )
    assert no_reason.status_code == 400 and 'id="reason-error"' in no_reason.text
    assert _row(desk, reference)[0].status == ReferralStatus.declined
    still_open = _new(desk, ReferralStatus.contacted)
    refused = receiver.post(
        f"/staff/verwijzingen/{still_open}/heropenen", data={"reason": "x", "csrf_token": csrf}
    )
    assert refused.status_code == 409
    assert _row(desk, still_open)[0].status == ReferralStatus.contacted


def test_a_reopened_referral_never_contacted_goes_back_to_received(desk: dict[str, Any]) -> None:
    receiver, csrf = desk["receiver"]
    reference = _new(desk)
    step(receiver, csrf, reference, "not_reached", "received")
    receiver.post(
        f"/staff/verwijzingen/{reference}/heropenen",
        data={"reason": "Nieuw nummer gekregen", "csrf_token": csrf},
    )
    assert _row(desk, reference)[0].status == ReferralStatus.received


def test_the_history_is_in_zwolle_time(desk: dict[str, Any]) -> None:
    receiver, _ = desk["receiver"]
    reference = _new(desk)
    referral, _events = _row(desk, reference)
    page = receiver.get(f"/staff/verwijzingen/{reference}").text
    made = referral.created_at.replace(tzinfo=UTC).astimezone(TIMEZONE)
    history = page.split('id="history-heading"')[1].split("</section>")[0]
    assert made.strftime("%-I:%M") in history and "UTC" not in page
