"""The fast path for records new to the catalogue: one multi-row INSERT per table per batch.

Most records of a first crawl are new, and the ORM's per-object flushes made loading slow.
Records that update or merge into existing offers take the careful path (catalogue_write.py).
The rows are the same mapping both paths use (rows.py).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import cast

from sqlalchemy import Table, insert
from sqlmodel import Session, SQLModel, col, select

from finder.models import (
    CrawlChange,
    DedupKey,
    Location,
    Offer,
    OfferLocation,
    OfferSource,
    Schedule,
    SourceRecord,
)
from indexer import rows
from indexer.catalogue_write import CatalogueWriter, upsert
from indexer.normalise import Normalised
from indexer.records import LocationRecord
from indexer.rows import Provenance, Row


@dataclass
class Fresh:
    item: Normalised
    offer_id: str
    org_id: str
    keys: list[str]
    places: list[tuple[str, LocationRecord]]


# Parents before children: the catalogue's foreign keys are checked on every insert.
_ORDER: tuple[type[SQLModel], ...] = (
    Location,
    Offer,
    OfferLocation,
    Schedule,
    OfferSource,
    DedupKey,
    SourceRecord,
    CrawlChange,
)


def insert_fresh(
    session: Session, fresh: list[Fresh], writer: CatalogueWriter, by: Provenance
) -> None:
    if not fresh:
        return
    tables: dict[type[SQLModel], list[Row]] = {table: [] for table in _ORDER}
    tables[Location] = _new_places(session, fresh, writer)
    keys: dict[str, Row] = {}
    for item in fresh:
        record, offer_id = item.item.record, item.offer_id
        tables[Offer].append(rows.offer(record, offer_id, item.org_id))
        for loc_id, place in item.places:
            tables[OfferLocation].append({"offer_id": offer_id, "location_id": loc_id})
            tables[Schedule] += rows.schedules(place.schedules, offer_id, loc_id)
        if not record.locations:
            tables[Schedule] += rows.schedules(record.schedules, offer_id, None)
        tables[OfferSource].append(rows.offer_source(record, offer_id, by))
        # Two new offers of one source may share a key; the first keeps it.
        for key in item.keys:
            keys.setdefault(key, {"key": key, "offer_id": offer_id})
        ref = record.source_ref
        tables[SourceRecord].append(rows.source_record(ref, offer_id, item.item.digest, by))
        tables[CrawlChange].append(rows.change("added", ref, offer_id, record.title, by))
    tables[DedupKey] = list(keys.values())
    for table, values in tables.items():
        if values:
            # Core INSERTs of plain rows: the ORM's bulk bookkeeping costs more than the write.
            session.execute(insert(_table(table)), values)


def _new_places(session: Session, fresh: list[Fresh], writer: CatalogueWriter) -> list[Row]:
    """Rows of places not written yet this run; places already stored are updated instead."""
    wanted: dict[str, Row] = {}
    for item in fresh:
        for loc_id, place in item.places:
            if loc_id not in wanted and not writer.written(loc_id):
                wanted[loc_id] = rows.location(place, loc_id, item.org_id)
    if not wanted:
        return []
    stored = set(session.exec(select(Location.id).where(col(Location.id).in_(list(wanted)))).all())
    for loc_id in stored:
        upsert(session, Location, wanted[loc_id])
    for loc_id in wanted:
        writer.mark_written(loc_id)
    return [row for loc_id, row in wanted.items() if loc_id not in stored]


def _table(model: type[SQLModel]) -> Table:
    return cast(Table, model.__table__)  # type: ignore[attr-defined]
