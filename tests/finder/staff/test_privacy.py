"""AVG/GDPR requests: an admin exports or deletes everything about one resident."""

from __future__ import annotations

import json
from typing import Any

from sqlmodel import Session, select

from finder.db import get_engine
from finder.models import AuditEntry, Referral
from finder.settings import Settings
from tests.finder.staff.factories import build_world, login, refer, reference_of


def test_admin_exports_and_deletes_one_residents_referrals(
    settings: Settings, make_client: Any
) -> None:
    world = build_world(settings)
    counter, admin = make_client(settings), make_client(settings)
    csrf = login(counter, world.users["counter"])
    mine = reference_of(refer(counter, csrf, world.taalpunt_offer, contact="06-12345678"))
    also_mine = reference_of(
        refer(counter, csrf, world.voedselbank_offer, contact="+31 6 1234 5678")
    )
    other = reference_of(
        refer(counter, csrf, world.taalpunt_offer, name="Piet", contact="piet@example.org")
    )
    admin_csrf = login(admin, world.users["admin"])
    export = admin.post(
        "/staff/beheer/export", data={"contact": "0612345678", "csrf_token": admin_csrf}
    )
    assert export.headers["content-disposition"].startswith("attachment")
    data = json.loads(export.text)
    assert {r["reference"] for r in data["referrals"]} == {mine, also_mine}
    assert data["referrals"][0]["name"] == "Fatima Jansen" and data["referrals"][0]["consent_text"]
    refused = admin.post(
        "/staff/beheer/verwijderen", data={"contact": "0612345678", "csrf_token": admin_csrf}
    )
    assert refused.status_code == 400
    admin.post(
        "/staff/beheer/verwijderen",
        data={"contact": "0612345678", "confirm": "yes", "csrf_token": admin_csrf},
    )
    with Session(get_engine(settings)) as db:
        assert {r.reference for r in db.exec(select(Referral))} == {other}
        actions = {(e.action, e.reference) for e in db.exec(select(AuditEntry))}
    assert {("export", mine), ("delete", mine), ("delete", also_mine)} <= actions
    audit_page = admin.get("/staff/beheer").text
    assert mine in audit_page and "Fatima" not in audit_page
