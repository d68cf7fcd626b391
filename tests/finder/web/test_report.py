""" "Klopt er iets niet?": a resident's report reaches the editors' queue; robots, floods and
bad input get a clear answer; no IP address is stored; the e-mail address goes once handled."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from sqlmodel import Session, select

from finder.db import get_engine
from finder.editorial.suggestions import LIMIT
from finder.models import Suggestion
from finder.settings import Settings
from tests.finder.staff.factories import build_world, login

EMAIL = "melder@example.invalid"


def _files(settings: Settings) -> bytes:
    return b"".join(p.read_bytes() for p in Path(settings.data_dir).glob("catalogue.sqlite3*"))


@pytest.fixture
def world(settings: Settings) -> Any:
    return build_world(settings)


def test_a_report_without_javascript_reaches_the_editor_and_the_address_goes_once_handled(
    settings: Settings, make_client: Any, world: Any
) -> None:
    resident = make_client(settings)
    page = resident.get(f"/aanbod/{world.taalpunt_offer}?lang=en")
    assert 'action="/aanbod/' in page.text and "Is something wrong?" in page.text
    response = resident.post(
        f"/aanbod/{world.taalpunt_offer}/melden",
        data={"problem": "phone", "note": "Het nummer is 038-123 45 67", "email": EMAIL},
        follow_redirects=False,
    )
    assert response.status_code == 303
    assert "Thank you" in resident.get(response.headers["location"] + "&lang=en").text
    assert EMAIL.encode() not in _files(settings)  # encrypted at rest
    assert b"testclient" not in _files(settings)  # the client address is not stored
    editor = make_client(settings)
    csrf = login(editor, world.users["editor"])
    queue = editor.get("/staff/redactie?lang=en").text
    assert "The phone number is wrong" in queue and "038-123 45 67" in queue
    report = re.search(r"melding=(\d+)", queue)
    assert report
    detail = editor.get(
        f"/staff/redactie/aanbod/{world.taalpunt_offer}?melding={report.group(1)}"
    ).text
    assert EMAIL in detail
    editor.post(
        f"/staff/redactie/meldingen/{report.group(1)}",
        data={"csrf_token": csrf, "decision": "rejected"},
    )
    with Session(get_engine(settings)) as db:
        stored = db.exec(select(Suggestion)).one()
        assert stored.state == "rejected" and stored.email_enc == ""
    assert EMAIL not in editor.get(f"/staff/redactie/aanbod/{world.taalpunt_offer}").text


def test_a_robot_filling_the_hidden_field_is_thanked_and_nothing_is_stored(
    settings: Settings, make_client: Any, world: Any
) -> None:
    response = make_client(settings).post(
        f"/aanbod/{world.taalpunt_offer}/melden",
        data={"problem": "other", "note": "cheap pills", "website": "http://spam.example"},
        follow_redirects=False,
    )
    assert response.status_code == 303
    with Session(get_engine(settings)) as db:
        assert db.exec(select(Suggestion)).all() == []


def test_a_flood_from_one_client_is_limited_and_keeps_nothing_extra(
    settings: Settings, make_client: Any, world: Any
) -> None:
    resident = make_client(settings)
    for _ in range(LIMIT):
        sent = resident.post(
            f"/aanbod/{world.taalpunt_offer}/melden",
            data={"problem": "hours"},
            follow_redirects=False,
        )
        assert sent.status_code == 303
    refused = resident.post(f"/aanbod/{world.taalpunt_offer}/melden", data={"problem": "hours"})
    assert refused.status_code == 429 and "14038" in refused.text
    with Session(get_engine(settings)) as db:
        assert len(db.exec(select(Suggestion)).all()) == LIMIT


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({}, "problem"),
        ({"problem": "colour"}, "problem"),
        ({"problem": "phone", "email": "not an address"}, "email"),
        ({"problem": "phone", "note": "x" * 1001}, "note"),
    ],
)
def test_bad_input_gets_a_clear_answer_and_keeps_what_was_typed(
    settings: Settings, make_client: Any, world: Any, data: dict[str, str], field: str
) -> None:
    response = make_client(settings).post(
        f"/aanbod/{world.taalpunt_offer}/melden", data={"note": "kept text", **data}
    )
    assert response.status_code == 400
    assert 'role="alert"' in response.text and f'href="#report-{field}' in response.text
    if "note" not in data:
        assert "kept text" in response.text
    with Session(get_engine(settings)) as db:
        assert db.exec(select(Suggestion)).all() == []


def test_unknown_offers_and_other_sites_are_refused(
    settings: Settings, make_client: Any, world: Any
) -> None:
    client = make_client(settings)
    assert client.post("/aanbod/nope/melden", data={"problem": "phone"}).status_code == 404
    assert client.get("/aanbod/nope/melden").status_code == 404
    forged = client.post(
        f"/aanbod/{world.taalpunt_offer}/melden",
        data={"problem": "phone"},
        headers={"origin": "https://evil.example"},
    )
    assert forged.status_code == 403
    fetched = client.post(
        f"/aanbod/{world.taalpunt_offer}/melden",
        data={"problem": "phone"},
        headers={"sec-fetch-site": "cross-site", "origin": "null"},
    )
    assert fetched.status_code == 403
    with Session(get_engine(settings)) as db:
        assert db.exec(select(Suggestion)).all() == []
