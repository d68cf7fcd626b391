"""Write one normalised record into the catalogue tables: organisation, offer, places, hours."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import delete
from sqlmodel import Session, SQLModel, select

from finder.geo import Geocoder
from finder.models import (
    Location,
    Offer,
    OfferLocation,
    OfferSource,
    OfferStatus,
    Organization,
    Schedule,
    SourceKind,
)
from indexer.ids import location_id, organization_id
from indexer.records import LocationRecord, OfferRecord, OrgRecord, ScheduleRecord

_LISTS = ("audience", "categories", "keywords", "upl_uris", "how_to_apply", "languages")
_SCALARS = (
    "summary",
    "description_html",
    "eligibility",
    "costs",
    "application_url",
    "what_to_bring",
    "phone",
    "email",
    "url",
)


class CatalogueWriter:
    """Remembers which organisations and places it wrote this run, so each is written once."""

    def __init__(self, geocoder: Geocoder) -> None:
        self.geocoder = geocoder
        self._written: set[str] = set()
        self._points: dict[str, tuple[float, float] | None] = {}

    def forget(self) -> None:
        """After a rolled-back batch nothing written in it can be assumed stored."""
        self._written.clear()

    def organization(self, session: Session, org: OrgRecord) -> str:
        org_id = organization_id(org.name)
        if org_id not in self._written:
            _upsert(session, Organization, org_id, {**vars(org)})
            session.flush()
            self._written.add(org_id)
        return org_id

    def offer(
        self, session: Session, offer_id: str, record: OfferRecord, org_id: str, primary: bool
    ) -> None:
        fields: dict[str, Any] = {name: getattr(record, name) for name in (*_LISTS, *_SCALARS)}
        fields |= {
            "organization_id": org_id,
            "title": record.title,
            "service_area": record.service_area,
            "is_wijkteam": record.is_wijkteam,
            "is_demo": record.is_demo,
            "status": OfferStatus.active,
            "stale_since": None,
        }
        offer = session.get(Offer, offer_id)
        if offer is None:
            session.add(Offer(id=offer_id, **fields))
            session.flush()
            return
        elif primary:
            for name, value in fields.items():
                setattr(offer, name, value)
        else:
            _merge_into(offer, fields)
        if primary:
            session.execute(delete(OfferLocation).where(OfferLocation.offer_id == offer_id))  # type: ignore[arg-type]
            session.execute(delete(Schedule).where(Schedule.offer_id == offer_id))  # type: ignore[arg-type]
        session.flush()

    def places(
        self, session: Session, offer_id: str, record: OfferRecord, org_id: str, is_new: bool
    ) -> None:
        linked: set[str] = set()
        if not is_new:
            query = select(OfferLocation.location_id).where(OfferLocation.offer_id == offer_id)
            linked = set(session.exec(query).all())
        for place in record.locations:
            loc_id = location_id(place)
            if loc_id is None or loc_id in linked:
                continue
            self._location(session, loc_id, place, org_id)
            session.add(OfferLocation(offer_id=offer_id, location_id=loc_id))
            session.add_all(_schedules(place.schedules, offer_id, loc_id))
            linked.add(loc_id)
        if not record.locations:
            session.add_all(_schedules(record.schedules, offer_id, None))

    def source(
        self,
        session: Session,
        offer_id: str,
        record: OfferRecord,
        kind: SourceKind,
        name: str,
        now: datetime,
        is_new: bool,
    ) -> None:
        row = (
            None
            if is_new
            else session.exec(
                select(OfferSource).where(
                    OfferSource.offer_id == offer_id,
                    OfferSource.source_name == name,
                    OfferSource.source_ref == record.source_ref,
                )
            ).first()
        )
        if row is None:
            row = OfferSource(
                id=None,
                offer_id=offer_id,
                kind=kind,
                source_ref=record.source_ref,
                source_name=name,
                fetched_at=now,
            )
        row.source_url, row.fetched_at, row.modified_at = record.source_url, now, record.modified_at
        session.add(row)

    def written(self, key: str) -> bool:
        return key in self._written

    def mark_written(self, key: str) -> None:
        self._written.add(key)

    def location_fields(self, place: LocationRecord, org_id: str) -> dict[str, Any]:
        """The Location columns for a place, geocoded when it has a postcode but no point."""
        fields = {k: v for k, v in vars(place).items() if k not in {"schedules", "source_id"}}
        fields["organization_id"] = org_id
        if fields["latitude"] is None and place.postcode:
            fields["latitude"], fields["longitude"] = self._locate(place.postcode) or (None, None)
        return fields

    def update_location(self, session: Session, loc_id: str, fields: dict[str, Any]) -> None:
        _upsert(session, Location, loc_id, fields)

    def _location(self, session: Session, loc_id: str, place: LocationRecord, org_id: str) -> None:
        if loc_id in self._written:
            return
        _upsert(session, Location, loc_id, self.location_fields(place, org_id))
        session.flush()
        self._written.add(loc_id)

    def _locate(self, postcode: str) -> tuple[float, float] | None:
        # PC6 first; the PC4 centroid when the PC6 is unknown.
        if postcode not in self._points:
            point = self.geocoder.locate(postcode) or self.geocoder.locate(postcode[:4])
            self._points[postcode] = (point.lat, point.lon) if point else None
        return self._points[postcode]


def _schedules(rows: list[ScheduleRecord], offer_id: str, loc_id: str | None) -> list[Schedule]:
    return [Schedule(offer_id=offer_id, location_id=loc_id, **vars(row)) for row in rows]


def _merge_into(offer: Offer, fields: dict[str, Any]) -> None:
    """A second source adds what it knows; it does not overwrite the first source's text."""
    for name in _LISTS:
        setattr(offer, name, list(dict.fromkeys([*getattr(offer, name), *fields[name]])))
    for name in _SCALARS:
        if not getattr(offer, name) and fields[name]:
            setattr(offer, name, fields[name])
    offer.is_demo = offer.is_demo or fields["is_demo"]
    offer.stale_since = None


def _upsert(session: Session, table: type[SQLModel], key: str, fields: dict[str, Any]) -> None:
    row = session.get(table, key)
    if row is None:
        session.add(table(id=key, **fields))
        return
    for name, value in fields.items():
        # An empty field from one source does not wipe what another source told us.
        if value is not None and value != "":
            setattr(row, name, value)
