"""Web pages from a sitemap, each read through its schema.org JSON-LD; robots.txt is obeyed."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from typing import Any, ClassVar

from indexer.answers import HTML, WrongAnswer, expect
from indexer.records import OfferRecord
from indexer.robots import Robots
from indexer.sitemap import page_urls
from indexer.sources.base import CrawlContext, SourceOptions
from indexer.sources.jsonld import BrokenJsonLd, extract
from indexer.sources.jsonld_map import main_entity, to_record


class WebpagesSource:
    options: ClassVar[type[SourceOptions]] = SourceOptions

    async def records(self, ctx: CrawlContext) -> AsyncIterator[OfferRecord]:
        robots = Robots(ctx.fetcher, ctx.source.limits.user_agent)
        window = max(1, ctx.source.limits.concurrency) * 2
        pending: list[asyncio.Task[OfferRecord | None]] = []
        async for url in page_urls(ctx, ctx.source.url, robots):
            if not await robots.allowed(url):
                ctx.report.skip("disallowed by robots.txt")
                continue
            pending.append(asyncio.create_task(self._page(ctx, url)))
            if len(pending) >= window and (record := await pending.pop(0)) is not None:
                yield record
        for task in pending:
            if (record := await task) is not None:
                yield record

    async def _page(self, ctx: CrawlContext, url: str) -> OfferRecord | None:
        fetched = await ctx.get_page(url, missing="page gone")
        if fetched is None:
            return None
        try:
            expect(fetched, HTML)
        except WrongAnswer as exc:
            ctx.report.skip(f"not a web page: {exc}")
            return None
        try:
            entity = main_entity(extract(fetched.text()))
        except BrokenJsonLd as exc:
            ctx.report.skip(f"broken JSON-LD: {exc}")
            return None
        if entity is None:
            ctx.report.skip("no usable schema.org JSON-LD on the page")
            return None
        try:
            return to_record(entity, source_ref=_ref(entity, fetched.url), page_url=fetched.url)
        except ValueError as exc:
            ctx.report.skip(str(exc))
            return None


def _ref(entity: dict[str, Any], url: str) -> str:
    """The page's own identifier when it declares one (stable when a site moves), else its URL."""
    for key in ("identifier", "@id"):
        value = entity.get(key)
        if isinstance(value, str | int) and str(value).strip():
            return str(value).strip()
    return url
