"""The careful path: write one record into an offer that may exist, or that another source owns.

Rows come from rows.py, the same mapping the bulk path inserts.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import delete
from sqlmodel import Session, SQLModel, select

from finder.models import Location, Offer, OfferLocation, OfferSource, Organization, Schedule
from indexer import rows
from indexer.ids import organization_id
from indexer.records import LocationRecord, OfferRecord, OrgRecord
from indexer.rows import Provenance, Row

# Never copied from one source's row onto an offer another source listed first.
_IDENTITY = frozenset({"id", "organization_id", "status"})


class CatalogueWriter:
    """Remembers which organisations and places it wrote this run, so each is written once."""

    def __init__(self) -> None:
        self._written: set[str] = set()
        self._org_ids: dict[str, str] = {}

    def forget(self) -> None:
        """After a rolled-back batch nothing written in it can be assumed stored."""
        self._written.clear()

    def written(self, key: str) -> bool:
        return key in self._written

    def mark_written(self, key: str) -> None:
        self._written.add(key)

    def organization(self, session: Session, org: OrgRecord) -> str:
        org_id = self._org_ids.get(org.name)
        if org_id is None:
            org_id = self._org_ids[org.name] = organization_id(org.name)
        if org_id not in self._written:
            upsert(session, Organization, rows.organization(org))
            session.flush()
            self._written.add(org_id)
        return org_id

    def offer(
        self, session: Session, offer_id: str, record: OfferRecord, org_id: str, primary: bool
    ) -> None:
        row = rows.offer(record, offer_id, org_id)
        offer = session.get(Offer, offer_id)
        if offer is None:
            session.add(Offer(**row))
            session.flush()
            return
        if primary:
            for name, value in row.items():
                setattr(offer, name, value)
            session.execute(delete(OfferLocation).where(OfferLocation.offer_id == offer_id))  # type: ignore[arg-type]
            session.execute(delete(Schedule).where(Schedule.offer_id == offer_id))  # type: ignore[arg-type]
        else:
            _merge_into(offer, row)
        session.flush()

    def places(
        self, session: Session, offer_id: str, record: OfferRecord, org_id: str, is_new: bool
    ) -> None:
        linked: set[str] = set()
        if not is_new:
            query = select(OfferLocation.location_id).where(OfferLocation.offer_id == offer_id)
            linked = set(session.exec(query).all())
        for loc_id, place in rows.places(record):
            if loc_id in linked:
                continue
            self._location(session, loc_id, place, org_id)
            session.add(OfferLocation(offer_id=offer_id, location_id=loc_id))
            session.add_all(
                Schedule(**row) for row in rows.schedules(place.schedules, offer_id, loc_id)
            )
        if not record.locations:
            session.add_all(
                Schedule(**row) for row in rows.schedules(record.schedules, offer_id, None)
            )

    def source(
        self, session: Session, offer_id: str, record: OfferRecord, by: Provenance, is_new: bool
    ) -> None:
        row = rows.offer_source(record, offer_id, by)
        found = (
            None
            if is_new
            else session.exec(
                select(OfferSource).where(
                    OfferSource.offer_id == offer_id,
                    OfferSource.source_name == by.name,
                    OfferSource.source_ref == record.source_ref,
                )
            ).first()
        )
        if found is None:
            session.add(OfferSource(**row))
            return
        for name in ("source_url", "fetched_at", "modified_at"):
            setattr(found, name, row[name])
        session.add(found)

    def _location(self, session: Session, loc_id: str, place: LocationRecord, org_id: str) -> None:
        if loc_id in self._written:
            return
        upsert(session, Location, rows.location(place, loc_id, org_id))
        session.flush()
        self._written.add(loc_id)


def upsert(session: Session, table: type[SQLModel], row: Row) -> None:
    found = session.get(table, row["id"])
    if found is None:
        session.add(table(**row))
        return
    for name, value in row.items():
        # An empty field from one source does not wipe what another source told us.
        if value is not None and value != "":
            setattr(found, name, value)


def _merge_into(offer: Offer, row: Row) -> None:
    """A second source adds what it knows; it does not overwrite the first source's text."""
    for name, value in row.items():
        if name in _IDENTITY or name in rows.OWNED_BY_FIRST_SOURCE:
            continue
        current: Any = getattr(offer, name)
        if isinstance(value, list):
            setattr(offer, name, list(dict.fromkeys([*current, *value])))
        elif isinstance(value, bool):
            setattr(offer, name, current or value)
        elif isinstance(value, str) and value and not current:
            setattr(offer, name, value)
    offer.stale_since = None
