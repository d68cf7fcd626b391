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


def address_of(street: str, postcode: str, city: str) -> str:
    return ", ".join(x for x in (street, f"{postcode} {city}".strip()) if x)


def summary_of(db: Session, offer_id: str) -> OfferSummary | None:
    view = get_offer(db, offer_id)
    if view is None:
        return None
    org = view.organization
    return OfferSummary(
        id=view.offer.id,
        title=view.offer.title,
        organization_id=view.offer.organization_id,
        organization_name=org.name if org else "",
        phone=view.offer.phone or (org.phone if org else ""),
        places=tuple(
            Place(
                p.location.name,
                address_of(p.location.address, p.location.postcode, p.location.city),
            )
            for p in view.places
        ),
        is_demo=view.offer.is_demo,
    )
