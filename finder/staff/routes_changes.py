"""Editors: what each crawl added, changed and removed, to confirm or to put on hold."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import Response
from sqlmodel import Session

from finder.editorial import changes
from finder.models import CrawlChange
from finder.staff import audit, clock
from finder.staff.context import CsrfDep, EditorDep, NotFound
from finder.staff.rendering import redirect, render
from finder.ui.deps import SessionDep

router = APIRouter(prefix="/staff/redactie/wijzigingen")


@router.get("", name="editor_changes")
def listing(
    request: Request, staff: EditorDep, db: SessionDep, run: int = 0, pagina: int = 1
) -> Response:
    runs = changes.runs(db)
    chosen = next((r for r in runs if r.id == run), runs[0] if runs else None)
    page = max(1, min(pagina, 10_000))
    rows, more = changes.changes_of(db, chosen.id, page) if chosen else ([], False)
    context = {
        "runs": [(r, clock.when(r.started_at)) for r in runs],
        "chosen": chosen,
        "chosen_when": clock.when(chosen.started_at) if chosen else "",
        "rows": rows,
        "page": page,
        "more": more,
    }
    return render(request, "editor_changes.html", context)


def _change(db: Session, change_id: int) -> CrawlChange:
    found = db.get(CrawlChange, change_id)
    if found is None:
        raise NotFound
    return found


def _back(change: CrawlChange) -> Response:
    return redirect(f"/staff/redactie/wijzigingen?run={change.run_id}#change-{change.id}")


@router.post("/{change_id}/bevestigen", name="editor_change_confirm")
def confirm(change_id: int, staff: EditorDep, db: SessionDep, _csrf: CsrfDep) -> Response:
    change = _change(db, change_id)
    changes.confirm_change(db, change, staff.user_id)
    audit.record(
        db, staff.user_id, "change-confirmed", detail=f"{change.change}: {change.offer_id}"
    )
    db.commit()
    return _back(change)


@router.post("/{change_id}/aanhouden", name="editor_change_hold")
def hold(change_id: int, staff: EditorDep, db: SessionDep, _csrf: CsrfDep) -> Response:
    change = _change(db, change_id)
    if changes.hold(db, change, staff.user_id):
        audit.record(db, staff.user_id, "hold", detail=change.offer_id)
        db.commit()
    return _back(change)
