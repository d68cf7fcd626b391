"""Samenwerkende Catalogi 4.0: an SRU searchRetrieve URL (paged) or a plain scproducten feed."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Iterator
from typing import ClassVar
from urllib.parse import parse_qs, urlencode, urlsplit, urlunsplit
from xml.etree.ElementTree import Element

from pydantic import Field

from indexer.fetch import Fetched
from indexer.records import OfferRecord
from indexer.sources.base import CrawlContext, SourceFailed, SourceOptions
from indexer.sources.sc_map import Municipality, product_to_record
from indexer.xml import XmlRejected, first_text, local, parse_xml


class ScOptions(SourceOptions):
    page_size: int = Field(100, ge=1, description="SRU maximumRecords when the URL sets none")
    municipality: Municipality | None = Field(
        None, description="Who offers the products, at which counters"
    )


class SamenwerkendeCatalogiSource:
    options: ClassVar[type[SourceOptions]] = ScOptions

    async def records(self, ctx: CrawlContext) -> AsyncIterator[OfferRecord]:
        url = ctx.source.url
        if not is_sru(url):
            fetched = await ctx.get_root(url)
            for record in self._records(_root(fetched, ctx), ctx, fetched.url):
                yield record
            return
        query = parse_qs(urlsplit(url).query)
        size = int(query.get("maximumRecords", [ctx.options(ScOptions).page_size])[0])
        start = int(query.get("startRecord", ["1"])[0])
        first = await ctx.get_root(page_url(url, start, size))
        root = _root(first, ctx)
        total = int(first_text(root, "numberOfRecords") or 0)
        for record in self._records(root, ctx, first.url):
            yield record
        positions = list(range(start + size, total + 1, size))
        # One page ahead, so fetching overlaps with normalising and storing.
        upcoming = self._fetch(ctx, url, positions, 0, size)
        for index in range(len(positions)):
            page_fetched = await upcoming if upcoming else None
            upcoming = self._fetch(ctx, url, positions, index + 1, size)
            if page_fetched is None:
                continue
            if not page_fetched.ok:
                ctx.report.error(page_fetched.url, f"HTTP {page_fetched.status}")
                continue
            try:
                page = parse_xml(page_fetched.body)
            except XmlRejected as exc:
                ctx.report.error(page_fetched.url, str(exc))
                continue
            for record in self._records(page, ctx, page_fetched.url):
                yield record

    def _fetch(
        self, ctx: CrawlContext, url: str, positions: list[int], index: int, size: int
    ) -> asyncio.Future[Fetched | None] | None:
        if index >= len(positions):
            return None
        return asyncio.ensure_future(ctx.get(page_url(url, positions[index], size)))

    def _records(self, root: Element, ctx: CrawlContext, url: str) -> Iterator[OfferRecord]:
        municipality = ctx.options(ScOptions).municipality
        for product in root.iter():
            if local(product.tag) != "scproduct":
                continue
            try:
                yield product_to_record(product, ctx.upl, municipality, url)
            except ValueError as exc:
                ctx.report.skip(str(exc))


def is_sru(url: str) -> bool:
    lowered = url.lower()
    return "searchretrieve" in lowered or urlsplit(lowered).path.rstrip("/").endswith("/sru")


def page_url(url: str, start: int, size: int) -> str:
    parts = urlsplit(url)
    query = {k: v[0] for k, v in parse_qs(parts.query, keep_blank_values=True).items()}
    query.setdefault("version", "1.2")
    query.setdefault("operation", "searchRetrieve")
    query |= {"startRecord": str(start), "maximumRecords": str(size)}
    return urlunsplit(parts._replace(query=urlencode(query)))


def _root(fetched: Fetched, ctx: CrawlContext) -> Element:
    try:
        return parse_xml(fetched.body)
    except XmlRejected as exc:
        ctx.report.error(fetched.url, str(exc))
        raise SourceFailed(f"{fetched.url}: {exc}") from exc
