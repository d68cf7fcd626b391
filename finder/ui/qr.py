"""QR codes drawn on the server as SVG, for print.

Resident pages show a QR code only on paper, so they do not draw it: they link a per-address SVG
(`qr_image`, served by finder/web/print_qr.py) that the browser fetches only when it prints.
Staff documents that exist to be printed (the handout, a referral's confirmation) inline theirs.
"""

from __future__ import annotations

import io
from functools import lru_cache

import segno
from markupsafe import Markup


def _code(url: str) -> segno.QRCode:
    # A fixed mask skips segno's search over all eight, which is most of the cost and no loss
    # for scanning.
    return segno.make(url, error="m", mask=0)


@lru_cache(maxsize=1024)
def qr_svg(url: str, label: str) -> Markup:
    """An inline SVG; segno escapes the title, role=img makes it the accessible name."""
    svg = _code(url).svg_inline(title=label, svgclass="qr-code", lineclass=None, omitsize=True)
    return Markup(svg.replace("<svg ", '<svg role="img" focusable="false" ', 1))  # noqa: S704


@lru_cache(maxsize=1024)
def qr_image(url: str) -> bytes:
    """A standalone SVG image of the address; its <img> carries the accessible name."""
    out = io.BytesIO()
    _code(url).save(
        out, kind="svg", xmldecl=False, svgclass=None, lineclass=None, omitsize=True, nl=False
    )
    return out.getvalue()
