"""The catalogue as Open Referral HSDS 3.0 open data (read-only, no key, no tracking)."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, HTTPException, Query, Request
from fastapi.responses import Response

from finder.hsds import catalogue, datapackage, taxonomy, terms
from finder.ui.deps import SessionDep, SettingsDep

router = APIRouter(prefix="/hsds", tags=["open data (HSDS 3.0)"])
PROFILE = "https://docs.openreferral.org/en/v3.0/"
Page = Annotated[int, Query(ge=1, le=1_000_000, description="Page number, from 1")]
PerPage = Annotated[int, Query(ge=1, le=catalogue.MAX_PER_PAGE, description="Records per page")]


@router.get("", name="hsds_root")
def root(request: Request) -> dict[str, Any]:
    return {
        "version": "3.0",
        "profile": PROFILE,
        "openapi_url": str(request.url_for("openapi")),
    }


@router.get("/services", name="hsds_services")
def services(
    db: SessionDep, settings: SettingsDep, page: Page = 1, per_page: PerPage = 50
) -> dict[str, Any]:
    return catalogue.services(db, page, per_page, settings.stale_after_days)


@router.get("/services/{service_id}", name="hsds_service")
def service(service_id: str, db: SessionDep, settings: SettingsDep) -> dict[str, Any]:
    found = catalogue.service_by_uuid(db, service_id, settings.stale_after_days)
    if found is None:
        raise HTTPException(status_code=404, detail="No such service")
    return found


@router.get("/organizations", name="hsds_organizations")
def organizations(db: SessionDep, page: Page = 1, per_page: PerPage = 50) -> dict[str, Any]:
    return catalogue.organizations(db, page, per_page)


@router.get("/organizations/{organization_id}", name="hsds_organization")
def organization(organization_id: str, db: SessionDep) -> dict[str, Any]:
    found = catalogue.organization_by_uuid(db, organization_id)
    if found is None:
        raise HTTPException(status_code=404, detail="No such organization")
    return found


@router.get("/locations", name="hsds_locations")
def locations(db: SessionDep, page: Page = 1, per_page: PerPage = 50) -> dict[str, Any]:
    return catalogue.locations(db, page, per_page)


@router.get("/taxonomies", name="hsds_taxonomies")
def taxonomies(page: Page = 1, per_page: PerPage = 50) -> dict[str, Any]:
    found = [t.record() for t in taxonomy.TAXONOMIES.values()]
    start = (page - 1) * per_page
    return catalogue.envelope(found[start : start + per_page], len(found), page, per_page)


@router.get("/taxonomy_terms", name="hsds_taxonomy_terms")
def taxonomy_terms(db: SessionDep, page: Page = 1, per_page: PerPage = 50) -> dict[str, Any]:
    found = terms.all_terms(db)
    start = (page - 1) * per_page
    return catalogue.envelope(found[start : start + per_page], len(found), page, per_page)


@router.get("/datapackage.zip", name="hsds_datapackage", response_class=Response)
def download(request: Request, db: SessionDep, settings: SettingsDep) -> Response:
    about = f"{settings.base_url.rstrip('/')}{request.app.url_path_for('about')}"
    body = datapackage.build(db, settings.stale_after_days, about)
    return Response(
        body,
        media_type="application/zip",
        headers={"content-disposition": 'attachment; filename="stad-in-verbinding-hsds.zip"'},
    )
