"""The fast path for records new to the catalogue: one multi-row INSERT per table per batch.

Most records of a first crawl are new, and the ORM's per-object flushes made loading slow.
Records that update or merge into existing offers take the careful path in load.py.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import insert
from sqlmodel import Session, col, select

from finder.models import (
    CrawlChange,
    DedupKey,
    Location,
    Offer,
    OfferLocation,
    OfferSource,
    OfferStatus,
    Schedule,
    SourceKind,
    SourceRecord,
)
from indexer.catalogue_write import CatalogueWriter
from indexer.ids import location_id
from indexer.records import OFFER_COLUMNS, OfferRecord


@dataclass
class Fresh:
    record: OfferRecord
    offer_id: str
    org_id: str
    keys: list[str]
    digest: str


def insert_fresh(
    session: Session,
    fresh: list[Fresh],
    writer: CatalogueWriter,
    source: tuple[SourceKind, str],
    run_id: int,
    now: datetime,
) -> None:
    if not fresh:
        return
    kind, name = source
    rows: dict[type, list[dict[str, Any]]] = {
        t: [] for t in (OfferLocation, Schedule, OfferSource, DedupKey, SourceRecord, CrawlChange)
    }
    offers = []
    places = _new_places(session, fresh, writer)
    for item in fresh:
        r = item.record
        offers.append(_offer_row(item))
        linked: set[str] = set()
        for place in r.locations:
            loc_id = location_id(place)
            if loc_id is None or loc_id in linked:
                continue
            linked.add(loc_id)
            rows[OfferLocation].append({"offer_id": item.offer_id, "location_id": loc_id})
            rows[Schedule] += [_schedule(vars(s), item.offer_id, loc_id) for s in place.schedules]
        if not r.locations:
            rows[Schedule] += [_schedule(vars(s), item.offer_id, None) for s in r.schedules]
        rows[OfferSource].append({
            "offer_id": item.offer_id, "kind": kind, "source_ref": r.source_ref, "source_name": name,
            "source_url": r.source_url, "fetched_at": now, "modified_at": r.modified_at,
        })  # fmt: skip
        rows[DedupKey] += [{"key": k, "offer_id": item.offer_id} for k in item.keys]
        rows[SourceRecord].append({
            "source_name": name, "source_ref": r.source_ref, "offer_id": item.offer_id,
            "content_hash": item.digest, "first_seen": now, "last_seen": now, "last_run_id": run_id,
        })  # fmt: skip
        rows[CrawlChange].append({
            "run_id": run_id, "source_name": name, "change": "added", "source_ref": r.source_ref,
            "offer_id": item.offer_id, "title": r.title,
        })  # fmt: skip
    if places:
        session.execute(insert(Location), places)
    session.execute(insert(Offer), offers)
    for table, values in rows.items():
        if values:
            session.execute(insert(table), _unique_keys(values) if table is DedupKey else values)


def _new_places(
    session: Session, fresh: list[Fresh], writer: CatalogueWriter
) -> list[dict[str, Any]]:
    wanted: dict[str, dict[str, Any]] = {}
    for item in fresh:
        for place in item.record.locations:
            loc_id = location_id(place)
            if loc_id and loc_id not in wanted and not writer.written(loc_id):
                wanted[loc_id] = writer.location_fields(place, item.org_id)
    if not wanted:
        return []
    stored = set(session.exec(select(Location.id).where(col(Location.id).in_(list(wanted)))).all())
    for loc_id in stored:
        writer.update_location(session, loc_id, wanted[loc_id])
    for loc_id in wanted:
        writer.mark_written(loc_id)
    return [{"id": loc_id, **fields} for loc_id, fields in wanted.items() if loc_id not in stored]


def _offer_row(item: Fresh) -> dict[str, Any]:
    row = {n: getattr(item.record, n) for n in OFFER_COLUMNS}
    return row | {"id": item.offer_id, "organization_id": item.org_id, "status": OfferStatus.active}


def _schedule(fields: dict[str, Any], offer_id: str, loc_id: str | None) -> dict[str, Any]:
    return {**fields, "offer_id": offer_id, "location_id": loc_id}


def _unique_keys(values: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return list({v["key"]: v for v in reversed(values)}.values())
