"""What each crawl added, changed and removed per source, and editors' decisions on it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import func
from sqlmodel import Session, col, select

from finder.editorial import snapshot
from finder.editorial.corrections import confirm, request_reindex
from finder.models import (
    ChangeReview,
    CrawlChange,
    CrawlRun,
    Offer,
    OfferHold,
    OfferSource,
    OfferStatus,
)

PAGE = 200


@dataclass(frozen=True)
class RunSummary:
    id: int
    started_at: datetime
    added: int
    changed: int
    removed: int


@dataclass(frozen=True)
class ChangeRow:
    id: int
    source: str
    change: str
    title: str
    offer_id: str
    offer_shown: bool
    decision: str
    can_hold: bool


def runs(db: Session, limit: int = 20) -> list[RunSummary]:
    """The latest runs that changed anything, newest first."""
    counts = db.exec(
        select(CrawlChange.run_id, CrawlChange.change, func.count()).group_by(
            col(CrawlChange.run_id), col(CrawlChange.change)
        )
    ).all()
    per_run: dict[int, dict[str, int]] = {}
    for run_id, change, n in counts:
        per_run.setdefault(run_id, {})[change] = n
    found = db.exec(
        select(CrawlRun)
        .where(col(CrawlRun.id).in_(list(per_run)))
        .order_by(col(CrawlRun.id).desc())
        .limit(limit)
    ).all()
    return [
        RunSummary(
            r.id or 0,
            r.started_at,
            per_run[r.id or 0].get("added", 0),
            per_run[r.id or 0].get("changed", 0),
            per_run[r.id or 0].get("removed", 0),
        )
        for r in found
    ]


def changes_of(db: Session, run_id: int, page: int = 1) -> tuple[list[ChangeRow], bool]:
    """One page of the run's changes by source, and whether there are more."""
    rows = db.exec(
        select(CrawlChange)
        .where(CrawlChange.run_id == run_id)
        .order_by(col(CrawlChange.source_name), col(CrawlChange.change), col(CrawlChange.id))
        .offset((page - 1) * PAGE)
        .limit(PAGE + 1)
    ).all()
    ids = [r.id for r in rows if r.id is not None]
    reviews = {
        r.change_id: r.decision
        for r in db.exec(select(ChangeReview).where(col(ChangeReview.change_id).in_(ids)))
    }
    offer_ids = {r.offer_id for r in rows}
    shown = set(
        db.exec(
            select(Offer.id).where(col(Offer.id).in_(offer_ids), Offer.status == OfferStatus.active)
        )
    )
    return [
        ChangeRow(
            id=r.id or 0,
            source=r.source_name,
            change=r.change,
            title=r.title,
            offer_id=r.offer_id,
            offer_shown=r.offer_id in shown,
            decision=reviews.get(r.id or 0, ""),
            can_hold=r.change == "removed" and bool(r.snapshot) and r.offer_id not in shown,
        )
        for r in rows[:PAGE]
    ], len(rows) > PAGE


def _review(db: Session, change: CrawlChange, decision: str, actor_id: int) -> None:
    review = db.get(ChangeReview, change.id) or ChangeReview(
        change_id=change.id or 0, decision=decision, at=datetime.now(UTC)
    )
    review.decision, review.at, review.actor_id = decision, datetime.now(UTC), actor_id
    db.add(review)


def confirm_change(db: Session, change: CrawlChange, actor_id: int) -> None:
    """The editor agrees with the crawl. For an added or changed offer this is a check too."""
    _review(db, change, "confirmed", actor_id)
    if change.change != "removed" and db.get(Offer, change.offer_id) is not None:
        confirm(db, change.offer_id, actor_id, "change")


def hold(db: Session, change: CrawlChange, actor_id: int) -> bool:
    """Keeps showing a removed offer until its source lists it again or the hold ends."""
    if change.change != "removed" or not change.snapshot:
        return False
    offer_id = snapshot.restore(db, change.snapshot)
    if offer_id is None:
        return False
    db.merge(
        OfferHold(
            offer_id=offer_id, change_id=change.id, held_at=datetime.now(UTC), actor_id=actor_id
        )
    )
    _review(db, change, "held", actor_id)
    confirm(db, offer_id, actor_id, "hold")
    request_reindex(db)
    return True


def holds(db: Session, limit: int = 200) -> list[tuple[OfferHold, Offer]]:
    query = select(OfferHold, Offer).join(Offer, col(Offer.id) == col(OfferHold.offer_id))
    return list(
        db.exec(
            query.where(Offer.status == OfferStatus.active)
            .order_by(col(OfferHold.held_at))
            .limit(limit)
        )
    )


def release(db: Session, offer_id: str) -> bool:
    """Ends a hold: the offer is no longer shown (unless a source lists it again)."""
    held = db.get(OfferHold, offer_id)
    offer = db.get(Offer, offer_id)
    if held is None:
        return False
    db.delete(held)
    if offer is not None and not _listed(db, offer_id):
        offer.status = OfferStatus.inactive
        db.add(offer)
    request_reindex(db)
    return True


def _listed(db: Session, offer_id: str) -> bool:
    return (
        db.exec(select(OfferSource.id).where(OfferSource.offer_id == offer_id)).first() is not None
    )
