"""Corrections applied on top of crawled data, for pages, search documents and open data.

Crawled rows are never changed: every reader asks for the offer's overlay and gets corrected
copies, so the next crawl cannot wipe an editor's work and a withdrawn correction simply stops
applying.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlmodel import Session, col, select

from finder.hours import OpeningPeriod
from finder.models import CorrectedField, Correction, Location, Offer

TEXT_FIELDS = (CorrectedField.phone, CorrectedField.email, CorrectedField.url)
ADDRESS_KEYS = ("address", "postcode", "city", "latitude", "longitude")


@dataclass(frozen=True)
class Overlay:
    """The active corrections of one offer, by field (an address by field and place)."""

    corrections: dict[tuple[str, str], Correction] = field(default_factory=dict)

    def get(self, name: CorrectedField, location_id: str = "") -> Correction | None:
        return self.corrections.get((name.value, location_id))

    @property
    def hidden(self) -> bool:
        return self.get(CorrectedField.gone) is not None

    @property
    def fields(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(name for name, _ in self.corrections))

    def text(self, name: CorrectedField, crawled: str) -> str:
        found = self.get(name)
        return str(found.value.get("text", "")) if found else crawled

    def address(self, location_id: str) -> dict[str, Any] | None:
        found = self.get(CorrectedField.address, location_id)
        return {k: found.value.get(k) for k in ADDRESS_KEYS} if found else None

    def hours(self, periods: Sequence[OpeningPeriod]) -> list[OpeningPeriod]:
        """Corrected weekly hours replace the crawled ones; special days stay as crawled."""
        found = self.get(CorrectedField.hours)
        if found is None:
            return list(periods)
        special = [p for p in periods if p.valid_from]
        return [*periods_of(found.value), *special]


EMPTY = Overlay()


def periods_of(value: dict[str, Any]) -> list[OpeningPeriod]:
    return [
        OpeningPeriod(weekday=int(day), opens=opens, closes=closes)
        for day, opens, closes in value.get("periods", [])
    ]


def overlays_for(session: Session, offer_ids: Iterable[str]) -> dict[str, Overlay]:
    ids = list(offer_ids)
    if not ids:
        return {}
    found: dict[str, dict[tuple[str, str], Correction]] = defaultdict(dict)
    query = select(Correction).where(
        col(Correction.offer_id).in_(ids), col(Correction.active).is_(True)
    )
    for row in session.exec(query.order_by(col(Correction.id))):
        found[row.offer_id][(row.field, row.location_id)] = row
    return {offer_id: Overlay(rows) for offer_id, rows in found.items()}


def overlay_for(session: Session, offer_id: str) -> Overlay:
    return overlays_for(session, [offer_id]).get(offer_id, EMPTY)


def corrected_offer(offer: Offer, overlay: Overlay) -> Offer:
    """A detached copy with corrected contact fields; the crawled row stays as it is."""
    if not overlay.corrections:
        return offer
    data = offer.model_dump()
    for name in TEXT_FIELDS:
        data[name.value] = overlay.text(name, data[name.value])
    return Offer(**data)


def corrected_location(location: Location, overlay: Overlay) -> Location:
    address = overlay.address(location.id)
    if address is None:
        return location
    return Location(**{**location.model_dump(), **address})
