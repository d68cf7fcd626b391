"""The write side of a crawl: records are normalised and loaded in batches, in a thread.

At most one batch is being written while the reader fetches and parses the next, so the
network, the parser and the database work at the same time, and memory holds two batches
whatever the size of the catalogue.
"""

from __future__ import annotations

import asyncio
import logging

from sqlalchemy.exc import SQLAlchemyError

from indexer.load import Loaded, Loader
from indexer.normalise import Normaliser
from indexer.records import OfferRecord
from indexer.sources.base import CrawlContext

log = logging.getLogger(__name__)
BATCH = 500


class BatchWriter:
    def __init__(
        self, ctx: CrawlContext, normaliser: Normaliser, loader: Loader, size: int = BATCH
    ) -> None:
        self.ctx = ctx
        self.normaliser = normaliser
        self.loader = loader
        self.size = size
        self._batch: list[OfferRecord] = []
        self._writing: asyncio.Future[None] | None = None

    async def add(self, record: OfferRecord) -> None:
        self._batch.append(record)
        if len(self._batch) >= self.size:
            await self._flush()

    async def close(self) -> None:
        """Writes what is left and waits until every batch is stored (or failed)."""
        await self._flush()
        await self._settle()

    async def _flush(self) -> None:
        batch, self._batch = self._batch, []
        await self._settle()
        if batch:
            self._writing = asyncio.ensure_future(self._write(batch))

    async def _settle(self) -> None:
        if self._writing is not None:
            writing, self._writing = self._writing, None
            await writing

    async def _write(self, batch: list[OfferRecord]) -> None:
        try:
            loaded = await asyncio.to_thread(self._store, batch)
        except SQLAlchemyError as exc:
            log.exception("storing a batch of %s failed", self.ctx.source.name)
            self.loader.writer.forget()
            reason = str(exc).splitlines()[0][:300]
            self.ctx.report.error(
                self.ctx.source.url, f"could not store {len(batch)} records: {reason}"
            )
        else:
            loaded.add_to(self.ctx.report)
        self.ctx.on_progress()

    def _store(self, batch: list[OfferRecord]) -> Loaded:
        # Normalising runs here too: a geocoder may ask a web service, which must not stall
        # the loop that fetches the next pages.
        demo = self.ctx.source.demo
        return self.loader.load([self.normaliser(record, demo) for record in batch])
