"""Every role against every staff endpoint, checked on the server."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from finder.app import create_app
from finder.settings import Settings
from tests.conftest import GatedClient
from tests.finder.staff.factories import build_world, login, refer, reference_of

ROLES = ("anonymous", "helper", "counter", "receiver", "other_receiver", "admin")
GUIDES = {"helper", "counter"}


def _status(
    client: Any, method: str, path: str, csrf: str, data: dict[str, str] | None = None
) -> int:
    if method == "GET":
        return int(client.get(path, follow_redirects=False).status_code)
    payload = {"csrf_token": csrf, **(data or {})}
    return int(client.post(path, data=payload, follow_redirects=False).status_code)


@pytest.fixture(scope="module")
def setup(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Any]]:
    """One world for the whole matrix: the requests below change nothing another case relies on."""
    settings = Settings(data_dir=tmp_path_factory.mktemp("authz") / "var", environment="test")
    world = build_world(settings)
    made: list[GatedClient] = []

    def make_client(s: Settings) -> GatedClient:
        made.append(GatedClient(create_app(s), raise_server_exceptions=False))
        return made[-1]

    owner = make_client(settings)
    reference = reference_of(
        refer(owner, login(owner, world.users["counter"]), world.taalpunt_offer)
    )
    clients: dict[str, tuple[Any, str]] = {}
    for role in ROLES:
        client = make_client(settings)
        csrf = login(client, world.users[role]) if role != "anonymous" else ""
        clients[role] = (client, csrf)
    yield {"world": world, "reference": reference, "clients": clients}
    for client in made:
        client.close()


def _expected(role: str, allowed: set[str], ok: int) -> int:
    if role == "anonymous":
        return 303  # to the login page
    return ok if role in allowed else 403


@pytest.mark.parametrize("role", ROLES)
def test_role_endpoints(setup: dict[str, Any], role: str) -> None:
    world, reference = setup["world"], setup["reference"]
    client, csrf = setup["clients"][role]
    offer = world.taalpunt_offer
    cases: list[tuple[str, str, set[str], int, dict[str, str] | None]] = [
        ("GET", "/staff/bezoeker", GUIDES, 200, None),
        ("GET", "/staff/bezoeker/overzicht", GUIDES, 200, None),
        ("POST", "/staff/bezoeker/toevoegen", GUIDES, 303, {"offer_id": offer}),
        ("POST", "/staff/bezoeker/verwijderen", GUIDES, 303, {"offer_id": offer}),
        ("POST", "/staff/bezoeker/nieuw", GUIDES, 303, None),
        ("GET", f"/staff/verwijzen/{offer}", GUIDES, 200, None),
        ("POST", f"/staff/verwijzen/{offer}", GUIDES, 400, {"name": ""}),
        ("GET", "/staff/verwijzingen", GUIDES | {"receiver", "other_receiver"}, 200, None),
        ("GET", "/staff/beheer", {"admin"}, 200, None),
        ("POST", "/staff/beheer/export", {"admin"}, 200, {"contact": "06-12345678"}),
        ("POST", "/staff/beheer/verwijderen", {"admin"}, 400, {"contact": ""}),
    ]
    for method, path, allowed, ok, data in cases:
        assert _status(client, method, path, csrf, data) == _expected(role, allowed, ok), (
            role,
            method,
            path,
        )

    # One referral, made by the counter member, to the Taalpunt: who may see and change it?
    detail = _status(client, "GET", f"/staff/verwijzingen/{reference}", csrf)
    slip = _status(client, "GET", f"/staff/verwijzingen/{reference}/bon", csrf)
    status = _status(
        client, "POST", f"/staff/verwijzingen/{reference}/status", csrf, {"status": "contacted"}
    )
    expected_detail = {"anonymous": 303, "counter": 200, "receiver": 200, "admin": 403}.get(
        role, 404
    )
    expected_slip = {"anonymous": 303, "counter": 200, "helper": 404}.get(role, 403)
    expected_status = {"anonymous": 303, "receiver": 303, "other_receiver": 404}.get(role, 403)
    assert (detail, slip, status) == (expected_detail, expected_slip, expected_status), role


def test_lists_show_only_what_each_role_may_see(setup: dict[str, Any]) -> None:
    reference = setup["reference"]
    seen = {
        role: reference in c.get("/staff/verwijzingen").text
        for role, (c, _) in setup["clients"].items()
        if role not in ("anonymous", "admin")
    }
    assert seen == {"helper": False, "counter": True, "receiver": True, "other_receiver": False}
