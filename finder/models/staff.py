"""Staff accounts, their sessions, warm referrals, the audit log and the e-mail outbox.

Personal data of residents only ever lives in the *_enc columns, encrypted with Fernet
(finder.crypto). Everything else in these tables is safe to show in logs.
"""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum

from sqlalchemy import JSON, Column, String
from sqlmodel import Field, SQLModel


class Role(StrEnum):
    helper = "helper"
    counter = "counter"
    receiver = "receiver"
    editor = "editor"
    admin = "admin"


class ReferralStatus(StrEnum):
    """How the receiving organisation handles a referral (not whether its e-mail went out)."""

    received = "received"
    contacted = "contacted"
    helped = "helped"
    not_reached = "not_reached"
    declined = "declined"
    closed = "closed"
    slip_only = "slip_only"


CLOSED_STATUSES = frozenset(
    {
        ReferralStatus.helped,
        ReferralStatus.not_reached,
        ReferralStatus.declined,
        ReferralStatus.closed,
        ReferralStatus.slip_only,
    }
)


class EventKind(StrEnum):
    created = "created"
    status = "status"
    note = "note"
    reopened = "reopened"


class StaffOrganization(SQLModel, table=True):
    """An organisation whose staff log in. Receivers link to a catalogue Organization."""

    id: str = Field(primary_key=True)
    name: str
    catalogue_id: str | None = Field(
        None, index=True, description="Organization.id in the catalogue"
    )
    notify_email: str = Field(default="", description="Extra address told about new referrals")


class ReceivingOffer(SQLModel, table=True):
    """An offer whose referrals this staff organisation receives; one organisation per offer."""

    offer_id: str = Field(primary_key=True, description="Offer.id in the catalogue")
    organization_id: str = Field(foreign_key="stafforganization.id", index=True)


class User(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    email: str = Field(unique=True, index=True)
    name: str = ""
    role: Role
    organization_id: str = Field(foreign_key="stafforganization.id", index=True)
    password_hash: str
    active: bool = True
    created_at: datetime


class StaffSession(SQLModel, table=True):
    """Server-side session; the cookie holds a random token, the table only its hash."""

    token_hash: str = Field(primary_key=True)
    user_id: int = Field(foreign_key="user.id", index=True)
    created_at: datetime
    last_seen: datetime
    visitor_list: list[str] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))


class LoginAttempt(SQLModel, table=True):
    """Failed logins, keyed by hashes of the account name and the client address."""

    id: int | None = Field(default=None, primary_key=True)
    account_key: str = Field(index=True)
    client_key: str = Field(index=True)
    at: datetime = Field(index=True)


class Referral(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    reference: str = Field(unique=True, index=True)
    offer_id: str = Field(index=True)
    offer_title: str
    receiving_org_id: str = Field(index=True, description="Organization.id in the catalogue")
    receiving_org_name: str
    receiver_org_id: str | None = Field(
        default=None,
        index=True,
        description="StaffOrganization.id whose receivers handle it; None before offer links",
    )
    referrer_id: int = Field(foreign_key="user.id", index=True)
    status: ReferralStatus = ReferralStatus.received
    digital: bool = Field(
        description="False when the organisation has no receiver account: slip only"
    )
    name_enc: str
    contact_enc: str
    question_enc: str
    nickname_enc: str = Field(default="", description="Initials or nickname for the referrer")
    intake_enc: str = Field(
        default="", description="What the receiver needs to act (finder.staff.intake), as JSON"
    )
    consent_text: str
    consent_at: datetime
    resident_key: str = Field(
        index=True, description="Keyed hash of the contact, to find one resident"
    )
    created_at: datetime
    updated_at: datetime
    closed_at: datetime | None = Field(default=None, index=True)


class ReferralEvent(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    referral_id: int = Field(foreign_key="referral.id", index=True)
    # A plain string column: a new kind of event then needs no database type change.
    kind: str = Field(
        default=EventKind.status.value,
        sa_column=Column(String(16), nullable=False, default=EventKind.status.value),
    )
    status: ReferralStatus = Field(description="The status after this event")
    note_enc: str = ""
    actor_id: int | None = Field(default=None, foreign_key="user.id")
    at: datetime


class AuditEntry(SQLModel, table=True):
    """Who viewed or changed a referral's personal data, and when. Holds no personal data."""

    id: int | None = Field(default=None, primary_key=True)
    at: datetime = Field(index=True)
    actor_id: int | None = Field(default=None, index=True)
    action: str
    reference: str = Field(default="", index=True)
    detail: str = ""


class OutboxMessage(SQLModel, table=True):
    """E-mail waiting to be sent. The recipient is encrypted and wiped once sent."""

    id: int | None = Field(default=None, primary_key=True)
    kind: str
    referral_id: int | None = Field(default=None, index=True)
    reference: str = Field(default="", description="The referral's reference, safe to show")
    to_enc: str
    subject: str
    body: str
    created_at: datetime
    next_attempt_at: datetime = Field(index=True)
    attempts: int = 0
    last_error: str = ""
    sent_at: datetime | None = Field(default=None, index=True)
    dead: bool = False


class RateLimitHit(SQLModel, table=True):
    """One counted action (a referral, an e-mail) of one staff session, for rate limits."""

    id: int | None = Field(default=None, primary_key=True)
    key: str = Field(index=True, description="Hash of the staff session")
    action: str
    at: datetime = Field(index=True)
