"""A short-lived cache of anonymous search answers and offer pages, bounded by bytes.

Residents ask the same few questions again and again ("digid", "voedselbank"). An answer is
kept for at most a minute, so "open now" stays right, and every answer goes as soon as a new
index generation is swapped in. Staff and public-PC pages are never cached: they are personal.

Each worker process holds its own cache. Unique questions cannot make it grow: it keeps at most
`max_bytes` (answers and keys counted), drops the least recently used answer first, and sweeps
out expired answers several times per lifetime instead of waiting until somebody asks for them
again. When many residents ask the same new question at once (right after a new generation, or
when a popular answer expires), one of them computes the answer and the others wait for it.
"""

from __future__ import annotations

import asyncio
import time
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import parse_qsl, urlencode

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from finder.ui.asgi import HttpMiddleware
from finder.ui.cookies import request_cookies
from finder.ui.i18n import COOKIE as LANGUAGE_COOKIE

CACHED_PATHS = frozenset({"/zoeken", "/api/v1/search"})
# Offer pages change only with the catalogue, which a crawl changes just before it swaps in a new
# index generation, and the swap empties the cache.
CACHED_PREFIXES = ("/aanbod/", "/api/v1/offers/")
MAX_BYTES = 16_000_000
# Bookkeeping per entry (dicts, tuples, the message), roughly.
ENTRY_OVERHEAD = 500

Key = tuple[str, str, str]


@dataclass
class Entry:
    stored_at: float
    start: Message
    body: bytes
    cost: int


def _anonymous(scope: Scope) -> bool:
    return set(request_cookies(scope)) <= {LANGUAGE_COOKIE}


def cache_key(scope: Scope) -> Key:
    """The normalised request: path, parameters sorted by name, and the language.

    The sort is stable, so repeated parameters keep their order: `?q=a&q=b` and `?q=b&q=a`
    are different requests, while `?q=a&postcode=8017` and `?postcode=8017&q=a` are one.
    """
    pairs = parse_qsl(scope.get("query_string", b"").decode("latin-1"), keep_blank_values=True)
    query = urlencode(sorted(pairs, key=lambda pair: pair[0]))
    return (scope["path"], query, scope.get("state", {}).get("locale", ""))


def _cost(key: Key, start: Message, body: bytes) -> int:
    headers = sum(len(name) + len(value) for name, value in start.get("headers", []))
    return len(body) + headers + sum(map(len, key)) + ENTRY_OVERHEAD


class PageCache(HttpMiddleware):
    def __init__(
        self,
        app: ASGIApp,
        generation: Callable[[], str],
        ttl: float = 60.0,
        max_bytes: int = MAX_BYTES,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        super().__init__(app)
        self.ttl = ttl
        self.max_bytes = max_bytes
        # One answer may take at most an eighth of the budget, so a few big pages cannot
        # push out all the popular ones.
        self.max_entry = max_bytes // 8
        self.generation = generation
        self.clock = clock
        self.entries: OrderedDict[Key, Entry] = OrderedDict()
        self.size = 0
        self.seen_generation: str | None = None
        self.swept_at = clock()
        self.computing: dict[Key, asyncio.Event] = {}

    def __len__(self) -> int:
        return len(self.entries)

    async def handle(self, scope: Scope, receive: Receive, send: Send) -> None:
        if (
            self.ttl <= 0
            or scope["method"] != "GET"
            or not (scope["path"] in CACHED_PATHS or scope["path"].startswith(CACHED_PREFIXES))
            or not _anonymous(scope)
        ):
            await self.app(scope, receive, send)
            return
        now = self.clock()
        self._forget_stale(now)
        key = cache_key(scope)
        if await self._answer(key, now, send):
            return
        computing = self.computing.get(key)
        if computing is not None:
            await computing.wait()
            if await self._answer(key, now, send):
                return
        # The first to ask computes; if its answer cannot be kept, the others compute their own.
        done = self.computing.setdefault(key, asyncio.Event())
        try:
            await self._fill(key, now, scope, receive, send)
        finally:
            if self.computing.get(key) is done:
                del self.computing[key]
            done.set()

    async def _answer(self, key: Key, now: float, send: Send) -> bool:
        entry = self.entries.get(key)
        if entry is None or now - entry.stored_at >= self.ttl:
            return False
        self.entries.move_to_end(key)
        await send({**entry.start, "headers": [*entry.start["headers"], (b"x-cache", b"hit")]})
        await send({"type": "http.response.body", "body": entry.body})
        return True

    def _forget_stale(self, now: float) -> None:
        generation = self.generation()
        if generation != self.seen_generation:
            self.entries.clear()
            self.size = 0
            self.seen_generation = generation
        if now - self.swept_at >= self.ttl / 4:
            self.swept_at = now
            for key in [k for k, e in self.entries.items() if now - e.stored_at >= self.ttl]:
                self._drop(key)

    def _drop(self, key: Key) -> None:
        entry = self.entries.pop(key)
        self.size -= entry.cost

    def _store(self, key: Key, now: float, start: Message, body: bytes) -> None:
        cost = _cost(key, start, body)
        if cost > self.max_entry:
            return
        if key in self.entries:
            self._drop(key)
        self.entries[key] = Entry(now, start, body, cost)
        self.size += cost
        while self.size > self.max_bytes:
            self._drop(next(iter(self.entries)))

    async def _fill(self, key: Key, now: float, scope: Scope, receive: Receive, send: Send) -> None:
        start: Message | None = None
        chunks: list[bytes] = []
        cacheable = True
        length = 0

        async def capture(message: Message) -> None:
            nonlocal start, cacheable, length
            if message["type"] == "http.response.start":
                start = message
                headers = dict(message.get("headers", []))
                cacheable = message["status"] == 200 and b"set-cookie" not in headers
                message = {
                    **message,
                    "headers": [*message.get("headers", []), (b"x-cache", b"miss")],
                }
            elif message["type"] == "http.response.body" and cacheable:
                chunk = message.get("body", b"")
                length += len(chunk)
                cacheable = length <= self.max_entry
                chunks.append(chunk) if cacheable else chunks.clear()
            await send(message)

        await self.app(scope, receive, capture)
        if start is not None and cacheable:
            self._store(key, now, start, b"".join(chunks))
