"""Across runs: stale-marking of failed sources, removal of unlisted records, change records."""

from __future__ import annotations

from collections.abc import Callable

from sqlmodel import Session, select

from finder.db import get_engine
from finder.models import CrawlChange, Offer
from finder.settings import Settings
from indexer.pipeline import CrawlResult
from tests.indexer.helpers import LocalSite, hsds_service, serve_hsds, source


def test_failed_source_keeps_its_records_marked_stale(
    make_site: Callable[[], LocalSite], crawl: Callable[[str], CrawlResult], settings: Settings
) -> None:
    site = make_site()
    serve_hsds(site, [hsds_service("a", "Taalcafé"), hsds_service("b", "Klussendienst")])
    toml = source("open-referral", site.url("/hsds"), retries=1)
    crawl(toml)
    site.add("/hsds/services?page=1&per_page=100", status=500)

    result = crawl(toml)

    report = result.reports[0]
    assert report.failed and report.stale == 2
    assert report.errors and report.errors[0][1] == "HTTP 500 after 2 attempts"
    with Session(get_engine(settings)) as session:
        offers = session.exec(select(Offer)).all()
        assert len(offers) == 2 and all(o.stale_since is not None for o in offers)
    serve_hsds(site, [hsds_service("a", "Taalcafé"), hsds_service("b", "Klussendienst")])
    crawl(toml)
    with Session(get_engine(settings)) as session:
        assert all(o.stale_since is None for o in session.exec(select(Offer)))


def test_records_no_longer_listed_are_removed_and_changes_recorded(
    make_site: Callable[[], LocalSite], crawl: Callable[[str], CrawlResult], settings: Settings
) -> None:
    site = make_site()
    serve_hsds(site, [hsds_service("a", "Taalcafé"), hsds_service("b", "Klussendienst")])
    toml = source("open-referral", site.url("/hsds"))
    first = crawl(toml)
    serve_hsds(site, [hsds_service("a", "Taalcafé voor iedereen")])

    second = crawl(toml)

    assert (first.reports[0].added, second.reports[0].changed, second.reports[0].removed) == (
        2,
        1,
        1,
    )
    with Session(get_engine(settings)) as session:
        assert [o.title for o in session.exec(select(Offer))] == ["Taalcafé voor iedereen"]
        changes = session.exec(
            select(CrawlChange.change, CrawlChange.source_ref).where(
                CrawlChange.run_id == second.run_id
            )
        ).all()
        assert sorted(changes) == [("changed", "a"), ("removed", "b")]
