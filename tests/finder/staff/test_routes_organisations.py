"""The admin picks the offers an organisation receives referrals for, by searching the catalogue."""

from __future__ import annotations

from typing import Any

from finder.settings import Settings
from tests.finder.staff.factories import build_world, in_english, login, refer, reference_of


def test_linking_an_offer_sends_its_referrals_to_that_organisation(
    settings: Settings, make_client: Any
) -> None:
    world = build_world(settings)
    admin, counter, humanitas = (in_english(make_client(settings)) for _ in range(3))
    csrf = login(admin, world.users["admin"])
    overview = admin.get("/staff/beheer/organisaties").text
    assert "/staff/beheer/organisaties/humanitas" in overview

    found = admin.get("/staff/beheer/organisaties/humanitas", params={"q": "voedsel"}).text
    assert "Voedselpakket van de Voedselbank" in found
    assert f'value="{world.voedselbank_offer}"' in found
    nothing = admin.get("/staff/beheer/organisaties/humanitas", params={"q": "xyzzy"}).text
    assert 'id="nothing-found"' in nothing

    linked = admin.post(
        "/staff/beheer/organisaties/humanitas/koppelen",
        data={
            "offer_id": [world.voedselbank_offer, "not-an-offer"],
            "q": "voedsel",
            "csrf_token": csrf,
        },
    )
    assert "1 offer linked." in linked.text
    assert "Voedselpakket van de Voedselbank" in linked.text.split('id="linked-heading"')[1]

    # The Voedselbank had no receivers (slip only); now Humanitas receives it.
    counter_csrf = login(counter, world.users["counter"])
    form = counter.get(f"/staff/verwijzen/{world.voedselbank_offer}").text
    assert 'id="slip-only"' not in form
    reference = reference_of(refer(counter, counter_csrf, world.voedselbank_offer))
    login(humanitas, world.users["other_receiver"])
    assert humanitas.get(f"/staff/verwijzingen/{reference}").status_code == 200

    # Offers another organisation receives show where they go now.
    taalpunt = admin.get("/staff/beheer/organisaties/taalpunt", params={"q": "voedsel"}).text
    assert "now goes to Humanitas" in taalpunt

    unlinked = admin.post(
        "/staff/beheer/organisaties/humanitas/ontkoppelen",
        data={"offer_id": world.voedselbank_offer, "csrf_token": csrf},
    )
    assert "1 offer no longer linked." in unlinked.text and 'id="no-linked"' in unlinked.text
    # Referrals already made stay where they went.
    assert humanitas.get(f"/staff/verwijzingen/{reference}").status_code == 200
    assert 'id="slip-only"' in counter.get(f"/staff/verwijzen/{world.voedselbank_offer}").text


def test_an_unknown_organisation_is_a_friendly_404(settings: Settings, make_client: Any) -> None:
    world = build_world(settings)
    admin = make_client(settings)
    login(admin, world.users["admin"])
    assert admin.get("/staff/beheer/organisaties/bestaat-niet").status_code == 404
