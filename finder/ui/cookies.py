"""Reading the request's cookies in pure ASGI middleware, one way for the whole app."""

from __future__ import annotations

from http.cookies import CookieError, SimpleCookie

from starlette.types import Scope


def request_cookies(scope: Scope) -> dict[str, str]:
    """Every Cookie header of the request; a malformed header counts as no cookies at all."""
    raw = b"; ".join(v for k, v in scope["headers"] if k == b"cookie").decode("latin-1")
    if not raw:
        return {}
    jar: SimpleCookie = SimpleCookie()
    try:
        jar.load(raw)
    except CookieError:
        return {}
    return {name: morsel.value for name, morsel in jar.items()}
