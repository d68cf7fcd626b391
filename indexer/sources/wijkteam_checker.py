"""The wijkteam postcode checker: ask every PC4, group the answers by the team they name."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from typing import Any, ClassVar

from pydantic import Field, ValidationInfo, field_validator, model_validator

from indexer import postcodes
from indexer.answers import HTML, WrongAnswer, expect
from indexer.fetch import Fetched
from indexer.ids import normalise
from indexer.records import OfferRecord
from indexer.sources.base import CrawlContext, SourceFailed, SourceOptions
from indexer.sources.jsonld import BrokenJsonLd, extract
from indexer.sources.jsonld_map import main_entity, to_record


class CheckerOptions(SourceOptions):
    postcodes: tuple[str, ...] = Field(
        min_length=1, description="PC4s and inclusive ranges such as 8011-8017"
    )

    @field_validator("postcodes", mode="before")
    @classmethod
    def _expand(cls, value: Any) -> tuple[str, ...]:
        if not isinstance(value, list | tuple):
            raise ValueError("must be a list of PC4s and PC4 ranges")
        return tuple(postcodes.expand([str(item) for item in value]))

    @model_validator(mode="after")
    def _url_names_the_postcode(self, info: ValidationInfo) -> CheckerOptions:
        url = (info.context or {}).get("url", "")
        if "{postcode}" not in url:
            raise ValueError("a wijkteam-checker url needs a {postcode} placeholder")
        return self


class WijkteamCheckerSource:
    options: ClassVar[type[SourceOptions]] = CheckerOptions

    async def records(self, ctx: CrawlContext) -> AsyncIterator[OfferRecord]:
        asked = ctx.options(CheckerOptions).postcodes
        answers = await asyncio.gather(*(self._ask(ctx, pc4) for pc4 in asked))
        teams: dict[str, OfferRecord] = {}
        for pc4, record in zip(asked, answers, strict=True):
            if record is None:
                continue
            team = teams.setdefault(record.source_ref, record)
            team.service_area = [*team.service_area, pc4]
        if not teams and len(ctx.report.errors) == len(asked):
            raise SourceFailed("no postcode could be checked")
        for team in teams.values():
            # The service area is exactly the postcodes the checker answered for.
            team.service_area = sorted(set(team.service_area))
            team.is_wijkteam = True
            yield team

    async def _ask(self, ctx: CrawlContext, pc4: str) -> OfferRecord | None:
        url = ctx.source.url.replace("{postcode}", pc4)
        fetched = await ctx.get_page(url, missing="unknown postcode")
        record = ctx.read_answer(fetched, _team)
        if record is not None:
            record.source_ref = normalise(record.title).replace(" ", "-")
            record.service_area = []
        return record


def _team(fetched: Fetched) -> OfferRecord:
    """The team a checker page names in its JSON-LD. A page without one is a wrong answer
    (a maintenance page, say), never "this postcode has no team"."""
    expect(fetched, HTML)
    try:
        entity = main_entity(extract(fetched.text()))
    except BrokenJsonLd as exc:
        raise WrongAnswer(f"broken JSON-LD: {exc}") from exc
    if entity is None:
        raise WrongAnswer("no schema.org JSON-LD naming a team")
    try:
        return to_record(entity, source_ref="", page_url=fetched.url)
    except ValueError as exc:
        raise WrongAnswer(f"unusable team: {exc}") from exc
