"""A short-lived cache of anonymous search answers.

Residents ask the same few questions again and again ("digid", "voedselbank"). An answer is
kept for at most a minute, so "open now" stays right, and is dropped as soon as a new index
generation is swapped in. Staff and public-PC pages are never cached: they are personal.
"""

from __future__ import annotations

import time
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import parse_qsl, urlencode

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from finder.ui.cookies import request_cookies
from finder.ui.i18n import COOKIE as LANGUAGE_COOKIE

CACHED_PATHS = frozenset({"/zoeken", "/api/v1/search"})
MAX_ENTRIES = 2048
MAX_BODY = 512_000


@dataclass
class Entry:
    stored_at: float
    start: Message
    body: bytes


def _anonymous(scope: Scope) -> bool:
    return set(request_cookies(scope)) <= {LANGUAGE_COOKIE}


def _key(scope: Scope, generation: str) -> tuple[object, ...]:
    query = sorted(
        parse_qsl(scope.get("query_string", b"").decode("latin-1"), keep_blank_values=True)
    )
    locale = scope.get("state", {}).get("locale", "")
    return (scope["path"], urlencode(query), locale, generation)


class PageCache:
    def __init__(
        self,
        app: ASGIApp,
        generation: Callable[[], str],
        ttl: float = 60.0,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.app = app
        self.ttl = ttl
        self.generation = generation
        self.clock = clock
        self.entries: OrderedDict[tuple[object, ...], Entry] = OrderedDict()

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if (
            scope["type"] != "http"
            or self.ttl <= 0
            or scope["method"] != "GET"
            or scope["path"] not in CACHED_PATHS
            or not _anonymous(scope)
        ):
            await self.app(scope, receive, send)
            return
        key = _key(scope, self.generation())
        now = self.clock()
        entry = self.entries.get(key)
        if entry and now - entry.stored_at < self.ttl:
            self.entries.move_to_end(key)
            await send({**entry.start, "headers": [*entry.start["headers"], (b"x-cache", b"hit")]})
            await send({"type": "http.response.body", "body": entry.body})
            return
        await self._fill(key, now, scope, receive, send)

    async def _fill(
        self, key: tuple[object, ...], now: float, scope: Scope, receive: Receive, send: Send
    ) -> None:
        start: Message | None = None
        chunks: list[bytes] = []
        cacheable = True

        async def capture(message: Message) -> None:
            nonlocal start, cacheable
            if message["type"] == "http.response.start":
                start = message
                headers = dict(message.get("headers", []))
                cacheable = message["status"] == 200 and b"set-cookie" not in headers
                message = {
                    **message,
                    "headers": [*message.get("headers", []), (b"x-cache", b"miss")],
                }
            elif message["type"] == "http.response.body" and cacheable:
                chunks.append(message.get("body", b""))
                cacheable = sum(map(len, chunks)) <= MAX_BODY
            await send(message)

        await self.app(scope, receive, capture)
        if start is not None and cacheable:
            self.entries[key] = Entry(now, start, b"".join(chunks))
            while len(self.entries) > MAX_ENTRIES:
                self.entries.popitem(last=False)
