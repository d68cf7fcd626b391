"""The HSDS 3.0 export: every endpoint validated against the official schemas, on the demo city
crawled by the real indexer, with an editor's correction and confirmation in the metadata."""

from __future__ import annotations

import csv
import io
import json
import re
import zipfile
from collections.abc import Iterator
from typing import Any

import pytest
from sqlmodel import Session, select

from finder.app import create_app
from finder.db import get_engine
from finder.editorial import corrections
from finder.hsds.datapackage import OFFICIAL
from finder.hsds.ids import hsds_id
from finder.models import CorrectedField, Offer, OfferStatus
from finder.settings import Settings
from tests.conftest import GatedClient
from tests.demo_city import crawl_demo
from tests.finder.hsds.schemas import errors, page_errors

CORRECTED_PHONE = "038-765 43 21"


@pytest.fixture(scope="module")
def city(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Settings, GatedClient, str]]:
    settings = Settings(data_dir=tmp_path_factory.mktemp("hsds") / "var", environment="test")
    crawl_demo(settings.data_dir)
    with Session(get_engine(settings)) as db:
        offer = db.exec(select(Offer).where(Offer.phone != "").order_by(Offer.id)).first()
        assert offer is not None
        corrections.save(db, offer, CorrectedField.phone, {"text": CORRECTED_PHONE}, None)
        corrections.confirm(db, offer.id, None, "checked")
        db.commit()
        corrected = offer.id
    client = GatedClient(create_app(settings))
    yield settings, client, corrected
    client.close()


def _all(client: GatedClient, path: str, per_page: int = 20) -> list[dict[str, Any]]:
    found, page = [], 1
    while True:
        body = client.get(path, params={"page": page, "per_page": per_page}).json()
        found += body["contents"]
        if body["last_page"]:
            return found
        page += 1


@pytest.mark.parametrize(
    ("path", "schema"),
    [
        ("/hsds/services", "compiled_service_list.json"),
        ("/hsds/services", "service.json"),
        ("/hsds/organizations", "organization.json"),
        ("/hsds/locations", "location.json"),
        ("/hsds/taxonomies", "taxonomy.json"),
        ("/hsds/taxonomy_terms", "taxonomy_term.json"),
    ],
)
def test_every_page_of_every_list_is_valid_hsds(city: Any, path: str, schema: str) -> None:
    _, client, _ = city
    page, seen = 1, 0
    while True:
        response = client.get(path, params={"page": page, "per_page": 25})
        assert response.status_code == 200
        body = response.json()
        assert page_errors(body, schema) == []
        assert body["page_number"] == page and body["size"] == len(body["contents"])
        seen += body["size"]
        if body["last_page"]:
            break
        page += 1
    assert seen == body["total_items"] > 0


def test_one_service_and_one_organization_validate(city: Any) -> None:
    _, client, corrected = city
    service = client.get(f"/hsds/services/{hsds_id(corrected)}")
    assert service.status_code == 200
    assert errors("service.json", service.json()) == []
    org_id = service.json()["organization"]["id"]
    organization = client.get(f"/hsds/organizations/{org_id}")
    assert organization.status_code == 200
    assert errors("organization.json", organization.json()) == []


def test_services_count_every_shown_offer_once(city: Any) -> None:
    settings, client, _ = city
    services = _all(client, "/hsds/services")
    with Session(get_engine(settings)) as db:
        shown = db.exec(select(Offer.id).where(Offer.status == OfferStatus.active)).all()
    assert sorted(s["id"] for s in services) == sorted(hsds_id(i) for i in shown)


def test_provenance_corrections_and_confirmations_are_in_the_metadata(city: Any) -> None:
    _, client, corrected = city
    service = client.get(f"/hsds/services/{hsds_id(corrected)}").json()
    assert service["phones"][0]["number"] == CORRECTED_PHONE
    actions = {m["last_action_type"]: m for m in service["metadata"]}
    assert actions["fetched"]["updated_by"]  # the source's name
    assert actions["fetched"]["last_action_date"]
    assert actions["corrected"]["field_name"] == "phone"
    assert actions["corrected"]["replacement_value"] == CORRECTED_PHONE
    assert actions["corrected"]["previous_value"] not in ("", CORRECTED_PHONE)
    assert actions["confirmed"]["updated_by"] == "redactie"
    assert "confirmed by editor (checked)" in actions
    for record in _all(client, "/hsds/organizations") + _all(client, "/hsds/locations"):
        kinds = {m["last_action_type"] for m in record["metadata"]}
        assert "fetched" in kinds, record["name"]


def test_government_products_keep_their_upl_uri_and_needs_are_a_taxonomy(city: Any) -> None:
    _, client, _ = city
    terms = _all(client, "/hsds/taxonomy_terms", per_page=200)
    upl = [t for t in terms if t["taxonomy"] == "upl"]
    assert upl and all(
        t["term_uri"].startswith("http://standaarden.overheid.nl/owms/terms/") for t in upl
    )
    needs = {t["code"] for t in terms if t["taxonomy"] == "behoeften"}
    assert {"digid", "geldzorgen"} <= needs
    services = _all(client, "/hsds/services")
    with_upl = [
        s for s in services if any(a["taxonomy_term"]["taxonomy"] == "upl" for a in s["attributes"])
    ]
    assert with_upl
    taxonomies = {t["name"] for t in client.get("/hsds/taxonomies").json()["contents"]}
    assert {"behoeften", "upl"} <= taxonomies


def test_unknown_ids_and_bad_pages_get_clear_answers(city: Any) -> None:
    _, client, _ = city
    assert client.get("/hsds/services/not-a-uuid").status_code == 404
    assert client.get("/hsds/services/00000000-0000-4000-8000-000000000000").status_code == 404
    assert client.get("/hsds/organizations/00000000-0000-4000-8000-000000000000").status_code == 404
    assert client.get("/hsds/services", params={"page": 0}).status_code == 422
    assert client.get("/hsds/services", params={"per_page": 100000}).status_code == 422
    beyond = client.get("/hsds/services", params={"page": 999}).json()
    assert beyond["empty"] is True and beyond["contents"] == []


def test_datapackage_has_the_official_columns_and_every_service(city: Any) -> None:
    _, client, corrected = city
    response = client.get("/hsds/datapackage.zip")
    assert response.status_code == 200
    archive = zipfile.ZipFile(io.BytesIO(response.content))
    package = json.loads(archive.read("datapackage.json"))
    official = json.loads(OFFICIAL.read_text())
    assert [r["path"] for r in package["resources"]] == [r["path"] for r in official["resources"]]
    tables: dict[str, list[dict[str, str]]] = {}
    for resource in package["resources"]:
        rows = list(csv.reader(io.StringIO(archive.read(resource["path"]).decode())))
        assert rows[0] == [f["name"] for f in resource["schema"]["fields"]], resource["path"]
        tables[resource["name"]] = [dict(zip(rows[0], row, strict=True)) for row in rows[1:]]
        for field in resource["schema"]["fields"]:
            # The catalogue keeps no province, and a first value has no previous one.
            if field["name"] in ("state_province", "previous_value"):
                continue
            if field.get("constraints", {}).get("required"):
                values = [row[field["name"]] for row in tables[resource["name"]]]
                assert "" not in values, (resource["name"], field["name"])
    services = {row["id"] for row in tables["service"]}
    assert len(services) == len(_all(client, "/hsds/services")) and hsds_id(corrected) in services
    organizations = {row["id"] for row in tables["organization"]}
    assert {row["organization_id"] for row in tables["service"]} <= organizations
    locations = {row["id"] for row in tables["location"]}
    assert {row["location_id"] for row in tables["service_at_location"]} <= locations
    phones = {row["number"] for row in tables["phone"] if row["service_id"] == hsds_id(corrected)}
    assert phones == {CORRECTED_PHONE}
    assert any(row["last_action_type"] == "corrected" for row in tables["metadata"])


def test_the_about_page_lists_sources_with_licence_and_links_to_the_open_data(city: Any) -> None:
    _, client, _ = city
    page = client.get("/over?lang=en").text
    for name in ("gemeente-zwolle-producten", "sociale-kaart-zwolle", "organisaties-websites"):
        assert f"<h3>{name}</h3>" in page
    assert "Demogegevens van dit project (EUPL-1.2)" in page
    assert 'href="/hsds/services"' in page and 'href="/hsds/datapackage.zip"' in page
    counted = re.findall(
        r"<h3>sociale-kaart-zwolle</h3>\s*<dl[^>]*>\s*<dt>[^<]+</dt><dd>[^<]+</dd>\s*"
        r"<dt>[^<]+</dt><dd>(\d+)</dd>",
        page,
    )
    assert counted and int(counted[0]) > 10
