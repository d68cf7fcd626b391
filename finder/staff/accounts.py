"""Creating staff organisations and users (used by the admin command)."""

from __future__ import annotations

import re
from datetime import UTC, datetime

from sqlmodel import Session, select

from finder.models import Organization, Role, StaffOrganization, User
from finder.staff import receivers
from finder.staff.passwords import hash_password
from finder.staff.sessions import end_sessions_of

EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


class AccountError(ValueError):
    """The request cannot be carried out; the message says why."""


def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def add_organization(
    db: Session,
    name: str,
    catalogue_id: str | None = None,
    notify_email: str = "",
    org_id: str | None = None,
) -> StaffOrganization:
    if catalogue_id and db.get(Organization, catalogue_id) is None:
        raise AccountError(f"no organisation with id {catalogue_id!r} in the catalogue")
    if notify_email and not EMAIL.match(notify_email):
        raise AccountError("the notify address is not a valid e-mail address")
    org = StaffOrganization(
        id=org_id or slug(name),
        name=name,
        catalogue_id=catalogue_id or None,
        notify_email=notify_email,
    )
    if db.get(StaffOrganization, org.id) is not None:
        raise AccountError(f"organisation {org.id!r} already exists")
    db.add(org)
    db.commit()
    db.refresh(org)
    return org


def add_user(
    db: Session, email: str, role: Role, organization_id: str, password: str, name: str = ""
) -> User:
    email = email.strip().lower()
    if not EMAIL.match(email):
        raise AccountError("not a valid e-mail address")
    org = db.get(StaffOrganization, organization_id)
    if org is None:
        raise AccountError(
            f"no staff organisation {organization_id!r}; create it with `finder organizations add`"
        )
    if role == Role.receiver and not receivers.is_linked(db, org):
        raise AccountError(
            "a receiver's organisation must receive referrals first: link offers with "
            "`finder organizations link`, or a catalogue organisation (--catalogue-id)"
        )
    if db.exec(select(User).where(User.email == email)).first() is not None:
        raise AccountError("a user with this e-mail address already exists")
    try:
        password_hash = hash_password(password)
    except ValueError as exc:
        raise AccountError(str(exc)) from None
    user = User(
        email=email,
        name=name,
        role=role,
        organization_id=org.id,
        password_hash=password_hash,
        created_at=datetime.now(UTC),
    )
    db.add(user)
    db.commit()
    db.refresh(user)
    return user


def set_active(db: Session, email: str, active: bool) -> User:
    user = db.exec(select(User).where(User.email == email.strip().lower())).first()
    if user is None:
        raise AccountError("no such user")
    user.active = active
    db.add(user)
    db.commit()
    if not active and user.id is not None:
        end_sessions_of(db, user.id)
    return user
