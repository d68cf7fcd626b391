from __future__ import annotations

import io
import logging
from typing import Any

import pytest

from finder.cli import main
from finder.search.indexing import reindex
from finder.settings import Settings, get_settings
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
            refer(counter, csrf, world.taalpunt_offer, contact="fatima@example.org")
        )
        refer(counter, csrf, world.taalpunt_offer, consent="")
        counter.post(f"/staff/verwijzingen/{reference}/bon-mailen", data={"csrf_token": csrf})
        counter.get(f"/staff/verwijzingen/{reference}")
        r_csrf = login(receiver, world.users["receiver"])
        receiver.post(
            f"/staff/verwijzingen/{reference}/status",
            data={"status": "helped", "note": "Fatima is geholpen", "csrf_token": r_csrf},
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


def test_public_pc_mode_resets_itself_and_keeps_nothing(
    settings: Settings, make_client: Any
) -> None:
    client = make_client(settings)
    start = client.get("/publieke-pc", follow_redirects=False)
    assert start.status_code == 303
    cookie = start.headers["set-cookie"]
    assert (
        "finder_public_pc=1" in cookie
        and "Max-Age" not in cookie.split("finder_public_pc")[1].split(",")[0]
    )
    home = client.get("/?lang=en")
    assert home.headers["refresh"] == f"{settings.public_pc_idle_seconds};url=/publieke-pc/reset"
    assert "public-pc-notice" in home.text
    assert home.headers["cache-control"] == "no-store"
    reset = client.get("/publieke-pc/reset", follow_redirects=False)
    assert 'lang=""' in reset.headers["set-cookie"] or "lang=;" in reset.headers["set-cookie"]
    assert reset.headers["clear-site-data"] == '"cache"'
    client.get("/publieke-pc/stoppen")
    assert "refresh" not in client.get("/").headers


def test_admin_commands_create_organisations_and_users(
    tmp_path: Any, monkeypatch: pytest.MonkeyPatch, capsys: Any
) -> None:
    monkeypatch.setenv("FINDER_DATA_DIR", str(tmp_path / "var"))
    monkeypatch.setenv("FINDER_ENVIRONMENT", "test")
    get_settings.cache_clear()
    try:
        settings = get_settings()
        world = build_world(settings)
        assert (
            main(
                [
                    "organizations",
                    "add",
                    "--name",
                    "Taalpunt Oost",
                    "--catalogue-id",
                    world.taalpunt_org,
                ]
            )
            == 0
        )
        monkeypatch.setattr("sys.stdin", io.StringIO("a long enough password\n"))
        args = ["users", "add", "--role", "receiver", "--email", "Nieuw@Taalpunt.example"]
        assert main([*args, "--organization", "taalpunt-oost", "--password-stdin"]) == 0
        assert main(["organizations", "add", "--name", "Geen", "--catalogue-id", "missing"]) == 2
        monkeypatch.setattr("sys.stdin", io.StringIO("short\n"))
        assert (
            main(
                [
                    "users",
                    "add",
                    "--role",
                    "counter",
                    "--email",
                    "x@y.example",
                    "--organization",
                    "gemeente",
                    "--password-stdin",
                ]
            )
            == 2
        )
        assert main(["users", "list"]) == 0
        assert main(["referrals", "purge"]) == 0
        assert main(["outbox", "status"]) == 0
        out = capsys.readouterr().out
        assert "nieuw@taalpunt.example\treceiver\ttaalpunt-oost\tactive" in out
        assert "purged 0" in out and "pending=0" in out
        assert main(["users", "disable", "--email", "nieuw@taalpunt.example"]) == 0
    finally:
        get_settings.cache_clear()
