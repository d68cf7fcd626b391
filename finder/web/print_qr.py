"""The QR code printed on results and offer pages, as an SVG image of one page's address.

The pages link it from their print-only block with `loading="lazy"`, so a browser fetches it
only when it prints (and, without JavaScript, then too); drawing it for every page shown on
screen cost a sixth of a computed results page. The image is the same for the same address, so
it is kept in memory (finder/ui/qr.py) and may be cached by the browser for a day.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, HTTPException, Query, Request
from fastapi.responses import Response

from finder.ui.qr import qr_image
from finder.ui.urls import MAX_URL, site_url

router = APIRouter()
ONE_DAY = 24 * 3600


def _site_path(path: str) -> bool:
    """A path on this site: no other host ("//host", a scheme) and nothing unprintable."""
    return (
        path.startswith("/")
        and not path.startswith(("//", "/\\"))
        and all(" " < ch < "\x7f" for ch in path)
    )


@router.get("/qr.svg", name="page_qr", include_in_schema=False)
def page_qr(request: Request, u: Annotated[str, Query(max_length=MAX_URL)] = "/") -> Response:
    """`u`: the page's path and query, as `public_path` gives them."""
    if not _site_path(u):
        raise HTTPException(status_code=400, detail="u must be a path on this site")
    return Response(
        qr_image(site_url(request) + u),
        media_type="image/svg+xml",
        headers={"Cache-Control": f"public, max-age={ONE_DAY}"},
    )
