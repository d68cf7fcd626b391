"""AVG/GDPR requests: export or delete everything about one resident."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlmodel import Session, col, select

from finder.crypto import decrypt, resident_key
from finder.models import Referral
from finder.settings import Settings
from finder.staff import audit, clock, intake
from finder.staff.referrals import events_of
from finder.staff.retention import delete_referrals


def find_resident(settings: Settings, db: Session, contact: str) -> list[Referral]:
    """Contacts are encrypted; a keyed hash of the normalised contact finds them all the same."""
    key = resident_key(settings, contact)
    return list(
        db.exec(select(Referral).where(Referral.resident_key == key).order_by(col(Referral.id)))
    )


def _moment(value: datetime) -> dict[str, str]:
    """Local time with its offset for machines, and in words for the resident who asked."""
    return {"at": clock.iso(value), "text": clock.when(value)}


def export(
    settings: Settings, db: Session, actor_id: int, referrals: list[Referral]
) -> dict[str, Any]:
    records = []
    for r in referrals:
        facts = intake.unseal(settings, r.intake_enc)
        records.append(
            {
                "reference": r.reference,
                "created": _moment(r.created_at),
                "offer": r.offer_title,
                "organisation": r.receiving_org_name,
                "name": decrypt(settings, r.name_enc),
                "nickname": decrypt(settings, r.nickname_enc),
                "contact": decrypt(settings, r.contact_enc),
                "question": decrypt(settings, r.question_enc),
                "language": facts.language,
                "contact_by": facts.channel,
                "contact_times": list(facts.times),
                "question_in_own_words": facts.own_words,
                "own_words_consent_text": facts.own_words_consent,
                "referred_by": {
                    "organisation": facts.referrer_org,
                    "location": facts.referrer_location,
                    "name": facts.referrer_name,
                },
                "consent_text": r.consent_text,
                "consent": _moment(r.consent_at),
                "status": r.status.value,
                "history": [
                    {
                        "event": e.kind,
                        "status": e.status.value,
                        **_moment(e.at),
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
