"""Normalise one HSDS 3.0 service object into an OfferRecord."""

from __future__ import annotations

import html
from typing import Any

from indexer import postcodes
from indexer.records import LocationRecord, OfferRecord, OrgRecord
from indexer.sanitise import clean_html, summary_and_rest
from indexer.sources import coerce
from indexer.sources.hsds_schedule import from_hsds
from indexer.upl import UplList

SKIP_STATUSES = {"defunct", "inactive"}


class NotAService(ValueError):
    """The object cannot become an offer; the message is the skip reason."""


def service_to_record(
    svc: dict[str, Any], upl: UplList, source_url: str, fallback_org: str
) -> OfferRecord:
    ref = str(svc.get("id") or "").strip()
    name = coerce.text(svc.get("name"))
    if not ref or not name:
        raise NotAService("service without id or name")
    status = str(svc.get("status") or "active").strip().lower()
    if status in SKIP_STATUSES:
        raise NotAService(f"status {status}")
    terms = _terms(svc.get("attributes"))
    summary, rest = summary_and_rest(str(svc.get("description") or ""))
    record = OfferRecord(
        source_ref=ref,
        title=name,
        organization=_organization(svc.get("organization"), fallback_org, "demo" in terms),
        source_url=source_url,
        summary=summary,
        description_html=_with_process(rest, svc.get("application_process")),
        audience=[code for code, _name, _uri in terms.get("doelgroep", [])],
        categories=[name for _code, name, _uri in terms.get("categorie", [])],
        keywords=[name for _code, name, _uri in terms.get("zoekwoorden", [])],
        upl_uris=_upl(terms.get("upl", []), upl),
        eligibility=coerce.text(svc.get("eligibility_description")),
        costs=coerce.text(svc.get("fees_description") or svc.get("fees")),
        how_to_apply=[code for code, _name, _uri in terms.get("aanvragen", [])],
        application_url=_application_url(terms),
        # One item a line, so pages can list them.
        what_to_bring="\n".join(
            doc
            for d in coerce.dicts(svc.get("required_documents"))
            if (doc := coerce.text(d.get("document")))
        ),
        languages=_languages(svc.get("languages")),
        phone=_phone(svc.get("phones")),
        email=coerce.text(svc.get("email")),
        url=coerce.url(svc.get("url")),
        service_area=_service_area(svc.get("service_areas")),
        is_demo="demo" in terms,
        modified_at=coerce.timestamp(svc.get("last_modified")),
        schedules=from_hsds(svc.get("schedules")),
    )
    record.is_wijkteam = _is_wijkteam(record, terms)
    record.locations = _locations(svc, record.is_demo)
    return record


def _terms(attributes: Any) -> dict[str, list[tuple[str, str, str]]]:
    """Taxonomy name → (code, name, term_uri) of every attribute's taxonomy term."""
    found: dict[str, list[tuple[str, str, str]]] = {}
    for attribute in coerce.dicts(attributes):
        term = attribute.get("taxonomy_term")
        if not isinstance(term, dict):
            continue
        detail = (
            term.get("taxonomy_detail") if isinstance(term.get("taxonomy_detail"), dict) else {}
        )
        taxonomy = coerce.text(term.get("taxonomy") or (detail or {}).get("name")).lower()
        entry = (
            coerce.text(term.get("code") or attribute.get("value")),
            coerce.text(term.get("name")),
            coerce.text(term.get("term_uri")),
        )
        found.setdefault(taxonomy, []).append(entry)
    return found


def _organization(org: Any, fallback: str, is_demo: bool) -> OrgRecord:
    if not isinstance(org, dict) or not coerce.text(org.get("name")):
        return OrgRecord(name=fallback, is_demo=is_demo)
    return OrgRecord(
        name=coerce.text(org.get("name")),
        description=coerce.text(org.get("description")),
        url=coerce.url(org.get("website") or org.get("url")),
        email=coerce.text(org.get("email")),
        phone=_phone(org.get("phones")),
        is_demo=is_demo,
    )


def _locations(svc: dict[str, Any], is_demo: bool) -> list[LocationRecord]:
    service_hours = from_hsds(svc.get("schedules"))
    found = []
    for link in coerce.dicts(svc.get("service_at_locations")):
        location = link.get("location")
        if not isinstance(location, dict) or location.get("location_type") == "virtual":
            continue
        record = _location(location, is_demo)
        # Hours of the service at this place win over the place's and the service's own hours.
        record.schedules = (
            from_hsds(link.get("schedules"))
            or from_hsds(location.get("schedules"))
            or service_hours
        )
        record.phone = _phone(link.get("phones")) or record.phone
        found.append(record)
    return found


def _location(location: dict[str, Any], is_demo: bool) -> LocationRecord:
    addresses = coerce.dicts(location.get("addresses"))
    physical = [a for a in addresses if a.get("address_type") != "postal"] or addresses
    address = physical[0] if physical else {}
    street = ", ".join(
        coerce.text(address.get(k)) for k in ("address_1", "address_2") if address.get(k)
    )
    latitude, longitude = coerce.point(location.get("latitude"), location.get("longitude"))
    return LocationRecord(
        name=coerce.text(location.get("name")),
        address=street,
        postcode=postcodes.normalise(coerce.text(address.get("postal_code"))),
        city=coerce.text(address.get("city")),
        latitude=latitude,
        longitude=longitude,
        accessibility=" ".join(
            coerce.text(a.get("description")) for a in coerce.dicts(location.get("accessibility"))
        ).strip(),
        phone=_phone(location.get("phones")),
        is_demo=is_demo or "demo" in _terms(location.get("attributes")),
        source_id=coerce.text(location.get("id")),
    )


def _service_area(areas: Any) -> list[str]:
    found: list[str] = []
    for area in coerce.dicts(areas):
        if str(area.get("extent_type") or "").lower() == "text":
            found += postcodes.in_text(coerce.text(area.get("extent")))
    return list(dict.fromkeys(found))


def _is_wijkteam(record: OfferRecord, terms: dict[str, list[tuple[str, str, str]]]) -> bool:
    labels = [
        *record.categories,
        *record.keywords,
        *(c for c, _n, _u in terms.get("categorie", [])),
    ]
    return "wijkteam" in terms or any("wijkteam" in label.lower() for label in labels)


def _upl(entries: list[tuple[str, str, str]], upl: UplList) -> list[str]:
    uris = []
    for _code, name, uri in entries:
        match = upl.match(uri, name)
        uris.append(match.uri if match else uri)
    return [u for u in dict.fromkeys(uris) if u]


def _application_url(terms: dict[str, list[tuple[str, str, str]]]) -> str:
    for _code, _name, uri in terms.get("aanvragen", []):
        if uri.startswith(("https://", "http://")):
            return uri
    return ""


def _with_process(rest: str, process: Any) -> str:
    text = coerce.text(process)
    if not text:
        return rest
    return clean_html(f"{rest}<h3>Zo vraagt u het aan</h3><p>{html.escape(text)}</p>")


def _languages(languages: Any) -> list[str]:
    return [
        coerce.text(lang.get("code") or lang.get("name"))
        for lang in coerce.dicts(languages)
        if lang.get("code") or lang.get("name")
    ]


def _phone(phones: Any) -> str:
    for phone in coerce.dicts(phones):
        number = coerce.text(phone.get("number")).strip("\"' ")
        if number:
            return number
    return ""
