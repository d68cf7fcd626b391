"""Read models of the catalogue: what pages, the API and the staff side see of an offer.

Frozen copies of the rows they come from, so no template or response ever holds a table row.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from finder.hours import OpeningPeriod


@dataclass(frozen=True)
class OrganizationInfo:
    id: str
    name: str
    url: str = ""
    email: str = ""
    phone: str = ""
    description: str = ""


@dataclass(frozen=True)
class Place:
    id: str
    name: str
    address: str
    postcode: str
    city: str
    latitude: float | None
    longitude: float | None
    accessibility: str
    phone: str
    hours: tuple[OpeningPeriod, ...]  # this place's own hours, else the offer's
    is_demo: bool = False
    organization_id: str | None = None

    @property
    def point(self) -> tuple[float, float] | None:
        if self.latitude is None or self.longitude is None:
            return None
        return (self.latitude, self.longitude)

    @property
    def full_address(self) -> str:
        town = f"{self.postcode} {self.city}".strip()
        return ", ".join(part for part in (self.address, town) if part)


@dataclass(frozen=True)
class SourceInfo:
    kind: str
    name: str
    ref: str
    url: str
    fetched_at: datetime
    modified_at: datetime | None

    @property
    def updated(self) -> datetime:
        return self.modified_at or self.fetched_at


@dataclass(frozen=True)
class OfferDetail:
    id: str
    organization_id: str
    title: str
    summary: str
    description_html: str
    organization: OrganizationInfo | None
    audience: tuple[str, ...]
    categories: tuple[str, ...]
    keywords: tuple[str, ...]
    upl_uris: tuple[str, ...]
    eligibility: str
    costs: str
    how_to_apply: tuple[str, ...]
    application_url: str
    what_to_bring: str
    languages: tuple[str, ...]
    phone: str
    email: str
    url: str
    service_area: tuple[str, ...]
    is_wijkteam: bool
    is_demo: bool
    stale_since: datetime | None
    places: tuple[Place, ...]
    hours: tuple[OpeningPeriod, ...]  # for the offer as a whole, when not per place
    sources: tuple[SourceInfo, ...]

    @property
    def contact_phone(self) -> str:
        return self.phone or (self.organization.phone if self.organization else "")

    @property
    def things_to_bring(self) -> tuple[str, ...]:
        return tuple(line.strip() for line in self.what_to_bring.splitlines() if line.strip())


@dataclass(frozen=True)
class TeamInfo:
    """A wijkteam, as the general contacts name it."""

    id: str
    title: str
    phone: str
