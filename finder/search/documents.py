"""What the search engines index: one flat document per offer and place.

An offer given at four Stadkamer branches becomes four documents, so each engine can
measure the distance to every branch; results are then folded back to one hit per offer.
"""

from __future__ import annotations

from pydantic import BaseModel, Field

from finder.hours import OpeningPeriod


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
    kinds: list[str] = Field(
        default_factory=list, description="Kinds of help (finder/offers/kinds.py), for filters"
    )
    languages: list[str] = Field(
        default_factory=list, description="ISO 639-1 codes of the languages spoken at the place"
    )
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


def document_id(offer_id: str, location_id: str | None) -> str:
    return f"{offer_id}__{location_id}" if location_id else offer_id
