"""Page URLs from a sitemap.xml, following sitemap indexes (each child sitemap on its own)."""

from __future__ import annotations

from collections.abc import AsyncIterator
from urllib.parse import urljoin

from indexer.robots import Robots
from indexer.sources.base import CrawlContext, SourceFailed
from indexer.xml import XmlRejected, local, parse_xml

MAX_DEPTH = 3


async def page_urls(ctx: CrawlContext, sitemap_url: str, robots: Robots) -> AsyncIterator[str]:
    """Yields page URLs; an unsafe or broken child sitemap is recorded and the rest still load."""
    if not await robots.allowed(sitemap_url):
        raise SourceFailed(f"robots.txt disallows the sitemap {sitemap_url}")
    async for url in _walk(ctx, sitemap_url, robots, depth=0):
        yield url


async def _walk(ctx: CrawlContext, url: str, robots: Robots, depth: int) -> AsyncIterator[str]:
    fetched = await (ctx.get_root(url) if depth == 0 else ctx.get(url))
    if fetched is None:
        return
    if not fetched.ok:
        ctx.report.error(url, f"HTTP {fetched.status}")
        return
    try:
        root = parse_xml(fetched.body)
    except XmlRejected as exc:
        ctx.report.error(url, str(exc))
        if depth == 0:
            raise SourceFailed(f"{url}: {exc}") from exc
        return
    locations = [
        urljoin(fetched.url, "".join(el.itertext()).strip())
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
