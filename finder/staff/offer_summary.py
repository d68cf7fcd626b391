"""An offer as the staff side shows it: what the referral form, the slip and routing need."""

from __future__ import annotations

from dataclasses import dataclass

from sqlmodel import Session

from finder.offers import get_offer


@dataclass(frozen=True)
class Place:
    name: str
    address: str


@dataclass(frozen=True)
class OfferSummary:
    id: str
    title: str
    organization_id: str
    organization_name: str
    phone: str
    places: tuple[Place, ...]
    is_demo: bool


def summary_of(db: Session, offer_id: str) -> OfferSummary | None:
    view = get_offer(db, offer_id)
    if view is None:
        return None
    org = view.organization
    return OfferSummary(
        id=view.id,
        title=view.title,
        organization_id=view.organization_id,
        organization_name=org.name if org else "",
        phone=view.contact_phone,
        places=tuple(Place(p.name, p.full_address) for p in view.places),
        is_demo=view.is_demo,
    )
