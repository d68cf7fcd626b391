"""Page URLs from a sitemap.xml, following sitemap indexes (each child sitemap on its own)."""

from __future__ import annotations

from collections.abc import AsyncIterator
from urllib.parse import urljoin
from xml.etree.ElementTree import Element

from indexer.answers import xml_document
from indexer.fetch import Fetched
from indexer.robots import Robots
from indexer.sources.base import CrawlContext, SourceFailed
from indexer.xml import local

MAX_DEPTH = 3


async def page_urls(ctx: CrawlContext, sitemap_url: str, robots: Robots) -> AsyncIterator[str]:
    """Yields page URLs; an unsafe or broken child sitemap is recorded and the rest still load."""
    if not await robots.allowed(sitemap_url):
        raise SourceFailed(f"robots.txt disallows the sitemap {sitemap_url}")
    async for url in _walk(ctx, sitemap_url, robots, depth=0):
        yield url


async def _walk(ctx: CrawlContext, url: str, robots: Robots, depth: int) -> AsyncIterator[str]:
    found = await _fetch_sitemap(ctx, url, depth)
    if found is None:
        return
    where, root = found
    locations = [
        urljoin(where, "".join(el.itertext()).strip())
        for el in root.iter()
        if local(el.tag) == "loc"
    ]
    if local(root.tag) != "sitemapindex":
        for page in dict.fromkeys(locations):
            yield page
        return
    if depth >= MAX_DEPTH:
        ctx.report.skip("sitemap index nested too deep")
        return
    for child in locations:
        if not await robots.allowed(child):
            ctx.report.skip("disallowed by robots.txt")
            continue
        async for page in _walk(ctx, child, robots, depth + 1):
            yield page


async def _fetch_sitemap(ctx: CrawlContext, url: str, depth: int) -> tuple[str, Element] | None:
    """The source's own sitemap must be one, or the source fails; a child sitemap that is not
    is an error, and the others still load."""
    if depth == 0:
        fetched, root = await ctx.get_root(url, _sitemap)
        return fetched.url, root
    later = await ctx.get(url)
    child = ctx.read_answer(later, _sitemap)
    return (later.url, child) if later is not None and child is not None else None


def _sitemap(fetched: Fetched) -> Element:
    return xml_document(fetched, {"urlset", "sitemapindex"})
