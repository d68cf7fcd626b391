"""Small factories for catalogue rows and settings. Tests build only what they need."""

from __future__ import annotations

import itertools
from datetime import UTC, datetime, time
from typing import Any

from sqlmodel import Session

from finder.db import init_db
from finder.models import (
    Location,
    Offer,
    OfferLocation,
    OfferSource,
    Organization,
    Schedule,
    SourceKind,
)
from finder.settings import Settings

_ids = itertools.count(1)


def organization(session: Session, name: str = "Stadkamer", **fields: Any) -> Organization:
    org = Organization(id=f"org-{next(_ids)}", name=name, **fields)
    session.add(org)
    session.flush()
    return org


def location(
    session: Session,
    name: str = "Stadkamer Centrum",
    postcode: str = "8011AB",
    lat: float | None = 52.5114,
    lon: float | None = 6.0929,
    **fields: Any,
) -> Location:
    loc = Location(
        id=f"loc-{next(_ids)}",
        name=name,
        address=fields.pop("address", "Voorbeeldstraat 1"),
        postcode=postcode,
        city="Zwolle",
        latitude=lat,
        longitude=lon,
        **fields,
    )
    session.add(loc)
    session.flush()
    return loc


def offer(
    session: Session,
    title: str,
    org: Organization,
    *,
    places: tuple[Location, ...] = (),
    hours: tuple[tuple[int, str, str], ...] = ((0, "09:00", "17:00"),),
    source_ref: str | None = None,
    **fields: Any,
) -> Offer:
    item = Offer(id=f"offer-{next(_ids)}", organization_id=org.id, title=title, **fields)
    session.add(item)
    session.flush()
    for place in places:
        session.add(OfferLocation(offer_id=item.id, location_id=place.id))
    for place in places or (None,):
        for weekday, opens, closes in hours:
            session.add(
                Schedule(
                    offer_id=item.id,
                    location_id=place.id if place else None,
                    weekday=weekday,
                    opens=time.fromisoformat(opens),
                    closes=time.fromisoformat(closes),
                )
            )
    session.add(
        OfferSource(
            offer_id=item.id,
            kind=SourceKind.open_referral,
            source_ref=source_ref or item.id,
            source_url="https://example.invalid/hsds",
            fetched_at=datetime(2026, 11, 1, tzinfo=UTC),
        )
    )
    return item


def catalogue_session(settings: Settings) -> Session:
    return Session(init_db(settings))
