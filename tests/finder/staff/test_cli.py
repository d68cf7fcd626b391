from __future__ import annotations

import io
from typing import Any

import pytest

from finder.cli import main
from finder.settings import get_settings
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
