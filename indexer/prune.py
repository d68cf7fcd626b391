"""Removing records a source no longer lists, and marking a failed source's records stale."""

from __future__ import annotations

import logging
from datetime import datetime

from sqlalchemy import delete, exists, func, update
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, col, select
from sqlmodel.sql.expression import SelectOfScalar

from finder.editorial import snapshot
from finder.models import (
    CrawlChange,
    DedupKey,
    Location,
    Offer,
    OfferLocation,
    OfferSource,
    Organization,
    Schedule,
    SourceRecord,
)

log = logging.getLogger(__name__)


def remove_unlisted(session: Session, source_name: str, run_id: int) -> int:
    gone = session.exec(
        select(SourceRecord).where(
            SourceRecord.source_name == source_name, SourceRecord.last_run_id != run_id
        )
    ).all()
    for record in gone:
        session.execute(
            delete(OfferSource)
            .where(col(OfferSource.offer_id) == record.offer_id)
            .where(col(OfferSource.source_name) == source_name)
            .where(col(OfferSource.source_ref) == record.source_ref)
        )
        offer = session.get(Offer, record.offer_id)
        session.add(
            CrawlChange(
                run_id=run_id,
                source_name=source_name,
                change="removed",
                source_ref=record.source_ref,
                offer_id=record.offer_id,
                title=offer.title if offer else "",
                snapshot=snapshot.capture(session, record.offer_id) or None,
            )
        )
        session.delete(record)
        session.flush()
        still_listed = session.exec(
            select(func.count())
            .select_from(OfferSource)
            .where(OfferSource.offer_id == record.offer_id)
        ).one()
        if offer is not None and not still_listed:
            _delete_offer(session, offer)
    if gone:
        _delete_orphans(session)
    return len(gone)


def mark_stale(session: Session, source_name: str, now: datetime) -> int:
    result = session.execute(
        update(Offer)
        .where(col(Offer.stale_since).is_(None))
        .where(col(Offer.id).in_(_offers_of(source_name)))
        .values(stale_since=now)
    )
    return int(getattr(result, "rowcount", 0) or 0)


def clear_stale(session: Session, source_name: str, run_id: int) -> None:
    session.execute(
        update(Offer)
        .where(col(Offer.stale_since).is_not(None))
        .where(
            col(Offer.id).in_(
                _offers_of(source_name).where(col(SourceRecord.last_run_id) == run_id)
            )
        )
        .values(stale_since=None)
    )


def _offers_of(source_name: str) -> SelectOfScalar[str]:
    return select(SourceRecord.offer_id).where(SourceRecord.source_name == source_name)


def _delete_offer(session: Session, offer: Offer) -> None:
    for table, column in (
        (Schedule, Schedule.offer_id),
        (OfferLocation, OfferLocation.offer_id),
        (DedupKey, DedupKey.offer_id),
    ):
        session.execute(delete(table).where(col(column) == offer.id))
    session.delete(offer)
    session.flush()


def _delete_orphans(session: Session) -> None:
    """Places and organisations nothing refers to any more; others' references keep them."""
    try:
        with session.begin_nested():
            _delete_orphan_rows(session)
    except IntegrityError:
        log.info("kept places or organisations that other records still refer to")


def _delete_orphan_rows(session: Session) -> None:
    linked = exists().where(col(OfferLocation.location_id) == col(Location.id))
    timed = exists().where(col(Schedule.location_id) == col(Location.id))
    session.execute(delete(Location).where(~linked).where(~timed))
    has_offer = exists().where(col(Offer.organization_id) == col(Organization.id))
    has_place = exists().where(col(Location.organization_id) == col(Organization.id))
    session.execute(delete(Organization).where(~has_offer).where(~has_place))
