"""The normalised record every source kind produces and the loader writes."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time


@dataclass
class OrgRecord:
    name: str
    description: str = ""
    url: str = ""
    email: str = ""
    phone: str = ""
    is_demo: bool = False


@dataclass
class ScheduleRecord:
    """One opening period; weekday 0 is Monday. valid_from/valid_to mark special days."""

    weekday: int
    opens: time | None = None
    closes: time | None = None
    closed: bool = False
    notes: str = ""
    valid_from: date | None = None
    valid_to: date | None = None


@dataclass
class LocationRecord:
    name: str = ""
    address: str = ""
    postcode: str = ""
    city: str = ""
    latitude: float | None = None
    longitude: float | None = None
    accessibility: str = ""
    phone: str = ""
    is_demo: bool = False
    source_id: str = ""
    schedules: list[ScheduleRecord] = field(default_factory=list)


@dataclass
class OfferRecord:
    source_ref: str
    title: str
    organization: OrgRecord
    source_url: str = ""
    summary: str = ""
    description_html: str = ""
    audience: list[str] = field(default_factory=list)
    categories: list[str] = field(default_factory=list)
    keywords: list[str] = field(default_factory=list)
    upl_uris: list[str] = field(default_factory=list)
    eligibility: str = ""
    costs: str = ""
    how_to_apply: list[str] = field(default_factory=list)
    application_url: str = ""
    what_to_bring: str = ""
    languages: list[str] = field(default_factory=list)
    phone: str = ""
    email: str = ""
    url: str = ""
    service_area: list[str] = field(default_factory=list)
    is_wijkteam: bool = False
    is_demo: bool = False
    modified_at: datetime | None = None
    locations: list[LocationRecord] = field(default_factory=list)
    # Hours that belong to the offer itself, used when it has no location.
    schedules: list[ScheduleRecord] = field(default_factory=list)
