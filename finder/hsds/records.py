"""One offer as a full HSDS 3.0 service, with its organisation, places, hours and provenance."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from finder.editorial import values
from finder.editorial.freshness import Freshness
from finder.hours import OpeningPeriod
from finder.hsds import provenance, taxonomy
from finder.hsds.ids import hsds_id, part_id
from finder.hsds.taxonomy import term
from finder.models import Confirmation, Correction, Location, Organization
from finder.offers import OfferDetail, OrganizationInfo, Place

DAY_CODES = values.DAY_CODES
COUNTRY = "NL"


@dataclass(frozen=True)
class Extras:
    """What a service record needs besides the corrected offer itself."""

    needs: tuple[str, ...]
    fresh: Freshness | None
    corrections: tuple[tuple[Correction, str], ...]  # with the crawled value as text
    confirmations: tuple[Confirmation, ...]


def _phones(owner: str, number: str) -> list[dict[str, Any]]:
    return (
        [{"id": part_id(owner, "phone", number), "number": number, "type": "voice"}]
        if number
        else []
    )


def _schedules(
    owner: str, periods: Sequence[OpeningPeriod], link: str, link_id: str
) -> list[dict[str, Any]]:
    found = []
    for n, p in enumerate(periods):
        row: dict[str, Any] = {
            "id": part_id(owner, "schedule", str(n)),
            link: link_id,
            "freq": "WEEKLY",
            "byday": DAY_CODES[p.weekday],
        }
        if p.opens and p.closes and not p.closed:
            row |= {"opens_at": p.opens, "closes_at": p.closes}
        # A period without an end (a season from a date on) is exported without valid_to.
        if p.valid_from:
            row["valid_from"] = p.valid_from
        if p.valid_to:
            row["valid_to"] = p.valid_to
        if p.notes:
            row["description"] = p.notes
        found.append(row)
    return found


def organization(org: Organization | OrganizationInfo) -> dict[str, Any]:
    own = hsds_id(org.id)
    # HSDS requires a description; a source that gives none leaves the name as the best one.
    record: dict[str, Any] = {
        "id": own,
        "name": org.name,
        "description": org.description or org.name,
    }
    if org.url:
        record["website"] = org.url
    if org.email:
        record["email"] = org.email
    record["phones"] = _phones(own, org.phone)
    return record


def location(loc: Location | Place) -> dict[str, Any]:
    own = hsds_id(loc.id)
    record: dict[str, Any] = {"id": own, "location_type": "physical", "name": loc.name}
    if loc.organization_id:
        record["organization_id"] = hsds_id(loc.organization_id)
    if loc.latitude is not None and loc.longitude is not None:
        record |= {"latitude": loc.latitude, "longitude": loc.longitude}
    record["addresses"] = [
        {
            "id": part_id(own, "address"),
            "location_id": own,
            "address_1": loc.address,
            "city": loc.city,
            # Not kept in the catalogue; HSDS requires the field.
            "state_province": "",
            "postal_code": loc.postcode,
            "country": COUNTRY,
            "address_type": "physical",
        }
    ] if loc.address and loc.city else []  # fmt: skip
    record["phones"] = _phones(own, loc.phone)
    record["accessibility"] = (
        [
            {
                "id": part_id(own, "accessibility"),
                "location_id": own,
                "description": loc.accessibility,
            }
        ]
        if loc.accessibility
        else []
    )
    return record


def _attributes(service_id: str, terms: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [
        {
            "id": part_id(service_id, "attribute", t["id"]),
            "link_id": service_id,
            "link_type": "service",
            "link_entity": "service",
            "taxonomy_term_id": t["id"],
            "value": "",
            "taxonomy_term": t,
        }
        for t in terms
    ]


def terms_of(view: OfferDetail, needs: tuple[str, ...]) -> list[dict[str, Any]]:
    o = view
    by_code = taxonomy.need_terms_by_code()
    found = [by_code[n] for n in needs if n in by_code]
    found += [taxonomy.upl_term(uri) for uri in o.upl_uris]
    found += [term("categorie", c, c) for c in o.categories]
    found += [term("zoekwoorden", k, k) for k in o.keywords]
    found += [term("doelgroep", a, a) for a in o.audience]
    found += [
        term(
            "aanvragen",
            a,
            a,
            "",
            o.application_url if a in ("online", "digid") and o.application_url else "",
        )
        for a in o.how_to_apply
    ]
    if o.is_wijkteam:
        found.append(term("wijkteam", "wijkteam", "Wijkteam"))
    if o.is_demo:
        found.append(term("demo", "demo", "Demogegevens"))
    return found


def service(view: OfferDetail, extras: Extras) -> dict[str, Any]:
    o = view
    own = hsds_id(o.id)
    description = "\n\n".join(part for part in (o.summary, o.description_html) if part)
    record: dict[str, Any] = {
        "id": own,
        "name": o.title,
        "status": "active",
        "description": description,
    }
    if view.organization:
        record["organization_id"] = hsds_id(view.organization.id)
        record["organization"] = organization(view.organization)
    record |= {k: v for k, v in (("url", o.url), ("email", o.email)) if v}
    record |= {
        k: v
        for k, v in (("eligibility_description", o.eligibility), ("fees_description", o.costs))
        if v
    }
    dates = [s.modified_at for s in view.sources if s.modified_at]
    if dates:
        record["last_modified"] = provenance.stamp(max(dates))
    if extras.fresh and extras.fresh.confirmed_at:
        record["assured_date"] = extras.fresh.confirmed_at.date().isoformat()
    record["phones"] = _phones(own, o.phone)
    record["schedules"] = _schedules(own, view.hours, "service_id", own)
    record["service_areas"] = (
        [
            {
                "id": part_id(own, "area"),
                "service_id": own,
                "name": "Postcodes",
                "extent": ", ".join(o.service_area),
                "extent_type": "text",
            }
        ]
        if o.service_area
        else []
    )
    record["languages"] = [
        {"id": part_id(own, "language", code), "service_id": own, "code": code}
        for code in o.languages
    ]
    record["required_documents"] = [
        {"id": part_id(own, "document", str(n)), "service_id": own, "document": line}
        for n, line in enumerate(t for t in o.what_to_bring.splitlines() if t.strip())
    ]
    record["service_at_locations"] = []
    for place in view.places:
        loc_id = hsds_id(place.id)
        link = part_id(own, "at", loc_id)
        record["service_at_locations"].append(
            {
                "id": link,
                "service_id": own,
                "location_id": loc_id,
                "schedules": _schedules(link, place.hours, "service_at_location_id", link),
                "location": location(place),
            }
        )
    record["attributes"] = _attributes(own, terms_of(view, extras.needs))
    record["metadata"] = [
        *provenance.source_entries(own, "service", view.sources),
        *provenance.confirmed_entry(
            own,
            "service",
            extras.fresh.confirmed_at if extras.fresh else None,
            bool(extras.fresh and extras.fresh.by_editor),
        ),
        *provenance.correction_entries(
            own,
            [(c, crawled, values.describe(c.field, c.value)) for c, crawled in extras.corrections],
        ),
        *provenance.confirmation_entries(own, extras.confirmations),
    ]
    return record
