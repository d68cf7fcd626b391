"""Loading: the bulk path for new records and the careful path for changed ones write alike."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
from sqlmodel import Session, SQLModel, select

from finder.db import get_engine
from finder.models import Location, Offer, OfferLocation, OfferSource, Organization, Schedule
from finder.settings import Settings
from indexer.config import load_sources
from indexer.pipeline import CrawlResult, run_crawl
from indexer.progress import LogProgress
from tests.indexer.helpers import LocalSite, hsds_service, serve_hsds, source

RUN_BOUND = {"id", "fetched_at", "stale_since"}
OFFER_TABLES: list[type[SQLModel]] = [Offer, OfferLocation, Schedule, OfferSource]
ALL_TABLES: list[type[SQLModel]] = [Organization, Location, *OFFER_TABLES]


def _crawl(sources: Path, settings: Settings) -> CrawlResult:
    return run_crawl(load_sources(sources, settings), settings, LogProgress())


def _catalogue(settings: Settings, tables: list[type[SQLModel]]) -> dict[str, list[str]]:
    with Session(get_engine(settings)) as session:
        return {
            table.__name__: sorted(
                repr(sorted((k, v) for k, v in row.model_dump().items() if k not in RUN_BOUND))
                for row in session.exec(select(table))
            )
            for table in tables
        }


def _services() -> list[dict[str, Any]]:
    hours = [
        {"id": "h", "freq": "WEEKLY", "byday": "FR", "opens_at": "13:00", "closes_at": "15:00"}
    ]
    return [
        hsds_service("a", "Taalcafé", languages=[{"id": "l", "code": "nl"}]),
        hsds_service("b", "Schuldhulp", service_at_locations=[], schedules=hours),
        hsds_service("c", "Klussendienst", email="klus@example.org"),
    ]


def _changed() -> list[dict[str, Any]]:
    """The same services with every field different, so each must be written again."""
    return [
        {"id": s["id"], "name": f"{s['name']} (oud)", "organization": s["organization"]}
        for s in _services()
    ]


@pytest.mark.parametrize(("first", "then"), [(_services, _changed), (_changed, _services)])
def test_changed_records_are_written_as_new_ones_are(
    make_site: Callable[[], LocalSite],
    settings: Settings,
    tmp_path: Path,
    first: Callable[[], list[dict[str, Any]]],
    then: Callable[[], list[dict[str, Any]]],
) -> None:
    site = make_site()
    sources = tmp_path / "sources.toml"
    sources.write_text(source("open-referral", site.url("/hsds")))
    serve_hsds(site, first())
    assert _crawl(sources, settings).reports[0].added == 3
    serve_hsds(site, then())
    assert _crawl(sources, settings).reports[0].changed == 3  # the careful path
    fresh = Settings(data_dir=tmp_path / "fresh", environment="test")
    assert _crawl(sources, fresh).reports[0].added == 3  # the bulk path

    assert _catalogue(settings, OFFER_TABLES) == _catalogue(fresh, OFFER_TABLES)


def test_unchanged_records_are_counted_and_not_rewritten(
    make_site: Callable[[], LocalSite], crawl: Callable[[str], CrawlResult], settings: Settings
) -> None:
    site = make_site()
    toml = source("open-referral", site.url("/hsds"))
    serve_hsds(site, _services())
    crawl(toml)
    before = _catalogue(settings, ALL_TABLES)
    first_fetched = _fetched(settings)
    report = crawl(toml).reports[0]
    assert (report.indexed, report.added, report.changed, report.removed) == (3, 0, 0, 0)
    assert _catalogue(settings, ALL_TABLES) == before
    # Only when the source last confirmed them moves on.
    assert min(_fetched(settings)) > max(first_fetched)


def _fetched(settings: Settings) -> list[datetime]:
    with Session(get_engine(settings)) as session:
        return list(session.exec(select(OfferSource.fetched_at)).all())
