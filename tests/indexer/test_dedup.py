"""The same offer from several sources becomes one offer that records every source."""

from __future__ import annotations

import json
from collections.abc import Callable

from sqlmodel import Session, select

from finder.db import get_engine
from finder.models import Offer, OfferSource
from finder.settings import Settings
from indexer.pipeline import CrawlResult
from tests.indexer.helpers import LocalSite, hsds_service, serve_hsds, source


def test_same_offer_from_two_sources_becomes_one_with_both_sources(
    make_site: Callable[[], LocalSite], crawl: Callable[[str], CrawlResult], settings: Settings
) -> None:
    site = make_site()
    upl = "http://standaarden.overheid.nl/owms/terms/paspoort"
    term = {"taxonomy": "upl", "name": "paspoort", "term_uri": upl}
    municipal = hsds_service(
        "p1",
        "Paspoort aanvragen",
        organization={"id": "g", "name": "Gemeente Voorbeeld", "description": "Demo"},
        attributes=[{"id": "x", "taxonomy_term": term}],
    )
    serve_hsds(site, [municipal, hsds_service("v1", "Voedselbank")])
    product = (
        '<scproducten xmlns:o="http://standaarden.overheid.nl/product/terms/" '
        'xmlns:d="http://purl.org/dc/terms/"><o:scproduct><o:meta><o:owmskern>'
        "<d:identifier>https://example.invalid/paspoort</d:identifier><d:title>Paspoort</d:title>"
        "</o:owmskern><o:scmeta><o:productID>77</o:productID>"
        f'<o:uniformeProductnaam resourceIdentifier="{upl}">paspoort</o:uniformeProductnaam>'
        "</o:scmeta></o:meta></o:scproduct></scproducten>"
    )
    site.add("/sc.xml", product, content_type="application/xml")
    page = {
        "@context": "https://schema.org",
        "@type": "Service",
        "name": "VOEDSELBANK",
        "location": {
            "@type": "Place",
            "name": "Wijkcentrum Voorbeeld",
            "address": {"streetAddress": "Voorbeeldstraat 1", "postalCode": "8017AB"},
        },
    }
    site.add("/v.html", f'<script type="application/ld+json">{json.dumps(page)}</script>')
    sitemap = f"<urlset><url><loc>{site.url('/v.html')}</loc></url></urlset>"
    site.add("/sitemap.xml", sitemap, content_type="application/xml")
    toml = (
        source("open-referral", site.url("/hsds"), name="hsds")
        + source("samenwerkende-catalogi", site.url("/sc.xml"), name="sc")
        + '[sources.municipality]\nname = "Gemeente Voorbeeld"\n'
        + source("webpages", site.url("/sitemap.xml"), name="web")
    )

    crawl(toml)

    with Session(get_engine(settings)) as session:
        offers = session.exec(select(Offer)).all()
        assert len(offers) == 2
        kinds = {
            o.title: sorted(
                s.kind.value
                for s in session.exec(select(OfferSource).where(OfferSource.offer_id == o.id))
            )
            for o in offers
        }
        assert kinds == {
            "Paspoort aanvragen": ["open-referral", "samenwerkende-catalogi"],
            "Voedselbank": ["open-referral", "webpages"],
        }
