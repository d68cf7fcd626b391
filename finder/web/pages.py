"""Resident-facing pages: home, results and offer detail. All work without JavaScript."""

from __future__ import annotations

import time
from typing import Annotated, Any

from fastapi import APIRouter, HTTPException, Query, Request
from fastapi.responses import HTMLResponse

from finder.editorial.freshness import freshness_of
from finder.geo import get_geocoder, normalise_postcode
from finder.insights.facts import HEADER as INSIGHT_HEADER
from finder.insights.facts import fact_of, marker
from finder.offers import get_offer
from finder.search.filtering import Filters
from finder.search.service import run_search
from finder.ui.deps import NowDep, SessionDep, SettingsDep
from finder.ui.templating import render
from finder.web.contacts import general_contacts
from finder.web.examples import examples, tiles
from finder.web.offer_page import offer_page
from finder.web.params import postcode_field, refuse_repeats
from finder.web.results_page import results_page

router = APIRouter()
# Which search-index generation answered, so a report of a wrong answer can name it.
GENERATION_HEADER = "X-Search-Generation"
PAGE_SIZE = 10


def _locale(request: Request) -> str:
    return str(request.scope.get("state", {}).get("locale", "nl"))


def _home(request: Request, postcode: str, hint: bool) -> HTMLResponse:
    locale = _locale(request)
    context = {
        "examples": examples(locale),
        "hint": hint,
        "postcode": postcode,
        "tiles": tiles(locale),
    }
    return render(request, "home.html", context)


@router.get("/", response_class=HTMLResponse, name="home")
def home(request: Request, postcode: str = "") -> HTMLResponse:
    return _home(request, postcode, hint=False)


@router.get("/zoeken", response_class=HTMLResponse, name="results")
def results(
    request: Request,
    settings: SettingsDep,
    moment: NowDep,
    q: str = "",
    postcode: str = "",
    meer: Annotated[int, Query(ge=0, le=1)] = 0,
    open: str = "",
    kind: str = "",
    audience: str = "",
    language: str = "",
) -> HTMLResponse:
    refuse_repeats(request)
    shown_postcode, too_long = postcode_field(postcode)
    if not q.strip():
        return _home(request, shown_postcode, hint=True)
    filters = Filters.parse(open, kind, audience, language)
    limit = PAGE_SIZE * (2 if meer else 1)
    # A value too long to be a postcode is searched without, like any other malformed postcode.
    outcome = run_search(
        settings,
        q,
        None if too_long else shown_postcode or None,
        limit=limit,
        filters=filters,
        with_counts=True,
        moment=moment,
    )
    contacts = (
        []
        if outcome.hits
        else general_contacts(settings, outcome.understood.postcode, outcome.point, moment)
    )
    page = results_page(
        outcome,
        shown_postcode,
        _locale(request),
        moment,
        contacts,
        more=outcome.total > len(outcome.hits) and not meer,
        postcode_too_long=too_long,
    )
    context: dict[str, Any] = {"page": page}
    fact = fact_of(outcome.understood, outcome.total)
    if settings.insights == "on" and outcome.understood.groups:
        context["insight_marker"] = marker(fact.needs, int(time.time() // 60))
    response = render(request, "results.html", context)
    if outcome.generation:
        response.headers[GENERATION_HEADER] = outcome.generation
    if "insight_marker" in context:
        # Read (and removed) by finder.web.search_counter, also when the page cache answers.
        response.headers[INSIGHT_HEADER] = fact.encode()
    return response


@router.get("/aanbod/{offer_id}", response_class=HTMLResponse, name="offer")
def offer_detail(
    request: Request,
    offer_id: str,
    session: SessionDep,
    settings: SettingsDep,
    moment: NowDep,
    postcode: str = "",
) -> HTMLResponse:
    offer = get_offer(session, offer_id)
    if offer is None:
        raise HTTPException(status_code=404)
    shown, too_long = postcode_field(postcode)
    known = normalise_postcode(shown) if shown and not too_long else None
    point = get_geocoder(settings).locate(known) if known else None
    page = offer_page(offer, _locale(request), moment, point, known or "")
    fresh = freshness_of(session, [offer.id], settings.stale_after_days).get(offer.id)
    return render(request, "offer.html", {"page": page, "fresh": fresh})
