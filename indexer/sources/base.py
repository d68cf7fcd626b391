"""The protocol every source kind keeps: declare its options, fetch and extract its records."""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass
from typing import ClassVar, Protocol, TypeVar

from pydantic import BaseModel, ConfigDict

from finder.models import SourceKind
from indexer.answers import WrongAnswer
from indexer.fetch import Fetched, Fetcher, FetchError
from indexer.limits import CrawlLimits
from indexer.records import OfferRecord
from indexer.report import SourceReport
from indexer.upl import UplList


class SourceOptions(BaseModel):
    """The TOML keys of one source kind; a kind with options subclasses this."""

    model_config = ConfigDict(extra="forbid", frozen=True)


OptionsT = TypeVar("OptionsT", bound=SourceOptions)
T = TypeVar("T")


@dataclass(frozen=True)
class SourceConfig:
    name: str
    kind: SourceKind
    url: str
    limits: CrawlLimits
    options: SourceOptions
    demo: bool = False
    licence: str = ""


class SourceFailed(Exception):
    """The source could not be read at all; its previous records are kept and marked stale."""


@dataclass
class CrawlContext:
    source: SourceConfig
    fetcher: Fetcher
    report: SourceReport
    upl: UplList
    on_progress: Callable[[], None] = lambda: None

    def options(self, kind: type[OptionsT]) -> OptionsT:
        """This source's options, as the model its reader declared (config.py built them so)."""
        if not isinstance(self.source.options, kind):
            raise TypeError(f"{self.source.name}: options are not {kind.__name__}")
        return self.source.options

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

    async def get_root(self, url: str, read: Callable[[Fetched], T]) -> tuple[Fetched, T]:
        """The source's entry point, read as the kind it must be: when it cannot be fetched,
        or answers with something else, the source failed completely and keeps its records."""
        fetched = await self.get(url)
        if fetched is None:
            raise SourceFailed(self.report.errors[-1][1])
        if not fetched.ok:
            self.report.error(url, f"HTTP {fetched.status}")
            raise SourceFailed(f"HTTP {fetched.status} for {url}")
        try:
            return fetched, read(fetched)
        except WrongAnswer as exc:
            self.report.error(fetched.url, str(exc))
            raise SourceFailed(str(exc)) from exc

    def read_answer(self, fetched: Fetched | None, read: Callable[[Fetched], T]) -> T | None:
        """Any answer after the entry point: one that failed or is of the wrong kind is an
        error (so nothing is removed after this run), and the crawl goes on without it."""
        if fetched is None:
            return None
        if not fetched.ok:
            self.report.error(fetched.url, f"HTTP {fetched.status}")
            return None
        try:
            return read(fetched)
        except WrongAnswer as exc:
            self.report.error(fetched.url, str(exc))
            return None

    async def get_page(self, url: str, missing: str) -> Fetched | None:
        """One of many pages: a page that is not there (404, 410) is skipped as `missing`;
        any other failure is an error. Either way None, and the crawl goes on."""
        fetched = await self.get(url)
        if fetched is None:
            return None
        if fetched.status in (404, 410):
            self.report.skip(f"{missing} (HTTP {fetched.status})")
            return None
        if not fetched.ok:
            self.report.error(url, f"HTTP {fetched.status}")
            return None
        return fetched


class SourceReader(Protocol):
    options: ClassVar[type[SourceOptions]]

    def records(self, ctx: CrawlContext) -> AsyncIterator[OfferRecord]: ...
