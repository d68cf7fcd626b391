"""Reading the catalogue for the HSDS API: pages of records, one record by its UUID."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, TypeVar

from sqlalchemy import func
from sqlmodel import Session, SQLModel, col, select

from finder.editorial import values
from finder.editorial.freshness import freshness_of
from finder.hsds import provenance, records
from finder.hsds.ids import candidates, hsds_id, is_uuid
from finder.models import (
    Confirmation,
    CorrectedField,
    Correction,
    Location,
    Offer,
    OfferLocation,
    OfferSource,
    OfferStatus,
    Organization,
    SourceRecord,
)
from finder.offers import SourceInfo, get_offer, source_info
from finder.query.tagging import tag_needs

MAX_PER_PAGE = 500
Row = TypeVar("Row", bound=SQLModel)


def envelope(
    contents: list[dict[str, Any]], total: int, page: int, per_page: int
) -> dict[str, Any]:
    pages = max(1, -(-total // per_page))
    return {
        "total_items": total,
        "total_pages": pages,
        "page_number": page,
        "size": len(contents),
        "first_page": page == 1,
        "last_page": page >= pages,
        "empty": not contents,
        "contents": contents,
    }


def shown_offers() -> Any:
    """Ids of the offers residents see: active, and not hidden by an editor."""
    hidden = select(Correction.offer_id).where(
        Correction.field == CorrectedField.gone.value, col(Correction.active).is_(True)
    )
    return select(Offer.id).where(Offer.status == OfferStatus.active, col(Offer.id).not_in(hidden))


def _page_of(db: Session, query: Any, page: int, per_page: int) -> tuple[list[Any], int]:
    total = int(db.exec(select(func.count()).select_from(query.subquery())).one())
    rows = list(db.exec(query.offset((page - 1) * per_page).limit(per_page)))
    return rows, total


def service(db: Session, offer_id: str, stale_after_days: int) -> dict[str, Any] | None:
    view = get_offer(db, offer_id)
    if view is None:
        return None
    o = view
    crawled = db.get(Offer, offer_id)
    overlay = [
        c
        for c in db.exec(
            select(Correction).where(
                Correction.offer_id == offer_id, col(Correction.active).is_(True)
            )
        )
    ]
    shown = [
        (
            c,
            values.describe(
                c.field, values.crawled(db, crawled, CorrectedField(c.field), c.location_id)
            ),
        )
        for c in overlay
        if crawled is not None
    ]
    checks = db.exec(
        select(Confirmation)
        .where(Confirmation.offer_id == offer_id)
        .order_by(col(Confirmation.at).desc())
        .limit(5)
    ).all()
    extras = records.Extras(
        needs=tuple(tag_needs(o.title, o.summary, o.keywords, o.upl_uris)),
        fresh=freshness_of(db, [offer_id], stale_after_days).get(offer_id),
        corrections=tuple(shown),
        confirmations=tuple(checks),
    )
    return records.service(view, extras)


def services(db: Session, page: int, per_page: int, stale_after_days: int) -> dict[str, Any]:
    ids, total = _page_of(db, shown_offers().order_by(col(Offer.id)), page, per_page)
    found = [s for i in ids if (s := service(db, i, stale_after_days)) is not None]
    return envelope(found, total, page, per_page)


def _resolve(db: Session, table: type[Row], prefix: str, given: str, ids: Any) -> Row | None:
    if not is_uuid(given):
        return None
    direct = candidates(prefix, given)
    row = db.get(table, direct) if direct else None
    if row is not None:
        return row
    # Ids not made by the indexer (hand-made or older rows) map through UUID5: look them up.
    for own in db.exec(ids):
        if hsds_id(own) == given:
            return db.get(table, own)
    return None


def service_by_uuid(db: Session, given: str, stale_after_days: int) -> dict[str, Any] | None:
    offer = _resolve(db, Offer, "offer", given, shown_offers())
    return service(db, offer.id, stale_after_days) if offer else None


def _sources(db: Session, key: Any, ids: Sequence[str]) -> dict[str, list[SourceInfo]]:
    """Per organisation or place: the latest fetch of each source that lists one of its offers."""
    offer = col(Offer.id) if key.table.name == "offer" else col(OfferLocation.offer_id)
    query = select(key, OfferSource).join(OfferSource, col(OfferSource.offer_id) == offer)
    rows = db.exec(query.where(col(key).in_(ids))).all()
    latest: dict[str, dict[str, OfferSource]] = {}
    for owner, source in rows:
        mine = latest.setdefault(owner, {})
        name = source.source_name or source.kind.value
        if name not in mine or source.fetched_at > mine[name].fetched_at:
            mine[name] = source
    return {owner: [source_info(s) for s in found.values()] for owner, found in latest.items()}


def _with_metadata(
    record: dict[str, Any], kind: str, sources: list[SourceInfo], confirmed: Any
) -> dict[str, Any]:
    own = record["id"]
    record["metadata"] = [
        *provenance.source_entries(own, kind, sources),
        *provenance.confirmed_entry(own, kind, confirmed, False),
    ]
    return record


def _last_seen(
    db: Session, column: Any, key_ids: Sequence[str], join: Any = None
) -> dict[str, Any]:
    query = select(column, func.max(SourceRecord.last_seen)).select_from(SourceRecord)
    query = query.join(Offer, col(Offer.id) == col(SourceRecord.offer_id))
    if join is not None:
        query = query.join(OfferLocation, col(OfferLocation.offer_id) == col(Offer.id))
    return dict(db.exec(query.where(col(column).in_(key_ids)).group_by(column)).all())


def organizations(db: Session, page: int, per_page: int) -> dict[str, Any]:
    query = select(Organization).order_by(col(Organization.id))
    rows, total = _page_of(db, query, page, per_page)
    ids = [o.id for o in rows]
    sources = _sources(db, col(Offer.organization_id), ids)
    seen = _last_seen(db, col(Offer.organization_id), ids)
    found = [
        _with_metadata(
            records.organization(o), "organization", sources.get(o.id, []), seen.get(o.id)
        )
        for o in rows
    ]
    return envelope(found, total, page, per_page)


def organization_by_uuid(db: Session, given: str) -> dict[str, Any] | None:
    org = _resolve(db, Organization, "org", given, select(Organization.id))
    if org is None:
        return None
    seen = _last_seen(db, col(Offer.organization_id), [org.id])
    return _with_metadata(
        records.organization(org),
        "organization",
        _sources(db, col(Offer.organization_id), [org.id]).get(org.id, []),
        seen.get(org.id),
    )


def locations(db: Session, page: int, per_page: int) -> dict[str, Any]:
    rows, total = _page_of(db, select(Location).order_by(col(Location.id)), page, per_page)
    ids = [loc.id for loc in rows]
    sources = _sources(db, col(OfferLocation.location_id), ids)
    seen = _last_seen(db, col(OfferLocation.location_id), ids, join=True)
    found = [
        _with_metadata(records.location(loc), "location", sources.get(loc.id, []), seen.get(loc.id))
        for loc in rows
    ]
    return envelope(found, total, page, per_page)
