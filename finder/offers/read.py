"""Reading the catalogue for pages and the API: one offer in full, and the wijkteam for a postcode."""

from __future__ import annotations

from collections import Counter

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
from finder.offers.models import OfferDetail, OrganizationInfo, Place, SourceInfo, TeamInfo


def organization_info(org: Organization) -> OrganizationInfo:
    return OrganizationInfo(org.id, org.name, org.url, org.email, org.phone, org.description)


def source_info(s: OfferSource) -> SourceInfo:
    return SourceInfo(
        s.kind.value, s.source_name, s.source_ref, s.source_url, s.fetched_at, s.modified_at
    )


def _place(loc: Location, phone: str, hours: tuple[OpeningPeriod, ...]) -> Place:
    return Place(
        id=loc.id,
        name=loc.name,
        address=loc.address,
        postcode=loc.postcode,
        city=loc.city,
        latitude=loc.latitude,
        longitude=loc.longitude,
        accessibility=loc.accessibility,
        phone=phone,
        hours=hours,
        is_demo=loc.is_demo,
        organization_id=loc.organization_id,
    )


# A withdrawn offer may still be shown by the live index until the indexer's next generation
# is swapped in; its page keeps answering until then, so no hit leads to "not found".
SHOWN = frozenset({OfferStatus.active, OfferStatus.withdrawn})


def get_offer(session: Session, offer_id: str) -> OfferDetail | None:
    """An offer that may be shown: defunct and inactive offers count as not found."""
    offer = session.get(Offer, offer_id)
    if offer is None or offer.status not in SHOWN:
        return None
    overlay = overlay_for(session, offer_id)
    if overlay.hidden:
        return None
    # Editors' corrections apply over detached copies: the crawled rows stay untouched.
    offer = corrected_offer(offer, overlay)
    organization = session.get(Organization, offer.organization_id)
    location_ids = session.exec(
        select(OfferLocation.location_id).where(OfferLocation.offer_id == offer_id)
    ).all()
    locations = [
        corrected_location(loc, overlay)
        for loc in session.exec(
            select(Location).where(col(Location.id).in_(location_ids)).order_by(col(Location.name))
        ).all()
    ]
    schedules = session.exec(
        select(Schedule).where(Schedule.offer_id == offer_id).order_by(col(Schedule.weekday))
    ).all()
    sources = session.exec(
        select(OfferSource).where(OfferSource.offer_id == offer_id).order_by(col(OfferSource.id))
    ).all()
    general = tuple(overlay.hours([opening_period(s) for s in schedules if s.location_id is None]))
    places = tuple(
        _place(
            loc,
            loc.phone,
            tuple(overlay.hours([opening_period(s) for s in schedules if s.location_id == loc.id]))
            or general,
        )
        for loc in locations
    )
    return OfferDetail(
        id=offer.id,
        organization_id=offer.organization_id,
        title=offer.title,
        summary=offer.summary,
        description_html=offer.description_html,
        organization=organization_info(organization) if organization else None,
        audience=tuple(offer.audience),
        categories=tuple(offer.categories),
        keywords=tuple(offer.keywords),
        upl_uris=tuple(offer.upl_uris),
        eligibility=offer.eligibility,
        costs=offer.costs,
        how_to_apply=tuple(offer.how_to_apply),
        application_url=offer.application_url,
        what_to_bring=offer.what_to_bring,
        languages=tuple(offer.languages),
        phone=offer.phone,
        email=offer.email,
        url=offer.url,
        service_area=tuple(offer.service_area),
        is_wijkteam=offer.is_wijkteam,
        is_demo=offer.is_demo,
        stale_since=offer.stale_since,
        places=places,
        hours=general,
        sources=tuple(source_info(s) for s in sources),
    )


def wijkteam_for(session: Session, postcode: str | None) -> TeamInfo | None:
    if not postcode:
        return None
    teams = session.exec(
        select(Offer).where(Offer.is_wijkteam == True, Offer.status == OfferStatus.active)  # noqa: E712
    ).all()
    for team in teams:
        if postcode[:4] in team.service_area:
            return TeamInfo(team.id, team.title, team.phone)
    return None


def _merged(periods: list[OpeningPeriod]) -> tuple[OpeningPeriod, ...]:
    """Overlapping periods of one weekday (and the same dates) joined into one."""
    merged: list[OpeningPeriod] = []
    key = lambda p: (p.valid_from or "", p.valid_to or "", p.weekday, p.opens or "")  # noqa: E731
    for p in sorted(periods, key=key):
        last = merged[-1] if merged else None
        same_day = last is not None and (last.weekday, last.valid_from, last.valid_to) == (
            p.weekday,
            p.valid_from,
            p.valid_to,
        )
        if (
            last is not None
            and same_day
            and last.is_open
            and p.is_open
            and not p.overnight
            and (p.opens or "") <= (last.closes or "")
        ):
            closes = max(last.closes or "", p.closes or "")
            merged[-1] = last.model_copy(update={"closes": closes, "notes": ""})
        elif p not in merged:
            merged.append(p)
    return tuple(merged)


def organisation_places(
    session: Session, name: str
) -> tuple[OrganizationInfo, list[tuple[Place, int]]] | None:
    """An organisation found by its exact name, with its places and how many of its offers each
    holds; a place's hours are the times any of those offers is there (a library's consultation
    hours together)."""
    org = session.exec(select(Organization).where(Organization.name == name)).first()
    if org is None:
        return None
    locations = session.exec(
        select(Location).where(Location.organization_id == org.id).order_by(col(Location.name))
    ).all()
    offer_ids = select(Offer.id).where(
        Offer.organization_id == org.id, Offer.status == OfferStatus.active
    )
    schedules = session.exec(
        select(Schedule).where(
            col(Schedule.location_id).in_([loc.id for loc in locations]),
            col(Schedule.offer_id).in_(offer_ids),
        )
    ).all()
    held = Counter(
        session.exec(
            select(OfferLocation.location_id).where(
                col(OfferLocation.location_id).in_([loc.id for loc in locations]),
                col(OfferLocation.offer_id).in_(offer_ids),
            )
        ).all()
    )
    places = [
        (
            _place(
                loc,
                loc.phone or org.phone,
                _merged([opening_period(s) for s in schedules if s.location_id == loc.id]),
            ),
            held[loc.id],
        )
        for loc in locations
    ]
    return organization_info(org), places
