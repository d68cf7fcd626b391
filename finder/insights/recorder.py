"""The tally of one worker process, written to the database in the background."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import date, datetime
from typing import Any

import anyio
from fastapi import FastAPI
from sqlalchemy.exc import SQLAlchemyError

from finder.db import get_engine
from finder.hours import TIMEZONE
from finder.insights import store
from finder.insights.facts import SearchFact
from finder.insights.tally import Tally
from finder.settings import Settings

log = logging.getLogger(__name__)
FLUSH_EVERY = 30.0


def local_day() -> date:
    return datetime.now(TIMEZONE).date()


class Recorder:
    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.tally = Tally()

    def record(self, fact: SearchFact, refined: tuple[str, ...] | None) -> None:
        self.tally.add(local_day(), fact, refined)

    def flush(self) -> None:
        """Writes what was counted, then decides yesterday's word groups."""
        taken = self.tally.drain()
        engine = get_engine(self.settings)
        try:
            if taken:
                store.flush(engine, taken, self.settings.insights_k)
            store.end_of_day(engine, local_day(), self.settings.insights_k)
        except SQLAlchemyError:
            self.tally.restore(taken)
            log.exception("search counts could not be written; trying again later")

    async def run(self) -> None:
        while True:
            await asyncio.sleep(FLUSH_EVERY)
            await anyio.to_thread.run_sync(self.flush)


def install(app: FastAPI, recorder: Recorder) -> None:
    """Flushes every FLUSH_EVERY seconds while serving, and once more on shutdown."""
    inner = app.router.lifespan_context

    @asynccontextmanager
    async def lifespan(application: Any) -> AsyncIterator[Any]:
        async with inner(application) as state:
            task = asyncio.create_task(recorder.run())
            try:
                yield state
            finally:
                task.cancel()
                await anyio.to_thread.run_sync(recorder.flush)

    app.router.lifespan_context = lifespan
