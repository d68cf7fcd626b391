"""Limits on the size of a request, answered with a page in the interface language.

The server (`finder serve`) refuses heads beyond `finder.server.MAX_HEAD` outright; requests
that get past it but are still larger than any page of ours needs get a proper 414, 431 or 413
here, after the language is known and before anything is parsed, searched or cached.
"""

from __future__ import annotations

from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.types import Message, Receive, Scope, Send

from finder.ui.asgi import HttpMiddleware
from finder.web.errors import error_response

# A 200-character question in any script fits in about 1,800 bytes of URL.
MAX_TARGET = 8192
MAX_HEADER = 8192
MAX_HEADERS = 16384
# The largest form is a referral with a short question; nothing is uploaded.
MAX_BODY = 262_144


def _oversized(scope: Scope) -> tuple[int, str] | None:
    if len(scope.get("raw_path") or b"") + len(scope.get("query_string", b"")) > MAX_TARGET:
        return 414, "URI too long"
    total = 0
    for name, value in scope["headers"]:
        size = len(name) + len(value)
        total += size
        if size > MAX_HEADER or total > MAX_HEADERS:
            return 431, "Request header fields too large"
    return None


def _declared_length(scope: Scope) -> int:
    for name, value in scope["headers"]:
        if name == b"content-length":
            try:
                return int(value)
            except ValueError:
                return 0
    return 0


def _counting(receive: Receive) -> Receive:
    """`receive`, but a body that grows past MAX_BODY stops the request with a 413."""
    seen = 0

    async def counted() -> Message:
        nonlocal seen
        message = await receive()
        if message["type"] == "http.request":
            seen += len(message.get("body", b""))
            if seen > MAX_BODY:
                raise HTTPException(413, "Request body too large")
        return message

    return counted


class RequestLimits(HttpMiddleware):
    async def handle(self, scope: Scope, receive: Receive, send: Send) -> None:
        refused = _oversized(scope)
        if refused is None and _declared_length(scope) > MAX_BODY:
            refused = 413, "Request body too large"
        if refused is not None:
            status, message = refused
            headers = {"connection": "close"} if status == 413 else None
            response = error_response(Request(scope), status, message, headers)
            await response(scope, receive, send)
            return
        await self.app(scope, _counting(receive), send)
