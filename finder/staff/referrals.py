"""Warm referrals: create one in a single transaction, read what a role may see, move its status."""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import and_
from sqlmodel import Session, col, select

from finder.models import (
    Referral,
    ReferralEvent,
    ReferralStatus,
    Role,
    StaffOrganization,
    User,
)
from finder.models.staff import CLOSED_STATUSES
from finder.offers import OfferView
from finder.settings import Settings
from finder.staff import audit, notices, outbox
from finder.staff.context import StaffContext
from finder.staff.crypto import decrypt, encrypt, resident_key

ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
NEXT_STATUSES = {
    ReferralStatus.received: (
        ReferralStatus.contacted,
        ReferralStatus.helped,
        ReferralStatus.not_reached,
        ReferralStatus.declined,
    ),
    ReferralStatus.contacted: (
        ReferralStatus.helped,
        ReferralStatus.not_reached,
        ReferralStatus.declined,
    ),
}


@dataclass(frozen=True)
class ResidentDetails:
    name: str
    contact: str
    question: str


def new_reference() -> str:
    chars = "".join(secrets.choice(ALPHABET) for _ in range(8))
    return f"ZW-{chars[:4]}-{chars[4:]}"


def receiver_addresses(db: Session, catalogue_org_id: str) -> list[str]:
    """Where to tell an organisation about a new referral: its receivers and its notify address."""
    orgs = db.exec(
        select(StaffOrganization).where(StaffOrganization.catalogue_id == catalogue_org_id)
    ).all()
    org_ids = [o.id for o in orgs]
    users = db.exec(
        select(User).where(
            col(User.organization_id).in_(org_ids),
            User.role == Role.receiver,
            col(User.active).is_(True),
        )
    ).all()
    addresses = [u.email for u in users] + [o.notify_email for o in orgs if o.notify_email]
    return sorted(set(addresses))


def has_receiver(db: Session, catalogue_org_id: str) -> bool:
    orgs = db.exec(
        select(StaffOrganization.id).where(StaffOrganization.catalogue_id == catalogue_org_id)
    ).all()
    user = db.exec(
        select(User.id).where(
            col(User.organization_id).in_(orgs),
            User.role == Role.receiver,
            col(User.active).is_(True),
        )
    ).first()
    return user is not None


def create_referral(
    settings: Settings,
    db: Session,
    staff: StaffContext,
    view: OfferView,
    details: ResidentDetails,
    consent_text: str,
) -> Referral:
    """Referral, first event, audit entry and notification e-mails commit together or not at all."""
    now = datetime.now(UTC)
    org_id = view.offer.organization_id
    digital = has_receiver(db, org_id)
    referral = Referral(
        reference=new_reference(),
        offer_id=view.offer.id,
        offer_title=view.offer.title,
        receiving_org_id=org_id,
        receiving_org_name=view.organization.name if view.organization else "",
        referrer_id=staff.user_id,
        status=ReferralStatus.received if digital else ReferralStatus.slip_only,
        digital=digital,
        name_enc=encrypt(settings, details.name),
        contact_enc=encrypt(settings, details.contact),
        question_enc=encrypt(settings, details.question),
        consent_text=consent_text,
        consent_at=now,
        resident_key=resident_key(settings, details.contact),
        created_at=now,
        updated_at=now,
        closed_at=None if digital else now,
    )
    db.add(referral)
    db.flush()
    assert referral.id is not None
    db.add(
        ReferralEvent(
            referral_id=referral.id, status=referral.status, actor_id=staff.user_id, at=now
        )
    )
    audit.record(db, staff.user_id, "create", referral.reference)
    if digital:
        subject, body = notices.new_referral(settings, referral)
        for address in receiver_addresses(db, org_id):
            outbox.enqueue(settings, db, "notify", address, subject, body)
    db.commit()
    db.refresh(referral)
    return referral


def visible_to(staff: StaffContext) -> object:
    """The server-side rule: receivers see their organisation's referrals, guides their own."""
    if staff.role == Role.receiver:
        return and_(
            col(Referral.receiving_org_id) == (staff.catalogue_id or "\0"), col(Referral.digital)
        )
    if staff.role in (Role.helper, Role.counter):
        return col(Referral.referrer_id) == staff.user_id
    return col(Referral.id) == -1


def list_visible(db: Session, staff: StaffContext) -> list[Referral]:
    query = select(Referral).where(visible_to(staff)).order_by(col(Referral.created_at).desc())  # type: ignore[arg-type]
    return list(db.exec(query))


def get_visible(db: Session, staff: StaffContext, reference: str) -> Referral | None:
    query = select(Referral).where(Referral.reference == reference, visible_to(staff))  # type: ignore[arg-type]
    return db.exec(query).first()


def details_of(
    settings: Settings, db: Session, staff: StaffContext, referral: Referral
) -> ResidentDetails:
    """Reading personal data always leaves a trace in the audit log."""
    audit.record(db, staff.user_id, "view", referral.reference)
    db.commit()
    return ResidentDetails(
        decrypt(settings, referral.name_enc),
        decrypt(settings, referral.contact_enc),
        decrypt(settings, referral.question_enc),
    )


def events_of(db: Session, referral: Referral) -> list[ReferralEvent]:
    query = (
        select(ReferralEvent)
        .where(ReferralEvent.referral_id == referral.id)
        .order_by(col(ReferralEvent.id))
    )
    return list(db.exec(query))


def change_status(
    settings: Settings,
    db: Session,
    staff: StaffContext,
    referral: Referral,
    status: ReferralStatus,
    note: str,
) -> None:
    if status not in NEXT_STATUSES.get(referral.status, ()):
        raise ValueError("this status change is not possible")
    now = datetime.now(UTC)
    referral.status = status
    referral.updated_at = now
    if status in CLOSED_STATUSES:
        referral.closed_at = now
    assert referral.id is not None
    db.add(referral)
    db.add(
        ReferralEvent(
            referral_id=referral.id,
            status=status,
            note_enc=encrypt(settings, note),
            actor_id=staff.user_id,
            at=now,
        )
    )
    audit.record(db, staff.user_id, "status", referral.reference, status.value)
    db.commit()


def queue_slip(settings: Settings, db: Session, staff: StaffContext, referral: Referral) -> bool:
    """E-mail the slip to the resident, if the contact given is an e-mail address."""
    contact = decrypt(settings, referral.contact_enc)
    if "@" not in contact:
        return False
    subject, body = notices.slip(settings, referral)
    outbox.enqueue(settings, db, "slip", contact, subject, body)
    audit.record(db, staff.user_id, "slip-email", referral.reference)
    db.commit()
    return True
