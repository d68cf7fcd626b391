"""Samenwerkende Catalogi 4.0: an SRU searchRetrieve URL (paged) or a plain scproducten feed."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Iterator
from typing import ClassVar
from urllib.parse import parse_qs, urlsplit
from xml.etree.ElementTree import Element

from pydantic import Field

from indexer.fetch import Fetched
from indexer.records import OfferRecord
from indexer.sources.base import CrawlContext, SourceFailed, SourceOptions
from indexer.sources.sc_map import Municipality, product_to_record
from indexer.sources.sru import SruPage, is_sru, page_url, products, read_page
from indexer.xml import XmlRejected, local, parse_xml


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
            root = _root(fetched, ctx)
            for record in _records(root.iter(), ctx, fetched.url):
                yield record
            return
        async for record in _sru_pages(ctx, url):
            yield record


async def _sru_pages(ctx: CrawlContext, url: str) -> AsyncIterator[OfferRecord]:
    query = parse_qs(urlsplit(url).query)
    size = int(query.get("maximumRecords", [ctx.options(ScOptions).page_size])[0])
    start = position = int(query.get("startRecord", ["1"])[0])
    first = await ctx.get_root(page_url(url, start, size))
    page: SruPage | None = _first_page(first, ctx)
    total, read, stride, where = page.total if page else 0, 0, size, first.url
    while True:
        if page is not None and page.records:
            stride = len(page.records)
        following = _following(page, position, stride, total, ctx, where)
        # One page ahead, so fetching overlaps with normalising and storing this one.
        upcoming = (
            asyncio.ensure_future(ctx.get(page_url(url, following, size))) if following else None
        )
        if page is not None:
            read += len(page.records)
            for record in _records(products(page.records), ctx, where):
                yield record
        if upcoming is None or following is None:
            break
        fetched, position = await upcoming, following
        where = page_url(url, following, size)
        page = _later_page(fetched, ctx)
    announced = max(0, total - start + 1)
    if read < announced:
        ctx.report.error(url, f"announced {announced}, read {read}")


def _following(
    page: SruPage | None, position: int, stride: int, total: int, ctx: CrawlContext, where: str
) -> int | None:
    """Where the next page starts, or None after the last one."""
    if page is None:
        # This page could not be read: guess its end from the size the server gave so far.
        following: int | None = position + stride
    else:
        following = page.next_position
        if following is not None and following <= position:
            ctx.report.error(where, f"nextRecordPosition {following} does not move on")
            return None
    return following if following is not None and following <= total else None


def _first_page(fetched: Fetched, ctx: CrawlContext) -> SruPage:
    page = read_page(_root(fetched, ctx))
    if page.diagnostics:
        ctx.report.error(fetched.url, "; ".join(page.diagnostics))
        raise SourceFailed(f"the SRU server answered: {'; '.join(page.diagnostics)}")
    return page


def _later_page(fetched: Fetched | None, ctx: CrawlContext) -> SruPage | None:
    """A page after the first; one that cannot be read is an error, and the crawl goes on."""
    if fetched is None:
        return None
    if not fetched.ok:
        ctx.report.error(fetched.url, f"HTTP {fetched.status}")
        return None
    try:
        page = read_page(parse_xml(fetched.body))
    except XmlRejected as exc:
        ctx.report.error(fetched.url, str(exc))
        return None
    if page.diagnostics:
        ctx.report.error(fetched.url, "; ".join(page.diagnostics))
        return None
    return page


def _records(
    elements: Iterator[Element] | list[Element], ctx: CrawlContext, url: str
) -> Iterator[OfferRecord]:
    municipality = ctx.options(ScOptions).municipality
    for product in elements:
        if local(product.tag) != "scproduct":
            continue
        try:
            yield product_to_record(product, ctx.upl, municipality, url)
        except ValueError as exc:
            ctx.report.skip(str(exc))


def _root(fetched: Fetched, ctx: CrawlContext) -> Element:
    try:
        return parse_xml(fetched.body)
    except XmlRejected as exc:
        ctx.report.error(fetched.url, str(exc))
        raise SourceFailed(f"{fetched.url}: {exc}") from exc
