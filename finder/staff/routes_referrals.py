"""Warm referrals: create with consent, follow them in a list, print or e-mail the slip."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated

from fastapi import APIRouter, Form, Query, Request
from fastapi.responses import Response
from markupsafe import Markup
from sqlmodel import Session

from finder.models import Referral
from finder.settings import Settings
from finder.staff import clock, intake, messages, ratelimit, referral_views, referrals
from finder.staff.context import CsrfDep, GuideDep, NotFound, ReaderDep, StaffContext
from finder.staff.forms import ReferralForm, consent_text, own_words_consent_text
from finder.staff.handout import offer_url
from finder.staff.offer_summary import OfferSummary, summary_of
from finder.staff.rendering import redirect, render
from finder.ui.deps import SessionDep, SettingsDep
from finder.ui.i18n import gettext_ as _
from finder.ui.qr import qr_svg
from finder.ui.urls import site_url

router = APIRouter(prefix="/staff")


@dataclass(frozen=True)
class FormPage:
    offer: OfferSummary
    form: ReferralForm
    errors: dict[str, str]
    consent_text: str
    own_words_consent_text: str
    digital: bool
    languages: list[tuple[str, str]]
    channels: tuple[str, ...] = intake.CHANNELS
    times: tuple[str, ...] = intake.TIMES
    wait_minutes: int = 0


@dataclass(frozen=True)
class SlipPage:
    reference: str
    date: str
    organisation: str
    offer_title: str
    phone: str
    address: str
    digital: bool
    qr: Markup
    url: str


def _offer(db: Session, offer_id: str) -> OfferSummary:
    offer = summary_of(db, offer_id)
    if offer is None:
        raise NotFound
    return offer


def visible(db: Session, staff: StaffContext, reference: str) -> Referral:
    """Someone else's referral is answered exactly like one that does not exist."""
    referral = referrals.get_visible(db, staff, reference)
    if referral is None:
        raise NotFound
    return referral


def _form_page(
    request: Request,
    settings: Settings,
    db: Session,
    offer: OfferSummary,
    form: ReferralForm,
    status: int = 200,
    wait_seconds: int = 0,
) -> Response:
    page = FormPage(
        offer=offer,
        form=form,
        errors=form.errors() if request.method == "POST" else {},
        consent_text=consent_text(settings),
        own_words_consent_text=own_words_consent_text(),
        digital=referrals.is_digital(db, offer),
        languages=intake.language_choices(),
        wait_minutes=(wait_seconds + 59) // 60,
    )
    response = render(request, "referral_form.html", {"page": page}, status)
    if wait_seconds:
        response.headers["retry-after"] = str(wait_seconds)
    return response


@router.get("/verwijzen/{offer_id}", name="referral_new")
def new(
    request: Request, offer_id: str, staff: GuideDep, settings: SettingsDep, db: SessionDep
) -> Response:
    name, location = referrals.referrer_defaults(settings, db, staff)
    form = ReferralForm(helper_name=name, location=location)
    return _form_page(request, settings, db, _offer(db, offer_id), form)


@router.post("/verwijzen/{offer_id}", name="referral_create")
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
    nickname: Annotated[str, Form(max_length=1000)] = "",
    language: Annotated[str, Form(max_length=20)] = "",
    channel: Annotated[str, Form(max_length=20)] = "",
    times: Annotated[list[str] | None, Form(max_length=10)] = None,
    own_words: Annotated[str, Form(max_length=5000)] = "",
    own_words_consent: Annotated[str, Form(max_length=10)] = "",
    helper_name: Annotated[str, Form(max_length=1000)] = "",
    location: Annotated[str, Form(max_length=1000)] = "",
) -> Response:
    offer = _offer(db, offer_id)
    form = ReferralForm(
        name=name,
        contact=contact,
        question=question,
        consent=consent == "yes",
        nickname=nickname,
        language=language,
        channel=channel,
        times=tuple(times or ()),
        own_words=own_words,
        own_words_consent=own_words_consent == "yes",
        helper_name=helper_name,
        location=location,
    )
    if form.errors():
        return _form_page(request, settings, db, offer, form, 400)
    wait = ratelimit.wait_seconds(settings, db, staff, ratelimit.Action.referral)
    if wait:
        return _form_page(request, settings, db, offer, form, 429, wait)
    ratelimit.count(db, staff, ratelimit.Action.referral)
    referral = referrals.create_referral(
        settings,
        db,
        staff,
        offer,
        form.details(),
        consent_text(settings),
        nickname=form.nickname,
        receiver_facts=form.intake(referrals.staff_org_name(db, staff)),
        site=site_url(request),
    )
    return redirect(f"/staff/verwijzingen/{referral.reference}?nieuw=1")


PAGE_SIZE = 50


@router.get("/verwijzingen", name="referral_list")
def listing(
    request: Request,
    staff: ReaderDep,
    settings: SettingsDep,
    db: SessionDep,
    pagina: Annotated[int, Query(ge=1, le=10_000)] = 1,
) -> Response:
    found = referrals.list_visible(db, staff, (pagina - 1) * PAGE_SIZE, PAGE_SIZE + 1)
    rows = referral_views.rows(settings, db, staff, found[:PAGE_SIZE])
    context = {"rows": rows, "page": pagina, "more": len(found) > PAGE_SIZE}
    return render(request, "referrals.html", context)


def show_referral(
    request: Request,
    settings: Settings,
    db: Session,
    staff: StaffContext,
    referral: Referral,
    status: int = 200,
    **flags: object,
) -> Response:
    """The referral page; `flags` say what just happened or what to correct (note, reason)."""
    resident = referrals.details_of(settings, db, staff, referral)
    events = referrals.events_of(db, referral)
    page = referral_views.page(settings, db, staff, referral, resident, events)
    return render(request, "referral.html", {"page": page, **flags}, status)


@router.get("/verwijzingen/{reference}", name="referral_detail")
def detail(
    request: Request,
    reference: str,
    staff: ReaderDep,
    settings: SettingsDep,
    db: SessionDep,
    nieuw: int = 0,
    bon: str = "",
    klaar: str = "",
) -> Response:
    referral = visible(db, staff, reference)
    return show_referral(
        request, settings, db, staff, referral, created=bool(nieuw), slip_mail=bon, done=klaar
    )


@router.get("/verwijzingen/{reference}/bon", name="referral_slip")
def slip(
    request: Request, reference: str, staff: GuideDep, settings: SettingsDep, db: SessionDep
) -> Response:
    referral = visible(db, staff, reference)
    offer = summary_of(db, referral.offer_id)
    url = offer_url(site_url(request), referral.offer_id)
    place = offer.places[0] if offer and offer.places else None
    page = SlipPage(
        reference=referral.reference,
        date=clock.day(referral.created_at),
        organisation=referral.receiving_org_name,
        offer_title=referral.offer_title,
        phone=offer.phone if offer else "",
        address=", ".join(x for x in (place.name, place.address) if x) if place else "",
        digital=referral.digital,
        qr=qr_svg(url, _("QR code to the page about %(title)s") % {"title": referral.offer_title}),
        url=url,
    )
    return render(request, "slip.html", {"page": page})


@router.post("/verwijzingen/{reference}/bon-mailen", name="referral_slip_mail")
def slip_mail(
    request: Request,
    reference: str,
    staff: GuideDep,
    settings: SettingsDep,
    db: SessionDep,
    _csrf: CsrfDep,
) -> Response:
    referral = visible(db, staff, reference)
    wait = ratelimit.wait_seconds(settings, db, staff, ratelimit.Action.mail)
    if wait:
        return messages.limited(request, wait, f"/staff/verwijzingen/{reference}")
    ratelimit.count(db, staff, ratelimit.Action.mail)
    queued = referrals.queue_slip(settings, db, staff, referral)
    if not queued:
        db.rollback()  # nothing was sent, so nothing is counted
    return redirect(f"/staff/verwijzingen/{reference}?bon={'queued' if queued else 'no-email'}")
