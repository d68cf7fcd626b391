"""Web pages: sitemap indexes, robots.txt, charset, broken JSON-LD, XSS and opening hours."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from sqlmodel import Session, select

from finder.db import get_engine
from finder.models import Location, Offer, Schedule
from finder.settings import Settings
from indexer.pipeline import CrawlResult
from tests.indexer.helpers import LocalSite, source


def _page(data: Any, charset: str = "utf-8") -> bytes:
    # Pages escape "</" inside JSON-LD, or a "</script>" in a text would end the block.
    blob = (
        data
        if isinstance(data, str)
        else json.dumps(data, ensure_ascii=False).replace("</", "<\\/")
    )
    html = f'<html><head><meta charset="{charset}"><script type="application/ld+json">{blob}</script></head><body></body></html>'
    return html.encode(charset)


def _service(name: str, **extra: Any) -> dict[str, Any]:
    return {
        "@context": "https://schema.org",
        "@type": "GovernmentService",
        "name": name,
        "description": "Hulp in de buurt.",
        "provider": {"@type": "GovernmentOrganization", "name": "Gemeente Voorbeeld"},
        **extra,
    }


def _sitemap(site: LocalSite, path: str, tag: str, entry: str, locs: list[str]) -> None:
    body = "".join(f"<{entry}><loc>{site.url(loc)}</loc></{entry}>" for loc in locs)
    xmlns = "http://www.sitemaps.org/schemas/sitemap/0.9"
    site.add(path, f'<{tag} xmlns="{xmlns}">{body}</{tag}>', content_type="application/xml")


def test_sitemap_index_robots_charset_and_broken_json_ld(
    make_site: Callable[[], LocalSite], crawl: Callable[[str], CrawlResult], settings: Settings
) -> None:
    site = make_site()
    site.add("/robots.txt", "User-agent: *\nDisallow: /private/\n", content_type="text/plain")
    _sitemap(site, "/sitemap.xml", "sitemapindex", "sitemap", ["/a.xml", "/b.xml"])
    _sitemap(site, "/a.xml", "urlset", "url", ["/cafe.html", "/private/secret.html"])
    _sitemap(site, "/b.xml", "urlset", "url", ["/broken.html", "/plain.html", "/gone.html"])
    site.add(
        "/cafe.html",
        _page(_service("Taalcafé Wijkcentrum"), "windows-1252"),
        content_type="text/html",
    )
    site.add("/private/secret.html", _page(_service("Geheim")))
    site.add("/broken.html", _page('{"@type": "Service", "name": '))
    site.add("/plain.html", b"<html><body>Geen gegevens</body></html>")

    result = crawl(source("webpages", site.url("/sitemap.xml")))

    report = result.reports[0]
    assert site.asked("/private/secret.html") == 0
    assert report.indexed == 1
    assert report.skipped["disallowed by robots.txt"] == 1
    assert any(reason.startswith("broken JSON-LD") for reason in report.skipped)
    assert report.skipped["no usable schema.org JSON-LD on the page"] == 1
    assert report.skipped["page gone (HTTP 404)"] == 1
    with Session(get_engine(settings)) as session:
        assert session.exec(select(Offer.title)).one() == "Taalcafé Wijkcentrum"


def test_xss_never_survives_and_every_opening_hours_form_is_read(
    make_site: Callable[[], LocalSite], crawl: Callable[[str], CrawlResult], settings: Settings
) -> None:
    site = make_site()
    place = {
        "@type": "Library",
        "name": "Bibliotheek <script>alert(1)</script>",
        "address": {"@type": "PostalAddress", "streetAddress": "Markt 1", "postalCode": "8011 AB"},
        "openingHours": ["Sa 10:00-14:00"],
        "openingHoursSpecification": [
            {"dayOfWeek": "https://schema.org/Monday", "opens": "09:00:00", "closes": "17:00:00"},
            {"dayOfWeek": ["Tuesday", "Wednesday"], "opens": "09:00", "closes": "12:00"},
            {
                "validFrom": "2025-12-25",
                "validThrough": "2025-12-26",
                "opens": "00:00",
                "closes": "00:00",
            },
        ],
    }
    evil = _service(
        "Hulp <img src=x onerror=alert(1)>",
        description='Kort.\n\n<p onclick="steal()">Lees <a href="javascript:alert(1)">dit</a></p><script>alert(2)</script>',
        location=place,
    )
    sitemap = f"<urlset><url><loc>{site.url('/evil.html')}</loc></url></urlset>"
    site.add("/sitemap.xml", sitemap, content_type="application/xml")
    site.add("/evil.html", _page(evil))

    crawl(source("webpages", site.url("/sitemap.xml")))

    with Session(get_engine(settings)) as session:
        offer = session.exec(select(Offer)).one()
        stored = " ".join([offer.title, offer.summary, offer.description_html])
        for bad in ("<script", "onerror", "onclick", "javascript:", "alert(2)"):
            assert bad not in stored
        assert "<p>" in offer.description_html
        location = session.exec(select(Location)).one()
        assert "<script" not in location.name and location.postcode == "8011AB"
        rows = session.exec(select(Schedule)).all()
        weekly = sorted((s.weekday, str(s.opens), str(s.closes)) for s in rows if not s.valid_from)
        assert weekly == [
            (0, "09:00:00", "17:00:00"),
            (1, "09:00:00", "12:00:00"),
            (2, "09:00:00", "12:00:00"),
            (5, "10:00:00", "14:00:00"),
        ]
        special = sorted((str(s.valid_from), s.closed) for s in rows if s.valid_from)
        assert special == [("2025-12-25", True), ("2025-12-26", True)]
