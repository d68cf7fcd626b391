"""What the search engines index: one flat document per offer and place.

An offer given at four Stadkamer branches becomes four documents, so each engine can
measure the distance to every branch; results are then folded back to one hit per offer.
"""

from __future__ import annotations

import re

from pydantic import BaseModel, Field

SAFE_ID = re.compile(r"^[A-Za-z0-9_-]{1,500}$")


class OpeningPeriod(BaseModel):
    weekday: int = Field(ge=0, le=6, description="0 is Monday")
    opens: str | None = Field(None, description="HH:MM")
    closes: str | None = Field(None, description="HH:MM")
    closed: bool = False
    notes: str = ""
    valid_from: str | None = Field(None, description="ISO date of a special day or period")
    valid_to: str | None = None


class SearchDocument(BaseModel):
    id: str = Field(description="offer_id, or offer_id__location_id for one place of an offer")
    offer_id: str
    title: str
    summary: str = ""
    description: str = Field("", description="Plain text, tags removed")
    organization: str = ""
    categories: list[str] = Field(default_factory=list)
    keywords: list[str] = Field(default_factory=list)
    upl: list[str] = Field(default_factory=list, description="UPL labels")
    needs: list[str] = Field(
        default_factory=list,
        description="Ids of the needs the offer is about (finder/data/needs.toml)",
    )
    audience: list[str] = Field(default_factory=list)
    postcodes_served: list[str] = Field(
        default_factory=list, description="PC4s served; empty means the whole municipality"
    )
    is_wijkteam: bool = False
    location_name: str = ""
    address: str = ""
    postcode: str = ""
    city: str = ""
    latitude: float | None = None
    longitude: float | None = None
    phone: str = ""
    url: str = ""
    hours: list[OpeningPeriod] = Field(default_factory=list)
    source_kind: str = ""
    source_ref: str = ""
    is_demo: bool = False

    @property
    def has_point(self) -> bool:
        return self.latitude is not None and self.longitude is not None


def document_id(offer_id: str, location_id: str | None) -> str:
    return f"{offer_id}__{location_id}" if location_id else offer_id
