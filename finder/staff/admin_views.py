"""What the admin pages show, as frozen view models: accounts, audit log, outbox, organisations."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import func
from sqlmodel import Session, col, select

from finder.models import (
    AuditEntry,
    Offer,
    Organization,
    OutboxMessage,
    ReceivingOffer,
    Role,
    StaffOrganization,
    User,
)
from finder.staff import clock, receivers
from finder.staff.catalogue_search import CatalogueOffer


@dataclass(frozen=True)
class AccountRow:
    email: str
    name: str
    role: str
    organisation: str
    active: bool


@dataclass(frozen=True)
class AuditRow:
    when: str
    who: str
    action: str
    detail: str
    reference: str


@dataclass(frozen=True)
class OutboxRow:
    id: int
    reference: str
    kind: str
    created: str
    attempts: int
    last_error: str
    next_attempt: str
    gave_up: bool


@dataclass(frozen=True)
class OrganisationRow:
    id: str
    name: str
    catalogue_name: str
    offers: int
    receivers: int


@dataclass(frozen=True)
class OfferChoice:
    id: str
    title: str
    organisation: str
    linked_here: bool
    linked_elsewhere: str


def accounts(db: Session) -> list[AccountRow]:
    orgs = {o.id: o.name for o in db.exec(select(StaffOrganization))}
    return [
        AccountRow(u.email, u.name, u.role.value, orgs.get(u.organization_id, ""), u.active)
        for u in db.exec(select(User).order_by(col(User.email)))
    ]


def audit_rows(db: Session, entries: Sequence[AuditEntry]) -> list[AuditRow]:
    emails = {u.id: u.email for u in db.exec(select(User))}
    return [
        AuditRow(
            when=clock.when(e.at),
            who=emails.get(e.actor_id, "") if e.actor_id is not None else "",
            action=e.action,
            detail=e.detail,
            reference=e.reference,
        )
        for e in entries
    ]


def outbox_rows(messages: Sequence[OutboxMessage]) -> list[OutboxRow]:
    return [
        OutboxRow(
            id=m.id or 0,
            reference=m.reference,
            kind=m.kind,
            created=clock.when(m.created_at),
            attempts=m.attempts,
            last_error=m.last_error,
            next_attempt="" if m.dead else clock.when(m.next_attempt_at),
            gave_up=m.dead,
        )
        for m in messages
    ]


def organisations(db: Session) -> list[OrganisationRow]:
    catalogue = {o.id: o.name for o in db.exec(select(Organization))}
    offers = dict(
        db.exec(
            select(ReceivingOffer.organization_id, func.count()).group_by(
                col(ReceivingOffer.organization_id)
            )
        ).all()
    )
    people = dict(
        db.exec(
            select(User.organization_id, func.count())
            .where(User.role == Role.receiver, col(User.active).is_(True))
            .group_by(col(User.organization_id))
        ).all()
    )
    return [
        OrganisationRow(
            id=o.id,
            name=o.name,
            catalogue_name=catalogue.get(o.catalogue_id, o.catalogue_id) if o.catalogue_id else "",
            offers=int(offers.get(o.id, 0)),
            receivers=int(people.get(o.id, 0)),
        )
        for o in db.exec(select(StaffOrganization).order_by(col(StaffOrganization.name)))
    ]


def catalogue_name(db: Session, org: StaffOrganization) -> str:
    """The catalogue organisation whose every offer this organisation receives, if any."""
    found = db.get(Organization, org.catalogue_id) if org.catalogue_id else None
    return found.name if found else (org.catalogue_id or "")


def offer_choices(db: Session, org_id: str, offers: Sequence[CatalogueOffer]) -> list[OfferChoice]:
    """Search results, each saying whether it is linked here, elsewhere, or not at all."""
    links = {
        r.offer_id: r.organization_id
        for r in db.exec(
            select(ReceivingOffer).where(col(ReceivingOffer.offer_id).in_([o.id for o in offers]))
        )
    }
    names = {o.id: o.name for o in db.exec(select(StaffOrganization))}
    return [
        OfferChoice(
            id=o.id,
            title=o.title,
            organisation=o.organization_name,
            linked_here=links.get(o.id) == org_id,
            linked_elsewhere=names.get(links[o.id], "")
            if o.id in links and links[o.id] != org_id
            else "",
        )
        for o in offers
    ]


def linked_offers(db: Session, org_id: str) -> list[OfferChoice]:
    """The offers linked to this organisation, also those the catalogue no longer has."""
    ids = receivers.linked_offer_ids(db, org_id)
    rows = {
        offer.id: (offer, org)
        for offer, org in db.exec(
            select(Offer, Organization)
            .join(Organization, col(Organization.id) == col(Offer.organization_id))
            .where(col(Offer.id).in_(ids))
        )
    }
    return [
        OfferChoice(
            id=i,
            title=rows[i][0].title if i in rows else i,
            organisation=rows[i][1].name if i in rows else "",
            linked_here=True,
            linked_elsewhere="",
        )
        for i in ids
    ]
