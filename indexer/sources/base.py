"""The protocol every source kind keeps: fetch and extract its records, normalised."""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass
from typing import Protocol

from indexer.config import SourceConfig
from indexer.fetch import Fetched, Fetcher, FetchError
from indexer.records import OfferRecord
from indexer.report import SourceReport
from indexer.upl import UplList


class SourceFailed(Exception):
    """The source could not be read at all; its previous records are kept and marked stale."""


@dataclass
class CrawlContext:
    source: SourceConfig
    fetcher: Fetcher
    report: SourceReport
    upl: UplList
    on_progress: Callable[[], None] = lambda: None

    async def get(self, url: str) -> Fetched | None:
        """Fetch and count; a failure is recorded as an error with its URL and gives None."""
        try:
            fetched = await self.fetcher.get(url)
        except FetchError as exc:
            self.report.error(exc.url, exc.reason)
            self.on_progress()
            return None
        self.report.fetched += 1
        if fetched.unchanged:
            self.report.unchanged += 1
        self.on_progress()
        return fetched

    async def get_root(self, url: str) -> Fetched:
        """The source's entry point: without it the source failed completely."""
        fetched = await self.get(url)
        if fetched is None:
            raise SourceFailed(self.report.errors[-1][1])
        if not fetched.ok:
            self.report.error(url, f"HTTP {fetched.status}")
            raise SourceFailed(f"HTTP {fetched.status} for {url}")
        return fetched


class SourceReader(Protocol):
    def records(self, ctx: CrawlContext) -> AsyncIterator[OfferRecord]: ...
