"""Batches are written in a thread while the next pages are read: nothing is lost or doubled."""

from __future__ import annotations

from collections.abc import Callable

from sqlmodel import Session, func, select

from finder.db import get_engine
from finder.models import CrawlChange, Offer, SourceRecord
from finder.settings import Settings
from indexer.pipeline import CrawlResult
from indexer.store import BATCH
from tests.indexer.helpers import LocalSite, hsds_server, hsds_service, source


def test_a_catalogue_larger_than_a_batch_arrives_whole(
    make_site: Callable[[], LocalSite], crawl: Callable[[str], CrawlResult], settings: Settings
) -> None:
    total = 2 * BATCH + 137
    services = [hsds_service(f"s{n}", f"Dienst {n}") for n in range(total)]
    site = make_site()
    site.routes["/hsds/services"] = hsds_server(services, cap=150)
    toml = source("open-referral", site.url("/hsds"), page_size=150)

    first = crawl(toml).reports[0]
    again = crawl(toml).reports[0]

    assert (first.indexed, first.added, first.errors) == (total, total, [])
    assert (again.indexed, again.added, again.changed, again.removed) == (total, 0, 0, 0)
    with Session(get_engine(settings)) as session:
        assert session.exec(select(func.count()).select_from(Offer)).one() == total
        assert session.exec(select(func.count()).select_from(SourceRecord)).one() == total
        added = select(func.count()).select_from(CrawlChange).where(CrawlChange.change == "added")
        assert session.exec(added).one() == total
