from __future__ import annotations

from typing import Any

from finder.settings import Settings


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
