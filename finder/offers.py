"""Reading the catalogue for pages and the API: one offer in full, and the wijkteam for a postcode."""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlmodel import Session, col, select

from finder.editorial.overlay import corrected_location, corrected_offer, overlay_for
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


@dataclass
class PlaceView:
    location: Location
    hours: list[OpeningPeriod] = field(default_factory=list)


@dataclass
class OfferView:
    offer: Offer
    organization: Organization | None
    places: list[PlaceView]
    hours: list[OpeningPeriod]
    sources: list[OfferSource]


def get_offer(session: Session, offer_id: str) -> OfferView | None:
    """An offer that may be shown: defunct and inactive offers count as not found."""
    offer = session.get(Offer, offer_id)
    if offer is None or offer.status != OfferStatus.active:
        return None
    overlay = overlay_for(session, offer_id)
    if overlay.hidden:
        return None
    organization = session.get(Organization, offer.organization_id)
    location_ids = session.exec(
        select(OfferLocation.location_id).where(OfferLocation.offer_id == offer_id)
    ).all()
    locations = session.exec(
        select(Location).where(col(Location.id).in_(location_ids)).order_by(col(Location.name))
    ).all()
    schedules = session.exec(
        select(Schedule).where(Schedule.offer_id == offer_id).order_by(col(Schedule.weekday))
    ).all()
    sources = session.exec(
        select(OfferSource).where(OfferSource.offer_id == offer_id).order_by(col(OfferSource.id))
    ).all()
    general = overlay.hours([opening_period(s) for s in schedules if s.location_id is None])
    places = [
        PlaceView(
            corrected_location(loc, overlay),
            overlay.hours([opening_period(s) for s in schedules if s.location_id == loc.id]),
        )
        for loc in locations
    ]
    # Corrected copies: the crawled rows in the session stay untouched.
    return OfferView(corrected_offer(offer, overlay), organization, places, general, list(sources))


def wijkteam_for(session: Session, postcode: str | None) -> Offer | None:
    if not postcode:
        return None
    teams = session.exec(
        select(Offer).where(Offer.is_wijkteam == True, Offer.status == OfferStatus.active)  # noqa: E712
    ).all()
    for team in teams:
        if postcode[:4] in team.service_area:
            return team
    return None
