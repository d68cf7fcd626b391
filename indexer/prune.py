"""Removing records a source no longer lists, and marking a failed source's records stale."""

from __future__ import annotations

import logging
from dataclasses import dataclass
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
    OfferStatus,
    Organization,
    Schedule,
    SourceRecord,
)
from indexer import rows
from indexer.rows import Provenance

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class DropGuard:
    """How large a share of its offers one crawl may remove from a source."""

    max_share: float
    accepted: bool = False

    def refuses(self, gone: int, before: int) -> bool:
        return gone > 0 and not self.accepted and gone > self.max_share * before


def remove_unlisted(session: Session, by: Provenance) -> int:
    """Drops the source's records it did not list in this run; returns how many.

    An offer that no source lists any more is withdrawn, not deleted: the live index may
    still show it until the next generation is swapped in (see `delete_withdrawn`).
    """
    gone = session.exec(
        select(SourceRecord).where(
            SourceRecord.source_name == by.name, SourceRecord.last_run_id != by.run_id
        )
    ).all()
    for record in gone:
        session.execute(
            delete(OfferSource)
            .where(col(OfferSource.offer_id) == record.offer_id)
            .where(col(OfferSource.source_name) == by.name)
            .where(col(OfferSource.source_ref) == record.source_ref)
        )
        offer = session.get(Offer, record.offer_id)
        title = offer.title if offer else ""
        session.add(
            CrawlChange(
                **rows.change("removed", record.source_ref, record.offer_id, title, by),
                # What the offer was, so an editor who holds this removal can restore it.
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
            offer.status = OfferStatus.withdrawn
            session.add(offer)
    return len(gone)


def withdrawn(session: Session) -> int:
    """How many withdrawn offers wait for an index generation without them."""
    query = select(func.count()).select_from(Offer)
    return int(session.exec(query.where(Offer.status == OfferStatus.withdrawn)).one())


def delete_withdrawn(session: Session) -> int:
    """Once the live index no longer holds them: delete withdrawn offers, then orphans."""
    offers = session.exec(select(Offer).where(Offer.status == OfferStatus.withdrawn)).all()
    for offer in offers:
        _delete_offer(session, offer)
    if offers:
        _delete_orphans(session)
    return len(offers)


def mark_stale(session: Session, source_name: str, run_id: int, now: datetime) -> int:
    """Marks the source's offers it did not confirm in this run; returns how many."""
    unconfirmed = _offers_of(source_name).where(col(SourceRecord.last_run_id) != run_id)
    result = session.execute(
        update(Offer)
        .where(col(Offer.stale_since).is_(None))
        .where(col(Offer.id).in_(unconfirmed))
        .values(stale_since=now)
    )
    return int(getattr(result, "rowcount", 0) or 0)


def listed(session: Session, source_name: str) -> int:
    """How many records the source has in the catalogue, confirmed in this run or not."""
    query = select(func.count()).select_from(SourceRecord)
    return int(session.exec(query.where(SourceRecord.source_name == source_name)).one())


def unlisted(session: Session, source_name: str, run_id: int) -> int:
    """How many of the source's records it did not list in this run."""
    query = select(func.count()).select_from(SourceRecord)
    query = query.where(SourceRecord.source_name == source_name)
    return int(session.exec(query.where(SourceRecord.last_run_id != run_id)).one())


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
