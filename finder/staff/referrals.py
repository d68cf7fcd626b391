"""Warm referrals: create one in a single transaction, and read what a role may see."""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import and_, or_
from sqlmodel import Session, col, select

from finder.crypto import decrypt, encrypt, resident_key
from finder.models import (
    EventKind,
    Referral,
    ReferralEvent,
    ReferralStatus,
    Role,
    StaffOrganization,
    User,
)
from finder.settings import Settings
from finder.staff import audit, intake, notices, outbox, receivers
from finder.staff.context import StaffContext
from finder.staff.delivery import NOTIFY, SLIP
from finder.staff.offer_summary import OfferSummary

ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"


@dataclass(frozen=True)
class ResidentDetails:
    name: str
    contact: str
    question: str


def new_reference() -> str:
    chars = "".join(secrets.choice(ALPHABET) for _ in range(8))
    return f"ZW-{chars[:4]}-{chars[4:]}"


def receiving_org(db: Session, offer: OfferSummary) -> StaffOrganization | None:
    return receivers.receiving_org(db, offer.id, offer.organization_id)


def is_digital(db: Session, offer: OfferSummary) -> bool:
    """True when someone at the receiving organisation can log in and act on it."""
    return receivers.has_receiver(db, receiving_org(db, offer))


def create_referral(
    settings: Settings,
    db: Session,
    staff: StaffContext,
    offer: OfferSummary,
    details: ResidentDetails,
    consent_text: str,
    nickname: str = "",
    receiver_facts: intake.Intake | None = None,
    *,
    site: str,
) -> Referral:
    """Referral, first event, audit entry and notification e-mails commit together or not at all.

    `site` is the site's public address, for the link in the e-mail (finder.ui.urls.site_url).

    Rows the caller already added to the session (the rate-limit count) commit with them.
    """
    now = datetime.now(UTC)
    org = receiving_org(db, offer)
    digital = receivers.has_receiver(db, org)
    referral = Referral(
        reference=new_reference(),
        offer_id=offer.id,
        offer_title=offer.title,
        receiving_org_id=offer.organization_id,
        receiving_org_name=offer.organization_name,
        receiver_org_id=org.id if org and digital else None,
        referrer_id=staff.user_id,
        status=ReferralStatus.received if digital else ReferralStatus.slip_only,
        digital=digital,
        name_enc=encrypt(settings, details.name),
        contact_enc=encrypt(settings, details.contact),
        question_enc=encrypt(settings, details.question),
        nickname_enc=encrypt(settings, nickname.strip()),
        intake_enc=intake.seal(settings, receiver_facts or intake.Intake()),
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
            referral_id=referral.id,
            kind=EventKind.created.value,
            status=referral.status,
            actor_id=staff.user_id,
            at=now,
        )
    )
    audit.record(db, staff.user_id, "create", referral.reference)
    if digital and org is not None:
        subject, body = notices.new_referral(site, referral)
        for address in receivers.addresses(db, org):
            outbox.enqueue(settings, db, NOTIFY, address, subject, body, referral)
    db.commit()
    db.refresh(referral)
    return referral


def visible_to(staff: StaffContext) -> object:
    """The server-side rule: receivers see their organisation's referrals, guides their own."""
    if staff.role == Role.receiver:
        # Referrals made before offers could be linked name only the catalogue organisation.
        legacy = and_(
            col(Referral.receiver_org_id).is_(None),
            col(Referral.receiving_org_id) == (staff.catalogue_id or "\0"),
        )
        mine = col(Referral.receiver_org_id) == staff.organization_id
        return and_(or_(mine, legacy), col(Referral.digital))
    if staff.role in (Role.helper, Role.counter):
        return col(Referral.referrer_id) == staff.user_id
    return col(Referral.id) == -1


def list_visible(
    db: Session, staff: StaffContext, offset: int = 0, limit: int = 50
) -> list[Referral]:
    """Newest first, one page at a time: a year of referrals need not be decrypted at once."""
    query = (
        select(Referral)
        .where(visible_to(staff))  # type: ignore[arg-type]
        .order_by(col(Referral.created_at).desc(), col(Referral.id).desc())
        .offset(offset)
        .limit(limit)
    )
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


def referrer_defaults(settings: Settings, db: Session, staff: StaffContext) -> tuple[str, str]:
    """The name and location this staff member gave last time, so the form starts with them."""
    user = db.get(User, staff.user_id)
    last = db.exec(
        select(Referral)
        .where(Referral.referrer_id == staff.user_id)
        .order_by(col(Referral.id).desc())
        .limit(1)
    ).first()
    facts = intake.unseal(settings, last.intake_enc) if last else intake.Intake()
    return (facts.referrer_name or (user.name if user else "")), facts.referrer_location


def staff_org_name(db: Session, staff: StaffContext) -> str:
    org = db.get(StaffOrganization, staff.organization_id)
    return org.name if org else ""


def queue_slip(
    settings: Settings,
    db: Session,
    staff: StaffContext,
    referral: Referral,
) -> bool:
    """E-mail the slip to the resident, if the contact given is an e-mail address."""
    contact = decrypt(settings, referral.contact_enc)
    if "@" not in contact:
        return False
    facts = intake.unseal(settings, referral.intake_enc)
    subject, body = notices.slip(settings, referral, facts.language)
    outbox.enqueue(settings, db, SLIP, contact, subject, body, referral)
    audit.record(db, staff.user_id, "slip-email", referral.reference)
    db.commit()
    return True
