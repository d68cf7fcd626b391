"""Public-PC mode: no account, nothing kept, and every page resets itself after idle time."""

from __future__ import annotations

from fastapi import APIRouter
from fastapi.responses import Response

from finder.staff.middleware import PUBLIC_PC_COOKIE
from finder.staff.rendering import redirect
from finder.ui.i18n import COOKIE as LANGUAGE_COOKIE

router = APIRouter(prefix="/publieke-pc")


def _fresh_start(response: Response) -> Response:
    # The previous visitor's language choice and cached pages must not reach the next visitor.
    response.delete_cookie(LANGUAGE_COOKIE, path="/")
    response.headers["clear-site-data"] = '"cache"'
    return response


@router.get("", name="public_pc_start")
def start() -> Response:
    """A browser-session cookie that only says "public PC"; it holds nothing about anyone."""
    response = _fresh_start(redirect("/"))
    response.set_cookie(PUBLIC_PC_COOKIE, "1", path="/", httponly=True, samesite="lax")
    return response


@router.get("/reset", name="public_pc_reset")
def reset() -> Response:
    return _fresh_start(redirect("/"))


@router.get("/stoppen", name="public_pc_stop")
def stop() -> Response:
    response = _fresh_start(redirect("/"))
    response.delete_cookie(PUBLIC_PC_COOKIE, path="/")
    return response
