"""Open Referral HSDS 3.0: a paged API ({url}/services?page=N&per_page=M) or one JSON document."""

from __future__ import annotations

import asyncio
import json
import logging
from collections.abc import AsyncIterator, Iterator
from typing import Any, ClassVar
from urllib.parse import urlsplit

from pydantic import Field

from indexer.fetch import Fetched
from indexer.records import OfferRecord
from indexer.sources.base import CrawlContext, SourceFailed, SourceOptions
from indexer.sources.hsds_map import NotAService, service_to_record

log = logging.getLogger(__name__)


class HsdsOptions(SourceOptions):
    page_size: int = Field(100, ge=1, description="per_page asked of a paged HSDS API")


class OpenReferralSource:
    options: ClassVar[type[SourceOptions]] = HsdsOptions

    async def records(self, ctx: CrawlContext) -> AsyncIterator[OfferRecord]:
        url = ctx.source.url
        if _is_document(url):
            fetched = await ctx.get_root(url)
            for service in services_in(_json(fetched, ctx, root=True)):
                if (record := _map(service, ctx, fetched.url)) is not None:
                    yield record
            return
        async for record in self._pages(ctx, url.rstrip("/")):
            yield record

    async def _pages(self, ctx: CrawlContext, base: str) -> AsyncIterator[OfferRecord]:
        size = ctx.options(HsdsOptions).page_size
        page_url = f"{base}/services?page={{}}&per_page={size}"
        fetched: Fetched | None = await ctx.get_root(page_url.format(1))
        page, total_pages = 1, 1
        while True:
            envelope = _json(fetched, ctx, root=page == 1) if fetched and fetched.ok else None
            if fetched is not None and not fetched.ok:
                ctx.report.error(fetched.url, f"HTTP {fetched.status}")
            if isinstance(envelope, dict):
                total_pages = _int(envelope.get("total_pages"), total_pages)
            # Fetch the next page while this one is normalised and loaded.
            upcoming = (
                asyncio.ensure_future(ctx.get(page_url.format(page + 1)))
                if page < total_pages
                else None
            )
            for service in services_in(envelope) if envelope is not None else []:
                if (record := _map(service, ctx, page_url.format(page))) is not None:
                    yield record
            if upcoming is None:
                return
            fetched = await upcoming
            page += 1


def services_in(doc: Any) -> Iterator[dict[str, Any]]:
    """Services from a list, a paged envelope, an organisation, a service_at_location or one."""
    if isinstance(doc, list):
        for item in doc:
            yield from services_in(item)
    elif isinstance(doc, dict):
        if isinstance(doc.get("contents"), list):
            yield from services_in(doc["contents"])
        elif isinstance(doc.get("services"), list):
            org = {k: v for k, v in doc.items() if k != "services"}
            for service in doc["services"]:
                if isinstance(service, dict):
                    yield {"organization": org, **service}
        elif isinstance(doc.get("service"), dict) and isinstance(doc.get("location"), dict):
            link = {k: v for k, v in doc.items() if k != "service"}
            yield {**doc["service"], "service_at_locations": [link]}
        elif "name" in doc and "id" in doc:
            yield doc


def _map(service: dict[str, Any], ctx: CrawlContext, url: str) -> OfferRecord | None:
    try:
        return service_to_record(service, ctx.upl, url, fallback_org=ctx.source.name)
    except NotAService as exc:
        ctx.report.skip(str(exc))
    except (TypeError, ValueError, AttributeError) as exc:
        ctx.report.error(f"{url}#{service.get('id', '?')}", f"unreadable service: {exc}")
    return None


def _json(fetched: Fetched | None, ctx: CrawlContext, root: bool = False) -> Any:
    if fetched is None:
        return None
    try:
        return json.loads(fetched.text())
    except json.JSONDecodeError as exc:
        ctx.report.error(fetched.url, f"not valid JSON ({exc.msg} at line {exc.lineno})")
        if root:
            raise SourceFailed("not valid JSON") from exc
        return None


def _is_document(url: str) -> bool:
    return url.startswith("file://") or urlsplit(url).path.endswith(".json")


def _int(value: Any, default: int) -> int:
    try:
        return int(value)
    except (TypeError, ValueError):
        return default
