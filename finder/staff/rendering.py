"""Rendering staff pages, and the cookie settings staff sessions use."""

from __future__ import annotations

from typing import Any

from fastapi import Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from finder.settings import Settings
from finder.staff.context import staff_of
from finder.ui.templating import render as render_template


def render(
    request: Request, name: str, context: dict[str, Any] | None = None, status: int = 200
) -> HTMLResponse:
    data = {"staff": staff_of(request), **(context or {})}
    return render_template(request, f"staff/{name}", data, status)


def redirect(url: str) -> RedirectResponse:
    return RedirectResponse(url, status_code=303)


def secure_cookies(settings: Settings) -> bool:
    """Secure outside development: production, or any deployment served over https."""
    return settings.secure_cookies


def set_private_cookie(
    response: Response, settings: Settings, name: str, value: str, path: str = "/"
) -> None:
    response.set_cookie(
        name, value, path=path, httponly=True, samesite="lax", secure=secure_cookies(settings)
    )


def safe_next(url: str, default: str) -> str:
    """Only local paths, so a form cannot send staff to another site."""
    return url if url.startswith("/") and not url.startswith("//") and "\\" not in url else default
