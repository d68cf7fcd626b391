"""Turn the catalogue into search documents and rebuild the live index from it."""

from __future__ import annotations

import logging
from collections import defaultdict
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Row, select
from sqlmodel import Session

from finder.db import init_db
from finder.editorial.overlay import EMPTY, Overlay, overlays_for
from finder.hours import OpeningPeriod, opening_period
from finder.models import (
    CorrectedField,
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


# Plain rows (SQLAlchemy Core), not ORM entities: building an entity per row was most of the
# index phase's time, and nothing here changes the catalogue.
_OFFER = Offer.__table__.c  # type: ignore[attr-defined]
_ORGANIZATION = Organization.__table__.c  # type: ignore[attr-defined]
_LOCATION = Location.__table__.c  # type: ignore[attr-defined]
_LINK = OfferLocation.__table__.c  # type: ignore[attr-defined]
_SCHEDULE = Schedule.__table__.c  # type: ignore[attr-defined]
_SOURCE = OfferSource.__table__.c  # type: ignore[attr-defined]
_OFFER_COLUMNS = (
    _OFFER.id,
    _OFFER.organization_id,
    _OFFER.title,
    _OFFER.summary,
    _OFFER.description_html,
    _OFFER.categories,
    _OFFER.keywords,
    _OFFER.upl_uris,
    _OFFER.audience,
    _OFFER.how_to_apply,
    _OFFER.languages,
    _OFFER.service_area,
    _OFFER.is_wijkteam,
    _OFFER.url,
    _OFFER.phone,
    _OFFER.is_demo,
)


@dataclass
class _Batch:
    """What the documents of a batch of offers read besides the offers themselves."""

    organizations: dict[str, Row[Any]]
    places: dict[str, list[Row[Any]]]
    hours: dict[tuple[str, str | None], list[OpeningPeriod]]
    sources: dict[str, Row[Any]]
    source_kinds: dict[str, set[str]]
    overlays: dict[str, Overlay]  # editors' corrections (finder/editorial)


def _read_batch(session: Session, offers: Sequence[Row[Any]]) -> _Batch:
    ids = [o.id for o in offers]
    org_ids = {o.organization_id for o in offers}
    organizations = {
        o.id: o
        for o in session.execute(
            select(_ORGANIZATION.id, _ORGANIZATION.name, _ORGANIZATION.phone).where(
                _ORGANIZATION.id.in_(org_ids)
            )
        )
    }
    links: dict[str, list[str]] = defaultdict(list)
    for offer_id, location_id in session.execute(
        select(_LINK.offer_id, _LINK.location_id).where(_LINK.offer_id.in_(ids))
    ):
        links[offer_id].append(location_id)
    loc_ids = {lid for lids in links.values() for lid in lids}
    locations = {
        loc.id: loc
        for loc in session.execute(
            select(
                _LOCATION.id,
                _LOCATION.name,
                _LOCATION.address,
                _LOCATION.postcode,
                _LOCATION.city,
                _LOCATION.latitude,
                _LOCATION.longitude,
                _LOCATION.phone,
            ).where(_LOCATION.id.in_(loc_ids))
        )
    }
    hours: dict[tuple[str, str | None], list[OpeningPeriod]] = defaultdict(list)
    for s in session.execute(
        select(*_SCHEDULE).where(_SCHEDULE.offer_id.in_(ids)).order_by(_SCHEDULE.weekday)
    ):
        hours[(s.offer_id, s.location_id)].append(opening_period(s))
    sources: dict[str, Row[Any]] = {}
    source_kinds: dict[str, set[str]] = defaultdict(set)
    for src in session.execute(
        select(_SOURCE.offer_id, _SOURCE.kind, _SOURCE.source_ref)
        .where(_SOURCE.offer_id.in_(ids))
        .order_by(_SOURCE.id)
    ):
        sources.setdefault(src.offer_id, src)
        source_kinds[src.offer_id].add(src.kind.value)
    places = {
        offer_id: [locations[lid] for lid in lids if lid in locations]
        for offer_id, lids in links.items()
    }
    overlays = overlays_for(session, ids)
    return _Batch(organizations, places, hours, sources, source_kinds, overlays)


def _offer_documents(offer: Row[Any], batch: _Batch, overlay: Overlay) -> Iterator[SearchDocument]:
    """One offer's documents, with the editors' corrections over the crawled values: one per
    place, or one without a place."""
    org = batch.organizations.get(offer.organization_id)
    source = batch.sources.get(offer.id)
    places = batch.places.get(offer.id, [])
    hours = batch.hours
    phone = overlay.text(CorrectedField.phone, offer.phone)
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
            source_kinds=batch.source_kinds[offer.id],
            upl_uris=offer.upl_uris,
            organization=org.name if org else "",
            is_wijkteam=offer.is_wijkteam,
            how_to_apply=offer.how_to_apply,
            has_place=bool(places),
        ),
        "languages": language_codes(offer.languages),
        "postcodes_served": offer.service_area,
        "is_wijkteam": offer.is_wijkteam,
        "url": overlay.text(CorrectedField.url, offer.url),
        "source_kind": source.kind.value if source else "",
        "source_ref": source.source_ref if source else "",
        "is_demo": offer.is_demo,
    }
    if not places:
        yield SearchDocument(
            id=document_id(offer.id, None),
            phone=phone or (org.phone if org else ""),
            hours=overlay.hours(hours.get((offer.id, None), [])),
            **base,
        )
    for loc in places:
        place = {
            "address": loc.address,
            "postcode": loc.postcode,
            "city": loc.city,
            "latitude": loc.latitude,
            "longitude": loc.longitude,
            **(overlay.address(loc.id) or {}),
        }
        yield SearchDocument(
            id=document_id(offer.id, loc.id),
            location_name=loc.name,
            phone=phone or loc.phone or (org.phone if org else ""),
            hours=overlay.hours(hours.get((offer.id, loc.id)) or hours.get((offer.id, None), [])),
            **place,
            **base,
        )


def documents_from_catalogue(session: Session) -> Iterator[SearchDocument]:
    """Every shown offer; defunct and inactive offers never reach the index."""
    last_id = ""
    while True:
        offers = session.execute(
            select(*_OFFER_COLUMNS)
            .where(_OFFER.status == OfferStatus.active, _OFFER.id > last_id)
            .order_by(_OFFER.id)
            .limit(BATCH)
        ).all()
        if not offers:
            return
        batch = _read_batch(session, offers)
        for offer in offers:
            # Editors' corrections apply over the crawled values; a hidden offer is not indexed.
            overlay = batch.overlays.get(offer.id, EMPTY)
            if not overlay.hidden:
                yield from _offer_documents(offer, batch, overlay)
        last_id = offers[-1].id


def reindex(settings: Settings) -> IndexBuild:
    """Build a new index generation from the catalogue and swap it in.

    Raises IndexBuildFailed when no new generation could be swapped in.
    """
    engine = init_db(settings)
    with Session(engine) as session:
        build = get_backend(settings, indexing=True).replace_all(documents_from_catalogue(session))
    log.info("search index rebuilt with %d documents", build.count)
    return build
