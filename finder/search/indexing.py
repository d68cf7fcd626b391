"""Turn the catalogue into search documents and rebuild the live index from it."""

from __future__ import annotations

import logging
from collections import defaultdict
from collections.abc import Iterator, Sequence

from sqlmodel import Session, col, select

from finder.db import init_db
from finder.hours import OpeningPeriod, opening_period
from finder.models import (
    Location,
    Offer,
    OfferLocation,
    OfferSource,
    OfferStatus,
    Organization,
    Schedule,
)
from finder.offers import help_kinds, language_codes
from finder.search.backends import get_backend
from finder.search.builds import IndexBuild
from finder.search.documents import SearchDocument, document_id
from finder.settings import Settings
from finder.text import plain_text

log = logging.getLogger(__name__)
BATCH = 1000


def _documents_for_batch(session: Session, offers: Sequence[Offer]) -> Iterator[SearchDocument]:
    ids = [o.id for o in offers]
    org_ids = {o.organization_id for o in offers}
    orgs = {
        o.id: o for o in session.exec(select(Organization).where(col(Organization.id).in_(org_ids)))
    }
    links: dict[str, list[str]] = defaultdict(list)
    for link in session.exec(select(OfferLocation).where(col(OfferLocation.offer_id).in_(ids))):
        links[link.offer_id].append(link.location_id)
    loc_ids = {lid for lids in links.values() for lid in lids}
    locations = {
        loc.id: loc for loc in session.exec(select(Location).where(col(Location.id).in_(loc_ids)))
    }
    hours: dict[tuple[str | None, str | None], list[OpeningPeriod]] = defaultdict(list)
    for s in session.exec(
        select(Schedule).where(col(Schedule.offer_id).in_(ids)).order_by(col(Schedule.weekday))
    ):
        hours[(s.offer_id, s.location_id)].append(opening_period(s))
    sources: dict[str, OfferSource] = {}
    source_kinds: dict[str, set[str]] = defaultdict(set)
    for src in session.exec(
        select(OfferSource).where(col(OfferSource.offer_id).in_(ids)).order_by(col(OfferSource.id))
    ):
        sources.setdefault(src.offer_id, src)
        source_kinds[src.offer_id].add(src.kind.value)

    for offer in offers:
        org = orgs.get(offer.organization_id)
        source = sources.get(offer.id)
        places = [locations[lid] for lid in links.get(offer.id, []) if lid in locations]
        base = {
            "offer_id": offer.id,
            "title": offer.title,
            "summary": offer.summary,
            "description": plain_text(offer.description_html),
            "organization": org.name if org else "",
            "categories": offer.categories,
            "keywords": offer.keywords,
            "upl": [u.rsplit("/", 1)[-1] for u in offer.upl_uris],
            "audience": offer.audience,
            "kinds": help_kinds(
                source_kinds=source_kinds[offer.id],
                upl_uris=offer.upl_uris,
                organization=org.name if org else "",
                is_wijkteam=offer.is_wijkteam,
                how_to_apply=offer.how_to_apply,
                has_place=bool(places),
            ),
            "languages": language_codes(offer.languages),
            "postcodes_served": offer.service_area,
            "is_wijkteam": offer.is_wijkteam,
            "url": offer.url,
            "source_kind": source.kind.value if source else "",
            "source_ref": source.source_ref if source else "",
            "is_demo": offer.is_demo,
        }
        if not places:
            yield SearchDocument(
                id=document_id(offer.id, None),
                phone=offer.phone or (org.phone if org else ""),
                hours=hours.get((offer.id, None), []),
                **base,
            )
        for loc in places:
            yield SearchDocument(
                id=document_id(offer.id, loc.id),
                location_name=loc.name,
                address=loc.address,
                postcode=loc.postcode,
                city=loc.city,
                latitude=loc.latitude,
                longitude=loc.longitude,
                phone=offer.phone or loc.phone or (org.phone if org else ""),
                hours=hours.get((offer.id, loc.id)) or hours.get((offer.id, None), []),
                **base,
            )


def documents_from_catalogue(session: Session) -> Iterator[SearchDocument]:
    """Every shown offer; defunct and inactive offers never reach the index."""
    last_id = ""
    while True:
        batch = session.exec(
            select(Offer)
            .where(Offer.status == OfferStatus.active, col(Offer.id) > last_id)
            .order_by(col(Offer.id))
            .limit(BATCH)
        ).all()
        if not batch:
            return
        yield from _documents_for_batch(session, batch)
        last_id = batch[-1].id
        session.expunge_all()


def reindex(settings: Settings) -> IndexBuild:
    """Build a new index generation from the catalogue and swap it in.

    Raises IndexBuildFailed when no new generation could be swapped in.
    """
    engine = init_db(settings)
    with Session(engine) as session:
        build = get_backend(settings, indexing=True).replace_all(documents_from_catalogue(session))
    log.info("search index rebuilt with %d documents", build.count)
    return build
