"""When an offer was last confirmed, and whether its source has been failing too long.

Confirmed means: a crawl found it listed by its source (SourceRecord.last_seen), or an editor
checked it (a Confirmation). A failed source leaves last_seen where it was, so the date stays
honest while the source is down.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from sqlalchemy import func
from sqlmodel import Session, col, select

from finder.models import Confirmation, Offer, SourceRecord


@dataclass(frozen=True)
class Freshness:
    confirmed_at: datetime | None
    by_editor: bool
    stale: bool


def aware(moment: datetime | None) -> datetime | None:
    """SQLite hands datetimes back without their zone; they are stored in UTC."""
    if moment is None:
        return None
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def is_stale(stale_since: datetime | None, days: int, now: datetime) -> bool:
    since = aware(stale_since)
    return since is not None and now - since > timedelta(days=days)


def freshness_of(
    db: Session, offer_ids: Iterable[str], stale_after_days: int, now: datetime | None = None
) -> dict[str, Freshness]:
    ids = list(offer_ids)
    if not ids:
        return {}
    now = now or datetime.now(UTC)
    crawled = dict(
        db.exec(
            select(SourceRecord.offer_id, func.max(SourceRecord.last_seen))
            .where(col(SourceRecord.offer_id).in_(ids))
            .group_by(col(SourceRecord.offer_id))
        ).all()
    )
    checked = dict(
        db.exec(
            select(Confirmation.offer_id, func.max(Confirmation.at))
            .where(col(Confirmation.offer_id).in_(ids))
            .group_by(col(Confirmation.offer_id))
        ).all()
    )
    stale_since = dict(
        db.exec(select(Offer.id, Offer.stale_since).where(col(Offer.id).in_(ids))).all()
    )
    found = {}
    for offer_id in ids:
        by_crawl, by_editor = aware(crawled.get(offer_id)), aware(checked.get(offer_id))
        latest = max((d for d in (by_crawl, by_editor) if d is not None), default=None)
        found[offer_id] = Freshness(
            confirmed_at=latest,
            by_editor=latest is not None and latest == by_editor,
            stale=is_stale(stale_since.get(offer_id), stale_after_days, now),
        )
    return found


def stale_offers(db: Session, stale_after_days: int, limit: int = 200) -> list[Offer]:
    """Offers whose source has failed for longer than the limit, the longest first."""
    cutoff = datetime.now(UTC) - timedelta(days=stale_after_days)
    query = select(Offer).where(
        col(Offer.stale_since).is_not(None), col(Offer.stale_since) < cutoff
    )
    return list(db.exec(query.order_by(col(Offer.stale_since)).limit(limit)))
