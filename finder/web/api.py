"""The JSON API, documented at /api/docs."""

from __future__ import annotations

import logging
from typing import Annotated

from fastapi import APIRouter, HTTPException, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse

from finder.db import reachable
from finder.offers import KINDS, get_offer
from finder.search.backends import get_backend
from finder.search.filtering import OPEN, Filters
from finder.search.protocol import SearchUnavailable
from finder.search.service import run_search
from finder.ui.deps import NowDep, SessionDep, SettingsDep
from finder.ui.i18n import LOCALES, current_locale
from finder.web.api_models import (
    HealthResponse,
    Hit,
    NeedRef,
    OfferResponse,
    QueryEcho,
    SearchResponse,
    offer_response,
)
from finder.web.examples import need_labels
from finder.web.params import MAX_POSTCODE, refuse_long_postcode, refuse_repeats

log = logging.getLogger(__name__)
router = APIRouter(prefix="/api/v1", tags=["search"])
SEARCH_PARAMS = {
    "q",
    "postcode",
    "lang",
    "limit",
    "category",
    "audience",
    "serving",
    "kind",
    "language",
    "open",
}


def _reject_unknown(request: Request, allowed: set[str]) -> None:
    unknown = sorted(set(request.query_params) - allowed)
    if unknown:
        raise RequestValidationError(
            [
                {
                    "type": "extra_forbidden",
                    "loc": ["query", name],
                    "msg": "Unknown parameter",
                    "input": None,
                }
                for name in unknown
            ]
        )


@router.get("/search", response_model=SearchResponse)
def search(
    request: Request,
    settings: SettingsDep,
    moment: NowDep,
    q: Annotated[str, Query(description="The question, in the resident's own words")] = "",
    postcode: Annotated[
        str | None,
        Query(description=f"PC4 or PC6, at most {MAX_POSTCODE} characters, e.g. 8017 or 8017 AB"),
    ] = None,
    lang: Annotated[str | None, Query(description=f"One of {', '.join(LOCALES)}")] = None,
    limit: Annotated[int, Query(ge=1, le=50)] = 10,
    category: Annotated[list[str] | None, Query(description="Only these categories")] = None,
    audience: Annotated[str | None, Query(pattern="^(particulier|ondernemer)$")] = None,
    serving: Annotated[bool, Query(description="Only offers that serve the postcode")] = False,
    kind: Annotated[
        str | None, Query(pattern=f"^({'|'.join(KINDS)})$", description="Only this kind of help")
    ] = None,
    language: Annotated[
        str | None,
        Query(pattern="^[a-z]{2,3}$", description="Only places where this language is spoken"),
    ] = None,
    open: Annotated[
        str | None,
        Query(pattern=f"^({'|'.join(OPEN)})$", description="Only places open now, or today"),
    ] = None,
) -> SearchResponse:
    _reject_unknown(request, SEARCH_PARAMS)
    refuse_repeats(request, lists={"category"})
    refuse_long_postcode(postcode)
    if lang is not None and lang not in LOCALES:
        raise RequestValidationError(
            [{"type": "enum", "loc": ["query", "lang"], "msg": "Unknown language", "input": lang}]
        )
    outcome = run_search(
        settings,
        q,
        postcode,
        limit=limit,
        categories=tuple(category or ()),
        audience=audience,
        only_serving=serving,
        filters=Filters(open=open, kind=kind, language=language),
        moment=moment,
    )
    u = outcome.understood
    return SearchResponse(
        query=QueryEcho(
            q=u.original,
            words=[g.word for g in u.groups],
            needs=list(u.needs),
            postcode=u.postcode,
            postcode_valid=not u.postcode_error,
            near=u.near,
            understood=u.summary(),
            location_known=outcome.location_known,
            truncated=u.truncated,
        ),
        total=outcome.total,
        generation=outcome.generation,
        hits=[
            Hit(
                id=h.doc.offer_id,
                title=h.doc.title,
                organization=h.doc.organization,
                source=h.doc.source_kind,
                source_ref=h.doc.source_ref,
                url=h.doc.url,
                summary=h.doc.summary,
                location_name=h.doc.location_name,
                address=h.doc.address,
                postcode=h.doc.postcode,
                city=h.doc.city,
                phone=h.doc.phone,
                distance_km=round(h.distance_km, 2) if h.distance_km is not None else None,
                serves_postcode=h.serves_postcode,
                is_demo=h.doc.is_demo,
                kinds=h.doc.kinds,
                languages=h.doc.languages,
                about=[
                    NeedRef(id=need, label=label)
                    for need, label in zip(
                        h.why.needs, need_labels(h.why.needs, current_locale.get()), strict=True
                    )
                ],
                matched_words=list(h.why.words),
            )
            for h in outcome.hits
        ],
    )


@router.get("/offers/{offer_id}", response_model=OfferResponse)
def offer(offer_id: str, request: Request, session: SessionDep) -> OfferResponse:
    _reject_unknown(request, set())
    found = get_offer(session, offer_id)
    if found is None:
        raise HTTPException(status_code=404, detail="No such offer")
    return offer_response(found)


health_router = APIRouter(tags=["health"])


@health_router.get(
    "/healthz",
    response_model=HealthResponse,
    responses={503: {"model": HealthResponse, "description": "A part is down"}},
)
def healthz(settings: SettingsDep) -> JSONResponse:
    """Which part works: 200 when all do, 503 naming the part that is down."""
    backend = get_backend(settings)
    database = reachable(settings)
    try:
        documents: int | None = backend.count()
    except SearchUnavailable as exc:
        log.error("health check: search backend %s unavailable: %s", backend.name, exc)
        documents = None
    if not database:
        log.error("health check: database unavailable")
    body = HealthResponse(
        status="ok" if database and documents is not None else "unavailable",
        database="ok" if database else "unavailable",
        search="ok" if documents is not None else "unavailable",
        search_backend=backend.name,
        documents=documents,
    )
    return JSONResponse(body.model_dump(), status_code=200 if body.status == "ok" else 503)
