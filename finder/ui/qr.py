"""QR codes drawn on the server as inline SVG, for print."""

from __future__ import annotations

from functools import lru_cache

import segno
from markupsafe import Markup


@lru_cache(maxsize=1024)
def qr_svg(url: str, label: str) -> Markup:
    # segno escapes the title; role=img makes the title the accessible name. A fixed mask
    # skips segno's search over all eight, which is most of the cost and no loss for scanning.
    svg = segno.make(url, error="m", mask=0).svg_inline(
        title=label, svgclass="qr-code", lineclass=None, omitsize=True
    )
    return Markup(svg.replace("<svg ", '<svg role="img" focusable="false" ', 1))  # noqa: S704
