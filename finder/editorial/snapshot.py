"""An offer as it was when its source stopped listing it, so an editor can keep it (a hold).

The indexer takes the snapshot when it removes an offer (indexer/prune.py); restoring it puts
back the offer, its organisation, places and hours. Provenance rows are not restored: no source
lists it any more, and the hold itself says who keeps it.
"""

from __future__ import annotations

from typing import Any

from sqlmodel import Session, SQLModel, col, select

from finder.models import Location, Offer, OfferLocation, OfferStatus, Organization, Schedule


def _row(item: SQLModel) -> dict[str, Any]:
    return item.model_dump(mode="json")


def capture(session: Session, offer_id: str) -> dict[str, Any]:
    offer = session.get(Offer, offer_id)
    if offer is None:
        return {}
    org = session.get(Organization, offer.organization_id)
    place_ids = list(
        session.exec(select(OfferLocation.location_id).where(OfferLocation.offer_id == offer_id))
    )
    places = session.exec(select(Location).where(col(Location.id).in_(place_ids))).all()
    hours = session.exec(select(Schedule).where(Schedule.offer_id == offer_id)).all()
    return {
        "offer": _row(offer),
        "organization": _row(org) if org else None,
        "locations": [_row(p) for p in places],
        "schedules": [{k: v for k, v in _row(s).items() if k != "id"} for s in hours],
    }


def restore(session: Session, snapshot: dict[str, Any]) -> str | None:
    """Puts the offer back as active; parts that still exist are left as they are now."""
    data = snapshot.get("offer")
    if not data:
        return None
    org = snapshot.get("organization")
    if org and session.get(Organization, org["id"]) is None:
        session.add(Organization.model_validate(org))
    for place in snapshot.get("locations", []):
        if session.get(Location, place["id"]) is None:
            session.add(Location.model_validate(place))
    offer = session.get(Offer, data["id"])
    if offer is None:
        offer = Offer.model_validate({**data, "stale_since": None})
    offer.status = OfferStatus.active
    session.add(offer)
    session.flush()
    linked = set(
        session.exec(select(OfferLocation.location_id).where(OfferLocation.offer_id == offer.id))
    )
    for place in snapshot.get("locations", []):
        if place["id"] not in linked:
            session.add(OfferLocation(offer_id=offer.id, location_id=place["id"]))
    has_hours = session.exec(select(Schedule.id).where(Schedule.offer_id == offer.id)).first()
    if has_hours is None:
        for row in snapshot.get("schedules", []):
            session.add(Schedule.model_validate(row))
    return offer.id
