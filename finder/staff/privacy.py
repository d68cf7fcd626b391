"""AVG/GDPR requests: export or delete everything about one resident."""

from __future__ import annotations

from typing import Any

from sqlmodel import Session, col, select

from finder.models import Referral
from finder.settings import Settings
from finder.staff import audit
from finder.staff.crypto import decrypt, resident_key
from finder.staff.referrals import events_of
from finder.staff.retention import delete_referrals


def find_resident(settings: Settings, db: Session, contact: str) -> list[Referral]:
    """Contacts are encrypted; a keyed hash of the normalised contact finds them all the same."""
    key = resident_key(settings, contact)
    return list(
        db.exec(select(Referral).where(Referral.resident_key == key).order_by(col(Referral.id)))
    )


def export(
    settings: Settings, db: Session, actor_id: int, referrals: list[Referral]
) -> dict[str, Any]:
    records = []
    for r in referrals:
        records.append(
            {
                "reference": r.reference,
                "created_at": r.created_at.isoformat(),
                "offer": r.offer_title,
                "organisation": r.receiving_org_name,
                "name": decrypt(settings, r.name_enc),
                "contact": decrypt(settings, r.contact_enc),
                "question": decrypt(settings, r.question_enc),
                "consent_text": r.consent_text,
                "consent_at": r.consent_at.isoformat(),
                "status": r.status.value,
                "history": [
                    {
                        "status": e.status.value,
                        "at": e.at.isoformat(),
                        "note": decrypt(settings, e.note_enc),
                    }
                    for e in events_of(db, r)
                ],
            }
        )
        audit.record(db, actor_id, "export", r.reference)
    db.commit()
    return {"referrals": records}


def erase(db: Session, actor_id: int, referrals: list[Referral]) -> int:
    for r in referrals:
        audit.record(db, actor_id, "delete", r.reference)
    delete_referrals(db, [r.id for r in referrals if r.id is not None])
    db.commit()
    return len(referrals)
