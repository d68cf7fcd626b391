"""The catalogue, crawl and search on a real PostgreSQL server, as in production.

scripts/test installs Debian's postgresql package; the server runs only for this test.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text
from sqlmodel import Session, select

from finder.app import create_app
from finder.db import get_engine
from finder.models import Referral
from finder.settings import Settings
from tests.conftest import GatedClient
from tests.demo_city import crawl_demo
from tests.finder.staff.factories import build_world, login, refer, reference_of, step
from tests.postgres import running_postgres


@pytest.fixture(scope="module")
def database_url() -> Iterator[str]:
    with running_postgres() as url:
        yield url


def test_demo_city_crawls_and_searches_on_postgresql(database_url: str, tmp_path: Path) -> None:
    crawl_demo(tmp_path / "var", database_url)
    settings = Settings(data_dir=tmp_path / "var", database_url=database_url, environment="test")
    with GatedClient(create_app(settings)) as client:
        body = client.get(
            "/api/v1/search", params={"q": "welk wijkteam hoort bij mij", "postcode": "8043"}
        ).json()
        assert body["hits"][0]["title"] == "Sociaal Wijkteam West"
        detail = client.get(f"/api/v1/offers/{body['hits'][0]['id']}").json()
        assert "8043" in detail["service_area"]
        page = client.get("/zoeken", params={"q": "qqqxxx", "postcode": "8043"})
        assert "Sociaal Wijkteam West" in page.text  # the wijkteam lookup runs on PostgreSQL too
    # A second crawl updates in place: nothing is duplicated or lost.
    crawl_demo(tmp_path / "var", database_url)
    with GatedClient(create_app(settings)) as client:
        again = client.get("/api/v1/search", params={"q": "wijkteam", "limit": 50}).json()
        titles = [h["title"] for h in again["hits"]]
        assert len(titles) == len(set(titles))


def _fresh_database(url: str, name: str) -> str:
    admin = create_engine(url.rsplit("/", 1)[0] + "/postgres", isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    admin.dispose()
    return url.rsplit("/", 1)[0] + f"/{name}"


def test_warm_referral_closed_loop_on_postgresql(database_url: str, tmp_path: Path) -> None:
    url = _fresh_database(database_url, "referrals")
    settings = Settings(data_dir=tmp_path / "var", database_url=url, environment="test")
    world = build_world(settings)
    counter = GatedClient(create_app(settings))
    receiver = GatedClient(create_app(settings))
    reference = reference_of(
        refer(counter, login(counter, world.users["counter"]), world.taalpunt_offer)
    )
    receiver_csrf = login(receiver, world.users["receiver"])
    assert "Fatima Jansen" in receiver.get(f"/staff/verwijzingen/{reference}").text
    assert step(receiver, receiver_csrf, reference, "helped", "received").status_code == 303
    # The step compares and sets in one UPDATE: a second click from the same page is refused.
    assert step(receiver, receiver_csrf, reference, "helped", "received").status_code == 409
    note = receiver.post(
        f"/staff/verwijzingen/{reference}/notitie",
        data={"note": "Teruggebeld", "csrf_token": receiver_csrf},
        follow_redirects=False,
    )
    assert note.status_code == 303
    with Session(get_engine(settings)) as db:
        referral = db.exec(select(Referral).where(Referral.reference == reference)).one()
        assert referral.status.value == "helped"
        assert "Fatima" not in referral.name_enc  # encrypted at rest
