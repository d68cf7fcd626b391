"""Resident-facing pages: home, results and offer detail. All work without JavaScript."""

from __future__ import annotations

import time

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import HTMLResponse

from finder.editorial.freshness import freshness_of
from finder.hours import special_days, today, weekly
from finder.insights.facts import HEADER as INSIGHT_HEADER
from finder.insights.facts import fact_of, marker
from finder.offers import get_offer
from finder.query.tagging import tag_needs
from finder.search.service import run_search
from finder.ui.deps import SessionDep, SettingsDep
from finder.ui.templating import render
from finder.ui.urls import route_url
from finder.web.contacts import general_contacts
from finder.web.views import examples, hit_views, need_labels, tiles

router = APIRouter()
# Which search-index generation answered, so a report of a wrong answer can name it.
GENERATION_HEADER = "X-Search-Generation"
PAGE_SIZE = 10


def _locale(request: Request) -> str:
    return str(request.scope.get("state", {}).get("locale", "nl"))


@router.get("/", response_class=HTMLResponse, name="home")
def home(request: Request) -> HTMLResponse:
    locale = _locale(request)
    context = {"examples": examples(locale), "hint": False, "tiles": tiles(locale)}
    return render(request, "home.html", context)


@router.get("/zoeken", response_class=HTMLResponse, name="results")
def results(
    request: Request, settings: SettingsDep, q: str = "", postcode: str = "", meer: int = 0
) -> HTMLResponse:
    if not q.strip():
        context = {
            "examples": examples(_locale(request)),
            "hint": True,
            "postcode": postcode,
            "tiles": tiles(_locale(request)),
        }
        return render(request, "home.html", context)
    limit = PAGE_SIZE * (2 if meer else 1)
    outcome = run_search(settings, q, postcode or None, limit=limit)
    context = {
        "q": outcome.understood.original,
        "postcode": postcode,
        "outcome": outcome,
        "hits": hit_views(outcome.hits, outcome.understood.groups, _locale(request)),
        "contacts": general_contacts(settings, outcome.understood.postcode)
        if not outcome.hits
        else [],
        "more": outcome.total > len(outcome.hits) and not meer,
    }
    if settings.insights == "on" and outcome.understood.groups:
        fact = fact_of(outcome.understood, outcome.total)
        context["insight_marker"] = marker(fact.needs, int(time.time() // 60))
    response = render(request, "results.html", context)
    if outcome.generation:
        response.headers[GENERATION_HEADER] = outcome.generation
    if "insight_marker" in context:
        # Read (and removed) by finder.insights.middleware, also when the page cache answers.
        response.headers[INSIGHT_HEADER] = fact.encode()
    return response


@router.get("/aanbod/{offer_id}", response_class=HTMLResponse, name="offer")
def offer_detail(
    request: Request, offer_id: str, session: SessionDep, settings: SettingsDep
) -> HTMLResponse:
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
    o = view.offer
    needs = tag_needs(o.title, o.summary, o.keywords, o.upl_uris)
    context = {
        "view": view,
        "places": places,
        "week": weekly(view.hours),
        "today": today(view.hours),
        "topics": need_labels(needs, _locale(request)),
        "fresh": freshness_of(session, [o.id], settings.stale_after_days).get(o.id),
    }
    return render(request, "offer.html", context)
