"""QR codes and printed addresses use FINDER_BASE_URL when set, otherwise the request's host."""

from __future__ import annotations

import io
import re
from collections.abc import Callable
from typing import Any

import segno

from finder.settings import Settings
from tests.city import build_city


def test_without_a_base_url_the_request_host_is_used(
    settings: Settings, make_client: Callable[[Settings], Any]
) -> None:
    ids = build_city(settings)
    assert settings.base_url == ""
    client = make_client(settings)
    offer = ids["Informatiepunt Digitale Overheid"]
    page = client.get(f"/aanbod/{offer}", headers={"host": "127.0.0.1:8765"}).text
    assert f'<span class="print-url">http://127.0.0.1:8765/aanbod/{offer}</span>' in page


def test_a_configured_base_url_wins(tmp_path: Any, make_client: Callable[[Settings], Any]) -> None:
    settings = Settings(
        data_dir=tmp_path / "var", environment="test", base_url="https://hulp.zwolle.nl/"
    )
    ids = build_city(settings)
    offer = ids["Informatiepunt Digitale Overheid"]
    page = make_client(settings).get(f"/aanbod/{offer}", headers={"host": "internal:8000"}).text
    assert f'<span class="print-url">https://hulp.zwolle.nl/aanbod/{offer}</span>' in page


def test_the_printed_qr_code_is_an_image_of_the_public_address(
    tmp_path: Any, make_client: Callable[[Settings], Any]
) -> None:
    settings = Settings(
        data_dir=tmp_path / "var", environment="test", base_url="https://hulp.zwolle.nl/"
    )
    ids = build_city(settings)
    client = make_client(settings)
    offer = ids["Informatiepunt Digitale Overheid"]
    page = client.get(f"/aanbod/{offer}?postcode=8017", headers={"host": "internal:8000"}).text
    src = re.search(r'<img class="qr-code" src="([^"]+)"', page)
    assert src is not None
    assert src.group(1) == f"/qr.svg?u=/aanbod/{offer}%3Fpostcode%3D8017"
    image = client.get(src.group(1).replace("&amp;", "&"), headers={"host": "internal:8000"})
    assert image.status_code == 200
    assert image.headers["content-type"] == "image/svg+xml"
    assert "max-age" in image.headers["cache-control"]
    assert image.content.startswith(b'<svg xmlns="http://www.w3.org/2000/svg"')
    # The code holds the public address: segno's SVG of exactly that text.
    wanted = io.BytesIO()
    segno.make(f"https://hulp.zwolle.nl/aanbod/{offer}?postcode=8017", error="m", mask=0).save(
        wanted, kind="svg", xmldecl=False, svgclass=None, lineclass=None, omitsize=True, nl=False
    )
    assert image.content == wanted.getvalue()


def test_a_qr_code_is_drawn_only_for_a_path_on_this_site(
    settings: Settings, make_client: Callable[[Settings], Any]
) -> None:
    client = make_client(settings)
    for bad in ("//evil.example/x", "http://evil.example/", "/\\evil.example", "/a b", "zoeken"):
        response = client.get("/qr.svg", params={"u": bad})
        assert response.status_code == 400, bad
        assert b"<svg" not in response.content
    assert client.get("/qr.svg", params={"u": "/" + "a" * 5000}).status_code == 422
