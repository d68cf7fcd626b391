"""The wijkteam postcode checker: ask every PC4, group the answers by the team they name."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator

from indexer.ids import normalise
from indexer.records import OfferRecord
from indexer.sources.base import CrawlContext, SourceFailed
from indexer.sources.jsonld import BrokenJsonLd, extract
from indexer.sources.jsonld_map import main_entity, to_record


class WijkteamCheckerSource:
    async def records(self, ctx: CrawlContext) -> AsyncIterator[OfferRecord]:
        answers = await asyncio.gather(*(self._ask(ctx, pc4) for pc4 in ctx.source.postcodes))
        teams: dict[str, OfferRecord] = {}
        for pc4, record in zip(ctx.source.postcodes, answers, strict=True):
            if record is None:
                continue
            team = teams.setdefault(record.source_ref, record)
            team.service_area = [*team.service_area, pc4]
        if not teams and len(ctx.report.errors) == len(ctx.source.postcodes):
            raise SourceFailed("no postcode could be checked")
        for team in teams.values():
            # The service area is exactly the postcodes the checker answered for.
            team.service_area = sorted(set(team.service_area))
            team.is_wijkteam = True
            yield team

    async def _ask(self, ctx: CrawlContext, pc4: str) -> OfferRecord | None:
        url = ctx.source.url.replace("{postcode}", pc4)
        fetched = await ctx.get(url)
        if fetched is None:
            return None
        if fetched.status == 404:
            ctx.report.skip("unknown postcode (404)")
            return None
        if not fetched.ok:
            ctx.report.error(url, f"HTTP {fetched.status}")
            return None
        try:
            entity = main_entity(extract(fetched.text()))
            if entity is None:
                ctx.report.skip("answer without schema.org JSON-LD naming a team")
                return None
            record = to_record(entity, source_ref="", page_url=url)
        except (BrokenJsonLd, ValueError) as exc:
            ctx.report.skip(f"unusable answer: {exc}")
            return None
        record.source_ref = normalise(record.title).replace(" ", "-")
        record.service_area = []
        return record
