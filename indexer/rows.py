"""The one mapping from a normalised record to catalogue rows, table by table.

The bulk path (bulk.py) inserts these rows as they are; the careful path
(catalogue_write.py) upserts or merges them. A field added to a record and to its table is
carried by both paths without another list to keep in step.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, fields, is_dataclass
from datetime import datetime
from typing import Any

from sqlmodel import SQLModel

from finder.models import (
    Location,
    Offer,
    OfferStatus,
    Organization,
    Schedule,
    SourceKind,
)
from indexer.ids import location_id, organization_id
from indexer.records import LocationRecord, OfferRecord, OrgRecord, ScheduleRecord

Row = dict[str, Any]


def _shared(record: type, table: type[SQLModel]) -> tuple[str, ...]:
    return tuple(f.name for f in fields(record) if f.name in table.model_fields)


ORGANIZATION_COLUMNS = _shared(OrgRecord, Organization)
OFFER_COLUMNS = _shared(OfferRecord, Offer)
LOCATION_COLUMNS = _shared(LocationRecord, Location)
SCHEDULE_COLUMNS = _shared(ScheduleRecord, Schedule)
# What the source that listed an offer first keeps when another source lists it too.
OWNED_BY_FIRST_SOURCE = frozenset({"title", "service_area", "is_wijkteam"})


@dataclass(frozen=True)
class Provenance:
    """Who writes: which source, in which run, at what time."""

    kind: SourceKind
    name: str
    run_id: int
    now: datetime


def organization(org: OrgRecord) -> Row:
    return {"id": organization_id(org.name), **{n: getattr(org, n) for n in ORGANIZATION_COLUMNS}}


def offer(record: OfferRecord, offer_id: str, org_id: str) -> Row:
    row = {n: getattr(record, n) for n in OFFER_COLUMNS}
    return row | {
        "id": offer_id,
        "organization_id": org_id,
        "status": OfferStatus.active,
        "stale_since": None,
    }


def places(record: OfferRecord) -> list[tuple[str, LocationRecord]]:
    """The record's places that can be identified, each once, in the source's order."""
    found: dict[str, LocationRecord] = {}
    for place in record.locations:
        loc_id = location_id(place)
        if loc_id is not None and loc_id not in found:
            found[loc_id] = place
    return list(found.items())


def location(place: LocationRecord, loc_id: str, org_id: str) -> Row:
    row = {n: getattr(place, n) for n in LOCATION_COLUMNS}
    return row | {"id": loc_id, "organization_id": org_id}


def schedules(periods: list[ScheduleRecord], offer_id: str, loc_id: str | None) -> list[Row]:
    return [
        {n: getattr(p, n) for n in SCHEDULE_COLUMNS} | {"offer_id": offer_id, "location_id": loc_id}
        for p in periods
    ]


def offer_source(record: OfferRecord, offer_id: str, by: Provenance) -> Row:
    return {
        "offer_id": offer_id,
        "kind": by.kind,
        "source_ref": record.source_ref,
        "source_name": by.name,
        "source_url": record.source_url,
        "fetched_at": by.now,
        "modified_at": record.modified_at,
    }


def source_record(ref: str, offer_id: str, digest: str, by: Provenance) -> Row:
    return {
        "source_name": by.name,
        "source_ref": ref,
        "offer_id": offer_id,
        "content_hash": digest,
        "first_seen": by.now,
        "last_seen": by.now,
        "last_run_id": by.run_id,
    }


def change(what: str, ref: str, offer_id: str, title: str, by: Provenance) -> Row:
    return {
        "run_id": by.run_id,
        "source_name": by.name,
        "change": what,
        "source_ref": ref,
        "offer_id": offer_id,
        "title": title,
    }


def content_hash(record: OfferRecord) -> str:
    """Whether a record changed since the last run; the page it was read from does not count.

    The same JSON as json.dumps(dataclasses.asdict(record)), which earlier versions stored,
    built from the records' own attribute dicts instead of asdict's deep copies.
    """
    data = dict(vars(record))
    del data["source_url"]
    return hashlib.sha1(_FINGERPRINT.encode(data).encode(), usedforsecurity=False).hexdigest()


def _plain(value: Any) -> Any:
    # Nested records become their attribute dicts; dates and times become str(), as before.
    return vars(value) if is_dataclass(value) else str(value)


_FINGERPRINT = json.JSONEncoder(sort_keys=True, default=_plain)
