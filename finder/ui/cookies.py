"""Reading the request's cookies once per request, cheaply, one way for the whole app.

`SimpleCookie` drops every cookie when one of them is malformed, and the stdlib's unquoting,
which Starlette's `request.cookies` uses too, is quadratic before Python 3.11.10: a 64 KB quoted
cookie took 11 seconds on the event loop. This parser is linear and never unescapes: the app's
own cookie values are plain tokens, so a value with quotes or backslashes belongs to someone else
and is left out.
"""

from __future__ import annotations

from starlette.types import Receive, Scope, Send

from finder.ui.asgi import HttpMiddleware

STATE_KEY = "cookies"
_UNSAFE = frozenset('"\\')


def parse_cookie_header(raw: str) -> dict[str, str]:
    """`name=value` pairs split on `;`, as browsers send them; the first of a name wins."""
    cookies: dict[str, str] = {}
    for chunk in raw.split(";"):
        name, sep, value = chunk.partition("=")
        name, value = name.strip(), value.strip()
        if len(value) >= 2 and value[0] == value[-1] == '"':
            value = value[1:-1]
        if sep and name and not _UNSAFE.intersection(value) and not _UNSAFE.intersection(name):
            cookies.setdefault(name, value)
    return cookies


def request_cookies(scope: Scope) -> dict[str, str]:
    """Every cookie of the request, parsed on first use and kept in the request's state."""
    state = scope.setdefault("state", {})
    cookies: dict[str, str] | None = state.get(STATE_KEY)
    if cookies is None:
        raw = "; ".join(v.decode("latin-1") for k, v in scope["headers"] if k == b"cookie")
        cookies = state[STATE_KEY] = parse_cookie_header(raw) if raw else {}
    return cookies


class OneCookieHeader(HttpMiddleware):
    """Parses the cookies once and hands the app one clean Cookie header.

    Routes read `request.cookies` through Starlette; they then see only the pairs parsed here,
    without quotes to unescape.
    """

    async def handle(self, scope: Scope, receive: Receive, send: Send) -> None:
        if any(k == b"cookie" for k, _ in scope["headers"]):
            cookies = request_cookies(scope)
            clean = "; ".join(f"{name}={value}" for name, value in cookies.items())
            headers = [(k, v) for k, v in scope["headers"] if k != b"cookie"]
            if clean:
                headers.append((b"cookie", clean.encode("latin-1")))
            scope = {**scope, "headers": headers}
        await self.app(scope, receive, send)
