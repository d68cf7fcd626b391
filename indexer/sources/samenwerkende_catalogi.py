"""Samenwerkende Catalogi 4.0: an SRU searchRetrieve URL (paged) or a plain scproducten feed."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Iterator
from typing import ClassVar
from urllib.parse import parse_qs, urlsplit
from xml.etree.ElementTree import Element

from pydantic import Field

from indexer.answers import WrongAnswer, xml_document
from indexer.fetch import Fetched
from indexer.records import OfferRecord
from indexer.sources.base import CrawlContext, SourceOptions
from indexer.sources.sc_map import Municipality, product_to_record
from indexer.sources.sru import SruPage, is_sru, page_url, products, read_page
from indexer.xml import local


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
            fetched, root = await ctx.get_root(url, _feed)
            for record in _records(root.iter(), ctx, fetched.url):
                yield record
            return
        async for record in _sru_pages(ctx, url):
            yield record


async def _sru_pages(ctx: CrawlContext, url: str) -> AsyncIterator[OfferRecord]:
    query = parse_qs(urlsplit(url).query)
    size = int(query.get("maximumRecords", [ctx.options(ScOptions).page_size])[0])
    start = position = int(query.get("startRecord", ["1"])[0])
    first, opening = await ctx.get_root(page_url(url, start, size), _sru_page)
    page: SruPage | None = opening
    total, read, stride, where = opening.total, 0, size, first.url
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
        page = ctx.read_answer(fetched, _sru_page)
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


def _feed(fetched: Fetched) -> Element:
    return xml_document(fetched, {"scproducten", "searchRetrieveResponse"})


def _sru_page(fetched: Fetched) -> SruPage:
    page = read_page(xml_document(fetched, {"searchRetrieveResponse"}))
    if page.diagnostics:
        raise WrongAnswer(f"the SRU server answered: {'; '.join(page.diagnostics)}")
    return page
