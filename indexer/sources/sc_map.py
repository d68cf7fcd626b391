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
from indexer.xml import children, first_text, local


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
    ref = first_text(product, "productID") or first_text(product, "identifier")
    title = coerce.text(first_text(product, "title"))
    if not ref or not title:
        raise ValueError("product without productID/identifier or title")
    identifier = first_text(product, "identifier")
    online = first_text(product, "onlineAanvragen").lower()
    apply_url = next(
        (el.get("resourceIdentifier", "") for el in children(product, "aanvraagURL")), ""
    )
    authority = first_text(product, "authority")
    org = _organization(municipality, authority)
    return OfferRecord(
        source_ref=ref,
        title=title,
        organization=org,
        source_url=source_url,
        summary=coerce.text(first_text(product, "abstract")),
        description_html=_body(product),
        audience=[
            coerce.text("".join(el.itertext())).lower() for el in children(product, "audience")
        ],
        keywords=_upl_labels(product, upl),
        upl_uris=_upl_uris(product, upl),
        how_to_apply=[*_APPLY.get(online, []), "balie"] if municipality else _APPLY.get(online, []),
        application_url=apply_url if apply_url.startswith(("https://", "http://")) else "",
        phone=org.phone,
        email=org.email,
        url=identifier if identifier.startswith(("https://", "http://")) else "",
        modified_at=coerce.timestamp(first_text(product, "modified")),
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


def _upl_pairs(product: Element) -> list[tuple[str, str]]:
    return [
        (el.get("resourceIdentifier", ""), "".join(el.itertext()).strip())
        for el in children(product, "uniformeProductnaam")
    ]


def _upl_uris(product: Element, upl: UplList) -> list[str]:
    uris = []
    for uri, label in _upl_pairs(product):
        match = upl.match(uri, label)
        uris.append(match.uri if match else uri)
    return [u for u in dict.fromkeys(uris) if u]


def _upl_labels(product: Element, upl: UplList) -> list[str]:
    labels = []
    for uri, label in _upl_pairs(product):
        match = upl.match(uri, label)
        labels.append(match.label if match else label)
    return [label for label in dict.fromkeys(labels) if label]


def _body(product: Element) -> str:
    for element in product.iter():
        if local(element.tag) == "productHTML":
            inner = (element.text or "") + "".join(
                tostring(child, encoding="unicode") for child in element
            )
            # Serialised XHTML carries namespace prefixes (html:p) the allow-list would drop.
            return clean_html(_PREFIX.sub(r"<\1", inner))
    return ""
