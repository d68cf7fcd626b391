"""Open Referral HSDS 3.0: official examples from files, and the paged API over HTTP."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
from sqlmodel import Session, select

from finder.db import get_engine
from finder.models import Location, Offer, OfferLocation, Schedule
from finder.settings import Settings
from indexer.pipeline import CrawlResult
from tests.indexer.helpers import LocalSite, hsds_envelope, hsds_server, hsds_service, source

FIXTURES = Path(__file__).parents[2] / "fixtures" / "hsds"
EXAMPLES = [
    "service_full.json",
    "service_list.json",
    "service_at_location_full.json",
    "service_at_location_list.json",
    "organization_full.json",
]


def test_official_hsds_examples_ingest_without_errors(
    crawl: Callable[[str], CrawlResult], settings: Settings
) -> None:
    toml = "".join(
        source("open-referral", str(FIXTURES / name), name=name.removesuffix(".json"))
        for name in EXAMPLES
    )
    result = crawl(toml)
    for report in result.reports:
        assert report.errors == [] and not report.failed, report.as_dict()
        assert report.indexed == 1
    with Session(get_engine(settings)) as session:
        offer = session.exec(select(Offer)).first()
        assert offer is not None and offer.title == "Community Counselling"
        # byday TH,FR → one schedule row per weekday, on the service's place.
        days = {s.weekday for s in session.exec(select(Schedule)) if s.location_id}
        assert days == {3, 4}


def test_paged_api_is_followed_and_inactive_services_are_skipped(
    make_site: Callable[[], LocalSite], crawl: Callable[[str], CrawlResult], settings: Settings
) -> None:
    site = make_site()
    pages = [
        [hsds_service("s1", "Taalcafé"), hsds_service("s2", "Oud", status="defunct")],
        [hsds_service("s3", "Schuldhulp"), hsds_service("s4", "Dicht", status="inactive")],
        [hsds_service("s5", "Klussendienst")],
    ]
    for number, services in enumerate(pages, start=1):
        body = json.dumps(hsds_envelope(services, number, len(pages)))
        site.add(f"/hsds/services?page={number}&per_page=2", body, content_type="application/json")

    result = crawl(source("open-referral", site.url("/hsds"), page_size=2))

    report = result.reports[0]
    assert report.fetched == 3 and report.indexed == 3
    assert report.skipped == {"status defunct": 1, "status inactive": 1}
    with Session(get_engine(settings)) as session:
        titles = {o.title for o in session.exec(select(Offer))}
        assert titles == {"Taalcafé", "Schuldhulp", "Klussendienst"}
        location = session.exec(select(Location)).one()
        assert location.postcode == "8017AB"
        assert location.latitude is not None  # geocoded from the postcode
        assert len(session.exec(select(OfferLocation)).all()) == 3


def test_wijkteam_attributes_and_text_service_area(
    tmp_path: Path, crawl: Callable[[str], CrawlResult], settings: Settings
) -> None:
    term = {"taxonomy": "categorie", "name": "Wijkteam", "code": "wijkteam"}
    service = hsds_service(
        "w1",
        "Sociaal Wijkteam Zuid",
        attributes=[{"id": "a", "taxonomy_term": term}],
        service_areas=[{"id": "x", "extent": "8013 8014, 8015-8016", "extent_type": "text"}],
    )
    path = tmp_path / "services.json"
    path.write_text(json.dumps([service]))
    crawl(source("open-referral", str(path)))
    with Session(get_engine(settings)) as session:
        offer = session.exec(select(Offer)).one()
        assert offer.is_wijkteam and offer.categories == ["Wijkteam"]
        assert offer.service_area == ["8013", "8014", "8015", "8016"]
        assert offer.summary == "Sociaal Wijkteam Zuid: korte uitleg."


@pytest.mark.parametrize("paging", ["total_pages", "last_page"])
def test_paged_api_that_caps_its_page_size_is_read_to_the_end(
    make_site: Callable[[], LocalSite],
    crawl: Callable[[str], CrawlResult],
    settings: Settings,
    paging: str,
) -> None:
    site = make_site()
    services = [hsds_service(f"s{n}", f"Dienst {n}") for n in range(32)]
    site.routes["/hsds/services"] = hsds_server(services, cap=10, paging=paging)

    report = crawl(source("open-referral", site.url("/hsds"), page_size=100)).reports[0]

    assert (report.fetched, report.indexed, report.errors) == (4, 32, [])
    with Session(get_engine(settings)) as session:
        assert len(session.exec(select(Offer)).all()) == 32


def test_paged_api_that_ends_before_its_announced_total_keeps_the_previous_records(
    make_site: Callable[[], LocalSite], crawl: Callable[[str], CrawlResult], settings: Settings
) -> None:
    site = make_site()
    services = [hsds_service(f"s{n}", f"Dienst {n}") for n in range(32)]
    site.routes["/hsds/services"] = hsds_server(services, cap=10)
    toml = source("open-referral", site.url("/hsds"), page_size=100)
    crawl(toml)
    site.routes["/hsds/services"] = hsds_server(services, cap=10, paging="none")

    report = crawl(toml).reports[0]

    assert [reason for _url, reason in report.errors] == ["announced 32, read 10"]
    assert report.removed == 0
    with Session(get_engine(settings)) as session:
        assert len(session.exec(select(Offer)).all()) == 32


def test_a_server_that_ignores_the_page_number_is_not_read_for_ever(
    make_site: Callable[[], LocalSite], crawl: Callable[[str], CrawlResult]
) -> None:
    site = make_site()
    services = [hsds_service(f"s{n}", f"Dienst {n}") for n in range(3)]
    page = {"total_items": 30, "last_page": False, "contents": services}
    site.add("/hsds/services", json.dumps(page), content_type="application/json")

    report = crawl(source("open-referral", site.url("/hsds"))).reports[0]

    assert site.asked("/hsds/services") == 2
    assert report.indexed == 3 and report.removed == 0
    reasons = [reason for _url, reason in report.errors]
    assert reasons == ["page 2 repeats an earlier page", "announced 30, read 3"]
