"""Saving, keeping and withdrawing corrections, and finding the ones whose source changed."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlmodel import Session, col, select

from finder.editorial import revision, values
from finder.models import (
    Confirmation,
    CorrectedField,
    Correction,
    Offer,
    ReindexRequest,
)


def now() -> datetime:
    return datetime.now(UTC)


def request_reindex(db: Session) -> None:
    """Search documents carry corrections too: ask the background task for a new generation."""
    revision.bump()
    row = db.get(ReindexRequest, 1)
    if row is None:
        db.add(ReindexRequest(id=1, requested_at=now()))
    else:
        row.requested_at = now()
        db.add(row)


def confirm(db: Session, offer_id: str, actor_id: int | None, reason: str) -> None:
    revision.bump()
    db.add(Confirmation(offer_id=offer_id, at=now(), actor_id=actor_id, reason=reason))


def active(
    db: Session, offer_id: str, name: CorrectedField, location_id: str = ""
) -> Correction | None:
    return db.exec(
        select(Correction).where(
            Correction.offer_id == offer_id,
            Correction.field == name.value,
            Correction.location_id == location_id,
            col(Correction.active).is_(True),
        )
    ).first()


def save(
    db: Session,
    offer: Offer,
    name: CorrectedField,
    value: dict[str, Any],
    actor_id: int | None,
    location_id: str = "",
    suggestion_id: int | None = None,
) -> Correction:
    """A new correction replaces the field's previous one; the caller commits."""
    previous = active(db, offer.id, name, location_id)
    if previous is not None:
        previous.active = False
        previous.updated_at = now()
        db.add(previous)
    correction = Correction(
        offer_id=offer.id,
        field=name.value,
        location_id=location_id,
        value=value,
        source_value=values.crawled(db, offer, name, location_id),
        suggestion_id=suggestion_id,
        created_at=now(),
        updated_at=now(),
        actor_id=actor_id,
    )
    db.add(correction)
    confirm(db, offer.id, actor_id, "correction")
    request_reindex(db)
    return correction


def keep(db: Session, correction: Correction, actor_id: int | None) -> None:
    """After a conflict: the editor's value stays, measured against what the source says now."""
    offer = db.get(Offer, correction.offer_id)
    if offer is None:
        return
    correction.source_value = values.crawled(
        db, offer, CorrectedField(correction.field), correction.location_id
    )
    correction.updated_at = now()
    db.add(correction)
    confirm(db, offer.id, actor_id, "correction")


def withdraw(db: Session, correction: Correction) -> None:
    """The crawled value applies again."""
    correction.active = False
    correction.updated_at = now()
    db.add(correction)
    request_reindex(db)


@dataclass(frozen=True)
class Conflict:
    correction: Correction
    offer_title: str
    crawled: dict[str, Any]


def conflicts(db: Session, limit: int = 200) -> list[Conflict]:
    """Corrections whose field the source has changed since the editor decided.

    When the source now says what the editor said, it is no conflict: the source caught up.
    """
    found = []
    rows = db.exec(
        select(Correction, Offer)
        .join(Offer, col(Offer.id) == col(Correction.offer_id))
        .where(col(Correction.active).is_(True), Correction.field != CorrectedField.gone.value)
        .order_by(col(Correction.id))
    ).all()
    for correction, offer in rows:
        name = CorrectedField(correction.field)
        now_crawled = values.crawled(db, offer, name, correction.location_id)
        if not values.same(name, now_crawled, correction.source_value) and not values.same(
            name, now_crawled, correction.value
        ):
            found.append(Conflict(correction, offer.title, now_crawled))
            if len(found) >= limit:
                break
    return found
