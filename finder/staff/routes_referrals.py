"""Warm referrals: create with consent, print or e-mail the slip, follow and update the status."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Form, HTTPException, Request
from fastapi.responses import Response
from sqlmodel import Session

from finder.models import Referral, ReferralStatus, Role
from finder.offers import OfferView, get_offer
from finder.settings import Settings
from finder.staff import audit, referrals
from finder.staff.context import CsrfDep, GuideDep, ReaderDep, ReceiverDep, StaffContext
from finder.staff.crypto import decrypt
from finder.staff.forms import ReferralForm, consent_text
from finder.staff.handout import offer_url
from finder.staff.rendering import redirect, render
from finder.ui.deps import SessionDep, SettingsDep
from finder.ui.i18n import gettext_ as _
from finder.ui.qr import qr_svg

router = APIRouter(prefix="/staff")


def _offer(db: Session, offer_id: str) -> OfferView:
    view = get_offer(db, offer_id)
    if view is None:
        raise HTTPException(status_code=404)
    return view


def _visible(db: Session, staff: StaffContext, reference: str) -> Referral:
    """Someone else's referral is answered exactly like one that does not exist."""
    referral = referrals.get_visible(db, staff, reference)
    if referral is None:
        raise HTTPException(status_code=404)
    return referral


def _form_page(
    request: Request,
    settings: Settings,
    db: Session,
    view: OfferView,
    form: ReferralForm,
    status: int = 200,
) -> Response:
    context = {
        "view": view,
        "form": form,
        "consent_text": consent_text(settings),
        "digital": referrals.has_receiver(db, view.offer.organization_id),
    }
    return render(request, "referral_form.html", context, status)


@router.get("/verwijzen/{offer_id}", name="referral_new")
def new(
    request: Request, offer_id: str, staff: GuideDep, settings: SettingsDep, db: SessionDep
) -> Response:
    return _form_page(request, settings, db, _offer(db, offer_id), ReferralForm())


@router.post("/verwijzen/{offer_id}")
def create(
    request: Request,
    offer_id: str,
    staff: GuideDep,
    settings: SettingsDep,
    db: SessionDep,
    _csrf: CsrfDep,
    name: Annotated[str, Form(max_length=1000)] = "",
    contact: Annotated[str, Form(max_length=1000)] = "",
    question: Annotated[str, Form(max_length=5000)] = "",
    consent: Annotated[str, Form(max_length=10)] = "",
) -> Response:
    view = _offer(db, offer_id)
    form = ReferralForm(name=name, contact=contact, question=question, consent=consent == "yes")
    if form.errors():
        return _form_page(request, settings, db, view, form, 400)
    referral = referrals.create_referral(
        settings, db, staff, view, form.details(), consent_text(settings)
    )
    return redirect(f"/staff/verwijzingen/{referral.reference}?nieuw=1")


@router.get("/verwijzingen", name="referral_list")
def listing(request: Request, staff: ReaderDep, db: SessionDep) -> Response:
    return render(request, "referrals.html", {"referrals": referrals.list_visible(db, staff)})


def _events(settings: Settings, db: Session, referral: Referral) -> list[dict[str, object]]:
    return [
        {"event": e, "note": decrypt(settings, e.note_enc)}
        for e in referrals.events_of(db, referral)
    ]


@router.get("/verwijzingen/{reference}", name="referral_detail")
def detail(
    request: Request,
    reference: str,
    staff: ReaderDep,
    settings: SettingsDep,
    db: SessionDep,
    nieuw: int = 0,
) -> Response:
    referral = _visible(db, staff, reference)
    context = {
        "referral": referral,
        "details": referrals.details_of(settings, db, staff, referral),
        "events": _events(settings, db, referral),
        "next_statuses": referrals.NEXT_STATUSES.get(referral.status, ())
        if staff.role == Role.receiver
        else (),
        "created": bool(nieuw),
        "mailed": request.query_params.get("bon") or "",
    }
    return render(request, "referral.html", context)


@router.get("/verwijzingen/{reference}/bon", name="referral_slip")
def slip(
    request: Request, reference: str, staff: GuideDep, settings: SettingsDep, db: SessionDep
) -> Response:
    referral = _visible(db, staff, reference)
    view = get_offer(db, referral.offer_id)
    url = offer_url(settings, referral.offer_id)
    qr = qr_svg(url, _("QR code to the page about %(title)s") % {"title": referral.offer_title})
    return render(request, "slip.html", {"referral": referral, "view": view, "qr": qr, "url": url})


@router.post("/verwijzingen/{reference}/bon-mailen", name="referral_slip_mail")
def slip_mail(
    reference: str, staff: GuideDep, settings: SettingsDep, db: SessionDep, _csrf: CsrfDep
) -> Response:
    referral = _visible(db, staff, reference)
    queued = referrals.queue_slip(settings, db, staff, referral)
    return redirect(f"/staff/verwijzingen/{reference}?bon={'queued' if queued else 'no-email'}")


@router.post("/verwijzingen/{reference}/status", name="referral_status")
def change_status(
    request: Request,
    reference: str,
    staff: ReceiverDep,
    settings: SettingsDep,
    db: SessionDep,
    _csrf: CsrfDep,
    status: Annotated[str, Form(max_length=20)] = "",
    note: Annotated[str, Form(max_length=2000)] = "",
) -> Response:
    referral = _visible(db, staff, reference)
    try:
        referrals.change_status(
            settings, db, staff, referral, ReferralStatus(status), note.strip()[:1000]
        )
    except ValueError:
        audit.record(db, staff.user_id, "status-refused", reference)
        db.commit()
        return render(request, "message.html", {"kind": "conflict"}, 409)
    return redirect(f"/staff/verwijzingen/{reference}")
