"""The catalogue: organisations, their offers, where and when they are offered.

Aligned with Open Referral HSDS 3.0: Organization, Service (here: Offer), Location,
service_at_location (OfferLocation), Schedule, and the service's service_areas
(here: a list of PC4 postcodes). Every offer keeps where it came from (OfferSource).
"""

from __future__ import annotations

from datetime import date, datetime, time
from enum import StrEnum

from sqlalchemy import JSON, Column
from sqlmodel import Field, SQLModel


class OfferStatus(StrEnum):
    active = "active"
    inactive = "inactive"
    defunct = "defunct"
    # Its sources no longer list it. The next index generation leaves it out; until that
    # generation is live its own page still answers, then the indexer deletes it.
    withdrawn = "withdrawn"


class Audience(StrEnum):
    particulier = "particulier"
    ondernemer = "ondernemer"


class ApplyChannel(StrEnum):
    online = "online"
    digid = "digid"
    counter = "balie"
    phone = "telefoon"
    walk_in = "inloop"


class SourceKind(StrEnum):
    open_referral = "open-referral"
    samenwerkende_catalogi = "samenwerkende-catalogi"
    webpages = "webpages"
    wijkteam_checker = "wijkteam-checker"


class Organization(SQLModel, table=True):
    id: str = Field(primary_key=True)
    name: str
    description: str = ""
    url: str = ""
    email: str = ""
    phone: str = ""
    is_demo: bool = False


class Offer(SQLModel, table=True):
    id: str = Field(primary_key=True)
    organization_id: str = Field(foreign_key="organization.id", index=True)
    title: str
    summary: str = Field("", description="Short plain-language (B1) summary")
    description_html: str = Field("", description="Sanitised HTML; never raw crawled markup")
    audience: list[str] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    categories: list[str] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    keywords: list[str] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    upl_uris: list[str] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    eligibility: str = ""
    costs: str = ""
    how_to_apply: list[str] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    application_url: str = ""
    what_to_bring: str = ""
    languages: list[str] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    status: OfferStatus = OfferStatus.active
    phone: str = ""
    email: str = ""
    url: str = ""
    service_area: list[str] = Field(
        default_factory=list,
        sa_column=Column(JSON, nullable=False),
        description="PC4 postcodes this offer serves; empty means the whole municipality",
    )
    is_wijkteam: bool = False
    is_demo: bool = False
    stale_since: datetime | None = Field(
        None, description="Set when the offer's source failed; the offer is kept, marked stale"
    )


class Location(SQLModel, table=True):
    id: str = Field(primary_key=True)
    organization_id: str | None = Field(None, foreign_key="organization.id", index=True)
    name: str = ""
    address: str = ""
    postcode: str = Field("", description="PC6 such as 8011AB when known, else PC4")
    city: str = ""
    latitude: float | None = None
    longitude: float | None = None
    accessibility: str = ""
    phone: str = ""
    is_demo: bool = False

    @property
    def pc4(self) -> str:
        return self.postcode[:4]


class OfferLocation(SQLModel, table=True):
    offer_id: str = Field(foreign_key="offer.id", primary_key=True)
    location_id: str = Field(foreign_key="location.id", primary_key=True)


class Schedule(SQLModel, table=True):
    """One opening period; weekday 0 is Monday. valid_from/valid_to mark special days."""

    id: int | None = Field(None, primary_key=True)
    offer_id: str | None = Field(None, foreign_key="offer.id", index=True)
    location_id: str | None = Field(None, foreign_key="location.id", index=True)
    weekday: int = Field(ge=0, le=6)
    opens: time | None = None
    closes: time | None = None
    closed: bool = False
    notes: str = ""
    valid_from: date | None = None
    valid_to: date | None = None


class OfferSource(SQLModel, table=True):
    """Provenance: each source that lists this offer. One offer may have several."""

    id: int | None = Field(None, primary_key=True)
    offer_id: str = Field(foreign_key="offer.id", index=True)
    kind: SourceKind
    source_ref: str = Field(description="The source's own id for the record")
    source_url: str = ""
    fetched_at: datetime
    modified_at: datetime | None = None
    source_name: str = Field("", description="The name of the configured source")
