"""Admin: which offers an organisation receives referrals for, picked by searching the catalogue."""

from __future__ import annotations

from typing import Annotated
from urllib.parse import urlencode

from fastapi import APIRouter, Form, Request
from fastapi.responses import Response
from sqlmodel import Session

from finder.models import StaffOrganization
from finder.staff import admin_views, audit, catalogue_search, receivers
from finder.staff.context import AdminDep, CsrfDep, NotFound
from finder.staff.rendering import redirect, render
from finder.ui.deps import SessionDep

router = APIRouter(prefix="/staff/beheer/organisaties")
MAX_QUERY = 100


def _organisation(db: Session, org_id: str) -> StaffOrganization:
    org = db.get(StaffOrganization, org_id)
    if org is None:
        raise NotFound
    return org


@router.get("", name="admin_organisations")
def listing(request: Request, staff: AdminDep, db: SessionDep) -> Response:
    return render(request, "organisations.html", {"rows": admin_views.organisations(db)})


@router.get("/{org_id}", name="admin_organisation")
def show(
    request: Request,
    org_id: str,
    staff: AdminDep,
    db: SessionDep,
    q: str = "",
    gekoppeld: int = -1,
    ontkoppeld: int = -1,
) -> Response:
    org = _organisation(db, org_id)
    query = q.strip()[:MAX_QUERY]
    found = catalogue_search.find_offers(db, query) if query else []
    context = {
        "org_id": org.id,
        "org_name": org.name,
        "catalogue_name": admin_views.catalogue_name(db, org),
        "linked": admin_views.linked_offers(db, org.id),
        "query": query,
        "results": admin_views.offer_choices(db, org.id, found),
        "more": len(found) >= catalogue_search.LIMIT,
        "linked_count": gekoppeld,
        "unlinked_count": ontkoppeld,
    }
    return render(request, "organisation.html", context)


@router.post("/{org_id}/koppelen", name="admin_organisation_link")
def link(
    org_id: str,
    staff: AdminDep,
    db: SessionDep,
    _csrf: CsrfDep,
    offer_id: Annotated[list[str] | None, Form(max_length=200)] = None,
    q: Annotated[str, Form(max_length=MAX_QUERY)] = "",
) -> Response:
    org = _organisation(db, org_id)
    count = receivers.link(db, org.id, offer_id or ())
    audit.record(db, staff.user_id, "link", detail=f"{org.id}: {count} offers")
    db.commit()
    back = urlencode({"q": q, "gekoppeld": count})
    return redirect(f"/staff/beheer/organisaties/{org.id}?{back}")


@router.post("/{org_id}/ontkoppelen", name="admin_organisation_unlink")
def unlink(
    org_id: str,
    staff: AdminDep,
    db: SessionDep,
    _csrf: CsrfDep,
    offer_id: Annotated[list[str] | None, Form(max_length=200)] = None,
) -> Response:
    org = _organisation(db, org_id)
    count = receivers.unlink(db, org.id, offer_id or ())
    audit.record(db, staff.user_id, "unlink", detail=f"{org.id}: {count} offers")
    db.commit()
    return redirect(f"/staff/beheer/organisaties/{org.id}?ontkoppeld={count}")
