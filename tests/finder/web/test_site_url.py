"""QR codes and printed addresses use FINDER_BASE_URL when set, otherwise the request's host."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from finder.settings import Settings
from tests.finder.web.resident_city import build


def test_without_a_base_url_the_request_host_is_used(
    settings: Settings, make_client: Callable[[Settings], Any]
) -> None:
    ids = build(settings)
    assert settings.base_url == ""
    client = make_client(settings)
    offer = ids["Informatiepunt Digitale Overheid"]
    page = client.get(f"/aanbod/{offer}", headers={"host": "127.0.0.1:8765"}).text
    assert f'<span class="print-url">http://127.0.0.1:8765/aanbod/{offer}</span>' in page


def test_a_configured_base_url_wins(tmp_path: Any, make_client: Callable[[Settings], Any]) -> None:
    settings = Settings(
        data_dir=tmp_path / "var", environment="test", base_url="https://hulp.zwolle.nl/"
    )
    ids = build(settings)
    offer = ids["Informatiepunt Digitale Overheid"]
    page = make_client(settings).get(f"/aanbod/{offer}", headers={"host": "internal:8000"}).text
    assert f'<span class="print-url">https://hulp.zwolle.nl/aanbod/{offer}</span>' in page
