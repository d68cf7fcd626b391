"""Normalise one Samenwerkende Catalogi 4.0 `scproduct` into an OfferRecord."""

from __future__ import annotations

import re
from xml.etree.ElementTree import Element, tostring

from pydantic import BaseModel, ConfigDict, Field

from indexer.records import LocationRecord, OfferRecord, OrgRecord
from indexer.sanitise import clean_html
from indexer.sources import coerce
from indexer.sources.opening_hours import from_strings
from indexer.upl import UplList
from indexer.xml import Named


class CounterLocation(BaseModel):
    """A counter where the municipality's products are offered (from the sources file)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    name: str = Field(min_length=1)
    address: str = ""
    postcode: str = ""
    city: str = ""
    phone: str = ""
    latitude: float | None = Field(None, ge=-90, le=90)
    longitude: float | None = Field(None, ge=-180, le=180)
    hours: tuple[str, ...] = Field((), description="schema.org openingHours strings")


class Municipality(BaseModel):
    """Who offers the municipal products and at which counters."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    name: str = Field(min_length=1)
    phone: str = ""
    email: str = ""
    url: str = ""
    locations: tuple[CounterLocation, ...] = ()


_PREFIX = re.compile(r"<(/?)[A-Za-z][\w.-]*:")
_APPLY = {"ja": ["online"], "digid": ["online", "digid"], "nee": []}


def product_to_record(
    product: Element, upl: UplList, municipality: Municipality | None, source_url: str
) -> OfferRecord:
    named = Named(product)
    ref = named.text("productID") or named.text("identifier")
    title = coerce.text(named.text("title"))
    if not ref or not title:
        raise ValueError("product without productID/identifier or title")
    identifier = named.text("identifier")
    online = named.text("onlineAanvragen").lower()
    apply_url = next((el.get("resourceIdentifier", "") for el in named.all("aanvraagURL")), "")
    org = _organization(municipality, named.text("authority"))
    upl_pairs = _upl_pairs(named)
    return OfferRecord(
        source_ref=ref,
        title=title,
        organization=org,
        source_url=source_url,
        summary=coerce.text(named.text("abstract")),
        description_html=_body(named),
        audience=[coerce.text("".join(el.itertext())).lower() for el in named.all("audience")],
        keywords=_upl_labels(upl_pairs, upl),
        upl_uris=_upl_uris(upl_pairs, upl),
        how_to_apply=[*_APPLY.get(online, []), "balie"] if municipality else _APPLY.get(online, []),
        application_url=apply_url if apply_url.startswith(("https://", "http://")) else "",
        phone=org.phone,
        email=org.email,
        url=identifier if identifier.startswith(("https://", "http://")) else "",
        modified_at=coerce.timestamp(named.text("modified")),
        locations=_counters(municipality),
    )


def _organization(municipality: Municipality | None, authority: str) -> OrgRecord:
    if municipality:
        return OrgRecord(
            name=municipality.name,
            url=municipality.url,
            email=municipality.email,
            phone=municipality.phone,
        )
    name = coerce.text(authority)
    return OrgRecord(name=f"Gemeente {name}" if name else "Onbekende gemeente")


def _counters(municipality: Municipality | None) -> list[LocationRecord]:
    """Municipal products are offered at the municipality's counters (from the config)."""
    if municipality is None:
        return []
    return [
        LocationRecord(
            name=counter.name,
            address=counter.address,
            postcode=counter.postcode,
            city=counter.city,
            phone=counter.phone,
            latitude=counter.latitude,
            longitude=counter.longitude,
            schedules=from_strings(list(counter.hours)),
        )
        for counter in municipality.locations
    ]


def _upl_pairs(named: Named) -> list[tuple[str, str]]:
    return [
        (el.get("resourceIdentifier", ""), "".join(el.itertext()).strip())
        for el in named.all("uniformeProductnaam")
    ]


def _upl_uris(pairs: list[tuple[str, str]], upl: UplList) -> list[str]:
    uris = []
    for uri, label in pairs:
        match = upl.match(uri, label)
        uris.append(match.uri if match else uri)
    return [u for u in dict.fromkeys(uris) if u]


def _upl_labels(pairs: list[tuple[str, str]], upl: UplList) -> list[str]:
    labels = []
    for uri, label in pairs:
        match = upl.match(uri, label)
        labels.append(match.label if match else label)
    return [label for label in dict.fromkeys(labels) if label]


def _body(named: Named) -> str:
    for element in named.all("productHTML")[:1]:
        inner = (element.text or "") + "".join(
            tostring(child, encoding="unicode") for child in element
        )
        # Serialised XHTML carries namespace prefixes (html:p) the allow-list would drop.
        return clean_html(_PREFIX.sub(r"<\1", inner))
    return ""
