"""Editors: residents' reports, corrections over crawled data, conflicts, checks and holds."""

from __future__ import annotations

from typing import Annotated
from urllib.parse import urlencode

from fastapi import APIRouter, Form, Request
from fastapi.responses import Response
from sqlmodel import Session

from finder.editorial import changes, corrections, suggestions, values
from finder.models import CorrectedField, Correction, Offer, Suggestion, SuggestionState
from finder.staff import audit, editor_views
from finder.staff.context import CsrfDep, EditorDep, NotFound, StaffContext
from finder.staff.rendering import redirect, render
from finder.ui.deps import SessionDep, SettingsDep

router = APIRouter(prefix="/staff/redactie")
FIELD_NAMES = {f.value for f in CorrectedField}


def _offer(db: Session, offer_id: str) -> Offer:
    offer = db.get(Offer, offer_id)
    if offer is None:
        raise NotFound
    return offer


def _back(offer_id: str, **status: str | int) -> Response:
    query = f"?{urlencode(status)}" if status else ""
    return redirect(f"/staff/redactie/aanbod/{offer_id}{query}")


@router.get("", name="editor_queue")
def queue(request: Request, staff: EditorDep, settings: SettingsDep, db: SessionDep) -> Response:
    return render(request, "editor_queue.html", editor_views.queue(settings, db))


@router.get("/aanbod/{offer_id}", name="editor_offer")
def offer_page(
    request: Request,
    offer_id: str,
    staff: EditorDep,
    settings: SettingsDep,
    db: SessionDep,
    opgeslagen: str = "",
    fout: str = "",
) -> Response:
    offer = _offer(db, offer_id)
    context = editor_views.offer_page(settings, db, offer)
    if context["reports"]:
        # Reporters' e-mail addresses are personal data: every view is in the audit log.
        audit.record(db, staff.user_id, "report-view", detail=offer.id)
        db.commit()
    context |= {
        "saved": opgeslagen if opgeslagen in FIELD_NAMES | {"checked", "report"} else "",
        "error": fout if fout in FIELD_NAMES | {"field"} else "",
    }
    return render(request, "editor_offer.html", context, 400 if context["error"] else 200)


@router.post("/aanbod/{offer_id}/correctie", name="editor_correct")
async def correct(
    request: Request,
    offer_id: str,
    staff: EditorDep,
    settings: SettingsDep,
    db: SessionDep,
    _csrf: CsrfDep,
) -> Response:
    offer = _offer(db, offer_id)
    form = {k: v for k, v in (await request.form()).items() if isinstance(v, str) and len(v) <= 300}
    name = form.get("field", "")
    if name not in FIELD_NAMES:
        return _back(offer.id, fout="field")
    field = CorrectedField(name)
    try:
        value = values.parse(settings, field, form)
    except values.InvalidValue:
        return _back(offer.id, fout=field.value)
    location_id = form.get("location_id", "") if field == CorrectedField.address else ""
    suggestion = _suggestion_of(db, form.get("suggestion_id", ""), offer.id)
    corrections.save(
        db, offer, field, value, staff.user_id, location_id, suggestion.id if suggestion else None
    )
    if suggestion is not None:
        suggestions.handle(db, suggestion, SuggestionState.accepted, staff.user_id)
    audit.record(db, staff.user_id, "correction", detail=f"{offer.id}: {field.value}")
    db.commit()
    return _back(offer.id, opgeslagen=field.value)


def _suggestion_of(db: Session, raw: str, offer_id: str) -> Suggestion | None:
    if not raw.isdigit():
        return None
    found = db.get(Suggestion, int(raw))
    if found is None or found.offer_id != offer_id or found.state != SuggestionState.open.value:
        return None
    return found


@router.post("/aanbod/{offer_id}/gecontroleerd", name="editor_confirm")
def confirm(offer_id: str, staff: EditorDep, db: SessionDep, _csrf: CsrfDep) -> Response:
    offer = _offer(db, offer_id)
    corrections.confirm(db, offer.id, staff.user_id, "checked")
    audit.record(db, staff.user_id, "checked", detail=offer.id)
    db.commit()
    return _back(offer.id, opgeslagen="checked")


@router.post("/aanbod/{offer_id}/vrijgeven", name="editor_release")
def release(offer_id: str, staff: EditorDep, db: SessionDep, _csrf: CsrfDep) -> Response:
    offer = _offer(db, offer_id)
    if changes.release(db, offer.id):
        audit.record(db, staff.user_id, "hold-ended", detail=offer.id)
        db.commit()
    return redirect("/staff/redactie")


@router.post("/meldingen/{suggestion_id}", name="editor_report_close")
def close_report(
    suggestion_id: int,
    staff: EditorDep,
    db: SessionDep,
    _csrf: CsrfDep,
    decision: Annotated[str, Form(max_length=20)] = "",
) -> Response:
    suggestion = db.get(Suggestion, suggestion_id)
    if suggestion is None:
        raise NotFound
    if suggestion.state == SuggestionState.open.value and decision in ("accepted", "rejected"):
        suggestions.handle(db, suggestion, SuggestionState(decision), staff.user_id)
        audit.record(db, staff.user_id, f"report-{decision}", detail=suggestion.offer_id)
        db.commit()
    return _back(suggestion.offer_id, opgeslagen="report")


def _correction(db: Session, correction_id: int) -> Correction:
    found = db.get(Correction, correction_id)
    if found is None or not found.active:
        raise NotFound
    return found


def _decided(db: Session, staff: StaffContext, correction: Correction, action: str) -> Response:
    audit.record(db, staff.user_id, action, detail=f"{correction.offer_id}: {correction.field}")
    db.commit()
    return redirect("/staff/redactie")


@router.post("/correcties/{correction_id}/houden", name="editor_keep")
def keep(correction_id: int, staff: EditorDep, db: SessionDep, _csrf: CsrfDep) -> Response:
    correction = _correction(db, correction_id)
    corrections.keep(db, correction, staff.user_id)
    return _decided(db, staff, correction, "correction-kept")


@router.post("/correcties/{correction_id}/intrekken", name="editor_withdraw")
def withdraw(correction_id: int, staff: EditorDep, db: SessionDep, _csrf: CsrfDep) -> Response:
    correction = _correction(db, correction_id)
    corrections.withdraw(db, correction)
    return _decided(db, staff, correction, "correction-withdrawn")
