"""Admin: a resident's AVG/GDPR request (export or delete), the audit log and the accounts."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Annotated

from fastapi import APIRouter, Form, Request
from fastapi.responses import Response
from sqlmodel import Session

from finder.staff import admin_views, audit, privacy
from finder.staff.context import AdminDep, CsrfDep
from finder.staff.rendering import render
from finder.ui.deps import SessionDep, SettingsDep

router = APIRouter(prefix="/staff/beheer")


def _page(request: Request, db: Session, status: int = 200, **extra: object) -> Response:
    context = {
        "accounts": admin_views.accounts(db),
        "entries": admin_views.audit_rows(db, audit.recent(db)),
        **extra,
    }
    return render(request, "admin.html", context, status)


@router.get("", name="admin_home")
def home(request: Request, staff: AdminDep, db: SessionDep) -> Response:
    return _page(request, db)


@router.post("/export", name="admin_export")
def export(
    request: Request,
    staff: AdminDep,
    settings: SettingsDep,
    db: SessionDep,
    _csrf: CsrfDep,
    contact: Annotated[str, Form(max_length=254)] = "",
) -> Response:
    found = privacy.find_resident(settings, db, contact) if contact.strip() else []
    data = privacy.export(settings, db, staff.user_id, found)
    stamp = datetime.now(UTC).strftime("%Y%m%d-%H%M%S")
    return Response(
        json.dumps(data, ensure_ascii=False, indent=2),
        media_type="application/json",
        headers={"content-disposition": f'attachment; filename="verwijzingen-{stamp}.json"'},
    )


@router.post("/verwijderen", name="admin_delete")
def erase(
    request: Request,
    staff: AdminDep,
    settings: SettingsDep,
    db: SessionDep,
    _csrf: CsrfDep,
    contact: Annotated[str, Form(max_length=254)] = "",
    confirm: Annotated[str, Form(max_length=10)] = "",
) -> Response:
    if confirm != "yes" or not contact.strip():
        return _page(request, db, 400, confirm_error=True)
    count = privacy.erase(db, staff.user_id, privacy.find_resident(settings, db, contact))
    return _page(request, db, deleted=count)
