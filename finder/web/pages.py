"""Resident-facing pages: home, results and offer detail. All work without JavaScript."""

from __future__ import annotations

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import HTMLResponse

from finder.hours import special_days, today, weekly
from finder.offers import get_offer
from finder.search.service import run_search
from finder.web.contacts import general_contacts
from finder.web.deps import SessionDep, SettingsDep
from finder.web.templating import templates
from finder.web.views import hit_views, route_url

router = APIRouter()
# Which search-index generation answered, so a report of a wrong answer can name it.
GENERATION_HEADER = "X-Search-Generation"
PAGE_SIZE = 10
EXAMPLES = (
    "wie kan mij helpen met DigiD bij mij in de buurt",
    "ik heb geldzorgen",
    "waar kan ik Nederlands leren",
    "voedselbank",
    "welk wijkteam hoort bij mij",
    "hulp bij belastingaangifte",
)


@router.get("/", response_class=HTMLResponse, name="home")
def home(request: Request) -> HTMLResponse:
    return templates.TemplateResponse(request, "home.html", {"examples": EXAMPLES, "hint": False})


@router.get("/zoeken", response_class=HTMLResponse, name="results")
def results(
    request: Request, settings: SettingsDep, q: str = "", postcode: str = "", meer: int = 0
) -> HTMLResponse:
    if not q.strip():
        context = {"examples": EXAMPLES, "hint": True, "postcode": postcode}
        return templates.TemplateResponse(request, "home.html", context)
    limit = PAGE_SIZE * (2 if meer else 1)
    outcome = run_search(settings, q, postcode or None, limit=limit)
    context = {
        "q": outcome.understood.original,
        "postcode": postcode,
        "outcome": outcome,
        "hits": hit_views(outcome.hits, outcome.understood.groups),
        "contacts": general_contacts(settings, outcome.understood.postcode)
        if not outcome.hits
        else [],
        "more": outcome.total > len(outcome.hits) and not meer,
    }
    response = templates.TemplateResponse(request, "results.html", context)
    if outcome.generation:
        response.headers[GENERATION_HEADER] = outcome.generation
    return response


@router.get("/aanbod/{offer_id}", response_class=HTMLResponse, name="offer")
def offer_detail(request: Request, offer_id: str, session: SessionDep) -> HTMLResponse:
    view = get_offer(session, offer_id)
    if view is None:
        raise HTTPException(status_code=404)
    places = [
        {
            "place": p,
            "week": weekly(p.hours or view.hours),
            "special": special_days(p.hours or view.hours),
            "today": today(p.hours or view.hours),
            "route_url": route_url(p.location.address, p.location.postcode, p.location.city),
        }
        for p in view.places
    ]
    context = {
        "view": view,
        "places": places,
        "week": weekly(view.hours),
        "today": today(view.hours),
    }
    return templates.TemplateResponse(request, "offer.html", context)
