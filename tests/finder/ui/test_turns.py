"""Requests are answered in arrival order, a few at a time per worker (#9).

Under load a new question used to wait behind every cheaper answer that arrived after it.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from typing import Any

import httpx
import pytest
from starlette.types import Message, Receive, Scope, Send

from finder.settings import Settings
from finder.ui.turns import TakeTurns


class Recorder:
    """An ASGI app that notes when each request starts and ends, and holds `/slow` until told."""

    def __init__(self) -> None:
        self.events: list[str] = []
        self.release = asyncio.Event()

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        name = scope["path"].strip("/")
        self.events.append(f"start {name}")
        if name == "slow":
            await self.release.wait()
        self.events.append(f"end {name}")
        await send({"type": "http.response.start", "status": 200, "headers": []})
        await send({"type": "http.response.body", "body": name.encode()})


def http_scope(method: str, path: str) -> Scope:
    return {"type": "http", "method": method, "path": path, "headers": [], "query_string": b""}


async def no_body() -> Message:
    return {"type": "http.request", "body": b"", "more_body": False}


async def ignore(message: Message) -> None:
    return None


def client_for(app: TakeTurns) -> httpx.AsyncClient:
    return httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://finder")


async def settle() -> None:
    for _ in range(20):
        await asyncio.sleep(0)


def test_a_later_request_waits_for_an_earlier_one_and_they_run_in_arrival_order() -> None:
    async def scenario() -> list[str]:
        inner = Recorder()
        async with client_for(TakeTurns(inner, at_once=1)) as client:
            slow = asyncio.create_task(client.get("/slow"))
            await settle()
            later = []
            for name in ("first", "second", "third"):
                later.append(asyncio.create_task(client.get(f"/{name}")))
                await settle()
            # The cheap requests arrived while the slow one worked: none has started.
            assert inner.events == ["start slow"]
            inner.release.set()
            answers = await asyncio.gather(slow, *later)
        assert [a.text for a in answers] == ["slow", "first", "second", "third"]
        return inner.events

    assert asyncio.run(scenario()) == [
        "start slow",
        "end slow",
        "start first",
        "end first",
        "start second",
        "end second",
        "start third",
        "end third",
    ]


def test_requests_up_to_the_limit_run_at_once() -> None:
    async def scenario() -> list[str]:
        inner = Recorder()
        async with client_for(TakeTurns(inner, at_once=2)) as client:
            slow = asyncio.create_task(client.get("/slow"))
            await settle()
            quick = await client.get("/quick")
            assert quick.status_code == 200
            inner.release.set()
            await slow
        return inner.events

    assert asyncio.run(scenario()) == ["start slow", "start quick", "end quick", "end slow"]


def test_a_request_given_up_while_waiting_does_not_keep_a_turn() -> None:
    async def scenario() -> list[str]:
        inner = Recorder()
        async with client_for(TakeTurns(inner, at_once=1)) as client:
            slow = asyncio.create_task(client.get("/slow"))
            await settle()
            abandoned = asyncio.create_task(client.get("/abandoned"))
            await settle()
            abandoned.cancel()
            await settle()
            inner.release.set()
            await slow
            after = await asyncio.wait_for(client.get("/after"), timeout=5)
            assert after.text == "after"
        return inner.events

    assert asyncio.run(scenario()) == ["start slow", "end slow", "start after", "end after"]


def test_a_client_that_reads_its_answer_slowly_does_not_hold_the_turn() -> None:
    async def scenario() -> list[str]:
        inner = Recorder()
        turns = TakeTurns(inner, at_once=1)
        reading = asyncio.Event()

        async def slow_reader(message: Message) -> None:
            if message["type"] == "http.response.body":
                await reading.wait()

        held = asyncio.create_task(turns(http_scope("GET", "/big"), no_body, slow_reader))
        await settle()
        async with client_for(turns) as client:
            other = await asyncio.wait_for(client.get("/other"), timeout=5)
        reading.set()
        await held
        assert other.text == "other"
        return inner.events

    assert asyncio.run(scenario()) == ["start big", "end big", "start other", "end other"]


def test_a_form_whose_body_arrives_slowly_does_not_hold_the_turn() -> None:
    async def scenario() -> list[str]:
        inner = Recorder()
        turns = TakeTurns(inner, at_once=1)
        arrived = asyncio.Event()

        async def trickle() -> Message:
            await arrived.wait()
            return {"type": "http.request", "body": b"a=1", "more_body": False}

        async def reads_body(scope: Scope, receive: Receive, send: Send) -> None:
            if scope["method"] == "POST":
                await receive()
            await inner(scope, receive, send)

        turns.app = reads_body
        form = asyncio.create_task(turns(http_scope("POST", "/form"), trickle, ignore))
        await settle()
        async with client_for(turns) as client:
            question = await asyncio.wait_for(client.get("/question"), timeout=5)
        arrived.set()
        await form
        assert question.text == "question"
        return inner.events

    assert asyncio.run(scenario()) == ["start question", "end question", "start form", "end form"]


def test_a_request_that_waits_too_long_on_another_server_lets_the_next_one_go() -> None:
    async def scenario() -> list[str]:
        inner = Recorder()
        async with client_for(TakeTurns(inner, at_once=1, longest_turn=0.05)) as client:
            hanging = asyncio.create_task(client.get("/slow"))
            await settle()
            quick = await asyncio.wait_for(client.get("/quick"), timeout=5)
            assert quick.text == "quick"
            inner.release.set()
            await hanging
        return inner.events

    assert asyncio.run(scenario()) == ["start slow", "start quick", "end quick", "end slow"]


def test_at_least_one_request_must_be_able_to_run() -> None:
    with pytest.raises(ValueError):
        TakeTurns(Recorder(), at_once=0)


def test_every_answer_of_the_app_says_how_long_it_waited_for_its_turn(
    settings: Settings, make_client: Callable[[Settings], Any]
) -> None:
    client = make_client(settings)
    for path in ("/", "/zoeken?q=digid", "/api/v1/search?q=digid", "/healthz"):
        timing = client.get(path).headers["server-timing"]
        assert "queue;dur=" in timing and "app;dur=" in timing, path
