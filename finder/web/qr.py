"""A QR code of the page's public address, drawn on the server as inline SVG for print."""

from __future__ import annotations

from functools import lru_cache
from urllib.parse import urlencode

import segno
from markupsafe import Markup
from starlette.requests import Request

MAX_QUERY_VALUE = 200
MAX_URL = 1500


def public_url(request: Request) -> str:
    """The page as residents reach it, using the configured public base URL.

    Query values are cut to the length search itself uses, so an absurd query still fits a QR code.
    """
    base = str(request.app.state.settings.base_url).rstrip("/")
    params = [(k, v[:MAX_QUERY_VALUE]) for k, v in request.query_params.multi_items()]
    url = f"{base}{request.url.path}{'?' + urlencode(params) if params else ''}"
    return url if len(url) <= MAX_URL else f"{base}{request.url.path}"


@lru_cache(maxsize=1024)
def qr_svg(url: str, label: str) -> Markup:
    # segno escapes the title; role=img makes the title the accessible name. A fixed mask
    # skips segno's search over all eight, which is most of the cost and no loss for scanning.
    svg = segno.make(url, error="m", mask=0).svg_inline(
        title=label, svgclass="qr-code", lineclass=None, omitsize=True
    )
    return Markup(svg.replace("<svg ", '<svg role="img" focusable="false" ', 1))  # noqa: S704
