from __future__ import annotations

import re
from typing import Any

from finder.search.indexing import reindex
from finder.settings import Settings
from tests.finder.staff.factories import Inbox, build_world, free_port, login, smtp_server


def _add(client: Any, csrf: str, offer_id: str) -> None:
    response = client.post(
        "/staff/bezoeker/toevoegen",
        data={"offer_id": offer_id, "csrf_token": csrf, "next": "/zoeken?q=taal"},
        follow_redirects=False,
    )
    assert response.status_code == 303
    assert response.headers["location"] == "/zoeken?q=taal"


def test_search_results_offer_the_add_form_to_guides_only(
    settings: Settings, make_client: Any
) -> None:
    world = build_world(settings)
    reindex(settings)
    client = make_client(settings)
    assert "Nederlands leren" in client.get("/zoeken", params={"q": "nederlands leren"}).text
    assert (
        "/staff/bezoeker/toevoegen"
        not in client.get("/zoeken", params={"q": "nederlands leren"}).text
    )
    login(client, world.users["receiver"])
    assert (
        "/staff/bezoeker/toevoegen"
        not in client.get("/zoeken", params={"q": "nederlands leren"}).text
    )
    client.cookies.clear()
    login(client, world.users["helper"])
    page = client.get("/zoeken", params={"q": "nederlands leren"}).text
    assert "/staff/bezoeker/toevoegen" in page
    assert f"/staff/verwijzen/{world.taalpunt_offer}" in page


def test_handout_has_what_the_visitor_needs_per_offer(settings: Settings, make_client: Any) -> None:
    world = build_world(settings)
    client = make_client(settings)
    csrf = login(client, world.users["counter"])
    _add(client, csrf, world.taalpunt_offer)
    _add(client, csrf, world.voedselbank_offer)
    _add(client, csrf, "does-not-exist")
    page = client.get("/staff/bezoeker/overzicht").text
    assert page.count('class="handout-item"') == 2
    assert (
        "Nederlands leren bij het Taalpunt" in page and "Voedselpakket van de Voedselbank" in page
    )
    assert "Demostraat 1 (demo)" in page  # address
    assert "openstreetmap.org" in page  # route
    assert "09:00–17:00" in page  # opening hours
    assert "038-000 00 11" in page  # phone
    assert "Uw identiteitsbewijs" in page  # what to bring
    assert len(re.findall(r'<svg role="img"', page)) == 2  # QR codes, drawn on the server
    assert f"/aanbod/{world.taalpunt_offer}" in page


def test_new_visitor_and_logout_both_empty_the_list(settings: Settings, make_client: Any) -> None:
    world = build_world(settings)
    client = make_client(settings)
    csrf = login(client, world.users["helper"])
    _add(client, csrf, world.taalpunt_offer)
    assert "Nederlands leren bij het Taalpunt" in client.get("/staff/bezoeker").text
    client.post("/staff/bezoeker/nieuw", data={"csrf_token": csrf})
    assert "Nederlands leren bij het Taalpunt" not in client.get("/staff/bezoeker").text
    _add(client, csrf, world.taalpunt_offer)
    client.post("/staff/uitloggen", data={"csrf_token": csrf})
    login(client, world.users["helper"])
    assert "Nederlands leren bij het Taalpunt" not in client.get("/staff/bezoeker").text


def test_lists_of_two_helpers_are_separate(settings: Settings, make_client: Any) -> None:
    world = build_world(settings)
    first, second = make_client(settings), make_client(settings)
    _add(first, login(first, world.users["helper"]), world.taalpunt_offer)
    login(second, world.users["helper2"])
    assert "Nederlands leren bij het Taalpunt" not in second.get("/staff/bezoeker").text


def test_overview_is_mailed_once_and_the_address_is_not_stored(
    tmp_path: Any, make_client: Any
) -> None:
    inbox, port = Inbox(), free_port()
    server = smtp_server(inbox, port)
    try:
        settings = Settings(
            data_dir=tmp_path / "var", environment="test", smtp_host="127.0.0.1", smtp_port=port
        )
        world = build_world(settings)
        client = make_client(settings)
        csrf = login(client, world.users["helper"])
        _add(client, csrf, world.taalpunt_offer)
        response = client.post(
            "/staff/bezoeker/mailen",
            data={"email": "bezoeker@example.org", "csrf_token": csrf},
            follow_redirects=False,
        )
        assert response.headers["location"] == "/staff/bezoeker?status=mailed"
    finally:
        server.stop()
    assert len(inbox.messages) == 1
    recipients, content = inbox.messages[0]
    assert recipients == ["bezoeker@example.org"]
    assert "Nederlands leren bij het Taalpunt" in content and "Uw identiteitsbewijs" in content
    stored = b"".join(p.read_bytes() for p in (tmp_path / "var").glob("catalogue.sqlite3*"))
    assert b"bezoeker@example.org" not in stored
