"""Open Referral HSDS 3.0: a paged API ({url}/services?page=N&per_page=M) or one JSON document."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncIterator, Iterator
from typing import Any, ClassVar
from urllib.parse import urlsplit

from pydantic import Field

from indexer.answers import WrongAnswer, json_document
from indexer.fetch import Fetched
from indexer.records import OfferRecord
from indexer.sources.base import CrawlContext, SourceOptions
from indexer.sources.hsds_map import NotAService, service_to_record

log = logging.getLogger(__name__)


class HsdsOptions(SourceOptions):
    page_size: int = Field(100, ge=1, description="per_page asked of a paged HSDS API")


class OpenReferralSource:
    options: ClassVar[type[SourceOptions]] = HsdsOptions

    async def records(self, ctx: CrawlContext) -> AsyncIterator[OfferRecord]:
        url = ctx.source.url
        if _is_document(url):
            fetched, document = await ctx.get_root(url, _document)
            for service in services_in(document):
                if (record := _map(service, ctx, fetched.url)) is not None:
                    yield record
            return
        async for record in self._pages(ctx, url.rstrip("/")):
            yield record

    async def _pages(self, ctx: CrawlContext, base: str) -> AsyncIterator[OfferRecord]:
        size = ctx.options(HsdsOptions).page_size

        def url_of(number: int) -> str:
            return f"{base}/services?page={number}&per_page={size}"

        _first, envelope = await ctx.get_root(url_of(1), _page)
        announced = _int(envelope.get("total_items")) if isinstance(envelope, dict) else None
        number, read, total_pages, opening = 1, 0, None, None
        while True:
            items = _contents(envelope)
            if isinstance(envelope, dict):
                total_pages = _int(envelope.get("total_pages")) or total_pages
            first = _first_id(items) if items else None
            if first is not None and first == opening:
                # A server that ignores `page` would otherwise be read for ever.
                ctx.report.error(url_of(number), f"page {number} repeats an earlier page")
                break
            opening = first if first is not None else opening
            # Fetch the next page while this one is normalised and loaded.
            upcoming = (
                asyncio.ensure_future(ctx.get(url_of(number + 1)))
                if _more(envelope, items, number, total_pages)
                else None
            )
            read += len(items)
            for service in services_in(items):
                if (record := _map(service, ctx, url_of(number))) is not None:
                    yield record
            if upcoming is None:
                break
            fetched = await upcoming
            number += 1
            envelope = ctx.read_answer(fetched, _page)
        if announced is not None and read < announced:
            ctx.report.error(url_of(1), f"announced {announced}, read {read}")


def _more(envelope: Any, items: list[Any], number: int, total_pages: int | None) -> bool:
    """Whether a page follows page `number`, by the envelope's own paging fields.

    The server decides the page size (it may cap per_page), so only its total_pages or
    last_page say where the catalogue ends. A plain list is the whole catalogue.
    """
    if envelope is None:
        # This page could not be read; go on only when the number of pages is known.
        return total_pages is not None and number < total_pages
    if not isinstance(envelope, dict) or not items:
        return False
    if isinstance(envelope.get("last_page"), bool):
        return not envelope["last_page"]
    return total_pages is not None and number < total_pages


def _contents(envelope: Any) -> list[Any]:
    if isinstance(envelope, list):
        return envelope
    if isinstance(envelope, dict) and isinstance(envelope.get("contents"), list):
        return list(envelope["contents"])
    return []


def _first_id(items: list[Any]) -> Any:
    return items[0].get("id") if isinstance(items[0], dict) else None


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


def _holds_services(doc: dict[str, Any]) -> bool:
    """Whether services_in reads services from this object (even when it lists none)."""
    return (
        isinstance(doc.get("contents"), list)
        or isinstance(doc.get("services"), list)
        or (isinstance(doc.get("service"), dict) and isinstance(doc.get("location"), dict))
        or ("name" in doc and "id" in doc)
    )


def _map(service: dict[str, Any], ctx: CrawlContext, url: str) -> OfferRecord | None:
    try:
        return service_to_record(service, ctx.upl, url, fallback_org=ctx.source.name)
    except NotAService as exc:
        ctx.report.skip(str(exc))
    except (TypeError, ValueError, AttributeError) as exc:
        ctx.report.error(f"{url}#{service.get('id', '?')}", f"unreadable service: {exc}")
    return None


def _page(fetched: Fetched) -> Any:
    """One page of the paged API: its envelope (with contents), or a plain list of services."""
    page = json_document(fetched)
    if isinstance(page, list) or (
        isinstance(page, dict) and isinstance(page.get("contents"), list)
    ):
        return page
    raise WrongAnswer("JSON without an HSDS page (contents) or a list of services")


def _document(fetched: Fetched) -> Any:
    """A whole HSDS document: a list or page of services, an organisation with its services,
    a service_at_location, or one service."""
    document = json_document(fetched)
    if isinstance(document, list) or (isinstance(document, dict) and _holds_services(document)):
        return document
    raise WrongAnswer("JSON without HSDS services")


def _is_document(url: str) -> bool:
    return url.startswith("file://") or urlsplit(url).path.endswith(".json")


def _int(value: Any) -> int | None:
    if isinstance(value, bool):
        return None
    try:
        return int(value)
    except (TypeError, ValueError):
        return None
