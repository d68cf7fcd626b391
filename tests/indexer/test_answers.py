"""A source is trusted only when its answer is of the right kind; otherwise it keeps its offers.

Each format gets every kind of wrong answer a server in trouble gives with status 200: an HTML
maintenance page, an empty body, a truncated body, garbage, and an HTML page that claims to be
the right type. The source must fail, keep its offers (marked stale) and say why.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler
from urllib.parse import parse_qs, urlsplit

import pytest
from sqlmodel import Session, select

from finder.db import get_engine
from finder.models import Offer
from finder.search.backends import get_backend
from finder.settings import Settings
from indexer.pipeline import CrawlResult
from indexer.summary import summary_lines
from tests.indexer.helpers import (
    LocalSite,
    Responder,
    hsds_server,
    hsds_service,
    source,
    sru_server,
)

# Well-formed XHTML, as many servers' maintenance pages are: it parses as XML.
MAINTENANCE = (
    b'<html xmlns="http://www.w3.org/1999/xhtml" lang="nl"><head><title>Onderhoud</title>'
    b"</head><body><h1>We zijn zo terug</h1>"
    b"<p>Door onderhoud is deze dienst even niet bereikbaar.</p></body></html>"
)
GARBAGE = bytes(range(256)) * 4


def _fixed(status: int, content_type: str, body: bytes) -> Responder:
    def respond(_request: BaseHTTPRequestHandler) -> tuple[int, dict[str, str], bytes]:
        return status, {"Content-Type": content_type}, body

    return respond


def _team_page(team: str) -> bytes:
    data = {"@context": "https://schema.org", "@type": "GovernmentService", "name": team}
    return (
        "<!doctype html><html><head><title>Uw wijkteam</title>"
        f'<script type="application/ld+json">{json.dumps(data)}</script></head>'
        f"<body><h1>{team}</h1></body></html>"
    ).encode()


def _checker(request: BaseHTTPRequestHandler) -> tuple[int, dict[str, str], bytes]:
    pc4 = parse_qs(urlsplit(request.path).query)["pc"][0]
    team = "Wijkteam Centrum" if pc4 < "8013" else "Wijkteam Zuid"
    return 200, {"Content-Type": "text/html; charset=utf-8"}, _team_page(team)


def _webpage(request: BaseHTTPRequestHandler) -> tuple[int, dict[str, str], bytes]:
    return 200, {"Content-Type": "text/html; charset=utf-8"}, _team_page(request.path.strip("/"))


@dataclass
class Format:
    name: str
    kind: str
    path: str  # the route whose answer goes wrong
    url: str
    right_type: str
    good: Callable[[], Responder]
    offers: int
    extra: str = ""


def _sitemap() -> Responder:
    def respond(request: BaseHTTPRequestHandler) -> tuple[int, dict[str, str], bytes]:
        host = request.headers["Host"]
        pages = "".join(f"<url><loc>http://{host}/{name}</loc></url>" for name in "abc")
        body = f'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{pages}</urlset>'
        return 200, {"Content-Type": "application/xml"}, body.encode()

    return respond


FORMATS = [
    Format(
        "sru",
        "samenwerkende-catalogi",
        "/sru",
        "/sru?query=x",
        "application/xml",
        lambda: sru_server(total=6, cap=10),
        6,
    ),
    Format(
        "hsds",
        "open-referral",
        "/hsds/services",
        "/hsds",
        "application/json",
        lambda: hsds_server([hsds_service(f"s{n}", f"Dienst {n}") for n in range(6)], cap=10),
        6,
    ),
    Format("sitemap", "webpages", "/sitemap.xml", "/sitemap.xml", "application/xml", _sitemap, 3),
    Format(
        "checker",
        "wijkteam-checker",
        "/check",
        "/check?pc={postcode}",
        "text/html; charset=utf-8",
        lambda: _checker,
        2,
        extra='postcodes = ["8011-8014"]\n',
    ),
]


def _truncated(site: LocalSite, fmt: Format) -> Responder:
    """The good answer, cut off halfway (with a Content-Length that matches the cut body)."""
    good = fmt.good()

    def respond(request: BaseHTTPRequestHandler) -> tuple[int, dict[str, str], bytes]:
        status, headers, body = good(request)
        return status, headers, body[: len(body) // 2]

    return respond


WRONG: dict[str, Callable[[LocalSite, Format], Responder]] = {
    "html maintenance page": lambda _site, _fmt: _fixed(200, "text/html", MAINTENANCE),
    "empty body": lambda _site, fmt: _fixed(200, fmt.right_type, b""),
    "truncated body": _truncated,
    "garbage": lambda _site, fmt: _fixed(200, fmt.right_type, GARBAGE),
    "html claiming the right type": lambda _site, fmt: _fixed(200, fmt.right_type, MAINTENANCE),
}


def _offers(settings: Settings) -> list[Offer]:
    with Session(get_engine(settings)) as session:
        return list(session.exec(select(Offer)).all())


@pytest.mark.parametrize("wrong", list(WRONG))
@pytest.mark.parametrize("fmt", FORMATS, ids=[f.name for f in FORMATS])
def test_a_wrong_answer_fails_the_source_and_keeps_its_offers(
    make_site: Callable[[], LocalSite],
    crawl: Callable[[str], CrawlResult],
    settings: Settings,
    fmt: Format,
    wrong: str,
) -> None:
    site = make_site()
    site.routes["/a"] = site.routes["/b"] = site.routes["/c"] = _webpage
    site.routes[fmt.path] = fmt.good()
    toml = source(fmt.kind, site.url(fmt.url), retries=0) + fmt.extra
    assert crawl(toml).reports[0].indexed == fmt.offers
    documents = get_backend(settings).count()

    site.routes[fmt.path] = WRONG[wrong](site, fmt)
    report = crawl(toml).reports[0]

    assert report.failed, report.as_dict()
    assert report.removed == 0 and report.stale == fmt.offers
    lines = summary_lines([report])
    assert lines[0].startswith(f"src [{fmt.kind}] FAILED: ")
    assert any(line.startswith("  error: ") for line in lines)
    offers = _offers(settings)
    assert len(offers) == fmt.offers and all(o.stale_since is not None for o in offers)
    assert get_backend(settings).count() == documents


@pytest.mark.parametrize(
    ("fmt", "reason"),
    [
        (FORMATS[0], "an HTML page instead of XML (Content-Type text/html)"),
        (FORMATS[1], "an HTML page instead of JSON (Content-Type text/html)"),
        (FORMATS[2], "an HTML page instead of XML (Content-Type text/html)"),
        (FORMATS[3], "no schema.org JSON-LD naming a team"),
    ],
    ids=[f.name for f in FORMATS],
)
def test_the_summary_says_what_came_back(
    make_site: Callable[[], LocalSite],
    crawl: Callable[[str], CrawlResult],
    fmt: Format,
    reason: str,
) -> None:
    site = make_site()
    site.routes[fmt.path] = _fixed(200, "text/html", MAINTENANCE)
    report = crawl(source(fmt.kind, site.url(fmt.url), retries=0) + fmt.extra).reports[0]
    assert reason in report.failed or any(reason in r for _url, r in report.errors)
    assert any(reason in line for line in summary_lines([report]))


@pytest.mark.parametrize("fmt", FORMATS[:2], ids=["sru", "hsds"])
def test_a_wrong_later_page_keeps_every_offer(
    make_site: Callable[[], LocalSite],
    crawl: Callable[[str], CrawlResult],
    settings: Settings,
    fmt: Format,
) -> None:
    site = make_site()
    many = (
        sru_server(total=30, cap=10)
        if fmt.name == "sru"
        else hsds_server([hsds_service(f"s{n}", f"Dienst {n}") for n in range(30)], cap=10)
    )
    site.routes[fmt.path] = many
    toml = source(fmt.kind, site.url(fmt.url), retries=0)
    assert crawl(toml).reports[0].indexed == 30

    def second_page_in_maintenance(
        request: BaseHTTPRequestHandler,
    ) -> tuple[int, dict[str, str], bytes]:
        query = parse_qs(urlsplit(request.path).query)
        if query.get("startRecord") == ["11"] or query.get("page") == ["2"]:
            return 200, {"Content-Type": "text/html"}, MAINTENANCE
        return many(request)

    site.routes[fmt.path] = second_page_in_maintenance
    report = crawl(toml).reports[0]

    assert report.indexed == 20 and report.removed == 0
    assert any("an HTML page instead of" in reason for _url, reason in report.errors)
    assert len(_offers(settings)) == 30
