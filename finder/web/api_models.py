"""What the JSON API answers, as documented models (shown at /api/docs)."""

from __future__ import annotations

from datetime import datetime

from pydantic import BaseModel, Field

from finder.hours import OpeningPeriod
from finder.offers import OfferDetail


class QueryEcho(BaseModel):
    q: str
    words: list[str]
    needs: list[str] = Field(description="Ids of the needs the question points at")
    postcode: str | None
    postcode_valid: bool
    near: bool
    understood: str
    location_known: bool
    truncated: bool


class NeedRef(BaseModel):
    id: str
    label: str = Field(description="In the language of the request")


class Hit(BaseModel):
    id: str
    title: str
    organization: str
    source: str
    source_ref: str
    url: str
    summary: str
    location_name: str
    address: str
    postcode: str
    city: str
    phone: str
    distance_km: float | None
    serves_postcode: bool | None
    is_demo: bool
    kinds: list[str] = Field(description="Kinds of help: gemeente, organisatie, wijkteam, plek")
    languages: list[str] = Field(description="ISO 639-1 codes of languages spoken there")
    about: list[NeedRef] = Field(
        description="Why it was shown: the needs asked for that it is about"
    )
    matched_words: list[str] = Field(description="Why it was shown: other words it holds")


class SearchResponse(BaseModel):
    query: QueryEcho
    total: int
    generation: str | None = Field(
        description="The search-index generation that answered (none when nothing was searched)"
    )
    hits: list[Hit]


class OrganizationOut(BaseModel):
    id: str
    name: str
    description: str
    url: str
    email: str
    phone: str


class LocationOut(BaseModel):
    id: str
    name: str
    address: str
    postcode: str
    city: str
    latitude: float | None
    longitude: float | None
    accessibility: str
    phone: str
    is_demo: bool
    hours: list[OpeningPeriod] = Field(description="This place's hours, else the offer's")


class SourceOut(BaseModel):
    kind: str
    source_name: str
    source_ref: str
    source_url: str
    fetched_at: datetime
    modified_at: datetime | None


class OfferResponse(BaseModel):
    id: str
    organization_id: str
    title: str
    summary: str = Field(description="Short plain-language (B1) summary")
    description_html: str = Field(description="Sanitised HTML")
    audience: list[str]
    categories: list[str]
    keywords: list[str]
    upl_uris: list[str]
    eligibility: str
    costs: str
    how_to_apply: list[str] = Field(description="online, digid, balie, telefoon, inloop")
    application_url: str
    what_to_bring: str
    languages: list[str]
    phone: str
    email: str
    url: str
    service_area: list[str] = Field(description="PC4s served; empty means the whole municipality")
    is_wijkteam: bool
    is_demo: bool
    stale_since: datetime | None = Field(description="Set when its source could not be read")
    organization: OrganizationOut | None
    locations: list[LocationOut]
    hours: list[OpeningPeriod] = Field(description="The offer's hours when not per place")
    sources: list[SourceOut]


class HealthResponse(BaseModel):
    status: str = Field(description="ok, or unavailable when a part is down (answered with 503)")
    database: str = Field(description="ok or unavailable")
    search: str = Field(description="ok or unavailable")
    search_backend: str
    documents: int | None = Field(description="Documents in the live index; none when it is down")


def offer_response(offer: OfferDetail) -> OfferResponse:
    org = offer.organization
    return OfferResponse(
        id=offer.id,
        organization_id=offer.organization_id,
        title=offer.title,
        summary=offer.summary,
        description_html=offer.description_html,
        audience=list(offer.audience),
        categories=list(offer.categories),
        keywords=list(offer.keywords),
        upl_uris=list(offer.upl_uris),
        eligibility=offer.eligibility,
        costs=offer.costs,
        how_to_apply=list(offer.how_to_apply),
        application_url=offer.application_url,
        what_to_bring=offer.what_to_bring,
        languages=list(offer.languages),
        phone=offer.phone,
        email=offer.email,
        url=offer.url,
        service_area=list(offer.service_area),
        is_wijkteam=offer.is_wijkteam,
        is_demo=offer.is_demo,
        stale_since=offer.stale_since,
        organization=OrganizationOut(
            id=org.id,
            name=org.name,
            description=org.description,
            url=org.url,
            email=org.email,
            phone=org.phone,
        )
        if org
        else None,
        locations=[
            LocationOut(
                id=p.id,
                name=p.name,
                address=p.address,
                postcode=p.postcode,
                city=p.city,
                latitude=p.latitude,
                longitude=p.longitude,
                accessibility=p.accessibility,
                phone=p.phone,
                is_demo=p.is_demo,
                hours=list(p.hours),
            )
            for p in offer.places
        ],
        hours=list(offer.hours),
        sources=[
            SourceOut(
                kind=s.kind,
                source_name=s.name,
                source_ref=s.ref,
                source_url=s.url,
                fetched_at=s.fetched_at,
                modified_at=s.modified_at,
            )
            for s in offer.sources
        ],
    )
