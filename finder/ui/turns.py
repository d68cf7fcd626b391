"""Requests take turns: each worker works on a few at once, and the rest wait in arrival order."""

from __future__ import annotations

import asyncio
import time
from collections import deque
from contextlib import suppress

from starlette.datastructures import MutableHeaders
from starlette.types import ASGIApp, Receive, Scope, Send

from finder.ui.asgi import HttpMiddleware, on_response_start

# Seconds of a turn at most. A computed page takes milliseconds of CPU, and under full load a
# few tens of them; half a second is only reached while waiting on another server.
LONGEST_TURN = 0.5


class TakeTurns(HttpMiddleware):
    """First come, first served, with `at_once` requests in progress per worker.

    Without it every request starts at once and they share the CPU: the many cheap answers from
    the cache run between the few computed ones, and under load a resident with a new question
    waits behind everyone who came later (p95 1.3 s at 200 clients on two cores). In arrival order
    every resident waits about as long as the queue ahead of them, and fewer threads contending
    for one GIL also do more work per second. Waiting costs a future in a queue, nothing more.
    The wait is reported as `Server-Timing: queue;dur=…`.

    A turn is for work, never for waiting on a client: it ends when the answer starts to go out,
    so a client that reads slowly cannot hold it, and only GET and HEAD take turns, so a form
    whose body arrives slowly cannot either. Forms are few next to questions. A turn also lasts at
    most `longest_turn` seconds: a request still busy by then is waiting on a slow network (a
    hanging Meilisearch, PDOK, the database), and goes on outside the turns so that cached answers
    and offer pages behind it are not held up.
    """

    def __init__(self, app: ASGIApp, at_once: int, longest_turn: float = LONGEST_TURN) -> None:
        super().__init__(app)
        if at_once < 1:
            raise ValueError("at least one request must be able to run")
        self.at_once = at_once
        self.longest_turn = longest_turn
        self.running = 0
        self.waiting: deque[asyncio.Future[None]] = deque()

    async def handle(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["method"] not in ("GET", "HEAD"):
            await self.app(scope, receive, send)
            return
        arrived = time.perf_counter()
        await self._wait_for_turn()
        waited = (time.perf_counter() - arrived) * 1000
        turn_over = False

        def end_turn() -> None:
            nonlocal turn_over
            if not turn_over:
                turn_over = True
                self._pass_turn()

        def stamp(headers: MutableHeaders) -> None:
            headers.append("server-timing", f"queue;dur={waited:.2f}")
            end_turn()

        timer = asyncio.get_running_loop().call_later(self.longest_turn, end_turn)
        try:
            await self.app(scope, receive, on_response_start(send, stamp))
        finally:
            timer.cancel()
            end_turn()

    async def _wait_for_turn(self) -> None:
        if self.running < self.at_once and not self.waiting:
            self.running += 1
            return
        turn = asyncio.get_running_loop().create_future()
        self.waiting.append(turn)
        try:
            await turn
        except asyncio.CancelledError:
            if turn.done() and not turn.cancelled():
                # The turn was handed over just before the cancellation: hand it on.
                self._pass_turn()
            else:
                with suppress(ValueError):
                    self.waiting.remove(turn)
            raise

    def _pass_turn(self) -> None:
        """The finished request's place goes to the longest-waiting one, or is freed."""
        while self.waiting:
            turn = self.waiting.popleft()
            if not turn.done():
                turn.set_result(None)
                return
        self.running -= 1
