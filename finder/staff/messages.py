"""Short staff pages that explain why something did not happen: no access, expired form, a
change someone else made first, something that does not exist, or too many actions at once."""

from __future__ import annotations

from fastapi import Request
from fastapi.responses import Response

from finder.staff.rendering import render


def message_page(request: Request, kind: str, status: int, back: str = "") -> Response:
    return render(request, "message.html", {"kind": kind, "back": back}, status)


def limited(request: Request, wait_seconds: int, back: str) -> Response:
    """429 with the wait in minutes, and a way back to where the staff member was."""
    minutes = (wait_seconds + 59) // 60
    context = {"kind": "limited", "wait_minutes": minutes, "back": back}
    response = render(request, "message.html", context, 429)
    response.headers["retry-after"] = str(wait_seconds)
    return response
