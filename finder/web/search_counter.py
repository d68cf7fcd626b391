"""Counts searches as they are answered, from cache or not, without anything about the visitor.

The results page describes its search in an internal header (facts.HEADER); this middleware sits
outside the page cache, so a cached answer is counted too. It removes the header before the
response leaves, and removes the refine marker from the query before the page (and the cache)
see it.
"""

from __future__ import annotations

import time
from urllib.parse import parse_qsl, urlencode

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from finder.insights.facts import HEADER, SearchFact, refined_needs
from finder.insights.recorder import Recorder
from finder.ui.asgi import HttpMiddleware

PATH = "/zoeken"
MARKER = "na"
_HEADER = HEADER.encode()


class InsightsMiddleware(HttpMiddleware):
    def __init__(self, app: ASGIApp, recorder: Recorder) -> None:
        super().__init__(app)
        self.recorder = recorder

    async def handle(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["path"] != PATH:
            await self.app(scope, receive, send)
            return
        query = parse_qsl(scope.get("query_string", b"").decode("latin-1"), keep_blank_values=True)
        raw = next((v for k, v in query if k == MARKER), "")
        if raw:
            kept = [(k, v) for k, v in query if k != MARKER]
            scope = {**scope, "query_string": urlencode(kept).encode("latin-1")}
        refined = refined_needs(raw, int(time.time() // 60)) if raw else None

        async def count(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = message.get("headers", [])
                found = [v for k, v in headers if k == _HEADER]
                if found:
                    message = {**message, "headers": [(k, v) for k, v in headers if k != _HEADER]}
                    fact = SearchFact.decode(found[0].decode("latin-1"))
                    if fact is not None and message["status"] == 200:
                        self.recorder.record(fact, refined)
            await send(message)

        await self.app(scope, receive, count)
