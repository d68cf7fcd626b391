"""Normalise a schema.org object (GovernmentService, Service, Organization, Library, Place…)."""

from __future__ import annotations

from typing import Any

from indexer import postcodes
from indexer.records import LocationRecord, OfferRecord, OrgRecord, ScheduleRecord
from indexer.sanitise import summary_and_rest
from indexer.sources import coerce
from indexer.sources.jsonld import types_of
from indexer.sources.opening_hours import from_specifications, from_strings

SERVICE_TYPES = {"GovernmentService", "Service", "FinancialService", "ProfessionalService"}
ORGANISATION_TYPES = {
    "Organization", "GovernmentOrganization", "NGO", "Library", "Place", "LocalBusiness",
    "GovernmentOffice", "CivicStructure", "CityHall", "EducationalOrganization",
    "MedicalOrganization", "Corporation", "LegalService", "FoodEstablishment",
}  # fmt: skip


def main_entity(objects: list[dict[str, Any]]) -> dict[str, Any] | None:
    for wanted in (SERVICE_TYPES, ORGANISATION_TYPES):
        for obj in objects:
            if types_of(obj) & wanted:
                return obj
    return None


def to_record(obj: dict[str, Any], source_ref: str, page_url: str) -> OfferRecord:
    name = coerce.text(obj.get("name"))
    if not name:
        raise ValueError("JSON-LD without a name")
    is_service = bool(types_of(obj) & SERVICE_TYPES)
    summary, rest = summary_and_rest(str(obj.get("description") or ""))
    org = _organization(obj, is_service)
    hours = _hours(obj)
    places = _places(obj, is_service, hours)
    keywords = coerce.strings(obj.get("keywords")) + coerce.strings(obj.get("serviceType"))
    return OfferRecord(
        source_ref=source_ref,
        title=name,
        organization=org,
        source_url=page_url,
        summary=summary,
        description_html=rest,
        keywords=list(dict.fromkeys(k for k in keywords if k)),
        audience=[a for a in _audience(obj.get("audience")) if a in {"particulier", "ondernemer"}],
        phone=_phone(obj) or org.phone,
        email=_email(obj.get("email")) or org.email,
        url=coerce.url(obj.get("url")) or page_url,
        service_area=_area(obj.get("areaServed")),
        is_demo=is_demo(obj),
        locations=places,
        schedules=hours if not places else [],
    )


def is_demo(obj: dict[str, Any]) -> bool:
    for prop in coerce.dicts(obj.get("additionalProperty")):
        named_demo = coerce.text(prop.get("name")).lower() == "demo"
        if named_demo and prop.get("value") not in (False, "false"):
            return True
    return False


def _organization(obj: dict[str, Any], is_service: bool) -> OrgRecord:
    if is_service:
        for key in ("provider", "serviceOperator", "broker"):
            for value in coerce.dicts(obj.get(key)):
                if coerce.text(value.get("name")):
                    return _org_from(value)
            if isinstance(obj.get(key), str) and not str(obj[key]).startswith("http"):
                return OrgRecord(name=coerce.text(obj[key]))
        return OrgRecord(name=coerce.text(obj.get("name")))
    for parent in coerce.dicts(obj.get("parentOrganization")):
        if coerce.text(parent.get("name")):
            return _org_from(parent)
    return _org_from(obj)


def _org_from(obj: dict[str, Any]) -> OrgRecord:
    return OrgRecord(
        name=coerce.text(obj.get("name")),
        url=coerce.url(obj.get("url")),
        email=_email(obj.get("email")),
        phone=coerce.text(obj.get("telephone")),
        is_demo=is_demo(obj),
    )


def _places(
    obj: dict[str, Any], is_service: bool, hours: list[ScheduleRecord]
) -> list[LocationRecord]:
    candidates: list[dict[str, Any]] = [] if is_service else [obj]
    for channel in coerce.dicts(obj.get("availableChannel")):
        candidates += coerce.dicts(channel.get("serviceLocation"))
    candidates += coerce.dicts(obj.get("location"))
    places = []
    for place in candidates:
        record = _place(place)
        if record.address or record.postcode or record.latitude is not None:
            record.schedules = _hours(place) or hours
            places.append(record)
    return places


def _place(place: dict[str, Any]) -> LocationRecord:
    address = next(iter(coerce.dicts(place.get("address"))), {})
    geo = next(iter(coerce.dicts(place.get("geo"))), {})
    street = coerce.text(address.get("streetAddress")) or (
        coerce.text(place.get("address")) if isinstance(place.get("address"), str) else ""
    )
    latitude, longitude = coerce.point(geo.get("latitude"), geo.get("longitude"))
    return LocationRecord(
        name=coerce.text(place.get("name")),
        address=street,
        postcode=postcodes.normalise(coerce.text(address.get("postalCode"))),
        city=coerce.text(address.get("addressLocality")),
        latitude=latitude,
        longitude=longitude,
        phone=coerce.text(place.get("telephone")),
        is_demo=is_demo(place),
    )


def _hours(obj: dict[str, Any]) -> list[ScheduleRecord]:
    return (
        from_specifications(obj.get("hoursAvailable"))
        + from_specifications(obj.get("openingHoursSpecification"))
        + from_strings(obj.get("openingHours"))
    )


def _area(value: Any) -> list[str]:
    texts = []
    for item in value if isinstance(value, list) else [value]:
        if isinstance(item, dict):
            texts += [coerce.text(item.get(k)) for k in ("postalCode", "name", "description")]
        elif item:
            texts.append(coerce.text(item))
    return postcodes.in_text(" ".join(texts))


def _audience(value: Any) -> list[str]:
    found = []
    for item in value if isinstance(value, list) else [value]:
        if isinstance(item, dict):
            found += [
                coerce.text(item.get("audienceType")).lower(),
                coerce.text(item.get("name")).lower(),
            ]
        elif item:
            found.append(coerce.text(item).lower())
    return found


def _phone(obj: dict[str, Any]) -> str:
    if coerce.text(obj.get("telephone")):
        return coerce.text(obj.get("telephone"))
    for channel in coerce.dicts(obj.get("availableChannel")):
        for phone in coerce.dicts(channel.get("servicePhone")):
            if coerce.text(phone.get("telephone")):
                return coerce.text(phone.get("telephone"))
    return ""


def _email(value: Any) -> str:
    text = coerce.text(value)
    return text.removeprefix("mailto:")
