"""One crawl run: every source in turn (fetch → extract → normalise → load), then reindex."""

from __future__ import annotations

import asyncio
import logging
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import partial

from sqlalchemy.engine import Engine
from sqlalchemy.exc import SQLAlchemyError
from sqlmodel import Session

from finder.db import init_db
from finder.geo import get_geocoder
from finder.models import CrawlRun
from finder.search.indexing import reindex
from finder.settings import Settings
from indexer.catalogue_write import CatalogueWriter
from indexer.config import SourceConfig
from indexer.fetch import Fetcher
from indexer.http_cache import HttpCache
from indexer.load import Loader
from indexer.progress import ProgressDisplay
from indexer.records import OfferRecord
from indexer.report import SourceReport
from indexer.sources.base import CrawlContext, SourceFailed
from indexer.sources.registry import reader_for
from indexer.upl import load_upl

log = logging.getLogger(__name__)
BATCH = 250


@dataclass
class CrawlResult:
    run_id: int
    reports: list[SourceReport]
    index_count: int | None = None

    @property
    def indexed(self) -> int:
        return sum(r.indexed for r in self.reports)


def run_crawl(
    sources: list[SourceConfig], settings: Settings, progress: ProgressDisplay, label: str = ""
) -> CrawlResult:
    engine = init_db(settings)
    run_id = _start_run(engine, label)
    try:
        reports = asyncio.run(_crawl_all(sources, settings, engine, run_id, progress))
    finally:
        progress.close()
    result = CrawlResult(run_id, reports)
    if result.indexed or any(r.removed for r in reports):
        result.index_count = reindex(settings)
    _finish_run(engine, result)
    return result


async def _crawl_all(
    sources: list[SourceConfig],
    settings: Settings,
    engine: Engine,
    run_id: int,
    progress: ProgressDisplay,
) -> list[SourceReport]:
    writer = CatalogueWriter(get_geocoder(settings))
    cache = HttpCache(engine)
    reports = []
    for source in sources:
        report = SourceReport(source.name, source.kind.value, licence=source.licence)
        progress.start(report)
        loader = Loader(engine, source, run_id, report, writer)
        async with Fetcher(source.limits, cache) as fetcher:
            ctx = CrawlContext(
                source, fetcher, report, load_upl(), partial(progress.update, report)
            )
            await _crawl_one(ctx, loader)
        progress.finish(report)
        reports.append(report)
    return reports


async def _crawl_one(ctx: CrawlContext, loader: Loader) -> None:
    report, source = ctx.report, ctx.source
    batch: list[OfferRecord] = []
    try:
        async for record in reader_for(source.kind).records(ctx):
            if source.demo:
                _mark_demo(record)
            batch.append(record)
            if len(batch) >= BATCH:
                await _load(loader, batch, ctx)
                batch = []
        await _load(loader, batch, ctx)
    except SourceFailed as exc:
        report.failed = str(exc)
    if not report.failed and report.indexed == 0 and report.errors:
        report.failed = "no record could be read"
    if report.failed:
        log.warning("source %s failed: %s; keeping its records", source.name, report.failed)
        loader.mark_stale()
    else:
        loader.finish(completed_cleanly=not report.errors)


async def _load(loader: Loader, batch: list[OfferRecord], ctx: CrawlContext) -> None:
    if not batch:
        return
    try:
        # In a thread, so the next page is fetched while this one is written.
        await asyncio.to_thread(loader.load, batch)
    except SQLAlchemyError as exc:
        log.exception("storing a batch of %s failed", ctx.source.name)
        loader.writer.forget()
        reason = str(exc).splitlines()[0][:300]
        ctx.report.error(ctx.source.url, f"could not store {len(batch)} records: {reason}")
    ctx.on_progress()


def _mark_demo(record: OfferRecord) -> None:
    record.is_demo = record.organization.is_demo = True
    for place in record.locations:
        place.is_demo = True


def _start_run(engine: Engine, label: str) -> int:
    with Session(engine) as session:
        run = CrawlRun(started_at=datetime.now(UTC), sources_file=label)
        session.add(run)
        session.commit()
        assert run.id is not None
        return run.id


def _finish_run(engine: Engine, result: CrawlResult) -> None:
    with Session(engine) as session:
        run = session.get(CrawlRun, result.run_id)
        if run is None:
            return
        run.finished_at = datetime.now(UTC)
        run.status = "completed" if result.indexed else "failed"
        run.summary = {"sources": [r.as_dict() for r in result.reports]}
        session.add(run)
        session.commit()
