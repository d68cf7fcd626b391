"""Samenwerkende Catalogi 4.0 over SRU with paging, UPL linking, and unsafe XML pages."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

from sqlmodel import Session, select

from finder.db import get_engine
from finder.models import Location, Offer
from finder.settings import Settings
from indexer.pipeline import CrawlResult
from indexer.summary import summary_lines
from tests.indexer.helpers import LocalSite, source, sru_server

SAMPLE = (
    Path(__file__).parents[2] / "fixtures" / "sc" / "sru-response-denhaag-bijzondere-bijstand.xml"
).read_bytes()
XML = "application/xml"
BILLION_LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>
<searchRetrieveResponse>&lol2;</searchRetrieveResponse>"""
XXE = b"""<?xml version="1.0"?>
<!DOCTYPE r [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
<searchRetrieveResponse><numberOfRecords>9</numberOfRecords>&xxe;</searchRetrieveResponse>"""
MUNICIPALITY = """
[sources.municipality]
name = "Gemeente Den Haag"
phone = "14070"
[[sources.municipality.locations]]
name = "Stadhuis"
address = "Spui 70"
postcode = "2511BT"
city = "Den Haag"
hours = ["Mo-Fr 09:00-17:00"]
"""


def _page(records: bytes, total: int) -> bytes:
    return records.replace(
        b"<numberOfRecords>16</numberOfRecords>",
        f"<numberOfRecords>{total}</numberOfRecords>".encode(),
    )


def test_sru_pages_are_followed_and_products_linked_to_upl(
    make_site: Callable[[], LocalSite], crawl: Callable[[str], CrawlResult], settings: Settings
) -> None:
    site = make_site()
    query = "version=1.2&operation=searchRetrieve&x-connection=sc&query=x"
    site.add(f"/sru?{query}&startRecord=1&maximumRecords=3", _page(SAMPLE, 9), content_type=XML)
    site.add(f"/sru?{query}&startRecord=4&maximumRecords=3", BILLION_LAUGHS, content_type=XML)
    site.add(f"/sru?{query}&startRecord=7&maximumRecords=3", XXE, content_type=XML)

    result = crawl(
        source("samenwerkende-catalogi", site.url(f"/sru?{query}"), page_size=3) + MUNICIPALITY
    )

    report = result.reports[0]
    assert report.fetched == 3 and report.indexed == 3 and not report.failed
    reasons = [reason for _url, reason in report.errors]
    assert reasons == [
        "unsafe XML rejected (EntitiesForbidden)",
        "unsafe XML rejected (EntitiesForbidden)",
        "announced 9, read 3",
    ]
    with Session(get_engine(settings)) as session:
        offers = session.exec(select(Offer)).all()
        assert len(offers) == 3  # same UPL, same source: three products stay three offers
        assert all(
            o.upl_uris == ["http://standaarden.overheid.nl/owms/terms/bijzBijstUitk"]
            for o in offers
        )
        assert all(o.audience == ["particulier"] and "online" in o.how_to_apply for o in offers)
        assert session.exec(select(Location)).one().name == "Stadhuis"


def test_plain_feed_that_is_unsafe_fails_the_source(
    make_site: Callable[[], LocalSite], crawl: Callable[[str], CrawlResult]
) -> None:
    site = make_site()
    site.add("/feed.xml", XXE, content_type=XML)
    result = crawl(source("samenwerkende-catalogi", site.url("/feed.xml")))
    assert "unsafe XML rejected" in result.reports[0].failed


def test_sru_follows_next_record_position_when_the_server_caps_its_pages(
    make_site: Callable[[], LocalSite], crawl: Callable[[str], CrawlResult], settings: Settings
) -> None:
    site = make_site()
    site.routes["/sru"] = sru_server(total=32, cap=10)

    result = crawl(source("samenwerkende-catalogi", site.url("/sru?query=x"), page_size=50))

    report = result.reports[0]
    assert (report.indexed, report.errors, report.failed) == (32, [], "")
    starts = [parse_qs(urlsplit(path).query)["startRecord"][0] for path in site.requests]
    assert starts == ["1", "11", "21", "31"]
    with Session(get_engine(settings)) as session:
        assert len(session.exec(select(Offer)).all()) == 32


def test_sru_that_ends_before_its_announced_total_keeps_the_previous_records(
    make_site: Callable[[], LocalSite], crawl: Callable[[str], CrawlResult], settings: Settings
) -> None:
    site = make_site()
    site.routes["/sru"] = sru_server(total=32, cap=10)
    toml = source("samenwerkende-catalogi", site.url("/sru?query=x"), page_size=50)
    crawl(toml)
    site.routes["/sru"] = sru_server(total=32, cap=10, stop_after=10)

    report = crawl(toml).reports[0]

    assert report.errors == [(site.url("/sru?query=x"), "announced 32, read 10")]
    assert report.removed == 0
    assert any("announced 32, read 10" in line for line in summary_lines([report]))
    with Session(get_engine(settings)) as session:
        assert len(session.exec(select(Offer)).all()) == 32


def test_an_sru_error_answer_fails_the_source(
    make_site: Callable[[], LocalSite], crawl: Callable[[str], CrawlResult]
) -> None:
    site = make_site()
    diagnostic = (
        '<searchRetrieveResponse xmlns="http://www.loc.gov/zing/srw/"><version>1.2</version>'
        "<numberOfRecords>0</numberOfRecords><diagnostics>"
        '<diagnostic xmlns="http://www.loc.gov/zing/srw/diagnostic/">'
        "<uri>info:srw/diagnostic/1/10</uri><message>Query syntax error</message>"
        "</diagnostic></diagnostics></searchRetrieveResponse>"
    )
    site.add("/sru", diagnostic, content_type=XML)
    report = crawl(source("samenwerkende-catalogi", site.url("/sru?query=x"))).reports[0]
    assert report.failed == "the SRU server answered: Query syntax error"
