from __future__ import annotations

from typing import Any

import pytest

from finder.settings import Settings
from finder.staff import routes_outbox
from tests.finder.staff.factories import build_world, login, refer


def test_a_long_queue_shows_the_oldest_and_says_so(
    settings: Settings, make_client: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(routes_outbox, "SHOWN", 2)
    world = build_world(settings)
    helper, admin = make_client(settings), make_client(settings)
    csrf = login(helper, world.users["counter"])
    made = [refer(helper, csrf, world.taalpunt_offer).headers["location"] for _ in range(3)]
    login(admin, world.users["admin"])
    page = admin.get("/staff/beheer/e-mail").text
    assert page.count('name="message_id"') == 2 and 'id="only-oldest"' in page
    oldest = made[0].split("/staff/verwijzingen/")[1].split("?")[0]
    newest = made[2].split("/staff/verwijzingen/")[1].split("?")[0]
    assert oldest in page and newest not in page
