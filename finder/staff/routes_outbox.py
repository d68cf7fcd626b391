"""Admin: e-mail that has not gone out yet, with "try again" per message or for all of them."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Form, Request
from fastapi.responses import Response

from finder.staff import admin_views, audit, outbox
from finder.staff.context import AdminDep, CsrfDep
from finder.staff.mailer import mail_enabled
from finder.staff.rendering import redirect, render
from finder.ui.deps import SessionDep, SettingsDep

router = APIRouter(prefix="/staff/beheer/e-mail")
SHOWN = 100


@router.get("", name="admin_outbox")
def show(
    request: Request,
    staff: AdminDep,
    settings: SettingsDep,
    db: SessionDep,
    verstuurd: int = -1,
    mislukt: int = 0,
) -> Response:
    context = {
        "rows": admin_views.outbox_rows(outbox.unsent(db, SHOWN)),
        "shown": SHOWN,
        "counts": outbox.counts(settings),
        "mail_enabled": mail_enabled(settings),
        "sent": verstuurd,
        "failed": mislukt,
    }
    return render(request, "outbox.html", context)


@router.post("/opnieuw", name="admin_outbox_retry")
def retry(
    staff: AdminDep,
    settings: SettingsDep,
    db: SessionDep,
    _csrf: CsrfDep,
    message_id: Annotated[int | None, Form()] = None,
) -> Response:
    """One message (message_id), or every unsent one; sent at once, not at the next round."""
    audit.record(db, staff.user_id, "mail-retry", detail=str(message_id or "all"))
    db.commit()
    result = outbox.retry(settings, None if message_id is None else [message_id])
    return redirect(f"/staff/beheer/e-mail?verstuurd={result.sent}&mislukt={result.failed}")
