"""Which staff organisation receives the referrals for an offer, and who there is told.

An offer linked on the admin page (or with `finder organizations link`) goes to that
organisation; otherwise to the organisation linked to the offer's catalogue organisation.
"""

from __future__ import annotations

from collections.abc import Iterable

from sqlmodel import Session, col, select

from finder.models import Offer, OfferStatus, ReceivingOffer, Role, StaffOrganization, User


def receiving_org(db: Session, offer_id: str, catalogue_org_id: str) -> StaffOrganization | None:
    link = db.get(ReceivingOffer, offer_id)
    if link is not None:
        return db.get(StaffOrganization, link.organization_id)
    query = (
        select(StaffOrganization)
        .where(StaffOrganization.catalogue_id == catalogue_org_id)
        .order_by(col(StaffOrganization.id))
    )
    return db.exec(query).first()


def _receivers(db: Session, org_id: str) -> list[User]:
    query = select(User).where(
        User.organization_id == org_id, User.role == Role.receiver, col(User.active).is_(True)
    )
    return list(db.exec(query))


def has_receiver(db: Session, org: StaffOrganization | None) -> bool:
    return org is not None and bool(_receivers(db, org.id))


def addresses(db: Session, org: StaffOrganization) -> list[str]:
    """Where to tell an organisation about a new referral: its receivers and its notify address."""
    found = [u.email for u in _receivers(db, org.id)]
    if org.notify_email:
        found.append(org.notify_email)
    return sorted(set(found))


def linked_offer_ids(db: Session, org_id: str) -> list[str]:
    query = select(ReceivingOffer.offer_id).where(ReceivingOffer.organization_id == org_id)
    return sorted(db.exec(query))


def link(db: Session, org_id: str, offer_ids: Iterable[str]) -> int:
    """Links offers to this organisation; an offer linked elsewhere moves here.

    Only offers the catalogue has and shows are linked; anything else is skipped.
    """
    count = 0
    for offer_id in dict.fromkeys(offer_ids):
        offer = db.get(Offer, offer_id)
        if offer is None or offer.status != OfferStatus.active:
            continue
        row = db.get(ReceivingOffer, offer_id) or ReceivingOffer(
            offer_id=offer_id, organization_id=org_id
        )
        row.organization_id = org_id
        db.add(row)
        count += 1
    db.commit()
    return count


def unlink(db: Session, org_id: str, offer_ids: Iterable[str]) -> int:
    count = 0
    for offer_id in offer_ids:
        row = db.get(ReceivingOffer, offer_id)
        if row is not None and row.organization_id == org_id:
            db.delete(row)
            count += 1
    db.commit()
    return count


def is_linked(db: Session, org: StaffOrganization) -> bool:
    """Whether referrals can reach this organisation at all."""
    return bool(org.catalogue_id) or bool(linked_offer_ids(db, org.id))
