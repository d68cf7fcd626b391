"""What the receiver needs to act: who referred, the resident's language, when and how to make
contact, and their own words if they agreed. Encrypted at rest, shown only where it belongs,
purged with the referral."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlmodel import Session, select

from finder.db import get_engine
from finder.models import OutboxMessage, Referral
from finder.settings import Settings
from finder.staff import clock, retention
from tests.finder.staff.factories import build_world, in_english, login, refer, reference_of

FACTS = {
    "nickname": "FJ blauwe jas",
    "language": "ti",
    "channel": "text",
    "times": "evening",
    "own_words": "Ik wil mijn brieven zelf leren lezen",
    "own_words_consent": "yes",
    "helper_name": "Joke van de balie",
    "location": "Wijkcentrum Holtenbroek",
}
SECRETS = ("FJ blauwe jas", "mijn brieven zelf", "Joke van de balie", "Holtenbroek")


def _stored(settings: Settings) -> bytes:
    return b"".join(p.read_bytes() for p in settings.data_dir.glob("catalogue.sqlite3*"))


def test_the_receiver_sees_who_referred_and_how_to_reach_the_resident(
    settings: Settings, make_client: Any
) -> None:
    world = build_world(settings)
    counter, receiver = make_client(settings), in_english(make_client(settings))
    csrf = login(counter, world.users["counter"])
    reference = reference_of(refer(counter, csrf, world.taalpunt_offer, **FACTS))
    login(receiver, world.users["receiver"])
    page = receiver.get(f"/staff/verwijzingen/{reference}").text
    for shown in (
        "Gemeente Zwolle",  # the referring organisation
        "Wijkcentrum Holtenbroek",
        "Joke van de balie",
        "Tigrinya",  # the language, named by Babel in the receiver's language
        "A text message or WhatsApp",
        "In the evening",
        "Ik wil mijn brieven zelf leren lezen",
        "in mijn eigen woorden",  # the consent text the resident agreed to, as shown
    ):
        assert shown in page, shown
    assert "FJ blauwe jas" not in page  # the nickname is the helper's own
    arabic = receiver.get(f"/staff/verwijzingen/{reference}?lang=ar").text
    assert "التغرينية" in arabic


def test_it_reaches_no_one_else(settings: Settings, make_client: Any) -> None:
    world = build_world(settings)
    counter, other, admin = (make_client(settings) for _ in range(3))
    reference = reference_of(
        refer(counter, login(counter, world.users["counter"]), world.taalpunt_offer, **FACTS)
    )
    login(other, world.users["other_receiver"])
    assert other.get(f"/staff/verwijzingen/{reference}").status_code == 404
    login(admin, world.users["admin"])
    assert admin.get(f"/staff/verwijzingen/{reference}").status_code == 403
    with Session(get_engine(settings)) as db:
        mail = " ".join(m.subject + m.body for m in db.exec(select(OutboxMessage)))
    for secret in SECRETS:
        assert secret not in mail
        assert secret.encode() not in _stored(settings)


def test_own_words_need_the_residents_consent_and_nothing_typed_is_lost(
    settings: Settings, make_client: Any
) -> None:
    world = build_world(settings)
    counter = make_client(settings)
    csrf = login(counter, world.users["counter"])
    refused = refer(counter, csrf, world.taalpunt_offer, **{**FACTS, "own_words_consent": ""})
    assert refused.status_code == 400 and 'id="own-words-error"' in refused.text
    for kept in ("Ik wil mijn brieven zelf leren lezen", "FJ blauwe jas", "Holtenbroek"):
        assert kept in refused.text
    assert 'value="ti" selected' in refused.text and 'id="time-evening"' in refused.text
    with Session(get_engine(settings)) as db:
        assert db.exec(select(Referral)).all() == []


def test_unknown_choices_are_refused(settings: Settings, make_client: Any) -> None:
    world = build_world(settings)
    counter = make_client(settings)
    csrf = login(counter, world.users["counter"])
    for bad in ({"language": "klingon"}, {"channel": "pigeon"}, {"times": "midnight"}):
        assert refer(counter, csrf, world.taalpunt_offer, **bad).status_code == 400


def test_the_form_remembers_the_helpers_name_and_location(
    settings: Settings, make_client: Any
) -> None:
    world = build_world(settings)
    counter = make_client(settings)
    csrf = login(counter, world.users["counter"])
    first = counter.get(f"/staff/verwijzen/{world.taalpunt_offer}").text
    assert 'name="helper_name" type="text" value="Counter"' in first
    refer(counter, csrf, world.taalpunt_offer, **FACTS)
    again = counter.get(f"/staff/verwijzen/{world.voedselbank_offer}").text
    assert 'value="Joke van de balie"' in again and 'value="Wijkcentrum Holtenbroek"' in again


def test_the_helpers_list_tells_visitors_apart(settings: Settings, make_client: Any) -> None:
    world = build_world(settings)
    counter, receiver = make_client(settings), make_client(settings)
    csrf = login(counter, world.users["counter"])
    first = reference_of(refer(counter, csrf, world.taalpunt_offer, **FACTS))
    second = reference_of(refer(counter, csrf, world.taalpunt_offer, nickname="Meneer met pet"))
    listing = counter.get("/staff/verwijzingen").text
    with Session(get_engine(settings)) as db:
        made = {r.reference: clock.when(r.created_at, "nl") for r in db.exec(select(Referral))}
    for reference, nickname in ((first, "FJ blauwe jas"), (second, "Meneer met pet")):
        card = listing.split(f'id="referral-{reference}"')[1].split("</li>")[0]
        assert nickname in card and made[reference] in card
    assert listing.index(second) < listing.index(first)  # newest first
    login(receiver, world.users["receiver"])
    receiver_list = receiver.get("/staff/verwijzingen").text
    assert first in receiver_list and "FJ blauwe jas" not in receiver_list


def test_the_export_has_it_all_with_local_times(settings: Settings, make_client: Any) -> None:
    world = build_world(settings)
    counter, admin = make_client(settings), make_client(settings)
    refer(counter, login(counter, world.users["counter"]), world.taalpunt_offer, **FACTS)
    export = admin.post(
        "/staff/beheer/export",
        data={"contact": "06-12345678", "csrf_token": login(admin, world.users["admin"])},
    )
    record = json.loads(export.text)["referrals"][0]
    assert record["nickname"] == "FJ blauwe jas" and record["language"] == "ti"
    assert record["contact_by"] == "text" and record["contact_times"] == ["evening"]
    assert record["question_in_own_words"] == FACTS["own_words"]
    assert record["referred_by"] == {
        "organisation": "Gemeente Zwolle",
        "location": "Wijkcentrum Holtenbroek",
        "name": "Joke van de balie",
    }
    assert record["created"]["at"].endswith(("+01:00", "+02:00"))


def test_it_is_purged_with_the_referral(settings: Settings, make_client: Any) -> None:
    world = build_world(settings)
    counter = make_client(settings)
    reference = reference_of(
        refer(counter, login(counter, world.users["counter"]), world.taalpunt_offer, **FACTS)
    )
    with Session(get_engine(settings)) as db:
        referral = db.exec(select(Referral).where(Referral.reference == reference)).one()
        referral.closed_at = datetime.now(UTC) - timedelta(
            days=settings.referral_retention_days + 1
        )
        db.add(referral)
        db.commit()
    assert retention.purge(settings).referrals == 1
    with Session(get_engine(settings)) as db:
        assert db.exec(select(Referral)).all() == []
        assert db.exec(select(OutboxMessage)).all() == []
