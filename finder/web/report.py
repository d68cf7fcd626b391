""" "Klopt er iets niet?": residents tell editors what is wrong with an offer, without an account."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Form, HTTPException, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from sqlmodel import Session

from finder.editorial import suggestions
from finder.editorial.overlay import overlay_for
from finder.models import Offer, OfferStatus
from finder.ui.deps import SessionDep, SettingsDep
from finder.ui.templating import render

router = APIRouter()


def _shown_offer(db: Session, offer_id: str) -> Offer:
    offer = db.get(Offer, offer_id)
    if offer is None or offer.status != OfferStatus.active or overlay_for(db, offer_id).hidden:
        raise HTTPException(status_code=404)
    return offer


def _same_origin(request: Request) -> bool:
    """A form posted from another site is refused.

    Browsers say where a request comes from in Sec-Fetch-Site; Origin is "null" on our own pages
    (their Referrer-Policy is no-referrer), so it only counts when it names another site.
    """
    if request.headers.get("sec-fetch-site") == "cross-site":
        return False
    origin = request.headers.get("origin")
    return origin in (None, "null") or origin == f"{request.url.scheme}://{request.url.netloc}"


@router.get("/aanbod/{offer_id}/melden", response_class=HTMLResponse, name="report_form")
def form(request: Request, offer_id: str, db: SessionDep, bedankt: int = 0) -> HTMLResponse:
    offer = _shown_offer(db, offer_id)
    context = {
        "offer_id": offer.id,
        "title": offer.title,
        "thanks": bool(bedankt),
        "errors": {},
        "values": {},
    }
    return render(request, "report.html", context)


@router.post("/aanbod/{offer_id}/melden", name="report_submit")
def submit(
    request: Request,
    offer_id: str,
    db: SessionDep,
    settings: SettingsDep,
    problem: Annotated[str, Form(max_length=20)] = "",
    note: Annotated[str, Form(max_length=4000)] = "",
    email: Annotated[str, Form(max_length=1000)] = "",
    website: Annotated[str, Form(max_length=1000)] = "",
) -> Response:
    offer = _shown_offer(db, offer_id)
    if not _same_origin(request):
        return render(request, "report.html", {"offer_id": offer.id, "foreign": True}, 403)
    values: dict[str, Any] = {"problem": problem, "note": note, "email": email}
    client = request.client.host if request.client else "unknown"
    if suggestions.limited(settings, db, client):
        context = {"offer_id": offer.id, "limited": True, "phone": settings.municipality_phone}
        return render(request, "report.html", context, 429)
    report = suggestions.Report(problem, note, email)
    errors = report.errors()
    if errors:
        context = {"offer_id": offer.id, "title": offer.title, "errors": errors, "values": values}
        return render(request, "report.html", context, 400)
    suggestions.count(settings, db, client)
    # A robot that filled the hidden field is thanked like anyone, and nothing is stored.
    if not website:
        suggestions.submit(settings, db, offer, report)
    db.commit()
    return RedirectResponse(f"/aanbod/{offer.id}/melden?bedankt=1", status_code=303)
