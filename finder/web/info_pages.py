"""Plain-language pages about the service: how search works, privacy and accessibility."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse
from sqlalchemy import distinct, func
from sqlmodel import Session, col, select

from finder.models import CrawlRun, OfferSource, SourceKind
from finder.ui.deps import SessionDep, SettingsDep
from finder.ui.templating import render
from finder.web.examples import examples

router = APIRouter()

# What scripts/a11y-report and the browser tests measured; update both here and in the README
# when the pages change. Lighthouse accessibility scores out of 100.
MEASURED_ON = "2026-11-22"
LIGHTHOUSE = {"home": 100, "results": 100, "detail": 100}


@dataclass(frozen=True)
class SourceStatus:
    kind: str
    last_update: datetime
    offers: int


def source_statuses(session: Session) -> list[SourceStatus]:
    """Per source kind: when it was last read and how many offers came from it."""
    rows = session.exec(
        select(
            col(OfferSource.kind),
            func.max(col(OfferSource.fetched_at)),
            func.count(distinct(col(OfferSource.offer_id))),
        )
        .group_by(col(OfferSource.kind))
        .order_by(col(OfferSource.kind))
    ).all()
    return [SourceStatus(SourceKind(kind).value, last, count) for kind, last, count in rows]


@dataclass(frozen=True)
class CrawledSource:
    name: str
    kind: str
    last_crawl: datetime
    offers: int
    licence: str


def crawled_sources(session: Session) -> list[CrawledSource]:
    """Per configured source: its last crawl, how many offers it lists, and its licence."""
    rows = session.exec(
        select(
            col(OfferSource.source_name),
            col(OfferSource.kind),
            func.max(col(OfferSource.fetched_at)),
            func.count(distinct(col(OfferSource.offer_id))),
        )
        .group_by(col(OfferSource.source_name), col(OfferSource.kind))
        .order_by(col(OfferSource.source_name))
    ).all()
    licences: dict[str, str] = {}
    for run in session.exec(select(CrawlRun).order_by(col(CrawlRun.id).desc()).limit(50)):
        for entry in run.summary.get("sources", []):
            if isinstance(entry, dict) and entry.get("licence"):
                licences.setdefault(str(entry.get("name")), str(entry["licence"]))
    return [
        CrawledSource(
            name or SourceKind(kind).value,
            SourceKind(kind).value,
            last,
            count,
            licences.get(name, ""),
        )
        for name, kind, last, count in rows
    ]


@router.get("/hoe-werkt-zoeken", response_class=HTMLResponse, name="how_search_works")
def how_search_works(request: Request, session: SessionDep, settings: SettingsDep) -> HTMLResponse:
    locale = str(request.scope.get("state", {}).get("locale", "nl"))
    context = {
        "sources": source_statuses(session),
        "phone": settings.municipality_phone,
        "examples": examples(locale, "how"),
    }
    return render(request, "info/how-search-works.html", context)


@router.get("/privacy", response_class=HTMLResponse, name="privacy")
def privacy(request: Request, settings: SettingsDep) -> HTMLResponse:
    context = {
        "phone": settings.municipality_phone,
        "insights_on": settings.insights == "on",
        "k": settings.insights_k,
    }
    return render(request, "info/privacy.html", context)


@router.get("/toegankelijkheid", response_class=HTMLResponse, name="accessibility")
def accessibility(request: Request, settings: SettingsDep) -> HTMLResponse:
    context = {
        "phone": settings.municipality_phone,
        "measured_on": MEASURED_ON,
        "lighthouse": LIGHTHOUSE,
    }
    return render(request, "info/accessibility.html", context)


@router.get("/over", response_class=HTMLResponse, name="about")
def about(request: Request, settings: SettingsDep, session: SessionDep) -> HTMLResponse:
    context = {"phone": settings.municipality_phone, "sources": crawled_sources(session)}
    return render(request, "info/about.html", context)
