"""The shape every pure ASGI middleware of the app shares: only HTTP requests are looked at."""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Callable

from starlette.datastructures import MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send


class HttpMiddleware(ABC):
    """Pure ASGI middleware (no BaseHTTPMiddleware: it would buffer bodies and copy contexts).

    Lifespan and websocket messages pass straight through; `handle` sees HTTP requests only.
    """

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        await self.handle(scope, receive, send)

    @abstractmethod
    async def handle(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Answer one HTTP request, usually by calling `self.app` with changed arguments."""


def on_response_start(send: Send, edit: Callable[[MutableHeaders], None]) -> Send:
    """`send`, but `edit` may change the response headers just before they go out."""

    async def wrapped(message: Message) -> None:
        if message["type"] == "http.response.start":
            edit(MutableHeaders(scope=message))
        await send(message)

    return wrapped
