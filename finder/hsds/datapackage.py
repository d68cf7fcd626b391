"""The whole catalogue as the HSDS tabular datapackage: one CSV per HSDS table in a zip.

Every CSV has exactly the columns of the official datapackage.json (finder/data/hsds/), in the
same order, so any HSDS tool reads it; tables the catalogue has nothing for are there, empty.
"""

from __future__ import annotations

import csv
import io
import json
import zipfile
from collections import defaultdict
from functools import lru_cache
from pathlib import Path
from typing import Any

from sqlmodel import Session, col

from finder.hsds import catalogue, taxonomy, terms
from finder.models import Offer

OFFICIAL = Path(__file__).resolve().parents[1] / "data" / "hsds" / "datapackage.json"
# Nested lists in the API records and the table each goes to, with the parent's link column.
NESTED = {
    "phones": "phone",
    "schedules": "schedule",
    "service_areas": "service_area",
    "languages": "language",
    "required_documents": "required_document",
    "attributes": "attribute",
    "metadata": "metadata",
    "addresses": "address",
    "accessibility": "accessibility",
    "service_at_locations": "service_at_location",
}
LINK = {"service": "service_id", "organization": "organization_id", "location": "location_id",
        "service_at_location": "service_at_location_id"}  # fmt: skip


@lru_cache(maxsize=1)
def official() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(OFFICIAL.read_text(encoding="utf-8"))
    return data


class Tables:
    def __init__(self) -> None:
        self.rows: dict[str, dict[str, dict[str, Any]]] = defaultdict(dict)

    def add(
        self, table: str, record: dict[str, Any], parent: tuple[str, str] | None = None
    ) -> None:
        flat = {k: v for k, v in record.items() if not isinstance(v, (list, dict))}
        if parent and LINK.get(parent[0]) and table not in ("attribute", "metadata"):
            flat.setdefault(LINK[parent[0]], parent[1])
        self.rows[table].setdefault(str(flat.get("id")), flat)
        for key, value in record.items():
            if key in NESTED and isinstance(value, list):
                for item in value:
                    self.add(NESTED[key], item, (table, str(record["id"])))
            elif key in ("location", "organization") and isinstance(value, dict):
                self.add(key, value)
            elif key == "taxonomy_term" and isinstance(value, dict):
                self.add("taxonomy_term", value)


def _csv(fields: list[str], rows: list[dict[str, Any]]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(fields)
    for row in rows:
        writer.writerow(["" if row.get(f) is None else row.get(f) for f in fields])
    return out.getvalue()


def build(db: Session, stale_after_days: int, about_url: str) -> bytes:
    tables = Tables()
    shown = catalogue.shown_offers().order_by(col(Offer.id))
    for offer_id in db.exec(shown):
        record = catalogue.service(db, offer_id, stale_after_days)
        if record is not None:
            tables.add("service", record)
        db.expunge_all()
    page = 1
    while True:
        found = catalogue.organizations(db, page, catalogue.MAX_PER_PAGE)
        for org in found["contents"]:
            tables.add("organization", org)
        if found["last_page"]:
            break
        page += 1
    for owner in taxonomy.TAXONOMIES.values():
        tables.add("taxonomy", owner.record())
    for found_term in terms.all_terms(db):
        tables.add("taxonomy_term", found_term)
    package = {
        **{k: v for k, v in official().items() if k not in ("resources", "license")},
        "name": "stad-in-verbinding",
        "title": "Stad in verbinding: hulp en aanbod in de stad (HSDS 3.0)",
        "licenses": [
            {"title": "Licences of the sources, listed on the About page", "path": about_url}
        ],
        "resources": official()["resources"],
    }
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("datapackage.json", json.dumps(package, ensure_ascii=False, indent=2))
        for resource in official()["resources"]:
            fields = [f["name"] for f in resource["schema"]["fields"]]
            archive.writestr(
                resource["path"], _csv(fields, list(tables.rows[resource["name"]].values()))
            )
    return buffer.getvalue()
