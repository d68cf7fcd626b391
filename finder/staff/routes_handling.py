"""The receiver handles a referral: one button per next step, a note, or reopening it."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Form, Request
from fastapi.responses import Response
from sqlmodel import Session

from finder.models import ReferralStatus
from finder.staff import audit, referrals, workflow
from finder.staff.context import CsrfDep, ReceiverDep, StaffContext
from finder.staff.messages import message_page
from finder.staff.rendering import redirect
from finder.staff.routes_referrals import show_referral, visible
from finder.ui.deps import SessionDep, SettingsDep

router = APIRouter(prefix="/staff/verwijzingen/{reference}")


def _status(value: str) -> ReferralStatus | None:
    try:
        return ReferralStatus(value)
    except ValueError:
        return None


def _refused(request: Request, db: Session, staff: StaffContext, reference: str) -> Response:
    audit.record(db, staff.user_id, "status-refused", reference)
    db.commit()
    return message_page(request, "conflict", 409, back=f"/staff/verwijzingen/{reference}")


@router.post("/status", name="referral_status")
def change_status(
    request: Request,
    reference: str,
    staff: ReceiverDep,
    settings: SettingsDep,
    db: SessionDep,
    _csrf: CsrfDep,
    status: Annotated[str, Form(max_length=20)] = "",
    seen: Annotated[str, Form(max_length=20)] = "",
    note: Annotated[str, Form(max_length=2000)] = "",
) -> Response:
    """`seen` is the status the receiver was looking at: a stale page cannot move it on."""
    referral = visible(db, staff, reference)
    to, was = _status(status), _status(seen)
    if to is None or was is None:
        return _refused(request, db, staff, reference)
    try:
        workflow.change_status(settings, db, staff.user_id, referral, was, to, note)
    except workflow.Refused:
        return _refused(request, db, staff, reference)
    except workflow.TextNeeded:
        return show_referral(request, settings, db, staff, referral, 400, step_error=note)
    return redirect(f"/staff/verwijzingen/{reference}?klaar=status")


@router.post("/notitie", name="referral_note")
def add_note(
    request: Request,
    reference: str,
    staff: ReceiverDep,
    settings: SettingsDep,
    db: SessionDep,
    _csrf: CsrfDep,
    note: Annotated[str, Form(max_length=2000)] = "",
) -> Response:
    referral = visible(db, staff, reference)
    try:
        workflow.add_note(settings, db, staff.user_id, referral, note)
    except workflow.TextNeeded:
        # Shown again with the text as typed, so nothing written is lost.
        return show_referral(request, settings, db, staff, referral, 400, note_error=note)
    return redirect(f"/staff/verwijzingen/{reference}?klaar=note")


@router.post("/heropenen", name="referral_reopen")
def reopen(
    request: Request,
    reference: str,
    staff: ReceiverDep,
    settings: SettingsDep,
    db: SessionDep,
    _csrf: CsrfDep,
    reason: Annotated[str, Form(max_length=2000)] = "",
) -> Response:
    referral = visible(db, staff, reference)
    history = referrals.events_of(db, referral)
    try:
        workflow.reopen(settings, db, staff.user_id, referral, history, reason)
    except workflow.Refused:
        return _refused(request, db, staff, reference)
    except workflow.TextNeeded:
        return show_referral(request, settings, db, staff, referral, 400, reason_error=reason)
    return redirect(f"/staff/verwijzingen/{reference}?klaar=reopened")
