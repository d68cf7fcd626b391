"""The changes page lists what each crawl added, changed and removed; an editor confirms a
change or puts a removed offer on hold. Freshness and failing sources, on the real pages."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from sqlmodel import Session, select

from finder.db import get_engine
from finder.models import Offer, SourceRecord
from finder.settings import Settings
from tests.finder.editorial.sources import SERVICE_ID, crawl, service
from tests.finder.staff.factories import build_world, login

OTHER_ID = "5b7c2f4e-1d3a-4b6c-9e8f-0a1b2c3d4e60"


def _other() -> dict[str, Any]:
    return {**service(name="Formulierenhulp (demo)"), "id": OTHER_ID}


def _editor(settings: Settings, make_client: Any) -> tuple[Any, str]:
    world = build_world(settings)
    editor = make_client(settings)
    return editor, login(editor, world.users["editor"])


def _offer_id(settings: Settings, title: str) -> str:
    with Session(get_engine(settings)) as db:
        return db.exec(select(Offer.id).where(Offer.title == title)).one()


def test_changes_per_crawl_and_a_removed_offer_put_on_hold(
    tmp_path: Path, settings: Settings, make_client: Any
) -> None:
    editor, csrf = _editor(settings, make_client)
    resident = make_client(settings)
    crawl(tmp_path, settings.data_dir, [service(), _other()])
    kept = _offer_id(settings, "Formulierenhulp (demo)")
    crawl(tmp_path, settings.data_dir, [service(phone="038-222 22 22")])
    assert resident.get(f"/aanbod/{kept}").status_code == 404
    page = editor.get("/staff/redactie/wijzigingen").text
    assert "0 nieuw, 1 gewijzigd, 1 verwijderd" in page
    hold = re.search(r'action="/staff/redactie/wijzigingen/(\d+)/aanhouden"', page)
    confirm = re.search(r'action="/staff/redactie/wijzigingen/(\d+)/bevestigen"', page)
    assert hold and confirm
    assert (
        editor.post(
            hold.group(0).split('"')[1], data={"csrf_token": csrf}, follow_redirects=False
        ).status_code
        == 303
    )
    shown = resident.get(f"/aanbod/{kept}")
    assert shown.status_code == 200 and "Formulierenhulp (demo)" in shown.text
    queue = editor.get("/staff/redactie").text
    assert "Formulierenhulp (demo)" in queue and 'id="no-holds"' not in queue
    page = editor.get("/staff/redactie/wijzigingen").text
    assert "/aanhouden" not in page  # decided
    # A later crawl does not remove the held offer again; its source does not list it.
    crawl(tmp_path, settings.data_dir, [service(phone="038-222 22 22")])
    assert resident.get(f"/aanbod/{kept}").status_code == 200
    editor.post(f"/staff/redactie/aanbod/{kept}/vrijgeven", data={"csrf_token": csrf})
    assert resident.get(f"/aanbod/{kept}").status_code == 404


def test_confirming_a_change_is_a_check_residents_see(
    tmp_path: Path, settings: Settings, make_client: Any
) -> None:
    editor, csrf = _editor(settings, make_client)
    crawl(tmp_path, settings.data_dir, [service()])
    offer_id = _offer_id(settings, "Spreekuur schulden (demo)")
    with Session(get_engine(settings)) as db:
        record = db.exec(select(SourceRecord).where(SourceRecord.offer_id == offer_id)).one()
        record.last_seen = datetime(2026, 1, 5, 12, tzinfo=UTC)
        db.add(record)
        db.commit()
    resident = make_client(settings)
    assert "Checked on January 5, 2026" in resident.get(f"/aanbod/{offer_id}?lang=en").text
    page = editor.get("/staff/redactie/wijzigingen").text
    confirm = re.search(r'action="(/staff/redactie/wijzigingen/\d+/bevestigen)"', page)
    assert confirm
    editor.post(confirm.group(1), data={"csrf_token": csrf})
    checked = re.search(
        r'class="freshness">([^<]+)<', resident.get(f"/aanbod/{offer_id}?lang=en").text
    )
    assert checked and "January 5" not in checked.group(1)
    assert str(datetime.now(UTC).year) in checked.group(1)
    assert "Confirmed" in editor.get("/staff/redactie/wijzigingen?lang=en").text


def test_a_source_failing_longer_than_the_limit_is_flagged_and_marked(
    settings: Settings, make_client: Any
) -> None:
    editor, _ = _editor(settings, make_client)
    resident = make_client(settings)
    with Session(get_engine(settings)) as db:
        offer = db.exec(
            select(Offer).where(Offer.title == "Nederlands leren bij het Taalpunt")
        ).one()
        offer.stale_since = datetime.now(UTC) - timedelta(days=settings.stale_after_days - 1)
        db.add(offer)
        db.commit()
        offer_id = offer.id
    assert (
        "could not be checked for a long time"
        not in resident.get(f"/aanbod/{offer_id}?lang=en").text
    )
    assert 'id="no-stale"' in editor.get("/staff/redactie").text
    with Session(get_engine(settings)) as db:
        offer = db.get(Offer, offer_id)
        assert offer is not None
        offer.stale_since = datetime.now(UTC) - timedelta(days=settings.stale_after_days + 1)
        db.add(offer)
        db.commit()
    # A new client: this one's cached page was made before the database was changed by hand.
    resident = make_client(settings)
    assert (
        "could not be checked for a long time" in resident.get(f"/aanbod/{offer_id}?lang=en").text
    )
    queue = editor.get("/staff/redactie").text
    assert 'id="no-stale"' not in queue and "Nederlands leren bij het Taalpunt" in queue
    assert SERVICE_ID  # the shared source factory stays importable for other tests
