from __future__ import annotations

import io
from collections.abc import Iterator
from typing import Any

import pytest
from sqlmodel import Session

from finder.cli import main
from finder.db import get_engine
from finder.settings import Settings, get_settings
from finder.staff import receivers
from tests.finder.staff.factories import build_world


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


@pytest.fixture
def cli_settings(tmp_path: Any, monkeypatch: pytest.MonkeyPatch) -> Iterator[Settings]:
    monkeypatch.setenv("FINDER_DATA_DIR", str(tmp_path / "var"))
    monkeypatch.setenv("FINDER_ENVIRONMENT", "test")
    get_settings.cache_clear()
    yield get_settings()
    get_settings.cache_clear()


def test_listing_no_organisations_says_so(cli_settings: Settings, capsys: Any) -> None:
    assert main(["organizations", "list"]) == 0
    assert "no organisations yet" in capsys.readouterr().out


def test_offers_are_linked_by_words_not_ids(cli_settings: Settings, capsys: Any) -> None:
    world = build_world(cli_settings)
    assert main(["organizations", "add", "--name", "Taalhuis", "--id", "taalhuis"]) == 0
    capsys.readouterr()
    link = ["organizations", "link", "--organization", "taalhuis"]

    assert main([*link, "--offer", "nederlands leren"]) == 0
    assert "taalhuis receives referrals for: Nederlands leren bij het Taalpunt" in (
        capsys.readouterr().out
    )
    # Both demo offers are "(demo)" offers of Zwolle organisations: too many to guess.
    assert main([*link, "--offer", "zwolle demo"]) == 2
    err = capsys.readouterr().err
    assert "2 offers match" in err and "Voedselpakket van de Voedselbank" in err
    assert main([*link, "--offer", "geen-bestaand-woord"]) == 2
    assert "no offer matches" in capsys.readouterr().err
    assert main([*link, "--offer", "zwolle demo", "--all"]) == 0
    assert main(["organizations", "list"]) == 0
    assert "taalhuis\tTaalhuis\tcatalogue=-\toffers=2" in capsys.readouterr().out

    unlink = ["organizations", "unlink", "--organization", "taalhuis"]
    assert main([*unlink, "--offer", "voedselpakket"]) == 0
    assert "no longer receives referrals for: Voedselpakket" in capsys.readouterr().out
    with Session(get_engine(cli_settings)) as db:
        assert receivers.linked_offer_ids(db, "taalhuis") == [world.taalpunt_offer]

    assert main([*link, "--catalogue", "Voedselbank Zwolle"]) == 0
    assert "every offer of Voedselbank Zwolle (demo)" in capsys.readouterr().out
    assert main([*link, "--catalogue", "zwolle"]) == 2  # three catalogue organisations match
    assert main(["organizations", "link", "--organization", "nope", "--offer", "taal"]) == 2
