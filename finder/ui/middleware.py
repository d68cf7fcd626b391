"""Pure ASGI middleware: security headers, https rules, HEAD, the request's language, timing."""

from __future__ import annotations

import time
from urllib.parse import parse_qs

from starlette.datastructures import MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from finder.ui.asgi import HttpMiddleware, on_response_start
from finder.ui.cookies import request_cookies
from finder.ui.i18n import COOKIE, LOCALES, choose_locale, current_locale

# Everything is served by the app itself: no third-party requests, no inline script.
CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "font-src 'self'; connect-src 'self'; form-action 'self'; frame-ancestors 'none'; "
    "base-uri 'none'; object-src 'none'"
)
SECURITY_HEADERS = {
    "content-security-policy": CSP,
    "referrer-policy": "no-referrer",
    "x-content-type-options": "nosniff",
    "x-frame-options": "DENY",
    "permissions-policy": "geolocation=(), camera=(), microphone=(), interest-cohort=()",
    "cross-origin-opener-policy": "same-origin",
}
ONE_YEAR = 365 * 24 * 3600
HSTS = f"max-age={ONE_YEAR}"


class SecurityHeaders(HttpMiddleware):
    async def handle(self, scope: Scope, receive: Receive, send: Send) -> None:

        def add(headers: MutableHeaders) -> None:
            for name, value in SECURITY_HEADERS.items():
                headers.setdefault(name, value)

        await self.app(scope, receive, on_response_start(send, add))


class TransportSecurity(HttpMiddleware):
    """Over https: HSTS, and every cookie Secure, whichever part of the app set it.

    The scheme is https when uvicorn terminated TLS itself or when a trusted proxy said so in
    X-Forwarded-Proto (`FINDER_TRUSTED_PROXIES`); anyone else's header has been ignored by then.
    `always_secure` marks cookies Secure even over plain http (production, an https base URL).
    """

    def __init__(self, app: ASGIApp, always_secure: bool = False) -> None:
        super().__init__(app)
        self.always_secure = always_secure

    async def handle(self, scope: Scope, receive: Receive, send: Send) -> None:
        https = scope.get("scheme") == "https"

        def harden(headers: MutableHeaders) -> None:
            if https:
                headers["strict-transport-security"] = HSTS
            if https or self.always_secure:
                cookies = headers.getlist("set-cookie")
                if cookies:
                    del headers["set-cookie"]
                    for cookie in cookies:
                        secure = "; secure" in cookie.lower()
                        headers.append("set-cookie", cookie if secure else f"{cookie}; Secure")

        await self.app(scope, receive, on_response_start(send, harden))


class HeadAsGet(HttpMiddleware):
    """HEAD answers wherever GET does: the app sees a GET, the client gets only the headers."""

    async def handle(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["method"] != "HEAD":
            await self.app(scope, receive, send)
            return

        async def headers_only(message: Message) -> None:
            if message["type"] == "http.response.body":
                message = {**message, "body": b""}
            await send(message)

        await self.app({**scope, "method": "GET"}, receive, headers_only)


class LocaleMiddleware(HttpMiddleware):
    """Picks the language from ?lang=, then the remembered choice, then Accept-Language.

    The cookie is only set when the resident explicitly chose a language.
    """

    async def handle(self, scope: Scope, receive: Receive, send: Send) -> None:
        query = parse_qs(scope.get("query_string", b"").decode("latin-1"))
        explicit = (query.get("lang") or [None])[0]
        accept = b", ".join(v for k, v in scope["headers"] if k == b"accept-language")
        remembered = request_cookies(scope).get(COOKIE)
        locale = choose_locale(explicit, remembered, accept.decode("latin-1"))
        scope.setdefault("state", {})["locale"] = locale
        token = current_locale.set(locale)

        def remember(headers: MutableHeaders) -> None:
            attrs = f"{COOKIE}={locale}; Path=/; Max-Age={ONE_YEAR}; SameSite=Lax; HttpOnly"
            headers.append("set-cookie", attrs)

        chose = explicit in LOCALES and explicit != remembered
        try:
            await self.app(scope, receive, on_response_start(send, remember) if chose else send)
        finally:
            current_locale.reset(token)


class ServerTiming(HttpMiddleware):
    """Adds `Server-Timing: app;dur=…`: how long the app took, without network or client time."""

    async def handle(self, scope: Scope, receive: Receive, send: Send) -> None:
        start = time.perf_counter()

        def stamp(headers: MutableHeaders) -> None:
            elapsed = (time.perf_counter() - start) * 1000
            headers.append("server-timing", f"app;dur={elapsed:.2f}")

        await self.app(scope, receive, on_response_start(send, stamp))
