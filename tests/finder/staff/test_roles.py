"""Every staff route, read from the app itself, tried by every role: the authorisation matrix.

A route the app serves under /staff or /publieke-pc without a decision in DECISIONS fails the
suite, and so does a role (in `Role`) without a test user: new endpoints and new roles cannot
slip through untested. Path parameters get sample values from SAMPLES; a new parameter name
needs one too.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import fastapi.routing
import pytest

from finder.app import create_app
from finder.models import Role
from finder.settings import Settings
from tests.conftest import GatedClient
from tests.finder.staff.factories import (
    build_world,
    editorial_samples,
    login,
    refer,
    reference_of,
    step,
)

STAFF_PATHS = ("/staff", "/publieke-pc")
# Test users: one per role, plus a second helper and a receiver of another organisation, who
# must not see what belongs to the first.
ROLES = ("anonymous", *(r.value for r in Role), "helper2", "other_receiver")
GUIDES = {"helper", "helper2", "counter"}
RECEIVERS = {"receiver", "other_receiver"}
EDITORS = {"editor"}
STAFF = GUIDES | RECEIVERS | EDITORS | {"admin"}


def only(allowed: set[str], ok: int, **exceptions: int) -> dict[str, int]:
    """Allowed roles get `ok`, other staff a friendly 403, anonymous visitors the login page."""
    expected = {role: ok if role in allowed else 403 for role in STAFF}
    return {"anonymous": 303, **expected, **exceptions}


def everyone(status: int, **exceptions: int) -> dict[str, int]:
    return {role: status for role in ROLES} | exceptions


@dataclass(frozen=True)
class Decision:
    expected: dict[str, int]
    data: dict[str, str] = field(default_factory=dict)
    # Which sample each path parameter takes, when not the default one.
    samples: dict[str, str] = field(default_factory=dict)


# The referral in "reference" is made by the counter member to the Taalpunt (receiver's org).
MINE = {"helper": 404, "helper2": 404}  # other guides: as if it did not exist
THEIRS = {"other_receiver": 404}
DECISIONS: dict[tuple[str, str], Decision] = {
    ("GET", "staff_home"): Decision(everyone(303)),
    ("GET", "staff_login"): Decision(everyone(303, anonymous=200)),
    # Anonymous posts carry no pre-login cookie, so their token cannot be valid.
    ("POST", "login"): Decision(
        everyone(400, anonymous=403), {"email": "<unknown account>", "password": "wrong"}
    ),
    ("POST", "staff_logout"): Decision(everyone(303, anonymous=403)),
    ("GET", "public_pc_start"): Decision(everyone(303)),
    ("GET", "public_pc_reset"): Decision(everyone(303)),
    ("GET", "public_pc_stop"): Decision(everyone(303)),
    ("GET", "visitor_list"): Decision(only(GUIDES, 200)),
    ("GET", "visitor_handout"): Decision(only(GUIDES, 200)),
    ("POST", "visitor_add"): Decision(only(GUIDES, 303), {"offer_id": "<offer>"}),
    ("POST", "visitor_remove"): Decision(only(GUIDES, 303), {"offer_id": "<offer>"}),
    ("POST", "visitor_new"): Decision(only(GUIDES, 303)),
    ("POST", "visitor_mail"): Decision(only(GUIDES, 400), {"email": "not an address"}),
    ("GET", "referral_new"): Decision(only(GUIDES, 200)),
    ("POST", "referral_create"): Decision(only(GUIDES, 400), {"name": ""}),
    ("GET", "referral_list"): Decision(only(GUIDES | RECEIVERS, 200)),
    ("GET", "referral_detail"): Decision(only(GUIDES | RECEIVERS, 200, **MINE, **THEIRS)),
    ("GET", "referral_slip"): Decision(only(GUIDES, 200, **MINE)),
    ("POST", "referral_slip_mail"): Decision(only(GUIDES, 303, **MINE)),
    ("POST", "referral_status"): Decision(
        only(RECEIVERS, 303, **THEIRS), {"status": "contacted", "seen": "received"}
    ),
    ("POST", "referral_note"): Decision(only(RECEIVERS, 303, **THEIRS), {"note": "Gebeld"}),
    ("POST", "referral_reopen"): Decision(
        only(RECEIVERS, 303, **THEIRS), {"reason": "Nog een vraag"}, {"reference": "closed"}
    ),
    ("GET", "editor_queue"): Decision(only(EDITORS, 200)),
    ("GET", "editor_offer"): Decision(only(EDITORS, 200)),
    ("POST", "editor_correct"): Decision(
        only(EDITORS, 303), {"field": "phone", "text": "038-000 00 99"}
    ),
    ("POST", "editor_confirm"): Decision(only(EDITORS, 303)),
    ("POST", "editor_release"): Decision(only(EDITORS, 303)),
    ("POST", "editor_report_close"): Decision(only(EDITORS, 303), {"decision": "rejected"}),
    ("POST", "editor_keep"): Decision(only(EDITORS, 303)),
    ("POST", "editor_withdraw"): Decision(only(EDITORS, 303), samples={"correction_id": "other"}),
    ("GET", "editor_changes"): Decision(only(EDITORS, 200)),
    ("POST", "editor_change_confirm"): Decision(only(EDITORS, 303)),
    ("POST", "editor_change_hold"): Decision(only(EDITORS, 303)),
    ("GET", "insights"): Decision(only(EDITORS | {"admin"}, 200)),
    ("GET", "insights_csv"): Decision(only(EDITORS | {"admin"}, 200)),
    ("GET", "admin_home"): Decision(only({"admin"}, 200)),
    ("POST", "admin_export"): Decision(only({"admin"}, 200), {"contact": "06-12345678"}),
    ("POST", "admin_delete"): Decision(only({"admin"}, 400), {"contact": ""}),
    ("GET", "admin_outbox"): Decision(only({"admin"}, 200)),
    ("POST", "admin_outbox_retry"): Decision(only({"admin"}, 303)),
    ("GET", "admin_organisations"): Decision(only({"admin"}, 200)),
    ("GET", "admin_organisation"): Decision(only({"admin"}, 200)),
    ("POST", "admin_organisation_link"): Decision(only({"admin"}, 303)),
    ("POST", "admin_organisation_unlink"): Decision(only({"admin"}, 303)),
}


def staff_routes(app: Any) -> list[tuple[str, Any]]:
    """(method, route) for every staff route the app serves; logging out comes last.

    FastAPI keeps included routers as they are and resolves their routes on use;
    iter_route_contexts gives each route with its full path (older FastAPI lists them flat).
    """
    contexts = getattr(fastapi.routing, "iter_route_contexts", None)
    routes = contexts(app.routes) if contexts else app.routes
    found = [
        (method, route)
        for route in routes
        if (route.path or "").startswith(STAFF_PATHS)
        for method in sorted((route.methods or set()) - {"HEAD"})
    ]
    return sorted(found, key=lambda pair: pair[1].name == "staff_logout")


@pytest.fixture(scope="module")
def setup(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Any]]:
    """One world for the whole matrix: the requests below change nothing another case relies on."""
    settings = Settings(data_dir=tmp_path_factory.mktemp("authz") / "var", environment="test")
    world = build_world(settings)
    made: list[GatedClient] = []

    def make_client() -> GatedClient:
        made.append(GatedClient(create_app(settings), raise_server_exceptions=False))
        return made[-1]

    owner = make_client()
    owner_csrf = login(owner, world.users["counter"])
    reference = reference_of(refer(owner, owner_csrf, world.taalpunt_offer))
    closed = reference_of(refer(owner, owner_csrf, world.taalpunt_offer))
    closer = make_client()
    closing = step(closer, login(closer, world.users["receiver"]), closed, "helped", "received")
    assert closing.status_code == 303
    editorial = editorial_samples(settings, world.taalpunt_offer, owner)
    samples = {
        **editorial,
        "offer_id": world.taalpunt_offer,
        "reference": reference,
        "closed": closed,
        "org_id": "taalpunt",
        "<offer>": world.taalpunt_offer,
    }
    clients: dict[str, tuple[Any, str]] = {}
    for role in ROLES:
        client = make_client()
        csrf = login(client, world.users[role]) if role != "anonymous" else ""
        clients[role] = (client, csrf)
    yield {"world": world, "samples": samples, "clients": clients, "app": owner.app}
    for client in made:
        client.close()


def test_every_staff_route_and_every_role_has_a_decision(setup: dict[str, Any]) -> None:
    served = {(method, route.name) for method, route in staff_routes(setup["app"])}
    assert served - DECISIONS.keys() == set(), "decide who may use these new routes"
    assert DECISIONS.keys() - served == set(), "these decisions name routes that are gone"
    assert {r.value for r in Role} <= set(setup["world"].users), "add a test user for new roles"
    for decision in DECISIONS.values():
        assert set(decision.expected) == set(ROLES)


def test_lists_show_only_what_each_role_may_see(setup: dict[str, Any]) -> None:
    reference = setup["samples"]["reference"]
    seen = {
        role: reference in c.get("/staff/verwijzingen").text
        for role, (c, _) in setup["clients"].items()
        if role in GUIDES | RECEIVERS
    }
    expected = {"helper": False, "helper2": False, "counter": True, "receiver": True}
    assert seen == {**expected, "other_receiver": False}


def _path(route: Any, decision: Decision, samples: dict[str, str]) -> str:
    values = {}
    for param in route.param_convertors:
        sample = decision.samples.get(param, param)
        assert sample in samples, f"no sample value for the path parameter {param!r}"
        values[param] = samples[sample]
    return route.path.format(**values)


@pytest.mark.parametrize("role", ROLES)
def test_role_against_every_staff_route(setup: dict[str, Any], role: str) -> None:
    client, csrf = setup["clients"][role]
    # Each role tries its own unknown account, so no account piles up failed logins.
    samples = {**setup["samples"], "<unknown account>": f"nobody-{role}@example.invalid"}
    routes = staff_routes(setup["app"])
    assert len(routes) == len(DECISIONS)
    for method, route in routes:
        decision = DECISIONS[(method, route.name)]
        path = _path(route, decision, samples)
        if method == "GET":
            response = client.get(path, follow_redirects=False)
        else:
            data = {k: samples.get(v, v) for k, v in decision.data.items()}
            response = client.post(path, data={"csrf_token": csrf, **data}, follow_redirects=False)
        assert response.status_code == decision.expected[role], (role, method, path)
        if response.status_code == 303 and role == "anonymous" and "public_pc" not in route.name:
            assert response.headers["location"] == "/staff/inloggen", (method, path)
