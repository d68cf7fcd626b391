"""No resident's personal data ever reaches the logs, in a full staff journey."""

from __future__ import annotations

import logging
from typing import Any

from finder.search.indexing import reindex
from finder.settings import Settings
from finder.staff import outbox, retention
from tests.finder.staff.factories import (
    Inbox,
    build_world,
    free_port,
    login,
    refer,
    reference_of,
    smtp_server,
)

PERSONAL = (
    "Fatima",
    "Jansen",
    "12345678",
    "fatima@example.org",
    "voor werk",
    "bezoeker@example.org",
)


def test_no_personal_data_reaches_the_logs(tmp_path: Any, make_client: Any, caplog: Any) -> None:
    caplog.set_level(logging.DEBUG)
    inbox, port = Inbox(), free_port()
    server = smtp_server(inbox, port)
    try:
        settings = Settings(
            data_dir=tmp_path / "var", environment="test", smtp_host="127.0.0.1", smtp_port=port
        )
        world = build_world(settings)
        reindex(settings)
        counter, receiver = make_client(settings), make_client(settings)
        csrf = login(counter, world.users["counter"])
        counter.get("/zoeken", params={"q": "nederlands leren"})
        counter.post(
            "/staff/bezoeker/toevoegen", data={"offer_id": world.taalpunt_offer, "csrf_token": csrf}
        )
        counter.post(
            "/staff/bezoeker/mailen", data={"email": "bezoeker@example.org", "csrf_token": csrf}
        )
        counter.post("/staff/bezoeker/mailen", data={"email": "not-an-address", "csrf_token": csrf})
        reference = reference_of(
            refer(
                counter,
                csrf,
                world.taalpunt_offer,
                contact="fatima@example.org",
                nickname="FJ Fatima",
                own_words="Ik wil Nederlands leren voor werk",
                own_words_consent="yes",
                language="ar",
            )
        )
        refer(counter, csrf, world.taalpunt_offer, consent="")
        counter.post(f"/staff/verwijzingen/{reference}/bon-mailen", data={"csrf_token": csrf})
        counter.get(f"/staff/verwijzingen/{reference}")
        r_csrf = login(receiver, world.users["receiver"])
        receiver.post(
            f"/staff/verwijzingen/{reference}/status",
            data={
                "status": "helped",
                "seen": "received",
                "note": "Fatima is geholpen",
                "csrf_token": r_csrf,
            },
        )
        receiver.post(
            f"/staff/verwijzingen/{reference}/notitie",
            data={"note": "Fatima belt terug", "csrf_token": r_csrf},
        )
        receiver.post(
            f"/staff/verwijzingen/{reference}/heropenen",
            data={"reason": "Fatima heeft nog een vraag", "csrf_token": r_csrf},
        )
        server.stop()
        outbox.flush(settings)  # fails: the error is logged without the address
        server = smtp_server(inbox, port)
        retention.purge(settings)
    finally:
        server.stop()
    assert caplog.records, "the journey should log something"
    # mail.log is the test's own SMTP server echoing what it received; everything else is the app's
    # (the httpx lines show every URL the journey used, so URLs are checked too).
    logged = "\n".join(
        f"{r.getMessage()} {r.args!r}" for r in caplog.records if r.name != "mail.log"
    )
    for personal in PERSONAL:
        assert personal not in logged
